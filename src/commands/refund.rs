//! `le refund create|get|list`.

use std::str::FromStr;

use bitcoin::hashes::{Hash, sha256};
use rust_decimal::Decimal;

use crate::api::{Call, NewRefund, Refund};
use crate::app::Ctx;
use crate::cli::{RefundCommand, RefundCreateArgs};
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::input::rows::{check_idempotency_key, parse_money};
use crate::input::{check_id, check_text};
use crate::invoice::{Network, decode};
use crate::money::group_thousands;
use crate::render::tables::{refund_table, refunds_table};
use crate::text::printable;

pub async fn run(ctx: &Ctx, cmd: RefundCommand) -> Result<Outcome> {
    match cmd {
        RefundCommand::Create(a) => create(ctx, a).await,
        RefundCommand::Get { refund_id } => {
            check_id("the refund id", "le refund get ref_abc123", &refund_id)?;
            let client = ctx.client().await?;
            if let Some(plan) = ctx.plan(&client, &Call::get_refund(&refund_id)) {
                return Ok(plan);
            }
            let r = client.get_refund(&refund_id).await?;
            show(ctx, &r)
        }
        RefundCommand::List { invoice } => {
            if let Some(id) = &invoice {
                check_id("--invoice", "--invoice inv_abc123", id)?;
            }
            let client = ctx.client().await?;
            if let Some(plan) = ctx.plan(&client, &Call::list_refunds(invoice.as_deref())) {
                return Ok(plan);
            }
            let items = client.list_refunds(invoice.as_deref()).await?;
            if ctx.out.json() {
                for r in &items {
                    ctx.out.json_line(r.raw())?;
                }
            } else {
                ctx.out.show(&refunds_table(&items, &ctx.out))?;
            }
            Ok(Outcome::Done)
        }
    }
}

fn show(ctx: &Ctx, r: &Refund) -> Result<Outcome> {
    if ctx.out.json() {
        ctx.out.json_line(r.raw())?;
    } else {
        ctx.out.show(&refund_table(r, &ctx.out))?;
    }
    Ok(Outcome::Done)
}

async fn create(ctx: &Ctx, a: RefundCreateArgs) -> Result<Outcome> {
    check_id("--invoice", "--invoice inv_abc123", &a.invoice)?;
    let (currency, amount) = parse_money(&a.amount, &a.currency)?;
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
            check_idempotency_key(k)?;
            k.clone()
        }
        None => {
            let body = serde_json::to_vec(&new).map_err(Error::internal)?;
            format!("le-refund-{}", &sha256::Hash::hash(&body).to_string()[..40])
        }
    };
    // What matters is the refund request, not the lookup that checks it.
    if let Some(plan) = ctx.plan(&client, &Call::create_refund(&new, &key)?) {
        return Ok(plan);
    }
    // The payment tells what the refund is worth in sats, and which network it is on.
    let payment = client.get_payment(&a.invoice).await?;
    let expect = ctx.expectations(&client)?;
    if let Some(pc) = payment.currency()
        && !pc.eq_ignore_ascii_case(currency.as_str())
    {
        return Err(Error::usage(format!(
            "payment {} is in {pc}; refund it in {pc}, e.g. --currency {pc}",
            printable(&a.invoice),
            pc = printable(pc)
        )));
    }
    if let Some(d) = &customer {
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
    if let Some(addr) = &a.bitcoin_address {
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
    let created = client.create_refund(&new, &key).await?;
    if created.earlier {
        ctx.out.note("note: the API already had this refund request; this is the refund it made then, not a new one");
    }
    show(ctx, &created.refund)
}

/// What `amount` of the payment is worth in sats: its share of the payment's own sats.
fn refund_sats(p: &crate::api::Payment, amount: Decimal) -> Option<u64> {
    crate::money::share_of_sats(amount, p.amount()?, p.amount_sats()?)
}
