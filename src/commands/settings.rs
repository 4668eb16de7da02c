//! `le config path|show|set|unset`.

use comfy_table::{Cell, Table, presets};
use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::ConfigCommand;
use crate::config::{self, KeySource, Settings, Target};
use crate::error::{Error, Result};

pub fn run(ctx: &Ctx, cmd: ConfigCommand) -> Result<()> {
    match cmd {
        ConfigCommand::Path => {
            let p = config::config_path().ok_or_else(|| {
                Error::Config("no config directory on this system; set LE_CONFIG".into())
            })?;
            if ctx.out.json {
                ctx.out
                    .json_line(&json!({ "path": p.display().to_string(), "exists": p.exists() }))
            } else {
                ctx.out.text(&format!("{}\n", p.display()))
            }
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

fn set(ctx: &Ctx, key: &str, value: Option<&str>) -> Result<()> {
    let path = config::config_path()
        .ok_or_else(|| Error::Config("no config directory on this system; set LE_CONFIG".into()))?;
    let mut written = String::new();
    config::edit_file(&path, |doc| {
        if key == "default_profile" {
            match value {
                Some(v) => doc["default_profile"] = toml_edit::value(v.trim()),
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
        let profiles = doc["profiles"].or_insert(toml_edit::table());
        if let Some(t) = profiles.as_table_mut() {
            t.set_implicit(true);
        }
        let table = profiles[&profile].or_insert(toml_edit::table());
        let Some(table) = table.as_table_mut() else {
            return Err(Error::Config(format!("profiles.{profile} is not a table")));
        };
        match item {
            Some(item) => {
                // One place for the key: setting one source clears the others.
                if key.starts_with("api_key_") {
                    for other in ["api_key_env", "api_key_file", "api_key_command"] {
                        table.remove(other);
                    }
                }
                table.insert(key, item);
            }
            None => {
                table.remove(key);
            }
        }
        written = format!("profiles.{profile}.{key}");
        Ok(())
    })?;
    let verb = if value.is_some() { "set" } else { "removed" };
    ctx.out
        .note(&format!("{verb} {written} in {}", path.display()));
    Ok(())
}

fn show(ctx: &Ctx) -> Result<()> {
    let g = &ctx.global;
    let settings = Settings::resolve(g)?;
    let argv: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        argv.iter()
            .any(|a| a == name || a.starts_with(&format!("{name}=")))
    };
    let env_set = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty());
    let mut rows: Vec<(&str, String, String)> = Vec::new();

    let path = settings
        .config_path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let exists = settings.config_path().is_some_and(|p| p.exists());
    rows.push((
        "config file",
        path,
        if env_set("LE_CONFIG") {
            "environment $LE_CONFIG".into()
        } else {
            "default".into()
        },
    ));
    if !exists {
        rows.last_mut()
            .expect("pushed")
            .1
            .push_str(" (not there: defaults in use)");
    }
    let profile_from = if g.sandbox {
        "ignored under --sandbox".into()
    } else if flag("--profile") {
        "flag --profile".into()
    } else if env_set("LE_PROFILE") {
        "environment $LE_PROFILE".into()
    } else if settings.profile_name.is_some() {
        "default_profile in the config file".into()
    } else {
        "none".into()
    };
    rows.push((
        "profile",
        settings
            .profile_name
            .clone()
            .unwrap_or_else(|| "(none)".into()),
        profile_from,
    ));
    let (url, url_from) = match &settings.target {
        Target::Embedded if g.sandbox => ("the embedded sandbox".into(), "flag --sandbox".into()),
        Target::Embedded => (
            "the embedded sandbox".into(),
            "profile base_url = \"sandbox\"".into(),
        ),
        Target::Remote(u) => {
            let from = if flag("--base-url") {
                "flag --base-url"
            } else if env_set("LE_BASE_URL") {
                "environment $LE_BASE_URL"
            } else if settings.explicit {
                "profile base_url"
            } else {
                "default"
            };
            (u.clone(), from.into())
        }
    };
    rows.push(("base_url", url, url_from));
    let (key, key_from) = if settings.target == Target::Embedded {
        ("none needed".into(), "sandbox".into())
    } else {
        let source = settings.key_source(g);
        let shown = match &source {
            KeySource::None => "(none: le login, or see le --help)".into(),
            // Running a password manager to show a redacted key is not worth a prompt.
            KeySource::ProfileCommand(_) => "(not run)".into(),
            KeySource::FlagFile(p) if p == "-" => "(not read)".into(),
            _ => settings
                .api_key(g)
                .map(|k| k.redacted())
                .unwrap_or_else(|e| format!("(unusable: {})", e.message())),
        };
        (shown, source.describe())
    };
    rows.push(("api key", key, key_from));
    let timeout_from = if flag("--request-timeout") {
        "flag --request-timeout"
    } else if settings.profile.request_timeout.is_some() {
        "profile request_timeout"
    } else {
        "default"
    };
    rows.push((
        "request_timeout",
        crate::render::time::human_span(settings.request_timeout.as_secs()),
        timeout_from.into(),
    ));
    let expect = settings.expectations()?;
    rows.push((
        "network",
        expect.network.name().into(),
        if settings.profile.network.is_some() {
            "profile network".into()
        } else {
            "from base_url".into()
        },
    ));
    rows.push((
        "payee_pubkeys",
        if expect.payees.is_empty() {
            "(any)".into()
        } else {
            expect.payees.join(", ")
        },
        if expect.payees.is_empty() {
            "default".into()
        } else {
            "profile payee_pubkeys".into()
        },
    ));
    let sandbox = config::sandbox_dir()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    rows.push((
        "sandbox dir",
        sandbox,
        if env_set("LE_SANDBOX_DIR") {
            "environment $LE_SANDBOX_DIR".into()
        } else {
            "default".into()
        },
    ));

    if ctx.out.json {
        let m: Map<String, Value> = rows
            .into_iter()
            .map(|(k, v, from)| (k.replace(' ', "_"), json!({ "value": v, "from": from })))
            .collect();
        return ctx.out.json_line(&m);
    }
    let mut t = Table::new();
    t.load_style(presets::NOTHING);
    if !ctx.out.stdout_color {
        t.force_no_tty();
    }
    t.set_header(vec!["Setting", "Value", "From"]);
    for (k, v, from) in rows {
        t.add_row(vec![
            Cell::new(k),
            Cell::new(crate::render::clean(&v)),
            Cell::new(from),
        ]);
    }
    ctx.out.text(&format!("{}\n", t.trim_fmt()))
}
