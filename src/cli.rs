//! The command line, as clap derives it. Parsing only: no I/O, no requests.

use std::num::NonZeroU64;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use clap_complete::engine::ArgValueCandidates;

#[derive(Debug, Parser)]
#[command(
    name = "le",
    version,
    about = "Take Bitcoin Lightning payments from the command line, through the Lightning Enable API",
    long_about = "Take Bitcoin Lightning payments from the command line, through the Lightning Enable API.\n\n\
        Try it with no account and no network: `le --sandbox create --order ORDER-1 --amount 49.99 --currency USD`.",
    after_help = "Exit codes: 0 ok, 2 usage, 3 unreachable, 4 auth, 5 not found, 6 API error, 7 rate limited, \
        10 expired, 11 timed out, 12 another end, 13 paid before (no new payment), 20 a check failed, \
        130 interrupted. `le man` has the full table."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
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
    #[arg(
        long,
        global = true,
        env = "LE_PROFILE",
        value_name = "NAME",
        hide_env_values = true,
        add = ArgValueCandidates::new(crate::config::profile_candidates)
    )]
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
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_request_timeout)]
    pub request_timeout: Option<Duration>,

    /// Show requests and responses on stderr (the key redacted)
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,

    /// Use the local sandbox: no account, no network, no money
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// Do not cross-check the API's invoices (amount, network, expiry, signature, payee)
    #[arg(long, global = true, env = "LE_NO_VERIFY", hide_env_values = true, value_parser = clap::builder::BoolishValueParser::new())]
    pub no_verify: bool,

    /// The network the API's invoices must be for: mainnet, testnet, signet or regtest
    /// (default: the profile's; else what a sandbox announces; else mainnet)
    #[arg(
        long,
        global = true,
        env = "LE_NETWORK",
        value_name = "NETWORK",
        hide_env_values = true,
        value_parser = Suggest(NETWORKS),
        hide_possible_values = true
    )]
    pub network: Option<String>,

    /// Show the request that would be sent, and send nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing
    #[arg(long, global = true)]
    pub curl: bool,

    /// Also trust the certificates in this PEM file for https, e.g. a served sandbox's
    /// tls/cert.pem (in addition to the system's)
    #[arg(
        long,
        global = true,
        env = "LE_CACERT",
        value_name = "FILE",
        hide_env_values = true
    )]
    pub cacert: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour forced on or off, or `None` to decide by each stream.
    pub fn forced(self) -> Option<bool> {
        match self {
            ColorChoice::Auto => None,
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a payment and show its Lightning invoice as a QR code
    Create(CreateArgs),
    /// Show a payment by its invoice id
    Get(ShowArgs),
    /// Show the newest payment of one of your order ids
    GetOrder(OrderArg),
    /// Ask the API to refresh a payment's status from the provider, and show it
    Sync(InvoiceArg),
    /// Wait for a payment to be paid or to expire; the exit code tells which
    Watch(WatchArgs),
    /// A till: type an amount, the customer scans, PAID, the next sale (full screen)
    Pos(PosArgs),
    /// Decode a BOLT11 invoice offline and check its signature (`-` reads stdin)
    Decode {
        /// The invoice, with or without `lightning:`, in any one case
        #[arg(value_name = "BOLT11|-")]
        invoice: String,
    },
    /// Refund a paid payment, or look at refunds
    Refund(RefundArgs),
    /// Verify, send or receive signed webhooks
    Webhook(WebhookCmdArgs),
    /// Show the account the API key belongs to: plan, subscription, features
    Whoami,
    /// Show exchange rates (price of 1 BTC)
    Rates {
        /// USD, EUR, GBP, CAD, AUD, JPY, CHF, CNY, INR or BRL; all when left out
        #[arg(value_name = "CURRENCY", value_parser = Suggest(RATE_CURRENCIES), hide_possible_values = true)]
        currency: Option<String>,
    },
    /// Drive the local sandbox: settle or expire payments, list or reset its state
    #[command(
        long_about = "Drive the local sandbox: settle or expire payments, list or reset its state, serve it.\n\n\
            These commands go where the others go: with --base-url (or a profile's base_url) to \
            that served sandbox, as the key in use; with neither, to the local state \
            (LE_SANDBOX_DIR, else the data directory) as le --sandbox's own key."
    )]
    Sandbox(SandboxArgs),
    /// Store an API key for a profile: typed at a prompt without echo, or piped in
    Login(LoginArgs),
    /// Show where le reads its settings, what they are, and change them
    Config(ConfigArgs),
    /// Check that le can work: config, key, API reachable, key accepted, clock
    Doctor,
    /// Serve le's payment tools to an AI assistant over the Model Context Protocol (stdio)
    Mcp(McpArgs),
    /// Print the script that gives a shell tab completion for le
    #[command(
        long_about = "Print the script that gives a shell tab completion for le.\n\n\
            By default the script asks le itself what fits at each TAB, so it knows your profile names \
            and stays right as le changes: load it from the shell's start-up file (see the examples). \
            --static prints a script that never runs le (what packages install), with every fixed value \
            (currencies, networks, --color, --qr) but no profile names."
    )]
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish
        #[arg(value_enum)]
        shell: Shell,
        /// A script that never runs le: fixed values only, no profile names
        #[arg(long = "static")]
        static_script: bool,
    },
    /// Print a manual page (roff): le(1), or a command's, e.g. `le man create`
    Man {
        /// The command whose page to print, e.g. `create` or `refund create`
        #[arg(value_name = "COMMAND", value_parser = Suggest(crate::manual::PAGES), hide_possible_values = true)]
        command: Vec<String>,
        /// Write every page to this directory (le.1, le-create.1, …) instead of printing one
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Your order id (unique per sale); may be left out when the profile has an
    /// order_prefix: le then makes a new one, e.g. TILL-20261121-154203-7F3A
    #[arg(long, value_name = "ID")]
    pub order: Option<String>,
    /// Amount in --currency, e.g. 49.99
    #[arg(
        long,
        value_name = "AMOUNT",
        allow_hyphen_values = true,
        required_unless_present = "from"
    )]
    pub amount: Option<String>,
    /// USD, EUR, GBP, BTC or sats (any case); default: the profile's currency
    #[arg(long, value_name = "CODE", value_parser = Suggest(CURRENCIES), hide_possible_values = true)]
    pub currency: Option<String>,
    /// Then wait for the payment as `le watch` does, the QR code in view: exit 0 paid,
    /// 10 expired, 11 --timeout, 12 another end, 13 the order was paid before
    #[arg(long, conflicts_with = "from")]
    pub watch: bool,
    /// With --watch: give up (exit 11) if not settled by then, e.g. 10m
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "watch")]
    pub timeout: Option<Duration>,
    /// With --watch: time between polls; the API asks for no less than 3s
    #[arg(long, value_name = "DURATION", default_value = "3s", value_parser = parse_duration, allow_hyphen_values = true)]
    pub interval: Duration,
    /// Create one payment per row of a CSV or NDJSON file (`-` for stdin), with columns
    /// named as these flags (order, amount, currency, description, customer_email, …)
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["order", "amount", "currency", "qr_svg"])]
    pub from: Option<String>,
    /// With --from: print results as they finish rather than in input order
    #[arg(long)]
    pub unordered: bool,
    /// With --from: where to record what was created, so a rerun skips it
    /// (default: beside the input, FILE.le-journal)
    #[arg(long, value_name = "PATH")]
    pub journal: Option<std::path::PathBuf>,
    /// With --from: most requests in flight at once, when the rate limit leaves room (default 4)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: Option<u32>,
    /// Shown to the payer in their wallet
    #[arg(long)]
    pub description: Option<String>,
    /// The customer's email address, kept with the payment for your records
    #[arg(long, value_name = "EMAIL")]
    pub customer_email: Option<String>,
    /// The customer's name, kept with the payment for your records
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
pub struct ShowArgs {
    /// Lightning Enable invoice id (inv_…)
    #[arg(value_name = "INVOICE_ID")]
    pub invoice_id: String,
    /// Show the invoice as a QR code again while it can be paid: auto (on a terminal, not
    /// with --json), always, never (default for get)
    #[arg(long, value_enum, default_value_t = QrMode::Never, value_name = "WHEN")]
    pub qr: QrMode,
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
    /// Lightning Enable invoice ids (inv_…); several are watched together
    #[arg(value_name = "INVOICE_ID", required_unless_present_any = ["order", "from"])]
    pub invoice_ids: Vec<String>,
    /// Watch the newest payment of this order id too (repeatable)
    #[arg(long = "order", value_name = "ORDER_ID")]
    pub order: Vec<String>,
    /// Watch the payments listed in a file (`-` for stdin): one invoice id per line, or
    /// the NDJSON of `le create --from` / `--json`
    #[arg(long, value_name = "FILE|-")]
    pub from: Option<String>,
    /// Reads per minute to share among several payments (the API allows 200 reads and
    /// 100 requests in all a minute; the default leaves room for other work)
    #[arg(long, value_name = "N", default_value_t = 90, value_parser = clap::value_parser!(u32).range(20..=10_000))]
    pub reads_per_minute: u32,
    /// Time between polls; the API asks for no less than 3s
    #[arg(long, value_name = "DURATION", default_value = "3s", value_parser = parse_duration, allow_hyphen_values = true)]
    pub interval: Duration,
    /// Give up (exit 11) if the payment has not settled by then, e.g. 10m
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, allow_hyphen_values = true)]
    pub timeout: Option<Duration>,
    /// Show the invoice as a QR code above the spinner while it can be paid (one payment
    /// only): auto (on a terminal, not with --json), always, never (default)
    #[arg(long, value_enum, default_value_t = QrMode::Never, value_name = "WHEN")]
    pub qr: QrMode,
}

