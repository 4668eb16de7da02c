//! The hosted checkout page of a served sandbox: first over plain HTTP (what works with
//! no script at all), then in a real browser, headless Chromium driven over WebDriver:
//! the QR code read back from a screenshot, "Pay (sandbox)" pressed, the redirect to the
//! shop followed, a payment made elsewhere noticed, and "Cancel".

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::*;

fn serve(env: &Env) -> Served {
    Served::start(env, &["--rate-limit", "off"])
}

/// A payment with the shop's return addresses.
fn create(s: &Served, order: &str, extra: &str) -> Value {
    let a = s.http().post(
        "/api/payments",
        &format!(r#"{{"orderId":"{order}","amount":49.99,"currency":"USD"{extra}}}"#),
    );
    assert_eq!(status_of(&a), 201, "{a}");
    s.http().json(&a)
}

/// The path of a URL on the served sandbox.
fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/".into(), |i| rest[i..].to_owned())
}

/// Reads the inline SVG QR code of a page the way a scanner would see it: its rectangles
/// drawn into a bitmap, then decoded.
fn qr_of_page(html: &str) -> String {
    let start = html.find("<svg").expect("an inline SVG");
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    let view: Vec<usize> = svg
        .split("viewBox=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let (w, h) = (view[2], view[3]);
    let mut dark = vec![false; w * h];
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    // Each module run is `M{x} {y}h{w}v{h}H{x}V{y}`.
    for rect in d.split('M').filter(|r| !r.is_empty()) {
        let nums: Vec<usize> = rect
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, rw, rh) = (nums[0], nums[1], nums[2], nums[3]);
        for yy in y..y + rh {
            for xx in x..x + rw {
                dark[yy * w + xx] = true;
            }
        }
    }
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(
            w,
            h,
            |x, y| if dark[y * w + x] { 0 } else { 255 },
        );
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the page");
    grids[0].decode().unwrap().1
}

