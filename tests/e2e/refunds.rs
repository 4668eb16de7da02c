//! `le refund` and `le rates` against a served sandbox.

use serde_json::Value;

use crate::common::*;

struct Shop {
    env: Env,
    served: Served,
}

impl Shop {
    fn new() -> Shop {
        let env = Env::new();
        let served = Served::start(&env, &["--rate-limit", "off", "--refund-delay", "1s"]);
        Shop { env, served }
    }

    fn le(&self, args: &[&str]) -> std::process::Output {
        self.env
            .le()
            .env("LIGHTNING_API_KEY", "k")
            .args(["--base-url", &self.served.url])
            .args(args)
            .output()
            .unwrap()
    }

    /// A paid payment, and a customer invoice worth `customer_sats`.
    fn paid(&self, order: &str, amount: &str, currency: &str) -> String {
        let p = self.served.http().create(order, amount, currency);
        let id = p["invoiceId"].as_str().unwrap().to_owned();
        self.served.http().pay(&id);
        id
    }

    /// The invoice a customer's wallet would give for a refund: here, one the sandbox
    /// made for an order of its own.
    fn customer_invoice(&self, amount: &str, currency: &str) -> String {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = self
            .served
            .http()
            .create(&format!("CUSTOMER-{n}"), amount, currency);
        p["lightningInvoice"].as_str().unwrap().to_owned()
    }
}

