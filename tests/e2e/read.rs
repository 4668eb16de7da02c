use crate::common::*;

#[test]
fn get_get_order_and_sync_across_invocations() {
    let env = Env::new();
    let created = env.create("ORDER-1");
    let id = created["invoiceId"].as_str().unwrap();
    assert_eq!(env.sandbox_json(&["get", id]), created);
    assert_eq!(env.sandbox_json(&["get-order", "ORDER-1"]), created);
    assert_eq!(env.sandbox_json(&["sync", id]), created);

    let out = env.le().args(["--sandbox", "get", id]).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(
        text.contains("ORDER-1") && text.contains("unpaid") && text.contains("lnbcrt"),
        "{text}"
    );
}

#[test]
fn get_order_returns_the_newest_payment_of_an_order() {
    let env = Env::new();
    let first = env.create("ORDER-9");
    // An order gets a new payment only once its last one has expired.
    env.le()
        .args(["sandbox", "expire", first["invoiceId"].as_str().unwrap()])
        .assert()
        .success();
    let second = env.sandbox_json(&[
        "create",
        "--order",
        "ORDER-9",
        "--amount",
        "49.99",
        "--currency",
        "USD",
        "--idempotency-key",
        "second",
    ]);
    assert_eq!(
        env.sandbox_json(&["get-order", "ORDER-9"])["invoiceId"],
        second["invoiceId"]
    );
}

#[test]
fn ids_are_percent_encoded_as_one_path_segment() {
    let env = Env::new();
    let server = Scripted::with(|req, _| asked_payment(req, "unpaid"));
    let le = |args: &[&str]| {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url(), "--json"])
            .args(args)
            .assert()
            .success();
    };
    le(&["get-order", "A/B?#1"]);
    le(&["get", "inv 1/é"]);
    le(&["sync", "inv_x%2F"]);
    let paths: Vec<(String, String)> = server
        .seen()
        .iter()
        .map(|s| (s.method.clone(), s.path.clone()))
        .collect();
    assert_eq!(
        paths,
        vec![
            ("GET".into(), "/api/payments/order/A%2FB%3F%231".into()),
            ("GET".into(), "/api/payments/inv%201%2F%C3%A9".into()),
            ("POST".into(), "/api/payments/inv_x%252F/sync".into()),
        ]
    );
}

#[test]
fn the_sandbox_round_trips_awkward_order_ids() {
    let env = Env::new();
    for order in ["A/B?#1", "caf\u{e9} 12", "100%"] {
        let created = env.create(order);
        assert_eq!(
            env.sandbox_json(&["get-order", order])["invoiceId"],
            created["invoiceId"]
        );
    }
}

#[test]
fn json_keeps_fields_le_does_not_know() {
    let env = Env::new();
    let server = Scripted::always(Step::json(200, &payment_body("inv_1", "someNewStatus")));
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "get", "inv_1", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let p = parse_json(&out.stdout);
    assert_eq!(p["futureField"]["kept"], true);
    assert_eq!(p["status"], "someNewStatus");
    // Human mode shows an unknown status rather than failing.
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "get", "inv_1"])
        .assert()
        .success()
        .stdout(predicates::str::contains("someNewStatus"));
}

#[test]
fn works_against_a_served_sandbox_with_base_url() {
    let env = Env::new();
    let served = Served::start(&env, &[]);
    let le = |args: &[&str]| {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", "any-key-works")
            .args(["--base-url", &served.url, "--json"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        parse_json(&out.stdout)
    };
    let created = le(&[
        "create",
        "--order",
        "SRV-1",
        "--amount",
        "10",
        "--currency",
        "EUR",
    ]);
    let id = created["invoiceId"].as_str().unwrap();
    assert_eq!(created["amountSats"], 10870);
    assert_eq!(le(&["get", id]), created);
    assert_eq!(le(&["get-order", "SRV-1"]), created);
    assert_eq!(le(&["sync", id]), created);
    // The served sandbox and the embedded one share the state directory, and each key is a
    // merchant of its own: the embedded sandbox's key does not see this key's payment,
    // but can pay it, as any wallet could.
    env.le().args(["--sandbox", "get", id]).assert().code(5);
    env.sandbox_json(&["sandbox", "pay", id]);
    assert_eq!(le(&["get", id])["status"], "paid");
}

#[test]
fn output_into_a_closed_pipe_is_not_a_crash() {
    let env = Env::new();
    let p = env.create("PIPE-1");
    let id = p["invoiceId"].as_str().unwrap();
    for _ in 0..5 {
        // The reading end is closed before le starts writing: every write meets EPIPE.
        let mut child = env
            .le_std()
            .args(["--sandbox", "get", id])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{err}");
        assert!(err.is_empty(), "{err}");
    }
}
