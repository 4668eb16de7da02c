//! What every end-to-end test needs: the real `le` binary in an isolated environment,
//! a scripted HTTP server on loopback, and a served sandbox.

#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_le");

/// The binary under test: this build's, or `LE_TEST_BIN` (to show that a test fails
/// against an older `le`).
pub fn bin() -> &'static str {
    static BIN_PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BIN_PATH.get_or_init(|| std::env::var("LE_TEST_BIN").unwrap_or_else(|_| BIN.to_owned()))
}
pub const TEST_KEY: &str = "le_merchant_testkey0123456789";

/// A home of its own for each test: sandbox state, config and key files in a temp dir,
/// and none of the caller's environment leaking in.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn sandbox_dir(&self) -> PathBuf {
        self.path("sandbox")
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        p
    }

    /// `le` with a clean environment.
    pub fn le(&self) -> Command {
        let mut c = Command::new(bin());
        self.isolate(c.env_clear());
        c.timeout(Duration::from_secs(60));
        c
    }

    /// `le` as a std process, for what runs in the background.
    pub fn le_std(&self) -> std::process::Command {
        let mut c = std::process::Command::new(bin());
        c.env_clear();
        self.isolate_std(&mut c);
        c
    }

    /// The environment `le` runs with in a pseudo-terminal.
    pub fn vars_for_pty(&self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = self
            .vars()
            .into_iter()
            .map(|(k, p)| (k.to_owned(), p.display().to_string()))
            .collect();
        v.push(("PATH".into(), std::env::var("PATH").unwrap_or_default()));
        v.push(("TZ".into(), "UTC".into()));
        v
    }

    fn vars(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("HOME", self.dir.path().to_owned()),
            ("XDG_CONFIG_HOME", self.path("xdg-config")),
            ("XDG_DATA_HOME", self.path("xdg-data")),
            ("LE_SANDBOX_DIR", self.sandbox_dir()),
            ("LE_CONFIG", self.path("config.toml")),
        ]
    }

    fn isolate<'a>(&self, c: &'a mut Command) -> &'a mut Command {
        for (k, v) in self.vars() {
            c.env(k, v);
        }
        c.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        c.env("TZ", "UTC");
        c
    }

    fn isolate_std(&self, c: &mut std::process::Command) {
        for (k, v) in self.vars() {
            c.env(k, v);
        }
        c.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        c.env("TZ", "UTC");
    }

    /// `le --sandbox ARGS…` and its JSON output, asserting success.
    pub fn sandbox_json(&self, args: &[&str]) -> Value {
        let out = self
            .le()
            .arg("--sandbox")
            .arg("--json")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "le {args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        parse_json(&out.stdout)
    }

    /// Creates a payment in the embedded sandbox and returns it.
    pub fn create(&self, order: &str) -> Value {
        self.sandbox_json(&[
            "create",
            "--order",
            order,
            "--amount",
            "49.99",
            "--currency",
            "USD",
        ])
    }
}

/// `le ARGS…` pointed at the API at `url` (a served sandbox, a scripted server) with the
/// test key, and what it did.
pub fn le_at(env: &Env, url: &str, args: &[&str]) -> std::process::Output {
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", url])
        .args(args)
        .output()
        .unwrap()
}

pub fn parse_json(bytes: &[u8]) -> Value {
    let text = String::from_utf8_lossy(bytes);
    serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("not one JSON document ({e}): {text}"))
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A request as the scripted server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        parse_json(&self.body)
    }
}