#[test]
fn the_page_works_without_script() {
    let env = Env::new();
    let s = serve(&env);
    let p = create(
        &s,
        "<b>SHOP-1</b>",
        r#","description":"Two <script>alert('x')</script> coffees","successUrl":"https://shop.example/thanks?o=1","cancelUrl":"https://shop.example/cart""#,
    );
    let url = p["hostedCheckoutUrl"].as_str().unwrap();
    let invoice = p["lightningInvoice"].as_str().unwrap();
    assert_eq!(
        url,
        format!("{}/checkout/{}", s.url, p["invoiceId"].as_str().unwrap())
    );
    // Public by its URL, as a hosted checkout is: no key.
    let page = raw_http(s.addr, "GET", &path_of(url), &[], "");
    assert_eq!(status_of(&page), 200, "{page}");
    assert!(
        header_of(&page, "content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let csp = header_of(&page, "content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(header_of(&page, "x-frame-options"), Some("DENY"));
    let html = body_of(&page);
    assert!(html.contains("name=\"viewport\""), "fits a phone");
    assert!(html.contains("49.99 USD"));
    assert!(html.contains("49,990 sats"));
    assert!(html.contains(invoice), "the invoice, to copy");
    assert!(html.contains("Pay (sandbox)") && html.contains("Cancel"));
    assert!(html.contains(" left"), "the time left");
    // What others wrote is shown, never run.
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;SHOP-1&lt;/b&gt;"));
    // Nothing loaded from elsewhere.
    for external in ["src=\"http", "href=\"http://", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
    assert_eq!(
        qr_of_page(html),
        format!("LIGHTNING:{}", invoice.to_uppercase())
    );
    let status = s.http().json(&raw_http(
        s.addr,
        "GET",
        &format!("{}/status", path_of(url)),
        &[],
        "",
    ));
    assert_eq!(status["status"], "unpaid");
    assert_eq!(status["successUrl"], "https://shop.example/thanks?o=1");

    // The buttons are forms: Cancel goes back to the shop, the payment stays payable.
    let cancel = raw_http(s.addr, "POST", &format!("{}/cancel", path_of(url)), &[], "");
    assert_eq!(status_of(&cancel), 303);
    assert_eq!(
        header_of(&cancel, "location"),
        Some("https://shop.example/cart")
    );
    // Pay: paid, and on to the shop's successUrl.
    let pay = raw_http(s.addr, "POST", &format!("{}/pay", path_of(url)), &[], "");
    assert_eq!(status_of(&pay), 303, "{pay}");
    assert_eq!(
        header_of(&pay, "location"),
        Some("https://shop.example/thanks?o=1")
    );
    let id = p["invoiceId"].as_str().unwrap();
    assert_eq!(
        s.http().json(&s.http().get(&format!("/api/payments/{id}")))["status"],
        "paid"
    );
    // Paid: the page says so and sends the payer on; no invoice to pay twice.
    let html = raw_http(s.addr, "GET", &path_of(url), &[], "");
    assert!(body_of(&html).contains("Paid"), "{html}");
    assert!(!body_of(&html).contains("<svg"));
    assert!(body_of(&html).contains("url=https://shop.example/thanks?o=1"));
}

#[test]
fn unsafe_return_addresses_are_not_followed_and_expiry_is_said() {
    let env = Env::new();
    let s = serve(&env);
    let p = create(
        &s,
        "HOSTILE-1",
        r#","successUrl":"javascript:alert(1)","cancelUrl":"data:text/html,x""#,
    );
    let page = path_of(p["hostedCheckoutUrl"].as_str().unwrap());
    let html = raw_http(s.addr, "GET", &page, &[], "");
    assert!(!body_of(&html).contains("javascript:"), "{html}");
    assert!(!body_of(&html).contains("data:text"), "{html}");
    // Pay with no usable successUrl: back to the page, which says it is paid.
    let pay = raw_http(s.addr, "POST", &format!("{page}/pay"), &[], "");
    assert_eq!(status_of(&pay), 303);
    let id = p["invoiceId"].as_str().unwrap();
    assert_eq!(
        header_of(&pay, "location"),
        Some(format!("../{id}").as_str())
    );
    let cancel = raw_http(s.addr, "POST", &format!("{page}/cancel"), &[], "");
    assert_eq!(status_of(&cancel), 200);
    assert!(body_of(&cancel).contains("cancelled"));
    // A payment that runs out of time says so, with nothing left to pay.
    let q = create(&s, "LATE-1", "");
    // Never paid: it expires (as the clock would have it, at once).
    let expired = s.http().post(
        &format!(
            "/sandbox/payments/{}/expire",
            q["invoiceId"].as_str().unwrap()
        ),
        "",
    );
    assert_eq!(status_of(&expired), 200, "{expired}");
    let page = path_of(q["hostedCheckoutUrl"].as_str().unwrap());
    let html = raw_http(s.addr, "GET", &page, &[], "");
    assert!(body_of(&html).contains("expired"), "{html}");
    assert!(!body_of(&html).contains("<svg"));
    assert!(!body_of(&html).contains("Pay (sandbox)"));
    let pay = raw_http(s.addr, "POST", &format!("{page}/pay"), &[], "");
    assert_eq!(status_of(&pay), 303);
    assert_eq!(
        s.http().json(&s.http().get(&format!(
            "/api/payments/{}",
            q["invoiceId"].as_str().unwrap()
        )))["status"],
        "expired"
    );
    let missing = raw_http(s.addr, "GET", "/checkout/inv_nothing", &[], "");
    assert_eq!(status_of(&missing), 404);
}

/// One exchange with chromedriver, which says `Connection: close` but keeps the socket
/// open: the answer is read by its `Content-Length`.
fn driver_http(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut r = BufReader::new(s);
    let mut status_line = String::new();
    r.read_line(&mut status_line).unwrap();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut len = 0;
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.trim().eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap();
        }
    }
    let mut buf = vec![0; len];
    r.read_exact(&mut buf).unwrap();
    (status, String::from_utf8_lossy(&buf).into_owned())
}

/// A headless Chromium, driven over the WebDriver protocol (HTTP and JSON).
struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// `None` when Chromium is not installed here (never in CI).
    fn start() -> Option<Browser> {
        Browser::start_with(&[])
    }

    /// With more of Chromium's flags.
    fn start_with(extra: &[&str]) -> Option<Browser> {
        let (chromium, driver) = (
            Path::new("/usr/bin/chromium"),
            Path::new("/usr/bin/chromedriver"),
        );
        if !chromium.exists() || !driver.exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run this: apt-get install chromium chromium-driver"
            );
            eprintln!(
                "skipped: Chromium is not installed (apt-get install chromium chromium-driver)"
            );
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let ready = eventually(Duration::from_secs(20), || {
            std::net::TcpStream::connect(addr).is_ok()
                && driver_http(addr, "GET", "/status", "")
                    .1
                    .contains("\"ready\":true")
        });
        assert!(ready, "chromedriver did not start");
        let profile = tempfile::tempdir().unwrap();
        let mut b = Browser {
            driver: child,
            addr,
            session: String::new(),
            _profile: profile,
        };
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=412,915",
        ]
        .iter()
        .chain(extra)
        .map(|a| (*a).to_owned())
        .collect();
        args.push(format!("--user-data-dir={}", b._profile.path().display()));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args }
        }}});
        let v = b.call("POST", "/session", Some(caps));
        b.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("{v}"))
            .to_owned();
        Some(b)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map_or_else(String::new, |b| b.to_string());
        let (status, text) = driver_http(self.addr, method, path, &body);
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert!(status < 300, "{method} {path}: {status} {text}");
        v["value"].clone()
    }

    fn s(&self, what: &str) -> String {
        format!("/session/{}/{what}", self.session)
    }

    fn go(&self, url: &str) {
        self.call("POST", &self.s("url"), Some(json!({ "url": url })));
    }

    fn url(&self) -> String {
        self.call("GET", &self.s("url"), None)
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn run(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.s("execute/sync"),
            Some(json!({ "script": script, "args": [] })),
        )
    }

    fn text_of(&self, css: &str) -> String {
        let script = format!("return document.querySelector({css:?}).textContent");
        self.run(&script).as_str().unwrap_or_default().to_owned()
    }

    fn click(&self, css: &str) {
        let el = self.call(
            "POST",
            &self.s("element"),
            Some(json!({ "using": "css selector", "value": css })),
        );
        let id = el
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned();
        self.call(
            "POST",
            &self.s(&format!("element/{id}/click")),
            Some(json!({})),
        );
    }

    /// What the person sees, as a picture, with the QR code read from it.
    fn qr_in_screenshot(&self) -> Option<String> {
        use base64::Engine;
        let b64 = self.call("GET", &self.s("screenshot"), None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap())
            .unwrap();
        let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
            .unwrap()
            .to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        grids.first().and_then(|g| g.decode().ok()).map(|(_, s)| s)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            driver_http(
                self.addr,
                "DELETE",
                &format!("/session/{}", self.session),
                "",
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The shop's own pages, where the payer comes back to.
fn shop() -> (Scripted, Arc<Mutex<Vec<String>>>) {
    let visits = Arc::new(Mutex::new(Vec::new()));
    let v = visits.clone();
    let s = Scripted::with(move |req, _| {
        v.lock().unwrap().push(req.path.clone());
        Step::Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: b"<!doctype html><title>Shop</title><p>Thank you".to_vec(),
        }
    });
    (s, visits)
}

#[test]
fn a_customer_pays_in_a_real_browser_and_lands_on_the_shop() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let env = Env::new();
    let s = serve(&env);
    let (shop, visits) = shop();
    let returns = format!(
        r#","successUrl":"{0}/success?order=WEB-1","cancelUrl":"{0}/cart""#,
        shop.url()
    );

    // Pay in the page.
    let p = create(&s, "WEB-1", &returns);
    let invoice = p["lightningInvoice"].as_str().unwrap();
    browser.go(p["hostedCheckoutUrl"].as_str().unwrap());
    assert!(browser.text_of("#amount").contains("49.99 USD"));
    assert!(browser.text_of("#status").contains("Waiting for payment"));
    assert_eq!(
        browser.qr_in_screenshot().as_deref(),
        Some(format!("LIGHTNING:{}", invoice.to_uppercase()).as_str()),
        "the QR code as a phone's camera would read it"
    );
    // The script runs (the copy button shows), the page fits a phone's width, and
    // nothing was loaded from anywhere but the sandbox.
    assert_eq!(
        browser.run("return document.getElementById('copy').hidden"),
        false
    );
    assert_eq!(
        browser.run("return document.documentElement.scrollWidth <= window.innerWidth"),
        true
    );
    let loaded = browser.run(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })",
    );
    for r in loaded.as_array().unwrap() {
        assert!(r.as_str().unwrap().starts_with(&s.url), "{r}");
    }
    browser.click("#pay");
    assert!(
        eventually(Duration::from_secs(10), || browser
            .url()
            .starts_with(&shop.url())),
        "still at {}",
        browser.url()
    );
    assert_eq!(browser.url(), format!("{}/success?order=WEB-1", shop.url()));
    assert!(
        visits
            .lock()
            .unwrap()
            .contains(&"/success?order=WEB-1".to_owned())
    );
    let id = p["invoiceId"].as_str().unwrap();
    assert_eq!(
        s.http().json(&s.http().get(&format!("/api/payments/{id}")))["status"],
        "paid"
    );

    // Paid elsewhere (a wallet; here `le sandbox pay`): the open page notices and sends
    // the payer on.
    let q = create(&s, "WEB-2", &returns.replace("WEB-1", "WEB-2"));
    browser.go(q["hostedCheckoutUrl"].as_str().unwrap());
    assert!(browser.text_of("#status").contains("Waiting"));
    env.le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &s.url,
            "sandbox",
            "pay",
            q["invoiceId"].as_str().unwrap(),
        ])
        .assert()
        .success();
    assert!(
        eventually(Duration::from_secs(10), || browser.url()
            == format!("{}/success?order=WEB-2", shop.url())),
        "still at {}",
        browser.url()
    );

    // Cancel: back to the cart.
    let r = create(&s, "WEB-3", &returns);
    browser.go(r["hostedCheckoutUrl"].as_str().unwrap());
    browser.click("#cancel");
    assert!(
        eventually(Duration::from_secs(10), || browser.url()
            == format!("{}/cart", shop.url())),
        "still at {}",
        browser.url()
    );
}

