//! Following one payment until it settles: the loop that `le watch` runs, and that any
//! command waiting for a payment shares. Polls no more often than the API asks, rides out
//! an API that is away for a while, and never outlives its `--timeout`.

use std::time::{Duration, Instant};

use crate::api::{Client, Identity, Payment};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::render::watch::WatchView;
use crate::verdict::{Asked, Verdict, judge};

/// The API asks clients not to poll more often than this.
pub const MIN_INTERVAL: Duration = Duration::from_secs(3);
/// How long the API may stay unreachable before a watch gives up.
pub const OUTAGE_LIMIT: Duration = Duration::from_secs(120);

/// How to follow.
#[derive(Debug, Clone, Copy)]
pub struct Follow {
    pub interval: Duration,
    pub timeout: Option<Duration>,
    /// A SIGTERM, SIGHUP or SIGQUIT ends the follow as Ctrl-C does, so that a command at a
    /// terminal can give the screen back and say where the money is. Only for a command
    /// that ends with its follow: once caught, those signals no longer stop the process.
    pub stop_on_terminate: bool,
}

/// Checks `--interval` against what the API allows.
pub fn check_interval(interval: Duration) -> Result<()> {
    if interval < MIN_INTERVAL {
        return Err(Error::usage(format!(
            "--interval {interval:?} is too short: the API asks clients to poll no more than once every 3s, e.g. --interval 5s"
        )));
    }
    Ok(())
}

/// Checks `--timeout`: a wait that may not last at all is not a wait.
pub fn check_timeout(timeout: Option<Duration>) -> Result<()> {
    if timeout.is_some_and(|t| t < Duration::from_secs(1)) {
        return Err(Error::usage(
            "--timeout under a second would give up before the first look: give a time such as --timeout 10m, or leave it out to wait until the payment settles",
        ));
    }
    Ok(())
}

/// What a follow has seen so far, told to its listener after every answer and every
/// second of waiting (an MCP client's progress notifications).
pub struct Tick<'a> {
    pub elapsed: Duration,
    pub last: Option<&'a Payment>,
    /// The API did not answer this time; the follow goes on.
    pub trouble: Option<&'a str>,
}

/// How a follow ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The payment reached an end (`Verdict::is_final`).
    Settled(Verdict),
    /// `--timeout` ran out first.
    TimedOut,
    /// Ctrl-C.
    Interrupted,
}

/// What a follow saw: how it ended, and the payment as last seen.
#[derive(Debug)]
pub struct Followed {
    pub end: End,
    pub last: Option<Payment>,
}

/// Polls the payment until it settles, `--timeout` runs out or Ctrl-C; returns how it
/// ended and the payment as last seen. The view is cleared before returning.
///
/// `watched` is the payment as the person was shown it (`Identity::of`), or only its
/// invoice id when nothing was shown yet (`Identity::invoice`): every answer must be that
/// payment (its order, amount, currency and invoice), what it left open being learnt from
/// the first answer. An answer about another payment is exit 20, never its status.
pub async fn follow(ctx: &Ctx, client: &Client, watched: &Identity, f: Follow) -> Result<Followed> {
    follow_telling(ctx, client, watched, f, &mut |_| {}).await
}

/// `follow`, telling `listener` what it sees as it goes.
pub async fn follow_telling(
    ctx: &Ctx,
    client: &Client,
    watched: &Identity,
    f: Follow,
    listener: &mut dyn FnMut(Tick<'_>),
) -> Result<Followed> {
    let args = f;
    let Some(invoice_id) = watched.invoice_id.as_deref() else {
        return Err(Error::internal(
            "a follow needs the invoice id of the payment",
        ));
    };
    let mut view = WatchView::new(&ctx.out, invoice_id);
    let started = Instant::now();
    let deadline = args.timeout.and_then(|t| started.checked_add(t));
    // Far enough to mean "never", near enough that Instant arithmetic cannot overflow.
    let never = started + Duration::from_secs(100 * 365 * 86_400);
    let give_up = tokio::time::Instant::from_std(deadline.unwrap_or(never));
    let mut last: Option<Payment> = None;
    let mut known = watched.clone();
    let mut last_answer: Option<Instant> = None;

    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let terminated = async {
        if args.stop_on_terminate {
            crate::stop::terminated().await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::pin!(terminated);

    let end = loop {
        // The deadline bounds the request too: a server that never answers cannot hold
        // a watch past --timeout.
        let polled = tokio::select! {
            // Every answer must describe the payment being watched.
            r = client.get_payment_again(&known) => r,
            _ = &mut ctrl_c => break End::Interrupted,
            () = &mut terminated => break End::Interrupted,
            _ = tokio::time::sleep_until(give_up) => break End::TimedOut,
        };
        match polled {
            Ok(p) => {
                if last.as_ref().and_then(Payment::lightning_invoice) != p.lightning_invoice()
                    && let Err(e) = ctx.check_payment(client, &p)
                {
                    view.finish();
                    return Err(e);
                }
                last_answer = Some(Instant::now());
                known.learn(&p);
                view.update(&p);
                let verdict = judge(&p, Asked::Paid);
                last = Some(p);
                listener(Tick {
                    elapsed: started.elapsed(),
                    last: last.as_ref(),
                    trouble: None,
                });
                if verdict.is_final() {
                    break End::Settled(verdict);
                }
            }
            // The API being away for a while is not the payment's outcome: keep trying,
            // once it has answered at all (a mistyped URL fails at once).
            Err(e) if is_transient(&e) && last_answer.is_some() => {
                if last_answer.is_some_and(|t| t.elapsed() > OUTAGE_LIMIT) {
                    view.finish();
                    return Err(e);
                }
                view.trouble(&e.message());
                listener(Tick {
                    elapsed: started.elapsed(),
                    last: last.as_ref(),
                    trouble: Some(&e.message()),
                });
            }
            Err(e) => {
                view.finish();
                return Err(e);
            }
        }
        let mut wait = args.interval;
        if let Some(d) = deadline {
            let now = Instant::now();
            if now >= d {
                break End::TimedOut;
            }
            wait = wait.min(d - now);
        }
        let end = tokio::time::Instant::now() + wait;
        let ticking = async {
            // The countdown moves every second while the poll waits.
            loop {
                let now = tokio::time::Instant::now();
                if now >= end {
                    return;
                }
                tokio::time::sleep((end - now).min(Duration::from_secs(1))).await;
                view.redraw();
                listener(Tick {
                    elapsed: started.elapsed(),
                    last: last.as_ref(),
                    trouble: None,
                });
            }
        };
        tokio::select! {
            _ = ticking => {},
            _ = &mut ctrl_c => break End::Interrupted,
            () = &mut terminated => break End::Interrupted,
            _ = tokio::time::sleep_until(give_up) => break End::TimedOut,
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break End::TimedOut;
        }
    };
    view.finish();
    Ok(Followed { end, last })
}

/// Failures that say the API is away for now, not that the payment cannot be watched.
pub fn is_transient(e: &Error) -> bool {
    match e {
        Error::Unreachable { .. } => true,
        Error::Api(a) => matches!(a.status, 429 | 500 | 502 | 503 | 504),
        _ => false,
    }
}
