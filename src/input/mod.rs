//! What comes in: files or stdin (claimed once per run), secrets, ids, and the payment
//! rows that `create` and `create --from` share.

pub mod rows;

use std::io::Read;
use std::path::Path;
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::render::Output;
use crate::text::printable;

/// What has claimed stdin in this run, and for what.
static STDIN: Mutex<Option<String>> = Mutex::new(None);

/// Stdin can be read once: the second thing that wants it is refused, naming both.
pub fn claim_stdin(what: &str) -> Result<()> {
    let mut claimed = STDIN.lock().unwrap_or_else(|p| p.into_inner());
    match claimed.as_deref() {
        Some(first) if first == what => Ok(()),
        Some(first) => Err(Error::usage(format!(
            "{first} and {what} both want to read stdin (`-`); give one of them a file"
        ))),
        None => {
            *claimed = Some(what.to_owned());
            Ok(())
        }
    }
}

/// The bytes of a file, or of stdin for `-`; `what` names the flag for messages.
pub fn read_bytes(source: &str, what: &str) -> Result<Vec<u8>> {
    if source == "-" {
        claim_stdin(what)?;
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Error::usage(format!("cannot read {what} from stdin: {e}")))?;
        return Ok(b);
    }
    let path = Path::new(source);
    if path.is_dir() {
        return Err(Error::usage(format!(
            "cannot read {what} {}: it is a directory, not a file",
            printable(source)
        )));
    }
    std::fs::read(path)
        .map_err(|e| Error::usage(format!("cannot read {what} {}: {e}", printable(source))))
}

/// The text of a file, or of stdin for `-`.
pub fn read_text(source: &str, what: &str) -> Result<String> {
    String::from_utf8(read_bytes(source, what)?)
        .map_err(|_| Error::usage(format!("{what} {} is not UTF-8 text", printable(source))))
}

/// A secret from a file or stdin, warning when the file is readable by others. The text is
/// returned whole; callers decide what whitespace means.
pub fn read_secret(source: &str, what: &str, out: &Output) -> Result<String> {
    let text = read_text(source, what)?;
    if source != "-" {
        warn_if_shared(Path::new(source), out);
    }
    Ok(text)
}

/// A secret as one line: the final line break is not part of it, everything else is (a
/// webhook secret ending in a space stays that way). An empty one is refused.
pub fn read_secret_line(source: &str, what: &str, out: &Output) -> Result<String> {
    let text = read_secret(source, what, out)?;
    let s = text.strip_suffix('\n').unwrap_or(&text);
    let s = s.strip_suffix('\r').unwrap_or(s);
    if s.is_empty() {
        return Err(Error::usage(format!(
            "{what} {} is empty",
            printable(source)
        )));
    }
    Ok(s.to_owned())
}

/// A key or config readable by others is worth a warning, not a refusal: the user may
/// have reasons, but should know.
pub fn warn_if_shared(path: &Path, out: &Output) {
    if let Some(false) = private(path) {
        out.warn(&format!(
            "{} is readable by other users; fix with: chmod 600 {}",
            path.display(),
            path.display()
        ));
    }
}

/// Whether only its owner can read a file (`None` when that cannot be told).
pub fn private(path: &Path) -> Option<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.permissions().mode() & 0o077 == 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The longest id `le` sends. Real ids are far shorter; this only stops accidents.
const MAX_ID_LEN: usize = 512;

/// Checks an invoice, order or refund id before it goes into a URL.
pub fn check_id(what: &str, example: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::usage(format!(
            "{what} must not be empty, e.g. {example}"
        )));
    }
    if value.chars().any(crate::text::is_unsafe) {
        return Err(Error::usage(format!(
            "{what} '{}' contains control, invisible or direction-changing characters; e.g. {example}",
            printable(value)
        )));
    }
    let n = value.chars().count();
    if n > MAX_ID_LEN {
        return Err(Error::usage(format!(
            "{what} is {n} characters long; at most {MAX_ID_LEN}, e.g. {example}"
        )));
    }
    if value == "." || value == ".." {
        return Err(Error::usage(format!(
            "{what} '{value}' cannot be used in a URL path; e.g. {example}"
        )));
    }
    Ok(())
}

/// Checks free text (descriptions, names) for characters that have no place in it.
pub fn check_text(what: &str, value: &str) -> Result<()> {
    if value
        .chars()
        .any(|c| crate::text::is_unsafe(c) && c != '\n' && c != '\t')
    {
        return Err(Error::usage(format!(
            "{what} contains control, invisible or direction-changing characters: '{}'",
            printable(value)
        )));
    }
    Ok(())
}
