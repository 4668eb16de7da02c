//! The sandbox's behaviour, apart from HTTP: the same checks, statuses, expiry and error
//! codes as the API reference, over the SQLite store. Every API key is a merchant of its
//! own: its payments, refunds, idempotency keys, webhook endpoint and account state are
//! apart from other keys'. Time-driven changes (expiry, refund completion, auto-pay) are
//! applied lazily by every request and by the server's ticker, so every process sharing a
//! state sees the same thing.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

use bitcoin::secp256k1::SecretKey;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::mint;
use super::store::{
    self, DeliveryRow, MerchantRow, NewEvent, PaymentRow, RefundRow, Remembered, Replay, Store,
};
use crate::api::wire::{self, Dec};
use crate::api::{RefundStatus, Status};
use crate::money::{self, Currency, Rates};
use crate::webhook::event::{self as ev, Event};

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

    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn internal(message: impl Into<String>) -> Self {
        ApiFailure::new(500, "INTERNAL_ERROR", message)
    }

    fn bad(code: &'static str, message: impl Into<String>) -> Self {
        ApiFailure::new(400, code, message)
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
    fn ok(v: &impl serde::Serialize) -> Answer {
        Answer {
            status: 200,
            body: serde_json::to_string(v).unwrap_or_default(),
            replayed: false,
        }
    }
}

type Outcome = Result<Answer, ApiFailure>;

/// A webhook destination.
#[derive(Debug, Clone)]
pub struct Hook {
    pub url: String,
    pub secret: String,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub rates: Rates,
    pub invoice_expiry: Duration,
    /// How long a refund stays `pending`.
    pub refund_delay: Duration,
    /// Settle every payment created after `started_at` once this much time has passed.
    pub auto_pay_after: Option<Duration>,
    pub started_at: i64,
    /// A destination given to this process (`serve --webhook-url`), for keys that have
    /// no endpoint of their own.
    pub webhook: Option<Hook>,
    /// Where payers reach this server (`…/checkout/{invoiceId}`); none for the embedded
    /// sandbox, which is gone once its process exits.
    pub checkout_base: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            rates: Rates::default(),
            invoice_expiry: Duration::from_secs(3600),
            refund_delay: Duration::from_secs(2),
            auto_pay_after: None,
            started_at: now(),
            webhook: None,
            checkout_base: None,
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
            o.invoice_expiry = crate::duration::parse(&e)
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
    /// Names this process's webhook announcement in the shared state.
    server_id: String,
}

#[derive(Debug, Clone, Copy)]
pub enum Action {
    Pay,
    Process,
    Expire,
    Underpay,
}

impl Action {
    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "pay" => Some(Action::Pay),
            "process" => Some(Action::Process),
            "expire" => Some(Action::Expire),
            "underpay" => Some(Action::Underpay),
            _ => None,
        }
    }
}

/// The states an account can be put in, and what the API answers in each.
pub const ACCOUNT_STATES: [&str; 4] = [
    "active",
    "inactive",
    "subscription-required",
    "subscription-expired",
];

/// What a payer's browser is shown by the hosted checkout page.
pub struct Checkout {
    pub payment: PaymentRow,
    pub now: i64,
}

pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

