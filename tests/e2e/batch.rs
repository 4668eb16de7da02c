//! `le create --from`: batches that ride the rate limit and never create an order twice.

use serde_json::{Value, json};

use crate::common::*;

fn csv(rows: usize, prefix: &str) -> String {
    let mut s = String::from("order,amount,currency,description,metadata.table\n");
    for i in 1..=rows {
        s.push_str(&format!(
            "{prefix}-{i},{i}.25,EUR,\"batch, row {i}\",{}\n",
            i % 7
        ));
    }
    s
}

fn lines(out: &std::process::Output) -> Vec<Value> {
    stdout_of(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn sandbox_orders(served: &Served) -> Vec<String> {
    let a = raw_http(
        served.addr,
        "GET",
        "/sandbox/payments",
        &[("X-API-Key", "k")],
        "",
    );
    let v: Value = serde_json::from_str(body_of(&a)).unwrap();
    v["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["orderId"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_batch_rides_the_rate_limit_in_input_order_and_reruns_skip() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "create=8/1s"]);
    let input = env.write("orders.csv", &(csv(20, "B") + "B-bad,1.234,EUR,x,1\n"));
    let run = || {
        env.le()
            .env("LIGHTNING_API_KEY", "k")
            .args(["--base-url", &served.url, "--verbose", "create", "--from"])
            .arg(&input)
            .output()
            .unwrap()
    };
    let out = run();
    assert_eq!(
        out.status.code(),
        Some(2),
        "the bad row's exit code: {}",
        stderr_of(&out)
    );
    let rows = lines(&out);
    assert_eq!(rows.len(), 21);
    let orders: Vec<&str> = rows.iter().map(|r| r["order"].as_str().unwrap()).collect();
    let expected: Vec<String> = (1..=20)
        .map(|i| format!("B-{i}"))
        .chain(["B-bad".to_owned()])
        .collect();
    assert_eq!(orders, expected, "input order");
    assert!(
        rows[..20]
            .iter()
            .all(|r| r["ok"] == true && r["payment"]["invoiceId"].is_string())
    );
    assert_eq!(rows[0]["payment"]["metadata"]["table"], "1");
    assert_eq!(rows[0]["payment"]["description"], "batch, row 1");
    assert_eq!(rows[0]["row"], 2, "line numbers as an editor shows them");
    assert_eq!(rows[20]["ok"], false);
    assert!(
        rows[20]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("EUR takes at most 2")
    );
    // Paced by the headers: the API never had to refuse a request.
    let err = stderr_of(&out);
    assert!(
        !err.contains("RATE_LIMIT_EXCEEDED") && !err.contains("429 Too Many"),
        "{err}"
    );
    assert_eq!(err.matches("> POST").count(), 20);
    assert!(
        err.contains(
            "20 created, 0 made before (idempotent replay), 0 found after an interrupted run, 0 already done (journal), 1 failed"
        ),
        "{err}"
    );
    let mut made = sandbox_orders(&served);
    made.sort();
    assert_eq!(made.len(), 20);

    let again = run();
    let rows = lines(&again);
    assert!(rows[..20].iter().all(|r| r["skipped"] == true), "{rows:?}");
    assert_eq!(
        stderr_of(&again).matches("> POST").count(),
        0,
        "nothing sent for rows already done"
    );
    assert_eq!(sandbox_orders(&served).len(), 20);
}

#[test]
fn an_interrupted_batch_rerun_finishes_without_duplicates() {
    let env = Env::new();
    // Slow enough to interrupt halfway.
    let served = Served::start(&env, &["--rate-limit", "create=5/1s"]);
    let input = env.write("orders.csv", &csv(15, "INT"));
    let mut child = env
        .le_std()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &served.url, "create", "--from"])
        .arg(&input)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut out, &mut first).unwrap();
    assert!(first.contains("INT-1"), "{first}");
    interrupt(&child);
    assert_eq!(child.wait().unwrap().code(), Some(130));
    let before = sandbox_orders(&served).len();
    assert!((1..15).contains(&before), "interrupted partway: {before}");
    let done = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &served.url, "create", "--from"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(done.status.success(), "{}", stderr_of(&done));
    assert_eq!(lines(&done).len(), 15);
    let mut made = sandbox_orders(&served);
    made.sort();
    made.dedup();
    assert_eq!(made.len(), 15);
    assert_eq!(sandbox_orders(&served).len(), 15, "no order twice");
}

