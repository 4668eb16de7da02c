//! `le sandbox serve` as a merchant's own HTTP client sees it: every route, status
//! transition and error code, idempotent replays, rate limits, webhooks, faults.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;

/// A BOLT11 test vector (mainnet), from the BOLT 11 specification.
const MAINNET_INVOICE: &str = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql";

fn serve(env: &Env, extra: &[&str]) -> Served {
    let mut args = vec!["--rate-limit", "off", "--refund-delay", "1s"];
    args.extend_from_slice(extra);
    Served::start(env, &args)
}

#[test]
fn health_needs_no_key_and_everything_else_does() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let a = raw_http(s.addr, "GET", "/health", &[], "");
    assert_eq!(status_of(&a), 200);
    let a = raw_http(s.addr, "GET", "/api/payments/inv_x", &[], "");
    assert_eq!(status_of(&a), 401);
    assert!(body_of(&a).contains("MISSING_API_KEY"));
    assert!(header_of(&a, "x-correlation-id").is_some());
    let a = raw_http(s.addr, "GET", "/api/rates", &[("X-API-Key", "  ")], "");
    assert_eq!(status_of(&a), 401);
}

#[test]
fn unknown_routes_methods_and_media_types() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let h = s.http();
    let a = h.get("/api/nothing-here");
    assert_eq!(status_of(&a), 404);
    assert_eq!(h.json(&a)["code"], "NOT_FOUND");
    let a = raw_http(s.addr, "DELETE", "/api/payments", &[("X-API-Key", "k")], "");
    assert_eq!(status_of(&a), 405);
    assert_eq!(h.json(&a)["code"], "METHOD_NOT_ALLOWED");
    let a = raw_http(
        s.addr,
        "POST",
        "/api/payments",
        &[("X-API-Key", "k"), ("Content-Type", "text/plain")],
        "{}",
    );
    assert_eq!(status_of(&a), 415);
}

#[test]
fn payment_transitions_and_percent_encoded_ids() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let h = s.http();
    let p = h.create("A/B?#1 é", "12.34", "EUR");
    let id = p["invoiceId"].as_str().unwrap();
    assert_eq!(p["status"], "unpaid");
    assert_eq!(p["amount"], json!(12.34));
    assert!(p.get("paidAt").is_none());
    let a = h.get("/api/payments/order/A%2FB%3F%231%20%C3%A9");
    assert_eq!(h.json(&a)["invoiceId"], id, "{a}");

    let act = |action: &str| {
        raw_http(
            s.addr,
            "POST",
            &format!("/sandbox/payments/{id}/{action}"),
            &[("X-API-Key", "k")],
            "",
        )
    };
    assert_eq!(h.json(&act("process"))["status"], "processing");
    assert_eq!(
        status_of(&act("process")),
        409,
        "processing only from unpaid"
    );
    let paid = h.json(&act("pay"));
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["paidAt"], paid["settledAt"]);
    let a = act("expire");
    assert_eq!(status_of(&a), 409);
    assert_eq!(h.json(&a)["code"], "INVALID_TRANSITION");
    assert_eq!(status_of(&act("explode")), 404);
    let synced = h.json(&h.post(&format!("/api/payments/{id}/sync"), ""));
    assert_eq!(synced["status"], "paid");
    let a = h.get("/api/payments/inv_unknown");
    assert_eq!(
        (status_of(&a), h.json(&a)["message"].as_str()),
        (404, Some("Settlement not found"))
    );
}

