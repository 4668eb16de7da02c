//! One sale, one truth: the same money is told the same way by `create`, `watch`, a
//! batch row and under `--json`, whatever the server says; and every way out of a sale
//! leaves the money findable.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::Value;

use crate::common::*;

fn sandbox(env: &Env, args: &[&str]) -> std::process::Output {
    env.le().arg("--sandbox").args(args).output().unwrap()
}

fn create_args<'a>(order: &'a str, amount: &'a str) -> Vec<&'a str> {
    vec![
        "create",
        "--order",
        order,
        "--amount",
        amount,
        "--currency",
        "USD",
    ]
}

/// `le ARGS…` at a scripted server, whose invoices are mainnet's.
fn at(env: &Env, url: &str, args: &[&str]) -> std::process::Output {
    let mut a = vec!["--network", "mainnet"];
    a.extend_from_slice(args);
    le_at(env, url, &a)
}

/// The same, in the background.
fn start_at(env: &Env, url: &str, args: &[&str]) -> Running {
    let mut c = env.le_std();
    c.env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", url, "--network", "mainnet"])
        .args(args);
    Running::start(c)
}

/// `le --sandbox create --from ROWS`.
fn sandbox_batch(env: &Env, rows: &std::path::Path) -> std::process::Output {
    env.le()
        .args(["--sandbox", "create", "--from"])
        .arg(rows)
        .output()
        .unwrap()
}

/// The first line a command printed, as JSON.
fn first_row(out: &std::process::Output) -> Value {
    parse_json(stdout_of(out).lines().next().unwrap_or("{}").as_bytes())
}

/// Every line of stderr is one JSON document.
fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// The JSON lines of a `--verbose` stderr, without its trace lines.
fn json_only(text: &str) -> String {
    text.lines()
        .filter(|l| l.starts_with('{'))
        .collect::<Vec<_>>()
        .join("\n")
}

fn note_of(out: &std::process::Output) -> Value {
    json_lines(&stderr_of(out))
        .into_iter()
        .find_map(|v| v.get("note").cloned())
        .unwrap_or_else(|| panic!("no note on stderr: {}", stderr_of(out)))
}

#[test]
fn an_underpaid_order_is_one_outcome_everywhere() {
    let env = Env::new();
    let p = env.create("U-1");
    let id = p["invoiceId"].as_str().unwrap();
    env.sandbox_json(&["sandbox", "underpay", id]);

    // create, for the same order and amount: not "already paid", and nothing new.
    let out = sandbox(&env, &create_args("U-1", "49.99"));
    assert_eq!(out.status.code(), Some(12), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("underpaid") && err.contains("not paid"),
        "{err}"
    );
    assert!(
        !err.contains("already paid") && !err.contains("was paid"),
        "{err}"
    );
    assert!(!stdout_of(&out).contains("lnbcrt"), "no invoice offered");

    // watch: the same exit code.
    let out = sandbox(&env, &["watch", id]);
    assert_eq!(out.status.code(), Some(12), "{}", stderr_of(&out));

    // --json: the note names it, with the exit code, and stdout has no invoice.
    let mut args = vec!["--json"];
    args.extend(create_args("U-1", "49.99"));
    let out = sandbox(&env, &args);
    assert_eq!(out.status.code(), Some(12));
    let note = note_of(&out);
    assert_eq!(note["code"], "UNDERPAID");
    assert_eq!(note["exitCode"], 12);
    assert_eq!(note["invoiceId"], id);
    assert!(parse_json(&out.stdout)["lightningInvoice"].is_null());

    // A batch row: not ok, with the same code; never "made before".
    let rows = env.write("rows.csv", "order,amount,currency\nU-1,49.99,USD\n");
    let out = sandbox_batch(&env, &rows);
    assert_eq!(out.status.code(), Some(12), "{}", stderr_of(&out));
    let row = first_row(&out);
    assert_eq!(row["ok"], false, "{row}");
    assert_eq!(row["error"]["code"], "UNDERPAID", "{row}");
    assert!(row.get("replayed").is_none(), "{row}");
}

