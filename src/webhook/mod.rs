//! Webhooks, shared by the sandbox (which signs and sends them) and `le webhook` (which
//! verifies, sends and receives them): the two signature schemes of the API reference, the
//! events' payloads, and the one sender.
//!
//! - current: `X-LightningEnable-Signature: t={unix},v1={hex HMAC-SHA256(secret, "{t}.{body}")}`
//! - legacy:  `X-Gateway-Signature: {hex HMAC-SHA256(secret, body)}`

pub mod event;
pub mod replay;
pub mod send;

use std::fmt;
use std::num::NonZeroU64;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

pub const SIGNATURE_HEADER: &str = "X-LightningEnable-Signature";
pub const LEGACY_SIGNATURE_HEADER: &str = "X-Gateway-Signature";
pub const DELIVERY_HEADER: &str = "X-LightningEnable-Delivery";
pub const EVENT_HEADER: &str = "X-LightningEnable-Event";
/// How far a signature's timestamp may be from now, by default.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;
/// The same, as the judge takes it.
pub const DEFAULT_TOLERANCE: NonZeroU64 = NonZeroU64::new(DEFAULT_TOLERANCE_SECS).unwrap();

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

/// Why a delivery's signatures were not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// Neither signature header was sent.
    Missing,
    Malformed(String),
    Mismatch,
    TooOld {
        age_secs: i64,
        tolerance: u64,
    },
    /// Only `X-Gateway-Signature`, which holds, without `--allow-legacy`.
    LegacyOnly,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::Missing => write!(
                f,
                "no signature: neither {SIGNATURE_HEADER} nor {LEGACY_SIGNATURE_HEADER} was sent"
            ),
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
            Invalid::LegacyOnly => write!(
                f,
                "only {LEGACY_SIGNATURE_HEADER}, which signs no time (a captured delivery replays forever): refused without --allow-legacy"
            ),
        }
    }
}

/// The signature headers of one delivery, by the name each arrived under. The name
/// decides the scheme a value is judged by; its shape never does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Received<'a> {
    /// `X-LightningEnable-Signature`: must be `t=…,v1=…`.
    pub current: Option<&'a str>,
    /// `X-Gateway-Signature`: must be bare hex.
    pub legacy: Option<&'a str>,
}

impl<'a> Received<'a> {
    /// One header, by its name (any case); `None` for a name that carries no signature.
    pub fn named(name: &str, value: &'a str) -> Option<Received<'a>> {
        let name = name.trim();
        if name.eq_ignore_ascii_case(SIGNATURE_HEADER) {
            Some(Received {
                current: Some(value),
                legacy: None,
            })
        } else if name.eq_ignore_ascii_case(LEGACY_SIGNATURE_HEADER) {
            Some(Received {
                current: None,
                legacy: Some(value),
            })
        } else {
            None
        }
    }

    /// A value that came without its header's name (`le webhook verify --signature`),
    /// placed by its shape: `t=…,v1=…` is the current scheme's, anything else the legacy
    /// one's. It is then judged by the same rules as a named header.
    pub fn by_shape(value: &'a str) -> Received<'a> {
        match scheme_of(value) {
            Scheme::Current => Received {
                current: Some(value),
                legacy: None,
            },
            Scheme::Legacy => Received {
                current: None,
                legacy: Some(value),
            },
        }
    }
}

/// How strict the judge is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// How far a current signature's timestamp may be from now, either way. Never zero:
    /// the age limit cannot be turned off.
    pub tolerance: NonZeroU64,
    /// Whether `X-Gateway-Signature` alone is enough.
    pub allow_legacy: bool,
}

/// A delivery whose signature holds under the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    /// The header whose signature decided.
    pub scheme: Scheme,
    /// The signature's `t=` (current scheme only).
    pub signed_at: Option<i64>,
}

impl Accepted {
    /// Accepted on `X-Gateway-Signature` alone: nothing bounds when it could be replayed.
    pub fn legacy_only(&self) -> bool {
        self.scheme == Scheme::Legacy
    }
}

/// The one judge of a delivery's signatures, for `le webhook verify` and `listen` alike:
/// - `X-LightningEnable-Signature`, when present, decides, and must be `t=…,v1=…` signed
///   within `policy.tolerance` of `now` (a bare value there is malformed, never tried as
///   the legacy scheme);
/// - `X-Gateway-Signature` must be bare hex, and alone is enough only with
///   `policy.allow_legacy` (a genuine one refused for that alone is `LegacyOnly`).
///
/// Comparison is constant time (`Mac::verify_slice`).
pub fn judge(
    received: &Received<'_>,
    body: &[u8],
    secret: &[u8],
    now: i64,
    policy: Policy,
) -> Result<Accepted, Invalid> {
    match (received.current, received.legacy) {
        (Some(value), _) => {
            let t = verify_current(secret, value, body, now, policy.tolerance)?;
            Ok(Accepted {
                scheme: Scheme::Current,
                signed_at: Some(t),
            })
        }
        (None, Some(value)) => {
            verify_legacy(secret, value, body)?;
            if !policy.allow_legacy {
                return Err(Invalid::LegacyOnly);
            }
            Ok(Accepted {
                scheme: Scheme::Legacy,
                signed_at: None,
            })
        }
        (None, None) => Err(Invalid::Missing),
    }
}

