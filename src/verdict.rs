//! What a payment as found means for what was asked. Every command that makes or waits
//! for a payment (`create`, `create --watch`, `watch`, `watch` over several, `get --qr`,
//! `pos`, batch rows) and `le mcp` ask this module, and nothing else maps a status to an
//! outcome: the same money is told the same way to the cashier, the script and the agent.
//!
//! The rules:
//! - an earlier payment of the order (an idempotent replay, or the order's payment the API
//!   refused to replace) for another amount or currency is a **conflict**, whatever its
//!   status: nothing new was taken, and both amounts are named;
//! - for the same amount and currency, `paid`, `refunded` or `processing` is **settled
//!   before** (nothing new taken); `unpaid` is the same sale, offered again; `expired`,
//!   `underpaid` and any status `le` does not know are each their own outcome;
//! - `underpaid` is one outcome, for a create and for a watch alike;
//! - a status `le` does not know is never taken for paid: it says to look at it.

use serde_json::{Value, json};

use crate::api::{NewPayment, Payment, Status};
use crate::exit::Outcome;
use crate::money::shown;
pub use crate::render::till::Tone;
use crate::text::printable;

/// What was asked of the payment.
#[derive(Debug, Clone, Copy)]
pub enum Asked<'a> {
    /// A create for this order, amount and currency. `earlier`: the API answered with a
    /// payment it had made before this call (a replay, or the order's existing payment).
    Create { new: &'a NewPayment, earlier: bool },
    /// To see it paid: a watch, a till, a look.
    Paid,
}

/// What the payment means for what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It can be paid: its invoice may be offered. `again`: made before this call (the
    /// same sale, shown again).
    Payable { again: bool },
    /// Payment seen, confirming: keep waiting.
    Processing,
    /// Paid: the sale is done.
    Paid,
    /// The order was settled by an earlier payment for the same amount and currency (paid,
    /// refunded, or being paid): nothing new was taken.
    SettledBefore,
    /// The order's payment is for another amount or currency: nothing new was taken.
    Conflict,
    /// Less than the amount arrived.
    Underpaid,
    /// It can no longer be paid. `earlier`: an earlier payment a create found.
    Expired { earlier: bool },
    /// Paid, then refunded, while it was being watched.
    Refunded,
    /// A status `le` does not know: never taken for paid.
    Unknown(String),
}

/// Judges `p` against what was asked.
pub fn judge(p: &Payment, asked: Asked<'_>) -> Verdict {
    let earlier = matches!(asked, Asked::Create { earlier: true, .. });
    if let Asked::Create { new, earlier: true } = asked
        && !same_money(p, new)
    {
        return Verdict::Conflict;
    }
    match p.status() {
        Status::Unpaid => Verdict::Payable { again: earlier },
        Status::Processing | Status::Paid | Status::Refunded if earlier => Verdict::SettledBefore,
        Status::Processing => Verdict::Processing,
        Status::Paid => Verdict::Paid,
        Status::Refunded => Verdict::Refunded,
        Status::Expired => Verdict::Expired { earlier },
        Status::Underpaid => Verdict::Underpaid,
        Status::Unknown(s) => Verdict::Unknown(s),
    }
}

/// Whether the payment is for the amount and currency asked. An amount the payment does
/// not state (or states unreadably) is not the same: it cannot be shown to be.
pub fn same_money(p: &Payment, new: &NewPayment) -> bool {
    p.amount() == Some(new.amount)
        && p.currency()
            .is_some_and(|c| c.eq_ignore_ascii_case(new.currency.as_str()))
}

impl Verdict {
    /// Whether a watch stops here. A status `le` does not know may still move on, so a
    /// watch goes on through it (and says what it is).
    pub fn is_final(&self) -> bool {
        !matches!(
            self,
            Verdict::Payable { .. } | Verdict::Processing | Verdict::Unknown(_)
        )
    }