pub fn iso(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn number(text: &str) -> Value {
    serde_json::from_str::<serde_json::Number>(text)
        .map(Value::Number)
        .unwrap_or_else(|_| Value::String(text.to_owned()))
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_default()
}

fn internal(e: String) -> ApiFailure {
    ApiFailure::internal(e)
}

/// Whether an account may use the API's payment, refund and rate routes: a 403 in the
/// reference's codes when it may not.
pub fn check_account(m: &MerchantRow) -> Result<(), ApiFailure> {
    match m.status.as_str() {
        "inactive" => Err(ApiFailure::new(
            403,
            "MERCHANT_INACTIVE",
            "This merchant account is inactive",
        )),
        "subscription-required" => Err(ApiFailure::new(
            403,
            "SUBSCRIPTION_REQUIRED",
            "An active subscription is required to use the API",
        )),
        "subscription-expired" => Err(ApiFailure::new(
            403,
            "SUBSCRIPTION_EXPIRED",
            "The subscription has expired",
        )),
        _ => Ok(()),
    }
}

impl Engine {
    pub fn open(dir: &Path, options: Options) -> Result<Engine, String> {
        let store = Store::open(dir, super::EMBEDDED_KEY)?;
        let node_key = store.node_key(mint::new_node_key)?;
        Ok(Engine {
            store: Mutex::new(store),
            node_key,
            options,
            server_id: format!("srv_{}", crate::rand::hex::<8>()),
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

    /// The merchant an API key stands for, made the first time the key is seen.
    pub fn merchant(&self, key: &str) -> Result<MerchantRow, ApiFailure> {
        let mut store = self.store();
        if let Some(m) =
            store::find_merchant(store.conn(), &store::key_hash(key)).map_err(internal)?
        {
            return Ok(m);
        }
        store
            .write(|c| store::merchant_for_key(c, key, now()))
            .map_err(internal)
    }

    /// Keeps this server's webhook destination known to every process on the state.
    pub fn heartbeat(&self) -> Result<(), String> {
        let Some(h) = &self.options.webhook else {
            return Ok(());
        };
        self.store()
            .write(|c| store::announce_hook(c, &self.server_id, &h.url, &h.secret, now_ms()))
    }

    /// Withdraws the announcement when the server stops.
    pub fn withdraw(&self) -> Result<(), String> {
        if self.options.webhook.is_none() {
            return Ok(());
        }
        self.store()
            .write(|c| store::withdraw_hook(c, &self.server_id))
    }

    /// Where webhooks go for keys with no endpoint of their own: this process's
    /// `--webhook-url`, else a running server's.
    fn server_hook(&self, c: &Connection) -> Result<Option<Hook>, String> {
        if let Some(h) = &self.options.webhook {
            return Ok(Some(h.clone()));
        }
        Ok(store::live_hook(c, now_ms())?.map(|(url, secret)| Hook { url, secret }))
    }

    /// The webhook destination in force for a merchant: its own endpoint, else a server's.
    fn hook(&self, c: &Connection, merchant_id: i64) -> Result<Option<Hook>, String> {
        if let Some(m) = store::merchant(c, merchant_id)?
            && let (Some(url), Some(secret)) = (m.webhook_url, m.webhook_secret)
        {
            return Ok(Some(Hook { url, secret }));
        }
        self.server_hook(c)
    }

    /// Queues an event. With no destination known (the merchant has none and no server
    /// with one runs on the state), it waits unaddressed, and goes out once one is known.
    fn emit<T: serde::Serialize>(
        &self,
        c: &Connection,
        merchant_id: i64,
        subject: &str,
        event: &str,
        data: T,
    ) -> Result<(), String> {
        let hook = self.hook(c, merchant_id)?;
        let body = serde_json::to_string(&Event {
            event: event.to_owned(),
            timestamp: ts(now()),
            data,
        })
        .map_err(|e| e.to_string())?;
        let id = format!("evt_{}", crate::rand::hex::<12>());
        let (url, secret) = hook
            .as_ref()
            .map_or(("", ""), |h| (h.url.as_str(), h.secret.as_str()));
        store::enqueue(
            c,
            &NewEvent {
                merchant_id,
                id: &id,
                event,
                subject,
                body: &body,
                url,
                secret,
                now_ms: now_ms(),
            },
        )
    }

    /// Moves a payment to `to` at `at`, with the event that reports it.
    fn transition(
        &self,
        c: &Connection,
        row: &mut PaymentRow,
        to: Status,
        at: i64,
    ) -> Result<(), String> {
        row.status = to.clone();
        match to {
            Status::Paid => row.paid_at = Some(at),
            Status::Expired => row.expired_at = Some(at),
            _ => {}
        }
        store::set_payment_status(c, row)?;
        let (m, subject) = (row.merchant_id, row.invoice_id.as_str());
        match to {
            Status::Paid => self.emit(
                c,
                m,
                subject,
                ev::PAYMENT_COMPLETED,
                ev::PaymentCompleted {
                    invoice_id: row.invoice_id.clone(),
                    order_id: row.order_id.clone(),
                    status: Status::Paid,
                    amount: Dec(decimal(&row.amount)),
                    currency: row.currency.clone(),
                    amount_sats: row.amount_sats,
                    paid_at: ts(at),
                },
            ),
            Status::Expired => self.emit(
                c,
                m,
                subject,
                ev::PAYMENT_EXPIRED,
                ev::PaymentExpired {
                    invoice_id: row.invoice_id.clone(),
                    order_id: row.order_id.clone(),
                    status: Status::Expired,
                    amount: Dec(decimal(&row.amount)),
                    currency: row.currency.clone(),
                    expired_at: ts(at),
                },
            ),
            _ => Ok(()),
        }
    }

    /// Applies every change whose time has come. Cheap when nothing is due: the write
    /// lock is only taken when there is work.
    pub fn tick(&self) -> Result<(), String> {
        let t = now();
        let mut store = self.store();
        let auto = self.options.auto_pay_after.map(|d| t - d.as_secs() as i64);
        if !store::anything_due(store.conn(), t)? && auto.is_none() {
            return Ok(());
        }
        store.write(|c| {
            for mut p in store::due_expiries(c, t)? {
                let at = p.expires_at;
                self.transition(c, &mut p, Status::Expired, at)?;
            }
            if let Some(before) = auto {
                for mut p in store::due_auto_pay(c, self.options.started_at, before)? {
                    let at = p.created_at
                        + self.options.auto_pay_after.unwrap_or_default().as_secs() as i64;
                    self.transition(c, &mut p, Status::Paid, at)?;
                }
            }
            for r in store::due_refunds(c, t)? {
                self.finish_refund(c, &r)?;
            }
            store::forget_old_keys(c, t)
        })
    }

    /// A pending refund comes due: it is paid from the merchant's provider balance, or
    /// fails when that balance cannot cover it.
    fn finish_refund(&self, c: &Connection, r: &RefundRow) -> Result<(), String> {
        let at = r.completes_at;
        let balance = store::merchant(c, r.merchant_id)?.and_then(|m| m.balance_sats);
        if let Some(b) = balance
            && b < r.amount_sats
        {
            return store::fail_refund(
                c,
                &r.refund_id,
                &format!(
                    "INSUFFICIENT_BALANCE: the payment provider's balance ({b} sats) does not cover this refund ({} sats)",
                    r.amount_sats
                ),
            );
        }
        store::spend_balance(c, r.merchant_id, r.amount_sats)?;
        store::complete_refund(c, &r.refund_id, at)?;
        self.emit(
            c,
            r.merchant_id,
            &r.invoice_id,
            ev::REFUND_COMPLETED,
            ev::RefundCompleted {
                refund_id: r.refund_id.clone(),
                invoice_id: r.invoice_id.clone(),
                status: RefundStatus::Completed,
                amount: Dec(decimal(&r.amount)),
                currency: r.currency.clone(),
                completed_at: ts(at),
            },
        )?;
        if let Some(mut p) = store::payment(c, r.merchant_id, &r.invoice_id)? {
            let refunded: Decimal = store::refunds(c, r.merchant_id, Some(&p.invoice_id))?
                .iter()
                .filter(|x| x.status == RefundStatus::Completed)
                .map(|x| decimal(&x.amount))
                .sum();
            if p.status == Status::Paid && refunded >= decimal(&p.amount) {
                self.transition(c, &mut p, Status::Refunded, at)?;
            }
        }
        Ok(())
    }

    pub fn create(&self, m: &MerchantRow, body: &[u8], idempotency_key: Option<&str>) -> Outcome {
        // An order whose payment has just expired may take a new one: apply expiry first.
        self.tick().map_err(internal)?;
        let request = parse_body(body)?;
        let req = request.as_object().expect("parse_body returns objects");
        check_key(idempotency_key)?;
        let order_id = match req.get("orderId") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            _ => return Err(ApiFailure::bad("MISSING_ORDER_ID", "orderId is required")),
        };
        let currency = currency_of(req)?;
        let amount = amount_of(req, currency)?;
        let sats = money::to_sats(amount, currency, self.options.rates.price(currency))
            .filter(|s| *s <= 2_100_000_000_000_000)
            .ok_or_else(|| ApiFailure::bad("INVALID_AMOUNT", "amount is too large"))?;
        if sats == 0 {
            return Err(ApiFailure::bad(
                "INVALID_AMOUNT",
                format!("amount {amount} {currency} is less than 1 sat"),
            ));
        }
        let metadata = match req.get("metadata") {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) => Some(Value::Object(m.clone()).to_string()),
            Some(_) => {
                return Err(ApiFailure::bad(
                    "INVALID_REQUEST",
                    "metadata must be an object",
                ));
            }
        };
        let description = text_field(req, "description")?;
        let created = now();
        let expiry = self.options.invoice_expiry;
        let memo = description
            .clone()
            .unwrap_or_else(|| format!("Order {order_id}"));
        let minted = mint::mint(&self.node_key, sats * 1000, &memo, created as u64, expiry)
            .map_err(|e| {
                ApiFailure::bad(
                    "INVALID_AMOUNT",
                    format!("amount cannot be put in an invoice: {e}"),
                )
            })?;
        let row = PaymentRow {
            merchant_id: m.id,
            invoice_id: format!("inv_{}", crate::rand::hex::<12>()),
            order_id: order_id.clone(),
            status: Status::Unpaid,
            amount: amount.to_string(),
            currency: currency.as_str().into(),
            amount_sats: sats,
            invoice: minted.invoice,
            payment_hash: crate::text::hex(&minted.payment_hash),
            preimage: crate::text::hex(&minted.preimage),
            description,
            customer_email: text_field(req, "customerEmail")?,
            customer_name: text_field(req, "customerName")?,
            success_url: text_field(req, "successUrl")?,
            cancel_url: text_field(req, "cancelUrl")?,
            metadata,
            created_at: created,
            expires_at: created + expiry.as_secs() as i64,
            paid_at: None,
            expired_at: None,
            onchain_address: Some(mint::regtest_address()),
            charge_id: Some(mint::charge_id()),
        };
        let fingerprint = request_fingerprint(&request);
        let result = self.store().write(|c| {
            if let Some(key) = idempotency_key
                && let Some(r) = store::idempotent(c, m.id, "payments", key, &fingerprint)?
            {
                return Ok(Err(r));
            }
            // One live payment per order: a new one only once the last has expired, so
            // a changed amount or description cannot leave two payable invoices.
            if let Some(existing) = store::newest_for_order(c, m.id, &order_id)?
                && (idempotency_key.is_none() || existing.status != Status::Expired)
            {
                return Ok(Ok(Err(existing.invoice_id)));
            }
            store::insert_payment(c, &row)?;
            let body = serde_json::to_string(&self.to_wire(&row)).map_err(|e| e.to_string())?;
            if let Some(key) = idempotency_key {
                store::remember(
                    c,
                    &Remembered {
                        merchant_id: m.id,
                        scope: "payments",
                        key,
                        hash: &fingerprint,
                        status: 201,
                        body: &body,
                        now: created,
                    },
                )?;
            }
            Ok(Ok(Ok(body)))
        });
        match result.map_err(internal)? {
            Ok(Ok(body)) => Ok(Answer {
                status: 201,
                body,
                replayed: false,
            }),
            Ok(Err(invoice_id)) => Err(ApiFailure::new(
                409,
                "DUPLICATE_ORDER_ID",
                format!("A payment for order {order_id} already exists"),
            )
            .with_details(json!({ "orderId": order_id, "invoiceId": invoice_id }))),
            Err(replay) => replayed(replay),
        }
    }

    fn read(
        &self,
        find: impl FnOnce(&Connection) -> Result<Option<Answer>, String>,
        missing: fn() -> ApiFailure,
    ) -> Outcome {
        self.tick().map_err(internal)?;
        let store = self.store();
        find(store.conn()).map_err(internal)?.ok_or_else(missing)
    }

    pub fn get(&self, m: &MerchantRow, invoice_id: &str) -> Outcome {
        self.read(
            |c| Ok(store::payment(c, m.id, invoice_id)?.map(|r| Answer::ok(&self.to_wire(&r)))),
            ApiFailure::not_found,
        )
    }

    pub fn get_by_order(&self, m: &MerchantRow, order_id: &str) -> Outcome {
        self.read(
            |c| {
                Ok(store::newest_for_order(c, m.id, order_id)?
                    .map(|r| Answer::ok(&self.to_wire(&r))))
            },
            ApiFailure::not_found,
        )
    }

    /// The sandbox is its own provider, so a refresh is a read that applies due changes.
    pub fn sync(&self, m: &MerchantRow, invoice_id: &str) -> Outcome {
        self.get(m, invoice_id)
    }

    /// Moves a payment along as a payer (or the network) would. Anyone who knows the
    /// invoice can pay it, as with a real invoice: no merchant is needed.
    pub fn act(&self, invoice_id: &str, action: Action) -> Outcome {
        self.tick().map_err(internal)?;
        let (from, to): (&[Status], Status) = match action {
            Action::Pay => (&[Status::Unpaid, Status::Processing], Status::Paid),
            Action::Process => (&[Status::Unpaid], Status::Processing),
            Action::Expire => (&[Status::Unpaid, Status::Processing], Status::Expired),
            Action::Underpay => (&[Status::Unpaid, Status::Processing], Status::Underpaid),
        };
        let t = now();
        let result = self.store().write(|c| {
            let Some(mut row) = store::payment_by_invoice(c, invoice_id)? else {
                return Ok(None);
            };
            if !from.contains(&row.status) {
                return Ok(Some(Err(row.status)));
            }
            self.transition(c, &mut row, to.clone(), t)?;
            Ok(Some(Ok(self.to_wire(&row))))
        });
        match result.map_err(internal)? {
            None => Err(ApiFailure::not_found()),
            Some(Ok(v)) => Ok(Answer::ok(&v)),
            Some(Err(status)) => Err(ApiFailure::new(
                409,
                "INVALID_TRANSITION",
                format!(
                    "payment {invoice_id} is {status}; only a payment that is {} can become {to}",
                    from.iter()
                        .map(Status::as_str)
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            )
            .with_details(json!({ "status": status }))),
        }
    }

    /// A payment as its hosted checkout page shows it, with due changes applied.
    pub fn checkout(&self, invoice_id: &str) -> Result<Option<Checkout>, String> {
        self.tick()?;
        let store = self.store();
        Ok(
            store::payment_by_invoice(store.conn(), invoice_id)?.map(|payment| Checkout {
                payment,
                now: now(),
            }),
        )
    }

    /// A page of the merchant's payments, newest first: `after` is the `next` of the
    /// page before.
    pub fn list(&self, m: &MerchantRow, after: Option<&str>) -> Outcome {
        let before = match after {
            None => None,
            Some(a) => Some(a.parse::<i64>().map_err(|_| {
                ApiFailure::bad(
                    "INVALID_REQUEST",
                    "after must be the next of an earlier page",
                )
            })?),
        };
        self.read(
            |c| {
                let rows = store::payments_page(c, m.id, before, PAGE)?;
                let next = (rows.len() == PAGE as usize)
                    .then(|| rows.last().map(|(seq, _)| seq.to_string()))
                    .flatten();
                Ok(Some(Answer::ok(&wire::PaymentPage {
                    payments: rows.iter().map(|(_, r)| self.to_wire(r)).collect(),
                    next,
                })))
            },
            ApiFailure::not_found,
        )
    }

    pub fn reset(&self, m: &MerchantRow) -> Outcome {
        let n = self
            .store()
            .write(|c| store::reset(c, m.id))
            .map_err(internal)?;
        Ok(Answer::ok(&json!({ "deleted": n })))
    }

    pub fn create_refund(
        &self,
        m: &MerchantRow,
        body: &[u8],
        idempotency_key: Option<&str>,
    ) -> Outcome {
        self.tick().map_err(internal)?;
        if !m.refunds_enabled {
            return Err(ApiFailure::new(
                403,
                "REFUNDS_DISABLED",
                "Refunds are not enabled for this account",
            ));
        }
        let request = parse_body(body)?;
        let req = request.as_object().expect("parse_body returns objects");
        check_key(idempotency_key)?;
        let invoice_id = match req.get("invoiceId") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            _ => {
                return Err(ApiFailure::bad(
                    "MISSING_INVOICE_ID",
                    "invoiceId is required",
                ));
            }
        };
        let currency = currency_of(req)?;
        let amount = amount_of(req, currency)?;
        let reason = text_field(req, "reason")?;
        let destination = match (
            text_field(req, "lightningInvoice")?,
            text_field(req, "bitcoinAddress")?,
        ) {
            (Some(inv), None) => ("lightning", inv),
            (None, Some(addr)) => ("onchain", addr),
            _ => {
                return Err(ApiFailure::bad(
                    "INVALID_DESTINATION",
                    "give exactly one of lightningInvoice and bitcoinAddress",
                ));
            }
        };
        let fingerprint = request_fingerprint(&request);
        let t = now();
        let delay = self.options.refund_delay.as_secs() as i64;
        let result = self.store().write(|c| {
            if let Some(key) = idempotency_key
                && let Some(r) = store::idempotent(c, m.id, "refunds", key, &fingerprint)?
            {
                return Ok(Err(Ok(r)));
            }
            let Some(payment) = store::payment(c, m.id, &invoice_id)? else {
                return Ok(Err(Err(ApiFailure::not_found())));
            };
            let check = || -> Result<u64, ApiFailure> {
                if payment.status != Status::Paid {
                    return Err(ApiFailure::new(
                        409,
                        "PAYMENT_NOT_REFUNDABLE",
                        format!("payment {invoice_id} is {}; only a paid payment can be refunded", payment.status),
                    )
                    .with_details(json!({ "status": payment.status })));
                }
                if payment.currency != currency.as_str() {
                    return Err(ApiFailure::bad(
                        "CURRENCY_MISMATCH",
                        format!("the payment is in {}, the refund must be too", payment.currency),
                    ));
                }
                let refunded: Decimal = store::refunds(c, m.id, Some(&invoice_id))
                    .map_err(internal)?
                    .iter()
                    .filter(|r| r.status != RefundStatus::Failed)
                    .map(|r| decimal(&r.amount))
                    .sum();
                let remaining = decimal(&payment.amount) - refunded;
                if amount > remaining {
                    return Err(ApiFailure::bad(
                        "REFUND_EXCEEDS_PAYMENT",
                        format!("amount {amount} {currency} is more than the {remaining} {currency} left to refund"),
                    )
                    .with_details(json!({ "remaining": number(&remaining.normalize().to_string()) })));
                }
                // Refunds are worth their share of what the payment was worth in sats,
                // rounded down, so that together they never return more than was paid.
                let sats = money::share_of_sats(amount, decimal(&payment.amount), payment.amount_sats)
                    .filter(|s| *s <= 2_100_000_000_000_000)
                    .ok_or_else(|| ApiFailure::bad("INVALID_AMOUNT", "amount is too large"))?;
                if sats == 0 {
                    return Err(ApiFailure::bad(
                        "INVALID_AMOUNT",
                        format!("amount {amount} {currency} of this payment is worth less than 1 sat"),
                    ));
                }
                check_destination(destination.0, &destination.1, sats, t)?;
                // An invoice can be paid once; a second refund to it could never arrive.
                if destination.0 == "lightning" {
                    let used = store::refund_to(c, destination.1.trim()).map_err(internal)?;
                    if let Some(other) = used {
                        return Err(ApiFailure::new(
                            409,
                            "INVOICE_ALREADY_USED",
                            format!("lightningInvoice was already used by refund {other}; ask the customer for a new invoice"),
                        ));
                    }
                }
                Ok(sats)
            };
            let sats = match check() {
                Ok(s) => s,
                Err(f) => return Ok(Err(Err(f))),
            };
            let row = RefundRow {
                merchant_id: m.id,
                refund_id: format!("ref_{}", crate::rand::hex::<12>()),
                invoice_id: invoice_id.clone(),
                status: RefundStatus::Pending,
                amount: amount.to_string(),
                currency: currency.as_str().into(),
                amount_sats: sats,
                reason: reason.clone(),
                kind: destination.0.into(),
                destination: destination.1.trim().to_owned(),
                created_at: t,
                completes_at: t + delay,
                completed_at: None,
                failure_reason: None,
            };
            store::insert_refund(c, &row)?;
            let body = serde_json::to_string(&refund_wire(&row)).map_err(|e| e.to_string())?;
            if let Some(key) = idempotency_key {
                store::remember(
                    c,
                    &Remembered {
                        merchant_id: m.id,
                        scope: "refunds",
                        key,
                        hash: &fingerprint,
                        status: 201,
                        body: &body,
                        now: t,
                    },
                )?;
            }
            Ok(Ok(body))
        });
        match result.map_err(internal)? {
            Ok(body) => Ok(Answer {
                status: 201,
                body,
                replayed: false,
            }),
            Err(Ok(replay)) => replayed(replay),
            Err(Err(f)) => Err(f),
        }
    }

    pub fn refund(&self, m: &MerchantRow, refund_id: &str) -> Outcome {
        self.read(
            |c| Ok(store::refund(c, m.id, refund_id)?.map(|r| Answer::ok(&refund_wire(&r)))),
            || ApiFailure::new(404, "REFUND_NOT_FOUND", "Refund not found"),
        )
    }

    pub fn refunds(&self, m: &MerchantRow, invoice_id: Option<&str>) -> Outcome {
        self.read(
            |c| {
                if let Some(id) = invoice_id
                    && store::payment(c, m.id, id)?.is_none()
                {
                    return Ok(None);
                }
                let refunds = store::refunds(c, m.id, invoice_id)?
                    .iter()
                    .map(refund_wire)
                    .collect();
                Ok(Some(Answer::ok(&wire::RefundList { refunds })))
            },
            ApiFailure::not_found,
        )
    }

    pub fn rates(&self) -> Outcome {
        let btc = self
            .options
            .rates
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Dec(v.normalize())))
            .collect();
        Ok(Answer::ok(&wire::RatesObject {
            btc,
            timestamp: ts(now()),
            source: "le-sandbox".into(),
        }))
    }

    pub fn rate(&self, currency: &str) -> Outcome {
        let code = money::rate_currency(currency).ok_or_else(|| {
            ApiFailure::bad(
                "INVALID_CURRENCY",
                format!(
                    "no rate for '{}': rates exist for {}",
                    crate::text::printable(currency),
                    money::RATE_CURRENCIES.join(", ")
                ),
            )
        })?;
        let rate = self.options.rates.price_in(code).unwrap_or(Decimal::ONE);
        let inverse = Decimal::ONE
            .checked_div(rate)
            .unwrap_or_default()
            .round_dp(12)
            .normalize();
        Ok(Answer::ok(&wire::RateObject {
            currency: code.into(),
            rate: Dec(rate.normalize()),
            inverse: Dec(inverse),
            timestamp: ts(now()),
        }))
    }

    /// `GET /api/merchant/me`, and with `sandbox` the account's settings for the
    /// control route.
    fn merchant_wire(&self, m: &MerchantRow, sandbox: bool) -> wire::MerchantObject {
        let (plan, subscription) = match m.status.as_str() {
            "subscription-required" => ("none", "none"),
            "subscription-expired" => ("sandbox", "expired"),
            _ => ("sandbox", "active"),
        };
        let has_hook = m.webhook_url.is_some();
        wire::MerchantObject {
            merchant_id: m.id,
            name: format!("Sandbox merchant {}", m.id),
            email: format!("merchant{}@sandbox.invalid", m.id),
            plan_tier: plan.into(),
            subscription_status: subscription.into(),
            is_active: m.status != "inactive",
            created_at: ts(m.created_at),
            features: wire::MerchantFeatures {
                refunds_enabled: m.refunds_enabled,
                multi_currency_enabled: true,
                analytics_enabled: false,
                priority_support: false,
                custom_branding_enabled: false,
                max_webhook_endpoints: 1,
                sla_uptime_percentage: Dec(Decimal::new(999, 1)),
            },
            onboarding: wire::MerchantOnboarding {
                has_payment_provider_key: true,
                has_webhook_url: has_hook,
                has_active_proxy: false,
                proxy_count: 0,
                is_fully_configured: has_hook,
            },
            webhook_url: m.webhook_url.clone(),
            sandbox: sandbox.then(|| wire::SandboxAccount {
                status: m.status.clone(),
                refunds_enabled: m.refunds_enabled,
                balance_sats: m.balance_sats,
            }),
        }
    }

    pub fn merchant_me(&self, m: &MerchantRow) -> Outcome {
        Ok(Answer::ok(&self.merchant_wire(m, false)))
    }

    /// `PUT /api/merchant/webhook-url`: `{"webhookUrl", "webhookSecret"}`, both needed.
    pub fn set_merchant_webhook(&self, m: &MerchantRow, body: &[u8]) -> Outcome {
        let request = parse_body(body)?;
        let text = |k: &str| request.get(k).and_then(Value::as_str).map(str::trim);
        let (url, secret) = match (text("webhookUrl"), text("webhookSecret")) {
            (Some(u), Some(s)) if !u.is_empty() && !s.is_empty() => (u, s),
            _ => {
                return Err(ApiFailure::bad(
                    "INVALID_REQUEST",
                    "give webhookUrl and a non-empty webhookSecret",
                ));
            }
        };
        check_webhook_url(url)?;
        self.store()
            .write(|c| store::set_merchant_webhook(c, m.id, Some((url, secret))))
            .map_err(internal)?;
        self.merchant_me(&self.reread(m)?)
    }

    /// The account of the key in use, as `le sandbox account` shows it.
    pub fn account(&self, m: &MerchantRow) -> Outcome {
        Ok(Answer::ok(&self.merchant_wire(m, true)))
    }

    /// Changes the account: `{"status", "refundsEnabled", "balanceSats"}`, each optional;
    /// `balanceSats: null` takes the limit away.
    pub fn set_account(&self, m: &MerchantRow, body: &[u8]) -> Outcome {
        let request = parse_body(body)?;
        let mut next = m.clone();
        match request.get("status") {
            None => {}
            Some(Value::String(s)) if ACCOUNT_STATES.contains(&s.as_str()) => {
                next.status = s.clone();
            }
            Some(_) => {
                return Err(ApiFailure::bad(
                    "INVALID_REQUEST",
                    format!("status must be one of {}", ACCOUNT_STATES.join(", ")),
                ));
            }
        }
        match request.get("refundsEnabled") {
            None => {}
            Some(Value::Bool(b)) => next.refunds_enabled = *b,
            Some(_) => {
                return Err(ApiFailure::bad(
                    "INVALID_REQUEST",
                    "refundsEnabled must be true or false",
                ));
            }
        }
        match request.get("balanceSats") {
            None => {}
            Some(Value::Null) => next.balance_sats = None,
            Some(v) => {
                next.balance_sats = Some(v.as_u64().ok_or_else(|| {
                    ApiFailure::bad(
                        "INVALID_REQUEST",
                        "balanceSats must be a whole number of sats, or null for no limit",
                    )
                })?);
            }
        }
        self.store()
            .write(|c| store::set_account(c, &next))
            .map_err(internal)?;
        self.account(&self.reread(m)?)
    }

    fn reread(&self, m: &MerchantRow) -> Result<MerchantRow, ApiFailure> {
        let store = self.store();
        store::merchant(store.conn(), m.id)
            .map_err(internal)?
            .ok_or_else(|| ApiFailure::internal("the merchant is gone"))
    }

    /// Where a key's webhooks go, and why.
    pub fn webhook_settings(&self, m: &MerchantRow) -> Outcome {
        let store = self.store();
        let c = store.conn();
        let m = store::merchant(c, m.id)
            .map_err(internal)?
            .unwrap_or_else(|| m.clone());
        let server = self.server_hook(c).map_err(internal)?.map(|h| h.url);
        let own = m.webhook_url.clone().filter(|_| m.webhook_secret.is_some());
        Ok(Answer::ok(&wire::WebhookSettings {
            url: m.webhook_url.clone(),
            secret_set: m.webhook_secret.is_some(),
            delivers_to: own.or(server.clone()),
            server_url: server,
        }))
    }

    /// The control route's `{"url", "secret"}`, or `{}` to clear.
    pub fn set_webhook(&self, m: &MerchantRow, body: &[u8]) -> Outcome {
        let request = parse_body(body)?;
        let url = request.get("url").and_then(Value::as_str);
        let secret = request.get("secret").and_then(Value::as_str);
        let hook = match (url, secret) {
            (Some(u), Some(s)) if !s.is_empty() => {
                check_webhook_url(u)?;
                Some((u, s))
            }
            (None, None) => None,
            _ => {
                return Err(ApiFailure::bad(
                    "INVALID_REQUEST",
                    "give both url and a non-empty secret, or neither to stop webhooks",
                ));
            }
        };
        self.store()
            .write(|c| store::set_merchant_webhook(c, m.id, hook))
            .map_err(internal)?;
        self.webhook_settings(m)
    }

    pub fn deliveries(&self, m: &MerchantRow) -> Outcome {
        let store = self.store();
        let rows = store::deliveries(store.conn(), m.id, 1000).map_err(internal)?;
        Ok(Answer::ok(&wire::DeliveryList {
            deliveries: rows.iter().map(delivery_wire).collect(),
        }))
    }

    /// Events ready to go out, leased to the caller.
    pub fn claim_events(
        &self,
        lease: Duration,
        limit: u32,
    ) -> Result<Vec<store::EventRow>, String> {
        self.store().write(|c| {
            // Events queued while nobody knew where to send them go where they would be
            // sent now.
            for merchant_id in store::unaddressed(c)? {
                if let Some(h) = self.hook(c, merchant_id)? {
                    store::address_events(c, merchant_id, &h.url, &h.secret)?;
                }
            }
            store::claim_events(c, now_ms(), lease.as_millis() as i64, limit)
        })
    }

    pub fn record_attempt(
        &self,
        ev: &store::EventRow,
        d: &DeliveryRow,
        next: Option<i64>,
    ) -> Result<(), String> {
        self.store()
            .write(|c| store::record_attempt(c, ev, d, next))
    }

    /// The payment object as the API reference describes it, with this server's hosted
    /// checkout page.
    pub fn to_wire(&self, r: &PaymentRow) -> wire::PaymentObject {
        let mut w = to_wire(r);
        w.hosted_checkout_url = self
            .options
            .checkout_base
            .as_ref()
            .map(|base| format!("{base}/checkout/{}", r.invoice_id));
        w
    }
}

