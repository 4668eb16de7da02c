//! Money at the edges: answers that do not match the question, invoices that disagree
//! in any shape, batches interrupted mid-create, rate limits, lost answers.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;

#[test]
fn an_answer_about_another_payment_is_never_taken_for_the_one_asked() {
    let env = Env::new();
    // Asked about inv_X, the server answers with inv_Y, which is paid.
    let server = Scripted::always(Step::json(200, &payment_body("inv_Y", "paid")));
    for args in [
        vec!["watch", "inv_X"],
        vec!["get", "inv_X"],
        vec!["sync", "inv_X"],
    ] {
        let out = le_at(&env, &server.url(), &args);
        assert_eq!(out.status.code(), Some(20), "{args:?}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(err.contains("inv_X") && err.contains("inv_Y"), "{err}");
        assert!(
            !stdout_of(&out).contains("paid"),
            "{args:?} showed the other payment"
        );
    }
    let out = le_at(&env, &server.url(), &["--json", "get-order", "ORDER-2"]);
    assert_eq!(out.status.code(), Some(20));
    let e = parse_json(&out.stderr);
    assert_eq!(e["error"]["code"], "ANSWER_MISMATCH");
    assert_eq!(e["error"]["details"]["payment"]["invoiceId"], "inv_Y");
}

#[test]
fn a_create_answered_with_another_order_amount_or_currency_is_exit_20() {
    let env = Env::new();
    let create = |server: &Scripted, order: &str, amount: &str, currency: &str| {
        le_at(
            &env,
            &server.url(),
            &[
                "--json",
                "create",
                "--order",
                order,
                "--amount",
                amount,
                "--currency",
                currency,
            ],
        )
    };
    let other_order = Scripted::always(Step::json(
        201,
        &payment_of("inv_1", "B-1", "10", "USD", "unpaid"),
    ));
    let out = create(&other_order, "A-1", "10", "USD");
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("orderId is B-1, not A-1"),
        "{}",
        stderr_of(&out)
    );
    assert!(stdout_of(&out).is_empty());
    let out = create(&other_order, "B-1", "20", "USD");
    assert_eq!(out.status.code(), Some(20));
    assert!(
        stderr_of(&out).contains("amount is 10, not 20"),
        "{}",
        stderr_of(&out)
    );
    let out = create(&other_order, "B-1", "10", "EUR");
    assert_eq!(out.status.code(), Some(20));
    assert!(
        stderr_of(&out).contains("currency is USD, not EUR"),
        "{}",
        stderr_of(&out)
    );
    // An honest answer passes.
    let honest = Scripted::with(|req, _| created_payment(req, "inv_2"));
    assert_eq!(create(&honest, "C-1", "10", "USD").status.code(), Some(0));
}

/// A server that answers a create from its idempotency cache (the payment asked for,
/// marked replayed) and every read with the payment `read`.
fn replaying(read: String) -> Scripted {
    Scripted::with(move |req, _| {
        if req.method == "POST" {
            created_payment(req, "inv_1").with_header("X-Idempotency-Replayed", "true")
        } else {
            Step::json(200, &read)
        }
    })
}

#[test]
fn a_replayed_create_whose_payment_reads_as_another_order_is_exit_20() {
    let env = Env::new();
    // The create is answered from the idempotency cache (an earlier run's payment); the
    // read that follows shows a payment of another order under that id.
    let server = replaying(payment_of("inv_1", "SOMEONE-ELSE", "10", "USD", "paid"));
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
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("SOMEONE-ELSE"),
        "{}",
        stderr_of(&out)
    );
}

