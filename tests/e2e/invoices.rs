//! `le decode` against BOLT 11's own test vectors and an independent decoder, and the
//! cross-check of the API's invoices against servers that lie.

use serde_json::{Value, json};

use crate::common::*;

/// BOLT 11's test vectors, as shipped in the tests of the `lightning-invoice` release this
/// crate pins (a registry download cargo already has): valid ones, then invalid ones.
fn bolt11_vectors() -> (Vec<String>, Vec<String>) {
    let meta = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--manifest-path",
            concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
        ])
        .output()
        .expect("cargo metadata");
    assert!(meta.status.success(), "{}", stderr_of(&meta));
    let meta: Value = serde_json::from_slice(&meta.stdout).unwrap();
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "lightning-invoice")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("lightning-invoice in the dependency graph");
    let file = std::path::Path::new(manifest)
        .parent()
        .unwrap()
        .join("tests/ser_de.rs");
    let src = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let strings = |from: &str, to: Option<&str>| -> Vec<String> {
        let start = src.find(from).unwrap();
        let end = to
            .and_then(|t| src[start..].find(t))
            .map_or(src.len(), |i| start + i);
        src[start..end]
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| s.len() > 40 && !s.contains(' '))
            .map(str::to_owned)
            .collect()
    };
    let valid: Vec<String> = strings("fn get_test_tuples", Some("fn invoice_deserialize"))
        .into_iter()
        .filter(|s| s.to_ascii_lowercase().starts_with("ln"))
        .collect();
    let invalid = strings("fn test_bolt_invalid_invoices", None);
    assert!(
        valid.len() >= 15 && invalid.len() >= 8,
        "{} valid, {} invalid",
        valid.len(),
        invalid.len()
    );
    (valid, invalid)
}

fn python_decode(invoice: &str) -> Option<Value> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import bolt11,sys,json; print(json.dumps(bolt11.decode(sys.argv[1]).data))",
            &invoice.to_lowercase(),
        ])
        .output()
        .ok()?;
    out.status.success().then(|| parse_json(&out.stdout))
}

fn have_python_bolt11() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import bolt11"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run this: pip install -r tests/requirements.txt"
        );
        eprintln!(
            "skipped: Python's bolt11 is not installed (pip install -r tests/requirements.txt)"
        );
    }
    ok
}