fn parse_body(body: &[u8]) -> Result<Value, ApiFailure> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        ApiFailure::bad(
            "INVALID_REQUEST",
            format!("The request body is not valid JSON: {e}"),
        )
    })?;
    if !v.is_object() {
        return Err(ApiFailure::bad(
            "INVALID_REQUEST",
            "The request body must be a JSON object",
        ));
    }
    Ok(v)
}

fn check_key(key: Option<&str>) -> Result<(), ApiFailure> {
    match key {
        Some(k) if k.is_empty() || k.len() > 256 => Err(ApiFailure::bad(
            "INVALID_IDEMPOTENCY_KEY",
            "X-Idempotency-Key must be 1 to 256 characters",
        )),
        _ => Ok(()),
    }
}

fn currency_of(req: &Map<String, Value>) -> Result<Currency, ApiFailure> {
    match req.get("currency") {
        Some(Value::String(s)) => s
            .parse()
            .map_err(|e: String| ApiFailure::bad("INVALID_CURRENCY", e)),
        _ => Err(ApiFailure::bad(
            "INVALID_CURRENCY",
            format!("currency is required: {}", money::CURRENCIES),
        )),
    }
}

fn amount_of(req: &Map<String, Value>, currency: Currency) -> Result<Decimal, ApiFailure> {
    match req.get("amount") {
        Some(Value::Number(n)) => {
            let text = n.to_string();
            // JSON allows exponents (4.999e1); the API's amounts are plain decimals, but a
            // client's serializer may still write one.
            let parsed = money::parse_decimal(&text).or_else(|e| {
                if text.contains(['e', 'E']) {
                    Decimal::from_scientific(&text).map_err(|_| e)
                } else {
                    Err(e)
                }
            });
            parsed
                .and_then(|d| money::check_amount(d, currency))
                .map_err(|e| ApiFailure::bad("INVALID_AMOUNT", format!("amount {e}")))
        }
        Some(_) => Err(ApiFailure::bad("INVALID_AMOUNT", "amount must be a number")),
        None => Err(ApiFailure::bad("INVALID_AMOUNT", "amount is required")),
    }
}

