//! `le doctor`: can le work from here? One line per check, and an exit code that says
//! whether all passed (0) or what kind of trouble the first failure is.

use serde_json::json;

use crate::api::KeyVerdict;
use crate::config::KeySource;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::{self, Outcome};
use crate::input::private;
use crate::render::tables::checks;
use crate::settings::Target;

struct Check {
    name: &'static str,
    ok: bool,
    /// One line: a server's words in it (a merchant's name, an error message) are shown
    /// escaped, line breaks included.
    detail: String,
    /// Lines `le` laid out itself under the detail (a config file's parse error with its
    /// excerpt), each escaped on its own.
    more: Vec<String>,
    /// What a failed check stands for: the error the command it checks for would meet,
    /// and so the exit code (`exit::of_error`).
    failure: Option<Error>,
}

fn pass(name: &'static str, detail: impl Into<String>) -> Check {
    Check {
        name,
        ok: true,
        detail: detail.into(),
        more: Vec::new(),
        failure: None,
    }
}

/// A failed check, said in the words of its error.
fn fail(name: &'static str, error: Error) -> Check {
    let message = error.message();
    let mut lines = message.lines().map(str::to_owned);
    Check {
        name,
        ok: false,
        detail: lines.next().unwrap_or_default(),
        more: Vec::new(),
        failure: Some(error),
    }
}

/// A failed check, said in words of its own.
fn fail_as(name: &'static str, error: Error, detail: impl Into<String>) -> Check {
    Check {
        detail: detail.into(),
        ..fail(name, error)
    }
}

/// How far the local clock may be from the server's before expiry countdowns and
/// webhook timestamps (300 s tolerance) start to mislead.
const CLOCK_LIMIT_SECS: i64 = 30;

pub async fn run(ctx: &Ctx) -> Result<Outcome> {
    let mut list = Vec::new();
    let settings = match ctx.settings() {
        Ok(s) => s,
        Err(e) => {
            // The parser's message is several lines (position, excerpt, caret, reason).
            let message = e.message();
            let more = message.lines().skip(1).map(str::to_owned).collect();
            let mut check = fail("config", e);
            check.more = more;
            list.push(check);
            return report(ctx, list);
        }
    };
    match &settings.config_path {
        Some(p) if p.exists() => match private(p) {
            Some(false) => list.push(fail(
                "config",
                Error::Config(format!(
                    "{} is readable by other users: chmod 600 {}",
                    p.display(),
                    p.display()
                )),
            )),
            _ => list.push(pass(
                "config",
                format!("{} is valid and private", p.display()),
            )),
        },
        Some(p) => list.push(pass(
            "config",
            format!("no file at {} (defaults in use)", p.display()),
        )),
        None => list.push(pass("config", "no config directory (defaults in use)")),
    }
    let target = match &settings.target {
        Target::Embedded => "the embedded sandbox".to_owned(),
        Target::Remote(u) => u.clone(),
    };
    let network = settings.network.map_or_else(
        || "bitcoin (mainnet), unless a served sandbox announces its own".to_owned(),
        |n| n.name().to_owned(),
    );
    list.push(pass(
        "profile",
        format!(
            "{} → {target}, invoices on {network}{}",
            settings.profile_name.as_deref().unwrap_or("(no profile)"),
            if settings.verify {
                ""
            } else {
                " (not checked: verify is off)"
            }
        ),
    ));
    let embedded = settings.target == Target::Embedded;
    let client = match ctx.client_without_key().await {
        Ok(c) => c,
        Err(e) => {
            list.push(fail("reach", e));
            return report(ctx, list);
        }
    };
    if client.is_dry_run() {
        // Each check's request, described and not sent.
        let _ = client.health_probe().await;
        if !embedded {
            let _ = client.merchant_me().await;
        }
        return Err(Error::NotSent);
    }
    // The key is read once; the client that checks it sends it.
    let mut keyed = None;
    if embedded {
        list.push(pass("key", "none needed for the sandbox"));
    } else {
        let source = &settings.key_source;
        match ctx.key() {
            Ok(k) => {
                let file_private = match source {
                    KeySource::ProfileFile(p) => private(p),
                    KeySource::FlagFile(p) if p != "-" => private(std::path::Path::new(p)),
                    _ => None,
                };
                if file_private == Some(false) {
                    list.push(fail(
                        "key",
                        Error::Key(format!(
                            "{} ({}) is readable by other users: chmod 600 it",
                            source.describe(),
                            k.redacted()
                        )),
                    ));
                } else {
                    let short = if k.expose().len() < crate::render::MIN_SECRET_LEN {
                        " (shorter than any real key)"
                    } else {
                        ""
                    };
                    list.push(pass(
                        "key",
                        format!("{} from {}{short}", k.redacted(), source.describe()),
                    ));
                    keyed = Some(ctx.client().await?);
                }
            }
            Err(e) => list.push(fail("key", e)),
        }
    }
    let reached = match client.health_probe().await {
        Ok(p) if p.status < 500 => {
            list.push(pass(
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
                    let skew = jiff::Timestamp::now().as_second() - server.timestamp().as_second();
                    let text = format!(
                        "this machine's clock is {} the server's",
                        describe_skew(skew)
                    );
                    list.push(if skew.abs() <= CLOCK_LIMIT_SECS {
                        pass("clock", text)
                    } else {
                        fail("clock", Error::Config(format!("{text}: expiry countdowns and webhook timestamps will be off; set the clock")))
                    });
                }
                None => list.push(pass(
                    "clock",
                    "the server sent no Date header to compare with",
                )),
            }
            true
        }
        Ok(p) => {
            list.push(fail(
                "reach",
                Error::BadResponse(format!("{} answered HTTP {}", client.base_url(), p.status)),
            ));
            false
        }
        Err(e) => {
            list.push(fail("reach", e));
            false
        }
    };
    if let (Some(keyed), true) = (keyed, reached) {
        account_checks(&keyed, &mut list).await;
    }
    report(ctx, list)
}

