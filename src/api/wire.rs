//! The API's objects as they travel: requests, answers, statuses, errors. The sandbox
//! answers with these types and the client reads them, so both speak one language.
//!
//! The client keeps every answer exactly as received (`Payment`, `Refund`): `--json`
//! prints all of it, fields `le` does not know included, and nothing a server sends is
//! refused merely for its shape. The typed objects (`PaymentObject`, …) are what the
//! sandbox sends, and what the documentation describes.

use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::money::Currency;

/// A decimal that travels as a JSON number with exactly its digits (`49.99`, never
/// `49.990000000000002` nor `"49.99"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Dec(#[serde(with = "rust_decimal::serde::arbitrary_precision")] pub Decimal);

/// The body of `POST /api/payments`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewPayment {
    pub order_id: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_url: Option<String>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

/// The body of `POST /api/refunds`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRefund {
    pub invoice_id: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lightning_invoice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitcoin_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A payment's status. The provider knows more than the documented five, so any other
/// string is carried along as `Unknown` rather than refused: what it means is never
/// guessed (see `crate::verdict`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    Unpaid,
    Processing,
    Paid,
    Expired,
    Refunded,
    Underpaid,
    Unknown(String),
}

impl Status {
    pub fn parse(s: &str) -> Status {
        match s {
            "unpaid" => Status::Unpaid,
            "processing" => Status::Processing,
            "paid" => Status::Paid,
            "expired" => Status::Expired,
            "refunded" => Status::Refunded,
            "underpaid" => Status::Underpaid,
            other => Status::Unknown(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Status::Unpaid => "unpaid",
            Status::Processing => "processing",
            Status::Paid => "paid",
            Status::Expired => "expired",
            Status::Refunded => "refunded",
            Status::Underpaid => "underpaid",
            Status::Unknown(s) => s,
        }
    }

    /// Whether the payment can still change on its own. Unknown statuses are treated as
    /// still moving: waiting longer is safer than declaring an outcome we do not know.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Status::Paid | Status::Expired | Status::Refunded | Status::Underpaid
        )
    }

    /// Whether a customer could still pay its invoice. Unknown statuses count as payable:
    /// a wrong invoice there must be caught, not waved through.
    pub fn is_payable(&self) -> bool {
        !self.is_final()
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Status::parse(&String::deserialize(d)?))
    }
}

/// A refund's status: `pending`, `completed`, and the sandbox's `failed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundStatus {
    Pending,
    Completed,
    Failed,
    Unknown(String),
}

impl RefundStatus {
    pub fn parse(s: &str) -> RefundStatus {
        match s {
            "pending" => RefundStatus::Pending,
            "completed" => RefundStatus::Completed,
            "failed" => RefundStatus::Failed,
            other => RefundStatus::Unknown(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            RefundStatus::Pending => "pending",
            RefundStatus::Completed => "completed",
            RefundStatus::Failed => "failed",
            RefundStatus::Unknown(s) => s,
        }
    }
}

impl Serialize for RefundStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RefundStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(RefundStatus::parse(&String::deserialize(d)?))
    }
}

/// A payment: the one model the sandbox writes and the client reads. The sandbox fills
/// every field the reference lists; the client reads whatever a server sent, and a field
/// that is missing, empty or of the wrong type is `None` rather than a refusal (only
/// `invoiceId` and `status` are required, see `Payment::from_value`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentObject {
    pub invoice_id: String,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub order_id: Option<String>,
    pub status: Status,
    /// As asked for: exactly its digits (`0.10` stays `0.10`).
    #[serde(
        default,
        deserialize_with = "lenient::decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Dec>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub currency: Option<String>,
    /// A whole, non-negative JSON number written as one (`10000`); `10000.0`, `"10000"`,
    /// `-0` or `1e400` are not an amount of satoshis.
    #[serde(
        default,
        deserialize_with = "lenient::sats",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount_sats: Option<u64>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub lightning_invoice: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub open_node_charge_id: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub onchain_address: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub hosted_checkout_url: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_email: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_name: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub success_url: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub cancel_url: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub metadata: Option<Map<String, Value>>,
    #[serde(
        default,
        deserialize_with = "lenient::time",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<Timestamp>,
    #[serde(
        default,
        deserialize_with = "lenient::time",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_at: Option<Timestamp>,
    /// The newer docs' name for when it was paid…
    #[serde(
        default,
        deserialize_with = "lenient::time",
        skip_serializing_if = "Option::is_none"
    )]
    pub paid_at: Option<Timestamp>,
    /// …and the Settlements page's: a server sends both.
    #[serde(
        default,
        deserialize_with = "lenient::time",
        skip_serializing_if = "Option::is_none"
    )]
    pub settled_at: Option<Timestamp>,
    #[serde(
        default,
        deserialize_with = "lenient::time",
        skip_serializing_if = "Option::is_none"
    )]
    pub expired_at: Option<Timestamp>,
}

