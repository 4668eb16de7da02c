//! `le config path|show|set|unset`.

use serde_json::{Map, Value, json};

use crate::cli::ConfigCommand;
use crate::config::{self, KeySource};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::render::tables::settings_table;
use crate::settings::Target;
use crate::text::printable;

pub fn run(ctx: &Ctx, cmd: ConfigCommand) -> Result<Outcome> {
    match cmd {
        ConfigCommand::Path => {
            let p = config::config_path().ok_or_else(|| {
                Error::Config("no config directory on this system; set LE_CONFIG".into())
            })?;
            if ctx.out.json() {
                ctx.out
                    .json_line(&json!({ "path": p.display().to_string(), "exists": p.exists() }))?;
            } else {
                ctx.out.line(&p.display().to_string())?;
            }
            Ok(Outcome::Done)
        }
        ConfigCommand::Show => show(ctx),
        ConfigCommand::Set { key, value } => set(ctx, &key, Some(&value)),
        ConfigCommand::Unset { key } => set(ctx, &key, None),
    }
}

/// Which profile a `set` writes to: --profile / LE_PROFILE, else the file's default.
fn target_profile(ctx: &Ctx, doc: &toml_edit::DocumentMut) -> Result<String> {
    if let Some(p) = ctx.global.profile.as_deref().filter(|p| !p.is_empty()) {
        return Ok(p.to_owned());
    }
    doc.get("default_profile")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::usage("which profile? give --profile NAME (default_profile is not set)")
        })
}

fn set(ctx: &Ctx, key: &str, value: Option<&str>) -> Result<Outcome> {
    let path = config::config_path()
        .ok_or_else(|| Error::Config("no config directory on this system; set LE_CONFIG".into()))?;
    let mut written = String::new();
    config::edit_file(&path, |doc| {
        if key == "default_profile" {
            match value {
                Some(v) => {
                    let v = v.trim();
                    let known: Vec<&str> = doc
                        .get("profiles")
                        .and_then(|p| p.as_table_like())
                        .map(|t| t.iter().map(|(name, _)| name).collect())
                        .unwrap_or_default();
                    if !known.contains(&v) {
                        let have = if known.is_empty() {
                            "there are none yet".to_owned()
                        } else {
                            format!("there are: {}", printable(&known.join(", ")))
                        };
                        return Err(Error::usage(format!(
                            "there is no [profiles.{}] in {} ({have}); make it first, e.g. le --profile {} config set base_url URL",
                            printable(v),
                            printable(&path.display().to_string()),
                            printable(v)
                        )));
                    }
                    doc["default_profile"] = toml_edit::value(v);
                }
                None => {
                    doc.remove("default_profile");
                }
            }
            written = "default_profile".into();
            return Ok(());
        }
        let item = value
            .map(|v| config::check_profile_value(key, v))
            .transpose()?;
        if item.is_none() && !config::PROFILE_KEYS.contains(&key) {
            config::check_profile_value(key, "")?;
        }
        let profile = target_profile(ctx, doc)?;
        config::set_profile_key(doc, &profile, key, item)?;
        written = format!("profiles.{profile}.{key}");
        Ok(())
    })?;
    let verb = if value.is_some() { "set" } else { "removed" };
    ctx.out
        .note(&format!("{verb} {written} in {}", path.display()));
    Ok(Outcome::Done)
}

fn show(ctx: &Ctx) -> Result<Outcome> {
    let s = ctx.settings()?;
    let mut rows: Vec<(&str, String, String)> = Vec::new();
    let mut path = s
        .config_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if !s.config_path.as_ref().is_some_and(|p| p.exists()) {
        path.push_str(" (not there: defaults in use)");
    }
    rows.push(("config file", path, s.config_origin.describe()));
    rows.push((
        "profile",
        s.profile_name.clone().unwrap_or_else(|| "(none)".into()),
        if ctx.global.sandbox {
            "ignored under --sandbox".into()
        } else {
            s.profile_origin.describe()
        },
    ));
    let url = match &s.target {
        Target::Embedded => "the embedded sandbox".to_owned(),
        Target::Remote(u) => u.clone(),
    };
    rows.push(("base_url", url, s.target_origin.describe()));
    let (key, key_from) = if s.target == Target::Embedded {
        ("none needed".into(), "sandbox".into())
    } else {
        let shown = match &s.key_source {
            KeySource::None => "(none: le login, or see le --help)".into(),
            // Running a password manager to show a redacted key is not worth a prompt.
            KeySource::ProfileCommand(_) => "(not run)".into(),
            KeySource::FlagFile(p) if p == "-" => "(not read)".into(),
            _ => ctx
                .key()
                .map(|k| k.redacted())
                .unwrap_or_else(|e| format!("(unusable: {})", e.message())),
        };
        (shown, s.key_source.describe())
    };
    rows.push(("api key", key, key_from));
    rows.push((
        "request_timeout",
        crate::render::time::human_span(s.request_timeout.as_secs()),
        s.timeout_origin.describe(),
    ));
    rows.push((
        "network",
        s.network.map_or_else(
            || "bitcoin (mainnet), unless a served sandbox announces its own".into(),
            |n| n.name().to_owned(),
        ),
        s.network_origin.describe(),
    ));
    rows.push((
        "verify",
        if s.verify { "on" } else { "off" }.into(),
        s.verify_origin.describe(),
    ));
    rows.push((
        "payee_pubkeys",
        if s.payees.is_empty() {
            "(any)".into()
        } else {
            s.payees.join(", ")
        },
        if s.payees.is_empty() {
            "default".into()
        } else {
            "profile payee_pubkeys".into()
        },
    ));
    rows.push((
        "cacert",
        s.cacert
            .as_ref()
            .map_or_else(|| "(the system's only)".into(), |p| p.display().to_string()),
        s.cacert_origin.describe(),
    ));
    let sandbox = config::sandbox_dir()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    rows.push((
        "sandbox dir",
        sandbox,
        if std::env::var("LE_SANDBOX_DIR").is_ok_and(|v| !v.is_empty()) {
            "environment $LE_SANDBOX_DIR".into()
        } else {
            "default".into()
        },
    ));
    if ctx.out.json() {
        let m: Map<String, Value> = rows
            .into_iter()
            .map(|(k, v, from)| (k.replace(' ', "_"), json!({ "value": v, "from": from })))
            .collect();
        ctx.out.json_line(&m)?;
    } else {
        ctx.out.show(&settings_table(&rows, &ctx.out))?;
    }
    Ok(Outcome::Done)
}
