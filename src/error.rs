//! One error type for the whole program. Each variant knows its exit code, so `main`
//! turns any failure into a message and a code in exactly one place.

use std::fmt;

use crate::api::ApiError;

/// Exit codes are a contract with scripts: see the README's table before changing one.
pub mod exit {
    pub const OK: u8 = 0;
    pub const INTERNAL: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const UNREACHABLE: u8 = 3;
    pub const AUTH: u8 = 4;
    pub const NOT_FOUND: u8 = 5;
    pub const API: u8 = 6;
    pub const RATE_LIMITED: u8 = 7;
    /// The payment expired (`watch`; `create` returning an earlier, expired payment).
    pub const EXPIRED: u8 = 10;
    pub const WATCH_TIMEOUT: u8 = 11;
    pub const WATCH_OTHER: u8 = 12;
    pub const MISMATCH: u8 = 20;
    pub const INTERRUPTED: u8 = 130;
}

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
    /// The server said no. Boxed: it is the largest variant and errors travel far.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The server said something we cannot read.
    #[error("{0}")]
    BadResponse(String),
    /// Something checked and found wrong: an invoice that disagrees with the API, a
    /// webhook whose signature does not hold.
    #[error("{}", describe_mismatch(code, problems))]
    Mismatch {
        code: &'static str,
        problems: Vec<String>,
    },
    /// Not a failure but an outcome with its own exit code (`watch` ending on `expired`);
    /// everything worth saying was already shown.
    #[error("exit {0}")]
    Outcome(u8),
    /// `--dry-run` or `--curl`: the request that would have been sent, in place of an answer.
    #[error("dry run")]
    DryRun(Box<crate::api::PlannedRequest>),
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// stdout was closed by the reader (`le get … | head -1`): not a failure.
    #[error("broken pipe")]
    BrokenPipe,
    /// A bug or an environment failure we cannot attribute to the user or the server.
    #[error("{0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(msg: impl fmt::Display) -> Self {
        Error::Usage(msg.to_string())
    }

    pub fn internal(msg: impl fmt::Display) -> Self {
        Error::Internal(msg.to_string())
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::Config(_) => exit::USAGE,
            Error::Key(_) => exit::AUTH,
            Error::Unreachable { .. } => exit::UNREACHABLE,
            Error::Api(e) => e.exit_code(),
            Error::BadResponse(_) => exit::API,
            Error::Mismatch { .. } => exit::MISMATCH,
            Error::Outcome(code) => *code,
            Error::DryRun(_) => exit::OK,
            Error::Interrupted => exit::INTERRUPTED,
            Error::BrokenPipe => exit::OK,
            Error::Internal(_) => exit::INTERNAL,
        }
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
            Error::Mismatch { code, .. } => (*code).into(),
            Error::Outcome(_) => "OUTCOME".into(),
            Error::DryRun(_) => "DRY_RUN".into(),
            Error::Interrupted => "INTERRUPTED".into(),
            Error::BrokenPipe => "BROKEN_PIPE".into(),
            Error::Internal(_) => "INTERNAL_ERROR".into(),
        }
    }

    /// The error as the one-line JSON document `--json` promises on stderr.
    pub fn to_json(&self) -> serde_json::Value {
        let mut inner = serde_json::Map::new();
        inner.insert("code".into(), self.code().into());
        inner.insert("message".into(), self.message().into());
        if let Error::Api(e) = self {
            inner.insert("status".into(), e.status.into());
            if let Some(id) = &e.correlation_id {
                inner.insert("correlationId".into(), id.clone().into());
            }
            if let Some(details) = &e.details {
                inner.insert("details".into(), details.clone());
            }
        }
        if let Error::Mismatch { problems, .. } = self {
            inner.insert(
                "details".into(),
                serde_json::json!({ "problems": problems }),
            );
        }
        serde_json::json!({ "error": inner })
    }

    /// The message without the code prefix used on a terminal.
    pub fn message(&self) -> String {
        match self {
            Error::Api(e) => e.message.clone(),
            other => other.to_string(),
        }
    }

    /// Something the user can do next, printed under the message on a terminal.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Unreachable { .. } => Some(
                "check the URL and your network; `le --sandbox …` works with no network at all"
                    .into(),
            ),
            Error::Api(e) => e.hint(),
            _ => None,
        }
    }
}

fn describe_mismatch(code: &str, problems: &[String]) -> String {
    let head = match code {
        "INVOICE_MISMATCH" => {
            "the API's invoice does not agree with the payment (--no-verify to show it anyway)"
        }
        "INVALID_SIGNATURE" => "the webhook is not genuine",
        _ => "check failed",
    };
    match problems {
        [one] => format!("{head}: {one}"),
        many => format!("{head}:\n  - {}", many.join("\n  - ")),
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
            Error::BrokenPipe
        } else {
            Error::Internal(e.to_string())
        }
    }
}
