//! The served sandbox as the hosted API's twin: each key a merchant of its own, the
//! merchant endpoints, account states, the error shapes and wire details a merchant's
//! integration meets, and what `le` makes of them.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;

fn serve(env: &Env, extra: &[&str]) -> Served {
    let mut args = vec!["--rate-limit", "off", "--refund-delay", "1s"];
    args.extend_from_slice(extra);
    Served::start(env, &args)
}

fn as_key(s: &Served, key: &'static str) -> Http {
    Http { addr: s.addr, key }
}

/// `le --base-url URL ARGS…` with `key`.
fn le(env: &Env, s: &Served, key: &str, args: &[&str]) -> std::process::Output {
    env.le()
        .env("LIGHTNING_API_KEY", key)
        .args(["--base-url", &s.url])
        .args(args)
        .output()
        .unwrap()
}

fn put(h: &Http, path: &str, body: &str) -> String {
    raw_http(
        h.addr,
        "PUT",
        path,
        &[("X-API-Key", h.key), ("Content-Type", "application/json")],
        body,
    )
}

#[test]
fn each_key_is_a_merchant_of_its_own() {
    let env = Env::new();
    let s = Served::start(&env, &["--rate-limit", "create=2/1m"]);
    let (a, b) = (as_key(&s, "key-a"), as_key(&s, "key-b"));
    // The same order id and idempotency key, with different bodies, under two keys: two
    // payments, neither a replay of the other nor a refusal.
    let first = a.post_keyed(
        "/api/payments",
        r#"{"orderId":"ORDER-1","amount":5,"currency":"USD"}"#,
        "shared-key",
    );
    let second = b.post_keyed(
        "/api/payments",
        r#"{"orderId":"ORDER-1","amount":7,"currency":"EUR"}"#,
        "shared-key",
    );
    assert_eq!(
        (status_of(&first), status_of(&second)),
        (201, 201),
        "{second}"
    );
    assert_eq!(header_of(&second, "x-idempotency-replayed"), None);
    let (pa, pb) = (a.json(&first), b.json(&second));
    assert_ne!(pa["invoiceId"], pb["invoiceId"]);
    assert_eq!(pb["amount"], json!(7));
    // A key sees its own payments only.
    let id_a = pa["invoiceId"].as_str().unwrap();
    assert_eq!(status_of(&b.get(&format!("/api/payments/{id_a}"))), 404);
    assert_eq!(
        b.json(&b.get("/api/payments/order/ORDER-1"))["invoiceId"],
        pb["invoiceId"]
    );
    let listed = b.json(&b.get("/sandbox/payments"));
    assert_eq!(listed["payments"].as_array().unwrap().len(), 1);
    assert_eq!(listed["payments"][0]["invoiceId"], pb["invoiceId"]);
    // Its own rate limit: A spends its two creates, B still has one.
    let refused = a.post(
        "/api/payments",
        r#"{"orderId":"ORDER-2","amount":1,"currency":"USD"}"#,
    );
    assert_eq!(status_of(&refused), 201);
    let refused = a.post(
        "/api/payments",
        r#"{"orderId":"ORDER-3","amount":1,"currency":"USD"}"#,
    );
    assert_eq!(status_of(&refused), 429, "{refused}");
    let other = b.post(
        "/api/payments",
        r#"{"orderId":"ORDER-3","amount":1,"currency":"USD"}"#,
    );
    assert_eq!(status_of(&other), 201, "{other}");
    // Its own account: B made inactive, A carries on.
    let out = le(
        &env,
        &s,
        "key-b",
        &["sandbox", "account", "--status", "inactive"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        status_of(&b.get(&format!(
            "/api/payments/{}",
            pb["invoiceId"].as_str().unwrap()
        ))),
        403
    );
    assert_eq!(status_of(&a.get(&format!("/api/payments/{id_a}"))), 200);
    // Its own reset.
    let out = le(&env, &s, "key-a", &["sandbox", "reset"]);
    assert!(
        stdout_of(&out).contains("2 payments deleted"),
        "{}",
        stdout_of(&out)
    );
    let listed = b.json(&b.get("/sandbox/payments"));
    assert_eq!(
        listed["payments"].as_array().unwrap().len(),
        2,
        "B's are kept"
    );
}

#[test]
fn webhooks_go_where_each_key_says() {
    let env = Env::new();
    let server_hook = Scripted::always(Step::json(200, "{}"));
    let a_hook = Scripted::always(Step::json(200, "{}"));
    let s = serve(
        &env,
        &[
            "--webhook-url",
            &format!("{}/server", server_hook.url()),
            "--webhook-secret",
            "whsec_server",
        ],
    );
    let secret = env.write("a.secret", "whsec_merchant_a\n");
    // Key A sets its own endpoint through the API, as a merchant's app or `le` would.
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "key-a")
        .args(["--base-url", &s.url, "webhook", "endpoint", "set"])
        .arg(format!("{}/mine", a_hook.url()))
        .arg("--secret-file")
        .arg(&secret)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!stdout_of(&out).contains("whsec_merchant_a"));
    let out = le(&env, &s, "key-a", &["webhook", "endpoint", "show"]);
    assert!(
        stdout_of(&out).contains(&format!("{}/mine", a_hook.url())),
        "{}",
        stdout_of(&out)
    );
    let out = le(&env, &s, "key-a", &["sandbox", "webhook"]);
    assert!(
        stdout_of(&out).contains("its own endpoint"),
        "{}",
        stdout_of(&out)
    );
    let out = le(&env, &s, "key-b", &["sandbox", "webhook"]);
    assert!(
        stdout_of(&out).contains("--webhook-url of a running"),
        "{}",
        stdout_of(&out)
    );
    let (a, b) = (as_key(&s, "key-a"), as_key(&s, "key-b"));
    let pa = a.create("HOOK-A", "1", "USD");
    let pb = b.create("HOOK-B", "1", "USD");
    a.pay(pa["invoiceId"].as_str().unwrap());
    b.pay(pb["invoiceId"].as_str().unwrap());
    assert!(eventually(Duration::from_secs(5), || {
        !a_hook.seen().is_empty() && !server_hook.seen().is_empty()
    }));
    let mine = &a_hook.seen()[0];
    assert_eq!(mine.json()["data"]["invoiceId"], pa["invoiceId"]);
    assert_eq!(
        mine.header("x-gateway-signature"),
        Some(python_hmac("whsec_merchant_a", &mine.body).as_str()),
        "signed with the secret A set"
    );
    let theirs = &server_hook.seen()[0];
    assert_eq!(theirs.json()["data"]["invoiceId"], pb["invoiceId"]);
    assert_eq!(
        theirs.header("x-gateway-signature"),
        Some(python_hmac("whsec_server", &theirs.body).as_str())
    );
    // Deliveries are each key's own.
    let out = le(&env, &s, "key-a", &["--json", "sandbox", "deliveries"]);
    let rows: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0]["url"].as_str().unwrap().ends_with("/mine"));
}

