//! `le webhook verify|send|listen`: they agree with each other and with HMAC-SHA256 as
//! Python computes it, under both schemes, including old, tampered and malformed cases.

use std::io::{BufReader, Read};
use std::net::SocketAddr;
use std::process::Child;
use std::time::Duration;

use serde_json::Value;

use crate::common::*;

const BODY: &str = r#"{"event":"payment.completed"}"#;

struct Files {
    env: Env,
    secret: std::path::PathBuf,
    payload: std::path::PathBuf,
}

fn files(secret: &str, body: &str) -> Files {
    let env = Env::new();
    let secret = env.write("secret", &format!("{secret}\n"));
    // Written byte for byte: no final newline, as a receiver would save the raw body.
    let payload = env.path("payload.json");
    std::fs::write(&payload, body).unwrap();
    Files {
        env,
        secret,
        payload,
    }
}

fn verify(f: &Files, sig: &[&str]) -> std::process::Output {
    f.env
        .le()
        .args(["webhook", "verify", "--secret-file"])
        .arg(&f.secret)
        .args(sig)
        .arg(&f.payload)
        .output()
        .unwrap()
}

#[test]
fn the_reference_example_under_both_schemes() {
    let f = files("whsec_example", BODY);
    let mut signed = b"1700000000.".to_vec();
    signed.extend_from_slice(BODY.as_bytes());
    let v1 = python_hmac("whsec_example", &signed);
    let current = format!("t=1700000000,v1={v1}");

    // Long ago: valid only with a window wide enough to reach back to it.
    let reach = (jiff::Timestamp::now().as_second() - 1_700_000_000 + 3600).to_string();
    let out = verify(&f, &["--signature", &current, "--tolerance", &reach]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(parse_json(&out.stdout)["event"], "payment.completed");
    assert!(stderr_of(&out).contains("valid signature (X-LightningEnable-Signature)"));
    let out = verify(&f, &["--signature", &current]);
    assert_eq!(out.status.code(), Some(20));
    assert!(
        stderr_of(&out).contains("s old, beyond the tolerance of 300 s"),
        "{}",
        stderr_of(&out)
    );

    let header = format!("X-LightningEnable-Signature: {current}");
    assert_eq!(
        verify(&f, &["--header", &header, "--tolerance", &reach])
            .status
            .code(),
        Some(0)
    );
    // The legacy scheme signs no time: a captured delivery replays forever, so it is
    // accepted alone only when asked for, and then with a warning.
    let legacy = python_hmac("whsec_example", BODY.as_bytes());
    let out = verify(&f, &["--signature", &legacy]);
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("only with --allow-legacy"),
        "{}",
        stderr_of(&out)
    );
    assert!(stdout_of(&out).is_empty());
    let out = verify(&f, &["--signature", &legacy, "--allow-legacy"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("could be replayed")
            || stderr_of(&out).contains("replayed forever")
    );
    let out = verify(
        &f,
        &[
            "--header",
            &format!("x-gateway-signature: {legacy}"),
            "--allow-legacy",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout_of(&out).trim(), BODY);
}

#[test]
fn fresh_tampered_and_malformed() {
    let f = files("whsec_live", BODY);
    let now = jiff::Timestamp::now().as_second();
    let mut signed = format!("{now}.").into_bytes();
    signed.extend_from_slice(BODY.as_bytes());
    let good = format!("t={now},v1={}", python_hmac("whsec_live", &signed));
    assert_eq!(verify(&f, &["--signature", &good]).status.code(), Some(0));
    // Several v1= entries: any one matching is enough.
    let rotated = format!(
        "t={now},v1={},v1={}",
        "0".repeat(64),
        python_hmac("whsec_live", &signed)
    );
    assert_eq!(
        verify(&f, &["--signature", &rotated]).status.code(),
        Some(0)
    );

    let tampered = files(
        "whsec_live",
        r#"{"event":"payment.completed","data":{"amount":1}}"#,
    );
    let out = verify(&tampered, &["--signature", &good]);
    assert_eq!(out.status.code(), Some(20));
    let err = stderr_of(&out);
    assert!(
        err.contains("the webhook is not genuine") && err.contains("bad signature"),
        "{err}"
    );
    let out = verify(&tampered, &["--signature", &good, "--json"]);
    assert_eq!(
        parse_json(&out.stderr)["error"]["code"],
        "INVALID_SIGNATURE"
    );

    let wrong_secret = files("whsec_other", BODY);
    assert_eq!(
        verify(&wrong_secret, &["--signature", &good]).status.code(),
        Some(20)
    );

    let future = format!(
        "t={},v1={}",
        now + 3600,
        python_hmac("whsec_live", format!("{}.{BODY}", now + 3600).as_bytes())
    );
    let out = verify(&f, &["--signature", &future]);
    assert_eq!(out.status.code(), Some(20));
    assert!(stderr_of(&out).contains("in the future"));

    for (bad, says) in [
        ("t=abc,v1=00", "is not a Unix time"),
        (&format!("t={now}") as &str, "no v1= signature"),
        ("v1=zz", "64 hex characters"),
        ("deadbeef", "expected 64 hex characters"),
    ] {
        let out = verify(&f, &["--signature", bad]);
        assert_eq!(out.status.code(), Some(20), "{bad}");
        assert!(stderr_of(&out).contains(says), "{bad}: {}", stderr_of(&out));
    }
    // A legacy header carrying a current value is malformed, not a different scheme.
    let out = verify(&f, &["--header", &format!("X-Gateway-Signature: {good}")]);
    assert_eq!(out.status.code(), Some(20));
}

#[test]
fn unusable_input_is_exit_2() {
    let f = files("whsec", BODY);
    let sig = format!("t=1,v1={}", "0".repeat(64));
    for (args, says) in [
        (vec!["--header", "no colon here"], "should look like"),
        (vec!["--header", "X-Other: abc"], "the signatures are in"),
        (vec!["--signature", " "], "empty"),
    ] {
        let out = verify(&f, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(stderr_of(&out).contains(says), "{}", stderr_of(&out));
    }
    f.env
        .le()
        .args([
            "webhook",
            "verify",
            "--secret-file",
            "/nonexistent",
            "--signature",
            &sig,
            "-",
        ])
        .write_stdin(BODY)
        .assert()
        .code(2);
    f.env
        .le()
        .args(["webhook", "verify", "--secret-file"])
        .arg(&f.secret)
        .args(["--signature", &sig, "/nonexistent/payload"])
        .assert()
        .code(2);
    let empty = f.env.write("empty", "\n");
    f.env
        .le()
        .args(["webhook", "verify", "--secret-file"])
        .arg(&empty)
        .args(["--signature", &sig])
        .arg(&f.payload)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is empty"));
    f.env
        .le()
        .args(["webhook", "verify", "--secret-file", "x"])
        .assert()
        .code(2);
}

#[test]
fn send_signs_what_verify_and_python_accept() {
    let env = Env::new();
    let secret = env.write("secret", "whsec_send\n");
    let receiver = Scripted::always(Step::json(200, r#"{"received":true}"#));
    let out = env
        .le()
        .args([
            "webhook",
            "send",
            "--to",
            &format!("{}/hooks", receiver.url()),
            "--event",
            "payment.completed",
            "--secret-file",
        ])
        .arg(&secret)
        .args([
            "--invoice",
            "inv_42",
            "--order",
            "ORDER-42",
            "--amount",
            "12.50",
            "--currency",
            "EUR",
            "--data",
            r#"{"extra":1}"#,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("200") && stdout_of(&out).contains(r#"{"received":true}"#),
        "{}",
        stdout_of(&out)
    );
    let seen = &receiver.seen()[0];
    assert_eq!(seen.path, "/hooks");
    let ev = seen.json();
    assert_eq!(ev["event"], "payment.completed");
    assert_eq!(ev["data"]["invoiceId"], "inv_42");
    assert_eq!(ev["data"]["orderId"], "ORDER-42");
    assert_eq!(ev["data"]["amount"], serde_json::json!(12.5));
    assert_eq!(ev["data"]["currency"], "EUR");
    assert_eq!(ev["data"]["amountSats"], 13587);
    assert_eq!(ev["data"]["status"], "paid");
    assert_eq!(ev["data"]["extra"], 1);
    // Python's HMAC agrees with both headers.
    let sig = seen.header("x-lightningenable-signature").unwrap();
    let (t, v1) = sig.trim_start_matches("t=").split_once(",v1=").unwrap();
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(&seen.body);
    assert_eq!(v1, python_hmac("whsec_send", &signed));
    assert_eq!(
        seen.header("x-gateway-signature").unwrap(),
        python_hmac("whsec_send", &seen.body)
    );
    // And le's own verify accepts what le's send signed, under either header.
    let payload = env.path("got.json");
    std::fs::write(&payload, &seen.body).unwrap();
    for header in [
        format!("X-LightningEnable-Signature: {sig}"),
        format!(
            "X-Gateway-Signature: {}",
            seen.header("x-gateway-signature").unwrap()
        ),
    ] {
        env.le()
            .args(["webhook", "verify", "--allow-legacy", "--secret-file"])
            .arg(&secret)
            .args(["--header", &header])
            .arg(&payload)
            .assert()
            .success();
    }
}

#[test]
fn send_reports_a_failing_receiver() {
    let env = Env::new();
    let secret = env.write("secret", "s");
    let receiver = Scripted::always(Step::json(500, "handler crashed"));
    let out = env
        .le()
        .args([
            "webhook",
            "send",
            "--to",
            &receiver.url(),
            "--event",
            "refund.completed",
            "--secret-file",
        ])
        .arg(&secret)
        .args(["--scheme", "legacy", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    let report = parse_json(&out.stdout);
    assert_eq!(report["status"], 500);
    assert_eq!(report["body"], "handler crashed");
    assert!(
        report["sent"]["data"]["refundId"]
            .as_str()
            .unwrap()
            .starts_with("ref_test_")
    );
    let seen = &receiver.seen()[0];
    assert!(
        seen.header("x-lightningenable-signature").is_none(),
        "legacy only"
    );
    assert!(seen.header("x-gateway-signature").is_some());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    env.le()
        .args([
            "webhook",
            "send",
            "--to",
            &format!("http://127.0.0.1:{port}"),
            "--event",
            "payment.expired",
            "--secret-file",
        ])
        .arg(&secret)
        .assert()
        .code(3);
    env.le()
        .args([
            "webhook",
            "send",
            "--to",
            "nowhere",
            "--event",
            "payment.expired",
            "--secret-file",
        ])
        .arg(&secret)
        .assert()
        .code(2);
    env.le()
        .args([
            "webhook",
            "send",
            "--to",
            &receiver.url(),
            "--event",
            "payment.expired",
            "--secret-file",
        ])
        .arg(&secret)
        .args(["--data", "[1]"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--data must be a JSON object"));
}

#[test]
fn listen_verifies_what_the_sandbox_and_send_deliver() {
    let env = Env::new();
    let secret = env.write("secret", "whsec_listen\n");
    let (listener, addr, _stderr) = start_listen(&env, &secret, &["--json"]);
    let port = addr.port();

    // A sandbox delivering a real payment.completed to it.
    let served = Served::start(
        &env,
        &[
            "--rate-limit",
            "off",
            "--webhook-url",
            &format!("http://127.0.0.1:{port}/"),
            "--webhook-secret",
            "whsec_listen",
        ],
    );
    let p = served.http().create("LISTEN-1", "1", "USD");
    served.http().pay(p["invoiceId"].as_str().unwrap());
    // And a forged one.
    let wrong = env.write("wrong", "not-the-secret");
    env.le()
        .args([
            "webhook",
            "send",
            "--to",
            &format!("http://127.0.0.1:{port}/"),
            "--event",
            "payment.completed",
            "--secret-file",
        ])
        .arg(&wrong)
        .assert()
        .code(6);
    assert!(eventually(Duration::from_secs(5), || {
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", served.http().key)
            .args(["--base-url", &served.url, "--json", "sandbox", "deliveries"])
            .output()
            .unwrap();
        stdout_of(&out).contains("\"statusCode\":200")
    }));
    interrupt(&listener);
    let out = listener.wait_with_output().unwrap();
    let lines: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let genuine = lines
        .iter()
        .find(|l| l["valid"] == true)
        .expect("the sandbox's event is valid");
    assert_eq!(genuine["event"]["data"]["invoiceId"], p["invoiceId"]);
    assert_eq!(genuine["scheme"], "X-LightningEnable-Signature");
    assert!(genuine["deliveryId"].as_str().unwrap().starts_with("evt_"));
    let forged = lines.iter().find(|l| l["valid"] == false).unwrap();
    assert!(forged["reason"].as_str().unwrap().contains("bad signature"));
}

/// `t={now + offset},v1=…` over `body`, by Python's HMAC.
fn current_sig(secret: &str, body: &str, offset: i64) -> String {
    let t = jiff::Timestamp::now().as_second() + offset;
    format!(
        "t={t},v1={}",
        python_hmac(secret, format!("{t}.{body}").as_bytes())
    )
}

/// POSTs `body` with `headers` to a listener; its status code.
fn post(addr: SocketAddr, headers: &[(&str, &str)], body: &str) -> u16 {
    let mut h = vec![("Content-Type", "application/json")];
    h.extend_from_slice(headers);
    status_of(&raw_http(addr, "POST", "/", &h, body))
}

/// Stops a listener as Ctrl-C does: its NDJSON lines on stdout, and its stderr.
fn stop(listener: Child, mut stderr: BufReader<Box<dyn Read + Send>>) -> (Vec<Value>, String) {
    interrupt(&listener);
    let out = listener.wait_with_output().unwrap();
    let mut err = String::new();
    stderr.read_to_string(&mut err).unwrap();
    let lines = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (lines, err)
}

fn reason(line: &Value) -> &str {
    line["reason"].as_str().unwrap_or_default()
}

/// A bare hex value is the legacy scheme's. Sent in X-LightningEnable-Signature it is
/// malformed, and never tried as a legacy signature: that header's name promises a time,
/// and a time-less signature passed there would replay forever.
#[test]
fn a_bare_signature_in_the_current_header_is_refused_by_verify_and_listen() {
    let f = files("whsec_bare", BODY);
    let bare = python_hmac("whsec_bare", BODY.as_bytes());
    let header = format!("X-LightningEnable-Signature: {bare}");
    for extra in [&[][..], &["--allow-legacy"][..]] {
        let mut args = vec!["--header", header.as_str()];
        args.extend_from_slice(extra);
        let out = verify(&f, &args);
        assert_eq!(out.status.code(), Some(20), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("malformed signature"),
            "{}",
            stderr_of(&out)
        );
        assert!(stdout_of(&out).is_empty());
    }

    let (listener, addr, stderr) = start_listen(&f.env, &f.secret, &["--json", "--allow-legacy"]);
    assert_eq!(
        post(addr, &[("X-LightningEnable-Signature", &bare)], BODY),
        400
    );
    // Beside a genuine legacy header too: the current header, present, decides.
    assert_eq!(
        post(
            addr,
            &[
                ("X-LightningEnable-Signature", &bare),
                ("X-Gateway-Signature", &bare)
            ],
            BODY
        ),
        400
    );
    let (lines, _) = stop(listener, stderr);
    assert_eq!(lines.len(), 2, "{lines:?}");
    for l in &lines {
        assert_eq!(l["valid"], false, "{l}");
        assert!(reason(l).contains("malformed signature"), "{l}");
        assert!(l["repeatOf"].is_null(), "{l}");
    }
}

/// X-Gateway-Signature signs no time: alone, it counts only with --allow-legacy, in
/// `verify` and in `listen` alike; without it a genuine one is told apart from a forgery.
#[test]
fn a_legacy_signature_alone_counts_only_with_allow_legacy_in_verify_and_listen() {
    let f = files("whsec_old", BODY);
    let legacy = python_hmac("whsec_old", BODY.as_bytes());
    let forged = python_hmac("not_the_secret", BODY.as_bytes());
    let header = format!("X-Gateway-Signature: {legacy}");
    let out = verify(&f, &["--header", &header]);
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("only with --allow-legacy"));
    let out = verify(&f, &["--header", &header, "--allow-legacy"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("valid signature (X-Gateway-Signature)"));
    let out = verify(
        &f,
        &[
            "--header",
            &format!("X-Gateway-Signature: {forged}"),
            "--allow-legacy",
        ],
    );
    assert_eq!(out.status.code(), Some(20));

    let (listener, addr, stderr) = start_listen(&f.env, &f.secret, &["--json"]);
    assert_eq!(post(addr, &[("X-Gateway-Signature", &legacy)], BODY), 400);
    assert_eq!(post(addr, &[("X-Gateway-Signature", &forged)], BODY), 400);
    let (lines, _) = stop(listener, stderr);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|l| l["valid"] == false), "{lines:?}");
    assert!(reason(&lines[0]).contains("--allow-legacy"), "{}", lines[0]);
    assert!(
        reason(&lines[1]).contains("bad signature"),
        "a forgery is not a genuine legacy signature: {}",
        lines[1]
    );

    let (listener, addr, stderr) = start_listen(&f.env, &f.secret, &["--json", "--allow-legacy"]);
    assert_eq!(post(addr, &[("X-Gateway-Signature", &forged)], BODY), 400);
    assert_eq!(post(addr, &[("X-Gateway-Signature", &legacy)], BODY), 200);
    let (lines, _) = stop(listener, stderr);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["valid"], false);
    assert!(reason(&lines[0]).contains("bad signature"), "{}", lines[0]);
    assert_eq!(lines[1]["valid"], true, "{}", lines[1]);
    assert_eq!(lines[1]["scheme"], "X-Gateway-Signature");
}

/// The age limit always applies to the current scheme, in both directions, and cannot be
/// turned off: `--tolerance 0` is a usage error.
#[test]
fn a_current_signature_out_of_its_time_is_refused_by_verify_and_listen() {
    let f = files("whsec_time", BODY);
    let old = current_sig("whsec_time", BODY, -400);
    let future = current_sig("whsec_time", BODY, 400);
    let fresh = current_sig("whsec_time", BODY, -10);
    for (sig, says) in [(&old, "s old"), (&future, "in the future")] {
        let out = verify(&f, &["--signature", sig]);
        assert_eq!(out.status.code(), Some(20), "{sig}");
        assert!(
            stderr_of(&out).contains(says) && stderr_of(&out).contains("tolerance of 300 s"),
            "{}",
            stderr_of(&out)
        );
        // A window given wide enough takes it.
        let out = verify(&f, &["--signature", sig, "--tolerance", "600"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    }
    assert_eq!(verify(&f, &["--signature", &fresh]).status.code(), Some(0));

    for command in ["verify", "listen"] {
        let mut le = f.env.le();
        le.args(["webhook", command, "--secret-file"])
            .arg(&f.secret)
            .args(["--tolerance", "0"]);
        if command == "verify" {
            le.args(["--signature", &old]).arg(&f.payload);
        } else {
            le.args(["--port", "0"]);
        }
        let out = le.timeout(Duration::from_secs(10)).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("number of seconds"),
            "{command}: {}",
            stderr_of(&out)
        );
    }

    let (listener, addr, stderr) = start_listen(&f.env, &f.secret, &["--json"]);
    assert_eq!(
        post(addr, &[("X-LightningEnable-Signature", &old)], BODY),
        400
    );
    assert_eq!(
        post(addr, &[("X-LightningEnable-Signature", &future)], BODY),
        400
    );
    let (lines, _) = stop(listener, stderr);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(reason(&lines[0]).contains("s old, beyond the tolerance of 300 s"));
    assert!(reason(&lines[1]).contains("in the future, beyond the tolerance"));
}

/// Where `le webhook listen` keeps what it has seen, under the test's XDG_DATA_HOME.
fn listen_state(env: &Env) -> std::path::PathBuf {
    env.path("xdg-data").join("le").join("webhook-listen")
}

fn seconds_of(v: &Value) -> i64 {
    v.as_str()
        .and_then(|s| s.parse::<jiff::Timestamp>().ok())
        .unwrap_or_else(|| panic!("not a time: {v}"))
        .as_second()
}

/// A captured delivery replayed to a listener, under its id or another, or signed afresh,
/// is refused with 409 and named a repeat, and still is after the listener restarts.
#[test]
fn a_replayed_delivery_is_refused_even_after_the_listener_restarts() {
    let env = Env::new();
    let secret = env.write("secret", "whsec_replay\n");
    let body = r#"{"event":"payment.completed","data":{"invoiceId":"inv_replay"}}"#;
    let sig = current_sig("whsec_replay", body, 0);
    let delivery = |id: &'static str, sig: &str| {
        vec![
            ("X-LightningEnable-Delivery", id),
            ("X-LightningEnable-Signature", sig),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect::<Vec<_>>()
    };
    let send = |addr, h: &[(&str, String)], body: &str| {
        let h: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post(addr, &h, body)
    };

    let (listener, addr, stderr) = start_listen(&env, &secret, &["--json"]);
    assert_eq!(send(addr, &delivery("evt_1", &sig), body), 200);
    assert_eq!(send(addr, &delivery("evt_1", &sig), body), 409);
    // The id is covered by no signature: the same body under another id is the same event.
    assert_eq!(send(addr, &delivery("evt_other", &sig), body), 409);
    // A retry is signed afresh, with the same id: still the delivery already taken.
    let resigned = current_sig("whsec_replay", body, 1);
    assert_eq!(send(addr, &delivery("evt_1", &resigned), body), 409);
    let (lines, _) = stop(listener, stderr);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[0]["valid"], true, "{}", lines[0]);
    assert!(lines[0]["repeatOf"].is_null());
    let first = seconds_of(&lines[0]["receivedAt"]);
    for l in &lines[1..] {
        assert_eq!(l["valid"], false, "{l}");
        assert!(reason(l).contains("repeat"), "{l}");
        assert_eq!(seconds_of(&l["repeatOf"]), first, "{l}");
    }

    let state = listen_state(&env).join("seen.json");
    assert!(state.is_file(), "{} was not written", state.display());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&state).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    // Nothing a sender chose is written there as it was sent.
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(
        !text.contains("evt_1") && !text.contains("inv_replay"),
        "{text}"
    );

    // Restarted on the same state: the replay is still known, a new delivery is not.
    let (listener, addr, stderr) = start_listen(&env, &secret, &["--json"]);
    assert_eq!(send(addr, &delivery("evt_1", &sig), body), 409);
    let other = r#"{"event":"payment.completed","data":{"invoiceId":"inv_next"}}"#;
    let other_sig = current_sig("whsec_replay", other, 0);
    assert_eq!(send(addr, &delivery("evt_2", &other_sig), other), 200);
    let (lines, err) = stop(listener, stderr);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["valid"], false, "{}", lines[0]);
    assert_eq!(seconds_of(&lines[0]["repeatOf"]), first, "{}", lines[0]);
    assert_eq!(lines[1]["valid"], true, "{}", lines[1]);
    assert!(!err.contains("warning"), "{err}");
}

/// `X-LightningEnable-Delivery` is covered by no signature, so the repeat check does not
/// key on it: a captured delivery replayed under another id, or with none, is still
/// flagged as a repeat (or refused).
#[test]
fn listen_flags_a_replay_whatever_delivery_id_it_carries() {
    let env = Env::new();
    let secret = env.write("secret", "whsec_l");
    let (listener, addr, stderr) = start_listen(&env, &secret, &["--json"]);
    let body = r#"{"event":"payment.completed","data":{"invoiceId":"inv_r"}}"#;
    let sig = current_sig("whsec_l", body, 0);
    let deliver = |id: Option<&str>| {
        let mut h = vec![("X-LightningEnable-Signature", sig.as_str())];
        if let Some(id) = id {
            h.push(("X-LightningEnable-Delivery", id));
        }
        post(addr, &h, body)
    };
    assert_eq!(deliver(Some("evt_1")), 200);
    deliver(Some("evt_attacker"));
    deliver(None);
    let (lines, _) = stop(listener, stderr);
    assert_eq!(lines.len(), 3, "{lines:?}");
    for l in &lines[1..] {
        assert!(
            l["repeatOf"].is_string() || l["valid"] == false,
            "the same signed delivery again passes as new: {l}"
        );
    }
}

/// Two listeners on one state directory share what they saw, and neither loses what the
/// other wrote, however their deliveries interleave.
#[test]
fn two_listeners_on_one_state_refuse_each_others_replays() {
    let env = Env::new();
    let secret = env.write("secret", "whsec_two");
    let (a, addr_a, err_a) = start_listen(&env, &secret, &["--json"]);
    let (b, addr_b, err_b) = start_listen(&env, &secret, &["--json"]);
    let deliveries: Vec<(String, String)> = (0..12)
        .map(|i| {
            let body =
                format!(r#"{{"event":"payment.completed","data":{{"invoiceId":"inv_{i}"}}}}"#);
            let sig = current_sig("whsec_two", &body, 0);
            (body, sig)
        })
        .collect();
    // Each delivery to one of them, all at once.
    std::thread::scope(|s| {
        for (i, (body, sig)) in deliveries.iter().enumerate() {
            let addr = if i % 2 == 0 { addr_a } else { addr_b };
            s.spawn(move || {
                assert_eq!(
                    post(addr, &[("X-LightningEnable-Signature", sig)], body),
                    200
                );
            });
        }
    });
    // Each replayed to the other.
    for (i, (body, sig)) in deliveries.iter().enumerate() {
        let addr = if i % 2 == 0 { addr_b } else { addr_a };
        assert_eq!(
            post(addr, &[("X-LightningEnable-Signature", sig)], body),
            409,
            "delivery {i} was forgotten"
        );
    }
    let (lines_a, _) = stop(a, err_a);
    let (lines_b, _) = stop(b, err_b);
    assert_eq!(lines_a.len() + lines_b.len(), 24);
}

/// What listen keeps is a convenience: a state file that cannot be read is said once, as a
/// warning, and listen goes on, remembering what it sees from then on.
#[test]
fn a_damaged_state_file_is_a_warning_and_listen_still_works() {
    let body = r#"{"event":"payment.completed","data":{"invoiceId":"inv_damaged"}}"#;
    for damage in ["garbage", "a directory"] {
        let env = Env::new();
        let secret = env.write("secret", "whsec_damaged");
        let state = listen_state(&env);
        std::fs::create_dir_all(&state).unwrap();
        let file = state.join("seen.json");
        if damage == "garbage" {
            std::fs::write(&file, b"{\"version\":1,\"seen\":[\x00\xff").unwrap();
        } else {
            std::fs::create_dir(&file).unwrap();
        }
        let (listener, addr, mut stderr) = start_listen(&env, &secret, &[]);
        let sig = current_sig("whsec_damaged", body, 0);
        assert_eq!(
            post(addr, &[("X-LightningEnable-Signature", &sig)], body),
            200
        );
        assert_eq!(
            post(addr, &[("X-LightningEnable-Signature", &sig)], body),
            409,
            "{damage}: a repeat is still caught"
        );
        interrupt(&listener);
        let out = listener.wait_with_output().unwrap();
        let mut err = String::new();
        stderr.read_to_string(&mut err).unwrap();
        assert!(
            err.contains("warning:") && err.contains("seen.json"),
            "{damage}: {err}"
        );
        let text = stdout_of(&out);
        assert!(text.contains("✓ valid"), "{damage}: {text}");
        assert!(text.contains("repeat"), "{damage}: {text}");
        if damage == "garbage" {
            // Rewritten whole on the first delivery.
            let v: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
            assert!(v["seen"].is_array(), "{v}");
        }
    }
}

/// The API sends both signatures. Under `--allow-legacy`, a delivery once accepted could
/// come back later with `X-Gateway-Signature` alone, which carries no time: it is still
/// known then, however long after the current signature stopped passing. (Here a
/// second listener on the same state, with a shorter tolerance, stands for the time
/// gone by: the current signature's 100 s are past its 50.)
#[test]
fn under_allow_legacy_a_delivery_is_known_after_its_current_signature_aged() {
    let f = files("whsec_both", BODY);
    let legacy = python_hmac("whsec_both", BODY.as_bytes());
    let current = current_sig("whsec_both", BODY, -100);
    let (listener, addr, stderr) = start_listen(
        &f.env,
        &f.secret,
        &["--json", "--allow-legacy", "--tolerance", "300"],
    );
    let both = [
        ("X-LightningEnable-Signature", current.as_str()),
        ("X-Gateway-Signature", legacy.as_str()),
    ];
    assert_eq!(post(addr, &both, BODY), 200);
    stop(listener, stderr);
    let (listener, addr, stderr) = start_listen(
        &f.env,
        &f.secret,
        &["--json", "--allow-legacy", "--tolerance", "50"],
    );
    // The current signature alone no longer passes; the legacy one alone still would.
    assert_eq!(post(addr, &[("X-Gateway-Signature", &legacy)], BODY), 409);
    let (lines, _) = stop(listener, stderr);
    assert_eq!(lines[0]["valid"], false, "{}", lines[0]);
    assert!(lines[0]["repeatOf"].is_string(), "{}", lines[0]);
}
