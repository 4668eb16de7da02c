//! The config file: its profiles, where it is, reading it, and editing it in place.
//! Which value wins when several sources give one is `settings`' business.

pub mod keys;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::render::Output;
use crate::text::printable;

pub use keys::{KEY_ENV, KeySource};

pub const DEFAULT_BASE_URL: &str = "https://api.lightningenable.com";
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The value of `base_url` (or `--base-url`) that means the embedded sandbox.
pub const SANDBOX: &str = "sandbox";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// An https URL, or "sandbox" for the embedded sandbox.
    pub base_url: Option<String>,
    /// Name of an environment variable holding the key.
    pub api_key_env: Option<String>,
    /// A file holding the key (and nothing else).
    pub api_key_file: Option<PathBuf>,
    /// A command that prints the key, e.g. from a password manager.
    pub api_key_command: Option<String>,
    /// Per-request time limit, e.g. "30s".
    pub request_timeout: Option<String>,
    /// The network the API's invoices must be for: mainnet, testnet, signet or regtest.
    pub network: Option<String>,
    /// The gateway's node keys; invoices from any other node are refused.
    pub payee_pubkeys: Option<Vec<String>>,
    /// Cross-check the API's invoices (default true).
    pub verify: Option<bool>,
    /// `create`'s currency when `--currency` is not given.
    pub currency: Option<String>,
    /// `create`'s description when `--description` is not given.
    pub description: Option<String>,
    /// With it, `create` may leave out `--order`: it makes a new order id with this prefix.
    pub order_prefix: Option<String>,
    /// A PEM file of certificates trusted for https besides the system's.
    pub cacert: Option<PathBuf>,
}

pub fn config_path() -> Option<PathBuf> {
    match std::env::var_os("LE_CONFIG") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => dirs::config_dir().map(|d| d.join("le").join("config.toml")),
    }
}

pub fn sandbox_dir() -> Result<PathBuf> {
    match std::env::var_os("LE_SANDBOX_DIR") {
        Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
        _ => dirs::data_dir()
            .map(|d| d.join("le").join("sandbox"))
            .ok_or_else(|| {
                Error::Config(
                    "cannot find a data directory for the sandbox; set LE_SANDBOX_DIR".into(),
                )
            }),
    }
}

/// Where `le webhook listen` keeps the deliveries it has seen: `$LE_LISTEN_DIR`, else
/// `le/webhook-listen` in the data directory.
pub fn listen_dir() -> Result<PathBuf> {
    match std::env::var_os("LE_LISTEN_DIR") {
        Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
        _ => dirs::data_dir()
            .map(|d| d.join("le").join("webhook-listen"))
            .ok_or_else(|| {
                Error::Config(
                    "cannot find a data directory for le webhook listen; set LE_LISTEN_DIR".into(),
                )
            }),
    }
}

pub fn load_file(path: &Path, out: &Output) -> Result<Option<ConfigFile>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::Config(format!(
                "cannot read the config file {}: {e}",
                path.display()
            )));
        }
    };
    crate::input::warn_if_shared(path, out);
    toml::from_str(&text).map(Some).map_err(|e| {
        Error::Config(format!(
            "the config file {} is not valid: {}\n(the top level takes default_profile and [profiles.NAME] tables; a profile takes {})",
            path.display(),
            e.to_string().trim_end(),
            PROFILE_KEYS.join(", ")
        ))
    })
}

pub fn missing_profile(name: &str, path: Option<&Path>, file: Option<&ConfigFile>) -> Error {
    let known = file
        .map(|f| f.profiles.keys().cloned().collect::<Vec<_>>().join(", "))
        .filter(|k| !k.is_empty())
        .map(|k| format!(" (profiles there: {k})"))
        .unwrap_or_default();
    match file {
        Some(_) => Error::Config(format!(
            "no profile named '{name}' in {}{known}",
            display(path)
        )),
        None => Error::Config(format!(
            "profile '{name}' was asked for, but there is no config file at {}",
            display(path)
        )),
    }
}

pub fn display(p: Option<&Path>) -> String {
    p.map_or_else(|| "the config file".into(), |p| p.display().to_string())
}

