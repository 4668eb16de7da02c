//! The API's endpoints, each defined once: a typed method that says what goes over the
//! wire (the `Call`; under `--dry-run` the funnel describes it instead of sending it),
//! sends it, and checks that the answer is about what was asked: an API that answers a
//! question about invoice X with invoice Y is lying, and a script must never take Y's
//! status for X's.

use reqwest::Method;
use serde_json::{Value, json};

use super::http::{Call, Client, Probe, RateInfo, Retry};
use super::recover::Recover;
use super::wire::{self, NewPayment, NewRefund, Payment, Refund};
use crate::error::{Error, Result};
use crate::text::printable;

/// What an answer about a payment must agree with: what was asked for, or what an
/// earlier answer about it said. A later answer may change its status, never what it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Identity {
    pub invoice_id: Option<String>,
    pub order_id: Option<String>,
    pub amount: Option<rust_decimal::Decimal>,
    /// Compared without regard to case.
    pub currency: Option<String>,
    /// The BOLT11 invoice a customer was shown: compared without regard to case.
    pub lightning_invoice: Option<String>,
}

impl Identity {
    /// A payment, as an answer described it.
    pub fn of(p: &Payment) -> Identity {
        Identity {
            invoice_id: Some(p.invoice_id().to_owned()),
            order_id: p.order_id().map(str::to_owned),
            amount: p.amount(),
            currency: p.currency().map(str::to_owned),
            lightning_invoice: p.lightning_invoice().map(str::to_owned),
        }
    }

    /// What this identity left open, filled in from the first answer that describes it.
    pub fn learn(&mut self, p: &Payment) {
        let seen = Identity::of(p);
        self.invoice_id = self.invoice_id.take().or(seen.invoice_id);
        self.order_id = self.order_id.take().or(seen.order_id);
        self.amount = self.amount.or(seen.amount);
        self.currency = self.currency.take().or(seen.currency);
        self.lightning_invoice = self.lightning_invoice.take().or(seen.lightning_invoice);
    }

    /// The payment a create asked for.
    pub fn of_request(new: &NewPayment) -> Identity {
        Identity {
            invoice_id: None,
            order_id: Some(new.order_id.clone()),
            amount: Some(new.amount),
            currency: Some(new.currency.as_str().to_owned()),
            lightning_invoice: None,
        }
    }

    /// The payment with this invoice id.
    pub fn invoice(id: &str) -> Identity {
        Identity {
            invoice_id: Some(id.to_owned()),
            ..Identity::default()
        }
    }

    /// Each way `p` is not this payment.
    pub fn differences(&self, p: &Payment) -> Vec<String> {
        let mut d = Vec::new();
        if let Some(id) = &self.invoice_id
            && p.invoice_id() != id
        {
            d.push(format!(
                "its invoiceId is {}, not {}",
                shown(Some(p.invoice_id())),
                printable(id)
            ));
        }
        if let Some(o) = &self.order_id
            && p.order_id() != Some(o.as_str())
        {
            d.push(format!(
                "its orderId is {}, not {}",
                shown(p.order_id()),
                printable(o)
            ));
        }
        if let Some(a) = &self.amount
            && p.amount() != Some(*a)
        {
            d.push(format!(
                "its amount is {}, not {a}",
                shown(p.amount_text().as_deref())
            ));
        }
        if let Some(c) = &self.currency
            && !p.currency().is_some_and(|x| x.eq_ignore_ascii_case(c))
        {
            d.push(format!(
                "its currency is {}, not {}",
                shown(p.currency()),
                printable(c)
            ));
        }
        // A payment's invoice is made with it and never changes; an answer without one
        // (the API may leave it out once paid) is no disagreement.
        if let (Some(i), Some(now)) = (&self.lightning_invoice, p.lightning_invoice())
            && !i.eq_ignore_ascii_case(now)
        {
            d.push(format!(
                "its lightningInvoice is {}, not the {} shown before",
                shown(Some(now)),
                printable(i)
            ));
        }
        d
    }

