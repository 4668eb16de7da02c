//! The only writer to stdout and stderr. Everything `le` shows goes through here, so that
//! three rules hold everywhere at once:
//!
//! - text that did not come from `le` is escaped before a terminal sees it (`crate::text`);
//! - the API key never appears, whatever a server echoed back (every registered secret is
//!   scrubbed from every byte written, JSON included);
//! - writes wait for spinners and progress bars to step aside, so nothing is drawn over.
//!
//! stdout carries data only; notes, warnings, errors and progress go to stderr.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::secret::{Redactor, SecretString};
use crate::text;

/// Human output composed by `render` from escaped parts: the only text that reaches
/// stdout without being escaped again (it may carry the colours `render` chose).
#[derive(Debug, Clone, Default)]
pub struct Screen(String);

impl Screen {
    pub(in crate::render) fn new(s: String) -> Screen {
        Screen(s)
    }

    /// Plain text of `le`'s own, escaped as untrusted text is, line breaks kept.
    pub fn plain(s: &str) -> Screen {
        Screen(text::escape_keeping_lines(s).into_owned())
    }

    pub fn push(&mut self, other: &Screen) {
        self.0.push_str(&other.0);
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn lines(&self) -> usize {
        self.0.lines().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How this run presents its results, and the one handle on the terminal.
#[derive(Clone)]
pub struct Output {
    inner: Arc<Inner>,
}

struct Inner {
    json: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    stdout_color: bool,
    stderr_color: bool,
    /// The keys that must never be written.
    secrets: RwLock<Redactor>,
    /// Spinners and progress bars on stderr now.
    bars: Mutex<Vec<ProgressBar>>,
    /// The live region on stderr now: its text and how many lines it took.
    live: Mutex<Option<(String, usize)>>,
    /// Notes said once per run.
    said: Mutex<Vec<&'static str>>,
    /// stdout belongs to something else (`le mcp`'s protocol): nothing is written there.
    stdout_reserved: AtomicBool,
}

pub use crate::secret::MIN_SECRET_LEN;

impl Output {
    /// `color`: `Some` forces colour on or off (`--color always|never`); `None` decides
    /// by each stream (a terminal, `NO_COLOR`, `TERM=dumb`).
    pub fn detect(json: bool, color: Option<bool>) -> Output {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let decide = |tty: bool| match color {
            Some(forced) => forced,
            None => tty && !no_color && !dumb,
        };
        Output {
            inner: Arc::new(Inner {
                json,
                stdout_tty,
                stderr_tty,
                stdout_color: decide(stdout_tty) && !json,
                stderr_color: decide(stderr_tty),
                secrets: RwLock::new(Redactor::default()),
                bars: Mutex::new(Vec::new()),
                live: Mutex::new(None),
                said: Mutex::new(Vec::new()),
                stdout_reserved: AtomicBool::new(false),
            }),
        }
    }

    pub fn json(&self) -> bool {
        self.inner.json
    }

    pub fn stdout_tty(&self) -> bool {
        self.inner.stdout_tty
    }

    pub fn stderr_tty(&self) -> bool {
        self.inner.stderr_tty
    }

    pub fn stdout_color(&self) -> bool {
        self.inner.stdout_color
    }

    pub fn stderr_color(&self) -> bool {
        self.inner.stderr_color
    }

    /// Whether a person is watching stderr (spinners, live tables, progress).
    pub fn interactive(&self) -> bool {
        self.inner.stderr_tty && !self.inner.json
    }

    /// Rows and columns of the terminal on stdout, when it is one.
    pub fn stdout_size(&self) -> Option<(usize, usize)> {
        if !self.inner.stdout_tty {
            return None;
        }
        console::Term::stdout()
            .size_checked()
            .map(|(r, c)| (usize::from(r), usize::from(c)))
    }

    /// Rows and columns of the terminal on stderr, when it is one.
    pub fn stderr_size(&self) -> Option<(usize, usize)> {
        if !self.inner.stderr_tty {
            return None;
        }
        console::Term::stderr()
            .size_checked()
            .map(|(r, c)| (usize::from(r), usize::from(c)))
    }

    /// The terminal bell, for an outcome a person at a till must not miss; only when a
    /// person is watching.
    pub fn bell(&self) {
        if self.interactive() {
            self.write_stderr("\u{7}");
        }
    }

    /// From now on, this key is scrubbed from everything written.
    pub fn register_secret(&self, key: &SecretString) {
        self.inner
            .secrets
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .add(key);
    }

    /// The text with every registered secret replaced by its redacted form.
    pub fn scrub<'a>(&self, s: &'a str) -> Cow<'a, str> {
        self.inner
            .secrets
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .text(s)
    }

    /// A JSON value with every registered secret replaced, in its strings and keys.
    pub fn scrub_value(&self, v: &mut serde_json::Value) {
        self.inner
            .secrets
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .value(v);
    }

    /// Text fit for the terminal: escaped (line breaks kept) and scrubbed.
    pub fn clean(&self, s: &str) -> String {
        self.scrub(&text::escape_keeping_lines(s)).into_owned()
    }

    /// Runs `f` with the terminal to itself: bars suspended, the live region taken down
    /// and put back after.
    fn aside<T>(&self, f: impl FnOnce() -> T) -> T {
        let bars: Vec<ProgressBar> = self
            .inner
            .bars
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let mut live = self.inner.live.lock().unwrap_or_else(|p| p.into_inner());
        let run = || {
            if let Some((_, lines)) = live.as_ref() {
                erase_lines(*lines);
            }
            let r = f();
            if let Some((text, lines)) = live.as_mut() {
                *lines = draw_lines(text);
            }
            r
        };
        match bars.as_slice() {
            [] => run(),
            [one] => one.suspend(run),
            many => {
                let mut run = Some(run);
                let mut out = None;
                // Nested: every bar steps aside.
                fn nest<T>(bars: &[ProgressBar], f: &mut dyn FnMut() -> T) -> T {
                    match bars.split_first() {
                        None => f(),
                        Some((b, rest)) => b.suspend(|| nest(rest, f)),
                    }
                }
                nest(many, &mut || {
                    if let Some(r) = run.take() {
                        out = Some(r());
                    }
                });
                out.expect("ran once")
            }
        }
    }

    /// From now on stdout carries a protocol that `le` speaks elsewhere (`le mcp`): a
    /// write here would corrupt it, so it fails instead.
    pub fn reserve_stdout(&self) {
        self.inner.stdout_reserved.store(true, Ordering::SeqCst);
    }

    fn write_stdout(&self, bytes: &[u8]) -> Result<()> {
        if self.inner.stdout_reserved.load(Ordering::SeqCst) {
            return Err(Error::internal(
                "le tried to write to stdout, which carries the MCP protocol",
            ));
        }
        self.aside(|| {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(bytes)?;
            lock.flush()?;
            Ok(())
        })
    }

    fn write_stderr(&self, text: &str) {
        self.aside(|| {
            let mut e = std::io::stderr().lock();
            let _ = e.write_all(text.as_bytes());
            let _ = e.flush();
        });
    }

    // ---- stdout: data ----

    /// One JSON document on one line. Values are exactly as given; characters a terminal
    /// would obey are written as `\u` escapes (the same JSON value), and secrets scrubbed.
    pub fn json_line(&self, v: &impl Serialize) -> Result<()> {
        let mut text = to_safe_json(v)?;
        text = self.scrub(&text).into_owned();
        text.push('\n');
        self.write_stdout(text.as_bytes())
    }

    /// Human output that `render` composed.
    pub fn show(&self, s: &Screen) -> Result<()> {
        self.write_stdout(self.scrub(&s.0).as_bytes())
    }

    /// A line of text on stdout, escaped and scrubbed.
    pub fn line(&self, s: &str) -> Result<()> {
        let mut text = self.clean(s);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        self.write_stdout(text.as_bytes())
    }

    /// Bytes that are the data asked for (a webhook payload as received): as they are for
    /// a pipe or a file, escaped for a terminal.
    pub fn data(&self, bytes: &[u8]) -> Result<()> {
        if self.inner.stdout_tty {
            let text = self.clean(&String::from_utf8_lossy(bytes));
            self.write_stdout(text.as_bytes())
        } else {
            let text = String::from_utf8_lossy(bytes);
            match self.scrub(&text) {
                Cow::Borrowed(_) => self.write_stdout(bytes),
                Cow::Owned(s) => self.write_stdout(s.as_bytes()),
            }
        }
    }

    // ---- stderr: for the person ----

    /// A note for the person at the terminal; nothing under `--json`.
    pub fn note(&self, msg: &str) {
        if self.inner.json {
            return;
        }
        self.write_stderr(&format!("{}\n", self.clean(msg)));
    }

    /// A note said at most once per run, whichever command path reaches it.
    pub fn note_once(&self, id: &'static str, msg: &str) {
        {
            let mut said = self.inner.said.lock().unwrap_or_else(|p| p.into_inner());
            if said.contains(&id) {
                return;
            }
            said.push(id);
        }
        self.warn(msg);
    }

    /// A warning: on a terminal in words, under `--json` as a JSON line on stderr.
    pub fn warn(&self, msg: &str) {
        if self.inner.json {
            let v = serde_json::json!({ "warning": { "message": msg } });
            if let Ok(mut t) = to_safe_json(&v) {
                t = self.scrub(&t).into_owned();
                self.write_stderr(&format!("{t}\n"));
            }
            return;
        }
        let label = if self.inner.stderr_color {
            "\x1b[33mwarning:\x1b[0m"
        } else {
            "warning:"
        };
        self.write_stderr(&format!("{label} {}\n", self.clean(msg)));
    }

    /// A machine-readable note on stderr under `--json` (the words go with `note`).
    pub fn json_note(&self, v: &impl Serialize) {
        if !self.inner.json {
            return;
        }
        if let Ok(t) = to_safe_json(v) {
            self.write_stderr(&format!("{}\n", self.scrub(&t)));
        }
    }

    /// Human output meant for the person, not for stdout's reader (a QR code under
    /// `--json`).
    pub fn show_stderr(&self, s: &Screen) {
        self.write_stderr(&self.scrub(&s.0));
    }

    /// A `--verbose` line: what went over the wire.
    pub fn trace(&self, line: &str) {
        self.write_stderr(&format!("{}\n", self.scrub(&text::escape(line))));
    }

    pub fn error(&self, e: &Error) {
        if matches!(e, Error::OutputClosed) {
            return;
        }
        if self.inner.json {
            if let Ok(t) = to_safe_json(&e.to_json()) {
                self.write_stderr(&format!("{}\n", self.scrub(&t)));
            }
            return;
        }
        let label = if self.inner.stderr_color {
            "\x1b[31merror:\x1b[0m"
        } else {
            "error:"
        };
        let mut s = format!("{label} {}\n", self.clean(&e.to_string()));
        if let Some(hint) = e.hint() {
            s.push_str(&format!("  hint: {}\n", self.clean(&hint)));
        }
        self.write_stderr(&s);
    }

    /// The terminal's alternate screen, for what must not outlast a wait: a QR code that
    /// could still be scanned once its payment has ended. Everything drawn until it is
    /// dropped goes when it is; what was on the terminal before comes back. Only on a
    /// terminal, and never under `--json`.
    pub fn alternate_screen(&self) -> Option<AltScreen> {
        if !self.inner.stdout_tty || self.inner.json {
            return None;
        }
        self.write_stdout(ALT_ENTER.as_bytes()).ok()?;
        ALT_HELD.store(true, Ordering::SeqCst);
        Some(AltScreen { out: self.clone() })
    }

    // ---- things that move on stderr ----

    /// A spinner on stderr, when a person is watching.
    pub fn spinner(&self, msg: &str) -> Option<Spinner> {
        if !self.interactive() {
            return None;
        }
        let bar = self.add_bar(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(self.line_for_bar(msg));
        bar.enable_steady_tick(Duration::from_millis(100));
        Some(Spinner {
            bar,
            out: self.clone(),
        })
    }

    /// A progress bar on stderr, when a person is watching.
    pub fn progress(&self, len: u64, template: &str) -> Option<Spinner> {
        if !self.interactive() {
            return None;
        }
        let bar = self.add_bar(ProgressBar::new(len));
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(Spinner {
            bar,
            out: self.clone(),
        })
    }

    /// A region of stderr redrawn in place (a live table), when a person is watching.
    pub fn live(&self) -> Option<Live> {
        if !self.interactive() {
            return None;
        }
        Some(Live { out: self.clone() })
    }

    /// A one-line bar on stderr, drawn short of the terminal's edge.
    fn add_bar(&self, bar: ProgressBar) -> ProgressBar {
        bar.set_draw_target(ProgressDrawTarget::term_like_with_hz(
            Box::new(ShortOfTheEdge(console::Term::stderr())),
            20,
        ));
        self.inner
            .bars
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(bar.clone());
        bar
    }

    fn remove_bar(&self, bar: &ProgressBar) {
        bar.finish_and_clear();
        self.inner
            .bars
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|b| !b.is_finished());
    }

    fn line_for_bar(&self, msg: &str) -> String {
        // One line: a bar's message that wrapped or broke would be redrawn wrongly.
        self.scrub(&text::escape(msg)).into_owned()
    }
}

/// The terminal bars draw on, two columns narrower than it is. A line drawn to the very
/// last column leaves the cursor waiting to wrap, and the `^C` a terminal echoes then
/// lands on a line of its own that the bar does not know of: clearing the bar would wipe
/// that line and leave the bar's own behind. Two columns leave room for the `^C`.
#[derive(Debug)]
struct ShortOfTheEdge(console::Term);

impl indicatif::TermLike for ShortOfTheEdge {
    fn width(&self) -> u16 {
        self.0.size().1.saturating_sub(2).max(1)
    }

