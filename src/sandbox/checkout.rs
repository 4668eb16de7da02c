//! The hosted checkout page a served sandbox gives every payment (`hostedCheckoutUrl`,
//! `/checkout/{invoiceId}`): the amount, the invoice as a QR code and as text to copy, the
//! time left and the live status; "Pay (sandbox)" and "Cancel" buttons that send the payer
//! back to the shop's `successUrl` or `cancelUrl`.
//!
//! The QR code, the invoice and both buttons work without JavaScript (the buttons are
//! forms); a small script adds the copy button, the countdown and the live status. The
//! page loads nothing from elsewhere, and everything a merchant or its customer wrote
//! (order ids, descriptions, URLs) is escaped before it is put in the page.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::engine::{Checkout, iso};
use crate::api::Status;
use crate::money::group_thousands;

/// A path segment keeps RFC 3986's unreserved characters as they are.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How often a page still waiting reloads itself when script is off.
const NOSCRIPT_REFRESH_SECS: u32 = 10;

/// Text for HTML, in an element or an attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // What the terminal escapes (controls, bidi overrides, invisible characters)
            // could reorder or hide what a payer reads here too.
            c if crate::text::is_unsafe(c) && c != '\n' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A URL the payer may be sent to: http(s) with a host, in its normalised ASCII form.
/// Anything else (`javascript:`, `data:`, a relative path) is not followed.
fn redirect_target(url: Option<&str>) -> Option<String> {
    let u = reqwest::Url::parse(url?.trim()).ok()?;
    (matches!(u.scheme(), "http" | "https") && u.host().is_some()).then(|| u.to_string())
}

/// The QR code of `lightning:` + the invoice, upper case (the smaller alphanumeric
/// mode), as inline SVG.
fn qr_svg(invoice: &str) -> Option<String> {
    let text = format!("LIGHTNING:{}", invoice.to_ascii_uppercase());
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .min_dimensions(264, 264)
        .dark_color(qrcode::render::svg::Color("#000"))
        .light_color(qrcode::render::svg::Color("#fff"))
        .build();
    // Inline: without the XML declaration, and named for assistive technology.
    let start = svg.find("<svg")?;
    Some(svg[start..].replacen(
        "<svg ",
        "<svg role=\"img\" aria-label=\"QR code of the Lightning invoice\" ",
        1,
    ))
}

fn seconds_left(c: &Checkout) -> i64 {
    (c.payment.expires_at - c.now).max(0)
}

fn minutes_text(secs: i64) -> String {
    match secs {
        s if s >= 3600 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        s if s >= 60 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{s} s"),
    }
}

/// The headers every checkout answer carries: nothing from elsewhere, no framing, no
/// caching, and the one script and stylesheet of the page by their nonce.
fn secure(mut resp: Response, nonce: &str) -> Response {
    let h = resp.headers_mut();
    let csp = format!(
        "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
    );
    for (name, value) in [
        ("content-security-policy", csp.as_str()),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
    ] {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    }
    resp
}

fn html(status: StatusCode, title: &str, body: &str, nonce: &str, head_extra: &str) -> Response {
    let doc = format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style nonce="{nonce}">{STYLE}</style>
{head_extra}
</head>
<body>
<main>
<p class="banner">Sandbox checkout &middot; regtest &middot; no real money</p>
{body}
</main>
</body>
</html>
"#,
        title = escape(title),
    );
    secure(
        (status, [("content-type", "text/html; charset=utf-8")], doc).into_response(),
        nonce,
    )
}

