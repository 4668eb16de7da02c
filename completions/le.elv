
use builtin;
use str;

set edit:completion:arg-completer[le] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'le'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'le'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a payment and show its Lightning invoice as a QR code'
            cand get 'Show a payment by its invoice id'
            cand get-order 'Show the newest payment of one of your order ids'
            cand sync 'Ask the API to refresh a payment''s status from the provider, and show it'
            cand watch 'Wait for a payment to be paid or to expire; the exit code tells which'
            cand pos 'A till: type an amount, the customer scans, PAID, the next sale (full screen)'
            cand decode 'Decode a BOLT11 invoice offline and check its signature (`-` reads stdin)'
            cand refund 'Refund a paid payment, or look at refunds'
            cand webhook 'Verify, send or receive signed webhooks'
            cand whoami 'Show the account the API key belongs to: plan, subscription, features'
            cand rates 'Show exchange rates (price of 1 BTC)'
            cand sandbox 'Drive the local sandbox: settle or expire payments, list or reset its state'
            cand login 'Store an API key for a profile: typed at a prompt without echo, or piped in'
            cand config 'Show where le reads its settings, what they are, and change them'
            cand doctor 'Check that le can work: config, key, API reachable, key accepted, clock'
            cand mcp 'Serve le''s payment tools to an AI assistant over the Model Context Protocol (stdio)'
            cand completions 'Print the script that gives a shell tab completion for le'
            cand man 'Print a manual page (roff): le(1), or a command''s, e.g. `le man create`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;create'= {
            cand --order 'Your order id (unique per sale); may be left out when the profile has an order_prefix: le then makes a new one, e.g. TILL-20261121-154203-7F3A'
            cand --amount 'Amount in --currency, e.g. 49.99'
            cand --currency 'USD, EUR, GBP, BTC or sats (any case); default: the profile''s currency'
            cand --timeout 'With --watch: give up (exit 11) if not settled by then, e.g. 10m'
            cand --interval 'With --watch: time between polls; the API asks for no less than 3s'
            cand --from 'Create one payment per row of a CSV or NDJSON file (`-` for stdin), with columns named as these flags (order, amount, currency, description, customer_email, …)'
            cand --journal 'With --from: where to record what was created, so a rerun skips it (default: beside the input, FILE.le-journal)'
            cand --concurrency 'With --from: most requests in flight at once, when the rate limit leaves room (default 4)'
            cand --description 'Shown to the payer in their wallet'
            cand --customer-email 'The customer''s email address, kept with the payment for your records'
            cand --customer-name 'The customer''s name, kept with the payment for your records'
            cand --success-url 'Where hosted checkout sends the payer after paying'
            cand --cancel-url 'Where hosted checkout sends the payer on cancel'
            cand --metadata 'Extra data kept with the payment (repeatable)'
            cand --idempotency-key 'Makes retries safe: the same key never creates a second payment. Default: derived from the order id and the request, so rerunning the same command returns the same payment'
            cand --qr 'Show the invoice as a QR code: auto (on a terminal, not with --json), always, never'
            cand --qr-svg 'Also write the QR code as an SVG file, e.g. to print at a till'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --watch 'Then wait for the payment as `le watch` does, the QR code in view: exit 0 paid, 10 expired, 11 --timeout, 12 another end, 13 the order was paid before'
            cand --unordered 'With --from: print results as they finish rather than in input order'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;get'= {
            cand --qr 'Show the invoice as a QR code again while it can be paid: auto (on a terminal, not with --json), always, never (default for get)'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;get-order'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sync'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;watch'= {
            cand --order 'Watch the newest payment of this order id too (repeatable)'
            cand --from 'Watch the payments listed in a file (`-` for stdin): one invoice id per line, or the NDJSON of `le create --from` / `--json`'
            cand --reads-per-minute 'Reads per minute to share among several payments (the API allows 200 reads and 100 requests in all a minute; the default leaves room for other work)'
            cand --interval 'Time between polls; the API asks for no less than 3s'
            cand --timeout 'Give up (exit 11) if the payment has not settled by then, e.g. 10m'
            cand --qr 'Show the invoice as a QR code above the spinner while it can be paid (one payment only): auto (on a terminal, not with --json), always, never (default)'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;pos'= {
            cand --currency 'The currency of every sale: USD, EUR, GBP, BTC or sats (default: the profile''s)'
            cand --order-prefix 'Order ids are made with this prefix (default: the profile''s order_prefix, else POS)'
            cand --description 'Shown to the payer in their wallet (default: the profile''s description)'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;decode'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;refund'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand create 'Send money back for a paid payment'
            cand get 'Show a refund'
            cand list 'List refunds, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;refund;create'= {
            cand --invoice 'The payment to refund (inv_…)'
            cand --amount 'Amount to refund, in the payment''s currency'
            cand --currency 'The payment''s currency: USD, EUR, GBP, BTC or sats'
            cand --lightning-invoice 'The customer''s invoice to pay the refund to'
            cand --bitcoin-address 'The customer''s on-chain address to pay the refund to'
            cand --reason 'Why, for your records'
            cand --idempotency-key 'Makes retries safe; default: derived from the request'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;refund;get'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;refund;list'= {
            cand --invoice 'Only the refunds of this payment'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;refund;help'= {
            cand create 'Send money back for a paid payment'
            cand get 'Show a refund'
            cand list 'List refunds, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;refund;help;create'= {
        }
        &'le;refund;help;get'= {
        }
        &'le;refund;help;list'= {
        }
        &'le;refund;help;help'= {
        }
        &'le;webhook'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Check a received webhook''s signature; prints the event when it is genuine'
            cand send 'Send a correctly signed test event to your webhook handler'
            cand listen 'Receive webhooks on this machine, verify and print each one'
            cand endpoint 'Show or set where the API sends your account''s webhooks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;webhook;verify'= {
            cand --secret-file 'File holding the webhook secret (`-` for stdin)'
            cand --signature 'The signature header''s value, e.g. ''t=1700000000,v1=5f…'' or a bare hex signature'
            cand --header 'The whole header line, e.g. ''X-LightningEnable-Signature: t=…,v1=…'''
            cand --tolerance 'How far the signature''s timestamp may be from now, either way, in seconds (at least 1)'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --allow-legacy 'Accept an X-Gateway-Signature alone: it carries no time, so a captured delivery could be replayed'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;webhook;send'= {
            cand --to 'Your webhook handler''s URL'
            cand --event 'The event to send'
            cand --secret-file 'File holding the webhook secret (`-` for stdin)'
            cand --invoice 'The event''s invoice id (default: a made-up one)'
            cand --order 'The event''s order id (default: a made-up one)'
            cand --amount 'The event''s amount (default: 49.99)'
            cand --currency 'The event''s currency (default: USD)'
            cand --refund 'For refund.completed'
            cand --data 'JSON object merged into the event''s data, e.g. ''{"amountSats":4999}'''
            cand --scheme 'Which signature headers to send: both (as the API does), current or legacy'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;webhook;listen'= {
            cand --port 'Port to listen on (on 127.0.0.1 unless --addr says otherwise); 0 picks a free one'
            cand --addr 'Address to listen on'
            cand --secret-file 'File holding the webhook secret (`-` for stdin)'
            cand --tolerance 'How far a signature''s timestamp may be from now, either way, in seconds (at least 1); a delivery accepted is refused again for as long as its signature would pass'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --allow-legacy 'Accept deliveries signed only with X-Gateway-Signature (no time: replayable)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;webhook;endpoint'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Show whether a webhook URL is set (and which, when the API says)'
            cand set 'Set the webhook URL and the secret that signs its webhooks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;webhook;endpoint;show'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;webhook;endpoint;set'= {
            cand --secret-file 'File holding the webhook secret (`-` for stdin)'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;webhook;endpoint;help'= {
            cand show 'Show whether a webhook URL is set (and which, when the API says)'
            cand set 'Set the webhook URL and the secret that signs its webhooks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;webhook;endpoint;help;show'= {
        }
        &'le;webhook;endpoint;help;set'= {
        }
        &'le;webhook;endpoint;help;help'= {
        }
        &'le;webhook;help'= {
            cand verify 'Check a received webhook''s signature; prints the event when it is genuine'
            cand send 'Send a correctly signed test event to your webhook handler'
            cand listen 'Receive webhooks on this machine, verify and print each one'
            cand endpoint 'Show or set where the API sends your account''s webhooks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;webhook;help;verify'= {
        }
        &'le;webhook;help;send'= {
        }
        &'le;webhook;help;listen'= {
        }
        &'le;webhook;help;endpoint'= {
            cand show 'Show whether a webhook URL is set (and which, when the API says)'
            cand set 'Set the webhook URL and the secret that signs its webhooks'
        }
        &'le;webhook;help;endpoint;show'= {
        }
        &'le;webhook;help;endpoint;set'= {
        }
        &'le;webhook;help;help'= {
        }
        &'le;whoami'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;rates'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand pay 'Mark a payment as paid, as if a wallet had paid its invoice'
            cand process 'Mark a payment as seen but not yet confirmed'
            cand expire 'Expire a payment now'
            cand underpay 'Mark a payment as underpaid: the payer sent less than the invoice asked'
            cand account 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance'
            cand list 'List the sandbox''s payments, newest first'
            cand reset 'Delete the key''s payments, refunds and webhook events (its account and webhook settings, and other keys'' things, are kept)'
            cand deliveries 'Show webhook delivery attempts, oldest first'
            cand webhook 'Show or set where the sandbox sends the key''s webhooks (kept in the sandbox''s state)'
            cand serve 'Serve the sandbox API over HTTP (or https with --tls) for any client'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;sandbox;pay'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;process'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;expire'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;underpay'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;account'= {
            cand --status 'The account''s state; the API answers 403 in any but active'
            cand --refunds 'Whether the account may make refunds (off: 403 REFUNDS_DISABLED)'
            cand --balance 'The payment provider''s balance refunds are paid from, in sats, or `unlimited`; a refund it cannot cover fails'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;list'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;reset'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;deliveries'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;webhook'= {
            cand --url 'Where to deliver events; needs --secret-file'
            cand --secret-file 'File holding the signing secret (`-` for stdin)'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --clear 'Stop sending webhooks'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;serve'= {
            cand --addr 'Address to listen on; loopback unless you say otherwise'
            cand --dir 'Sandbox state directory (default: LE_SANDBOX_DIR, else the data dir)'
            cand --api-key 'Accept only these API keys (repeatable); default: any non-empty key'
            cand --rate-limit 'Rate limits: off, real (100/min global, 200/min reads, 10/min creates, per key), or your own policies, e.g. create=50/1s,read=500/1s (unlisted policies are off)'
            cand --webhook-url 'Deliver webhooks here, for keys that set no endpoint of their own (with `le sandbox webhook` or `PUT /api/merchant/webhook-url`)'
            cand --webhook-secret 'Secret that signs the webhooks sent to --webhook-url (visible to `ps`: for a real secret prefer --webhook-secret-file)'
            cand --webhook-secret-file 'File holding the webhook secret (`-` for stdin)'
            cand --webhook-timeout 'How long a webhook receiver has to answer before the attempt counts as failed'
            cand --auto-pay-after 'Settle every new payment by itself after this long, e.g. 10s'
            cand --refund-delay 'How long refunds stay pending before they complete'
            cand --latency 'Add this delay to every API request, in milliseconds'
            cand --fail-rate 'Fraction of API requests that fail on purpose, from 0 to 1'
            cand --fail-modes 'How they fail: any of 500, 502, 503, drop-before, drop-after, stall (the default, all of which a client can ride out), and 504, problem (an RFC 9457 body), validation (an ASP.NET `errors` body), 401 (a bare 401)'
            cand --stall 'How long a stalled request hangs before its connection is closed'
            cand --public-url 'The URL clients reach this server at, when not the address it listens on (a container, a reverse proxy): the base of every payment''s hostedCheckoutUrl'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --tls 'Serve https, with a certificate made for 127.0.0.1, ::1 and localhost (and the --public-url host), written to DIR/tls/cert.pem for clients to trust'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;sandbox;help'= {
            cand pay 'Mark a payment as paid, as if a wallet had paid its invoice'
            cand process 'Mark a payment as seen but not yet confirmed'
            cand expire 'Expire a payment now'
            cand underpay 'Mark a payment as underpaid: the payer sent less than the invoice asked'
            cand account 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance'
            cand list 'List the sandbox''s payments, newest first'
            cand reset 'Delete the key''s payments, refunds and webhook events (its account and webhook settings, and other keys'' things, are kept)'
            cand deliveries 'Show webhook delivery attempts, oldest first'
            cand webhook 'Show or set where the sandbox sends the key''s webhooks (kept in the sandbox''s state)'
            cand serve 'Serve the sandbox API over HTTP (or https with --tls) for any client'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;sandbox;help;pay'= {
        }
        &'le;sandbox;help;process'= {
        }
        &'le;sandbox;help;expire'= {
        }
        &'le;sandbox;help;underpay'= {
        }
        &'le;sandbox;help;account'= {
        }
        &'le;sandbox;help;list'= {
        }
        &'le;sandbox;help;reset'= {
        }
        &'le;sandbox;help;deliveries'= {
        }
        &'le;sandbox;help;webhook'= {
        }
        &'le;sandbox;help;serve'= {
        }
        &'le;sandbox;help;help'= {
        }
        &'le;login'= {
            cand --with-key 'Read the key from stdin (`-`) instead of asking for it'
            cand --key-command 'Record a command that prints the key (e.g. from a password manager) instead of storing it'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --no-check 'Store the key without checking it against the API'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;config'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand path 'Print the config file''s path'
            cand show 'Show the settings in force and where each comes from (the key redacted)'
            cand set 'Set a key of the profile (--profile, else the default profile), or default_profile'
            cand unset 'Remove a key from the profile (--profile, else the default profile)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;config;path'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;config;show'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;config;set'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;config;unset'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;config;help'= {
            cand path 'Print the config file''s path'
            cand show 'Show the settings in force and where each comes from (the key redacted)'
            cand set 'Set a key of the profile (--profile, else the default profile), or default_profile'
            cand unset 'Remove a key from the profile (--profile, else the default profile)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;config;help;path'= {
        }
        &'le;config;help;show'= {
        }
        &'le;config;help;set'= {
        }
        &'le;config;help;unset'= {
        }
        &'le;config;help;help'= {
        }
        &'le;doctor'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;mcp'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --read-only 'Offer only the tools that read: no payments created, no refunds'
            cand --allow-refunds 'Let create_refund send refunds without `confirm: true` in each call'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;completions'= {
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --static 'A script that never runs le: fixed values only, no profile names'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'le;man'= {
            cand --out 'Write every page to this directory (le.1, le-create.1, …) instead of printing one'
            cand --base-url 'API base URL (default: the hosted API, or the profile''s)'
            cand --profile 'Profile from the config file'
            cand --api-key-file 'Read the API key from this file, or from stdin with `-`'
            cand --color 'When to use colour'
            cand --request-timeout 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)'
            cand --network 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)'
            cand --cacert 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)'
            cand --json 'Print the API''s objects as JSON (errors as JSON on stderr)'
            cand -v 'Show requests and responses on stderr (the key redacted)'
            cand --verbose 'Show requests and responses on stderr (the key redacted)'
            cand --sandbox 'Use the local sandbox: no account, no network, no money'
            cand --no-verify 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)'
            cand --dry-run 'Show the request that would be sent, and send nothing'
            cand --curl 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'le;help'= {
            cand create 'Create a payment and show its Lightning invoice as a QR code'
            cand get 'Show a payment by its invoice id'
            cand get-order 'Show the newest payment of one of your order ids'
            cand sync 'Ask the API to refresh a payment''s status from the provider, and show it'
            cand watch 'Wait for a payment to be paid or to expire; the exit code tells which'
            cand pos 'A till: type an amount, the customer scans, PAID, the next sale (full screen)'
            cand decode 'Decode a BOLT11 invoice offline and check its signature (`-` reads stdin)'
            cand refund 'Refund a paid payment, or look at refunds'
            cand webhook 'Verify, send or receive signed webhooks'
            cand whoami 'Show the account the API key belongs to: plan, subscription, features'
            cand rates 'Show exchange rates (price of 1 BTC)'
            cand sandbox 'Drive the local sandbox: settle or expire payments, list or reset its state'
            cand login 'Store an API key for a profile: typed at a prompt without echo, or piped in'
            cand config 'Show where le reads its settings, what they are, and change them'
            cand doctor 'Check that le can work: config, key, API reachable, key accepted, clock'
            cand mcp 'Serve le''s payment tools to an AI assistant over the Model Context Protocol (stdio)'
            cand completions 'Print the script that gives a shell tab completion for le'
            cand man 'Print a manual page (roff): le(1), or a command''s, e.g. `le man create`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'le;help;create'= {
        }
        &'le;help;get'= {
        }
        &'le;help;get-order'= {
        }
        &'le;help;sync'= {
        }
        &'le;help;watch'= {
        }
        &'le;help;pos'= {
        }
        &'le;help;decode'= {
        }
        &'le;help;refund'= {
            cand create 'Send money back for a paid payment'
            cand get 'Show a refund'
            cand list 'List refunds, newest first'
        }
        &'le;help;refund;create'= {
        }
        &'le;help;refund;get'= {
        }
        &'le;help;refund;list'= {
        }
        &'le;help;webhook'= {
            cand verify 'Check a received webhook''s signature; prints the event when it is genuine'
            cand send 'Send a correctly signed test event to your webhook handler'
            cand listen 'Receive webhooks on this machine, verify and print each one'
            cand endpoint 'Show or set where the API sends your account''s webhooks'
        }
        &'le;help;webhook;verify'= {
        }
        &'le;help;webhook;send'= {
        }
        &'le;help;webhook;listen'= {
        }
        &'le;help;webhook;endpoint'= {
            cand show 'Show whether a webhook URL is set (and which, when the API says)'
            cand set 'Set the webhook URL and the secret that signs its webhooks'
        }
        &'le;help;webhook;endpoint;show'= {
        }
        &'le;help;webhook;endpoint;set'= {
        }
        &'le;help;whoami'= {
        }
        &'le;help;rates'= {
        }
        &'le;help;sandbox'= {
            cand pay 'Mark a payment as paid, as if a wallet had paid its invoice'
            cand process 'Mark a payment as seen but not yet confirmed'
            cand expire 'Expire a payment now'
            cand underpay 'Mark a payment as underpaid: the payer sent less than the invoice asked'
            cand account 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance'
            cand list 'List the sandbox''s payments, newest first'
            cand reset 'Delete the key''s payments, refunds and webhook events (its account and webhook settings, and other keys'' things, are kept)'
            cand deliveries 'Show webhook delivery attempts, oldest first'
            cand webhook 'Show or set where the sandbox sends the key''s webhooks (kept in the sandbox''s state)'
            cand serve 'Serve the sandbox API over HTTP (or https with --tls) for any client'
        }
        &'le;help;sandbox;pay'= {
        }
        &'le;help;sandbox;process'= {
        }
        &'le;help;sandbox;expire'= {
        }
        &'le;help;sandbox;underpay'= {
        }
        &'le;help;sandbox;account'= {
        }
        &'le;help;sandbox;list'= {
        }
        &'le;help;sandbox;reset'= {
        }
        &'le;help;sandbox;deliveries'= {
        }
        &'le;help;sandbox;webhook'= {
        }
        &'le;help;sandbox;serve'= {
        }
        &'le;help;login'= {
        }
        &'le;help;config'= {
            cand path 'Print the config file''s path'
            cand show 'Show the settings in force and where each comes from (the key redacted)'
            cand set 'Set a key of the profile (--profile, else the default profile), or default_profile'
            cand unset 'Remove a key from the profile (--profile, else the default profile)'
        }
        &'le;help;config;path'= {
        }
        &'le;help;config;show'= {
        }
        &'le;help;config;set'= {
        }
        &'le;help;config;unset'= {
        }
        &'le;help;doctor'= {
        }
        &'le;help;mcp'= {
        }
        &'le;help;completions'= {
        }
        &'le;help;man'= {
        }
        &'le;help;help'= {
        }
    ]
    $completions[$command]
}
