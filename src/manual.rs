//! The manual: the examples each command's `--help` ends with, and the manual pages that
//! `le man` prints, both made from the same clap definition as the parser, so that they
//! cannot describe another `le`.

use clap::Command;
use clap_mangen::Man;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use crate::exit;

/// One example: what it does, and the command line.
pub type Example = (&'static str, &'static str);

/// The commands `le man COMMAND` has a page for, offered to tab completion (the
/// subcommands of `refund`, `webhook`, `sandbox` and `config` have pages of their own:
/// `le man refund create`).
pub const PAGES: &[&str] = &[
    "create",
    "get",
    "get-order",
    "sync",
    "watch",
    "pos",
    "decode",
    "refund",
    "webhook",
    "whoami",
    "rates",
    "sandbox",
    "login",
    "config",
    "doctor",
    "mcp",
    "completions",
    "man",
];

/// The examples of a command, by its path (`le`, `le create`, `le refund create`).
pub fn examples(path: &str) -> &'static [Example] {
    match path {
        "le" => &[
            (
                "Try le with no account and no network: a payment, its QR code, the wait",
                "le --sandbox create --order ORDER-1 --amount 49.99 --currency USD --watch",
            ),
            (
                "A payment's status, for a script",
                "le get inv_abc123 --json | jq -r .status",
            ),
            ("The manual of one command", "le man create"),
        ],
        "le create" => &[
            (
                "Take a payment and wait until it is paid, the QR code on screen",
                "le create --order T-1 --amount 3.50 --currency EUR --watch",
            ),
            (
                "The same at a till whose profile has a currency and an order_prefix",
                "le --profile till create --amount 3.50 --watch",
            ),
            (
                "Hand the invoice id to a script",
                "le create --order ORDER-1 --amount 49.99 --currency USD --json | jq -r .invoiceId",
            ),
            (
                "One payment per row of a CSV file (order,amount,currency), paced by the rate limit",
                "le create --from orders.csv > created.ndjson",
            ),
        ],
        "le get" => &[
            ("Show a payment", "le get inv_abc123"),
            (
                "Show its QR code again, for a customer who walked away",
                "le get inv_abc123 --qr always",
            ),
            (
                "Its status alone",
                "le get inv_abc123 --json | jq -r .status",
            ),
        ],
        "le get-order" => &[
            ("The newest payment of an order", "le get-order ORDER-1"),
            (
                "Was the order paid?",
                "test \"$(le get-order ORDER-1 --json | jq -r .status)\" = paid && echo paid",
            ),
        ],
        "le sync" => &[
            (
                "Ask the API to check a payment with its provider now",
                "le sync inv_abc123",
            ),
            ("The refreshed payment as JSON", "le sync inv_abc123 --json"),
        ],
        "le watch" => &[
            (
                "Fulfil the order once it is paid; give up after 15 minutes",
                "le watch inv_abc123 --timeout 15m && echo \"fulfil the order\"",
            ),
            (
                "Branch on how it ended (0 paid, 10 expired, 11 timed out)",
                "le watch inv_abc123 --timeout 10m; echo \"ended with $?\"",
            ),
            (
                "Several payments at once, by invoice or order id",
                "le watch inv_abc123 inv_def456 --order ORDER-3",
            ),
            (
                "Every payment a batch made",
                "le create --from orders.csv | le watch --from -",
            ),
        ],
        "le pos" => &[
            (
                "The till, tried in the sandbox (p pays, Esc cancels, q quits)",
                "le --sandbox pos --currency EUR",
            ),
            (
                "The till of a profile with a currency and an order_prefix",
                "le --profile till pos",
            ),
        ],
        "le decode" => &[
            (
                "Decode an invoice and check its signature, offline",
                "le decode \"$INVOICE\"",
            ),
            ("An invoice from the clipboard", "xclip -o | le decode -"),
            ("As JSON", "le decode \"$INVOICE\" --json"),
        ],
        "le refund" => &[
            (
                "Refund 10 USD of a payment to the customer's invoice",
                "le refund create --invoice inv_abc123 --amount 10.00 --currency USD --lightning-invoice \"$CUSTOMER_INVOICE\"",
            ),
            ("A payment's refunds", "le refund list --invoice inv_abc123"),
            ("One refund", "le refund get ref_abc123"),
        ],
        "le refund create" => &[
            (
                "Refund 10 USD to the customer's Lightning invoice (checked before it is sent)",
                "le refund create --invoice inv_abc123 --amount 10.00 --currency USD --lightning-invoice \"$CUSTOMER_INVOICE\"",
            ),
            (
                "Refund to an on-chain address, with a reason for your records",
                "le refund create --invoice inv_abc123 --amount 10.00 --currency USD --bitcoin-address \"$ADDRESS\" --reason \"damaged item\"",
            ),
        ],
        "le refund get" => &[
            ("Show a refund", "le refund get ref_abc123"),
            (
                "Its status alone",
                "le refund get ref_abc123 --json | jq -r .status",
            ),
        ],
        "le refund list" => &[
            ("Every refund, newest first", "le refund list"),
            (
                "The refunds of one payment, as JSON",
                "le refund list --invoice inv_abc123 --json",
            ),
        ],
        "le webhook" => &[
            (
                "Check a delivery your server received",
                "le webhook verify --secret-file whsec.txt --header \"X-LightningEnable-Signature: $SIG\" body.json",
            ),
            (
                "Send your handler a signed test event",
                "le webhook send --to http://localhost:3000/webhooks --event payment.completed --secret-file whsec.txt",
            ),
            (
                "See what the sandbox delivers",
                "le webhook listen --port 9000 --secret-file whsec.txt",
            ),
        ],
        "le webhook verify" => &[
            (
                "The signature header as your server received it, the body in a file",
                "le webhook verify --secret-file whsec.txt --header \"X-LightningEnable-Signature: $SIG\" body.json",
            ),
            (
                "The signature's value alone, the body on stdin",
                "le webhook verify --secret-file whsec.txt --signature \"$SIG\" < body.json",
            ),
        ],
        "le webhook send" => &[
            (
                "A payment.completed event to your handler, signed as the API signs",
                "le webhook send --to http://localhost:3000/webhooks --event payment.completed --secret-file whsec.txt",
            ),
            (
                "A refund.completed event for a given refund",
                "le webhook send --to http://localhost:3000/webhooks --event refund.completed --refund ref_abc123 --secret-file whsec.txt",
            ),
        ],
        "le webhook listen" => &[
            (
                "Receive, verify and print deliveries on port 9000",
                "le webhook listen --port 9000 --secret-file whsec.txt",
            ),
            (
                "A free port, one JSON line per delivery",
                "le webhook listen --port 0 --secret-file whsec.txt --json",
            ),
        ],
        "le webhook endpoint" => &[
            (
                "Where the API sends your webhooks now",
                "le webhook endpoint show",
            ),
            (
                "Send them to your handler, signed with this secret",
                "le webhook endpoint set https://shop.example/webhooks/lightning --secret-file whsec.txt",
            ),
        ],
        "le webhook endpoint show" => &[
            (
                "Where the API sends your webhooks",
                "le webhook endpoint show",
            ),
            ("As JSON", "le webhook endpoint show --json"),
        ],
        "le webhook endpoint set" => &[
            (
                "Your handler's URL, and the secret that signs what it receives",
                "le webhook endpoint set https://shop.example/webhooks/lightning --secret-file whsec.txt",
            ),
            (
                "The secret from a password manager, on stdin",
                "pass show shop/whsec | le webhook endpoint set https://shop.example/webhooks/lightning --secret-file -",
            ),
        ],
        "le whoami" => &[
            ("The account behind the key in use", "le whoami"),
            (
                "Is it active? (for a script)",
                "le --profile shop whoami --json | jq -r .subscriptionStatus",
            ),
        ],
        "le rates" => &[
            ("The price of 1 BTC in USD, EUR and GBP", "le rates"),
            ("In euros, as JSON", "le rates EUR --json"),
        ],
        "le sandbox" => &[
            (
                "Make a payment in the sandbox, then pay it",
                "le --sandbox create --order T-1 --amount 5 --currency USD && le sandbox pay inv_abc123",
            ),
            ("Everything the sandbox holds", "le sandbox list"),
            (
                "Serve the sandbox over HTTP for your own app",
                "le sandbox serve --addr 127.0.0.1:8402",
            ),
        ],
        "le sandbox pay" => &[
            ("Pay a sandbox payment", "le sandbox pay inv_abc123"),
            (
                "Create and pay in one line",
                "le sandbox pay \"$(le --sandbox create --order T-2 --amount 5 --currency USD --json | jq -r .invoiceId)\"",
            ),
        ],
        "le sandbox process" => &[(
            "A payment seen by the node but not yet confirmed",
            "le sandbox process inv_abc123",
        )],
        "le sandbox expire" => &[(
            "Expire a payment now, to try what your code does then",
            "le sandbox expire inv_abc123",
        )],
        "le sandbox list" => &[
            (
                "Every payment in the sandbox, newest first",
                "le sandbox list",
            ),
            (
                "The unpaid ones",
                "le sandbox list --json | jq -c 'select(.status == \"unpaid\")'",
            ),
        ],
        "le sandbox underpay" => &[(
            "The customer paid too little: a final state your integration must handle",
            "le sandbox underpay inv_abc123",
        )],
        "le sandbox account" => &[
            (
                "The sandbox account of the key in use",
                "le sandbox account",
            ),
            (
                "A lapsed plan: the API answers 403 SUBSCRIPTION_EXPIRED",
                "le sandbox account --status subscription-expired",
            ),
            (
                "Refunds the provider's balance cannot cover fail",
                "le sandbox account --balance 1000",
            ),
        ],
        "le sandbox reset" => &[("Start again from an empty sandbox", "le sandbox reset")],
        "le sandbox deliveries" => &[
            ("Every webhook delivery attempt", "le sandbox deliveries"),
            ("As JSON", "le sandbox deliveries --json"),
        ],
        "le sandbox webhook" => &[
            (
                "Deliver the sandbox's webhooks to your handler",
                "le sandbox webhook --url http://127.0.0.1:3000/webhooks --secret-file whsec.txt",
            ),
            ("Where they go now", "le sandbox webhook"),
            ("Stop delivering", "le sandbox webhook --clear"),
        ],
        "le sandbox serve" => &[
            (
                "The sandbox API on 127.0.0.1:8402, for any client",
                "le sandbox serve",
            ),
            (
                "Point le (or your app) at it",
                "le --base-url http://127.0.0.1:8402 create --order T-1 --amount 5 --currency USD",
            ),
            (
                "Test your retries: 30 % of requests fail on purpose",
                "le sandbox serve --fail-rate 0.3",
            ),
            (
                "Over https, then trust its certificate",
                "le sandbox serve --tls --dir ./sandbox",
            ),
            (
                "A client of the https sandbox",
                "le --base-url https://127.0.0.1:8402 --cacert ./sandbox/tls/cert.pem get inv_abc123",
            ),
        ],
        "le login" => &[
            (
                "Store a key for the default profile, typed at a prompt",
                "le login",
            ),
            (
                "A key from a password manager, for profile shop",
                "pass show lightning-enable | le --profile shop login --with-key -",
            ),
            (
                "Keep the key in the password manager: record the command that prints it",
                "le --profile shop login --key-command \"pass show lightning-enable\"",
            ),
        ],
        "le config" => &[
            (
                "The settings in force, and where each comes from",
                "le config show",
            ),
            (
                "Give the till profile a currency",
                "le --profile till config set currency EUR",
            ),
            ("Where the config file is", "le config path"),
        ],
        "le config path" => &[
            ("Where the config file is", "le config path"),
            ("Edit it", "\"$EDITOR\" \"$(le config path)\""),
        ],
        "le config show" => &[
            ("The settings of the default profile", "le config show"),
            ("Of another profile", "le --profile till config show"),
        ],
        "le config set" => &[
            (
                "Order ids made for the till profile: TILL-20261121-154203-7F3A",
                "le --profile till config set order_prefix TILL",
            ),
            (
                "The profile used by default",
                "le config set default_profile till",
            ),
        ],
        "le config unset" => &[(
            "Remove the till profile's description",
            "le --profile till config unset description",
        )],
        "le doctor" => &[
            (
                "Check the config, the key, the API and the clock",
                "le doctor",
            ),
            (
                "For one profile, as JSON",
                "le --profile shop doctor --json",
            ),
        ],
        "le mcp" => &[
            (
                "What an MCP client runs to try le with no account",
                "le --sandbox mcp",
            ),
            (
                "Tools that only read, for a profile",
                "le --profile shop mcp --read-only",
            ),
        ],
        "le completions" => &[
            (
                "Bash: in ~/.bashrc (knows your profile names)",
                "source <(le completions bash)",
            ),
            ("Zsh: in ~/.zshrc", "source <(le completions zsh)"),
            (
                "Fish: in ~/.config/fish/config.fish",
                "le completions fish | source",
            ),
            (
                "A script that never runs le, for a package",
                "le completions bash --static > /usr/share/bash-completion/completions/le",
            ),
        ],
        "le man" => &[
            ("Read a command's page", "le man create | man -l -"),
            (
                "Install every page where man finds them: then `man le-create`",
                "le man --out ~/.local/share/man/man1",
            ),
        ],
        _ => &[],
    }
}

