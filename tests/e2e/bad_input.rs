//! Bad input is refused before any request, with exit 2 and a message that names the
//! flag and shows a valid example.

use crate::common::*;

fn create(order: &str, amount: &str, currency: &str) -> Vec<String> {
    [
        "create",
        "--order",
        order,
        "--amount",
        amount,
        "--currency",
        currency,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn bad_values_exit_2_without_a_request() {
    let long_id = "x".repeat(10_000);
    let mut cases: Vec<(Vec<String>, &str)> = vec![
        (create("O", "0", "USD"), "--amount must be greater than 0"),
        (create("O", "-1", "USD"), "--amount must be greater than 0"),
        (create("O", "1e309", "USD"), "not a plain decimal"),
        (create("O", "NaN", "USD"), "not a plain decimal"),
        (create("O", "inf", "USD"), "not a plain decimal"),
        (create("O", "12,50", "USD"), "write 12.50 with a dot"),
        (create("O", "1,000.00", "USD"), "thousands separators"),
        (create("O", "49.999", "USD"), "USD takes at most 2"),
        (create("O", "0.001", "EUR"), "EUR takes at most 2"),
        (create("O", "0.000000001", "BTC"), "BTC takes at most 8"),
        (create("O", "1.5", "sats"), "whole number of sats"),
        (create("O", "", "USD"), "--amount is empty"),
        (create("O", "12 50", "USD"), "not a plain decimal"),
        (create("O", "0x10", "USD"), "not a plain decimal"),
        (
            create("O", "99999999999999999999999999999999", "USD"),
            "too large",
        ),
        (create("O", "1", "XBT"), "unknown currency 'XBT'"),
        (create("O", "1", ""), "unknown currency"),
        (create("O", "1", "US D"), "unknown currency"),
        (create("", "1", "USD"), "--order must not be empty"),
        (create("   ", "1", "USD"), "--order must not be empty"),
        (
            create("A\u{7}B", "1", "USD"),
            "--order 'A\\u{7}B' contains control characters",
        ),
        (create("A\nB", "1", "USD"), "contains control characters"),
        (
            create(&long_id, "1", "USD"),
            "--order is 10000 characters long",
        ),
        (create("..", "1", "USD"), "cannot be used in a URL path"),
    ];
    let with = |extra: &[&str]| {
        let mut v = create("O", "1", "USD");
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    cases.extend([
        (
            with(&["--metadata", "novalue"]),
            "--metadata 'novalue' has no '='",
        ),
        (with(&["--metadata", "=v"]), "empty key"),
        (
            with(&["--metadata", "a=1", "--metadata", "a=2"]),
            "given twice",
        ),
        (
            with(&["--customer-email", "not-an-email"]),
            "--customer-email",
        ),
        (with(&["--success-url", "shop.example/ok"]), "--success-url"),
        (
            with(&["--cancel-url", "javascript:alert(1)"]),
            "--cancel-url",
        ),
        (
            with(&["--description", "bad\u{1b}[31m"]),
            "--description contains control characters",
        ),
        (
            with(&["--idempotency-key", "has space"]),
            "--idempotency-key",
        ),
        (
            with(&["--idempotency-key", &"k".repeat(300)]),
            "--idempotency-key",
        ),
        (with(&["--qr", "sometimes"]), "invalid value 'sometimes'"),
        (with(&["--request-timeout", "soon"]), "not a duration"),
        (
            with(&["--request-timeout", "0s"]),
            "--request-timeout must be more than 0",
        ),
        (with(&["--color", "purple"]), "invalid value 'purple'"),
        (
            vec!["get".into(), "".into()],
            "the invoice id must not be empty",
        ),
        (vec!["get".into(), "inv\u{1}x".into()], "control characters"),
        (vec!["get".into(), long_id.clone()], "10000 characters long"),
        (vec!["get-order".into(), "\t".into()], "must not be empty"),
        (vec!["sync".into(), "inv\r".into()], "control characters"),
        (
            vec![
                "watch".into(),
                "inv_1".into(),
                "--interval".into(),
                "2s".into(),
            ],
            "--interval",
        ),
        (
            vec![
                "watch".into(),
                "inv_1".into(),
                "--interval".into(),
                "-5".into(),
            ],
            "--interval",
        ),
        (
            vec![
                "watch".into(),
                "inv_1".into(),
                "--timeout".into(),
                "forever".into(),
            ],
            "not a duration",
        ),
        (vec!["watch".into(), "".into()], "must not be empty"),
        (
            vec![
                "create".into(),
                "--amount".into(),
                "1".into(),
                "--currency".into(),
                "USD".into(),
            ],
            "--order",
        ),
        (
            vec![
                "create".into(),
                "--order".into(),
                "O".into(),
                "--currency".into(),
                "USD".into(),
            ],
            "--amount",
        ),
        (
            vec!["completions".into(), "tcsh".into()],
            "invalid value 'tcsh'",
        ),
        (vec!["get".into()], "INVOICE_ID"),
    ]);

    let env = Env::new();
    let server = Scripted::always(Step::json(500, r#"{"error":"should not be reached"}"#));
    let mut failures = Vec::new();
    for (args, says) in &cases {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url()])
            .args(args)
            .output()
            .unwrap();
        let err = stderr_of(&out);
        if out.status.code() != Some(2) || !err.contains(says) || err.contains("panicked") {
            failures.push(format!(
                "{args:?}: exit {:?}, expected {says:?} in: {err}",
                out.status.code()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(
        server.seen().is_empty(),
        "no request was sent: {:?}",
        server.seen()
    );
}

#[test]
fn bad_base_urls_exit_2() {
    let env = Env::new();
    for (url, says) in [
        ("not a url", "is not a URL"),
        ("ftp://example.com", "must start with https://"),
        ("http://10.0.0.1:8402", "plain http to another machine"),
        ("https://api.example.com/?x=1", "query or fragment"),
    ] {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", url, "get", "inv_1"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says));
    }
}
