//! Errors only: what stopped a command from doing its work, and how each reads under
//! `--json`; `exit` gives each its exit code, and `render::Output` is where one reaches
//! the user.

use std::fmt;

use serde_json::Value;

use crate::api::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags or values, found before any request was sent.
    #[error("{0}")]
    Usage(String),
    /// The configuration file or profile cannot be used.
    #[error("{0}")]
    Config(String),
    /// No usable API key on this side (missing, unreadable, refused to send).
    #[error("{0}")]
    Key(String),
    /// Could not talk to the server at all, after retries.
    #[error("could not reach {url}: {reason}")]
    Unreachable { url: String, reason: String },
    /// The server said no. Boxed: it is a large variant and errors travel far.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The server said something we cannot read.
    #[error("{0}")]
    BadResponse(String),
    /// Something checked and found wrong: an invoice that disagrees with the API, an
    /// answer about something other than what was asked, a webhook that is not genuine.
    #[error("{0}")]
    Mismatch(Box<Mismatch>),
    /// Ctrl-C; while a payment was being watched, which one and how to go on.
    #[error("interrupted{}", .0.as_ref().map(|l| format!(": {}", l.message)).unwrap_or_default())]
    Interrupted(Option<Box<Left>>),
    /// `--dry-run` / `--curl`: the request was described instead of sent, and the command
    /// stops there; the run shows what was described (`app`).
    #[error("not sent (--dry-run)")]
    NotSent,
    /// stdout was closed by its reader (`le get … | head -1`): nothing more to say.
    #[error("output closed")]
    OutputClosed,
    /// A bug or an environment failure we cannot attribute to the user or the server.
    #[error("{0}")]
    Internal(String),
}

/// A check that failed, with what it was about.
#[derive(Debug)]
pub struct Mismatch {
    /// `INVOICE_MISMATCH`, `INVALID_INVOICE`, `ANSWER_MISMATCH`, `INVALID_SIGNATURE`.
    pub code: &'static str,
    /// The sentence that says what failed, naming what it is about.
    pub summary: String,
    /// One line per disagreement.
    pub problems: Vec<String>,
    /// What a script needs to find the object (the API's object as received).
    pub details: Option<Value>,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [] => f.write_str(&self.summary),
            [one] => write!(f, "{}: {one}", self.summary),
            many => write!(f, "{}:\n  - {}", self.summary, many.join("\n  - ")),
        }
    }
}

/// What Ctrl-C left behind: a payment that may still be paid.
#[derive(Debug)]
pub struct Left {
    /// The payment, when it is known.
    pub invoice_id: Option<String>,
    /// What became of it, in `le`'s words (server text escaped).
    pub message: String,
    /// The command that goes on.
    pub hint: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(msg: impl fmt::Display) -> Self {
        Error::Usage(msg.to_string())
    }

    pub fn internal(msg: impl fmt::Display) -> Self {
        Error::Internal(msg.to_string())
    }

    pub fn mismatch(
        code: &'static str,
        summary: impl Into<String>,
        problems: Vec<String>,
        details: Option<Value>,
    ) -> Self {
        Error::Mismatch(Box::new(Mismatch {
            code,
            summary: summary.into(),
            problems,
            details,
        }))
    }

    /// The machine-readable code shown under `--json`: the API's own code when it sent
    /// one, otherwise a name for what went wrong on our side.
    pub fn code(&self) -> String {
        match self {
            Error::Usage(_) => "USAGE_ERROR".into(),
            Error::Config(_) => "CONFIG_ERROR".into(),
            Error::Key(_) => "API_KEY_ERROR".into(),
            Error::Unreachable { .. } => "UNREACHABLE".into(),
            Error::Api(e) => e
                .code
                .clone()
                .unwrap_or_else(|| format!("HTTP_{}", e.status)),
            Error::BadResponse(_) => "BAD_RESPONSE".into(),
            Error::Mismatch(m) => m.code.into(),
            Error::Interrupted(_) => "INTERRUPTED".into(),
            Error::OutputClosed => "OUTPUT_CLOSED".into(),
            Error::NotSent => "NOT_SENT".into(),
            Error::Internal(_) => "INTERNAL_ERROR".into(),
        }
    }

    /// The error as the one-line JSON document `--json` promises on stderr.
    pub fn to_json(&self) -> Value {
        let mut inner = serde_json::Map::new();
        inner.insert("code".into(), self.code().into());
        inner.insert("message".into(), self.message().into());
        match self {
            Error::Api(e) => {
                inner.insert("status".into(), e.status.into());
                if let Some(id) = &e.correlation_id {
                    inner.insert("correlationId".into(), id.clone().into());
                }
                if let Some(details) = &e.details {
                    inner.insert("details".into(), details.clone());
                }
            }
            Error::Interrupted(Some(left)) => {
                if let Some(id) = &left.invoice_id {
                    inner.insert("invoiceId".into(), id.clone().into());
                }
            }
            Error::Mismatch(m) => {
                let mut details = serde_json::Map::new();
                details.insert("problems".into(), m.problems.clone().into());
                if let Some(Value::Object(extra)) = &m.details {
                    details.extend(extra.clone());
                }
                inner.insert("details".into(), Value::Object(details));
            }
            _ => {}
        }
        if let Some(hint) = self.hint() {
            inner.insert("hint".into(), hint.into());
        }
        serde_json::json!({ "error": inner })
    }

    /// The message without the code prefix used on a terminal; a server's words in it are
    /// escaped, line breaks included.
    pub fn message(&self) -> String {
        match self {
            Error::Api(e) => crate::text::escape(&e.message).into_owned(),
            other => other.to_string(),
        }
    }

    /// Something the user can do next, printed under the message on a terminal.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Unreachable { reason, .. } if reason.contains("certificate") => Some(
                "the server's certificate is not one this machine trusts: for a sandbox served with --tls, add --cacert DIR/tls/cert.pem (or set LE_CACERT)"
                    .into(),
            ),
            Error::Unreachable { .. } => Some(
                "check the URL and your network; `le --sandbox …` works with no network at all"
                    .into(),
            ),
            Error::Api(e) => e.hint(),
            Error::Interrupted(Some(left)) => Some(left.hint.clone()),
            _ => None,
        }
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::OutputClosed
        } else {
            Error::Internal(e.to_string())
        }
    }
}
