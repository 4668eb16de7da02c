//! Any bytes a server sends as a 2xx body: decoding them as a payment, a refund or rates,
//! reading every field `le` shows, checking the invoice and rendering the views a person
//! sees must never panic (hostile numbers included: a rate of 1e-28, an amount of 1e21).
#![no_main]

use le::api::{Payment, Refund};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let out = le::render::Output::detect(false, Some(false));
    let _ = le::render::tables::rates_table(&value, &out);
    if let Ok(p) = Payment::from_value(value.clone()) {
        let _ = (p.invoice_id(), p.order_id(), p.status().is_final(), p.amount_text(), p.currency());
        let _ = (p.amount_sats(), p.lightning_invoice(), p.hosted_checkout_url());
        let _ = (p.created_at(), p.expires_at(), p.paid_at());
        let expect = le::invoice::Expectations {
            network: le::invoice::Network::Regtest,
            payees: Vec::new(),
        };
        let _ = le::invoice::cross_check(&p, &expect);
        let _ = (le::render::amount_text(&p), le::render::payment_table(&p, &out));
    }
    if let Ok(r) = Refund::from_value(value) {
        let _ = (r.amount_text(), r.amount_sats(), r.str("status"));
        let _ = le::render::tables::refund_table(&r, &out);
    }
});
