use crate::common::*;

#[test]
fn create_json_is_the_api_object_and_nothing_else() {
    let env = Env::new();
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "ORDER-1",
            "--amount",
            "49.99",
            "--currency",
            "usd",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert_eq!(text.lines().count(), 1, "one line of JSON: {text}");
    let p = parse_json(&out.stdout);
    assert!(p["invoiceId"].as_str().unwrap().starts_with("inv_"));
    assert_eq!(p["status"], "unpaid");
    assert_eq!(p["currency"], "USD");
    assert_eq!(p["amountSats"], 49990);
    // The exact number, not a float's approximation.
    assert!(text.contains("\"amount\":49.99,"), "{text}");
    assert!(
        p["lightningInvoice"]
            .as_str()
            .unwrap()
            .starts_with("lnbcrt499900n1")
    );
    // No QR and nothing else on stdout when it is not a terminal.
    assert!(!text.contains('█'));
}

#[test]
fn create_human_shows_summary_and_copyable_invoice() {
    let env = Env::new();
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "ORDER-7",
            "--amount",
            "0.0005",
            "--currency",
            "BTC",
        ])
        .args([
            "--description",
            "Two coffees",
            "--metadata",
            "table=12",
            "--metadata",
            "till=3",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    for want in [
        "Invoice",
        "inv_",
        "ORDER-7",
        "unpaid",
        "0.00050000 BTC (50,000 sats)",
        "Two coffees",
        "Expires",
        "(in 59 min)",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    // The invoice is on a line of its own, whole.
    assert!(
        text.lines()
            .any(|l| l.starts_with("lnbcrt500u1") && !l.contains(' ')),
        "{text}"
    );
    let got = env.sandbox_json(&["get-order", "ORDER-7"]);
    assert_eq!(
        got["metadata"],
        serde_json::json!({"table": "12", "till": "3"})
    );
    assert_eq!(got["description"], "Two coffees");
}

#[test]
fn qr_always_goes_to_stdout_and_never_to_stderr_under_json() {
    let env = Env::new();
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "Q-1",
            "--amount",
            "5",
            "--currency",
            "EUR",
            "--qr",
            "always",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout_of(&out).contains("█"), "QR on stdout in human mode");

    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "Q-2",
            "--amount",
            "5",
            "--currency",
            "EUR",
            "--qr",
            "always",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    // Under --json stderr carries JSON lines only: no picture, however it is asked for.
    let err = stderr_of(&out);
    assert!(
        !err.contains('█') && !err.contains('▀'),
        "QR on stderr under --json: {err}"
    );
    for line in err.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
    }
    assert!(err.contains("--qr-svg"), "says how to get one: {err}");
    parse_json(&out.stdout);
}

#[test]
fn qr_svg_is_written() {
    let env = Env::new();
    let svg = env.path("till.svg");
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "S-1",
            "--amount",
            "1000",
            "--currency",
            "sats",
            "--qr",
            "never",
            "--qr-svg",
        ])
        .arg(&svg)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("</svg>"));
    assert!(stderr_of(&out).contains("QR code written"));
}

#[test]
fn qr_svg_to_a_missing_directory_is_refused_before_any_request() {
    let env = Env::new();
    let server = Scripted::always(Step::json(500, "{}"));
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "create",
            "--order",
            "S-1",
            "--amount",
            "1",
            "--currency",
            "USD",
            "--qr-svg",
            "/nonexistent/dir/x.svg",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not exist"));
    assert!(server.seen().is_empty());
}

#[test]
fn rerunning_the_same_create_returns_the_same_payment() {
    let env = Env::new();
    let a = env.create("ORDER-1");
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "ORDER-1",
            "--amount",
            "49.99",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout_of(&out).contains(a["invoiceId"].as_str().unwrap()));
    assert!(
        stderr_of(&out).contains("made earlier and not yet paid"),
        "{}",
        stderr_of(&out)
    );
    assert!(
        !stderr_of(&out).to_lowercase().contains("idempotency"),
        "said in the words of a till, not of the protocol: {}",
        stderr_of(&out)
    );
    let list = env
        .le()
        .args(["sandbox", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&list).lines().count(), 1, "one payment, not two");
}

#[test]
fn create_sends_the_documented_request() {
    let env = Env::new();
    let server = Scripted::with(|req, _| created_payment(req, "inv_1"));
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "create",
            "--order",
            "ORDER-1",
            "--amount",
            "49.990",
            "--currency",
            "gbp",
        ])
        .args([
            "--customer-email",
            "ada@example.com",
            "--customer-name",
            "Ada",
            "--success-url",
            "https://shop.example/ok",
        ])
        .args([
            "--cancel-url",
            "https://shop.example/no",
            "--metadata",
            "k=v=w",
            "--json",
        ])
        .assert()
        .success();
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/api/payments");
    assert_eq!(r.header("x-api-key"), Some(TEST_KEY));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(r.header("user-agent").unwrap().starts_with("le/"));
    let key = r
        .header("x-idempotency-key")
        .expect("an idempotency key is always sent");
    assert!(key.starts_with("le-") && key.len() <= 256);
    let body = String::from_utf8(r.body.clone()).unwrap();
    assert_eq!(
        body,
        r#"{"orderId":"ORDER-1","amount":49.99,"currency":"GBP","customerEmail":"ada@example.com","customerName":"Ada","successUrl":"https://shop.example/ok","cancelUrl":"https://shop.example/no","metadata":{"k":"v=w"}}"#
    );
}

