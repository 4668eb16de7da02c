//! End-to-end: the real `le` binary against real servers over loopback.

mod common;

mod account;
mod bad_input;
mod batch;
mod checkout;
mod config;
mod create;
mod docs;
mod errors;
mod faults;
mod invoices;
mod read;
mod refunds;
mod retry;
mod safety;
mod sandbox;
mod served;
mod tls;
mod twin;
mod watch;
mod webhooks;