    /// `p` if it is this payment, else the API is answering about another (exit 20).
    pub fn check(&self, p: &Payment, what: impl FnOnce() -> String) -> Result<()> {
        let problems = self.differences(p);
        if problems.is_empty() {
            return Ok(());
        }
        Err(answer_mismatch(what(), problems, p))
    }
}

/// The answer to a create.
#[derive(Debug)]
pub struct Created {
    /// The payment as it is now.
    pub payment: Payment,
    /// The API had made this payment before this run (an idempotent replay of an earlier
    /// request, or the order's payment that a customer can no longer pay): it is not a
    /// new one.
    pub earlier: bool,
    /// Found by looking the order up after an attempt whose answer was lost.
    pub recovered: bool,
    /// What the server said of its rate limit.
    pub rate: RateInfo,
}

/// The answer to a refund.
#[derive(Debug)]
pub struct CreatedRefund {
    pub refund: Refund,
    /// The API had made this refund before this run.
    pub earlier: bool,
}

impl Client {
    pub async fn create_payment(&self, new: &NewPayment, idempotency_key: &str) -> Result<Created> {
        let call = Call {
            body: Some(serde_json::to_vec(new).map_err(Error::internal)?),
            idempotency_key: Some(idempotency_key.to_owned()),
            retry: Retry::Create,
            ..Call::new(Method::POST, &["api", "payments"])
        };
        let reply = match self.send(&call, Some(Recover::Payment(new))).await {
            Ok(r) => r,
            // The order already has a payment the API will not replace: that payment is
            // the answer, made earlier; what it means for this request (the same sale,
            // settled before, another amount) is `verdict`'s to say.
            Err(Error::Api(e)) if e.code.as_deref() == Some("DUPLICATE_ORDER_ID") => {
                return match self.get_payment_by_order(&new.order_id).await {
                    Ok(p) => Ok(Created {
                        payment: p,
                        earlier: true,
                        recovered: false,
                        rate: RateInfo::Unknown,
                    }),
                    // Not found after all: the refusal stands. Any other failure (an
                    // answer about another order, an API that is away) is what stopped
                    // le from saying what the order's payment is.
                    Err(Error::Api(lookup)) if lookup.status == 404 => Err(Error::Api(e)),
                    Err(other) => Err(other),
                };
            }
            Err(e) => return Err(e),
        };
        let answered = payment(reply.body)?;
        // A replay answers our own earlier attempt (a later attempt of this run) or an
        // earlier run. The earlier run's answer is as old as that run: what matters is
        // whether the payment can still be paid now, and whether it is for this request's
        // money is the verdict's to judge. Anything else must be this very request.
        let earlier = reply.replayed && reply.attempts == 1;
        let asked = if earlier {
            Identity {
                order_id: Some(new.order_id.clone()),
                ..Identity::default()
            }
        } else {
            Identity::of_request(new)
        };
        asked.check(&answered, || {
            format!(
                "the API answered a create for order {} ({} {}) with payment {}, which is another",
                printable(&new.order_id),
                new.amount,
                new.currency,
                printable(answered.invoice_id())
            )
        })?;
        let payment = if earlier {
            // Read again: the same payment, only its status may have moved on.
            let same = Identity::of(&answered);
            let now = self.get_payment(answered.invoice_id()).await?;
            same.check(&now, || {
                format!(
                    "the API's record of payment {} is not the payment it answered the create with",
                    printable(answered.invoice_id())
                )
            })?;
            self.newest_of_order(now, &new.order_id).await?
        } else if answered.status() != super::wire::Status::Unpaid {
            // A payment a moment old is not paid, or being paid, on the create's word
            // alone: its record is read, and that is the answer.
            let same = Identity::of(&answered);
            let now = self.get_payment(answered.invoice_id()).await?;
            same.check(&now, || {
                format!(
                    "the API's record of payment {} is not the payment it answered the create with",
                    printable(answered.invoice_id())
                )
            })?;
            now
        } else {
            answered
        };
        Ok(Created {
            payment,
            earlier,
            recovered: reply.recovered,
            rate: reply.rate,
        })
    }

