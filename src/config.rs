//! Where settings come from: flag > environment > profile in the config file > default.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::secret::SecretString;

pub const DEFAULT_BASE_URL: &str = "https://api.lightningenable.com";
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The value of `base_url` (or `--base-url`) that means the embedded sandbox.
pub const SANDBOX: &str = "sandbox";
pub const KEY_ENV: &str = "LIGHTNING_API_KEY";

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
}

/// Where the API key comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    FlagFile(String),
    Env(String),
    ProfileEnv(String),
    ProfileFile(PathBuf),
    ProfileCommand(String),
    None,
}

impl KeySource {
    /// Where, in words, for `config show` and `doctor`.
    pub fn describe(&self) -> String {
        match self {
            KeySource::FlagFile(p) if p == "-" => "stdin (--api-key-file -)".into(),
            KeySource::FlagFile(p) => format!("file {p} (--api-key-file)"),
            KeySource::Env(v) => format!("environment ${v}"),
            KeySource::ProfileEnv(v) => format!("environment ${v} (profile api_key_env)"),
            KeySource::ProfileFile(p) => format!("file {} (profile api_key_file)", p.display()),
            KeySource::ProfileCommand(c) => format!("command `{c}` (profile api_key_command)"),
            KeySource::None => "nowhere".into(),
        }
    }
}

/// Where the requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The sandbox, run inside this process over loopback.
    Embedded,
    Remote(String),
}

/// The settings a command runs with, once every source has been consulted.
#[derive(Debug)]
pub struct Settings {
    pub target: Target,
    /// Whether a flag, the environment or the profile chose the target (rather than the
    /// built-in default).
    pub explicit: bool,
    pub profile_name: Option<String>,
    pub profile: Profile,
    pub request_timeout: Duration,
    config_path: Option<PathBuf>,
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

pub fn load_file(path: &Path) -> Result<Option<ConfigFile>> {
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
    warn_if_shared(path);
    toml::from_str(&text).map(Some).map_err(|e| {
        Error::Config(format!(
            "the config file {} is not valid: {}\n(config.example.toml in the le repository documents every key)",
            path.display(),
            e.to_string().trim_end()
        ))
    })
}

impl Settings {
    /// Resolves the target, profile and timeouts. The key is resolved separately and
    /// only when a request needs it.
    pub fn resolve(global: &GlobalArgs) -> Result<Settings> {
        let config_path = config_path();
        // `--sandbox` needs nothing from the config file, so a broken one cannot stop it.
        let file = match &config_path {
            Some(p) if !global.sandbox => load_file(p)?,
            _ => None,
        };
        let global_profile = if global.sandbox {
            None
        } else {
            global.profile.clone()
        };
        let requested = global_profile.filter(|p| !p.is_empty());
        let (profile_name, profile) = match (requested, file) {
            (Some(name), Some(f)) => match f.profiles.get(&name) {
                Some(p) => (Some(name), p.clone()),
                None => return Err(missing_profile(&name, config_path.as_deref(), Some(&f))),
            },
            (Some(name), None) => return Err(missing_profile(&name, config_path.as_deref(), None)),
            (None, Some(f)) => match &f.default_profile {
                Some(name) => match f.profiles.get(name) {
                    Some(p) => (Some(name.clone()), p.clone()),
                    None => {
                        return Err(Error::Config(format!(
                            "default_profile = \"{name}\" in {}, but there is no [profiles.{name}]",
                            display(config_path.as_deref())
                        )));
                    }
                },
                None => (None, Profile::default()),
            },
            (None, None) => (None, Profile::default()),
        };

        let base = global
            .base_url
            .clone()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| profile.base_url.clone());
        let explicit = global.sandbox || base.is_some();
        let target = if global.sandbox {
            Target::Embedded
        } else {
            match base {
                Some(u) if u.trim() == SANDBOX => Target::Embedded,
                Some(u) => Target::Remote(check_base_url(&u)?),
                None => Target::Remote(DEFAULT_BASE_URL.to_owned()),
            }
        };

        let request_timeout = match (global.request_timeout, &profile.request_timeout) {
            (Some(t), _) => t,
            (None, Some(text)) => crate::duration::parse(text).map_err(|e| {
                Error::Config(format!(
                    "request_timeout in profile {}: {e}",
                    profile_name.as_deref().unwrap_or("?")
                ))
            })?,
            (None, None) => DEFAULT_REQUEST_TIMEOUT,
        };
        if request_timeout.is_zero() {
            return Err(Error::usage(
                "--request-timeout must be more than 0, e.g. 30s",
            ));
        }

        Ok(Settings {
            target,
            explicit,
            profile_name,
            profile,
            request_timeout,
            config_path,
        })
    }