/// A create answered from the idempotency cache is re-read; the read keeps the order
/// and the id but shows another amount, with an invoice that agrees with that amount:
/// exit 20, and nothing on stdout.
#[test]
fn a_replayed_create_whose_read_shows_another_amount_is_exit_20() {
    let env = Env::new();
    let server = replaying(payment_of("inv_1", "A-1", "20", "USD", "unpaid"));
    let out = le_at(
        &env,
        &server.url(),
        &[
            "--json",
            "create",
            "--order",
            "A-1",
            "--amount",
            "10",
            "--currency",
            "USD",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(20),
        "stdout: {}\nstderr: {}",
        stdout_of(&out),
        stderr_of(&out)
    );
    assert!(stdout_of(&out).is_empty(), "{}", stdout_of(&out));
}

/// A payment whose invoice asks for twice its `amountSats`.
fn doubled(order: &str, amount: &str) -> Value {
    let mut p: Value =
        serde_json::from_str(&payment_of("inv_2x", order, amount, "USD", "unpaid")).unwrap();
    let sats = p["amountSats"].as_u64().unwrap();
    let created = jiff::Timestamp::now().as_second() as u64;
    p["lightningInvoice"] = json!(mint_invoice(
        &test_node_key(),
        sats * 2000,
        created,
        3600,
        false
    ));
    p["createdAt"] = json!(
        jiff::Timestamp::from_second(created as i64)
            .unwrap()
            .to_string()
    );
    p["expiresAt"] = json!(
        jiff::Timestamp::from_second(created as i64 + 3600)
            .unwrap()
            .to_string()
    );
    p
}

#[test]
fn a_batch_row_gets_every_invoice_check_a_single_create_gets() {
    let env = Env::new();
    let server = Scripted::with(|req, _| {
        let b = req.json();
        Step::json(
            201,
            &doubled(b["orderId"].as_str().unwrap(), &b["amount"].to_string()).to_string(),
        )
    });
    let input = env.write("rows.csv", "order,amount,currency\nD-1,5,USD\n");
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "create", "--from"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    let row: Value = serde_json::from_str(stdout_of(&out).lines().next().unwrap()).unwrap();
    assert_eq!(row["ok"], false, "{row}");
    assert_eq!(row["error"]["code"], "INVOICE_MISMATCH");
    assert_eq!(row["error"]["details"]["payment"]["invoiceId"], "inv_2x");
    assert!(
        row.get("payment").is_none(),
        "no invoice is handed on: {row}"
    );
}

#[test]
fn the_amount_check_cannot_be_skipped_by_the_shape_of_amount_sats() {
    let env = Env::new();
    let base = doubled("S-1", "10");
    for (shape, value) in [
        ("absent", None),
        ("a string", Some(json!("20000"))),
        (
            "a fraction",
            Some(serde_json::from_str::<Value>("20000.0").unwrap()),
        ),
        (
            "minus zero",
            Some(serde_json::from_str::<Value>("-0").unwrap()),
        ),
        (
            "too large",
            Some(serde_json::from_str::<Value>("1e400").unwrap()),
        ),
    ] {
        let mut p = base.clone();
        match value {
            None => {
                p.as_object_mut().unwrap().remove("amountSats");
            }
            Some(v) => p["amountSats"] = v,
        }
        let server = Scripted::always(Step::json(200, &p.to_string()));
        let out = le_at(&env, &server.url(), &["get", "inv_2x"]);
        assert_eq!(
            out.status.code(),
            Some(20),
            "amountSats {shape}: {}",
            stderr_of(&out)
        );
        assert!(
            !stdout_of(&out).contains("lnbc"),
            "amountSats {shape}: the invoice was shown"
        );
    }
    // For a payment in sats, the amount itself must agree with the invoice.
    let mut p: Value =
        serde_json::from_str(&payment_of("inv_s", "S-2", "5000", "sats", "unpaid")).unwrap();
    p["amount"] = json!(2500);
    let server = Scripted::always(Step::json(200, &p.to_string()));
    let out = le_at(&env, &server.url(), &["get", "inv_s"]);
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("amount is 2500 sats"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn an_interrupted_batch_with_an_edited_row_never_makes_a_second_invoice() {
    let env = Env::new();
    let api = lenient(|_| Duration::from_secs(3));
    let input = env.write("rows.csv", "order,amount,currency\nEDIT-1,5,USD\n");
    let journal = env.path("rows.csv.le-journal");
    let mut child = env
        .le_std()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &api.server.url(), "create", "--from"])
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Interrupted while the create is on its way, and again: the second Ctrl-C cuts the
    // row in flight off rather than waiting for its answer.
    assert!(eventually(Duration::from_secs(10), || api
        .posts
        .load(Ordering::SeqCst)
        == 1));
    interrupt(&child);
    std::thread::sleep(Duration::from_millis(200));
    interrupt(&child);
    assert_eq!(child.wait().unwrap().code(), Some(130));
    // The journal says what was sent before it was sent.
    assert!(
        std::fs::read_to_string(&journal)
            .unwrap()
            .contains(r#""state":"sending""#)
    );
    // The slow create went through on the server after all; the row is then edited.
    assert!(eventually(Duration::from_secs(10), || api
        .made
        .lock()
        .unwrap()
        .len()
        == 1));
    env.write("rows.csv", "order,amount,currency\nEDIT-1,7,USD\n");
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &api.server.url(), "create", "--from"])
        .arg(&input)
        .output()
        .unwrap();
    // The order's payment (5 USD, found by looking the order up) is not the edited row's
    // 7 USD: a conflict, not "made before", and no second invoice.
    assert_eq!(out.status.code(), Some(14), "{}", stderr_of(&out));
    let row: Value = serde_json::from_str(stdout_of(&out).lines().next().unwrap()).unwrap();
    assert_eq!(row["ok"], false, "{row}");
    assert_eq!(row["error"]["code"], "ORDER_CONFLICT", "{row}");
    assert_eq!(row["error"]["details"]["invoiceId"], "inv_1", "{row}");
    assert_eq!(row["error"]["details"]["found"]["amount"], "5", "{row}");
    assert_eq!(
        api.made.lock().unwrap().len(),
        1,
        "one payable invoice for the order"
    );
    assert_eq!(
        api.posts.load(Ordering::SeqCst),
        1,
        "nothing was sent again"
    );
}

