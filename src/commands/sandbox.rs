//! `le sandbox …`: move sandbox payments along, inspect and reset the state, set up
//! webhooks, or serve it all over HTTP.

use crate::cli::{AccountArgs, OnOff, SandboxCommand, ServeArgs, WebhookArgs};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::input::{check_id, read_secret_line};
use crate::present::{Offer, show_payment};
use crate::render;
use crate::sandbox::{Faults, Hook, Limiter, Options, ServeOptions};

pub async fn run(ctx: &Ctx, cmd: SandboxCommand) -> Result<Outcome> {
    match cmd {
        SandboxCommand::Pay(a) => act(ctx, &a.invoice_id, "pay").await,
        SandboxCommand::Process(a) => act(ctx, &a.invoice_id, "process").await,
        SandboxCommand::Expire(a) => act(ctx, &a.invoice_id, "expire").await,
        SandboxCommand::Underpay(a) => act(ctx, &a.invoice_id, "underpay").await,
        SandboxCommand::Account(a) => account(ctx, a).await,
        SandboxCommand::List => {
            let client = ctx.sandbox_client().await?;
            let items = client.sandbox_list().await?;
            if ctx.out.json() {
                for p in &items {
                    ctx.out.json_line(p.raw())?;
                }
            } else {
                ctx.out.show(&render::payments_table(&items, &ctx.out))?;
            }
            Ok(Outcome::Done)
        }
        SandboxCommand::Reset => {
            let client = ctx.sandbox_client().await?;
            let answer = client.sandbox_reset().await?;
            if ctx.out.json() {
                ctx.out.json_line(&answer)?;
            } else {
                let n = answer
                    .get("deleted")
                    .and_then(serde_json::Value::as_u64)
                    .unwrap_or(0);
                ctx.out.line(&format!(
                    "Sandbox reset: {n} payments deleted (this key's; other keys' are kept)."
                ))?;
            }
            Ok(Outcome::Done)
        }
        SandboxCommand::Deliveries => {
            let client = ctx.sandbox_client().await?;
            let items = client.sandbox_deliveries().await?;
            if ctx.out.json() {
                for d in &items {
                    ctx.out.json_line(d)?;
                }
            } else {
                ctx.out
                    .show(&render::tables::deliveries_table(&items, &ctx.out))?;
            }
            Ok(Outcome::Done)
        }
        SandboxCommand::Webhook(a) => webhook(ctx, a).await,
        SandboxCommand::Serve(a) => serve(ctx, *a).await,
    }
}

async fn act(ctx: &Ctx, invoice_id: &str, action: &str) -> Result<Outcome> {
    check_id("the invoice id", "le sandbox pay inv_abc123", invoice_id)?;
    let client = ctx.sandbox_client().await?;
    let p = client.sandbox_action(invoice_id, action).await?;
    show_payment(ctx, &client, &p, Offer::PLAIN)?;
    Ok(Outcome::Done)
}

async fn webhook(ctx: &Ctx, a: WebhookArgs) -> Result<Outcome> {
    let set = match (&a.url, &a.secret_file, a.clear) {
        (Some(url), Some(source), _) => {
            check_hook_url(url)?;
            let secret = read_secret_line(source, "--secret-file", &ctx.out)?;
            Some(Some((url.clone(), secret)))
        }
        (None, None, true) => Some(None),
        _ => None,
    };
    let client = ctx.sandbox_client().await?;
    let dest = set
        .as_ref()
        .map(|d| d.as_ref().map(|(u, s)| (u.as_str(), s.as_str())));
    let answer = client.sandbox_webhook(dest).await?;
    if ctx.out.json() {
        ctx.out.json_line(&answer)?;
        return Ok(Outcome::Done);
    }
    let text = match (&answer.delivers_to, &answer.url, &answer.server_url) {
        (Some(to), Some(own), _) if to == own => {
            format!("Webhooks for this key go to {own} (its own endpoint, signed with the secret you set).")
        }
        (Some(to), _, Some(server)) if to == server => format!(
            "Webhooks for this key go to {server}, the --webhook-url of a running `le sandbox serve` (this key has no endpoint of its own)."
        ),
        (Some(to), _, _) => format!("Webhooks for this key go to {to}."),
        (None, _, _) => "No webhook destination for this key: its events wait until one is set (le sandbox webhook --url URL --secret-file F, or a server's --webhook-url).".into(),
    };
    ctx.out.line(&text)?;
    Ok(Outcome::Done)
}