    /// An earlier payment of an order that can no longer be paid (it expired) may not be
    /// the order's last word: a payment made since under another idempotency key (paid,
    /// or still payable) is. The order's newest payment is the answer then.
    pub async fn newest_of_order(&self, earlier: Payment, order_id: &str) -> Result<Payment> {
        if earlier.status() != super::wire::Status::Expired {
            return Ok(earlier);
        }
        match self.get_payment_by_order(order_id).await {
            Ok(newest) if newest.invoice_id() != earlier.invoice_id() => Ok(newest),
            Ok(_) => Ok(earlier),
            Err(Error::Api(e)) if e.status == 404 => Ok(earlier),
            Err(e) => Err(e),
        }
    }

    pub async fn get_payment(&self, invoice_id: &str) -> Result<Payment> {
        let p = payment(
            self.send(&Call::get(&["api", "payments", invoice_id]), None)
                .await?
                .body,
        )?;
        same_invoice(invoice_id, &p)?;
        Ok(p)
    }

    /// The payment again, as an earlier answer described it: a later answer may move its
    /// status on, never change what it is (its order, amount or currency).
    pub async fn get_payment_again(&self, known: &Identity) -> Result<Payment> {
        let Some(id) = known.invoice_id.as_deref() else {
            return Err(Error::internal(
                "a payment was read again before its invoice id was known",
            ));
        };
        let p = self.get_payment(id).await?;
        known.check(&p, || {
            format!(
                "the API's answer about payment {} no longer describes the same payment",
                printable(id)
            )
        })?;
        Ok(p)
    }

    pub async fn get_payment_by_order(&self, order_id: &str) -> Result<Payment> {
        let p = payment(
            self.send(&Call::get(&["api", "payments", "order", order_id]), None)
                .await?
                .body,
        )?;
        if p.order_id() != Some(order_id) {
            return Err(answer_mismatch(
                format!(
                    "asked for the payment of order {}, the API answered with another order's",
                    printable(order_id)
                ),
                vec![format!("orderId is {}", shown(p.order_id()))],
                &p,
            ));
        }
        Ok(p)
    }

    pub async fn sync_payment(&self, invoice_id: &str) -> Result<Payment> {
        // It changes nothing but the server's view of the provider, so repeating it is
        // harmless and it is retried like a read.
        let call = Call {
            retry: Retry::Read,
            ..Call::new(Method::POST, &["api", "payments", invoice_id, "sync"])
        };
        let p = payment(self.send(&call, None).await?.body)?;
        same_invoice(invoice_id, &p)?;
        Ok(p)
    }

    pub async fn create_refund(
        &self,
        new: &NewRefund,
        idempotency_key: &str,
    ) -> Result<CreatedRefund> {
        let call = Call {
            body: Some(serde_json::to_vec(new).map_err(Error::internal)?),
            idempotency_key: Some(idempotency_key.to_owned()),
            retry: Retry::Create,
            ..Call::new(Method::POST, &["api", "refunds"])
        };
        let reply = self.send(&call, Some(Recover::Refund(new))).await?;
        let r = refund(reply.body)?;
        let mut problems = Vec::new();
        if r.invoice_id() != Some(new.invoice_id.as_str()) {
            problems.push(format!(
                "it refunds payment {}, not {}",
                shown(r.invoice_id()),
                printable(&new.invoice_id)
            ));
        }
        if r.amount() != Some(new.amount) {
            problems.push(format!(
                "its amount is {}, not {}",
                shown(r.amount_text().as_deref()),
                new.amount
            ));
        }
        if !r
            .currency()
            .is_some_and(|c| c.eq_ignore_ascii_case(new.currency.as_str()))
        {
            problems.push(format!(
                "its currency is {}, not {}",
                shown(r.currency()),
                new.currency
            ));
        }
        if !problems.is_empty() {
            return Err(Error::mismatch(
                "ANSWER_MISMATCH",
                format!(
                    "the API answered a refund of {} with refund {}, which is another",
                    printable(&new.invoice_id),
                    printable(r.refund_id())
                ),
                problems,
                Some(json!({ "refund": r.raw() })),
            ));
        }
        Ok(CreatedRefund {
            refund: r,
            earlier: reply.replayed && reply.attempts == 1,
        })
    }

