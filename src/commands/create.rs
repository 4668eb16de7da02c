//! `le create`: one payment, shown as a summary, the invoice and a QR code.

use bitcoin::hashes::{Hash, sha256};
use serde_json::{Map, Value};

use super::{Ctx, check_id, check_text};
use crate::api::{NewPayment, Payment};
use crate::cli::{CreateArgs, QrMode};
use crate::error::{Error, Result};
use crate::money::{self, Currency, printable};
use crate::render;

pub async fn run(ctx: &Ctx, args: CreateArgs) -> Result<()> {
    let new = build(&args)?;
    let key = match &args.idempotency_key {
        Some(k) => {
            check_idempotency_key(k)?;
            k.clone()
        }
        None => derived_key(&new),
    };
    if let Some(path) = &args.qr_svg {
        check_writable(path)?;
    }
    let created = ctx.client().await?.create_payment(&new, &key).await?;
    if created.replayed && created.attempts == 1 {
        ctx.out.note(&format!(
            "note: the API already had this request (idempotency key {key}); this is the payment it created then, not a new one"
        ));
    }
    show(ctx, &args, &created.payment)
}

/// Turns the flags into a request, refusing anything the API would refuse.
pub fn build(a: &CreateArgs) -> Result<NewPayment> {
    check_id("--order", "--order ORDER-1", &a.order)?;
    let currency: Currency = a
        .currency
        .parse()
        .map_err(|e: String| Error::usage(format!("--currency: {e}, e.g. --currency USD")))?;
    let amount = money::parse_amount(&a.amount, currency).map_err(|e| {
        Error::usage(format!(
            "--amount {e}, e.g. --amount {} --currency {currency}",
            currency.example_amount()
        ))
    })?;
    let text = |flag: &str, v: &Option<String>| -> Result<Option<String>> {
        match v {
            Some(s) => {
                check_text(flag, s)?;
                Ok(Some(s.clone()))
            }
            None => Ok(None),
        }
    };
    let url = |flag: &str, v: &Option<String>| -> Result<Option<String>> {
        let Some(s) = v else { return Ok(None) };
        match reqwest::Url::parse(s) {
            Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(Some(s.clone())),
            _ => Err(Error::usage(format!(
                "{flag} '{}' is not an http(s) URL, e.g. {flag} https://shop.example/thanks",
                printable(s)
            ))),
        }
    };
    if let Some(email) = &a.customer_email
        && (!email.contains('@') || email.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        return Err(Error::usage(format!(
            "--customer-email '{}' is not an email address, e.g. --customer-email ada@example.com",
            printable(email)
        )));
    }
    Ok(NewPayment {
        order_id: a.order.clone(),
        amount,
        currency,
        description: text("--description", &a.description)?,
        customer_email: a.customer_email.clone(),
        customer_name: text("--customer-name", &a.customer_name)?,
        success_url: url("--success-url", &a.success_url)?,
        cancel_url: url("--cancel-url", &a.cancel_url)?,
        metadata: metadata(&a.metadata)?,
    })
}

fn metadata(pairs: &[String]) -> Result<Map<String, Value>> {
    let mut m = Map::new();
    for p in pairs {
        let Some((k, v)) = p.split_once('=') else {
            return Err(Error::usage(format!(
                "--metadata '{}' has no '=': use KEY=VALUE, e.g. --metadata table=12",
                printable(p)
            )));
        };
        if k.trim().is_empty() {
            return Err(Error::usage(format!(
                "--metadata '{}' has an empty key: use KEY=VALUE, e.g. --metadata table=12",
                printable(p)
            )));
        }
        check_text("--metadata", p)?;
        if m.insert(k.to_owned(), Value::String(v.to_owned()))
            .is_some()
        {
            return Err(Error::usage(format!(
                "--metadata key '{}' is given twice",
                printable(k)
            )));
        }
    }
    Ok(m)
}

fn check_idempotency_key(k: &str) -> Result<()> {
    if k.is_empty() || k.len() > 256 || !k.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err(Error::usage(
            "--idempotency-key must be 1 to 256 printable ASCII characters without spaces, e.g. --idempotency-key order-1-attempt-2",
        ));
    }
    Ok(())
}

/// The same order with the same details always gets the same key, so a rerun of a
/// command whose answer was lost finds the payment instead of making a second one.
pub fn derived_key(new: &NewPayment) -> String {
    let body = serde_json::to_vec(new).unwrap_or_default();
    let mut data = new.order_id.as_bytes().to_vec();
    data.push(0);
    data.extend_from_slice(&body);
    let hash = sha256::Hash::hash(&data);
    format!("le-{}", &hash.to_string()[..40])
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

fn show(ctx: &Ctx, args: &CreateArgs, p: &Payment) -> Result<()> {
    let out = &ctx.out;
    let invoice = p.lightning_invoice();
    if let (Some(path), Some(inv)) = (&args.qr_svg, invoice) {
        match render::qr::write_svg(inv, path) {
            Ok(()) => out.note(&format!("QR code written to {}", path.display())),
            Err(e) => out.warn(&e),
        }
    }
    let want_qr = match args.qr {
        QrMode::Never => false,
        QrMode::Always => true,
        QrMode::Auto => out.stdout_tty && !out.json,
    };
    if out.json {
        out.json_line(p.raw())?;
        if want_qr && let Some(inv) = invoice {
            // The QR goes to stderr so that stdout stays one JSON document.
            match render::qr::terminal(inv, out.stderr_color, None) {
                Ok(art) => eprint!("{art}"),
                Err(e) => out.warn(&e),
            }
        }
        return Ok(());
    }
    let mut text = render::payment_table(p, out);
    match invoice {
        Some(inv) => {
            text.push('\n');
            text.push_str(inv);
            text.push('\n');
        }
        None => out.warn("the API sent no lightningInvoice for this payment"),
    }
    out.text(&text)?;
    if want_qr && let Some(inv) = invoice {
        let columns = if out.stdout_tty {
            terminal_columns()
        } else {
            None
        };
        match render::qr::terminal(inv, out.stdout_color, columns) {
            Ok(art) => out.text(&format!("\n{art}"))?,
            Err(e) => out.warn(&e),
        }
    }
    Ok(())
}

fn terminal_columns() -> Option<usize> {
    console::Term::stdout()
        .size_checked()
        .map(|(_rows, cols)| cols as usize)
}