#[test]
fn expiry_really_happens_and_is_announced() {
    let env = Env::new();
    let hook = Scripted::always(Step::json(200, "{}"));
    let s = Served::start_with_env(
        &env,
        &[("LE_SANDBOX_EXPIRY", "1s")],
        &[
            "--rate-limit",
            "off",
            "--webhook-url",
            &format!("{}/hook", hook.url()),
            "--webhook-secret",
            "whsec_t",
        ],
    );
    let h = s.http();
    let p = h.create("EXP-1", "1", "USD");
    let created: jiff::Timestamp = p["createdAt"].as_str().unwrap().parse().unwrap();
    let expires: jiff::Timestamp = p["expiresAt"].as_str().unwrap().parse().unwrap();
    assert_eq!((expires - created).get_seconds(), 1);
    // Nobody reads the payment: the server's own clock expires it and says so.
    assert!(
        eventually(Duration::from_secs(5), || !hook.seen().is_empty()),
        "no payment.expired"
    );
    let ev = hook.seen()[0].json();
    assert_eq!(ev["event"], "payment.expired");
    assert_eq!(ev["data"]["invoiceId"], p["invoiceId"]);
    assert_eq!(ev["data"]["status"], "expired");
    assert_eq!(ev["data"]["expiredAt"], p["expiresAt"]);
    let now = h.json(&h.get(&format!(
        "/api/payments/{}",
        p["invoiceId"].as_str().unwrap()
    )));
    assert_eq!(now["status"], "expired");
    let a = raw_http(
        s.addr,
        "POST",
        &format!("/sandbox/payments/{}/pay", p["invoiceId"].as_str().unwrap()),
        &[("X-API-Key", "k")],
        "",
    );
    assert_eq!(status_of(&a), 409, "an expired invoice cannot be paid");
}

#[test]
fn idempotent_replays_for_payments_and_refunds() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let h = s.http();
    let body = r#"{"orderId":"IDEM-1","amount":5,"currency":"GBP"}"#;
    let a = h.post_keyed("/api/payments", body, "key-1");
    let b = h.post_keyed("/api/payments", body, "key-1");
    assert_eq!((status_of(&a), status_of(&b)), (201, 201));
    assert_eq!(body_of(&a), body_of(&b));
    assert_eq!(header_of(&b, "x-idempotency-replayed"), Some("true"));
    assert_eq!(header_of(&a, "x-idempotency-replayed"), None);
    let c = h.post_keyed(
        "/api/payments",
        r#"{"orderId":"IDEM-1","amount":6,"currency":"GBP"}"#,
        "key-1",
    );
    assert_eq!(status_of(&c), 422);
    assert_eq!(h.json(&c)["code"], "IDEMPOTENCY_KEY_REUSED");
    let d = h.post_keyed("/api/payments", body, &"k".repeat(257));
    assert_eq!(h.json(&d)["code"], "INVALID_IDEMPOTENCY_KEY");

    let id = h.json(&a)["invoiceId"].as_str().unwrap().to_owned();
    h.pay(&id);
    let dest = h.create("CUSTOMER-R", "5", "GBP")["lightningInvoice"]
        .as_str()
        .unwrap()
        .to_owned();
    let refund = format!(
        r#"{{"invoiceId":"{id}","amount":5,"currency":"GBP","lightningInvoice":"{dest}"}}"#
    );
    let r1 = h.post_keyed("/api/refunds", &refund, "rkey");
    let r2 = h.post_keyed("/api/refunds", &refund, "rkey");
    assert_eq!((status_of(&r1), status_of(&r2)), (201, 201), "{r1}\n{r2}");
    assert_eq!(body_of(&r1), body_of(&r2));
    assert_eq!(header_of(&r2, "x-idempotency-replayed"), Some("true"));
    let list = h.json(&h.get(&format!("/api/refunds/invoice/{id}")));
    assert_eq!(
        list["refunds"].as_array().unwrap().len(),
        1,
        "one refund, not two"
    );
}