/// Field readers that never fail: a value of the wrong shape is `None`, so that one odd
/// field of a server's answer does not hide the rest of it.
mod lenient {
    use super::*;

    pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::String(s) if !s.is_empty() => Some(s),
            _ => None,
        })
    }

    pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Dec>, D::Error> {
        Ok(super::decimal(&Value::deserialize(d)?).map(Dec))
    }

    pub fn sats<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        Ok(whole_number(&Value::deserialize(d)?))
    }

    pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::String(s) => s.parse().ok(),
            _ => None,
        })
    }

    pub fn object<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Map<String, Value>>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Object(m) => Some(m),
            _ => None,
        })
    }
}

/// A refund as the API sends it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundObject {
    pub refund_id: String,
    pub invoice_id: String,
    pub status: RefundStatus,
    pub amount: Dec,
    pub currency: String,
    pub amount_sats: u64,
    pub reason: Option<String>,
    /// `lightning` or `onchain`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lightning_invoice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitcoin_address: Option<String>,
    pub created_at: Timestamp,
    pub completed_at: Option<Timestamp>,
    /// Why a `failed` refund failed (sandbox-defined).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<String>,
}

/// `{"refunds": […]}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefundList {
    pub refunds: Vec<RefundObject>,
}

/// `GET /api/rates`: the price of 1 BTC in each currency.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RatesObject {
    #[serde(rename = "BTC")]
    pub btc: BTreeMap<String, Dec>,
    pub timestamp: Timestamp,
    pub source: String,
}

/// `GET /api/rates/{currency}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RateObject {
    pub currency: String,
    pub rate: Dec,
    pub inverse: Dec,
    pub timestamp: Timestamp,
}

/// The documented error body.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The HTTP reason phrase.
    pub error: String,
    pub message: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
}

/// The sandbox's list of payments (a control route), one page at a time.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentPage {
    pub payments: Vec<PaymentObject>,
    /// Where the next page starts, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// One webhook delivery attempt, as the sandbox records it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub delivery_id: String,
    pub event: String,
    pub url: String,
    pub attempt: u32,
    pub at: Timestamp,
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

/// `{"deliveries": […]}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryList {
    pub deliveries: Vec<Delivery>,
}

/// Where the sandbox sends one key's webhooks (a control route).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSettings {
    /// The key's own endpoint (`le sandbox webhook --url`, `PUT /api/merchant/webhook-url`).
    pub url: Option<String>,
    pub secret_set: bool,
    /// The destination a running server was given (`--webhook-url`), used for keys with
    /// no endpoint of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    /// Where this key's next events go: its own endpoint, else a running server's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivers_to: Option<String>,
}

/// `GET /api/merchant/me`: the key's account.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MerchantObject {
    pub merchant_id: i64,
    pub name: String,
    pub email: String,
    /// Free text: several values are in use.
    pub plan_tier: String,
    pub subscription_status: String,
    pub is_active: bool,
    pub created_at: Timestamp,
    pub features: MerchantFeatures,
    pub onboarding: MerchantOnboarding,
    /// The endpoint webhooks go to (the sandbox says; the reference does not list it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// What `le sandbox account` set (sandbox control routes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox: Option<SandboxAccount>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MerchantFeatures {
    pub refunds_enabled: bool,
    pub multi_currency_enabled: bool,
    pub analytics_enabled: bool,
    pub priority_support: bool,
    pub custom_branding_enabled: bool,
    pub max_webhook_endpoints: u32,
    pub sla_uptime_percentage: Dec,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MerchantOnboarding {
    pub has_payment_provider_key: bool,
    pub has_webhook_url: bool,
    pub has_active_proxy: bool,
    pub proxy_count: u32,
    pub is_fully_configured: bool,
}

/// A sandbox account's state as `le sandbox account` sets it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxAccount {
    /// `active`, `inactive`, `subscription-required` or `subscription-expired`.
    pub status: String,
    pub refunds_enabled: bool,
    /// The payment provider's balance refunds are paid from; none means no limit.
    pub balance_sats: Option<u64>,
}

/// The body of `PUT /api/merchant/webhook-url` (its shape is sandbox-defined).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEndpoint {
    pub webhook_url: String,
    pub webhook_secret: String,
}

/// A payment as a server sent it: its fields read once into the one model, and the
/// object exactly as received, which only `--json` (and the fields `le` does not know)
/// are taken from.
#[derive(Debug, Clone)]
pub struct Payment {
    fields: PaymentObject,
    raw: Map<String, Value>,
}

