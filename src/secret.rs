//! A key that cannot leak by accident: `Debug` and `Display` print a redacted form, and
//! the only way to the bytes is the explicitly named `expose`.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(s: String) -> Self {
        SecretString(s)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `le_merchant_…(redacted)`: enough to tell keys of different kinds apart, nothing of
    /// the secret part.
    pub fn redacted(&self) -> String {
        format!("{}…(redacted)", known_prefix(&self.0))
    }
}

/// `le_merchant_` and the like: the documented shape `le_<kind>_<random>`, shown only when
/// the key has it, so that no part of a key of another shape is ever revealed.
fn known_prefix(key: &str) -> &str {
    let Some(rest) = key.strip_prefix("le_") else {
        return "";
    };
    match rest.find('_') {
        Some(i)
            if i > 0 && rest[..i].bytes().all(|b| b.is_ascii_lowercase()) && rest.len() - i > 8 =>
        {
            &key[..3 + i + 1]
        }
        _ => "",
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl Drop for SecretString {
    fn drop(&mut self) {
        // Best effort: overwrite the key before its memory is given back.
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_the_secret() {
        let k = SecretString::new("le_merchant_s3cr3tvalue123".into());
        assert_eq!(format!("{k:?}"), "le_merchant_…(redacted)");
        assert_eq!(k.to_string(), "le_merchant_…(redacted)");
        let k = SecretString::new("c2VjcmV0LWtleS1ieXRlcw==".into());
        assert_eq!(k.to_string(), "…(redacted)");
        let k = SecretString::new("AbCdEfGh_IjKlMnOpQrStUv".into());
        assert_eq!(k.to_string(), "…(redacted)");
        let k = SecretString::new("le_Merchant_abcdefghijk".into());
        assert_eq!(k.to_string(), "…(redacted)");
    }
}
