//! The merchant account as a person reads it (`le whoami`, `le sandbox account`) and what
//! it says of the webhook endpoint (`le webhook endpoint show`).

use comfy_table::{Cell, presets};
use serde_json::Value;

use super::time::local;
use super::{Output, Screen, clean, new_table};

fn text<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(v, |v, k| v.get(*k))?
        .as_str()
        .filter(|s| !s.is_empty())
}

fn flag(v: &Value, path: &[&str]) -> Option<bool> {
    path.iter().try_fold(v, |v, k| v.get(*k))?.as_bool()
}

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

/// Why an account cannot take payments, from what the API said of it; `None` when it can
/// (or the API did not say).
pub fn account_problem(v: &Value) -> Option<String> {
    if flag(v, &["isActive"]) == Some(false) {
        return Some(
            "the account is inactive: the API refuses its payments (MERCHANT_INACTIVE)".into(),
        );
    }
    match text(v, &["subscriptionStatus"]) {
        Some("active") | Some("trialing") | None => None,
        Some(other) => Some(format!(
            "the subscription is {}: the API refuses payments until it is active",
            clean(other)
        )),
    }
}

/// Where the account's webhooks go, as far as the API says.
pub fn webhook_line(v: &Value) -> String {
    match (
        text(v, &["webhookUrl"]),
        flag(v, &["onboarding", "hasWebhookUrl"]),
    ) {
        (Some(url), _) => format!("Webhooks go to {url}."),
        (None, Some(true)) => "A webhook URL is set (the API does not say which).".into(),
        (None, Some(false)) => {
            "No webhook URL is set: le webhook endpoint set URL --secret-file FILE".into()
        }
        (None, None) => "The API did not say whether a webhook URL is set.".into(),
    }
}

/// `GET /api/merchant/me` (and the sandbox's account) as a table.
pub fn account_table(v: &Value, out: &Output) -> Screen {
    let mut rows: Vec<(&str, String)> = Vec::new();
    let id = v
        .get("merchantId")
        .map(|i| match i {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .unwrap_or_default();
    rows.push(("Merchant", id));
    rows.push(("Name", text(v, &["name"]).unwrap_or("").into()));
    rows.push(("Email", text(v, &["email"]).unwrap_or("").into()));
    rows.push(("Plan", text(v, &["planTier"]).unwrap_or("").into()));
    rows.push((
        "Subscription",
        text(v, &["subscriptionStatus"]).unwrap_or("").into(),
    ));
    rows.push(("Active", yes_no(flag(v, &["isActive"]))));
    rows.push((
        "Created",
        text(v, &["createdAt"])
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .map(local)
            .unwrap_or_default(),
    ));
    if let Some(Value::Object(features)) = v.get("features") {
        let on: Vec<String> = features
            .iter()
            .filter_map(|(k, v)| match v {
                Value::Bool(true) => Some(k.clone()),
                _ => None,
            })
            .collect();
        rows.push(("Refunds", yes_no(flag(v, &["features", "refundsEnabled"]))));
        rows.push(("Features", on.join(", ")));
    }
    rows.push(("Webhook", webhook_line(v)));
    if let Some(done) = flag(v, &["onboarding", "isFullyConfigured"]) {
        rows.push((
            "Set up",
            if done {
                "fully configured".into()
            } else {
                "not fully configured".into()
            },
        ));
    }
    if let Some(sandbox) = v.get("sandbox") {
        rows.push((
            "Sandbox state",
            text(sandbox, &["status"]).unwrap_or("").into(),
        ));
        rows.push((
            "Provider balance",
            match sandbox.get("balanceSats").and_then(Value::as_u64) {
                Some(b) => format!("{} sats", crate::money::group_thousands(b)),
                None => "no limit".into(),
            },
        ));
    }
    let mut t = new_table(out);
    t.load_style(presets::NOTHING);
    for (k, val) in rows {
        if !val.is_empty() {
            t.add_row(vec![Cell::new(k), Cell::new(clean(&val))]);
        }
    }
    Screen::new(format!("{}\n", t.trim_fmt()))
}
