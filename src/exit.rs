//! How a run ends. A command returns an `Outcome` (it did its work, and here is how it
//! ended) or an `Error` (it could not); `code` is the one place either becomes an exit
//! code. The codes are a contract with scripts: see the README's table before changing one.

use crate::api::PlannedRequest;
use crate::error::Error;

pub const OK: u8 = 0;
pub const INTERNAL: u8 = 1;
pub const USAGE: u8 = 2;
pub const UNREACHABLE: u8 = 3;
pub const AUTH: u8 = 4;
pub const NOT_FOUND: u8 = 5;
pub const API: u8 = 6;
pub const RATE_LIMITED: u8 = 7;
/// The payment expired (`watch`; `create` returning an earlier, expired payment).
pub const EXPIRED: u8 = 10;
pub const WATCH_TIMEOUT: u8 = 11;
pub const WATCH_OTHER: u8 = 12;
/// `create` found the order already paid (or paid and refunded, or being paid): no new
/// payment was taken.
pub const EARLIER_PAYMENT: u8 = 13;
pub const MISMATCH: u8 = 20;
pub const INTERRUPTED: u8 = 130;

/// What a command that ran to its end reports.
#[derive(Debug)]
pub enum Outcome {
    /// It did what was asked; for `watch`, the payment is paid.
    Done,
    /// `--dry-run` / `--curl`: the requests that would have been sent, none sent.
    Planned(Vec<PlannedRequest>),
    /// The payment expired.
    Expired,
    /// `--timeout` ran out before the payment settled.
    TimedOut,
    /// The payment ended otherwise (refunded, underpaid), or was not found among several.
    OtherEnd,
    /// Stopped by Ctrl-C after showing what it saw (`watch`).
    Interrupted,
    /// The order was already paid (or is being paid): nothing new was taken.
    EarlierPayment,
    /// It reported its results, some of which failed: the exit code is that of the first
    /// failure it reports (a batch's first failed row, doctor's first failed check).
    Failed(u8),
}

impl Outcome {
    pub fn code(&self) -> u8 {
        match self {
            Outcome::Done | Outcome::Planned(_) => OK,
            Outcome::Expired => EXPIRED,
            Outcome::TimedOut => WATCH_TIMEOUT,
            Outcome::OtherEnd => WATCH_OTHER,
            Outcome::Interrupted => INTERRUPTED,
            Outcome::EarlierPayment => EARLIER_PAYMENT,
            Outcome::Failed(code) => *code,
        }
    }
}

/// The exit code of a run, whichever way it ended.
pub fn code(result: &Result<Outcome, Error>) -> u8 {
    match result {
        Ok(outcome) => outcome.code(),
        Err(e) => e.exit_code(),
    }
}
