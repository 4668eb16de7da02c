//! One module per subcommand. Each `run` returns the exit code of a successful run, or
//! an `Error` that `main` reports.

mod batch;
mod create;
mod decode;
mod docs;
mod doctor;
mod login;
mod rates;
mod refund;
mod sandbox;
mod settings;
mod show;
mod watch;
mod watch_many;
mod webhook;

use crate::api::{Client, ClientOptions, Payment};
use crate::cli::{Cli, Command, GlobalArgs};
use crate::config::{Settings, Target};
use crate::error::{Error, Result, exit};
use crate::invoice::{Expectations, Network};
use crate::money::printable;
use crate::render::Output;

/// What every command gets: the global options and how to present results.
pub struct Ctx {
    pub global: GlobalArgs,
    pub out: Output,
    /// What invoices from the API must agree with, once a client is made.
    expect: std::cell::OnceCell<Expectations>,
}

/// The key the embedded sandbox is sent; it accepts any.
const EMBEDDED_KEY: &str = "le_sandbox_embedded";

impl Ctx {
    /// A client for the configured API, starting the embedded sandbox when asked for it.
    pub async fn client(&self) -> Result<Client> {
        let settings = Settings::resolve(&self.global)?;
        let _ = self.expect.set(settings.expectations()?);
        let mut opts = match &settings.target {
            Target::Embedded => embedded_options().await?,
            Target::Remote(url) => {
                let mut o = ClientOptions::new(url.clone());
                o.api_key = Some(settings.api_key(&self.global)?);
                // A proxy would see plain-http requests, key included: this machine's
                // servers are always reached directly.
                o.direct = reqwest::Url::parse(url).is_ok_and(|u| crate::config::is_loopback(&u));
                o
            }
        };
        opts.request_timeout = settings.request_timeout;
        opts.connect_timeout = opts.connect_timeout.min(settings.request_timeout);
        opts.verbose = self.global.verbose;
        opts.dry_run = self.global.dry_run || self.global.curl;
        Client::new(opts)
    }

    /// A client for the configured API with no key, for checks that need none.
    pub async fn client_without_key(&self) -> Result<Client> {
        let settings = Settings::resolve(&self.global)?;
        let Target::Remote(url) = &settings.target else {
            return self.client_for_embedded().await;
        };
        let mut o = ClientOptions::new(url.clone());
        o.direct = reqwest::Url::parse(url).is_ok_and(|u| crate::config::is_loopback(&u));
        o.request_timeout = settings.request_timeout;
        o.verbose = self.global.verbose;
        Client::new(o)
    }

    /// A client for the embedded sandbox, whatever the configuration says.
    pub async fn client_for_embedded(&self) -> Result<Client> {
        let _ = self.expect.set(Expectations {
            network: Network::Regtest,
            payees: Vec::new(),
        });
        let mut opts = embedded_options().await?;
        if let Some(t) = self.global.request_timeout {
            opts.request_timeout = t;
        }
        opts.verbose = self.global.verbose;
        opts.dry_run = self.global.dry_run || self.global.curl;
        Client::new(opts)
    }
}

impl Ctx {
    /// What invoices are checked against, once a client has been made.
    pub fn expectations(&self) -> Option<&Expectations> {
        self.expect.get()
    }

    /// Sets what invoices are checked against, for clients made outside `client()`.
    pub fn expect(&self, e: Expectations) {
        let _ = self.expect.set(e);
    }

    /// Cross-checks a payment's invoice against its fields, unless `--no-verify`.
    pub fn verify(&self, p: &Payment) -> Result<()> {
        if self.global.no_verify {
            return Ok(());
        }
        let Some(expect) = self.expect.get() else {
            return Ok(());
        };
        crate::invoice::cross_check(p, expect).map_err(|problems| Error::Mismatch {
            code: "INVOICE_MISMATCH",
            problems,
        })
    }
}

/// Starts the sandbox inside this process, on a loopback port of its own.
async fn embedded_options() -> Result<ClientOptions> {
    let dir = crate::config::sandbox_dir()?;
    let opts = crate::sandbox::ServeOptions::embedded()?;
    let bound = crate::sandbox::bind(&dir, "127.0.0.1:0", opts).await?;
    let mut o = ClientOptions::new(bound.spawn());
    o.api_key = Some(crate::secret::SecretString::new(EMBEDDED_KEY.into()));
    o.direct = true;
    Ok(o)
}