/// `Examples:` and each example, as they end a command's `--help`.
fn examples_help(list: &[Example]) -> String {
    let mut s = String::from("Examples:\n");
    for e in list {
        s.push_str(&format!("  {}:\n    {}\n", e.0, e.1));
    }
    s.pop();
    s
}

/// The derived command with what the manual adds: each command's examples after its
/// help, and usage lines that say what `create` needs.
pub fn decorate(cmd: Command) -> Command {
    fn walk(cmd: Command, path: &str) -> Command {
        let mut cmd = cmd;
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        for name in names {
            let sub_path = format!("{path} {name}");
            cmd = cmd.mut_subcommand(&name, |s| walk(s, &sub_path));
        }
        let list = examples(path);
        if !list.is_empty() {
            let extra = match cmd.get_after_help() {
                Some(before) => format!("{before}\n\n{}", examples_help(list)),
                None => examples_help(list),
            };
            cmd = cmd.after_help(extra);
        }
        if path == "le create" {
            cmd = cmd.override_usage(
                "le create --order <ID> --amount <AMOUNT> --currency <CODE> [OPTIONS]\n       \
                 le create --amount <AMOUNT> [OPTIONS]\n       \
                 le create --from <FILE|-> [OPTIONS]",
            );
        }
        cmd
    }
    walk(cmd, "le")
}

