//! `le webhook verify|send|listen`: the API's two signature schemes, from both ends.

use std::sync::{Arc, Mutex};

use serde_json::{Map, Value, json};

use crate::api::PlannedRequest;
use crate::api::wire::Dec;
use crate::cli::{
    EndpointCommand, SignScheme, WebhookCommand, WebhookListenArgs, WebhookSendArgs,
    WebhookVerifyArgs,
};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::input::{check_id, read_bytes, read_secret_line};
use crate::money::{self, Currency};
use crate::render::{Output, to_safe_json};
use crate::text::printable;
use crate::webhook::replay::{Seen, Store};
use crate::webhook::send::{Delivery, Schemes, Sender};
use crate::webhook::{self as sig, Invalid};

pub async fn run(ctx: &Ctx, cmd: WebhookCommand) -> Result<Outcome> {
    match cmd {
        WebhookCommand::Verify(a) => verify(ctx, a),
        WebhookCommand::Send(a) => send(ctx, a).await,
        WebhookCommand::Listen(a) => listen(ctx, a).await,
        WebhookCommand::Endpoint(a) => endpoint(ctx, a.command).await,
    }
}

fn secret(ctx: &Ctx, source: &str) -> Result<Vec<u8>> {
    Ok(read_secret_line(source, "--secret-file", &ctx.out)?.into_bytes())
}

fn invalid(e: Invalid) -> Error {
    if e == Invalid::LegacyOnly {
        return Error::mismatch(
            "INVALID_SIGNATURE",
            "the legacy signature is valid, but accepted alone only with --allow-legacy",
            vec![format!(
                "{LEGACY_ALONE}: check {} instead, which the API sends beside it",
                sig::SIGNATURE_HEADER
            )],
            None,
        );
    }
    let mut problems = vec![e.to_string()];
    if e == Invalid::Mismatch {
        problems.push(
            "check the secret, and that the payload is byte for byte what was received (an editor or `echo` adds a final newline)".into(),
        );
    }
    Error::mismatch(
        "INVALID_SIGNATURE",
        "the webhook is not genuine",
        problems,
        None,
    )
}

/// Why a legacy signature alone is not enough.
const LEGACY_ALONE: &str =
    "X-Gateway-Signature carries no time, so a delivery captured once can be replayed forever";

fn verify(ctx: &Ctx, a: WebhookVerifyArgs) -> Result<Outcome> {
    let secret = secret(ctx, &a.secret_file)?;
    let (name, value) = match (&a.signature, &a.header) {
        (Some(v), _) => (None, v.trim()),
        (None, Some(h)) => {
            let (name, value) = h.split_once(':').ok_or_else(|| {
                Error::usage(format!(
                    "--header '{}' should look like 'X-LightningEnable-Signature: t=…,v1=…'",
                    printable(h)
                ))
            })?;
            (Some(name), value.trim())
        }
        (None, None) => {
            return Err(Error::usage(
                "give --signature VALUE or --header 'Name: value'",
            ));
        }
    };
    // A header's name decides the scheme; a value given without one is placed by its
    // shape, and judged by the same rules.
    let received = match name {
        None => sig::Received::by_shape(value),
        Some(name) => sig::Received::named(name, value).ok_or_else(|| {
            Error::usage(format!(
                "--header names '{}'; the signatures are in {} or {}",
                printable(name.trim()),
                sig::SIGNATURE_HEADER,
                sig::LEGACY_SIGNATURE_HEADER
            ))
        })?,
    };
    if value.is_empty() {
        return Err(Error::usage("the signature is empty"));
    }
    let payload = read_bytes(&a.payload, "the payload")?;
    let policy = sig::Policy {
        tolerance: a.tolerance,
        allow_legacy: a.allow_legacy,
    };
    let now = jiff::Timestamp::now().as_second();
    let accepted = sig::judge(&received, &payload, &secret, now, policy).map_err(invalid)?;
    if accepted.legacy_only() {
        ctx.out.warn(&format!(
            "accepted on the legacy signature alone (--allow-legacy): {LEGACY_ALONE}"
        ));
    }
    ctx.out
        .note(&format!("valid signature ({})", accepted.scheme));
    match serde_json::from_slice::<Value>(&payload) {
        Ok(v) if ctx.out.json() => ctx.out.json_line(&v)?,
        Ok(v) => ctx
            .out
            .line(&serde_json::to_string_pretty(&v).map_err(Error::internal)?)?,
        Err(_) => ctx.out.data(&payload)?,
    }
    Ok(Outcome::Done)
}

