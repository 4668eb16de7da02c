//! Every error shape the Lightning Enable API (and the proxies in front of it) is known to
//! send, decoded into one `ApiError` with a code, a message, the status and the
//! correlation id.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use crate::secret::Redactor;

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: u16,
    /// The API's machine code (`SETTLEMENT_NOT_FOUND`), when it sent one.
    pub code: Option<String>,
    pub message: String,
    pub correlation_id: Option<String>,
    pub details: Option<Value>,
    /// From `Retry-After`, when the server asked us to wait.
    pub retry_after: Option<Duration>,
}

impl std::error::Error for ApiError {}

/// The server's words inside le's sentences: escaped, line breaks included, so that no
/// answer can add a line of its own to what le says.
fn said(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape(s)
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{}: {}", said(code), said(&self.message))?,
            None => f.write_str(&said(&self.message))?,
        }
        write!(f, " (HTTP {}", self.status)?;
        if let Some(id) = &self.correlation_id {
            write!(f, ", correlation id {}", said(id))?;
        }
        f.write_str(")")
    }
}

impl ApiError {
    /// Removes the key from everything the server sent back, should it have echoed it.
    pub fn scrub(&mut self, r: &Redactor) {
        let fix = |s: &mut String| {
            if let std::borrow::Cow::Owned(clean) = r.text(s) {
                *s = clean;
            }
        };
        fix(&mut self.message);
        if let Some(c) = &mut self.code {
            fix(c);
        }
        if let Some(c) = &mut self.correlation_id {
            fix(c);
        }
        if let Some(d) = &mut self.details {
            r.value(d);
        }
    }

    pub fn hint(&self) -> Option<String> {
        let le = crate::invocation::le();
        match (self.status, self.code.as_deref()) {
            (401, _) => {
                Some("check the key in LIGHTNING_API_KEY, --api-key-file or your profile".into())
            }
            (403, Some("MERCHANT_INACTIVE")) => Some(format!(
                "the merchant account is inactive: ask Lightning Enable support to reactivate it (a sandbox: {le} sandbox account --status active)"
            )),
            (403, Some("SUBSCRIPTION_REQUIRED")) => Some(format!(
                "the account has no plan: choose one in the Lightning Enable dashboard, then try again (a sandbox: {le} sandbox account --status active)"
            )),
            (403, Some("SUBSCRIPTION_EXPIRED")) => Some(format!(
                "the account's plan has lapsed: renew it in the Lightning Enable dashboard, then try again (a sandbox: {le} sandbox account --status active)"
            )),
            (403, Some("REFUNDS_DISABLED")) => Some(format!(
                "refunds are not enabled for this account: turn them on in the Lightning Enable dashboard (a sandbox: {le} sandbox account --refunds on)"
            )),
            // The order's payment is read and judged where a create meets this; the
            // refusal reaches a person only when that read found nothing. Never a
            // suggestion to show an invoice: its amount was not compared.
            (409, Some("DUPLICATE_ORDER_ID")) => Some(format!(
                "a new sale needs a new order id; {le} get-order <orderId> shows the order's payment"
            )),
            (429, _) => Some(match self.retry_after {
                Some(d) => format!("the API asks to wait {} s before trying again", d.as_secs()),
                None => "wait a minute before trying again".into(),
            }),
            (s, _) if s >= 500 => {
                Some("the API failed; if it persists, quote the correlation id to support".into())
            }
            _ => None,
        }
    }

