//! `le create --from FILE`: one payment per row, paced by the API's own rate-limit
//! headers, with a journal so that an interrupted batch, rerun, skips what was done and
//! never creates an order twice.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use futures_util::stream::{FuturesUnordered, StreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Map, Value, json};

use super::Ctx;
use super::create::Row;
use crate::api::{Client, RateLimit};
use crate::cli::CreateArgs;
use crate::error::{Error, Result, exit};

/// A row as read, with its line (or record) number for messages.
struct Input {
    number: usize,
    row: std::result::Result<Row, String>,
}

/// How long one row may wait for the rate limit before it is reported as refused (exit 7).
const MAX_ROW_WAIT: Duration = Duration::from_secs(15 * 60);
/// Waits longer than this are announced on stderr.
const NOTE_WAIT: Duration = Duration::from_secs(5);

/// What the journal knows of an order: the key it was created with and its payment.
type Done = HashMap<String, (String, Value)>;

pub async fn run(ctx: &Ctx, args: &CreateArgs, source: &str) -> Result<()> {
    if ctx.global.dry_run || ctx.global.curl {
        return Err(Error::usage(
            "--dry-run and --curl show one request: use them with a single create, not --from",
        ));
    }
    let mut inputs = read_inputs(source)?;
    refuse_repeated_orders(&mut inputs);
    let journal_path = match (&args.journal, source) {
        (Some(p), _) => Some(p.clone()),
        (None, "-") => None,
        (None, file) => Some(PathBuf::from(format!("{file}.le-journal"))),
    };
    if journal_path.is_none() {
        ctx.out.warn("reading stdin with no --journal: an interrupted batch cannot skip what it did (rerunning it is still safe: each row's idempotency key finds its payment)");
    }
    let done = match &journal_path {
        Some(p) => read_journal(p)?,
        None => HashMap::new(),
    };
    let mut journal = match &journal_path {
        Some(p) => Some(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map_err(|e| {
                    Error::usage(format!("cannot write the journal {}: {e}", p.display()))
                })?,
        ),
        None => None,
    };
    let mut client = ctx.client().await?;
    // 429s come back to the pacer, which knows about every row, rather than being
    // waited out request by request.
    client.retry_rate_limited(false);
    let concurrency = args.concurrency.unwrap_or(4);
    let pacer = Rc::new(RefCell::new(Pacer::new(concurrency)));
    let progress = progress_bar(ctx, inputs.len());
    let started = Instant::now();

    let mut pending = FuturesUnordered::new();
    let mut waiting: BTreeMap<usize, Value> = BTreeMap::new();
    let mut next_to_print = 0;
    let (mut created, mut replayed, mut skipped, mut failed) = (0usize, 0usize, 0usize, 0usize);
    // The exit code is the first failed row's, in the file's order.
    let mut first_failure: Option<(usize, u8)> = None;
    let mut queue = inputs.into_iter().enumerate();
    loop {
        while pending.len() < concurrency as usize {
            let Some((index, input)) = queue.next() else {
                break;
            };
            pending.push(process(index, input, &client, &pacer, &done, &ctx.out));
        }
        let Some((index, outcome)) = pending.next().await else {
            break;
        };
        match &outcome {
            Outcome::Created {
                order,
                key,
                payment,
                replay,
                ..
            } => {
                if *replay {
                    replayed += 1;
                } else {
                    created += 1;
                }
                if let Some(j) = journal.as_mut() {
                    let id = payment.get("invoiceId").cloned().unwrap_or(Value::Null);
                    let line = json!({ "order": order, "key": key, "invoiceId": id });
                    // Written and synced before the row is reported, so a crash right after
                    // cannot leave a created order unrecorded.
                    writeln!(j, "{line}")
                        .and_then(|()| j.sync_data())
                        .map_err(|e| Error::internal(format!("cannot write the journal: {e}")))?;
                }
            }
            Outcome::Skipped { .. } => skipped += 1,
            Outcome::Failed { code, .. } => {
                failed += 1;
                if first_failure.is_none_or(|(i, _)| index < i) {
                    first_failure = Some((index, *code));
                }
            }
        }
        if let Some(p) = &progress {
            p.inc(1);
            let elapsed = started.elapsed().as_secs_f64().max(0.001);
            p.set_message(format!(
                "{failed} failed · {:.1}/s",
                (created + replayed + skipped + failed) as f64 / elapsed
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
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    ctx.out.note(&format!(
        "{created} created, {replayed} made before (idempotent replay), {skipped} already done (journal), {failed} failed, in {}",
        crate::render::time::human_span(started.elapsed().as_secs())
    ));
    match first_failure {
        None => Ok(()),
        Some((_, code)) => Err(Error::Outcome(code)),
    }
}

/// An order id twice in one file is a mistake to report, not a payment to make twice.
fn refuse_repeated_orders(inputs: &mut [Input]) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for input in inputs.iter_mut() {
        let Ok(row) = &input.row else { continue };
        match first.get(&row.order) {
            Some(n) => {
                input.row = Err(format!(
                    "order '{}' appears again (first at row {n}); each order is paid once",
                    crate::money::printable(&row.order)
                ));
            }
            None => {
                first.insert(row.order.clone(), input.number);
            }
        }
    }
}

enum Outcome {
    Created {
        row: usize,
        order: String,
        key: String,
        payment: Value,
        replay: bool,
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

impl Outcome {
    fn to_json(&self) -> Value {
        match self {
            Outcome::Created {
                row,
                order,
                payment,
                replay,
                ..
            } => {
                let mut v = json!({ "row": row, "order": order, "ok": true, "payment": payment });
                if *replay {
                    v["replayed"] = json!(true);
                }
                v
            }
            Outcome::Skipped {
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
            Outcome::Failed {
                row, order, error, ..
            } => json!({ "row": row, "order": order, "ok": false, "error": error }),
        }
    }
}

async fn process(
    index: usize,
    input: Input,
    client: &Client,
    pacer: &Rc<RefCell<Pacer>>,
    done: &Done,
    out: &crate::render::Output,
) -> (usize, Outcome) {
    let row = input.number;
    let failed = |order: String, e: Error| Outcome::Failed {
        row,
        order,
        code: e.exit_code(),
        error: e.to_json()["error"].clone(),
    };
    let r = match input.row {
        Ok(r) => r,
        Err(msg) => return (index, failed(String::new(), Error::Usage(msg))),
    };
    let (new, key) = match r.prepare() {
        Ok(x) => x,
        Err(e) => return (index, failed(r.order.clone(), e)),
    };
    // The journal knows orders, whatever their details were then.
    if let Some((old_key, id)) = done.get(&new.order_id) {
        let differs = *old_key != key;
        return (
            index,
            Outcome::Skipped {
                row,
                order: new.order_id,
                invoice_id: id.clone(),
                differs,
            },
        );
    }
    let give_up = Instant::now() + MAX_ROW_WAIT;
    loop {
        if let Err(waited) = Pacer::acquire(pacer, give_up, out).await {
            let message = format!(
                "the API's rate limit left no room for this row in {} (waited {} s); rerun to continue",
                crate::render::time::human_span(MAX_ROW_WAIT.as_secs()),
                waited.as_secs()
            );
            return (
                index,
                Outcome::Failed {
                    row,
                    order: new.order_id,
                    code: exit::RATE_LIMITED,
                    error: json!({ "code": "RATE_LIMIT_EXCEEDED", "message": message }),
                },
            );
        }
        match client.create_payment(&new, &key).await {
            Ok(c) => {
                pacer.borrow_mut().release_ok(c.rate);
                let replay = c.replayed && c.attempts == 1;
                let payment = Value::Object(c.payment.into_raw());
                return (
                    index,
                    Outcome::Created {
                        row,
                        order: new.order_id,
                        key,
                        payment,
                        replay,
                    },
                );
            }
            // Refused for the rate: every row waits as asked, then this one goes again.
            Err(Error::Api(e)) if e.status == 429 => {
                let wait = e.retry_after.unwrap_or(Duration::from_secs(1));
                pacer.borrow_mut().blocked(wait);
            }
            Err(e) => {
                pacer.borrow_mut().release_err();
                return (index, failed(new.order_id, e));
            }
        }
    }
}

/// Lets requests through as fast as the API's current window allows: the window's
/// remaining count, minus what is in flight, decides; when it is spent, everyone waits
/// for the reset the API announced.
struct Pacer {
    concurrency: u32,
    in_flight: u32,
    /// `None` until the API has said; then what its latest answer said.
    remaining: Option<u32>,
    reset_at: Option<Instant>,
    /// The window (its reset, Unix seconds) that `remaining` describes.
    window: Option<i64>,
    /// The API sends no rate-limit headers: no pacing beyond concurrency.
    unlimited: bool,
}

impl Pacer {
    fn new(concurrency: u32) -> Pacer {
        Pacer {
            concurrency,
            in_flight: 0,
            remaining: None,
            reset_at: None,
            window: None,
            unlimited: false,
        }
    }

    /// Waits for room; `Err(waited)` when there is none before `give_up`.
    async fn acquire(
        this: &Rc<RefCell<Pacer>>,
        give_up: Instant,
        out: &crate::render::Output,
    ) -> std::result::Result<(), Duration> {
        let began = Instant::now();
        let mut announced = false;
        loop {
            let wait = {
                let mut p = this.borrow_mut();
                let now = Instant::now();
                if p.reset_at.is_some_and(|r| now >= r) {
                    // A new window: learn its size from the next answer.
                    p.reset_at = None;
                    p.remaining = None;
                    p.window = None;
                }
                let room = if p.unlimited {
                    p.concurrency
                } else {
                    match p.remaining {
                        // Unknown: one request at a time until the API says.
                        None => 1,
                        Some(r) => r.min(p.concurrency),
                    }
                };
                if p.in_flight < room {
                    p.in_flight += 1;
                    return Ok(());
                }
                match p.reset_at {
                    Some(r) if p.in_flight == 0 => {
                        r.saturating_duration_since(now) + Duration::from_millis(50)
                    }
                    _ => Duration::from_millis(20),
                }
            };
            if Instant::now() + wait > give_up {
                return Err(began.elapsed());
            }
            if wait >= NOTE_WAIT && !announced && !out.stderr_tty {
                out.note(&format!(
                    "waiting {} s for the API's rate-limit window",
                    wait.as_secs()
                ));
                announced = true;
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// A request failed without saying anything about the rate limit.
    fn release_err(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    fn release_ok(&mut self, rate: Option<RateLimit>) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let Some(r) = rate else {
            if self.remaining.is_none() {
                self.unlimited = true;
            }
            return;
        };
        let now = jiff::Timestamp::now().as_second();
        // What is in flight may not have been counted by the API yet.
        let fresh = r.remaining.saturating_sub(self.in_flight);
        match self.window {
            // An answer about a window that has ended (read late) says nothing about the
            // current one: probe that with a single request.
            _ if r.reset <= now => {
                self.window = None;
                self.remaining = None;
                self.reset_at = None;
            }
            // Within one window the count only falls: answers read out of order must not
            // raise it.
            Some(w) if w == r.reset => {
                self.remaining = Some(self.remaining.map_or(fresh, |x| x.min(fresh)));
            }
            Some(w) if r.reset < w => {}
            _ => {
                self.window = Some(r.reset);
                self.remaining = Some(fresh);
                let secs = (r.reset - now).max(0) as u64;
                // Just past the announced reset, for the moment between the server's clock
                // turning and its answer reaching us.
                self.reset_at = Some(
                    Instant::now()
                        + Duration::from_secs(secs.min(3600))
                        + Duration::from_millis(50),
                );
            }
        }
    }

    fn blocked(&mut self, wait: Duration) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.remaining = Some(0);
        self.window = None;
        self.unlimited = false;
        self.reset_at = Some(Instant::now() + wait.min(Duration::from_secs(3600)));
    }
}

fn progress_bar(ctx: &Ctx, total: usize) -> Option<ProgressBar> {
    (ctx.out.stderr_tty).then(|| {
        let p = ProgressBar::new(total as u64);
        p.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} created · {msg} · ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        p
    })
}

fn read_journal(path: &Path) -> Result<Done> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => {
            return Err(Error::usage(format!(
                "cannot read the journal {}: {e}",
                path.display()
            )));
        }
    };
    let mut done = HashMap::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(|e| {
            Error::usage(format!("cannot read the journal {}: {e}", path.display()))
        })?;
        // A line cut short by a crash is simply not done yet.
        let Ok(v) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        if let (Some(o), Some(k)) = (v["order"].as_str(), v["key"].as_str()) {
            done.insert(o.to_owned(), (k.to_owned(), v["invoiceId"].clone()));
        }
    }
    Ok(done)
}

fn read_inputs(source: &str) -> Result<Vec<Input>> {
    let text = super::read_source(source, "rows")?;
    // Windows exports end lines in CRLF; counted as one line break, rows keep the
    // numbers an editor shows.
    let text = text.replace("\r\n", "\n");
    let lower = source.to_ascii_lowercase();
    let ndjson = lower.ends_with(".ndjson")
        || lower.ends_with(".jsonl")
        || (!lower.ends_with(".csv") && text.trim_start().starts_with('{'));
    let inputs = if ndjson {
        read_ndjson(&text)
    } else {
        read_csv(&text)?
    };
    if inputs.is_empty() {
        return Err(Error::usage(format!("{source} has no rows to create")));
    }
    Ok(inputs)
}

/// Column and field names as flags spell them, any case, `-` or `_`; camelCase too.
fn field(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.trim().chars() {
        // customerEmail → customer_email; Customer-Email and CUSTOMER_EMAIL likewise.
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase();
        out.push(if c == '-' {
            '_'
        } else {
            c.to_ascii_lowercase()
        });
    }
    match out.as_str() {
        "order_id" => "order".into(),
        _ => out,
    }
}

fn row_from(fields: Vec<(String, String)>) -> std::result::Result<Row, String> {
    let mut r = Row::default();
    for (name, value) in fields {
        let value_opt = (!value.is_empty()).then(|| value.clone());
        match field(&name).as_str() {
            "order" => r.order = value,
            "amount" => r.amount = value,
            "currency" => r.currency = value,
            "description" => r.description = value_opt,
            "customer_email" => r.customer_email = value_opt,
            "customer_name" => r.customer_name = value_opt,
            "success_url" => r.success_url = value_opt,
            "cancel_url" => r.cancel_url = value_opt,
            "idempotency_key" => r.idempotency_key = value_opt,
            "metadata" => r.metadata.extend(
                value
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            ),
            other => match other.strip_prefix("metadata.") {
                Some(k) if !value.is_empty() => r.metadata.push(format!("{k}={value}")),
                Some(_) => {}
                None => {
                    return Err(format!(
                        "unknown column '{}': use order, amount, currency, description, customer_email, customer_name, success_url, cancel_url, metadata, metadata.KEY or idempotency_key",
                        crate::money::printable(&name)
                    ));
                }
            },
        }
    }
    Ok(r)
}

fn read_csv(text: &str) -> Result<Vec<Input>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::usage(format!("the CSV header row cannot be read: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        // Line numbers as an editor shows them: the header is line 1.
        let number = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| p.line() as usize);
        let row = match record {
            Ok(rec) => row_from(
                headers
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(str::to_owned))
                    .collect(),
            ),
            Err(e) => Err(format!("line {number}: {e}")),
        };
        out.push(Input { number, row });
    }
    Ok(out)
}

fn read_ndjson(text: &str) -> Vec<Input> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let number = i + 1;
            let row = match serde_json::from_str::<Map<String, Value>>(line) {
                Ok(obj) => {
                    let mut fields = Vec::new();
                    for (k, v) in obj {
                        match (field(&k).as_str(), v) {
                            ("metadata", Value::Object(m)) => {
                                for (mk, mv) in m {
                                    let text =
                                        mv.as_str().map_or_else(|| mv.to_string(), str::to_owned);
                                    fields.push((format!("metadata.{mk}"), text));
                                }
                            }
                            (_, Value::String(s)) => fields.push((k, s)),
                            (_, Value::Null) => {}
                            (_, v @ (Value::Number(_) | Value::Bool(_))) => {
                                fields.push((k, v.to_string()))
                            }
                            (_, other) => fields.push((k, other.to_string())),
                        }
                    }
                    row_from(fields)
                }
                Err(e) => Err(format!("line {number} is not a JSON object: {e}")),
            };
            Input { number, row }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        assert_eq!(field("Customer-Email"), "customer_email");
        assert_eq!(field("customerEmail"), "customer_email");
        assert_eq!(field("orderId"), "order");
        assert_eq!(field(" metadata.table "), "metadata.table");
    }

    #[test]
    fn csv_and_ndjson_rows() {
        let rows = read_csv("order,amount,currency,metadata.table\nA-1,4.50,eur,12\nA-2,1,USD,\n")
            .unwrap();
        let r = rows[0].row.as_ref().unwrap();
        assert_eq!(
            (r.order.as_str(), r.amount.as_str(), r.currency.as_str()),
            ("A-1", "4.50", "eur")
        );
        assert_eq!(r.metadata, vec!["table=12"]);
        assert_eq!(rows[1].number, 3);
        let rows = read_ndjson(
            "{\"orderId\":\"N-1\",\"amount\":49.99,\"currency\":\"USD\",\"metadata\":{\"a\":1}}\n\nnot json\n",
        );
        let r = rows[0].row.as_ref().unwrap();
        assert_eq!((r.order.as_str(), r.amount.as_str()), ("N-1", "49.99"));
        assert_eq!(r.metadata, vec!["a=1"]);
        assert_eq!(rows[1].number, 3);
        assert!(rows[1].row.is_err());
        assert!(row_from(vec![("colour".into(), "red".into())]).is_err());
    }
}
