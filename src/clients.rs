//! The one client factory: every client `le` makes to reach an API (the configured
//! one, a sandbox, a URL `le login` is setting up) is made here, with the run's
//! timeouts, certificates, key, observer and dry-run mode.

use std::sync::Arc;
use std::time::Duration;

use crate::api::{Client, ClientOptions, Observer};
use crate::ctx::Ctx;
use crate::error::{Error, Result};
use crate::render::Output;
use crate::sandbox::EMBEDDED_KEY;
use crate::secret::SecretString;
use crate::settings::Target;

impl Ctx {
    /// A client for the configured API: the embedded sandbox, or a server with the key.
    /// Under `--dry-run` no key is needed or read.
    pub async fn client(&self) -> Result<Client> {
        match &self.settings()?.target {
            Target::Embedded => self.embedded_client().await,
            Target::Remote(url) => {
                let key = if self.dry_run() {
                    None
                } else {
                    Some(self.key()?.clone())
                };
                self.client_at(url, key)
            }
        }
    }

    /// A client for the configured API that sends no key, for checks that need none.
    pub async fn client_without_key(&self) -> Result<Client> {
        match &self.settings()?.target {
            Target::Embedded => self.embedded_client().await,
            Target::Remote(url) => self.client_at(url, None),
        }
    }

    /// A client for the sandbox: the embedded one, unless a flag, the environment or the
    /// profile names a served one. A served sandbox accepts any key unless told
    /// otherwise, so one is sent when there is one, and a stand-in when there is not.
    pub async fn sandbox_client(&self) -> Result<Client> {
        let s = self.settings()?;
        let url = match &s.target {
            Target::Remote(url) if s.target_origin != crate::settings::Origin::Default => {
                url.clone()
            }
            _ => return self.embedded_client().await,
        };
        // A live profile's key and a webhook secret have no business at the hosted API.
        if reqwest::Url::parse(&url).is_ok_and(|u| u.host_str() == Some("api.lightningenable.com"))
        {
            return Err(Error::usage(format!(
                "le sandbox commands drive a sandbox, and {url} is the hosted API: use --sandbox, or --base-url for a served sandbox"
            )));
        }
        let key = if self.dry_run() {
            None
        } else {
            match self.key() {
                Ok(k) => Some(k.clone()),
                Err(Error::Key(_)) => Some(SecretString::new(EMBEDDED_KEY.into())),
                Err(e) => return Err(e),
            }
        };
        self.client_at(&url, key)
    }

    fn options(&self, base_url: String, timeout: Duration) -> ClientOptions {
        let mut o = ClientOptions::new(base_url);
        o.request_timeout = timeout;
        o.connect_timeout = o.connect_timeout.min(timeout);
        // Creates keep trying for at least half a minute, longer when each try may take
        // longer.
        o.create_budget = Duration::from_secs(30).max(timeout * 2);
        o.plans = self.dry_run().then(|| self.plans.clone());
        o.observer = Arc::new(Reporter {
            out: self.out.clone(),
            verbose: self.global.verbose,
        });
        o
    }

    /// A client for the configured API at `url`.
    fn client_at(&self, url: &str, key: Option<SecretString>) -> Result<Client> {
        let timeout = self.settings()?.request_timeout;
        self.client_for(url, key, timeout)
    }

    /// A client for `url`, whatever the configuration says (`le login` sets up a profile
    /// that may not exist yet).
    pub fn client_for(
        &self,
        url: &str,
        key: Option<SecretString>,
        timeout: Duration,
    ) -> Result<Client> {
        let mut o = self.options(url.to_owned(), timeout);
        o.api_key = key;
        if url.starts_with("https://") {
            o.extra_roots = self.roots()?;
        }
        // A proxy would see plain-http requests, key included: this machine's servers
        // are always reached directly.
        o.direct = reqwest::Url::parse(url).is_ok_and(|u| crate::net::is_loopback(&u));
        Client::new(o)
    }

    /// The sandbox inside this process, on a loopback port of its own, started once.
    async fn embedded_client(&self) -> Result<Client> {
        let url = self
            .embedded
            .get_or_try_init(|| async {
                let dir = crate::config::sandbox_dir()?;
                let opts = crate::sandbox::ServeOptions::embedded(&self.out)?;
                let bound = crate::sandbox::bind(&dir, "127.0.0.1:0", opts).await?;
                Ok::<_, Error>(bound.spawn())
            })
            .await?
            .clone();
        let mut o = self.options(url, self.settings()?.request_timeout);
        o.api_key = Some(SecretString::new(EMBEDDED_KEY.into()));
        o.direct = true;
        o.embedded = true;
        Client::new(o)
    }
}

/// What the funnel reports, said through the output.
struct Reporter {
    out: Output,
    verbose: bool,
}

impl Observer for Reporter {
    fn sending(&self, method: &str, url: &str, headers: &[(String, String)]) {
        if self.verbose {
            self.out.trace(&format!("> {method} {url}"));
            for (k, v) in headers {
                self.out.trace(&format!("> {k}: {v}"));
            }
        }
    }

    fn answered(&self, status: u16, elapsed: Duration, bytes: usize, correlation: Option<&str>) {
        if self.verbose {
            self.out.trace(&format!(
                "< {status} ({} ms, {bytes} bytes)",
                elapsed.as_millis()
            ));
            if let Some(id) = correlation {
                self.out.trace(&format!("< x-correlation-id: {id}"));
            }
        }
    }

    fn retrying(&self, attempt: u32, reason: &str, wait: Duration) {
        if self.verbose {
            self.out.trace(&format!(
                "* attempt {attempt} failed ({reason}); retrying in {} ms",
                wait.as_millis()
            ));
        }
    }

    fn waiting(&self, wait: Duration, why: &str) {
        self.out.note(&format!(
            "waiting {} s: {why}",
            wait.as_secs_f64().ceil() as u64
        ));
        self.out.json_note(&serde_json::json!({
            "waiting": { "seconds": wait.as_secs_f64().ceil() as u64, "reason": why }
        }));
    }

    fn recovered(&self, what: &str) {
        if self.verbose {
            self.out.trace(&format!("* found {what}"));
        }
    }
}
