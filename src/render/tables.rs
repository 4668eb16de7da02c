//! Human views of refunds, rates, decoded invoices, webhook deliveries, settings and
//! checks.

use comfy_table::{Cell, Table, presets};
use serde_json::Value;

use super::time::{local, relative};
use super::{Output, Screen, clean, new_table};
use crate::api::Refund;
use crate::api::wire::Delivery;
use crate::invoice::Decoded;
use crate::money::group_thousands;

fn table(out: &Output, style: &str) -> Table {
    let mut t = new_table(out);
    super::payment::fit(&mut t, out);
    t.load_style(match style {
        "kv" => presets::NOTHING,
        _ => presets::UTF8_HORIZONTAL_ONLY,
    });
    t
}

fn kv(out: &Output, rows: Vec<(&str, String)>) -> Screen {
    let mut t = table(out, "kv");
    for (k, v) in rows {
        if !v.is_empty() {
            t.add_row(vec![Cell::new(k), Cell::new(clean(&v))]);
        }
    }
    let mut s = t.trim_fmt();
    s.push('\n');
    Screen::new(s)
}

fn when(v: Option<&str>) -> String {
    v.and_then(|s| s.parse::<jiff::Timestamp>().ok())
        .map(|t| format!("{} ({})", local(t), relative(t, jiff::Timestamp::now())))
        .unwrap_or_default()
}

/// A refund's amount as a payment's is shown: its currency's decimals, grouped.
fn refund_amount(r: &Refund) -> String {
    let mut s = super::payment::money(
        &r.amount_text().unwrap_or_else(|| "?".into()),
        r.str("currency").unwrap_or(""),
    );
    if let Some(sats) = r.amount_sats() {
        s.push_str(&format!(" ({} sats)", group_thousands(sats)));
    }
    s
}

pub fn refund_table(r: &Refund, out: &Output) -> Screen {
    let dest = r
        .str("lightningInvoice")
        .or(r.str("bitcoinAddress"))
        .unwrap_or("");
    kv(
        out,
        vec![
            ("Refund", r.str("refundId").unwrap_or("").into()),
            ("Payment", r.str("invoiceId").unwrap_or("").into()),
            ("Status", r.str("status").unwrap_or("").into()),
            ("Amount", refund_amount(r)),
            ("Type", r.str("type").unwrap_or("").into()),
            ("To", shorten(dest)),
            ("Reason", r.str("reason").unwrap_or("").into()),
            ("Failed", r.str("failureReason").unwrap_or("").into()),
            ("Created", when(r.str("createdAt"))),
            ("Completed", when(r.str("completedAt"))),
        ],
    )
}

pub fn refunds_table(items: &[Refund], out: &Output) -> Screen {
    if items.is_empty() {
        return Screen::new("No refunds.\n".into());
    }
    let mut t = table(out, "list");
    t.set_header(vec![
        "Refund", "Payment", "Status", "Amount", "Type", "Created",
    ]);
    for r in items {
        t.add_row(vec![
            clean(r.str("refundId").unwrap_or("")).into_owned(),
            clean(r.str("invoiceId").unwrap_or("")).into_owned(),
            clean(r.str("status").unwrap_or("")).into_owned(),
            clean(&refund_amount(r)).into_owned(),
            clean(r.str("type").unwrap_or("")).into_owned(),
            r.str("createdAt")
                .and_then(|s| s.parse::<jiff::Timestamp>().ok())
                .map(local)
                .unwrap_or_default(),
        ]);
    }
    Screen::new(format!("{t}\n"))
}

/// `GET /api/rates` or `GET /api/rates/{currency}` as a table of BTC prices.
pub fn rates_table(v: &Value, out: &Output) -> Screen {
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(map) = v.get("BTC").and_then(Value::as_object) {
        for (cur, price) in map {
            rows.push((cur.clone(), price.to_string()));
        }
    } else if let (Some(cur), Some(rate)) =
        (v.get("currency").and_then(Value::as_str), v.get("rate"))
    {
        rows.push((cur.to_owned(), rate.to_string()));
    }
    if rows.is_empty() {
        return Screen::new(format!("{}\n", clean(&v.to_string())));
    }
    let mut t = table(out, "list");
    t.set_header(vec!["Currency", "1 BTC", "1 unit in sats"]);
    for (cur, price) in rows {
        // Checked: a price of 1e-28 would overflow the division, and must not panic.
        let per_unit = price
            .parse::<rust_decimal::Decimal>()
            .ok()
            .filter(|p| *p > rust_decimal::Decimal::ZERO)
            .and_then(|p| rust_decimal::Decimal::from(100_000_000u64).checked_div(p))
            .map(|x| x.round_dp(2).normalize().to_string())
            .unwrap_or_default();
        let shown = price.parse::<u64>().map_or(price.clone(), group_thousands);
        t.add_row(vec![
            clean(&cur).into_owned(),
            clean(&shown).into_owned(),
            per_unit,
        ]);
    }
    let mut s = t.to_string();
    if let Some(ts) = v.get("timestamp").and_then(Value::as_str) {
        s.push_str(&format!("\nas of {}", clean(&when(Some(ts)))));
        if let Some(src) = v.get("source").and_then(Value::as_str) {
            s.push_str(&format!(", from {}", clean(src)));
        }
    }
    s.push('\n');
    Screen::new(s)
}