/// The Integration Guide, start to finish, as a merchant's app goes through it against
/// `le sandbox serve`: the app (here `le` and curl, with a web server standing in for the
/// shop) registers its webhook endpoint, creates a payment with its return addresses and
/// sends the customer's browser to the checkout page; the customer pays; the webhook
/// arrives signed; the browser lands on the shop; then a refund, a rate limit and a
/// lapsed plan. Over http, then over https.
#[test]
fn the_integration_guide_end_to_end_over_http_and_https() {
    for tls in [false, true] {
        // The browser is told to accept the sandbox's certificate; everything else (le,
        // curl) verifies it against DIR/tls/cert.pem.
        let extra: &[&str] = if tls {
            &["--ignore-certificate-errors"]
        } else {
            &[]
        };
        let Some(browser) = Browser::start_with(extra) else {
            return;
        };
        guide(&browser, tls);
    }
}

fn guide(browser: &Browser, tls: bool) {
    let env = Env::new();
    let (app, visits) = shop();
    let mut args = vec!["--rate-limit", "create=3/1m", "--refund-delay", "1s"];
    if tls {
        args.push("--tls");
    }
    let s = Served::start(&env, &args);
    assert_eq!(s.url.starts_with("https://"), tls, "{}", s.url);
    let cert = env.sandbox_dir().join("tls").join("cert.pem");
    let le = |args: &[&str]| {
        let mut c = env.le();
        c.env("LIGHTNING_API_KEY", "shop-key")
            .args(["--base-url", &s.url]);
        if tls {
            c.arg("--cacert").arg(&cert);
        }
        c.args(args).output().unwrap()
    };
    let secret = env.write("whsec.txt", "whsec_guide_0123456789\n");
    let out = le(&[
        "webhook",
        "endpoint",
        "set",
        &format!("{}/webhooks", app.url()),
        "--secret-file",
        secret.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));

    // Create, with the shop's return addresses (create 1 of 3 this minute).
    let out = le(&[
        "--json",
        "create",
        "--order",
        "GUIDE-1",
        "--amount",
        "49.99",
        "--currency",
        "USD",
        "--success-url",
        &format!("{}/thanks?order=GUIDE-1", app.url()),
        "--cancel-url",
        &format!("{}/cart", app.url()),
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let p = parse_json(&out.stdout);
    let checkout = p["hostedCheckoutUrl"].as_str().unwrap();
    assert!(checkout.starts_with(&format!("{}/checkout/", s.url)), "{p}");

    // The customer's browser: the QR code, "Pay (sandbox)", and back to the shop.
    browser.go(checkout);
    assert_eq!(
        browser.qr_in_screenshot(),
        Some(format!(
            "LIGHTNING:{}",
            p["lightningInvoice"].as_str().unwrap().to_uppercase()
        ))
    );
    browser.click("#pay");
    let thanks = format!("{}/thanks?order=GUIDE-1", app.url());
    assert!(
        eventually(Duration::from_secs(10), || browser.url() == thanks),
        "still at {}",
        browser.url()
    );
    assert!(
        visits
            .lock()
            .unwrap()
            .contains(&"/thanks?order=GUIDE-1".to_owned())
    );

    // The webhook, signed with the app's secret under both schemes.
    let hooks = || {
        app.seen()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path == "/webhooks")
            .collect::<Vec<_>>()
    };
    assert!(eventually(Duration::from_secs(5), || !hooks().is_empty()));
    let hook = &hooks()[0];
    assert_eq!(hook.json()["event"], "payment.completed");
    assert_eq!(hook.json()["data"]["invoiceId"], p["invoiceId"]);
    assert_eq!(
        hook.header("x-gateway-signature"),
        Some(python_hmac("whsec_guide_0123456789", &hook.body).as_str())
    );
    let payload = env.path("payload.json");
    std::fs::write(&payload, &hook.body).unwrap();
    env.le()
        .args(["webhook", "verify", "--secret-file"])
        .arg(&secret)
        .arg("--header")
        .arg(format!(
            "X-LightningEnable-Signature: {}",
            hook.header("x-lightningenable-signature").unwrap()
        ))
        .arg(&payload)
        .assert()
        .success();

    // A refund (create 2 of 3), and its webhook after the payment's.
    let id = p["invoiceId"].as_str().unwrap();
    let out = le(&[
        "--json",
        "refund",
        "create",
        "--invoice",
        id,
        "--amount",
        "10",
        "--currency",
        "USD",
        "--bitcoin-address",
        p["onchainAddress"].as_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(eventually(Duration::from_secs(8), || hooks().len() >= 2));
    assert_eq!(hooks()[1].json()["event"], "refund.completed");

    // The rate limit: the third create goes through, the fourth is 429.
    let out = le(&[
        "--json",
        "create",
        "--order",
        "GUIDE-2",
        "--amount",
        "1",
        "--currency",
        "USD",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let mut curl = std::process::Command::new("curl");
    curl.args(["-s", "-i", "-X", "POST", "-H", "X-API-Key: shop-key"])
        .args(["-H", "Content-Type: application/json"])
        .args([
            "--data",
            r#"{"orderId":"GUIDE-3","amount":1,"currency":"USD"}"#,
        ]);
    if tls {
        curl.arg("--cacert").arg(&cert);
    }
    let answer = curl
        .arg(format!("{}/api/payments", s.url))
        .output()
        .expect("curl");
    let text = String::from_utf8_lossy(&answer.stdout);
    assert_eq!(status_of(&text), 429, "{text}");
    assert!(header_of(&text, "retry-after").is_some(), "{text}");

    // A lapsed plan: le says so, exit 4.
    let out = le(&["sandbox", "account", "--status", "subscription-expired"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = le(&["get", id]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("SUBSCRIPTION_EXPIRED"),
        "{}",
        stderr_of(&out)
    );
}