/// Every page: its file name (`le-create.1`) and roff text.
pub fn pages() -> Vec<(String, Vec<u8>)> {
    let mut cmd = crate::cli::command();
    cmd.build();
    let cmd = hide_help(cmd);
    let mut out = Vec::new();
    collect(&cmd, "le", &mut out);
    out
}

/// The page of one command, by the words after `le` (none for le(1)).
pub fn page(words: &[String]) -> Option<(String, Vec<u8>)> {
    let name = std::iter::once("le")
        .chain(words.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-");
    pages()
        .into_iter()
        .find(|(file, _)| file.strip_suffix(".1") == Some(name.as_str()))
}

/// `le help …` is the same as `--help`: no page of its own, nor a line in a list.
fn hide_help(cmd: Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    names.into_iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(&name, |s| {
            if name == "help" {
                s.hide(true)
            } else {
                hide_help(s)
            }
        })
    })
}

fn collect(cmd: &Command, path: &str, out: &mut Vec<(String, Vec<u8>)>) {
    out.push((format!("{}.1", path.replace(' ', "-")), render(cmd, path)));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

/// One page: clap's sections (name, synopsis, description, options, subcommands), then
/// examples, exit status, environment, files and see also.
fn render(cmd: &Command, path: &str) -> Vec<u8> {
    let title = path.replace(' ', "-");
    let man = Man::new(cmd.clone())
        .title(title.to_uppercase())
        .source(format!("le {}", env!("CARGO_PKG_VERSION")))
        .manual("le manual");
    let mut buf = Vec::new();
    let preamble = Roff::new().render();
    let mut part = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut b = Vec::new();
        f(&mut b).expect("writing to a Vec cannot fail");
        let text = String::from_utf8_lossy(&b).into_owned();
        let text = if buf.is_empty() {
            text
        } else {
            text.strip_prefix(&preamble).unwrap_or(&text).to_owned()
        };
        buf.extend_from_slice(text.as_bytes());
    };
    part(&|w| man.render_title(w));
    part(&|w| man.render_name_section(w));
    part(&|w| man.render_synopsis_section(w));
    part(&|w| man.render_description_section(w));
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        part(&|w| man.render_options_section(w));
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        part(&|w| man.render_subcommands_section(w));
    }
    let mut roff = Roff::new();
    let list = examples(path);
    if !list.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        for e in list {
            roff.control("TP", []);
            roff.text([roman(format!("{}:", e.0))]);
            roff.control("EX", []);
            roff.text([roman(e.1)]);
            roff.control("EE", []);
        }
    }
    exit_status(&mut roff);
    environment(&mut roff);
    files(&mut roff, path);
    see_also(&mut roff, cmd, path);
    let text = roff.render();
    buf.extend_from_slice(text.strip_prefix(&preamble).unwrap_or(&text).as_bytes());
    buf
}

