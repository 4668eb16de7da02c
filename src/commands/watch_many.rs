//! `le watch` over several payments: one read allowance shared among them, the ones
//! closest to expiry and the newest polled more often, a live table on a terminal and
//! NDJSON status changes otherwise.

use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde_json::{Value, json};

use crate::api::Payment;
use crate::cli::WatchArgs;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::follow::{OUTAGE_LIMIT, check_interval, is_transient};
use crate::input::check_id;
use crate::render::watch::{LiveTable, Row, many_table};
use crate::verdict::{Asked, Verdict, judge};

/// Payments this close to expiry, or this new, are polled as often as allowed.
const URGENT_LEFT_SECS: i64 = 300;
const NEW_SECS: i64 = 120;

struct Entry {
    id: String,
    last: Option<Payment>,
    next_due: Instant,
    /// Not found or otherwise refused: nothing more to learn.
    error: Option<String>,
    /// The payment this id names, as far as known (the first answer fills it in): every
    /// answer must agree.
    known: crate::api::Identity,
}

impl Entry {
    fn done(&self) -> bool {
        self.error.is_some()
            || self
                .last
                .as_ref()
                .is_some_and(|p| judge(p, Asked::Paid).is_final())
    }

    fn row(&self) -> Row<'_> {
        Row {
            id: &self.id,
            last: self.last.as_ref(),
            error: self.error.as_deref(),
        }
    }
}