#[test]
fn refunds_follow_the_reference() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let h = s.http();
    let p = h.create("REF-1", "10", "USD");
    let id = p["invoiceId"].as_str().unwrap().to_owned();
    let dest4 = h.create("CUST-4", "4", "USD")["lightningInvoice"]
        .as_str()
        .unwrap()
        .to_owned();
    let dest6 = h.create("CUST-6", "6", "USD")["lightningInvoice"]
        .as_str()
        .unwrap()
        .to_owned();
    let refund = |amount: &str, currency: &str, dest: &str| {
        h.post(
            "/api/refunds",
            &format!(r#"{{"invoiceId":"{id}","amount":{amount},"currency":"{currency}",{dest},"reason":"changed mind"}}"#),
        )
    };
    let ln = |inv: &str| format!(r#""lightningInvoice":"{inv}""#);
    let expect = |a: String, status: u16, code: &str| {
        assert_eq!(status_of(&a), status, "{a}");
        assert_eq!(h.json(&a)["code"], code, "{a}");
    };
    expect(
        refund("4", "USD", &ln(&dest4)),
        409,
        "PAYMENT_NOT_REFUNDABLE",
    );
    h.pay(&id);
    expect(refund("4", "EUR", &ln(&dest4)), 400, "CURRENCY_MISMATCH");
    expect(refund("0", "USD", &ln(&dest4)), 400, "INVALID_AMOUNT");
    expect(
        refund("10.01", "USD", &ln(&dest4)),
        400,
        "REFUND_EXCEEDS_PAYMENT",
    );
    expect(
        refund("5", "USD", &ln(&dest4)),
        400,
        "INVOICE_AMOUNT_MISMATCH",
    );
    expect(
        refund("4", "USD", &ln("lnbcrt1nonsense")),
        400,
        "INVALID_LIGHTNING_INVOICE",
    );
    expect(
        refund("4", "USD", &ln(MAINNET_INVOICE)),
        400,
        "INVALID_LIGHTNING_INVOICE",
    );
    expect(
        refund(
            "4",
            "USD",
            r#""bitcoinAddress":"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq""#,
        ),
        400,
        "INVALID_BITCOIN_ADDRESS",
    );
    expect(
        refund(
            "4",
            "USD",
            &format!(
                r#"{},"bitcoinAddress":"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080""#,
                ln(&dest4)
            ),
        ),
        400,
        "INVALID_DESTINATION",
    );
    expect(
        refund("4", "USD", r#""reason2":"none""#),
        400,
        "INVALID_DESTINATION",
    );
    expect(
        h.post(
            "/api/refunds",
            r#"{"amount":1,"currency":"USD","bitcoinAddress":"x"}"#,
        ),
        400,
        "MISSING_INVOICE_ID",
    );
    expect(
        h.post(
            "/api/refunds",
            &format!(
                r#"{{"invoiceId":"inv_nope","amount":1,"currency":"USD",{}}}"#,
                ln(&dest4)
            ),
        ),
        404,
        "SETTLEMENT_NOT_FOUND",
    );

    let first = refund("4", "USD", &ln(&dest4));
    assert_eq!(status_of(&first), 201, "{first}");
    let r = h.json(&first);
    assert_eq!(r["status"], "pending");
    assert_eq!(r["type"], "lightning");
    assert_eq!(r["amountSats"], 4000);
    assert_eq!(r["reason"], "changed mind");
    expect(refund("4", "USD", &ln(&dest4)), 409, "INVOICE_ALREADY_USED");
    let onchain = refund(
        "6",
        "USD",
        r#""bitcoinAddress":"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080""#,
    );
    assert_eq!(status_of(&onchain), 201, "{onchain}");
    assert_eq!(h.json(&onchain)["type"], "onchain");
    expect(
        refund("0.01", "USD", &ln(&dest6)),
        400,
        "REFUND_EXCEEDS_PAYMENT",
    );

    // Both complete after the delay, and the payment is then fully refunded.
    let rid = r["refundId"].as_str().unwrap();
    assert!(eventually(Duration::from_secs(5), || h
        .json(&h.get(&format!("/api/refunds/{rid}")))["status"]
        == "completed"));
    let done = h.json(&h.get(&format!("/api/refunds/{rid}")));
    assert!(done["completedAt"].is_string());
    assert!(eventually(Duration::from_secs(5), || h
        .json(&h.get(&format!("/api/payments/{id}")))["status"]
        == "refunded"));
    let all = h.json(&h.get("/api/refunds"));
    assert_eq!(all["refunds"].as_array().unwrap().len(), 2);
    let a = h.get("/api/refunds/ref_nope");
    assert_eq!(
        (status_of(&a), h.json(&a)["code"].as_str()),
        (404, Some("REFUND_NOT_FOUND"))
    );
    assert_eq!(status_of(&h.get("/api/refunds/invoice/inv_nope")), 404);
}

#[test]
fn rates() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let h = s.http();
    let all = h.json(&h.get("/api/rates"));
    assert_eq!(
        all["BTC"],
        json!({"EUR": 92000, "GBP": 80000, "USD": 100000, "CAD": 137000, "AUD": 152000,
            "JPY": 15000000, "CHF": 88000, "CNY": 720000, "INR": 8300000, "BRL": 500000})
    );
    assert!(all["timestamp"].is_string());
    let usd = h.json(&h.get("/api/rates/usd"));
    assert_eq!(
        (usd["currency"].as_str(), usd["rate"].as_u64()),
        (Some("USD"), Some(100000))
    );
    assert_eq!(usd["inverse"], json!(0.00001));
    let a = h.get("/api/rates/BTC");
    assert_eq!(
        (status_of(&a), h.json(&a)["code"].as_str()),
        (400, Some("INVALID_CURRENCY"))
    );
}

#[test]
fn rate_limits_answer_429_with_the_documented_headers() {
    let env = Env::new();
    let s = Served::start(&env, &["--rate-limit", "create=2/2s,read=3/2s"]);
    let h = s.http();
    // Start at the beginning of a 2 s window so that the three creates share it.
    while jiff::Timestamp::now().as_millisecond() % 2000 > 500 {
        std::thread::sleep(Duration::from_millis(50));
    }
    let a = h.post(
        "/api/payments",
        r#"{"orderId":"RL-1","amount":1,"currency":"USD"}"#,
    );
    assert_eq!(status_of(&a), 201);
    assert_eq!(header_of(&a, "x-ratelimit-limit"), Some("2"));
    assert_eq!(header_of(&a, "x-ratelimit-remaining"), Some("1"));
    let reset: i64 = header_of(&a, "x-ratelimit-reset").unwrap().parse().unwrap();
    assert!(reset > jiff::Timestamp::now().as_second() - 1);
    h.post(
        "/api/payments",
        r#"{"orderId":"RL-2","amount":1,"currency":"USD"}"#,
    );
    let refused = h.post(
        "/api/payments",
        r#"{"orderId":"RL-3","amount":1,"currency":"USD"}"#,
    );
    assert_eq!(status_of(&refused), 429, "{refused}");
    let body = h.json(&refused);
    assert_eq!(body["code"], "RATE_LIMIT_EXCEEDED");
    assert_eq!(body["details"]["limit"], 2);
    assert_eq!(body["details"]["window"], "2 seconds");
    let retry: u64 = header_of(&refused, "retry-after").unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry));
    assert_eq!(body["details"]["retryAfter"], retry);
    // Rates count only against policies given (none here): no headers.
    assert_eq!(header_of(&h.get("/api/rates"), "x-ratelimit-limit"), None);

    // le itself waits as asked and gets through.
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &s.url,
            "--json",
            "create",
            "--order",
            "RL-3",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let a = raw_http(
        s.addr,
        "GET",
        "/sandbox/payments",
        &[("X-API-Key", "other")],
        "",
    );
    assert_eq!(status_of(&a), 200, "control routes are not limited");
}