#[test]
fn a_torn_journal_line_is_repaired_and_two_batches_on_one_journal_do_not_run_together() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let input = env.write("rows.csv", "order,amount,currency\nT-1,1,USD\nT-2,2,USD\n");
    let journal = env.path("rows.csv.le-journal");
    // A crash in the middle of writing a line.
    std::fs::write(&journal, "{\"order\":\"T-0\",\"key\":\"k\",\"sta").unwrap();
    let run = || {
        env.le()
            .env("LIGHTNING_API_KEY", "k")
            .args(["--base-url", &served.url, "create", "--from"])
            .arg(&input)
            .output()
            .unwrap()
    };
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("cut short"), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&journal).unwrap();
    for line in text.lines() {
        serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("{e}: {line:?} in\n{text}"));
    }
    assert_eq!(text.matches(r#""state":"done""#).count(), 2, "{text}");

    // A second batch while the first still runs is refused, not run alongside.
    let slow = Served::start(&env, &["--rate-limit", "off", "--latency", "1500"]);
    let input2 = env.write(
        "more.csv",
        "order,amount,currency\nL-1,1,USD\nL-2,1,USD\nL-3,1,USD\n",
    );
    let mut first = env
        .le_std()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &slow.url,
            "create",
            "--concurrency",
            "1",
            "--from",
        ])
        .arg(&input2)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for_file(&env.path("more.csv.le-journal"));
    std::thread::sleep(Duration::from_millis(300));
    let second = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &slow.url, "create", "--from"])
        .arg(&input2)
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(2), "{}", stderr_of(&second));
    assert!(stderr_of(&second).contains("another batch is using the journal"));
    assert!(first.wait().unwrap().success());
}

/// A server that refuses every create for the rate with `Retry-After: 0`, noting when.
fn refusing() -> (Scripted, Arc<Mutex<Vec<Instant>>>) {
    let times: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let t = times.clone();
    let server = Scripted::with(move |_, _| {
        t.lock().unwrap().push(Instant::now());
        Step::json(
            429,
            r#"{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded","details":{"limit":10,"window":"1m","retryAfter":0}}"#,
        )
        .with_header("Retry-After", "0")
    });
    (server, times)
}

#[test]
fn a_429_with_retry_after_0_is_never_a_busy_loop() {
    let env = Env::new();
    // A single create: waits at least a second between tries, longer each time.
    let (server, times) = refusing();
    let out = le_at(
        &env,
        &server.url(),
        &[
            "create",
            "--order",
            "RL-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ],
    );
    assert_eq!(out.status.code(), Some(7), "{}", stderr_of(&out));
    let t = times.lock().unwrap().clone();
    assert!(t.len() >= 2);
    for w in t.windows(2) {
        assert!(
            w[1] - w[0] >= Duration::from_millis(950),
            "{:?}",
            w[1] - w[0]
        );
    }
    assert!(
        stderr_of(&out).contains("rate limit"),
        "says why it waits: {}",
        stderr_of(&out)
    );

    // A batch row: six seconds of a refusing API cost a handful of requests, not hundreds.
    let (server, times) = refusing();
    let input = env.write("rows.csv", "order,amount,currency\nRL-2,1,USD\n");
    let child = env
        .le_std()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "create", "--from"])
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(6));
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    let n = times.lock().unwrap().len();
    assert!((1..=6).contains(&n), "{n} requests in 6 s");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("waiting"),
        "says it waits: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `Retry-After: 0` on a 503 to a create is no licence for a busy loop of POST and
