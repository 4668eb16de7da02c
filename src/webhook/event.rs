//! The events the API posts, as the reference describes them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::api::wire::Dec;
use crate::api::{RefundStatus, Status};

pub const PAYMENT_COMPLETED: &str = "payment.completed";
pub const PAYMENT_EXPIRED: &str = "payment.expired";
pub const REFUND_COMPLETED: &str = "refund.completed";

/// `{"event": NAME, "timestamp": ISO, "data": {…}}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event<T> {
    pub event: String,
    pub timestamp: Timestamp,
    pub data: T,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentCompleted {
    pub invoice_id: String,
    pub order_id: String,
    pub status: Status,
    pub amount: Dec,
    pub currency: String,
    pub amount_sats: u64,
    pub paid_at: Timestamp,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentExpired {
    pub invoice_id: String,
    pub order_id: String,
    pub status: Status,
    pub amount: Dec,
    pub currency: String,
    pub expired_at: Timestamp,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundCompleted {
    pub refund_id: String,
    pub invoice_id: String,
    pub status: RefundStatus,
    pub amount: Dec,
    pub currency: String,
    pub completed_at: Timestamp,
}