/// An API that refuses the create as a duplicate and answers the order lookup with a
/// payment of its choosing.
fn duplicate_then(status: &'static str, amount: &'static str) -> Scripted {
    Scripted::with(move |req, _| {
        if req.method == "POST" {
            return Step::json(
                409,
                r#"{"error":"Conflict","code":"DUPLICATE_ORDER_ID","message":"Order already has a payment","details":{"invoiceId":"inv_1"}}"#,
            );
        }
        let order = req.path.rsplit('/').next().unwrap().to_owned();
        Step::json(200, &payment_of("inv_1", &order, amount, "USD", status))
    })
}

#[test]
fn a_lookup_answer_is_paid_before_only_for_a_known_settled_status_and_the_same_money() {
    let env = Env::new();
    let mut args = vec!["--json"];
    args.extend(create_args("H-1", "100"));
    let create = |server: &Scripted| at(&env, &server.url(), &args);
    // Another amount, whatever the status: a conflict naming both amounts.
    for status in ["cancelled", "failed", "weird", "paid", "refunded", "unpaid"] {
        let server = duplicate_then(status, "0.01");
        let out = create(&server);
        assert_eq!(out.status.code(), Some(14), "{status}: {}", stderr_of(&out));
        let note = note_of(&out);
        assert_eq!(note["code"], "ORDER_CONFLICT", "{status}");
        assert_eq!(note["found"]["amount"], "0.01");
        assert_eq!(note["asked"]["amount"], "100");
        assert!(
            note["message"].as_str().unwrap().contains("0.01 USD")
                && note["message"].as_str().unwrap().contains("100.00 USD"),
            "{note}"
        );
        let p = parse_json(&out.stdout);
        assert!(p["lightningInvoice"].is_null(), "{status}: {p}");
    }
    // The same money: a status le does not know is never "paid before".
    for (status, code, name) in [
        ("cancelled", 12, "UNKNOWN_STATUS"),
        ("failed", 12, "UNKNOWN_STATUS"),
        ("paid", 13, "EARLIER_PAYMENT"),
        ("refunded", 13, "EARLIER_PAYMENT"),
        ("processing", 13, "EARLIER_PAYMENT"),
        ("underpaid", 12, "UNDERPAID"),
        ("expired", 10, "PAYMENT_EXPIRED"),
    ] {
        let server = duplicate_then(status, "100");
        let out = create(&server);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{status}: {}",
            stderr_of(&out)
        );
        assert_eq!(note_of(&out)["code"], name, "{status}");
    }
}