#[test]
fn refund_create_get_and_list() {
    let shop = Shop::new();
    let id = shop.paid("R-1", "10", "USD");
    let dest = shop.customer_invoice("4", "USD");
    let out = shop.le(&[
        "refund",
        "create",
        "--invoice",
        &id,
        "--amount",
        "4",
        "--currency",
        "usd",
        "--lightning-invoice",
        &dest,
        "--reason",
        "one cup spilled",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    for want in [
        "ref_",
        &id,
        "pending",
        "4.00 USD (4,000 sats)",
        "lightning",
        "one cup spilled",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    let out = shop.le(&["--json", "refund", "list", "--invoice", &id]);
    let r: Value = serde_json::from_str(stdout_of(&out).lines().next().unwrap()).unwrap();
    let rid = r["refundId"].as_str().unwrap().to_owned();
    assert!(eventually(std::time::Duration::from_secs(5), || {
        parse_json(&shop.le(&["--json", "refund", "get", &rid]).stdout)["status"] == "completed"
    }));
    let out = shop.le(&["refund", "get", &rid]);
    assert!(stdout_of(&out).contains("completed"), "{}", stdout_of(&out));
    // An on-chain refund of the rest, then the payment is fully refunded.
    let out = shop.le(&[
        "--json",
        "refund",
        "create",
        "--invoice",
        &id,
        "--amount",
        "6",
        "--currency",
        "USD",
        "--bitcoin-address",
        "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(parse_json(&out.stdout)["type"], "onchain");
    let out = shop.le(&["refund", "list"]);
    assert_eq!(
        stdout_of(&out).matches("ref_").count(),
        2,
        "{}",
        stdout_of(&out)
    );
    assert!(eventually(std::time::Duration::from_secs(5), || {
        parse_json(&shop.le(&["--json", "get", &id]).stdout)["status"] == "refunded"
    }));
    // watch ends on refunded with 12.
    assert_eq!(shop.le(&["watch", &id]).status.code(), Some(12));
}

#[test]
fn refund_inputs_are_checked_before_sending() {
    let shop = Shop::new();
    let id = shop.paid("R-2", "10", "EUR");
    let dest4 = shop.customer_invoice("4", "EUR");
    let base = |extra: &[&str]| {
        let mut v = vec!["refund", "create", "--invoice", &id];
        v.extend_from_slice(extra);
        shop.le(&v)
    };
    for (extra, says) in [
        (
            vec![
                "--amount",
                "5",
                "--currency",
                "EUR",
                "--lightning-invoice",
                &dest4,
            ],
            "asks for 4,348 sats but 5 EUR of this payment is worth 5,435 sats",
        ),
        (
            vec![
                "--amount",
                "4",
                "--currency",
                "USD",
                "--lightning-invoice",
                &dest4,
            ],
            "payment R-2",
        ),
        (
            vec![
                "--amount",
                "4.001",
                "--currency",
                "EUR",
                "--lightning-invoice",
                &dest4,
            ],
            "EUR takes at most 2",
        ),
        (
            vec![
                "--amount",
                "4",
                "--currency",
                "EUR",
                "--lightning-invoice",
                "lnbcrt1garbage",
            ],
            "--lightning-invoice",
        ),
        (
            vec![
                "--amount",
                "4",
                "--currency",
                "EUR",
                "--lightning-invoice",
                &dest4,
                "--bitcoin-address",
                "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080",
            ],
            "cannot be used with",
        ),
        (vec!["--amount", "4", "--currency", "EUR"], "required"),
        (
            vec![
                "--amount",
                "4",
                "--currency",
                "EUR",
                "--bitcoin-address",
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            ],
            "not an address on regtest",
        ),
        (
            vec![
                "--amount",
                "4",
                "--currency",
                "EUR",
                "--bitcoin-address",
                "not-an-address",
            ],
            "not a Bitcoin address",
        ),
    ] {
        let out = base(&extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        let says = if says == "payment R-2" {
            "is in EUR; refund it in EUR"
        } else {
            says
        };
        assert!(err.contains(says), "{extra:?}: {err}");
    }
    // A mainnet invoice for a regtest API.
    let mainnet = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh";
    let out = base(&[
        "--amount",
        "4",
        "--currency",
        "EUR",
        "--lightning-invoice",
        mainnet,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("is for bitcoin but this API pays on regtest"),
        "{}",
        stderr_of(&out)
    );
    let list = shop.le(&["--json", "refund", "list"]);
    assert!(stdout_of(&list).is_empty(), "nothing was sent");
}

#[test]
fn the_api_refusing_a_refund_is_exit_6() {
    let shop = Shop::new();
    let p = shop.served.http().create("R-3", "10", "USD");
    let id = p["invoiceId"].as_str().unwrap();
    let dest = shop.customer_invoice("10", "USD");
    let out = shop.le(&[
        "refund",
        "create",
        "--invoice",
        id,
        "--amount",
        "10",
        "--currency",
        "USD",
        "--lightning-invoice",
        &dest,
    ]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("PAYMENT_NOT_REFUNDABLE"));
    assert_eq!(
        shop.le(&["refund", "get", "ref_nope"]).status.code(),
        Some(5)
    );
    assert_eq!(
        shop.le(&["refund", "list", "--invoice", "inv_nope"])
            .status
            .code(),
        Some(5)
    );
}

#[test]
fn rerunning_a_refund_does_not_refund_twice() {
    let shop = Shop::new();
    let id = shop.paid("R-4", "10", "USD");
    let dest = shop.customer_invoice("3", "USD");
    let args = [
        "--json",
        "refund",
        "create",
        "--invoice",
        &id,
        "--amount",
        "3",
        "--currency",
        "USD",
        "--lightning-invoice",
        &dest,
    ];
    let a = shop.le(&args);
    let b = shop.le(&args);
    assert!(
        a.status.success() && b.status.success(),
        "{}",
        stderr_of(&b)
    );
    assert_eq!(
        parse_json(&a.stdout)["refundId"],
        parse_json(&b.stdout)["refundId"]
    );
    assert!(
        stderr_of(&b).is_empty(),
        "--json keeps stderr for errors: {}",
        stderr_of(&b)
    );
    let list = shop.le(&["--json", "refund", "list"]);
    assert_eq!(stdout_of(&list).lines().count(), 1);
}

#[test]
fn rates() {
    let env = Env::new();
    let out = env.le().args(["--sandbox", "rates"]).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    for want in ["USD", "100,000", "EUR", "92,000", "GBP", "80,000", "1000"] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    let out = env
        .le()
        .args(["--sandbox", "--json", "rates", "gbp"])
        .output()
        .unwrap();
    let r = parse_json(&out.stdout);
    assert_eq!(
        (r["currency"].as_str(), r["rate"].as_u64()),
        (Some("GBP"), Some(80000))
    );
    env.le()
        .args(["--sandbox", "rates", "BTC"])
        .assert()
        .code(2);
    env.le()
        .args(["--sandbox", "rates", "XYZ"])
        .assert()
        .code(2);
    // create shows the rate it was converted at.
    let out = env
        .le()
        .env("LE_SANDBOX_RATES", "USD=65000")
        .args([
            "--sandbox",
            "create",
            "--order",
            "RATE-1",
            "--amount",
            "13",
            "--currency",
            "USD",
        ])
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("13.00 USD (20,000 sats)"),
        "{}",
        stdout_of(&out)
    );
}
