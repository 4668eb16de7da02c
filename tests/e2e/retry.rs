//! Retries: what is safe to repeat is repeated, and a create never makes two payments.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

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

/// A Retry-After no clock can add: never a panic (exit 1), whatever the server says.
#[test]
fn a_huge_retry_after_on_a_create_is_not_a_crash() {
    let env = Env::new();
    for status in [503u16, 429] {
        // The create is refused with the wait; the look-up after a 503 finds nothing.
        let server = Scripted::with(move |req, _| {
            if req.method == "POST" {
                Step::json(status, r#"{"code":"SLOW_DOWN","message":"later"}"#)
                    .with_header("Retry-After", "18446744073709551615")
            } else {
                Step::json(
                    404,
                    r#"{"code":"SETTLEMENT_NOT_FOUND","message":"Settlement not found"}"#,
                )
            }
        });
        let out = le_at(
            &env,
            &server.url(),
            &[
                "create",
                "--order",
                "A-1",
                "--amount",
                "10",
                "--currency",
                "USD",
            ],
        );
        let err = stderr_of(&out);
        assert!(!err.contains("internal error"), "{status}: {err}");
        assert_ne!(out.status.code(), Some(1), "{status}: {err}");
    }
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
    assert!(err.contains("X-API-Key: le_merchant_…(redacted)"), "{err}");
    assert!(err.contains("retrying in"), "{err}");
    assert!(!err.contains(TEST_KEY) && !stdout_of(&out).contains(TEST_KEY));
}

#[test]
fn a_create_is_retried_with_the_same_idempotency_key() {
    let env = Env::new();
    // Lookups of the order find nothing: the retries are what makes the payment.
    let posts = std::sync::atomic::AtomicUsize::new(0);
    let server = Scripted::with(move |req, _| {
        if req.method == "GET" {
            return Step::json(
                404,
                r#"{"code":"SETTLEMENT_NOT_FOUND","message":"Settlement not found"}"#,
            );
        }
        match posts.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
            0 => Step::json(503, ""),
            1 => Step::Drop,
            _ => created_payment(req, "inv_1"),
        }
    });
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
    let all = server.seen();
    let seen: Vec<&Seen> = all.iter().filter(|s| s.method == "POST").collect();
    assert_eq!(seen.len(), 3);
    // Before each retry, the order was looked up.
    let lookups = all
        .iter()
        .filter(|s| s.path == "/api/payments/order/O-1")
        .count();
    assert_eq!(lookups, 2);
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
    let methods: Vec<String> = proxy
        .seen()
        .iter()
        .map(|s| format!("{} {}", s.method, s.path))
        .collect();
    assert_eq!(
        methods,
        vec![
            "POST /api/payments".to_owned(),
            "GET /api/payments/order/LOST-1".to_owned()
        ],
        "the lost answer was found by looking the order up, not by creating again"
    );

    let list = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["sandbox", "list", "--json", "--base-url", &served.url])
        .output()
        .unwrap();
    let lines: Vec<Value> = stdout_of(&list)
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

/// A server that ignores idempotency keys: the retry meets DUPLICATE_ORDER_ID. le looks
/// the order up and reports the payment its lost attempt made, once.
#[test]
fn a_server_that_does_not_replay_still_gives_one_payment() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let up = served.addr;
    // The first POST is committed but its answer lost; later POSTs lose their idempotency
    // key on the way, as through a proxy that strips it; the first lookup is answered by a
    // replica that has not seen the write yet (404), later ones are right.
    let lookups = std::sync::atomic::AtomicUsize::new(0);
    let proxy = Scripted::with(move |req, i| {
        if req.method == "GET" {
            return if lookups.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                Step::json(
                    404,
                    r#"{"code":"SETTLEMENT_NOT_FOUND","message":"Settlement not found"}"#,
                )
            } else {
                Step::Forward(up)
            };
        }
        if i == 0 {
            Step::ForwardThenDrop(up)
        } else {
            Step::ForwardWithout(up, "x-idempotency-key")
        }
    });
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &proxy.url(),
            "--json",
            "create",
            "--order",
            "NOREPLAY-1",
            "--amount",
            "5",
            "--currency",
            "EUR",
            "--idempotency-key",
            "k-1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let p = parse_json(&out.stdout);
    assert_eq!(p["orderId"], "NOREPLAY-1");
    let posts: Vec<&str> = proxy
        .seen()
        .iter()
        .filter(|s| s.method == "POST")
        .map(|_| "POST")
        .collect();
    assert_eq!(
        posts.len(),
        2,
        "the retry met DUPLICATE_ORDER_ID, then the lookup found the payment"
    );
    let list = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &served.url, "--json", "sandbox", "list"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&list).lines().count(), 1, "{}", stdout_of(&list));
}