pub async fn run(ctx: &Ctx, args: WatchArgs) -> Result<Outcome> {
    check_interval(args.interval)?;
    crate::follow::check_timeout(args.timeout)?;
    if args.qr != crate::cli::QrMode::Never {
        return Err(Error::usage(
            "--qr shows one payment's code: watch one invoice id to show it",
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
    if client.is_dry_run() {
        // The first read of each, described and not sent.
        for o in &args.order {
            let _ = client.get_payment_by_order(o).await;
        }
        for id in &ids {
            let _ = client.get_payment(id).await;
        }
        return Err(Error::NotSent);
    }
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
            known: crate::api::Identity::invoice(&id),
            id,
            last: None,
            next_due: started,
            error: None,
        })
        .collect();
    // The whole allowance, spread evenly: one request per `gap`.
    let gap = Duration::from_secs_f64(60.0 / f64::from(args.reads_per_minute));
    let deadline = args.timeout.map(|t| started + t);
    let mut table = LiveTable::new(&ctx.out);
    let live = table.is_live();
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut last_request = started - gap;
    let mut last_answer: Option<Instant> = None;
    let mut away = false;
    let draw = |table: &LiveTable, entries: &[Entry]| {
        let rows: Vec<Row<'_>> = entries.iter().map(Entry::row).collect();
        table.draw(&rows);
    };
    draw(&table, &entries);
    let ended = loop {
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
            _ = &mut ctrl_c => break Some(Outcome::Interrupted),
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break Some(Outcome::TimedOut);
        }
        last_request = Instant::now();
        let never = tokio::time::Instant::from_std(at + Duration::from_secs(366 * 86_400));
        let polled = tokio::select! {
            // Every answer must describe the payment first seen under this id.
            r = client.get_payment_again(&entries[i].known) => r,
            _ = &mut ctrl_c => break Some(Outcome::Interrupted),
            // A poll waiting out a Retry-After must not outlive --timeout either.
            _ = tokio::time::sleep_until(deadline.map_or(never, tokio::time::Instant::from_std)) => break Some(Outcome::TimedOut),
        };
        let active = entries.iter().filter(|e| !e.done()).count() as u32;
        match polled {
            Ok(p) => {
                last_answer = Some(Instant::now());
                if away {
                    away = false;
                    ctx.out.note("the API answers again");
                }
                if entries[i]
                    .last
                    .as_ref()
                    .and_then(Payment::lightning_invoice)
                    != p.lightning_invoice()
                    && let Err(e) = ctx.check_payment(&client, &p)
                {
                    table.finish();
                    return Err(e);
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
                entries[i].known.learn(&p);
                entries[i].next_due =
                    Instant::now() + interval_for(&p, args.interval, gap * active);
                entries[i].last = Some(p);
            }
            // A key the API refuses will be refused for every payment: stop now.
            Err(Error::Api(e)) if e.status == 401 || e.status == 403 => {
                table.finish();
                return Err(Error::Api(e));
            }
            Err(Error::Api(e)) if e.status == 404 => {
                entries[i].error = Some(e.to_string());
                if !live {
                    ctx.out.json_line(&json!({ "invoiceId": entries[i].id, "error": e.to_string(), "at": Timestamp::now().to_string() }))?;
                }
            }
            // Away for a while: try again later, like any poll, and give up as a single
            // watch does.
            Err(e) if is_transient(&e) => {
                let since = last_answer.unwrap_or(started);
                if since.elapsed() > OUTAGE_LIMIT || last_answer.is_none() {
                    table.finish();
                    return Err(e);
                }
                if !away {
                    away = true;
                    ctx.out.warn(&format!(
                        "the API did not answer ({}); still trying, for up to {} s",
                        e.message(),
                        OUTAGE_LIMIT.as_secs()
                    ));
                }
                entries[i].next_due = Instant::now() + args.interval;
            }
            Err(e) => {
                table.finish();
                return Err(e);
            }
        }
        draw(&table, &entries);
    };
    table.finish();
    summary(ctx, &entries, live)?;
    if let Some(Outcome::Interrupted) = ended {
        return Err(stopped(&entries));
    }
    // The worst of what is known, in the verdict's own terms: any expired is 10; any
    // other end, or one not found, is 12; then a --timeout that ran out (11) before the
    // rest settled; all paid is 0. A script that takes 11 for "still waiting" must not
    // miss an order that expired meanwhile.
    let ends: Vec<Verdict> = entries
        .iter()
        .filter(|e| e.done())
        .filter_map(|e| e.last.as_ref().map(|p| judge(p, Asked::Paid)))
        .collect();
    Ok(
        if ends.iter().any(|v| matches!(v, Verdict::Expired { .. })) {
            Outcome::Expired
        } else if ends.iter().any(|v| *v != Verdict::Paid)
            || entries.iter().any(|e| e.error.is_some())
        {
            Outcome::OtherEnd
        } else if let Some(outcome) = ended {
            outcome
        } else if entries.iter().any(|e| e.last.is_none()) {
            Outcome::OtherEnd
        } else {
            Outcome::Done
        },
    )
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

fn summary(ctx: &Ctx, entries: &[Entry], live: bool) -> Result<()> {
    let count = |s: &str| {
        entries
            .iter()
            .filter(|e| e.last.as_ref().is_some_and(|p| p.status().as_str() == s))
            .count()
    };
    let unsettled = entries.iter().filter(|e| !e.done()).count();
    if ctx.out.json() || !live {
        return ctx.out.json_line(&json!({
            "summary": {
                "paid": count("paid"),
                "expired": count("expired"),
                "other": entries.iter().filter(|e| e.done()).count() - count("paid") - count("expired"),
                "unsettled": unsettled,
            }
        }));
    }
    let rows: Vec<Row<'_>> = entries.iter().map(Entry::row).collect();
    let cols = ctx
        .out
        .stdout_size()
        .map(|(_, c)| c.saturating_sub(1).max(20));
    ctx.out.show(&many_table(&rows, cols))?;
    // The end, as a single watch ends: a line a person at the terminal cannot miss.
    let words = format!(
        "{} paid · {} expired · {} other{}",
        count("paid"),
        count("expired"),
        entries.iter().filter(|e| e.done()).count() - count("paid") - count("expired"),
        if unsettled > 0 {
            format!(" · {unsettled} not settled")
        } else {
            String::new()
        }
    );
    ctx.out.note(&words);
    ctx.out.bell();
    Ok(())
}

/// Invoice ids from a file: one per line, or NDJSON lines of payments or batch results.
fn read_ids(source: &str) -> Result<Vec<String>> {
    let text = crate::input::read_text(source, "--from")?;
    let mut ids = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with('{') {
            let v: Value = serde_json::from_str(line).map_err(|e| {
                Error::usage(format!(
                    "a line of {} is not JSON: {e}",
                    crate::text::printable(source)
                ))
            })?;
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

/// What Ctrl-C left: the payments still open, and the command that goes on watching them.
fn stopped(entries: &[Entry]) -> Error {
    let open: Vec<&str> = entries
        .iter()
        .filter(|e| !e.done())
        .map(|e| e.id.as_str())
        .collect();
    // Only ids that look like ones go into a command a person may paste.
    let ids: Vec<&str> = open
        .iter()
        .copied()
        .filter(|id| crate::text::is_plain_token(id))
        .collect();
    let hint = if ids.is_empty() || ids.len() < open.len() || ids.len() > 10 {
        "run the same command again to go on watching".to_owned()
    } else {
        format!(
            "{} watch {} goes on watching them",
            crate::invocation::le(),
            ids.join(" ")
        )
    };
    Error::Interrupted(Some(Box::new(crate::error::Left {
        invoice_id: None,
        message: format!(
            "stopped watching {} payments, {} of them still open",
            entries.len(),
            open.len()
        ),
        hint,
    })))
}
