//! `le login`: keep a key for a profile, never taking it from the command line.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use super::Ctx;
use crate::api::{Client, ClientOptions};
use crate::cli::LoginArgs;
use crate::config::{self, DEFAULT_BASE_URL, SANDBOX};
use crate::error::{Error, Result};
use crate::secret::SecretString;

pub async fn run(ctx: &Ctx, a: LoginArgs) -> Result<()> {
    let path = config::config_path()
        .ok_or_else(|| Error::Config("no config directory on this system; set LE_CONFIG".into()))?;
    let file = config::load_file(&path)?.unwrap_or_default();
    let profile = ctx
        .global
        .profile
        .clone()
        .filter(|p| !p.is_empty())
        .or_else(|| file.default_profile.clone())
        .unwrap_or_else(|| "default".into());
    let existing = file.profiles.get(&profile).cloned().unwrap_or_default();
    let base = ctx
        .global
        .base_url
        .clone()
        .filter(|u| !u.trim().is_empty())
        .or(existing.base_url.clone())
        .unwrap_or_else(|| DEFAULT_BASE_URL.into());
    if base == SANDBOX || ctx.global.sandbox {
        return Err(Error::usage(
            "the sandbox needs no key; use --sandbox, or a profile with base_url = \"sandbox\"",
        ));
    }
    let base = config::check_base_url(&base)?;

    if let Some(cmd) = &a.key_command {
        if cmd.trim().is_empty() {
            return Err(Error::usage("--key-command must not be empty"));
        }
        config::edit_file(&path, |doc| record(doc, &profile, "api_key_command", cmd))?;
        ctx.out.note(&format!(
            "profile {profile} now reads its key from `{cmd}` (run each time le needs it); nothing was stored"
        ));
        return Ok(());
    }

    let key = read_key(&a, &profile)?;
    if !a.no_check {
        check(ctx, &base, &key).await?;
    }
    let key_file = key_path(&path, &profile);
    config::write_private(&key_file, format!("{}\n", key.expose()).as_bytes())?;
    let key_file_text = key_file.display().to_string();
    let given_url = ctx
        .global
        .base_url
        .as_ref()
        .filter(|u| !u.trim().is_empty())
        .map(|_| base.clone());
    config::edit_file(&path, |doc| {
        record(doc, &profile, "api_key_file", &key_file_text)?;
        // `le --base-url URL login` sets the profile up for that URL too.
        if let Some(url) = &given_url {
            doc["profiles"][profile.as_str()]["base_url"] = toml_edit::value(url.as_str());
        }
        Ok(())
    })?;
    ctx.out.note(&format!(
        "stored the key for profile {profile} in {} (readable by you only); le uses it from now on",
        key_file.display()
    ));
    Ok(())
}

/// Where a profile's key is kept: beside the config file.
fn key_path(config: &std::path::Path, profile: &str) -> PathBuf {
    let safe: String = profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    config.parent().map_or_else(
        || PathBuf::from(format!("{safe}.key")),
        |d| d.join(format!("{safe}.key")),
    )
}

fn record(doc: &mut toml_edit::DocumentMut, profile: &str, key: &str, value: &str) -> Result<()> {
    let profiles = doc["profiles"].or_insert(toml_edit::table());
    if let Some(t) = profiles.as_table_mut() {
        t.set_implicit(true);
    }
    let table = profiles[profile]
        .or_insert(toml_edit::table())
        .as_table_mut()
        .ok_or_else(|| Error::Config(format!("profiles.{profile} is not a table")))?;
    for other in ["api_key_env", "api_key_file", "api_key_command"] {
        table.remove(other);
    }
    table.insert(key, toml_edit::value(value));
    if doc.get("default_profile").is_none() {
        doc["default_profile"] = toml_edit::value(profile);
    }
    Ok(())
}

fn read_key(a: &LoginArgs, profile: &str) -> Result<SecretString> {
    let text = match a.with_key.as_deref() {
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| Error::Key(format!("cannot read the key from stdin: {e}")))?;
            s
        }
        Some(other) => {
            return Err(Error::usage(format!(
                "--with-key takes only `-` (stdin), not '{}': a key on the command line would stay in your shell history",
                crate::money::printable(other)
            )));
        }
        None if std::io::stdin().is_terminal() => prompt(profile)?,
        None => {
            return Err(Error::usage(
                "there is no terminal to ask for the key on; pipe it in with --with-key -, e.g. pass show lightning | le login --with-key -",
            ));
        }
    };
    let key = text.trim();
    if key.is_empty() {
        return Err(Error::Key("no key was given".into()));
    }
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::Key(
            "the key contains spaces, control or non-ASCII characters".into(),
        ));
    }
    Ok(SecretString::new(key.to_owned()))
}

/// Asks for the key without echo. Ctrl-C while asking gives the terminal its echo back
/// before le stops (the prompt reader turns echo off and would leave it off).
fn prompt(profile: &str) -> Result<String> {
    eprint!("API key for profile {profile} (not shown): ");
    let _restore = EchoGuard::save();
    console::Term::stderr()
        .read_secure_line()
        .map_err(|e| Error::Key(format!("cannot read the key: {e}")))
}

/// The terminal's settings as they were, put back on drop and on Ctrl-C.
struct EchoGuard;

#[cfg(unix)]
static SAVED: std::sync::OnceLock<libc::termios> = std::sync::OnceLock::new();

#[cfg(unix)]
extern "C" fn restore_and_exit(_: libc::c_int) {
    if let Some(t) = SAVED.get() {
        // SAFETY: tcsetattr on stdin with settings read from it; async-signal-safe.
        unsafe { libc::tcsetattr(0, libc::TCSANOW, t) };
    }
    // SAFETY: _exit is async-signal-safe; 130 is the interrupted exit code.
    unsafe { libc::_exit(130) };
}

impl EchoGuard {
    fn save() -> EchoGuard {
        #[cfg(unix)]
        // SAFETY: tcgetattr fills a plain struct for stdin, a terminal here; the handler
        // only restores it and exits.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) == 0 {
                let _ = SAVED.set(t);
                libc::signal(
                    libc::SIGINT,
                    restore_and_exit as *const () as libc::sighandler_t,
                );
            }
        }
        EchoGuard
    }
}

impl Drop for EchoGuard {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(t) = SAVED.get() {
            // SAFETY: as in restore_and_exit.
            unsafe { libc::tcsetattr(0, libc::TCSANOW, t) };
        }
    }
}

/// A key the API refuses is not stored; one that cannot be checked now is, with a warning.
async fn check(ctx: &Ctx, base: &str, key: &SecretString) -> Result<()> {
    let mut opts = ClientOptions::new(base.to_owned());
    opts.api_key = Some(key.clone());
    opts.direct = reqwest::Url::parse(base).is_ok_and(|u| config::is_loopback(&u));
    if let Some(t) = ctx.global.request_timeout {
        opts.request_timeout = t;
    }
    let client = Client::new(opts)?;
    // An unknown payment: 404 with a key the API accepts, 401/403 without one.
    match client
        .probe(&["api", "payments", "le-login-check"], true)
        .await
    {
        Ok(p) if p.status == 401 || p.status == 403 => Err(Error::Key(format!(
            "the API refused this key ({}); nothing was stored",
            p.error
                .map(|e| e.to_string())
                .unwrap_or_else(|| format!("HTTP {}", p.status))
        ))),
        Ok(_) => Ok(()),
        Err(e) => {
            ctx.out.warn(&format!(
                "could not check the key ({}); storing it anyway",
                e.message()
            ));
            Ok(())
        }
    }
}
