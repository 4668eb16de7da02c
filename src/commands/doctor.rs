//! `le doctor`: can le work from here? One line per check, and an exit code that says
//! whether all passed (0) or what kind of trouble the first failure is.

use serde_json::json;

use super::Ctx;
use crate::config::{KeySource, Settings, Target};
use crate::error::{Error, Result, exit};

struct Check {
    name: &'static str,
    ok: bool,
    detail: String,
    /// The exit code a failure of this check stands for.
    code: u8,
}

fn pass(name: &'static str, detail: impl Into<String>) -> Check {
    Check {
        name,
        ok: true,
        detail: detail.into(),
        code: exit::OK,
    }
}

fn fail(name: &'static str, code: u8, detail: impl Into<String>) -> Check {
    Check {
        name,
        ok: false,
        detail: detail.into(),
        code,
    }
}

/// Files holding secrets should be readable by their owner only.
fn private(path: &std::path::Path) -> Option<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o077 == 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Some(true)
    }
}

/// How far the local clock may be from the server's before expiry countdowns and
/// webhook timestamps (300 s tolerance) start to mislead.
const CLOCK_LIMIT_SECS: i64 = 30;

pub async fn run(ctx: &Ctx) -> Result<()> {
    let mut checks = Vec::new();
    let settings = match Settings::resolve(&ctx.global) {
        Ok(s) => s,
        Err(e) => {
            checks.push(fail("config", e.exit_code(), e.message()));
            return report(ctx, checks);
        }
    };
    match settings.config_path() {
        Some(p) if p.exists() => match private(p) {
            Some(false) => checks.push(fail(
                "config",
                exit::USAGE,
                format!(
                    "{} is readable by other users: chmod 600 {}",
                    p.display(),
                    p.display()
                ),
            )),
            _ => checks.push(pass(
                "config",
                format!("{} is valid and private", p.display()),
            )),
        },
        Some(p) => checks.push(pass(
            "config",
            format!("no file at {} (defaults in use)", p.display()),
        )),
        None => checks.push(pass("config", "no config directory (defaults in use)")),
    }
    let expect = match settings.expectations() {
        Ok(e) => e,
        Err(e) => {
            checks.push(fail("profile", e.exit_code(), e.message()));
            return report(ctx, checks);
        }
    };
    let target = match &settings.target {
        Target::Embedded => "the embedded sandbox".to_owned(),
        Target::Remote(u) => u.clone(),
    };
    checks.push(pass(
        "profile",
        format!(
            "{} → {target}, invoices on {}",
            settings.profile_name.as_deref().unwrap_or("(no profile)"),
            expect.network.name()
        ),
    ));
    let mut key_ok = settings.target == Target::Embedded;
    if settings.target == Target::Embedded {
        checks.push(pass("key", "none needed for the sandbox"));
    } else {
        let source = settings.key_source(&ctx.global);
        match settings.api_key(&ctx.global) {
            Ok(k) => {
                let file_private = match &source {
                    KeySource::ProfileFile(p) => private(p),
                    KeySource::FlagFile(p) if p != "-" => private(std::path::Path::new(p)),
                    _ => None,
                };
                if file_private == Some(false) {
                    checks.push(fail(
                        "key",
                        exit::AUTH,
                        format!(
                            "{} ({}) is readable by other users: chmod 600 it",
                            source.describe(),
                            k.redacted()
                        ),
                    ));
                } else {
                    checks.push(pass(
                        "key",
                        format!("{} from {}", k.redacted(), source.describe()),
                    ));
                    key_ok = true;
                }
            }
            Err(e) => checks.push(fail(
                "key",
                e.exit_code(),
                e.message().lines().next().unwrap_or_default().to_owned(),
            )),
        }
    }
    // Reaching the API needs no key; the key check does.
    let client = match ctx.client().await {
        Ok(c) => Some(c),
        Err(_) if !key_ok => ctx.client_without_key().await.ok(),
        Err(e) => {
            checks.push(fail("reach", e.exit_code(), e.message()));
            None
        }
    };
    if let Some(client) = client {
        let mut reached = false;
        match client.probe(&["health"], false).await {
            Ok(p) if p.status < 500 => {
                reached = true;
                checks.push(pass(
                    "reach",
                    format!(
                        "{} answered in {} ms",
                        client.base_url(),
                        p.elapsed.as_millis()
                    ),
                ));
                match p
                    .date
                    .as_deref()
                    .and_then(|d| jiff::fmt::rfc2822::parse(d).ok())
                {
                    Some(server) => {
                        let skew =
                            jiff::Timestamp::now().as_second() - server.timestamp().as_second();
                        let text = format!(
                            "this machine's clock is {} the server's",
                            describe_skew(skew)
                        );
                        checks.push(if skew.abs() <= CLOCK_LIMIT_SECS {
                            pass("clock", text)
                        } else {
                            fail("clock", exit::USAGE, format!("{text}: expiry countdowns and webhook timestamps will be off; set the clock"))
                        });
                    }
                    None => checks.push(pass(
                        "clock",
                        "the server sent no Date header to compare with",
                    )),
                }
            }
            Ok(p) => checks.push(fail(
                "reach",
                exit::API,
                format!("{} answered HTTP {}", client.base_url(), p.status),
            )),
            Err(e) => checks.push(fail("reach", exit::UNREACHABLE, e.message())),
        }
        if key_ok && reached {
            match client
                .probe(&["api", "payments", "le-doctor-probe"], true)
                .await
            {
                Ok(p) if p.status < 300 || p.status == 404 => {
                    checks.push(pass("key accepted", "the API accepted the key"))
                }
                Ok(p) if p.status == 401 || p.status == 403 => checks.push(fail(
                    "key accepted",
                    exit::AUTH,
                    p.error
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| format!("HTTP {}", p.status)),
                )),
                Ok(p) => checks.push(fail(
                    "key accepted",
                    exit::API,
                    format!("HTTP {} for an authenticated request", p.status),
                )),
                Err(e) => checks.push(fail("key accepted", e.exit_code(), e.message())),
            }
        }
    }
    report(ctx, checks)
}

fn describe_skew(skew: i64) -> String {
    match skew {
        0 => "in step with".into(),
        s if s > 0 => format!("{s} s ahead of"),
        s => format!("{} s behind", -s),
    }
}

fn report(ctx: &Ctx, checks: Vec<Check>) -> Result<()> {
    let first_failure = checks.iter().find(|c| !c.ok).map(|c| c.code);
    if ctx.out.json {
        let items: Vec<_> = checks
            .iter()
            .map(|c| json!({ "check": c.name, "ok": c.ok, "detail": c.detail }))
            .collect();
        ctx.out
            .json_line(&json!({ "ok": first_failure.is_none(), "checks": items }))?;
    } else {
        let mut s = String::new();
        for c in &checks {
            let mark = match (c.ok, ctx.out.stdout_color) {
                (true, true) => "\x1b[32m✓\x1b[0m",
                (false, true) => "\x1b[31m✗\x1b[0m",
                (true, false) => "✓",
                (false, false) => "✗",
            };
            s.push_str(&format!(
                "{mark} {:<13} {}\n",
                c.name,
                crate::render::clean(&c.detail)
            ));
        }
        ctx.out.text(&s)?;
    }
    match first_failure {
        None => Ok(()),
        Some(code) => Err(Error::Outcome(code)),
    }
}
