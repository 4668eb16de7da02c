//! `le create --from FILE`: one payment per row, paced by the API's own rate-limit
//! headers, with a journal so that an interrupted batch, rerun, skips what was done and
//! never creates an order twice.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures_util::stream::{FuturesUnordered, StreamExt};
use serde_json::{Value, json};

use crate::api::{Client, Identity, Payment};
use crate::app::Ctx;
use crate::cli::CreateArgs;
use crate::error::{Error, Result};
use crate::exit::{self, Outcome};
use crate::input::rows::{Input, read_rows};
use crate::journal::{Entry, Journal};
use crate::pacer::{self, Pacer, Why};
use crate::text::printable;

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
    };

    let mut pending = FuturesUnordered::new();
    let mut waiting: BTreeMap<usize, Value> = BTreeMap::new();
    let mut next_to_print = 0;
    let mut counts = Counts::default();
    // The exit code is the first failed row's, in the file's order.
    let mut first_failure: Option<(usize, u8)> = None;
    let mut queue = inputs.into_iter().enumerate();
    loop {
        while pending.len() < concurrency as usize {
            let Some((index, input)) = queue.next() else {
                break;
            };
            pending.push(batch.process(index, input));
        }
        let Some((index, outcome)) = pending.next().await else {
            break;
        };
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
        let mut line = outcome.to_json();
        // A row's error is the error a single create prints: its hint's `{le}` becomes
        // the command that reaches the same API.
        if let Some(h) = line.pointer_mut("/error/hint")
            && let Some(text) = h.as_str()
        {
            *h = ctx.out.fill(text).into_owned().into();
        }
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
    drop(progress);
    ctx.out.note(&format!(
        "{} created, {} made before (idempotent replay), {} found after an interrupted run, {} already done (journal), {} failed, in {}",
        counts.created,
        counts.replayed,
        counts.recovered,
        counts.skipped,
        counts.failed,
        crate::render::time::human_span(started.elapsed().as_secs())
    ));
    Ok(match first_failure {
        None => Outcome::Done,
        Some((_, code)) => Outcome::Failed(code),
    })
}

#[derive(Default)]
struct Counts {
    created: usize,
    replayed: usize,
    recovered: usize,
    skipped: usize,
    failed: usize,
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
            RowOutcome::Failed { .. } => self.failed += 1,
        }
    }

    fn total(&self) -> usize {
        self.created + self.replayed + self.recovered + self.skipped + self.failed
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
        note: Option<String>,
    },
    Skipped {
        row: usize,
        order: String,
        invoice_id: Value,
        differs: bool,
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
            code: e.exit_code(),
            error: e.to_json()["error"].clone(),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            RowOutcome::Created {
                row,
                order,
                payment,
                how,
                note,
            } => {
                let mut v = json!({ "row": row, "order": order, "ok": true, "payment": payment });
                match how {
                    How::New => {}
                    How::Replayed => v["replayed"] = json!(true),
                    How::Recovered => v["recovered"] = json!(true),
                }
                if let Some(n) = note {
                    v["note"] = json!(n);
                }
                v
            }
            RowOutcome::Skipped {
                row,
                order,
                invoice_id,
                differs,
            } => {
                let mut v = json!({ "row": row, "order": order, "ok": true, "skipped": true, "invoiceId": invoice_id });
                if *differs {
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
            // The journal knows orders, whatever their details were then.
            Some(Entry::Done {
                key: old,
                invoice_id,
            }) => {
                return Ok(RowOutcome::Skipped {
                    row,
                    differs: old != key,
                    order,
                    invoice_id,
                });
            }
            // A create went out and its outcome was never recorded: the same key again,
            // and a look at the order before anything is sent.
            Some(Entry::Sending {
                key: old,
                amount,
                currency,
            }) => {
                key = old;
                match self
                    .paced(|| self.client.get_payment_by_order(&order))
                    .await
                {
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
                        let note = (p.amount() != Some(new.amount)
                            || !p.currency().is_some_and(|c| c.eq_ignore_ascii_case(new.currency.as_str())))
                        .then(|| "an earlier, interrupted run created this order with other details; that payment is kept, and no second one was made".to_owned());
                        return self.finish(row, &order, &key, p, How::Recovered, note);
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
                    Err(waited) => return Ok(self.rate_refused(row, order, waited)),
                }
            }
            None => {
                if let Some(j) = self.journal.borrow_mut().as_mut() {
                    j.sending(&order, &key, &new.amount.to_string(), new.currency.as_str())?;
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
                self.finish(row, &order, &key, c.payment, how, None)
            }
            Ok(Err(e)) => Ok(RowOutcome::failed(row, order, &e)),
            Err(waited) => Ok(self.rate_refused(row, order, waited)),
        }
    }

    /// Checks the payment's invoice as a single create would (strictly, for one this batch
    /// made), then records it: a row whose invoice was refused is never marked done, so a
    /// rerun checks it again rather than skipping it.
    fn finish(
        &self,
        row: usize,
        order: &str,
        key: &str,
        p: Payment,
        how: How,
        note: Option<String>,
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
        Ok(RowOutcome::Created {
            row,
            order: order.to_owned(),
            payment: Value::Object(p.into_raw()),
            how,
            note,
        })
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
    /// answer that is not a 429; `Err(waited)` when the rate limit leaves no room in time.
    async fn paced<T, F, Fut>(&self, send: F) -> std::result::Result<Result<T>, Duration>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
        T: Rated,
    {
        let give_up = tokio::time::Instant::now() + MAX_ROW_WAIT;
        loop {
            pacer::acquire(self.pacer, give_up, |wait, why| {
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
            })
            .await?;
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
