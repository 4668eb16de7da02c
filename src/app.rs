//! One run of `le`: the context every command gets (settings decided once, the key read
//! once, the one client factory, the output), the dispatch to the command, and Ctrl-C.

use std::cell::OnceCell;
use std::sync::Arc;
use std::time::Duration;

use crate::api::{Client, ClientOptions, Observer, Payment, PlanSink, PlannedRequest};
use crate::cli::{Cli, Command, GlobalArgs, SandboxCommand, WebhookCommand};
use crate::error::{Error, Result};
use crate::exit::{self, Outcome};
use crate::invoice::{Disagreement, Expectations, Network};
use crate::render::Output;
use crate::secret::SecretString;
use crate::settings::{Settings, Target};
use crate::text::printable;

/// The key the embedded sandbox is sent; it accepts any.
pub use crate::sandbox::EMBEDDED_KEY;

/// What every command gets.
pub struct Ctx {
    pub global: GlobalArgs,
    pub out: Output,
    settings: OnceCell<Settings>,
    key: OnceCell<SecretString>,
    roots: OnceCell<Vec<crate::net::Root>>,
    embedded: tokio::sync::OnceCell<String>,
    /// Under `--dry-run`/`--curl`: the requests described instead of sent.
    plans: PlanSink,
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

    /// What the API's invoices must agree with.
    pub fn expectations(&self, client: &Client) -> Result<Expectations> {
        let s = self.settings()?;
        Ok(Expectations {
            network: s
                .network
                .or_else(|| client.announced_network())
                .unwrap_or(Network::Bitcoin),
            payees: s.payees.clone(),
        })
    }

    /// Cross-checks a payment's invoice against its fields before anything of it is shown.
    /// An invoice a customer could still pay must agree, or nothing of it is shown (exit
    /// 20, naming the payment); for a payment that can no longer be paid a disagreement is
    /// a warning.
    pub fn check_payment(&self, client: &Client, p: &Payment) -> Result<()> {
        self.check(client, p, false)
    }

    /// The check for a payment `le` has just made: whatever status the server gives it, a
    /// disagreement is exit 20. A payment a moment old is not "paid" by the server's word
    /// alone, and a script would otherwise pass its invoice on.
    pub fn check_new_payment(&self, client: &Client, p: &Payment) -> Result<()> {
        self.check(client, p, true)
    }

    fn check(&self, client: &Client, p: &Payment, strict: bool) -> Result<()> {
        let s = self.settings()?;
        if !s.verify {
            self.out.note_once(
                "verify-off",
                &format!(
                    "invoice checks are off ({}): the API's invoices are shown without being checked",
                    s.verify_origin.describe()
                ),
            );
            return Ok(());
        }
        let expect = self.expectations(client)?;
        let Err(d) = crate::invoice::cross_check(p, &expect) else {
            return Ok(());
        };
        let who = format!(
            "payment {} (order {}, {})",
            printable(p.invoice_id()),
            p.order_id().map_or_else(|| "unknown".into(), printable),
            printable(p.status().as_str())
        );
        let (code, summary, problems) = match d {
            Disagreement::Invalid(why) => (
                "INVALID_INVOICE",
                format!("the API's lightningInvoice for {who} is not a valid BOLT11 invoice"),
                vec![why],
            ),
            Disagreement::Problems(problems) => (
                "INVOICE_MISMATCH",
                format!("the API's invoice for {who} does not agree with the payment"),
                problems,
            ),
        };
        if strict || p.status().is_payable() {
            return Err(Error::mismatch(
                code,
                format!("{summary}; it is not shown (--no-verify to show it anyway)"),
                problems,
                Some(serde_json::json!({ "payment": p.raw() })),
            ));
        }
        self.out
            .warn(&format!("{summary}: {}", problems.join("; ")));
        Ok(())
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

/// Parses the command line. A parse error is reported here (as JSON when `--json` was
/// asked for) and becomes the exit code.
pub fn parse() -> std::result::Result<Cli, u8> {
    let parsed = crate::cli::command()
        .try_get_matches()
        .and_then(|mut m| <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) if e.use_stderr() && std::env::args_os().any(|a| a == "--json") => {
            let text = e.render().to_string();
            let message = text
                .split("Usage:")
                .next()
                .unwrap_or("")
                .lines()
                .filter(|l| !l.starts_with("For more information"))
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let message = message.trim_start_matches("error: ").to_owned();
            let out = Output::detect(true, crate::cli::ColorChoice::Never);
            out.error(&Error::Usage(message));
            Err(exit::USAGE)
        }
        Err(e) => {
            let _ = e.print();
            Err(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            })
        }
    }
}

