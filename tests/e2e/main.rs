//! End-to-end: the real `le` binary against real servers over loopback.

mod common;

mod account;
mod bad_input;
mod batch;
mod config;
mod create;
mod docs;
mod errors;
mod faults;
mod invoices;
mod mcp;
mod read;
mod refunds;
mod retry;
mod safety;
mod sandbox;
mod served;
mod watch;
mod webhooks;
