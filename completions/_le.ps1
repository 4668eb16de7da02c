
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'le' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'le'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'le' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a payment and show its Lightning invoice as a QR code')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a payment by its invoice id')
            [CompletionResult]::new('get-order', 'get-order', [CompletionResultType]::ParameterValue, 'Show the newest payment of one of your order ids')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Ask the API to refresh a payment''s status from the provider, and show it')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Wait for a payment to be paid or to expire; the exit code tells which')
            [CompletionResult]::new('pos', 'pos', [CompletionResultType]::ParameterValue, 'A till: type an amount, the customer scans, PAID, the next sale (full screen)')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Decode a BOLT11 invoice offline and check its signature (`-` reads stdin)')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund a paid payment, or look at refunds')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Verify, send or receive signed webhooks')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the account the API key belongs to: plan, subscription, features')
            [CompletionResult]::new('rates', 'rates', [CompletionResultType]::ParameterValue, 'Show exchange rates (price of 1 BTC)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Drive the local sandbox: settle or expire payments, list or reset its state')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store an API key for a profile: typed at a prompt without echo, or piped in')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where le reads its settings, what they are, and change them')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check that le can work: config, key, API reachable, key accepted, clock')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve le''s payment tools to an AI assistant over the Model Context Protocol (stdio)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the script that gives a shell tab completion for le')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a manual page (roff): le(1), or a command''s, e.g. `le man create`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;create' {
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Your order id (unique per sale); may be left out when the profile has an order_prefix: le then makes a new one, e.g. TILL-20261121-154203-7F3A')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount in --currency, e.g. 49.99')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'USD, EUR, GBP, BTC or sats (any case); default: the profile''s currency')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --watch: give up (exit 11) if not settled by then, e.g. 10m')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'With --watch: time between polls; the API asks for no less than 3s')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Create one payment per row of a CSV or NDJSON file (`-` for stdin), with columns named as these flags (order, amount, currency, description, customer_email, …)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'With --from: where to record what was created, so a rerun skips it (default: beside the input, FILE.le-journal)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'With --from: most requests in flight at once, when the rate limit leaves room (default 4)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Shown to the payer in their wallet')
            [CompletionResult]::new('--customer-email', '--customer-email', [CompletionResultType]::ParameterName, 'The customer''s email address, kept with the payment for your records')
            [CompletionResult]::new('--customer-name', '--customer-name', [CompletionResultType]::ParameterName, 'The customer''s name, kept with the payment for your records')
            [CompletionResult]::new('--success-url', '--success-url', [CompletionResultType]::ParameterName, 'Where hosted checkout sends the payer after paying')
            [CompletionResult]::new('--cancel-url', '--cancel-url', [CompletionResultType]::ParameterName, 'Where hosted checkout sends the payer on cancel')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Extra data kept with the payment (repeatable)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'Makes retries safe: the same key never creates a second payment. Default: derived from the order id and the request, so rerunning the same command returns the same payment')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Show the invoice as a QR code: auto (on a terminal, not with --json), always, never')
            [CompletionResult]::new('--qr-svg', '--qr-svg', [CompletionResultType]::ParameterName, 'Also write the QR code as an SVG file, e.g. to print at a till')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Then wait for the payment as `le watch` does, the QR code in view: exit 0 paid, 10 expired, 11 --timeout, 12 another end, 13 the order was paid before')
            [CompletionResult]::new('--unordered', '--unordered', [CompletionResultType]::ParameterName, 'With --from: print results as they finish rather than in input order')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;get' {
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Show the invoice as a QR code again while it can be paid: auto (on a terminal, not with --json), always, never (default for get)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;get-order' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sync' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;watch' {
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Watch the newest payment of this order id too (repeatable)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Watch the payments listed in a file (`-` for stdin): one invoice id per line, or the NDJSON of `le create --from` / `--json`')
            [CompletionResult]::new('--reads-per-minute', '--reads-per-minute', [CompletionResultType]::ParameterName, 'Reads per minute to share among several payments (the API allows 200 reads and 100 requests in all a minute; the default leaves room for other work)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between polls; the API asks for no less than 3s')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up (exit 11) if the payment has not settled by then, e.g. 10m')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Show the invoice as a QR code above the spinner while it can be paid (one payment only): auto (on a terminal, not with --json), always, never (default)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;pos' {
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'The currency of every sale: USD, EUR, GBP, BTC or sats (default: the profile''s)')
            [CompletionResult]::new('--order-prefix', '--order-prefix', [CompletionResultType]::ParameterName, 'Order ids are made with this prefix (default: the profile''s order_prefix, else POS)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Shown to the payer in their wallet (default: the profile''s description)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;decode' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;refund' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Send money back for a paid payment')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a refund')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List refunds, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;refund;create' {
            [CompletionResult]::new('--invoice', '--invoice', [CompletionResultType]::ParameterName, 'The payment to refund (inv_…)')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount to refund, in the payment''s currency')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'The payment''s currency: USD, EUR, GBP, BTC or sats')
            [CompletionResult]::new('--lightning-invoice', '--lightning-invoice', [CompletionResultType]::ParameterName, 'The customer''s invoice to pay the refund to')
            [CompletionResult]::new('--bitcoin-address', '--bitcoin-address', [CompletionResultType]::ParameterName, 'The customer''s on-chain address to pay the refund to')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, for your records')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'Makes retries safe; default: derived from the request')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;refund;get' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;refund;list' {
            [CompletionResult]::new('--invoice', '--invoice', [CompletionResultType]::ParameterName, 'Only the refunds of this payment')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;refund;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Send money back for a paid payment')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a refund')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List refunds, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;refund;help;create' {
            break
        }
        'le;refund;help;get' {
            break
        }
        'le;refund;help;list' {
            break
        }
        'le;refund;help;help' {
            break
        }
        'le;webhook' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a received webhook''s signature; prints the event when it is genuine')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a correctly signed test event to your webhook handler')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks on this machine, verify and print each one')
            [CompletionResult]::new('endpoint', 'endpoint', [CompletionResultType]::ParameterValue, 'Show or set where the API sends your account''s webhooks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;webhook;verify' {
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret (`-` for stdin)')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The signature header''s value, e.g. ''t=1700000000,v1=5f…'' or a bare hex signature')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'The whole header line, e.g. ''X-LightningEnable-Signature: t=…,v1=…''')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How far the signature''s timestamp may be from now, either way, in seconds (at least 1)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--allow-legacy', '--allow-legacy', [CompletionResultType]::ParameterName, 'Accept an X-Gateway-Signature alone: it carries no time, so a captured delivery could be replayed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;webhook;send' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Your webhook handler''s URL')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'The event to send')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret (`-` for stdin)')
            [CompletionResult]::new('--invoice', '--invoice', [CompletionResultType]::ParameterName, 'The event''s invoice id (default: a made-up one)')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'The event''s order id (default: a made-up one)')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'The event''s amount (default: 49.99)')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'The event''s currency (default: USD)')
            [CompletionResult]::new('--refund', '--refund', [CompletionResultType]::ParameterName, 'For refund.completed')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'JSON object merged into the event''s data, e.g. ''{"amountSats":4999}''')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Which signature headers to send: both (as the API does), current or legacy')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;webhook;listen' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (on 127.0.0.1 unless --addr says otherwise); 0 picks a free one')
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret (`-` for stdin)')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How far a signature''s timestamp may be from now, either way, in seconds (at least 1); a delivery accepted is refused again for as long as its signature would pass')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--allow-legacy', '--allow-legacy', [CompletionResultType]::ParameterName, 'Accept deliveries signed only with X-Gateway-Signature (no time: replayable)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;webhook;endpoint' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show whether a webhook URL is set (and which, when the API says)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the webhook URL and the secret that signs its webhooks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;webhook;endpoint;show' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;webhook;endpoint;set' {
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret (`-` for stdin)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;webhook;endpoint;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show whether a webhook URL is set (and which, when the API says)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the webhook URL and the secret that signs its webhooks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;webhook;endpoint;help;show' {
            break
        }
        'le;webhook;endpoint;help;set' {
            break
        }
        'le;webhook;endpoint;help;help' {
            break
        }
        'le;webhook;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a received webhook''s signature; prints the event when it is genuine')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a correctly signed test event to your webhook handler')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks on this machine, verify and print each one')
            [CompletionResult]::new('endpoint', 'endpoint', [CompletionResultType]::ParameterValue, 'Show or set where the API sends your account''s webhooks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;webhook;help;verify' {
            break
        }
        'le;webhook;help;send' {
            break
        }
        'le;webhook;help;listen' {
            break
        }
        'le;webhook;help;endpoint' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show whether a webhook URL is set (and which, when the API says)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the webhook URL and the secret that signs its webhooks')
            break
        }
        'le;webhook;help;endpoint;show' {
            break
        }
        'le;webhook;help;endpoint;set' {
            break
        }
        'le;webhook;help;help' {
            break
        }
        'le;whoami' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;rates' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Mark a payment as paid, as if a wallet had paid its invoice')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Mark a payment as seen but not yet confirmed')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'Expire a payment now')
            [CompletionResult]::new('underpay', 'underpay', [CompletionResultType]::ParameterValue, 'Mark a payment as underpaid: the payer sent less than the invoice asked')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the sandbox''s payments, newest first')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the key''s payments, refunds and webhook events (its account and webhook settings, and other keys'' things, are kept)')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Show webhook delivery attempts, oldest first')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Show or set where the sandbox sends the key''s webhooks (kept in the sandbox''s state)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the sandbox API over HTTP (or https with --tls) for any client')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;sandbox;pay' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;process' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;expire' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;underpay' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;account' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'The account''s state; the API answers 403 in any but active')
            [CompletionResult]::new('--refunds', '--refunds', [CompletionResultType]::ParameterName, 'Whether the account may make refunds (off: 403 REFUNDS_DISABLED)')
            [CompletionResult]::new('--balance', '--balance', [CompletionResultType]::ParameterName, 'The payment provider''s balance refunds are paid from, in sats, or `unlimited`; a refund it cannot cover fails')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;list' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;reset' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;deliveries' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;webhook' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where to deliver events; needs --secret-file')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the signing secret (`-` for stdin)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Stop sending webhooks')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;serve' {
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to listen on; loopback unless you say otherwise')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Sandbox state directory (default: LE_SANDBOX_DIR, else the data dir)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Accept only these API keys (repeatable); default: any non-empty key')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Rate limits: off, real (100/min global, 200/min reads, 10/min creates, per key), or your own policies, e.g. create=50/1s,read=500/1s (unlisted policies are off)')
            [CompletionResult]::new('--webhook-url', '--webhook-url', [CompletionResultType]::ParameterName, 'Deliver webhooks here, for keys that set no endpoint of their own (with `le sandbox webhook` or `PUT /api/merchant/webhook-url`)')
            [CompletionResult]::new('--webhook-secret', '--webhook-secret', [CompletionResultType]::ParameterName, 'Secret that signs the webhooks sent to --webhook-url (visible to `ps`: for a real secret prefer --webhook-secret-file)')
            [CompletionResult]::new('--webhook-secret-file', '--webhook-secret-file', [CompletionResultType]::ParameterName, 'File holding the webhook secret (`-` for stdin)')
            [CompletionResult]::new('--webhook-timeout', '--webhook-timeout', [CompletionResultType]::ParameterName, 'How long a webhook receiver has to answer before the attempt counts as failed')
            [CompletionResult]::new('--auto-pay-after', '--auto-pay-after', [CompletionResultType]::ParameterName, 'Settle every new payment by itself after this long, e.g. 10s')
            [CompletionResult]::new('--refund-delay', '--refund-delay', [CompletionResultType]::ParameterName, 'How long refunds stay pending before they complete')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Add this delay to every API request, in milliseconds')
            [CompletionResult]::new('--fail-rate', '--fail-rate', [CompletionResultType]::ParameterName, 'Fraction of API requests that fail on purpose, from 0 to 1')
            [CompletionResult]::new('--fail-modes', '--fail-modes', [CompletionResultType]::ParameterName, 'How they fail: any of 500, 502, 503, drop-before, drop-after, stall (the default, all of which a client can ride out), and 504, problem (an RFC 9457 body), validation (an ASP.NET `errors` body), 401 (a bare 401)')
            [CompletionResult]::new('--stall', '--stall', [CompletionResultType]::ParameterName, 'How long a stalled request hangs before its connection is closed')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL clients reach this server at, when not the address it listens on (a container, a reverse proxy): the base of every payment''s hostedCheckoutUrl')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Serve https, with a certificate made for 127.0.0.1, ::1 and localhost (and the --public-url host), written to DIR/tls/cert.pem for clients to trust')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;sandbox;help' {
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Mark a payment as paid, as if a wallet had paid its invoice')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Mark a payment as seen but not yet confirmed')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'Expire a payment now')
            [CompletionResult]::new('underpay', 'underpay', [CompletionResultType]::ParameterValue, 'Mark a payment as underpaid: the payer sent less than the invoice asked')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the sandbox''s payments, newest first')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the key''s payments, refunds and webhook events (its account and webhook settings, and other keys'' things, are kept)')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Show webhook delivery attempts, oldest first')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Show or set where the sandbox sends the key''s webhooks (kept in the sandbox''s state)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the sandbox API over HTTP (or https with --tls) for any client')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;sandbox;help;pay' {
            break
        }
        'le;sandbox;help;process' {
            break
        }
        'le;sandbox;help;expire' {
            break
        }
        'le;sandbox;help;underpay' {
            break
        }
        'le;sandbox;help;account' {
            break
        }
        'le;sandbox;help;list' {
            break
        }
        'le;sandbox;help;reset' {
            break
        }
        'le;sandbox;help;deliveries' {
            break
        }
        'le;sandbox;help;webhook' {
            break
        }
        'le;sandbox;help;serve' {
            break
        }
        'le;sandbox;help;help' {
            break
        }
        'le;login' {
            [CompletionResult]::new('--with-key', '--with-key', [CompletionResultType]::ParameterName, 'Read the key from stdin (`-`) instead of asking for it')
            [CompletionResult]::new('--key-command', '--key-command', [CompletionResultType]::ParameterName, 'Record a command that prints the key (e.g. from a password manager) instead of storing it')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--no-check', '--no-check', [CompletionResultType]::ParameterName, 'Store the key without checking it against the API')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;config' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in force and where each comes from (the key redacted)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a key of the profile (--profile, else the default profile), or default_profile')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a key from the profile (--profile, else the default profile)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;config;path' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;config;show' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;config;set' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;config;unset' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in force and where each comes from (the key redacted)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a key of the profile (--profile, else the default profile), or default_profile')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a key from the profile (--profile, else the default profile)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;config;help;path' {
            break
        }
        'le;config;help;show' {
            break
        }
        'le;config;help;set' {
            break
        }
        'le;config;help;unset' {
            break
        }
        'le;config;help;help' {
            break
        }
        'le;doctor' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;mcp' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Offer only the tools that read: no payments created, no refunds')
            [CompletionResult]::new('--allow-refunds', '--allow-refunds', [CompletionResultType]::ParameterName, 'Let create_refund send refunds without `confirm: true` in each call')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;completions' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--static', '--static', [CompletionResultType]::ParameterName, 'A script that never runs le: fixed values only, no profile names')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'le;man' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write every page to this directory (le.1, le-create.1, …) instead of printing one')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: the hosted API, or the profile''s)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file, or from stdin with `-`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'The network the API''s invoices must be for: mainnet, testnet, signet or regtest (default: the profile''s; else what a sandbox announces; else mainnet)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the certificates in this PEM file for https, e.g. a served sandbox''s tls/cert.pem (in addition to the system''s)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s objects as JSON (errors as JSON on stderr)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and responses on stderr (the key redacted)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Use the local sandbox: no account, no network, no money')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Do not cross-check the API''s invoices (amount, network, expiry, signature, payee)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the request that would be sent, and send nothing')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'le;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a payment and show its Lightning invoice as a QR code')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a payment by its invoice id')
            [CompletionResult]::new('get-order', 'get-order', [CompletionResultType]::ParameterValue, 'Show the newest payment of one of your order ids')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Ask the API to refresh a payment''s status from the provider, and show it')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Wait for a payment to be paid or to expire; the exit code tells which')
            [CompletionResult]::new('pos', 'pos', [CompletionResultType]::ParameterValue, 'A till: type an amount, the customer scans, PAID, the next sale (full screen)')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Decode a BOLT11 invoice offline and check its signature (`-` reads stdin)')
            [CompletionResult]::new('refund', 'refund', [CompletionResultType]::ParameterValue, 'Refund a paid payment, or look at refunds')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Verify, send or receive signed webhooks')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the account the API key belongs to: plan, subscription, features')
            [CompletionResult]::new('rates', 'rates', [CompletionResultType]::ParameterValue, 'Show exchange rates (price of 1 BTC)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Drive the local sandbox: settle or expire payments, list or reset its state')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store an API key for a profile: typed at a prompt without echo, or piped in')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where le reads its settings, what they are, and change them')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check that le can work: config, key, API reachable, key accepted, clock')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve le''s payment tools to an AI assistant over the Model Context Protocol (stdio)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the script that gives a shell tab completion for le')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a manual page (roff): le(1), or a command''s, e.g. `le man create`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'le;help;create' {
            break
        }
        'le;help;get' {
            break
        }
        'le;help;get-order' {
            break
        }
        'le;help;sync' {
            break
        }
        'le;help;watch' {
            break
        }
        'le;help;pos' {
            break
        }
        'le;help;decode' {
            break
        }
        'le;help;refund' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Send money back for a paid payment')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a refund')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List refunds, newest first')
            break
        }
        'le;help;refund;create' {
            break
        }
        'le;help;refund;get' {
            break
        }
        'le;help;refund;list' {
            break
        }
        'le;help;webhook' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a received webhook''s signature; prints the event when it is genuine')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a correctly signed test event to your webhook handler')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive webhooks on this machine, verify and print each one')
            [CompletionResult]::new('endpoint', 'endpoint', [CompletionResultType]::ParameterValue, 'Show or set where the API sends your account''s webhooks')
            break
        }
        'le;help;webhook;verify' {
            break
        }
        'le;help;webhook;send' {
            break
        }
        'le;help;webhook;listen' {
            break
        }
        'le;help;webhook;endpoint' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show whether a webhook URL is set (and which, when the API says)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the webhook URL and the secret that signs its webhooks')
            break
        }
        'le;help;webhook;endpoint;show' {
            break
        }
        'le;help;webhook;endpoint;set' {
            break
        }
        'le;help;whoami' {
            break
        }
        'le;help;rates' {
            break
        }
        'le;help;sandbox' {
            [CompletionResult]::new('pay', 'pay', [CompletionResultType]::ParameterValue, 'Mark a payment as paid, as if a wallet had paid its invoice')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Mark a payment as seen but not yet confirmed')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'Expire a payment now')
            [CompletionResult]::new('underpay', 'underpay', [CompletionResultType]::ParameterValue, 'Mark a payment as underpaid: the payer sent less than the invoice asked')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the sandbox''s payments, newest first')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Delete the key''s payments, refunds and webhook events (its account and webhook settings, and other keys'' things, are kept)')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Show webhook delivery attempts, oldest first')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Show or set where the sandbox sends the key''s webhooks (kept in the sandbox''s state)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the sandbox API over HTTP (or https with --tls) for any client')
            break
        }
        'le;help;sandbox;pay' {
            break
        }
        'le;help;sandbox;process' {
            break
        }
        'le;help;sandbox;expire' {
            break
        }
        'le;help;sandbox;underpay' {
            break
        }
        'le;help;sandbox;account' {
            break
        }
        'le;help;sandbox;list' {
            break
        }
        'le;help;sandbox;reset' {
            break
        }
        'le;help;sandbox;deliveries' {
            break
        }
        'le;help;sandbox;webhook' {
            break
        }
        'le;help;sandbox;serve' {
            break
        }
        'le;help;login' {
            break
        }
        'le;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in force and where each comes from (the key redacted)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a key of the profile (--profile, else the default profile), or default_profile')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a key from the profile (--profile, else the default profile)')
            break
        }
        'le;help;config;path' {
            break
        }
        'le;help;config;show' {
            break
        }
        'le;help;config;set' {
            break
        }
        'le;help;config;unset' {
            break
        }
        'le;help;doctor' {
            break
        }
        'le;help;mcp' {
            break
        }
        'le;help;completions' {
            break
        }
        'le;help;man' {
            break
        }
        'le;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
