//! A payment shown to a person or a script, the same way by every command: checked
//! first (a wrong invoice is never shown as payable), then the API's object under
//! `--json`, else the summary, the invoice string while it can be paid, and its QR code,
//! laid out for the terminal there is. What a payment means (`crate::verdict`) is told
//! here too, and what every way out of a watched sale leaves behind.

use std::path::Path;

use serde_json::json;

use crate::api::{Client, Identity, Payment};
use crate::cli::QrMode;
use crate::ctx::Ctx;
use crate::error::{Error, Left, Result};
use crate::exit::Outcome;
use crate::follow::{End, Follow, follow};
use crate::invocation::le;
use crate::render::{self, Screen, qr, till};
use crate::text::printable;
use crate::verdict::{Asked, Verdict, judge};

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

    /// Whether this offer draws a QR code on the terminal (when the invoice can be paid).
    fn draws_qr(&self, out: &render::Output) -> bool {
        !out.json()
            && out.stdout_tty()
            && match self.qr {
                QrMode::Never => false,
                QrMode::Always | QrMode::Auto => true,
            }
    }
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
    let payable = judge(p, Asked::Paid).offers_invoice();
    let invoice = p.lightning_invoice().filter(|_| payable);
    if let (Some(path), Some(inv)) = (offer.svg, invoice) {
        match qr::write_svg(inv, path) {
            Ok(()) => out.note(&format!("QR code written to {}", path.display())),
            Err(e) => out.warn(&e),
        }
    }
    if out.json() {
        if offer.qr == QrMode::Always && invoice.is_some() {
            // stdout carries JSON and stderr JSON lines: no room for a picture.
            out.note_once(
                "qr-json",
                "no QR code is drawn under --json (stdout and stderr carry JSON); --qr-svg FILE writes one",
            );
        }
        return out.json_line(p.raw());
    }
    let want_qr = invoice.is_some()
        && match offer.qr {
            QrMode::Never => false,
            QrMode::Always => true,
            QrMode::Auto => out.stdout_tty(),
        };
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

/// A payment nobody should be asked to pay (settled before, for another amount,
/// expired, underpaid, in a status `le` does not know): the summary, and under `--json`
/// the API's object, each without any way to pay it (invoice, checkout page, on-chain
/// address). Its invoice was checked where the payment was read.
pub fn show_unoffered(ctx: &Ctx, p: &Payment) -> Result<()> {
    let p = p.without_means_of_payment();
    if ctx.out.json() {
        return ctx.out.json_line(p.raw());
    }
    ctx.out.show(&render::payment_table(&p, &ctx.out))
}

/// Says what a payment means: on a terminal the words (a warning when nothing was
/// taken or the money is not in) and what to do next; under `--json` one
/// `{"note": {"code", "exitCode", "message", "hint", …}}` line on stderr. `hint` replaces
/// the verdict's own; `fresh_key` is the idempotency key that takes a new payment for the
/// order (`newIdempotencyKey`), for a script to use without reading the hint.
pub fn tell(
    ctx: &Ctx,
    p: &Payment,
    v: &Verdict,
    asked: Asked<'_>,
    hint: Option<String>,
    fresh_key: Option<&str>,
) {
    let out = &ctx.out;
    let hint = hint.or_else(|| v.hint(p));
    if out.json() {
        let mut note = v.to_json(p, asked);
        if let Some(h) = &hint {
            note["hint"] = h.clone().into();
        }
        if let Some(k) = fresh_key {
            note["newIdempotencyKey"] = k.into();
        }
        out.json_note(&json!({ "note": note }));
        return;
    }
    let mut text = v.words(p, asked);
    if let Some(h) = &hint {
        text.push_str(&format!("\n  hint: {h}"));
    }
    if v.exit_code() == 0 {
        out.note(&text);
    } else {
        out.warn(&text);
    }
}

/// The banner of an end, and the bell: only for a person watching.
pub fn announce(ctx: &Ctx, p: &Payment, v: &Verdict, asked: Asked<'_>) {
    let out = &ctx.out;
    if !out.interactive() {
        return;
    }
    let (word, tone) = v.banner();
    let cols = out.stderr_size().map_or(80, |(_, c)| c);
    out.show_stderr(&till::banner(
        word,
        tone,
        &v.banner_amount(p, asked),
        &v.detail(p),
        out.stderr_color(),
        cols,
    ));
    out.bell();
}

/// The end of a watched sale, told once: the payment as it ended (on stdout; once it can
/// no longer be paid, without any way to pay it), then its banner and its words. The exit
/// outcome is the verdict's. Its invoice was checked where it was read.
pub fn ended(
    ctx: &Ctx,
    client: &Client,
    p: &Payment,
    v: &Verdict,
    asked: Asked<'_>,
) -> Result<Outcome> {
    // Nothing that ended can be paid again from what le shows: an on-chain address in
    // particular would still take money nobody would account for.
    if v.offers_invoice() {
        show_payment(ctx, client, p, Offer::PLAIN)?;
    } else {
        show_unoffered(ctx, p)?;
    }
    announce(ctx, p, v, asked);
    // For a person, the banner says a paid end; the words are for the rest.
    if !(ctx.out.interactive() && v.exit_code() == 0) {
        tell(ctx, p, v, asked, None, None);
    }
    Ok(v.outcome())
}

