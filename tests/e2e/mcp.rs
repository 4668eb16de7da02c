//! `le mcp`: every tool over stdio, spoken to by a small JSON-RPC client of the tests' own,
//! and the same session driven by the MCP Inspector's CLI, a client nobody here wrote.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;

/// A regtest address (BIP 173's test vector) for refunds paid on chain.
const REGTEST_ADDRESS: &str = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";

/// An MCP session with `le … mcp`, spoken to line by line as an MCP client does.
struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<String>,
    stderr: Option<thread::JoinHandle<String>>,
    /// Every line le wrote on stdout, to check that each is the protocol's.
    transcript: Vec<String>,
    /// Notifications that came in while waiting for answers.
    notifications: Vec<Value>,
    next_id: u64,
}

impl Session {
    fn start(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Session {
        let mut s = Session::spawn(env, vars, args);
        let init = s.request(
            "initialize",
            json!({
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": { "name": "le-tests", "version": "1" },
            }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "le", "{init}");
        assert!(
            init["result"]["capabilities"]["tools"].is_object(),
            "{init}"
        );
        s.notify("notifications/initialized", json!({}));
        s
    }

    fn spawn(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Session {
        let mut cmd = env.le_std();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start le mcp");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut stderr = child.stderr.take().unwrap();
        let stderr = thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        Session {
            stdin: child.stdin.take(),
            child,
            lines,
            stderr: Some(stderr),
            transcript: Vec::new(),
            notifications: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, msg: &Value) {
        let stdin = self.stdin.as_mut().expect("session open");
        writeln!(stdin, "{msg}").unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its answer, keeping notifications that come first.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method} within 60 s"));
            self.transcript.push(line.clone());
            let msg: Value = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("stdout carried a line that is not JSON ({e}): {line}"));
            assert_eq!(msg["jsonrpc"], "2.0", "{line}");
            if msg["id"] == json!(id) {
                return msg;
            }
            assert!(msg.get("method").is_some(), "an answer to nothing: {line}");
            self.notifications.push(msg);
        }
    }

    /// Calls a tool and returns its result (`isError` may be true).
    fn call(&mut self, tool: &str, args: Value) -> Value {
        let answer = self.request("tools/call", json!({ "name": tool, "arguments": args }));
        answer
            .get("result")
            .cloned()
            .unwrap_or_else(|| panic!("{tool}: not a tool result: {answer}"))
    }

    /// Calls a tool asking for progress notifications under `token`.
    fn call_with_progress(&mut self, tool: &str, args: Value, token: &str) -> Value {
        let answer = self.request(
            "tools/call",
            json!({ "name": tool, "arguments": args, "_meta": { "progressToken": token } }),
        );
        answer["result"].clone()
    }

    /// A tool call that must succeed: its structured result.
    fn ok(&mut self, tool: &str, args: Value) -> Value {
        let r = self.call(tool, args);
        assert_eq!(r["isError"], false, "{tool} failed: {r}");
        structured(&r)
    }

    /// A tool call that must fail: the CLI's JSON error it carries.
    fn refused(&mut self, tool: &str, args: Value) -> Value {
        let r = self.call(tool, args);
        assert_eq!(r["isError"], true, "{tool} should have failed: {r}");
        let e = structured(&r);
        assert!(e["error"]["code"].is_string(), "{r}");
        e["error"].clone()
    }

    fn tool_names(&mut self) -> Vec<String> {
        let list = self.request("tools/list", json!({}));
        list["result"]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Ends the session as a client does, by closing stdin; le's exit status and stderr.
    fn finish(mut self) -> (std::process::ExitStatus, String, Vec<String>) {
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(
                Instant::now() < deadline,
                "le mcp did not exit when stdin closed"
            );
            thread::sleep(Duration::from_millis(20));
        };
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
            self.transcript.push(line);
        }
        let stderr = self.stderr.take().unwrap().join().unwrap();
        (status, stderr, std::mem::take(&mut self.transcript))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The structured result, which the text content must say the same as.
fn structured(result: &Value) -> Value {
    let s = result["structuredContent"].clone();
    let text = result["content"][0]["text"].as_str().expect("text content");
    let from_text: Value = serde_json::from_str(text).expect("text content is JSON");
    assert_eq!(from_text, s, "text and structured content differ");
    s
}

fn sandbox(env: &Env, extra: &[&str]) -> Session {
    let mut args = vec!["--sandbox", "mcp"];
    args.extend_from_slice(extra);
    Session::start(env, &[], &args)
}

/// A JSON number exactly as written (serde_json keeps its text: arbitrary_precision).
fn num(text: &str) -> Value {
    let v: Value = serde_json::from_str(text).unwrap();
    if !text.contains('e') {
        assert_eq!(v.to_string(), text);
    }
    v
}

/// How many payments the embedded sandbox holds.
fn payments_in(env: &Env) -> usize {
    let out = env
        .le()
        .args(["--sandbox", "--json", "sandbox", "list"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    stdout_of(&out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

fn create_args(order: &str) -> Value {
    json!({ "orderId": order, "amount": "49.99", "currency": "USD" })
}

/// The image content as the pixel rows an independent PNG reader (Python's zlib, which
/// checks the stream's checksum; the chunk CRCs checked here too) finds in it.
fn png_rows(b64: &str) -> Vec<Vec<bool>> {
    let script = r#"
import base64, struct, sys, zlib
data = base64.b64decode(sys.stdin.read())
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height = 8, b"", 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    crc, = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
    assert zlib.crc32(kind + body) == crc, "bad CRC in " + kind.decode()
    if kind == b"IHDR":
        width, height, depth, color = struct.unpack(">IIBB", body[:10])
        assert (depth, color) == (1, 0), "not 1-bit grayscale"
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = (width + 7) // 8 + 1
for y in range(height):
    row = raw[y * stride:(y + 1) * stride]
    assert row[0] == 0, "filter"
    bits = "".join(format(b, "08b") for b in row[1:])[:width]
    print(bits)
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is needed to read the PNG independently");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b64.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the PNG does not read: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.chars().map(|c| c == '0').collect())
        .collect()
}

/// What the QR code in a PNG says, read by rqrr.
fn qr_text(b64: &str) -> String {
    let rows = png_rows(b64);
    let (w, h) = (rows[0].len(), rows.len());
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| if rows[y][x] { 0 } else { 255 });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn the_tools_are_listed_with_schemas_and_read_only_offers_only_readers() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    let list = s.request("tools/list", json!({}));
    let tools = list["result"]["tools"].as_array().unwrap();
    let names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "create_payment",
            "get_payment",
            "get_payment_by_order",
            "sync_payment",
            "wait_for_payment",
            "create_refund",
            "get_refund",
            "list_refunds",
            "get_rates",
            "decode_invoice"
        ]
    );
    for t in tools {
        let schema = &t["inputSchema"];
        assert_eq!(schema["type"], "object", "{t}");
        assert!(t["description"].as_str().unwrap().len() > 60, "{t}");
        for required in schema["required"].as_array().unwrap() {
            assert!(
                schema["properties"][required.as_str().unwrap()].is_object(),
                "{t}"
            );
        }
    }
    let create = &tools[0];
    assert_eq!(
        create["inputSchema"]["required"],
        json!(["orderId", "amount", "currency"])
    );
    assert_eq!(create["annotations"]["readOnlyHint"], false);
    assert_eq!(tools[1]["annotations"]["readOnlyHint"], true);
    let (status, stderr, _) = s.finish();
    assert!(status.success(), "{stderr}");

    let mut s = sandbox(&env, &["--read-only"]);
    let names = s.tool_names();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("create_")), "{names:?}");
    let e = s.refused("create_payment", create_args("RO-1"));
    assert_eq!(e["code"], "USAGE_ERROR");
    assert!(
        e["message"].as_str().unwrap().contains("--read-only"),
        "{e}"
    );
    let e = s.refused(
        "create_refund",
        json!({ "invoiceId": "inv_x", "amount": "1", "currency": "USD", "bitcoinAddress": REGTEST_ADDRESS, "confirm": true }),
    );
    assert!(
        e["message"].as_str().unwrap().contains("--read-only"),
        "{e}"
    );
    drop(s);
    // Nothing was created.
    assert_eq!(payments_in(&env), 0);

    // A tool that does not exist is a protocol error, as the spec has it.
    let mut s = sandbox(&env, &[]);
    let answer = s.request(
        "tools/call",
        json!({ "name": "delete_everything", "arguments": {} }),
    );
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
}

/// `create_refund` sends the merchant's money to a customer, so `tools/list` never
/// announces it with `destructiveHint: false`. MCP clients use these hints to decide what
/// to ask the person before running a tool: a client that prompts only for destructive
/// tools would let an agent refund without asking. (The MCP default for a tool that is
/// not read-only is `destructiveHint: true`.)
#[test]
fn create_refund_is_not_announced_as_harmless() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    let list = s.request("tools/list", json!({}));
    let refund = list["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "create_refund")
        .cloned()
        .expect("create_refund is offered");
    assert_ne!(
        refund["annotations"]["destructiveHint"],
        json!(false),
        "a tool that sends money back is announced as not destructive: {refund}"
    );
}

#[test]
fn take_a_payment_wait_for_it_and_find_it_paid() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    // A JSON number is taken from its exact text: 49.99 stays 49.99.
    let r = s.call(
        "create_payment",
        json!({ "orderId": "MCP-1", "amount": 49.99, "currency": "usd", "description": "Coffee", "metadata": { "table": 12, "note": "window" } }),
    );
    assert_eq!(r["isError"], false, "{r}");
    let created = structured(&r);
    let p = &created["payment"];
    assert_eq!(p["amount"].to_string(), "49.99");
    assert_eq!(p["currency"], "USD");
    assert_eq!(p["status"], "unpaid");
    assert_eq!(p["metadata"], json!({ "note": "window", "table": "12" }));
    assert!(p["expiresAt"].is_string());
    assert_eq!(created["earlier"], false);
    let id = p["invoiceId"].as_str().unwrap().to_owned();
    let invoice = p["lightningInvoice"].as_str().unwrap().to_owned();
    assert!(invoice.starts_with("lnbcrt"), "{invoice}");