fn event_data(a: &WebhookSendArgs) -> Result<Value> {
    let currency: Currency = match &a.currency {
        Some(c) => c
            .parse()
            .map_err(|e: String| Error::usage(format!("--currency: {e}")))?,
        None => Currency::Usd,
    };
    let amount = match &a.amount {
        Some(text) => money::parse_amount(text, currency).map_err(|e| {
            Error::usage(format!(
                "--amount {e}, e.g. --amount {}",
                currency.example_amount()
            ))
        })?,
        None => currency.example_amount().parse().map_err(Error::internal)?,
    };
    for (flag, v) in [
        ("--invoice", &a.invoice),
        ("--order", &a.order),
        ("--refund", &a.refund),
    ] {
        if let Some(v) = v {
            check_id(flag, &format!("{flag} X-1"), v)?;
        }
    }
    let sats = money::to_sats(amount, currency, money::Rates::default().price(currency))
        .ok_or_else(|| Error::usage("--amount is too large to be paid in sats"))?;
    let now = jiff::Timestamp::now();
    let invoice = a
        .invoice
        .clone()
        .unwrap_or_else(|| format!("inv_test_{}", crate::rand::hex::<6>()));
    let order = a.order.clone().unwrap_or_else(|| "ORDER-TEST".into());
    use crate::webhook::event::{PaymentCompleted, PaymentExpired, RefundCompleted};
    let data = match a.event.as_str() {
        "payment.completed" => serde_json::to_value(PaymentCompleted {
            invoice_id: invoice,
            order_id: order,
            status: crate::api::Status::Paid,
            amount: Dec(amount),
            currency: currency.as_str().into(),
            amount_sats: sats,
            paid_at: now,
        }),
        "payment.expired" => serde_json::to_value(PaymentExpired {
            invoice_id: invoice,
            order_id: order,
            status: crate::api::Status::Expired,
            amount: Dec(amount),
            currency: currency.as_str().into(),
            expired_at: now,
        }),
        _ => serde_json::to_value(RefundCompleted {
            refund_id: a
                .refund
                .clone()
                .unwrap_or_else(|| format!("ref_test_{}", crate::rand::hex::<6>())),
            invoice_id: invoice,
            status: crate::api::RefundStatus::Completed,
            amount: Dec(amount),
            currency: currency.as_str().into(),
            completed_at: now,
        }),
    }
    .map_err(Error::internal)?;
    let mut data = data;
    if let Some(extra) = &a.data {
        let extra: Map<String, Value> = serde_json::from_str(extra).map_err(|e| {
            Error::usage(format!(
                "--data must be a JSON object, e.g. --data '{{\"amountSats\":4999}}' ({e})"
            ))
        })?;
        if let Value::Object(m) = &mut data {
            m.extend(extra);
        }
    }
    Ok(data)
}

async fn send(ctx: &Ctx, a: WebhookSendArgs) -> Result<Outcome> {
    let url = reqwest::Url::parse(&a.to)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| {
            Error::usage(format!(
                "--to '{}' is not an http(s) URL, e.g. --to http://127.0.0.1:3000/webhooks",
                printable(&a.to)
            ))
        })?;
    let secret = secret(ctx, &a.secret_file)?;
    let data = event_data(&a)?;
    // Written with the same escapes `le` shows, so that the body shown is the body sent.
    let body = to_safe_json(
        &json!({ "event": a.event.as_str(), "timestamp": jiff::Timestamp::now(), "data": data }),
    )?;
    let delivery_id = format!("evt_test_{}", crate::rand::hex::<8>());
    let delivery = Delivery {
        url: url.as_str(),
        event: a.event.as_str(),
        delivery_id: &delivery_id,
        body: body.as_bytes(),
        secret: &secret,
        schemes: Schemes {
            current: a.scheme != SignScheme::Legacy,
            legacy: a.scheme != SignScheme::Current,
        },
        t: jiff::Timestamp::now().as_second(),
    };
    if ctx.dry_run() {
        return Ok(Outcome::Planned(vec![PlannedRequest {
            method: "POST".into(),
            url: url.to_string(),
            headers: delivery.headers(),
            body: Some(body.clone()),
            sends_key: false,
            embedded: false,
        }]));
    }
    // The same time limit as every request le makes: --request-timeout, the profile's,
    // or the default.
    let timeout = ctx.settings()?.request_timeout;
    let roots = if url.scheme() == "https" {
        ctx.roots()?
    } else {
        Vec::new()
    };
    let sender = Sender::new(timeout, crate::net::USER_AGENT, &roots).map_err(Error::Internal)?;
    if ctx.global.verbose {
        ctx.out.trace(&format!("> POST {url}"));
        ctx.out.trace(&format!("> {body}"));
    }
    let sent = sender.send(&delivery).await;
    let Some(status) = sent.status else {
        return Err(Error::Unreachable {
            url: url.to_string(),
            reason: sent.error.unwrap_or_default(),
        });
    };
    let answer = String::from_utf8_lossy(&sent.answer).into_owned();
    let ms = sent.elapsed.as_millis();
    if ctx.out.json() {
        ctx.out.json_line(&json!({
            "deliveryId": delivery_id, "event": a.event.as_str(), "status": status,
            "durationMs": ms, "body": answer, "sent": serde_json::from_str::<Value>(&body).unwrap_or(Value::Null),
        }))?;
    } else {
        let mut text = format!("{} {delivery_id} → {status} in {ms} ms", a.event.as_str());
        // The receiver's words, each line behind a bar: nothing it answers can pass for a
        // line of le's own.
        if !answer.trim().is_empty() {
            for l in answer.trim_end().lines() {
                text.push_str("\n  | ");
                text.push_str(l);
            }
        }
        ctx.out.line(&text)?;
    }
    if (200..300).contains(&status) {
        Ok(Outcome::Done)
    } else {
        Err(Error::BadResponse(format!(
            "the receiver answered {status}; a failed delivery would be retried"
        )))
    }
}