#[derive(Debug, Args)]
pub struct PosArgs {
    /// The currency of every sale: USD, EUR, GBP, BTC or sats (default: the profile's)
    #[arg(long, value_name = "CODE", value_parser = Suggest(CURRENCIES), hide_possible_values = true)]
    pub currency: Option<String>,
    /// Order ids are made with this prefix (default: the profile's order_prefix, else POS)
    #[arg(long, value_name = "PREFIX")]
    pub order_prefix: Option<String>,
    /// Shown to the payer in their wallet (default: the profile's description)
    #[arg(long)]
    pub description: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Serve le's payment tools to an AI assistant over the Model Context Protocol, on stdin and stdout.\n\n\
        An MCP client (a desktop assistant, an IDE, an agent framework) starts `le mcp` itself: add it to the \
        client's configuration, with `--sandbox` to try it with no account. The tools use the same profile, key, \
        retries and invoice checks as the other commands. Logs go to stderr."
)]
pub struct McpArgs {
    /// Offer only the tools that read: no payments created, no refunds
    #[arg(long, conflicts_with = "allow_refunds")]
    pub read_only: bool,
    /// Let create_refund send refunds without `confirm: true` in each call
    #[arg(long)]
    pub allow_refunds: bool,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the key from stdin (`-`) instead of asking for it
    #[arg(long, value_name = "-")]
    pub with_key: Option<String>,
    /// Record a command that prints the key (e.g. from a password manager) instead of storing it
    #[arg(long, value_name = "COMMAND", conflicts_with = "with_key")]
    pub key_command: Option<String>,
    /// Store the key without checking it against the API
    #[arg(long)]
    pub no_check: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path
    Path,
    /// Show the settings in force and where each comes from (the key redacted)
    Show,
    /// Set a key of the profile (--profile, else the default profile), or default_profile
    Set {
        /// A profile's key (base_url, api_key_env, api_key_file, api_key_command,
        /// request_timeout, network, payee_pubkeys, verify, cacert, currency, description,
        /// order_prefix), or default_profile
        #[arg(value_parser = Suggest(crate::config::SETTABLE_KEYS), hide_possible_values = true)]
        key: String,
        /// The value, e.g. `30s` for request_timeout, `EUR` for currency; payee_pubkeys
        /// comma-separated
        value: String,
    },
    /// Remove a key from the profile (--profile, else the default profile)
    Unset {
        /// The key to remove, as for `le config set`
        #[arg(value_parser = Suggest(crate::config::SETTABLE_KEYS), hide_possible_values = true)]
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct RefundArgs {
    #[command(subcommand)]
    pub command: RefundCommand,
}

#[derive(Debug, Subcommand)]
pub enum RefundCommand {
    /// Send money back for a paid payment
    Create(RefundCreateArgs),
    /// Show a refund
    Get {
        /// The refund's id (ref_…), as `refund create` or `refund list` showed it
        #[arg(value_name = "REFUND_ID")]
        refund_id: String,
    },
    /// List refunds, newest first
    List {
        /// Only the refunds of this payment
        #[arg(long, value_name = "INVOICE_ID")]
        invoice: Option<String>,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("destination").required(true).args(["lightning_invoice", "bitcoin_address"])))]
pub struct RefundCreateArgs {
    /// The payment to refund (inv_…)
    #[arg(long, value_name = "INVOICE_ID")]
    pub invoice: String,
    /// Amount to refund, in the payment's currency
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// The payment's currency: USD, EUR, GBP, BTC or sats
    #[arg(long, value_name = "CODE", value_parser = Suggest(CURRENCIES), hide_possible_values = true)]
    pub currency: String,
    /// The customer's invoice to pay the refund to
    #[arg(long, value_name = "BOLT11")]
    pub lightning_invoice: Option<String>,
    /// The customer's on-chain address to pay the refund to
    #[arg(long, value_name = "ADDRESS")]
    pub bitcoin_address: Option<String>,
    /// Why, for your records
    #[arg(long)]
    pub reason: Option<String>,
    /// Makes retries safe; default: derived from the request
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Args)]
pub struct WebhookCmdArgs {
    #[command(subcommand)]
    pub command: WebhookCommand,
}

