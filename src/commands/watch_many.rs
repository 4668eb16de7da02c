//! `le watch` over several payments: one read allowance shared among them, the ones
//! closest to expiry and the newest polled more often, a live table on a terminal and
//! NDJSON status changes otherwise.

use std::time::{Duration, Instant};

use comfy_table::{Table, presets};
use jiff::Timestamp;
use serde_json::{Value, json};

use super::{Ctx, check_id};
use crate::api::{Payment, Status};
use crate::cli::WatchArgs;
use crate::error::{Error, Result, exit};
use crate::render::time::clock;

const MIN_INTERVAL: Duration = Duration::from_secs(3);
/// Payments this close to expiry, or this new, are polled as often as allowed.
const URGENT_LEFT_SECS: i64 = 300;
const NEW_SECS: i64 = 120;

struct Entry {
    id: String,
    last: Option<Payment>,
    next_due: Instant,
    /// Not found or otherwise refused: nothing more to learn.
    error: Option<String>,
}

impl Entry {
    fn done(&self) -> bool {
        self.error.is_some() || self.last.as_ref().is_some_and(|p| p.status().is_final())
    }
}

pub async fn run(ctx: &Ctx, args: WatchArgs) -> Result<()> {
    if args.interval < MIN_INTERVAL {
        return Err(Error::usage(
            "--interval must be at least 3s: the API asks clients to poll no more than once every 3s",
        ));
    }
    let mut ids: Vec<String> = args.invoice_ids.clone();
    if let Some(source) = &args.from {
        ids.extend(read_ids(source)?);
    }
    for id in &ids {
        check_id("the invoice id", "le watch inv_abc123 inv_def456", id)?;
    }
    for o in &args.order {
        check_id("--order", "--order ORDER-1", o)?;
    }
    let client = ctx.client().await?;
    for o in &args.order {
        ids.push(
            client
                .get_payment_by_order(o)
                .await?
                .invoice_id()
                .to_owned(),
        );
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    if ids.is_empty() {
        return Err(Error::usage(
            "nothing to watch: give invoice ids, --order or --from",
        ));
    }
    let started = Instant::now();
    let mut entries: Vec<Entry> = ids
        .into_iter()
        .map(|id| Entry {
            id,
            last: None,
            next_due: started,
            error: None,
        })
        .collect();
    // The whole allowance, spread evenly: one request per `gap`.
    let gap = Duration::from_secs_f64(60.0 / f64::from(args.reads_per_minute));
    let deadline = args.timeout.map(|t| started + t);
    let live = ctx.out.stderr_tty && !ctx.out.json;
    let mut drawn = 0usize;
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut last_request = started - gap;
    let outcome = loop {
        if entries.iter().all(Entry::done) {
            break None;
        }
        let Some(i) = (0..entries.len())
            .filter(|i| !entries[*i].done())
            .min_by_key(|i| entries[*i].next_due)
        else {
            break None;
        };
        let at = entries[i].next_due.max(last_request + gap);
        let wake = tokio::time::Instant::from_std(match deadline {
            Some(d) => at.min(d),
            None => at,
        });
        tokio::select! {
            _ = tokio::time::sleep_until(wake) => {}
            _ = &mut ctrl_c => break Some(exit::INTERRUPTED),
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break Some(exit::WATCH_TIMEOUT);
        }
        last_request = Instant::now();
        let polled = tokio::select! {
            r = client.get_payment(&entries[i].id) => r,
            _ = &mut ctrl_c => break Some(exit::INTERRUPTED),
            // A poll waiting out a Retry-After must not outlive --timeout either.
            _ = tokio::time::sleep_until(tokio::time::Instant::from_std(deadline.unwrap_or(at + Duration::from_secs(366 * 86_400)))) => break Some(exit::WATCH_TIMEOUT),
        };
        let active = entries.iter().filter(|e| !e.done()).count() as u32;
        match polled {
            Ok(p) => {
                if entries[i].last.is_none() {
                    ctx.verify(&p)?;
                }
                let before = entries[i].last.as_ref().map(Payment::status);
                if before.as_ref() != Some(&p.status()) && !live {
                    let change = json!({
                        "invoiceId": p.invoice_id(),
                        "orderId": p.order_id(),
                        "status": p.status().as_str(),
                        "previous": before.map(|s| s.to_string()),
                        "at": Timestamp::now().to_string(),
                    });
                    ctx.out.json_line(&change)?;
                }
                entries[i].next_due =
                    Instant::now() + interval_for(&p, args.interval, gap * active);
                entries[i].last = Some(p);
            }
            // A key the API refuses will be refused for every payment: stop now.
            Err(Error::Api(e)) if e.status == 401 || e.status == 403 => return Err(Error::Api(e)),
            Err(Error::Api(e)) if e.status == 404 => {
                entries[i].error = Some(e.to_string());
                if !live {
                    ctx.out.json_line(&json!({ "invoiceId": entries[i].id, "error": e.to_string(), "at": Timestamp::now().to_string() }))?;
                }
            }
            // Away for a while: try again later, like any poll.
            Err(_) => entries[i].next_due = Instant::now() + args.interval,
        }
        if live {
            drawn = redraw(&entries, drawn);
        }
    };
    if live && drawn > 0 {
        let _ = console::Term::stderr().clear_last_lines(drawn);
    }
    summary(ctx, &entries, live)?;
    match outcome {
        Some(exit::INTERRUPTED) => Err(Error::Interrupted),
        Some(code) => Err(Error::Outcome(code)),
        None => {
            let any = |f: fn(&Status) -> bool| {
                entries
                    .iter()
                    .any(|e| e.last.as_ref().is_some_and(|p| f(&p.status())))
            };
            if any(|s| *s == Status::Expired) {
                Err(Error::Outcome(exit::EXPIRED))
            } else if any(|s| *s != Status::Paid) || entries.iter().any(|e| e.error.is_some()) {
                Err(Error::Outcome(exit::WATCH_OTHER))
            } else {
                Ok(())
            }
        }
    }
}

/// How soon to look again: the payment's fair share of the allowance, but as often as
/// the API allows for one about to expire or just made.
fn interval_for(p: &Payment, min: Duration, share: Duration) -> Duration {
    let now = Timestamp::now().as_second();
    let urgent = p
        .expires_at()
        .is_some_and(|e| e.as_second() - now <= URGENT_LEFT_SECS)
        || p.created_at()
            .is_some_and(|c| now - c.as_second() <= NEW_SECS);
    if urgent { min } else { share.max(min) }
}

fn status_text(e: &Entry) -> String {
    match (&e.error, &e.last) {
        (Some(err), _) => format!("error: {err}"),
        (None, None) => "…".into(),
        (None, Some(p)) => {
            let left = match (p.status(), p.expires_at()) {
                (Status::Unpaid | Status::Processing, Some(x)) => {
                    format!(
                        " · {}",
                        clock((x.as_second() - Timestamp::now().as_second()).max(0) as u64)
                    )
                }
                _ => String::new(),
            };
            format!("{}{left}", p.status())
        }
    }
}

fn table(entries: &[Entry]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_HORIZONTAL_ONLY);
    t.force_no_tty();
    t.set_header(vec!["Invoice", "Order", "Status", "Amount"]);
    for e in entries {
        let p = e.last.as_ref();
        t.add_row(vec![
            crate::render::clean(&e.id).into_owned(),
            crate::render::clean(p.and_then(Payment::order_id).unwrap_or("")).into_owned(),
            crate::render::clean(&status_text(e)).into_owned(),
            p.map(crate::render::amount_text).unwrap_or_default(),
        ]);
    }
    t
}

