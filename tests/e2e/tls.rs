//! https, as the hosted API speaks it: `le sandbox serve --tls` with a certificate of its
//! own, and `le --cacert` (or `LE_CACERT`, or a profile's `cacert`) trusting it.

use std::path::PathBuf;
use std::time::Duration;

use crate::common::*;

fn serve_tls(env: &Env, extra: &[&str]) -> (Served, PathBuf) {
    let mut args = vec!["--tls", "--rate-limit", "off"];
    args.extend_from_slice(extra);
    let s = Served::start(env, &args);
    assert!(s.url.starts_with("https://127.0.0.1:"), "{}", s.url);
    (s, env.sandbox_dir().join("tls").join("cert.pem"))
}

#[test]
fn le_speaks_https_to_a_served_sandbox_it_is_told_to_trust() {
    let env = Env::new();
    let (s, cert) = serve_tls(&env, &[]);
    assert!(
        std::fs::read_to_string(&cert)
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    let le = |args: &[&str]| {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &s.url])
            .args(args)
            .output()
            .unwrap()
    };
    // Not trusted: the request never goes out, and le says what to do.
    let out = le(&["get", "inv_x"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("--cacert"), "{}", stderr_of(&out));

    // --cacert: the whole flow over https.
    let cacert = cert.to_str().unwrap();
    let out = le(&[
        "--cacert",
        cacert,
        "--json",
        "create",
        "--order",
        "TLS-1",
        "--amount",
        "49.99",
        "--currency",
        "USD",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let p = parse_json(&out.stdout);
    let id = p["invoiceId"].as_str().unwrap();
    assert!(
        p["hostedCheckoutUrl"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{}/checkout/", s.url)),
        "{p}"
    );
    let out = le(&["--cacert", cacert, "sandbox", "pay", id]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = le(&["--cacert", cacert, "watch", id, "--timeout", "10s"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    // LE_CACERT, and the name localhost, which the certificate also covers.
    let port = s.addr.port();
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .env("LE_CACERT", &cert)
        .args([
            "--base-url",
            &format!("https://localhost:{port}"),
            "--json",
            "get",
            id,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(parse_json(&out.stdout)["status"], "paid");
    // A profile's cacert.
    let config = env.write(
        "config.toml",
        &format!(
            "default_profile = \"local\"\n[profiles.local]\nbase_url = \"{}\"\napi_key_env = \"SHOP_KEY\"\ncacert = \"{}\"\n",
            s.url,
            cert.display()
        ),
    );
    let out = env
        .le()
        .env("LE_CONFIG", &config)
        .env("SHOP_KEY", TEST_KEY)
        .args(["--json", "get", id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let shown = env
        .le()
        .env("LE_CONFIG", &config)
        .args(["--json", "config", "show"])
        .output()
        .unwrap();
    let j = parse_json(&shown.stdout);
    assert_eq!(j["cacert"]["from"], "profile cacert");
    // Any other client trusts it the same way.
    if let Ok(curl) = std::process::Command::new("curl")
        .args([
            "-s",
            "--cacert",
            cacert,
            "-H",
            &format!("X-API-Key: {TEST_KEY}"),
        ])
        .arg(format!("{}/api/payments/{id}", s.url))
        .output()
    {
        assert!(curl.status.success());
        assert_eq!(parse_json(&curl.stdout)["status"], "paid");
    }
}

#[test]
fn a_cacert_that_is_not_a_certificate_is_a_usage_error() {
    let env = Env::new();
    let (s, _) = serve_tls(&env, &[]);
    let junk = env.write("junk.pem", "not a certificate\n");
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &s.url, "--cacert"])
        .arg(&junk)
        .args(["get", "inv_x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("holds no certificate"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            &s.url,
            "--cacert",
            "/nonexistent/cert.pem",
            "get",
            "inv_x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("cannot read"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn the_certificate_is_kept_across_restarts_and_follows_the_public_name() {
    let env = Env::new();
    let (mut s, cert) = serve_tls(&env, &[]);
    let first = std::fs::read_to_string(&cert).unwrap();
    // Serving: an answer over https before it is stopped.
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &s.url, "--cacert"])
        .arg(&cert)
        .args(["rates", "USD"])
        .assert()
        .success();
    assert!(s.stop().success());
    let (s, _) = serve_tls(&env, &[]);
    assert_eq!(
        std::fs::read_to_string(&cert).unwrap(),
        first,
        "still trusted after a restart"
    );
    // The server's key stays its owner's.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = env.sandbox_dir().join("tls").join("server.pem");
        assert_eq!(
            std::fs::metadata(key).unwrap().permissions().mode() & 0o077,
            0
        );
    }
    drop(s);
    // Reached under another name: a certificate for that name too.
    let (s, _) = serve_tls(&env, &["--public-url", "https://sandbox.internal:8443"]);
    assert_ne!(std::fs::read_to_string(&cert).unwrap(), first);
    let p = s.http();
    // Plain http to a TLS port is not answered as if it were.
    let a = std::net::TcpStream::connect(p.addr).map(|mut c| {
        use std::io::{Read, Write};
        let _ = c.set_read_timeout(Some(Duration::from_secs(5)));
        let _ = c.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut buf = Vec::new();
        let _ = c.read_to_end(&mut buf);
        buf
    });
    assert!(!String::from_utf8_lossy(&a.unwrap()).contains("healthy"));
}
