//! Text that did not come from `le` (a server's answer, a webhook sender, a file, an
//! argument echoed back) made safe for a terminal, and hex.
//!
//! A terminal obeys more than escape sequences: C1 controls, bidirectional overrides and
//! zero-width characters can reorder or hide what a person reads ("pay inv_A" showing as
//! "pay inv_B"). All of them are shown escaped, as `\u{202e}`, never passed through.

use std::borrow::Cow;

/// Characters that change how a terminal shows text instead of being shown: every
/// control character (C0, DEL, C1), the bidirectional controls, and invisible
/// formatting characters that can hide or join what is around them.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'                      // soft hyphen: invisible
            | '\u{034F}'                    // combining grapheme joiner
            | '\u{061C}'                    // Arabic letter mark (bidi)
            | '\u{115F}' | '\u{1160}'       // Hangul fillers: blank
            | '\u{17B4}' | '\u{17B5}'
            | '\u{180E}'                    // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}'       // zero-width space, joiners, LRM, RLM
            | '\u{2028}' | '\u{2029}'       // line and paragraph separators
            | '\u{202A}'..='\u{202E}'       // bidi embeddings and overrides
            | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, bidi isolates
            | '\u{3164}'                    // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'       // variation selectors
            | '\u{FEFF}'                    // zero-width no-break space
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'       // interlinear annotations
            | '\u{E0000}'..='\u{E007F}'     // tags
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
        assert_eq!(escape("one\ntwo"), "one\\ntwo");
        assert_eq!(escape_keeping_lines("one\ntwo\x07"), "one\ntwo\\u{7}");
        assert_eq!(printable(&"a".repeat(70)).chars().count(), 61);
        assert_eq!(hex(&[0, 255]), "00ff");
    }
}