    // The QR code is a PNG of the invoice as every le QR code encodes it.
    let image = r["content"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "image")
        .unwrap_or_else(|| panic!("no image: {r}"));
    assert_eq!(image["mimeType"], "image/png");
    assert_eq!(
        qr_text(image["data"].as_str().unwrap()),
        format!("lightning:{invoice}").to_uppercase()
    );

    for (tool, args) in [
        ("get_payment", json!({ "invoiceId": id })),
        ("get_payment_by_order", json!({ "orderId": "MCP-1" })),
        ("sync_payment", json!({ "invoiceId": id })),
    ] {
        let got = s.ok(tool, args);
        assert_eq!(got["payment"]["invoiceId"], id.as_str(), "{tool}");
        assert_eq!(got["payment"]["status"], "unpaid", "{tool}");
    }

    // Not paid yet: the wait gives up when asked, not later, and says how it went.
    let started = Instant::now();
    let r = s.call_with_progress(
        "wait_for_payment",
        json!({ "invoiceId": id, "timeout": "2s" }),
        "wait-1",
    );
    let waited = started.elapsed();
    let w = structured(&r);
    assert_eq!(w["outcome"], "timedOut", "{w}");
    assert_eq!(w["payment"]["status"], "unpaid");
    assert!(waited >= Duration::from_secs(2), "{waited:?}");
    assert!(
        waited < Duration::from_millis(4000),
        "waited {waited:?} for 2s"
    );
    let progress: Vec<&Value> = s
        .notifications
        .iter()
        .filter(|n| n["method"] == "notifications/progress")
        .map(|n| &n["params"])
        .collect();
    assert!(progress.len() >= 2, "{:?}", s.notifications);
    let mut last = -1.0;
    for p in &progress {
        assert_eq!(p["progressToken"], "wait-1");
        assert_eq!(p["total"].as_f64(), Some(2.0));
        let now = p["progress"].as_f64().unwrap();
        assert!(now > last && now <= 2.0, "{progress:?}");
        last = now;
        assert!(
            p["message"]
                .as_str()
                .unwrap()
                .contains(&format!("{id}: unpaid")),
            "{p}"
        );
    }

