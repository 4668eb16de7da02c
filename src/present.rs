//! A payment shown to a person or a script, the same way by every command: checked
//! first (a wrong invoice is never shown as payable), then the API's object under
//! `--json`, else the summary, the invoice string while it can be paid, and its QR code.

use std::path::Path;

use crate::api::{Client, Payment, Status};
use crate::app::Ctx;
use crate::cli::QrMode;
use crate::error::Result;
use crate::render::{self, qr};

/// How a payable invoice is offered.
#[derive(Debug, Clone, Copy)]
pub struct Offer<'a> {
    pub qr: QrMode,
    pub svg: Option<&'a Path>,
}

impl Offer<'_> {
    /// The summary and invoice string, no QR code.
    pub const PLAIN: Offer<'static> = Offer {
        qr: QrMode::Never,
        svg: None,
    };
}

pub fn show_payment(ctx: &Ctx, client: &Client, p: &Payment, offer: Offer<'_>) -> Result<()> {
    // A lying invoice must not reach a customer's wallet as a string or a QR code.
    ctx.check_payment(client, p)?;
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
            // The QR goes to stderr so that stdout stays one JSON document.
            let ink = qr::Ink::choose(out.stderr_color(), out.stderr_tty());
            match qr::terminal(inv, ink, None) {
                Ok(art) => out.show_stderr(&art),
                Err(e) => out.warn(&e),
            }
        }
        return Ok(());
    }
    let mut screen = render::payment_table(p, out);
    match invoice {
        Some(inv) => screen.push(&render::Screen::plain(&format!("\n{inv}\n"))),
        None if payable => out.warn("the API sent no lightningInvoice for this payment"),
        None => {}
    }
    out.show(&screen)?;
    if want_qr && let Some(inv) = invoice {
        let columns = if out.stdout_tty() {
            qr::terminal_columns()
        } else {
            None
        };
        let ink = qr::Ink::choose(out.stdout_color(), out.stdout_tty());
        match qr::terminal(inv, ink, columns) {
            Ok(art) => {
                out.show(&render::Screen::plain("\n"))?;
                out.show(&art)?;
            }
            Err(e) => out.warn(&e),
        }
    }
    Ok(())
}