#[test]
fn the_embedded_sandbox_says_where_a_running_servers_webhooks_go() {
    let env = Env::new();
    let hook = Scripted::always(Step::json(200, "{}"));
    let _s = serve(
        &env,
        &[
            "--webhook-url",
            &format!("{}/server", hook.url()),
            "--webhook-secret",
            "whsec_server",
        ],
    );
    // The server announces its destination in the state within a tick.
    assert!(eventually(Duration::from_secs(3), || {
        let out = env.le().args(["sandbox", "webhook"]).output().unwrap();
        stdout_of(&out).contains(&format!("{}/server", hook.url()))
    }));
    let out = env
        .le()
        .args(["--json", "sandbox", "webhook"])
        .output()
        .unwrap();
    let j = parse_json(&out.stdout);
    assert_eq!(j["deliversTo"], format!("{}/server", hook.url()));
    assert_eq!(j["url"], Value::Null);
}

#[test]
fn whoami_and_the_merchant_endpoints() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let out = le(&env, &s, "key-a", &["--json", "whoami"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let me = parse_json(&out.stdout);
    assert!(me["merchantId"].is_i64(), "{me}");
    for field in [
        "name",
        "email",
        "planTier",
        "subscriptionStatus",
        "isActive",
        "createdAt",
    ] {
        assert!(me.get(field).is_some(), "{field}: {me}");
    }
    for field in [
        "refundsEnabled",
        "multiCurrencyEnabled",
        "analyticsEnabled",
        "prioritySupport",
        "customBrandingEnabled",
        "maxWebhookEndpoints",
        "slaUptimePercentage",
    ] {
        assert!(me["features"].get(field).is_some(), "{field}: {me}");
    }
    for field in [
        "hasPaymentProviderKey",
        "hasWebhookUrl",
        "hasActiveProxy",
        "proxyCount",
        "isFullyConfigured",
    ] {
        assert!(me["onboarding"].get(field).is_some(), "{field}: {me}");
    }
    assert_eq!(me["subscriptionStatus"], "active");
    let other = parse_json(&le(&env, &s, "key-b", &["--json", "whoami"]).stdout);
    assert_ne!(other["merchantId"], me["merchantId"]);
    let text = stdout_of(&le(&env, &s, "key-a", &["whoami"]));
    for want in ["Subscription", "active", "No webhook URL is set"] {
        assert!(text.contains(want), "{want}: {text}");
    }
    // The API's own body shape; a bad one is refused.
    let h = as_key(&s, "key-a");
    let a = put(
        &h,
        "/api/merchant/webhook-url",
        r#"{"webhookUrl":"ftp://x","webhookSecret":"s"}"#,
    );
    assert_eq!(status_of(&a), 400, "{a}");
    let a = put(
        &h,
        "/api/merchant/webhook-url",
        r#"{"webhookUrl":"https://shop.example/hook"}"#,
    );
    assert_eq!(status_of(&a), 400, "{a}");
    let a = put(
        &h,
        "/api/merchant/webhook-url",
        r#"{"webhookUrl":"https://shop.example/hook","webhookSecret":"whsec_1"}"#,
    );
    assert_eq!(status_of(&a), 200, "{a}");
    let me = h.json(&h.get("/api/merchant/me"));
    assert_eq!(me["onboarding"]["hasWebhookUrl"], true);
    // Bad input to le is refused before anything is sent.
    let secret = env.write("s", "whsec_x\n");
    env.le()
        .env("LIGHTNING_API_KEY", "key-a")
        .args([
            "--base-url",
            &s.url,
            "webhook",
            "endpoint",
            "set",
            "not a url",
            "--secret-file",
        ])
        .arg(&secret)
        .assert()
        .code(2);
    // --dry-run shows the request without the secret.
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "key-a")
        .args([
            "--base-url",
            &s.url,
            "--dry-run",
            "webhook",
            "endpoint",
            "set",
            "https://shop.example/h2",
            "--secret-file",
        ])
        .arg(env.write("long.secret", "whsec_a_secret_long_enough_to_scrub\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("PUT"), "{}", stdout_of(&out));
    assert!(!stdout_of(&out).contains("whsec_a_secret_long_enough_to_scrub"));
}

#[test]
fn account_states_answer_403_and_le_says_what_to_do() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let create = |order: &str| {
        le(
            &env,
            &s,
            "key-a",
            &[
                "--json",
                "create",
                "--order",
                order,
                "--amount",
                "1",
                "--currency",
                "USD",
            ],
        )
    };
    for (status, code, says) in [
        ("inactive", "MERCHANT_INACTIVE", "reactivate"),
        (
            "subscription-required",
            "SUBSCRIPTION_REQUIRED",
            "choose one",
        ),
        ("subscription-expired", "SUBSCRIPTION_EXPIRED", "renew it"),
    ] {
        let out = le(
            &env,
            &s,
            "key-a",
            &["sandbox", "account", "--status", status],
        );
        assert!(out.status.success(), "{}", stderr_of(&out));
        let out = create(&format!("ACC-{status}"));
        assert_eq!(out.status.code(), Some(4), "{status}: {}", stderr_of(&out));
        let err = parse_json(&out.stderr);
        assert_eq!(err["error"]["code"], code);
        assert_eq!(err["error"]["status"], 403);
        assert!(
            err["error"]["hint"].as_str().unwrap().contains(says),
            "{err}"
        );
        // The way out it suggests goes to this sandbox, not the embedded one.
        assert!(
            err["error"]["hint"].as_str().unwrap().contains(&format!(
                "le --base-url {} sandbox account --status active",
                s.url
            )),
            "{err}"
        );
        // A batch row says the same, the command in its hint complete too.
        let rows = env.write(
            "acc.csv",
            &format!("order,amount,currency\nACC-B-{status},1,USD\n"),
        );
        let out = le(
            &env,
            &s,
            "key-a",
            &["--json", "create", "--from", rows.to_str().unwrap()],
        );
        let line = parse_json(stdout_of(&out).lines().next().unwrap_or("{}").as_bytes());
        assert!(
            line["error"]["hint"]
                .as_str()
                .unwrap_or("")
                .contains(&format!(
                    "le --base-url {} sandbox account --status active",
                    s.url
                )),
            "{line}"
        );
        // The account itself still answers, and says what is wrong.
        let out = le(&env, &s, "key-a", &["whoami"]);
        assert!(out.status.success());
        assert!(stderr_of(&out).contains("warning:"), "{}", stderr_of(&out));
        let out = le(&env, &s, "key-a", &["doctor"]);
        assert_eq!(out.status.code(), Some(4), "{}", stdout_of(&out));
        assert!(stdout_of(&out).contains("✗ account"), "{}", stdout_of(&out));
    }
    le(
        &env,
        &s,
        "key-a",
        &[
            "sandbox",
            "account",
            "--status",
            "active",
            "--refunds",
            "off",
        ],
    );
    let out = create("ACC-OK");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let id = parse_json(&out.stdout)["invoiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    as_key(&s, "key-a").pay(&id);
    let addr = parse_json(&out.stdout)["onchainAddress"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = le(
        &env,
        &s,
        "key-a",
        &[
            "refund",
            "create",
            "--invoice",
            &id,
            "--amount",
            "1",
            "--currency",
            "USD",
            "--bitcoin-address",
            &addr,
        ],
    );
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("REFUNDS_DISABLED"),
        "{}",
        stderr_of(&out)
    );
    assert!(
        stderr_of(&out).contains("--refunds on"),
        "{}",
        stderr_of(&out)
    );
    let out = le(&env, &s, "key-a", &["doctor"]);
    assert!(out.status.success(), "{}", stdout_of(&out));
    assert!(stdout_of(&out).contains("✓ account"), "{}", stdout_of(&out));
    // Bad values are refused before anything is sent.
    env.le()
        .args(["sandbox", "account", "--status", "frozen"])
        .assert()
        .code(2);
    env.le()
        .args(["sandbox", "account", "--balance", "lots"])
        .assert()
        .code(2);
}

#[test]
fn a_refund_the_providers_balance_cannot_cover_fails() {
    let env = Env::new();
    let s = serve(&env, &[]);
    let h = as_key(&s, "key-a");
    let out = le(
        &env,
        &s,
        "key-a",
        &["--json", "sandbox", "account", "--balance", "1500"],
    );
    assert_eq!(parse_json(&out.stdout)["sandbox"]["balanceSats"], 1500);
    let p = h.create("BAL-1", "2", "USD");
    let id = p["invoiceId"].as_str().unwrap();
    h.pay(id);
    let addr = p["onchainAddress"].as_str().unwrap();
    let refund = |amount: &str| {
        h.json(&h.post(
            "/api/refunds",
            &format!(r#"{{"invoiceId":"{id}","amount":{amount},"currency":"USD","bitcoinAddress":"{addr}"}}"#),
        ))
    };
    let fits = refund("1"); // 1,000 sats of the 1,500
    let too_much = refund("1"); // another 1,000: 500 left
    for r in [&fits, &too_much] {
        let rid = r["refundId"].as_str().unwrap();
        assert!(eventually(Duration::from_secs(5), || {
            h.json(&h.get(&format!("/api/refunds/{rid}")))["status"] != "pending"
        }));
    }
    let fits = h.json(&h.get(&format!(
        "/api/refunds/{}",
        fits["refundId"].as_str().unwrap()
    )));
    assert_eq!(fits["status"], "completed", "{fits}");
    let out = le(
        &env,
        &s,
        "key-a",
        &[
            "--json",
            "refund",
            "get",
            too_much["refundId"].as_str().unwrap(),
        ],
    );
    let failed = parse_json(&out.stdout);
    assert_eq!(failed["status"], "failed", "{failed}");
    // It never completed: a client that reads completedAt as "paid out" is not misled.
    assert!(failed["completedAt"].is_null(), "{failed}");
    assert!(
        failed["failureReason"]
            .as_str()
            .unwrap()
            .contains("INSUFFICIENT_BALANCE")
    );
    let text = stdout_of(&le(
        &env,
        &s,
        "key-a",
        &["refund", "get", too_much["refundId"].as_str().unwrap()],
    ));
    assert!(text.contains("failed"), "{text}");
    let out = le(&env, &s, "key-a", &["--json", "sandbox", "account"]);
    assert_eq!(parse_json(&out.stdout)["sandbox"]["balanceSats"], 500);
    // The failed refund does not count: what it was for can be refunded again.
    le(
        &env,
        &s,
        "key-a",
        &["sandbox", "account", "--balance", "unlimited"],
    );
    assert_eq!(refund("1")["status"], "pending");
}

#[test]
fn refunds_never_return_more_sats_than_were_paid() {
    let env = Env::new();
    // 0.03 USD is 5 sats here: three refunds of 0.01 each are worth 1 sat each, not 2
    // (which would return 6 sats of 5).
    let s = Served::start_with_env(
        &env,
        &[("LE_SANDBOX_RATES", "USD=600000")],
        &["--rate-limit", "off", "--refund-delay", "1s"],
    );
    let h = s.http();
    let p = h.create("ROUND-1", "0.03", "USD");
    assert_eq!(p["amountSats"], 5);
    let id = p["invoiceId"].as_str().unwrap();
    h.pay(id);
    let addr = p["onchainAddress"].as_str().unwrap();
    let mut total = 0;
    for _ in 0..3 {
        let r = h.post(
            "/api/refunds",
            &format!(
                r#"{{"invoiceId":"{id}","amount":0.01,"currency":"USD","bitcoinAddress":"{addr}"}}"#
            ),
        );
        assert_eq!(status_of(&r), 201, "{r}");
        total += h.json(&r)["amountSats"].as_u64().unwrap();
    }
    assert!(total <= 5, "refunds returned {total} sats of 5 paid");
}

#[test]
fn underpaid_ends_a_watch_in_another_state() {
    let env = Env::new();
    let p = env.create("UNDER-1");
    let id = p["invoiceId"].as_str().unwrap();
    let out = env
        .le()
        .args(["--sandbox", "--json", "sandbox", "underpay", id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(parse_json(&out.stdout)["status"], "underpaid");
    env.le()
        .args(["--sandbox", "watch", id, "--timeout", "10s"])
        .assert()
        .code(12);
    env.le()
        .args(["--sandbox", "sandbox", "pay", id])
        .assert()
        .code(6)
        .stderr(predicates::str::contains("INVALID_TRANSITION"));
}

#[test]
fn error_bodies_in_the_shapes_real_servers_send() {
    let env = Env::new();
    let get = |modes: &str| {
        let s = serve(&env, &["--fail-rate", "1", "--fail-modes", modes]);
        let raw = s.http().get("/api/rates");
        let out = le(&env, &s, "k", &["--json", "get", "inv_x"]);
        (raw, out)
    };
    let (raw, out) = get("504");
    assert_eq!(status_of(&raw), 504);
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("Gateway Time-out"),
        "{}",
        stderr_of(&out)
    );
    let (raw, out) = get("problem");
    assert_eq!(
        header_of(&raw, "content-type"),
        Some("application/problem+json")
    );
    assert_eq!(
        serde_json::from_str::<Value>(body_of(&raw)).unwrap()["traceId"],
        header_of(&raw, "x-correlation-id").unwrap()
    );
    let err = parse_json(&out.stderr);
    assert_eq!(err["error"]["code"], "provider_unavailable");
    assert_eq!(
        err["error"]["message"],
        "The payment provider did not answer in time."
    );
    let (raw, out) = get("validation");
    assert_eq!(status_of(&raw), 400);
    assert_eq!(out.status.code(), Some(6));
    let err = parse_json(&out.stderr);
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Amount: The field Amount must be between"),
        "{err}"
    );
    let (raw, out) = get("401");
    assert_eq!(body_of(&raw), "");
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(parse_json(&out.stderr)["error"]["message"], "Unauthorized");
    // The default set stays what a client can ride out.
    env.le()
        .args(["sandbox", "serve", "--fail-modes", "teapot"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("problem, validation, 401"));
}

#[test]
fn correlation_ids_and_rate_limit_headers_on_every_answer() {
    let env = Env::new();
    let s = Served::start(&env, &["--rate-limit", "global=100/1m,create=1/1m"]);
    let h = s.http();
    // The client's id comes back, in the header and in an error's body alike.
    let a = raw_http(
        s.addr,
        "GET",
        "/api/payments/inv_nope",
        &[("X-API-Key", "k"), ("X-Correlation-Id", "shop-req-42")],
        "",
    );
    assert_eq!(status_of(&a), 404);
    assert_eq!(header_of(&a, "x-correlation-id"), Some("shop-req-42"));
    assert_eq!(h.json(&a)["correlationId"], "shop-req-42");
    let a = raw_http(
        s.addr,
        "GET",
        "/api/rates",
        &[("X-API-Key", "k"), ("X-Correlation-Id", "shop-req-43")],
        "",
    );
    assert_eq!(header_of(&a, "x-correlation-id"), Some("shop-req-43"));
    // Without one, the server's own: the same in header and body.
    let a = h.get("/api/payments/inv_nope");
    let id = header_of(&a, "x-correlation-id").unwrap();
    assert!(id.starts_with("sbx-"));
    assert_eq!(h.json(&a)["correlationId"], id);
    // A refused key still hears of the limits (counted for where it came from).
    let a = raw_http(s.addr, "GET", "/api/rates", &[], "");
    assert_eq!(status_of(&a), 401);
    assert!(header_of(&a, "x-ratelimit-limit").is_some(), "{a}");
    assert!(header_of(&a, "x-ratelimit-remaining").is_some(), "{a}");
    assert_eq!(
        h.json(&a)["correlationId"],
        header_of(&a, "x-correlation-id").unwrap()
    );
    // The 429's window as the reference writes it.
    h.create("CORR-1", "1", "USD");
    let refused = h.post(
        "/api/payments",
        r#"{"orderId":"CORR-2","amount":1,"currency":"USD"}"#,
    );
    assert_eq!(status_of(&refused), 429);
    assert_eq!(h.json(&refused)["details"]["window"], "1 minute");
    // le shows the correlation id of an error.
    let out = le(&env, &s, "k", &["get", "inv_nope"]);
    assert!(
        stderr_of(&out).contains("correlation id sbx-"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn events_of_one_payment_arrive_in_order() {
    let env = Env::new();
    // The receiver fails payment.completed twice (retried after 1 s and 2 s), while the
    // refund completes a second after the payment: refund.completed must still wait.
    let tries = std::sync::Arc::new(std::sync::Mutex::new(0));
    let t = tries.clone();
    let hook = Scripted::with(move |req, _| {
        let event = req.json()["event"].as_str().unwrap_or("").to_owned();
        if event == "payment.completed" {
            let mut n = t.lock().unwrap();
            *n += 1;
            if *n <= 2 {
                return Step::json(500, "{}");
            }
        }
        Step::json(200, "{}")
    });
    let s = serve(
        &env,
        &[
            "--webhook-url",
            &format!("{}/h", hook.url()),
            "--webhook-secret",
            "whsec_o",
        ],
    );
    let h = s.http();
    let p = h.create("ORDERED-1", "1", "USD");
    let id = p["invoiceId"].as_str().unwrap();
    h.pay(id);
    let addr = p["onchainAddress"].as_str().unwrap();
    let r = h.post(
        "/api/refunds",
        &format!(r#"{{"invoiceId":"{id}","amount":1,"currency":"USD","bitcoinAddress":"{addr}"}}"#),
    );
    assert_eq!(status_of(&r), 201, "{r}");
    let started = Instant::now();
    assert!(
        eventually(Duration::from_secs(15), || {
            hook.seen()
                .iter()
                .any(|x| x.json()["event"] == "refund.completed")
        }),
        "no refund.completed"
    );
    let order: Vec<String> = hook
        .seen()
        .iter()
        .map(|x| x.json()["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        order,
        vec![
            "payment.completed",
            "payment.completed",
            "payment.completed",
            "refund.completed"
        ],
        "after {:?}",
        started.elapsed()
    );
}

#[test]
fn rates_for_the_ten_currencies_of_the_reference() {
    let env = Env::new();
    let s = Served::start_with_env(
        &env,
        &[("LE_SANDBOX_RATES", "jpy=16000000")],
        &["--rate-limit", "off"],
    );
    let h = s.http();
    let all = h.json(&h.get("/api/rates"));
    let codes: Vec<&String> = all["BTC"].as_object().unwrap().keys().collect();
    assert_eq!(codes.len(), 10, "{codes:?}");
    for c in [
        "USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "CNY", "INR", "BRL",
    ] {
        assert!(all["BTC"].get(c).is_some(), "{c}");
    }
    assert_eq!(all["BTC"]["JPY"], 16_000_000);
    let brl = h.json(&h.get("/api/rates/brl"));
    assert_eq!(brl["currency"], "BRL");
    let out = le(&env, &s, "k", &["--json", "rates", "chf"]);
    assert_eq!(parse_json(&out.stdout)["rate"], 88000);
    env.le()
        .env("LE_SANDBOX_RATES", "XYZ=1")
        .args(["--sandbox", "rates"])
        .assert()
        .code(2);
}

#[test]
fn payments_carry_checkout_onchain_and_charge_ids() {
    let env = Env::new();
    let s = serve(&env, &["--public-url", "http://sandbox.example:9000/"]);
    let p = s.http().create("IDS-1", "1", "USD");
    let id = p["invoiceId"].as_str().unwrap();
    assert_eq!(
        p["hostedCheckoutUrl"],
        format!("http://sandbox.example:9000/checkout/{id}")
    );
    assert!(p["onchainAddress"].as_str().unwrap().starts_with("bcrt1"));
    assert_eq!(p["openNodeChargeId"].as_str().unwrap().len(), 36);
    // The embedded sandbox is gone once its process exits: no page to send anyone to.
    let embedded = env.create("IDS-2");
    assert!(embedded.get("hostedCheckoutUrl").is_none(), "{embedded}");
    env.le()
        .args(["sandbox", "serve", "--public-url", "ftp://x"])
        .assert()
        .code(2);
}

#[test]
fn serve_verbose_logs_each_request() {
    let env = Env::new();
    let mut s = serve(&env, &["--verbose"]);
    let a = raw_http(
        s.addr,
        "GET",
        "/api/payments/inv_nope",
        &[("X-API-Key", TEST_KEY), ("X-Correlation-Id", "log-me-1")],
        "",
    );
    assert_eq!(status_of(&a), 404);
    s.stop();
    let mut err = String::new();
    std::io::Read::read_to_string(s.child.stderr.as_mut().unwrap(), &mut err).unwrap();
    let line = err
        .lines()
        .find(|l| l.contains("/api/payments/inv_nope"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.starts_with("GET /api/payments/inv_nope 404 "),
        "{line}"
    );
    assert!(line.contains(" ms log-me-1"), "{line}");
    assert!(!err.contains(TEST_KEY), "the key is never logged: {err}");
}

/// The first sandbox's schema: one merchant for the whole state.
const SCHEMA_1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE payments (seq INTEGER PRIMARY KEY AUTOINCREMENT, invoice_id TEXT NOT NULL UNIQUE,
  order_id TEXT NOT NULL, status TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
  amount_sats INTEGER NOT NULL, invoice TEXT NOT NULL, payment_hash TEXT NOT NULL,
  preimage TEXT NOT NULL, description TEXT, customer_email TEXT, customer_name TEXT,
  success_url TEXT, cancel_url TEXT, metadata TEXT, created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, paid_at INTEGER, expired_at INTEGER);
CREATE INDEX payments_by_order ON payments (order_id, seq);
CREATE TABLE refunds (seq INTEGER PRIMARY KEY AUTOINCREMENT, refund_id TEXT NOT NULL UNIQUE,
  invoice_id TEXT NOT NULL, status TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
  amount_sats INTEGER NOT NULL, reason TEXT, kind TEXT NOT NULL, destination TEXT NOT NULL,
  created_at INTEGER NOT NULL, completes_at INTEGER NOT NULL, completed_at INTEGER);
CREATE TABLE idempotency (scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
  status INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (scope, key));
CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  event TEXT NOT NULL, body TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL,
  created_at INTEGER NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  next_at_ms INTEGER NOT NULL, lease_ms INTEGER NOT NULL DEFAULT 0);
CREATE TABLE hooks (server_id TEXT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL,
  heartbeat_ms INTEGER NOT NULL);
CREATE TABLE deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL,
  event TEXT NOT NULL, url TEXT NOT NULL, attempt INTEGER NOT NULL, at_ms INTEGER NOT NULL,
  status_code INTEGER, error TEXT, duration_ms INTEGER NOT NULL);
PRAGMA user_version = 1;
";

#[test]
fn a_state_from_before_merchants_is_migrated() {
    let env = Env::new();
    std::fs::create_dir_all(env.sandbox_dir()).unwrap();
    let db = env.sandbox_dir().join("sandbox.db");
    let created = jiff::Timestamp::now().as_second();
    let invoice = mint_invoice_on(
        lightning_invoice::Currency::Regtest,
        &test_node_key(),
        49_990_000,
        created as u64,
        3600,
        false,
    );
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(SCHEMA_1).unwrap();
        c.execute(
            "INSERT INTO payments (invoice_id, order_id, status, amount, currency, amount_sats, invoice, \
             payment_hash, preimage, created_at, expires_at) VALUES ('inv_old', 'OLD-1', 'unpaid', '49.99', \
             'USD', 49990, ?1, 'aa', 'bb', ?2, ?3)",
            rusqlite::params![invoice, created, created + 3600],
        )
        .unwrap();
        c.execute(
            "INSERT INTO idempotency VALUES ('payments', 'old-key', 'h', 201, '{}', ?1)",
            rusqlite::params![created],
        )
        .unwrap();
        c.execute_batch(
            "INSERT INTO meta VALUES ('webhook_url', 'http://127.0.0.1:9/old'), ('webhook_secret', 'whsec_old');",
        )
        .unwrap();
    }
    // The embedded sandbox's key inherits it all.
    let p = env.sandbox_json(&["get", "inv_old"]);
    assert_eq!(p["orderId"], "OLD-1");
    let out = env.le().args(["sandbox", "webhook"]).output().unwrap();
    assert!(
        stdout_of(&out).contains("http://127.0.0.1:9/old"),
        "{}",
        stdout_of(&out)
    );
    let listed = env
        .le()
        .args(["--sandbox", "--json", "sandbox", "list"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&listed).lines().count(), 1);
    // Other keys start empty.
    let s = serve(&env, &[]);
    assert_eq!(status_of(&s.http().get("/api/payments/inv_old")), 404);
    drop(s);
    // A state from a newer le is refused with a message, not used.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    env.le()
        .args(["--sandbox", "get", "inv_old"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("newer le"));
}