    // The customer pays (the sandbox's CLI stands in for their wallet); the next wait
    // sees it.
    let payer = thread::spawn({
        let id = id.clone();
        let pay = env
            .le_std()
            .args(["--sandbox", "sandbox", "pay", &id])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        move || {
            let out = pay.wait_with_output().unwrap();
            assert!(out.status.success(), "sandbox pay {id}: {:?}", out);
        }
    });
    let w = s.ok(
        "wait_for_payment",
        json!({ "invoiceId": id, "timeout": 30, "interval": "3s" }),
    );
    payer.join().unwrap();
    assert_eq!(w["outcome"], "paid", "{w}");
    assert_eq!(w["payment"]["status"], "paid");
    let got = s.ok("get_payment_by_order", json!({ "orderId": "MCP-1" }));
    assert_eq!(got["payment"]["status"], "paid");

    // The same create for a paid order takes nothing new, and says so as a refusal (the
    // CLI's exit 13) an agent cannot mistake for a sale to wait on; no invoice, no QR.
    let again = s.call("create_payment", json!({ "orderId": "MCP-1", "amount": 49.99, "currency": "usd", "description": "Coffee", "metadata": { "table": 12, "note": "window" } }));
    assert_eq!(again["isError"], true, "{again}");
    let refusal = structured(&again);
    assert_eq!(refusal["error"]["code"], "EARLIER_PAYMENT", "{again}");
    assert!(
        refusal["error"]["message"]
            .as_str()
            .unwrap()
            .contains("order MCP-1 was paid"),
        "{again}"
    );
    assert_eq!(refusal["error"]["details"]["payment"]["status"], "paid");
    assert!(refusal["error"]["details"]["payment"]["lightningInvoice"].is_null());
    assert_eq!(again["content"].as_array().unwrap().len(), 1, "{again}");

    let decoded = s.ok("decode_invoice", json!({ "invoice": invoice }));
    assert_eq!(decoded["invoice"]["network"], "regtest", "{decoded}");
    let rates = s.ok("get_rates", json!({ "currency": "eur" }));
    assert_eq!(rates["rates"]["currency"], "EUR", "{rates}");

    let (status, stderr, transcript) = s.finish();
    assert!(status.success(), "{stderr}");
    // Everything on stdout was the protocol's.
    for line in transcript {
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["jsonrpc"], "2.0");
    }
}

