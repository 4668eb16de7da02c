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
    // Nor is it retried, a create included (whose retries could take a minute): the
    // certificate will be no more trusted a second time.
    let out = le(&[
        "--verbose",
        "create",
        "--order",
        "TLS-0",
        "--amount",
        "1",
        "--currency",
        "USD",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("--cacert"), "{}", stderr_of(&out));
    assert!(!stderr_of(&out).contains("retrying"), "{}", stderr_of(&out));

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
    // A FIFO (which would block the read for ever) is no file of certificates.
    #[cfg(unix)]
    {
        let fifo = env.path("fifo.pem");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &s.url, "--cacert"])
            .arg(&fifo)
            .args(["get", "inv_x"])
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("not a file of certificates"),
            "{}",
            stderr_of(&out)
        );
    }
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

/// The system's trust store is what `SSL_CERT_FILE` (a bundle) or `SSL_CERT_DIR` (a
/// directory) names, as for curl and OpenSSL: a certificate put there is trusted without
/// `--cacert`, and a bundle without it is not.
#[test]
fn the_system_trust_store_is_the_one_ssl_cert_file_or_dir_names() {
    let env = Env::new();
    let (s, cert) = serve_tls(&env, &[]);
    // A valid bundle of one certificate, another sandbox's.
    let other = env.path("other.pem");
    {
        let env2 = Env::new();
        let (_s2, cert2) = serve_tls(&env2, &[]);
        std::fs::copy(&cert2, &other).unwrap();
    }
    let dir = env.path("certs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&cert, dir.join("sandbox.pem")).unwrap();
    let get = |var: &str, value: &std::path::Path| {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .env_remove("SSL_CERT_FILE")
            .env_remove("SSL_CERT_DIR")
            .env(var, value)
            .args(["--base-url", &s.url, "get-order", "NONE-1"])
            .output()
            .unwrap()
    };
    // Trusted: the request reaches the sandbox, which has no such order (exit 5).
    let out = get("SSL_CERT_FILE", &cert);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    let out = get("SSL_CERT_DIR", &dir);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    // A bundle of which rustls can use nothing does not stop the directory's from counting.
    let junk = env.write(
        "junk.pem",
        "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n",
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .env("SSL_CERT_FILE", &junk)
        .env("SSL_CERT_DIR", &dir)
        .args(["--base-url", &s.url, "get-order", "NONE-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    // Not trusted: the connection is refused before any request.
    let out = get("SSL_CERT_FILE", &other);
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("--cacert"), "{}", stderr_of(&out));
}

/// `--cacert` is trusted wherever `le` speaks https: also by `le webhook send` and by a
/// served sandbox delivering webhooks to an https endpoint (here another sandbox served
/// with --tls, which answers 401 to a request without a key: reached is what counts).
#[test]
fn webhooks_to_an_https_receiver_trust_cacert() {
    let env = Env::new();
    let (receiver, cert) = serve_tls(&env, &[]);
    let cacert = cert.to_str().unwrap();
    let secret = env.write("hook.secret", "whsec_tls\n");
    let hook = format!("{}/hook", receiver.url);
    let send = |extra: &[&str]| {
        env.le()
            .args(extra)
            .args([
                "webhook",
                "send",
                "--to",
                &hook,
                "--event",
                "payment.completed",
            ])
            .arg("--secret-file")
            .arg(&secret)
            .output()
            .unwrap()
    };
    let out = send(&[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("--cacert"), "{}", stderr_of(&out));
    let out = send(&["--cacert", cacert]);
    assert!(stdout_of(&out).contains("401"), "{}", stdout_of(&out));

    // A sandbox whose webhooks go to the https receiver.
    let own = env.path("sender-state");
    let sender = Served::start_with_env(
        &env,
        &[("LE_CACERT", cacert)],
        &[
            "--rate-limit",
            "off",
            "--dir",
            own.to_str().unwrap(),
            "--webhook-url",
            &hook,
            "--webhook-secret-file",
            secret.to_str().unwrap(),
        ],
    );
    let le = |args: &[&str]| {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &sender.url])
            .args(args)
            .output()
            .unwrap()
    };
    let out = le(&[
        "--json",
        "create",
        "--order",
        "HOOK-TLS",
        "--amount",
        "1",
        "--currency",
        "USD",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let id = parse_json(&out.stdout)["invoiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(le(&["sandbox", "pay", &id]).status.success());
    assert!(
        eventually(Duration::from_secs(10), || {
            let out = le(&["--json", "sandbox", "deliveries"]);
            stdout_of(&out)
                .lines()
                .any(|l| parse_json(l.as_bytes())["statusCode"] == 401)
        }),
        "{}",
        stdout_of(&le(&["--json", "sandbox", "deliveries"]))
    );
}

/// The banner says to trust `DIR/tls/cert.pem` with `LE_CACERT`; set before the first
/// start, it names a file the sandbox has not made yet, which must not stop it.
#[test]
fn a_sandbox_starts_when_le_cacert_names_the_certificate_it_is_about_to_make() {
    let env = Env::new();
    let cert = env.sandbox_dir().join("tls").join("cert.pem");
    assert!(!cert.exists());
    let s = Served::start_with_env(
        &env,
        &[("LE_CACERT", cert.to_str().unwrap())],
        &["--tls", "--rate-limit", "off"],
    );
    assert!(s.url.starts_with("https://"), "{}", s.url);
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .env("LE_CACERT", &cert)
        .args(["--base-url", &s.url, "get-order", "NONE-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
}

/// A link planted where the certificate goes is refused, not written through.
#[cfg(unix)]
#[test]
fn a_link_in_place_of_the_certificate_is_refused_not_followed() {
    let env = Env::new();
    let victim = env.write("victim.txt", "mine\n");
    let tls = env.sandbox_dir().join("tls");
    std::fs::create_dir_all(&tls).unwrap();
    std::os::unix::fs::symlink(&victim, tls.join("cert.pem")).unwrap();
    let out = env
        .le()
        .args(["sandbox", "serve", "--tls", "--addr", "127.0.0.1:0"])
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("is a symbolic link"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine\n");

    // Nor is a key kept in a directory others may write to (one made in a shared /tmp by
    // another user, with a key and an authority of their own in it).
    std::fs::remove_file(tls.join("cert.pem")).unwrap();
    std::fs::set_permissions(&tls, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let out = env
        .le()
        .args(["sandbox", "serve", "--tls", "--addr", "127.0.0.1:0"])
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("others may write to it"),
        "{}",
        stderr_of(&out)
    );
}

/// An http server named as https (a port mixed up) does not speak TLS at all: that is
/// said at once, not retried for a minute.
#[test]
fn https_to_a_plain_http_port_is_not_retried() {
    let env = Env::new();
    let s = Served::start(&env, &["--rate-limit", "off"]);
    let wrong = s.url.replace("http://", "https://");
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &wrong, "--verbose", "create"])
        .args(["--order", "TLS-P", "--amount", "1", "--currency", "USD"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(!stderr_of(&out).contains("retrying"), "{}", stderr_of(&out));
}