/// `le sandbox account`: shows the account of the key in use, changed first when asked.
async fn account(ctx: &Ctx, a: AccountArgs) -> Result<Outcome> {
    let mut change = serde_json::Map::new();
    if let Some(s) = a.status {
        change.insert("status".into(), s.as_str().into());
    }
    if let Some(r) = a.refunds {
        change.insert("refundsEnabled".into(), (r == OnOff::On).into());
    }
    if let Some(b) = &a.balance {
        let v = match b.trim() {
            "unlimited" | "none" => serde_json::Value::Null,
            n => n.parse::<u64>().map(serde_json::Value::from).map_err(|_| {
                Error::usage(format!(
                    "--balance takes a whole number of sats or `unlimited`, not '{}'",
                    crate::text::printable(b)
                ))
            })?,
        };
        change.insert("balanceSats".into(), v);
    }
    let change = (!change.is_empty()).then(|| serde_json::Value::Object(change));
    let client = ctx.sandbox_client().await?;
    let answer = client.sandbox_account(change.as_ref()).await?;
    if ctx.out.json() {
        ctx.out.json_line(&answer)?;
    } else {
        ctx.out
            .show(&render::merchant::account_table(&answer, &ctx.out))?;
    }
    Ok(Outcome::Done)
}

fn check_hook_url(url: &str) -> Result<()> {
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(Error::usage(format!(
            "--url '{}' is not an http(s) URL, e.g. --url http://127.0.0.1:9000/webhooks",
            crate::text::printable(url)
        ))),
    }
}

fn serve_options(ctx: &Ctx, a: &ServeArgs) -> Result<ServeOptions> {
    let has_secret = a.webhook_secret.is_some() || a.webhook_secret_file.is_some();
    if a.webhook_url.is_some() != has_secret {
        return Err(Error::usage(
            "--webhook-url and --webhook-secret (or --webhook-secret-file) go together",
        ));
    }
    if a.api_keys.iter().any(|k| k.trim().is_empty()) {
        return Err(Error::usage("--api-key must not be empty"));
    }
    let limiter =
        Limiter::parse(&a.rate_limit).map_err(|e| Error::usage(format!("--rate-limit: {e}")))?;
    if !(0.0..=1.0).contains(&a.fail_rate) {
        return Err(Error::usage(
            "--fail-rate must be between 0 and 1, e.g. --fail-rate 0.2",
        ));
    }
    let modes = Faults::parse_modes(&a.fail_modes)
        .map_err(|e| Error::usage(format!("--fail-modes: {e}")))?;
    let mut engine = Options::from_env().map_err(Error::Config)?;
    engine.refund_delay = a.refund_delay;
    engine.auto_pay_after = a.auto_pay_after;
    let secret = match (&a.webhook_secret, &a.webhook_secret_file) {
        (Some(s), _) if s.is_empty() => {
            return Err(Error::usage("--webhook-secret must not be empty"));
        }
        (Some(s), _) => Some(s.clone()),
        (None, Some(f)) => Some(read_secret_line(f, "--webhook-secret-file", &ctx.out)?),
        (None, None) => None,
    };
    if let (Some(url), Some(secret)) = (&a.webhook_url, secret) {
        check_hook_url(url)
            .map_err(|_| Error::usage(format!("--webhook-url '{url}' is not an http(s) URL")))?;
        engine.webhook = Some(Hook {
            url: url.clone(),
            secret,
        });
    }
    if a.webhook_timeout.is_zero() {
        return Err(Error::usage("--webhook-timeout must be more than 0"));
    }
    let public_url = match &a.public_url {
        Some(u) => Some(check_public_url(u)?),
        None => None,
    };
    Ok(ServeOptions {
        out: ctx.out.clone(),
        engine,
        api_keys: a.api_keys.clone(),
        limiter,
        faults: Faults {
            latency: std::time::Duration::from_millis(a.latency),
            fail_rate: a.fail_rate,
            modes,
            stall: a.stall,
        },
        background: true,
        webhook_timeout: a.webhook_timeout,
        // Not read here: it may be this sandbox's own certificate, made when it starts.
        webhook_cacert: ctx.global.cacert.clone(),
        tls: a.tls,
        public_url,
        checkout: true,
        log_requests: ctx.global.verbose,
    })
}

