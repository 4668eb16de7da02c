//! `le create --from FILE`: one payment per row, paced by the API's own rate-limit
//! headers, with a journal so that an interrupted batch, rerun, skips what was done and
//! never creates an order twice.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures_util::stream::{FuturesUnordered, StreamExt};
use serde_json::{Value, json};

use crate::api::{Client, Identity, NewPayment, Payment};
use crate::cli::CreateArgs;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::{self, Outcome};
use crate::input::rows::{Input, read_rows};
use crate::journal::{Entry, Journal};
use crate::pacer::{self, Pacer, Why};
use crate::text::printable;
use crate::verdict::{Asked, Verdict, judge};

/// How long one row may wait for the rate limit before it is reported as refused (exit 7).
const MAX_ROW_WAIT: Duration = Duration::from_secs(15 * 60);

pub async fn run(ctx: &Ctx, args: CreateArgs) -> Result<Outcome> {
    let source = args.from.clone().unwrap_or_default();
    if ctx.dry_run() {
        return Err(Error::usage(
            "--dry-run and --curl show one request: use them with a single create, not --from",
        ));
    }
    let text = crate::input::read_text(&source, "--from")?;
    let mut inputs = read_rows(&source, &text)?;
    refuse_repeated_orders(&mut inputs);
    let journal_path = match (&args.journal, source.as_str()) {
        (Some(p), _) => Some(p.clone()),
        (None, "-") => None,
        (None, file) => Some(PathBuf::from(format!("{file}.le-journal"))),
    };
    let journal = match &journal_path {
        Some(p) => {
            let j = Journal::open(p)?;
            if j.repaired {
                ctx.out.warn(&format!(
                    "the journal {}'s last line was cut short (le stopped while writing it); it recorded nothing that happened and was removed",
                    p.display()
                ));
            }
            Some(j)
        }
        None => {
            ctx.out.warn("reading stdin with no --journal: an interrupted batch cannot skip what it did (rerunning it is still safe: each row's idempotency key finds its payment)");
            None
        }
    };
    let journal = RefCell::new(journal);
    let mut client = ctx.client().await?;
    // 429s come back to the pacer, which knows about every row, rather than being
    // waited out request by request.
    client.retry_rate_limited(false);
    let concurrency = args.concurrency.unwrap_or(4);
    let pacer = RefCell::new(Pacer::new(concurrency));
    let progress = ctx.out.progress(
        inputs.len() as u64,
        "{bar:30} {pos}/{len} created · {msg} · ETA {eta}",
    );
    let started = Instant::now();
    let batch = Batch {
        ctx,
        client: &client,
        pacer: &pacer,
        journal: &journal,
        stopping: Cell::new(false),
        stop: tokio::sync::Notify::new(),
    };

    let mut pending = FuturesUnordered::new();
    // Rows in flight: their number and order, to say which were cut off.
    let mut in_flight: BTreeMap<usize, (usize, String)> = BTreeMap::new();
    let mut waiting: BTreeMap<usize, Value> = BTreeMap::new();
    let mut next_to_print = 0;
    let mut counts = Counts::default();
    // The exit code is the first failed row's, in the file's order.
    let mut first_failure: Option<(usize, u8)> = None;
    let mut queue = inputs.into_iter().enumerate();
    // Ctrl-C once: no new row starts, the rows in flight finish, and every row is
    // reported. Twice: the rows in flight are cut off too (their journal lines say a
    // create was sent; a rerun finds out what became of them).
    let mut stopping = false;
    let mut ctrl_c = Box::pin(tokio::signal::ctrl_c());
    loop {
        while !stopping && pending.len() < concurrency as usize {
            let Some((index, input)) = queue.next() else {
                break;
            };
            in_flight.insert(index, (input.number, order_of(&input)));
            pending.push(batch.process(index, input));
        }
        if pending.is_empty() {
            break;
        }
        let next = tokio::select! {
            biased;
            _ = &mut ctrl_c => {
                if stopping {
                    break;
                }
                stopping = true;
                batch.stopping.set(true);
                batch.stop.notify_waiters();
                ctrl_c = Box::pin(tokio::signal::ctrl_c());
                ctx.out.note(
                    "stopping once the rows on their way are answered (Ctrl-C again: at once)",
                );
                continue;
            }
            next = pending.next() => next,
        };
        let Some((index, outcome)) = next else {
            break;
        };
        in_flight.remove(&index);
        let outcome = outcome?;
        counts.add(&outcome);
        if let RowOutcome::Failed { code, .. } = &outcome
            && first_failure.is_none_or(|(i, _)| index < i)
        {
            first_failure = Some((index, *code));
        }
        if let Some(p) = &progress {
            p.inc(1);
            let elapsed = started.elapsed().as_secs_f64().max(0.001);
            p.set(&format!(
                "{} failed · {:.1}/s",
                counts.failed,
                counts.total() as f64 / elapsed
            ));
        }
        let line = outcome.to_json();
        if args.unordered {
            ctx.out.json_line(&line)?;
        } else {
            waiting.insert(index, line);
            while let Some(line) = waiting.remove(&next_to_print) {
                ctx.out.json_line(&line)?;
                next_to_print += 1;
            }
        }
    }
    drop(pending);
    drop(progress);
    if stopping {
        // Every row that did not finish gets its line, in its place.
        let mut unfinished: Vec<(usize, Value)> = Vec::new();
        for (index, (row, order)) in std::mem::take(&mut in_flight) {
            counts.interrupted += 1;
            unfinished.push((index, interrupted_row(row, &order, true)));
        }
        for (index, input) in queue {
            counts.interrupted += 1;
            let order = order_of(&input);
            unfinished.push((index, interrupted_row(input.number, &order, false)));
        }
        for (index, line) in unfinished {
            if args.unordered {
                ctx.out.json_line(&line)?;
            } else {
                waiting.insert(index, line);
            }
        }
        for (_, line) in std::mem::take(&mut waiting) {
            ctx.out.json_line(&line)?;
        }
    }
    ctx.out.note(&format!(
        "{} created, {} made before (idempotent replay), {} found after an interrupted run, {} already done (journal), {} failed{}, in {}",
        counts.created,
        counts.replayed,
        counts.recovered,
        counts.skipped,
        counts.failed,
        if stopping {
            format!(", {} not finished (interrupted)", counts.interrupted)
        } else {
            String::new()
        },
        crate::render::time::human_span(started.elapsed().as_secs())
    ));
    if stopping {
        return Err(Error::Interrupted(None));
    }
    Ok(match first_failure {
        None => Outcome::Done,
        Some((_, code)) => Outcome::Failed(code),
    })
}