/// Text with `code` spans in bold.
fn spans(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(i, s)| if i % 2 == 1 { bold(s) } else { roman(s) })
        .collect()
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in exit::TABLE {
        roff.control("TP", []);
        roff.text([bold(code.to_string())]);
        roff.text(spans(meaning));
    }
}

/// The environment variables `le` reads, and what each does.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "LIGHTNING_API_KEY",
        "The API key, unless `--api-key-file` or the profile says where else to read it.",
    ),
    (
        "LE_PROFILE",
        "The profile to use, as `--profile`; else the config file's `default_profile`.",
    ),
    ("LE_BASE_URL", "The API's base URL, as `--base-url`."),
    (
        "LE_NETWORK",
        "The network the API's invoices must be for, as `--network`.",
    ),
    (
        "LE_NO_VERIFY",
        "When true (`1`, `true`, `yes`), invoices are shown unchecked, as `--no-verify`.",
    ),
    (
        "LE_CACERT",
        "A PEM file of certificates to trust for https besides the system's, as `--cacert`.",
    ),
    (
        "SSL_CERT_FILE",
        "On Linux, the bundle file of the system's trusted certificates (default: the distribution's, e.g. /etc/ssl/certs/ca-certificates.crt).",
    ),
    (
        "SSL_CERT_DIR",
        "On Linux, a directory of more trusted certificates (default: /etc/ssl/certs), read only when a certificate does not verify against the bundle.",
    ),
    (
        "LE_CONFIG",
        "The config file to use instead of the usual one (see FILES).",
    ),
    (
        "LE_SANDBOX_DIR",
        "Where the sandbox keeps its state (see FILES).",
    ),
    (
        "LE_LISTEN_DIR",
        "Where `le webhook listen` keeps the deliveries it has accepted (see FILES).",
    ),
    (
        "LE_SANDBOX_EXPIRY",
        "How long the sandbox's invoices last, e.g. `30s` (default 1 hour).",
    ),
    (
        "LE_SANDBOX_RATES",
        "The sandbox's exchange rates, e.g. `USD=100000,EUR=92000` (the price of 1 BTC).",
    ),
    (
        "LE_QR_INK",
        "`dark` or `light`: the terminal's background, for a QR code drawn without colour when le cannot ask the terminal.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour (as `--color never`).",
    ),
    (
        "TERM",
        "`dumb` means no colour and no escape sequences at all.",
    ),
];

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text(spans(what));
    }
}

