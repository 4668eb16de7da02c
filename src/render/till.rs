//! What a till shows: the banner that ends a sale, and large type for amounts and
//! outcomes across a counter.

use super::{Screen, clean};

/// How a sale ended, for its banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Paid,
    Expired,
    /// Ended otherwise (refunded, underpaid) or not at all: no banner colour.
    Other,
}

impl End {
    pub fn word(self) -> &'static str {
        match self {
            End::Paid => "PAID",
            End::Expired => "EXPIRED",
            End::Other => "ENDED",
        }
    }

    /// White on green, or on red: unmistakable from across a counter.
    fn sgr(self) -> &'static str {
        match self {
            End::Paid => "\x1b[1;97;42m",
            End::Expired => "\x1b[1;97;41m",
            End::Other => "\x1b[1;7m",
        }
    }
}

/// A three-line banner: `PAID  4.20 USD` and what it was for, boxed, coloured when
/// colour is allowed.
pub fn banner(end: End, amount: &str, detail: &str, color: bool, cols: usize) -> Screen {
    let head = format!("{}  {}", end.word(), clean(amount));
    let detail = clean(detail).into_owned();
    let inner = head
        .chars()
        .count()
        .max(detail.chars().count())
        .min(cols.saturating_sub(6).max(10));
    let line = |text: &str| {
        let text = super::payment::cut(text, inner);
        let pad = inner.saturating_sub(text.chars().count());
        format!("  {text}{}  ", " ".repeat(pad))
    };
    let rows = [
        " ".repeat(inner + 4),
        line(&head),
        line(&detail),
        " ".repeat(inner + 4),
    ];
    let mut s = String::new();
    for r in rows {
        if color {
            s.push_str(&format!("{}{r}\x1b[0m\n", end.sgr()));
        } else {
            s.push_str(&format!("{r}\n"));
        }
    }
    if !color {
        // Without colour the words carry it: a line of the word above and below.
        let rule = end.word().repeat(inner.div_ceil(end.word().len() + 1));
        let rule = super::payment::cut(&rule, inner + 4);
        s = format!("{rule}\n{s}{rule}\n");
    }
    Screen::new(s)
}

/// Large type: five rows per character, for what a customer reads across a counter.
pub fn large(text: &str) -> Vec<String> {
    let mut rows = vec![String::new(); 5];
    for c in text.chars() {
        let glyph = glyph(c.to_ascii_uppercase());
        for (row, g) in rows.iter_mut().zip(glyph) {
            if !row.is_empty() {
                row.push(' ');
            }
            row.push_str(&g.replace('#', "█").replace('.', " "));
        }
    }
    rows
}

/// How wide `large(text)` is.
pub fn large_width(text: &str) -> usize {
    large(text).first().map_or(0, |r| r.chars().count())
}

fn glyph(c: char) -> [&'static str; 5] {
    match c {
        '0' => ["###", "#.#", "#.#", "#.#", "###"],
        '1' => [".#.", "##.", ".#.", ".#.", "###"],
        '2' => ["###", "..#", "###", "#..", "###"],
        '3' => ["###", "..#", ".##", "..#", "###"],
        '4' => ["#.#", "#.#", "###", "..#", "..#"],
        '5' => ["###", "#..", "###", "..#", "###"],
        '6' => ["###", "#..", "###", "#.#", "###"],
        '7' => ["###", "..#", ".#.", ".#.", ".#."],
        '8' => ["###", "#.#", "###", "#.#", "###"],
        '9' => ["###", "#.#", "###", "..#", "###"],
        '.' => [".", ".", ".", ".", "#"],
        ',' => [".", ".", ".", "#", "#"],
        'A' => ["###", "#.#", "###", "#.#", "#.#"],
        'B' => ["##.", "#.#", "##.", "#.#", "##."],
        'C' => ["###", "#..", "#..", "#..", "###"],
        'D' => ["##.", "#.#", "#.#", "#.#", "##."],
        'E' => ["###", "#..", "##.", "#..", "###"],
        'G' => ["###", "#..", "#.#", "#.#", "###"],
        'I' => ["###", ".#.", ".#.", ".#.", "###"],
        'P' => ["###", "#.#", "###", "#..", "#.."],
        'R' => ["##.", "#.#", "##.", "#.#", "#.#"],
        'S' => ["###", "#..", "###", "..#", "###"],
        'T' => ["###", ".#.", ".#.", ".#.", ".#."],
        'U' => ["#.#", "#.#", "#.#", "#.#", "###"],
        'X' => ["#.#", "#.#", ".#.", "#.#", "#.#"],
        'Y' => ["#.#", "#.#", ".#.", ".#.", ".#."],
        'N' => ["#.#", "###", "###", "#.#", "#.#"],
        _ => ["..", "..", "..", "..", ".."],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_type_lines_up() {
        let rows = large("4.20");
        assert_eq!(rows.len(), 5);
        let w = rows[0].chars().count();
        assert!(rows.iter().all(|r| r.chars().count() == w));
        assert_eq!(w, 13);
        assert_eq!(large_width("PAID"), 15);
    }

    #[test]
    fn banners_say_the_outcome_with_or_without_colour() {
        let b = banner(End::Paid, "4.20 USD", "order T-1", false, 80);
        assert!(b.as_str().contains("PAID  4.20 USD"));
        assert!(!b.as_str().contains('\x1b'));
        let c = banner(End::Expired, "4.20 USD", "order T-1", true, 80);
        assert!(c.as_str().contains("\x1b[1;97;41m"));
    }
}
