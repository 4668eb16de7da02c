//! `le login`, `le config` and `le doctor`.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::*;

const GOOD: &str = "le_merchant_goodkey0123456789";

/// A file's Unix permission bits; on other systems, the owner-only mode `le` asks for,
/// which they do not have.
fn mode(p: &std::path::Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        assert!(p.exists());
        0o600
    }
}

/// Makes a file readable by everyone (`true`) or by its owner only.
#[cfg(unix)]
fn shared(p: &std::path::Path, everyone: bool) {
    use std::os::unix::fs::PermissionsExt;
    let m = if everyone { 0o644 } else { 0o600 };
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

#[test]
fn login_stores_a_checked_key_privately_and_le_uses_it() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off", "--api-key", GOOD]);
    // A key the API refuses is not stored.
    env.le()
        .args([
            "--base-url",
            &served.url,
            "--profile",
            "shop",
            "login",
            "--with-key",
            "-",
        ])
        .write_stdin("le_merchant_wrongkey99999999\n")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("nothing was stored"));
    assert!(!env.path("config.toml").exists());
    env.le()
        .args([
            "--base-url",
            &served.url,
            "--profile",
            "shop",
            "login",
            "--with-key",
            "-",
        ])
        .write_stdin(format!("{GOOD}\n"))
        .assert()
        .success()
        .stderr(predicate::str::contains("stored the key for profile shop"));
    let key = env.path("shop.key");
    assert_eq!(std::fs::read_to_string(&key).unwrap().trim(), GOOD);
    assert_eq!(mode(&key), 0o600);
    assert_eq!(mode(&env.path("config.toml")), 0o600);
    // From now on, plain commands use the profile, its URL and its key.
    env.le()
        .args([
            "--json",
            "create",
            "--order",
            "LOGIN-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .assert()
        .success();
    // Never from argv; and no terminal means no prompt.
    env.le()
        .args(["login", "--with-key", GOOD])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("shell history"));
    env.le()
        .args(["login"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--with-key -"));
    env.le()
        .args(["--profile", "pm", "login", "--key-command", "pass show le"])
        .assert()
        .success();
    let text = std::fs::read_to_string(env.path("config.toml")).unwrap();
    assert!(
        text.contains("[profiles.pm]") && text.contains("api_key_command = \"pass show le\""),
        "{text}"
    );
}

#[test]
fn config_set_keeps_comments_and_refuses_bad_values() {
    let env = Env::new();
    env.write("config.toml", "# my shop\ndefault_profile = \"live\"\n\n[profiles.live]\n# the real one\nbase_url = \"https://api.lightningenable.com\"\n");
    env.le()
        .args(["config", "set", "request_timeout", "45s"])
        .assert()
        .success();
    env.le()
        .args(["config", "set", "api_key_env", "LE_LIVE_KEY"])
        .assert()
        .success();
    env.le()
        .args(["--profile", "test", "config", "set", "base_url", "sandbox"])
        .assert()
        .success();
    let text = std::fs::read_to_string(env.path("config.toml")).unwrap();
    assert!(
        text.contains("# my shop") && text.contains("# the real one"),
        "{text}"
    );
    assert!(
        text.contains("request_timeout = \"45s\"") && text.contains("[profiles.test]"),
        "{text}"
    );
    for (args, says) in [
        (
            vec!["config", "set", "request_timeout", "soon"],
            "not a duration",
        ),
        (
            vec!["config", "set", "base_url", "http://10.0.0.1"],
            "plain http",
        ),
        (vec!["config", "set", "network", "moon"], "unknown network"),
        (
            vec!["config", "set", "payee_pubkeys", "abc"],
            "not a compressed public key",
        ),
        (
            vec!["config", "set", "api_key_env", "1BAD"],
            "not an environment variable name",
        ),
        (
            vec!["config", "set", "colour", "red"],
            "unknown key 'colour'",
        ),
        (
            vec!["config", "set", "request_timeout", "0s"],
            "must be more than 0",
        ),
        (
            vec!["config", "set", "default_profile", "tset"],
            "no [profiles.tset]",
        ),
    ] {
        env.le()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    env.le()
        .args(["config", "unset", "request_timeout"])
        .assert()
        .success();
    let text = std::fs::read_to_string(env.path("config.toml")).unwrap();
    assert!(!text.contains("request_timeout"));
    assert!(text.contains("default_profile = \"live\""), "{text}");
    env.le()
        .args(["config", "set", "default_profile", "test"])
        .assert()
        .success();
    // A zero written by hand is named where it is.
    env.write(
        "config.toml",
        "[profiles.p]\nbase_url = \"sandbox\"\nrequest_timeout = \"0s\"\n",
    );
    env.le()
        .args(["--profile", "p", "rates"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "request_timeout in profile p must be more than 0",
        ));
    env.le()
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(predicate::str::contains("config.toml"));
}

#[test]
fn config_show_says_where_each_setting_comes_from() {
    let env = Env::new();
    let key = env.write("live.key", GOOD);
    env.write(
        "config.toml",
        &format!("default_profile = \"live\"\n[profiles.live]\nbase_url = \"https://api.lightningenable.com\"\napi_key_file = \"{}\"\n", key.display()),
    );
    let out = env.le().args(["config", "show"]).output().unwrap();
    let text = stdout_of(&out);
    for want in [
        "default_profile in the config file",
        "profile base_url",
        "le_merchant_…(redacted)",
        "profile api_key_file",
        "bitcoin",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    assert!(!text.contains(GOOD));
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "le_merchant_fromenv123456")
        .env("LE_BASE_URL", "http://127.0.0.1:9")
        .args(["--json", "config", "show", "--request-timeout", "5s"])
        .output()
        .unwrap();
    let j = parse_json(&out.stdout);
    assert_eq!(j["base_url"]["from"], "environment $LE_BASE_URL");
    assert_eq!(j["api_key"]["from"], "environment $LIGHTNING_API_KEY");
    assert_eq!(j["request_timeout"]["from"], "flag --request-timeout");
    // No guess from the host name: a loopback URL may be a tunnel to the hosted API.
    assert!(
        j["network"]["value"]
            .as_str()
            .unwrap()
            .starts_with("bitcoin (mainnet)"),
        "{j}"
    );
    assert!(!stdout_of(&out).contains("fromenv123456"));
    let out = env
        .le()
        .env("LE_NETWORK", "regtest")
        .args(["--json", "config", "show"])
        .output()
        .unwrap();
    let j = parse_json(&out.stdout);
    assert_eq!(j["network"]["value"], "regtest");
    assert_eq!(j["network"]["from"], "environment $LE_NETWORK");
}

#[test]
fn doctor_passes_fails_and_says_why() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off", "--api-key", GOOD]);
    let key = env.write("k", GOOD);
    let out = env
        .le()
        .arg("--api-key-file")
        .arg(&key)
        .args(["--base-url", &served.url, "doctor"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout_of(&out));
    for want in ["✓ reach", "✓ clock", "✓ key accepted", "in step with"] {
        assert!(
            stdout_of(&out).contains(want),
            "{want:?}:\n{}",
            stdout_of(&out)
        );
    }
    // A refused key: exit 4.
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "le_merchant_refused0000000")
        .args(["--base-url", &served.url, "--json", "doctor"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let j = parse_json(&out.stdout);
    assert_eq!(j["ok"], false);
    // Nothing there: exit 3.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    env.le()
        .arg("--api-key-file")
        .arg(&key)
        .args(["--base-url", &format!("http://127.0.0.1:{port}"), "doctor"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("✗ reach"));
    // A key file others can read fails the check.
    #[cfg(unix)]
    {
        shared(&key, true);
        env.le()
            .arg("--api-key-file")
            .arg(&key)
            .args(["--base-url", &served.url, "doctor"])
            .assert()
            .code(4)
            .stdout(predicate::str::contains("readable by other users"));
        shared(&key, false);
    }
    // A server whose clock is an hour off.
    let mut body = std::collections::HashMap::new();
    body.insert("status", "healthy");
    let skewed = Scripted::always(
        Step::json(200, &serde_json::to_string(&body).unwrap()).with_header(
            "Date",
            &jiff::Timestamp::now()
                .checked_sub(jiff::SignedDuration::from_hours(1))
                .unwrap()
                .strftime("%a, %d %b %Y %H:%M:%S GMT")
                .to_string(),
        ),
    );
    let out = env
        .le()
        .arg("--api-key-file")
        .arg(&key)
        .args(["--base-url", &skewed.url(), "doctor"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stdout_of(&out));
    // The Date header was written a moment ago: an hour off, give or take a second.
    let text = stdout_of(&out);
    let secs: i64 = text
        .split(" s ahead of")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{text}"));
    assert!((3595..=3610).contains(&secs), "{text}");
    // No key at all, on the sandbox: passes.
    env.le().args(["--sandbox", "doctor"]).assert().success();
}

/// A server that answers 404 to everything (a mistyped base URL, a web site) is not the
/// API accepting the key: `doctor` fails its "key accepted" check and exits non-zero.
#[test]
fn doctor_does_not_take_any_404_for_an_accepted_key() {
    let env = Env::new();
    let server = Scripted::always(Step::Reply {
        status: 404,
        headers: vec![("Content-Type".into(), "text/html".into())],
        body: b"<html><title>404 Not Found</title></html>".to_vec(),
    });
    let out = le_at(&env, &server.url(), &["--json", "doctor"]);
    let report = parse_json(&out.stdout);
    let accepted = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "key accepted")
        .cloned()
        .unwrap_or(Value::Null);
    assert!(
        out.status.code() != Some(0) && accepted["ok"] != true,
        "{report}"
    );
}

/// What the API says goes on one line of `doctor`'s report, whatever line breaks it holds:
/// a server cannot add a check of its own.
#[test]
fn doctor_keeps_a_server_s_words_on_one_line() {
    let env = Env::new();
    let server = Scripted::with(|req, _| {
        if req.path == "/api/merchant/me" {
            Step::json(
                200,
                r#"{"merchantId":7,"name":"Shop\n\u2713 payouts       ready, 12 BTC\n\u001b[31mred","isActive":true,"plan":"pro","subscriptionStatus":"active"}"#,
            )
        } else {
            Step::json(404, r#"{"error":"Not found","code":"NOT_FOUND"}"#)
        }
    });
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "doctor"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("Shop\\n"), "{text}");
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("✓ payouts")),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "{text}");
}

/// An account the API refuses (403 MERCHANT_INACTIVE from /api/merchant/me): doctor's
/// hint names a command that reaches the same API, never a `{le}` placeholder.
#[test]
fn doctor_s_account_hint_is_a_command_that_works() {
    let env = Env::new();
    let server = Scripted::always(Step::json(
        403,
        r#"{"error":"Forbidden","message":"Merchant inactive","code":"MERCHANT_INACTIVE"}"#,
    ));
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "doctor"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("✗ account"), "{text}");
    assert!(!text.contains("{le}"), "{text}");
    assert!(
        text.contains(&format!("le --base-url {} sandbox account", server.url())),
        "{text}"
    );
}

/// A config file that does not parse: doctor shows the parser's excerpt as the lines it
/// is, indented under the check, with what the file holds escaped.
#[test]
fn doctor_shows_a_broken_config_file_line_by_line() {
    let env = Env::new();
    env.write("config.toml", "x = \"\u{1b}[31mred\"\n");
    let out = env.le().args(["doctor"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stdout_of(&out));
    let text = stdout_of(&out);
    assert!(!text.contains("\\n") && !text.contains('\u{1b}'), "{text}");
    let excerpt = text
        .lines()
        .find(|l| l.contains("1 | x = "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(excerpt.starts_with("                1 | "), "{text}");
}

/// A mistyped base URL (a web site's 404, a redirect to a login page, a 200 for any path)
/// is not the API taking the key: nothing is stored, and the message says what to check.
/// A failing API (5xx) only leaves the key unchecked.
#[test]
fn login_stores_nothing_for_a_server_that_is_not_the_api() {
    let env = Env::new();
    let not_the_api = [
        Step::Reply {
            status: 404,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: b"<html><title>404 Not Found</title></html>".to_vec(),
        },
        Step::Reply {
            status: 302,
            headers: vec![("Location".into(), "https://example.com/login".into())],
            body: Vec::new(),
        },
        Step::json(200, r#"{"ok":true}"#),
    ];
    for step in not_the_api {
        let server = Scripted::always(step);
        let out = env
            .le()
            .args(["--base-url", &server.url(), "login", "--with-key", "-"])
            .write_stdin(format!("{GOOD}\n"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(
            err.contains("does not answer like the API") && err.contains("nothing was stored"),
            "{err}"
        );
        assert!(!env.path("config.toml").exists());
    }
    let failing = Scripted::always(Step::json(
        503,
        r#"{"code":"UNAVAILABLE","message":"down for maintenance"}"#,
    ));
    let out = env
        .le()
        .args([
            "--base-url",
            &failing.url(),
            "--request-timeout",
            "2s",
            "login",
            "--with-key",
            "-",
        ])
        .write_stdin(format!("{GOOD}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("storing it anyway"));
}