fn text_field(req: &Map<String, Value>, k: &str) -> Result<Option<String>, ApiFailure> {
    match req.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiFailure::bad(
            "INVALID_REQUEST",
            format!("{k} must be a string"),
        )),
    }
}

fn replayed(r: Replay) -> Outcome {
    match r {
        Replay::Same { status, body } => Ok(Answer {
            status,
            body,
            replayed: true,
        }),
        Replay::Different => Err(ApiFailure::new(
            422,
            "IDEMPOTENCY_KEY_REUSED",
            "This X-Idempotency-Key was used with a different request",
        )),
    }
}

/// A refund must go somewhere real: a decodable regtest invoice for the right amount that
/// has not expired, or a regtest address.
fn check_destination(kind: &str, dest: &str, sats: u64, now: i64) -> Result<(), ApiFailure> {
    let dest = dest.trim();
    if kind == "lightning" {
        let lower = dest.to_ascii_lowercase();
        let text = lower.strip_prefix("lightning:").unwrap_or(&lower);
        let inv: lightning_invoice::Bolt11Invoice = text.parse().map_err(|e| {
            ApiFailure::bad(
                "INVALID_LIGHTNING_INVOICE",
                format!("lightningInvoice is not a valid BOLT11 invoice: {e}"),
            )
        })?;
        if inv.currency() != lightning_invoice::Currency::Regtest {
            return Err(ApiFailure::bad(
                "INVALID_LIGHTNING_INVOICE",
                format!(
                    "lightningInvoice is for {:?}; the sandbox pays regtest invoices (lnbcrt…)",
                    inv.currency()
                ),
            ));
        }
        let expires = (inv.duration_since_epoch().as_secs() as i64)
            .saturating_add(inv.expiry_time().as_secs().min(i64::MAX as u64) as i64);
        if expires <= now {
            return Err(ApiFailure::bad(
                "INVALID_LIGHTNING_INVOICE",
                "lightningInvoice has expired",
            ));
        }
        if let Some(msat) = inv.amount_milli_satoshis()
            && msat != sats * 1000
        {
            return Err(ApiFailure::bad(
                "INVOICE_AMOUNT_MISMATCH",
                format!(
                    "lightningInvoice asks for {} sats; this refund is worth {sats} sats",
                    msat / 1000
                ),
            )
            .with_details(json!({ "invoiceSats": msat / 1000, "refundSats": sats })));
        }
        Ok(())
    } else {
        let addr = bitcoin::Address::from_str(dest).map_err(|e| {
            ApiFailure::bad(
                "INVALID_BITCOIN_ADDRESS",
                format!("bitcoinAddress is not an address: {e}"),
            )
        })?;
        addr.require_network(bitcoin::Network::Regtest)
            .map_err(|_| {
                ApiFailure::bad(
                    "INVALID_BITCOIN_ADDRESS",
                    "bitcoinAddress must be a regtest address (bcrt1…) in the sandbox",
                )
            })?;
        Ok(())
    }
}