/// What the scripted server does with one request.
#[derive(Debug, Clone)]
pub enum Step {
    /// Answer with this status, extra headers and body.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Close the connection without a word.
    Drop,
    /// Say nothing for this long, then close.
    Stall(Duration),
    /// Send the answer one byte at a time, this long apart.
    Trickle {
        status: u16,
        body: Vec<u8>,
        gap: Duration,
    },
    /// Relay to a real server and back.
    Forward(SocketAddr),
    /// Relay to a real server, then drop its answer: the write happened, the client
    /// never hears of it.
    ForwardThenDrop(SocketAddr),
    /// Relay without one header, as a proxy that strips it would.
    ForwardWithout(SocketAddr, &'static str),
    /// Relay without one header, then drop the answer.
    ForwardWithoutThenDrop(SocketAddr, &'static str),
}

impl Step {
    pub fn json(status: u16, body: &str) -> Step {
        Step::Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn with_header(self, name: &str, value: &str) -> Step {
        match self {
            Step::Reply {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.into(), value.into()));
                Step::Reply {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }
}

/// An HTTP/1.1 server on loopback that plays a script, one step per request, and
/// records every request. When the script runs out it repeats `fallback`.
pub struct Scripted {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// Decides the step for a request from the request and how many came before it.
pub type Responder = Arc<dyn Fn(&Seen, usize) -> Step + Send + Sync>;

impl Scripted {
    pub fn start(script: Vec<Step>, fallback: Step) -> Scripted {
        let queue = Mutex::new(VecDeque::from(script));
        Scripted::with(move |_, _| {
            queue
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or_else(|| fallback.clone())
        })
    }

    /// A server whose every answer is chosen by `f`.
    pub fn with(f: impl Fn(&Seen, usize) -> Step + Send + Sync + 'static) -> Scripted {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let seen2 = seen.clone();
        let responder: Responder = Arc::new(f);
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let seen = seen2.clone();
                let responder = responder.clone();
                thread::spawn(move || serve_conn(conn, seen, responder));
            }
        });
        Scripted { addr, seen }
    }

    /// A server that always answers the same.
    pub fn always(step: Step) -> Scripted {
        Scripted::start(Vec::new(), step)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn read_request(conn: &mut TcpStream) -> Option<(Seen, Vec<u8>)> {
    conn.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut reader = BufReader::new(conn.try_clone().ok()?);
    let mut head = String::new();
    let mut raw = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        raw.extend_from_slice(line.as_bytes());
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let mut lines = head.lines();
    let mut first = lines.next()?.split_whitespace();
    let method = first.next()?.to_owned();
    let path = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let len = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    raw.extend_from_slice(&body);
    Some((
        Seen {
            method,
            path,
            headers,
            body,
        },
        raw,
    ))
}

fn serve_conn(mut conn: TcpStream, seen: Arc<Mutex<Vec<Seen>>>, responder: Responder) {
    let Some((req, raw)) = read_request(&mut conn) else {
        return;
    };
    let index = {
        let mut s = seen.lock().unwrap();
        s.push(req.clone());
        s.len() - 1
    };
    let step = responder(&req, index);
    match step {
        Step::Reply {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = conn.write_all(head.as_bytes());
            let _ = conn.write_all(&body);
        }
        Step::Drop => {}
        Step::Stall(d) => thread::sleep(d),
        Step::Trickle { status, body, gap } => {
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
                body.len()
            );
            if conn.write_all(head.as_bytes()).is_err() {
                return;
            }
            for b in body {
                thread::sleep(gap);
                if conn.write_all(&[b]).is_err() {
                    return;
                }
            }
        }
        Step::ForwardWithout(up, header) | Step::ForwardWithoutThenDrop(up, header) => {
            let drop_answer = matches!(step, Step::ForwardWithoutThenDrop(..));
            let text = String::from_utf8_lossy(&raw);
            let kept: String = text
                .split_inclusive("\r\n")
                .filter(|l| {
                    !l.to_ascii_lowercase()
                        .starts_with(&format!("{}:", header.to_ascii_lowercase()))
                })
                .collect();
            if let Some(a) = forward(up, kept.as_bytes())
                && !drop_answer
            {
                let _ = conn.write_all(&a);
            }
        }
        Step::Forward(up) | Step::ForwardThenDrop(up) => {
            let drop_answer = matches!(step, Step::ForwardThenDrop(_));
            let answer = forward(up, &raw);
            if !drop_answer && let Some(a) = answer {
                let _ = conn.write_all(&a);
            }
        }
    }
    let _ = conn.flush();
}

/// Relays one request, asking the upstream to close after answering.
fn forward(up: SocketAddr, raw: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let mut new_head: Vec<String> = head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(str::to_owned)
        .collect();
    new_head.push("Connection: close".into());
    let mut s = TcpStream::connect(up).ok()?;
    s.write_all(format!("{}\r\n\r\n{body}", new_head.join("\r\n")).as_bytes())
        .ok()?;
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).ok()?;
    Some(answer)
}

/// `le sandbox serve` running in the background, stopped when dropped.
pub struct Served {
    pub child: Child,
    pub url: String,
    pub addr: SocketAddr,
    /// The line it printed on start.
    pub banner: String,
}

impl Served {
    pub fn http(&self) -> Http {
        Http {
            addr: self.addr,
            key: "k",
        }
    }

    pub fn start(env: &Env, extra: &[&str]) -> Served {
        Served::start_with_env(env, &[], extra)
    }

    pub fn start_with_env(env: &Env, vars: &[(&str, &str)], extra: &[&str]) -> Served {
        let mut cmd = env.le_std();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(["sandbox", "serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start le sandbox serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let start = line
            .find("http://")
            .or_else(|| line.find("https://"))
            .unwrap_or_else(|| panic!("no URL in: {line}"));
        let url: String = line[start..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '"')
            .collect();
        let addr = url
            .trim_start_matches("http://")
            .trim_start_matches("https://")
            .parse()
            .unwrap();
        Served {
            child,
            url,
            addr,
            banner: line,
        }
    }

    /// Stops it as Ctrl-C would, and waits.
    pub fn stop(&mut self) -> std::process::ExitStatus {
        interrupt(&self.child);
        self.child.wait().unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends SIGINT, as Ctrl-C does.
pub fn interrupt(child: &Child) {
    // The shell's builtin kill: no procps needed on a bare CI machine.
    let ok = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -INT failed");
}

pub fn wait_for_file(p: &Path) {
    for _ in 0..100 {
        if p.exists() {
            return;
        }
        thread::sleep(Duration::from_millis(50));
    }
    panic!("{} never appeared", p.display());
}

/// A real, signed mainnet invoice, as the hosted API's gateway would make it.
pub fn mint_invoice(
    key: &bitcoin::secp256k1::SecretKey,
    msat: u64,
    created: u64,
    expiry: u64,
    payee_field: bool,
) -> String {
    mint_invoice_on(
        lightning_invoice::Currency::Bitcoin,
        key,
        msat,
        created,
        expiry,
        payee_field,
    )
}

/// A real, signed invoice for `network`.
pub fn mint_invoice_on(
    network: lightning_invoice::Currency,
    key: &bitcoin::secp256k1::SecretKey,
    msat: u64,
    created: u64,
    expiry: u64,
    payee_field: bool,
) -> String {
    use bitcoin::hashes::{Hash, sha256};
    use lightning_invoice::{InvoiceBuilder, PaymentSecret};
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let mut b = InvoiceBuilder::new(network)
        .amount_milli_satoshis(msat)
        .description("Order ORDER-1".into())
        .payment_hash(sha256::Hash::hash(&created.to_be_bytes()))
        .payment_secret(PaymentSecret([7; 32]))
        .duration_since_epoch(Duration::from_secs(created))
        .min_final_cltv_expiry_delta(144)
        .expiry_time(Duration::from_secs(expiry));
    if payee_field {
        b = b.payee_pub_key(key.public_key(&secp));
    }
    b.build_signed(|m| secp.sign_ecdsa_recoverable(m, key))
        .unwrap()
        .to_string()
}

pub fn test_node_key() -> bitcoin::secp256k1::SecretKey {
    bitcoin::secp256k1::SecretKey::from_slice(&[0x42; 32]).unwrap()
}

/// A payment object as the API documents it, for scripted servers standing in for the
/// hosted API: its invoice is a real mainnet invoice and agrees with its fields.
pub fn payment_body(invoice_id: &str, status: &str) -> String {
    payment_of(invoice_id, "ORDER-1", "49.99", "USD", status)
}

/// A payment of `amount` `currency` for `order`, converted at 100,000 USD/EUR/GBP per BTC.
pub fn payment_of(
    invoice_id: &str,
    order: &str,
    amount: &str,
    currency: &str,
    status: &str,
) -> String {
    // A payment's invoice is made once: the same payment read again (within one test
    // run) carries the same invoice and times, as the API's does.
    static MADE: std::sync::Mutex<Option<std::collections::HashMap<String, u64>>> =
        std::sync::Mutex::new(None);
    let created = *MADE
        .lock()
        .unwrap()
        .get_or_insert_with(Default::default)
        .entry(format!("{invoice_id}|{order}|{amount}|{currency}"))
        .or_insert_with(|| jiff::Timestamp::now().as_second() as u64);
    let amount_dec: rust_decimal::Decimal = amount.parse().unwrap();
    let sats: u64 = match currency {
        "sats" => amount_dec,
        "BTC" => amount_dec * rust_decimal::Decimal::from(100_000_000u64),
        _ => amount_dec * rust_decimal::Decimal::from(1000u64),
    }
    .round()
    .try_into()
    .unwrap();
    let invoice = mint_invoice(&test_node_key(), sats * 1000, created, 3600, false);
    let iso = |s: u64| jiff::Timestamp::from_second(s as i64).unwrap().to_string();
    let amount_json: serde_json::Value = serde_json::from_str(amount).unwrap();
    serde_json::json!({
        "invoiceId": invoice_id,
        "orderId": order,
        "status": status,
        "amount": amount_json,
        "currency": currency,
        "amountSats": sats,
        "lightningInvoice": invoice,
        "createdAt": iso(created),
        "expiresAt": iso(created + 3600),
        "futureField": {"kept": true}
    })
    .to_string()
}

/// The answer an honest API gives a read: the payment that was asked for, by invoice id
/// (`/api/payments/{id}`, `…/{id}/sync`) or by order (`/api/payments/order/{order}`).
pub fn asked_payment(req: &Seen, status: &str) -> Step {
    let path = req.path.split('?').next().unwrap_or_default();
    let segments: Vec<String> = path
        .split('/')
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let body = match segments.as_slice() {
        [_, "api", "payments", "order", order] => {
            payment_of("inv_1", order, "49.99", "USD", status)
        }
        [_, "api", "payments", id, ..] => payment_body(id, status),
        _ => return Step::json(404, r#"{"code":"NOT_FOUND","message":"no such route"}"#),
    };
    Step::json(200, &body)
}

/// The answer an honest API gives a create: the payment that was asked for.
pub fn created_payment(req: &Seen, invoice_id: &str) -> Step {
    let body = req.json();
    Step::json(
        201,
        &payment_of(
            invoice_id,
            body["orderId"].as_str().unwrap(),
            &body["amount"].to_string(),
            body["currency"].as_str().unwrap(),
            "unpaid",
        ),
    )
}

/// One raw HTTP/1.1 exchange, the way any other client would talk to the sandbox.
/// Returns the whole answer, head and body.
pub fn raw_http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer
}

/// The body of a raw HTTP answer.
pub fn body_of(answer: &str) -> &str {
    answer.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

/// The status code of a raw HTTP answer.
pub fn status_of(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// A header of a raw HTTP answer.
pub fn header_of<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    let head = answer.split_once("\r\n\r\n").map_or(answer, |(h, _)| h);
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// A client of the served sandbox speaking plain HTTP with a key, as a merchant's app would.
pub struct Http {
    pub addr: SocketAddr,
    pub key: &'static str,
}

impl Http {
    pub fn get(&self, path: &str) -> String {
        raw_http(self.addr, "GET", path, &[("X-API-Key", self.key)], "")
    }

    pub fn post(&self, path: &str, body: &str) -> String {
        raw_http(
            self.addr,
            "POST",
            path,
            &[
                ("X-API-Key", self.key),
                ("Content-Type", "application/json"),
            ],
            body,
        )
    }

    pub fn post_keyed(&self, path: &str, body: &str, idem: &str) -> String {
        raw_http(
            self.addr,
            "POST",
            path,
            &[
                ("X-API-Key", self.key),
                ("Content-Type", "application/json"),
                ("X-Idempotency-Key", idem),
            ],
            body,
        )
    }

    pub fn json(&self, answer: &str) -> Value {
        serde_json::from_str(body_of(answer)).unwrap_or_else(|e| panic!("{e}: {answer}"))
    }

    /// Creates a payment and returns it.
    pub fn create(&self, order: &str, amount: &str, currency: &str) -> Value {
        let a = self.post(
            "/api/payments",
            &format!(r#"{{"orderId":"{order}","amount":{amount},"currency":"{currency}"}}"#),
        );
        assert_eq!(status_of(&a), 201, "{a}");
        self.json(&a)
    }

    pub fn pay(&self, invoice_id: &str) {
        let a = raw_http(
            self.addr,
            "POST",
            &format!("/sandbox/payments/{invoice_id}/pay"),
            &[("X-API-Key", self.key)],
            "",
        );
        assert_eq!(status_of(&a), 200, "{a}");
    }
}

/// HMAC-SHA256 in hex, computed by Python's standard library: an implementation that
/// shares nothing with le's.
pub fn python_hmac(secret: &str, message: &[u8]) -> String {
    let mut child = std::process::Command::new("python3")
        .args([
            "-c",
            "import hmac,hashlib,sys; print(hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(), hashlib.sha256).hexdigest())",
            secret,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is needed for independent HMAC checks");
    child.stdin.take().unwrap().write_all(message).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Waits until `f` holds, up to `limit`.
pub fn eventually(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + limit;
    while std::time::Instant::now() < end {
        if f() {
            return true;
        }
        thread::sleep(Duration::from_millis(100));
    }
    f()
}

/// `le webhook listen --port 0 --secret-file SECRET` (and `extra`), started: the child, the
/// address it listens on (from the line it writes on stderr once listening), and all of
/// its stderr but that line (warnings said before it included), kept open so that what it
/// writes later has somewhere to go.
pub fn start_listen(
    env: &Env,
    secret: &Path,
    extra: &[&str],
) -> (Child, SocketAddr, BufReader<Box<dyn Read + Send>>) {
    let mut child = env
        .le_std()
        .args(["webhook", "listen", "--port", "0", "--secret-file"])
        .arg(secret)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start le webhook listen");
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut before = String::new();
    for _ in 0..20 {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap() == 0 {
            break;
        }
        // http://127.0.0.1:PORT/
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse::<u16>().ok());
        if let Some(port) = port {
            let rest: Box<dyn Read + Send> =
                Box::new(std::io::Cursor::new(before.into_bytes()).chain(err));
            return (
                child,
                SocketAddr::from(([127, 0, 0, 1], port)),
                BufReader::new(rest),
            );
        }
        before.push_str(&line);
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("le webhook listen never said where it listens: {before}");
}

/// An API that allows a new payment for an order under every new idempotency key (the
/// hosted one may), takes `create_delay(order)` to make each, and counts what it made;
/// a lookup by order finds the newest, a read by invoice id the payment.
pub struct Lenient {
    pub server: Scripted,
    pub made: Arc<Mutex<Vec<Value>>>,
    pub posts: Arc<AtomicUsize>,
}

pub fn lenient(create_delay: impl Fn(&str) -> Duration + Send + Sync + 'static) -> Lenient {
    let made: Arc<Mutex<Vec<Value>>> = Arc::new(Mutex::new(Vec::new()));
    let by_key: Arc<Mutex<HashMap<String, Value>>> = Arc::default();
    let posts = Arc::new(AtomicUsize::new(0));
    let (m, k, n) = (made.clone(), by_key.clone(), posts.clone());
    let server = Scripted::with(move |req, _| {
        if req.method == "POST" {
            n.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(create_delay(
                req.json()["orderId"].as_str().unwrap_or_default(),
            ));
            let key = req.header("x-idempotency-key").unwrap_or("").to_owned();
            if let Some(p) = k.lock().unwrap().get(&key) {
                return Step::json(201, &p.to_string())
                    .with_header("X-Idempotency-Replayed", "true");
            }
            let id = format!("inv_{}", m.lock().unwrap().len() + 1);
            let Step::Reply { body, .. } = created_payment(req, &id) else {
                unreachable!()
            };
            let p: Value = serde_json::from_slice(&body).unwrap();
            m.lock().unwrap().push(p.clone());
            k.lock().unwrap().insert(key, p.clone());
            return Step::json(201, &p.to_string());
        }
        let order = req.path.rsplit('/').next().unwrap().to_owned();
        let order = percent_encoding::percent_decode_str(&order)
            .decode_utf8_lossy()
            .into_owned();
        match m
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find(|p| p["orderId"] == order.as_str() || p["invoiceId"] == order.as_str())
        {
            Some(p) => Step::json(200, &p.to_string()),
            None => Step::json(
                404,
                r#"{"code":"SETTLEMENT_NOT_FOUND","message":"Settlement not found"}"#,
            ),
        }
    });
    Lenient {
        server,
        made,
        posts,
    }
}

/// A command running in the background, its stderr read as it comes: so that a test can
/// act once the command has said something (a `--verbose` line for an answer), rather
/// than after a guessed time.
pub struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
    reader: thread::JoinHandle<()>,
}

impl Running {
    pub fn start(mut cmd: std::process::Command) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start le");
        let mut err = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Running {
            child,
            stderr,
            reader,
        }
    }

    /// Waits until stderr holds `text` `times` times (or `limit` passes).
    pub fn wait_for(&self, text: &str, times: usize) -> bool {
        eventually(Duration::from_secs(30), || {
            self.stderr.lock().unwrap().matches(text).count() >= times
        })
    }

    pub fn interrupt(&self) {
        interrupt(&self.child);
    }

    pub fn child(&self) -> &Child {
        &self.child
    }

    /// Waits for it to end: its exit code, stdout and stderr.
    pub fn finish(self) -> (Option<i32>, String, String) {
        let out = self.child.wait_with_output().unwrap();
        let _ = self.reader.join();
        let err = self.stderr.lock().unwrap().clone();
        (out.status.code(), stdout_of(&out), err)
    }
}