impl Payment {
    /// Accepts any object that names an invoice and a status; everything else is optional
    /// so that a field the API adds or drops later does not break `le`.
    pub fn from_value(value: Value) -> Result<Payment, String> {
        let raw = object_with("payment", value, &["invoiceId", "status"])?;
        let mut fields: PaymentObject = serde_json::from_value(Value::Object(raw.clone()))
            .map_err(|e| format!("payment cannot be read: {e}"))?;
        // Numbers are read from their text as received: a JSON number passed through
        // another reader may lose how it was written (`-0` becomes `0`).
        fields.amount = raw.get("amount").and_then(decimal).map(Dec);
        fields.amount_sats = raw.get("amountSats").and_then(whole_number);
        Ok(Payment { fields, raw })
    }

    /// The payment the sandbox wrote, as a client reads it.
    pub fn from_object(object: &PaymentObject) -> Payment {
        let raw = match serde_json::to_value(object) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        Payment {
            fields: object.clone(),
            raw,
        }
    }

    /// The fields `le` reads.
    pub fn fields(&self) -> &PaymentObject {
        &self.fields
    }

    /// The object as received, for `--json`.
    pub fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    pub fn into_raw(self) -> Map<String, Value> {
        self.raw
    }

    pub fn invoice_id(&self) -> &str {
        &self.fields.invoice_id
    }

    pub fn order_id(&self) -> Option<&str> {
        self.fields.order_id.as_deref()
    }

    pub fn status(&self) -> Status {
        self.fields.status.clone()
    }

    /// The amount as the API wrote it: its digits when it is a decimal, else the text it
    /// sent (an amount no decimal holds is still shown, never re-rounded).
    pub fn amount_text(&self) -> Option<String> {
        match self.fields.amount {
            Some(d) => Some(d.0.to_string()),
            None => number_text(self.raw.get("amount")?),
        }
    }

    /// The amount, when it is a number a decimal can hold.
    pub fn amount(&self) -> Option<Decimal> {
        self.fields.amount.map(|d| d.0)
    }

    pub fn currency(&self) -> Option<&str> {
        self.fields.currency.as_deref()
    }

    pub fn amount_sats(&self) -> Option<u64> {
        self.fields.amount_sats
    }

    pub fn lightning_invoice(&self) -> Option<&str> {
        self.fields.lightning_invoice.as_deref()
    }

    pub fn hosted_checkout_url(&self) -> Option<&str> {
        self.fields.hosted_checkout_url.as_deref()
    }

    pub fn description(&self) -> Option<&str> {
        self.fields.description.as_deref()
    }

    pub fn created_at(&self) -> Option<Timestamp> {
        self.fields.created_at
    }

    pub fn expires_at(&self) -> Option<Timestamp> {
        self.fields.expires_at
    }

    /// Newer docs say `paidAt`, the Settlements page `settledAt`: either will do.
    pub fn paid_at(&self) -> Option<Timestamp> {
        self.fields.paid_at.or(self.fields.settled_at)
    }

    /// The payment with every way to pay it left out (its invoice, hosted checkout page
    /// and on-chain address): for a payment nobody should be offered to pay (settled
    /// before, for other money, expired), so that neither a person, a script nor an agent
    /// can pass on a way to pay it.
    pub fn without_means_of_payment(&self) -> Payment {
        let mut p = self.clone();
        for key in ["lightningInvoice", "hostedCheckoutUrl", "onchainAddress"] {
            p.raw.remove(key);
        }
        p.fields.lightning_invoice = None;
        p.fields.hosted_checkout_url = None;
        p.fields.onchain_address = None;
        p
    }
}

/// A refund object as the API sent it.
#[derive(Debug, Clone)]
pub struct Refund {
    raw: Map<String, Value>,
}

impl Refund {
    pub fn from_value(value: Value) -> Result<Refund, String> {
        Ok(Refund {
            raw: object_with("refund", value, &["refundId", "status"])?,
        })
    }