pub fn decoded_table(d: &Decoded, out: &Output) -> Screen {
    let j = d.to_json();
    let s = |k: &str| j.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let amount = match d.amount_msat() {
        Some(m) if m % 1000 == 0 => format!(
            "{} sats ({} msat)",
            group_thousands(m / 1000),
            group_thousands(m)
        ),
        Some(m) => format!("{} sats ({} msat)", j["amountSat"], group_thousands(m)),
        None => "any (the payer chooses)".into(),
    };
    let expires = {
        let e = s("expiresAt");
        let state = if j["expired"] == true {
            "expired"
        } else {
            "expires"
        };
        format!("{} ({state} {})", e, relative_from(&e))
    };
    let features = d
        .features()
        .iter()
        .map(|(n, st)| format!("{n} ({st})"))
        .collect::<Vec<_>>()
        .join(", ");
    let hints = j["routeHints"]
        .as_array()
        .map(|routes| {
            routes
                .iter()
                .map(|r| {
                    r.as_array()
                        .map(|hops| {
                            hops.iter()
                                .map(|h| {
                                    format!(
                                        "{} via {}",
                                        shorten(h["pubkey"].as_str().unwrap_or("")),
                                        h["shortChannelId"].as_str().unwrap_or("")
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join(" → ")
                        })
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let fallbacks = j["fallbacks"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    kv(
        out,
        vec![
            ("Network", format!("{} (ln{})", s("network"), s("prefix"))),
            ("Amount", amount),
            ("Description", s("description")),
            ("Description hash", s("descriptionHash")),
            ("Payment hash", s("paymentHash")),
            ("Created", s("createdAt")),
            ("Expires", expires),
            ("Payee", s("payee")),
            (
                "Signature",
                if d.payee_in_invoice {
                    "valid (matches the payee key in the invoice)".into()
                } else {
                    "valid (payee recovered from it)".into()
                },
            ),
            ("Min final CLTV", j["minFinalCltvExpiry"].to_string()),
            ("Features", features),
            ("Route hints", hints),
            ("Fallbacks", fallbacks),
            ("Metadata", s("paymentMetadata")),
        ],
    )
}

fn relative_from(iso: &str) -> String {
    iso.parse::<jiff::Timestamp>()
        .map(|t| relative(t, jiff::Timestamp::now()))
        .unwrap_or_default()
}

/// Webhook delivery attempts, oldest first.
pub fn deliveries_table(items: &[Delivery], out: &Output) -> Screen {
    if items.is_empty() {
        return Screen::new("No webhook deliveries yet.\n".into());
    }
    let mut t = table(out, "list");
    t.set_header(vec![
        "At", "Event", "Delivery", "Try", "Result", "ms", "URL",
    ]);
    for d in items {
        let result = match (d.status_code, &d.error) {
            (Some(code), _) => code.to_string(),
            (None, Some(e)) => e.clone(),
            _ => "?".into(),
        };
        t.add_row(vec![
            local(d.at),
            clean(&d.event).into_owned(),
            clean(&d.delivery_id).into_owned(),
            d.attempt.to_string(),
            clean(&result).into_owned(),
            d.duration_ms.to_string(),
            clean(&d.url).into_owned(),
        ]);
    }
    Screen::new(format!("{t}\n"))
}

/// Settings and where each came from (`le config show`).
pub fn settings_table(rows: &[(&str, String, String)], out: &Output) -> Screen {
    let mut t = new_table(out);
    t.load_style(presets::NOTHING);
    t.set_header(vec!["Setting", "Value", "From"]);
    for (k, v, from) in rows {
        t.add_row(vec![
            Cell::new(k),
            Cell::new(clean(v)),
            Cell::new(clean(from)),
        ]);
    }
    Screen::new(format!("{}\n", t.trim_fmt()))
}

/// One line per check (`le doctor`).
/// `doctor`'s checks: a mark, the name, one line of detail, then any lines `le` laid out
/// under it, indented.
pub fn checks(rows: &[(bool, &str, &str, &[String])], out: &Output) -> Screen {
    let mut s = String::new();
    for (ok, name, detail, more) in rows {
        let mark = match (ok, out.stdout_color()) {
            (true, true) => "\x1b[32m✓\x1b[0m",
            (false, true) => "\x1b[31m✗\x1b[0m",
            (true, false) => "✓",
            (false, false) => "✗",
        };
        s.push_str(&format!("{mark} {name:<13} {}\n", clean(detail)));
        for line in more.iter() {
            s.push_str(&format!("{:16}{}\n", "", clean(line)));
        }
    }
    Screen::new(s)
}

/// Long keys and invoices, cut in the middle for a table.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        return s.to_owned();
    }
    let head: String = s.chars().take(20).collect();
    let tail: String = s
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{head}…{tail}")
}