/// What to watch, and how.
pub struct Sale<'a> {
    /// The payment as it was just read or made, to be offered first; `None` to start
    /// with its id alone (`le watch`).
    pub first: Option<Payment>,
    pub invoice_id: &'a str,
    pub offer: Offer<'a>,
    pub follow: Follow,
    /// Said above the code while it is on screen (the payment was made before: it is
    /// offered again).
    pub note: Option<String>,
}

/// Offers a payable payment (when one is given) and follows it to its end. Every way
/// out of the wait is decided here, for `create --watch` and `watch` alike:
/// - paid, expired or another end: the QR code is gone from the screen (it was drawn on
///   the alternate screen), and the payment as it ended, its banner and its words stay;
/// - `--timeout`: the payment as last seen, and the command that goes on;
/// - Ctrl-C (or SIGTERM, SIGHUP, SIGQUIT): under `--json` the payment as last seen on
///   stdout; and an `INTERRUPTED` error naming the invoice, whether it can still be paid,
///   and the command that goes on (exit 130).
pub async fn watch_sale(ctx: &Ctx, client: &Client, sale: Sale<'_>) -> Result<Outcome> {
    let out = &ctx.out;
    let mut watched = Identity::invoice(sale.invoice_id);
    let drew_qr = sale.offer.draws_qr(out)
        && sale
            .first
            .as_ref()
            .is_some_and(|p| judge(p, Asked::Paid).offers_invoice());
    // What a customer could scan lives on the alternate screen, and goes with it.
    let screen = if drew_qr {
        out.alternate_screen()
    } else {
        None
    };
    if let (Some(note), true) = (&sale.note, screen.is_some()) {
        out.note(note);
    }
    if let Some(p) = &sale.first {
        show_payment(ctx, client, p, sale.offer)?;
        watched = Identity::of(p);
    }
    let followed = follow(ctx, client, &watched, sale.follow).await;
    drop(screen);
    let followed = followed?;
    let last = followed.last.or(sale.first);
    // Only an id that looks like one goes into a command a person may paste.
    let id_arg = if crate::text::is_plain_token(sale.invoice_id) {
        sale.invoice_id
    } else {
        "<invoiceId>"
    };
    let resume = format!(
        "{} watch {id_arg}{}",
        le(),
        if drew_qr { " --qr auto" } else { "" }
    );
    match followed.end {
        End::Settled(v) => {
            let Some(p) = &last else {
                return Err(Error::internal("a watch ended without a payment"));
            };
            ended(ctx, client, p, &v, Asked::Paid)
        }
        End::TimedOut => {
            if let Some(p) = &last {
                show_payment(ctx, client, p, Offer::PLAIN)?;
            }
            let message = match &last {
                Some(p) => format!(
                    "gave up waiting (--timeout); payment {} is still {}",
                    printable(sale.invoice_id),
                    printable(p.status().as_str())
                ),
                None => format!(
                    "gave up waiting (--timeout) before the API said anything of payment {}",
                    printable(sale.invoice_id)
                ),
            };
            if out.json() {
                out.json_note(&json!({ "note": {
                    "code": "TIMED_OUT",
                    "exitCode": Outcome::TimedOut.code(),
                    "message": message,
                    "invoiceId": sale.invoice_id,
                    "status": last.as_ref().map(|p| p.status().as_str().to_owned()),
                    "hint": format!("{resume} goes on waiting"),
                }}));
            } else {
                out.note(&format!("{message}: {resume} goes on waiting"));
            }
            Ok(Outcome::TimedOut)
        }
        End::Interrupted => {
            // A script gets the payment as last seen; a person the words below, which
            // name it and how to go on.
            if let Some(p) = &last
                && out.json()
            {
                out.json_line(p.raw())?;
            }
            Err(Error::Interrupted(Some(Box::new(left(
                sale.invoice_id,
                last.as_ref(),
                resume,
            )))))
        }
    }
}

/// What Ctrl-C left of a watched payment.
fn left(id: &str, last: Option<&Payment>, resume: String) -> Left {
    let id_shown = printable(id);
    let message = match last {
        None => format!("stopped watching payment {id_shown} before the API answered"),
        Some(p) => {
            let v = judge(p, Asked::Paid);
            let until = match p.expires_at() {
                Some(e) if v.offers_invoice() => {
                    format!(", and can be paid until {}", render::time::local(e))
                }
                _ => String::new(),
            };
            format!(
                "stopped watching payment {id_shown}, which is still {}{until}",
                printable(p.status().as_str())
            )
        }
    };
    Left {
        invoice_id: Some(id.to_owned()),
        message,
        hint: format!("{resume} goes on watching"),
    }
}