#[test]
fn ndjson_from_stdin_unordered_with_a_journal() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let journal = env.path("j.ndjson");
    let input: String = (1..=12)
        .map(|i| format!("{{\"orderId\":\"N-{i}\",\"amount\":{i},\"currency\":\"sats\",\"metadata\":{{\"i\":{i}}}}}\n"))
        .collect::<String>()
        + "{\"orderId\":\"N-13\",\"amount\":1,\"currency\":\"sats\",\"colour\":\"red\"}\nnot json\n";
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &served.url,
            "create",
            "--from",
            "-",
            "--unordered",
            "--journal",
        ])
        .arg(&journal)
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let rows = lines(&out);
    assert_eq!(rows.len(), 14);
    assert_eq!(rows.iter().filter(|r| r["ok"] == true).count(), 12);
    let bad: Vec<&Value> = rows.iter().filter(|r| r["ok"] == false).collect();
    assert!(bad.iter().any(|r| {
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown column 'colour'")
    }));
    assert!(bad.iter().any(|r| {
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("line 14 is not a JSON object")
    }));
    // Each order: the create about to be sent, then its payment once confirmed.
    let journal_text = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(journal_text.matches(r#""state":"sending""#).count(), 12);
    assert_eq!(journal_text.matches(r#""state":"done""#).count(), 12);
    let again = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &served.url,
            "create",
            "--from",
            "-",
            "--journal",
        ])
        .arg(&journal)
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        lines(&again)
            .iter()
            .filter(|r| r["skipped"] == true)
            .count(),
        12
    );
}

#[test]
fn batch_input_problems_exit_2() {
    let env = Env::new();
    for (args, says) in [
        (
            vec!["create", "--from", "/nonexistent.csv"],
            "cannot read --from /nonexistent.csv",
        ),
        (
            vec!["create", "--from", "x.csv", "--order", "O-1"],
            "cannot be used with",
        ),
        (
            vec![
                "create",
                "--order",
                "O-1",
                "--amount",
                "1",
                "--currency",
                "USD",
                "--unordered",
            ],
            "--from",
        ),
        (
            vec!["create", "--from", "x.csv", "--concurrency", "0"],
            "--concurrency",
        ),
    ] {
        env.le()
            .args(["--sandbox"])
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says));
    }
    let empty = env.write("empty.csv", "order,amount,currency\n");
    env.le()
        .args(["--sandbox", "create", "--from"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no rows"));
}

/// `--journal` naming a file that is not a journal: refused, and the file left as it was.
#[test]
fn a_journal_path_naming_another_file_never_changes_it() {
    let env = Env::new();
    let notes = env.write("notes.txt", "keep this line\nand this one too");
    let input = env.write("rows.csv", "order,amount,currency\nJ-1,10,USD\n");
    let out = env
        .le()
        .args(["--sandbox", "create", "--from"])
        .arg(&input)
        .arg("--journal")
        .arg(&notes)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "keep this line\nand this one too",
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn an_early_failure_does_not_turn_pacing_off() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "create=5/1s"]);
    // The first row's order already has a live payment: 409, with no rate-limit news.
    served.http().create("EARLY-0", "1", "EUR");
    let mut text = String::from("order,amount,currency\nEARLY-0,2,EUR\n");
    for i in 1..=15 {
        text.push_str(&format!("EARLY-{i},1,EUR\n"));
    }
    let input = env.write("early.csv", &text);
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &served.url, "--verbose", "create", "--from"])
        .arg(&input)
        .output()
        .unwrap();
    // The first row's order has a payment for another amount: a conflict (14), not ok.
    assert_eq!(out.status.code(), Some(14), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(!err.contains("< 429"), "refused while pacing: {err}");
    let rows = lines(&out);
    assert_eq!(rows[0]["ok"], false);
    assert_eq!(rows[0]["error"]["code"], "ORDER_CONFLICT");
    assert_eq!(rows.iter().filter(|r| r["ok"] == true).count(), 15);
}

