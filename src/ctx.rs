//! What every command gets: the settings decided once, the key read once, the
//! certificates `--cacert` adds, the output, and what a dry run described. How it makes
//! clients is `clients.rs`; how it checks the API's invoices is `policy.rs`.

use std::cell::OnceCell;

use crate::api::PlanSink;
use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::render::Output;
use crate::secret::SecretString;
use crate::settings::Settings;

/// What every command gets.
pub struct Ctx {
    pub global: GlobalArgs,
    pub out: Output,
    settings: OnceCell<Settings>,
    key: OnceCell<SecretString>,
    roots: OnceCell<Vec<crate::net::Root>>,
    pub(crate) embedded: tokio::sync::OnceCell<String>,
    /// Under `--dry-run`/`--curl`: the requests described instead of sent.
    pub(crate) plans: PlanSink,
}

impl Ctx {
    pub fn new(global: GlobalArgs, out: Output) -> Ctx {
        crate::invocation::set(&global);
        Ctx {
            global,
            out,
            settings: OnceCell::new(),
            key: OnceCell::new(),
            roots: OnceCell::new(),
            embedded: tokio::sync::OnceCell::new(),
            plans: PlanSink::default(),
        }
    }

    /// The settings, decided on first use and kept for the run.
    pub fn settings(&self) -> Result<&Settings> {
        if let Some(s) = self.settings.get() {
            return Ok(s);
        }
        let s = Settings::resolve(&self.global, &self.out)?;
        Ok(self.settings.get_or_init(|| s))
    }

    /// The API key, read once (a key command runs once, stdin is read once), and from
    /// then on scrubbed from everything `le` writes.
    pub fn key(&self) -> Result<&SecretString> {
        if let Some(k) = self.key.get() {
            return Ok(k);
        }
        let k = self.settings()?.read_key(&self.out)?;
        self.out.register_secret(&k);
        Ok(self.key.get_or_init(|| k))
    }

    /// The certificates `--cacert` (or `LE_CACERT`, or the profile's `cacert`) adds to the
    /// system's, read once.
    pub fn roots(&self) -> Result<Vec<crate::net::Root>> {
        if let Some(r) = self.roots.get() {
            return Ok(r.clone());
        }
        let s = self.settings()?;
        let roots = match &s.cacert {
            Some(p) => crate::net::load_roots(p)
                .map_err(|e| Error::Config(format!("{e} ({})", s.cacert_origin.describe())))?,
            None => Vec::new(),
        };
        Ok(self.roots.get_or_init(|| roots).clone())
    }

    /// `--dry-run` or `--curl`: plan requests, send none.
    pub fn dry_run(&self) -> bool {
        self.global.dry_run || self.global.curl
    }
}
