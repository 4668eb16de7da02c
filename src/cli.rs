//! The command line, as clap derives it. Parsing only: no I/O, no requests.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

#[derive(Debug, Parser)]
#[command(
    name = "le",
    version,
    about = "Take Bitcoin Lightning payments from the command line, through the Lightning Enable API",
    long_about = "Take Bitcoin Lightning payments from the command line, through the Lightning Enable API.\n\n\
        Try it with no account and no network: `le --sandbox create --order ORDER-1 --amount 49.99 --currency USD`.",
    after_help = "Exit codes: 0 ok, 2 usage, 3 unreachable, 4 auth, 5 not found, 6 API error, 7 rate limited, \
        10/11/12 watch outcomes, 130 interrupted. See the README for the full table."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// API base URL (default: the hosted API, or the profile's)
    #[arg(
        long,
        global = true,
        env = "LE_BASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub base_url: Option<String>,

    /// Profile from the config file
    #[arg(long, global = true, env = "LE_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Read the API key from this file, or from stdin with `-`
    #[arg(long, global = true, value_name = "PATH|-")]
    pub api_key_file: Option<String>,

    /// Print the API's objects as JSON (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Time limit for each HTTP request, e.g. 30s, 2m (default 30s)
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration)]
    pub request_timeout: Option<Duration>,

    /// Show requests and responses on stderr (the key redacted)
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,

    /// Use the local sandbox: no account, no network, no money
    #[arg(long, global = true)]
    pub sandbox: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a payment and show its Lightning invoice as a QR code
    Create(CreateArgs),
    /// Show a payment by its invoice id
    Get(InvoiceArg),
    /// Show the newest payment of one of your order ids
    GetOrder(OrderArg),
    /// Ask the API to refresh a payment's status from the provider, and show it
    Sync(InvoiceArg),
    /// Wait for a payment to be paid or to expire; the exit code tells which
    Watch(WatchArgs),
    /// Drive the local sandbox: settle or expire payments, list or reset its state
    Sandbox(SandboxArgs),
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Your order id (unique per payment)
    #[arg(long, value_name = "ID")]
    pub order: String,
    /// Amount in --currency, e.g. 49.99
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// USD, EUR, GBP, BTC or sats (any case)
    #[arg(long, value_name = "CODE")]
    pub currency: String,
    /// Shown to the payer in their wallet
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    pub customer_email: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub customer_name: Option<String>,
    /// Where hosted checkout sends the payer after paying
    #[arg(long, value_name = "URL")]
    pub success_url: Option<String>,
    /// Where hosted checkout sends the payer on cancel
    #[arg(long, value_name = "URL")]
    pub cancel_url: Option<String>,
    /// Extra data kept with the payment (repeatable)
    #[arg(long = "metadata", value_name = "KEY=VALUE")]
    pub metadata: Vec<String>,
    /// Makes retries safe: the same key never creates a second payment.
    /// Default: derived from the order id and the request, so rerunning the same
    /// command returns the same payment.
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
    /// Show the invoice as a QR code: auto (on a terminal, not with --json), always, never
    #[arg(long, value_enum, default_value_t = QrMode::Auto, value_name = "WHEN")]
    pub qr: QrMode,
    /// Also write the QR code as an SVG file, e.g. to print at a till
    #[arg(long, value_name = "FILE")]
    pub qr_svg: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QrMode {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct InvoiceArg {
    /// Lightning Enable invoice id (inv_…)
    #[arg(value_name = "INVOICE_ID")]
    pub invoice_id: String,
}

#[derive(Debug, Args)]
pub struct OrderArg {
    /// Your order id
    #[arg(value_name = "ORDER_ID")]
    pub order_id: String,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Lightning Enable invoice id (inv_…)
    #[arg(value_name = "INVOICE_ID")]
    pub invoice_id: String,
    /// Time between polls; the API asks for no less than 3s
    #[arg(long, value_name = "DURATION", default_value = "3s", value_parser = parse_duration, allow_hyphen_values = true)]
    pub interval: Duration,
    /// Give up (exit 11) if the payment has not settled by then, e.g. 10m
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, allow_hyphen_values = true)]
    pub timeout: Option<Duration>,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    #[command(subcommand)]
    pub command: SandboxCommand,
}

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Mark a payment as paid, as if a wallet had paid its invoice
    Pay(InvoiceArg),
    /// Mark a payment as seen but not yet confirmed
    Process(InvoiceArg),
    /// Expire a payment now
    Expire(InvoiceArg),
    /// List the sandbox's payments, newest first
    List,
    /// Delete every payment, refund and webhook event in the sandbox (its node key and
    /// webhook settings are kept)
    Reset,
    /// Show webhook delivery attempts, oldest first
    Deliveries,
    /// Show or set where the sandbox sends webhooks (kept in the sandbox's state)
    Webhook(WebhookArgs),
    /// Serve the sandbox API over HTTP for any client
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; loopback unless you say otherwise
    #[arg(long, default_value = "127.0.0.1:8402", value_name = "HOST:PORT")]
    pub addr: String,
    /// Sandbox state directory (default: LE_SANDBOX_DIR, else the data dir)
    #[arg(long, value_name = "PATH")]
    pub dir: Option<PathBuf>,
    /// Accept only these API keys (repeatable); default: any non-empty key
    #[arg(long = "api-key", value_name = "KEY")]
    pub api_keys: Vec<String>,
    /// Rate limits: off, real (100/min global, 200/min reads, 10/min creates, per key),
    /// or your own policies, e.g. create=50/1s,read=500/1s (unlisted policies are off)
    #[arg(long, default_value = "real", value_name = "POLICY")]
    pub rate_limit: String,
    /// Deliver webhooks here (overrides the state's `le sandbox webhook` setting)
    #[arg(long, value_name = "URL", requires = "webhook_secret")]
    pub webhook_url: Option<String>,
    /// Secret that signs the webhooks sent to --webhook-url
    #[arg(long, value_name = "SECRET", requires = "webhook_url")]
    pub webhook_secret: Option<String>,
    /// How long a webhook receiver has to answer before the attempt counts as failed
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub webhook_timeout: Duration,
    /// Settle every new payment by itself after this long, e.g. 10s
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub auto_pay_after: Option<Duration>,
    /// How long refunds stay pending before they complete
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_duration)]
    pub refund_delay: Duration,
    /// Add this delay to every API request, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency: u64,
    /// Fraction of API requests that fail on purpose, from 0 to 1
    #[arg(long, value_name = "F", default_value_t = 0.0)]
    pub fail_rate: f64,
    /// How they fail: any of 500, 502, 503, drop-before, drop-after, stall
    #[arg(
        long,
        value_name = "MODES",
        default_value = "500,502,503,drop-before,drop-after,stall"
    )]
    pub fail_modes: String,
    /// How long a stalled request hangs before its connection is closed
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub stall: Duration,
}