/// A row's order id as the file gives it (empty when the row cannot be read).
fn order_of(input: &Input) -> String {
    input
        .row
        .as_ref()
        .map(|r| r.order.clone())
        .unwrap_or_default()
}

/// The line of a row the interrupted batch did not finish.
fn interrupted_row(row: usize, order: &str, sent: bool) -> Value {
    let message = if sent {
        "interrupted while its create was in flight: the API may have made it; rerunning the batch finds out, and never makes it twice"
    } else {
        "not started: the batch was interrupted; rerunning it goes on from here"
    };
    json!({ "row": row, "order": order, "ok": false, "error": { "code": "INTERRUPTED", "message": message } })
}

#[derive(Default)]
struct Counts {
    created: usize,
    replayed: usize,
    recovered: usize,
    skipped: usize,
    failed: usize,
    interrupted: usize,
}

impl Counts {
    fn add(&mut self, o: &RowOutcome) {
        match o {
            RowOutcome::Created { how: How::New, .. } => self.created += 1,
            RowOutcome::Created {
                how: How::Replayed, ..
            } => self.replayed += 1,
            RowOutcome::Created {
                how: How::Recovered,
                ..
            } => self.recovered += 1,
            RowOutcome::Skipped { .. } => self.skipped += 1,
            RowOutcome::Failed {
                code: exit::INTERRUPTED,
                ..
            } => self.interrupted += 1,
            RowOutcome::Failed { .. } => self.failed += 1,
        }
    }

    fn total(&self) -> usize {
        self.created
            + self.replayed
            + self.recovered
            + self.skipped
            + self.failed
            + self.interrupted
    }
}

/// An order id twice in one file is a mistake to report, not a payment to make twice.
fn refuse_repeated_orders(inputs: &mut [Input]) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for input in inputs.iter_mut() {
        let Ok(row) = &input.row else { continue };
        match first.get(&row.order) {
            Some(n) => input.repeats = Some(*n),
            None => {
                first.insert(row.order.clone(), input.number);
            }
        }
    }
}