    pub fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    pub fn str(&self, field: &str) -> Option<&str> {
        self.raw
            .get(field)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    pub fn refund_id(&self) -> &str {
        self.str("refundId").unwrap_or_default()
    }

    pub fn invoice_id(&self) -> Option<&str> {
        self.str("invoiceId")
    }

    pub fn status(&self) -> RefundStatus {
        RefundStatus::parse(self.str("status").unwrap_or_default())
    }

    pub fn amount_text(&self) -> Option<String> {
        number_text(self.raw.get("amount")?)
    }

    pub fn amount(&self) -> Option<Decimal> {
        decimal(self.raw.get("amount")?)
    }

    pub fn currency(&self) -> Option<&str> {
        self.str("currency")
    }

    pub fn amount_sats(&self) -> Option<u64> {
        whole_number(self.raw.get("amountSats")?)
    }

    pub fn created_at(&self) -> Option<Timestamp> {
        self.str("createdAt")?.parse().ok()
    }
}

fn object_with(what: &str, value: Value, required: &[&str]) -> Result<Map<String, Value>, String> {
    let Value::Object(raw) = value else {
        return Err(format!("expected a {what} object, got {}", kind(&value)));
    };
    for field in required {
        match raw.get(*field) {
            Some(Value::String(s)) if !s.is_empty() => {}
            Some(other) => {
                return Err(format!(
                    "{what} field '{field}' should be a non-empty string, got {}",
                    kind(other)
                ));
            }
            None => return Err(format!("{what} has no '{field}' field")),
        }
    }
    Ok(raw)
}

fn number_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// A JSON number (or a string holding one, as some servers send amounts) as a decimal;
/// exponents and values a decimal cannot hold give `None`.
fn decimal(v: &Value) -> Option<Decimal> {
    let text = number_text(v)?;
    let t = text.trim();
    if t.contains(['e', 'E']) {
        return Decimal::from_scientific(t).ok();
    }
    Decimal::from_str_exact(t).ok()
}

/// Digits only: a whole number written as one.
fn whole_number(v: &Value) -> Option<u64> {
    let Value::Number(n) = v else { return None };
    let text = n.to_string();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Names a JSON value's type for messages.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_payment_sends_exact_amounts() {
        let p = NewPayment {
            order_id: "ORDER-1".into(),
            amount: "49.99".parse().unwrap(),
            currency: Currency::Usd,
            description: None,
            customer_email: None,
            customer_name: None,
            success_url: None,
            cancel_url: None,
            metadata: Map::new(),
        };
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"orderId":"ORDER-1","amount":49.99,"currency":"USD"}"#
        );
    }

    #[test]
    fn payment_keeps_unknown_fields_and_exact_numbers() {
        let text = r#"{"invoiceId":"inv_1","status":"weird","amount":0.10,"future":{"x":1}}"#;
        let p = Payment::from_value(serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(p.status(), Status::Unknown("weird".into()));
        assert_eq!(p.amount_text().as_deref(), Some("0.10"));
        assert_eq!(serde_json::to_string(p.raw()).unwrap(), text);
    }

    /// What the sandbox writes is what the client reads: one model, field for field,
    /// through the wire.
    #[test]
    fn the_sandboxs_payment_reads_back_as_written() {
        let t = |s: i64| Timestamp::from_second(s).unwrap();
        let written = PaymentObject {
            invoice_id: "inv_1".into(),
            order_id: Some("O-1".into()),
            status: Status::Paid,
            amount: Some(Dec("0.10".parse().unwrap())),
            currency: Some("USD".into()),
            amount_sats: Some(100),
            lightning_invoice: Some("lnbcrt1".into()),
            open_node_charge_id: Some("c".into()),
            onchain_address: Some("bcrt1q".into()),
            hosted_checkout_url: None,
            description: Some("Café".into()),
            customer_email: None,
            customer_name: None,
            success_url: None,
            cancel_url: None,
            metadata: Some(Map::from_iter([("k".to_owned(), Value::from("v"))])),
            created_at: Some(t(1_700_000_000)),
            expires_at: Some(t(1_700_003_600)),
            paid_at: Some(t(1_700_000_100)),
            settled_at: Some(t(1_700_000_100)),
            expired_at: None,
        };
        let text = serde_json::to_string(&written).unwrap();
        let read = Payment::from_value(serde_json::from_str(&text).unwrap()).unwrap();
        assert_eq!(read.fields(), &written);
        assert_eq!(read.fields(), Payment::from_object(&written).fields());
        assert_eq!(read.amount_text().as_deref(), Some("0.10"));
    }

    #[test]
    fn payment_needs_id_and_status() {
        assert!(Payment::from_value(serde_json::json!({"status":"paid"})).is_err());
        assert!(Payment::from_value(serde_json::json!({"invoiceId":1,"status":"paid"})).is_err());
        assert!(Payment::from_value(serde_json::json!([1])).is_err());
    }

    #[test]
    fn only_whole_numbers_are_sats() {
        let sats = |raw: &str| {
            let v: Value = serde_json::from_str(&format!(
                r#"{{"invoiceId":"i","status":"unpaid","amountSats":{raw}}}"#
            ))
            .unwrap();
            Payment::from_value(v).unwrap().amount_sats()
        };
        assert_eq!(sats("10000"), Some(10000));
        for bad in ["10000.0", "-0", "1e400", "\"10000\"", "-5", "null"] {
            assert_eq!(sats(bad), None, "{bad}");
        }
    }
}