/// look-up: as after a 429, le waits at least a second between tries.
#[test]
fn a_503_with_retry_after_0_is_never_a_busy_loop() {
    let env = Env::new();
    let posts = Arc::new(AtomicUsize::new(0));
    let p2 = posts.clone();
    let server = Scripted::with(move |req, _| {
        if req.method == "POST" {
            p2.fetch_add(1, Ordering::SeqCst);
            Step::json(503, r#"{"code":"UNAVAILABLE","message":"busy"}"#)
                .with_header("Retry-After", "0")
        } else {
            Step::json(
                404,
                r#"{"code":"SETTLEMENT_NOT_FOUND","message":"Settlement not found"}"#,
            )
        }
    });
    let mut child = env
        .le_std()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url()])
        .args([
            "create",
            "--order",
            "A-1",
            "--amount",
            "10",
            "--currency",
            "USD",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let _ = child.kill();
    let _ = child.wait();
    let n = posts.load(Ordering::SeqCst);
    // A second of wait at least between tries, as for a 429: no more than 4 in 3 s.
    assert!(n <= 4, "{n} creates in 3 s");
}

#[test]
fn an_answer_without_rate_limit_headers_does_not_switch_pacing_off() {
    let env = Env::new();
    // Two creates per two-second window, announced in every answer but one: the first
    // create's answer is lost after it was made, and the look-up that finds it carries
    // no headers. Concurrency must not go past what the window allows.
    struct State {
        window: i64,
        used: u32,
        refused: u32,
        in_flight: u32,
        max_in_flight: u32,
        made: HashMap<String, Value>,
        first: bool,
    }
    let state = Arc::new(Mutex::new(State {
        window: 0,
        used: 0,
        refused: 0,
        in_flight: 0,
        max_in_flight: 0,
        made: HashMap::new(),
        first: true,
    }));
    let s = state.clone();
    let server = Scripted::with(move |req, _| {
        if req.method == "GET" {
            let order = req.path.rsplit('/').next().unwrap().to_owned();
            let st = s.lock().unwrap();
            return match st.made.values().find(|p| p["orderId"] == order.as_str()) {
                Some(p) => Step::json(200, &p.to_string()),
                None => Step::json(404, r#"{"code":"SETTLEMENT_NOT_FOUND","message":"no"}"#),
            };
        }
        let now = jiff::Timestamp::now().as_second();
        let (reset, remaining, lose) = {
            let mut st = s.lock().unwrap();
            st.in_flight += 1;
            st.max_in_flight = st.max_in_flight.max(st.in_flight);
            let w = now - now.rem_euclid(2);
            if w != st.window {
                st.window = w;
                st.used = 0;
            }
            st.used += 1;
            if st.used > 2 {
                st.refused += 1;
                st.in_flight -= 1;
                return Step::json(
                    429,
                    r#"{"code":"RATE_LIMIT_EXCEEDED","message":"slow down"}"#,
                )
                .with_header("Retry-After", "1");
            }
            let lose = std::mem::replace(&mut st.first, false);
            (w + 2, 2 - st.used, lose)
        };
        std::thread::sleep(Duration::from_millis(100));
        let key = req.header("x-idempotency-key").unwrap().to_owned();
        let Step::Reply { body, .. } = created_payment(req, &format!("inv_{key}")) else {
            unreachable!()
        };
        let p: Value = serde_json::from_slice(&body).unwrap();
        let mut st = s.lock().unwrap();
        st.in_flight -= 1;
        st.made.insert(key, p.clone());
        if lose {
            return Step::Drop;
        }
        Step::json(201, &p.to_string())
            .with_header("X-RateLimit-Limit", "2")
            .with_header("X-RateLimit-Remaining", &remaining.to_string())
            .with_header("X-RateLimit-Reset", &reset.to_string())
    });
    let mut csv = String::from("order,amount,currency\n");
    for i in 1..=8 {
        csv.push_str(&format!("P-{i},1,USD\n"));
    }
    let input = env.write("rows.csv", &csv);
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "create", "--from"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let st = state.lock().unwrap();
    assert_eq!(st.made.len(), 8);
    assert_eq!(st.refused, 0, "the API never had to refuse a request");
    assert!(
        st.max_in_flight <= 2,
        "{} creates in flight at once",
        st.max_in_flight
    );
}

#[test]
fn a_create_is_retried_on_500_with_its_key() {
    let env = Env::new();
    let posts = AtomicUsize::new(0);
    let server = Scripted::with(move |req, _| {
        if req.method == "GET" {
            return Step::json(
                404,
                r#"{"code":"SETTLEMENT_NOT_FOUND","message":"Settlement not found"}"#,
            );
        }
        match posts.fetch_add(1, Ordering::SeqCst) {
            0 | 1 => Step::json(
                500,
                r#"{"error":"An error occurred processing your request.","correlationId":"c-500"}"#,
            ),
            _ => created_payment(req, "inv_500"),
        }
    });
    let out = le_at(
        &env,
        &server.url(),
        &[
            "--json",
            "create",
            "--order",
            "R5-1",
            "--amount",
            "3",
            "--currency",
            "USD",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(parse_json(&out.stdout)["invoiceId"], "inv_500");
    let keys: Vec<String> = server
        .seen()
        .iter()
        .filter(|s| s.method == "POST")
        .map(|s| s.header("x-idempotency-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| *k == keys[0]), "the same key each time");
}

#[test]
fn a_refund_whose_answer_was_lost_is_found_not_made_again() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off", "--refund-delay", "60s"]);
    let http = served.http();
    let p = http.create("RF-1", "10", "USD");
    let id = p["invoiceId"].as_str().unwrap().to_owned();
    http.pay(&id);
    // A proxy that loses the first refund's answer after it was made, and strips the
    // idempotency key: only looking can keep le from refunding twice.
    let up = served.addr;
    let posts = AtomicUsize::new(0);
    let proxy = Scripted::with(move |req, _| {
        if req.method == "POST" && req.path == "/api/refunds" {
            return match posts.fetch_add(1, Ordering::SeqCst) {
                0 => Step::ForwardWithoutThenDrop(up, "x-idempotency-key"),
                _ => Step::ForwardWithout(up, "x-idempotency-key"),
            };
        }
        Step::Forward(up)
    });
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", http.key)
        .args([
            "--base-url",
            &proxy.url(),
            "--json",
            "refund",
            "create",
            "--invoice",
            &id,
        ])
        .args(["--amount", "4", "--currency", "USD"])
        .args([
            "--bitcoin-address",
            "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let refunds = http.json(&http.get(&format!("/api/refunds/invoice/{id}")));
    assert_eq!(refunds["refunds"].as_array().unwrap().len(), 1, "{refunds}");
    assert_eq!(
        parse_json(&out.stdout)["refundId"],
        refunds["refunds"][0]["refundId"]
    );
}

/// The refund object as the API reference documents it carries no destination
/// (`refundId, invoiceId, status, amount, currency, amountSats, reason, type, createdAt,
/// completedAt`). Against such an API, which also ignores idempotency keys, a refund
/// whose answer was lost is still recognised by its look-up, and not made again.
#[test]
fn a_lost_refund_is_found_when_the_api_does_not_echo_its_destination() {
    let env = Env::new();
    let refunds: Arc<Mutex<Vec<Value>>> = Arc::default();
    let r = refunds.clone();
    let server = Scripted::with(move |req, _| {
        if req.method == "POST" && req.path == "/api/refunds" {
            let b = req.json();
            let mut list = r.lock().unwrap();
            let refund = json!({
                "refundId": format!("ref_{}", list.len() + 1),
                "invoiceId": b["invoiceId"],
                "status": "pending",
                "amount": b["amount"],
                "currency": b["currency"],
                "amountSats": 49990,
                "reason": null,
                "type": "lightning",
                "createdAt": jiff::Timestamp::now().to_string(),
                "completedAt": null,
            });
            list.push(refund.clone());
            if list.len() == 1 {
                return Step::Drop;
            }
            return Step::json(201, &refund.to_string());
        }
        if req.path.starts_with("/api/refunds/invoice/") {
            let list = r.lock().unwrap().clone();
            return Step::json(200, &json!({ "refunds": list }).to_string());
        }
        Step::json(200, &payment_body("inv_1", "paid"))
    });
    let now = jiff::Timestamp::now().as_second() as u64;
    let customer = mint_invoice(&test_node_key(), 49_990_000, now, 3600, false);
    let out = le_at(
        &env,
        &server.url(),
        &[
            "--json",
            "refund",
            "create",
            "--invoice",
            "inv_1",
            "--amount",
            "49.99",
            "--currency",
            "USD",
            "--lightning-invoice",
            &customer,
        ],
    );
    let n = refunds.lock().unwrap().len();
    assert_eq!(
        n,
        1,
        "{n} refunds; exit {:?}\n{}",
        out.status.code(),
        stderr_of(&out)
    );
}
