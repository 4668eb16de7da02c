//! Review of issues 10 (the till: `create --watch`, `le pos`, the QR code on screen, exit
//! 13) and 13 (`le mcp`): what a cashier, a merchant's agent or a script meets that the
//! issues' own tests did not try. Each test here failed on the main it reviews.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;
use crate::pty::Pty;

const WAIT: Duration = Duration::from_secs(30);

/// A server that makes payment `inv_1` for whatever order is asked, then, read back,
/// says `inv_1` is paid: but that paid payment is another order, for one cent, with an
/// invoice of its own that agrees with that cent. Every answer is well formed; only the
/// identity changed between the create (or the first read) and the next read.
fn swapping_server() -> Scripted {
    Scripted::with(|req, _| {
        if req.method == "POST" {
            created_payment(req, "inv_1")
        } else {
            Step::json(
                200,
                &payment_of("inv_1", "SOMEONE-ELSE", "0.01", "USD", "paid"),
            )
        }
    })
}

/// The customer scans the QR code of order T-1 for 3.50 USD; the API's first answer while
/// `create --watch` waits says `inv_1` is paid, as order SOMEONE-ELSE for 0.01 USD. The
/// README promises "a payment being watched keeps its order, amount, currency and invoice:
/// one that changes while `watch` waits is exit 20, never PAID". `create --watch` hands
/// `follow` only the invoice id, so the first poll is compared with nothing: it exits 0
/// with a PAID banner and the cashier hands over the goods for a sale nobody paid.
/// The same holds for `le watch ID --qr always`: the code shown comes from one read, the
/// loop's first answer is not compared with it.
#[test]
fn create_watch_never_calls_paid_a_payment_that_is_not_the_one_shown() {
    let env = Env::new();
    let server = swapping_server();
    let out = le_at(
        &env,
        &server.url(),
        &[
            "create",
            "--order",
            "T-1",
            "--amount",
            "3.50",
            "--currency",
            "USD",
            "--watch",
        ],
    );
    let create = (out.status.code(), stdout_of(&out), stderr_of(&out));

    // watch --qr always: the first read shows T-1's code, the next says paid as another.
    let server = Scripted::with(|req, n| {
        if n == 0 {
            Step::json(200, &payment_of("inv_1", "T-1", "3.50", "USD", "unpaid"))
        } else {
            asked_payment_as(req, "SOMEONE-ELSE", "0.01", "paid")
        }
    });
    let out = le_at(
        &env,
        &server.url(),
        &["watch", "inv_1", "--qr", "always", "--interval", "3s"],
    );
    let watch = (out.status.code(), stdout_of(&out), stderr_of(&out));
    assert_eq!(
        create.0,
        Some(20),
        "create --watch took another order's paid payment for this sale\nstdout: {}\nstderr: {}",
        create.1,
        create.2
    );
    assert_eq!(
        watch.0,
        Some(20),
        "watch --qr always took another order's paid payment for the one it showed\nstdout: {}\nstderr: {}",
        watch.1,
        watch.2
    );
}

fn asked_payment_as(req: &Seen, order: &str, amount: &str, status: &str) -> Step {
    let id = req
        .path
        .trim_start_matches("/api/payments/")
        .split(['/', '?'])
        .next()
        .unwrap_or("inv_1")
        .to_owned();
    Step::json(200, &payment_of(&id, order, amount, "USD", status))
}

