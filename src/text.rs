//! Text that did not come from `le` (a server's answer, a webhook sender, a file, an
//! argument echoed back) made safe for a terminal, and hex.
//!
//! A terminal obeys more than escape sequences: C1 controls, bidirectional overrides and
//! zero-width characters can reorder or hide what a person reads ("pay inv_A" showing as
//! "pay inv_B"). All of them are shown escaped, as `\u{202e}`, never passed through.

use std::borrow::Cow;

/// Characters that change how a terminal shows text instead of being shown: every
/// control character (C0, DEL, C1), and every code point Unicode calls default
/// ignorable (zero-width spaces and joiners, bidirectional controls, variation
/// selectors, tags, fillers): invisible, they can hide or reorder what is around them.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}' | '\u{1160}'
            | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}' | '\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// The text with every unsafe character escaped, line breaks included: one line of
/// untrusted text stays one line.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like `escape`, but keeps line breaks and tabs: for text `le` composed itself, where
/// the untrusted parts were escaped already and this is the last line of defence.
pub fn escape_keeping_lines(s: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || c == '\t';
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Untrusted input echoed in a message: escaped, and cut short when long.
pub fn printable(s: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::new();
    for c in s.chars().take(MAX) {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    if s.chars().count() > MAX {
        out.push('…');
    }
    out
}

/// A short word of letters, digits and `_ - . :` only: safe to show inside a command
/// without quoting, and what every real id looks like.
pub fn is_plain_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
}

/// A word for a command line a person may copy into a shell: as it is when it is plainly
/// one word, else single-quoted, and escaped either way, so a server's text becomes one
/// harmless argument.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:@%+=,".contains(&b));
    if plain {
        s.to_owned()
    } else {
        escape(&format!("'{}'", s.replace('\'', r"'\''"))).into_owned()
    }
}

/// Lowercase hex of bytes.
pub fn hex(b: &[u8]) -> String {
    use std::fmt::Write;
    b.iter()
        .fold(String::with_capacity(b.len() * 2), |mut s, x| {
            let _ = write!(s, "{x:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_obey() {
        assert_eq!(escape("plain text é ✓"), "plain text é ✓");
        assert_eq!(escape("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(escape("inv_\u{202e}A"), "inv_\\u{202e}A");
        assert_eq!(escape("x\u{200b}y"), "x\\u{200b}y");
        for c in [
            '\u{180b}',
            '\u{1bca0}',
            '\u{1d173}',
            '\u{e0100}',
            '\u{fff0}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        assert_eq!(escape("one\ntwo"), "one\\ntwo");
        assert_eq!(escape_keeping_lines("one\ntwo\x07"), "one\ntwo\\u{7}");
        assert_eq!(printable(&"a".repeat(70)).chars().count(), 61);
        assert_eq!(shell_word("inv_1"), "inv_1");
        assert_eq!(shell_word("inv_1; rm -rf ~"), "'inv_1; rm -rf ~'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(hex(&[0, 255]), "00ff");
    }
}
