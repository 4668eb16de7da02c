//! `le sandbox …`: move sandbox payments along, inspect and reset the state, set up
//! webhooks, or serve it all over HTTP.

use comfy_table::{Table, presets};
use serde_json::Value;

use super::{Ctx, EMBEDDED_KEY, check_id, show::show};
use crate::api::{Client, ClientOptions};
use crate::cli::{SandboxCommand, ServeArgs, WebhookArgs};
use crate::config::{Settings, Target, read_secret_line};
use crate::error::{Error, Result};
use crate::render;
use crate::sandbox::{Faults, Hook, Limiter, Options, ServeOptions};
use crate::secret::SecretString;

pub async fn run(ctx: &Ctx, cmd: SandboxCommand) -> Result<()> {
    match cmd {
        SandboxCommand::Pay(a) => act(ctx, &a.invoice_id, "pay").await,
        SandboxCommand::Process(a) => act(ctx, &a.invoice_id, "process").await,
        SandboxCommand::Expire(a) => act(ctx, &a.invoice_id, "expire").await,
        SandboxCommand::List => {
            let items = client(ctx).await?.sandbox_list().await?;
            if ctx.out.json {
                for p in &items {
                    ctx.out.json_line(p.raw())?;
                }
                Ok(())
            } else {
                ctx.out.text(&render::payments_table(&items, &ctx.out))
            }
        }
        SandboxCommand::Reset => {
            let answer = client(ctx).await?.sandbox_reset().await?;
            if ctx.out.json {
                ctx.out.json_line(&answer)
            } else {
                let n = answer.get("deleted").and_then(Value::as_u64).unwrap_or(0);
                ctx.out
                    .text(&format!("Sandbox reset: {n} payments deleted.\n"))
            }
        }
        SandboxCommand::Deliveries => deliveries(ctx).await,
        SandboxCommand::Webhook(a) => webhook(ctx, a).await,
        SandboxCommand::Serve(a) => serve(ctx, *a).await,
    }
}

async fn act(ctx: &Ctx, invoice_id: &str, action: &str) -> Result<()> {
    check_id("the invoice id", "le sandbox pay inv_abc123", invoice_id)?;
    let p = client(ctx)
        .await?
        .sandbox_action(invoice_id, action)
        .await?;
    show(ctx, &p)
}

async fn deliveries(ctx: &Ctx) -> Result<()> {
    let items = client(ctx).await?.sandbox_deliveries().await?;
    if ctx.out.json {
        for d in &items {
            ctx.out.json_line(d)?;
        }
        return Ok(());
    }
    if items.is_empty() {
        return ctx.out.text("No webhook deliveries yet.\n");
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_HORIZONTAL_ONLY);
    t.set_header(vec![
        "At", "Event", "Delivery", "Try", "Result", "ms", "URL",
    ]);
    for d in &items {
        let s = |k: &str| d.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        let result = match (
            d.get("statusCode").and_then(Value::as_u64),
            d.get("error").and_then(Value::as_str),
        ) {
            (Some(code), _) => code.to_string(),
            (None, Some(e)) => e.to_owned(),
            _ => "?".into(),
        };
        let at = s("at")
            .parse::<jiff::Timestamp>()
            .map(render::time::local)
            .unwrap_or_default();
        t.add_row(vec![
            at,
            s("event"),
            s("deliveryId"),
            d.get("attempt").map(Value::to_string).unwrap_or_default(),
            result,
            d.get("durationMs")
                .map(Value::to_string)
                .unwrap_or_default(),
            s("url"),
        ]);
    }
    ctx.out.text(&format!("{t}\n"))
}

async fn webhook(ctx: &Ctx, a: WebhookArgs) -> Result<()> {
    let c = client(ctx).await?;
    let answer = match (&a.url, &a.secret_file, a.clear) {
        (Some(url), Some(source), _) => {
            check_hook_url(url)?;
            let secret = read_secret_line(source, "--secret-file").map_err(Error::Usage)?;
            c.sandbox_set_webhook(Some((url, &secret))).await?
        }
        (None, None, true) => c.sandbox_set_webhook(None).await?,
        _ => c.sandbox_webhook().await?,
    };
    if ctx.out.json {
        return ctx.out.json_line(&answer);
    }
    let text = match answer.get("url").and_then(Value::as_str) {
        Some(url) => format!("Webhooks go to {url} (signed with the secret you set).\n"),
        None => "No webhook destination is set in this sandbox state.\n".into(),
    };
    ctx.out.text(&text)
}

fn check_hook_url(url: &str) -> Result<()> {
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(Error::usage(format!(
            "--url '{}' is not an http(s) URL, e.g. --url http://127.0.0.1:9000/webhooks",
            crate::money::printable(url)
        ))),
    }
}

/// The embedded sandbox, unless a flag, the environment or the profile names a served one.
async fn client(ctx: &Ctx) -> Result<Client> {
    let settings = Settings::resolve(&ctx.global)?;
    let url = match &settings.target {
        Target::Remote(url) if settings.explicit => url.clone(),
        _ => return ctx.client_for_embedded().await,
    };
    // A live profile's key and a webhook secret have no business at the hosted API.
    if reqwest::Url::parse(&url).is_ok_and(|u| u.host_str() == Some("api.lightningenable.com")) {
        return Err(Error::usage(format!(
            "le sandbox commands drive a sandbox, and {url} is the hosted API: use --sandbox, or --base-url for a served sandbox"
        )));
    }
    ctx.expect(crate::invoice::Expectations {
        network: crate::invoice::Network::Regtest,
        payees: Vec::new(),
    });
    let mut opts = ClientOptions::new(url.clone());
    opts.direct = reqwest::Url::parse(&url).is_ok_and(|u| crate::config::is_loopback(&u));
    // A served sandbox accepts any key unless told otherwise, so one is not required here.
    opts.api_key = Some(match settings.api_key(&ctx.global) {
        Ok(k) => k,
        Err(Error::Key(_)) => SecretString::new(EMBEDDED_KEY.into()),
        Err(e) => return Err(e),
    });
    opts.request_timeout = settings.request_timeout;
    opts.verbose = ctx.global.verbose;
    opts.dry_run = ctx.global.dry_run || ctx.global.curl;
    Client::new(opts)
}

fn serve_options(a: &ServeArgs) -> Result<ServeOptions> {
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
        (None, Some(f)) => {
            Some(read_secret_line(f, "--webhook-secret-file").map_err(Error::Usage)?)
        }
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

async fn serve(ctx: &Ctx, a: ServeArgs) -> Result<()> {
    let opts = serve_options(&a)?;
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
    if ctx.out.json {
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
        ctx.out.text(&format!(
            "le sandbox listening on {url} (state in {}); API key: {key_hint}, e.g. LIGHTNING_API_KEY={} le --base-url {url} create --order ORDER-1 --amount 49.99 --currency USD\n",
            bound.dir.display(),
            keys.first().map_or("le_sandbox_test", String::as_str),
        ))?;
    }
    bound.serve(shutdown_signal()).await;
    ctx.out.note("sandbox stopped; its state is kept");
    Ok(())
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
