//! Everything `le` shows. stdout carries data only; progress, notes and errors go to
//! stderr. Nothing else in the program writes to stdout.

mod payment;
pub mod qr;
pub mod request;
pub mod tables;
pub mod time;

use std::io::{IsTerminal, Write};

pub use payment::{amount_text, payment_table, payments_table};

use crate::cli::ColorChoice;
use crate::error::Result;

/// How this run presents its results.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    pub stdout_color: bool,
    pub stderr_color: bool,
}

impl Output {
    pub fn detect(json: bool, color: ColorChoice) -> Output {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |tty: bool| match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        Output {
            json,
            stdout_tty,
            stderr_tty,
            stdout_color: decide(stdout_tty) && !json,
            stderr_color: decide(stderr_tty),
        }
    }

    /// Writes to stdout, treating a closed pipe (`le … | head -1`) as a normal end.
    pub fn stdout(&self, f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        f(&mut lock)?;
        lock.flush()?;
        Ok(())
    }

    /// One JSON document on one line.
    pub fn json_line(&self, v: &impl serde::Serialize) -> Result<()> {
        let text = serde_json::to_string(v).map_err(crate::error::Error::internal)?;
        self.stdout(|w| writeln!(w, "{text}"))
    }

    pub fn text(&self, s: &str) -> Result<()> {
        self.stdout(|w| w.write_all(s.as_bytes()))
    }

    /// Something for the person watching that must not mix with data on stdout (a QR
    /// code under `--json`).
    pub fn stderr_text(&self, s: &str) {
        let _ = std::io::stderr().lock().write_all(s.as_bytes());
    }

    /// A note for the person at the terminal (never data).
    pub fn note(&self, msg: &str) {
        if self.json {
            return;
        }
        let mut e = std::io::stderr().lock();
        let _ = writeln!(e, "{msg}");
    }

    pub fn warn(&self, msg: &str) {
        let prefix = if self.stderr_color {
            "\x1b[33mwarning:\x1b[0m"
        } else {
            "warning:"
        };
        let _ = writeln!(std::io::stderr().lock(), "{prefix} {msg}");
    }
}

/// Text from a server, safe to put on a terminal: control characters (escape sequences
/// included) are shown escaped instead of being obeyed.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_control) {
        std::borrow::Cow::Owned(
            s.chars()
                .flat_map(|c| {
                    if c.is_control() {
                        c.escape_debug().collect::<Vec<_>>()
                    } else {
                        vec![c]
                    }
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}
