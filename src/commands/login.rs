//! `le login`: keep a key for a profile, never taking it from the command line.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use bitcoin::hashes::{Hash, sha256};

use crate::api::KeyVerdict;
use crate::cli::LoginArgs;
use crate::config::{self, DEFAULT_BASE_URL, SANDBOX};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::secret::SecretString;
use crate::text::printable;

pub async fn run(ctx: &Ctx, a: LoginArgs) -> Result<Outcome> {
    let path = config::config_path()
        .ok_or_else(|| Error::Config("no config directory on this system; set LE_CONFIG".into()))?;
    let file = config::load_file(&path, &ctx.out)?.unwrap_or_default();
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

    if ctx.dry_run() {
        // What would be sent is the check of the key; nothing is read or stored.
        let client = ctx.client_for(&base, None, timeout(ctx))?;
        return client.key_probe().await.map(|_| Outcome::Done);
    }

    if let Some(cmd) = &a.key_command {
        if cmd.trim().is_empty() {
            return Err(Error::usage("--key-command must not be empty"));
        }
        config::edit_file(&path, |doc| record(doc, &profile, "api_key_command", cmd))?;
        ctx.out.note(&format!(
            "profile {} now reads its key from `{}` (run each time le needs it); nothing was stored",
            printable(&profile),
            printable(cmd)
        ));
        return Ok(Outcome::Done);
    }

    let key = read_key(&a, &profile).await?;
    ctx.out.register_secret(&key);
    if !a.no_check {
        check(ctx, &base, &key).await?;
    }
    let key_file = key_path(&path, &profile, &file);
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
        "stored the key for profile {} in {} (readable by you only); le uses it from now on",
        printable(&profile),
        key_file.display()
    ));
    Ok(Outcome::Done)
}

/// Where a profile's key is kept: beside the config file, in a file no other profile's
/// name leads to. A name of lowercase letters, digits and `-` is used as it is; any other
/// name is made safe and given a short hash of itself, so `shop.eu` and `shop_eu` (or
/// `Shop` and `shop`, on a case-insensitive disk) never share a key.
fn key_path(config: &Path, profile: &str, file: &config::ConfigFile) -> PathBuf {
    let simple = !profile.is_empty()
        && profile
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let stem = if simple {
        profile.to_owned()
    } else {
        let safe: String = profile
            .chars()
            .take(40)
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let hash = sha256::Hash::hash(profile.as_bytes()).to_string();
        format!("{safe}-{}", &hash[..8])
    };
    let dir = config.parent().map(Path::to_owned).unwrap_or_default();
    // Another profile set up by hand may already use that file: never share it.
    let taken = |p: &Path| {
        file.profiles.iter().any(|(name, other)| {
            name != profile
                && other
                    .api_key_file
                    .as_ref()
                    .is_some_and(|f| config::expand_home(f) == p)
        })
    };
    let mut candidate = dir.join(format!("{stem}.key"));
    let mut n = 2;
    while taken(&candidate) {
        candidate = dir.join(format!("{stem}-{n}.key"));
        n += 1;
    }
    candidate
}

fn record(doc: &mut toml_edit::DocumentMut, profile: &str, key: &str, value: &str) -> Result<()> {
    config::set_profile_key(doc, profile, key, Some(toml_edit::value(value)))?;
    if doc.get("default_profile").is_none() {
        doc["default_profile"] = toml_edit::value(profile);
    }
    Ok(())
}

async fn read_key(a: &LoginArgs, profile: &str) -> Result<SecretString> {
    let text = match a.with_key.as_deref() {
        Some("-") => {
            crate::input::read_text("-", "--with-key").map_err(|e| Error::Key(e.message()))?
        }
        Some(other) => {
            return Err(Error::usage(format!(
                "--with-key takes only `-` (stdin), not '{}': a key on the command line would stay in your shell history",
                printable(other)
            )));
        }
        None if std::io::stdin().is_terminal() => {
            // The prompt blocks on the terminal: off the async thread, so Ctrl-C is still
            // heard. It reads without echo and gives the terminal back as it found it,
            // Ctrl-C included.
            let prompt = format!("API key for profile {} (not shown): ", printable(profile));
            tokio::task::spawn_blocking(move || rpassword::prompt_password(prompt))
                .await
                .map_err(Error::internal)?
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::Interrupted => Error::Interrupted(None),
                    _ => Error::Key(format!("cannot read the key: {e}")),
                })?
        }
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

/// The profile being set up may not exist yet: the flag's time limit, or the default.
fn timeout(ctx: &Ctx) -> std::time::Duration {
    ctx.global
        .request_timeout
        .unwrap_or(config::DEFAULT_REQUEST_TIMEOUT)
}

/// A key the API refuses is not stored; one that cannot be checked now is, with a warning.
async fn check(ctx: &Ctx, base: &str, key: &SecretString) -> Result<()> {
    let client = ctx.client_for(base, Some(key.clone()), timeout(ctx))?;
    match client.key_probe().await.map(|p| p.key_verdict()) {
        Ok(KeyVerdict::Accepted) => Ok(()),
        Ok(KeyVerdict::Refused(why)) => Err(Error::Key(format!(
            "the API refused this key ({why}); nothing was stored"
        ))),
        Ok(KeyVerdict::NotTheApi(why)) => Err(Error::Key(format!(
            "{base} does not answer like the API ({why}); nothing was stored. --no-check stores the key without asking"
        ))),
        Ok(KeyVerdict::Failing(why)) => {
            ctx.out.warn(&format!(
                "could not check the key: the API failed ({why}); storing it anyway"
            ));
            Ok(())
        }
        Err(e) => {
            ctx.out.warn(&format!(
                "could not check the key ({}); storing it anyway",
                e.message()
            ));
            Ok(())
        }
    }
}
