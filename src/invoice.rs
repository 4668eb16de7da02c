//! BOLT11 invoices: decoding with reasons a person can act on, and the cross-check of an
//! invoice against the API's own fields (amount, network, expiry, signature, payee).

use std::str::FromStr;

use lightning_invoice::{
    Bolt11Invoice, Bolt11InvoiceDescriptionRef, Currency, SignedRawBolt11Invoice,
};
use serde_json::{Value, json};

use crate::api::Payment;
use crate::money::group_thousands;

/// A decoded, semantically valid invoice with a valid signature.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub invoice: Bolt11Invoice,
    /// Whether the payee key came from the invoice's `n` field (checked against the
    /// signature) or was recovered from the signature.
    pub payee_in_invoice: bool,
}

/// The network an invoice is for, by its human-readable prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    Bitcoin,
    Testnet,
    Signet,
    Regtest,
    Simnet,
}

impl Network {
    pub fn name(self) -> &'static str {
        match self {
            Network::Bitcoin => "bitcoin",
            Network::Testnet => "testnet",
            Network::Signet => "signet",
            Network::Regtest => "regtest",
            Network::Simnet => "simnet",
        }
    }

    /// The BOLT11 prefix after `ln`.
    pub fn prefix(self) -> &'static str {
        match self {
            Network::Bitcoin => "bc",
            Network::Testnet => "tb",
            Network::Signet => "tbs",
            Network::Regtest => "bcrt",
            Network::Simnet => "sb",
        }
    }

    fn of(c: Currency) -> Network {
        match c {
            Currency::Bitcoin => Network::Bitcoin,
            Currency::BitcoinTestnet => Network::Testnet,
            Currency::Signet => Network::Signet,
            Currency::Regtest => Network::Regtest,
            Currency::Simnet => Network::Simnet,
        }
    }
}

impl FromStr for Network {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "bitcoin" | "mainnet" => Ok(Network::Bitcoin),
            "testnet" => Ok(Network::Testnet),
            "signet" => Ok(Network::Signet),
            "regtest" => Ok(Network::Regtest),
            "simnet" => Ok(Network::Simnet),
            other => Err(format!(
                "unknown network '{}': use mainnet, testnet, signet or regtest",
                crate::text::printable(other)
            )),
        }
    }
}

/// Accepts what people paste: a `lightning:` URI, any single case, surrounding space.
pub fn normalize(text: &str) -> Result<String, String> {
    let t = text.trim();
    let t = match t.get(..10) {
        Some(p) if p.eq_ignore_ascii_case("lightning:") => &t[10..],
        _ => t,
    };
    if t.is_empty() {
        return Err("the invoice is empty".into());
    }
    let upper = t.bytes().any(|b| b.is_ascii_uppercase());
    let lower = t.bytes().any(|b| b.is_ascii_lowercase());
    if upper && lower {
        return Err(
            "it mixes upper and lower case; a BOLT11 invoice is written in one case".into(),
        );
    }
    if !t.is_ascii() || t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it contains characters that never appear in an invoice (spaces, line breaks or non-ASCII)".into());
    }
    let lowered = t.to_ascii_lowercase();
    if !lowered.starts_with("ln") {
        return Err(format!(
            "'{}' does not start with 'ln', as every Lightning invoice does",
            crate::text::printable(t)
        ));
    }
    Ok(lowered)
}

/// Decodes and validates an invoice; the error says what is wrong with it.
pub fn decode(text: &str) -> Result<Decoded, String> {
    let s = normalize(text)?;
    let raw = SignedRawBolt11Invoice::from_str(&s).map_err(|e| {
        let text = e.to_string();
        if text.contains("checksum") {
            "its checksum does not match: a character was mistyped, or it was cut short".to_owned()
        } else {
            format!("it is not a valid BOLT11 invoice: {text}")
        }
    })?;
    raw.recover_payee_pub_key()
        .map_err(|e| format!("its signature is not recoverable ({e})"))?;
    let payee_in_invoice = raw.raw_invoice().payee_pub_key().is_some();
    if !raw.check_signature() {
        return Err(if payee_in_invoice {
            "its signature does not match the payee public key it names (n field)".into()
        } else {
            "its signature is invalid".into()
        });
    }
    let invoice = Bolt11Invoice::from_signed(raw).map_err(|e| {
        let text = e.to_string();
        let mut chars = text.chars();
        let lowered = chars
            .next()
            .map(|c| c.to_lowercase().collect::<String>() + chars.as_str())
            .unwrap_or_default();
        format!("it is not a valid BOLT11 invoice: {lowered}")
    })?;
    Ok(Decoded {
        invoice,
        payee_in_invoice,
    })
}