    /// What the API's invoices are checked against: the profile's `network`, else regtest
    /// for a sandbox (embedded, or any server on this machine) and mainnet otherwise.
    pub fn expectations(&self) -> Result<crate::invoice::Expectations> {
        use crate::invoice::Network;
        let name = self.profile_name.as_deref().unwrap_or("default");
        let network = match &self.profile.network {
            Some(n) => n
                .parse::<Network>()
                .map_err(|e| Error::Config(format!("network in profile {name}: {e}")))?,
            None => match &self.target {
                Target::Embedded => Network::Regtest,
                Target::Remote(url) => match reqwest::Url::parse(url) {
                    Ok(u) if is_loopback(&u) => Network::Regtest,
                    _ => Network::Bitcoin,
                },
            },
        };
        let payees = self.profile.payee_pubkeys.clone().unwrap_or_default();
        for k in &payees {
            let ok = k.len() == 66
                && k.bytes().all(|b| b.is_ascii_hexdigit())
                && (k.starts_with("02") || k.starts_with("03"));
            if !ok {
                return Err(Error::Config(format!(
                    "payee_pubkeys in profile {name}: '{}' is not a compressed public key (66 hex characters starting 02 or 03)",
                    crate::money::printable(k)
                )));
            }
        }
        Ok(crate::invoice::Expectations { network, payees })
    }

    /// Where the key will come from, found without reading it: `--api-key-file`, then
    /// `LIGHTNING_API_KEY`, then the profile.
    pub fn key_source(&self, global: &GlobalArgs) -> KeySource {
        if let Some(source) = &global.api_key_file {
            return KeySource::FlagFile(source.clone());
        }
        if std::env::var(KEY_ENV).is_ok_and(|k| !k.trim().is_empty()) {
            return KeySource::Env(KEY_ENV.to_owned());
        }
        let p = &self.profile;
        if let Some(var) = &p.api_key_env {
            return KeySource::ProfileEnv(var.clone());
        }
        if let Some(path) = &p.api_key_file {
            return KeySource::ProfileFile(expand_home(path));
        }
        if let Some(cmd) = &p.api_key_command {
            return KeySource::ProfileCommand(cmd.clone());
        }
        KeySource::None
    }

    /// The API key, from where `key_source` says.
    pub fn api_key(&self, global: &GlobalArgs) -> Result<SecretString> {
        let name = self.profile_name.as_deref().unwrap_or("default");
        match self.key_source(global) {
            KeySource::FlagFile(source) => {
                let text = read_secret(&source, "--api-key-file").map_err(Error::Key)?;
                non_empty(text, &format!("--api-key-file {source}"))
            }
            KeySource::Env(var) => non_empty(std::env::var(&var).unwrap_or_default(), &var),
            KeySource::ProfileEnv(var) => match std::env::var(&var) {
                Ok(k) if !k.trim().is_empty() => non_empty(k, &var),
                _ => Err(Error::Key(format!(
                    "profile {name} reads the API key from ${var}, which is not set"
                ))),
            },
            KeySource::ProfileFile(path) => {
                read_key_file(&path, &format!("api_key_file of profile {name}"))
            }
            KeySource::ProfileCommand(cmd) => run_key_command(&cmd, name),
            KeySource::None => Err(Error::Key(format!(
                "no API key. Provide one with any of:\n  \
                 le login (asks for it and keeps it for this profile)\n  \
                 export {KEY_ENV}=le_merchant_…\n  \
                 le --api-key-file PATH … (or --api-key-file - to read stdin)\n  \
                 api_key_file, api_key_env or api_key_command in a profile of {}\n\
                 To try le without a key: le --sandbox create --order ORDER-1 --amount 49.99 --currency USD",
                display(self.config_path.as_deref())
            ))),
        }
    }

    pub fn config_path(&self) -> Option<&Path> {
        self.config_path.as_deref()
    }
}

fn missing_profile(name: &str, path: Option<&Path>, file: Option<&ConfigFile>) -> Error {
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

fn display(p: Option<&Path>) -> String {
    p.map_or_else(|| "the config file".into(), |p| p.display().to_string())
}

/// A base URL must be http(s) with a host; plain http only to this machine, so that a key
/// never crosses a network unencrypted.
pub fn check_base_url(raw: &str) -> Result<String> {
    let url = reqwest::Url::parse(raw.trim()).map_err(|e| {
        Error::usage(format!(
            "--base-url '{}' is not a URL ({e}); e.g. --base-url https://api.lightningenable.com",
            crate::money::printable(raw)
        ))
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
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

pub fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn non_empty(raw: String, source: &str) -> Result<SecretString> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(Error::Key(format!("the API key from {source} is empty")));
    }
    if !trimmed.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::Key(format!(
            "the API key from {source} contains spaces, control or non-ASCII characters; a key is one word of printable ASCII"
        )));
    }
    Ok(SecretString::new(trimmed.to_owned()))
}

