//! Where the API key comes from, and reading it from there.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::render::Output;
use crate::secret::SecretString;

pub const KEY_ENV: &str = "LIGHTNING_API_KEY";

/// Where the API key comes from, in the order they are consulted.
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
    /// Where, in words, for `config show`, `doctor` and `--curl`.
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

    /// A shell command that puts this key in `$LIGHTNING_API_KEY`, for `--curl`.
    pub fn export_line(&self) -> Option<String> {
        let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
        match self {
            KeySource::Env(_) | KeySource::None => None,
            KeySource::FlagFile(p) if p == "-" => None,
            KeySource::FlagFile(p) => Some(format!("export {KEY_ENV}=\"$(cat {})\"", quote(p))),
            KeySource::ProfileEnv(v) => Some(format!("export {KEY_ENV}=\"${v}\"")),
            KeySource::ProfileFile(p) => Some(format!(
                "export {KEY_ENV}=\"$(cat {})\"",
                quote(&p.display().to_string())
            )),
            KeySource::ProfileCommand(c) => Some(format!("export {KEY_ENV}=\"$({c})\"")),
        }
    }

    /// Reads the key. `profile` names the profile for messages; `config` is the config
    /// file's path, for the message when there is no key at all.
    pub fn read(&self, profile: &str, config: &str, out: &Output) -> Result<SecretString> {
        match self {
            KeySource::FlagFile(source) => {
                // Two flags that both want stdin is a usage error, not a key problem.
                if source == "-" {
                    crate::input::claim_stdin("--api-key-file")?;
                }
                let text = crate::input::read_secret(source, "--api-key-file", out)
                    .map_err(|e| Error::Key(e.message()))?;
                non_empty(text, &format!("--api-key-file {source}"))
            }
            KeySource::Env(var) => non_empty(std::env::var(var).unwrap_or_default(), var),
            KeySource::ProfileEnv(var) => match std::env::var(var) {
                Ok(k) if !k.trim().is_empty() => non_empty(k, var),
                _ => Err(Error::Key(format!(
                    "profile {profile} reads the API key from ${var}, which is not set"
                ))),
            },
            KeySource::ProfileFile(path) => {
                let shown = path.display().to_string();
                let text = crate::input::read_secret(
                    &shown,
                    &format!("api_key_file of profile {profile}"),
                    out,
                )
                .map_err(|e| Error::Key(e.message()))?;
                non_empty(text, &shown)
            }
            KeySource::ProfileCommand(cmd) => run_key_command(cmd, profile),
            KeySource::None => Err(Error::Key(format!(
                "no API key. Provide one with any of:\n  \
                 le login (asks for it and keeps it for this profile)\n  \
                 export {KEY_ENV}=le_merchant_…\n  \
                 le --api-key-file PATH … (or --api-key-file - to read stdin)\n  \
                 api_key_file, api_key_env or api_key_command in a profile of {config}\n\
                 To try le without a key: le --sandbox create --order ORDER-1 --amount 49.99 --currency USD"
            ))),
        }
    }
}

/// A key as one word of printable ASCII.
pub fn non_empty(raw: String, source: &str) -> Result<SecretString> {
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

/// The system's shell running `cmd`: `sh -c` on Unix, `cmd /C` on Windows, so that the
/// line in the config file is written as a person would type it there.
fn shell(cmd: &str) -> std::process::Command {
    #[cfg(windows)]
    {
        let mut c = std::process::Command::new("cmd");
        c.arg("/C").arg(cmd);
        c
    }
    #[cfg(not(windows))]
    {
        let mut c = std::process::Command::new("sh");
        c.arg("-c").arg(cmd);
        c
    }
}

fn run_key_command(cmd: &str, profile: &str) -> Result<SecretString> {
    let out = shell(cmd)
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