/// What `le webhook listen` made of one delivery.
enum Verdict {
    /// Genuine, and not seen before: 200.
    Valid(sig::Accepted),
    /// Genuine, but accepted before (at `first`, Unix seconds): 409, so that a replay is
    /// never taken twice.
    Repeat { accepted: sig::Accepted, first: i64 },
    /// Not genuine: 400.
    Refused(Invalid),
}

impl Verdict {
    fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            Verdict::Valid(_) => StatusCode::OK,
            Verdict::Repeat { .. } => StatusCode::CONFLICT,
            Verdict::Refused(_) => StatusCode::BAD_REQUEST,
        }
    }
}

async fn listen(ctx: &Ctx, a: WebhookListenArgs) -> Result<Outcome> {
    use axum::body::Bytes;
    use axum::http::HeaderMap;

    if ctx.dry_run() {
        return Err(Error::usage(
            "le webhook listen receives webhooks and sends no request; --dry-run and --curl show the requests of one command, e.g. le webhook send … --dry-run",
        ));
    }
    let secret = secret(ctx, &a.secret_file)?;
    let addr = format!("{}:{}", a.addr, a.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| Error::usage(format!("cannot listen on {}: {e}", printable(&addr))))?;
    let local = listener.local_addr().map_err(Error::internal)?;
    if !local.ip().is_loopback() {
        ctx.out.warn(&format!(
            "listening on {local}, which other machines can reach"
        ));
    }
    let policy = sig::Policy {
        tolerance: a.tolerance,
        allow_legacy: a.allow_legacy,
    };
    // What earlier listeners on this state accepted, so that a replay is refused after a
    // restart too. Trouble with it is a warning: the listener still works from memory.
    let dir = crate::config::listen_dir().map_err(|e| e.to_string());
    let now = jiff::Timestamp::now().as_second();
    let (store, warnings) =
        tokio::task::spawn_blocking(move || Store::open(dir, policy.tolerance, now))
            .await
            .map_err(Error::internal)?;
    for w in warnings {
        ctx.out.warn(&w);
    }
    // Said under --json too: it is how a script learns the port it got.
    ctx.out.note(&format!(
        "listening for webhooks on http://{local}/ (Ctrl-C to stop)"
    ));
    ctx.out
        .json_note(&json!({ "listening": format!("http://{local}/") }));
    let out = ctx.out.clone();
    let store = Arc::new(Mutex::new(store));
    let handler = move |headers: HeaderMap, body: Bytes| {
        let secret = secret.clone();
        let out = out.clone();
        let store = store.clone();
        async move {
            // A value that is not text is kept (lossily) rather than taken for absent: a
            // signature header that was sent decides, whatever it holds.
            let h = |n: &str| {
                headers
                    .get(n)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            };
            let now = jiff::Timestamp::now();
            let (current, legacy) = (h(sig::SIGNATURE_HEADER), h(sig::LEGACY_SIGNATURE_HEADER));
            let received = sig::Received {
                current: current.as_deref(),
                legacy: legacy.as_deref(),
            };
            let id = h(sig::DELIVERY_HEADER);
            let verdict = match sig::judge(&received, &body, &secret, now.as_second(), policy) {
                Err(e) => Verdict::Refused(e),
                Ok(accepted) => {
                    let keys = Seen::keys(id.as_deref(), &body);
                    // Under --allow-legacy the body alone, re-sent with X-Gateway-Signature
                    // (which the API sends beside the current one), passes at any age: it
                    // is remembered as long as there is room, whatever signed it now.
                    let t = if policy.allow_legacy {
                        None
                    } else {
                        accepted.signed_at
                    };
                    // File I/O under a lock another listener may hold: off the async thread.
                    let (first, warnings) = tokio::task::spawn_blocking(move || {
                        store.lock().unwrap_or_else(|p| p.into_inner()).check(
                            &keys,
                            t,
                            now.as_second(),
                        )
                    })
                    .await
                    .unwrap_or_default();
                    for w in warnings {
                        out.warn(&w);
                    }
                    match first {
                        Some(first) => Verdict::Repeat { accepted, first },
                        None => Verdict::Valid(accepted),
                    }
                }
            };
            show_received(&out, now, &verdict, id.as_deref(), &body);
            verdict.status()
        }
    };
    let app = axum::Router::new().fallback(axum::routing::post(handler));
    crate::net::server::run(listener, app, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(Outcome::Done)
}

/// One line per delivery: NDJSON under `--json`, else a line for the person. Everything
/// in it came from an unauthenticated sender, and is escaped by the output.
fn show_received(
    out: &Output,
    now: jiff::Timestamp,
    verdict: &Verdict,
    id: Option<&str>,
    body: &[u8],
) {
    let event: Value = serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()));
    let (accepted, repeat_of, reason) = match verdict {
        Verdict::Valid(a) => (Some(a), None, None),
        Verdict::Repeat { accepted, first } => {
            let first = jiff::Timestamp::from_second(*first).unwrap_or(now);
            (
                Some(accepted),
                Some(first),
                Some(format!(
                    "a repeat: the same delivery was accepted at {}, so it is refused",
                    first.strftime("%H:%M:%S")
                )),
            )
        }
        Verdict::Refused(e) => (None, None, Some(e.to_string())),
    };
    if out.json() {
        let _ = out.json_line(&json!({
            "receivedAt": now.to_string(),
            "valid": matches!(verdict, Verdict::Valid(_)),
            "scheme": accepted.map(|a| a.scheme.to_string()),
            "reason": reason,
            "deliveryId": id,
            "repeatOf": repeat_of.map(|t| t.to_string()),
            "event": event,
        }));
        return;
    }
    let name = event.get("event").and_then(Value::as_str).unwrap_or("?");
    let subject = event
        .get("data")
        .and_then(|d| d.get("refundId").or(d.get("invoiceId")))
        .and_then(Value::as_str)
        .unwrap_or("");
    let outcome = match (verdict, reason) {
        (Verdict::Valid(a), _) => format!(
            "✓ valid ({})",
            if a.legacy_only() {
                "X-Gateway-Signature only: no time, could be a replay"
            } else {
                sig::SIGNATURE_HEADER
            }
        ),
        // le's own words, whose untrusted parts are cut short already: said whole (the
        // output escapes the line as a whole).
        (_, reason) => format!("✗ {}", reason.unwrap_or_default()),
    };
    let _ = out.line(&format!(
        "{} {} {} {outcome}",
        now.strftime("%H:%M:%S"),
        printable(name),
        printable(subject),
    ));
}