/// Whether the API takes the key, and whether the account behind it may take payments:
/// `GET /api/merchant/me` answers both. An API without that route is asked the older
/// way, with a read that needs a key.
async fn account_checks(keyed: &crate::api::Client, list: &mut Vec<Check>) {
    use crate::render::merchant::account_problem;
    match keyed.merchant_me().await {
        Ok(me) => {
            list.push(pass("key accepted", "the API accepted the key"));
            let who = [
                me.get("name"),
                me.get("planTier"),
                me.get("subscriptionStatus"),
            ]
            .map(|v| {
                v.and_then(serde_json::Value::as_str)
                    .unwrap_or("?")
                    .to_owned()
            });
            match account_problem(&me) {
                None => list.push(pass(
                    "account",
                    format!(
                        "{} (plan {}, subscription {}) is active",
                        who[0], who[1], who[2]
                    ),
                )),
                Some(problem) => list.push(fail("account", Error::Key(problem))),
            }
        }
        // The account states' own refusals: the key is known, the account cannot pay.
        Err(Error::Api(e))
            if e.status == 403
                && matches!(
                    e.code.as_deref(),
                    Some("MERCHANT_INACTIVE" | "SUBSCRIPTION_REQUIRED" | "SUBSCRIPTION_EXPIRED")
                ) =>
        {
            list.push(pass("key accepted", "the API knows the key"));
            let hint = e.hint().map(|h| format!(": {h}")).unwrap_or_default();
            let detail = format!("{e}{hint}");
            list.push(fail_as("account", Error::Api(e), detail));
        }
        Err(Error::Api(e)) if matches!(e.status, 401 | 403) => {
            let detail = e.to_string();
            list.push(fail_as("key accepted", Error::Api(e), detail));
        }
        Err(Error::Api(e)) if matches!(e.status, 404 | 405) => {
            // An API without /api/merchant/me: the older check, judged as login judges it.
            match keyed.key_probe().await {
                Ok(p) => match p.key_verdict() {
                    KeyVerdict::Accepted => {
                        list.push(pass("key accepted", "the API accepted the key"))
                    }
                    KeyVerdict::Refused(why) => list.push(fail("key accepted", Error::Key(why))),
                    KeyVerdict::NotTheApi(why) | KeyVerdict::Failing(why) => {
                        list.push(fail("key accepted", Error::BadResponse(why)))
                    }
                },
                Err(e) => list.push(fail("key accepted", e)),
            }
        }
        Err(e) => list.push(fail("key accepted", e)),
    }
}

fn describe_skew(skew: i64) -> String {
    match skew {
        0 => "in step with".into(),
        s if s > 0 => format!("{s} s ahead of"),
        s => format!("{} s behind", -s),
    }
}

fn report(ctx: &Ctx, list: Vec<Check>) -> Result<Outcome> {
    let first_failure = list
        .iter()
        .find_map(|c| c.failure.as_ref())
        .map(exit::of_error);
    if ctx.out.json() {
        let items: Vec<_> = list
            .iter()
            .map(|c| {
                let mut detail = c.detail.clone();
                for line in &c.more {
                    detail.push('\n');
                    detail.push_str(line);
                }
                json!({ "check": c.name, "ok": c.ok, "detail": detail })
            })
            .collect();
        ctx.out
            .json_line(&json!({ "ok": first_failure.is_none(), "checks": items }))?;
    } else {
        let rows: Vec<(bool, &str, &str, &[String])> = list
            .iter()
            .map(|c| (c.ok, c.name, c.detail.as_str(), c.more.as_slice()))
            .collect();
        ctx.out.show(&checks(&rows, &ctx.out))?;
    }
    Ok(match first_failure {
        None => Outcome::Done,
        Some(code) => Outcome::Failed(code),
    })
}
