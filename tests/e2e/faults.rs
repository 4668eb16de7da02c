//! Hundreds of creates through a sandbox that fails on purpose, judged by the sandbox's
//! own state: every order that `le` reports exists exactly once, with the id `le` printed,
//! and no failure `le` reports hides an order it did not warn about.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::common::*;

const CREATES: usize = 300;

/// What one `le create` said.
struct Run {
    order: String,
    code: i32,
    stdout: String,
    stderr: String,
}
const WORKERS: usize = 6;

#[test]
fn every_order_exists_once_and_every_exit_code_tells_the_truth() {
    let env = Arc::new(Env::new());
    let served = Served::start(
        &env,
        &["--rate-limit", "off", "--fail-rate", "0.3", "--stall", "3s"],
    );
    let url = served.url.clone();
    let results: Arc<Mutex<Vec<Run>>> = Arc::new(Mutex::new(Vec::new()));
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (env, url, results, next) =
                (env.clone(), url.clone(), results.clone(), next.clone());
            std::thread::spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    if i >= CREATES {
                        return;
                    }
                    let order = format!("FAULT-{i:04}");
                    let amount = format!("{}.{:02}", 1 + i % 50, i % 100);
                    let out = env
                        .le()
                        .env("LIGHTNING_API_KEY", "k")
                        .args(["--base-url", &url, "--json", "--request-timeout", "1s"])
                        .args([
                            "create",
                            "--order",
                            &order,
                            "--amount",
                            &amount,
                            "--currency",
                            "USD",
                        ])
                        .output()
                        .unwrap();
                    let code = out.status.code().unwrap_or(-1);
                    results.lock().unwrap().push(Run {
                        order,
                        code,
                        stdout: stdout_of(&out),
                        stderr: stderr_of(&out),
                    });
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }

    // The sandbox's own record, through a control route that is never failed.
    let answer = raw_http(
        served.addr,
        "GET",
        "/sandbox/payments",
        &[("X-API-Key", "k")],
        "",
    );
    let state: Value = serde_json::from_str(body_of(&answer)).unwrap();
    let mut by_order: HashMap<String, Vec<String>> = HashMap::new();
    for p in state["payments"].as_array().unwrap() {
        by_order
            .entry(p["orderId"].as_str().unwrap().to_owned())
            .or_default()
            .push(p["invoiceId"].as_str().unwrap().to_owned());
    }
    let results = results.lock().unwrap();
    assert_eq!(results.len(), CREATES);
    let mut succeeded = 0;
    let mut warned = 0;
    for Run {
        order,
        code,
        stdout,
        stderr,
    } in results.iter()
    {
        let made = by_order.get(order).cloned().unwrap_or_default();
        assert!(
            made.len() <= 1,
            "{order} exists {} times: {made:?}",
            made.len()
        );
        match code {
            0 => {
                succeeded += 1;
                let p = parse_json(stdout.as_bytes());
                assert_eq!(
                    made,
                    vec![p["invoiceId"].as_str().unwrap().to_owned()],
                    "{order}: le said {p}"
                );
            }
            3 | 6 => {
                let e = parse_json(stderr.as_bytes());
                let message = e["error"]["message"].as_str().unwrap_or_default();
                if !made.is_empty() {
                    // It exists though le failed: le must have said it might.
                    assert!(
                        message.contains("may have been created"),
                        "{order} exists but le said: {e}"
                    );
                    warned += 1;
                }
            }
            other => panic!("{order}: unexpected exit {other}: {stderr}"),
        }
    }
    eprintln!(
        "{CREATES} creates at a 30% fault rate: {succeeded} succeeded, {} failed ({warned} of them with a payment le warned about), {} payments in the sandbox",
        CREATES - succeeded,
        by_order.len()
    );
    // Every kind of fault is retried within the create's time budget (500 included),
    // with a look at the order before each retry when an answer may have been lost.
    assert!(
        succeeded * 100 >= CREATES * 99,
        "only {succeeded} of {CREATES} succeeded"
    );
    assert_eq!(
        by_order.len(),
        results.iter().filter(|r| r.code == 0).count() + warned
    );
}
