//! `le create`: one payment, shown as a summary, the invoice and a QR code.

use bitcoin::hashes::{Hash, sha256};
use serde_json::{Map, Value};

use super::{Ctx, check_id, check_text};
use crate::api::{NewPayment, Payment, Status};
use crate::cli::{CreateArgs, QrMode};
use crate::error::{Error, Result};
use crate::money::{self, Currency, printable};
use crate::render;

/// One payment to make, as flags or a batch row give it.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub order: String,
    pub amount: String,
    pub currency: String,
    pub description: Option<String>,
    pub customer_email: Option<String>,
    pub customer_name: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub metadata: Vec<String>,
    pub idempotency_key: Option<String>,
}

impl Row {
    fn from_args(a: &CreateArgs) -> Row {
        Row {
            order: a.order.clone().unwrap_or_default(),
            amount: a.amount.clone().unwrap_or_default(),
            currency: a.currency.clone().unwrap_or_default(),
            description: a.description.clone(),
            customer_email: a.customer_email.clone(),
            customer_name: a.customer_name.clone(),
            success_url: a.success_url.clone(),
            cancel_url: a.cancel_url.clone(),
            metadata: a.metadata.clone(),
            idempotency_key: a.idempotency_key.clone(),
        }
    }

    /// The request and the idempotency key it goes with.
    pub fn prepare(&self) -> Result<(NewPayment, String)> {
        let new = build(self)?;
        let key = match &self.idempotency_key {
            Some(k) => {
                check_idempotency_key(k)?;
                k.clone()
            }
            None => derived_key(&new),
        };
        Ok((new, key))
    }
}

pub async fn run(ctx: &Ctx, args: CreateArgs) -> Result<()> {
    if let Some(source) = &args.from {
        return super::batch::run(ctx, &args, source).await;
    }
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
    let (new, key) = Row::from_args(&args).prepare()?;
    if let Some(path) = &args.qr_svg {
        check_writable(path)?;
    }
    let client = ctx.client().await?;
    let created = client.create_payment(&new, &key).await?;
    // A replay of an earlier run's answer is as old as that run: what matters at the till
    // is whether the invoice can still be paid now.
    let payment = if created.replayed {
        let now = client.get_payment(created.payment.invoice_id()).await?;
        if created.attempts == 1 {
            ctx.out.note(&format!(
                "note: this request was made before (idempotency key {key}): this is the payment it created then, now {}",
                now.status()
            ));
        }
        now
    } else {
        created.payment
    };
    show(ctx, &args, &payment)?;
    if payment.status() == Status::Expired {
        ctx.out.note(&format!(
            "that payment expired; to take a new one for order {}, run the same command with --idempotency-key {}-2",
            new.order_id, new.order_id
        ));
        return Err(Error::Outcome(crate::error::exit::EXPIRED));
    }
    Ok(())
}

/// `--amount` and `--currency` checked together, as every command that takes money does.
pub fn money_flags(amount: &str, currency: &str) -> Result<(Currency, rust_decimal::Decimal)> {
    let currency: Currency = currency
        .parse()
        .map_err(|e: String| Error::usage(format!("--currency: {e}, e.g. --currency USD")))?;
    let amount = money::parse_amount(amount, currency).map_err(|e| {
        Error::usage(format!(
            "--amount {e}, e.g. --amount {} --currency {currency}",
            currency.example_amount()
        ))
    })?;
    Ok((currency, amount))
}

/// Turns the flags (or a batch row) into a request, refusing anything the API would refuse.
pub fn build(a: &Row) -> Result<NewPayment> {
    check_id("--order", "--order ORDER-1", &a.order)?;
    let (currency, amount) = money_flags(&a.amount, &a.currency)?;
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
    // Sorted by key: the same metadata gives the same request (and idempotency key)
    // whatever order the flags or columns came in.
    let mut m = std::collections::BTreeMap::new();
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
    Ok(m.into_iter().collect())
}

pub fn check_idempotency_key(k: &str) -> Result<()> {
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
    // A lying invoice must not reach a customer's wallet as a QR code.
    ctx.verify(p)?;
    let out = &ctx.out;
    // Only an invoice that can still be paid is offered to a payer.
    let payable = p.status() == Status::Unpaid;
    let invoice = p.lightning_invoice().filter(|_| payable);
    if let (Some(path), Some(inv)) = (&args.qr_svg, invoice) {
        match render::qr::write_svg(inv, path) {
            Ok(()) => out.note(&format!("QR code written to {}", path.display())),
            Err(e) => out.warn(&e),
        }
    }
    let want_qr = payable
        && match args.qr {
            QrMode::Never => false,
            QrMode::Always => true,
            QrMode::Auto => out.stdout_tty && !out.json,
        };
    if out.json {
        out.json_line(p.raw())?;
        if want_qr && let Some(inv) = invoice {
            // The QR goes to stderr so that stdout stays one JSON document.
            let ink = render::qr::Ink::choose(out.stderr_color, out.stderr_tty);
            match render::qr::terminal(inv, ink, None) {
                Ok(art) => out.stderr_text(&art),
                Err(e) => out.warn(&e),
            }
        }
        return Ok(());
    }
    let mut text = render::payment_table(p, out);
    match invoice {
        Some(inv) => {
            text.push('\n');
            text.push_str(&render::clean(inv));
            text.push('\n');
        }
        None if payable => out.warn("the API sent no lightningInvoice for this payment"),
        None => {}
    }
    out.text(&text)?;
    if want_qr && let Some(inv) = invoice {
        let columns = if out.stdout_tty {
            render::qr::terminal_columns()
        } else {
            None
        };
        let ink = render::qr::Ink::choose(out.stdout_color, out.stdout_tty);
        match render::qr::terminal(inv, ink, columns) {
            Ok(art) => out.text(&format!("\n{art}"))?,
            Err(e) => out.warn(&e),
        }
    }
    Ok(())
}