/// Known feature bits (BOLT 9) by the names the specification gives them.
fn feature_name(bit: usize) -> Option<&'static str> {
    Some(match bit / 2 {
        4 => "var_onion_optin",
        7 => "payment_secret",
        8 => "basic_mpp",
        24 => "option_payment_metadata",
        _ => return None,
    })
}

impl Decoded {
    pub fn network(&self) -> Network {
        Network::of(self.invoice.currency())
    }

    pub fn amount_msat(&self) -> Option<u64> {
        self.invoice.amount_milli_satoshis()
    }

    pub fn payee(&self) -> String {
        self.invoice.get_payee_pub_key().to_string()
    }

    pub fn created(&self) -> i64 {
        self.invoice.duration_since_epoch().as_secs() as i64
    }

    pub fn expires(&self) -> i64 {
        self.created()
            .saturating_add(self.invoice.expiry_time().as_secs() as i64)
    }

    pub fn description(&self) -> (Option<String>, Option<String>) {
        match self.invoice.description() {
            Bolt11InvoiceDescriptionRef::Direct(d) => (Some(d.as_inner().0.clone()), None),
            Bolt11InvoiceDescriptionRef::Hash(h) => (None, Some(h.0.to_string())),
        }
    }

    /// Feature bits that are set, as `name: required|supported`.
    pub fn features(&self) -> Vec<(String, &'static str)> {
        let Some(f) = self.invoice.features() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (byte_index, byte) in f.le_flags().iter().enumerate() {
            for i in 0..8 {
                if byte & (1 << i) != 0 {
                    let bit = byte_index * 8 + i;
                    let name = feature_name(bit)
                        .map_or_else(|| format!("bit_{}", bit & !1), str::to_owned);
                    let state = if bit % 2 == 0 {
                        "required"
                    } else {
                        "supported"
                    };
                    out.push((name, state));
                }
            }
        }
        out
    }

    pub fn to_json(&self) -> Value {
        let inv = &self.invoice;
        let (description, description_hash) = self.description();
        let ts = |s: i64| {
            jiff::Timestamp::from_second(s)
                .map(|t| t.to_string())
                .unwrap_or_default()
        };
        let msat = self.amount_msat();
        let features: serde_json::Map<String, Value> = self
            .features()
            .into_iter()
            .map(|(n, s)| (n, Value::from(s)))
            .collect();
        let hints: Vec<Value> = inv
            .route_hints()
            .iter()
            .map(|h| {
                Value::Array(
                    h.0.iter()
                        .map(|hop| {
                            json!({
                                "pubkey": hop.src_node_id.to_string(),
                                "shortChannelId": scid(hop.short_channel_id),
                                "feeBaseMsat": hop.fees.base_msat,
                                "feeProportionalMillionths": hop.fees.proportional_millionths,
                                "cltvExpiryDelta": hop.cltv_expiry_delta,
                            })
                        })
                        .collect(),
                )
            })
            .collect();
        let now = jiff::Timestamp::now().as_second();
        json!({
            "invoice": inv.to_string(),
            "network": self.network().name(),
            "prefix": self.network().prefix(),
            "amountMsat": msat,
            "amountSat": msat.map(|m| {
                let sats = rust_decimal::Decimal::from(m) / rust_decimal::Decimal::from(1000);
                serde_json::from_str::<serde_json::Number>(&sats.normalize().to_string()).map(Value::Number).unwrap_or(Value::Null)
            }),
            "paymentHash": inv.payment_hash().to_string(),
            "paymentSecret": crate::text::hex(&inv.payment_secret().0),
            "description": description,
            "descriptionHash": description_hash,
            "timestamp": self.created(),
            "createdAt": ts(self.created()),
            "expirySeconds": inv.expiry_time().as_secs(),
            "expiresAt": ts(self.expires()),
            "expired": self.expires() <= now,
            "minFinalCltvExpiry": inv.min_final_cltv_expiry_delta(),
            "payee": self.payee(),
            "payeeSource": if self.payee_in_invoice { "invoice" } else { "signature" },
            "signatureValid": true,
            "features": features,
            "routeHints": hints,
            "fallbacks": inv.fallback_addresses().iter().map(|a| a.to_string()).collect::<Vec<_>>(),
            "paymentMetadata": inv.payment_metadata().map(|m| crate::text::hex(m)),
        })
    }
}

/// `block x transaction x output`, as short channel ids are usually written.
fn scid(id: u64) -> String {
    format!("{}x{}x{}", id >> 40, (id >> 16) & 0xff_ffff, id & 0xffff)
}

/// What an invoice from the API is checked against.
#[derive(Debug, Clone)]
pub struct Expectations {
    pub network: Network,
    /// Gateway node keys the profile pins; empty means any.
    pub payees: Vec<String>,
}

