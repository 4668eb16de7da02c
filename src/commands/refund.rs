//! `le refund create|get|list`.

use std::str::FromStr;

use bitcoin::hashes::{Hash, sha256};
use rust_decimal::Decimal;

use super::{Ctx, check_id, check_text};
use crate::api::{NewRefund, Refund};
use crate::cli::{RefundCommand, RefundCreateArgs};
use crate::error::{Error, Result};
use crate::invoice::{Network, decode};
use crate::money::{group_thousands, printable};
use crate::render::tables::{refund_table, refunds_table};

pub async fn run(ctx: &Ctx, cmd: RefundCommand) -> Result<()> {
    match cmd {
        RefundCommand::Create(a) => create(ctx, a).await,
        RefundCommand::Get { refund_id } => {
            check_id("the refund id", "le refund get ref_abc123", &refund_id)?;
            let r = ctx.client().await?.get_refund(&refund_id).await?;
            show(ctx, &r)
        }
        RefundCommand::List { invoice } => {
            if let Some(id) = &invoice {
                check_id("--invoice", "--invoice inv_abc123", id)?;
            }
            let items = ctx.client().await?.list_refunds(invoice.as_deref()).await?;
            if ctx.out.json {
                for r in &items {
                    ctx.out.json_line(r.raw())?;
                }
                Ok(())
            } else {
                ctx.out.text(&refunds_table(&items, &ctx.out))
            }
        }
    }
}

fn show(ctx: &Ctx, r: &Refund) -> Result<()> {
    if ctx.out.json {
        ctx.out.json_line(r.raw())
    } else {
        ctx.out.text(&refund_table(r, &ctx.out))
    }
}

async fn create(ctx: &Ctx, a: RefundCreateArgs) -> Result<()> {
    check_id("--invoice", "--invoice inv_abc123", &a.invoice)?;
    let (currency, amount) = super::create::money_flags(&a.amount, &a.currency)?;
    if let Some(r) = &a.reason {
        check_text("--reason", r)?;
    }
    // The customer's invoice is decoded before anything is sent.
    let customer = match &a.lightning_invoice {
        Some(text) => {
            Some(decode(text).map_err(|e| Error::usage(format!("--lightning-invoice: {e}")))?)
        }
        None => None,
    };
    if let Some(addr) = &a.bitcoin_address {
        bitcoin::Address::from_str(addr.trim()).map_err(|e| {
            Error::usage(format!(
                "--bitcoin-address '{}' is not a Bitcoin address: {e}",
                printable(addr)
            ))
        })?;
    }
    let client = ctx.client().await?;
    let expect = ctx.expectations();
    let new = NewRefund {
        invoice_id: a.invoice.clone(),
        amount,
        currency,
        lightning_invoice: a.lightning_invoice.as_ref().map(|s| s.trim().to_owned()),
        bitcoin_address: a.bitcoin_address.as_ref().map(|s| s.trim().to_owned()),
        reason: a.reason.clone(),
    };
    let key = match &a.idempotency_key {
        Some(k) => {
            super::create::check_idempotency_key(k)?;
            k.clone()
        }
        None => {
            let body = serde_json::to_vec(&new).map_err(Error::internal)?;
            format!("le-refund-{}", &sha256::Hash::hash(&body).to_string()[..40])
        }
    };
    if client.is_dry_run() {
        // What matters is the refund request, not the lookup that checks it.
        client.create_refund(&new, &key).await?;
    }
    // The payment tells what the refund is worth in sats, and which network it is on.
    let payment = client.get_payment(&a.invoice).await?;
    if let Some(pc) = payment.currency()
        && !pc.eq_ignore_ascii_case(currency.as_str())
    {
        return Err(Error::usage(format!(
            "payment {} is in {pc}; refund it in {pc}, e.g. --currency {pc}",
            a.invoice
        )));
    }
    if let Some(d) = &customer {
        let network = expect.map_or(d.network(), |e| e.network);
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
        if let (Some(msat), Some(worth)) = (d.amount_msat(), refund_sats(&payment, amount))
            && msat != worth * 1000
        {
            return Err(Error::usage(format!(
                "--lightning-invoice asks for {} sats but {amount} {currency} of this payment is worth {} sats: ask the customer for an invoice of {} sats, or one without an amount",
                group_thousands(msat / 1000),
                group_thousands(worth),
                group_thousands(worth)
            )));
        }
    }
    if let (Some(addr), Some(expect)) = (&a.bitcoin_address, expect) {
        let net = match expect.network {
            Network::Bitcoin => bitcoin::Network::Bitcoin,
            Network::Testnet => bitcoin::Network::Testnet,
            Network::Signet => bitcoin::Network::Signet,
            Network::Regtest | Network::Simnet => bitcoin::Network::Regtest,
        };
        let parsed = bitcoin::Address::from_str(addr.trim()).map_err(Error::usage)?;
        if !parsed.is_valid_for_network(net) {
            return Err(Error::usage(format!(
                "--bitcoin-address {} is not an address on {}",
                printable(addr),
                expect.network.name()
            )));
        }
    }
    let (refund, replayed) = client.create_refund(&new, &key).await?;
    if replayed {
        ctx.out.note("note: the API already had this refund request; this is the refund it created then, not a new one");
    }
    show(ctx, &refund)
}

/// What `amount` of the payment is worth in sats: its share of the payment's own sats.
fn refund_sats(p: &crate::api::Payment, amount: Decimal) -> Option<u64> {
    let total: Decimal = p.amount_text()?.parse().ok()?;
    crate::money::share_of_sats(amount, total, p.amount_sats()?)
}