/// `le webhook endpoint show|set`: where the API sends the account's webhooks.
async fn endpoint(ctx: &Ctx, cmd: EndpointCommand) -> Result<Outcome> {
    match cmd {
        EndpointCommand::Show => {
            let client = ctx.client().await?;
            let me = client.merchant_me().await?;
            if ctx.out.json() {
                ctx.out.json_line(&serde_json::json!({
                    "webhookUrl": me.get("webhookUrl"),
                    "hasWebhookUrl": me.pointer("/onboarding/hasWebhookUrl"),
                }))?;
            } else {
                ctx.out.line(&crate::render::merchant::webhook_line(&me))?;
            }
            Ok(Outcome::Done)
        }
        EndpointCommand::Set { url, secret_file } => {
            check_endpoint_url(&url)?;
            let secret = read_secret_line(&secret_file, "--secret-file", &ctx.out)?;
            // The secret signs every webhook: it never reaches the terminal, not even
            // in --dry-run's or --curl's copy of the request.
            ctx.out
                .register_secret(&crate::secret::SecretString::new(secret.clone()));
            let client = ctx.client().await?;
            if ctx.global.curl {
                // Run as printed, the line would make the redacted text the secret that
                // signs every webhook: one anyone can read.
                ctx.out.warn(
                    "the line shows the webhook secret as …(redacted): put the secret in its place before running it, or the webhooks will be signed with a secret anyone can read",
                );
            }
            let answer = client.set_webhook_url(&url, &secret).await?;
            if ctx.out.json() {
                ctx.out.json_line(&answer)?;
            } else {
                ctx.out.line(&format!(
                    "Webhooks now go to {url}, signed with the secret from {}.",
                    printable(&secret_file)
                ))?;
            }
            Ok(Outcome::Done)
        }
    }
}

fn check_endpoint_url(url: &str) -> Result<()> {
    match reqwest::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(Error::usage(format!(
            "'{}' is not an http(s) URL, e.g. le webhook endpoint set https://shop.example/webhooks/lightning --secret-file whsec.txt",
            printable(url)
        ))),
    }
}
