//! `le webhook verify|send|listen`: the API's two signature schemes, from both ends.

use std::io::Read;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::{
    SignScheme, WebhookCommand, WebhookListenArgs, WebhookSendArgs, WebhookVerifyArgs,
};
use crate::config::read_secret_line;
use crate::error::{Error, Result};
use crate::money::{self, Currency, printable};
use crate::webhook::{self as sig, Invalid, Scheme};

pub async fn run(ctx: &Ctx, cmd: WebhookCommand) -> Result<()> {
    match cmd {
        WebhookCommand::Verify(a) => verify(ctx, a),
        WebhookCommand::Send(a) => send(ctx, a).await,
        WebhookCommand::Listen(a) => listen(ctx, a).await,
    }
}

fn secret(source: &str) -> Result<Vec<u8>> {
    Ok(read_secret_line(source, "--secret-file")
        .map_err(Error::Usage)?
        .into_bytes())
}

fn invalid(e: Invalid) -> Error {
    let mut problems = vec![e.to_string()];
    if e == Invalid::Mismatch {
        problems.push(
            "check the secret, and that the payload is byte for byte what was received (an editor or `echo` adds a final newline)".into(),
        );
    }
    Error::Mismatch {
        code: "INVALID_SIGNATURE",
        problems,
    }
}

fn verify(ctx: &Ctx, a: WebhookVerifyArgs) -> Result<()> {
    let secret = secret(&a.secret_file)?;
    let (value, named) = match (&a.signature, &a.header) {
        (Some(v), _) => (v.trim().to_owned(), None),
        (None, Some(h)) => {
            let (name, value) = h.split_once(':').ok_or_else(|| {
                Error::usage(format!(
                    "--header '{}' should look like 'X-LightningEnable-Signature: t=…,v1=…'",
                    printable(h)
                ))
            })?;
            let scheme = if name.trim().eq_ignore_ascii_case(sig::SIGNATURE_HEADER) {
                Scheme::Current
            } else if name
                .trim()
                .eq_ignore_ascii_case(sig::LEGACY_SIGNATURE_HEADER)
            {
                Scheme::Legacy
            } else {
                return Err(Error::usage(format!(
                    "--header names '{}'; the signatures are in {} or {}",
                    printable(name.trim()),
                    sig::SIGNATURE_HEADER,
                    sig::LEGACY_SIGNATURE_HEADER
                )));
            };
            (value.trim().to_owned(), Some(scheme))
        }
        (None, None) => {
            return Err(Error::usage(
                "give --signature VALUE or --header 'Name: value'",
            ));
        }
    };
    if value.is_empty() {
        return Err(Error::usage("the signature is empty"));
    }
    if a.payload == "-" && a.secret_file == "-" {
        return Err(Error::usage(
            "the secret and the payload cannot both come from stdin",
        ));
    }
    let payload = if a.payload == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Error::usage(format!("cannot read the payload from stdin: {e}")))?;
        b
    } else {
        std::fs::read(&a.payload)
            .map_err(|e| Error::usage(format!("cannot read the payload {}: {e}", a.payload)))?
    };
    // A header's name decides the scheme; a bare value is recognised by its shape.
    if let Some(expected) = named
        && sig::scheme_of(&value) != expected
    {
        return Err(invalid(Invalid::Malformed(format!(
            "{expected} carries {}",
            if expected == Scheme::Current {
                "t=…,v1=…"
            } else {
                "a bare hex signature"
            }
        ))));
    }
    let now = jiff::Timestamp::now().as_second();
    let scheme = sig::verify(&secret, &value, &payload, now, a.tolerance).map_err(invalid)?;
    ctx.out.note(&format!("valid signature ({scheme})"));
    match serde_json::from_slice::<Value>(&payload) {
        Ok(v) if ctx.out.json => ctx.out.json_line(&v),
        Ok(v) => ctx.out.text(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).map_err(Error::internal)?
        )),
        Err(_) => ctx.out.stdout(|w| w.write_all(&payload)),
    }
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
            super::check_id(flag, &format!("{flag} X-1"), v)?;
        }
    }
    let amount_json: Value = serde_json::from_str(&amount.to_string()).map_err(Error::internal)?;
    let sats = money::to_sats(
        amount,
        currency,
        crate::money::Rates::default().price(currency),
    );
    let now = jiff::Timestamp::now().to_string();
    let invoice = a
        .invoice
        .clone()
        .unwrap_or_else(|| format!("inv_test_{}", crate::rand::hex::<6>()));
    let order = a.order.clone().unwrap_or_else(|| "ORDER-TEST".into());
    let mut data = match a.event.as_str() {
        "payment.completed" => json!({
            "invoiceId": invoice, "orderId": order, "status": "paid", "amount": amount_json,
            "currency": currency.as_str(), "amountSats": sats, "paidAt": now,
        }),
        "payment.expired" => json!({
            "invoiceId": invoice, "orderId": order, "status": "expired", "amount": amount_json,
            "currency": currency.as_str(), "expiredAt": now,
        }),
        _ => json!({
            "refundId": a.refund.clone().unwrap_or_else(|| format!("ref_test_{}", crate::rand::hex::<6>())),
            "invoiceId": invoice, "status": "completed", "amount": amount_json,
            "currency": currency.as_str(), "completedAt": now,
        }),
    };
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