#[test]
fn repeated_orders_changed_rows_crlf_and_dry_runs() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let input = env.write("o.csv", "order,amount,currency,description\r\nR-1,1,USD,first\r\nR-2,2,USD,x\r\nR-1,1,USD,again\r\n");
    let run = || {
        env.le()
            .env("LIGHTNING_API_KEY", "k")
            .args(["--base-url", &served.url, "create", "--from"])
            .arg(&input)
            .output()
            .unwrap()
    };
    let out = run();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let rows = lines(&out);
    assert_eq!(
        rows.iter()
            .map(|r| r["row"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![2, 3, 4],
        "CRLF lines"
    );
    assert!(
        rows[2]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("appears again (first at row 2)")
    );
    // The row is reported under its order, for a script that matches rows by order.
    assert_eq!(rows[2]["order"], "R-1");
    assert_eq!(sandbox_orders(&served).len(), 2);
    // A fixed typo in an order already done: skipped by order id, and said so.
    std::fs::write(
        &input,
        "order,amount,currency,description\nR-1,1,USD,first (fixed)\nR-2,2,USD,x\n",
    )
    .unwrap();
    let rows = lines(&run());
    assert_eq!(rows[0]["skipped"], true);
    assert!(rows[0]["note"].as_str().unwrap().contains("other details"));
    assert_eq!(sandbox_orders(&served).len(), 2);
    env.le()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &served.url, "--dry-run", "create", "--from"])
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("single create"));
}

/// Runs a batch of `csv` against `server` twice, as a person reruns a batch: the first
/// run refuses its row (exit 20); the second run's output.
fn rerun_after_a_refusal(env: &Env, server: &Scripted, csv: &str) -> std::process::Output {
    let input = env.write("rows.csv", csv);
    let run = || {
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url(), "create", "--from"])
            .arg(&input)
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(first.status.code(), Some(20), "{}", stderr_of(&first));
    run()
}

/// The first run refuses a create whose answer disagrees (exit 20). Rerunning the same
/// batch must not turn that refusal into `ok: true`.
#[test]
fn rerunning_a_batch_does_not_launder_a_refused_answer() {
    let env = Env::new();
    // Every create and every read of the order answers amount 20 for the order asked,
    // whatever amount was asked for; the invoice agrees with 20.
    let server = Scripted::with(|req, _| {
        let path = req.path.clone();
        if req.method == "POST" {
            let b = req.json();
            Step::json(
                201,
                &payment_of(
                    "inv_1",
                    b["orderId"].as_str().unwrap(),
                    "20",
                    "USD",
                    "unpaid",
                ),
            )
        } else if let Some(order) = path.strip_prefix("/api/payments/order/") {
            Step::json(200, &payment_of("inv_1", order, "20", "USD", "unpaid"))
        } else {
            Step::json(200, &payment_of("inv_1", "R-1", "20", "USD", "unpaid"))
        }
    });
    let second = rerun_after_a_refusal(&env, &server, "order,amount,currency\nR-1,10,USD\n");
    let row = &lines(&second)[0];
    assert_eq!(
        second.status.code(),
        Some(20),
        "rerun: {row}\n{}",
        stderr_of(&second)
    );
    assert_eq!(row["ok"], false, "{row}");
}

/// The first run refuses a row's invoice (exit 20), and the journal says `done` for the
/// row all the same: rerunning the batch does not skip it as made, nor call it ok.
#[test]
fn rerunning_a_batch_does_not_skip_a_row_whose_invoice_was_refused() {
    let env = Env::new();
    let server = Scripted::with(|req, _| {
        let b = req.json();
        let mut p: Value = serde_json::from_str(&payment_of(
            "inv_1",
            b["orderId"].as_str().unwrap(),
            "10",
            "USD",
            "unpaid",
        ))
        .unwrap();
        p["amountSats"] = json!(5000);
        Step::json(201, &p.to_string())
    });
    let second = rerun_after_a_refusal(&env, &server, "order,amount,currency\nS-1,10,USD\n");
    let row = &lines(&second)[0];
    assert_ne!(second.status.code(), Some(0), "rerun: {row}");
    assert_ne!(row["ok"], true, "{row}");
}
