//! The sale at the till, as a shop owner meets it: a real terminal of a real size, the
//! QR code read from the screen as a phone would read it, and no old payment ever
//! looking like a new sale.

use std::time::Duration;

use serde_json::Value;

use crate::common::*;
use crate::pty::{Pty, Theme};

const WAIT: Duration = Duration::from_secs(30);

/// The invoice id shown on the screen.
fn invoice_id_on(pty: &Pty) -> String {
    invoice_id_in(&pty.screen())
}

/// The first invoice id in a text.
fn invoice_id_in(text: &str) -> String {
    let start = text
        .find("inv_")
        .unwrap_or_else(|| panic!("no invoice id in:\n{text}"));
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn invoice_of(env: &Env, id: &str) -> String {
    env.sandbox_json(&["get", id])["lightningInvoice"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn uri(invoice: &str) -> String {
    format!("lightning:{invoice}").to_ascii_uppercase()
}

/// `le --sandbox create --order ORDER --amount 3.50 --currency USD --watch` at 100×40,
/// once its spinner counts down.
fn create_watch(env: &Env, order: &str) -> Pty {
    let pty = Pty::le(
        env,
        &[
            "--sandbox",
            "create",
            "--order",
            order,
            "--amount",
            "3.50",
            "--currency",
            "USD",
            "--watch",
        ],
        &[],
        40,
        100,
    );
    assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
    pty
}

/// `le --sandbox pos --currency USD` at 100×40, once it asks for the first amount.
fn sandbox_till(env: &Env) -> Pty {
    let pty = Pty::le(
        env,
        &["--sandbox", "pos", "--currency", "USD"],
        &[],
        40,
        100,
    );
    assert!(pty.wait_for("Amount in USD", WAIT), "{}", pty.screen());
    pty
}

#[test]
fn create_watch_at_100x40_keeps_summary_qr_and_spinner_in_view_and_the_code_scans() {
    let env = Env::new();
    let mut pty = create_watch(&env, "TILL-1");
    let screen = pty.screen();
    let id = invoice_id_on(&pty);
    assert!(screen.contains("3.50 USD"), "{screen}");
    assert!(screen.contains("TILL-1"), "{screen}");
    assert!(
        screen.contains(&format!("{id}: unpaid")),
        "the spinner: {screen}"
    );
    let decoded = pty
        .qr(Theme::Dark)
        .unwrap_or_else(|| panic!("no QR code on:\n{screen}"));
    assert_eq!(decoded, uri(&invoice_of(&env, &id)));
    // The customer pays; the end is unmistakable, and the code is gone: nothing on the
    // screen can be scanned and paid again.
    env.sandbox_json(&["sandbox", "pay", &id]);
    assert!(pty.wait_for("PAID  3.50 USD", WAIT), "{}", pty.screen());
    assert_eq!(pty.wait(WAIT), Some(0));
    assert!(pty.raw().contains(&7u8), "the bell rings");
    let screen = pty.screen();
    assert_eq!(pty.qr(Theme::Dark), None, "a QR code after PAID:\n{screen}");
    assert!(!screen.contains('▀') && !screen.contains('▄'), "{screen}");
    assert!(
        screen.contains("Status") && screen.contains("paid"),
        "the summary stays: {screen}"
    );
}

#[test]
fn every_end_of_a_watched_sale_takes_the_code_off_the_screen() {
    let env = Env::new();
    let start = |order: &str| {
        let pty = create_watch(&env, order);
        assert!(pty.qr(Theme::Dark).is_some(), "{}", pty.screen());
        let id = invoice_id_on(&pty);
        (pty, id)
    };
    // Expired.
    let (mut pty, id) = start("END-1");
    env.sandbox_json(&["sandbox", "expire", &id]);
    assert!(pty.wait_for("EXPIRED", WAIT), "{}", pty.screen());
    assert_eq!(pty.wait(WAIT), Some(10));
    assert_eq!(pty.qr(Theme::Dark), None, "{}", pty.screen());
    // Underpaid.
    let (mut pty, id) = start("END-2");
    env.sandbox_json(&["sandbox", "underpay", &id]);
    assert!(pty.wait_for("UNDERPAID", WAIT), "{}", pty.screen());
    assert_eq!(pty.wait(WAIT), Some(12));
    assert_eq!(pty.qr(Theme::Dark), None, "{}", pty.screen());
    // Ctrl-C: the code goes, and what is left says where the money is and how to go on.
    let (mut pty, id) = start("END-3");
    pty.send(b"\x03");
    assert_eq!(pty.wait(WAIT), Some(130));
    let screen = pty.screen();
    assert_eq!(pty.qr(Theme::Dark), None, "{screen}");
    assert!(
        screen.contains(&format!(
            "stopped watching payment {id}, which is still unpaid"
        )),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("le --sandbox watch {id} --qr auto")),
        "{screen}"
    );
    // Following it brings the code back, for the same payment.
    let mut pty = Pty::le(
        &env,
        &["--sandbox", "watch", &id, "--qr", "auto"],
        &[],
        40,
        100,
    );
    assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
    assert_eq!(pty.qr(Theme::Dark), Some(uri(&invoice_of(&env, &id))));
    pty.send(b"\x03");
    assert_eq!(pty.wait(WAIT), Some(130));
}

/// A server that makes payment `inv_1` for whatever order is asked, then, read back,
/// says `inv_1` is paid: but that paid payment is another order, for one cent, with an
/// invoice of its own that agrees with that cent. Every answer is well formed; only the
/// identity changed between the create and the read after it.
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
/// one that changes while `watch` waits is exit 20, never PAID". The first poll is
/// compared with the payment just created, so this is exit 20, never a PAID banner under
/// which the cashier hands over the goods for a sale nobody paid. The same holds for
/// `le watch ID --qr always`: the loop's first answer is compared with the read whose
/// code was shown.
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
    let server = Scripted::with(|_, n| {
        if n == 0 {
            Step::json(200, &payment_of("inv_1", "T-1", "3.50", "USD", "unpaid"))
        } else {
            Step::json(
                200,
                &payment_of("inv_1", "SOMEONE-ELSE", "0.01", "USD", "paid"),
            )
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

#[test]
fn a_sigterm_during_a_watched_sale_gives_the_screen_back_and_says_where_the_money_is() {
    let env = Env::new();
    let pty = create_watch(&env, "TERM-1");
    let id = invoice_id_on(&pty);
    let mut pty = pty;
    pty.signal("TERM");
    assert_eq!(pty.wait(WAIT), Some(130));
    assert!(
        !pty.with_screen(|s| s.alternate_screen()),
        "{}",
        pty.screen()
    );
    let screen = pty.screen();
    assert_eq!(pty.qr(Theme::Dark), None, "{screen}");
    assert!(
        screen.contains(&format!("le --sandbox watch {id} --qr auto")),
        "{screen}"
    );
}

#[test]
fn a_reused_order_leads_with_no_new_payment_and_shows_no_code() {
    let env = Env::new();
    let p = env.create("REUSE-1");
    env.sandbox_json(&["sandbox", "pay", p["invoiceId"].as_str().unwrap()]);
    let mut pty = Pty::le(
        &env,
        &[
            "--sandbox",
            "create",
            "--order",
            "REUSE-1",
            "--amount",
            "49.99",
            "--currency",
            "USD",
            "--watch",
        ],
        &[],
        40,
        100,
    );
    assert_eq!(pty.wait(WAIT), Some(13));
    let screen = pty.screen();
    let banner = screen
        .find("PAID BEFORE")
        .unwrap_or_else(|| panic!("{screen}"));
    let table = screen.find("Status").unwrap_or_else(|| panic!("{screen}"));
    assert!(banner < table, "the banner leads:\n{screen}");
    assert!(screen.contains("no new payment was taken"), "{screen}");
    assert_eq!(pty.qr(Theme::Dark), None, "{screen}");
    assert!(
        !screen.contains("lnbcrt"),
        "no invoice of the old payment: {screen}"
    );
}

#[test]
fn at_80x24_le_says_what_the_code_needs_and_keeps_the_invoice() {
    let env = Env::new();
    let mut pty = Pty::le(
        &env,
        &[
            "--sandbox",
            "create",
            "--order",
            "SMALL-1",
            "--amount",
            "3.50",
            "--currency",
            "USD",
        ],
        &[],
        24,
        80,
    );
    assert_eq!(pty.wait(WAIT), Some(0));
    let out = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(out.contains("does not fit"), "{out}");
    assert!(out.contains("80 × 24") && out.contains("--qr-svg"), "{out}");
    assert!(
        out.contains("lnbcrt"),
        "the invoice string is still there: {out}"
    );
    assert!(
        !out.contains('▀') && !out.contains('▄'),
        "no code cut short"
    );
}

#[test]
fn the_code_scans_on_light_and_dark_terminals_without_colour_and_on_a_dumb_one() {
    let env = Env::new();
    let p = env.create("INK-1");
    let id = p["invoiceId"].as_str().unwrap().to_owned();
    let want = uri(p["lightningInvoice"].as_str().unwrap());
    let args = ["--sandbox", "get", id.as_str(), "--qr", "always"];
    for (theme, answer) in [
        (Theme::Light, "ffff/ffff/ffff"),
        (Theme::Dark, "0000/0000/0000"),
    ] {
        let mut pty = Pty::run_as(
            &env,
            bin(),
            &args,
            &[("NO_COLOR", "1")],
            40,
            100,
            Some(answer),
        );
        assert_eq!(pty.wait(WAIT), Some(0), "{}", pty.screen());
        assert_eq!(
            pty.qr(theme).as_deref(),
            Some(want.as_str()),
            "{theme:?} terminal:\n{}",
            pty.screen()
        );
        assert!(
            !String::from_utf8_lossy(&pty.raw()).contains("\u{1b}[3"),
            "NO_COLOR: no colours"
        );
    }
    // A dumb terminal cannot be asked: the usual dark theme is assumed, and said.
    let mut pty = Pty::le(&env, &args, &[("TERM", "dumb")], 40, 100);
    assert_eq!(pty.wait(WAIT), Some(0));
    assert_eq!(
        pty.qr(Theme::Dark).as_deref(),
        Some(want.as_str()),
        "{}",
        pty.screen()
    );
    assert!(
        !pty.raw().contains(&0x1b),
        "no escape sequences for a dumb terminal"
    );
    assert!(pty.screen().contains("LE_QR_INK=dark"), "{}", pty.screen());
    let mut pty = Pty::le(
        &env,
        &args,
        &[("TERM", "dumb"), ("LE_QR_INK", "dark")],
        40,
        100,
    );
    assert_eq!(pty.wait(WAIT), Some(0));
    assert_eq!(
        pty.qr(Theme::Light).as_deref(),
        Some(want.as_str()),
        "{}",
        pty.screen()
    );
}

/// On a terminal without colour that does not say its background (`NO_COLOR`, no answer
/// to OSC 11: many terminals, and `TERM=dumb`), `create --watch` prints a two-line hint
/// about `LE_QR_INK` between the QR code and the spinner. The layout counts those rows:
/// at the sizes where le decides everything just fits (100×34 and about), the compact
/// summary (amount, invoice id, order, expiry) stays on screen, never scrolled off the
/// top unsaid.
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

#[test]
fn get_and_watch_show_the_code_again_for_a_customer_who_walked_off() {
    let env = Env::new();
    let p = env.create("AGAIN-1");
    let id = p["invoiceId"].as_str().unwrap().to_owned();
    let want = uri(p["lightningInvoice"].as_str().unwrap());
    let mut pty = Pty::le(
        &env,
        &["--sandbox", "watch", &id, "--qr", "always"],
        &[],
        40,
        100,
    );
    assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
    assert_eq!(
        pty.qr(Theme::Dark).as_deref(),
        Some(want.as_str()),
        "{}",
        pty.screen()
    );
    env.sandbox_json(&["sandbox", "pay", &id]);
    assert_eq!(pty.wait(WAIT), Some(0));
    // Paid: nothing to scan any more.
    let mut pty = Pty::le(
        &env,
        &["--sandbox", "get", &id, "--qr", "always"],
        &[],
        40,
        100,
    );
    assert_eq!(pty.wait(WAIT), Some(0));
    assert_eq!(pty.qr(Theme::Dark), None);
}

#[test]
fn create_watch_under_json_prints_the_created_and_the_final_object() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off", "--auto-pay-after", "2s"]);
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", "k")
        .args([
            "--base-url",
            &served.url,
            "--json",
            "create",
            "--order",
            "J-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .args(["--watch", "--qr", "always"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let lines: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{}", stdout_of(&out));
    assert_eq!(lines[0]["status"], "unpaid");
    assert_eq!(lines[1]["status"], "paid");
    assert_eq!(lines[0]["invoiceId"], lines[1]["invoiceId"]);
    // stderr carries JSON lines only: no QR code there.
    assert!(!stderr_of(&out).contains('█'), "{}", stderr_of(&out));
    // Not paid in time: 11, as watch.
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "J-2",
            "--amount",
            "1",
            "--currency",
            "USD",
            "--watch",
            "--timeout",
            "2s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11), "{}", stderr_of(&out));
}

#[test]
fn an_order_paid_before_is_never_a_new_sale() {
    let env = Env::new();
    let sale = |amount: &str, extra: &[&str]| {
        env.le()
            .args([
                "--sandbox",
                "create",
                "--order",
                "T-1",
                "--amount",
                amount,
                "--currency",
                "USD",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let first = sale("3.50", &["--json"]);
    let id = parse_json(&first.stdout)["invoiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    env.sandbox_json(&["sandbox", "pay", &id]);
    // The next customer, the same order id: the same amount (the API replays: paid
    // before, 13), and another (the API refuses a second payment for the order: a
    // conflict, 14, both amounts named). Neither is a new sale.
    for (amount, code) in [("3.50", 13), ("7.00", 14)] {
        for extra in [&[][..], &["--watch"][..]] {
            let started = std::time::Instant::now();
            let out = sale(amount, extra);
            assert_eq!(
                out.status.code(),
                Some(code),
                "{amount} {extra:?}: {}",
                stderr_of(&out)
            );
            let err = stderr_of(&out);
            assert!(err.contains("no new payment was taken"), "{err}");
            if code == 13 {
                assert!(err.contains("order T-1 was paid at"), "{err}");
            } else {
                assert!(
                    err.contains("3.50 USD") && err.contains("7.00 USD"),
                    "{err}"
                );
            }
            assert!(!err.to_lowercase().contains("idempotency"), "{err}");
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "--watch did not wait"
            );
        }
    }
    for (amount, code, name) in [
        ("3.50", 13, "EARLIER_PAYMENT"),
        ("7.00", 14, "ORDER_CONFLICT"),
    ] {
        let out = sale(amount, &["--json"]);
        assert_eq!(out.status.code(), Some(code));
        let p = parse_json(&out.stdout);
        assert_eq!(p["invoiceId"], id.as_str());
        assert!(
            p["lightningInvoice"].is_null(),
            "no invoice to pass on: {p}"
        );
        let note: Value = serde_json::from_str(stderr_of(&out).lines().next().unwrap()).unwrap();
        assert_eq!(note["note"]["code"], name);
        assert_eq!(note["note"]["exitCode"], code);
        assert_eq!(
            note["note"]["found"]["amount"]
                .as_str()
                .map(|a| a.trim_end_matches('0')),
            Some("3.5")
        );
        let asked: f64 = note["note"]["asked"]["amount"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(asked, amount.parse::<f64>().unwrap());
    }
}

#[test]
fn the_hint_after_an_expiry_works_however_often_it_is_followed() {
    let env = Env::new();
    let run = |extra: &[&str]| {
        env.le()
            .args([
                "--sandbox",
                "create",
                "--order",
                "E-1",
                "--amount",
                "1",
                "--currency",
                "USD",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0));
    let mut payment = invoice_id_in(&stdout_of(&first));
    let mut extra: Vec<String> = Vec::new();
    for round in 0..3 {
        // The customer never paid: it expires (as the clock would have it, at once).
        env.sandbox_json(&["sandbox", "expire", &payment]);
        let args: Vec<&str> = extra.iter().map(String::as_str).collect();
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(10),
            "round {round}: {}",
            stderr_of(&out)
        );
        let err = stderr_of(&out);
        let key = err
            .split("--idempotency-key ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_else(|| panic!("no key in the hint: {err}"))
            .to_owned();
        assert!(
            !extra.contains(&key),
            "round {round}: the hint repeats a spent key: {err}"
        );
        extra = vec!["--idempotency-key".into(), key];
        let args: Vec<&str> = extra.iter().map(String::as_str).collect();
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}, following the hint: {}",
            stderr_of(&out)
        );
        payment = invoice_id_in(&stdout_of(&out));
    }
}

#[test]
fn a_suggested_command_reaches_the_same_api() {
    let env = Env::new();
    let make = |amount: &str| {
        env.le()
            .args([
                "--sandbox",
                "create",
                "--order",
                "H-1",
                "--amount",
                amount,
                "--currency",
                "USD",
            ])
            .output()
            .unwrap()
    };
    let first = make("1");
    assert_eq!(first.status.code(), Some(0));
    // Another amount: a conflict, whose hint names no command that would show the
    // order's payment (it is still payable, for the other amount).
    let out = make("2");
    assert_eq!(out.status.code(), Some(14), "{}", stderr_of(&out));
    assert!(!stderr_of(&out).contains(" get "), "{}", stderr_of(&out));
    // Paid, then asked again: the hint's command reaches the same sandbox.
    let id = invoice_id_in(&stdout_of(&first));
    env.sandbox_json(&["sandbox", "pay", &id]);
    let out = make("1");
    assert_eq!(out.status.code(), Some(13), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let suggested = err
        .split("hint: ")
        .nth(1)
        .and_then(|h| h.split("le --sandbox get ").nth(1))
        .unwrap_or_else(|| panic!("{err}"));
    let id = suggested.split_whitespace().next().unwrap();
    env.le().args(["--sandbox", "get", id]).assert().success();
}

#[test]
fn a_profile_makes_a_sale_one_amount_away() {
    let env = Env::new();
    env.write(
        "config.toml",
        "default_profile = \"till\"\n[profiles.till]\nbase_url = \"sandbox\"\ncurrency = \"EUR\"\ndescription = \"Café\"\norder_prefix = \"TILL\"\n",
    );
    let out = env
        .le()
        .args(["--json", "create", "--amount", "3.50"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let p = parse_json(&out.stdout);
    let order = p["orderId"].as_str().unwrap();
    assert!(
        order.starts_with("TILL-") && order.len() == "TILL-20261121-154203-7F3A".len(),
        "{order}"
    );
    assert_eq!(p["currency"], "EUR");
    assert_eq!(p["description"], "Café");
    // Flags win; two sales get two orders.
    let out = env
        .le()
        .args([
            "--json",
            "create",
            "--amount",
            "1",
            "--currency",
            "USD",
            "--description",
            "Tea",
        ])
        .output()
        .unwrap();
    let q = parse_json(&out.stdout);
    assert_eq!(
        (q["currency"].as_str(), q["description"].as_str()),
        (Some("USD"), Some("Tea"))
    );
    assert_ne!(q["orderId"], p["orderId"]);
    // Without a prefix, --order is still asked for.
    let out = env
        .le()
        .args(["--sandbox", "create", "--amount", "1", "--currency", "USD"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--order is required"));
}

#[test]
fn amounts_show_their_currency_s_decimals_and_no_made_up_rate() {
    let env = Env::new();
    for (amount, currency, shown) in [
        ("1000000", "EUR", "1,000,000.00 EUR"),
        ("4.2", "USD", "4.20 USD"),
        ("0.001", "BTC", "0.00100000 BTC"),
        ("1250", "sats", "1,250 sats"),
    ] {
        let order = format!("AMT-{currency}");
        let out = env
            .le()
            .args([
                "--sandbox",
                "create",
                "--order",
                &order,
                "--amount",
                amount,
                "--currency",
                currency,
            ])
            .output()
            .unwrap();
        assert!(
            stdout_of(&out).contains(shown),
            "{shown}: {}",
            stdout_of(&out)
        );
    }
    let out = env
        .le()
        .args([
            "--sandbox",
            "create",
            "--order",
            "AMT-small",
            "--amount",
            "0.01",
            "--currency",
            "EUR",
        ])
        .output()
        .unwrap();
    assert!(!stdout_of(&out).contains("EUR/BTC"), "{}", stdout_of(&out));
}

/// Display width of each line of what was written, escape sequences left out.
fn widest_line(raw: &[u8]) -> usize {
    let text = String::from_utf8_lossy(raw);
    let mut widest = 0;
    for line in text.split(['\n', '\r']) {
        let mut w = 0;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                // CSI … final byte.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for d in chars.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
                continue;
            }
            w += 1;
        }
        widest = widest.max(w);
    }
    widest
}

#[test]
fn tables_fit_the_terminal_and_the_live_table_redraws_cleanly_at_60_columns() {
    let env = Env::new();
    let served = Served::start(&env, &["--rate-limit", "off", "--auto-pay-after", "5s"]);
    let http = served.http();
    let long = "ORDER-WITH-A-VERY-LONG-NAME-FROM-THE-SHOP-SYSTEM-0000000000";
    let a = http.create(&format!("{long}-A"), "1234567.89", "USD");
    let b = http.create(&format!("{long}-B"), "1", "USD");
    let vars = [("LIGHTNING_API_KEY", "k")];
    let mut pty = Pty::le(
        &env,
        &["--base-url", &served.url, "sandbox", "list"],
        &vars,
        24,
        80,
    );
    assert_eq!(pty.wait(WAIT), Some(0));
    assert!(
        widest_line(&pty.raw()) <= 80,
        "{}",
        String::from_utf8_lossy(&pty.raw())
    );
    let ids = [
        a["invoiceId"].as_str().unwrap(),
        b["invoiceId"].as_str().unwrap(),
    ];
    let mut pty = Pty::le(
        &env,
        &[
            "--base-url",
            &served.url,
            "watch",
            ids[0],
            ids[1],
            "--reads-per-minute",
            "600",
        ],
        &vars,
        24,
        60,
    );
    let mut samples = 0;
    while pty.exited().is_none() && samples < 200 {
        std::thread::sleep(Duration::from_millis(250));
        let headers = pty.screen().matches("Invoice").count();
        assert!(
            headers <= 1,
            "the live table left copies behind:\n{}",
            pty.screen()
        );
        samples += 1;
    }
    assert!(samples > 4, "the table was seen redrawn: {}", pty.screen());
    let screen = pty.screen();
    assert!(screen.contains("2 paid · 0 expired · 0 other"), "{screen}");
    assert!(
        widest_line(&pty.raw()) <= 60,
        "{}",
        String::from_utf8_lossy(&pty.raw())
    );
}

#[test]
fn ctrl_c_in_watch_leaves_a_clean_line() {
    let env = Env::new();
    let p = env.create("CC-1");
    let id = p["invoiceId"].as_str().unwrap();
    let mut pty = Pty::le(&env, &["--sandbox", "watch", id], &[], 24, 80);
    assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
    pty.send(b"\x03");
    assert_eq!(pty.wait(WAIT), Some(130));
    let screen = pty.screen();
    let raw = pty.raw();
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(300)..]).into_owned();
    assert!(
        !screen.contains("expires in"),
        "a spinner remnant:\n{screen}\nraw tail: {tail:?}"
    );
    assert!(!screen.contains("Invoice"), "the summary again:\n{screen}");
    // Where the money is: the payment, still payable, and the command that goes on.
    assert!(
        screen.contains(&format!(
            "stopped watching payment {id}, which is still unpaid"
        )),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("le --sandbox watch {id}")),
        "{screen}"
    );
}

#[test]
fn pos_takes_sales_with_the_keyboard_alone_and_gives_the_terminal_back() {
    let env = Env::new();
    let mut pty = sandbox_till(&env);
    assert!(pty.with_screen(|s| s.alternate_screen()), "full screen");
    pty.send(b"3.50\r");
    assert!(pty.wait_for("inv_", WAIT), "{}", pty.screen());
    let id = invoice_id_on(&pty);
    let decoded = pty
        .qr(Theme::Dark)
        .unwrap_or_else(|| panic!("no QR:\n{}", pty.screen()));
    assert_eq!(decoded, uri(&invoice_of(&env, &id)));
    // Paid from elsewhere, as a customer's wallet would.
    env.sandbox_json(&["sandbox", "pay", &id]);
    assert!(
        pty.wait_for("Enter: next sale", WAIT),
        "PAID: {}",
        pty.screen()
    );
    assert!(
        pty.wait_for("Amount in USD", WAIT),
        "the next sale: {}",
        pty.screen()
    );
    assert!(
        pty.screen().contains("1 sale: 3.50 USD"),
        "{}",
        pty.screen()
    );
    // A sale cancelled with Esc is left to expire, and counts for nothing.
    pty.send(b"1\r");
    assert!(pty.wait_for("inv_", WAIT), "{}", pty.screen());
    let cancelled = invoice_id_on(&pty);
    pty.send(b"\x1b");
    assert!(pty.wait_for("sale cancelled", WAIT), "{}", pty.screen());
    assert_eq!(env.sandbox_json(&["get", &cancelled])["status"], "unpaid");
    pty.send(b"q");
    assert_eq!(pty.wait(WAIT), Some(0));
    assert!(
        !pty.with_screen(|s| s.alternate_screen()),
        "the terminal is given back"
    );
    assert!(
        pty.screen().contains("till closed: 1 sale: 3.50 USD"),
        "{}",
        pty.screen()
    );
    // Ctrl-C quits too, and gives the terminal back.
    let mut pty = Pty::le(
        &env,
        &["--sandbox", "pos", "--currency", "EUR"],
        &[],
        24,
        80,
    );
    assert!(pty.wait_for("Amount in EUR", WAIT));
    pty.send(b"\x03");
    assert_eq!(pty.wait(WAIT), Some(130));
    assert!(!pty.with_screen(|s| s.alternate_screen()));
    // Ctrl-C on a sale the customer has not paid yet: once the terminal is back, le says
    // which order was left open and how to find out whether it was paid.
    let mut pty = Pty::le(
        &env,
        &["--sandbox", "pos", "--currency", "EUR"],
        &[],
        40,
        100,
    );
    assert!(pty.wait_for("Amount in EUR", WAIT));
    pty.send(b"2\r");
    assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
    pty.send(b"\x03");
    assert_eq!(pty.wait(WAIT), Some(130));
    assert!(
        pty.screen()
            .contains("was still for sale when the till closed"),
        "{}",
        pty.screen()
    );
}

#[test]
fn a_till_closed_after_a_paid_sale_names_no_open_order() {
    let env = Env::new();
    let mut pty = sandbox_till(&env);
    pty.send(b"2\r");
    assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
    let id = invoice_id_on(&pty);
    // Paid from the customer's wallet between two looks; the cashier closes the till
    // before the next one.
    env.sandbox_json(&["sandbox", "pay", &id]);
    // `q`: the till looks once more, shows the sale PAID, and closes.
    pty.send(b"q");
    assert_eq!(pty.wait(WAIT), Some(0));
    let screen = pty.screen();
    assert!(screen.contains("till closed: 1 sale: 2.00 USD"), "{screen}");
    assert!(
        !screen.contains("for sale when the till closed"),
        "a paid sale named open:\n{screen}"
    );
}

/// The customer pays; before the till's next poll (it polls every 3 s) the cashier presses
/// Esc, say because the customer said "done" and the screen did not move. Esc looks once
/// more before it calls a sale cancelled: the paid sale is counted, not "left to
/// expire", so the customer is not asked to pay twice and the session's totals keep it.
#[test]
fn pos_esc_after_the_customer_paid_is_not_a_cancelled_sale() {
    let env = Env::new();
    let mut pty = sandbox_till(&env);
    pty.send(b"2.00\r");
    assert!(pty.wait_for("expires in", WAIT), "{}", pty.screen());
    let id = invoice_id_on(&pty);
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

/// `kill PID` (SIGTERM, what `timeout`, a service manager, or closing a tmux pane sends)
/// to a till gives the terminal back as Ctrl-C and `q` do: out of the alternate screen,
/// the cursor shown, so that the shell prompt after it is seen.
#[test]
fn sigterm_to_le_pos_gives_the_terminal_back() {
    let env = Env::new();
    let mut pty = sandbox_till(&env);
    assert!(pty.with_screen(|s| s.alternate_screen()));
    pty.signal("TERM");
    assert!(pty.wait(WAIT).is_some(), "le pos did not stop on SIGTERM");
    let (alt, hidden) = pty.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
    assert!(
        !alt && !hidden,
        "after SIGTERM the terminal is left full-screen (alternate screen: {alt}, cursor hidden: {hidden})"
    );
}

/// The API stalls on the create of a sale (a slow network, an outage): Ctrl-C still
/// closes the till at once, not only once the create gives up (30 s and more) while a
/// customer waits.
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
