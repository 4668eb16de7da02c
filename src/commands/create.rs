//! `le create`: one payment, shown as a summary, the invoice and a QR code.

use crate::api::{Call, Status};
use crate::app::Ctx;
use crate::cli::CreateArgs;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::input::rows::Row;
use crate::present::{Offer, show_payment};

pub async fn run(ctx: &Ctx, args: CreateArgs) -> Result<Outcome> {
    for (given, flag) in [
        (args.unordered, "--unordered"),
        (args.journal.is_some(), "--journal"),
        (args.concurrency.is_some(), "--concurrency"),
    ] {
        if given {
            return Err(Error::usage(format!(
                "{flag} goes with --from FILE (a batch)"
            )));
        }
    }
    let (new, key) = row(&args).prepare()?;
    if let Some(path) = &args.qr_svg {
        check_writable(path)?;
    }
    let client = ctx.client().await?;
    if let Some(plan) = ctx.plan(&client, &Call::create_payment(&new, &key)?) {
        return Ok(plan);
    }
    let created = client.create_payment(&new, &key).await?;
    let payment = &created.payment;
    if created.earlier {
        ctx.out.note(&format!(
            "note: this request was made before (idempotency key {key}): this is the payment it created then, now {}",
            payment.status()
        ));
    }
    show_payment(
        ctx,
        &client,
        payment,
        Offer {
            qr: args.qr,
            svg: args.qr_svg.as_deref(),
        },
    )?;
    if payment.status() == Status::Expired {
        ctx.out.note(&format!(
            "that payment expired; to take a new one for order {}, run the same command with --idempotency-key {}-2",
            new.order_id, new.order_id
        ));
        return Ok(Outcome::Expired);
    }
    Ok(Outcome::Done)
}

fn row(a: &CreateArgs) -> Row {
    Row {
        order: a.order.clone().unwrap_or_default(),
        amount: a.amount.clone().unwrap_or_default(),
        currency: a.currency.clone().unwrap_or_default(),
        description: a.description.clone(),
        customer_email: a.customer_email.clone(),
        customer_name: a.customer_name.clone(),
        success_url: a.success_url.clone(),
        cancel_url: a.cancel_url.clone(),
        metadata: a.metadata.clone(),
        idempotency_key: a.idempotency_key.clone(),
    }
}

fn check_writable(path: &std::path::Path) -> Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    if !parent.is_dir() {
        return Err(Error::usage(format!(
            "--qr-svg {}: the directory {} does not exist",
            path.display(),
            parent.display()
        )));
    }
    if path.is_dir() {
        return Err(Error::usage(format!(
            "--qr-svg {} is a directory; give a file name, e.g. --qr-svg invoice.svg",
            path.display()
        )));
    }
    Ok(())
}
