//! The Lightning Enable API, as a client sees it. The sandbox shares these types.

mod client;
mod error;
pub mod types;

pub use client::{
    Client, ClientOptions, Created, PlannedRequest, Probe, RateLimit, ensure_tls_provider,
};
pub use error::{ApiError, reason_phrase};
pub use types::{NewPayment, NewRefund, Payment, Refund, Status};
