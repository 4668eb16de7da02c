# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_le_global_optspecs
    string join \n base-url= profile= api-key-file= json color= request-timeout= v/verbose sandbox no-verify network= dry-run curl cacert= h/help V/version
end

function __fish_le_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_le_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_le_using_subcommand
    set -l cmd (__fish_le_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c le -n "__fish_le_needs_command" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_needs_command" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_needs_command" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_needs_command" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_needs_command" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_needs_command" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_needs_command" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_needs_command" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_needs_command" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_needs_command" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_needs_command" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_needs_command" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c le -n "__fish_le_needs_command" -s V -l version -d 'Print version'
complete -c le -n "__fish_le_needs_command" -f -a "create" -d 'Create a payment and show its Lightning invoice as a QR code'
complete -c le -n "__fish_le_needs_command" -f -a "get" -d 'Show a payment by its invoice id'
complete -c le -n "__fish_le_needs_command" -f -a "get-order" -d 'Show the newest payment of one of your order ids'
complete -c le -n "__fish_le_needs_command" -f -a "sync" -d 'Ask the API to refresh a payment\'s status from the provider, and show it'
complete -c le -n "__fish_le_needs_command" -f -a "watch" -d 'Wait for a payment to be paid or to expire; the exit code tells which'
complete -c le -n "__fish_le_needs_command" -f -a "pos" -d 'A till: type an amount, the customer scans, PAID, the next sale (full screen)'
complete -c le -n "__fish_le_needs_command" -f -a "decode" -d 'Decode a BOLT11 invoice offline and check its signature (`-` reads stdin)'
complete -c le -n "__fish_le_needs_command" -f -a "refund" -d 'Refund a paid payment, or look at refunds'
complete -c le -n "__fish_le_needs_command" -f -a "webhook" -d 'Verify, send or receive signed webhooks'
complete -c le -n "__fish_le_needs_command" -f -a "whoami" -d 'Show the account the API key belongs to: plan, subscription, features'
complete -c le -n "__fish_le_needs_command" -f -a "rates" -d 'Show exchange rates (price of 1 BTC)'
complete -c le -n "__fish_le_needs_command" -f -a "sandbox" -d 'Drive the local sandbox: settle or expire payments, list or reset its state'
complete -c le -n "__fish_le_needs_command" -f -a "login" -d 'Store an API key for a profile: typed at a prompt without echo, or piped in'
complete -c le -n "__fish_le_needs_command" -f -a "config" -d 'Show where le reads its settings, what they are, and change them'
complete -c le -n "__fish_le_needs_command" -f -a "doctor" -d 'Check that le can work: config, key, API reachable, key accepted, clock'
complete -c le -n "__fish_le_needs_command" -f -a "mcp" -d 'Serve le\'s payment tools to an AI assistant over the Model Context Protocol (stdio)'
complete -c le -n "__fish_le_needs_command" -f -a "completions" -d 'Print the script that gives a shell tab completion for le'
complete -c le -n "__fish_le_needs_command" -f -a "man" -d 'Print a manual page (roff): le(1), or a command\'s, e.g. `le man create`'
complete -c le -n "__fish_le_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand create" -l order -d 'Your order id (unique per sale); may be left out when the profile has an order_prefix: le then makes a new one, e.g. TILL-20261121-154203-7F3A' -r
complete -c le -n "__fish_le_using_subcommand create" -l amount -d 'Amount in --currency, e.g. 49.99' -r
complete -c le -n "__fish_le_using_subcommand create" -l currency -d 'USD, EUR, GBP, BTC or sats (any case); default: the profile\'s currency' -r -f -a "USD\t''
EUR\t''
GBP\t''
BTC\t''
sats\t''"
complete -c le -n "__fish_le_using_subcommand create" -l timeout -d 'With --watch: give up (exit 11) if not settled by then, e.g. 10m' -r
complete -c le -n "__fish_le_using_subcommand create" -l interval -d 'With --watch: time between polls; the API asks for no less than 3s' -r
complete -c le -n "__fish_le_using_subcommand create" -l from -d 'Create one payment per row of a CSV or NDJSON file (`-` for stdin), with columns named as these flags (order, amount, currency, description, customer_email, …)' -r
complete -c le -n "__fish_le_using_subcommand create" -l journal -d 'With --from: where to record what was created, so a rerun skips it (default: beside the input, FILE.le-journal)' -r -F
complete -c le -n "__fish_le_using_subcommand create" -l concurrency -d 'With --from: most requests in flight at once, when the rate limit leaves room (default 4)' -r
complete -c le -n "__fish_le_using_subcommand create" -l description -d 'Shown to the payer in their wallet' -r
complete -c le -n "__fish_le_using_subcommand create" -l customer-email -d 'The customer\'s email address, kept with the payment for your records' -r
complete -c le -n "__fish_le_using_subcommand create" -l customer-name -d 'The customer\'s name, kept with the payment for your records' -r
complete -c le -n "__fish_le_using_subcommand create" -l success-url -d 'Where hosted checkout sends the payer after paying' -r
complete -c le -n "__fish_le_using_subcommand create" -l cancel-url -d 'Where hosted checkout sends the payer on cancel' -r
complete -c le -n "__fish_le_using_subcommand create" -l metadata -d 'Extra data kept with the payment (repeatable)' -r
complete -c le -n "__fish_le_using_subcommand create" -l idempotency-key -d 'Makes retries safe: the same key never creates a second payment. Default: derived from the order id and the request, so rerunning the same command returns the same payment' -r
complete -c le -n "__fish_le_using_subcommand create" -l qr -d 'Show the invoice as a QR code: auto (on a terminal, not with --json), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand create" -l qr-svg -d 'Also write the QR code as an SVG file, e.g. to print at a till' -r -F
complete -c le -n "__fish_le_using_subcommand create" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand create" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand create" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand create" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand create" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand create" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand create" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand create" -l watch -d 'Then wait for the payment as `le watch` does, the QR code in view: exit 0 paid, 10 expired, 11 --timeout, 12 another end, 13 the order was paid before'
complete -c le -n "__fish_le_using_subcommand create" -l unordered -d 'With --from: print results as they finish rather than in input order'
complete -c le -n "__fish_le_using_subcommand create" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand create" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand create" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand create" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand create" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand create" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand create" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand get" -l qr -d 'Show the invoice as a QR code again while it can be paid: auto (on a terminal, not with --json), always, never (default for get)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand get" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand get" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand get" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand get" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand get" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand get" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand get" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand get" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand get" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand get" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand get" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand get" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand get" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand get" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand get-order" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand get-order" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand get-order" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand get-order" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand get-order" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand get-order" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand get-order" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand get-order" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand get-order" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand get-order" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand get-order" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand get-order" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand get-order" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand get-order" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sync" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sync" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sync" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sync" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sync" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sync" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sync" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sync" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sync" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sync" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sync" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sync" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sync" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sync" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand watch" -l order -d 'Watch the newest payment of this order id too (repeatable)' -r
complete -c le -n "__fish_le_using_subcommand watch" -l from -d 'Watch the payments listed in a file (`-` for stdin): one invoice id per line, or the NDJSON of `le create --from` / `--json`' -r
complete -c le -n "__fish_le_using_subcommand watch" -l reads-per-minute -d 'Reads per minute to share among several payments (the API allows 200 reads and 100 requests in all a minute; the default leaves room for other work)' -r
complete -c le -n "__fish_le_using_subcommand watch" -l interval -d 'Time between polls; the API asks for no less than 3s' -r
complete -c le -n "__fish_le_using_subcommand watch" -l timeout -d 'Give up (exit 11) if the payment has not settled by then, e.g. 10m' -r
complete -c le -n "__fish_le_using_subcommand watch" -l qr -d 'Show the invoice as a QR code above the spinner while it can be paid (one payment only): auto (on a terminal, not with --json), always, never (default)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand watch" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand watch" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand watch" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand watch" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand watch" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand watch" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand watch" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand watch" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand watch" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand watch" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand watch" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand watch" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand watch" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand watch" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand pos" -l currency -d 'The currency of every sale: USD, EUR, GBP, BTC or sats (default: the profile\'s)' -r -f -a "USD\t''
EUR\t''
GBP\t''
BTC\t''
sats\t''"
complete -c le -n "__fish_le_using_subcommand pos" -l order-prefix -d 'Order ids are made with this prefix (default: the profile\'s order_prefix, else POS)' -r
complete -c le -n "__fish_le_using_subcommand pos" -l description -d 'Shown to the payer in their wallet (default: the profile\'s description)' -r
complete -c le -n "__fish_le_using_subcommand pos" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand pos" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand pos" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand pos" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand pos" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand pos" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand pos" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand pos" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand pos" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand pos" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand pos" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand pos" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand pos" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand pos" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand decode" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand decode" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand decode" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand decode" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand decode" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand decode" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand decode" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand decode" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand decode" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand decode" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand decode" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand decode" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand decode" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand decode" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -f -a "create" -d 'Send money back for a paid payment'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -f -a "get" -d 'Show a refund'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -f -a "list" -d 'List refunds, newest first'
complete -c le -n "__fish_le_using_subcommand refund; and not __fish_seen_subcommand_from create get list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l invoice -d 'The payment to refund (inv_…)' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l amount -d 'Amount to refund, in the payment\'s currency' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l currency -d 'The payment\'s currency: USD, EUR, GBP, BTC or sats' -r -f -a "USD\t''
EUR\t''
GBP\t''
BTC\t''
sats\t''"
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l lightning-invoice -d 'The customer\'s invoice to pay the refund to' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l bitcoin-address -d 'The customer\'s on-chain address to pay the refund to' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l reason -d 'Why, for your records' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l idempotency-key -d 'Makes retries safe; default: derived from the request' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l invoice -d 'Only the refunds of this payment' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "create" -d 'Send money back for a paid payment'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a refund'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "list" -d 'List refunds, newest first'
complete -c le -n "__fish_le_using_subcommand refund; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -f -a "verify" -d 'Check a received webhook\'s signature; prints the event when it is genuine'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -f -a "send" -d 'Send a correctly signed test event to your webhook handler'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -f -a "listen" -d 'Receive webhooks on this machine, verify and print each one'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -f -a "endpoint" -d 'Show or set where the API sends your account\'s webhooks'
complete -c le -n "__fish_le_using_subcommand webhook; and not __fish_seen_subcommand_from verify send listen endpoint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l secret-file -d 'File holding the webhook secret (`-` for stdin)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l signature -d 'The signature header\'s value, e.g. \'t=1700000000,v1=5f…\' or a bare hex signature' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l header -d 'The whole header line, e.g. \'X-LightningEnable-Signature: t=…,v1=…\'' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l tolerance -d 'How far the signature\'s timestamp may be from now, either way, in seconds (at least 1)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l allow-legacy -d 'Accept an X-Gateway-Signature alone: it carries no time, so a captured delivery could be replayed'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l to -d 'Your webhook handler\'s URL' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l event -d 'The event to send' -r -f -a "payment.completed\t''
payment.expired\t''
refund.completed\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l secret-file -d 'File holding the webhook secret (`-` for stdin)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l invoice -d 'The event\'s invoice id (default: a made-up one)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l order -d 'The event\'s order id (default: a made-up one)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l amount -d 'The event\'s amount (default: 49.99)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l currency -d 'The event\'s currency (default: USD)' -r -f -a "USD\t''
EUR\t''
GBP\t''
BTC\t''
sats\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l refund -d 'For refund.completed' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l data -d 'JSON object merged into the event\'s data, e.g. \'{"amountSats":4999}\'' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l scheme -d 'Which signature headers to send: both (as the API does), current or legacy' -r -f -a "both\t''
current\t''
legacy\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l port -d 'Port to listen on (on 127.0.0.1 unless --addr says otherwise); 0 picks a free one' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l addr -d 'Address to listen on' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l secret-file -d 'File holding the webhook secret (`-` for stdin)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l tolerance -d 'How far a signature\'s timestamp may be from now, either way, in seconds (at least 1); a delivery accepted is refused again for as long as its signature would pass' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l allow-legacy -d 'Accept deliveries signed only with X-Gateway-Signature (no time: replayable)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from listen" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -f -a "show" -d 'Show whether a webhook URL is set (and which, when the API says)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -f -a "set" -d 'Set the webhook URL and the secret that signs its webhooks'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from endpoint" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a received webhook\'s signature; prints the event when it is genuine'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send a correctly signed test event to your webhook handler'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "listen" -d 'Receive webhooks on this machine, verify and print each one'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "endpoint" -d 'Show or set where the API sends your account\'s webhooks'
complete -c le -n "__fish_le_using_subcommand webhook; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand whoami" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand whoami" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand whoami" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand whoami" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand whoami" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand whoami" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand whoami" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand whoami" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand whoami" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand whoami" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand whoami" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand whoami" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand whoami" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand rates" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand rates" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand rates" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand rates" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand rates" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand rates" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand rates" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand rates" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand rates" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand rates" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand rates" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand rates" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand rates" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand rates" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "pay" -d 'Mark a payment as paid, as if a wallet had paid its invoice'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "process" -d 'Mark a payment as seen but not yet confirmed'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "expire" -d 'Expire a payment now'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "underpay" -d 'Mark a payment as underpaid: the payer sent less than the invoice asked'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "account" -d 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "list" -d 'List the sandbox\'s payments, newest first'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "reset" -d 'Delete the key\'s payments, refunds and webhook events (its account and webhook settings, and other keys\' things, are kept)'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "deliveries" -d 'Show webhook delivery attempts, oldest first'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "webhook" -d 'Show or set where the sandbox sends the key\'s webhooks (kept in the sandbox\'s state)'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "serve" -d 'Serve the sandbox API over HTTP (or https with --tls) for any client'
complete -c le -n "__fish_le_using_subcommand sandbox; and not __fish_seen_subcommand_from pay process expire underpay account list reset deliveries webhook serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from pay" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from process" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from expire" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from underpay" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l status -d 'The account\'s state; the API answers 403 in any but active' -r -f -a "active\t''
inactive\t''
subscription-required\t''
subscription-expired\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l refunds -d 'Whether the account may make refunds (off: 403 REFUNDS_DISABLED)' -r -f -a "on\t''
off\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l balance -d 'The payment provider\'s balance refunds are paid from, in sats, or `unlimited`; a refund it cannot cover fails' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from account" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from deliveries" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l url -d 'Where to deliver events; needs --secret-file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l secret-file -d 'File holding the signing secret (`-` for stdin)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l clear -d 'Stop sending webhooks'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from webhook" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l addr -d 'Address to listen on; loopback unless you say otherwise' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l dir -d 'Sandbox state directory (default: LE_SANDBOX_DIR, else the data dir)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l api-key -d 'Accept only these API keys (repeatable); default: any non-empty key' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Rate limits: off, real (100/min global, 200/min reads, 10/min creates, per key), or your own policies, e.g. create=50/1s,read=500/1s (unlisted policies are off)' -r -f -a "off\t''
real\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l webhook-url -d 'Deliver webhooks here, for keys that set no endpoint of their own (with `le sandbox webhook` or `PUT /api/merchant/webhook-url`)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l webhook-secret -d 'Secret that signs the webhooks sent to --webhook-url (visible to `ps`: for a real secret prefer --webhook-secret-file)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l webhook-secret-file -d 'File holding the webhook secret (`-` for stdin)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l webhook-timeout -d 'How long a webhook receiver has to answer before the attempt counts as failed' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l auto-pay-after -d 'Settle every new payment by itself after this long, e.g. 10s' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l refund-delay -d 'How long refunds stay pending before they complete' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l latency -d 'Add this delay to every API request, in milliseconds' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fail-rate -d 'Fraction of API requests that fail on purpose, from 0 to 1' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fail-modes -d 'How they fail: any of 500, 502, 503, drop-before, drop-after, stall (the default, all of which a client can ride out), and 504, problem (an RFC 9457 body), validation (an ASP.NET `errors` body), 401 (a bare 401)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l stall -d 'How long a stalled request hangs before its connection is closed' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l public-url -d 'The URL clients reach this server at, when not the address it listens on (a container, a reverse proxy): the base of every payment\'s hostedCheckoutUrl' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l tls -d 'Serve https, with a certificate made for 127.0.0.1, ::1 and localhost (and the --public-url host), written to DIR/tls/cert.pem for clients to trust'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "pay" -d 'Mark a payment as paid, as if a wallet had paid its invoice'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "process" -d 'Mark a payment as seen but not yet confirmed'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "expire" -d 'Expire a payment now'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "underpay" -d 'Mark a payment as underpaid: the payer sent less than the invoice asked'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "account" -d 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the sandbox\'s payments, newest first'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Delete the key\'s payments, refunds and webhook events (its account and webhook settings, and other keys\' things, are kept)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "deliveries" -d 'Show webhook delivery attempts, oldest first'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "webhook" -d 'Show or set where the sandbox sends the key\'s webhooks (kept in the sandbox\'s state)'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the sandbox API over HTTP (or https with --tls) for any client'
complete -c le -n "__fish_le_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand login" -l with-key -d 'Read the key from stdin (`-`) instead of asking for it' -r
complete -c le -n "__fish_le_using_subcommand login" -l key-command -d 'Record a command that prints the key (e.g. from a password manager) instead of storing it' -r
complete -c le -n "__fish_le_using_subcommand login" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand login" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand login" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand login" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand login" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand login" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand login" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand login" -l no-check -d 'Store the key without checking it against the API'
complete -c le -n "__fish_le_using_subcommand login" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand login" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand login" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand login" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand login" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand login" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand login" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "path" -d 'Print the config file\'s path'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "show" -d 'Show the settings in force and where each comes from (the key redacted)'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "set" -d 'Set a key of the profile (--profile, else the default profile), or default_profile'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "unset" -d 'Remove a key from the profile (--profile, else the default profile)'
complete -c le -n "__fish_le_using_subcommand config; and not __fish_seen_subcommand_from path show set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s path'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the settings in force and where each comes from (the key redacted)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a key of the profile (--profile, else the default profile), or default_profile'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove a key from the profile (--profile, else the default profile)'
complete -c le -n "__fish_le_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand doctor" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand doctor" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand doctor" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand doctor" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand doctor" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand doctor" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand doctor" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand doctor" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand doctor" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand doctor" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand doctor" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand doctor" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand doctor" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand mcp" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand mcp" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand mcp" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand mcp" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand mcp" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand mcp" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand mcp" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand mcp" -l read-only -d 'Offer only the tools that read: no payments created, no refunds'
complete -c le -n "__fish_le_using_subcommand mcp" -l allow-refunds -d 'Let create_refund send refunds without `confirm: true` in each call'
complete -c le -n "__fish_le_using_subcommand mcp" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand mcp" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand mcp" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand mcp" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand mcp" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand mcp" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand mcp" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand completions" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand completions" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand completions" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand completions" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand completions" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand completions" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand completions" -l static -d 'A script that never runs le: fixed values only, no profile names'
complete -c le -n "__fish_le_using_subcommand completions" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand completions" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand completions" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand completions" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand completions" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand completions" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c le -n "__fish_le_using_subcommand man" -l out -d 'Write every page to this directory (le.1, le-create.1, …) instead of printing one' -r -F
complete -c le -n "__fish_le_using_subcommand man" -l base-url -d 'API base URL (default: the hosted API, or the profile\'s)' -r
complete -c le -n "__fish_le_using_subcommand man" -l profile -d 'Profile from the config file' -r
complete -c le -n "__fish_le_using_subcommand man" -l api-key-file -d 'Read the API key from this file, or from stdin with `-`' -r
complete -c le -n "__fish_le_using_subcommand man" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c le -n "__fish_le_using_subcommand man" -l request-timeout -d 'Time limit for each HTTP request, e.g. 30s, 2m (default 30s)' -r
complete -c le -n "__fish_le_using_subcommand man" -l network -d 'The network the API\'s invoices must be for: mainnet, testnet, signet or regtest (default: the profile\'s; else what a sandbox announces; else mainnet)' -r -f -a "mainnet\t''
testnet\t''
signet\t''
regtest\t''"
complete -c le -n "__fish_le_using_subcommand man" -l cacert -d 'Also trust the certificates in this PEM file for https, e.g. a served sandbox\'s tls/cert.pem (in addition to the system\'s)' -r -F
complete -c le -n "__fish_le_using_subcommand man" -l json -d 'Print the API\'s objects as JSON (errors as JSON on stderr)'
complete -c le -n "__fish_le_using_subcommand man" -s v -l verbose -d 'Show requests and responses on stderr (the key redacted)'
complete -c le -n "__fish_le_using_subcommand man" -l sandbox -d 'Use the local sandbox: no account, no network, no money'
complete -c le -n "__fish_le_using_subcommand man" -l no-verify -d 'Do not cross-check the API\'s invoices (amount, network, expiry, signature, payee)'
complete -c le -n "__fish_le_using_subcommand man" -l dry-run -d 'Show the request that would be sent, and send nothing'
complete -c le -n "__fish_le_using_subcommand man" -l curl -d 'Show the request as a curl command line (the key read from $LIGHTNING_API_KEY), and send nothing'
complete -c le -n "__fish_le_using_subcommand man" -s h -l help -d 'Print help'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "create" -d 'Create a payment and show its Lightning invoice as a QR code'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "get" -d 'Show a payment by its invoice id'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "get-order" -d 'Show the newest payment of one of your order ids'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "sync" -d 'Ask the API to refresh a payment\'s status from the provider, and show it'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "watch" -d 'Wait for a payment to be paid or to expire; the exit code tells which'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "pos" -d 'A till: type an amount, the customer scans, PAID, the next sale (full screen)'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "decode" -d 'Decode a BOLT11 invoice offline and check its signature (`-` reads stdin)'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "refund" -d 'Refund a paid payment, or look at refunds'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "webhook" -d 'Verify, send or receive signed webhooks'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "whoami" -d 'Show the account the API key belongs to: plan, subscription, features'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "rates" -d 'Show exchange rates (price of 1 BTC)'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "sandbox" -d 'Drive the local sandbox: settle or expire payments, list or reset its state'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "login" -d 'Store an API key for a profile: typed at a prompt without echo, or piped in'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "config" -d 'Show where le reads its settings, what they are, and change them'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "doctor" -d 'Check that le can work: config, key, API reachable, key accepted, clock'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "mcp" -d 'Serve le\'s payment tools to an AI assistant over the Model Context Protocol (stdio)'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "completions" -d 'Print the script that gives a shell tab completion for le'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "man" -d 'Print a manual page (roff): le(1), or a command\'s, e.g. `le man create`'
complete -c le -n "__fish_le_using_subcommand help; and not __fish_seen_subcommand_from create get get-order sync watch pos decode refund webhook whoami rates sandbox login config doctor mcp completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from refund" -f -a "create" -d 'Send money back for a paid payment'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from refund" -f -a "get" -d 'Show a refund'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from refund" -f -a "list" -d 'List refunds, newest first'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "verify" -d 'Check a received webhook\'s signature; prints the event when it is genuine'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "send" -d 'Send a correctly signed test event to your webhook handler'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "listen" -d 'Receive webhooks on this machine, verify and print each one'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from webhook" -f -a "endpoint" -d 'Show or set where the API sends your account\'s webhooks'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "pay" -d 'Mark a payment as paid, as if a wallet had paid its invoice'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "process" -d 'Mark a payment as seen but not yet confirmed'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "expire" -d 'Expire a payment now'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "underpay" -d 'Mark a payment as underpaid: the payer sent less than the invoice asked'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "account" -d 'Show or change the account of the key in use: inactive, lapsed plan, refunds off, provider balance'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "list" -d 'List the sandbox\'s payments, newest first'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "reset" -d 'Delete the key\'s payments, refunds and webhook events (its account and webhook settings, and other keys\' things, are kept)'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "deliveries" -d 'Show webhook delivery attempts, oldest first'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "webhook" -d 'Show or set where the sandbox sends the key\'s webhooks (kept in the sandbox\'s state)'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Serve the sandbox API over HTTP (or https with --tls) for any client'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s path'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show the settings in force and where each comes from (the key redacted)'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set a key of the profile (--profile, else the default profile), or default_profile'
complete -c le -n "__fish_le_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove a key from the profile (--profile, else the default profile)'
