use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;

fn watch(env: &Env, args: &[&str]) -> std::process::Output {
    env.le()
        .args(["--sandbox", "watch"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn paid_exits_0_and_prints_the_last_object_under_json() {
    let env = Env::new();
    let id = env.create("W-1")["invoiceId"].as_str().unwrap().to_owned();
    env.le().args(["sandbox", "pay", &id]).assert().success();
    let out = watch(&env, &[&id, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let p = parse_json(&out.stdout);
    assert_eq!(p["status"], "paid");
    assert!(p["paidAt"].is_string() && p["settledAt"].is_string());
}

#[test]
fn expired_exits_10() {
    let env = Env::new();
    let id = env.create("W-2")["invoiceId"].as_str().unwrap().to_owned();
    env.le().args(["sandbox", "expire", &id]).assert().success();
    let out = watch(&env, &[&id]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("expired"));
}

#[test]
fn a_payment_that_really_runs_out_of_time_exits_10() {
    let env = Env::new();
    let out = env
        .le()
        .env("LE_SANDBOX_EXPIRY", "2s")
        .args([
            "--sandbox",
            "--json",
            "create",
            "--order",
            "W-EXP",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    let p = parse_json(&out.stdout);
    let id = p["invoiceId"].as_str().unwrap();
    let out = watch(&env, &[id]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("unpaid") && err.contains("expired"),
        "one line per status: {err}"
    );
}

#[test]
fn timeout_exits_11() {
    let env = Env::new();
    let id = env.create("W-3")["invoiceId"].as_str().unwrap().to_owned();
    let started = Instant::now();
    let out = watch(&env, &[&id, "--timeout", "1s"]);
    assert_eq!(out.status.code(), Some(11), "{}", stderr_of(&out));
    // The 3 s poll interval is cut short by the 1 s timeout (with room for a slow machine).
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    assert!(stderr_of(&out).contains("gave up"), "{}", stderr_of(&out));
}

#[test]
fn other_final_statuses_exit_12() {
    for status in ["refunded", "underpaid"] {
        let env = Env::new();
        let server = Scripted::always(Step::json(200, &payment_body("inv_1", status)));
        let out = env
            .le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--base-url", &server.url(), "watch", "inv_1", "--json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(12), "{status}: {}", stderr_of(&out));
        assert_eq!(parse_json(&out.stdout)["status"], status);
    }
}

#[test]
fn intervals_below_3s_are_refused() {
    let env = Env::new();
    env.le()
        .args(["--sandbox", "watch", "inv_1", "--interval", "1s"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--interval"));
}

#[test]
fn follows_a_payment_until_it_is_paid() {
    let env = Env::new();
    let id = env.create("W-4")["invoiceId"].as_str().unwrap().to_owned();
    let mut child = env
        .le_std()
        .args(["--sandbox", "watch", &id])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Pay only once watch has seen it unpaid.
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut err, &mut first).unwrap();
    assert!(first.contains(": unpaid"), "{first}");
    env.le().args(["sandbox", "pay", &id]).assert().success();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{rest}");
    assert!(rest.contains(": paid"), "{rest}");
}

#[test]
fn ctrl_c_exits_130() {
    let env = Env::new();
    let id = env.create("W-5")["invoiceId"].as_str().unwrap().to_owned();
    let mut child = env
        .le_std()
        .args(["--sandbox", "watch", &id])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Its first status line means the signal handler is in place (it is set before the
    // first poll).
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut err, &mut first).unwrap();
    assert!(first.contains("unpaid"), "{first}");
    interrupt(&child);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
}

#[test]
fn keeps_watching_through_an_outage() {
    let env = Env::new();
    let server = Scripted::start(
        vec![
            Step::json(200, &payment_body("inv_1", "unpaid")),
            Step::Drop,
            Step::Drop,
            Step::Drop,
            Step::Drop,
            Step::json(503, ""),
        ],
        Step::json(200, &payment_body("inv_1", "paid")),
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.url(), "watch", "inv_1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("still trying"),
        "{}",
        stderr_of(&out)
    );
}

/// While `watch` waits, the same payment turns into a smaller one (another amount, another
/// invoice that agrees with it) and is then "paid": never exit 0, which would have a
/// script fulfil an order paid at half its price.
#[test]
fn watch_never_reports_paid_for_a_payment_whose_amount_changed_while_watched() {
    let env = Env::new();
    let server = Scripted::with(|_, n| {
        if n == 0 {
            Step::json(200, &payment_of("inv_1", "W-1", "10", "USD", "unpaid"))
        } else {
            Step::json(200, &payment_of("inv_1", "W-1", "5", "USD", "paid"))
        }
    });
    let out = le_at(
        &env,
        &server.url(),
        &[
            "--json",
            "watch",
            "inv_1",
            "--interval",
            "3s",
            "--timeout",
            "20s",
        ],
    );
    assert_ne!(
        out.status.code(),
        Some(0),
        "stdout {}\nstderr {}",
        stdout_of(&out),
        stderr_of(&out)
    );
}

/// The README: "A payment being watched keeps its order, amount, currency and invoice:
/// one that changes while `watch` waits is exit 20, never PAID." That holds for the
/// invoice itself, not only its id: a later answer with the same order and amount but
/// another (valid, self-consistent) BOLT11 invoice, now paid, is exit 20. The customer
/// scanned the first invoice; `watch` (and `create --watch`, and `le pos`, which keeps
/// drawing the first code) never says PAID for a payment whose invoice nobody was shown.
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

#[test]
fn not_found_is_not_waited_on() {
    let env = Env::new();
    let out = watch(&env, &["inv_missing"]);
    assert_eq!(out.status.code(), Some(5));
}

#[test]
fn watching_many_reports_each_change_and_exits_by_the_worst() {
    let env = Env::new();
    let a = env.create("M-1")["invoiceId"].as_str().unwrap().to_owned();
    let b = env.create("M-2")["invoiceId"].as_str().unwrap().to_owned();
    env.create("M-3");
    let child = env
        .le_std()
        .args(["--sandbox", "watch", &a, &b, "--order", "M-3"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    env.le().args(["sandbox", "pay", &a]).assert().success();
    env.le().args(["sandbox", "expire", &b]).assert().success();
    let c = env.sandbox_json(&["get-order", "M-3"])["invoiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    env.le().args(["sandbox", "pay", &c]).assert().success();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(10),
        "one expired: {}",
        stderr_of(&out)
    );
    let lines: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let last = lines.last().unwrap();
    assert_eq!(
        last["summary"],
        serde_json::json!({"paid": 2, "expired": 1, "other": 0, "unsettled": 0})
    );
    let finals: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["status"] == "paid" || l["status"] == "expired")
        .map(|l| {
            (
                l["invoiceId"].as_str().unwrap(),
                l["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        finals.contains(&(a.as_str(), "paid"))
            && finals.contains(&(b.as_str(), "expired"))
            && finals.contains(&(c.as_str(), "paid")),
        "{lines:?}"
    );
}

#[test]
fn watching_a_batch_s_output_and_sharing_the_allowance() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off"]);
    let csv = env.write(
        "o.csv",
        "order,amount,currency\nW-1,1,USD\nW-2,2,USD\nW-3,3,USD\n",
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args(["--base-url", &served.url, "create", "--from"])
        .arg(&csv)
        .output()
        .unwrap();
    let ids: Vec<String> = stdout_of(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["payment"]["invoiceId"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    for id in &ids {
        served.http().pay(id);
    }
    // 60 reads a minute for three payments: one request a second, shared.
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &served.url,
            "--verbose",
            "watch",
            "--from",
            "-",
            "--reads-per-minute",
            "60",
        ])
        .write_stdin(stdout_of(&out))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let times: Vec<jiff::Timestamp> = stdout_of(&out)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["at"].as_str().map(|s| s.parse().unwrap()))
        .collect();
    assert_eq!(times.len(), 3);
    for w in times.windows(2) {
        assert!(
            // Taken when each answer came: a slow first answer on a busy machine narrows
            // the gap a little.
            w[1].duration_since(w[0]).as_millis() >= 700,
            "requests a second apart: {times:?}"
        );
    }
    assert_eq!(
        stderr_of(&out).matches("> GET").count(),
        3,
        "one read each: all were already paid"
    );
}

#[test]
fn watching_many_with_one_unknown_is_exit_12() {
    let env = Env::new();
    let a = env.create("U-1")["invoiceId"].as_str().unwrap().to_owned();
    env.le().args(["sandbox", "pay", &a]).assert().success();
    let out = env
        .le()
        .args(["--sandbox", "watch", &a, "inv_nope", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(12), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("SETTLEMENT_NOT_FOUND"));
    // A refused key stops it at once, with the auth exit code.
    let served = Served::start(&env, &["--rate-limit", "off", "--api-key", "good"]);
    let started = std::time::Instant::now();
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "bad")
        .args([
            "--base-url",
            &served.url,
            "watch",
            "inv_1",
            "inv_2",
            "inv_3",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
