//! Lost answers. A create (or refund) whose answer never arrived may have been made; before
//! trying again, `le` looks: the order's payment, or the payment's refunds. Only a
//! definite "not there" allows another POST, so that a server which ignores idempotency
//! keys still never gets a second payment out of `le`.

use std::time::Instant;

use jiff::Timestamp;
use serde_json::Value;

use super::http::{Call, Client, backoff};
use super::wire::{NewPayment, NewRefund, Payment, Refund};
use crate::error::Error;

/// How long before this run's first attempt (on the server's clock) a `createdAt` may be
/// and still be counted as this run's: `Date` is to the second, and requests take time.
const SLACK_SECS: i64 = 60;

/// Whether something created at `created` was made since `since` (this run's start on
/// this machine's clock), judged on the server's clock when its `skew` (server minus this
/// machine, in seconds) is known. `None` when it cannot be told.
fn made_since(created: Option<Timestamp>, since: Timestamp, skew: Option<i64>) -> Option<bool> {
    let created = created?.as_second();
    match skew {
        Some(skew) => Some(created >= since.as_second() + skew - SLACK_SECS),
        // Without the server's clock only a time after this run's start on ours is sure;
        // an earlier one may be this run's on a server whose clock is behind.
        None => (created >= since.as_second() - SLACK_SECS).then_some(true),
    }
}

/// What a create was trying to make, to recognise it when looking.
#[derive(Clone, Copy)]
pub(super) enum Recover<'a> {
    Payment(&'a NewPayment),
    Refund(&'a NewRefund),
}

/// What looking found.
pub(super) enum Lookup {
    /// This run's object: report it.
    Found(Value),
    /// Definitely not made by this run: trying again cannot duplicate it.
    Absent,
    /// No definite answer: trying again might.
    Unknown,
}

impl Recover<'_> {
    pub(super) fn what(&self) -> &'static str {
        match self {
            Recover::Payment(_) => "the payment an earlier attempt created; not creating another",
            Recover::Refund(_) => "the refund an earlier attempt created; not creating another",
        }
    }

    /// The error of a create whose outcome is not known, saying so.
    pub(super) fn uncertain_error(&self, error: Error) -> Error {
        let note = match self {
            Recover::Payment(new) => format!(
                "order {} may have been created by an attempt whose answer was lost: rerun the same command to find out, it never creates a second payment",
                crate::text::printable(&new.order_id)
            ),
            Recover::Refund(new) => format!(
                "a refund of {} may have been made by an attempt whose answer was lost: rerun the same command to find out, it never refunds twice",
                crate::text::printable(&new.invoice_id)
            ),
        };
        match error {
            Error::Unreachable { url, reason } => Error::Unreachable {
                url,
                reason: format!("{reason}; {note}"),
            },
            Error::Api(mut e) => {
                e.message = format!("{}; {note}", e.message);
                Error::Api(e)
            }
            other => other,
        }
    }
}

impl Client {
    /// Looks until the answer is definite or the create's time is up.
    pub(super) async fn look_up(
        &self,
        r: &Recover<'_>,
        since: Timestamp,
        deadline: Instant,
    ) -> Lookup {
        let mut attempt = 1;
        loop {
            let found = match r {
                Recover::Payment(new) => self.find_payment(new, since).await,
                Recover::Refund(new) => self.find_refund(new, since).await,
            };
            match found {
                Lookup::Unknown => {
                    let wait = backoff(attempt);
                    if Instant::now() + wait >= deadline {
                        return Lookup::Unknown;
                    }
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                definite => return definite,
            }
        }
    }

    /// One GET, judged by the funnel's own rules but never retried or recovered; with how
    /// far ahead of this machine's clock the server's is, when it sent its `Date`.
    async fn once(&self, segments: &[&str]) -> Result<(Value, Option<i64>), Option<u16>> {
        let mut call = Call::get(segments);
        call.retry = super::http::Retry::Never;
        let asked = Timestamp::now().as_second();
        // Boxed: the funnel calls this from within itself.
        match Box::pin(self.send(&call, None)).await {
            Ok(reply) => Ok((reply.body, reply.date.map(|d| d.as_second() - asked))),
            Err(Error::Api(e)) => Err(Some(e.status)),
            Err(_) => Err(None),
        }
    }

    /// The payment this run's lost attempt made, if the order has one that matches the
    /// request and was made during the run.
    async fn find_payment(&self, new: &NewPayment, since: Timestamp) -> Lookup {
        let (body, skew) = match self
            .once(&["api", "payments", "order", &new.order_id])
            .await
        {
            Ok(b) => b,
            Err(Some(404)) => return Lookup::Absent,
            Err(_) => return Lookup::Unknown,
        };
        let Ok(p) = Payment::from_value(body.clone()) else {
            return Lookup::Unknown;
        };
        let same = p.order_id() == Some(new.order_id.as_str())
            && p.amount() == Some(new.amount)
            && p.currency()
                .is_some_and(|c| c.eq_ignore_ascii_case(new.currency.as_str()));
        if !same {
            // The order's payment is another request's: not this one.
            return Lookup::Absent;
        }
        match made_since(p.created_at(), since, skew) {
            Some(true) => Lookup::Found(body),
            // The same request, made before this run: an older payment of the order.
            Some(false) => Lookup::Absent,
            // Whether it is this run's cannot be told: another POST might make a second.
            None => Lookup::Unknown,
        }
    }

    /// The refund this run's lost attempt made, among the payment's refunds.
    async fn find_refund(&self, new: &NewRefund, since: Timestamp) -> Lookup {
        let (body, skew) = match self
            .once(&["api", "refunds", "invoice", &new.invoice_id])
            .await
        {
            Ok(b) => b,
            Err(Some(404)) => return Lookup::Absent,
            Err(_) => return Lookup::Unknown,
        };
        let Some(items) = body.get("refunds").and_then(Value::as_array) else {
            return Lookup::Unknown;
        };
        let mut found = Vec::new();
        let mut unsure = false;
        for item in items {
            let Ok(r) = Refund::from_value(item.clone()) else {
                continue;
            };
            let same = r.invoice_id() == Some(new.invoice_id.as_str())
                && r.amount() == Some(new.amount)
                && r.currency()
                    .is_some_and(|c| c.eq_ignore_ascii_case(new.currency.as_str()));
            // The reference's refund object does not name its destination; when an API
            // does, it must be this request's.
            let destination = match (&new.lightning_invoice, &new.bitcoin_address) {
                (Some(inv), _) => r
                    .str("lightningInvoice")
                    .map(|x| x.eq_ignore_ascii_case(inv)),
                (None, Some(addr)) => r.str("bitcoinAddress").map(|x| x == addr.as_str()),
                (None, None) => Some(false),
            };
            if !same || destination == Some(false) {
                continue;
            }
            match made_since(r.created_at(), since, skew) {
                Some(true) => found.push(item.clone()),
                Some(false) => {}
                None => unsure = true,
            }
        }
        match (found.len(), unsure) {
            (1, false) => Lookup::Found(found.remove(0)),
            (0, false) => Lookup::Absent,
            // Two alike, or one whose time cannot be judged: which is this run's cannot be
            // told, and another POST might refund twice.
            _ => Lookup::Unknown,
        }
    }
}
