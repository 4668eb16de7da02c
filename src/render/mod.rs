//! Everything `le` shows. `Output` is the only writer to stdout and stderr; the other
//! files here are views that turn what the API said into `Screen`s, escaping every piece
//! of it on the way.

pub mod merchant;
mod output;
pub(crate) mod payment;
pub mod pos;
pub mod qr;
pub mod request;
pub mod tables;
pub mod till;
pub mod time;
pub mod watch;

pub use output::{AltScreen, Live, MIN_SECRET_LEN, Output, Screen, Spinner, to_safe_json};
pub use payment::{amount_text, compact_summary, cut, money, payment_table, payments_table};

/// A panic is a bug: say so and exit 1, as the exit-code table promises, rather than
/// Rust's 101. Panics on other threads (a sandbox request) are caught where they run.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        use std::io::Write;
        // A full-screen till gives the terminal back before anything is said.
        pos::restore_after_panic();
        output::leave_alternate_after_panic();
        let text = crate::text::escape_keeping_lines(&info.to_string()).into_owned();
        let _ = writeln!(
            std::io::stderr(),
            "error: internal error (a bug in le, please report it): {text}"
        );
        if std::thread::current().name() == Some("main") {
            std::process::exit(i32::from(crate::exit::INTERNAL));
        }
    }));
}

/// Untrusted text for a table cell or a line: escaped.
pub(crate) fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape(s)
}

/// A comfy-table for `out`'s stdout: coloured only where colour is allowed.
pub(crate) fn new_table(out: &Output) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    if out.stdout_color() {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}