fn read_key_file(path: &Path, what: &str) -> Result<SecretString> {
    let text = read_secret(&path.display().to_string(), what).map_err(Error::Key)?;
    non_empty(text, &path.display().to_string())
}

/// A secret from a file or stdin, as one line: the file's final line break is not part of
/// it, everything else is (a webhook secret ending in a space stays that way). Refuses
/// an empty one.
pub fn read_secret_line(source: &str, what: &str) -> std::result::Result<String, String> {
    let text = read_secret(source, what)?;
    let s = text.strip_suffix('\n').unwrap_or(&text);
    let s = s.strip_suffix('\r').unwrap_or(s);
    if s.is_empty() {
        return Err(format!("{what} {source} is empty"));
    }
    Ok(s.to_owned())
}

/// Reads a secret from a file, or from stdin for `-`, warning when the file is readable
/// by others. The error names the flag or setting it came from.
pub fn read_secret(source: &str, what: &str) -> std::result::Result<String, String> {
    if source == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read {what} from stdin: {e}"))?;
        return Ok(s);
    }
    let path = Path::new(source);
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {} ({what}): {e}", path.display()))?;
    warn_if_shared(path);
    Ok(text)
}

fn run_key_command(cmd: &str, profile: &str) -> Result<SecretString> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| {
            Error::Key(format!(
                "cannot run api_key_command of profile {profile}: {e}"
            ))
        })?;
    if !out.status.success() {
        return Err(Error::Key(format!(
            "api_key_command of profile {profile} failed ({})",
            out.status
        )));
    }
    let text = String::from_utf8(out.stdout).map_err(|_| {
        Error::Key(format!(
            "api_key_command of profile {profile} printed something that is not text"
        ))
    })?;
    non_empty(text, &format!("api_key_command of profile {profile}"))
}

pub fn expand_home(p: &Path) -> PathBuf {
    match p.strip_prefix("~") {
        Ok(rest) => dirs::home_dir().map_or_else(|| p.to_owned(), |h| h.join(rest)),
        Err(_) => p.to_owned(),
    }
}

/// A key or config readable by others is worth a warning, not a refusal: the user may
/// have reasons, but should know.
pub fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.is_file()
            && meta.permissions().mode() & 0o077 != 0
        {
            eprintln!(
                "warning: {} is readable by other users; fix with: chmod 600 {}",
                path.display(),
                path.display()
            );
        }
    }
}

/// Keys a profile takes, for `le config set`.
pub const PROFILE_KEYS: [&str; 7] = [
    "base_url",
    "api_key_env",
    "api_key_file",
    "api_key_command",
    "request_timeout",
    "network",
    "payee_pubkeys",
];

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

/// Writes a file only its owner can read, through a temporary file and a rename.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Config(format!("cannot create {}: {e}", dir.display())))?;
    let tmp = path.with_extension("tmp");
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let written = opts.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    written
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::Config(format!("cannot write {}: {e}", path.display()))
        })
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
            crate::duration::parse(v).map_err(|e| Error::usage(format!("request_timeout: {e}")))?;
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
                    crate::money::printable(v)
                )));
            }
            Ok(toml_edit::value(v))
        }
        "api_key_file" | "api_key_command" if v.is_empty() => {
            Err(Error::usage(format!("{key} must not be empty")))
        }
        "api_key_file" | "api_key_command" => Ok(toml_edit::value(v)),
        "payee_pubkeys" => {
            let mut arr = toml_edit::Array::new();
            for k in v.split(',').map(str::trim).filter(|k| !k.is_empty()) {
                let ok = k.len() == 66
                    && k.bytes().all(|b| b.is_ascii_hexdigit())
                    && (k.starts_with("02") || k.starts_with("03"));
                if !ok {
                    return Err(Error::usage(format!(
                        "payee_pubkeys: '{}' is not a compressed public key (66 hex characters)",
                        crate::money::printable(k)
                    )));
                }
                arr.push(k.to_ascii_lowercase());
            }
            Ok(toml_edit::value(arr))
        }
        other => Err(Error::usage(format!(
            "unknown key '{}': use default_profile or one of {}",
            crate::money::printable(other),
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
        let text = include_str!("../config.example.toml");
        let f: ConfigFile = toml::from_str(text).expect("config.example.toml must parse");
        assert!(
            f.profiles
                .contains_key(f.default_profile.as_deref().unwrap())
        );
    }
}