/// How a row's payment came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    New,
    /// The API had made it before this run (an idempotent replay).
    Replayed,
    /// Found by looking the order up after a run that stopped before recording it.
    Recovered,
}

enum RowOutcome {
    Created {
        row: usize,
        order: String,
        payment: Value,
        how: How,
        /// The verdict's code: what the payment means for the row.
        outcome: &'static str,
    },
    Skipped {
        row: usize,
        order: String,
        payment: Value,
        outcome: &'static str,
        /// The row was edited since (its other details differ).
        edited: bool,
    },
    Failed {
        row: usize,
        order: String,
        code: u8,
        error: Value,
    },
}

impl RowOutcome {
    fn failed(row: usize, order: String, e: &Error) -> RowOutcome {
        RowOutcome::Failed {
            row,
            order,
            code: exit::of_error(e),
            error: e.to_json()["error"].clone(),
        }
    }

    /// A row whose payment does not do its job (another amount, expired, underpaid, a
    /// status `le` does not know): as a single create would say it, never its invoice.
    fn refused(
        row: usize,
        order: String,
        p: &Payment,
        v: &Verdict,
        asked: Asked<'_>,
    ) -> RowOutcome {
        let mut details = v.to_json(p, asked);
        // The hint is the error's own, below.
        if let Some(d) = details.as_object_mut() {
            d.remove("hint");
        }
        details["payment"] = Value::Object(p.without_means_of_payment().into_raw());
        let mut error = json!({
            "code": v.code(),
            "message": v.words(p, asked),
            "details": details,
        });
        let hint = match (v, asked) {
            (Verdict::Expired { .. }, Asked::Create { new, .. }) => {
                let fresh = crate::input::rows::fresh_idempotency_key(&new.order_id);
                error["details"]["newIdempotencyKey"] = fresh.clone().into();
                Some(format!(
                    "to take a new payment for order {}, give the row the idempotencyKey {fresh}",
                    printable(&new.order_id),
                ))
            }
            _ => v.hint(p),
        };
        if let Some(h) = hint {
            error["hint"] = h.into();
        }
        RowOutcome::Failed {
            row,
            order,
            code: v.exit_code(),
            error,
        }
    }

    fn to_json(&self) -> Value {
        match self {
            RowOutcome::Created {
                row,
                order,
                payment,
                how,
                outcome,
            } => {
                let mut v = json!({ "row": row, "order": order, "ok": true, "outcome": outcome, "payment": payment });
                match how {
                    How::New => {}
                    How::Replayed => v["replayed"] = json!(true),
                    How::Recovered => v["recovered"] = json!(true),
                }
                v
            }
            RowOutcome::Skipped {
                row,
                order,
                payment,
                outcome,
                edited,
            } => {
                let mut v = json!({ "row": row, "order": order, "ok": true, "skipped": true, "outcome": outcome, "invoiceId": payment.get("invoiceId"), "payment": payment });
                if *edited {
                    v["note"] = json!(
                        "an earlier run created this order with other details; delete its line from the journal to create it again"
                    );
                }
                v
            }
            RowOutcome::Failed {
                row, order, error, ..
            } => json!({ "row": row, "order": order, "ok": false, "error": error }),
        }
    }
}

/// What every row of one batch shares.
struct Batch<'a> {
    ctx: &'a Ctx,
    client: &'a Client,
    pacer: &'a RefCell<Pacer>,
    journal: &'a RefCell<Option<Journal>>,
    /// Ctrl-C: no row sends another request.
    stopping: Cell<bool>,
    stop: tokio::sync::Notify,
}

/// A row's payment as its line shows it: whole while it can be paid, else without any
/// way to pay it (a row that settled its order before is no invoice to hand out).
fn offered(p: Payment, v: &Verdict) -> Value {
    if v.offers_invoice() {
        Value::Object(p.into_raw())
    } else {
        Value::Object(p.without_means_of_payment().into_raw())
    }
}

/// What the journal's record of a row comes to.
enum Skip {
    /// The row's outcome, from the payment the journal names.
    Done(RowOutcome),
    /// That payment expired and the row now carries another idempotency key: make a
    /// new payment for the order.
    MakeAnew,
}

