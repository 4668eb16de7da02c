//! Webhooks, shared by the sandbox (which signs and sends them) and `le webhook` (which
//! verifies, sends and receives them): the two signature schemes of the API reference, the
//! events' payloads, and the one sender.
//!
//! - current: `X-LightningEnable-Signature: t={unix},v1={hex HMAC-SHA256(secret, "{t}.{body}")}`
//! - legacy:  `X-Gateway-Signature: {hex HMAC-SHA256(secret, body)}`

pub mod event;
pub mod send;

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

pub const SIGNATURE_HEADER: &str = "X-LightningEnable-Signature";
pub const LEGACY_SIGNATURE_HEADER: &str = "X-Gateway-Signature";
pub const DELIVERY_HEADER: &str = "X-LightningEnable-Delivery";
pub const EVENT_HEADER: &str = "X-LightningEnable-Event";
/// How far a signature's timestamp may be from now, by default.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; this cannot fail.
    <HmacSha256 as KeyInit>::new_from_slice(secret).expect("HMAC accepts any key length")
}

fn hex(bytes: &[u8]) -> String {
    crate::text::hex(bytes)
}

/// The value of `X-LightningEnable-Signature` for `body` signed at `t`.
pub fn sign(secret: &[u8], t: i64, body: &[u8]) -> String {
    let mut m = mac(secret);
    m.update(t.to_string().as_bytes());
    m.update(b".");
    m.update(body);
    format!("t={t},v1={}", hex(&m.finalize().into_bytes()))
}

/// The value of `X-Gateway-Signature` for `body`.
pub fn sign_legacy(secret: &[u8], body: &[u8]) -> String {
    let mut m = mac(secret);
    m.update(body);
    hex(&m.finalize().into_bytes())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Current,
    Legacy,
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scheme::Current => SIGNATURE_HEADER,
            Scheme::Legacy => LEGACY_SIGNATURE_HEADER,
        })
    }
}

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Malformed(String),
    Mismatch,
    TooOld { age_secs: i64, tolerance: u64 },
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::Malformed(why) => write!(f, "malformed signature: {why}"),
            Invalid::Mismatch => {
                f.write_str("bad signature: it does not match the payload and secret")
            }
            Invalid::TooOld {
                age_secs,
                tolerance,
            } => {
                let dir = if *age_secs >= 0 {
                    "old"
                } else {
                    "in the future"
                };
                write!(
                    f,
                    "signature timestamp is {} s {dir}, beyond the tolerance of {tolerance} s",
                    age_secs.unsigned_abs()
                )
            }
        }
    }
}

/// Which scheme a signature value is written in: `t=…,v1=…` or bare hex.
pub fn scheme_of(value: &str) -> Scheme {
    if value.contains("t=") || value.contains("v1=") {
        Scheme::Current
    } else {
        Scheme::Legacy
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// Checks a signature value under its scheme. `tolerance` of 0 turns the time check off.
/// Comparison is constant time (`Mac::verify_slice`).
pub fn verify(
    secret: &[u8],
    value: &str,
    body: &[u8],
    now: i64,
    tolerance: u64,
) -> Result<Scheme, Invalid> {
    match scheme_of(value) {
        Scheme::Legacy => {
            let sig = decode_hex(value)
                .filter(|s| s.len() == 32)
                .ok_or_else(|| Invalid::Malformed("expected 64 hex characters".into()))?;
            let mut m = mac(secret);
            m.update(body);
            m.verify_slice(&sig).map_err(|_| Invalid::Mismatch)?;
            Ok(Scheme::Legacy)
        }
        Scheme::Current => {
            let mut t: Option<i64> = None;
            let mut sigs = Vec::new();
            for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (k, v) = part.split_once('=').ok_or_else(|| {
                    Invalid::Malformed(format!(
                        "'{}' is not key=value",
                        crate::text::printable(part)
                    ))
                })?;
                match k.trim() {
                    "t" => {
                        if t.is_some() {
                            return Err(Invalid::Malformed("t= appears twice".into()));
                        }
                        t = Some(v.trim().parse().map_err(|_| {
                            Invalid::Malformed(format!(
                                "t={} is not a Unix time",
                                crate::text::printable(v)
                            ))
                        })?);
                    }
                    "v1" => {
                        sigs.push(decode_hex(v).filter(|s| s.len() == 32).ok_or_else(|| {
                            Invalid::Malformed("v1= should be 64 hex characters".into())
                        })?)
                    }
                    // Other schemes (v0=, …) may sit beside v1; they are not ours to judge.
                    _ => {}
                }
            }
            let t = t.ok_or_else(|| Invalid::Malformed("no t= timestamp".into()))?;
            if sigs.is_empty() {
                return Err(Invalid::Malformed("no v1= signature".into()));
            }
            let mut prefix = t.to_string().into_bytes();
            prefix.push(b'.');
            let matched = sigs.iter().any(|sig| {
                let mut m = mac(secret);
                m.update(&prefix);
                m.update(body);
                m.verify_slice(sig).is_ok()
            });
            if !matched {
                return Err(Invalid::Mismatch);
            }
            let age = now.saturating_sub(t);
            if tolerance > 0 && age.unsigned_abs() > tolerance {
                return Err(Invalid::TooOld {
                    age_secs: age,
                    tolerance,
                });
            }
            Ok(Scheme::Current)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"whsec_example";
    const BODY: &[u8] = br#"{"event":"payment.completed"}"#;

    #[test]
    fn worked_example_of_the_reference() {
        // Computed independently (openssl and Python agree): printf '1700000000.{"event":"payment.completed"}' |
        //   openssl dgst -sha256 -hmac whsec_example
        let v = sign(SECRET, 1_700_000_000, BODY);
        assert_eq!(
            v,
            "t=1700000000,v1=3a5c8f2962d200b6cf927369fb7a083abbb27a9b061a489e7d26a5809252e963"
        );
    }

    #[test]
    fn round_trips_and_refusals() {
        let now = 1_700_000_100;
        let v = sign(SECRET, 1_700_000_000, BODY);
        assert_eq!(verify(SECRET, &v, BODY, now, 300), Ok(Scheme::Current));
        assert_eq!(verify(b"other", &v, BODY, now, 300), Err(Invalid::Mismatch));
        assert_eq!(verify(SECRET, &v, b"{}", now, 300), Err(Invalid::Mismatch));
        assert!(matches!(
            verify(SECRET, &v, BODY, now + 1000, 300),
            Err(Invalid::TooOld { .. })
        ));
        assert_eq!(
            verify(SECRET, &v, BODY, now + 100_000, 0),
            Ok(Scheme::Current)
        );
        let two = format!("{v},v1={}", "00".repeat(32));
        assert_eq!(verify(SECRET, &two, BODY, now, 300), Ok(Scheme::Current));
        let legacy = sign_legacy(SECRET, BODY);
        assert_eq!(verify(SECRET, &legacy, BODY, now, 300), Ok(Scheme::Legacy));
        assert_eq!(
            verify(SECRET, &legacy, b"x", now, 300),
            Err(Invalid::Mismatch)
        );
        for bad in [
            "t=abc,v1=00",
            "v1=zz",
            "t=1",
            "t=1,v1=00",
            "nonsense",
            "t=1,t=2,v1=00",
        ] {
            assert!(
                matches!(
                    verify(SECRET, bad, BODY, now, 300),
                    Err(Invalid::Malformed(_))
                ),
                "{bad}"
            );
        }
    }
}
