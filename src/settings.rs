//! The settings a run works with, decided once from every source, in order: command-line
//! flag > environment > profile in the config file > built-in default. Each value keeps
//! where it came from, for `le config show` and `le doctor`.

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::GlobalArgs;
use crate::config::{
    self, DEFAULT_BASE_URL, DEFAULT_REQUEST_TIMEOUT, KEY_ENV, KeySource, Profile, SANDBOX,
};
use crate::error::{Error, Result};
use crate::invoice::Network;
use crate::render::Output;
use crate::secret::SecretString;
use crate::text::printable;

/// Where the requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The sandbox, run inside this process over loopback.
    Embedded,
    Remote(String),
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag(&'static str),
    Env(&'static str),
    /// The profile's key of this name.
    Profile(&'static str),
    /// The config file's `default_profile`.
    DefaultProfile,
    /// Implied by using the sandbox.
    Sandbox,
    Default,
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::Flag(f) => format!("flag {f}"),
            Origin::Env(v) => format!("environment ${v}"),
            Origin::Profile(k) => format!("profile {k}"),
            Origin::DefaultProfile => "default_profile in the config file".into(),
            Origin::Sandbox => "the sandbox".into(),
            Origin::Default => "default".into(),
        }
    }
}

#[derive(Debug)]
pub struct Settings {
    pub config_path: Option<PathBuf>,
    pub config_origin: Origin,
    pub profile_name: Option<String>,
    pub profile_origin: Origin,
    pub profile: Profile,
    pub target: Target,
    pub target_origin: Origin,
    pub request_timeout: Duration,
    pub timeout_origin: Origin,
    /// The network the API's invoices must be for, when something says so; `None` leaves
    /// it to a served sandbox announcing itself, else mainnet.
    pub network: Option<Network>,
    pub network_origin: Origin,
    /// Whether the API's invoices are cross-checked.
    pub verify: bool,
    pub verify_origin: Origin,
    /// Gateway node keys the profile pins; empty means any.
    pub payees: Vec<String>,
    pub key_source: KeySource,
    /// Certificates trusted for https besides the system's (`--cacert`).
    pub cacert: Option<PathBuf>,
    pub cacert_origin: Origin,
}

/// Whether a flag is on the command line (clap folds the environment into the same value).
fn flag_given(name: &str) -> bool {
    std::env::args().any(|a| a == name || a.starts_with(&format!("{name}=")))
}

fn env_set(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty())
}

/// `flag` if it is on the command line, else `env` if set.
fn flag_or_env(flag: &'static str, env: &'static str) -> Origin {
    if flag_given(flag) || !env_set(env) {
        Origin::Flag(flag)
    } else {
        Origin::Env(env)
    }
}