/// An API that ignores idempotency keys and whose clock is ten minutes behind this
/// machine's: the create's answer is lost, and the look-up finds the payment it made.
/// Its `createdAt`, older than the create by this machine's clock, does not make it
/// pass for an earlier payment: one payment for the order, never a second.
#[test]
fn a_lost_answer_is_never_a_second_payment_when_the_clocks_differ() {
    let env = Env::new();
    let made: Arc<Mutex<Vec<Value>>> = Arc::default();
    let m = made.clone();
    let server = Scripted::with(move |req, _| {
        let skewed = |mut p: Value| {
            let created = jiff::Timestamp::now().as_second() - 600;
            let iso = |s: i64| jiff::Timestamp::from_second(s).unwrap().to_string();
            p["createdAt"] = json!(iso(created));
            p["expiresAt"] = json!(iso(created + 3600));
            p["lightningInvoice"] = json!(mint_invoice(
                &test_node_key(),
                p["amountSats"].as_u64().unwrap() * 1000,
                created as u64,
                3600,
                false
            ));
            p
        };
        if req.method == "POST" {
            let id = format!("inv_{}", m.lock().unwrap().len() + 1);
            let Step::Reply { body, .. } = created_payment(req, &id) else {
                unreachable!()
            };
            let p = skewed(serde_json::from_slice(&body).unwrap());
            m.lock().unwrap().push(p.clone());
            // The first answer is lost on the way back.
            if m.lock().unwrap().len() == 1 {
                return Step::Drop;
            }
            return Step::json(201, &p.to_string());
        }
        match m.lock().unwrap().last() {
            Some(p) => Step::json(200, &p.to_string()),
            None => Step::json(
                404,
                r#"{"code":"SETTLEMENT_NOT_FOUND","message":"Settlement not found"}"#,
            ),
        }
    });
    let out = le_at(
        &env,
        &server.url(),
        &[
            "--json",
            "create",
            "--order",
            "C-1",
            "--amount",
            "10",
            "--currency",
            "USD",
        ],
    );
    let n = made.lock().unwrap().len();
    assert_eq!(
        n,
        1,
        "{n} payments for one order; exit {:?}\n{}",
        out.status.code(),
        stderr_of(&out)
    );
}

/// Everything fails: le says the order may exist, and a rerun finds it.
#[test]
fn when_every_attempt_is_lost_le_says_so_and_a_rerun_finds_it() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let up = served.addr;
    let proxy = Scripted::with(move |req, _| {
        if req.method == "GET" {
            Step::Drop
        } else {
            Step::ForwardThenDrop(up)
        }
    });
    let args = [
        "create",
        "--order",
        "LOSTALL-1",
        "--amount",
        "5",
        "--currency",
        "EUR",
        "--json",
    ];
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &proxy.url()])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let e = parse_json(&out.stderr);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("may have been created"),
        "{e}"
    );
    let again = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &served.url])
        .args(args)
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr_of(&again));
    let list = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &served.url, "--json", "sandbox", "list"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&list).lines().count(), 1);
}

/// A server that would make a payment for every POST it gets, and cannot be asked: after
/// a lost answer, le does not know, so it does not POST again.
#[test]
fn not_knowing_le_never_posts_twice() {
    let env = Env::new();
    let posts = std::sync::atomic::AtomicUsize::new(0);
    let server = Scripted::with(move |req, _| {
        if req.method == "POST" {
            posts.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Step::Drop
        } else {
            Step::json(503, "")
        }
    });
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "--json",
            "create",
            "--order",
            "ONCE-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let e = parse_json(&out.stderr);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("may have been created"),
        "{e}"
    );
    let seen = server.seen();
    assert_eq!(
        seen.iter().filter(|s| s.method == "POST").count(),
        1,
        "{seen:?}"
    );
    assert!(
        seen.iter().filter(|s| s.method == "GET").count() >= 2,
        "it asked, patiently"
    );
}