/// Checks both signature headers of a delivery against Python's HMAC.
fn assert_signed(seen: &Seen, secret: &str) {
    let sig = seen
        .header("x-lightningenable-signature")
        .expect("current signature header");
    let (t, v1) = sig.split_once(",v1=").unwrap();
    let t = t.strip_prefix("t=").unwrap();
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(&seen.body);
    assert_eq!(v1, python_hmac(secret, &signed));
    assert_eq!(
        seen.header("x-gateway-signature").unwrap(),
        python_hmac(secret, &seen.body)
    );
    let age = jiff::Timestamp::now().as_second() - t.parse::<i64>().unwrap();
    assert!((0..30).contains(&age), "fresh timestamp");
}

#[test]
fn webhooks_are_signed_under_both_schemes() {
    let env = Env::new();
    let hook = Scripted::always(Step::json(200, "{}"));
    let s = serve(
        &env,
        &[
            "--webhook-url",
            &format!("{}/hooks/le", hook.url()),
            "--webhook-secret",
            "whsec_test",
        ],
    );
    let h = s.http();
    let p = h.create("WH-1", "7.5", "EUR");
    let id = p["invoiceId"].as_str().unwrap().to_owned();
    h.pay(&id);
    assert!(eventually(Duration::from_secs(5), || hook.seen().len() == 1));
    let seen = &hook.seen()[0];
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, "/hooks/le");
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(
        seen.header("x-lightningenable-event"),
        Some("payment.completed")
    );
    assert!(
        seen.header("x-lightningenable-delivery")
            .unwrap()
            .starts_with("evt_")
    );
    assert_signed(seen, "whsec_test");
    let ev = seen.json();
    assert_eq!(ev["event"], "payment.completed");
    assert!(ev["timestamp"].is_string());
    let paid = h.json(&h.get(&format!("/api/payments/{id}")));
    assert_eq!(
        ev["data"],
        json!({"invoiceId": id, "orderId": "WH-1", "status": "paid", "amount": 7.5, "currency": "EUR",
               "amountSats": 8152, "paidAt": paid["paidAt"]})
    );

    let dest = h.create("WH-CUST", "7.5", "EUR")["lightningInvoice"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = h.json(&h.post(
        "/api/refunds",
        &format!(
            r#"{{"invoiceId":"{id}","amount":7.5,"currency":"EUR","lightningInvoice":"{dest}"}}"#
        ),
    ));
    assert!(eventually(Duration::from_secs(6), || hook.seen().len() == 2));
    let ev = hook.seen()[1].json();
    assert_eq!(ev["event"], "refund.completed");
    assert_eq!(ev["data"]["refundId"], r["refundId"]);
    assert_eq!(ev["data"]["status"], "completed");
    assert_eq!(ev["data"]["amount"], json!(7.5));
    assert!(ev["data"]["completedAt"].is_string());
    assert_signed(&hook.seen()[1], "whsec_test");
}