    fn height(&self) -> u16 {
        self.0.size().0
    }

    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_up(n)
    }

    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_down(n)
    }

    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_right(n)
    }

    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_left(n)
    }

    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.0.write_line(s)
    }

    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.0.write_str(s)
    }

    fn clear_line(&self) -> std::io::Result<()> {
        self.0.clear_line()
    }

    fn flush(&self) -> std::io::Result<()> {
        self.0.flush()
    }
}

const ALT_ENTER: &str = "\x1b[?1049h\x1b[H";
const ALT_LEAVE: &str = "\x1b[?1049l";

/// Whether the alternate screen is held (for the panic hook).
static ALT_HELD: AtomicBool = AtomicBool::new(false);

/// The alternate screen, left when dropped.
pub struct AltScreen {
    out: Output,
}

impl Drop for AltScreen {
    fn drop(&mut self) {
        // Spinners and bars are drawn on it: they go with it.
        if ALT_HELD.swap(false, Ordering::SeqCst) {
            let _ = self.out.write_stdout(ALT_LEAVE.as_bytes());
        }
    }
}

/// Leaves the alternate screen if it is held: for the panic hook, which runs when no
/// destructor will.
pub fn leave_alternate_after_panic() {
    if ALT_HELD.swap(false, Ordering::SeqCst) {
        let _ = std::io::stdout().write_all(ALT_LEAVE.as_bytes());
        let _ = std::io::stdout().flush();
    }
}

