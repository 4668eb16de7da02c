//! Real BOLT11 invoices for regtest, signed by the sandbox's own node key, so that any
//! wallet's decoder accepts what the sandbox hands out.

use std::time::Duration;

use bitcoin::hashes::{Hash, sha256};
use bitcoin::secp256k1::{Secp256k1, SecretKey};
use lightning_invoice::{Currency, InvoiceBuilder, PaymentSecret};

pub struct Minted {
    pub invoice: String,
    pub payment_hash: [u8; 32],
    pub preimage: [u8; 32],
}

/// The longest description BOLT11 carries in clear; longer ones go in as a hash.
const MAX_DESCRIPTION: usize = 639;
/// Blocks the final hop asks for, the common default of LND and CLN.
const MIN_FINAL_CLTV: u64 = 144;

pub fn mint(
    node_key: &SecretKey,
    amount_msat: u64,
    description: &str,
    created_unix: u64,
    expiry: Duration,
) -> Result<Minted, String> {
    let preimage = crate::rand::bytes::<32>();
    let payment_hash = sha256::Hash::hash(&preimage);
    let secret = PaymentSecret(crate::rand::bytes::<32>());
    let builder = InvoiceBuilder::new(Currency::Regtest)
        .amount_milli_satoshis(amount_msat)
        .payment_hash(payment_hash)
        .payment_secret(secret)
        .duration_since_epoch(Duration::from_secs(created_unix))
        .min_final_cltv_expiry_delta(MIN_FINAL_CLTV)
        .expiry_time(expiry)
        .basic_mpp();
    let secp = Secp256k1::signing_only();
    let sign = |msg: &bitcoin::secp256k1::Message| secp.sign_ecdsa_recoverable(msg, node_key);
    let invoice = if description.len() <= MAX_DESCRIPTION {
        builder
            .description(description.to_owned())
            .build_signed(sign)
    } else {
        builder
            .description_hash(sha256::Hash::hash(description.as_bytes()))
            .build_signed(sign)
    }
    .map_err(|e| format!("cannot build the invoice: {e}"))?;
    Ok(Minted {
        invoice: invoice.to_string(),
        payment_hash: payment_hash.to_byte_array(),
        preimage,
    })
}

/// A fresh regtest address (P2WPKH) for a payment's on-chain option.
pub fn regtest_address() -> String {
    let secp = Secp256k1::signing_only();
    let key = bitcoin::CompressedPublicKey(new_node_key().public_key(&secp));
    bitcoin::Address::p2wpkh(&key, bitcoin::Network::Regtest).to_string()
}

/// A provider charge id in the shape of a UUID, as OpenNode's are.
pub fn charge_id() -> String {
    let h = crate::text::hex(&crate::rand::bytes::<16>());
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

pub fn new_node_key() -> SecretKey {
    loop {
        // Nearly every 32-byte string is a valid key; the loop covers the rest.
        if let Ok(k) = SecretKey::from_slice(&crate::rand::bytes::<32>()) {
            return k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lightning_invoice::Bolt11Invoice;

    #[test]
    fn minted_invoice_decodes_and_verifies() {
        let key = new_node_key();
        let m = mint(
            &key,
            49_990_000,
            "Order ORDER-1",
            1_700_000_000,
            Duration::from_secs(3600),
        )
        .unwrap();
        assert!(m.invoice.starts_with("lnbcrt"), "{}", m.invoice);
        let inv: Bolt11Invoice = m.invoice.parse().unwrap();
        assert_eq!(inv.amount_milli_satoshis(), Some(49_990_000));
        assert_eq!(inv.currency(), Currency::Regtest);
        assert_eq!(inv.expiry_time(), Duration::from_secs(3600));
        assert_eq!(
            inv.duration_since_epoch(),
            Duration::from_secs(1_700_000_000)
        );
        assert_eq!(inv.payment_hash().to_byte_array(), m.payment_hash);
        inv.check_signature().unwrap();
        let secp = Secp256k1::new();
        assert_eq!(inv.recover_payee_pub_key(), key.public_key(&secp));
    }

    #[test]
    fn addresses_are_regtest_and_charge_ids_uuid_shaped() {
        let a = regtest_address();
        assert!(a.starts_with("bcrt1q"), "{a}");
        let parsed: bitcoin::Address<bitcoin::address::NetworkUnchecked> = a.parse().unwrap();
        assert!(parsed.is_valid_for_network(bitcoin::Network::Regtest));
        assert_ne!(regtest_address(), a);
        let id = charge_id();
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
    }

    #[test]
    fn long_descriptions_are_hashed() {
        let key = new_node_key();
        let long = "x".repeat(1000);
        let m = mint(&key, 1000, &long, 1_700_000_000, Duration::from_secs(60)).unwrap();
        let inv: Bolt11Invoice = m.invoice.parse().unwrap();
        assert!(matches!(
            inv.description(),
            lightning_invoice::Bolt11InvoiceDescriptionRef::Hash(_)
        ));
    }
}
