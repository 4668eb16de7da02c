//! The Lightning Enable API, as a client sees it: the wire types (shared with the
//! sandbox), the one request funnel, the endpoints, lost-answer recovery, request plans
//! and the decoding of every error shape.

mod endpoints;
mod error;
mod http;
mod plan;
mod recover;
pub mod wire;

pub use endpoints::{Created, CreatedRefund, Identity, KeyVerdict};
pub use error::{ApiError, reason_phrase};
pub use http::{
    Client, ClientOptions, NETWORK_HEADER, Observer, Probe, RateInfo, RateLimit, Retry, Silent,
};
pub use plan::{PlanSink, PlannedRequest};
pub use wire::{NewPayment, NewRefund, Payment, Refund, RefundStatus, Status};
