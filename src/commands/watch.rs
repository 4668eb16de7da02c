//! `le watch`: poll a payment until it settles, with an exit code a script can branch on.

use crate::cli::{QrMode, WatchArgs};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::exit::Outcome;
use crate::follow::{Follow, check_interval, check_timeout};
use crate::input::check_id;
use crate::present::{Offer, Sale, ended, watch_sale};
use crate::stop::interruptible;
use crate::verdict::{Asked, judge};

pub async fn run(ctx: &Ctx, args: WatchArgs) -> Result<Outcome> {
    let invoice_id = args.invoice_ids[0].clone();
    check_id("the invoice id", "le watch inv_abc123", &invoice_id)?;
    check_interval(args.interval)?;
    check_timeout(args.timeout)?;
    let client = ctx.client().await?;
    // The customer walked off, the screen was cleared: the QR code again, above the
    // spinner, while it can be paid. What the person is shown is what is watched.
    let mut first = None;
    if args.qr != QrMode::Never {
        let p = interruptible(client.get_payment(&invoice_id)).await?;
        let v = judge(&p, Asked::Paid);
        if v.is_final() {
            return ended(ctx, &client, &p, &v, Asked::Paid);
        }
        first = Some(p);
    }
    watch_sale(
        ctx,
        &client,
        Sale {
            first,
            invoice_id: &invoice_id,
            offer: Offer {
                qr: args.qr,
                svg: None,
                spinner: true,
                made_now: false,
            },
            follow: Follow {
                interval: args.interval,
                timeout: args.timeout,
                stop_on_terminate: true,
            },
            note: None,
        },
    )
    .await
}
