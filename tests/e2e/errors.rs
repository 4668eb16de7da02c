//! Every error shape of the API reference, and what `le` makes of it.

use crate::common::*;

/// Runs `le get inv_1` against a server that always gives `step`; returns the output.
fn get_with(step: Step, json: bool) -> std::process::Output {
    let env = Env::new();
    let server = Scripted::always(step);
    let mut c = env.le();
    c.env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "get", "inv_1"]);
    if json {
        c.arg("--json");
    }
    c.output().unwrap()
}

fn expect(step: Step, code: i32, message: &str) {
    let out = get_with(step.clone(), false);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(message), "expected {message:?} in: {err}");
    if code != 0 {
        assert!(stdout_of(&out).is_empty(), "errors never go to stdout");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn documented_error_body() {
    let step = Step::json(
        404,
        r#"{"error":"Not Found","message":"Settlement not found","code":"SETTLEMENT_NOT_FOUND","details":{}}"#,
    )
    .with_header("X-Correlation-Id", "corr-123");
    expect(
        step.clone(),
        5,
        "SETTLEMENT_NOT_FOUND: Settlement not found (HTTP 404, correlation id corr-123)",
    );

    let out = get_with(step, true);
    assert_eq!(out.status.code(), Some(5));
    let e = parse_json(&out.stderr);
    assert_eq!(
        e,
        serde_json::json!({"error": {"code": "SETTLEMENT_NOT_FOUND", "message": "Settlement not found", "status": 404, "correlationId": "corr-123", "details": {}}})
    );
}

#[test]
fn auth_errors_exit_4() {
    expect(
        Step::json(
            401,
            r#"{"error":"Unauthorized","message":"Invalid API key","code":"INVALID_API_KEY"}"#,
        ),
        4,
        "INVALID_API_KEY",
    );
    expect(
        Step::json(
            401,
            r#"{"error":"Unauthorized","message":"API key is required","code":"MISSING_API_KEY"}"#,
        ),
        4,
        "MISSING_API_KEY",
    );
    expect(
        Step::json(
            403,
            r#"{"error":"Forbidden","message":"Subscription expired","code":"SUBSCRIPTION_EXPIRED"}"#,
        ),
        4,
        "SUBSCRIPTION_EXPIRED",
    );
    expect(
        Step::json(
            403,
            r#"{"error":"Forbidden","message":"Merchant inactive","code":"MERCHANT_INACTIVE"}"#,
        ),
        4,
        "MERCHANT_INACTIVE",
    );
}

#[test]
fn other_client_errors_exit_6() {
    expect(
        Step::json(
            400,
            r#"{"error":"Bad Request","message":"Amount must be positive","code":"INVALID_AMOUNT"}"#,
        ),
        6,
        "INVALID_AMOUNT",
    );
    expect(
        Step::json(
            400,
            r#"{"error":"Bad Request","message":"Order id required","code":"MISSING_ORDER_ID"}"#,
        ),
        6,
        "MISSING_ORDER_ID",
    );
    expect(
        Step::json(
            402,
            r#"{"error":"Payment Required","code":"SUBSCRIPTION_REQUIRED"}"#,
        ),
        6,
        "SUBSCRIPTION_REQUIRED",
    );
    expect(
        Step::json(
            409,
            r#"{"error":"Conflict","message":"exists","code":"DUPLICATE_ORDER_ID","details":{"invoiceId":"inv_old"}}"#,
        ),
        6,
        // Never a suggestion to show the payment's code: its amount was not compared.
        "get-order <orderId> shows the order's payment",
    );
    expect(
        Step::json(
            422,
            r#"{"error":"Unprocessable","message":"reused","code":"IDEMPOTENCY_KEY_REUSED"}"#,
        ),
        6,
        "IDEMPOTENCY_KEY_REUSED",
    );
}

#[test]
fn the_other_known_shapes() {
    expect(
        Step::json(400, r#"{"error":"something went wrong"}"#),
        6,
        "something went wrong",
    );
    expect(
        Step::json(
            500,
            r#"{"error":"An error occurred processing your request.","correlationId":"c-9","timestamp":"2026-01-01T00:00:00Z"}"#,
        ),
        6,
        "An error occurred processing your request. (HTTP 500, correlation id c-9)",
    );
    expect(
        Step::json(422, r#"{"type":"https://example/problems/x","title":"Invalid amount","status":422,"detail":"Amount must be at least 1 sat","error":"invalid_amount"}"#)
            .with_header("Content-Type", "application/problem+json"),
        6,
        "invalid_amount: Amount must be at least 1 sat",
    );
    expect(
        Step::json(
            400,
            r#"{"title":"One or more validation errors occurred.","status":400,"errors":{"Amount":["The field Amount must be positive."]}}"#,
        ),
        6,
        "One or more validation errors occurred (Amount: The field Amount must be positive.)",
    );
}

#[test]
fn proxies_and_empty_bodies() {
    let html = Step::Reply {
        status: 502,
        headers: vec![("Content-Type".into(), "text/html".into())],
        body: b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
            .to_vec(),
    };
    expect(
        html,
        6,
        "Bad Gateway (the server sent an HTML page, \"502 Bad Gateway\"",
    );
    let empty = Step::Reply {
        status: 503,
        headers: vec![],
        body: vec![],
    };
    expect(empty, 6, "Service Unavailable (HTTP 503)");
    let text = Step::Reply {
        status: 500,
        headers: vec![("Content-Type".into(), "text/plain".into())],
        body: b"upstream exploded\nstack...".to_vec(),
    };
    expect(text, 6, "Internal Server Error: upstream exploded");
}

#[test]
fn rate_limited_exits_7_after_retries() {
    let env = Env::new();
    let server = Scripted::always(
        Step::json(429, r#"{"error":"Too Many Requests","message":"Rate limit exceeded","code":"RATE_LIMIT_EXCEEDED","details":{"limit":200,"window":"1m","retryAfter":0}}"#)
            .with_header("Retry-After", "0"),
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "get", "inv_1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("RATE_LIMIT_EXCEEDED"));
    assert_eq!(server.seen().len(), 4, "the first try and three retries");
}

#[test]
fn a_long_retry_after_is_reported_not_slept_through() {
    let env = Env::new();
    let server = Scripted::always(
        Step::json(429, r#"{"error":"Too Many Requests","message":"Rate limit exceeded","code":"RATE_LIMIT_EXCEEDED"}"#)
            .with_header("Retry-After", "600"),
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "get", "inv_1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert!(
        stderr_of(&out).contains("wait 600 s"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn unreadable_success_bodies_exit_6() {
    expect(Step::json(200, "this is not json"), 6, "not JSON");
    expect(Step::json(200, r#"{"invoiceId":"inv_1""#), 6, "not JSON");
    expect(
        Step::json(200, r#"{"invoiceId":42,"status":"paid"}"#),
        6,
        "'invoiceId' should be a non-empty string",
    );
    expect(
        Step::json(200, r#"[1,2,3]"#),
        6,
        "expected a payment object",
    );
    expect(
        Step::json(200, r#"{"invoiceId":"inv_1"}"#),
        6,
        "no 'status' field",
    );
}

#[test]
fn redirects_are_not_followed() {
    let step = Step::json(302, "").with_header("Location", "https://evil.example/steal");
    expect(step, 6, "redirecting to https://evil.example/steal");
}

#[test]
fn nothing_listening_exits_3() {
    let env = Env::new();
    // Bind and drop to get a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &format!("http://127.0.0.1:{port}"),
            "get",
            "inv_1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("could not connect"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_server_that_never_answers_times_out_with_exit_3() {
    let env = Env::new();
    let server = Scripted::always(Step::Stall(std::time::Duration::from_secs(30)));
    let started = std::time::Instant::now();
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "--request-timeout",
            "300ms",
            "get",
            "inv_1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("--request-timeout"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(server.seen().len(), 4, "timeouts of a GET are retried");
    // Four attempts of 0.3 s plus backoff: far below the 30 s stall.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_server_trickling_bytes_is_cut_off_at_the_timeout() {
    let env = Env::new();
    let server = Scripted::always(Step::Trickle {
        status: 200,
        body: payment_body("inv_1", "paid").into_bytes(),
        gap: std::time::Duration::from_millis(100),
    });
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &server.url(),
            "--request-timeout",
            "500ms",
            "get",
            "inv_1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
}

#[test]
fn huge_and_nonsensical_answers() {
    // 16 MiB of JSON-looking text: read up to the cap, then refused, quickly.
    let mut big = b"{\"invoiceId\":\"inv_1\",\"status\":\"paid\",\"pad\":\"".to_vec();
    big.resize(16 * 1024 * 1024, b'x');
    let started = std::time::Instant::now();
    expect(
        Step::Reply {
            status: 200,
            headers: vec![],
            body: big,
        },
        6,
        "not JSON",
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    expect(
        Step::json(418, r#"{"error":"I'm a teapot"}"#),
        6,
        "I'm a teapot",
    );
    expect(
        Step::json(299, &payment_body("inv_1", "paid")).with_header("X-Odd", "1"),
        0,
        "",
    );
    expect(Step::json(999, "{}"), 6, "Server Error");
    expect(Step::json(304, ""), 6, "does not follow redirects");
}
