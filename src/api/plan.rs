//! `--dry-run` and `--curl`: a request described instead of sent.

use std::sync::{Arc, Mutex};

/// Where a dry run's requests are described, for the run to show once it stops.
pub type PlanSink = Arc<Mutex<Vec<PlannedRequest>>>;

/// A request as it would go out, the key redacted.
#[derive(Debug, Clone)]
pub struct PlannedRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// Whether it carries the API key (shown as `$LIGHTNING_API_KEY` by `--curl`).
    pub sends_key: bool,
    /// Aimed at the sandbox inside this process, which is gone once `le` exits.
    pub embedded: bool,
}