#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Check a received webhook's signature; prints the event when it is genuine
    Verify(WebhookVerifyArgs),
    /// Send a correctly signed test event to your webhook handler
    Send(WebhookSendArgs),
    /// Receive webhooks on this machine, verify and print each one
    Listen(WebhookListenArgs),
    /// Show or set where the API sends your account's webhooks
    Endpoint(EndpointArgs),
}

#[derive(Debug, Args)]
pub struct EndpointArgs {
    #[command(subcommand)]
    pub command: EndpointCommand,
}

#[derive(Debug, Subcommand)]
pub enum EndpointCommand {
    /// Show whether a webhook URL is set (and which, when the API says)
    Show,
    /// Set the webhook URL and the secret that signs its webhooks
    Set {
        /// Your webhook handler's URL, e.g. https://shop.example/webhooks/lightning
        #[arg(value_name = "URL")]
        url: String,
        /// File holding the webhook secret (`-` for stdin)
        #[arg(long, value_name = "PATH|-")]
        secret_file: String,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("sig").required(true).args(["signature", "header"])))]
pub struct WebhookVerifyArgs {
    /// File holding the webhook secret (`-` for stdin)
    #[arg(long, value_name = "PATH|-")]
    pub secret_file: String,
    /// The signature header's value, e.g. 't=1700000000,v1=5f…' or a bare hex signature
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
    pub signature: Option<String>,
    /// The whole header line, e.g. 'X-LightningEnable-Signature: t=…,v1=…'
    #[arg(long, value_name = "NAME: VALUE")]
    pub header: Option<String>,
    /// How far the signature's timestamp may be from now, either way, in seconds (at least 1)
    #[arg(long, value_name = "SECONDS", default_value_t = crate::webhook::DEFAULT_TOLERANCE, value_parser = parse_tolerance)]
    pub tolerance: NonZeroU64,
    /// Accept an X-Gateway-Signature alone: it carries no time, so a captured delivery
    /// could be replayed
    #[arg(long)]
    pub allow_legacy: bool,
    /// The raw body as received (default: stdin)
    #[arg(value_name = "PAYLOAD_FILE|-", default_value = "-")]
    pub payload: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventName {
    #[value(name = "payment.completed")]
    PaymentCompleted,
    #[value(name = "payment.expired")]
    PaymentExpired,
    #[value(name = "refund.completed")]
    RefundCompleted,
}

impl EventName {
    pub fn as_str(self) -> &'static str {
        match self {
            EventName::PaymentCompleted => "payment.completed",
            EventName::PaymentExpired => "payment.expired",
            EventName::RefundCompleted => "refund.completed",
        }
    }
}