    pub async fn get_refund(&self, refund_id: &str) -> Result<Refund> {
        let r = refund(
            self.send(&Call::get(&["api", "refunds", refund_id]), None)
                .await?
                .body,
        )?;
        if r.refund_id() != refund_id {
            return Err(Error::mismatch(
                "ANSWER_MISMATCH",
                format!(
                    "asked for refund {}, the API answered with refund {}",
                    printable(refund_id),
                    printable(r.refund_id())
                ),
                Vec::new(),
                Some(json!({ "refund": r.raw() })),
            ));
        }
        Ok(r)
    }

    /// All refunds, or those of one payment.
    pub async fn list_refunds(&self, invoice_id: Option<&str>) -> Result<Vec<Refund>> {
        let call = match invoice_id {
            Some(id) => Call::get(&["api", "refunds", "invoice", id]),
            None => Call::get(&["api", "refunds"]),
        };
        let body = self.send(&call, None).await?.body;
        let items = body
            .get("refunds")
            .and_then(Value::as_array)
            .ok_or_else(|| bad_shape("a {\"refunds\": […]} list", &body))?
            .iter()
            .map(|v| refund(v.clone()))
            .collect::<Result<Vec<_>>>()?;
        if let Some(id) = invoice_id
            && let Some(other) = items.iter().find(|r| r.invoice_id() != Some(id))
        {
            return Err(Error::mismatch(
                "ANSWER_MISMATCH",
                format!(
                    "asked for the refunds of payment {}, the API's list holds refund {} of another payment",
                    printable(id),
                    printable(other.refund_id())
                ),
                Vec::new(),
                Some(json!({ "refund": other.raw() })),
            ));
        }
        Ok(items)
    }

    /// `GET /api/rates`, or `/api/rates/{currency}`, as received.
    pub async fn rates(&self, currency: Option<&str>) -> Result<Value> {
        let call = match currency {
            Some(c) => Call::get(&["api", "rates", c]),
            None => Call::get(&["api", "rates"]),
        };
        let body = self.send(&call, None).await?.body;
        if !body.is_object() {
            return Err(bad_shape("a rates object", &body));
        }
        if let Some(c) = currency {
            let answered = body.get("currency").and_then(Value::as_str);
            if !answered.is_some_and(|a| a.eq_ignore_ascii_case(c)) {
                return Err(Error::mismatch(
                    "ANSWER_MISMATCH",
                    format!(
                        "asked for the rate of {c}, the API answered with the rate of {}",
                        shown(answered)
                    ),
                    Vec::new(),
                    Some(json!({ "rate": body })),
                ));
            }
        }
        Ok(body)
    }

    /// The key's account, as received (`GET /api/merchant/me`).
    pub async fn merchant_me(&self) -> Result<Value> {
        account(
            self.send(&Call::get(&["api", "merchant", "me"]), None)
                .await?
                .body,
        )
    }

    /// Sets the account's webhook endpoint; the API's answer, as received.
    pub async fn set_webhook_url(&self, url: &str, secret: &str) -> Result<Value> {
        Ok(self
            .send(
                &Call {
                    body: Some(
                        serde_json::to_vec(&wire::WebhookEndpoint {
                            webhook_url: url.to_owned(),
                            webhook_secret: secret.to_owned(),
                        })
                        .map_err(Error::internal)?,
                    ),
                    // Setting the same twice is harmless: retried like a read.
                    retry: Retry::Read,
                    ..Call::new(Method::PUT, &["api", "merchant", "webhook-url"])
                },
                None,
            )
            .await?
            .body)
    }

