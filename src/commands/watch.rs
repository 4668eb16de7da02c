//! `le watch`: poll a payment until it settles, with an exit code a script can branch on.

use std::time::Instant;

use crate::api::Call;
use crate::api::{Identity, Payment, Status};
use crate::app::Ctx;
use crate::cli::QrMode;
use crate::cli::WatchArgs;
use crate::error::Result;
use crate::exit::Outcome;
use crate::follow::{Follow, check_interval, follow};
use crate::input::check_id;
use crate::present::{Offer, announce_end, show_payment};

fn final_outcome(p: &Payment) -> Outcome {
    match p.status() {
        Status::Paid => Outcome::Done,
        Status::Expired => Outcome::Expired,
        _ => Outcome::OtherEnd,
    }
}

pub async fn run(ctx: &Ctx, args: WatchArgs) -> Result<Outcome> {
    let invoice_id = args.invoice_ids[0].clone();
    check_id("the invoice id", "le watch inv_abc123", &invoice_id)?;
    check_interval(args.interval)?;
    let client = ctx.client().await?;
    if let Some(plan) = ctx.plan(&client, &Call::get_payment(&invoice_id)) {
        return Ok(plan);
    }
    let started = Instant::now();
    // What the person is shown is what is watched: the payment, not only its id.
    let mut watched = Identity::invoice(&invoice_id);
    // The customer walked off, the screen was cleared: the QR code again, above the
    // spinner, while it can be paid.
    if args.qr != QrMode::Never {
        let p = client.get_payment(&invoice_id).await?;
        watched = Identity::of(&p);
        show_payment(
            ctx,
            &client,
            &p,
            Offer {
                qr: args.qr,
                svg: None,
                spinner: true,
                made_now: false,
            },
        )?;
        if p.status().is_final() {
            announce_end(ctx, &p);
            return Ok(final_outcome(&p));
        }
    }
    let (outcome, last) = follow(
        ctx,
        &client,
        &watched,
        Follow {
            interval: args.interval,
            timeout: args.timeout,
        },
    )
    .await?;
    // Ctrl-C leaves a clean line: no summary printed again.
    if matches!(outcome, Outcome::Interrupted) {
        return Ok(outcome);
    }
    if let Some(p) = &last {
        show_payment(ctx, &client, p, Offer::PLAIN)?;
        if p.status().is_final() {
            announce_end(ctx, p);
        }
    }
    if matches!(outcome, Outcome::TimedOut) {
        ctx.out.note(&format!(
            "gave up after {} (--timeout); the payment is still {}",
            crate::render::time::human_span(started.elapsed().as_secs()),
            last.as_ref()
                .map_or("unknown".into(), |p| p.status().to_string())
        ));
    }
    Ok(outcome)
}
