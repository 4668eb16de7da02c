use crate::common::*;

#[test]
fn pay_process_expire_and_their_refusals() {
    let env = Env::new();
    let a = env.create("SB-1")["invoiceId"].as_str().unwrap().to_owned();
    let b = env.create("SB-2")["invoiceId"].as_str().unwrap().to_owned();

    let p = env.sandbox_json(&["sandbox", "process", &a]);
    assert_eq!(p["status"], "processing");
    let p = env.sandbox_json(&["sandbox", "pay", &a]);
    assert_eq!(p["status"], "paid");
    assert!(p["paidAt"].is_string());

    env.le()
        .args(["sandbox", "expire", &a])
        .assert()
        .code(6)
        .stderr(
            predicates::str::contains("INVALID_TRANSITION")
                .and(predicates::str::contains("is paid")),
        );

    let p = env.sandbox_json(&["sandbox", "expire", &b]);
    assert_eq!(p["status"], "expired");
    env.le()
        .args(["sandbox", "pay", &b])
        .assert()
        .code(6)
        .stderr(predicates::str::contains("is expired"));

    env.le()
        .args(["sandbox", "pay", "inv_nope"])
        .assert()
        .code(5);
}

use predicates::prelude::*;

#[test]
fn list_and_reset() {
    let env = Env::new();
    env.create("L-1");
    env.create("L-2");
    let out = env.le().args(["sandbox", "list"]).output().unwrap();
    let text = stdout_of(&out);
    assert!(
        text.find("L-2").unwrap() < text.find("L-1").unwrap(),
        "newest first:\n{text}"
    );
    let out = env
        .le()
        .args(["sandbox", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).lines().count(), 2);

    env.le()
        .args(["sandbox", "reset"])
        .assert()
        .success()
        .stdout(predicates::str::contains("2 payments deleted"));
    env.le()
        .args(["sandbox", "list"])
        .assert()
        .success()
        .stdout(predicates::str::contains("No payments"));
}

#[test]
fn sandbox_errors_use_the_documented_codes() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    // What an integration that sends no idempotency key sees.
    let post = |body: &str, key: Option<&str>| {
        let mut h = vec![("X-API-Key", "k"), ("Content-Type", "application/json")];
        if let Some(k) = key {
            h.push(("X-Idempotency-Key", k));
        }
        raw_http(served.addr, "POST", "/api/payments", &h, body)
    };
    let first = post(r#"{"orderId":"D-1","amount":1,"currency":"USD"}"#, None);
    assert!(first.starts_with("HTTP/1.1 201"), "{first}");
    let dup = post(r#"{"orderId":"D-1","amount":1,"currency":"USD"}"#, None);
    assert!(
        dup.starts_with("HTTP/1.1 409") && dup.contains("DUPLICATE_ORDER_ID"),
        "{dup}"
    );
    assert!(
        dup.to_ascii_lowercase().contains("x-correlation-id:"),
        "{dup}"
    );
    for (body, code) in [
        (r#"{"amount":1,"currency":"USD"}"#, "MISSING_ORDER_ID"),
        (
            r#"{"orderId":"x","amount":0,"currency":"USD"}"#,
            "INVALID_AMOUNT",
        ),
        (
            r#"{"orderId":"x","amount":1.005,"currency":"USD"}"#,
            "INVALID_AMOUNT",
        ),
        (
            r#"{"orderId":"x","amount":"1","currency":"USD"}"#,
            "INVALID_AMOUNT",
        ),
        (
            r#"{"orderId":"x","amount":1,"currency":"XBT"}"#,
            "INVALID_CURRENCY",
        ),
        (
            r#"{"orderId":"x","amount":0.000001,"currency":"USD"}"#,
            "INVALID_AMOUNT",
        ),
        ("not json", "INVALID_REQUEST"),
    ] {
        let r = post(body, None);
        assert!(
            r.starts_with("HTTP/1.1 400") && r.contains(code),
            "{body}: {r}"
        );
    }
    let a = post(
        r#"{"orderId":"I-1","amount":1,"currency":"USD"}"#,
        Some("k1"),
    );
    let b = post(
        r#"{ "currency":"USD", "amount":1, "orderId":"I-1" }"#,
        Some("k1"),
    );
    assert!(
        b.to_ascii_lowercase()
            .contains("x-idempotency-replayed: true"),
        "{b}"
    );
    assert_eq!(
        a.split("\r\n\r\n").nth(1),
        b.split("\r\n\r\n").nth(1),
        "byte-identical replay"
    );
    let c = post(
        r#"{"orderId":"I-1","amount":2,"currency":"USD"}"#,
        Some("k1"),
    );
    assert!(
        c.starts_with("HTTP/1.1 422") && c.contains("IDEMPOTENCY_KEY_REUSED"),
        "{c}"
    );
}

#[test]
fn serve_checks_keys_when_told_to() {
    let env = Env::new();
    let served = Served::start(&env, &["--api-key", "good-key"]);
    let get = |key: Option<&str>| {
        let mut c = env.le();
        c.args(["--base-url", &served.url, "get", "inv_x"]);
        match key {
            Some(k) => c.env("LIGHTNING_API_KEY", k),
            None => &mut c,
        };
        c.output().unwrap()
    };
    let bad = get(Some("bad-key"));
    assert_eq!(bad.status.code(), Some(4));
    assert!(stderr_of(&bad).contains("INVALID_API_KEY"));
    let good = get(Some("good-key"));
    assert_eq!(good.status.code(), Some(5), "key accepted, payment unknown");
}

#[test]
fn serve_stops_cleanly_and_keeps_state() {
    let env = Env::new();
    // One public URL for both runs: the checkout page of a payment keeps its address.
    let public = ["--public-url", "http://sandbox.test:8402"];
    let mut served = Served::start(&env, &public);
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &served.url,
            "--json",
            "create",
            "--order",
            "KEEP-1",
            "--amount",
            "3",
            "--currency",
            "GBP",
        ])
        .output()
        .unwrap();
    let created = parse_json(&out.stdout);
    assert!(served.stop().success());
    let again = Served::start(&env, &public);
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &again.url, "--json", "get-order", "KEEP-1"])
        .output()
        .unwrap();
    assert_eq!(parse_json(&out.stdout), created);
}

