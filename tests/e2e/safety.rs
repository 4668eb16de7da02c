//! What must never happen: a key through a proxy in the clear, a dead invoice offered to a
//! payer, two live invoices for one order, a watch outliving its timeout, a server's bytes
//! driving the terminal, a crash on a huge value.

use std::time::{Duration, Instant};

use crate::common::*;

#[test]
fn the_key_never_goes_through_a_proxy_to_this_machine() {
    let env = Env::new();
    let proxy = Scripted::always(Step::json(502, r#"{"error":"proxy"}"#));
    let target = Scripted::always(Step::json(200, &payment_body("inv_1", "paid")));
    for var in ["http_proxy", "HTTP_PROXY", "all_proxy"] {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .env(var, proxy.url())
            .args(["--base-url", &target.url(), "get", "inv_1", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{var}: {}", stderr_of(&out));
    }
    assert!(proxy.seen().is_empty(), "the proxy saw: {:?}", proxy.seen());
    assert_eq!(target.seen().len(), 3);
}

#[test]
fn a_rerun_never_offers_an_expired_invoice() {
    let env = Env::new();
    let create = |json: bool| {
        let mut c = env.le();
        c.args([
            "--sandbox",
            "create",
            "--order",
            "DEAD-1",
            "--amount",
            "3",
            "--currency",
            "USD",
            "--qr",
            "always",
            "--color",
            "never",
        ]);
        if json {
            c.arg("--json");
        }
        c.output().unwrap()
    };
    let first = create(true);
    assert!(first.status.success());
    // Never paid: it expires (as the clock would have it, at once).
    let id = parse_json(&first.stdout)["invoiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    env.sandbox_json(&["sandbox", "expire", &id]);
    let again = create(false);
    assert_eq!(again.status.code(), Some(10), "{}", stderr_of(&again));
    let text = stdout_of(&again);
    assert!(text.contains("expired"), "{text}");
    assert!(
        !text.contains("lnbcrt") && !text.contains('█'),
        "no invoice, no QR code: {text}"
    );
    assert!(
        stderr_of(&again).contains("--idempotency-key"),
        "{}",
        stderr_of(&again)
    );
    let json = create(true);
    assert_eq!(json.status.code(), Some(10));
    assert_eq!(
        parse_json(&json.stdout)["status"],
        "expired",
        "the current state, not the cached one"
    );
}

#[test]
fn one_order_never_gets_two_live_invoices() {
    let env = Env::new();
    let first = env.create("ONE-1");
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "ONE-1",
            "--amount",
            "50",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    // The order's payment is for 49.99, not 50: a conflict, both amounts named, nothing
    // new taken, and the command that shows the order's payment (to the same sandbox).
    assert_eq!(out.status.code(), Some(14), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("49.99 USD") && err.contains("50.00 USD"),
        "{err}"
    );
    assert!(err.contains("no new payment was taken"), "{err}");
    // No command that would show the old payment's invoice, for the other amount.
    assert!(!err.contains("get inv_"), "{err}");
    assert!(
        !stdout_of(&out).contains("lnbcrt"),
        "no invoice of the old payment"
    );
    // Once it has expired, the order may be paid with a new invoice.
    env.le()
        .args(["sandbox", "expire", first["invoiceId"].as_str().unwrap()])
        .assert()
        .success();
    let second = env.sandbox_json(&[
        "create",
        "--order",
        "ONE-1",
        "--amount",
        "50",
        "--currency",
        "USD",
    ]);
    assert_ne!(second["invoiceId"], first["invoiceId"]);
}

#[test]
fn racing_creates_of_one_order_make_one_payment() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let children: Vec<_> = (0..8)
        .map(|i| {
            // Half send the same request (same derived key), half change the amount.
            let amount = if i % 2 == 0 { "5" } else { "6" };
            env.le_std()
                .env("LIGHTNING_API_KEY", "k")
                .args([
                    "--base-url",
                    &served.url,
                    "--json",
                    "create",
                    "--order",
                    "RACE-1",
                    "--amount",
                    amount,
                    "--currency",
                    "USD",
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut ok_ids = std::collections::HashSet::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        match out.status.code() {
            Some(0) => {
                ok_ids.insert(
                    parse_json(&out.stdout)["invoiceId"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                );
            }
            // Another amount than the payment that won the race: a conflict.
            Some(14) => assert!(
                stderr_of(&out).contains("ORDER_CONFLICT"),
                "{}",
                stderr_of(&out)
            ),
            other => panic!("{other:?}: {}", stderr_of(&out)),
        }
    }
    assert_eq!(
        ok_ids.len(),
        1,
        "every success names the same payment: {ok_ids:?}"
    );
    let list = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &served.url, "sandbox", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&list).lines().count(), 1);
}

#[test]
fn watch_never_outlives_its_timeout() {
    let env = Env::new();
    let server = Scripted::always(Step::Stall(Duration::from_secs(60)));
    let started = Instant::now();
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "watch",
            "inv_1",
            "--timeout",
            "2s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11), "{}", stderr_of(&out));
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn watch_fails_fast_when_the_api_never_answered() {
    let env = Env::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &format!("http://127.0.0.1:{port}"),
            "watch",
            "inv_1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn server_text_never_drives_the_terminal() {
    let env = Env::new();
    let mut body: serde_json::Value =
        serde_json::from_str(&payment_body("inv_1", "unpaid")).unwrap();
    body["description"] = "\u{1b}[2J\u{1b}[31mPAY HERE\u{7}".into();
    body["orderId"] = "ORD\u{1b}]0;owned\u{7}".into();
    let server = Scripted::always(Step::json(200, &body.to_string()));
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "get", "inv_1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}[31mPAY HERE"), "{text}");
    // --json passes the object through untouched: it is data, not terminal output.
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "get", "inv_1", "--json"])
        .output()
        .unwrap();
    assert_eq!(parse_json(&out.stdout)["description"], body["description"]);
}

#[test]
fn huge_values_are_refused_not_crashed_on() {
    let env = Env::new();
    for args in [
        vec![
            "--sandbox",
            "watch",
            "inv_1",
            "--timeout",
            "9223372036854775807s",
        ],
        vec![
            "--sandbox",
            "watch",
            "inv_1",
            "--interval",
            "2562047788015215h",
        ],
        vec![
            "--sandbox",
            "create",
            "--order",
            "H",
            "--amount",
            "100000000",
            "--currency",
            "BTC",
        ],
        vec![
            "--sandbox",
            "create",
            "--order",
            "H",
            "--amount",
            "1000000000001",
            "--currency",
            "USD",
        ],
    ] {
        let out = env.le().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(!stderr_of(&out).contains("panicked"));
    }
    let out = env
        .le()
        .env("LE_SANDBOX_EXPIRY", "2562047788015215h")
        .args([
            "--sandbox",
            "create",
            "--order",
            "H",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("LE_SANDBOX_EXPIRY"));
}

#[test]
fn parse_errors_are_json_under_json() {
    let env = Env::new();
    let out = env
        .le()
        .args(["--json", "create", "--amount", "1", "--currency", "USD"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = parse_json(&out.stderr);
    assert_eq!(e["error"]["code"], "USAGE_ERROR");
    assert!(
        e["error"]["message"].as_str().unwrap().contains("--order"),
        "{e}"
    );
}

#[test]
fn a_broken_config_does_not_stop_the_sandbox() {
    let env = Env::new();
    env.write("config.toml", "this is = = not toml");
    env.le()
        .env("LE_PROFILE", "nowhere")
        .args([
            "--sandbox",
            "--json",
            "create",
            "--order",
            "CFG-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .assert()
        .success();
}

#[test]
fn sandbox_commands_follow_the_profile_to_a_served_sandbox() {
    let env = Env::new();
    // Its own state directory: only a command that goes to it can find its payments.
    let own = env.path("served-state");
    let served = Served::start(
        &env,
        &["--rate-limit", "off", "--dir", own.to_str().unwrap()],
    );
    env.write(
        "config.toml",
        &format!(
            "[profiles.local]\nbase_url = \"{}\"\napi_key_env = \"LOCAL_KEY\"\n",
            served.url
        ),
    );
    let p = served.http().create("PROF-SB-1", "2", "EUR");
    let id = p["invoiceId"].as_str().unwrap();
    env.le()
        .env("LOCAL_KEY", "k")
        .args(["--profile", "local", "--json", "sandbox", "pay", id])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"status\":\"paid\""));
    // Without the profile, the embedded sandbox does not know it.
    env.le().args(["sandbox", "pay", id]).assert().code(5);
}

/// Every command, on its success and failure paths, with --verbose, against servers that
/// echo the request back: the key appears in no output.
#[test]
fn the_key_appears_in_no_output() {
    let env = Env::new();
    let key_file = env.write("key", &format!("{TEST_KEY}\n"));
    // Echoes every header it got, the key among them, in an error body.
    let echo = Scripted::with(|req, _| {
        let headers: Vec<String> = req
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        Step::json(400, &serde_json::json!({"error": "Bad Request", "message": format!("you sent {}", headers.join(", ")), "code": "ECHO", "details": {"headers": headers}}).to_string())
    });
    let echo_text = Scripted::with(|req, _| {
        let headers: Vec<String> = req
            .headers
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        Step::Reply {
            status: 200,
            headers: vec![],
            body: headers.join(";").into_bytes(),
        }
    });
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let paid = served.http().create("KEY-1", "1", "USD");
    let id = paid["invoiceId"].as_str().unwrap().to_owned();
    served.http().pay(&id);
    let dest = served.http().create("KEY-C", "1", "USD")["lightningInvoice"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut outputs = Vec::new();
    for url in [echo.url(), echo_text.url(), served.url.clone()] {
        for args in [
            vec![
                "create",
                "--order",
                "KEY-2",
                "--amount",
                "1",
                "--currency",
                "USD",
            ],
            vec!["get", &id],
            vec!["get-order", "KEY-1"],
            vec!["sync", &id],
            vec!["watch", &id, "--timeout", "1s"],
            vec![
                "refund",
                "create",
                "--invoice",
                &id,
                "--amount",
                "1",
                "--currency",
                "USD",
                "--lightning-invoice",
                &dest,
            ],
            vec!["refund", "list"],
            vec!["rates"],
            vec!["sandbox", "list"],
        ] {
            for json in [false, true] {
                let mut c = env.le();
                c.arg("--verbose")
                    .arg("--api-key-file")
                    .arg(&key_file)
                    .args(["--base-url", &url])
                    .args(&args);
                if json {
                    c.arg("--json");
                }
                outputs.push((format!("{args:?} {url}"), c.output().unwrap()));
            }
        }
    }
    let mut c = env.le();
    c.env("LIGHTNING_API_KEY", TEST_KEY).args([
        "--verbose",
        "--base-url",
        "http://example.com",
        "get",
        "x",
    ]);
    outputs.push(("plain http".into(), c.output().unwrap()));
    // The commands that look at the key rather than send it.
    for args in [
        vec!["doctor"],
        vec!["--json", "doctor"],
        vec!["config", "show"],
        vec!["--json", "config", "show"],
        vec![
            "--curl",
            "create",
            "--order",
            "K",
            "--amount",
            "1",
            "--currency",
            "USD",
        ],
        vec!["--dry-run", "--json", "refund", "list"],
        vec![
            "--verbose",
            "webhook",
            "send",
            "--to",
            &echo.url(),
            "--event",
            "payment.completed",
            "--secret-file",
        ],
    ] {
        let mut c = env.le();
        c.arg("--api-key-file")
            .arg(&key_file)
            .args(["--base-url", &served.url])
            .args(&args);
        if args.last() == Some(&"--secret-file") {
            c.arg(&key_file);
        }
        outputs.push((format!("{args:?}"), c.output().unwrap()));
    }
    let login_env = Env::new();
    let mut c = login_env.le();
    c.args([
        "--base-url",
        &served.url,
        "--verbose",
        "login",
        "--with-key",
        "-",
    ])
    .write_stdin(format!("{TEST_KEY}\n"));
    outputs.push(("login".into(), c.output().unwrap()));
    for (what, out) in &outputs {
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.contains(TEST_KEY), "{what} printed the key:\n{text}");
        }
    }
    let verbose = outputs.iter().any(|(_, o)| {
        String::from_utf8_lossy(&o.stderr).contains("X-API-Key: le_merchant_…(redacted)")
    });
    assert!(verbose, "--verbose shows that a key was sent, redacted");
}

#[test]
fn ctrl_c_anywhere_exits_130_and_a_rerun_finishes_the_job() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    // The create's answer hangs until Ctrl-C.
    let stall = Scripted::always(Step::Stall(std::time::Duration::from_secs(60)));
    let mut child = env
        .le_std()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--verbose",
            "--base-url",
            &stall.url(),
            "create",
            "--order",
            "INT-1",
            "--amount",
            "2",
            "--currency",
            "USD",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("> POST") {
        line.clear();
        assert!(
            std::io::BufRead::read_line(&mut err, &mut line).unwrap() > 0,
            "le ended early"
        );
    }
    interrupt(&child);
    assert_eq!(child.wait().unwrap().code(), Some(130));
    // The same command, now that the API answers: done, once.
    let args = [
        "--json",
        "create",
        "--order",
        "INT-1",
        "--amount",
        "2",
        "--currency",
        "USD",
    ];
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &served.url])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let again = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &served.url])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        parse_json(&again.stdout)["invoiceId"],
        parse_json(&out.stdout)["invoiceId"]
    );
}
