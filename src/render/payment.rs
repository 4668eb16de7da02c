//! The human view of payments: amounts as a till shows them, the summary, the one-line
//! summary beside a QR code, and tables that fit the terminal.

use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use jiff::Timestamp;
use rust_decimal::Decimal;

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

pub use crate::money::shown as money;

/// The amount as a till shows it, with its sats and, when the API gives one, the rate:
/// `4.20 USD (4,200 sats at 100,000 USD/BTC)`. A rate worked back from rounded sats would
/// mislead for small amounts, so none is made up.
pub fn amount_text(p: &Payment) -> String {
    let currency = p.currency().unwrap_or("");
    let mut s = match p.amount_text() {
        Some(a) => money(&a, currency),
        None => "?".into(),
    };
    if let Some(sats) = p.amount_sats()
        && !currency.eq_ignore_ascii_case("sats")
    {
        s.push_str(&format!(" ({} sats", group_thousands(sats)));
        if let Some(rate) = api_rate(p) {
            s.push_str(&format!(
                " at {} {currency}/BTC",
                crate::money::grouped(&rate)
            ));
        }
        s.push(')');
    }
    s
}

/// The exchange rate the API says it used, under any of the names APIs give it.
fn api_rate(p: &Payment) -> Option<String> {
    ["exchangeRate", "btcRate", "rate"].iter().find_map(|k| {
        let v = p.raw().get(*k)?;
        let d: Decimal = v.to_string().trim_matches('"').parse().ok()?;
        (d > Decimal::ZERO).then(|| d.normalize().to_string())
    })
}

/// A key/value summary of one payment. The invoice string is left out: it is printed on
/// its own line so that it can be copied whole.
pub fn payment_table(p: &Payment, out: &Output) -> Screen {
    let now = Timestamp::now();
    let mut t = new_table(out);
    t.load_style(presets::NOTHING);
    fit(&mut t, out);
    let mut row = |k: &str, v: Cell| {
        t.add_row(vec![Cell::new(k), v]);
    };
    row("Invoice", Cell::new(clean(p.invoice_id())));
    if let Some(o) = p.order_id() {
        row("Order", Cell::new(clean(o)));
    }
    row("Status", status_cell(&p.status(), out.stdout_color()));
    row("Amount", Cell::new(clean(&amount_text(p))));
    if let Some(d) = p.description() {
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
        if !p.status().is_final() || e <= now {
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

/// What a customer in front of a QR code and the cashier need, in as few lines as the
/// width allows: the invoice id (for `le watch`), the order, the amount and the expiry.
pub fn compact_summary(p: &Payment, cols: usize) -> Screen {
    let now = Timestamp::now();
    let id = clean(p.invoice_id()).into_owned();
    let order = p.order_id().map(|o| clean(o).into_owned());
    let amount = clean(&amount_text(p)).into_owned();
    let expiry = p
        .expires_at()
        .map(|e| format!("expires {} ({})", local(e), relative(e, now)));
    let mut parts = vec![amount, id];
    parts.extend(order);
    parts.extend(expiry);
    let one = parts.join(" · ");
    if one.chars().count() <= cols {
        return Screen::new(format!("{one}\n"));
    }
    // One line still, with the expiry as a countdown alone (its clock time carries a
    // date when it falls on another day).
    if let Some(e) = p.expires_at()
        && let Some(last) = parts.last_mut()
    {
        *last = format!("expires {}", relative(e, now));
        let one = parts.join(" · ");
        if one.chars().count() <= cols {
            return Screen::new(format!("{one}\n"));
        }
    }
    // One part a line, each cut to the width.
    let mut s = String::new();
    for part in parts {
        s.push_str(&cut(&part, cols));
        s.push('\n');
    }
    Screen::new(s)
}

/// Text cut to `cols` characters, ending in `…` when cut.
pub fn cut(s: &str, cols: usize) -> String {
    if s.chars().count() <= cols {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(cols.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A table no wider than the terminal: long cells wrap.
pub(crate) fn fit(t: &mut Table, out: &Output) {
    if let Some((_, cols)) = out.stdout_size() {
        t.set_width(u16::try_from(cols).unwrap_or(u16::MAX));
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
}

/// One row per payment.
pub fn payments_table(items: &[Payment], out: &Output) -> Screen {
    if items.is_empty() {
        return Screen::new("No payments.\n".into());
    }
    let mut t = new_table(out);
    t.load_style(presets::UTF8_HORIZONTAL_ONLY);
    fit(&mut t, out);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_a_till_shows_them() {
        assert_eq!(money("4.2", "USD"), "4.20 USD");
        assert_eq!(money("1000000", "EUR"), "1,000,000.00 EUR");
        assert_eq!(money("0.001", "BTC"), "0.00100000 BTC");
        assert_eq!(money("1250", "sats"), "1,250 sats");
        assert_eq!(money("4.205", "USD"), "4.205 USD", "never rounded");
        assert_eq!(money("abc", "USD"), "abc USD");
        // A currency le does not take payments in keeps the decimals it came with.
        assert_eq!(money("1000", "JPY"), "1,000 JPY");
        assert_eq!(money("4.2", "usd"), "4.20 usd");
    }
}