#[test]
fn parallel_invocations_share_the_state_safely() {
    let env = Env::new();
    let children: Vec<_> = (0..8)
        .map(|i| {
            env.le_std()
                .args([
                    "--sandbox",
                    "--json",
                    "create",
                    "--order",
                    &format!("P-{i}"),
                    "--amount",
                    "1",
                    "--currency",
                    "USD",
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let out = env
        .le()
        .args(["sandbox", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).lines().count(), 8);
}

#[test]
fn invoices_are_real_signed_regtest_invoices() {
    use lightning_invoice::{Bolt11Invoice, Currency};
    let env = Env::new();
    let p = env.sandbox_json(&[
        "create",
        "--order",
        "INV-1",
        "--amount",
        "25",
        "--currency",
        "EUR",
        "--description",
        "Lunch",
    ]);
    let inv: Bolt11Invoice = p["lightningInvoice"]
        .as_str()
        .unwrap()
        .parse()
        .expect("decodes");
    inv.check_signature().expect("valid signature");
    assert_eq!(inv.currency(), Currency::Regtest);
    assert_eq!(
        inv.amount_milli_satoshis(),
        Some(p["amountSats"].as_u64().unwrap() * 1000)
    );
    assert_eq!(
        p["amountSats"], 27174,
        "25 EUR at the sandbox's 92,000 EUR/BTC"
    );
    let created: jiff::Timestamp = p["createdAt"].as_str().unwrap().parse().unwrap();
    let expires: jiff::Timestamp = p["expiresAt"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        inv.duration_since_epoch().as_secs() as i64,
        created.as_second()
    );
    assert_eq!(
        inv.expiry_time().as_secs() as i64,
        expires.as_second() - created.as_second()
    );
    assert_eq!(inv.expiry_time().as_secs(), 3600);
    match inv.description() {
        lightning_invoice::Bolt11InvoiceDescriptionRef::Direct(d) => {
            assert_eq!(d.to_string(), "Lunch")
        }
        other => panic!("{other:?}"),
    }
    // Every invoice of one sandbox comes from the same node.
    let q = env.create("INV-2");
    let other: Bolt11Invoice = q["lightningInvoice"].as_str().unwrap().parse().unwrap();
    assert_eq!(other.recover_payee_pub_key(), inv.recover_payee_pub_key());
}

#[test]
fn rates_can_be_overridden() {
    let env = Env::new();
    let out = env
        .le()
        .env("LE_SANDBOX_RATES", "USD=50000")
        .args([
            "--sandbox",
            "--json",
            "create",
            "--order",
            "R-1",
            "--amount",
            "10",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert_eq!(parse_json(&out.stdout)["amountSats"], 20000);
    env.le()
        .env("LE_SANDBOX_RATES", "USD=cheap")
        .args([
            "--sandbox",
            "create",
            "--order",
            "R-2",
            "--amount",
            "10",
            "--currency",
            "USD",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("LE_SANDBOX_RATES"));
}

/// In a shared directory another user could put a link where the state goes: le never
/// writes a database through it (into the file it names), and says what to do, exit 2.
#[cfg(unix)]
#[test]
fn a_link_in_place_of_the_state_is_refused_not_followed() {
    let env = Env::new();
    let victim = env.write("victim.txt", "");
    std::fs::create_dir_all(env.sandbox_dir()).unwrap();
    std::os::unix::fs::symlink(&victim, env.sandbox_dir().join("sandbox.db")).unwrap();
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "LINK-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("is a symbolic link"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(std::fs::metadata(&victim).unwrap().len(), 0);

    // A link higher up the path (a data directory under /home -> var/home, or macOS's
    // /tmp) is no planted link: the state is made and used there.
    let real = env.path("real-state");
    std::fs::create_dir_all(&real).unwrap();
    let linked = env.path("linked-state");
    std::os::unix::fs::symlink(&real, &linked).unwrap();
    let out = env
        .le()
        .env("LE_SANDBOX_DIR", &linked)
        .args([
            "--sandbox",
            "create",
            "--order",
            "LINK-2",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(real.join("sandbox.db").is_file());
}
