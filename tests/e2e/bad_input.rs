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
            "--order 'A\\u{7}B' contains control",
        ),
        (create("A\nB", "1", "USD"), "contains control"),
        (
            create(&long_id, "1", "USD"),
            "--order is 10000 characters long",
        ),
        (create("..", "1", "USD"), "cannot be used in a URL path"),
    ];
    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }
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
            "--description contains control",
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
            "for '--request-timeout <DURATION>': must be more than 0",
        ),
        (with(&["--color", "purple"]), "invalid value 'purple'"),
        (
            vec!["get".into(), "".into()],
            "the invoice id must not be empty",
        ),
        (vec!["get".into(), "inv\u{1}x".into()], "contains control"),
        (vec!["get".into(), long_id.clone()], "10000 characters long"),
        (vec!["get-order".into(), "\t".into()], "must not be empty"),
        (vec!["sync".into(), "inv\r".into()], "contains control"),
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
        (
            v(&[
                "refund",
                "create",
                "--invoice",
                "inv_1",
                "--amount",
                "0",
                "--currency",
                "USD",
                "--bitcoin-address",
                "x",
            ]),
            "--amount must be greater than 0",
        ),
        (
            v(&[
                "refund",
                "create",
                "--invoice",
                "inv_1",
                "--amount",
                "1",
                "--currency",
                "YEN",
                "--bitcoin-address",
                "x",
            ]),
            "unknown currency 'YEN'",
        ),
        (
            v(&[
                "refund",
                "create",
                "--invoice",
                "",
                "--amount",
                "1",
                "--currency",
                "USD",
                "--bitcoin-address",
                "x",
            ]),
            "--invoice must not be empty",
        ),
        (
            v(&[
                "refund",
                "create",
                "--invoice",
                "inv_1",
                "--amount",
                "1",
                "--currency",
                "USD",
            ]),
            "required",
        ),
        (
            v(&[
                "refund",
                "create",
                "--invoice",
                "inv_1",
                "--amount",
                "1",
                "--currency",
                "USD",
                "--lightning-invoice",
                "lnbc1x",
            ]),
            "--lightning-invoice",
        ),
        (
            v(&[
                "refund",
                "create",
                "--invoice",
                "inv_1",
                "--amount",
                "1",
                "--currency",
                "USD",
                "--bitcoin-address",
                "nope",
            ]),
            "not a Bitcoin address",
        ),
        (
            v(&[
                "refund",
                "create",
                "--invoice",
                "inv_1",
                "--amount",
                "1",
                "--currency",
                "USD",
                "--bitcoin-address",
                "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080",
                "--reason",
                "a\u{7}b",
            ]),
            "--reason contains control",
        ),
        (v(&["refund", "get", "ref\u{1}"]), "contains control"),
        (
            v(&["refund", "list", "--invoice", ""]),
            "--invoice must not be empty",
        ),
        (
            v(&["decode", "lnbc1notaninvoice"]),
            "this invoice cannot be used",
        ),
        (v(&["decode", "LnBc1"]), "mixes upper and lower case"),
        (v(&["rates", "BTC"]), "rates exist for USD, EUR, GBP, CAD"),
        (v(&["rates", "DOGE"]), "no rate for 'DOGE'"),
        (
            v(&[
                "webhook",
                "send",
                "--to",
                "ftp://x",
                "--event",
                "payment.completed",
                "--secret-file",
                "/dev/null",
            ]),
            "--to",
        ),
        (
            v(&[
                "webhook",
                "send",
                "--to",
                "http://127.0.0.1:9",
                "--event",
                "payment.paid",
                "--secret-file",
                "/dev/null",
            ]),
            "invalid value 'payment.paid'",
        ),
        (
            v(&[
                "webhook",
                "verify",
                "--secret-file",
                "/nonexistent",
                "--signature",
                "t=1,v1=00",
            ]),
            "/nonexistent",
        ),
        (
            v(&["watch", "inv_1", "--timeout", "400d"]),
            "longer than a year",
        ),
        (
            v(&["sandbox", "serve", "--fail-rate", "NaN"]),
            "--fail-rate",
        ),
        (
            v(&["sandbox", "serve", "--api-key", ""]),
            "--api-key must not be empty",
        ),
        (
            v(&[
                "sandbox",
                "webhook",
                "--url",
                "not-a-url",
                "--secret-file",
                "/dev/null",
            ]),
            "--url",
        ),
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
    // Configuration and key files: a usage error (2), or a key problem (4).
    let key_dir = env.path("key-is-a-directory");
    std::fs::create_dir_all(&key_dir).unwrap();
    let config_cases: Vec<(&str, Vec<String>, i32, &str)> = vec![
        ("this is = = not toml", vec![], 2, "is not valid"),
        (
            "[profiles.p]\nbase_ur = \"https://x\"\n",
            vec![],
            2,
            "unknown field `base_ur`",
        ),
        ("colour = true\n", vec![], 2, "unknown field `colour`"),
        (
            "default_profile = \"ghost\"\n",
            vec![],
            2,
            "no [profiles.ghost]",
        ),
        (
            "[profiles.real]\n",
            v(&["--profile", "missing"]),
            2,
            "no profile named 'missing'",
        ),
        (
            "[profiles.p]\nrequest_timeout = \"soon\"\ndefault_profile = \"p\"\n",
            vec![],
            2,
            "unknown field",
        ),
        (
            "default_profile = \"p\"\n[profiles.p]\nrequest_timeout = \"soon\"\n",
            vec![],
            2,
            "request_timeout in profile p",
        ),
        (
            "default_profile = \"p\"\n[profiles.p]\nnetwork = \"moon\"\n",
            vec![],
            2,
            "unknown network 'moon'",
        ),
        (
            "default_profile = \"p\"\n[profiles.p]\nbase_url = \"http://10.1.1.1\"\n",
            vec![],
            2,
            "plain http to another machine",
        ),
        (
            "default_profile = \"p\"\n[profiles.p]\napi_key_file = \"/nonexistent/key\"\n",
            v(&["--base-url", "https://api.lightningenable.com"]),
            4,
            "/nonexistent/key",
        ),
        (
            "default_profile = \"p\"\n[profiles.p]\napi_key_command = \"exit 3\"\n",
            v(&["--base-url", "https://api.lightningenable.com"]),
            4,
            "api_key_command of profile p failed",
        ),
        (
            "default_profile = \"p\"\n[profiles.p]\napi_key_env = \"UNSET_VAR_X\"\n",
            v(&["--base-url", "https://api.lightningenable.com"]),
            4,
            "$UNSET_VAR_X, which is not set",
        ),
        (
            "",
            v(&[
                "--api-key-file",
                key_dir.to_str().unwrap(),
                "--base-url",
                "https://api.lightningenable.com",
            ]),
            4,
            "cannot read",
        ),
        (
            "",
            v(&["--base-url", "https://api.lightningenable.com"]),
            4,
            "no API key",
        ),
    ];
    for (config, extra, code, says) in &config_cases {
        env.write("config.toml", config);
        let out = env
            .le()
            .args(extra)
            .args(["get", "inv_1"])
            .output()
            .unwrap();
        let err = stderr_of(&out);
        if out.status.code() != Some(*code) || !err.contains(says) || err.contains("panicked") {
            failures.push(format!(
                "config {config:?} {extra:?}: exit {:?}, expected {code} and {says:?} in: {err}",
                out.status.code()
            ));
        }
    }
    let total = cases.len() + config_cases.len();
    assert!(total >= 60, "the table has {total} bad values");
    assert!(
        failures.is_empty(),
        "{} of {total} cases wrong:\n{}",
        failures.len(),
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