impl Settings {
    pub fn resolve(g: &GlobalArgs, out: &Output) -> Result<Settings> {
        let config_path = config::config_path();
        let config_origin = if env_set("LE_CONFIG") {
            Origin::Env("LE_CONFIG")
        } else {
            Origin::Default
        };
        // `--sandbox` needs nothing from the config file, so a broken one cannot stop it.
        let file = match &config_path {
            Some(p) if !g.sandbox => config::load_file(p, out)?,
            _ => None,
        };
        let requested = if g.sandbox {
            None
        } else {
            g.profile.clone().filter(|p| !p.is_empty())
        };
        let (profile_name, profile_origin, profile) = match (requested, file) {
            (Some(name), Some(f)) => match f.profiles.get(&name) {
                Some(p) => (
                    Some(name),
                    flag_or_env("--profile", "LE_PROFILE"),
                    p.clone(),
                ),
                None => {
                    return Err(config::missing_profile(
                        &name,
                        config_path.as_deref(),
                        Some(&f),
                    ));
                }
            },
            (Some(name), None) => {
                return Err(config::missing_profile(&name, config_path.as_deref(), None));
            }
            (None, Some(f)) => match &f.default_profile {
                Some(name) => match f.profiles.get(name) {
                    Some(p) => (Some(name.clone()), Origin::DefaultProfile, p.clone()),
                    None => {
                        return Err(Error::Config(format!(
                            "default_profile = \"{}\" in {}, but there is no [profiles.{}]",
                            printable(name),
                            config::display(config_path.as_deref()),
                            printable(name)
                        )));
                    }
                },
                None => (None, Origin::Default, Profile::default()),
            },
            (None, None) => (None, Origin::Default, Profile::default()),
        };
        let label = profile_name.clone().unwrap_or_else(|| "default".into());

        let flag_url = g.base_url.clone().filter(|s| !s.trim().is_empty());
        let (target, target_origin) = if g.sandbox {
            (Target::Embedded, Origin::Flag("--sandbox"))
        } else {
            let (url, origin) = match (flag_url, &profile.base_url) {
                (Some(u), _) => (Some(u), flag_or_env("--base-url", "LE_BASE_URL")),
                (None, Some(u)) => (Some(u.clone()), Origin::Profile("base_url")),
                (None, None) => (None, Origin::Default),
            };
            match url {
                Some(u) if u.trim() == SANDBOX => (Target::Embedded, origin),
                Some(u) => (Target::Remote(config::check_base_url(&u)?), origin),
                None => (Target::Remote(DEFAULT_BASE_URL.to_owned()), origin),
            }
        };

        let (request_timeout, timeout_origin) = match (g.request_timeout, &profile.request_timeout)
        {
            (Some(t), _) => (t, Origin::Flag("--request-timeout")),
            (None, Some(text)) => (
                crate::duration::parse(text).map_err(|e| {
                    Error::Config(format!("request_timeout in profile {label}: {e}"))
                })?,
                Origin::Profile("request_timeout"),
            ),
            (None, None) => (DEFAULT_REQUEST_TIMEOUT, Origin::Default),
        };
        if request_timeout.is_zero() {
            return Err(match timeout_origin {
                Origin::Profile(_) => Error::Config(format!(
                    "request_timeout in profile {label} must be more than 0, e.g. 30s"
                )),
                _ => Error::usage("--request-timeout must be more than 0, e.g. 30s"),
            });
        }

        let (network, network_origin) = match (&g.network, &profile.network) {
            (Some(n), _) => (
                Some(
                    n.parse::<Network>()
                        .map_err(|e| Error::usage(format!("--network: {e}")))?,
                ),
                flag_or_env("--network", "LE_NETWORK"),
            ),
            (None, Some(n)) => (
                Some(
                    n.parse::<Network>()
                        .map_err(|e| Error::Config(format!("network in profile {label}: {e}")))?,
                ),
                Origin::Profile("network"),
            ),
            (None, None) if target == Target::Embedded => (Some(Network::Regtest), Origin::Sandbox),
            (None, None) => (None, Origin::Default),
        };

        let (verify, verify_origin) = if g.no_verify {
            (false, flag_or_env("--no-verify", "LE_NO_VERIFY"))
        } else {
            match profile.verify {
                Some(v) => (v, Origin::Profile("verify")),
                None => (true, Origin::Default),
            }
        };

        let payees = profile.payee_pubkeys.clone().unwrap_or_default();
        for k in &payees {
            if !is_pubkey(k) {
                return Err(Error::Config(format!(
                    "payee_pubkeys in profile {label}: '{}' is not a compressed public key (66 hex characters starting 02 or 03)",
                    printable(k)
                )));
            }
        }

        if let Some(c) = &profile.currency {
            c.parse::<crate::money::Currency>()
                .map_err(|e| Error::Config(format!("currency in profile {label}: {e}")))?;
        }
        if let Some(p) = &profile.order_prefix {
            config::check_order_prefix(p)
                .map_err(|e| Error::Config(format!("order_prefix in profile {label}: {e}")))?;
        }
        let (cacert, cacert_origin) = match (&g.cacert, &profile.cacert) {
            (Some(p), _) if !p.as_os_str().is_empty() => {
                (Some(p.clone()), flag_or_env("--cacert", "LE_CACERT"))
            }
            (_, Some(p)) => (Some(config::expand_home(p)), Origin::Profile("cacert")),
            _ => (None, Origin::Default),
        };

        let key_source = key_source(g, &profile);
        Ok(Settings {
            config_path,
            config_origin,
            profile_name,
            profile_origin,
            profile,
            target,
            target_origin,
            request_timeout,
            timeout_origin,
            network,
            network_origin,
            verify,
            verify_origin,
            payees,
            key_source,
            cacert,
            cacert_origin,
        })
    }

    /// The profile's name for messages.
    pub fn profile_label(&self) -> &str {
        self.profile_name.as_deref().unwrap_or("default")
    }

    pub fn config_display(&self) -> String {
        config::display(self.config_path.as_deref())
    }

    /// Reads the API key from where `key_source` says. Call it once per run (`Ctx` does).
    pub fn read_key(&self, out: &Output) -> Result<SecretString> {
        self.key_source
            .read(self.profile_label(), &self.config_display(), out)
    }
}

/// Where the key will come from, found without reading it: `--api-key-file`, then
/// `LIGHTNING_API_KEY`, then the profile.
fn key_source(g: &GlobalArgs, p: &Profile) -> KeySource {
    if let Some(source) = &g.api_key_file {
        return KeySource::FlagFile(source.clone());
    }
    if std::env::var(KEY_ENV).is_ok_and(|k| !k.trim().is_empty()) {
        return KeySource::Env(KEY_ENV.to_owned());
    }
    if let Some(var) = &p.api_key_env {
        return KeySource::ProfileEnv(var.clone());
    }
    if let Some(path) = &p.api_key_file {
        return KeySource::ProfileFile(config::expand_home(path));
    }
    if let Some(cmd) = &p.api_key_command {
        return KeySource::ProfileCommand(cmd.clone());
    }
    KeySource::None
}

pub fn is_pubkey(k: &str) -> bool {
    k.len() == 66
        && k.bytes().all(|b| b.is_ascii_hexdigit())
        && (k.starts_with("02") || k.starts_with("03"))
}