async fn send(ctx: &Ctx, a: WebhookSendArgs) -> Result<()> {
    let url = reqwest::Url::parse(&a.to)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| {
            Error::usage(format!(
                "--to '{}' is not an http(s) URL, e.g. --to http://127.0.0.1:3000/webhooks",
                printable(&a.to)
            ))
        })?;
    let secret = secret(&a.secret_file)?;
    let data = event_data(&a)?;
    let body = json!({ "event": a.event.as_str(), "timestamp": jiff::Timestamp::now().to_string(), "data": data }).to_string();
    let delivery = format!("evt_test_{}", crate::rand::hex::<8>());
    let t = jiff::Timestamp::now().as_second();
    crate::api::ensure_tls_provider();
    let timeout = ctx
        .global
        .request_timeout
        .unwrap_or(Duration::from_secs(30));
    let mut builder = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .redirect(reqwest::redirect::Policy::none());
    // A handler on this machine is reached directly, never through a proxy.
    if crate::config::is_loopback(&url) {
        builder = builder.no_proxy();
    }
    let client = builder
        .user_agent(concat!("le/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(Error::internal)?;
    let mut req = client
        .post(url.clone())
        .header("content-type", "application/json")
        .header(sig::DELIVERY_HEADER, &delivery)
        .header(sig::EVENT_HEADER, a.event.as_str());
    if a.scheme != SignScheme::Legacy {
        req = req.header(
            sig::SIGNATURE_HEADER,
            sig::sign(&secret, t, body.as_bytes()),
        );
    }
    if a.scheme != SignScheme::Current {
        req = req.header(
            sig::LEGACY_SIGNATURE_HEADER,
            sig::sign_legacy(&secret, body.as_bytes()),
        );
    }
    if ctx.global.verbose {
        eprintln!("> POST {url}\n> {body}");
    }
    let started = Instant::now();
    let resp = req
        .body(body.clone())
        .send()
        .await
        .map_err(|e| Error::Unreachable {
            url: url.to_string(),
            reason: if e.is_timeout() {
                format!("no answer within {} s", timeout.as_secs())
            } else {
                root(&e)
            },
        })?;
    let status = resp.status();
    let answer = resp.text().await.unwrap_or_default();
    let ms = started.elapsed().as_millis();
    if ctx.out.json {
        ctx.out.json_line(&json!({
            "deliveryId": delivery, "event": a.event.as_str(), "status": status.as_u16(),
            "durationMs": ms, "body": answer, "sent": serde_json::from_str::<Value>(&body).unwrap_or(Value::Null),
        }))?;
    } else {
        let mut text = format!(
            "{} {} → {} in {ms} ms\n",
            a.event.as_str(),
            delivery,
            status
        );
        if !answer.trim().is_empty() {
            text.push_str(answer.trim_end());
            text.push('\n');
        }
        ctx.out.text(&text)?;
    }
    if status.is_success() {
        Ok(())
    } else {
        Err(Error::BadResponse(format!(
            "the receiver answered {status}; a failed delivery would be retried"
        )))
    }
}

fn root(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(n) = cur.source() {
        cur = n;
    }
    cur.to_string()
}

async fn listen(ctx: &Ctx, a: WebhookListenArgs) -> Result<()> {
    use axum::body::Bytes;
    use axum::http::{HeaderMap, StatusCode};

    let secret = secret(&a.secret_file)?;
    let addr = format!("{}:{}", a.addr, a.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| Error::usage(format!("cannot listen on {addr}: {e}")))?;
    let local = listener.local_addr().map_err(Error::internal)?;
    if !local.ip().is_loopback() {
        ctx.out.warn(&format!(
            "listening on {local}, which other machines can reach"
        ));
    }
    eprintln!("listening for webhooks on http://{local}/ (Ctrl-C to stop)");
    let out = ctx.out;
    let tolerance = a.tolerance;
    let handler = move |headers: HeaderMap, body: Bytes| {
        let secret = secret.clone();
        async move {
            let h = |n: &str| {
                headers
                    .get(n)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            let now = jiff::Timestamp::now();
            let result = match (h(sig::SIGNATURE_HEADER), h(sig::LEGACY_SIGNATURE_HEADER)) {
                (Some(v), _) | (None, Some(v)) => {
                    sig::verify(&secret, &v, &body, now.as_second(), tolerance)
                        .map_err(|e| e.to_string())
                }
                (None, None) => Err("no signature header".to_owned()),
            };
            let event: Value = serde_json::from_slice(&body)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
            let line = if out.json {
                json!({
                    "receivedAt": now.to_string(),
                    "valid": result.is_ok(),
                    "scheme": result.as_ref().ok().map(|s| s.to_string()),
                    "reason": result.as_ref().err(),
                    "deliveryId": h(sig::DELIVERY_HEADER),
                    "event": event,
                })
                .to_string()
            } else {
                let name = event.get("event").and_then(Value::as_str).unwrap_or("?");
                let subject = event
                    .get("data")
                    .and_then(|d| d.get("refundId").or(d.get("invoiceId")))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                match &result {
                    Ok(s) => format!(
                        "{} {name} {subject} ✓ valid ({s})",
                        now.strftime("%H:%M:%S")
                    ),
                    Err(e) => format!("{} {name} {subject} ✗ {e}", now.strftime("%H:%M:%S")),
                }
            };
            let _ = out.text(&format!("{line}\n"));
            if result.is_ok() {
                StatusCode::OK
            } else {
                StatusCode::BAD_REQUEST
            }
        }
    };
    let app = axum::Router::new().fallback(axum::routing::post(handler));
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::internal(format!("webhook listener failed: {e}")))
}