#[test]
fn a_repeated_create_returns_the_same_payment() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    let first = s.ok("create_payment", create_args("IDEM-1"));
    let second = s.ok("create_payment", create_args("IDEM-1"));
    assert_eq!(
        first["payment"]["invoiceId"],
        second["payment"]["invoiceId"]
    );
    assert_eq!(first["idempotencyKey"], second["idempotencyKey"]);
    assert_eq!(first["earlier"], false);
    assert_eq!(second["earlier"], true);
    // The number 49.99 and the string "49.99" are the same request.
    let third = s.ok(
        "create_payment",
        json!({ "orderId": "IDEM-1", "amount": 49.99, "currency": "USD" }),
    );
    assert_eq!(third["payment"]["invoiceId"], first["payment"]["invoiceId"]);
    drop(s);
    // The CLI's idempotency is the same: the same order from the command line is the
    // same payment too.
    let cli = env.create("IDEM-1");
    assert_eq!(cli["invoiceId"], first["payment"]["invoiceId"]);
    // Once it expired, a new key is a new payment for the same order.
    env.le()
        .args(["--sandbox", "sandbox", "expire"])
        .arg(first["payment"]["invoiceId"].as_str().unwrap())
        .assert()
        .success();
    let mut s = sandbox(&env, &[]);
    // The expired payment is no sale: a refusal whose hint names a key not used before
    // (the order and the time), so following it again after that payment expires too
    // still makes a new one.
    let again = s.refused("create_payment", create_args("IDEM-1"));
    assert_eq!(again["code"], "PAYMENT_EXPIRED");
    assert_eq!(again["details"]["payment"]["status"], "expired");
    let note = again["hint"].as_str().unwrap();
    let fresh = note
        .split("idempotencyKey \"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| panic!("{again}"));
    assert!(fresh.starts_with("IDEM-1-2"), "{again}");
    let mut args = create_args("IDEM-1");
    args["idempotencyKey"] = json!(fresh);
    let other = s.ok("create_payment", args);
    assert_ne!(other["payment"]["invoiceId"], first["payment"]["invoiceId"]);
    assert_eq!(payments_in(&env), 2);
}

#[test]
fn bad_arguments_are_tool_errors_with_the_clis_codes() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    for (args, says) in [
        (
            json!({ "orderId": "B-1", "amount": "49.999", "currency": "USD" }),
            "create_payment: amount",
        ),
        (
            json!({ "orderId": "B-1", "amount": num("49.999"), "currency": "USD" }),
            "create_payment: amount",
        ),
        (
            json!({ "orderId": "B-1", "amount": num("0.00000001"), "currency": "sats" }),
            "create_payment: amount",
        ),
        (
            json!({ "orderId": "B-1", "amount": -5, "currency": "USD" }),
            "create_payment: amount",
        ),
        (
            json!({ "orderId": "B-1", "amount": true, "currency": "USD" }),
            "amount must be a decimal string or a number, not a boolean",
        ),
        (
            json!({ "orderId": "B-1", "amount": "5", "currency": "DOGE" }),
            "create_payment: currency",
        ),
        (
            json!({ "amount": "5", "currency": "USD" }),
            "create_payment needs orderId",
        ),
        (
            json!({ "orderID": "B-1", "amount": "5", "currency": "USD" }),
            "create_payment needs orderId, e.g. \"orderId\": \"ORDER-1\" (it has 'orderID': names are case-sensitive)",
        ),
        (
            json!({ "order_id": "B-1", "orderId": "B-1", "amount": "5", "currency": "USD" }),
            "create_payment has no argument 'order_id'",
        ),
        (
            json!({ "orderId": "B-1", "amount": "5", "currency": "USD", "metadata": { "a": [1] } }),
            "metadata.a must be a string",
        ),
        (
            json!({ "orderId": "B-1", "amount": "5", "currency": "USD", "successUrl": "ftp://x" }),
            "--success-url",
        ),
    ] {
        let e = s.refused("create_payment", args.clone());
        assert_eq!(e["code"], "USAGE_ERROR", "{args}: {e}");
        assert!(e["message"].as_str().unwrap().contains(says), "{args}: {e}");
    }
    // A number in exponent form (as JavaScript writes small ones) is that number.
    let p = s.ok(
        "create_payment",
        json!({ "orderId": "B-EXP", "amount": num("1e2"), "currency": "USD" }),
    );
    assert_eq!(p["payment"]["amount"].as_f64(), Some(100.0));
    // A number is taken as the text it was sent as, never through a binary float.
    let p = s.ok(
        "create_payment",
        json!({ "orderId": "B-2", "amount": num("1.10"), "currency": "EUR" }),
    );
    assert_eq!(p["payment"]["amount"].as_f64(), Some(1.1));
    let p = s.ok(
        "create_payment",
        json!({ "orderId": "B-3", "amount": num("0.00012345"), "currency": "BTC" }),
    );
    assert_eq!(p["payment"]["amount"].to_string(), "0.00012345");

    for (tool, args, says) in [
        (
            "wait_for_payment",
            json!({ "invoiceId": "inv_1", "timeout": "soon" }),
            "timeout",
        ),
        (
            "wait_for_payment",
            json!({ "invoiceId": "inv_1", "interval": "1s" }),
            "interval",
        ),
        (
            "wait_for_payment",
            json!({ "invoiceId": "inv_1", "timeout": "0s" }),
            "timeout",
        ),
        ("get_payment", json!({}), "get_payment needs invoiceId"),
        (
            "get_payment",
            json!({ "invoiceId": 5 }),
            "invoiceId must be a string",
        ),
        (
            "get_rates",
            json!({ "currency": "BTC" }),
            "USD, EUR and GBP",
        ),
        (
            "decode_invoice",
            json!({ "invoice": "lnbc1 23" }),
            "cannot be used",
        ),
    ] {
        let e = s.refused(tool, args.clone());
        assert_eq!(e["code"], "USAGE_ERROR", "{tool} {args}: {e}");
        assert!(
            e["message"].as_str().unwrap().contains(says),
            "{tool} {args}: {e}"
        );
    }
    drop(s);
    assert_eq!(
        payments_in(&env),
        3,
        "only the three good payments were made"
    );
}