#[test]
fn decode_agrees_with_an_independent_decoder_on_the_bolt11_vectors() {
    if !have_python_bolt11() {
        return;
    }
    let env = Env::new();
    let (valid, _) = bolt11_vectors();
    for v in &valid {
        let out = env.le().args(["decode", "--json", v]).output().unwrap();
        assert!(out.status.success(), "{v}: {}", stderr_of(&out));
        let le = parse_json(&out.stdout);
        let py = python_decode(v).unwrap_or_else(|| panic!("python could not decode {v}"));
        let hints: Vec<Value> = py["route_hints"]
            .as_array()
            .map(|r| {
                r.iter()
                    .map(|route| {
                        Value::Array(
                            route
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|h| {
                                    json!({"pubkey": h["public_key"], "shortChannelId": h["short_channel_id"],
                                           "feeBaseMsat": h["base_fee"], "feeProportionalMillionths": h["ppm_fee"],
                                           "cltvExpiryDelta": h["cltv_expiry_delta"]})
                                })
                                .collect(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Python names an unknown feature pair `extra_N`; le names the even bit, and knows
        // bit 48 as option_payment_metadata.
        let py_features: serde_json::Map<String, Value> = py["features"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                let name = match k.strip_prefix("extra_").and_then(|n| n.parse::<u32>().ok()) {
                    Some(24) => "option_payment_metadata".to_owned(),
                    Some(n) => format!("bit_{}", n * 2),
                    None => k.clone(),
                };
                (name, v.clone())
            })
            .collect();
        let pairs = [
            (
                "network prefix",
                json!(le["prefix"]),
                py["currency"].clone(),
            ),
            (
                "amount",
                le["amountMsat"].clone(),
                if py["amount_msat"] == 0 {
                    Value::Null
                } else {
                    py["amount_msat"].clone()
                },
            ),
            ("timestamp", le["timestamp"].clone(), py["date"].clone()),
            ("expiry", le["expirySeconds"].clone(), py["expiry"].clone()),
            (
                "payment hash",
                le["paymentHash"].clone(),
                py["payment_hash"].clone(),
            ),
            (
                "payment secret",
                le["paymentSecret"].clone(),
                py["payment_secret"].clone(),
            ),
            (
                "description",
                le["description"].clone(),
                py.get("description").cloned().unwrap_or(Value::Null),
            ),
            (
                "description hash",
                le["descriptionHash"].clone(),
                py.get("description_hash").cloned().unwrap_or(Value::Null),
            ),
            (
                "min final cltv",
                le["minFinalCltvExpiry"].clone(),
                py.get("min_final_cltv_expiry")
                    .cloned()
                    .unwrap_or(json!(18)),
            ),
            ("payee", le["payee"].clone(), py["payee"].clone()),
            ("route hints", json!(le["routeHints"]), json!(hints)),
            (
                "fallback",
                json!(le["fallbacks"].as_array().unwrap().first()),
                py.get("fallback").cloned().unwrap_or(Value::Null),
            ),
            (
                "features",
                le["features"].clone(),
                Value::Object(py_features),
            ),
            (
                "metadata",
                le["paymentMetadata"].clone(),
                py.get("metadata").cloned().unwrap_or(Value::Null),
            ),
        ];
        for (field, ours, theirs) in pairs {
            assert_eq!(ours, theirs, "{field} of {v}");
        }
        assert_eq!(le["signatureValid"], true);
    }
}

#[test]
fn decode_refuses_the_invalid_bolt11_vectors_with_a_reason() {
    let env = Env::new();
    let (_, invalid) = bolt11_vectors();
    let mut reasons = std::collections::HashSet::new();
    for v in &invalid {
        let out = env.le().args(["decode", v]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{v} accepted: {}",
            stdout_of(&out)
        );
        let err = stderr_of(&out);
        assert!(
            err.starts_with("error: this invoice cannot be used: "),
            "{err}"
        );
        assert!(!err.contains("panicked"));
        reasons.insert(err);
    }
    // A reason per problem, not one message for everything.
    assert_eq!(reasons.len(), invalid.len(), "{reasons:#?}");
    let out = env
        .le()
        .args(["decode", "--json", &invalid[1]])
        .output()
        .unwrap();
    assert_eq!(parse_json(&out.stderr)["error"]["code"], "USAGE_ERROR");
}

#[test]
fn decode_takes_uris_any_case_and_stdin() {
    let env = Env::new();
    let p = env.create("DEC-1");
    let inv = p["lightningInvoice"].as_str().unwrap();
    for input in [
        inv.to_owned(),
        inv.to_uppercase(),
        format!("lightning:{inv}"),
        format!("LIGHTNING:{}", inv.to_uppercase()),
    ] {
        let out = env
            .le()
            .args(["decode", "--json", &input])
            .output()
            .unwrap();
        assert!(out.status.success(), "{input}");
        let d = parse_json(&out.stdout);
        assert_eq!(d["network"], "regtest");
        assert_eq!(d["amountMsat"], 49_990_000);
        assert_eq!(d["description"], "Order DEC-1");
        assert_eq!(d["expiresAt"], p["expiresAt"]);
    }
    let out = env
        .le()
        .args(["decode", "-"])
        .write_stdin(format!("{inv}\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    for want in [
        "regtest (lnbcrt)",
        "49,990 sats (49,990,000 msat)",
        "Order DEC-1",
        "valid (payee recovered from it)",
        "payment_secret (required)",
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    for (bad, says) in [
        ("", "empty"),
        ("lnbcrt1Qq", "mixes upper and lower case"),
        ("bitcoin:bc1qxyz", "does not start with 'ln'"),
        ("lnbc1 23", "characters that never appear"),
    ] {
        env.le()
            .args(["decode", bad])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says));
    }
}

/// A server that answers with a real sandbox payment, changed by `lie`, announcing the
/// sandbox's network as a served sandbox does; and the payment's id.
fn lying_server(env: &Env, lie: impl FnOnce(&mut Value)) -> (Scripted, String) {
    let mut p = env.create(&format!("LIE-{}", rand_suffix()));
    let id = p["invoiceId"].as_str().unwrap().to_owned();
    lie(&mut p);
    let server = Scripted::always(
        Step::json(200, &p.to_string()).with_header("X-Sandbox-Network", "regtest"),
    );
    (server, id)
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        % 1_000_000_007
}

fn get(env: &Env, server: &(Scripted, String), extra: &[&str]) -> std::process::Output {
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", &server.0.url(), "get", &server.1])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn an_honest_server_passes() {
    let env = Env::new();
    let server = lying_server(&env, |_| {});
    let out = get(&env, &server, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn a_wrong_amount_is_exit_20() {
    let env = Env::new();
    let server = lying_server(&env, |p| p["amountSats"] = json!(1));
    let out = get(&env, &server, &[]);
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("amountSats is 1 but the invoice asks for 49,990 sats"),
        "{}",
        stderr_of(&out)
    );
    assert!(
        stdout_of(&out).is_empty(),
        "nothing is shown of a lying payment"
    );
    let out = get(&env, &server, &["--json"]);
    let e = parse_json(&out.stderr);
    assert_eq!(e["error"]["code"], "INVOICE_MISMATCH");
    assert!(
        e["error"]["details"]["problems"][0]
            .as_str()
            .unwrap()
            .contains("amountSats")
    );
    let out = get(&env, &server, &["--no-verify", "--json"]);
    assert!(out.status.success(), "--no-verify shows it anyway");
}

#[test]
fn a_wrong_network_is_exit_20() {
    let env = Env::new();
    let server = lying_server(&env, |_| {});
    env.write(
        "config.toml",
        &format!(
            "[profiles.live]\nbase_url = \"{}\"\nnetwork = \"mainnet\"\n",
            server.0.url()
        ),
    );
    let out = env
        .le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--profile", "live", "get", &server.1])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out)
            .contains("the invoice is for regtest (lnbcrt…) but bitcoin (lnbc…) is expected"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_wrong_expiry_is_exit_20() {
    let env = Env::new();
    let server = lying_server(&env, |p| {
        let e: jiff::Timestamp = p["expiresAt"].as_str().unwrap().parse().unwrap();
        p["expiresAt"] = json!((e + jiff::SignedDuration::from_hours(2)).to_string());
    });
    let out = get(&env, &server, &[]);
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("(+7200 s)"), "{}", stderr_of(&out));
}

#[test]
fn a_bad_signature_is_exit_20() {
    use lightning_invoice::{Currency, InvoiceBuilder, PaymentSecret};
    let env = Env::new();
    // The invoice names node A as payee but is signed by node B.
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let a = bitcoin::secp256k1::SecretKey::from_slice(&[1; 32]).unwrap();
    let b = bitcoin::secp256k1::SecretKey::from_slice(&[2; 32]).unwrap();
    let created = jiff::Timestamp::now().as_second() as u64;
    let raw = InvoiceBuilder::new(Currency::Regtest)
        .amount_milli_satoshis(49_990_000)
        .description("x".into())
        .payment_hash(bitcoin::hashes::Hash::hash(b"x"))
        .payment_secret(PaymentSecret([1; 32]))
        .duration_since_epoch(std::time::Duration::from_secs(created))
        .min_final_cltv_expiry_delta(144)
        .payee_pub_key(a.public_key(&secp))
        .build_raw()
        .unwrap();
    let forged = raw
        .sign::<_, ()>(|m| Ok(secp.sign_ecdsa_recoverable(m, &b)))
        .unwrap()
        .to_string();
    let server = lying_server(&env, |p| {
        p["lightningInvoice"] = json!(forged);
        p["expiresAt"] = json!(
            jiff::Timestamp::from_second(created as i64 + 3600)
                .unwrap()
                .to_string()
        );
    });
    let out = get(&env, &server, &[]);
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("signature does not match the payee public key"),
        "{}",
        stderr_of(&out)
    );
    env.le().args(["decode", &forged]).assert().code(2);
}

#[test]
fn another_payee_than_the_pinned_one_is_exit_20() {
    let env = Env::new();
    let server = lying_server(&env, |_| {});
    let other = bitcoin::secp256k1::SecretKey::from_slice(&[9; 32])
        .unwrap()
        .public_key(&bitcoin::secp256k1::Secp256k1::new())
        .to_string();
    env.write(
        "config.toml",
        &format!(
            "[profiles.pinned]\nbase_url = \"{}\"\npayee_pubkeys = [\"{other}\"]\n",
            server.0.url()
        ),
    );
    let run = |c: &mut assert_cmd::Command| {
        c.env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["--profile", "pinned"])
            .output()
            .unwrap()
    };
    let out = run(env.le().args(["get", &server.1]));
    assert_eq!(out.status.code(), Some(20), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("not one of the profile's payee_pubkeys"));
    // watch checks before it waits, create before it shows a QR code.
    let out = run(env.le().args(["watch", &server.1]));
    assert_eq!(out.status.code(), Some(20));
    let order = env.sandbox_json(&["get", &server.1])["orderId"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = run(env.le().args([
        "create",
        "--order",
        &order,
        "--amount",
        "49.99",
        "--currency",
        "USD",
        "--qr",
        "always",
    ]));
    assert_eq!(out.status.code(), Some(20));
    assert!(stderr_of(&out).contains("not one of the profile's payee_pubkeys"));
    assert!(!stdout_of(&out).contains('█'));
    // The sandbox's own key pinned: accepted.
    let served = Served::start(&env, &["--json", "--rate-limit", "off"]);
    let node: Value = serde_json::from_str(served.banner.trim()).unwrap();
    env.write(
        "config.toml",
        &format!(
            "[profiles.pinned]\nbase_url = \"{}\"\npayee_pubkeys = [{}]\n",
            served.url, node["nodePubkey"]
        ),
    );
    let out = run(env.le().args([
        "create",
        "--order",
        "P-2",
        "--amount",
        "1",
        "--currency",
        "USD",
    ]));
    assert!(out.status.success(), "{}", stderr_of(&out));
    env.write(
        "config.toml",
        "[profiles.pinned]\npayee_pubkeys = [\"nothex\"]\n",
    );
    let out = run(env.le().args(["get", &server.1]));
    assert_eq!(out.status.code(), Some(2));
}
