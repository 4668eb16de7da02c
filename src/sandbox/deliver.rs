//! Webhook delivery for `le sandbox serve`: applies time-driven changes, takes due events
//! from the outbox, signs them under both schemes and posts them, retrying with backoff.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::watch;

use super::engine::now_ms;
use super::routes::AppState;
use super::store::{DeliveryRow, EventRow};
use crate::webhook;

/// Attempts per event, and the waits between them (sandbox-defined: 1 s, 2 s, 4 s, 8 s).
pub const ATTEMPTS: u32 = 5;
const TICK: Duration = Duration::from_millis(200);

pub async fn run(state: Arc<AppState>, timeout: Duration, mut stop: watch::Receiver<bool>) {
    crate::api::ensure_tls_provider();
    let build = |direct: bool| {
        let b = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("le-sandbox/", env!("CARGO_PKG_VERSION")));
        if direct { b.no_proxy() } else { b }.build()
    };
    // Receivers on this machine are reached directly; others may need the environment's
    // proxy (a tunnel to a laptop, say).
    let (direct, proxied) = match (build(true), build(false)) {
        (Ok(d), Ok(p)) => (d, p),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("warning: webhooks disabled: cannot set up HTTP: {e}");
            return;
        }
    };
    // A lease longer than one attempt can take, so that a crashed server's events are
    // picked up again by the next one.
    let lease = timeout + Duration::from_secs(10);
    let mut in_flight = tokio::task::JoinSet::new();
    loop {
        while in_flight.try_join_next().is_some() {}
        let s = state.clone();
        let claimed = tokio::task::spawn_blocking(move || {
            if let Err(e) = s.engine.heartbeat().and_then(|()| s.engine.tick()) {
                eprintln!("warning: sandbox: {e}");
            }
            s.engine.claim_events(lease, 32)
        })
        .await;
        match claimed {
            Ok(Ok(events)) => {
                for ev in events {
                    let local =
                        reqwest::Url::parse(&ev.url).is_ok_and(|u| crate::config::is_loopback(&u));
                    let client = if local {
                        direct.clone()
                    } else {
                        proxied.clone()
                    };
                    in_flight.spawn(deliver(state.clone(), client, ev, timeout));
                }
            }
            Ok(Err(e)) => eprintln!("warning: sandbox: {e}"),
            Err(e) => eprintln!("warning: sandbox: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(TICK) => {}
            _ = stop.changed() => {
                let s = state.clone();
                let _ = tokio::task::spawn_blocking(move || s.engine.withdraw()).await;
                // Attempts under way finish and are recorded, within reason; any cut
                // short are taken up again when their lease runs out.
                let _ = tokio::time::timeout(Duration::from_secs(5), async {
                    while in_flight.join_next().await.is_some() {}
                })
                .await;
                return;
            }
        }
    }
}

async fn deliver(state: Arc<AppState>, client: reqwest::Client, ev: EventRow, timeout: Duration) {
    let attempt = ev.attempts + 1;
    let t = super::engine::now();
    let secret = ev.secret.as_bytes();
    let started = Instant::now();
    let at_ms = now_ms();
    let sent = client
        .post(&ev.url)
        .header("content-type", "application/json")
        .header(
            webhook::SIGNATURE_HEADER,
            webhook::sign(secret, t, ev.body.as_bytes()),
        )
        .header(
            webhook::LEGACY_SIGNATURE_HEADER,
            webhook::sign_legacy(secret, ev.body.as_bytes()),
        )
        .header(webhook::DELIVERY_HEADER, &ev.id)
        .header(webhook::EVENT_HEADER, &ev.event)
        .body(ev.body.clone())
        .send()
        .await;
    // The receiver has to answer in full within the timeout, body included.
    let (status_code, error) = match sent {
        Ok(resp) => {
            let status = resp.status().as_u16();
            match resp.bytes().await {
                Ok(_) => (Some(status), None),
                Err(e) => (None, Some(describe(&e, timeout))),
            }
        }
        Err(e) => (None, Some(describe(&e, timeout))),
    };
    let row = DeliveryRow {
        event_id: ev.id.clone(),
        event: ev.event.clone(),
        url: ev.url.clone(),
        attempt,
        at_ms,
        status_code,
        error,
        duration_ms: started.elapsed().as_millis() as i64,
    };
    let next = (attempt < ATTEMPTS).then(|| now_ms() + 1000 * (1i64 << (attempt - 1)));
    let _ = tokio::task::spawn_blocking(move || {
        if let Err(e) = state.engine.record_attempt(&ev, &row, next) {
            eprintln!("warning: sandbox: {e}");
        }
    })
    .await;
}

fn describe(e: &reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("no answer within {} s", timeout.as_secs_f64());
    }
    let mut cur: &dyn std::error::Error = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}
