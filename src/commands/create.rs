//! `le create`: one payment, shown as a summary, the invoice and a QR code; with
//! `--watch`, then waited for as `le watch` does.

use crate::api::Payment;
use crate::cli::CreateArgs;
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::exit::Outcome;
use crate::follow::{Follow, check_interval, check_timeout};
use crate::input::rows::{Row, new_order_id};
use crate::present::{Offer, Sale, announce, show_payment, show_unoffered, tell, watch_sale};
use crate::stop::interruptible;
use crate::text::printable;
use crate::verdict::{Asked, Verdict, judge};

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
        check_timeout(args.timeout)?;
    }
    let (row, generated) = row(ctx, &args)?;
    let (new, key) = row.prepare()?;
    if let Some(path) = &args.qr_svg {
        check_writable(path)?;
    }
    let client = ctx.client().await?;
    if generated && !ctx.dry_run() {
        ctx.out.note(&format!("order {}", new.order_id));
    }
    // The create is stopped by Ctrl-C where it is; the wait after it has its own way out.
    let created = match interruptible(client.create_payment(&new, &key)).await {
        Err(Error::Interrupted(None)) => {
            return Err(interrupted_create(&args, &new.order_id, generated));
        }
        other => other?,
    };
    let payment = created.payment;
    let asked = Asked::Create {
        new: &new,
        earlier: created.earlier,
    };
    // A lying invoice never reaches a customer, nor a script. A payment made by this call
    // is checked strictly, whatever its status: a moment old, it is not "paid" by the
    // server's word alone.
    if created.earlier {
        ctx.check_payment(&client, &payment)?;
    } else {
        ctx.check_new_payment(&client, &payment)?;
    }
    let verdict = judge(&payment, asked);
    // A payment this call made that the server already calls paid, or being paid, or
    // something le does not know: --watch reads it until it is settled, rather than
    // take the answer to the create for the end.
    let watch_anyway = args.watch
        && !created.earlier
        && matches!(
            verdict,
            Verdict::Processing | Verdict::Paid | Verdict::Unknown(_)
        );
    if !verdict.offers_invoice() && !watch_anyway {
        return not_for_sale(ctx, &args, asked, &payment, &verdict, generated);
    }
    if created.earlier {
        // The same sale, made before: said, and offered again.
        tell(ctx, &payment, &verdict, asked, None, None);
    }
    let offer = Offer {
        qr: args.qr,
        svg: args.qr_svg.as_deref(),
        spinner: args.watch,
        made_now: !created.earlier,
    };
    if !args.watch {
        show_payment(ctx, &client, &payment, offer)?;
        return Ok(Outcome::Done);
    }
    let id = payment.invoice_id().to_owned();
    // Said again where the cashier looks while the code is up.
    let note = created.earlier.then(|| verdict.words(&payment, asked));
    watch_sale(
        ctx,
        &client,
        Sale {
            first: Some(payment),
            invoice_id: &id,
            offer,
            follow: Follow {
                interval: args.interval,
                timeout: args.timeout,
                stop_on_terminate: true,
            },
            note,
        },
    )
    .await
}

/// A create that took nothing: the order's payment is settled, for other money, expired,
/// underpaid or in a status `le` does not know (or, made now, already past being paid).
/// The verdict leads (a banner for a person at a till), then the payment, never its
/// invoice; nothing is waited for.
fn not_for_sale(
    ctx: &Ctx,
    args: &CreateArgs,
    asked: Asked<'_>,
    p: &Payment,
    v: &Verdict,
    generated: bool,
) -> Result<Outcome> {
    // A new payment for an order whose payment expired: under another key (one made up
    // for it, never used before), or, for an order id made for this run, a new order.
    let fresh = match (v, asked) {
        (Verdict::Expired { .. }, Asked::Create { new, .. }) if !generated => {
            Some(crate::input::rows::fresh_idempotency_key(&new.order_id))
        }
        _ => None,
    };
    let hint = match (v, asked) {
        (Verdict::Expired { .. }, Asked::Create { new, .. }) => {
            Some(expired_hint(args, &new.order_id, fresh.as_deref()))
        }
        _ => None,
    };
    announce(ctx, p, v, asked);
    tell(ctx, p, v, asked, hint, fresh.as_deref());
    show_unoffered(ctx, p)?;
    Ok(v.outcome())
}

/// Ctrl-C while a create was on its way: the API may have made the payment, and the
/// same command finds it (its idempotency key is the same) rather than make another.
fn interrupted_create(args: &CreateArgs, order: &str, generated: bool) -> Error {
    let le = crate::invocation::le();
    let hint = match (generated, crate::text::is_plain_token(order)) {
        // The same command would make another order id, and so another payment.
        (true, _) => format!(
            "{le} get-order {order} says whether it was made; the same command again would make a new order"
        ),
        (false, true) if args.idempotency_key.is_none() => format!(
            "run the same command again, or {le} get-order {order} to look: it finds that payment if it was made, and never makes a second"
        ),
        _ => "run the same command again: it finds that payment if it was made, and never makes a second".to_owned(),
    };
    Error::Interrupted(Some(Box::new(crate::error::Left {
        invoice_id: None,
        message: format!(
            "stopped while the create for order {} was on its way: the API may have made the payment",
            printable(order)
        ),
        hint,
    })))
}

/// How to take a new payment for an order whose payment expired: a command that works
/// when followed, however many times.
fn expired_hint(args: &CreateArgs, order: &str, fresh: Option<&str>) -> String {
    let Some(fresh) = fresh else {
        return "run the same command again: it makes a new order id".into();
    };
    let how = if args.idempotency_key.is_some() {
        format!("the same command with --idempotency-key {fresh} in place of yours")
    } else {
        format!("the same command with --idempotency-key {fresh}")
    };
    format!(
        "to take a new payment for order {}, run {how}",
        printable(order)
    )
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