/// Why a row's request was not sent.
enum Held {
    /// The rate limit left no room in time; how long it waited.
    RateLimit(Duration),
    Interrupted,
}

impl Batch<'_> {
    /// One row to its end. An `Err` stops the batch (the journal cannot be written);
    /// everything else is the row's outcome.
    async fn process(&self, index: usize, input: Input) -> (usize, Result<RowOutcome>) {
        (index, self.row(input).await)
    }

    async fn row(&self, input: Input) -> Result<RowOutcome> {
        let row = input.number;
        let r = match input.row {
            Ok(r) => r,
            Err(msg) => return Ok(RowOutcome::failed(row, String::new(), &Error::Usage(msg))),
        };
        if let Some(n) = input.repeats {
            let e = Error::usage(format!(
                "order '{}' appears again (first at row {n}); each order is paid once",
                printable(&r.order)
            ));
            return Ok(RowOutcome::failed(row, r.order.clone(), &e));
        }
        let (new, mut key) = match r.prepare() {
            Ok(x) => x,
            Err(e) => return Ok(RowOutcome::failed(row, r.order.clone(), &e)),
        };
        let order = new.order_id.clone();
        let entry = self
            .journal
            .borrow()
            .as_ref()
            .and_then(|j| j.get(&order).cloned());
        match entry {
            // The journal says an earlier run made this order. A journal is a file anyone
            // can edit: the payment it names is looked up and must be this row's.
            Some(Entry::Done {
                key: old,
                invoice_id,
            }) => match self.skip(row, &order, &new, old != key, &invoice_id).await {
                Skip::Done(outcome) => return Ok(outcome),
                // The payment made then expired, and the row now carries another
                // idempotency key (as the row's hint said to give it): a new payment.
                Skip::MakeAnew => {
                    if let Some(j) = self.journal.borrow_mut().as_mut() {
                        j.sending(
                            &order,
                            &key,
                            &new.amount.to_string(),
                            new.currency.as_str(),
                            invoice_id.as_str(),
                        )?;
                    }
                }
            },
            // A create went out and its outcome was never recorded: the same key again,
            // and a look at the order before anything is sent.
            Some(Entry::Sending {
                key: old,
                amount,
                currency,
                replaces,
            }) => {
                key = old;
                match self
                    .paced(|| self.client.get_payment_by_order(&order))
                    .await
                {
                    // The expired payment this create was to replace: the create never
                    // got as far as the API. It goes out now, with the same key.
                    Ok(Ok(p)) if replaces.as_deref() == Some(p.invoice_id()) => {}
                    Ok(Ok(p)) => {
                        // It must be what that run sent (not what the row says now: it
                        // may have been edited since), or the API is answering about
                        // another payment.
                        let sent = Identity {
                            invoice_id: None,
                            order_id: Some(order.clone()),
                            amount: amount.as_deref().and_then(|a| a.parse().ok()),
                            currency: currency.clone(),
                            lightning_invoice: None,
                        };
                        if let Err(e) = sent.check(&p, || {
                            format!(
                                "order {} has payment {}, which is not what an earlier run of this batch sent for it",
                                printable(&order),
                                printable(p.invoice_id())
                            )
                        }) {
                            return Ok(RowOutcome::failed(row, order, &e));
                        }
                        // Made before this run: it is this row's payment only if it is
                        // for the row's money (the row may have been edited since).
                        let asked = Asked::Create {
                            new: &new,
                            earlier: true,
                        };
                        return self.finish(row, &order, &key, p, How::Recovered, asked);
                    }
                    Ok(Err(Error::Api(e))) if e.status == 404 => {}
                    Ok(Err(e)) => {
                        let e = Error::usage(format!(
                            "an earlier run may have created order {} (its journal says a create was sent, and looking the order up failed: {}); rerun to find out",
                            printable(&order),
                            e.message()
                        ));
                        return Ok(RowOutcome::failed(row, order, &e));
                    }
                    Err(held) => return Ok(self.held(row, order, held)),
                }
            }
            None => {
                if let Some(j) = self.journal.borrow_mut().as_mut() {
                    j.sending(
                        &order,
                        &key,
                        &new.amount.to_string(),
                        new.currency.as_str(),
                        None,
                    )?;
                }
            }
        }
        match self.paced(|| self.client.create_payment(&new, &key)).await {
            Ok(Ok(c)) => {
                let how = if c.earlier {
                    How::Replayed
                } else if c.recovered {
                    How::Recovered
                } else {
                    How::New
                };
                let asked = Asked::Create {
                    new: &new,
                    earlier: c.earlier,
                };
                self.finish(row, &order, &key, c.payment, how, asked)
            }
            Ok(Err(e)) => Ok(RowOutcome::failed(row, order, &e)),
            Err(held) => Ok(self.held(row, order, held)),
        }
    }

    /// A row the journal says is done: its payment looked up, checked against the row,
    /// and judged as a rerun of a single create would be.
    async fn skip(
        &self,
        row: usize,
        order: &str,
        new: &NewPayment,
        edited: bool,
        invoice_id: &Value,
    ) -> Skip {
        let journal_says = |why: String| {
            Skip::Done(RowOutcome::failed(
                row,
                order.to_owned(),
                &Error::mismatch(
                    "JOURNAL_MISMATCH",
                    format!(
                        "the journal says order {} was made as payment {}, but {why}",
                        printable(order),
                        printable(&invoice_id.as_str().map_or_else(|| invoice_id.to_string(), str::to_owned))
                    ),
                    vec!["the journal was edited, or belongs to another batch: delete the order's lines from it to create the order again".into()],
                    None,
                ),
            ))
        };
        let Some(id) = invoice_id
            .as_str()
            .filter(|id| crate::input::check_id("invoiceId", "inv_abc123", id).is_ok())
        else {
            return journal_says("that is not an invoice id".into());
        };
        let p = match self.paced(|| self.client.get_payment(id)).await {
            Ok(Ok(p)) => p,
            Ok(Err(Error::Api(e))) if e.status == 404 => {
                return journal_says("the API has no such payment".into());
            }
            Ok(Err(e)) => return Skip::Done(RowOutcome::failed(row, order.to_owned(), &e)),
            Err(held) => return Skip::Done(self.held(row, order.to_owned(), held)),
        };
        if p.order_id() != Some(order) {
            return journal_says(format!(
                "that payment is order {}'s",
                p.order_id().map_or_else(|| "unknown".into(), printable)
            ));
        }
        if let Err(e) = self.ctx.check_payment(self.client, &p) {
            return Skip::Done(RowOutcome::failed(row, order.to_owned(), &e));
        }
        // The payment made then expired: the order may have a newer one since (made
        // under another key, paid or still payable), which is then the row's.
        let p = if p.status() == crate::api::Status::Expired {
            match self
                .paced(|| self.client.newest_of_order(p.clone(), order))
                .await
            {
                Ok(Ok(newest)) => {
                    if let Err(e) = self.ctx.check_payment(self.client, &newest) {
                        return Skip::Done(RowOutcome::failed(row, order.to_owned(), &e));
                    }
                    newest
                }
                Ok(Err(e)) => return Skip::Done(RowOutcome::failed(row, order.to_owned(), &e)),
                Err(held) => return Skip::Done(self.held(row, order.to_owned(), held)),
            }
        } else {
            p
        };
        // A row edited since (another amount or currency) is not the payment made then.
        let asked = Asked::Create { new, earlier: true };
        let verdict = judge(&p, asked);
        if matches!(verdict, Verdict::Expired { .. }) && edited {
            return Skip::MakeAnew;
        }
        if !verdict.row_ok() {
            return Skip::Done(RowOutcome::refused(
                row,
                order.to_owned(),
                &p,
                &verdict,
                asked,
            ));
        }
        Skip::Done(RowOutcome::Skipped {
            row,
            order: order.to_owned(),
            edited,
            outcome: verdict.code(),
            payment: offered(p, &verdict),
        })
    }

    /// Checks the payment's invoice as a single create would (strictly, for one this batch
    /// made), judges it against the row, then records it: a row whose invoice was refused
    /// is never marked done, so a rerun checks it again rather than skipping it; a row the
    /// API answered is, whatever the verdict, so that a rerun judges the same payment.
    fn finish(
        &self,
        row: usize,
        order: &str,
        key: &str,
        p: Payment,
        how: How,
        asked: Asked<'_>,
    ) -> Result<RowOutcome> {
        let checked = match how {
            How::Replayed => self.ctx.check_payment(self.client, &p),
            How::New | How::Recovered => self.ctx.check_new_payment(self.client, &p),
        };
        if let Err(e) = checked {
            return Ok(RowOutcome::failed(row, order.to_owned(), &e));
        }
        if let Some(j) = self.journal.borrow_mut().as_mut() {
            j.done(order, key, p.invoice_id().into())?;
        }
        let verdict = judge(&p, asked);
        if !verdict.row_ok() {
            return Ok(RowOutcome::refused(
                row,
                order.to_owned(),
                &p,
                &verdict,
                asked,
            ));
        }
        Ok(RowOutcome::Created {
            row,
            order: order.to_owned(),
            outcome: verdict.code(),
            payment: offered(p, &verdict),
            how,
        })
    }

    /// A row whose request was held back: by the rate limit for too long, or by Ctrl-C.
    fn held(&self, row: usize, order: String, held: Held) -> RowOutcome {
        match held {
            Held::RateLimit(waited) => self.rate_refused(row, order, waited),
            Held::Interrupted => RowOutcome::Failed {
                row,
                code: exit::INTERRUPTED,
                error: interrupted_row(row, &order, false)["error"].clone(),
                order,
            },
        }
    }

    fn rate_refused(&self, row: usize, order: String, waited: Duration) -> RowOutcome {
        let message = format!(
            "the API's rate limit left no room for this row in {} (waited {} s); rerun to continue",
            crate::render::time::human_span(MAX_ROW_WAIT.as_secs()),
            waited.as_secs()
        );
        RowOutcome::Failed {
            row,
            order,
            code: exit::RATE_LIMITED,
            error: json!({ "code": "RATE_LIMIT_EXCEEDED", "message": message }),
        }
    }

    /// Runs a request when the pacer has room for it, again after a 429, until it gets an
    /// answer that is not a 429; `Err` when the rate limit leaves no room in time, or the
    /// batch is stopping (Ctrl-C) before the request went out.
    async fn paced<T, F, Fut>(&self, send: F) -> std::result::Result<Result<T>, Held>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
        T: Rated,
    {
        let give_up = tokio::time::Instant::now() + MAX_ROW_WAIT;
        loop {
            if self.stopping.get() {
                return Err(Held::Interrupted);
            }
            let room = pacer::acquire(self.pacer, give_up, |wait, why| {
                let why = match why {
                    Why::WindowSpent => "the API's rate-limit window is spent until it resets",
                    Why::Refused => "the API refused a request for its rate limit (429)",
                    Why::Busy => "requests in flight use the rate limit's room",
                };
                self.ctx.out.note(&format!(
                    "waiting {} s: {why}",
                    wait.as_secs_f64().ceil() as u64
                ));
                self.ctx.out.json_note(&json!({
                    "waiting": { "seconds": wait.as_secs_f64().ceil() as u64, "reason": why }
                }));
            });
            tokio::select! {
                r = room => r.map_err(Held::RateLimit)?,
                () = self.stop.notified() => return Err(Held::Interrupted),
            }
            match send().await {
                Ok(v) => {
                    self.pacer.borrow_mut().release_ok(
                        v.rate(),
                        jiff::Timestamp::now().as_second(),
                        tokio::time::Instant::now(),
                    );
                    return Ok(Ok(v));
                }
                // Refused for the rate: every row waits as asked, then this one goes again.
                Err(Error::Api(e)) if e.status == 429 => {
                    self.pacer
                        .borrow_mut()
                        .blocked(e.retry_after, tokio::time::Instant::now());
                }
                Err(e) => {
                    self.pacer.borrow_mut().release_err();
                    return Ok(Err(e));
                }
            }
        }
    }
}

/// What an answer says of the rate limit.
trait Rated {
    fn rate(&self) -> crate::api::RateInfo;
}

impl Rated for crate::api::Created {
    fn rate(&self) -> crate::api::RateInfo {
        self.rate
    }
}

impl Rated for Payment {
    fn rate(&self) -> crate::api::RateInfo {
        // A read's headers are not kept; it tells the pacer nothing new.
        crate::api::RateInfo::Unknown
    }
}
