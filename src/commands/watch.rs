//! `le watch`: poll a payment until it settles, with an exit code a script can branch on.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;

use super::{Ctx, check_id, show::show};
use crate::api::{Payment, Status};
use crate::cli::WatchArgs;
use crate::error::{Error, Result, exit};
use crate::render::time::{clock, relative};

/// The API asks clients not to poll more often than this.
const MIN_INTERVAL: Duration = Duration::from_secs(3);
/// How long the API may stay unreachable before `watch` gives up.
const OUTAGE_LIMIT: Duration = Duration::from_secs(120);

pub async fn run(ctx: &Ctx, args: WatchArgs) -> Result<()> {
    if args.invoice_ids.len() != 1 || !args.order.is_empty() || args.from.is_some() {
        return super::watch_many::run(ctx, args).await;
    }
    let invoice_id = args.invoice_ids[0].clone();
    check_id("the invoice id", "le watch inv_abc123", &invoice_id)?;
    if args.interval < MIN_INTERVAL {
        return Err(Error::usage(format!(
            "--interval {:?} is too short: the API asks clients to poll no more than once every 3s, e.g. --interval 5s",
            args.interval
        )));
    }
    let client = ctx.client().await?;
    let mut view = View::new(ctx, &invoice_id);
    let started = Instant::now();
    let deadline = args.timeout.and_then(|t| started.checked_add(t));
    // Far enough to mean "never", near enough that Instant arithmetic cannot overflow.
    let never = started + Duration::from_secs(100 * 365 * 86_400);
    let give_up = tokio::time::Instant::from_std(deadline.unwrap_or(never));
    let mut last: Option<Payment> = None;
    let mut last_answer: Option<Instant> = None;

    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);

    let code = loop {
        // The deadline bounds the request too: a server that never answers cannot hold
        // a watch past --timeout.
        let polled = tokio::select! {
            r = client.get_payment(&invoice_id) => r,
            _ = &mut ctrl_c => break exit::INTERRUPTED,
            _ = tokio::time::sleep_until(give_up) => break exit::WATCH_TIMEOUT,
        };
        match polled {
            Ok(p) => {
                if last.as_ref().and_then(Payment::lightning_invoice) != p.lightning_invoice()
                    && let Err(e) = ctx.verify(&p)
                {
                    view.finish();
                    return Err(e);
                }
                last_answer = Some(Instant::now());
                view.update(&p, last.as_ref());
                let status = p.status();
                last = Some(p);
                if status.is_final() {
                    break match status {
                        Status::Paid => exit::OK,
                        Status::Expired => exit::EXPIRED,
                        _ => exit::WATCH_OTHER,
                    };
                }
            }
            // The API being away for a while is not the payment's outcome: keep trying,
            // once it has answered at all (a mistyped URL fails at once).
            Err(e @ (Error::Unreachable { .. } | Error::Api(_)))
                if is_transient(&e) && last_answer.is_some() =>
            {
                if last_answer.is_some_and(|t| t.elapsed() > OUTAGE_LIMIT) {
                    view.finish();
                    return Err(e);
                }
                view.trouble(&e);
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
                break exit::WATCH_TIMEOUT;
            }
            wait = wait.min(d - now);
        }
        let sleep = view.tick_until(wait);
        tokio::select! {
            _ = sleep => {},
            _ = &mut ctrl_c => break exit::INTERRUPTED,
            _ = tokio::time::sleep_until(give_up) => break exit::WATCH_TIMEOUT,
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break exit::WATCH_TIMEOUT;
        }
    };
    view.finish();
    if let Some(p) = &last {
        show(ctx, p)?;
    }
    match code {
        exit::OK => Ok(()),
        exit::INTERRUPTED => Err(Error::Interrupted),
        exit::WATCH_TIMEOUT => {
            ctx.out.note(&format!(
                "gave up after {} (--timeout); the payment is still {}",
                crate::render::time::human_span(started.elapsed().as_secs()),
                last.as_ref()
                    .map_or("unknown".into(), |p| p.status().to_string())
            ));
            Err(Error::Outcome(code))
        }
        _ => Err(Error::Outcome(code)),
    }
}

fn is_transient(e: &Error) -> bool {
    match e {
        Error::Unreachable { .. } => true,
        Error::Api(a) => matches!(a.status, 429 | 500 | 502 | 503 | 504),
        _ => false,
    }
}

/// What the person watching sees on stderr: a spinner with a countdown on a terminal,
/// otherwise one line per status change.
struct View {
    bar: Option<ProgressBar>,
    id: String,
    expires: Option<Timestamp>,
    status: String,
    quiet: bool,
}

impl View {
    fn new(ctx: &Ctx, id: &str) -> View {
        let bar = (ctx.out.stderr_tty && !ctx.out.json).then(|| {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(Duration::from_millis(100));
            b.set_message(format!("{id}: waiting for the first answer"));
            b
        });
        View {
            bar,
            id: id.to_owned(),
            expires: None,
            status: String::new(),
            quiet: ctx.out.json,
        }
    }

    fn update(&mut self, p: &Payment, before: Option<&Payment>) {
        self.expires = p.expires_at();
        self.status = p.status().to_string();
        let changed = before.is_none_or(|b| b.status() != p.status());
        match &self.bar {
            Some(_) => self.redraw(),
            None if changed && !self.quiet => {
                let left = match (p.status(), self.expires) {
                    (Status::Unpaid | Status::Processing, Some(e)) => {
                        format!(" (expires {})", relative(e, Timestamp::now()))
                    }
                    _ => String::new(),
                };
                eprintln!(
                    "{} {}: {}{left}",
                    Timestamp::now().strftime("%H:%M:%S"),
                    self.id,
                    self.status
                );
            }
            None => {}
        }
    }

    fn trouble(&self, e: &Error) {
        let msg = format!(
            "{}: the API did not answer ({}); still trying",
            self.id,
            e.message()
        );
        match &self.bar {
            Some(b) => b.set_message(msg),
            None if !self.quiet => eprintln!("{} {msg}", Timestamp::now().strftime("%H:%M:%S")),
            None => {}
        }
    }

    fn redraw(&self) {
        if let Some(b) = &self.bar {
            let left = match self.expires {
                Some(e) if matches!(self.status.as_str(), "unpaid" | "processing") => {
                    let secs = (e - Timestamp::now()).get_seconds().max(0) as u64;
                    format!(" · expires in {}", clock(secs))
                }
                _ => String::new(),
            };
            b.set_message(format!("{}: {}{left}", self.id, self.status));
        }
    }

    /// Sleeps for `wait`, refreshing the countdown every second.
    async fn tick_until(&self, wait: Duration) {
        let end = tokio::time::Instant::now() + wait.min(Duration::from_secs(86_400));
        loop {
            let now = tokio::time::Instant::now();
            if now >= end {
                return;
            }
            tokio::time::sleep((end - now).min(Duration::from_secs(1))).await;
            self.redraw();
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
