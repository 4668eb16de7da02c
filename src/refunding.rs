//! A refund to make, as `le refund create`'s flags or an MCP tool call give it, checked
//! the same way either way: first offline, then against the payment it refunds.

use std::str::FromStr;

use bitcoin::hashes::{Hash, sha256};
use rust_decimal::Decimal;

use crate::api::{Client, NewRefund, Payment};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::input::rows::{check_idempotency_key, parse_money};
use crate::input::{check_id, check_text};
use crate::invoice::{Decoded, Network, decode};
use crate::money::group_thousands;
use crate::text::printable;

/// One refund to make, as given.
#[derive(Debug, Clone, Default)]
pub struct RefundInput {
    pub invoice: String,
    pub amount: String,
    pub currency: String,
    pub lightning_invoice: Option<String>,
    pub bitcoin_address: Option<String>,
    pub reason: Option<String>,
    pub idempotency_key: Option<String>,
}

/// A refund request that passed the offline checks, and the idempotency key it goes with.
pub struct Prepared {
    pub new: NewRefund,
    pub key: String,
    customer: Option<Decoded>,
}

impl RefundInput {
    /// Everything that can be checked before a request is sent.
    pub fn prepare(&self) -> Result<Prepared> {
        check_id("--invoice", "--invoice inv_abc123", &self.invoice)?;
        let (currency, amount) = parse_money(&self.amount, &self.currency)?;
        if let Some(r) = &self.reason {
            check_text("--reason", r)?;
        }
        match (&self.lightning_invoice, &self.bitcoin_address) {
            (Some(_), Some(_)) => {
                return Err(Error::usage(
                    "give either --lightning-invoice or --bitcoin-address, not both",
                ));
            }
            (None, None) => {
                return Err(Error::usage(
                    "say where the refund goes: --lightning-invoice BOLT11 (the customer's invoice) or --bitcoin-address ADDRESS",
                ));
            }
            _ => {}
        }
        // The customer's invoice is decoded before anything is sent.
        let customer = match &self.lightning_invoice {
            Some(text) => {
                Some(decode(text).map_err(|e| Error::usage(format!("--lightning-invoice: {e}")))?)
            }
            None => None,
        };
        if let Some(addr) = &self.bitcoin_address {
            bitcoin::Address::from_str(addr.trim()).map_err(|e| {
                Error::usage(format!(
                    "--bitcoin-address '{}' is not a Bitcoin address: {e}",
                    printable(addr)
                ))
            })?;
        }
        let new = NewRefund {
            invoice_id: self.invoice.clone(),
            amount,
            currency,
            lightning_invoice: self.lightning_invoice.as_ref().map(|s| s.trim().to_owned()),
            bitcoin_address: self.bitcoin_address.as_ref().map(|s| s.trim().to_owned()),
            reason: self.reason.clone(),
        };
        let key = match &self.idempotency_key {
            Some(k) => {
                check_idempotency_key(k)?;
                k.clone()
            }
            None => {
                let body = serde_json::to_vec(&new).map_err(Error::internal)?;
                format!("le-refund-{}", &sha256::Hash::hash(&body).to_string()[..40])
            }
        };
        Ok(Prepared { new, key, customer })
    }
}

impl Prepared {
    /// Checks the refund against the payment it refunds: its currency, the network, and
    /// what the customer's invoice asks for.
    pub async fn check_against_payment(&self, ctx: &Ctx, client: &Client) -> Result<()> {
        let new = &self.new;
        // A dry run shows the refund request itself, not the read that checks it.
        if client.is_dry_run() {
            return Ok(());
        }
        // The payment tells what the refund is worth in sats, and which network it is on.
        let payment = client.get_payment(&new.invoice_id).await?;
        let expect = ctx.expectations(client)?;
        if let Some(pc) = payment.currency()
            && !pc.eq_ignore_ascii_case(new.currency.as_str())
        {
            return Err(Error::usage(format!(
                "payment {} is in {pc}; refund it in {pc}, e.g. --currency {pc}",
                printable(&new.invoice_id),
                pc = printable(pc)
            )));
        }
        if let Some(d) = &self.customer {
            let network = expect.network;
            if d.network() != network {
                return Err(Error::usage(format!(
                    "--lightning-invoice is for {} but this API pays on {}",
                    d.network().name(),
                    network.name()
                )));
            }
            if d.expires() <= jiff::Timestamp::now().as_second() {
                return Err(Error::usage(
                    "--lightning-invoice has expired: ask the customer for a new one",
                ));
            }
            if let (Some(msat), Some(worth)) = (d.amount_msat(), refund_sats(&payment, new.amount))
                && msat != worth * 1000
            {
                return Err(Error::usage(format!(
                    "--lightning-invoice asks for {} sats but {} {} of this payment is worth {} sats: ask the customer for an invoice of {} sats, or one without an amount",
                    group_thousands(msat / 1000),
                    new.amount,
                    new.currency,
                    group_thousands(worth),
                    group_thousands(worth)
                )));
            }
        }
        if let Some(addr) = &new.bitcoin_address {
            let net = match expect.network {
                Network::Bitcoin => bitcoin::Network::Bitcoin,
                Network::Testnet => bitcoin::Network::Testnet,
                Network::Signet => bitcoin::Network::Signet,
                Network::Regtest | Network::Simnet => bitcoin::Network::Regtest,
            };
            let parsed = bitcoin::Address::from_str(addr).map_err(Error::usage)?;
            if !parsed.is_valid_for_network(net) {
                return Err(Error::usage(format!(
                    "--bitcoin-address {} is not an address on {}",
                    printable(addr),
                    expect.network.name()
                )));
            }
        }
        Ok(())
    }
}

/// What `amount` of the payment is worth in sats: its share of the payment's own sats.
fn refund_sats(p: &Payment, amount: Decimal) -> Option<u64> {
    crate::money::share_of_sats(amount, p.amount()?, p.amount_sats()?)
}