fn check_webhook_url(u: &str) -> Result<(), ApiFailure> {
    match reqwest::Url::parse(u) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(()),
        _ => Err(ApiFailure::bad(
            "INVALID_REQUEST",
            format!(
                "webhook url '{}' is not an http(s) URL",
                crate::text::printable(u)
            ),
        )),
    }
}

/// How many payments a page of `GET /sandbox/payments` holds.
const PAGE: u32 = 500;

fn ts(secs: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// The payment object as the API reference describes it, without a checkout page.
fn to_wire(r: &PaymentRow) -> wire::PaymentObject {
    wire::PaymentObject {
        invoice_id: r.invoice_id.clone(),
        order_id: Some(r.order_id.clone()),
        status: r.status.clone(),
        amount: Some(Dec(decimal(&r.amount))),
        currency: Some(r.currency.clone()),
        amount_sats: Some(r.amount_sats),
        lightning_invoice: Some(r.invoice.clone()),
        open_node_charge_id: r.charge_id.clone(),
        onchain_address: r.onchain_address.clone(),
        hosted_checkout_url: None,
        description: r.description.clone(),
        customer_email: r.customer_email.clone(),
        customer_name: r.customer_name.clone(),
        success_url: r.success_url.clone(),
        cancel_url: r.cancel_url.clone(),
        metadata: r
            .metadata
            .as_deref()
            .and_then(|t| serde_json::from_str::<Map<String, Value>>(t).ok()),
        created_at: Some(ts(r.created_at)),
        expires_at: Some(ts(r.expires_at)),
        // Two generations of the docs name it differently; send both.
        paid_at: r.paid_at.map(ts),
        settled_at: r.paid_at.map(ts),
        expired_at: r.expired_at.map(ts),
    }
}

pub fn refund_wire(r: &RefundRow) -> wire::RefundObject {
    let lightning = r.kind == "lightning";
    wire::RefundObject {
        refund_id: r.refund_id.clone(),
        invoice_id: r.invoice_id.clone(),
        status: r.status.clone(),
        amount: Dec(decimal(&r.amount)),
        currency: r.currency.clone(),
        amount_sats: r.amount_sats,
        reason: r.reason.clone(),
        kind: r.kind.clone(),
        lightning_invoice: lightning.then(|| r.destination.clone()),
        bitcoin_address: (!lightning).then(|| r.destination.clone()),
        created_at: ts(r.created_at),
        completed_at: r.completed_at.map(ts),
        failure_reason: r.failure_reason.clone(),
    }
}

fn delivery_wire(d: &DeliveryRow) -> wire::Delivery {
    wire::Delivery {
        delivery_id: d.event_id.clone(),
        event: d.event.clone(),
        url: d.url.clone(),
        attempt: d.attempt,
        at: jiff::Timestamp::from_millisecond(d.at_ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        status_code: d.status_code,
        error: d.error.clone(),
        duration_ms: d.duration_ms,
    }
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
}
