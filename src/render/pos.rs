//! `le pos` on screen: the full-screen session (raw keys, the alternate screen, and the
//! terminal given back on every way out, a panic included) and its frames.

use std::sync::atomic::{AtomicBool, Ordering};

use super::qr::{self, Ink};
use super::till::{Tone, large, large_width};
use super::{Output, Screen, clean, cut};

/// Whether a full-screen session holds the terminal (for the panic hook).
static HELD: AtomicBool = AtomicBool::new(false);

const ENTER: &str = "\x1b[?1049h\x1b[?25l";
const LEAVE: &str = "\x1b[?25h\x1b[?1049l";

/// The terminal, held full-screen until dropped.
pub struct Session {
    out: Output,
}

impl Session {
    pub fn start(out: &Output) -> Result<Session, String> {
        if !out.stdout_tty() || !out.stderr_tty() {
            return Err("le pos needs a terminal to draw on and read keys from".into());
        }
        crossterm::terminal::enable_raw_mode()
            .map_err(|e| format!("cannot take the terminal's keys: {e}"))?;
        HELD.store(true, Ordering::SeqCst);
        let _ = out.show(&Screen::new(ENTER.into()));
        Ok(Session { out: out.clone() })
    }

    pub fn draw(&self, frame: &Screen) {
        let _ = self.out.show(frame);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.out.show(&Screen::new(LEAVE.into()));
        let _ = crossterm::terminal::disable_raw_mode();
        HELD.store(false, Ordering::SeqCst);
    }
}

/// Gives the terminal back if a session holds it: for the panic hook, which runs when no
/// destructor will.
pub fn restore_after_panic() {
    if HELD.swap(false, Ordering::SeqCst) {
        use std::io::Write;
        let _ = std::io::stdout().write_all(LEAVE.as_bytes());
        let _ = std::io::stdout().flush();
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// A frame being composed: lines placed at rows, centred or not.
struct Frame {
    rows: usize,
    cols: usize,
    text: String,
}

impl Frame {
    fn new(rows: usize, cols: usize) -> Frame {
        Frame {
            rows,
            cols,
            text: "\x1b[H\x1b[2J".into(),
        }
    }

    /// `line` (already escaped, may hold le's own colours) at `row` (0-based), from `col`.
    fn at(&mut self, row: usize, col: usize, line: &str) {
        if row < self.rows {
            self.text
                .push_str(&format!("\x1b[{};{}H{line}", row + 1, col + 1));
        }
    }

    /// Plain text, centred, cut to the width.
    fn centred(&mut self, row: usize, line: &str) {
        let line = cut(line, self.cols);
        let col = self.cols.saturating_sub(line.chars().count()) / 2;
        self.at(row, col, &line);
    }

    fn done(self) -> Screen {
        Screen::new(self.text)
    }
}

/// What every frame says at its edges.
pub struct Chrome<'a> {
    /// The top line: where the sales go.
    pub title: &'a str,
    /// The bottom line: this session's sales.
    pub sales: &'a str,
    /// The keys that work now.
    pub keys: &'a str,
    /// Something went wrong with the last sale.
    pub problem: Option<&'a str>,
}

fn edges(f: &mut Frame, c: &Chrome<'_>, color: bool) {
    let title = cut(&clean(c.title), f.cols);
    f.at(
        0,
        0,
        &if color {
            format!("\x1b[7m{title:<w$}\x1b[0m", w = f.cols)
        } else {
            title
        },
    );
    let rows = f.rows;
    if let Some(p) = c.problem {
        let p = cut(&clean(p), f.cols);
        f.at(
            rows.saturating_sub(3),
            0,
            &if color {
                format!("\x1b[1;31m{p}\x1b[0m")
            } else {
                p
            },
        );
    }
    f.centred(rows.saturating_sub(2), &clean(c.keys));
    let sales = cut(&clean(c.sales), f.cols);
    f.at(
        rows.saturating_sub(1),
        0,
        &if color {
            format!("\x1b[7m{sales:<w$}\x1b[0m", w = f.cols)
        } else {
            sales
        },
    );
}

/// The amount being typed, in large type.
pub fn entry(
    size: (usize, usize),
    amount: &str,
    currency: &str,
    c: &Chrome<'_>,
    color: bool,
) -> Screen {
    let (rows, cols) = size;
    let mut f = Frame::new(rows, cols);
    edges(&mut f, c, color);
    let shown = if amount.is_empty() { "0" } else { amount };
    let top = rows.saturating_sub(8) / 2;
    f.centred(top, &format!("Amount in {currency}, then Enter"));
    if large_width(shown) + 2 <= cols {
        for (i, line) in large(shown).iter().enumerate() {
            f.centred(top + 2 + i, line);
        }
    } else {
        f.centred(top + 2, shown);
    }
    f.done()
}

/// A sale waiting to be paid: its code as large as the screen allows, the amount in large
/// type beside or above it when there is room, and the time left.
pub struct Sale<'a> {
    pub invoice: &'a str,
    /// `4.20 USD`.
    pub amount: &'a str,
    /// The number alone, for large type.
    pub figure: &'a str,
    /// `order … · inv_… · expires in 58:12 · unpaid`.
    pub line: &'a str,
}