#[test]
fn under_json_a_replay_and_an_expired_earlier_payment_say_so_in_one_shape() {
    let env = Env::new();
    let first = env.create("J-1");
    let mut args = vec!["--json"];
    args.extend(create_args("J-1", "49.99"));
    // A replay: the payment on stdout, one note on stderr, nothing else.
    let out = sandbox(&env, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(parse_json(&out.stdout)["invoiceId"], first["invoiceId"]);
    let lines = json_lines(&stderr_of(&out));
    assert_eq!(lines.len(), 1, "{lines:?}");
    let note = &lines[0]["note"];
    assert_eq!(note["code"], "REPLAYED");
    assert_eq!(note["exitCode"], 0);
    assert_eq!(note["invoiceId"], first["invoiceId"]);
    // Expired: exit 10, the payment without its invoice, and the note with the command
    // that takes a new payment.
    env.sandbox_json(&["sandbox", "expire", first["invoiceId"].as_str().unwrap()]);
    let out = sandbox(&env, &args);
    assert_eq!(out.status.code(), Some(10), "{}", stderr_of(&out));
    let p = parse_json(&out.stdout);
    assert_eq!(p["status"], "expired");
    assert!(p["lightningInvoice"].is_null(), "{p}");
    let note = note_of(&out);
    assert_eq!(note["code"], "PAYMENT_EXPIRED");
    assert_eq!(note["exitCode"], 10);
    assert!(
        note["hint"]
            .as_str()
            .unwrap()
            .contains("--idempotency-key J-1-"),
        "{note}"
    );
    // Every line of stderr is JSON, in both runs.
    json_lines(&stderr_of(&out));
}

#[test]
fn ctrl_c_in_watch_under_json_says_where_the_money_is() {
    let env = Env::new();
    let p = env.create("W-1");
    let id = p["invoiceId"].as_str().unwrap();
    let mut cmd = env.le_std();
    cmd.args(["--sandbox", "--json", "--verbose", "watch", id]);
    let running = Running::start(cmd);
    // Once the first read was answered (the next is 3 s away).
    assert!(running.wait_for("< 200", 1));
    running.interrupt();
    let (code, stdout, stderr) = running.finish();
    assert_eq!(code, Some(130), "{stderr}");
    // stdout: the payment as last seen.
    let last = parse_json(stdout.as_bytes());
    assert_eq!(last["invoiceId"], id);
    assert_eq!(last["status"], "unpaid");
    // stderr: one INTERRUPTED error naming the payment and the command that goes on
    // (besides the --verbose lines, which are text).
    let lines = json_lines(&json_only(&stderr));
    let error = &lines.last().unwrap()["error"];
    assert_eq!(error["code"], "INTERRUPTED");
    assert_eq!(error["invoiceId"], id);
    assert!(
        error["hint"]
            .as_str()
            .unwrap()
            .contains(&format!("le --sandbox watch {id}")),
        "{error}"
    );
}

#[test]
fn a_journal_that_names_another_orders_payment_is_caught() {
    let env = Env::new();
    let rows = env.write("rows.csv", "order,amount,currency\nA-1,1,USD\nB-1,2,USD\n");
    let run = || sandbox_batch(&env, &rows);
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    // The journal's invoice ids swapped, as an edit (or another batch's journal) would.
    let journal = env.path("rows.csv.le-journal");
    let text = std::fs::read_to_string(&journal).unwrap();
    let ids: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["invoiceId"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(ids.len(), 2, "{text}");
    let swapped = text
        .replace(&ids[0], "SWAP")
        .replace(&ids[1], &ids[0])
        .replace("SWAP", &ids[1]);
    std::fs::write(&journal, swapped).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    for line in stdout_of(&out).lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        assert_eq!(row["ok"], false, "{row}");
        assert_eq!(row["error"]["code"], "JOURNAL_MISMATCH", "{row}");
        assert!(row.get("invoiceId").is_none(), "{row}");
    }
    // Untouched, a rerun skips both rows, each checked: their payments on the lines.
    std::fs::write(&journal, text).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let lines: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for (row, id) in lines.iter().zip(&ids) {
        assert_eq!(row["skipped"], true, "{row}");
        assert_eq!(row["payment"]["invoiceId"], id.as_str(), "{row}");
        assert_eq!(row["outcome"], "REPLAYED", "{row}");
    }
}

#[test]
fn an_interrupted_batch_reports_every_row_in_file_order() {
    let env = Env::new();
    // Creates are answered at once, but row 2's, which takes a long time; lookups find
    // what was made.
    let api = lenient(|order| {
        if order == "I-2" {
            Duration::from_secs(20)
        } else {
            Duration::ZERO
        }
    });
    let (server, made, posts) = (&api.server, &api.made, &api.posts);
    let mut text = String::from("order,amount,currency\n");
    for i in 1..=12 {
        text.push_str(&format!("I-{i},1,USD\n"));
    }
    let rows = env.write("rows.csv", &text);
    let running = start_at(
        &env,
        &server.url(),
        &["create", "--from", rows.to_str().unwrap()],
    );
    // Every row but the slow one is made.
    assert!(eventually(Duration::from_secs(20), || made
        .lock()
        .unwrap()
        .len()
        == 11));
    std::thread::sleep(Duration::from_millis(300));
    // Ctrl-C, and once the batch says it is stopping, again: the slow row is cut off
    // rather than waited for.
    running.interrupt();
    assert!(running.wait_for("stopping once", 1));
    running.interrupt();
    let (code, stdout, err) = running.finish();
    assert_eq!(code, Some(130), "{err}");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every row has its line, in the file's order: the 11 made, and the one cut off.
    assert_eq!(lines.len(), 12, "{stdout}");
    for (i, row) in lines.iter().enumerate() {
        assert_eq!(row["order"], format!("I-{}", i + 1), "{row}");
        if i == 1 {
            assert_eq!(row["ok"], false, "{row}");
            assert_eq!(row["error"]["code"], "INTERRUPTED", "{row}");
        } else {
            assert_eq!(row["ok"], true, "{row}");
        }
    }
    assert!(
        err.contains("11 created") && err.contains("1 not finished"),
        "{err}"
    );
    assert_eq!(posts.load(Ordering::SeqCst), 12);
}

#[test]
fn an_expired_batch_row_is_made_anew_by_following_its_hint() {
    let env = Env::new();
    let rows = env.path("rows.csv");
    let run = |text: &str| {
        std::fs::write(&rows, text).unwrap();
        let out = sandbox_batch(&env, &rows);
        (out.status.code(), first_row(&out))
    };
    let (code, first) = run("order,amount,currency\nX-1,1,USD\n");
    assert_eq!(code, Some(0), "{first}");
    let old = first["payment"]["invoiceId"].as_str().unwrap().to_owned();
    env.sandbox_json(&["sandbox", "expire", &old]);
    // Rerun: the journal's payment expired, so the row is not done.
    let (code, row) = run("order,amount,currency\nX-1,1,USD\n");
    assert_eq!(code, Some(10), "{row}");
    assert_eq!(row["error"]["code"], "PAYMENT_EXPIRED", "{row}");
    let hint = row["error"]["hint"].as_str().unwrap();
    let key = hint
        .split("idempotencyKey ")
        .nth(1)
        .and_then(|k| k.split_whitespace().next())
        .unwrap_or_else(|| panic!("{hint}"))
        .to_owned();
    // Following the hint makes a new payment for the order, once.
    let text = format!("order,amount,currency,idempotency_key\nX-1,1,USD,{key}\n");
    let (code, row) = run(&text);
    assert_eq!(code, Some(0), "{row}");
    let new = row["payment"]["invoiceId"].as_str().unwrap().to_owned();
    assert_ne!(new, old, "{row}");
    assert_eq!(row["payment"]["status"], "unpaid");
    let (code, row) = run(&text);
    assert_eq!(code, Some(0), "{row}");
    assert_eq!(row["skipped"], true, "{row}");
    assert_eq!(row["payment"]["invoiceId"], new.as_str(), "{row}");
}

#[test]
fn a_rerun_that_replays_an_expired_payment_finds_the_orders_newer_one() {
    let env = Env::new();
    let first = env.create("N-1");
    let old = first["invoiceId"].as_str().unwrap();
    env.sandbox_json(&["sandbox", "expire", old]);
    // A new payment for the order, as the hint said, and the customer pays it.
    let newer = env.sandbox_json(&[
        "create",
        "--order",
        "N-1",
        "--amount",
        "49.99",
        "--currency",
        "USD",
        "--idempotency-key",
        "N-1-again",
    ]);
    env.sandbox_json(&["sandbox", "pay", newer["invoiceId"].as_str().unwrap()]);
    // The first command again: its key replays the expired payment, but the order is
    // paid. Never "expired, take a new payment".
    let mut args = vec!["--json"];
    args.extend(create_args("N-1", "49.99"));
    let out = sandbox(&env, &args);
    assert_eq!(out.status.code(), Some(13), "{}", stderr_of(&out));
    let note = note_of(&out);
    assert_eq!(note["code"], "EARLIER_PAYMENT");
    assert_eq!(note["invoiceId"], newer["invoiceId"]);
}

#[test]
fn a_payment_that_is_not_for_sale_carries_no_way_to_pay_it() {
    let env = Env::new();
    env.create("NW-1");
    // Another amount: a conflict; no invoice, checkout page or on-chain address on any
    // line, a batch row's included.
    let mut args = vec!["--json"];
    args.extend(create_args("NW-1", "5"));
    let out = sandbox(&env, &args);
    assert_eq!(out.status.code(), Some(14), "{}", stderr_of(&out));
    let p = parse_json(&out.stdout);
    for key in ["lightningInvoice", "hostedCheckoutUrl", "onchainAddress"] {
        assert!(p.get(key).is_none(), "{key}: {p}");
    }
    let rows = env.write("rows.csv", "order,amount,currency\nNW-1,5,USD\n");
    let out = sandbox_batch(&env, &rows);
    let line = stdout_of(&out);
    assert!(
        !line.contains("lnbcrt") && !line.contains("onchainAddress"),
        "{line}"
    );
    // Paid before: the row is ok, but its payment is no invoice to hand out.
    let paid = env.create("NW-2");
    env.sandbox_json(&["sandbox", "pay", paid["invoiceId"].as_str().unwrap()]);
    let rows = env.write("rows2.csv", "order,amount,currency\nNW-2,49.99,USD\n");
    let out = sandbox_batch(&env, &rows);
    let row = first_row(&out);
    assert_eq!(row["ok"], true, "{row}");
    assert_eq!(row["outcome"], "EARLIER_PAYMENT", "{row}");
    assert!(row["payment"]["lightningInvoice"].is_null(), "{row}");
}

/// An API that makes payments `processing` at once (or answers the order lookup about
/// another order): what it says is read, never taken on its word.
#[test]
fn create_watch_reads_a_payment_the_api_calls_processing_until_it_settles() {
    let env = Env::new();
    let server = Scripted::with(|req, n| {
        if req.method == "POST" {
            let Step::Reply { body, .. } = created_payment(req, "inv_1") else {
                unreachable!()
            };
            let mut p: Value = serde_json::from_slice(&body).unwrap();
            p["status"] = "processing".into();
            return Step::json(201, &p.to_string());
        }
        // The first read: still processing; then paid.
        asked_payment(req, if n < 2 { "processing" } else { "paid" })
    });
    let mut args = vec!["--json"];
    args.extend(create_args("ORDER-1", "49.99"));
    args.push("--watch");
    let out = at(&env, &server.url(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let gets = server.seen().iter().filter(|s| s.method == "GET").count();
    assert!(
        gets >= 2,
        "it read the payment until it was paid: {gets} reads"
    );
    let last = stdout_of(&out)
        .lines()
        .last()
        .map(|l| parse_json(l.as_bytes()))
        .unwrap();
    assert_eq!(last["status"], "paid");
}

#[test]
fn a_lookup_about_another_order_is_a_mismatch_not_a_refusal() {
    let env = Env::new();
    let server = Scripted::with(|req, _| {
        if req.method == "POST" {
            return Step::json(
                409,
                r#"{"code":"DUPLICATE_ORDER_ID","message":"Order already has a payment","details":{"invoiceId":"inv_1"}}"#,
            );
        }
        Step::json(200, &payment_of("inv_1", "Z-9", "1", "USD", "paid"))
    });
    let out = at(&env, &server.url(), &create_args("A-1", "1"));
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
}

#[test]
fn ctrl_c_while_a_create_is_on_its_way_says_it_may_have_been_made() {
    let env = Env::new();
    let api = lenient(|_| Duration::from_secs(5));
    let mut args = vec!["--json"];
    args.extend(create_args("C-1", "1"));
    let running = start_at(&env, &api.server.url(), &args);
    assert!(eventually(Duration::from_secs(10), || api
        .posts
        .load(Ordering::SeqCst)
        == 1));
    running.interrupt();
    let (code, _, err) = running.finish();
    assert_eq!(code, Some(130), "{err}");
    let error = json_lines(&err).last().unwrap()["error"].clone();
    assert_eq!(error["code"], "INTERRUPTED");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("may have made the payment"),
        "{error}"
    );
    assert!(
        error["hint"]
            .as_str()
            .unwrap()
            .contains("run the same command again"),
        "{error}"
    );
}

#[test]
fn ctrl_c_watching_several_under_json_names_what_is_still_open() {
    let env = Env::new();
    let a = env.create("S-1");
    let b = env.create("S-2");
    let (a, b) = (
        a["invoiceId"].as_str().unwrap(),
        b["invoiceId"].as_str().unwrap(),
    );
    env.sandbox_json(&["sandbox", "pay", a]);
    let mut cmd = env.le_std();
    cmd.args(["--sandbox", "--json", "--verbose", "watch", a, b]);
    let running = Running::start(cmd);
    // Once both were read.
    assert!(running.wait_for("< 200", 2));
    running.interrupt();
    let (code, _, stderr) = running.finish();
    assert_eq!(code, Some(130), "{stderr}");
    let error = json_lines(&json_only(&stderr)).last().unwrap()["error"].clone();
    assert_eq!(error["code"], "INTERRUPTED", "{error}");
    let hint = error["hint"].as_str().unwrap();
    assert!(
        hint.contains(&format!("le --sandbox watch {b}")) && !hint.contains(a),
        "{hint}"
    );
}

#[test]
fn curl_of_setting_the_webhook_endpoint_warns_that_the_secret_is_not_in_the_line() {
    let env = Env::new();
    let secret = env.write("whsec.txt", "whsec_0123456789abcdef\n");
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args([
            "--base-url",
            "http://127.0.0.1:9",
            "--curl",
            "webhook",
            "endpoint",
            "set",
            "http://x.example/h",
            "--secret-file",
        ])
        .arg(&secret)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(!stdout_of(&out).contains("whsec_0123456789abcdef"));
    assert!(
        stderr_of(&out).contains("put the secret in its place"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_batch_rerun_finds_the_newer_payment_of_an_order_whose_journal_payment_expired() {
    let env = Env::new();
    let rows = env.write("b.csv", "order,amount,currency\nB-1,5,USD\n");
    let batch = || sandbox_batch(&env, &rows);
    let out = batch();
    let first = first_row(&out);
    let old = first["payment"]["invoiceId"].as_str().unwrap().to_owned();
    env.sandbox_json(&["sandbox", "expire", &old]);
    // Paid under another key, outside the batch.
    let newer = env.sandbox_json(&[
        "create",
        "--order",
        "B-1",
        "--amount",
        "5",
        "--currency",
        "USD",
        "--idempotency-key",
        "B-1-elsewhere",
    ]);
    env.sandbox_json(&["sandbox", "pay", newer["invoiceId"].as_str().unwrap()]);
    let out = batch();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let row = first_row(&out);
    assert_eq!(row["ok"], true, "{row}");
    assert_eq!(row["outcome"], "EARLIER_PAYMENT", "{row}");
    assert_eq!(row["payment"]["invoiceId"], newer["invoiceId"], "{row}");
}

#[test]
fn a_create_the_api_calls_paid_at_once_is_read_before_it_is_believed() {
    let env = Env::new();
    // The create's answer says paid; the API's record says unpaid.
    let server = Scripted::with(|req, _| {
        if req.method == "POST" {
            let Step::Reply { body, .. } = created_payment(req, "inv_1") else {
                unreachable!()
            };
            let mut p: Value = serde_json::from_slice(&body).unwrap();
            p["status"] = "paid".into();
            return Step::json(201, &p.to_string());
        }
        asked_payment(req, "unpaid")
    });
    let mut args = vec!["--json"];
    args.extend(create_args("ORDER-1", "49.99"));
    let out = at(&env, &server.url(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let p = parse_json(&out.stdout);
    assert_eq!(
        p["status"], "unpaid",
        "the record, not the create's word: {p}"
    );
    assert!(
        p["lightningInvoice"].is_string(),
        "offered, as it can be paid: {p}"
    );
    assert!(!stderr_of(&out).contains("\"PAID\""), "{}", stderr_of(&out));
}

#[test]
fn a_watch_that_ends_expired_shows_no_way_to_pay() {
    let env = Env::new();
    let p = env.create("E-W");
    let id = p["invoiceId"].as_str().unwrap();
    env.sandbox_json(&["sandbox", "expire", id]);
    let out = sandbox(&env, &["--json", "watch", id]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr_of(&out));
    let last = parse_json(stdout_of(&out).lines().last().unwrap().as_bytes());
    assert_eq!(last["status"], "expired");
    for key in ["lightningInvoice", "hostedCheckoutUrl", "onchainAddress"] {
        assert!(last.get(key).is_none(), "{key}: {last}");
    }
    assert_eq!(note_of(&out)["code"], "PAYMENT_EXPIRED");
    // A plain read still shows the API's record as it is.
    let read = env.sandbox_json(&["get", id]);
    assert!(read["lightningInvoice"].is_string());
}

#[test]
fn watching_several_that_times_out_still_says_one_expired() {
    let env = Env::new();
    let a = env.create("T-1");
    let b = env.create("T-2");
    let (a, b) = (
        a["invoiceId"].as_str().unwrap(),
        b["invoiceId"].as_str().unwrap(),
    );
    env.sandbox_json(&["sandbox", "expire", a]);
    let out = sandbox(&env, &["--json", "watch", a, b, "--timeout", "1s"]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr_of(&out));
    // And a time too short for one look is refused before any.
    let out = sandbox(&env, &["watch", b, "--timeout", "500ms"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
}

#[test]
fn a_make_anew_cut_off_before_the_api_goes_out_again_with_the_same_key() {
    let env = Env::new();
    let slow = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let s = slow.clone();
    let api = lenient(move |_| {
        if s.load(Ordering::SeqCst) {
            Duration::from_secs(20)
        } else {
            Duration::ZERO
        }
    });
    let rows = env.path("r.csv");
    let url = api.server.url();
    let batch = |text: &str| {
        std::fs::write(&rows, text).unwrap();
        start_at(&env, &url, &["create", "--from", rows.to_str().unwrap()])
    };
    let (code, _, err) = batch("order,amount,currency\nR-1,1,USD\n").finish();
    assert_eq!(code, Some(0), "{err}");
    // The payment expires; the row is given a new key, and that create is cut off on its
    // way (twice Ctrl-C) before the API made anything.
    api.made.lock().unwrap()[0]["status"] = "expired".into();
    slow.store(true, Ordering::SeqCst);
    let text = "order,amount,currency,idempotency_key\nR-1,1,USD,R-1-again\n";
    let running = batch(text);
    assert!(eventually(Duration::from_secs(10), || api
        .posts
        .load(Ordering::SeqCst)
        == 2));
    running.interrupt();
    assert!(running.wait_for("stopping once", 1));
    running.interrupt();
    assert_eq!(running.finish().0, Some(130));
    // Rerun: the order's payment is still the expired one this row replaces, so the
    // create goes out again with the same key, and makes the new payment.
    slow.store(false, Ordering::SeqCst);
    let (code, stdout, err) = batch(text).finish();
    assert_eq!(code, Some(0), "{err}");
    let row = parse_json(stdout.lines().next().unwrap().as_bytes());
    assert_eq!(row["ok"], true, "{row}");
    assert_eq!(row["payment"]["status"], "unpaid", "{row}");
    let last_post = api
        .server
        .seen()
        .into_iter()
        .rfind(|r| r.method == "POST")
        .unwrap();
    assert_eq!(last_post.header("x-idempotency-key"), Some("R-1-again"));
}

/// A server's words are never taken for a command le suggests: `{le}` in an error
/// message stays as the server wrote it.
#[test]
fn a_placeholder_in_a_servers_words_is_not_filled() {
    let env = Env::new();
    let server = Scripted::always(Step::json(
        400,
        r#"{"error":"Bad Request","code":"X","message":"run {le} sandbox reset"}"#,
    ));
    let out = le_at(&env, &server.url(), &["get", "inv_1"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("run {le} sandbox reset"), "{err}");
}
