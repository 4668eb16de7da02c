//! Retries: what is safe to repeat is repeated, and a create never makes two payments.

use std::time::{Duration, Instant};

use crate::common::*;

fn get(env: &Env, server: &Scripted) -> std::process::Output {
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "get", "inv_1", "--json"])
        .output()
        .unwrap()
}

#[test]
fn a_get_is_retried_after_503_and_a_dropped_connection() {
    let env = Env::new();
    let server = Scripted::start(
        vec![
            Step::json(503, r#"{"error":"Service Unavailable"}"#),
            Step::Drop,
            Step::json(504, ""),
        ],
        Step::json(200, &payment_body("inv_1", "paid")),
    );
    let out = get(&env, &server);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(parse_json(&out.stdout)["status"], "paid");
    let seen = server.seen();
    assert_eq!(seen.len(), 4);
    assert!(
        seen.iter()
            .all(|s| s.method == "GET" && s.path == "/api/payments/inv_1")
    );
}

#[test]
fn retry_after_is_honoured() {
    let env = Env::new();
    let server = Scripted::start(
        vec![
            Step::json(
                429,
                r#"{"code":"RATE_LIMIT_EXCEEDED","message":"slow down"}"#,
            )
            .with_header("Retry-After", "1"),
        ],
        Step::json(200, &payment_body("inv_1", "paid")),
    );
    let started = Instant::now();
    let out = get(&env, &server);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited as asked"
    );
    assert_eq!(server.seen().len(), 2);
}

#[test]
fn a_500_is_not_retried() {
    let env = Env::new();
    let server = Scripted::always(Step::json(500, r#"{"error":"boom"}"#));
    let out = get(&env, &server);
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn verbose_shows_retries_and_redacts_the_key() {
    let env = Env::new();
    let server = Scripted::start(
        vec![Step::json(503, "")],
        Step::json(200, &payment_body("inv_1", "paid")),
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "get",
            "inv_1",
            "--json",
            "--verbose",
        ])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("> GET http://"), "{err}");
    assert!(err.contains("x-api-key: le_merchant_…(redacted)"), "{err}");
    assert!(err.contains("retrying in"), "{err}");
    assert!(!err.contains(TEST_KEY) && !stdout_of(&out).contains(TEST_KEY));
}

#[test]
fn a_create_is_retried_with_the_same_idempotency_key() {
    let env = Env::new();
    let server = Scripted::start(
        vec![Step::json(503, ""), Step::Drop],
        Step::json(201, &payment_body("inv_1", "unpaid")),
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "create",
            "--order",
            "O-1",
            "--amount",
            "1",
            "--currency",
            "USD",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    let keys: Vec<_> = seen
        .iter()
        .map(|s| s.header("x-idempotency-key").unwrap())
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    assert!(seen.iter().all(|s| s.body == seen[0].body));
}

/// The answer to the first create is lost after the sandbox committed it; the retry
/// carries the same key, the sandbox replays, and there is still exactly one payment.
#[test]
fn a_create_whose_answer_was_lost_makes_one_payment() {
    let env = Env::new();
    let served = Served::start(&env, &[]);
    let proxy = Scripted::start(
        vec![Step::ForwardThenDrop(served.addr)],
        Step::Forward(served.addr),
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &proxy.url(),
            "create",
            "--order",
            "LOST-1",
            "--amount",
            "12.50",
            "--currency",
            "USD",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let created = parse_json(&out.stdout);
    assert_eq!(proxy.seen().len(), 2, "the lost answer caused one retry");

    let list = env
        .le()
        .args(["sandbox", "list", "--json", "--base-url", &served.url])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = stdout_of(&list)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "exactly one payment: {lines:?}");
    assert_eq!(lines[0]["invoiceId"], created["invoiceId"]);
    assert!(
        !stderr_of(&out).contains("this request was made before"),
        "our own retry is not news to the user"
    );
}