    /// Decodes an error response. Never fails: whatever the body, the result has a
    /// message a person can act on.
    pub fn decode(
        status: u16,
        correlation_header: Option<&str>,
        retry_after: Option<Duration>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> ApiError {
        let reason = reason_phrase(status);
        let mut err = ApiError {
            status,
            code: None,
            message: String::new(),
            correlation_id: correlation_header
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            details: None,
            retry_after,
        };
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(obj)) => {
                let text = |k: &str| {
                    obj.get(k)
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                };
                err.code = text("code").map(str::to_owned).or_else(|| {
                    // RFC 9457 bodies from some endpoints put a slug in `error`.
                    text("error").filter(|e| is_slug(e)).map(str::to_owned)
                });
                let mut message = ["detail", "message", "error", "title"]
                    .into_iter()
                    .find_map(text)
                    .unwrap_or(reason)
                    .to_owned();
                // ASP.NET validation: {"title": "...", "errors": {"Amount": ["..."]}}
                if let Some(Value::Object(fields)) = obj.get("errors") {
                    let parts: Vec<String> = fields
                        .iter()
                        .map(|(field, msgs)| {
                            let msgs = match msgs {
                                Value::Array(a) => a
                                    .iter()
                                    .map(|m| {
                                        m.as_str().map_or_else(|| m.to_string(), str::to_owned)
                                    })
                                    .collect::<Vec<_>>()
                                    .join(" "),
                                Value::String(s) => s.clone(),
                                other => other.to_string(),
                            };
                            format!("{field}: {msgs}")
                        })
                        .collect();
                    if !parts.is_empty() {
                        message =
                            format!("{} ({})", message.trim_end_matches('.'), parts.join("; "));
                    }
                }
                err.message = message;
                if err.correlation_id.is_none() {
                    err.correlation_id = ["correlationId", "traceId"]
                        .into_iter()
                        .find_map(text)
                        .map(str::to_owned);
                }
                err.details = obj.get("details").filter(|d| !d.is_null()).cloned();
            }
            Ok(_) | Err(_) => {
                err.message = describe_non_json(reason, content_type, body);
            }
        }
        err
    }
}

fn is_slug(s: &str) -> bool {
    s.len() <= 64 && s.contains('_') && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A message for a body that is not a JSON object: an HTML page from a proxy, plain text,
/// or nothing at all.
fn describe_non_json(reason: &str, content_type: Option<&str>, body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return reason.to_owned();
    }
    let is_html = content_type.is_some_and(|c| c.contains("html")) || text.starts_with('<');
    if is_html {
        let title = extract_title(text).unwrap_or_default();
        return if title.is_empty() {
            format!(
                "{reason} (the server sent an HTML page instead of JSON; a proxy may be in the way)"
            )
        } else {
            format!(
                "{reason} (the server sent an HTML page, \"{title}\", instead of JSON; a proxy may be in the way)"
            )
        };
    }
    let first_line: String = text
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    format!("{reason}: {}", crate::text::printable(&first_line))
}

fn extract_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower[start..].find("</title>")?;
    let title: String = html
        .get(start..end)?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(title.chars().take(120).collect())
}

pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        s if s < 500 => "Client Error",
        _ => "Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(status: u16, body: &str) -> ApiError {
        ApiError::decode(status, None, None, None, body.as_bytes())
    }

    #[test]
    fn documented_shape() {
        let e = dec(
            404,
            r#"{"error":"Not Found","message":"Settlement not found","code":"SETTLEMENT_NOT_FOUND","details":{}}"#,
        );
        assert_eq!(e.code.as_deref(), Some("SETTLEMENT_NOT_FOUND"));
        assert_eq!(e.message, "Settlement not found");
    }

    #[test]
    fn other_shapes() {
        assert_eq!(dec(400, r#"{"error":"bad thing"}"#).message, "bad thing");
        let e = dec(
            500,
            r#"{"error":"An error occurred processing your request.","correlationId":"c-1","timestamp":"x"}"#,
        );
        assert_eq!(e.correlation_id.as_deref(), Some("c-1"));
        let e = dec(
            422,
            r#"{"type":"about:blank","title":"Invalid","status":422,"detail":"Amount too small","error":"invalid_amount"}"#,
        );
        assert_eq!(e.message, "Amount too small");
        assert_eq!(e.code.as_deref(), Some("invalid_amount"));
        let e = dec(
            400,
            r#"{"title":"One or more validation errors occurred.","errors":{"Amount":["must be positive"]}}"#,
        );
        assert_eq!(
            e.message,
            "One or more validation errors occurred (Amount: must be positive)"
        );
        let e = dec(
            502,
            "<html><head><title>502 Bad Gateway</title></head></html>",
        );
        assert!(
            e.message.contains("HTML page, \"502 Bad Gateway\""),
            "{}",
            e.message
        );
        assert_eq!(dec(503, "").message, "Service Unavailable");
        assert_eq!(dec(500, "[1,2]").message, "Internal Server Error: [1,2]");
    }
}
