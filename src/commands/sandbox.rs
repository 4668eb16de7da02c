//! `le sandbox …`: move sandbox payments along, inspect and reset the state, or serve it.

use super::{Ctx, EMBEDDED_KEY, check_id, show::show};
use crate::api::{Client, ClientOptions};
use crate::cli::{SandboxCommand, ServeArgs};
use crate::config::{Settings, check_base_url};
use crate::error::{Error, Result};
use crate::render;
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
                let n = answer.get("deleted").and_then(|v| v.as_u64()).unwrap_or(0);
                ctx.out
                    .text(&format!("Sandbox reset: {n} payments deleted.\n"))
            }
        }
        SandboxCommand::Serve(a) => serve(ctx, a).await,
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

/// The embedded sandbox, unless `--base-url` points at a served one.
async fn client(ctx: &Ctx) -> Result<Client> {
    let Some(url) = ctx
        .global
        .base_url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
    else {
        return ctx.client_for_embedded().await;
    };
    let settings = Settings::resolve(&ctx.global)?;
    let mut opts = ClientOptions::new(check_base_url(url)?);
    // A served sandbox accepts any key unless told otherwise, so one is not required here.
    opts.api_key = Some(match settings.api_key(&ctx.global) {
        Ok(k) => k,
        Err(Error::Key(_)) => SecretString::new(EMBEDDED_KEY.into()),
        Err(e) => return Err(e),
    });
    opts.request_timeout = settings.request_timeout;
    opts.verbose = ctx.global.verbose;
    Client::new(opts)
}

async fn serve(ctx: &Ctx, a: ServeArgs) -> Result<()> {
    let dir = match a.dir {
        Some(d) => d,
        None => crate::config::sandbox_dir()?,
    };
    if a.api_keys.iter().any(|k| k.trim().is_empty()) {
        return Err(Error::usage("--api-key must not be empty"));
    }
    let keys = a.api_keys.clone();
    let bound = crate::sandbox::bind(&dir, &a.addr, a.api_keys).await?;
    let url = bound.url();
    if !bound.addr.ip().is_loopback() {
        ctx.out.warn(&format!(
            "the sandbox listens on {}, which other machines can reach: it accepts {} and holds no real money, but anyone on the network can use it",
            bound.addr,
            if keys.is_empty() { "any key" } else { "the keys you gave" }
        ));
    }
    let key_hint = keys
        .first()
        .map_or("any non-empty key", |_| "one of the --api-key values");
    if ctx.out.json {
        ctx.out.json_line(&serde_json::json!({
            "url": url,
            "dir": bound.dir.display().to_string(),
            "nodePubkey": bound.node_pubkey,
        }))?;
    } else {
        ctx.out.text(&format!(
            "le sandbox listening on {url} (state in {}); API key: {key_hint}, e.g. LIGHTNING_API_KEY={} le --base-url {url} create --order ORDER-1 --amount 49.99 --currency USD\n",
            bound.dir.display(),
            keys.first().map_or("le_sandbox_test", String::as_str),
        ))?;
    }
    bound.serve(shutdown_signal()).await?;
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