fn files(roff: &mut Roff, path: &str) {
    roff.control("SH", ["FILES"]);
    let entries: [(&str, &str); 4] = [
        (
            "~/.config/le/config.toml",
            "The config file: profiles and their settings (`le config path` prints where it is; on macOS ~/Library/Application Support/le/config.toml, on Windows %APPDATA%\\le\\config.toml; `LE_CONFIG` names another).",
        ),
        (
            "~/.config/le/NAME.key",
            "A key stored by `le login` for profile NAME, readable by its owner only.",
        ),
        (
            "~/.local/share/le/sandbox/",
            "The sandbox's state: its payments, refunds, webhook settings and node key (on macOS ~/Library/Application Support/le/sandbox, on Windows %APPDATA%\\le\\sandbox; `LE_SANDBOX_DIR` names another).",
        ),
        (
            "~/.local/share/le/webhook-listen/",
            "What `le webhook listen` has accepted, so that a replay is refused after a restart too: `seen.json` (digests of delivery ids and bodies, owner-only, kept while their signatures would pass) and `seen.lock`, which listeners sharing it take in turn (`LE_LISTEN_DIR` names another).",
        ),
    ];
    for (file, what) in entries {
        roff.control("TP", []);
        roff.text([italic(file)]);
        roff.text(spans(what));
    }
    if path == "le create" || path == "le" {
        roff.control("TP", []);
        roff.text([italic("FILE.le-journal")]);
        roff.text(spans(
            "Beside a batch's input (`le create --from FILE`): what was sent and created, so a rerun never creates a payment twice.",
        ));
    }
}