#[test]
fn idempotency_key_is_the_given_one_or_stable_per_request() {
    let env = Env::new();
    let server = Scripted::with(|req, _| created_payment(req, "inv_1"));
    let run = |extra: &[&str]| {
        env.le()
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
            .args(extra)
            .assert()
            .success();
    };
    run(&[]);
    run(&[]);
    run(&["--description", "other"]);
    run(&["--idempotency-key", "my-key-1"]);
    let keys: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.header("x-idempotency-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys[0], keys[1], "same request, same key");
    assert_ne!(keys[0], keys[2], "another request, another key");
    assert_eq!(keys[3], "my-key-1");
}

/// Turns the half-block QR art back into pixels and decodes it with an independent
/// decoder. `ink_is_dark`: whether block characters stand for dark modules.
fn decode_terminal_qr(text: &str, ink_is_dark: bool) -> String {
    let mut rows: Vec<Vec<bool>> = Vec::new();
    for line in text.lines() {
        // Drop colour escapes around each line.
        let mut plain = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                plain.push(c);
            }
        }
        if !plain.chars().any(|c| matches!(c, '█' | '▀' | '▄')) {
            continue;
        }
        let (mut top, mut bottom) = (Vec::new(), Vec::new());
        for c in plain.chars() {
            let (t, b) = match c {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                _ => (false, false),
            };
            // true = dark module
            top.push(t == ink_is_dark);
            bottom.push(b == ink_is_dark);
        }
        rows.push(top);
        rows.push(bottom);
    }
    let width = rows.iter().map(Vec::len).max().unwrap();
    let scale = 4;
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(width * scale, rows.len() * scale, |x, y| {
            let dark = rows[y / scale].get(x / scale).copied().unwrap_or(false);
            if dark { 0 } else { 255 }
        });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the output");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn the_terminal_qr_code_scans_to_the_invoice() {
    let env = Env::new();
    // Into a pipe or file (a receipt printer), without colour: dark ink on light paper.
    for (color, ink_is_dark) in [("never", true), ("always", true)] {
        let out = env
            .le()
            .args([
                "--sandbox",
                "create",
                "--order",
                &format!("QR-{color}"),
                "--amount",
                "4.50",
                "--currency",
                "EUR",
            ])
            .args(["--qr", "always", "--color", color])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = stdout_of(&out);
        let invoice = text.lines().find(|l| l.starts_with("lnbcrt")).unwrap();
        assert_eq!(
            decode_terminal_qr(&text, ink_is_dark),
            format!("lightning:{invoice}").to_uppercase(),
            "--color {color}"
        );
    }
}

#[test]
fn dry_run_and_curl_send_nothing() {
    let env = Env::new();
    let server = Scripted::always(Step::json(500, "{}"));
    let run = |extra: &[&str]| {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args([
                "--base-url",
                &server.url(),
                "create",
                "--order",
                "DRY-1",
                "--amount",
                "49.99",
                "--currency",
                "USD",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&["--dry-run"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(
        text.starts_with(&format!("POST {}/api/payments\n", server.url())),
        "{text}"
    );
    // No key is read for a request that is not sent.
    assert!(
        text.contains("X-API-Key: (your key)") && text.contains("X-Idempotency-Key: le-"),
        "{text}"
    );
    assert!(text.contains(r#"{"orderId":"DRY-1","amount":49.99,"currency":"USD"}"#));
    let out = run(&["--dry-run", "--json"]);
    let j = parse_json(&out.stdout);
    assert_eq!(j["method"], "POST");
    assert_eq!(j["body"]["amount"], serde_json::json!(49.99));
    let out = run(&["--curl"]);
    let c = stdout_of(&out);
    assert!(
        c.contains("$LIGHTNING_API_KEY") && !c.contains(TEST_KEY) && !c.contains("redacted"),
        "{c}"
    );
    for args in [
        vec!["get", "inv_1"],
        vec!["sync", "inv_1"],
        vec!["rates"],
        vec!["refund", "list"],
    ] {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url(), "--curl"])
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    }
    assert!(
        server.seen().is_empty(),
        "nothing was sent: {:?}",
        server.seen()
    );
}

#[test]
fn the_curl_line_does_what_le_would() {
    let env = Env::new();
    let served = Served::start(
        &env,
        &[
            "--rate-limit",
            "off",
            "--api-key",
            "le_merchant_curltest12345",
        ],
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "le_merchant_curltest12345")
        .args([
            "--base-url",
            &served.url,
            "--curl",
            "create",
            "--order",
            "CURL'1 é",
            "--amount",
            "7.77",
            "--currency",
            "GBP",
        ])
        .output()
        .unwrap();
    let line = stdout_of(&out);
    let ran = std::process::Command::new("sh")
        .args(["-c", &line])
        .env("LIGHTNING_API_KEY", "le_merchant_curltest12345")
        .output()
        .expect("sh and curl");
    assert!(ran.status.success(), "{}", stderr_of(&ran));
    let p = parse_json(&ran.stdout);
    assert_eq!(p["orderId"], "CURL'1 é");
    assert_eq!(p["amount"], serde_json::json!(7.77));
    // le itself, with the same derived key, finds that very payment.
    let again = env
        .le()
        .env("LIGHTNING_API_KEY", "le_merchant_curltest12345")
        .args([
            "--base-url",
            &served.url,
            "--json",
            "create",
            "--order",
            "CURL'1 é",
            "--amount",
            "7.77",
            "--currency",
            "GBP",
        ])
        .output()
        .unwrap();
    assert_eq!(parse_json(&again.stdout)["invoiceId"], p["invoiceId"]);
}
