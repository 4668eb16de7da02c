//! `le create`: one payment, shown as a summary, the invoice and a QR code; with
//! `--watch`, then waited for as `le watch` does.

use crate::api::{Call, Identity, Payment, Status};
use crate::app::Ctx;
use crate::cli::CreateArgs;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::follow::{Follow, check_interval, follow};
use crate::input::rows::{Row, new_order_id};
use crate::present::{Offer, announce_end, show_payment};
use crate::text::printable;

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
    if args.watch {
        check_interval(args.interval)?;
    }
    let (row, generated) = row(ctx, &args)?;
    let (new, key) = row.prepare()?;
    if let Some(path) = &args.qr_svg {
        check_writable(path)?;
    }
    let client = ctx.client().await?;
    if let Some(plan) = ctx.plan(&client, &Call::create_payment(&new, &key)?) {
        return Ok(plan);
    }
    if generated {
        ctx.out.note(&format!("order {}", new.order_id));
    }
    let created = client.create_payment(&new, &key).await?;
    let payment = created.payment;
    // A payment the API had made before is not this sale: it must never look like one.
    if created.earlier && !matches!(payment.status(), Status::Unpaid | Status::Expired) {
        return earlier_sale(ctx, &client, &payment);
    }
    if created.earlier && payment.status() == Status::Unpaid {
        ctx.out.note(&format!(
            "order {} already had this payment, made earlier and not yet paid: it is shown again",
            printable(&new.order_id)
        ));
    }
    show_payment(
        ctx,
        &client,
        &payment,
        Offer {
            qr: args.qr,
            svg: args.qr_svg.as_deref(),
            spinner: args.watch,
            made_now: !created.earlier,
        },
    )?;
    if payment.status() == Status::Expired {
        expired_hint(ctx, &args, &new.order_id, generated);
        return Ok(Outcome::Expired);
    }
    if !args.watch {
        return Ok(Outcome::Done);
    }
    let (outcome, last) = follow(
        ctx,
        &client,
        &Identity::of(&payment),
        Follow {
            interval: args.interval,
            timeout: args.timeout,
        },
    )
    .await?;
    if matches!(outcome, Outcome::Interrupted) {
        return Ok(outcome);
    }
    let last = last.unwrap_or(payment);
    if ctx.out.json() {
        // NDJSON: the created payment above, the final one here.
        ctx.out.json_line(last.raw())?;
    } else {
        show_payment(ctx, &client, &last, Offer::PLAIN)?;
    }
    if last.status().is_final() {
        announce_end(ctx, &last);
    }
    if matches!(outcome, Outcome::TimedOut) {
        ctx.out.note(&format!(
            "gave up waiting (--timeout); the payment is still {}: {{le}} watch {} to go on",
            last.status(),
            printable(last.invoice_id())
        ));
    }
    Ok(outcome)
}

/// The order was settled before this sale: say so plainly, show what it was, take
/// nothing (exit 13).
fn earlier_sale(ctx: &Ctx, client: &crate::api::Client, p: &Payment) -> Result<Outcome> {
    let message = crate::present::earlier_payment(p);
    ctx.out.json_note(&serde_json::json!({
        "note": {
            "code": "EARLIER_PAYMENT",
            "message": message,
            "invoiceId": p.invoice_id(),
            "orderId": p.order_id(),
            "status": p.status().as_str(),
        }
    }));
    show_payment(ctx, client, p, Offer::PLAIN)?;
    ctx.out
        .warn(&format!("{message}; a new sale needs a new order id"));
    Ok(Outcome::EarlierPayment)
}

/// How to take a new payment for an order whose payment expired: a command that works
/// when followed, however many times.
fn expired_hint(ctx: &Ctx, args: &CreateArgs, order: &str, generated: bool) {
    if generated {
        ctx.out
            .note("that payment expired; run the same command again for a new order id");
        return;
    }
    let fresh = crate::input::rows::fresh_idempotency_key(order);
    let how = if args.idempotency_key.is_some() {
        format!("the same command with --idempotency-key {fresh} in place of yours")
    } else {
        format!("the same command with --idempotency-key {fresh}")
    };
    ctx.out.note(&format!(
        "that payment expired; to take a new one for order {}, run {how}",
        printable(order)
    ));
}

/// The payment to make, from the flags and the profile's defaults; and whether its order
/// id was made here.
fn row(ctx: &Ctx, a: &CreateArgs) -> Result<(Row, bool)> {
    let profile = ctx.settings()?.profile.clone();
    let amount = a.amount.clone().ok_or_else(|| {
        Error::usage("--amount is required, e.g. le create --amount 3.50 --currency USD")
    })?;
    let currency = a.currency.clone().or(profile.currency.clone()).ok_or_else(|| {
        Error::usage(
            "--currency is required (or a currency in the profile: le config set currency USD), e.g. --currency USD",
        )
    })?;
    let (order, generated) = match (&a.order, &profile.order_prefix) {
        (Some(o), _) => (o.clone(), false),
        (None, Some(prefix)) => (new_order_id(prefix), true),
        (None, None) => {
            return Err(Error::usage(
                "--order is required, e.g. --order ORDER-1 (or an order_prefix in the profile, and le makes one: le config set order_prefix TILL)",
            ));
        }
    };
    Ok((
        Row {
            order,
            amount,
            currency,
            description: a.description.clone().or(profile.description.clone()),
            customer_email: a.customer_email.clone(),
            customer_name: a.customer_name.clone(),
            success_url: a.success_url.clone(),
            cancel_url: a.cancel_url.clone(),
            metadata: a.metadata.clone(),
            idempotency_key: a.idempotency_key.clone(),
        },
        generated,
    ))
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
