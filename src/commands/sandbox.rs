//! `le sandbox …`: move sandbox payments along, inspect and reset the state, set up
//! webhooks, or serve it all over HTTP.

use crate::api::Call;
use crate::app::Ctx;
use crate::cli::{SandboxCommand, ServeArgs, WebhookArgs};
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
        SandboxCommand::List => {
            let client = ctx.sandbox_client().await?;
            if let Some(plan) = ctx.plan(&client, &Call::sandbox_list(None)) {
                return Ok(plan);
            }
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
            if let Some(plan) = ctx.plan(&client, &Call::sandbox_reset()) {
                return Ok(plan);
            }
            let answer = client.sandbox_reset().await?;
            if ctx.out.json() {
                ctx.out.json_line(&answer)?;
            } else {
                let n = answer
                    .get("deleted")
                    .and_then(serde_json::Value::as_u64)
                    .unwrap_or(0);
                ctx.out
                    .line(&format!("Sandbox reset: {n} payments deleted."))?;
            }
            Ok(Outcome::Done)
        }
        SandboxCommand::Deliveries => {
            let client = ctx.sandbox_client().await?;
            if let Some(plan) = ctx.plan(&client, &Call::sandbox_deliveries()) {
                return Ok(plan);
            }
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
    if let Some(plan) = ctx.plan(&client, &Call::sandbox_action(invoice_id, action)) {
        return Ok(plan);
    }
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
    let call = match dest {
        None => Call::sandbox_webhook(),
        Some(d) => Call::sandbox_set_webhook(d),
    };
    if let Some(plan) = ctx.plan(&client, &call) {
        return Ok(plan);
    }
    let answer = client.sandbox_webhook(dest).await?;
    if ctx.out.json() {
        ctx.out.json_line(&answer)?;
        return Ok(Outcome::Done);
    }
    let text = match (&answer.server_url, &answer.url) {
        (Some(server), _) => format!(
            "Webhooks go to {server}, the destination a running `le sandbox serve --webhook-url` was given{}.",
            answer
                .url
                .as_ref()
                .map(|u| format!(
                    " (the state's own setting, {u}, applies when no such server runs)"
                ))
                .unwrap_or_default()
        ),
        (None, Some(url)) => format!("Webhooks go to {url} (signed with the secret you set)."),
        (None, None) => "No webhook destination is set in this sandbox state.".into(),
    };
    ctx.out.line(&text)?;
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
    })
}

async fn serve(ctx: &Ctx, a: ServeArgs) -> Result<Outcome> {
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
        ctx.out.json_line(&serde_json::json!({
            "url": url,
            "dir": bound.dir.display().to_string(),
            "nodePubkey": bound.node_pubkey,
        }))?;
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