#[derive(Debug, Args)]
pub struct WebhookSendArgs {
    /// Your webhook handler's URL
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// The event to send
    #[arg(long, value_enum, value_name = "EVENT")]
    pub event: EventName,
    /// File holding the webhook secret (`-` for stdin)
    #[arg(long, value_name = "PATH|-")]
    pub secret_file: String,
    /// The event's invoice id (default: a made-up one)
    #[arg(long, value_name = "INVOICE_ID")]
    pub invoice: Option<String>,
    /// The event's order id (default: a made-up one)
    #[arg(long, value_name = "ORDER_ID")]
    pub order: Option<String>,
    /// The event's amount (default: 49.99)
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// The event's currency (default: USD)
    #[arg(long, value_name = "CODE", value_parser = Suggest(CURRENCIES), hide_possible_values = true)]
    pub currency: Option<String>,
    /// For refund.completed
    #[arg(long, value_name = "REFUND_ID")]
    pub refund: Option<String>,
    /// JSON object merged into the event's data, e.g. '{"amountSats":4999}'
    #[arg(long, value_name = "JSON")]
    pub data: Option<String>,
    /// Which signature headers to send: both (as the API does), current or legacy
    #[arg(long, value_enum, default_value_t = SignScheme::Both, value_name = "SCHEME")]
    pub scheme: SignScheme,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignScheme {
    Both,
    Current,
    Legacy,
}

#[derive(Debug, Args)]
pub struct WebhookListenArgs {
    /// Port to listen on (on 127.0.0.1 unless --addr says otherwise); 0 picks a free one
    #[arg(long, default_value_t = 9000, value_name = "PORT")]
    pub port: u16,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    pub addr: String,
    /// File holding the webhook secret (`-` for stdin)
    #[arg(long, value_name = "PATH|-")]
    pub secret_file: String,
    /// How far a signature's timestamp may be from now, either way, in seconds (at least 1);
    /// a delivery accepted is refused again for as long as its signature would pass
    #[arg(long, value_name = "SECONDS", default_value_t = crate::webhook::DEFAULT_TOLERANCE, value_parser = parse_tolerance)]
    pub tolerance: NonZeroU64,
    /// Accept deliveries signed only with X-Gateway-Signature (no time: replayable)
    #[arg(long)]
    pub allow_legacy: bool,
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
    /// Mark a payment as underpaid: the payer sent less than the invoice asked
    Underpay(InvoiceArg),
    /// Show or change the account of the key in use: inactive, lapsed plan, refunds off,
    /// provider balance
    Account(AccountArgs),
    /// List the sandbox's payments, newest first
    List,
    /// Delete the key's payments, refunds and webhook events (its account and webhook
    /// settings, and other keys' things, are kept)
    Reset,
    /// Show webhook delivery attempts, oldest first
    Deliveries,
    /// Show or set where the sandbox sends the key's webhooks (kept in the sandbox's state)
    Webhook(WebhookArgs),
    /// Serve the sandbox API over HTTP (or https with --tls) for any client
    Serve(Box<ServeArgs>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AccountStatus {
    Active,
    Inactive,
    SubscriptionRequired,
    SubscriptionExpired,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Inactive => "inactive",
            AccountStatus::SubscriptionRequired => "subscription-required",
            AccountStatus::SubscriptionExpired => "subscription-expired",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct AccountArgs {
    /// The account's state; the API answers 403 in any but active
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Option<AccountStatus>,
    /// Whether the account may make refunds (off: 403 REFUNDS_DISABLED)
    #[arg(long, value_enum, value_name = "on|off")]
    pub refunds: Option<OnOff>,
    /// The payment provider's balance refunds are paid from, in sats, or `unlimited`;
    /// a refund it cannot cover fails
    #[arg(long, value_name = "SATS|unlimited")]
    pub balance: Option<String>,
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
    #[arg(long, default_value = "real", value_name = "POLICY", value_parser = Suggest(&["off", "real"]), hide_possible_values = true)]
    pub rate_limit: String,
    /// Deliver webhooks here, for keys that set no endpoint of their own (with
    /// `le sandbox webhook` or `PUT /api/merchant/webhook-url`)
    #[arg(long, value_name = "URL")]
    pub webhook_url: Option<String>,
    /// Secret that signs the webhooks sent to --webhook-url (visible to `ps`: for a
    /// real secret prefer --webhook-secret-file)
    #[arg(long, value_name = "SECRET", conflicts_with = "webhook_secret_file")]
    pub webhook_secret: Option<String>,
    /// File holding the webhook secret (`-` for stdin)
    #[arg(long, value_name = "PATH|-")]
    pub webhook_secret_file: Option<String>,
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
    /// How they fail: any of 500, 502, 503, drop-before, drop-after, stall (the default,
    /// all of which a client can ride out), and 504, problem (an RFC 9457 body),
    /// validation (an ASP.NET `errors` body), 401 (a bare 401)
    #[arg(
        long,
        value_name = "MODES",
        default_value = "500,502,503,drop-before,drop-after,stall"
    )]
    pub fail_modes: String,
    /// How long a stalled request hangs before its connection is closed
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub stall: Duration,
    /// Serve https, with a certificate made for 127.0.0.1, ::1 and localhost (and the
    /// --public-url host), written to DIR/tls/cert.pem for clients to trust
    #[arg(long)]
    pub tls: bool,
    /// The URL clients reach this server at, when not the address it listens on (a
    /// container, a reverse proxy): the base of every payment's hostedCheckoutUrl
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
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

pub use crate::duration::{MAX_DURATION, parse as parse_duration};

/// `--request-timeout`: no request finishes in no time. Refused here, so that every
/// command (`login` too, which reads the flag itself) refuses it alike.
fn parse_request_timeout(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d.is_zero() {
        return Err("must be more than 0, e.g. 30s".into());
    }
    Ok(d)
}

/// `--tolerance`: a webhook signature's age limit always applies, so 0 (which once turned
/// it off) is refused rather than taken to mean "no limit".
fn parse_tolerance(s: &str) -> Result<NonZeroU64, String> {
    let secs: u64 = s
        .trim()
        .parse()
        .map_err(|_| "give a number of seconds, e.g. 300".to_owned())?;
    NonZeroU64::new(secs).ok_or_else(|| {
        "the age limit cannot be turned off: give a number of seconds, at least 1, e.g. 300".into()
    })
}

/// The currencies `le` takes, offered to tab completion.
pub const CURRENCIES: &[&str] = &["USD", "EUR", "GBP", "BTC", "sats"];
/// The currencies the API has exchange rates for, offered to tab completion.
pub const RATE_CURRENCIES: &[&str] = &[
    "USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "CNY", "INR", "BRL",
];
/// The networks `--network` takes, offered to tab completion.
pub const NETWORKS: &[&str] = &["mainnet", "testnet", "signet", "regtest"];

/// A value parser that takes any text but offers these values to tab completion: the
/// command checks the value itself, with a message that says what it takes (`usd` and
/// `Sats` are fine, for one).
#[derive(Clone)]
pub struct Suggest(pub &'static [&'static str]);

impl TypedValueParser for Suggest {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    /// Each value; and, when a shell asks `le` to complete (`note_completing`),
    /// its lower-case form hidden beside it: the values are accepted in any case, and
    /// completion offers a hidden value only when no shown one fits what was typed, so
    /// `--currency e<TAB>` completes to `eur`, `E<TAB>` to `EUR`. Not otherwise: the
    /// static scripts would list both forms.
    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let completing = COMPLETING.load(std::sync::atomic::Ordering::Relaxed);
        Some(Box::new(self.0.iter().flat_map(move |v| {
            let lower = lowercase(v);
            let alias = (completing && lower != *v).then(|| PossibleValue::new(lower).hide(true));
            std::iter::once(PossibleValue::new(*v)).chain(alias)
        })))
    }
}

/// Whether this run answers a shell's tab completion (see main).
static COMPLETING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn note_completing(yes: bool) {
    COMPLETING.store(yes, std::sync::atomic::Ordering::Relaxed);
}

/// The lower-case form of one of the fixed values above, made once per value for the
/// life of the process (clap's values are `&'static str`): a bounded set of a few bytes.
fn lowercase(v: &'static str) -> &'static str {
    if !v.bytes().any(|b| b.is_ascii_uppercase()) {
        return v;
    }
    static MADE: std::sync::Mutex<std::collections::BTreeMap<&str, &str>> =
        std::sync::Mutex::new(std::collections::BTreeMap::new());
    let mut made = MADE.lock().unwrap_or_else(|p| p.into_inner());
    made.entry(v)
        .or_insert_with(|| Box::leak(v.to_ascii_lowercase().into_boxed_str()))
}

/// The command line as `le` parses it: the derived definition with each command's
/// examples and usage from the manual.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    crate::manual::decorate(Cli::command())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    /// Every option and argument of every command says what it is for.
    #[test]
    fn every_option_has_help() {
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in c.get_arguments().filter(|a| !a.is_hide_set()) {
                if a.get_help().is_none() && a.get_long_help().is_none() {
                    missing.push(format!("{path}: {}", a.get_id()));
                }
            }
            for s in c.get_subcommands() {
                walk(s, &format!("{path} {}", s.get_name()), missing);
            }
        }
        let mut cmd = command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "le", &mut missing);
        assert!(missing.is_empty(), "no help: {missing:?}");
    }

    /// Values offered to completion are not enforced by the parser: the command checks
    /// them with its own message (`usd` is fine).
    #[test]
    fn suggested_values_are_offered_not_enforced() {
        let m = command()
            .try_get_matches_from([
                "le",
                "create",
                "--order",
                "A",
                "--amount",
                "1",
                "--currency",
                "usd",
            ])
            .unwrap();
        let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&m).unwrap();
        let Command::Create(c) = cli.command else {
            panic!("create")
        };
        assert_eq!(c.currency.as_deref(), Some("usd"));
        let mut cmd = command();
        cmd.build();
        let create = cmd.find_subcommand("create").unwrap();
        let currency = create
            .get_arguments()
            .find(|a| a.get_id() == "currency")
            .unwrap();
        let offered = |hidden: bool| -> Vec<String> {
            currency
                .get_possible_values()
                .iter()
                .filter(|v| v.is_hide_set() == hidden)
                .map(|v| v.get_name().to_owned())
                .collect()
        };
        assert_eq!(offered(false), CURRENCIES);
        // The lower-case forms are there only while a shell asks le to complete (a
        // bash test in a pseudo-terminal checks that `e<TAB>` gives `eur`).
        assert!(offered(true).is_empty());
        assert_eq!(lowercase("EUR"), "eur");
        assert_eq!(lowercase("sats"), "sats");
    }
}
