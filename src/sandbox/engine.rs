//! The sandbox's behaviour, apart from HTTP: the same checks, statuses, expiry and error
//! codes as the API reference, over the SQLite store.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use bitcoin::secp256k1::SecretKey;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::mint;
use super::store::{Existing, PaymentRow, Store};
use crate::money::{self, Currency};

/// An error the sandbox answers with, in the API's documented shape.
#[derive(Debug)]
pub struct ApiFailure {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    pub details: Option<Value>,
}

impl ApiFailure {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiFailure {
            status,
            code,
            message: message.into(),
            details: None,
        }
    }

    fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn internal(message: impl Into<String>) -> Self {
        ApiFailure::new(500, "INTERNAL_ERROR", message)
    }

    fn not_found() -> Self {
        ApiFailure::new(404, "SETTLEMENT_NOT_FOUND", "Settlement not found")
    }
}

/// A successful answer: status and body text (kept as text so replays are byte-exact).
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub replayed: bool,
}

impl Answer {
    fn ok(v: &Value) -> Answer {
        Answer {
            status: 200,
            body: v.to_string(),
            replayed: false,
        }
    }
}

type Outcome = Result<Answer, ApiFailure>;

/// Fixed exchange rates (price of 1 BTC), so that sandbox amounts are predictable.
#[derive(Debug, Clone)]
pub struct Rates(BTreeMap<&'static str, Decimal>);

impl Default for Rates {
    fn default() -> Self {
        Rates(BTreeMap::from([
            ("USD", Decimal::from(100_000)),
            ("EUR", Decimal::from(92_000)),
            ("GBP", Decimal::from(80_000)),
        ]))
    }
}

impl Rates {
    /// Reads overrides like `USD=65000,EUR=60000.50`.
    pub fn parse_overrides(text: &str) -> Result<Rates, String> {
        let mut rates = Rates::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (cur, value) = part
                .split_once('=')
                .ok_or_else(|| format!("rate '{part}' should look like USD=100000"))?;
            let cur: Currency = cur.parse()?;
            if !cur.is_fiat() {
                return Err(format!("only USD, EUR and GBP have rates, not {cur}"));
            }
            let v = money::parse_decimal(value)
                .ok()
                .filter(|v| *v > Decimal::ZERO)
                .ok_or_else(|| {
                    format!("rate for {cur} should be a positive number, not '{value}'")
                })?;
            rates.0.insert(cur.as_str(), v);
        }
        Ok(rates)
    }

    pub fn price(&self, c: Currency) -> Option<Decimal> {
        self.0.get(c.as_str()).copied()
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub rates: Rates,
    pub invoice_expiry: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            rates: Rates::default(),
            invoice_expiry: Duration::from_secs(3600),
        }
    }
}

impl Options {
    /// The defaults, with `LE_SANDBOX_RATES` and `LE_SANDBOX_EXPIRY` applied.
    pub fn from_env() -> Result<Options, String> {
        let mut o = Options::default();
        if let Ok(r) = std::env::var("LE_SANDBOX_RATES") {
            o.rates = Rates::parse_overrides(&r).map_err(|e| format!("LE_SANDBOX_RATES: {e}"))?;
        }
        if let Ok(e) = std::env::var("LE_SANDBOX_EXPIRY") {
            o.invoice_expiry = crate::cli::parse_duration(&e)
                .ok()
                .filter(|d| d.as_secs() >= 1)
                .ok_or_else(|| {
                    format!("LE_SANDBOX_EXPIRY: '{e}' is not a duration of at least 1s")
                })?;
        }
        Ok(o)
    }
}

pub struct Engine {
    store: Mutex<Store>,
    node_key: SecretKey,
    options: Options,
}

#[derive(Debug, Clone, Copy)]
pub enum Action {
    Pay,
    Process,
    Expire,
}