/// On a terminal without colour that does not say its background (`NO_COLOR`, no answer
/// to OSC 11: many terminals, and `TERM=dumb`), `create --watch` prints a two-line hint
/// about `LE_QR_INK` between the QR code and the spinner. The layout does not count those
/// rows: at the sizes where le decides everything fits exactly (100×34 here), the compact
/// summary (amount, invoice id, order, expiry) scrolls off the top, silently, which is
/// what issue 10 set out to end.
#[test]
fn without_colour_the_ink_hint_does_not_push_the_summary_off_screen() {
    let env = Env::new();
    let mut drawn = 0;
    for rows in 33u16..=37 {
        let order = format!("NC-{rows}");
        let mut pty = Pty::le(
            &env,
            &[
                "--sandbox",
                "create",
                "--order",
                &order,
                "--amount",
                "3.50",
                "--currency",
                "USD",
                "--watch",
            ],
            &[("NO_COLOR", "1")],
            rows,
            100,
        );
        assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
        // Let the hint and the first spinner frame land.
        std::thread::sleep(Duration::from_millis(800));
        let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
        let screen = pty.screen();
        pty.send(b"\x03");
        let _ = pty.wait(WAIT);
        if raw.contains("does not fit") {
            continue;
        }
        drawn += 1;
        // The summary line is the only one that names the order.
        assert!(
            screen.contains(&order) && screen.contains("3.50 USD"),
            "at 100×{rows} le drew the code as fitting, but the summary is off screen:\n{screen}"
        );
    }
    assert!(drawn > 0, "le drew the code at none of these sizes");
}

