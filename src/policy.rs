//! The invoice-check policy: what the API's invoices must agree with, and what happens
//! when one does not (nothing of a payment a customer could pay is shown; a payment
//! nobody can pay any more gets a warning).

use crate::api::{Client, Payment};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::invoice::{Disagreement, Expectations, Network};
use crate::text::printable;

impl Ctx {
    /// What the API's invoices must agree with.
    pub fn expectations(&self, client: &Client) -> Result<Expectations> {
        let s = self.settings()?;
        Ok(Expectations {
            network: s
                .network
                .or_else(|| client.announced_network())
                .unwrap_or(Network::Bitcoin),
            payees: s.payees.clone(),
        })
    }

    /// Cross-checks a payment's invoice against its fields before anything of it is shown.
    /// An invoice a customer could still pay must agree, or nothing of it is shown (exit
    /// 20, naming the payment); for a payment that can no longer be paid a disagreement is
    /// a warning.
    pub fn check_payment(&self, client: &Client, p: &Payment) -> Result<()> {
        self.check(client, p, false)
    }

    /// The check for a payment `le` has just made: whatever status the server gives it, a
    /// disagreement is exit 20. A payment a moment old is not "paid" by the server's word
    /// alone, and a script would otherwise pass its invoice on.
    pub fn check_new_payment(&self, client: &Client, p: &Payment) -> Result<()> {
        self.check(client, p, true)
    }

    fn check(&self, client: &Client, p: &Payment, strict: bool) -> Result<()> {
        let s = self.settings()?;
        if !s.verify {
            self.out.note_once(
                "verify-off",
                &format!(
                    "invoice checks are off ({}): the API's invoices are shown without being checked",
                    s.verify_origin.describe()
                ),
            );
            return Ok(());
        }
        let expect = self.expectations(client)?;
        let Err(d) = crate::invoice::cross_check(p, &expect) else {
            return Ok(());
        };
        let who = format!(
            "payment {} (order {}, {})",
            printable(p.invoice_id()),
            p.order_id().map_or_else(|| "unknown".into(), printable),
            printable(p.status().as_str())
        );
        let (code, summary, problems) = match d {
            Disagreement::Invalid(why) => (
                "INVALID_INVOICE",
                format!("the API's lightningInvoice for {who} is not a valid BOLT11 invoice"),
                vec![why],
            ),
            Disagreement::Problems(problems) => (
                "INVOICE_MISMATCH",
                format!("the API's invoice for {who} does not agree with the payment"),
                problems,
            ),
        };
        if strict || p.status().is_payable() {
            return Err(Error::mismatch(
                code,
                format!("{summary}; it is not shown (--no-verify to show it anyway)"),
                problems,
                // Named, never with a way to pay the invoice that failed.
                Some(serde_json::json!({ "payment": p.without_means_of_payment().raw() })),
            ));
        }
        self.out
            .warn(&format!("{summary}: {}", problems.join("; ")));
        Ok(())
    }
}