/// Which scheme a signature value is written in, for a value that came without its
/// header's name: `t=…,v1=…` or bare hex.
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

/// An `X-Gateway-Signature` value: HMAC-SHA256 of the body, bare hex.
fn verify_legacy(secret: &[u8], value: &str, body: &[u8]) -> Result<(), Invalid> {
    if value.contains('=') {
        return Err(Invalid::Malformed(format!(
            "{LEGACY_SIGNATURE_HEADER} carries a bare hex signature; t=…,v1=… goes in {SIGNATURE_HEADER}"
        )));
    }
    let sig = decode_hex(value)
        .filter(|s| s.len() == 32)
        .ok_or_else(|| Invalid::Malformed("expected 64 hex characters".into()))?;
    let mut m = mac(secret);
    m.update(body);
    m.verify_slice(&sig).map_err(|_| Invalid::Mismatch)
}

/// An `X-LightningEnable-Signature` value: `t=…` and one or more `v1=…`, any of which
/// may match, signed within `tolerance` of `now`. Answers its `t`.
fn verify_current(
    secret: &[u8],
    value: &str,
    body: &[u8],
    now: i64,
    tolerance: NonZeroU64,
) -> Result<i64, Invalid> {
    if !value.trim().is_empty() && !value.contains('=') {
        return Err(Invalid::Malformed(format!(
            "{SIGNATURE_HEADER} carries t=…,v1=…; a bare signature is the legacy scheme's, sent in {LEGACY_SIGNATURE_HEADER}"
        )));
    }
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
            "v1" => sigs.push(
                decode_hex(v)
                    .filter(|s| s.len() == 32)
                    .ok_or_else(|| Invalid::Malformed("v1= should be 64 hex characters".into()))?,
            ),
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
    if !within(age, tolerance) {
        return Err(Invalid::TooOld {
            age_secs: age,
            tolerance: tolerance.get(),
        });
    }
    Ok(t)
}