/// The schema says `amount` is "a decimal string … or a number", and the README that a
/// JSON number is "taken from the exact text sent". JSON writes small numbers in
/// exponent form: JavaScript's JSON.stringify (the MCP Inspector, most agent frameworks)
/// sends 0.0000001 as `1e-7`. `le mcp` takes that valid JSON number as what it is, 10
/// sats in BTC, rather than refusing it as if it were a malformed `--amount` flag.
#[test]
fn an_amount_in_json_exponent_form_is_a_number() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    // Sent as the text `1e-7`, as JSON.stringify writes it.
    let p = s.ok(
        "create_payment",
        json!({ "orderId": "EXP-NUM-1", "amount": num("1e-7"), "currency": "BTC" }),
    );
    assert_eq!(p["payment"]["amountSats"], 10, "{p}");
}

#[test]
fn api_errors_carry_the_same_code_and_message_as_the_cli() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    let e = s.refused("get_payment", json!({ "invoiceId": "inv_nosuch" }));
    let cli = env
        .le()
        .args(["--sandbox", "--json", "get", "inv_nosuch"])
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(5));
    let cli = parse_json(&cli.stderr);
    assert_eq!(e["code"], "SETTLEMENT_NOT_FOUND");
    assert_eq!(e["status"], 404);
    assert_eq!(e["code"], cli["error"]["code"]);
    assert_eq!(e["message"], cli["error"]["message"]);
    let e = s.refused("get_payment_by_order", json!({ "orderId": "NOSUCH" }));
    assert_eq!(e["code"], "SETTLEMENT_NOT_FOUND");
    let e = s.refused("get_refund", json!({ "refundId": "ref_nosuch" }));
    assert_eq!(e["code"], "REFUND_NOT_FOUND");
    // The session goes on after errors.
    s.ok("get_rates", json!({}));
    let (status, stderr, _) = s.finish();
    assert!(status.success());
    // Errors are logged on stderr for the client's logs.
    assert!(
        stderr.contains("get_payment: Settlement not found"),
        "{stderr}"
    );
}

#[test]
fn an_invoice_that_fails_the_check_is_never_handed_over() {
    let env = Env::new();
    let mut p = env.create("LIE-1");
    let invoice = p["lightningInvoice"].as_str().unwrap().to_owned();
    p["amountSats"] = json!(1);
    let server = Scripted::always(
        Step::json(200, &p.to_string()).with_header("X-Sandbox-Network", "regtest"),
    );
    let mut s = Session::start(
        &env,
        &[("LIGHTNING_API_KEY", TEST_KEY)],
        &["--base-url", &server.url(), "mcp"],
    );
    for (tool, args) in [
        ("create_payment", create_args("LIE-1")),
        ("get_payment", json!({ "invoiceId": p["invoiceId"] })),
        ("get_payment_by_order", json!({ "orderId": "LIE-1" })),
        ("sync_payment", json!({ "invoiceId": p["invoiceId"] })),
        (
            "wait_for_payment",
            json!({ "invoiceId": p["invoiceId"], "timeout": "5s" }),
        ),
    ] {
        let r = s.call(tool, args);
        assert_eq!(r["isError"], true, "{tool}: {r}");
        let e = structured(&r)["error"].clone();
        assert_eq!(e["code"], "INVOICE_MISMATCH", "{tool}: {e}");
        assert!(
            e["message"].as_str().unwrap().contains("does not agree"),
            "{e}"
        );
        assert_eq!(r["content"].as_array().unwrap().len(), 1, "no QR code: {r}");
    }
    let (_, stderr, transcript) = s.finish();
    assert!(!stderr.contains(&invoice));
    // The error names the payment (its object is in details, as with the CLI's --json),
    // but never its invoice: an agent cannot pass it on to a customer.
    for line in transcript {
        assert!(!line.contains(&invoice), "{line}");
        assert!(!line.contains("\"type\":\"image\""), "{line}");
    }
}

