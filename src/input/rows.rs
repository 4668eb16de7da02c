//! A payment to make, as `create`'s flags or a row of `create --from` give it, checked the
//! same way either way; and the CSV and NDJSON readers of batches.

use bitcoin::hashes::{Hash, sha256};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{check_id, check_text};
use crate::api::NewPayment;
use crate::error::{Error, Result};
use crate::money::{self, Currency};
use crate::text::printable;

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
    /// The request and the idempotency key it goes with.
    pub fn prepare(&self) -> Result<(NewPayment, String)> {
        let new = self.build()?;
        let key = match &self.idempotency_key {
            Some(k) => {
                check_idempotency_key(k)?;
                k.clone()
            }
            None => derived_key(&new),
        };
        Ok((new, key))
    }

    /// Turns the row into a request, refusing anything the API would refuse.
    pub fn build(&self) -> Result<NewPayment> {
        check_id("--order", "--order ORDER-1", &self.order)?;
        let (currency, amount) = parse_money(&self.amount, &self.currency)?;
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
        if let Some(email) = &self.customer_email
            && (!email.contains('@')
                || email
                    .chars()
                    .any(|c| c.is_whitespace() || crate::text::is_unsafe(c)))
        {
            return Err(Error::usage(format!(
                "--customer-email '{}' is not an email address, e.g. --customer-email ada@example.com",
                printable(email)
            )));
        }
        Ok(NewPayment {
            order_id: self.order.clone(),
            amount,
            currency,
            description: text("--description", &self.description)?,
            customer_email: self.customer_email.clone(),
            customer_name: text("--customer-name", &self.customer_name)?,
            success_url: url("--success-url", &self.success_url)?,
            cancel_url: url("--cancel-url", &self.cancel_url)?,
            metadata: metadata(&self.metadata)?,
        })
    }
}

/// `--amount` and `--currency` checked together, as every command that takes money does.
pub fn parse_money(amount: &str, currency: &str) -> Result<(Currency, Decimal)> {
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

/// An idempotency key for a new payment of an order whose earlier one expired: the order,
/// the time and a random tail (`ORDER-1-20261207231500-7F3A`), so that following the
/// advice again after this one expires too gives yet another key, however soon.
pub fn fresh_idempotency_key(order: &str) -> String {
    // The time sorts them; the random tail keeps two made in one second apart (a payment
    // that expires within the second its hint was given).
    let tail = crate::text::hex(&crate::rand::bytes::<2>()).to_ascii_uppercase();
    format!(
        "{}-{}-{tail}",
        order
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(40)
            .collect::<String>(),
        jiff::Zoned::now().strftime("%Y%m%d%H%M%S")
    )
}

/// A new order id: `TILL-20261121-154203-7F3A`, unique, and sorted by time.
pub fn new_order_id(prefix: &str) -> String {
    let now = jiff::Zoned::now();
    let tail = crate::text::hex(&crate::rand::bytes::<2>()).to_ascii_uppercase();
    format!("{prefix}-{}-{tail}", now.strftime("%Y%m%d-%H%M%S"))
}

/// A row as read, with its line (or record) number for messages.
pub struct Input {
    pub number: usize,
    pub row: std::result::Result<Row, String>,
    /// The row number where the same order first appears, when this is a repeat.
    pub repeats: Option<usize>,
}

/// The rows of a CSV or NDJSON text; `source` (a file name or `-`) helps tell which.
pub fn read_rows(source: &str, text: &str) -> Result<Vec<Input>> {
    // Windows exports end lines in CRLF; counted as one line break, rows keep the
    // numbers an editor shows.
    let text = text.replace("\r\n", "\n");
    let lower = source.to_ascii_lowercase();
    let ndjson = lower.ends_with(".ndjson")
        || lower.ends_with(".jsonl")
        || (!lower.ends_with(".csv") && text.trim_start().starts_with('{'));
    let inputs = if ndjson {
        read_ndjson(&text)
    } else {
        read_csv(&text)?
    };
    if inputs.is_empty() {
        return Err(Error::usage(format!(
            "{} has no rows to create",
            printable(source)
        )));
    }
    Ok(inputs)
}

/// Column and field names as flags spell them, any case, `-` or `_`; camelCase too.
fn field(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.trim().chars() {
        // customerEmail → customer_email; Customer-Email and CUSTOMER_EMAIL likewise.
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase();
        out.push(if c == '-' {
            '_'
        } else {
            c.to_ascii_lowercase()
        });
    }
    match out.as_str() {
        "order_id" => "order".into(),
        _ => out,
    }
}

fn row_from(fields: Vec<(String, String)>) -> std::result::Result<Row, String> {
    let mut r = Row::default();
    for (name, value) in fields {
        let value_opt = (!value.is_empty()).then(|| value.clone());
        match field(&name).as_str() {
            "order" => r.order = value,
            "amount" => r.amount = value,
            "currency" => r.currency = value,
            "description" => r.description = value_opt,
            "customer_email" => r.customer_email = value_opt,
            "customer_name" => r.customer_name = value_opt,
            "success_url" => r.success_url = value_opt,
            "cancel_url" => r.cancel_url = value_opt,
            "idempotency_key" => r.idempotency_key = value_opt,
            "metadata" => r.metadata.extend(
                value
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            ),
            other => match other.strip_prefix("metadata.") {
                Some(k) if !value.is_empty() => r.metadata.push(format!("{k}={value}")),
                Some(_) => {}
                None => {
                    return Err(format!(
                        "unknown column '{}': use order, amount, currency, description, customer_email, customer_name, success_url, cancel_url, metadata, metadata.KEY or idempotency_key",
                        printable(&name)
                    ));
                }
            },
        }
    }
    Ok(r)
}

fn read_csv(text: &str) -> Result<Vec<Input>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::usage(format!("the CSV header row cannot be read: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        // Line numbers as an editor shows them: the header is line 1.
        let number = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| p.line() as usize);
        let row = match record {
            Ok(rec) => row_from(
                headers
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(str::to_owned))
                    .collect(),
            ),
            Err(e) => Err(format!("line {number}: {e}")),
        };
        out.push(Input {
            number,
            row,
            repeats: None,
        });
    }
    Ok(out)
}