/// Redraws the live table on stderr in place; returns how many lines it took.
fn redraw(entries: &[Entry], previous: usize) -> usize {
    let term = console::Term::stderr();
    if previous > 0 {
        let _ = term.clear_last_lines(previous);
    }
    let text = table(entries).to_string();
    let _ = term.write_line(&text);
    text.lines().count()
}

fn summary(ctx: &Ctx, entries: &[Entry], live: bool) -> Result<()> {
    let count = |s: &str| {
        entries
            .iter()
            .filter(|e| e.last.as_ref().is_some_and(|p| p.status().as_str() == s))
            .count()
    };
    let unsettled = entries.iter().filter(|e| !e.done()).count();
    if ctx.out.json || !live {
        return ctx.out.json_line(&json!({
            "summary": {
                "paid": count("paid"),
                "expired": count("expired"),
                "other": entries.iter().filter(|e| e.done()).count() - count("paid") - count("expired"),
                "unsettled": unsettled,
            }
        }));
    }
    ctx.out.text(&format!("{}\n", table(entries)))
}

/// Invoice ids from a file: one per line, or NDJSON lines of payments or batch results.
fn read_ids(source: &str) -> Result<Vec<String>> {
    let text = super::read_source(source, "ids")?;
    let mut ids = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with('{') {
            let v: Value = serde_json::from_str(line)
                .map_err(|e| Error::usage(format!("a line of {source} is not JSON: {e}")))?;
            // `le create --from` results carry the payment; failed rows carry none.
            if let Some(id) = v["payment"]["invoiceId"]
                .as_str()
                .or(v["invoiceId"].as_str())
            {
                ids.push(id.to_owned());
            }
        } else {
            ids.push(line.to_owned());
        }
    }
    Ok(ids)
}
