//! `le` as this run was invoked: with the flags given on its command line that decide
//! which API it reaches and how (`le --sandbox`, `le --base-url URL`, `le --profile shop`,
//! `--api-key-file`, `--cacert`, `--network`, `--no-verify`), so a command suggested in
//! a hint goes where this one went, and is let in and trusted there as this one was.
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
    // What it takes to be let in and to trust the answers there: a key from a file
    // (stdin cannot be read twice), the certificate to trust, the network expected.
    if let Some(f) = g
        .api_key_file
        .as_deref()
        .filter(|f| *f != "-" && flag("--api-key-file"))
    {
        le.push_str(&format!(" --api-key-file {}", quote(f)));
    }
    if let Some(c) = g.cacert.as_deref().filter(|_| flag("--cacert")) {
        le.push_str(&format!(" --cacert {}", quote(&c.to_string_lossy())));
    }
    if let Some(n) = g.network.as_deref().filter(|_| flag("--network")) {
        le.push_str(&format!(" --network {}", quote(n)));
    }
    if g.no_verify && flag("--no-verify") {
        le.push_str(" --no-verify");
    }
    le
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    #[test]
    fn only_what_was_given_on_the_line_is_kept() {
        let argv = |line: &str| -> Vec<String> { line.split(' ').map(str::to_owned).collect() };
        let of = |line: &str| {
            let cli = crate::cli::Cli::try_parse_from(argv(line)).unwrap();
            super::of(&cli.global, &argv(line))
        };
        assert_eq!(of("le --sandbox get inv_1"), "le --sandbox");
        assert_eq!(
            of(
                "le --base-url http://h:1 --api-key-file k.txt --cacert c.pem --network regtest --no-verify get inv_1"
            ),
            "le --base-url http://h:1 --api-key-file k.txt --cacert c.pem --network regtest --no-verify"
        );
        // A key from stdin is read once: a suggested command cannot read it again.
        assert_eq!(of("le --api-key-file - get inv_1"), "le");
        assert_eq!(of("le --profile till get inv_1"), "le --profile till");
    }
}
