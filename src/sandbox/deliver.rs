//! Webhook delivery for `le sandbox serve`: applies time-driven changes, takes due events
//! from the outbox, signs them under both schemes and posts them (with the sender `le
//! webhook send` uses), retrying with backoff.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::engine::now_ms;
use super::routes::AppState;
use super::store::{DeliveryRow, EventRow};
use crate::webhook::send::{Delivery, Schemes, Sender};

/// Attempts per event, and the waits between them (sandbox-defined: 1 s, 2 s, 4 s, 8 s).
pub const ATTEMPTS: u32 = 5;
const TICK: Duration = Duration::from_millis(200);

pub async fn run(
    state: Arc<AppState>,
    timeout: Duration,
    cacert: Option<std::path::PathBuf>,
    mut stop: watch::Receiver<bool>,
) {
    // A certificate file that cannot be used costs only what it would have added.
    let roots = match cacert.as_deref().map(crate::net::load_roots) {
        Some(Ok(roots)) => roots,
        Some(Err(e)) => {
            state.out.warn(&format!(
                "webhooks to https endpoints trust the system's certificates only: {e} (--cacert or LE_CACERT)"
            ));
            Vec::new()
        }
        None => Vec::new(),
    };
    let sender = match Sender::new(timeout, crate::net::SANDBOX_USER_AGENT, &roots) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            state.out.warn(&format!("webhooks disabled: {e}"));
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
                s.out.warn(&format!("sandbox: {e}"));
            }
            s.engine.claim_events(lease, 32)
        })
        .await;
        match claimed {
            Ok(Ok(events)) => {
                for ev in events {
                    in_flight.spawn(deliver(state.clone(), sender.clone(), ev));
                }
            }
            Ok(Err(e)) => state.out.warn(&format!("sandbox: {e}")),
            Err(e) => state.out.warn(&format!("sandbox: {e}")),
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

async fn deliver(state: Arc<AppState>, sender: Arc<Sender>, ev: EventRow) {
    let attempt = ev.attempts + 1;
    let at_ms = now_ms();
    let sent = sender
        .send(&Delivery {
            url: &ev.url,
            event: &ev.event,
            delivery_id: &ev.id,
            body: ev.body.as_bytes(),
            secret: ev.secret.as_bytes(),
            schemes: Schemes::BOTH,
            t: super::engine::now(),
        })
        .await;
    let row = DeliveryRow {
        event_id: ev.id.clone(),
        event: ev.event.clone(),
        url: ev.url.clone(),
        attempt,
        at_ms,
        status_code: sent.status,
        error: sent.error,
        duration_ms: sent.elapsed.as_millis() as i64,
    };
    let next = (attempt < ATTEMPTS).then(|| now_ms() + 1000 * (1i64 << (attempt - 1)));
    let _ = tokio::task::spawn_blocking(move || {
        if let Err(e) = state.engine.record_attempt(&ev, &row, next) {
            state.out.warn(&format!("sandbox: {e}"));
        }
    })
    .await;
}