fn see_also(roff: &mut Roff, cmd: &Command, path: &str) {
    let mut pages: Vec<String> = Vec::new();
    if path != "le" {
        pages.push("le(1)".into());
    }
    let words: Vec<&str> = path.split(' ').collect();
    if words.len() > 2 {
        pages.push(format!("{}(1)", words[..words.len() - 1].join("-")));
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(format!("{}-{}(1)", path.replace(' ', "-"), sub.get_name()));
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(p.clone()));
    }
    if !line.is_empty() {
        line.push(roman(". "));
    }
    line.push(roman(
        "The README and docs/ (in the source and in every release archive) hold the guides: the till, scripting, configuration, and the API as le understands it.",
    ));
    roff.text(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_owned());
        for s in cmd.get_subcommands() {
            paths(s, &format!("{path} {}", s.get_name()), out);
        }
    }

    fn all_paths() -> Vec<String> {
        let mut cmd = crate::cli::command();
        cmd.build();
        let mut out = Vec::new();
        paths(&cmd, "le", &mut out);
        out.retain(|p| !p.split(' ').any(|w| w == "help"));
        out
    }

    /// Every command has examples, and every page `le man` completes exists.
    #[test]
    fn every_command_has_examples() {
        let missing: Vec<_> = all_paths()
            .into_iter()
            .filter(|p| examples(p).is_empty())
            .collect();
        assert!(missing.is_empty(), "no examples for {missing:?}");
        let top: Vec<String> = all_paths()
            .into_iter()
            .filter_map(|p| {
                let w: Vec<&str> = p.split(' ').collect();
                (w.len() == 2).then(|| w[1].to_owned())
            })
            .collect();
        assert_eq!(top, PAGES, "PAGES must list every command");
    }

    /// A shell word splitter for the examples: quotes and `$(…)` as one word.
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut quote: Option<char> = None;
        let mut depth = 0;
        let mut started = false;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q && depth == 0 => quote = None,
                (Some(_), '(') => {
                    depth += 1;
                    cur.push(c);
                }
                (Some(_), ')') => {
                    depth -= 1;
                    cur.push(c);
                }
                (Some(_), c) => cur.push(c),
                (None, '\'' | '"') => {
                    quote = Some(c);
                    started = true;
                }
                (None, ' ') => {
                    if started {
                        out.push(std::mem::take(&mut cur));
                        started = false;
                    }
                }
                (None, c) => {
                    cur.push(c);
                    started = true;
                }
            }
        }
        if started {
            out.push(cur);
        }
        out
    }

    /// Every example's `le` command line parses: an example that has gone stale fails.
    #[test]
    fn every_example_parses() {
        for path in all_paths() {
            for e in examples(&path) {
                // Each `le …` in the line, up to the next pipe, redirect or list operator.
                for (i, _) in e.1.match_indices("le ") {
                    let before = e.1[..i].chars().last();
                    if !matches!(before, None | Some(' ' | '(' | '"')) {
                        continue;
                    }
                    let rest = &e.1[i..];
                    let end = rest.find(['|', '>', '<', ';', '&']).unwrap_or(rest.len());
                    let argv = words(rest[..end].trim().trim_end_matches([')', '"']));
                    if let Err(err) = crate::cli::command().try_get_matches_from(&argv) {
                        panic!("example of `{path}` does not parse: {}\n{err}", e.1);
                    }
                }
            }
        }
    }

    #[test]
    fn settable_keys_are_the_profile_keys_and_the_default_profile() {
        let mut want: Vec<&str> = crate::config::PROFILE_KEYS.to_vec();
        want.push("default_profile");
        assert_eq!(crate::config::SETTABLE_KEYS, want);
    }

    #[test]
    fn every_page_has_the_sections_a_reader_looks_for() {
        for (file, text) in pages() {
            let text = String::from_utf8(text).unwrap();
            for section in [
                "NAME",
                "SYNOPSIS",
                "DESCRIPTION",
                "EXAMPLES",
                "\"EXIT STATUS\"",
                "ENVIRONMENT",
                "FILES",
                "\"SEE ALSO\"",
            ] {
                assert!(
                    text.contains(&format!(".SH {section}")),
                    "{file} lacks {section}"
                );
            }
            assert_eq!(
                text.matches(".ie \\n(.g").count(),
                1,
                "{file}: one preamble"
            );
        }
    }
}