/// How far `expiresAt` may be from the invoice's own expiry.
const EXPIRY_SLACK_SECS: i64 = 60;

/// Why a payment's invoice cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disagreement {
    /// It is not a valid BOLT11 invoice at all (malformed, bad checksum or signature).
    Invalid(String),
    /// It is an invoice, but not the one the payment describes: one line per difference.
    Problems(Vec<String>),
}

/// Checks the payment's invoice against the payment's fields. With an invoice present,
/// the amount check cannot be skipped by the shape of `amountSats`: missing, a string, a
/// fraction or a number too large to be one is itself a disagreement.
pub fn cross_check(p: &Payment, expect: &Expectations) -> Result<(), Disagreement> {
    let Some(text) = p.lightning_invoice() else {
        return Ok(());
    };
    let d = decode(text).map_err(Disagreement::Invalid)?;
    let mut problems = Vec::new();
    let sats_field = || {
        p.raw().get("amountSats").map_or_else(
            || "missing".to_owned(),
            |v| crate::text::printable(&v.to_string()),
        )
    };
    match (p.amount_sats(), d.amount_msat()) {
        (_, None) => problems.push(
            "the invoice has no amount: the payer would choose what to pay".to_owned(),
        ),
        (None, Some(msat)) => problems.push(format!(
            "amountSats is {} but the invoice asks for {} msat: amountSats must be a whole number of sats",
            sats_field(),
            group_thousands(msat)
        )),
        (Some(sats), Some(msat)) if sats.checked_mul(1000) != Some(msat) => {
            problems.push(format!(
                "amountSats is {} but the invoice asks for {} sats",
                group_thousands(sats),
                sats_of_msat(msat)
            ))
        }
        _ => {}
    }
    // For BTC and sats payments the amount itself says how many sats.
    if let Some(msat) = d.amount_msat() {
        let implied = match p.currency() {
            Some(c) if c.eq_ignore_ascii_case("sats") => Some(p.amount()),
            Some(c) if c.eq_ignore_ascii_case("BTC") => Some(
                p.amount()
                    .and_then(|a| a.checked_mul(rust_decimal::Decimal::from(100_000_000u64))),
            ),
            _ => None,
        };
        if let Some(implied) = implied {
            let wanted = rust_decimal::Decimal::from(msat) / rust_decimal::Decimal::from(1000);
            if implied != Some(wanted) {
                problems.push(format!(
                    "amount is {} {} but the invoice asks for {} sats",
                    p.amount_text()
                        .map_or_else(|| "missing".into(), |a| crate::text::printable(&a)),
                    crate::text::printable(p.currency().unwrap_or("")),
                    sats_of_msat(msat)
                ));
            }
        }
    }
    if d.network() != expect.network {
        problems.push(format!(
            "the invoice is for {} (ln{}…) but {} (ln{}…) is expected",
            d.network().name(),
            d.network().prefix(),
            expect.network.name(),
            expect.network.prefix()
        ));
    }
    if let Some(exp) = p.expires_at() {
        let diff = exp.as_second().saturating_sub(d.expires());
        if diff.abs() > EXPIRY_SLACK_SECS {
            let inv = jiff::Timestamp::from_second(d.expires())
                .map(|t| t.to_string())
                .unwrap_or_default();
            problems.push(format!(
                "expiresAt is {exp} but the invoice expires at {inv} ({diff:+} s)"
            ));
        }
    }
    if !expect.payees.is_empty()
        && !expect
            .payees
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&d.payee()))
    {
        problems.push(format!(
            "the invoice pays node {}, which is not one of the profile's payee_pubkeys",
            d.payee()
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Disagreement::Problems(problems))
    }
}

/// `1,250` for whole sats, `1,250.5` when the invoice asks for part of one.
fn sats_of_msat(msat: u64) -> String {
    if msat.is_multiple_of(1000) {
        group_thousands(msat / 1000)
    } else {
        format!("{}.{:03}", group_thousands(msat / 1000), msat % 1000)
            .trim_end_matches('0')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_what_people_paste() {
        assert_eq!(normalize(" lightning:LNBC1ABC ").unwrap(), "lnbc1abc");
        assert_eq!(normalize("LIGHTNING:lnbc1abc").unwrap(), "lnbc1abc");
        assert!(
            normalize("lnBC1abc")
                .unwrap_err()
                .contains("mixes upper and lower")
        );
        assert!(normalize("").is_err());
        assert!(
            normalize("bitcoin:bc1q")
                .unwrap_err()
                .contains("does not start with 'ln'")
        );
    }

    #[test]
    fn short_channel_ids() {
        assert_eq!(
            scid((66051 << 40) | (263430 << 16) | 1800),
            "66051x263430x1800"
        );
    }
}