    /// Whether its invoice may be offered to a payer.
    pub fn offers_invoice(&self) -> bool {
        matches!(self, Verdict::Payable { .. })
    }

    /// How the command ends, for `create`: a payment that can be paid (or is being paid,
    /// or is paid) is success; every other verdict has its own exit code.
    pub fn outcome(&self) -> Outcome {
        match self {
            Verdict::Payable { .. } | Verdict::Processing | Verdict::Paid => Outcome::Done,
            Verdict::SettledBefore => Outcome::EarlierPayment,
            Verdict::Conflict => Outcome::Conflict,
            Verdict::Expired { .. } => Outcome::Expired,
            Verdict::Underpaid | Verdict::Refunded | Verdict::Unknown(_) => Outcome::OtherEnd,
        }
    }

    /// The exit code of `outcome`.
    pub fn exit_code(&self) -> u8 {
        self.outcome().code()
    }

    /// The machine-readable code: in `{"note": …}` lines, batch rows and tool results.
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Payable { again: false } => "PAYABLE",
            Verdict::Payable { again: true } => "REPLAYED",
            Verdict::Processing => "PROCESSING",
            Verdict::Paid => "PAID",
            Verdict::SettledBefore => "EARLIER_PAYMENT",
            Verdict::Conflict => "ORDER_CONFLICT",
            Verdict::Underpaid => "UNDERPAID",
            Verdict::Expired { .. } => "PAYMENT_EXPIRED",
            Verdict::Refunded => "REFUNDED",
            Verdict::Unknown(_) => "UNKNOWN_STATUS",
        }
    }

    /// What `wait_for_payment` and `watch`'s JSON call the end.
    pub fn outcome_word(&self) -> &'static str {
        match self {
            Verdict::Payable { .. } | Verdict::Processing | Verdict::Unknown(_) => "pending",
            Verdict::Paid => "paid",
            Verdict::SettledBefore => "paidBefore",
            Verdict::Conflict => "conflict",
            Verdict::Underpaid => "underpaid",
            Verdict::Expired { .. } => "expired",
            Verdict::Refunded => "refunded",
        }
    }

    /// Whether a batch row with this payment did its job: the order has a payment that can
    /// be paid, or that settled it for the row's amount.
    pub fn row_ok(&self) -> bool {
        matches!(
            self,
            Verdict::Payable { .. } | Verdict::Processing | Verdict::Paid | Verdict::SettledBefore
        )
    }

    /// The amount the banner leads with: the payment's, but for a conflict the amount
    /// asked, which is what was not taken.
    pub fn banner_amount(&self, p: &Payment, asked: Asked<'_>) -> String {
        match (self, asked) {
            (Verdict::Conflict, Asked::Create { new, .. }) => {
                shown(&new.amount.to_string(), new.currency.as_str())
            }
            _ => crate::render::amount_text(p),
        }
    }

    /// The banner's word and its tone.
    pub fn banner(&self) -> (&'static str, Tone) {
        match self {
            Verdict::Paid => ("PAID", Tone::Good),
            Verdict::Expired { .. } => ("EXPIRED", Tone::Bad),
            Verdict::Underpaid => ("UNDERPAID", Tone::Bad),
            Verdict::SettledBefore => ("PAID BEFORE", Tone::Caution),
            Verdict::Conflict => ("NOT TAKEN", Tone::Caution),
            Verdict::Refunded => ("REFUNDED", Tone::Caution),
            Verdict::Payable { .. } | Verdict::Processing | Verdict::Unknown(_) => {
                ("LOOK AT IT", Tone::Caution)
            }
        }
    }

    /// The banner's second line: what it was for, in a few words.
    pub fn detail(&self, p: &Payment) -> String {
        let order = p.order_id().unwrap_or("?");
        let id = p.invoice_id();
        match self {
            Verdict::SettledBefore => format!("order {order} · {id} · no new payment was taken"),
            Verdict::Conflict => format!(
                "order {order} is {} ({id}) · no new payment was taken",
                amount_of(p)
            ),
            Verdict::Expired { earlier: true } => {
                format!("order {order} · {id} · no new payment was taken")
            }
            Verdict::Underpaid => format!("order {order} · {id} · less than the amount arrived"),
            Verdict::Unknown(s) => format!("order {order} · {id} · status '{s}'"),
            _ => format!("order {order} · {id}"),
        }
    }

    /// The sentence that says what the payment means, in `le`'s words; the server's
    /// (order id, status) escaped.
    pub fn words(&self, p: &Payment, asked: Asked<'_>) -> String {
        let order = printable(p.order_id().unwrap_or("?"));
        let id = printable(p.invoice_id());
        let found = amount_of(p);
        let when = p
            .paid_at()
            .map(|t| format!(" at {}", crate::render::time::local(t)))
            .unwrap_or_default();
        match self {
            Verdict::Payable { again: false } => {
                format!("payment {id} for order {order} ({found}) can be paid")
            }
            Verdict::Payable { again: true } => format!(
                "order {order} already had this payment ({id}, {found}), made earlier and not yet paid: no new payment was made, and it is offered again"
            ),
            Verdict::Processing => {
                format!("payment {id} for order {order} ({found}) is being paid (processing)")
            }
            Verdict::Paid => format!("payment {id} for order {order} ({found}) is paid{when}"),
            Verdict::SettledBefore => {
                let what = match p.status() {
                    Status::Refunded => {
                        format!("was paid{when} ({id}, {found}) and has been refunded")
                    }
                    Status::Processing => {
                        format!("is already being paid, by an earlier payment ({id}, {found})")
                    }
                    _ => format!("was paid{when}, by an earlier payment ({id}, {found})"),
                };
                format!("order {order} {what}: no new payment was taken")
            }
            Verdict::Conflict => {
                let asked = match asked {
                    Asked::Create { new, .. } => {
                        shown(&new.amount.to_string(), new.currency.as_str())
                    }
                    Asked::Paid => "another amount".into(),
                };
                format!(
                    "order {order} already has a payment for {found} ({id}, {}), not the {asked} asked: no new payment was taken",
                    printable(p.status().as_str())
                )
            }
            Verdict::Underpaid => format!(
                "payment {id} for order {order} ({found}) was underpaid: less than the amount arrived, and the API does not say how much; the order is not paid"
            ),
            Verdict::Expired { earlier: true } => format!(
                "order {order}'s earlier payment {id} ({found}) expired unpaid: no new payment was taken"
            ),
            Verdict::Expired { earlier: false } => {
                format!("payment {id} for order {order} ({found}) expired unpaid")
            }
            Verdict::Refunded => {
                format!("payment {id} for order {order} ({found}) was paid and has been refunded")
            }
            Verdict::Unknown(s) => format!(
                "payment {id} for order {order} ({found}) is '{}', a status le does not know: it is not taken for paid",
                printable(s)
            ),
        }
    }

    /// What to do next, in `le`'s words, with the command that reaches the same API.
    pub fn hint(&self, p: &Payment) -> Option<String> {
        let id = p.invoice_id();
        let le = crate::invocation::le();
        // Only an id that looks like one goes into a command a person may paste: the
        // server does not get to write the command, quoted or not.
        let get = match p.order_id() {
            _ if crate::text::is_plain_token(id) => format!("{le} get {id}"),
            Some(order) if crate::text::is_plain_token(order) => {
                format!("{le} get-order {order}")
            }
            _ => format!("{le} get-order <orderId>"),
        };
        match self {
            Verdict::SettledBefore => Some(format!(
                "do not ask the customer to pay again; a new sale needs a new order id ({get} shows the payment)"
            )),
            // Never a command that shows it: it may still be payable, for the other
            // amount.
            Verdict::Conflict => Some(
                "a new sale needs a new order id; the order's payment, for the other amount, stays as it is"
                    .into(),
            ),
            Verdict::Underpaid => Some(format!(
                "look at it ({get}) and settle the difference with the customer; a new payment for the order needs a new order id"
            )),
            Verdict::Unknown(_) => Some(format!("look at it before doing anything else: {get}")),
            _ => None,
        }
    }

    /// The verdict as the JSON `{"note": …}` line, a batch row's and a tool's `details`.
    pub fn to_json(&self, p: &Payment, asked: Asked<'_>) -> Value {
        let mut v = json!({
            "code": self.code(),
            "exitCode": self.exit_code(),
            "message": self.words(p, asked),
            "invoiceId": p.invoice_id(),
            "orderId": p.order_id(),
            "status": p.status().as_str(),
        });
        if let Some(h) = self.hint(p) {
            v["hint"] = h.into();
        }
        if let Asked::Create { new, .. } = asked {
            v["asked"] =
                json!({ "amount": new.amount.to_string(), "currency": new.currency.as_str() });
            v["found"] = json!({ "amount": p.amount_text(), "currency": p.currency() });
        }
        v
    }
}

