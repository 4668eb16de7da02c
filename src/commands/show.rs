//! `le get`, `le get-order`, `le sync`: read a payment and show it.

use super::{Ctx, check_id};
use crate::api::Payment;
use crate::error::Result;
use crate::render;

pub async fn get(ctx: &Ctx, invoice_id: &str) -> Result<()> {
    check_id("the invoice id", "le get inv_abc123", invoice_id)?;
    let p = ctx.client().await?.get_payment(invoice_id).await?;
    show(ctx, &p)
}

pub async fn get_order(ctx: &Ctx, order_id: &str) -> Result<()> {
    check_id("the order id", "le get-order ORDER-1", order_id)?;
    let p = ctx.client().await?.get_payment_by_order(order_id).await?;
    show(ctx, &p)
}

pub async fn sync(ctx: &Ctx, invoice_id: &str) -> Result<()> {
    check_id("the invoice id", "le sync inv_abc123", invoice_id)?;
    let p = ctx.client().await?.sync_payment(invoice_id).await?;
    show(ctx, &p)
}

/// A payment on stdout: the API's object under `--json`, else the summary and, while it
/// can still be paid, the invoice.
pub fn show(ctx: &Ctx, p: &Payment) -> Result<()> {
    ctx.verify(p)?;
    let out = &ctx.out;
    if out.json {
        return out.json_line(p.raw());
    }
    let mut text = render::payment_table(p, out);
    if let Some(inv) = p.lightning_invoice()
        && p.status() == crate::api::Status::Unpaid
    {
        text.push('\n');
        text.push_str(&render::clean(inv));
        text.push('\n');
    }
    out.text(&text)
}