impl Action {
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "pay" => Some(Action::Pay),
            "process" => Some(Action::Process),
            "expire" => Some(Action::Expire),
            _ => None,
        }
    }
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn iso(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

impl Engine {
    pub fn open(dir: &Path, options: Options) -> Result<Engine, String> {
        let store = Store::open(dir)?;
        let node_key = store.node_key(mint::new_node_key)?;
        Ok(Engine {
            store: Mutex::new(store),
            node_key,
            options,
        })
    }

    pub fn node_pubkey(&self) -> String {
        self.node_key
            .public_key(&bitcoin::secp256k1::Secp256k1::signing_only())
            .to_string()
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll
        // back), so the poisoned guard is still safe to use.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn create(&self, body: &[u8], idempotency_key: Option<&str>) -> Outcome {
        let request: Value = serde_json::from_slice(body).map_err(|e| {
            ApiFailure::new(
                400,
                "INVALID_REQUEST",
                format!("The request body is not valid JSON: {e}"),
            )
        })?;
        let Value::Object(req) = &request else {
            return Err(ApiFailure::new(
                400,
                "INVALID_REQUEST",
                "The request body must be a JSON object",
            ));
        };
        if let Some(k) = idempotency_key
            && (k.is_empty() || k.len() > 256)
        {
            return Err(ApiFailure::new(
                400,
                "INVALID_IDEMPOTENCY_KEY",
                "X-Idempotency-Key must be 1 to 256 characters",
            ));
        }
        let order_id = match req.get("orderId") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            _ => {
                return Err(ApiFailure::new(
                    400,
                    "MISSING_ORDER_ID",
                    "orderId is required",
                ));
            }
        };
        let currency: Currency = match req.get("currency") {
            Some(Value::String(s)) => s
                .parse()
                .map_err(|e: String| ApiFailure::new(400, "INVALID_CURRENCY", e))?,
            _ => {
                return Err(ApiFailure::new(
                    400,
                    "INVALID_CURRENCY",
                    format!("currency is required: {}", money::CURRENCIES),
                ));
            }
        };
        let amount = match req.get("amount") {
            Some(Value::Number(n)) => money::parse_decimal(&n.to_string())
                .and_then(|d| money::check_amount(d, currency))
                .map_err(|e| ApiFailure::new(400, "INVALID_AMOUNT", format!("amount {e}")))?,
            Some(_) => {
                return Err(ApiFailure::new(
                    400,
                    "INVALID_AMOUNT",
                    "amount must be a number",
                ));
            }
            None => return Err(ApiFailure::new(400, "INVALID_AMOUNT", "amount is required")),
        };
        let sats = money::to_sats(amount, currency, self.options.rates.price(currency))
            .filter(|s| *s <= 2_100_000_000_000_000)
            .ok_or_else(|| ApiFailure::new(400, "INVALID_AMOUNT", "amount is too large"))?;
        if sats == 0 {
            return Err(ApiFailure::new(
                400,
                "INVALID_AMOUNT",
                format!("amount {amount} {currency} is less than 1 sat"),
            ));
        }
        let text = |k: &str| -> Result<Option<String>, ApiFailure> {
            match req.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(ApiFailure::new(
                    400,
                    "INVALID_REQUEST",
                    format!("{k} must be a string"),
                )),
            }
        };
        let metadata = match req.get("metadata") {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) => Some(Value::Object(m.clone()).to_string()),
            Some(_) => {
                return Err(ApiFailure::new(
                    400,
                    "INVALID_REQUEST",
                    "metadata must be an object",
                ));
            }
        };
        let description = text("description")?;
        let created = now();
        let expiry = self.options.invoice_expiry;
        let memo = description
            .clone()
            .unwrap_or_else(|| format!("Order {order_id}"));
        let minted = mint::mint(
            &self.node_key,
            sats.checked_mul(1000)
                .ok_or_else(|| ApiFailure::new(400, "INVALID_AMOUNT", "amount is too large"))?,
            &memo,
            created as u64,
            expiry,
        )
        .map_err(ApiFailure::internal)?;
        let row = PaymentRow {
            invoice_id: format!("inv_{}", crate::rand::hex::<12>()),
            order_id: order_id.clone(),
            status: "unpaid".into(),
            amount: amount.to_string(),
            currency: currency.as_str().into(),
            amount_sats: sats,
            invoice: minted.invoice,
            payment_hash: crate::rand::to_hex(&minted.payment_hash),
            preimage: crate::rand::to_hex(&minted.preimage),
            description,
            customer_email: text("customerEmail")?,
            customer_name: text("customerName")?,
            success_url: text("successUrl")?,
            cancel_url: text("cancelUrl")?,
            metadata,
            created_at: created,
            expires_at: created + expiry.as_secs() as i64,
            paid_at: None,
            expired_at: None,
        };
        let fingerprint = idempotency_key.map(|_| request_fingerprint(&request));
        let idem = idempotency_key.zip(fingerprint.as_deref());
        let created_answer = self
            .store()
            .create(&row, idem, |r| payment_json(r).to_string(), created)
            .map_err(ApiFailure::internal)?;
        match created_answer {
            Ok(body) => Ok(Answer {
                status: 201,
                body,
                replayed: false,
            }),
            Err(Existing::Replay { status, body }) => Ok(Answer {
                status,
                body,
                replayed: true,
            }),
            Err(Existing::KeyReused) => Err(ApiFailure::new(
                422,
                "IDEMPOTENCY_KEY_REUSED",
                "This X-Idempotency-Key was used with a different request",
            )),
            Err(Existing::DuplicateOrder { invoice_id }) => Err(ApiFailure::new(
                409,
                "DUPLICATE_ORDER_ID",
                format!("A payment for order {order_id} already exists"),
            )
            .with_details(json!({ "orderId": order_id, "invoiceId": invoice_id }))),
        }
    }

    fn read(&self, find: impl FnOnce(&Store) -> Result<Option<PaymentRow>, String>) -> Outcome {
        let store = self.store();
        store.expire_due(now()).map_err(ApiFailure::internal)?;
        match find(&store).map_err(ApiFailure::internal)? {
            Some(row) => Ok(Answer::ok(&payment_json(&row))),
            None => Err(ApiFailure::not_found()),
        }
    }

    pub fn get(&self, invoice_id: &str) -> Outcome {
        self.read(|s| s.payment(invoice_id))
    }

    pub fn get_by_order(&self, order_id: &str) -> Outcome {
        self.read(|s| s.newest_for_order(order_id))
    }

    /// The sandbox is its own provider, so a refresh is a read that applies expiry.
    pub fn sync(&self, invoice_id: &str) -> Outcome {
        self.get(invoice_id)
    }

    pub fn act(&self, invoice_id: &str, action: Action) -> Outcome {
        let mut store = self.store();
        let t = now();
        store.expire_due(t).map_err(ApiFailure::internal)?;
        let (from, to): (&[&str], &str) = match action {
            Action::Pay => (&["unpaid", "processing"], "paid"),
            Action::Process => (&["unpaid"], "processing"),
            Action::Expire => (&["unpaid", "processing"], "expired"),
        };
        match store
            .transition(invoice_id, from, to, t)
            .map_err(ApiFailure::internal)?
        {
            None => Err(ApiFailure::not_found()),
            Some(Ok(row)) => Ok(Answer::ok(&payment_json(&row))),
            Some(Err(row)) => Err(ApiFailure::new(
                409,
                "INVALID_TRANSITION",
                format!(
                    "payment {invoice_id} is {}; only a payment that is {} can become {to}",
                    row.status,
                    from.join(" or ")
                ),
            )
            .with_details(json!({ "status": row.status }))),
        }
    }

    pub fn list(&self) -> Outcome {
        let store = self.store();
        store.expire_due(now()).map_err(ApiFailure::internal)?;
        let rows = store.list().map_err(ApiFailure::internal)?;
        let items: Vec<Value> = rows.iter().map(payment_json).collect();
        Ok(Answer::ok(&json!({ "payments": items })))
    }

    pub fn reset(&self) -> Outcome {
        let n = self.store().reset().map_err(ApiFailure::internal)?;
        Ok(Answer::ok(&json!({ "deleted": n })))
    }
}