#[derive(Debug, Args)]
pub struct WebhookArgs {
    /// Where to deliver events; needs --secret-file
    #[arg(
        long,
        value_name = "URL",
        requires = "secret_file",
        conflicts_with = "clear"
    )]
    pub url: Option<String>,
    /// File holding the signing secret (`-` for stdin)
    #[arg(long, value_name = "PATH|-", requires = "url")]
    pub secret_file: Option<String>,
    /// Stop sending webhooks
    #[arg(long)]
    pub clear: bool,
}

/// Durations as `3s`, `500ms`, `2m`, `1h30m`, or a bare number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let bad = || {
        format!(
            "'{}' is not a duration: use e.g. 3s, 500ms, 2m or 1h",
            crate::money::printable(s)
        )
    };
    if let Ok(secs) = t.parse::<f64>() {
        return if (0.0..1e9).contains(&secs) {
            Ok(Duration::from_secs_f64(secs))
        } else {
            Err(bad())
        };
    }
    let d: jiff::SignedDuration = t.parse().map_err(|_| bad())?;
    if d.is_negative() {
        return Err(bad());
    }
    d.try_into().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("3s").unwrap(), Duration::from_secs(3));
        assert_eq!(parse_duration("3").unwrap(), Duration::from_secs(3));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("NaN").is_err());
    }
}