    /// The sandbox account of the key in use, changed first when asked.
    pub async fn sandbox_account(&self, change: Option<&Value>) -> Result<Value> {
        let call = match change {
            None => Call::get(&["sandbox", "account"]),
            Some(body) => Call {
                body: Some(body.to_string().into_bytes()),
                retry: Retry::Read,
                ..Call::new(Method::PUT, &["sandbox", "account"])
            },
        };
        account(self.send(&call, None).await?.body)
    }

    /// Sandbox control routes (`/sandbox/…`): move a payment along by hand.
    pub async fn sandbox_action(&self, invoice_id: &str, action: &str) -> Result<Payment> {
        let p = payment(
            self.send(
                &Call::new(Method::POST, &["sandbox", "payments", invoice_id, action]),
                None,
            )
            .await?
            .body,
        )?;
        same_invoice(invoice_id, &p)?;
        Ok(p)
    }

    /// Every payment the sandbox holds, newest first, a page at a time.
    pub async fn sandbox_list(&self) -> Result<Vec<Payment>> {
        /// More payments than any sandbox is asked to hold: past it, the server is
        /// paging in a circle.
        const MAX_LISTED: usize = 1_000_000;
        let mut all = Vec::new();
        let mut after: Option<String> = None;
        let mut cursors = std::collections::HashSet::new();
        loop {
            let mut call = Call::get(&["sandbox", "payments"]);
            if let Some(a) = &after {
                call.query.push(("after", a.clone()));
            }
            let body = self.send(&call, None).await?.body;
            let items = body
                .get("payments")
                .and_then(Value::as_array)
                .ok_or_else(|| bad_shape("a {\"payments\": […]} list", &body))?;
            for v in items {
                all.push(payment(v.clone())?);
            }
            match body.get("next").and_then(Value::as_str) {
                // A cursor seen before would list the same pages again, for ever.
                Some(next) if !items.is_empty() && cursors.insert(next.to_owned()) => {
                    if all.len() > MAX_LISTED {
                        return Err(Error::BadResponse(format!(
                            "the sandbox listed more than {MAX_LISTED} payments without an end"
                        )));
                    }
                    after = Some(next.to_owned());
                }
                Some(_) if !items.is_empty() => {
                    return Err(Error::BadResponse(
                        "the sandbox's list of payments pointed back at a page already read".into(),
                    ));
                }
                _ => return Ok(all),
            }
        }
    }

    pub async fn sandbox_reset(&self) -> Result<Value> {
        Ok(self
            .send(&Call::new(Method::POST, &["sandbox", "reset"]), None)
            .await?
            .body)
    }

    pub async fn sandbox_deliveries(&self) -> Result<Vec<wire::Delivery>> {
        let body = self
            .send(&Call::get(&["sandbox", "deliveries"]), None)
            .await?
            .body;
        serde_json::from_value::<wire::DeliveryList>(body)
            .map(|l| l.deliveries)
            .map_err(|e| {
                Error::BadResponse(format!("the sandbox's deliveries cannot be read: {e}"))
            })
    }

    pub async fn sandbox_webhook(
        &self,
        set: Option<Option<(&str, &str)>>,
    ) -> Result<wire::WebhookSettings> {
        let call = match set {
            None => Call::get(&["sandbox", "webhook"]),
            Some(Some((url, secret))) => Call {
                body: Some(
                    json!({ "url": url, "secret": secret })
                        .to_string()
                        .into_bytes(),
                ),
                retry: Retry::Read,
                ..Call::new(Method::PUT, &["sandbox", "webhook"])
            },
            Some(None) => Call {
                retry: Retry::Read,
                ..Call::new(Method::DELETE, &["sandbox", "webhook"])
            },
        };
        let body = self.send(&call, None).await?.body;
        serde_json::from_value(body).map_err(|e| {
            Error::BadResponse(format!(
                "the sandbox's webhook settings cannot be read: {e}"
            ))
        })
    }
}