pub fn sale(size: (usize, usize), s: &Sale<'_>, c: &Chrome<'_>, color: bool, ink: Ink) -> Screen {
    let (rows, cols) = size;
    let mut f = Frame::new(rows, cols);
    edges(&mut f, c, color);
    f.centred(1, &clean(s.line));
    // Rows between the two lines at the top and the three at the bottom.
    let room = rows.saturating_sub(5);
    let big = large(s.figure);
    let big_w = large_width(s.figure);
    let Ok(code) = qr::size(s.invoice) else {
        f.centred(3, "this invoice cannot be drawn as a QR code");
        return f.done();
    };
    let art = match qr::terminal(s.invoice, ink) {
        Ok(a) => a,
        Err(e) => {
            f.centred(3, &e);
            return f.done();
        }
    };
    if code.cols > cols || code.rows > room {
        f.centred(
            3,
            &format!(
                "{}: the QR code needs {} × {} and this terminal has {cols} × {rows}",
                clean(s.amount),
                code.cols,
                code.rows + 5
            ),
        );
        f.centred(
            4,
            "make the window bigger or the font smaller; the invoice:",
        );
        for (i, chunk) in s.invoice.as_bytes().chunks(cols.max(1)).enumerate() {
            f.at(6 + i, 0, &clean(&String::from_utf8_lossy(chunk)));
        }
        return f.done();
    }
    let beside = code.cols + 4 + big_w <= cols;
    let above = !beside && code.rows + 6 <= room;
    let qr_top = 2 + if above { 6 } else { 0 } + (room - code.rows - if above { 6 } else { 0 }) / 2;
    let qr_left = if beside {
        cols.saturating_sub(code.cols + 4 + big_w) / 2
    } else {
        cols.saturating_sub(code.cols) / 2
    };
    for (i, line) in art.as_str().lines().enumerate() {
        f.at(qr_top + i, qr_left, line);
    }
    if beside {
        let left = qr_left + code.cols + 4;
        let top = qr_top + code.rows / 2 - 3;
        for (i, line) in big.iter().enumerate() {
            f.at(top + i, left, line);
        }
        f.at(top + 6, left, &clean(s.amount));
    } else if above {
        for (i, line) in big.iter().enumerate() {
            f.centred(2 + i, line);
        }
    } else {
        f.centred(2, &clean(s.amount));
    }
    f.done()
}

/// How a sale ended: the word in large type, the amount and what it means under it, in
/// colour when allowed.
pub fn ended(
    size: (usize, usize),
    (word, tone): (&str, Tone),
    amount: &str,
    detail: &str,
    c: &Chrome<'_>,
    color: bool,
) -> Screen {
    let (rows, cols) = size;
    let mut f = Frame::new(rows, cols);
    let top = rows.saturating_sub(13) / 2;
    let paint = |line: &str| -> String {
        if color {
            format!("{}{line}\x1b[0m", tone.fg())
        } else {
            line.to_owned()
        }
    };
    // A word too wide for the screen in large type is said in plain letters.
    if large_width(word) + 2 <= cols {
        for (i, line) in large(word).iter().enumerate() {
            let col = cols.saturating_sub(line.chars().count()) / 2;
            f.at(top + i, col, &paint(line));
        }
    } else {
        f.centred(top + 2, &paint(word));
    }
    f.centred(top + 7, &clean(amount));
    f.centred(top + 9, &cut(&clean(detail), cols.saturating_sub(2)));
    edges(&mut f, c, color);
    f.done()
}

/// A key pressed at the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Esc,
    /// Ctrl-C: in raw mode it is a key, not a signal.
    Interrupt,
}

impl Session {
    /// The keys pressed, as they come. The reading thread ends once the receiver is gone.
    pub fn keys(&self) -> tokio::sync::mpsc::UnboundedReceiver<Key> {
        use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        std::thread::spawn(move || {
            while !tx.is_closed() {
                match event::poll(std::time::Duration::from_millis(100)) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(_) => return,
                }
                let Ok(Event::Key(k)) = event::read() else {
                    continue;
                };
                if k.kind == KeyEventKind::Release {
                    continue;
                }
                let key = match k.code {
                    KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                        Key::Interrupt
                    }
                    KeyCode::Char(c) => Key::Char(c),
                    KeyCode::Enter => Key::Enter,
                    KeyCode::Backspace => Key::Backspace,
                    KeyCode::Esc => Key::Esc,
                    _ => continue,
                };
                if tx.send(key).is_err() {
                    return;
                }
            }
        });
        rx
    }
}
