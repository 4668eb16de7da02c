//! Typed views of the API's objects. A response is kept exactly as received (`raw`), so
//! `--json` prints every field, known or not; the accessors read what `le` itself needs.

use std::fmt;

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::money::Currency;

/// The body of `POST /api/payments`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewPayment {
    pub order_id: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_url: Option<String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

/// The body of `POST /api/refunds`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRefund {
    pub invoice_id: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lightning_invoice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bitcoin_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A refund object as the API sent it.
#[derive(Debug, Clone)]
pub struct Refund {
    raw: Map<String, Value>,
}

impl Refund {
    pub fn from_value(value: Value) -> Result<Refund, String> {
        let Value::Object(raw) = value else {
            return Err(format!("expected a refund object, got {}", kind(&value)));
        };
        for field in ["refundId", "status"] {
            match raw.get(field) {
                Some(Value::String(s)) if !s.is_empty() => {}
                Some(other) => {
                    return Err(format!(
                        "refund field '{field}' should be a non-empty string, got {}",
                        kind(other)
                    ));
                }
                None => return Err(format!("refund has no '{field}' field")),
            }
        }
        Ok(Refund { raw })
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

    pub fn amount_text(&self) -> Option<String> {
        match self.raw.get("amount")? {
            Value::Number(n) => Some(n.to_string()),
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn amount_sats(&self) -> Option<u64> {
        self.raw.get("amountSats").and_then(Value::as_u64)
    }
}

/// A payment's status. The provider knows more than the documented five, so any other
/// string is carried along rather than refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Unpaid,
    Processing,
    Paid,
    Expired,
    Refunded,
    Underpaid,
    Other(String),
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
            other => Status::Other(other.to_string()),
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
            Status::Other(s) => s,
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
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A payment object as the API sent it.
#[derive(Debug, Clone)]
pub struct Payment {
    raw: Map<String, Value>,
}

impl Payment {
    /// Accepts any object that names an invoice and a status; everything else is optional
    /// so that a field the API adds or drops later does not break `le`.
    pub fn from_value(value: Value) -> Result<Payment, String> {
        let Value::Object(raw) = value else {
            return Err(format!("expected a payment object, got {}", kind(&value)));
        };
        for field in ["invoiceId", "status"] {
            match raw.get(field) {
                Some(Value::String(s)) if !s.is_empty() => {}
                Some(other) => {
                    return Err(format!(
                        "payment field '{field}' should be a non-empty string, got {}",
                        kind(other)
                    ));
                }
                None => return Err(format!("payment has no '{field}' field")),
            }
        }
        Ok(Payment { raw })
    }

    pub fn raw(&self) -> &Map<String, Value> {
        &self.raw
    }

    pub fn into_raw(self) -> Map<String, Value> {
        self.raw
    }

    pub fn str(&self, field: &str) -> Option<&str> {
        self.raw
            .get(field)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    pub fn invoice_id(&self) -> &str {
        self.str("invoiceId").unwrap_or_default()
    }

    pub fn order_id(&self) -> Option<&str> {
        self.str("orderId")
    }

    pub fn status(&self) -> Status {
        Status::parse(self.str("status").unwrap_or_default())
    }

    /// The amount as the API wrote it (the exact number text, never re-rounded).
    pub fn amount_text(&self) -> Option<String> {
        match self.raw.get("amount")? {
            Value::Number(n) => Some(n.to_string()),
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn currency(&self) -> Option<&str> {
        self.str("currency")
    }

    pub fn amount_sats(&self) -> Option<u64> {
        self.raw.get("amountSats").and_then(Value::as_u64)
    }

    pub fn lightning_invoice(&self) -> Option<&str> {
        self.str("lightningInvoice")
    }

    pub fn hosted_checkout_url(&self) -> Option<&str> {
        self.str("hostedCheckoutUrl")
    }

    pub fn time(&self, field: &str) -> Option<Timestamp> {
        self.str(field)?.parse().ok()
    }

    pub fn created_at(&self) -> Option<Timestamp> {
        self.time("createdAt")
    }

    pub fn expires_at(&self) -> Option<Timestamp> {
        self.time("expiresAt")
    }

    /// Newer docs say `paidAt`, the Settlements page `settledAt`: either will do.
    pub fn paid_at(&self) -> Option<Timestamp> {
        self.time("paidAt").or_else(|| self.time("settledAt"))
    }
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
        assert_eq!(p.status(), Status::Other("weird".into()));
        assert_eq!(p.amount_text().as_deref(), Some("0.10"));
        assert_eq!(serde_json::to_string(p.raw()).unwrap(), text);
    }

    #[test]
    fn payment_needs_id_and_status() {
        assert!(Payment::from_value(serde_json::json!({"status":"paid"})).is_err());
        assert!(Payment::from_value(serde_json::json!({"invoiceId":1,"status":"paid"})).is_err());
        assert!(Payment::from_value(serde_json::json!([1])).is_err());
    }
}
