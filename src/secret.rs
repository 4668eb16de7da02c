//! Redaction, in one place: a key that cannot leak by accident (`Debug` and `Display`
//! print a redacted form, and the only way to the bytes is the explicitly named
//! `expose`), and the `Redactor` that takes keys out of whatever a server echoed back or
//! `le` is about to write: text, bytes and JSON alike.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

/// Keys shorter than this are not redacted from text: replacing every "a" in a message
/// would garble it. `le` itself never puts a key in a message; a server echoing a key
/// this short echoes a key that protects nothing.
pub const MIN_SECRET_LEN: usize = 8;

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

/// Takes keys out: each in every form it may take in text (as it is, and as a JSON
/// string spells it), replaced by its redacted form.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// (what to find, what to show instead).
    forms: Vec<(String, String)>,
}

impl Redactor {
    /// A redactor of one key (none, for a key too short to redact).
    pub fn of(key: &SecretString) -> Redactor {
        let mut r = Redactor::default();
        r.add(key);
        r
    }

    /// From now on `key` is taken out too.
    pub fn add(&mut self, key: &SecretString) {
        let raw = key.expose();
        if raw.len() < MIN_SECRET_LEN || self.forms.iter().any(|(f, _)| f == raw) {
            return;
        }
        self.forms.push((raw.to_owned(), key.redacted()));
        let in_json = raw.replace('\\', "\\\\").replace('"', "\\\"");
        if in_json != raw {
            self.forms.push((in_json, key.redacted()));
        }
    }

    pub fn text<'a>(&self, s: &'a str) -> Cow<'a, str> {
        if !self.forms.iter().any(|(f, _)| s.contains(f.as_str())) {
            return Cow::Borrowed(s);
        }
        let mut out = s.to_owned();
        for (f, shown) in &self.forms {
            out = out.replace(f.as_str(), shown);
        }
        Cow::Owned(out)
    }

    /// Bytes that may not be text (a server's answer as read), keys taken out.
    pub fn bytes(&self, body: Vec<u8>) -> Vec<u8> {
        let mut body = body;
        for (f, shown) in &self.forms {
            let key = f.as_bytes();
            if !body.windows(key.len()).any(|w| w == key) {
                continue;
            }
            let mut out = Vec::with_capacity(body.len());
            let mut i = 0;
            while i < body.len() {
                if body[i..].starts_with(key) {
                    out.extend_from_slice(shown.as_bytes());
                    i += key.len();
                } else {
                    out.push(body[i]);
                    i += 1;
                }
            }
            body = out;
        }
        body
    }

    /// Every string of a JSON value, object keys included, keys taken out.
    pub fn value(&self, v: &mut Value) {
        if self.forms.is_empty() {
            return;
        }
        match v {
            Value::String(s) => {
                if let Cow::Owned(clean) = self.text(s) {
                    *s = clean;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.value(i)),
            Value::Object(map) => {
                let entries = std::mem::take(map);
                for (k, mut item) in entries {
                    self.value(&mut item);
                    map.insert(self.text(&k).into_owned(), item);
                }
            }
            _ => {}
        }
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

    #[test]
    fn a_redactor_takes_a_key_out_of_text_bytes_and_json() {
        let mut r = Redactor::of(&SecretString::new("le_merchant_abc\"def123".into()));
        r.add(&SecretString::new("short".into()));
        assert_eq!(
            r.text("key le_merchant_abc\"def123 seen"),
            "key le_merchant_…(redacted) seen"
        );
        assert_eq!(r.text("short stays"), "short stays");
        let b = r.bytes(b"x le_merchant_abc\"def123 y".to_vec());
        assert_eq!(b, "x le_merchant_…(redacted) y".as_bytes());
        let mut v = serde_json::json!({ "le_merchant_abc\"def123": ["le_merchant_abc\"def123"] });
        r.value(&mut v);
        assert!(!v.to_string().contains("def123"), "{v}");
        // As a JSON string spells it.
        let j =
            serde_json::to_string(&serde_json::json!({ "k": "le_merchant_abc\"def123" })).unwrap();
        assert!(!r.text(&j).contains("def123"), "{j}");
    }
}
