//! `le` as this run was invoked: with the flags given on its command line that decide
//! which API it reaches (`le --sandbox`, `le --base-url URL`, `le --profile shop`), so a
//! command suggested in a hint goes where this one went.
//!
//! A hint is `le`'s own text: it is composed with `le()` before any server text is put
//! in, so nothing a server sends can become part of a command `le` suggests.

use std::sync::OnceLock;

use crate::cli::GlobalArgs;

static LE: OnceLock<String> = OnceLock::new();

/// Records how this run was invoked; the first call wins.
pub fn set(global: &GlobalArgs) {
    let _ = LE.set(of(global, &std::env::args().collect::<Vec<_>>()));
}

/// `le`, with the flags that reach the same API: what a suggested command starts with.
pub fn le() -> &'static str {
    LE.get().map_or("le", String::as_str)
}

/// The invocation for these arguments: a flag counts only when it was given on the
/// command line (not taken from the environment or a profile, which a rerun finds again).
pub fn of(g: &GlobalArgs, argv: &[String]) -> String {
    let quote = crate::text::shell_word;
    let flag = |name: &str| {
        argv.iter()
            .any(|a| a == name || a.starts_with(&format!("{name}=")))
    };
    let mut le = String::from("le");
    if g.sandbox {
        le.push_str(" --sandbox");
    }
    if let Some(u) = g.base_url.as_deref().filter(|_| flag("--base-url")) {
        le.push_str(&format!(" --base-url {}", quote(u)));
    }
    if let Some(p) = g.profile.as_deref().filter(|_| flag("--profile")) {
        le.push_str(&format!(" --profile {}", quote(p)));
    }
    le
}
