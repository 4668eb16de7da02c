//! What le checks and what it trusts: the expected network, what a failed check hides
//! and what it only warns about, turning checks off; and secrets, in every output and
//! every file.

use serde_json::{Value, json};

use crate::common::*;

#[test]
fn a_loopback_url_is_not_taken_for_a_regtest_sandbox() {
    let env = Env::new();
    // An SSH tunnel or a CI stand-in for the hosted API: on 127.0.0.1, mainnet invoices.
    let server = Scripted::with(|req, _| asked_payment(req, "paid"));
    for args in [vec!["watch", "inv_1"], vec!["get", "inv_1"]] {
        let out = le_at(&env, &server.url(), &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        assert!(!stderr_of(&out).contains("warning"), "{}", stderr_of(&out));
    }
    let unpaid = Scripted::with(|req, _| asked_payment(req, "unpaid"));
    let out = le_at(&env, &unpaid.url(), &["get", "inv_1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("\nlnbc"), "the invoice is shown");
    // The network can be named: flag, environment, profile.
    let out = le_at(
        &env,
        &unpaid.url(),
        &["--network", "regtest", "get", "inv_1"],
    );
    assert_eq!(out.status.code(), Some(20));
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .env("LE_NETWORK", "testnet")
        .args(["--base-url", &unpaid.url(), "get", "inv_1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(20));
    assert!(
        stderr_of(&out).contains("but testnet (lntb…) is expected"),
        "{}",
        stderr_of(&out)
    );
    // A served sandbox says what its invoices are for.
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &served.url,
            "create",
            "--order",
            "N-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn a_wrong_invoice_of_an_unpaid_payment_is_hidden_and_named_others_only_warn() {
    let env = Env::new();
    let regtest_invoice = mint_invoice_on(
        lightning_invoice::Currency::Regtest,
        &test_node_key(),
        49_990_000,
        jiff::Timestamp::now().as_second() as u64,
        3600,
        false,
    );
    let with = |status: &str| {
        let mut p: Value = serde_json::from_str(&payment_body("inv_w", status)).unwrap();
        p["lightningInvoice"] = json!(regtest_invoice);
        Scripted::always(Step::json(200, &p.to_string()))
    };
    let unpaid = with("unpaid");
    let out = le_at(&env, &unpaid.url(), &["get", "inv_w"]);
    assert_eq!(out.status.code(), Some(20));
    let err = stderr_of(&out);
    assert!(
        err.contains("inv_w") && err.contains("ORDER-1") && err.contains("unpaid"),
        "{err}"
    );
    assert!(stdout_of(&out).is_empty(), "nothing of it is shown");
    let out = le_at(&env, &unpaid.url(), &["--json", "get", "inv_w"]);
    let e = parse_json(&out.stderr);
    assert_eq!(e["error"]["code"], "INVOICE_MISMATCH");
    assert_eq!(
        e["error"]["details"]["payment"]["invoiceId"], "inv_w",
        "a script can find it"
    );
    // Paid, expired or refunded: nobody can pay it any more; a warning, and the payment.
    for status in ["paid", "expired", "refunded"] {
        let server = with(status);
        let out = le_at(&env, &server.url(), &["get", "inv_w"]);
        assert_eq!(out.status.code(), Some(0), "{status}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("warning:"),
            "{status}: {}",
            stderr_of(&out)
        );
        assert!(stdout_of(&out).contains("inv_w"));
    }
    let out = le_at(&env, &with("paid").url(), &["watch", "inv_w"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

/// A create the API has just made cannot already be paid, refunded or underpaid, so
/// the status it claims does not turn a failed invoice check into a warning: exit 20,
/// and `--json` never hands the invoice that failed the check to the script.
#[test]
fn a_fresh_create_cannot_escape_the_invoice_check_by_its_status() {
    let env = Env::new();
    for status in ["paid", "refunded", "underpaid"] {
        // The order is A-1 (below); reads of the payment answer as the create did.
        let created = jiff::Timestamp::now().as_second() as u64;
        let mut p: Value =
            serde_json::from_str(&payment_of("inv_1", "A-1", "10", "USD", status)).unwrap();
        // The invoice asks for twice what the payment says.
        p["lightningInvoice"] = json!(mint_invoice(
            &test_node_key(),
            20_000_000,
            created,
            3600,
            false
        ));
        let server = Scripted::with(move |req, _| {
            Step::json(if req.method == "POST" { 201 } else { 200 }, &p.to_string())
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

#[test]
fn the_docs_placeholder_invoice_is_not_valid_and_create_names_what_it_made() {
    let env = Env::new();
    let server = Scripted::with(|req, _| {
        let b = req.json();
        let mut p: Value = serde_json::from_str(&payment_of(
            "inv_made",
            b["orderId"].as_str().unwrap(),
            &b["amount"].to_string(),
            "USD",
            "unpaid",
        ))
        .unwrap();
        p["lightningInvoice"] = json!("lnbc1250000n1pnxyz...");
        Step::json(201, &p.to_string())
    });
    let out = le_at(
        &env,
        &server.url(),
        &[
            "create",
            "--order",
            "PH-1",
            "--amount",
            "12.50",
            "--currency",
            "USD",
        ],
    );
    assert_eq!(out.status.code(), Some(20));
    let err = stderr_of(&out);
    assert!(err.contains("not a valid BOLT11 invoice"), "{err}");
    assert!(!err.contains("does not agree"), "{err}");
    assert!(err.contains("inv_made") && err.contains("PH-1"), "{err}");
    let out = le_at(
        &env,
        &server.url(),
        &[
            "--json",
            "create",
            "--order",
            "PH-1",
            "--amount",
            "12.50",
            "--currency",
            "USD",
        ],
    );
    let e = parse_json(&out.stderr);
    assert_eq!(e["error"]["code"], "INVALID_INVOICE");
    assert_eq!(e["error"]["details"]["payment"]["invoiceId"], "inv_made");
}

#[test]
fn checks_can_be_turned_off_by_profile_and_environment_and_say_so_once() {
    let env = Env::new();
    let server = Scripted::always(Step::json(200, &{
        let mut p: Value = serde_json::from_str(&payment_body("inv_1", "unpaid")).unwrap();
        p["amountSats"] = json!(1);
        p.to_string()
    }));
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .env("LE_NO_VERIFY", "1")
        .args(["--base-url", &server.url(), "get", "inv_1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        stderr_of(&out).matches("invoice checks are off").count(),
        1,
        "{}",
        stderr_of(&out)
    );
    assert!(stderr_of(&out).contains("LE_NO_VERIFY"));
    env.write(
        "config.toml",
        &format!(
            "[profiles.lax]\nbase_url = \"{}\"\nverify = false\n",
            server.url()
        ),
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--profile", "lax", "watch", "inv_1", "--timeout", "1s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11), "{}", stderr_of(&out));
    assert_eq!(
        stderr_of(&out).matches("invoice checks are off").count(),
        1,
        "{}",
        stderr_of(&out)
    );
    assert!(stderr_of(&out).contains("profile verify"));
}

const ECHOED: &str = "le_merchant_echo0123456789";

#[test]
fn a_key_echoed_anywhere_by_a_server_never_reaches_any_output() {
    let env = Env::new();
    let k = ECHOED;
    let answers = vec![
        Step::json(
            400,
            &format!(
                r#"{{"code":"BAD_{k}","message":"key {k} refused","correlationId":"c-{k}","details":{{"key":"{k}"}}}}"#
            ),
        ),
        Step::json(500, &format!(r#"{{"title":"Oops","traceId":"t-{k}"}}"#)),
        Step::json(404, r#"{"code":"SETTLEMENT_NOT_FOUND","message":"no"}"#)
            .with_header("X-Correlation-Id", &format!("x-{k}")),
        Step::Reply {
            status: 302,
            headers: vec![("Location".into(), format!("https://evil.example/?k={k}"))],
            body: Vec::new(),
        },
        Step::json(
            401,
            &format!(r#"{{"code":"INVALID_API_KEY","message":"Invalid API key {k}"}}"#),
        ),
    ];
    for step in answers {
        let server = Scripted::always(step);
        let mut runs = Vec::new();
        for args in [
            vec!["--verbose", "get", "inv_1"],
            vec!["--json", "--verbose", "get", "inv_1"],
            vec!["doctor"],
            vec!["--json", "doctor"],
        ] {
            runs.push(
                env.le()
                    .env("LIGHTNING_API_KEY", k)
                    .args(["--base-url", &server.url()])
                    .args(&args)
                    .output()
                    .unwrap(),
            );
        }
        runs.push(
            env.le()
                .args(["--base-url", &server.url(), "login", "--with-key", "-"])
                .write_stdin(format!("{k}\n"))
                .output()
                .unwrap(),
        );
        for out in runs {
            for stream in [&out.stdout, &out.stderr] {
                let text = String::from_utf8_lossy(stream);
                assert!(
                    !text.contains("echo0123456789"),
                    "the key was shown:\n{text}"
                );
            }
        }
    }
}

/// A key longer than the 60 characters `printable` keeps, echoed by a proxy's plain-text
/// error or in a redirect's Location: the text shown is cut short, and what is left of
/// the key in it is scrubbed as the whole key would be.
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
    // A redirect whose Location carries the key: the Location is cut at 60 characters,
    // and the part of the key left in it is scrubbed too.
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

#[test]
fn redaction_never_garbles_a_message() {
    let env = Env::new();
    let server = Scripted::always(Step::json(
        400,
        r#"{"code":"INVALID_AMOUNT","message":"Invalid amount: a must be greater than 0"}"#,
    ));
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "a")
        .args(["--base-url", &server.url(), "get", "inv_1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr_of(&out).contains("Invalid amount: a must be greater than 0"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn dry_run_and_curl_need_no_key_and_send_nothing_from_any_command() {
    let env = Env::new();
    let server = Scripted::always(Step::json(500, "{}"));
    let secret = env.write("secret", "whsec_x");
    let url = server.url();
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "create",
            "--order",
            "D-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ],
        vec!["get", "inv_1"],
        vec!["watch", "inv_1"],
        vec![
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
        ],
        vec!["doctor"],
        vec!["login", "--with-key", "-"],
        vec![
            "webhook",
            "send",
            "--to",
            &url,
            "--event",
            "payment.completed",
            "--secret-file",
            secret.to_str().unwrap(),
        ],
    ];
    for flag in ["--dry-run", "--curl"] {
        for args in &commands {
            let out = env
                .le()
                .args(["--base-url", &url, flag])
                .args(args)
                .write_stdin("le_merchant_piped0123456789\n")
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{flag} {args:?}: {}",
                stderr_of(&out)
            );
            assert!(
                !stdout_of(&out).is_empty(),
                "{flag} {args:?} showed nothing"
            );
        }
    }
    assert!(server.seen().is_empty(), "sent: {:?}", server.seen());
    assert!(
        !env.path("config.toml").exists(),
        "login --dry-run stored nothing"
    );
    // --curl with a key from a file: the line reads $LIGHTNING_API_KEY, so le says how.
    let key = env.write("live.key", "le_merchant_filekey0123456789\n");
    env.write(
        "config.toml",
        &format!(
            "[profiles.p]\nbase_url = \"{url}\"\napi_key_file = \"{}\"\n",
            key.display()
        ),
    );
    let out = env
        .le()
        .args(["--profile", "p", "--curl", "get", "inv_1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr_of(&out).contains("export LIGHTNING_API_KEY="),
        "{}",
        stderr_of(&out)
    );
    assert!(!stdout_of(&out).contains("filekey"));
    // What cannot show one request refuses, rather than run as if the flag were not
    // there: a server would answer requests and deliver webhooks.
    let secret = env.write("hook.secret", "whsec_dry\n");
    let refused: [Vec<&str>; 2] = [
        vec!["sandbox", "serve", "--addr", "127.0.0.1:0"],
        vec![
            "webhook",
            "listen",
            "--secret-file",
            secret.to_str().unwrap(),
            "--port",
            "0",
        ],
    ];
    for args in &refused {
        for flag in ["--dry-run", "--curl"] {
            let out = env
                .le()
                .arg(flag)
                .args(args)
                .timeout(std::time::Duration::from_secs(10))
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(2),
                "{flag} {args:?}: {}",
                stderr_of(&out)
            );
            assert!(
                stderr_of(&out).contains("--dry-run and --curl show"),
                "{}",
                stderr_of(&out)
            );
        }
    }
}

#[test]
fn profiles_never_share_a_key_file() {
    let env = Env::new();
    for (profile, key) in [
        ("shop.eu", "le_merchant_dotdotdot123456"),
        ("shop_eu", "le_merchant_underscore1234"),
    ] {
        env.le()
            .args([
                "--profile",
                profile,
                "login",
                "--no-check",
                "--with-key",
                "-",
            ])
            .write_stdin(format!("{key}\n"))
            .assert()
            .success();
    }
    let server = Scripted::with(|req, _| asked_payment(req, "paid"));
    for (profile, key) in [("shop.eu", "dotdotdot"), ("shop_eu", "underscore")] {
        env.le()
            .args([
                "--profile",
                profile,
                "--base-url",
                &server.url(),
                "get",
                "inv_1",
            ])
            .assert()
            .success();
        let sent = server
            .seen()
            .last()
            .unwrap()
            .header("x-api-key")
            .unwrap()
            .to_owned();
        assert!(sent.contains(key), "{profile} sent {sent}");
    }
}

#[cfg(unix)]
#[test]
fn files_le_writes_never_replace_devices_planted_files_or_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    // A temporary file planted where le used to write its own: never followed.
    let victim = env.write("victim", "precious");
    std::os::unix::fs::symlink(&victim, env.path("config.tmp")).unwrap();
    // The config file is a symlink into a dotfiles folder: written through, kept a link.
    std::fs::create_dir(env.path("dotfiles")).unwrap();
    let real = env.write("dotfiles/config.toml", "# mine\n");
    std::os::unix::fs::symlink(&real, env.path("config.toml")).unwrap();
    env.le()
        .args([
            "--profile",
            "x",
            "config",
            "set",
            "base_url",
            "https://api.lightningenable.com",
        ])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::symlink_metadata(env.path("config.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(
        text.contains("# mine") && text.contains("[profiles.x]"),
        "{text}"
    );
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // --qr-svg to a named pipe: written into, not replaced by a file.
    let fifo = env.path("qr.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let f = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read_to_string(f).unwrap_or_default());
    env.le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "FIFO-1",
            "--amount",
            "1",
            "--currency",
            "USD",
            "--qr-svg",
        ])
        .arg(&fifo)
        .assert()
        .success();
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(reader.join().unwrap().contains("<svg"));
}

#[cfg(unix)]
#[test]
fn the_sandbox_never_changes_the_mode_of_a_directory_it_is_given() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let project = env.path("project");
    std::fs::create_dir(&project).unwrap();
    std::fs::set_permissions(&project, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.le()
        .env("LE_SANDBOX_DIR", &project)
        .args([
            "--sandbox",
            "create",
            "--order",
            "M-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&project).unwrap().permissions().mode() & 0o777,
        0o755
    );
    let db = std::fs::metadata(project.join("sandbox.db")).unwrap();
    assert_eq!(
        db.permissions().mode() & 0o077,
        0,
        "its own files are private"
    );
    // A directory it makes is private.
    let fresh = env.path("fresh/state");
    env.le()
        .env("LE_SANDBOX_DIR", &fresh)
        .args(["--sandbox", "sandbox", "list"])
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
        0o700
    );
}