/// A spinner or progress bar; cleared from the terminal when dropped.
pub struct Spinner {
    bar: ProgressBar,
    out: Output,
}

impl Spinner {
    pub fn set(&self, msg: &str) {
        self.bar.set_message(self.out.line_for_bar(msg));
    }

    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.out.remove_bar(&self.bar);
    }
}

/// A multi-line region of stderr, redrawn in place; cleared when dropped. Drawn by
/// `le` itself with explicit line breaks and every line two columns short of the edge: a
/// line that reached the last column would leave the cursor waiting to wrap, and the
/// `^C` a terminal echoes would then fall on a line the redraw does not know of.
pub struct Live {
    out: Output,
}

impl Live {
    pub fn set(&self, s: &Screen) {
        let text = self.out.scrub(s.as_str().trim_end()).into_owned();
        let mut live = self
            .out
            .inner
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let old = live.as_ref().map_or(0, |l| l.1);
        erase_lines(old);
        let lines = draw_lines(&text);
        *live = Some((text, lines));
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        let mut live = self
            .out
            .inner
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some((_, lines)) = live.take() {
            erase_lines(lines);
        }
    }
}

/// Takes down `lines` lines drawn by `draw_lines`, the cursor ending where they began.
fn erase_lines(lines: usize) {
    if lines == 0 {
        return;
    }
    let mut e = std::io::stderr().lock();
    let up = if lines > 1 {
        format!("\x1b[{}A", lines - 1)
    } else {
        String::new()
    };
    let _ = write!(e, "\r{up}\x1b[J");
    let _ = e.flush();
}