/// `--public-url`: an http(s) URL with a host, where clients reach this server.
fn check_public_url(raw: &str) -> Result<String> {
    let bad = || {
        Error::usage(format!(
            "--public-url '{}' is not an http(s) URL with a host, e.g. --public-url http://sandbox:8402",
            crate::text::printable(raw)
        ))
    };
    let u = reqwest::Url::parse(raw.trim()).map_err(|_| bad())?;
    if !matches!(u.scheme(), "http" | "https") || u.host().is_none() {
        return Err(bad());
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err(Error::usage(format!(
            "--public-url {} should not have a query or fragment",
            crate::text::printable(raw)
        )));
    }
    Ok(u.as_str().trim_end_matches('/').to_owned())
}

async fn serve(ctx: &Ctx, a: ServeArgs) -> Result<Outcome> {
    if ctx.dry_run() {
        return Err(Error::usage(
            "le sandbox serve answers requests and sends webhooks as they come; --dry-run and --curl show the requests of one command, e.g. le --base-url URL get ID --curl",
        ));
    }
    let opts = serve_options(ctx, &a)?;
    let dir = match &a.dir {
        Some(d) => d.clone(),
        None => crate::config::sandbox_dir()?,
    };
    let keys = a.api_keys.clone();
    let bound = crate::sandbox::bind(&dir, &a.addr, opts).await?;
    let url = bound.url();
    if !bound.addr.ip().is_loopback() {
        ctx.out.warn(&format!(
            "the sandbox listens on {}, which other machines can reach: it accepts {} and holds no real money, but anyone on the network can use it",
            bound.addr,
            if keys.is_empty() { "any key" } else { "the keys you gave" }
        ));
    }
    if ctx.out.json() {
        let mut banner = serde_json::json!({
            "url": url,
            "dir": bound.dir.display().to_string(),
            "nodePubkey": bound.node_pubkey,
            "publicUrl": bound.public_url,
        });
        if let Some(cert) = &bound.cert_path {
            banner["cacert"] = cert.display().to_string().into();
        }
        ctx.out.json_line(&banner)?;
    } else {
        let key_hint = if keys.is_empty() {
            "any non-empty key"
        } else {
            "one of the --api-key values"
        };
        ctx.out.line(&format!(
            "le sandbox listening on {url} (state in {}); API key: {key_hint}, e.g. LIGHTNING_API_KEY={} le --base-url {url} create --order ORDER-1 --amount 49.99 --currency USD",
            bound.dir.display(),
            keys.first().map_or("le_sandbox_test", String::as_str),
        ))?;
        // For the person, on stderr: a reader of stdout may take the first line only
        // (`| head -1`), and a closed stdout must not stop the server.
        if let Some(cert) = &bound.cert_path {
            ctx.out.note(&format!(
                "TLS certificate to trust: {} (le --cacert FILE, or LE_CACERT=FILE; curl --cacert FILE)",
                cert.display()
            ));
        }
        if bound.public_url != url {
            ctx.out.note(&format!(
                "checkout pages are at {}/checkout/INVOICE_ID",
                bound.public_url
            ));
        }
    }
    bound.serve(shutdown_signal()).await;
    ctx.out.note("sandbox stopped; its state is kept");
    Ok(Outcome::Done)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
