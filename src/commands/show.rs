//! `le get`, `le get-order`, `le sync`: read a payment and show it.

use crate::ctx::Ctx;
use crate::error::Result;
use crate::exit::Outcome;
use crate::input::check_id;
use crate::present::{Offer, show_payment};

pub async fn get(ctx: &Ctx, invoice_id: &str, qr: crate::cli::QrMode) -> Result<Outcome> {
    check_id("the invoice id", "le get inv_abc123", invoice_id)?;
    let client = ctx.client().await?;
    let p = client.get_payment(invoice_id).await?;
    let offer = Offer { qr, ..Offer::PLAIN };
    show_payment(ctx, &client, &p, offer)?;
    Ok(Outcome::Done)
}

pub async fn get_order(ctx: &Ctx, order_id: &str) -> Result<Outcome> {
    check_id("the order id", "le get-order ORDER-1", order_id)?;
    let client = ctx.client().await?;
    let p = client.get_payment_by_order(order_id).await?;
    show_payment(ctx, &client, &p, Offer::PLAIN)?;
    Ok(Outcome::Done)
}

pub async fn sync(ctx: &Ctx, invoice_id: &str) -> Result<Outcome> {
    check_id("the invoice id", "le sync inv_abc123", invoice_id)?;
    let client = ctx.client().await?;
    let p = client.sync_payment(invoice_id).await?;
    show_payment(ctx, &client, &p, Offer::PLAIN)?;
    Ok(Outcome::Done)
}