pub async fn run(cli: Cli) -> Result<u8> {
    let out = Output::detect(cli.global.json, cli.global.color);
    let ctx = Ctx {
        global: cli.global,
        out,
        expect: std::cell::OnceCell::new(),
    };
    // Servers stop on Ctrl-C as their way of ending, and watch reports what it saw;
    // everything else stops where it is: each step it takes is safe to repeat, so a rerun
    // of the same command finishes the job.
    let own_signals = matches!(
        &cli.command,
        Command::Watch(_)
            | Command::Sandbox(crate::cli::SandboxArgs {
                command: crate::cli::SandboxCommand::Serve(_)
            })
            | Command::Webhook(crate::cli::WebhookCmdArgs {
                command: crate::cli::WebhookCommand::Listen(_)
            })
    );
    let work = dispatch(&ctx, cli.command);
    let result = if own_signals {
        work.await
    } else {
        // Ctrl-C's handler is registered when its future is first polled: poll it first,
        // so it is in place before the command sends anything.
        tokio::select! {
            biased;
            _ = tokio::signal::ctrl_c() => Err(Error::Interrupted),
            r = work => r,
        }
    };
    result.map(|()| exit::OK).or_else(|e| match e {
        Error::BrokenPipe => Ok(exit::OK),
        Error::DryRun(req) => show_planned(&ctx, &req).map(|()| exit::OK),
        other => Err(other),
    })
}

async fn dispatch(ctx: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Create(a) => create::run(ctx, a).await,
        Command::Get(a) => show::get(ctx, &a.invoice_id).await,
        Command::GetOrder(a) => show::get_order(ctx, &a.order_id).await,
        Command::Sync(a) => show::sync(ctx, &a.invoice_id).await,
        Command::Watch(a) => watch::run(ctx, a).await,
        Command::Decode { invoice } => decode::run(ctx, &invoice),
        Command::Refund(a) => refund::run(ctx, a.command).await,
        Command::Webhook(a) => webhook::run(ctx, a.command).await,
        Command::Rates { currency } => rates::run(ctx, currency.as_deref()).await,
        Command::Sandbox(a) => sandbox::run(ctx, a.command).await,
        Command::Login(a) => login::run(ctx, a).await,
        Command::Config(a) => settings::run(ctx, a.command),
        Command::Doctor => doctor::run(ctx).await,
        Command::Completions { shell } => docs::completions(ctx, shell),
        Command::Man => docs::man(ctx),
    }
}

/// `--dry-run` / `--curl`: the request on stdout instead of its answer.
fn show_planned(ctx: &Ctx, req: &crate::api::PlannedRequest) -> Result<()> {
    use crate::render::request;
    if req.embedded {
        ctx.out.note("note: this is the sandbox inside this le process, gone once it exits; `le sandbox serve` gives one that curl can reach");
    }
    if ctx.global.curl {
        ctx.out.text(&format!("{}\n", request::curl(req)))
    } else if ctx.out.json {
        ctx.out.json_line(&request::json(req))
    } else {
        ctx.out.text(&request::text(req))
    }
}

/// The longest id `le` sends. Real ids are far shorter; this only stops accidents.
const MAX_ID_LEN: usize = 512;

/// Checks an invoice or order id before it goes into a URL.
pub fn check_id(what: &str, example: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::usage(format!(
            "{what} must not be empty, e.g. {example}"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::usage(format!(
            "{what} '{}' contains control characters; e.g. {example}",
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

/// The text of a file, or of stdin for `-`; the error names `what` was being read.
pub fn read_source(source: &str, what: &str) -> Result<String> {
    use std::io::Read;
    if source == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::usage(format!("cannot read {what} from stdin: {e}")))?;
        Ok(s)
    } else {
        std::fs::read_to_string(source)
            .map_err(|e| Error::usage(format!("cannot read {source} ({what}): {e}")))
    }
}

/// Checks free text (descriptions, names) for characters that have no place in it.
pub fn check_text(what: &str, value: &str) -> Result<()> {
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::usage(format!(
            "{what} contains control characters: '{}'",
            printable(value)
        )));
    }
    Ok(())
}
