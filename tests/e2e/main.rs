//! End-to-end: the real `le` binary against real servers over loopback.

mod common;
mod pty;

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
mod mcp;
mod one_truth;
mod read;
mod refunds;
mod retry;
mod safety;
mod sandbox;
mod served;
mod till;
mod tls;
mod trust_house;
mod trust_money;
mod trust_policy;
mod trust_terminal;
mod twin;
mod watch;
mod webhooks;