/// `4.20 USD`, or what the payment says when it is not that.
fn amount_of(p: &Payment) -> String {
    match (p.amount_text(), p.currency()) {
        (Some(a), Some(c)) => printable(&shown(&a, c)),
        (Some(a), None) => format!("{} in no stated currency", printable(&a)),
        (None, Some(c)) => format!("an unstated amount of {}", printable(c)),
        (None, None) => "an unstated amount".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn payment(status: &str, amount: &str, currency: &str) -> Payment {
        let v: Value = serde_json::from_str(&format!(
            r#"{{"invoiceId":"inv_1","orderId":"O-1","status":"{status}","amount":{amount},"currency":"{currency}","lightningInvoice":"lnbcrt1"}}"#
        ))
        .unwrap();
        Payment::from_value(v).unwrap()
    }

    fn new(amount: &str, currency: Currency) -> NewPayment {
        NewPayment {
            order_id: "O-1".into(),
            amount: amount.parse().unwrap(),
            currency,
            description: None,
            customer_email: None,
            customer_name: None,
            success_url: None,
            cancel_url: None,
            metadata: Default::default(),
        }
    }

    /// Every status, for the same money and for another, earlier and made now.
    #[test]
    fn status_amount_currency_table() {
        let asked = new("10", Currency::Usd);
        let statuses = [
            "unpaid",
            "processing",
            "paid",
            "refunded",
            "expired",
            "underpaid",
            "cancelled",
            "",
        ];
        // (found amount, found currency): the same money, another amount, another
        // currency, the same number written with more decimals, lower-case currency.
        let same = [("10", "USD"), ("10.00", "USD"), ("10", "usd")];
        let other = [("0.01", "USD"), ("100", "USD"), ("10", "EUR")];
        for s in statuses {
            let status = if s.is_empty() { "failed" } else { s };
            for (a, c) in same {
                let p = payment(status, a, c);
                let earlier = judge(
                    &p,
                    Asked::Create {
                        new: &asked,
                        earlier: true,
                    },
                );
                let expected = match status {
                    "unpaid" => Verdict::Payable { again: true },
                    "processing" | "paid" | "refunded" => Verdict::SettledBefore,
                    "expired" => Verdict::Expired { earlier: true },
                    "underpaid" => Verdict::Underpaid,
                    other => Verdict::Unknown(other.into()),
                };
                assert_eq!(earlier, expected, "{status} {a} {c}");
                let made = judge(
                    &p,
                    Asked::Create {
                        new: &asked,
                        earlier: false,
                    },
                );
                let expected_made = match status {
                    "unpaid" => Verdict::Payable { again: false },
                    "processing" => Verdict::Processing,
                    "paid" => Verdict::Paid,
                    "refunded" => Verdict::Refunded,
                    "expired" => Verdict::Expired { earlier: false },
                    "underpaid" => Verdict::Underpaid,
                    other => Verdict::Unknown(other.into()),
                };
                assert_eq!(made, expected_made, "made now: {status} {a} {c}");
            }
            for (a, c) in other {
                let p = payment(status, a, c);
                let v = judge(
                    &p,
                    Asked::Create {
                        new: &asked,
                        earlier: true,
                    },
                );
                assert_eq!(v, Verdict::Conflict, "{status} {a} {c}");
                assert_eq!(v.exit_code(), 14);
                assert!(!v.row_ok());
                let words = v.words(
                    &p,
                    Asked::Create {
                        new: &asked,
                        earlier: true,
                    },
                );
                assert!(words.contains("10.00 USD"), "{words}");
                assert!(words.contains(&shown(a, c)), "{words}");
            }
        }
    }

    #[test]
    fn exit_codes_and_codes() {
        let table = [
            (Verdict::Payable { again: false }, 0, "PAYABLE", true),
            (Verdict::Payable { again: true }, 0, "REPLAYED", true),
            (Verdict::Processing, 0, "PROCESSING", true),
            (Verdict::Paid, 0, "PAID", true),
            (Verdict::SettledBefore, 13, "EARLIER_PAYMENT", true),
            (Verdict::Conflict, 14, "ORDER_CONFLICT", false),
            (Verdict::Underpaid, 12, "UNDERPAID", false),
            (
                Verdict::Expired { earlier: true },
                10,
                "PAYMENT_EXPIRED",
                false,
            ),
            (Verdict::Refunded, 12, "REFUNDED", false),
            (Verdict::Unknown("x".into()), 12, "UNKNOWN_STATUS", false),
        ];
        for (v, code, name, ok) in table {
            assert_eq!(v.exit_code(), code, "{v:?}");
            assert_eq!(v.code(), name);
            assert_eq!(v.row_ok(), ok, "{v:?}");
            assert_eq!(v.offers_invoice(), matches!(v, Verdict::Payable { .. }));
        }
    }

    #[test]
    fn a_watch_stops_only_at_a_known_end() {
        for (status, fin) in [
            ("unpaid", false),
            ("processing", false),
            ("cancelled", false),
            ("paid", true),
            ("expired", true),
            ("refunded", true),
            ("underpaid", true),
        ] {
            let v = judge(&payment(status, "1", "USD"), Asked::Paid);
            assert_eq!(v.is_final(), fin, "{status}");
        }
        // Underpaid is one outcome whether a create found it or a watch saw it.
        let asked = new("1", Currency::Usd);
        let p = payment("underpaid", "1", "USD");
        assert_eq!(
            judge(&p, Asked::Paid),
            judge(
                &p,
                Asked::Create {
                    new: &asked,
                    earlier: true
                }
            )
        );
    }

    #[test]
    fn a_missing_amount_is_never_the_same_money() {
        let v: Value = serde_json::from_str(
            r#"{"invoiceId":"inv_1","orderId":"O-1","status":"paid","currency":"USD"}"#,
        )
        .unwrap();
        let p = Payment::from_value(v).unwrap();
        let asked = new("10", Currency::Usd);
        assert_eq!(
            judge(
                &p,
                Asked::Create {
                    new: &asked,
                    earlier: true
                }
            ),
            Verdict::Conflict
        );
    }

    #[test]
    fn server_text_in_words_is_escaped() {
        let v: Value = serde_json::from_str(
            r#"{"invoiceId":"inv_1","orderId":"O\u001b[2J","status":"can\ncelled","amount":1,"currency":"USD"}"#,
        )
        .unwrap();
        let p = Payment::from_value(v).unwrap();
        let verdict = judge(&p, Asked::Paid);
        let w = verdict.words(&p, Asked::Paid);
        assert!(!w.contains('\u{1b}') && !w.contains('\n'), "{w}");
    }
}
