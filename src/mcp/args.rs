//! A tool call's arguments, taken one by one and checked as the command line's flags are:
//! a wrong type or an argument the tool does not take is a clear error, never ignored.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::text::printable;

pub struct Args {
    tool: &'static str,
    accepted: Vec<String>,
    map: Map<String, Value>,
}

impl Args {
    pub fn new(tool: &'static str, accepted: Vec<String>, map: Map<String, Value>) -> Args {
        Args {
            tool,
            accepted,
            map,
        }
    }

    fn wrong(&self, key: &str, want: &str, got: &Value) -> Error {
        let kind = match got {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        };
        Error::usage(format!("{}: {key} must be {want}, not {kind}", self.tool))
    }

    /// A string argument that may be left out (or null).
    pub fn text(&mut self, key: &str) -> Result<Option<String>> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.wrong(key, "a string", &other)),
        }
    }

    /// A string argument the tool needs.
    pub fn required_text(&mut self, key: &str, example: &str) -> Result<String> {
        self.text(key)?.ok_or_else(|| self.missing(key, example))
    }

    /// What an agent is told of an argument it left out, or sent under another case
    /// (`orderID` for `orderId`), which is the likelier mistake.
    fn missing(&self, key: &str, example: &str) -> Error {
        let near = self
            .map
            .keys()
            .find(|k| k.eq_ignore_ascii_case(key))
            .map(|k| format!(" (it has '{}': names are case-sensitive)", printable(k)))
            .unwrap_or_default();
        Error::usage(format!(
            "{} needs {key}, e.g. \"{key}\": \"{example}\"{near}",
            self.tool
        ))
    }

    /// An amount: a decimal string (`"49.99"`) or a JSON number, taken from its exact
    /// text as sent (never through a binary float), to be checked as `--amount` is.
    pub fn amount(&mut self, key: &str) -> Result<String> {
        match self.map.remove(key) {
            Some(Value::String(s)) => Ok(s),
            // JavaScript writes 0.0000001 as 1e-7: the same number, in plain decimals.
            Some(Value::Number(n)) => {
                let text = n.to_string();
                if text.contains(['e', 'E']) {
                    rust_decimal::Decimal::from_scientific(&text)
                        .map(|d| d.normalize().to_string())
                        .map_err(|_| {
                            Error::usage(format!(
                                "{}: {key} {text} is not an amount le can take, e.g. \"{key}\": \"49.99\"",
                                self.tool
                            ))
                        })
                } else {
                    Ok(text)
                }
            }
            None | Some(Value::Null) => Err(self.missing(key, "49.99")),
            Some(other) => Err(self.wrong(key, "a decimal string or a number", &other)),
        }
    }

    /// `amount` and `currency`, checked together as the command line's are, in the
    /// words of a tool call.
    pub fn money(&mut self) -> Result<(String, String)> {
        let amount = self.amount("amount")?;
        let currency = self.required_text("currency", "USD")?;
        let c: crate::money::Currency = currency.parse().map_err(|e: String| {
            Error::usage(format!(
                "{}: currency: {e}, e.g. \"currency\": \"USD\"",
                self.tool
            ))
        })?;
        crate::money::parse_amount(&amount, c).map_err(|e| {
            Error::usage(format!(
                "{}: amount {e}, e.g. \"amount\": \"{}\", \"currency\": \"{c}\"",
                self.tool,
                c.example_amount()
            ))
        })?;
        Ok((amount, currency))
    }

    pub fn flag(&mut self, key: &str) -> Result<bool> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(b),
            Some(other) => Err(self.wrong(key, "true or false", &other)),
        }
    }

    /// A duration: `"30s"`, `"2m"`, or a number of seconds.
    pub fn duration(&mut self, key: &str) -> Result<Option<std::time::Duration>> {
        let text = match self.map.remove(key) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::String(s)) => s,
            Some(Value::Number(n)) => format!("{n}s"),
            Some(other) => return Err(self.wrong(key, "a duration such as \"30s\"", &other)),
        };
        crate::duration::parse(&text)
            .map(Some)
            .map_err(|e| Error::usage(format!("{}: {key}: {e}", self.tool)))
    }

    /// Metadata as an object of strings (numbers and booleans as their text), turned into
    /// the `KEY=VALUE` pairs `--metadata` takes.
    pub fn metadata(&mut self, key: &str) -> Result<Vec<String>> {
        let obj = match self.map.remove(key) {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Object(o)) => o,
            Some(other) => {
                return Err(self.wrong(key, "an object of strings", &other));
            }
        };
        let mut pairs = Vec::with_capacity(obj.len());
        for (k, v) in obj {
            let text = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    return Err(self.wrong(
                        &format!("{key}.{}", printable(&k)),
                        "a string",
                        &other,
                    ));
                }
            };
            pairs.push(format!("{k}={text}"));
        }
        Ok(pairs)
    }

    /// Refuses arguments the tool does not take: a misspelt name must not be ignored.
    pub fn done(self) -> Result<()> {
        let Some(extra) = self.map.keys().next() else {
            return Ok(());
        };
        Err(Error::usage(format!(
            "{} has no argument '{}'; it takes {}",
            self.tool,
            printable(extra),
            if self.accepted.is_empty() {
                "none".to_owned()
            } else {
                self.accepted.join(", ")
            }
        )))
    }
}
