//! The human view of payments.

use comfy_table::{Cell, CellAlignment, Color, presets};
use jiff::Timestamp;

use super::time::{local, relative};
use super::{Output, Screen, clean, new_table};
use crate::api::{Payment, Status};
use crate::money::group_thousands;

fn status_cell(s: &Status, color: bool) -> Cell {
    let cell = Cell::new(clean(s.as_str()));
    if !color {
        return cell;
    }
    match s {
        Status::Paid => cell.fg(Color::Green),
        Status::Unpaid | Status::Processing => cell.fg(Color::Yellow),
        Status::Expired | Status::Underpaid => cell.fg(Color::Red),
        _ => cell,
    }
}

pub fn amount_text(p: &Payment) -> String {
    let mut s = match (p.amount_text(), p.currency()) {
        (Some(a), Some(c)) => format!("{a} {c}"),
        (Some(a), None) => a,
        _ => "?".into(),
    };
    if let Some(sats) = p.amount_sats()
        && p.currency() != Some("sats")
    {
        s.push_str(&format!(" ({} sats", group_thousands(sats)));
        if let Some(rate) = implied_rate(p, sats) {
            s.push_str(&format!(" at {rate}"));
        }
        s.push(')');
    }
    s
}

/// The rate a fiat amount was converted at, from the payment itself: `100,000 USD/BTC`.
/// Arithmetic is checked: a hostile amount or sats value gives no rate, never a panic.
fn implied_rate(p: &Payment, sats: u64) -> Option<String> {
    use rust_decimal::Decimal;
    let currency = p.currency()?;
    if !matches!(currency, "USD" | "EUR" | "GBP") || sats == 0 {
        return None;
    }
    let amount = p.amount()?;
    let rate = amount
        .checked_mul(Decimal::from(100_000_000u64))?
        .checked_div(Decimal::from(sats))?
        .round_dp(0);
    Some(format!(
        "{} {currency}/BTC",
        group_thousands(u64::try_from(rate).ok()?)
    ))
}

/// A key/value summary of one payment. The invoice string is left out: it is printed on
/// its own line so that it can be copied whole.
pub fn payment_table(p: &Payment, out: &Output) -> Screen {
    let now = Timestamp::now();
    let mut t = new_table(out);
    t.load_style(presets::NOTHING);
    let mut row = |k: &str, v: Cell| {
        t.add_row(vec![Cell::new(k), v]);
    };
    row("Invoice", Cell::new(clean(p.invoice_id())));
    if let Some(o) = p.order_id() {
        row("Order", Cell::new(clean(o)));
    }
    row("Status", status_cell(&p.status(), out.stdout_color()));
    row("Amount", Cell::new(clean(&amount_text(p))));
    if let Some(d) = p.str("description") {
        row("Description", Cell::new(clean(d)));
    }
    if let Some(c) = p.created_at() {
        row("Created", Cell::new(local(c)));
    }
    if let Some(paid) = p.paid_at() {
        row(
            "Paid",
            Cell::new(format!("{} ({})", local(paid), relative(paid, now))),
        );
    }
    if let Some(e) = p.expires_at() {
        let label = if e <= now { "Expired" } else { "Expires" };
        if p.status() == Status::Unpaid || p.status() == Status::Processing || e <= now {
            row(
                label,
                Cell::new(format!("{} ({})", local(e), relative(e, now))),
            );
        }
    }
    if let Some(u) = p.hosted_checkout_url() {
        row("Checkout", Cell::new(clean(u)));
    }
    if let Some(c) = t.column_mut(0) {
        c.set_cell_alignment(CellAlignment::Left);
    }
    let mut s = t.trim_fmt();
    s.push('\n');
    Screen::new(s)
}

/// One row per payment.
pub fn payments_table(items: &[Payment], out: &Output) -> Screen {
    if items.is_empty() {
        return Screen::new("No payments.\n".into());
    }
    let mut t = new_table(out);
    t.load_style(presets::UTF8_HORIZONTAL_ONLY);
    t.set_header(vec!["Invoice", "Order", "Status", "Amount", "Created"]);
    for p in items {
        t.add_row(vec![
            Cell::new(clean(p.invoice_id())),
            Cell::new(clean(p.order_id().unwrap_or(""))),
            status_cell(&p.status(), out.stdout_color()),
            Cell::new(clean(&amount_text(p))),
            Cell::new(p.created_at().map(local).unwrap_or_default()),
        ]);
    }
    let mut s = t.to_string();
    s.push('\n');
    Screen::new(s)
}