/// Runs a parsed command line to its end.
pub fn run(cli: Cli, out: &Output) -> Result<Outcome> {
    // The served sandbox answers many clients at once; everything else is one request at
    // a time and starts faster on a single thread.
    let serving = matches!(
        &cli.command,
        Command::Sandbox(s) if matches!(s.command, SandboxCommand::Serve(_))
    );
    let runtime = if serving {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .map_err(|e| Error::internal(format!("cannot start the async runtime: {e}")))?;
    let mcp = matches!(&cli.command, Command::Mcp(_));
    let result = runtime.block_on(run_async(cli, out.clone()));
    if mcp {
        // A terminal's stdin is read on a blocking thread that only returns with a line:
        // after Ctrl-C, do not wait for one.
        runtime.shutdown_background();
    }
    result
}

async fn run_async(cli: Cli, out: Output) -> Result<Outcome> {
    let ctx = Ctx::new(cli.global, out);
    // Servers stop on Ctrl-C as their way of ending, a watch (`create --watch` too) says
    // where the money is, and a batch what it did; everything else stops where it is: each step it takes is safe to repeat, so a rerun
    // of the same command finishes the job.
    let own_signals = matches!(
        &cli.command,
        Command::Watch(_)
            | Command::Sandbox(crate::cli::SandboxArgs {
                command: SandboxCommand::Serve(_)
            })
            | Command::Webhook(crate::cli::WebhookCmdArgs {
                command: WebhookCommand::Listen(_)
            })
    ) || matches!(&cli.command, Command::Create(a) if a.watch || a.from.is_some());
    let work = crate::commands::dispatch(&ctx, cli.command);
    let result = if own_signals {
        work.await
    } else {
        // Ctrl-C's handler is registered when its future is first polled: poll it first,
        // so it is in place before the command sends anything.
        tokio::select! {
            biased;
            _ = tokio::signal::ctrl_c() => Err(Error::Interrupted(None)),
            r = work => r,
        }
    };
    // A dry run stops at its first request (or, for commands of several independent
    // requests, after describing each): what was described is its output.
    let mut planned = std::mem::take(&mut *ctx.plans.lock().unwrap_or_else(|p| p.into_inner()));
    // A request that is not the API's (`webhook send`'s) is described by its command.
    let result = match result {
        Ok(Outcome::Planned(own)) => {
            planned.extend(own);
            Ok(Outcome::Done)
        }
        other => other,
    };
    match result {
        Ok(_) | Err(Error::NotSent) if ctx.dry_run() && !planned.is_empty() => {
            show_planned(&ctx, &planned)?;
            Ok(Outcome::Planned(planned))
        }
        Err(Error::NotSent) => Err(Error::internal(
            "a request was held back under --dry-run, and none was described",
        )),
        Err(Error::OutputClosed) => Ok(Outcome::Done),
        other => other,
    }
}

/// `--dry-run` / `--curl`: the requests on stdout instead of their answers.
fn show_planned(ctx: &Ctx, plans: &[PlannedRequest]) -> Result<()> {
    use crate::render::request;
    if plans.iter().any(|p| p.embedded) {
        ctx.out.note("note: this is the sandbox inside this le process, gone once it exits; `le sandbox serve` gives one that curl can reach");
    }
    if ctx.global.curl && plans.iter().any(|p| p.sends_key) {
        let source = ctx
            .settings()
            .map(|s| s.key_source.clone())
            .unwrap_or(crate::config::KeySource::None);
        let embedded = plans.iter().all(|p| p.embedded);
        match (&source, source.export_line()) {
            (crate::config::KeySource::Env(_), _) => {}
            _ if embedded => {}
            (_, Some(export)) => ctx.out.warn(&format!(
                "the line reads the key from $LIGHTNING_API_KEY, but this profile's key comes from {}; first run: {export}",
                source.describe()
            )),
            (crate::config::KeySource::None, None) => ctx.out.warn("the line reads the key from $LIGHTNING_API_KEY, which is not set: export LIGHTNING_API_KEY=le_merchant_… first"),
            (_, None) => ctx.out.warn(&format!(
                "the line reads the key from $LIGHTNING_API_KEY, but the key comes from {}: export LIGHTNING_API_KEY=le_merchant_… first",
                source.describe()
            )),
        }
    }
    for p in plans {
        if ctx.global.curl {
            ctx.out.show(&request::curl(p))?;
        } else if ctx.out.json() {
            ctx.out.json_line(&request::json(p))?;
        } else {
            ctx.out.show(&request::text(p))?;
        }
    }
    Ok(())
}