/// The payment object as the API reference describes it.
pub fn payment_json(r: &PaymentRow) -> Value {
    let mut m = Map::new();
    m.insert("invoiceId".into(), r.invoice_id.clone().into());
    m.insert("orderId".into(), r.order_id.clone().into());
    m.insert("status".into(), r.status.clone().into());
    // Stored as the exact decimal text, sent as a JSON number with the same digits.
    let amount = serde_json::from_str::<serde_json::Number>(&r.amount)
        .map(Value::Number)
        .unwrap_or_else(|_| Value::String(r.amount.clone()));
    m.insert("amount".into(), amount);
    m.insert("currency".into(), r.currency.clone().into());
    m.insert("amountSats".into(), r.amount_sats.into());
    m.insert("lightningInvoice".into(), r.invoice.clone().into());
    for (k, v) in [
        ("description", &r.description),
        ("customerEmail", &r.customer_email),
        ("customerName", &r.customer_name),
        ("successUrl", &r.success_url),
        ("cancelUrl", &r.cancel_url),
    ] {
        if let Some(v) = v {
            m.insert(k.into(), v.clone().into());
        }
    }
    if let Some(meta) = r
        .metadata
        .as_deref()
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
    {
        m.insert("metadata".into(), meta);
    }
    m.insert("createdAt".into(), iso(r.created_at).into());
    m.insert("expiresAt".into(), iso(r.expires_at).into());
    if let Some(p) = r.paid_at {
        // Two generations of the docs name it differently; send both.
        m.insert("paidAt".into(), iso(p).into());
        m.insert("settledAt".into(), iso(p).into());
    }
    if let Some(e) = r.expired_at {
        m.insert("expiredAt".into(), iso(e).into());
    }
    Value::Object(m)
}

/// Two requests are "the same" for idempotency when their JSON is equal, whatever the
/// key order or spacing.
fn request_fingerprint(v: &Value) -> String {
    fn canonical(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let sorted: BTreeMap<&String, Value> =
                    m.iter().map(|(k, v)| (k, canonical(v))).collect();
                Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(canonical).collect()),
            other => other.clone(),
        }
    }
    use bitcoin::hashes::{Hash, sha256};
    let text = canonical(v).to_string();
    sha256::Hash::hash(text.as_bytes()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_key_order() {
        let a: Value = serde_json::from_str(r#"{"a":1,"b":{"x":1,"y":2}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{ "b":{"y":2,"x":1}, "a":1 }"#).unwrap();
        let c: Value = serde_json::from_str(r#"{"a":2,"b":{"x":1,"y":2}}"#).unwrap();
        assert_eq!(request_fingerprint(&a), request_fingerprint(&b));
        assert_ne!(request_fingerprint(&a), request_fingerprint(&c));
    }

    #[test]
    fn rate_overrides() {
        let r = Rates::parse_overrides("usd=65000, EUR=60000.5").unwrap();
        assert_eq!(r.price(Currency::Usd), Some(Decimal::from(65000)));
        assert_eq!(r.price(Currency::Gbp), Some(Decimal::from(80000)));
        assert!(Rates::parse_overrides("BTC=1").is_err());
        assert!(Rates::parse_overrides("USD").is_err());
        assert!(Rates::parse_overrides("USD=-5").is_err());
    }
}