/// The shell running `le` writes its pid to `pid` and then becomes `le` (exec), so the
/// test can signal it; `le`'s terminal state stays for the test to read.
fn pos_in_shell(env: &Env, le_args: &str, vars: &[(&str, &str)]) -> (Pty, u32) {
    let pidfile = env.path("pid");
    let script = format!(
        "echo $$ > '{}'; exec '{}' {le_args}",
        pidfile.display(),
        bin()
    );
    let pty = Pty::run(env, "sh", &["-c", &script], vars, 40, 100);
    wait_for_file(&pidfile);
    let pid = loop {
        let text = std::fs::read_to_string(&pidfile).unwrap();
        if let Ok(p) = text.trim().parse() {
            break p;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (pty, pid)
}

/// `kill PID` (SIGTERM, what `timeout`, a service manager, or closing a tmux pane sends)
/// to a till: `le pos` dies at once with the terminal still in the alternate screen,
/// the cursor hidden and raw mode on: the shell prompt that follows is invisible and
/// typing does not echo. Only Ctrl-C, `q` and a panic give the terminal back.
#[test]
fn sigterm_to_le_pos_gives_the_terminal_back() {
    let env = Env::new();
    let (mut pty, pid) = pos_in_shell(&env, "--sandbox pos --currency USD", &[]);
    assert!(pty.wait_for("Amount in USD", WAIT), "{}", pty.screen());
    assert!(pty.with_screen(|s| s.alternate_screen()));
    let ok = std::process::Command::new("sh")
        .args(["-c", &format!("kill -TERM {pid}")])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -TERM failed");
    assert!(pty.wait(WAIT).is_some(), "le pos did not stop on SIGTERM");
    let (alt, hidden) = pty.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
    assert!(
        !alt && !hidden,
        "after SIGTERM the terminal is left full-screen (alternate screen: {alt}, cursor hidden: {hidden})"
    );
}

/// The API stalls on the create of a sale (a slow network, an outage): the cashier sees
/// the amount still on the entry screen with no sign that anything is happening, and
/// Ctrl-C, `q` and Esc do nothing until the create gives up (30 s and more): the till
/// cannot be closed while a customer waits. Ctrl-C must stop the till at once.
#[test]
fn ctrl_c_closes_the_till_while_the_api_stalls_on_a_create() {
    let env = Env::new();
    let server = Scripted::with(|req, _| {
        if req.method == "POST" {
            Step::Stall(Duration::from_secs(90))
        } else {
            Step::json(
                404,
                r#"{"code":"SETTLEMENT_NOT_FOUND","message":"Settlement not found"}"#,
            )
        }
    });
    let mut pty = Pty::le(
        &env,
        &["--base-url", &server.url(), "pos", "--currency", "USD"],
        &[("LIGHTNING_API_KEY", TEST_KEY)],
        40,
        100,
    );
    assert!(pty.wait_for("Amount in USD", WAIT), "{}", pty.screen());
    pty.send(b"5\r");
    // The create is on its way (the server has it) before Ctrl-C.
    assert!(
        eventually(Duration::from_secs(10), || !server.seen().is_empty()),
        "no create reached the server"
    );
    std::thread::sleep(Duration::from_millis(500));
    pty.send(b"\x03");
    let code = pty.wait(Duration::from_secs(8));
    assert_eq!(
        code,
        Some(130),
        "Ctrl-C did not close the till within 8 s while the create stalled:\n{}",
        pty.screen()
    );
}

/// An MCP session for the tests here (the JSON-RPC client of mcp.rs is private to it).
struct Mcp {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
    next: u64,
}

impl Mcp {
    fn start(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Mcp {
        let mut cmd = env.le_std();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let mut child = cmd
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take().unwrap();
        let mut s = Mcp {
            child,
            stdin,
            lines,
            next: 1,
        };
        s.request(
            "initialize",
            json!({
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": { "name": "review10", "version": "1" },
            }),
        );
        s.send_raw(r#"{"jsonrpc":"2.0","method":"notifications/initialized","params":{}}"#);
        s
    }

    fn send_raw(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").unwrap();
        self.stdin.flush().unwrap();
    }

    /// A request written as raw text (numbers exactly as a client wrote them).
    fn request_raw(&mut self, method: &str, params: &str) -> Value {
        let id = self.next;
        self.next += 1;
        self.send_raw(&format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"{method}","params":{params}}}"#
        ));
        let end = Instant::now() + Duration::from_secs(60);
        loop {
            let line = self
                .lines
                .recv_timeout(end.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            let msg: Value = serde_json::from_str(&line).unwrap();
            if msg["id"] == json!(id) {
                return msg;
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.request_raw(method, &params.to_string())
    }

    fn call(&mut self, tool: &str, args: Value) -> Value {
        self.request("tools/call", json!({ "name": tool, "arguments": args }))["result"].clone()
    }
}

impl Drop for Mcp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Issue 10 asked that the hint after an expiry "works when followed, any number of
/// times" (it used to suggest `EXPM-1-2` again after `-2` had expired). `le mcp`'s
/// `create_payment` brings the bug back for agents: the note on an expired payment always
/// says `idempotencyKey "ORDER-2"`; once that payment expires too, following the note
/// returns the same expired payment with the same note, forever. The agent can never take
/// a new payment for the order by doing what it is told.
#[test]
fn mcp_the_note_after_an_expiry_works_however_often_it_is_followed() {
    let env = Env::new();
    let mut s = Mcp::start(&env, &[("LE_SANDBOX_EXPIRY", "2s")], &["--sandbox", "mcp"]);
    let mut args = json!({ "orderId": "EXP-1", "amount": "1", "currency": "USD" });
    let r = s.call("create_payment", args.clone());
    assert_eq!(r["structuredContent"]["payment"]["status"], "unpaid", "{r}");
    let mut spent: Vec<String> = Vec::new();
    for round in 0..2 {
        std::thread::sleep(Duration::from_millis(2600));
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
    }
}

/// `create_refund` sends the merchant's money to a customer, yet `tools/list` announces it
/// with `destructiveHint: false` (and `idempotentHint: true`, as create_payment). MCP
/// clients use these hints to decide what to ask the person before running a tool: a
/// client that prompts only for destructive tools lets an agent refund without asking.
/// The MCP default for a tool that is not read-only is `destructiveHint: true`; le sets
/// it to false for every tool.
#[test]
fn mcp_create_refund_is_not_announced_as_harmless() {
    let env = Env::new();
    let mut s = Mcp::start(&env, &[], &["--sandbox", "mcp"]);
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

/// The schema says `amount` is "a decimal string … or a number", and the README that a
/// JSON number is "taken from the exact text sent". JSON writes small numbers in
/// exponent form: JavaScript's JSON.stringify (the MCP Inspector, most agent frameworks)
/// sends 0.0000001 as `1e-7`. `le mcp` refuses that valid JSON number, 10 sats in BTC,
/// with a message about a command-line flag the agent never used (`--amount '1e-7' is
/// not a plain decimal number`).
#[test]
fn mcp_an_amount_in_json_exponent_form_is_a_number() {
    let env = Env::new();
    let mut s = Mcp::start(&env, &[], &["--sandbox", "mcp"]);
    let answer = s.request_raw(
        "tools/call",
        r#"{"name":"create_payment","arguments":{"orderId":"EXP-NUM-1","amount":1e-7,"currency":"BTC"}}"#,
    );
    let r = &answer["result"];
    assert_eq!(
        r["isError"],
        json!(false),
        "a JSON number in exponent form was refused: {r}"
    );
    assert_eq!(r["structuredContent"]["payment"]["amountSats"], 10, "{r}");
}

/// The customer pays; before the till's next poll (it polls every 3 s) the cashier presses
/// Esc, say because the customer said "done" and the screen did not move. `le pos` says
/// "sale cancelled: order … is left to expire", counts nothing and goes on to the next
/// sale, though the payment is paid: the cashier asks for the money again and the
/// customer pays twice, or the sale is missing from the session's totals. Esc must look
/// once more before it calls a sale cancelled.
#[test]
fn pos_esc_after_the_customer_paid_is_not_a_cancelled_sale() {
    let env = Env::new();
    let mut pty = Pty::le(
        &env,
        &["--sandbox", "pos", "--currency", "USD"],
        &[],
        40,
        100,
    );
    assert!(pty.wait_for("Amount in USD", WAIT), "{}", pty.screen());
    pty.send(b"2.00\r");
    assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
    let screen = pty.screen();
    let start = screen.find("inv_").expect("an invoice id on screen");
    let id: String = screen[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    // Paid from the customer's wallet; the till has not polled since.
    env.sandbox_json(&["sandbox", "pay", &id]);
    assert_eq!(env.sandbox_json(&["get", &id])["status"], "paid");
    pty.send(b"\x1b");
    assert!(pty.wait_for("Amount in USD", WAIT), "{}", pty.screen());
    std::thread::sleep(Duration::from_millis(300));
    let screen = pty.screen();
    pty.send(b"q");
    let _ = pty.wait(WAIT);
    assert!(
        !screen.contains("sale cancelled"),
        "a paid sale was called cancelled:\n{screen}"
    );
    assert!(
        screen.contains("1 sale: 2.00 USD"),
        "the paid sale is not counted:\n{screen}"
    );
}

/// The README: "A payment being watched keeps its order, amount, currency and invoice:
/// one that changes while `watch` waits is exit 20, never PAID." `Identity` holds the
/// invoice id, order, amount and currency, not the `lightningInvoice` itself: a later
/// answer with the same order and amount but another (valid, self-consistent) BOLT11
/// invoice, now paid, is taken as this payment paid. The customer scanned the first
/// invoice; `watch` (and `create --watch`, and `le pos`, which keeps drawing the first
/// code) says PAID for a payment whose invoice nobody was shown.
#[test]
fn watch_notices_that_the_invoice_itself_was_swapped() {
    let env = Env::new();
    let server = Scripted::with(|_, n| {
        if n == 0 {
            Step::json(200, &payment_of("inv_1", "T-1", "3.50", "USD", "unpaid"))
        } else {
            // The same order and amount, and another invoice, minted a second later:
            // valid and in step with the payment's fields, but not the one shown.
            let mut p: Value =
                serde_json::from_str(&payment_of("inv_1", "T-1", "3.50", "USD", "paid")).unwrap();
            let created = p["createdAt"]
                .as_str()
                .unwrap()
                .parse::<jiff::Timestamp>()
                .unwrap()
                .as_second() as u64;
            let sats = p["amountSats"].as_u64().unwrap();
            p["lightningInvoice"] = json!(mint_invoice(
                &test_node_key(),
                sats * 1000,
                created + 1,
                3600,
                false
            ));
            Step::json(200, &p.to_string())
        }
    });
    let out = le_at(&env, &server.url(), &["watch", "inv_1", "--interval", "3s"]);
    let seen = server.seen();
    assert!(seen.len() >= 2, "watch polled once only");
    assert_eq!(
        out.status.code(),
        Some(20),
        "a paid answer with another invoice was taken as this payment paid\nstdout: {}\nstderr: {}",
        stdout_of(&out),
        stderr_of(&out)
    );
}