#[test]
fn refunds_need_confirmation_or_allow_refunds() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off", "--refund-delay", "1s"]);
    let mut s = Session::start(
        &env,
        &[("LIGHTNING_API_KEY", "k")],
        &["--base-url", &served.url, "mcp"],
    );
    let p = s.ok("create_payment", create_args("REF-1"));
    let id = p["payment"]["invoiceId"].as_str().unwrap().to_owned();
    served.http().pay(&id);
    let refund = json!({
        "invoiceId": id, "amount": "10", "currency": "USD",
        "bitcoinAddress": REGTEST_ADDRESS, "reason": "broken cup",
    });
    let e = s.refused("create_refund", refund.clone());
    assert_eq!(e["code"], "USAGE_ERROR");
    assert!(
        e["message"].as_str().unwrap().contains("\"confirm\": true"),
        "{e}"
    );
    let mut unconfirmed = refund.clone();
    unconfirmed["confirm"] = json!(false);
    s.refused("create_refund", unconfirmed);
    assert_eq!(
        s.ok("list_refunds", json!({ "invoiceId": id }))["refunds"],
        json!([]),
        "nothing was refunded without confirmation"
    );

    let mut confirmed = refund.clone();
    confirmed["confirm"] = json!(true);
    let r = s.ok("create_refund", confirmed.clone());
    assert_eq!(r["earlier"], false);
    let refund_id = r["refund"]["refundId"].as_str().unwrap().to_owned();
    assert_eq!(r["refund"]["amount"].to_string(), "10");
    // An agent that retries gets the same refund, not a second one.
    let again = s.ok("create_refund", confirmed);
    assert_eq!(again["refund"]["refundId"], refund_id.as_str());
    assert_eq!(again["earlier"], true);
    let got = s.ok("get_refund", json!({ "refundId": refund_id }));
    assert_eq!(got["refund"]["invoiceId"], id.as_str());
    let listed = s.ok("list_refunds", json!({}));
    assert_eq!(listed["refunds"].as_array().unwrap().len(), 1);

    // Checked before anything is sent, as the CLI checks: the payment's currency, the
    // destination.
    let mut wrong = refund.clone();
    wrong["currency"] = json!("EUR");
    wrong["confirm"] = json!(true);
    let e = s.refused("create_refund", wrong);
    assert!(e["message"].as_str().unwrap().contains("is in USD"), "{e}");
    let mut both = refund.clone();
    both["lightningInvoice"] = json!("lnbcrt1xyz");
    both["confirm"] = json!(true);
    let e = s.refused("create_refund", both);
    assert!(e["message"].as_str().unwrap().contains("not both"), "{e}");
    drop(s);

    // Started with --allow-refunds, no confirmation is asked for.
    let mut s = Session::start(
        &env,
        &[("LIGHTNING_API_KEY", "k")],
        &["--base-url", &served.url, "mcp", "--allow-refunds"],
    );
    let mut more = refund.clone();
    more["amount"] = json!(5);
    let r = s.ok("create_refund", more);
    assert_eq!(r["refund"]["status"], "pending");
    assert_eq!(
        s.ok("list_refunds", json!({ "invoiceId": id }))["refunds"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn the_key_appears_in_no_result_and_no_log_line() {
    let env = Env::new();
    // A server that puts the key it was sent everywhere it can: in error messages and
    // details, and in a payment's fields.
    let echo = Scripted::with(|req, n| {
        let key = req.header("x-api-key").unwrap_or("").to_owned();
        if n % 2 == 0 {
            Step::json(
                400,
                &json!({ "error": "Bad Request", "message": format!("bad key {key}"), "code": "ECHO", "details": { "key": key } }).to_string(),
            )
        } else {
            Step::json(
                200,
                &json!({ "invoiceId": "inv_1", "orderId": key, "status": "expired", "amount": 1, "currency": "USD", "description": key, "metadata": { key.clone(): key } }).to_string(),
            )
        }
    });
    let key_file = env.write("key", &format!("{TEST_KEY}\n"));
    let key_path = key_file.to_str().unwrap();
    let mut s = Session::start(
        &env,
        &[],
        &[
            "--verbose",
            "--api-key-file",
            key_path,
            "--base-url",
            &echo.url(),
            "mcp",
        ],
    );
    let mut results = Vec::new();
    for round in 0..2 {
        for (tool, args) in [
            ("get_payment", json!({ "invoiceId": "inv_1" })),
            ("get_payment_by_order", json!({ "orderId": "O-1" })),
            ("sync_payment", json!({ "invoiceId": "inv_1" })),
            (
                "wait_for_payment",
                json!({ "invoiceId": "inv_1", "timeout": "1s" }),
            ),
            ("get_refund", json!({ "refundId": "ref_1" })),
            ("list_refunds", json!({})),
            ("get_rates", json!({})),
        ] {
            results.push(format!("{round} {tool} {}", s.call(tool, args)));
        }
    }
    assert!(
        results.iter().any(|r| r.contains("redacted")),
        "the server's echo came back, redacted: {results:?}"
    );
    let (_, stderr, transcript) = s.finish();
    for r in &results {
        assert!(!r.contains(TEST_KEY), "a result carried the key: {r}");
    }
    for line in &transcript {
        assert!(!line.contains(TEST_KEY), "stdout carried the key: {line}");
    }
    assert!(
        !stderr.contains(TEST_KEY),
        "a log line carried the key:\n{stderr}"
    );
    assert!(
        stderr.contains("> GET"),
        "--verbose traces went to stderr: {stderr}"
    );
}

#[test]
fn le_mcp_refuses_what_would_break_the_protocol() {
    let env = Env::new();
    // The key cannot come from stdin: stdin is the client's.
    env.le()
        .args(["--api-key-file", "-", "mcp"])
        .write_stdin("le_merchant_x\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("stdin"));
    env.le()
        .args(["--sandbox", "--dry-run", "mcp"])
        .assert()
        .code(2)
        .stdout("");
    env.le()
        .args(["--sandbox", "mcp", "--read-only", "--allow-refunds"])
        .assert()
        .code(2);
    // Started by hand with nothing to say to it, it says what it is for.
    env.le()
        .args(["--sandbox", "mcp"])
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("MCP client"));
    // No key at all: said once on stderr, before any session.
    env.le()
        .args(["--base-url", "http://127.0.0.1:9", "mcp"])
        .write_stdin("")
        .assert()
        .code(4)
        .stdout("");
}

/// The MCP Inspector's CLI, installed by `.ci/run` (or named by `LE_MCP_INSPECTOR`).
fn inspector() -> Option<PathBuf> {
    let path = std::env::var_os("LE_MCP_INSPECTOR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| {
                PathBuf::from(h).join(".cache/le-ci/inspector/node_modules/.bin/mcp-inspector")
            })
        })
        .filter(|p| p.exists());
    if path.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install the MCP Inspector (see .ci/run)"
        );
        eprintln!("skipped: the MCP Inspector is not installed (.ci/run installs it)");
    }
    path
}