/// Draws `text` from the cursor: its lines cut two columns short of the edge, as many as
/// the terminal has rows for, no line break after the last. Returns how many it drew.
fn draw_lines(text: &str) -> usize {
    let term = console::Term::stderr();
    let (rows, cols) = term.size();
    let width = usize::from(cols).saturating_sub(2).max(1);
    let mut shown: Vec<String> = text
        .lines()
        .map(|l| console::truncate_str(l, width, "…").into_owned())
        .collect();
    let room = usize::from(rows).saturating_sub(1).max(1);
    if shown.len() > room {
        let more = shown.len() - room + 1;
        shown.truncate(room - 1);
        shown.push(format!("… {more} more lines: a taller window shows them"));
    }
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(shown.join("\n").as_bytes());
    let _ = e.flush();
    shown.len()
}

/// JSON with every character a terminal would obey written as a `\u` escape. The value is
/// the same; only its spelling changes, and only for those characters.
pub fn to_safe_json(v: &impl Serialize) -> Result<String> {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, SafeFormatter);
    v.serialize(&mut ser).map_err(Error::internal)?;
    String::from_utf8(buf).map_err(Error::internal)
}

struct SafeFormatter;

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if text::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_json_is_the_same_value() {
        let v = serde_json::json!({ "a": "x\u{202e}y\u{9b}z\u{e0041}", "n": 1 });
        let t = to_safe_json(&v).unwrap();
        assert!(t.is_ascii(), "{t}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&t).unwrap(), v);
    }

    #[test]
    fn reserved_stdout_refuses_every_write() {
        let out = Output::detect(false, Some(false));
        out.reserve_stdout();
        assert!(out.json_line(&serde_json::json!({ "a": 1 })).is_err());
        assert!(out.line("text").is_err());
        assert!(out.show(&Screen::plain("text")).is_err());
        assert!(out.data(b"bytes").is_err());
    }

    #[test]
    fn secrets_are_scrubbed_everywhere_and_short_ones_left_alone() {
        let out = Output::detect(false, Some(false));
        out.register_secret(&SecretString::new("le_merchant_abc\"def123".into()));
        out.register_secret(&SecretString::new("a".into()));
        assert_eq!(
            out.scrub("key le_merchant_abc\"def123 seen"),
            "key le_merchant_…(redacted) seen"
        );
        let j = to_safe_json(&serde_json::json!({ "k": "le_merchant_abc\"def123" })).unwrap();
        assert!(!out.scrub(&j).contains("def123"));
        assert_eq!(out.scrub("Invalid"), "Invalid");
    }
}