#[test]
fn webhooks_are_retried_with_backoff_and_logged() {
    let env = Env::new();
    let hook = Scripted::start(
        vec![
            Step::json(500, "{}"),
            Step::Drop,
            Step::Stall(Duration::from_secs(6)),
        ],
        Step::json(204, ""),
    );
    let s = serve(
        &env,
        &[
            "--webhook-url",
            &hook.url(),
            "--webhook-secret",
            "s3",
            "--webhook-timeout",
            "2s",
        ],
    );
    let h = s.http();
    let id = h.create("RETRY-1", "1", "USD")["invoiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let started = Instant::now();
    h.pay(&id);
    assert!(
        eventually(Duration::from_secs(25), || hook.seen().len() == 4),
        "{:?}",
        hook.seen().len()
    );
    // 1 s + 2 s + 4 s of backoff between the four attempts.
    assert!(
        started.elapsed() >= Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    let ids: Vec<String> = hook
        .seen()
        .iter()
        .map(|x| x.header("x-lightningenable-delivery").unwrap().to_owned())
        .collect();
    assert!(
        ids.iter().all(|i| *i == ids[0]),
        "one delivery id for every attempt: {ids:?}"
    );

    assert!(eventually(Duration::from_secs(3), || {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", h.key)
            .args(["--base-url", &s.url, "--json", "sandbox", "deliveries"])
            .output()
            .unwrap();
        stdout_of(&out).lines().count() == 4
    }));
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", h.key)
        .args(["--base-url", &s.url, "--json", "sandbox", "deliveries"])
        .output()
        .unwrap();
    let rows: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(u64, Option<u64>)> = rows
        .iter()
        .map(|r| (r["attempt"].as_u64().unwrap(), r["statusCode"].as_u64()))
        .collect();
    assert_eq!(
        summary,
        vec![(1, Some(500)), (2, None), (3, None), (4, Some(204))]
    );
    assert!(
        rows[2]["error"]
            .as_str()
            .unwrap()
            .contains("no answer within 2 s"),
        "{}",
        rows[2]
    );
    let human = env
        .le()
        .env("LIGHTNING_API_KEY", h.key)
        .args(["--base-url", &s.url, "sandbox", "deliveries"])
        .output()
        .unwrap();
    assert!(stdout_of(&human).contains("payment.completed") && stdout_of(&human).contains("204"));
}

#[test]
fn a_webhook_set_in_the_state_is_delivered_once_by_one_of_two_servers() {
    let env = Env::new();
    let hook = Scripted::always(Step::json(200, "{}"));
    let secret = env.write("hook.secret", "whsec_state\n");
    env.le()
        .args(["sandbox", "webhook", "--url", &hook.url(), "--secret-file"])
        .arg(&secret)
        .assert()
        .success()
        .stdout(predicates::str::contains(hook.url()));
    let a = serve(&env, &[]);
    let b = serve(&env, &[]);
    // Settled by a third process, the embedded sandbox: the servers deliver it.
    let p = env.create("TWO-1");
    env.le()
        .args(["sandbox", "pay", p["invoiceId"].as_str().unwrap()])
        .assert()
        .success();
    assert!(eventually(Duration::from_secs(5), || !hook
        .seen()
        .is_empty()));
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(hook.seen().len(), 1, "delivered exactly once");
    assert_signed(&hook.seen()[0], "whsec_state");
    drop((a, b));
    env.le()
        .args(["sandbox", "webhook", "--clear"])
        .assert()
        .success()
        .stdout(predicates::str::contains("No webhook"));
}

#[test]
fn auto_pay_ends_a_watch_by_itself() {
    let env = Env::new();
    let s = serve(&env, &["--auto-pay-after", "1s"]);
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &s.url,
            "--json",
            "create",
            "--order",
            "AUTO-1",
            "--amount",
            "2",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    let id = parse_json(&out.stdout)["invoiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &s.url,
            "--json",
            "watch",
            &id,
            "--timeout",
            "20s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(parse_json(&out.stdout)["status"], "paid");
}

#[test]
fn latency_and_injected_failures() {
    let env = Env::new();
    let slow = serve(&env, &["--latency", "300"]);
    let started = Instant::now();
    let a = slow.http().get("/api/rates");
    assert_eq!(status_of(&a), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    let failing = serve(&env, &["--fail-rate", "1", "--fail-modes", "500"]);
    let a = failing.http().get("/api/rates");
    assert_eq!(status_of(&a), 500);
    assert!(body_of(&a).contains("An error occurred processing your request."));
    assert_eq!(
        status_of(&raw_http(failing.addr, "GET", "/health", &[], "")),
        200,
        "health is never failed"
    );

    let proxy = serve(&env, &["--fail-rate", "1", "--fail-modes", "502"]);
    let a = proxy.http().get("/api/rates");
    assert_eq!(status_of(&a), 502);
    assert!(body_of(&a).contains("<title>502 Bad Gateway</title>"));

    // A write that is committed but whose answer never comes.
    let dropping = serve(&env, &["--fail-rate", "1", "--fail-modes", "drop-after"]);
    let a = dropping.http().post(
        "/api/payments",
        r#"{"orderId":"DROP-1","amount":1,"currency":"USD"}"#,
    );
    assert_eq!(a, "", "no answer at all");
    let list = raw_http(
        dropping.addr,
        "GET",
        "/sandbox/payments",
        &[("X-API-Key", "k")],
        "",
    );
    assert_eq!(
        serde_json::from_str::<Value>(body_of(&list)).unwrap()["payments"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let before = serve(&env, &["--fail-rate", "1", "--fail-modes", "drop-before"]);
    assert_eq!(
        before.http().post(
            "/api/payments",
            r#"{"orderId":"DROP-2","amount":1,"currency":"USD"}"#
        ),
        ""
    );
    let list = raw_http(
        before.addr,
        "GET",
        "/sandbox/payments",
        &[("X-API-Key", "k")],
        "",
    );
    let listed: Value = serde_json::from_str(body_of(&list)).unwrap();
    let orders: Vec<&str> = listed["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["orderId"].as_str().unwrap())
        .collect();
    assert!(
        !orders.contains(&"DROP-2"),
        "nothing written before the drop"
    );

    let stalling = serve(
        &env,
        &[
            "--fail-rate",
            "1",
            "--fail-modes",
            "stall",
            "--stall",
            "30s",
        ],
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &stalling.url,
            "--request-timeout",
            "300ms",
            "get",
            "inv_1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
}

#[test]
fn bad_serve_options_exit_2() {
    let env = Env::new();
    for (args, says) in [
        (vec!["--rate-limit", "fast"], "--rate-limit"),
        (vec!["--fail-rate", "1.5"], "--fail-rate"),
        (vec!["--fail-modes", "explode"], "unknown fault 'explode'"),
        (vec!["--webhook-url", "http://x"], "--webhook-secret"),
        (
            vec!["--webhook-url", "not a url", "--webhook-secret", "s"],
            "--webhook-url",
        ),
        (vec!["--addr", "256.0.0.1:1"], "cannot listen on"),
    ] {
        env.le()
            .args(["sandbox", "serve"])
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says));
    }
}

#[test]
fn invoices_decode_in_an_independent_decoder() {
    let have = std::process::Command::new("python3")
        .args(["-c", "import bolt11"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run this: pip install -r tests/requirements.txt"
        );
        eprintln!(
            "skipped: Python's bolt11 is not installed (pip install -r tests/requirements.txt)"
        );
        return;
    }
    let env = Env::new();
    let s = Served::start(&env, &["--json", "--rate-limit", "off"]);
    let node: Value = serde_json::from_str(s.banner.trim()).unwrap();
    let h = s.http();
    for (order, amount, currency, sats) in [
        ("D-1", "49.99", "USD", 49990),
        ("D-2", "0.00012345", "BTC", 12345),
        ("D-3", "1", "sats", 1),
    ] {
        let p = h.create(order, amount, currency);
        let out = std::process::Command::new("python3")
            .args([
                "-c",
                "import bolt11,sys,json; i=bolt11.decode(sys.argv[1]); print(json.dumps({'currency':i.currency,'msat':i.amount_msat,'hash':i.payment_hash,'date':i.date,'expiry':i.expiry,'payee':i.payee,'description':i.description}))",
                p["lightningInvoice"].as_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let d = parse_json(&out.stdout);
        let created: jiff::Timestamp = p["createdAt"].as_str().unwrap().parse().unwrap();
        let expires: jiff::Timestamp = p["expiresAt"].as_str().unwrap().parse().unwrap();
        assert_eq!(d["currency"], "bcrt", "regtest");
        assert_eq!(d["msat"], p["amountSats"].as_u64().unwrap() * 1000);
        assert_eq!(p["amountSats"], sats);
        assert_eq!(d["date"], created.as_second());
        assert_eq!(
            d["date"].as_i64().unwrap() + d["expiry"].as_i64().unwrap(),
            expires.as_second()
        );
        // The signature recovers to the sandbox's node key: it is valid and it is ours.
        assert_eq!(d["payee"], node["nodePubkey"]);
        assert_eq!(d["description"], format!("Order {order}"));
        assert_eq!(d["hash"].as_str().unwrap().len(), 64);
    }
}

#[test]
fn a_change_made_by_another_process_is_delivered_by_the_server() {
    let env = Env::new();
    let hook = Scripted::always(Step::json(200, "{}"));
    let secret = env.write("secret", "whsec_file \n");
    let s = serve(
        &env,
        &[
            "--webhook-url",
            &hook.url(),
            "--webhook-secret-file",
            secret.to_str().unwrap(),
        ],
    );
    // Let the server announce its destination in the shared state.
    std::thread::sleep(Duration::from_millis(600));
    let p = env.create("OTHER-1");
    // Settled by the embedded sandbox of another le process, not through the server.
    env.le()
        .args(["sandbox", "pay", p["invoiceId"].as_str().unwrap()])
        .assert()
        .success();
    assert!(
        eventually(Duration::from_secs(5), || !hook.seen().is_empty()),
        "never delivered"
    );
    assert_eq!(hook.seen()[0].json()["data"]["invoiceId"], p["invoiceId"]);
    // The secret is the file's line, trailing space included, final newline not.
    assert_signed(&hook.seen()[0], "whsec_file ");
    drop(s);
}

#[cfg(unix)]
#[test]
fn the_state_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.create("PERM-1");
    let mode = |p: std::path::PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(env.sandbox_dir()), 0o700);
    assert_eq!(mode(env.sandbox_dir().join("sandbox.db")), 0o600);
}

#[test]
fn sigterm_stops_the_server_cleanly_with_its_state_kept() {
    let env = Env::new();
    let mut s = serve(&env, &[]);
    let p = s.http().create("TERM-1", "1", "USD");
    let ok = std::process::Command::new("sh")
        .args(["-c", &format!("kill -TERM {}", s.child.id())])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let status = s.child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "a clean stop");
    let again = serve(&env, &[]);
    let got = again.http().get(&format!(
        "/api/payments/{}",
        p["invoiceId"].as_str().unwrap()
    ));
    assert_eq!(status_of(&got), 200, "{got}");
}