/// A base URL must be http(s) with a host; plain http only to this machine, so that a key
/// never crosses a network unencrypted.
pub fn check_base_url(raw: &str) -> Result<String> {
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| {
        Error::usage(format!(
            "--base-url '{}' is not a URL ({e}); e.g. --base-url https://api.lightningenable.com",
            printable(raw)
        ))
    })?;
    match url.scheme() {
        "https" => {}
        "http" if crate::net::is_loopback(&url) => {}
        "http" => {
            return Err(Error::usage(format!(
                "--base-url {raw} is plain http to another machine: le sends the API key only over https, or over http to this machine (localhost, 127.0.0.1, ::1)"
            )));
        }
        other => {
            return Err(Error::usage(format!(
                "--base-url must start with https:// (or http:// for this machine), not {other}://"
            )));
        }
    }
    if url.host().is_none() {
        return Err(Error::usage(format!("--base-url {raw} has no host")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::usage(format!(
            "--base-url {raw} should not have a query or fragment"
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// An order prefix: short, and made of what order ids usually are, so that the ids made
/// from it are easy to read out at a till and safe in a URL.
pub fn check_order_prefix(p: &str) -> std::result::Result<(), String> {
    if p.is_empty() || p.len() > 32 {
        return Err("must be 1 to 32 characters, e.g. TILL".into());
    }
    if !p
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(format!(
            "'{}' may hold only letters, digits, '-' and '_', e.g. TILL",
            printable(p)
        ));
    }
    Ok(())
}

/// `~/keys/live` as the shell would read it.
pub fn expand_home(p: &Path) -> PathBuf {
    match p.strip_prefix("~") {
        Ok(rest) => dirs::home_dir().map_or_else(|| p.to_owned(), |h| h.join(rest)),
        Err(_) => p.to_owned(),
    }
}

/// Keys a profile takes, for `le config set`.
pub const PROFILE_KEYS: [&str; 12] = [
    "base_url",
    "api_key_env",
    "api_key_file",
    "api_key_command",
    "request_timeout",
    "network",
    "payee_pubkeys",
    "verify",
    "currency",
    "description",
    "order_prefix",
    "cacert",
];

/// What `le config set` and `unset` take: a profile's keys, and the default profile.
pub const SETTABLE_KEYS: &[&str] = &[
    "base_url",
    "api_key_env",
    "api_key_file",
    "api_key_command",
    "request_timeout",
    "network",
    "payee_pubkeys",
    "verify",
    "currency",
    "description",
    "order_prefix",
    "cacert",
    "default_profile",
];

/// The profiles of the config file, for tab completion: nothing (and nothing said) when
/// there is no file or it cannot be read.
pub fn profile_candidates() -> Vec<clap_complete::CompletionCandidate> {
    let Some(path) = config_path() else {
        return Vec::new();
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let Ok(file) = toml::from_str::<ConfigFile>(&text) else {
        return Vec::new();
    };
    file.profiles
        .into_iter()
        .map(|(name, p)| {
            let about = p.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
            clap_complete::CompletionCandidate::new(name)
                .help(Some(crate::text::printable(&about).into()))
        })
        .collect()
}

/// Where a profile's key comes from: one of these at a time.
const KEY_SOURCES: [&str; 3] = ["api_key_env", "api_key_file", "api_key_command"];

/// Sets (or with `None` removes) one key of a profile in a config document, the profile
/// made if it is new. One place for the API key: setting one of its sources clears the
/// others, whether `le config set` or `le login` does it.
pub fn set_profile_key(
    doc: &mut toml_edit::DocumentMut,
    profile: &str,
    key: &str,
    item: Option<toml_edit::Item>,
) -> Result<()> {
    let profiles = doc["profiles"].or_insert(toml_edit::table());
    if let Some(t) = profiles.as_table_mut() {
        t.set_implicit(true);
    }
    let table = profiles[profile]
        .or_insert(toml_edit::table())
        .as_table_mut()
        .ok_or_else(|| {
            Error::Config(format!(
                "profiles.{} is not a table",
                crate::text::printable(profile)
            ))
        })?;
    match item {
        Some(item) => {
            if KEY_SOURCES.contains(&key) {
                for other in KEY_SOURCES {
                    table.remove(other);
                }
            }
            table.insert(key, item);
        }
        None => {
            table.remove(key);
        }
    }
    Ok(())
}

/// Edits the config file in place, keeping its comments and layout: the result must still
/// be a valid configuration, and is written atomically, readable by its owner only.
pub fn edit_file(
    path: &Path,
    f: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<()> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(Error::Config(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| Error::Config(format!("{} is not valid TOML: {e}", path.display())))?;
    f(&mut doc)?;
    let out = doc.to_string();
    toml::from_str::<ConfigFile>(&out)
        .map_err(|e| Error::Config(format!("that would make {} invalid: {e}", path.display())))?;
    write_private(path, out.as_bytes())
}

/// Writes a file only its owner can read, whole or not at all.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::create_private_dir(dir)
            .map_err(|e| Error::Config(format!("cannot create {}: {e}", dir.display())))?;
    }
    crate::files::write_atomic(path, bytes, crate::files::Mode::Private)
        .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))
}

/// Checks a value for a profile key the way reading the config would, before it is stored.
pub fn check_profile_value(key: &str, value: &str) -> Result<toml_edit::Item> {
    let v = value.trim();
    match key {
        "base_url" => {
            if v != SANDBOX {
                check_base_url(v)?;
            }
            Ok(toml_edit::value(v))
        }
        "request_timeout" => {
            let t = crate::duration::parse(v)
                .map_err(|e| Error::usage(format!("request_timeout: {e}")))?;
            if t.is_zero() {
                return Err(Error::usage(
                    "request_timeout must be more than 0, e.g. 30s",
                ));
            }
            Ok(toml_edit::value(v))
        }
        "network" => {
            v.parse::<crate::invoice::Network>()
                .map_err(|e| Error::usage(format!("network: {e}")))?;
            Ok(toml_edit::value(v))
        }
        "api_key_env" => {
            let ok = !v.is_empty()
                && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !v.as_bytes()[0].is_ascii_digit();
            if !ok {
                return Err(Error::usage(format!(
                    "api_key_env '{}' is not an environment variable name, e.g. LE_LIVE_KEY",
                    printable(v)
                )));
            }
            Ok(toml_edit::value(v))
        }
        "currency" => {
            v.parse::<crate::money::Currency>()
                .map_err(|e| Error::usage(format!("currency: {e}")))?;
            Ok(toml_edit::value(v))
        }
        "description" => {
            crate::input::check_text("description", value)?;
            Ok(toml_edit::value(value))
        }
        "order_prefix" => {
            check_order_prefix(v).map_err(|e| Error::usage(format!("order_prefix: {e}")))?;
            Ok(toml_edit::value(v))
        }
        "verify" => match v {
            "true" | "false" => Ok(toml_edit::value(v == "true")),
            _ => Err(Error::usage(format!(
                "verify takes true or false, not '{}'",
                printable(v)
            ))),
        },
        "api_key_file" | "api_key_command" | "cacert" if v.is_empty() => {
            Err(Error::usage(format!("{key} must not be empty")))
        }
        "api_key_file" | "api_key_command" | "cacert" => Ok(toml_edit::value(v)),
        "payee_pubkeys" => {
            let mut arr = toml_edit::Array::new();
            for k in v.split(',').map(str::trim).filter(|k| !k.is_empty()) {
                let ok = k.len() == 66
                    && k.bytes().all(|b| b.is_ascii_hexdigit())
                    && (k.starts_with("02") || k.starts_with("03"));
                if !ok {
                    return Err(Error::usage(format!(
                        "payee_pubkeys: '{}' is not a compressed public key (66 hex characters)",
                        printable(k)
                    )));
                }
                arr.push(k.to_ascii_lowercase());
            }
            Ok(toml_edit::value(arr))
        }
        other => Err(Error::usage(format!(
            "unknown key '{}': use default_profile or one of {}",
            printable(other),
            PROFILE_KEYS.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("https://api.lightningenable.com/").unwrap(),
            "https://api.lightningenable.com"
        );
        assert!(check_base_url("http://127.0.0.1:8402").is_ok());
        assert!(check_base_url("http://localhost:1/").is_ok());
        assert!(check_base_url("http://[::1]:1").is_ok());
        assert!(check_base_url("http://example.com").is_err());
        assert!(check_base_url("ftp://example.com").is_err());
        assert!(check_base_url("not a url").is_err());
        assert!(check_base_url("https://x.com/?a=1").is_err());
    }

    #[test]
    fn example_config_parses() {
        let text = include_str!("../../config.example.toml");
        let f: ConfigFile = toml::from_str(text).expect("config.example.toml must parse");
        assert!(
            f.profiles
                .contains_key(f.default_profile.as_deref().unwrap())
        );
    }
}
