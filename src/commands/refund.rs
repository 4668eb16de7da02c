//! `le refund create|get|list`.

use crate::api::Refund;
use crate::cli::{RefundCommand, RefundCreateArgs};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::exit::Outcome;
use crate::input::check_id;
use crate::refunding::RefundInput;
use crate::render::tables::{refund_table, refunds_table};

pub async fn run(ctx: &Ctx, cmd: RefundCommand) -> Result<Outcome> {
    match cmd {
        RefundCommand::Create(a) => create(ctx, a).await,
        RefundCommand::Get { refund_id } => {
            check_id("the refund id", "le refund get ref_abc123", &refund_id)?;
            let client = ctx.client().await?;
            let r = client.get_refund(&refund_id).await?;
            show(ctx, &r)
        }
        RefundCommand::List { invoice } => {
            if let Some(id) = &invoice {
                check_id("--invoice", "--invoice inv_abc123", id)?;
            }
            let client = ctx.client().await?;
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
    let prepared = RefundInput {
        invoice: a.invoice,
        amount: a.amount,
        currency: a.currency,
        lightning_invoice: a.lightning_invoice,
        bitcoin_address: a.bitcoin_address,
        reason: a.reason,
        idempotency_key: a.idempotency_key,
    }
    .prepare()?;
    let client = ctx.client().await?;
    prepared.check_against_payment(ctx, &client).await?;
    let created = client.create_refund(&prepared.new, &prepared.key).await?;
    if created.earlier {
        ctx.out.note("note: the API already had this refund request; this is the refund it made then, not a new one");
    }
    show(ctx, &created.refund)
}