fn read_ndjson(text: &str) -> Vec<Input> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let number = i + 1;
            let row = match serde_json::from_str::<Map<String, Value>>(line) {
                Ok(obj) => {
                    let mut fields = Vec::new();
                    for (k, v) in obj {
                        match (field(&k).as_str(), v) {
                            ("metadata", Value::Object(m)) => {
                                for (mk, mv) in m {
                                    let text =
                                        mv.as_str().map_or_else(|| mv.to_string(), str::to_owned);
                                    fields.push((format!("metadata.{mk}"), text));
                                }
                            }
                            (_, Value::String(s)) => fields.push((k, s)),
                            (_, Value::Null) => {}
                            (_, v @ (Value::Number(_) | Value::Bool(_))) => {
                                fields.push((k, v.to_string()))
                            }
                            (_, other) => fields.push((k, other.to_string())),
                        }
                    }
                    row_from(fields)
                }
                Err(e) => Err(format!("line {number} is not a JSON object: {e}")),
            };
            Input {
                number,
                row,
                repeats: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        assert_eq!(field("Customer-Email"), "customer_email");
        assert_eq!(field("customerEmail"), "customer_email");
        assert_eq!(field("orderId"), "order");
        assert_eq!(field(" metadata.table "), "metadata.table");
    }

    #[test]
    fn csv_and_ndjson_rows() {
        let rows = read_csv("order,amount,currency,metadata.table\nA-1,4.50,eur,12\nA-2,1,USD,\n")
            .unwrap();
        let r = rows[0].row.as_ref().unwrap();
        assert_eq!(
            (r.order.as_str(), r.amount.as_str(), r.currency.as_str()),
            ("A-1", "4.50", "eur")
        );
        assert_eq!(r.metadata, vec!["table=12"]);
        assert_eq!(rows[1].number, 3);
        let rows = read_ndjson(
            "{\"orderId\":\"N-1\",\"amount\":49.99,\"currency\":\"USD\",\"metadata\":{\"a\":1}}\n\nnot json\n",
        );
        let r = rows[0].row.as_ref().unwrap();
        assert_eq!((r.order.as_str(), r.amount.as_str()), ("N-1", "49.99"));
        assert_eq!(r.metadata, vec!["a=1"]);
        assert_eq!(rows[1].number, 3);
        assert!(rows[1].row.is_err());
        assert!(row_from(vec![("colour".into(), "red".into())]).is_err());
    }
}
