//! What a till shows: the banner that ends a sale, and large type for amounts and
//! outcomes across a counter.

use super::{Screen, clean};

/// How an end is coloured: unmistakable from across a counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// White on green: the money is in.
    Good,
    /// White on red: it is not, and will not be.
    Bad,
    /// Black on yellow: nothing was taken; look before acting.
    Caution,
}

impl Tone {
    fn sgr(self) -> &'static str {
        match self {
            Tone::Good => "\x1b[1;97;42m",
            Tone::Bad => "\x1b[1;97;41m",
            Tone::Caution => "\x1b[1;30;43m",
        }
    }

    /// The colour of large type in this tone.
    pub fn fg(self) -> &'static str {
        match self {
            Tone::Good => "\x1b[1;32m",
            Tone::Bad => "\x1b[1;31m",
            Tone::Caution => "\x1b[1;33m",
        }
    }
}

/// A boxed banner: `PAID  4.20 USD` and what it was for, coloured when colour is allowed.
pub fn banner(
    word: &str,
    tone: Tone,
    amount: &str,
    detail: &str,
    color: bool,
    cols: usize,
) -> Screen {
    let head = format!("{word}  {}", clean(amount));
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
            s.push_str(&format!("{}{r}\x1b[0m\n", tone.sgr()));
        } else {
            s.push_str(&format!("{r}\n"));
        }
    }
    if !color {
        // Without colour the words carry it: a line of the word above and below.
        let word = word.replace(' ', "-");
        let rule = word.repeat(inner.div_ceil(word.len() + 1));
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
        'F' => ["###", "#..", "##.", "#..", "#.."],
        'H' => ["#.#", "#.#", "###", "#.#", "#.#"],
        'K' => ["#.#", "#.#", "##.", "#.#", "#.#"],
        'L' => ["#..", "#..", "#..", "#..", "###"],
        'M' => ["#.#", "###", "###", "#.#", "#.#"],
        'O' => ["###", "#.#", "#.#", "#.#", "###"],
        'W' => ["#.#", "#.#", "###", "###", "#.#"],
        ' ' => ["..", "..", "..", "..", ".."],
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
        let b = banner("PAID", Tone::Good, "4.20 USD", "order T-1", false, 80);
        assert!(b.as_str().contains("PAID  4.20 USD"));
        assert!(!b.as_str().contains('\x1b'));
        let c = banner("EXPIRED", Tone::Bad, "4.20 USD", "order T-1", true, 80);
        assert!(c.as_str().contains("\x1b[1;97;41m"));
    }
}
