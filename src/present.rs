//! A payment shown to a person or a script, the same way by every command: checked
//! first (a wrong invoice is never shown as payable), then the API's object under
//! `--json`, else the summary, the invoice string while it can be paid, and its QR code,
//! laid out for the terminal there is.

use std::path::Path;

use crate::api::{Client, Payment, Status};
use crate::app::Ctx;
use crate::cli::QrMode;
use crate::error::Result;
use crate::render::{self, Screen, qr, till};

/// How a payable invoice is offered.
#[derive(Debug, Clone, Copy)]
pub struct Offer<'a> {
    pub qr: QrMode,
    pub svg: Option<&'a Path>,
    /// A spinner will follow on the line under the QR code (`--watch`): keep a row for it.
    pub spinner: bool,
    /// `le` has just made this payment: checked strictly, whatever its status.
    pub made_now: bool,
}

impl Offer<'_> {
    /// The summary and invoice string, no QR code.
    pub const PLAIN: Offer<'static> = Offer {
        qr: QrMode::Never,
        svg: None,
        spinner: false,
        made_now: false,
    };
}

pub fn show_payment(ctx: &Ctx, client: &Client, p: &Payment, offer: Offer<'_>) -> Result<()> {
    // A lying invoice must not reach a customer's wallet as a string or a QR code.
    if offer.made_now {
        ctx.check_new_payment(client, p)?;
    } else {
        ctx.check_payment(client, p)?;
    }
    let out = &ctx.out;
    // Only an invoice that can still be paid is offered to a payer.
    let payable = p.status() == Status::Unpaid;
    let invoice = p.lightning_invoice().filter(|_| payable);
    if let (Some(path), Some(inv)) = (offer.svg, invoice) {
        match qr::write_svg(inv, path) {
            Ok(()) => out.note(&format!("QR code written to {}", path.display())),
            Err(e) => out.warn(&e),
        }
    }
    let want_qr = invoice.is_some()
        && match offer.qr {
            QrMode::Never => false,
            QrMode::Always => true,
            QrMode::Auto => out.stdout_tty() && !out.json(),
        };
    if out.json() {
        out.json_line(p.raw())?;
        if want_qr && let Some(inv) = invoice {
            // The QR goes to stderr so that stdout stays one JSON document per line.
            let (ink, _) = qr::choose_ink(out.stderr_color(), out.stderr_tty());
            match qr::terminal(inv, ink) {
                Ok(art) => out.show_stderr(&art),
                Err(e) => out.warn(&e),
            }
        }
        return Ok(());
    }
    let (Some(inv), true) = (invoice, want_qr) else {
        let mut screen = render::payment_table(p, out);
        match invoice {
            Some(inv) => screen.push(&Screen::plain(&format!("\n{inv}\n"))),
            None if payable => out.warn("the API sent no lightningInvoice for this payment"),
            None => {}
        }
        return out.show(&screen);
    };
    let size = match qr::size(inv) {
        Ok(s) => s,
        Err(e) => {
            out.warn(&e);
            return show_payment(ctx, client, p, Offer::PLAIN);
        }
    };
    let Some((rows, cols)) = out.stdout_size() else {
        // A file or a printer: everything, the code in dark ink.
        let mut screen = render::payment_table(p, out);
        screen.push(&Screen::plain(&format!("\n{inv}\n\n")));
        out.show(&screen)?;
        if let Ok(art) = qr::terminal(inv, qr::choose_ink(out.stdout_color(), false).0) {
            out.show(&art)?;
        }
        return Ok(());
    };
    // On a terminal: the invoice string to copy (it may scroll away), then all that must
    // be in view together: a compact summary, the code, and the spinner's line and the
    // cursor's under it.
    let summary = render::compact_summary(p, cols);
    let needed_rows = summary.lines() + size.rows + usize::from(offer.spinner) + 1;
    if size.cols > cols || needed_rows > rows {
        let mut screen = render::payment_table(p, out);
        screen.push(&Screen::plain(&format!("\n{inv}\n")));
        out.show(&screen)?;
        let mut advice = format!(
            "the QR code does not fit: it needs {} columns and {needed_rows} rows with the summary, and this terminal has {cols} × {rows}; make the window bigger or the font smaller, or write it to a file with --qr-svg FILE",
            size.cols,
        );
        if let Some(url) = p.hosted_checkout_url() {
            advice.push_str(&format!(", or send the customer to {url}"));
        }
        advice.push_str("; the invoice above can be copied as it is");
        out.warn(&advice);
        return Ok(());
    }
    let (ink, guessed) = qr::choose_ink(out.stdout_color(), true);
    let art = match qr::terminal(inv, ink) {
        Ok(a) => a,
        Err(e) => {
            out.warn(&e);
            return show_payment(ctx, client, p, Offer::PLAIN);
        }
    };
    // Said first, above what must stay in view (the summary, the code, the spinner): a
    // line here is one the layout above did not count.
    if guessed {
        out.note("(if the code does not scan, the terminal may have a light background: LE_QR_INK=dark draws it for one)");
    }
    out.show(&Screen::plain(&format!("{inv}\n\n")))?;
    out.show(&summary)?;
    out.show(&art)?;
    Ok(())
}

/// What to say of an order's earlier payment that a customer can no longer pay, when a
/// create found it instead of making a new one (exit 13; `le mcp`'s EARLIER_PAYMENT).
pub fn earlier_payment(p: &Payment) -> String {
    let order = crate::text::printable(p.order_id().unwrap_or("?"));
    let when = p
        .paid_at()
        .map(|t| format!(" at {}", crate::render::time::local(t)))
        .unwrap_or_default();
    let what = match p.status() {
        Status::Paid => format!("order {order} was paid{when}"),
        Status::Refunded => format!("order {order} was paid{when} and has been refunded"),
        Status::Processing => format!("order {order} is already being paid, by an earlier payment"),
        other => format!("order {order} already has a payment that is {other}"),
    };
    format!("{what}: no new payment was taken")
}

/// The banner that ends a wait at a till, and the bell: only for a person watching.
pub fn announce_end(ctx: &Ctx, p: &Payment) {
    let out = &ctx.out;
    if !out.interactive() {
        return;
    }
    let end = match p.status() {
        Status::Paid => till::End::Paid,
        Status::Expired => till::End::Expired,
        _ => till::End::Other,
    };
    let mut detail = format!("order {}", p.order_id().unwrap_or("?"));
    detail.push_str(&format!(" · {}", p.invoice_id()));
    if end == till::End::Other {
        detail.push_str(&format!(" · {}", p.status()));
    }
    let cols = out.stderr_size().map_or(80, |(_, c)| c);
    out.show_stderr(&till::banner(
        end,
        &render::amount_text(p),
        &detail,
        out.stderr_color(),
        cols,
    ));
    out.bell();
}