const STYLE: &str = "
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f4f5;color:#18181b}
main{max-width:26rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
.banner{margin:0 0 1rem;padding:.4rem .6rem;border-radius:.4rem;background:#fef3c7;color:#78350f;font-size:.85rem;text-align:center}
h1{margin:.2rem 0;font-size:2rem}
.sats,.what,.left,.small{color:#52525b;margin:.2rem 0}
.small{font-size:.8rem;word-break:break-all}
.qr svg{display:block;width:100%;max-width:18rem;height:auto;margin:1rem auto}
textarea{width:100%;font:.8rem/1.3 ui-monospace,monospace;word-break:break-all;resize:none;border:1px solid #d4d4d8;border-radius:.4rem;padding:.5rem}
button,.button{display:block;width:100%;margin:.5rem 0;padding:.8rem;border:0;border-radius:.5rem;font-size:1rem;text-align:center;text-decoration:none;cursor:pointer}
.pay{background:#16a34a;color:#fff;font-weight:600}
.cancel{background:#e4e4e7;color:#18181b}
.copy,.wallet{background:#fff;color:#1d4ed8;border:1px solid #1d4ed8}
#status{font-weight:600;margin:1rem 0}
.paid{color:#15803d}.expired{color:#b91c1c}
form{margin:0}
";

/// The page a payer's browser is sent to.
pub fn page(c: &Checkout) -> Response {
    let p = &c.payment;
    let nonce = crate::rand::hex::<16>();
    let id = escape(&p.invoice_id);
    let amount = format!("{} {}", p.amount, p.currency);
    let what = match (&p.description, p.order_id.as_str()) {
        (Some(d), order) => format!("{} &middot; order {}", escape(d), escape(order)),
        (None, order) => format!("Order {}", escape(order)),
    };
    let success = redirect_target(p.success_url.as_deref());
    let cancel = redirect_target(p.cancel_url.as_deref());
    let payable = matches!(p.status, Status::Unpaid | Status::Processing) && seconds_left(c) > 0;
    let (state, message) = match &p.status {
        _ if payable && p.status == Status::Processing => {
            ("waiting", "Payment seen, confirming…".to_owned())
        }
        _ if payable => ("waiting", "Waiting for payment…".to_owned()),
        Status::Paid => (
            "paid",
            if success.is_some() {
                "Paid. Taking you back to the shop…".to_owned()
            } else {
                "Paid. Thank you: you can close this page.".to_owned()
            },
        ),
        Status::Unpaid | Status::Processing | Status::Expired => (
            "expired",
            "This invoice has expired and can no longer be paid. Go back to the shop to start again."
                .to_owned(),
        ),
        other => (
            "other",
            format!("This payment is {}.", escape(other.as_str())),
        ),
    };
    let mut body = format!(
        r#"<h1 id="amount">{amount}</h1>
<p class="sats">{sats} sats</p>
<p class="what">{what}</p>
"#,
        amount = escape(&amount),
        sats = group_thousands(p.amount_sats),
    );
    if payable {
        let invoice = escape(&p.invoice);
        let qr = qr_svg(&p.invoice).unwrap_or_else(|| {
            "<p>The QR code could not be drawn: copy the invoice below.</p>".into()
        });
        body.push_str(&format!(
            r#"<div class="qr" id="qr">{qr}</div>
<label for="invoice" class="small">Lightning invoice</label>
<textarea id="invoice" rows="5" readonly>{invoice}</textarea>
<button type="button" class="copy" id="copy" hidden>Copy invoice</button>
<a class="button wallet" href="lightning:{invoice}">Open in a wallet</a>
<p class="left">Expires {expires} UTC &middot; <span id="left" data-seconds="{left}">{left_text}</span> left</p>
"#,
            expires = escape(&iso(p.expires_at).replace('T', " ").replace('Z', "")),
            left = seconds_left(c),
            left_text = minutes_text(seconds_left(c)),
        ));
    }
    body.push_str(&format!(
        "<p id=\"status\" class=\"{state}\" role=\"status\" aria-live=\"polite\">{message}</p>\n"
    ));
    if payable {
        body.push_str(&format!(
            r#"<form method="post" action="{id}/pay"><button type="submit" class="pay" id="pay">Pay (sandbox)</button></form>
<form method="post" action="{id}/cancel"><button type="submit" class="cancel" id="cancel">Cancel</button></form>
"#
        ));
    } else if let (true, Some(url)) = (state == "paid", &success) {
        body.push_str(&format!(
            "<a class=\"button pay\" id=\"continue\" href=\"{}\">Continue to the shop</a>\n",
            escape(url)
        ));
    } else if let Some(url) = &cancel {
        body.push_str(&format!(
            "<a class=\"button cancel\" id=\"back\" href=\"{}\">Back to the shop</a>\n",
            escape(url)
        ));
    }
    if let Some(addr) = &p.onchain_address
        && payable
    {
        body.push_str(&format!(
            "<p class=\"small\">On-chain (regtest): {}</p>\n",
            escape(addr)
        ));
    }
    body.push_str(&format!(
        "<p class=\"small\">Invoice id {id}</p>\n<div id=\"data\" data-status=\"{id}/status\" data-state=\"{state}\"{success_attr} hidden></div>\n<script nonce=\"{nonce}\">{SCRIPT}</script>\n",
        success_attr = success
            .as_ref()
            .map(|u| format!(" data-success=\"{}\"", escape(u)))
            .unwrap_or_default(),
    ));
    // Without script: paid goes on to the shop at once; a page still waiting looks again
    // every few seconds.
    let head_extra = match (state, &success) {
        ("paid", Some(url)) => format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={}\">",
            escape(url)
        ),
        ("waiting", _) => format!(
            "<noscript><meta http-equiv=\"refresh\" content=\"{NOSCRIPT_REFRESH_SECS}\"></noscript>"
        ),
        _ => String::new(),
    };
    html(
        StatusCode::OK,
        &format!("Pay {amount}"),
        &body,
        &nonce,
        &head_extra,
    )
}

/// Copy, countdown, and the live status: when the payment is paid anywhere (this page's
/// button, `le sandbox pay`, a wallet), the payer goes on to the shop.
const SCRIPT: &str = r#"
(function () {
  var data = document.getElementById('data');
  var copy = document.getElementById('copy');
  var invoice = document.getElementById('invoice');
  if (copy && invoice) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      var done = function () { copy.textContent = 'Copied'; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(invoice.value).then(done, function () {
          invoice.select(); document.execCommand('copy'); done();
        });
      } else { invoice.select(); document.execCommand('copy'); done(); }
    });
  }
  var left = document.getElementById('left');
  var seconds = left ? parseInt(left.getAttribute('data-seconds'), 10) : 0;
  function show(s) {
    if (!left) return;
    var m = Math.floor(s / 60), r = s % 60;
    left.textContent = (m >= 60 ? Math.floor(m / 60) + ' h ' + (m % 60) + ' min' : m + ' min ' + r + ' s');
  }
  if (left) setInterval(function () { if (seconds > 0) { seconds -= 1; show(seconds); } }, 1000);
  var state = data.getAttribute('data-state');
  var success = data.getAttribute('data-success');
  if (state === 'paid' && success) { window.location.replace(success); return; }
  if (state !== 'waiting') return;
  var status = document.getElementById('status');
  function poll() {
    fetch(data.getAttribute('data-status'), { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.status === 'paid') {
          if (s.successUrl) { status.textContent = 'Paid. Taking you back to the shop…'; window.location.replace(s.successUrl); }
          else { window.location.reload(); }
        } else if (s.status !== 'unpaid' && s.status !== 'processing' || s.secondsLeft <= 0) {
          window.location.reload();
        } else {
          if (s.status === 'processing') status.textContent = 'Payment seen, confirming…';
          seconds = s.secondsLeft;
          setTimeout(poll, 2000);
        }
      }, function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
"#;

/// `GET /checkout/{id}/status`, for the page's script.
pub fn status(c: &Checkout) -> Response {
    let p = &c.payment;
    let body = json!({
        "invoiceId": p.invoice_id,
        "status": p.status.as_str(),
        "expiresAt": iso(p.expires_at),
        "secondsLeft": seconds_left(c),
        "successUrl": redirect_target(p.success_url.as_deref()),
    });
    let mut resp = (
        [("content-type", "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response();
    resp.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    resp
}

/// A redirect that leaves the page: `303 See Other`, so the browser follows with a GET.
fn see_other(location: &str) -> Response {
    let mut resp = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        resp.headers_mut().insert("location", v);
    }
    secure(resp, &crate::rand::hex::<16>())
}

/// After "Pay (sandbox)": on to the shop when paid and it gave a `successUrl`, else back
/// to the page (from `…/{id}/pay`, `../{id}` is the page), which says how it ended.
pub fn after_pay(c: &Checkout) -> Response {
    let p = &c.payment;
    match redirect_target(p.success_url.as_deref()) {
        Some(url) if p.status == Status::Paid => see_other(&url),
        _ => see_other(&format!(
            "../{}",
            percent_encoding::utf8_percent_encode(&p.invoice_id, SEGMENT)
        )),
    }
}

/// After "Cancel": to the shop's `cancelUrl`, or a page saying so.
pub fn after_cancel(c: &Checkout) -> Response {
    match redirect_target(c.payment.cancel_url.as_deref()) {
        Some(url) => see_other(&url),
        None => html(
            StatusCode::OK,
            "Payment cancelled",
            "<h1>Cancelled</h1>\n<p id=\"status\">You cancelled this payment: nothing was paid. You can close this page.</p>\n",
            &crate::rand::hex::<16>(),
            "",
        ),
    }
}

pub fn not_found() -> Response {
    html(
        StatusCode::NOT_FOUND,
        "Payment not found",
        "<h1>Not found</h1>\n<p id=\"status\">There is no payment at this address.</p>\n",
        &crate::rand::hex::<16>(),
        "",
    )
}

pub fn trouble(why: &str) -> Response {
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Checkout unavailable",
        &format!(
            "<h1>Something went wrong</h1>\n<p id=\"status\">The sandbox could not show this payment: {}</p>\n",
            escape(why)
        ),
        &crate::rand::hex::<16>(),
        "",
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_could_reorder_or_hide_text_is_replaced() {
        assert_eq!(
            super::escape("a\u{202E}b\u{200B}c<"),
            "a\u{fffd}b\u{fffd}c&lt;"
        );
    }

    use super::*;

    #[test]
    fn escapes_what_others_wrote() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("a\u{1b}[31m"), "a\u{fffd}[31m");
    }

    #[test]
    fn only_web_urls_are_followed() {
        assert_eq!(
            redirect_target(Some("https://shop.example/ok?order=1")).as_deref(),
            Some("https://shop.example/ok?order=1")
        );
        assert_eq!(redirect_target(Some("javascript:alert(1)")), None);
        assert_eq!(redirect_target(Some("/relative")), None);
        assert_eq!(redirect_target(Some("data:text/html,x")), None);
        assert_eq!(redirect_target(None), None);
    }

    #[test]
    fn qr_is_inline_svg() {
        let svg = qr_svg("lnbcrt1xyz").unwrap();
        assert!(svg.starts_with("<svg role=\"img\""), "{svg}");
        assert!(!svg.contains("<?xml"));
    }
}
