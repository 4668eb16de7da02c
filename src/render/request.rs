//! `--dry-run` and `--curl`: a request shown instead of sent.

use serde_json::{Value, json};

use super::Screen;
use crate::api::PlannedRequest;

/// A JSON body as the same JSON value with every character a terminal would obey
/// written as a `\u` escape: the line stays exact and safe to show.
fn safe_body(b: &str) -> String {
    match serde_json::from_str::<Value>(b) {
        Ok(v) => super::to_safe_json(&v).unwrap_or_else(|_| crate::text::escape(b).into_owned()),
        Err(_) => crate::text::escape(b).into_owned(),
    }
}

/// Quotes for a POSIX shell: everything inside single quotes, `'` written as `'\''`.
fn sh_quote(s: &str) -> String {
    let quoted = format!("'{}'", s.replace('\'', r"'\''"));
    // A control character inside quotes is still sent to the terminal that shows the line.
    crate::text::escape(&quoted).into_owned()
}

/// A curl command line that sends the same request, the key taken from the environment.
/// Every part is quoted for the shell, so nothing in it is obeyed by a terminal either.
pub fn curl(r: &PlannedRequest) -> Screen {
    Screen::new(format!("{}\n", curl_line(r)))
}

fn curl_line(r: &PlannedRequest) -> String {
    let mut parts = vec![if r.method == "GET" {
        "curl -sS".to_owned()
    } else {
        format!("curl -sS -X {}", r.method)
    }];
    parts.push(sh_quote(&r.url));
    for (name, value) in &r.headers {
        if name == "X-API-Key" {
            // Double quotes so the shell expands the variable; the key never appears here.
            parts.push("-H \"X-API-Key: $LIGHTNING_API_KEY\"".to_owned());
        } else {
            parts.push(format!("-H {}", sh_quote(&format!("{name}: {value}"))));
        }
    }
    if let Some(b) = &r.body {
        parts.push(format!("--data-raw {}", sh_quote(&safe_body(b))));
    }
    parts.join(" \\\n  ")
}

/// The request in a readable form: request line, headers, body.
pub fn text(r: &PlannedRequest) -> Screen {
    let e = |s: &str| crate::text::escape(s).into_owned();
    let mut s = format!("{} {}\n", r.method, e(&r.url));
    for (k, v) in &r.headers {
        s.push_str(&format!("{}: {}\n", e(k), e(v)));
    }
    if let Some(b) = &r.body {
        s.push('\n');
        s.push_str(&safe_body(b));
        s.push('\n');
    }
    Screen::new(s)
}

pub fn json(r: &PlannedRequest) -> Value {
    let headers: serde_json::Map<String, Value> = r
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), Value::from(v.clone())))
        .collect();
    let body = r
        .body
        .as_deref()
        .map(|b| serde_json::from_str::<Value>(b).unwrap_or_else(|_| Value::from(b)));
    json!({ "method": r.method, "url": r.url, "headers": headers, "body": body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_quotes_for_the_shell() {
        let r = PlannedRequest {
            method: "POST".into(),
            url: "https://h/api/payments".into(),
            headers: vec![
                ("X-API-Key".into(), "le_merchant_…(redacted)".into()),
                ("Content-Type".into(), "application/json".into()),
            ],
            body: Some(r#"{"orderId":"it's"}"#.into()),
            sends_key: true,
            embedded: false,
        };
        let c = curl_line(&r);
        assert!(c.contains(r#"-H "X-API-Key: $LIGHTNING_API_KEY""#), "{c}");
        assert!(c.contains(r#"--data-raw '{"orderId":"it'\''s"}'"#), "{c}");
        assert!(!c.contains("redacted"));
    }
}