fn same_invoice(asked: &str, p: &Payment) -> Result<()> {
    if p.invoice_id() == asked {
        return Ok(());
    }
    Err(answer_mismatch(
        format!(
            "asked for payment {}, the API answered with payment {}",
            printable(asked),
            printable(p.invoice_id())
        ),
        Vec::new(),
        p,
    ))
}

fn answer_mismatch(summary: String, problems: Vec<String>, p: &Payment) -> Error {
    Error::mismatch(
        "ANSWER_MISMATCH",
        summary,
        problems,
        Some(json!({ "payment": p.raw() })),
    )
}

/// A value from an answer, for a message: escaped, or "missing".
fn shown(v: Option<&str>) -> String {
    v.map_or_else(|| "missing".into(), printable)
}

fn payment(v: Value) -> Result<Payment> {
    Payment::from_value(v)
        .map_err(|e| Error::BadResponse(format!("the server's answer is not a payment: {e}")))
}

fn refund(v: Value) -> Result<Refund> {
    Refund::from_value(v)
        .map_err(|e| Error::BadResponse(format!("the server's answer is not a refund: {e}")))
}

/// An account object: anything with fields, kept as received (the reference lists its
/// fields; a server may add or drop some).
/// An account as `/api/merchant/me` describes it: an object naming its merchant. Any
/// other 200 (a web site's page, `{}`) is not the API's account, and not a key accepted.
fn account(v: Value) -> Result<Value> {
    let named = v
        .get("merchantId")
        .is_some_and(|id| id.is_number() || id.is_string());
    if v.is_object() && named {
        Ok(v)
    } else {
        Err(bad_shape("an account object with its merchantId", &v))
    }
}

fn bad_shape(expected: &str, got: &Value) -> Error {
    Error::BadResponse(format!(
        "expected {expected} from the server, got {}",
        wire::kind(got)
    ))
}

impl Client {
    /// `GET /health`, once, answered without a key: how the server answered, whatever it
    /// answered (for `le doctor`).
    pub async fn health_probe(&self) -> Result<Probe> {
        self.probe(&Call {
            retry: Retry::Never,
            with_key: false,
            ..Call::get(&["health"])
        })
        .await
    }

    /// A read of a payment that cannot exist, once, with the key: 404 with a key the API
    /// accepts, 401 or 403 without one (for `le login` and `le doctor`).
    pub async fn key_probe(&self) -> Result<Probe> {
        self.probe(&Call {
            retry: Retry::Never,
            ..Call::get(&["api", "payments", "le-key-check"])
        })
        .await
    }
}

impl Probe {
    /// What a key check's answer says about the key, the same for `doctor` and `login`.
    pub fn key_verdict(&self) -> KeyVerdict {
        let said = || {
            self.error
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_else(|| format!("HTTP {}", self.status))
        };
        match self.status {
            401 | 403 => KeyVerdict::Refused(said()),
            // The API's own "no such payment": only reached with a key it took.
            404 if self.error.as_ref().is_some_and(|e| e.code.is_some()) => KeyVerdict::Accepted,
            s if s >= 500 => KeyVerdict::Failing(said()),
            s => KeyVerdict::NotTheApi(format!(
                "HTTP {s} for a payment that does not exist, where the API answers 404 with an error code: is the base URL the API's?"
            )),
        }
    }
}

/// How a server answered a request for a payment that cannot exist, made with the key.
#[derive(Debug)]
pub enum KeyVerdict {
    /// The API's own 404 with an error code: it took the key.
    Accepted,
    /// 401 or 403: the API refused the key.
    Refused(String),
    /// Something answered that is not the API (a web site's 404, a redirect, a 200).
    NotTheApi(String),
    /// The API failed (5xx): the key could not be checked.
    Failing(String),
}