/// One Inspector run against `le --sandbox mcp`: its JSON answer.
fn inspect(env: &Env, inspector: &PathBuf, args: &[&str]) -> Value {
    // The Inspector (under node) starts le itself, in this test's environment.
    let le = env.le_std();
    let mut c = std::process::Command::new(inspector);
    c.env_clear();
    for (k, v) in le.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    let out = c
        .arg("--cli")
        // MCP clients pass a server only a few variables of their own (PATH, HOME, …):
        // the rest is configured per server, as `-e` does here.
        .args([
            "-e",
            &format!("LE_SANDBOX_DIR={}", env.sandbox_dir().display()),
        ])
        .args([BIN, "--sandbox", "mcp"])
        .args(args)
        .output()
        .expect("run the MCP Inspector");
    assert!(
        out.status.success(),
        "inspector {args:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "inspector {args:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn the_mcp_inspector_takes_a_payment_through_le_mcp() {
    let Some(inspector) = inspector() else { return };
    let env = Env::new();
    let list = inspect(&env, &inspector, &["--method", "tools/list", "--strict"]);
    let names: Vec<&str> = list["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 10, "{names:?}");
    assert!(names.contains(&"wait_for_payment"), "{names:?}");

    let created = inspect(
        &env,
        &inspector,
        &[
            "--method",
            "tools/call",
            "--tool-name",
            "create_payment",
            "--tool-arg",
            "orderId=INSPECT-1",
            "amount=49.99",
            "currency=USD",
        ],
    );
    assert_eq!(created["isError"], false, "{created}");
    let id = created["structuredContent"]["payment"]["invoiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        created["structuredContent"]["payment"]["amount"].to_string(),
        "49.99"
    );
    assert_eq!(created["content"][1]["type"], "image", "{created}");

    let got = inspect(
        &env,
        &inspector,
        &[
            "--method",
            "tools/call",
            "--tool-name",
            "get_payment",
            "--tool-arg",
            &format!("invoiceId={id}"),
        ],
    );
    assert_eq!(got["structuredContent"]["payment"]["status"], "unpaid");

    env.le()
        .args(["--sandbox", "sandbox", "pay", &id])
        .assert()
        .success();

    let waited = inspect(
        &env,
        &inspector,
        &[
            "--method",
            "tools/call",
            "--tool-name",
            "wait_for_payment",
            "--tool-arg",
            &format!("invoiceId={id}"),
            "timeout=20s",
        ],
    );
    assert_eq!(waited["structuredContent"]["outcome"], "paid", "{waited}");
    assert_eq!(waited["structuredContent"]["payment"]["status"], "paid");
}

#[test]
fn ctrl_c_stops_a_session_with_exit_130() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    s.ok("get_rates", json!({}));
    interrupt(&s.child);
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "le mcp did not stop on Ctrl-C");
        thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
}

#[test]
fn a_cancelled_wait_stops_and_the_session_goes_on() {
    let env = Env::new();
    let mut s = sandbox(&env, &[]);
    let p = s.ok("create_payment", create_args("CANCEL-1"));
    let id = p["payment"]["invoiceId"].clone();
    // A long wait, then the client gives up on it.
    s.send(&json!({
        "jsonrpc": "2.0", "id": 900, "method": "tools/call",
        "params": { "name": "wait_for_payment", "arguments": { "invoiceId": id, "timeout": "5m" } },
    }));
    thread::sleep(Duration::from_millis(500));
    s.notify(
        "notifications/cancelled",
        json!({ "requestId": 900, "reason": "the user moved on" }),
    );
    let started = Instant::now();
    let got = s.ok("get_payment", json!({ "invoiceId": id }));
    assert_eq!(got["payment"]["status"], "unpaid");
    assert!(started.elapsed() < Duration::from_secs(5));
    let (status, stderr, transcript) = s.finish();
    assert!(status.success(), "{stderr}");
    // Whatever was said of the cancelled call, it was not a result.
    for line in transcript {
        let v: Value = serde_json::from_str(&line).unwrap();
        if v["id"] == 900 {
            assert!(v.get("result").is_none(), "{line}");
        }
    }
}

/// An API that never answers: the wait ends when asked, and says the API is the trouble
/// (UNREACHABLE) rather than "timedOut", which would send an agent round again for ever.
#[test]
fn a_wait_that_never_got_an_answer_is_unreachable_not_timed_out() {
    let env = Env::new();
    let server = Scripted::always(Step::Stall(Duration::from_secs(30)));
    let mut s = Session::start(
        &env,
        &[("LIGHTNING_API_KEY", TEST_KEY)],
        &["--base-url", &server.url(), "mcp"],
    );
    let started = std::time::Instant::now();
    let r = s.call(
        "wait_for_payment",
        json!({ "invoiceId": "inv_silent", "timeout": "3s" }),
    );
    assert!(started.elapsed() < Duration::from_secs(15), "{r}");
    assert_eq!(r["isError"], true, "{r}");
    let e = structured(&r)["error"].clone();
    assert_eq!(e["code"], "UNREACHABLE", "{e}");
    assert!(e["message"].as_str().unwrap().contains("inv_silent"), "{e}");
    drop(s);
}

/// The tool tells the same money as the CLI: an underpaid order is UNDERPAID (never
/// "paid before"), another amount is ORDER_CONFLICT naming both, and a wait that ends
/// underpaid says so; no refusal hands over an invoice.
#[test]
fn create_payment_judges_an_earlier_payment_as_the_cli_does() {
    let env = Env::new();
    let under = env.create("M-U");
    env.sandbox_json(&["sandbox", "underpay", under["invoiceId"].as_str().unwrap()]);
    let paid = env.create("M-P");
    env.sandbox_json(&["sandbox", "pay", paid["invoiceId"].as_str().unwrap()]);
    let mut s = sandbox(&env, &[]);
    let e = s.refused("create_payment", create_args("M-U"));
    assert_eq!(e["code"], "UNDERPAID", "{e}");
    assert_eq!(e["details"]["exitCode"], 12, "{e}");
    assert!(e["details"]["payment"]["lightningInvoice"].is_null(), "{e}");
    let e = s.refused("create_payment", create_args("M-P"));
    assert_eq!(e["code"], "EARLIER_PAYMENT", "{e}");
    let e = s.refused(
        "create_payment",
        json!({ "orderId": "M-P", "amount": "5", "currency": "USD" }),
    );
    assert_eq!(e["code"], "ORDER_CONFLICT", "{e}");
    assert_eq!(e["details"]["found"]["amount"], "49.99", "{e}");
    assert_eq!(e["details"]["asked"]["amount"], "5", "{e}");
    assert!(e["details"]["payment"]["lightningInvoice"].is_null(), "{e}");
    let waited = s.ok(
        "wait_for_payment",
        json!({ "invoiceId": under["invoiceId"], "timeout": "5s" }),
    );
    assert_eq!(waited["outcome"], "underpaid", "{waited}");
}

/// The hint after an expiry works when followed, any number of times, for an agent as
/// at the till (`till::the_hint_after_an_expiry_works_however_often_it_is_followed`):
/// each note `create_payment` gives on an expired payment names an idempotency key not
/// spent yet, so following it takes a new payment for the order, round after round,
/// never the same expired payment with the same note again.
#[test]
fn the_note_after_an_expiry_works_however_often_it_is_followed() {
    let env = Env::new();
    let mut s = Session::start(&env, &[], &["--sandbox", "mcp"]);
    let mut args = json!({ "orderId": "EXP-1", "amount": "1", "currency": "USD" });
    let r = s.call("create_payment", args.clone());
    assert_eq!(r["structuredContent"]["payment"]["status"], "unpaid", "{r}");
    let mut payment = r["structuredContent"]["payment"]["invoiceId"].clone();
    let mut spent: Vec<String> = Vec::new();
    for round in 0..2 {
        // Never paid: it expires (as the clock would have it, at once).
        env.sandbox_json(&["sandbox", "expire", payment.as_str().unwrap()]);
        let r = s.call("create_payment", args.clone());
        // An expired payment is not a sale: a refusal, naming the payment (never its
        // invoice), with a hint that says how to take a new one.
        let body = &r["structuredContent"]["error"];
        assert_eq!(r["isError"], true, "round {round}: {r}");
        assert_eq!(body["code"], "PAYMENT_EXPIRED", "round {round}: {r}");
        assert_eq!(
            body["details"]["payment"]["status"], "expired",
            "round {round}: {r}"
        );
        assert!(
            body["details"]["payment"]["lightningInvoice"].is_null(),
            "{r}"
        );
        let note = body["hint"].as_str().unwrap_or_default().to_owned();
        let key = note
            .split("idempotencyKey \"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .unwrap_or_else(|| panic!("round {round}: no key in the note: {note}"))
            .to_owned();
        assert!(
            !spent.contains(&key),
            "round {round}: the note suggests a key already spent ({key}): {note}"
        );
        spent.push(key.clone());
        args["idempotencyKey"] = json!(key);
        let r = s.call("create_payment", args.clone());
        assert_eq!(
            r["structuredContent"]["payment"]["status"], "unpaid",
            "round {round}, following the note: {r}"
        );
        payment = r["structuredContent"]["payment"]["invoiceId"].clone();
    }
}