/// Whether a signature `age_secs` old (negative: in the future) is within `tolerance`.
pub fn within(age_secs: i64, tolerance: NonZeroU64) -> bool {
    age_secs.unsigned_abs() <= tolerance.get()
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

    const T: i64 = 1_700_000_000;
    const NOW: i64 = 1_700_000_100;

    fn policy(allow_legacy: bool) -> Policy {
        Policy {
            tolerance: DEFAULT_TOLERANCE,
            allow_legacy,
        }
    }

    fn current(value: &str) -> Received<'_> {
        Received {
            current: Some(value),
            legacy: None,
        }
    }

    fn legacy(value: &str) -> Received<'_> {
        Received {
            current: None,
            legacy: Some(value),
        }
    }

    #[test]
    fn round_trips_and_refusals() {
        let v = sign(SECRET, T, BODY);
        let p = policy(false);
        let ok = Ok(Accepted {
            scheme: Scheme::Current,
            signed_at: Some(T),
        });
        assert_eq!(judge(&current(&v), BODY, SECRET, NOW, p), ok);
        assert_eq!(
            judge(&current(&v), BODY, b"other", NOW, p),
            Err(Invalid::Mismatch)
        );
        assert_eq!(
            judge(&current(&v), b"{}", SECRET, NOW, p),
            Err(Invalid::Mismatch)
        );
        let two = format!("{v},v1={}", "00".repeat(32));
        assert_eq!(judge(&current(&two), BODY, SECRET, NOW, p), ok);
        let sig = sign_legacy(SECRET, BODY);
        assert_eq!(
            judge(&legacy(&sig), BODY, SECRET, NOW, policy(true)),
            Ok(Accepted {
                scheme: Scheme::Legacy,
                signed_at: None,
            })
        );
        assert_eq!(
            judge(&legacy(&sig), b"x", SECRET, NOW, policy(true)),
            Err(Invalid::Mismatch)
        );
        for bad in [
            "t=abc,v1=00",
            "v1=zz",
            "t=1",
            "t=1,v1=00",
            "nonsense",
            "t=1,t=2,v1=00",
            "",
        ] {
            assert!(
                matches!(
                    judge(&current(bad), BODY, SECRET, NOW, p),
                    Err(Invalid::Malformed(_))
                ),
                "{bad}"
            );
        }
    }

    /// The age limit holds both ways, to the second, and always applies.
    #[test]
    fn the_age_limit_both_ways() {
        let p = |secs| Policy {
            tolerance: NonZeroU64::new(secs).unwrap(),
            allow_legacy: false,
        };
        let v = sign(SECRET, T, BODY);
        for (now, ok) in [
            (T + 300, true),
            (T + 301, false),
            (T - 300, true),
            (T - 301, false),
        ] {
            let got = judge(&current(&v), BODY, SECRET, now, p(300));
            assert_eq!(got.is_ok(), ok, "{now}: {got:?}");
        }
        assert_eq!(
            judge(&current(&v), BODY, SECRET, T + 1000, p(300)),
            Err(Invalid::TooOld {
                age_secs: 1000,
                tolerance: 300
            })
        );
        assert!(
            judge(&current(&v), BODY, SECRET, T - 2, p(1))
                .unwrap_err()
                .to_string()
                .contains("2 s in the future")
        );
        // Far from now either way, at the ends of the range: refused, never a panic.
        for t in [i64::MIN, i64::MAX, 0] {
            let v = sign(SECRET, t, BODY);
            assert!(matches!(
                judge(&current(&v), BODY, SECRET, NOW, p(u64::MAX >> 1)),
                Ok(_) | Err(Invalid::TooOld { .. })
            ));
            assert!(matches!(
                judge(&current(&v), BODY, SECRET, NOW, p(300)),
                Err(Invalid::TooOld { .. })
            ));
        }
    }

    /// A header's name decides the scheme: a bare value in the current header is
    /// malformed, never tried as the legacy scheme, even where legacy is allowed.
    #[test]
    fn the_header_name_decides_the_scheme() {
        let bare = sign_legacy(SECRET, BODY);
        for allow in [false, true] {
            let got = judge(&current(&bare), BODY, SECRET, NOW, policy(allow));
            assert!(
                matches!(&got, Err(Invalid::Malformed(why)) if why.contains("bare")),
                "{got:?}"
            );
        }
        let v = sign(SECRET, T, BODY);
        assert!(matches!(
            judge(&legacy(&v), BODY, SECRET, NOW, policy(true)),
            Err(Invalid::Malformed(_))
        ));
        // Both present: the current one decides, whatever the legacy one says.
        let both = |c, l| Received {
            current: Some(c),
            legacy: Some(l),
        };
        assert!(matches!(
            judge(&both(&bare, &bare), BODY, SECRET, NOW, policy(true)),
            Err(Invalid::Malformed(_))
        ));
        assert_eq!(
            judge(&both(&v, "junk"), BODY, SECRET, NOW, policy(false)).map(|a| a.scheme),
            Ok(Scheme::Current)
        );
        let old = sign(SECRET, T - 10_000, BODY);
        assert!(matches!(
            judge(&both(&old, &bare), BODY, SECRET, NOW, policy(true)),
            Err(Invalid::TooOld { .. })
        ));
        assert_eq!(
            judge(&Received::default(), BODY, SECRET, NOW, policy(true)),
            Err(Invalid::Missing)
        );
    }

    /// Alone, a legacy signature counts only when allowed; a genuine one refused for that
    /// is told apart from a forgery.
    #[test]
    fn legacy_alone_only_when_allowed() {
        let sig = sign_legacy(SECRET, BODY);
        assert_eq!(
            judge(&legacy(&sig), BODY, SECRET, NOW, policy(false)),
            Err(Invalid::LegacyOnly)
        );
        let accepted = judge(&legacy(&sig), BODY, SECRET, NOW, policy(true)).unwrap();
        assert!(accepted.legacy_only());
        assert_eq!(
            judge(&legacy(&sig), BODY, b"other", NOW, policy(false)),
            Err(Invalid::Mismatch)
        );
        assert!(matches!(
            judge(&legacy("deadbeef"), BODY, SECRET, NOW, policy(false)),
            Err(Invalid::Malformed(_))
        ));
    }

    #[test]
    fn named_and_shaped() {
        assert_eq!(
            Received::named(" x-lightningenable-signature ", "v"),
            Some(current("v"))
        );
        assert_eq!(
            Received::named("X-GATEWAY-SIGNATURE", "v"),
            Some(legacy("v"))
        );
        assert_eq!(Received::named("X-Other", "v"), None);
        assert_eq!(Received::by_shape("t=1,v1=00"), current("t=1,v1=00"));
        assert_eq!(Received::by_shape("abcd"), legacy("abcd"));
    }
}
