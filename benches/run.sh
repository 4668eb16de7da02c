#!/usr/bin/env bash
# Benchmarks of le against curl and of the sandbox itself, on loopback. Prints what it
# measures; benches/README.md records a run and the machine it ran on.
#
#   benches/run.sh            # needs hyperfine, wrk and GNU time (apt-get install hyperfine wrk time)
#
# Every load it makes goes to 127.0.0.1, is bounded in count and time, and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in hyperfine wrk curl jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install hyperfine wrk curl jq time)" >&2; exit 2; }
done

cargo build --release --quiet
le=target/release/le
work=$(mktemp -d)
# Servers start inside $(…), so the shell's job list cannot see them: track their pids.
trap 'for p in "$work"/*.pid; do [ -e "$p" ] && kill "$(cat "$p")" 2>/dev/null; done; rm -rf "$work"' EXIT
export LE_CONFIG="$work/none.toml" LE_SANDBOX_DIR="$work/state" LIGHTNING_API_KEY=le_merchant_benchkey0000000

serve() { # serve NAME ARGS…: starts a sandbox, prints its URL
  local name=$1; shift
  "$le" sandbox serve --json --addr 127.0.0.1:0 --dir "$work/$name" "$@" >"$work/$name.banner" 2>/dev/null &
  echo $! >"$work/$name.pid"
  for _ in $(seq 50); do [ -s "$work/$name.banner" ] && break; sleep 0.1; done
  jq -r .url "$work/$name.banner"
}

url=$(serve main --rate-limit off)
id=$("$le" --base-url "$url" --json create --order BENCH-1 --amount 49.99 --currency USD | jq -r .invoiceId)

echo "== le get vs curl (one GET on loopback, 300 runs each)"
hyperfine -N --warmup 20 --runs 300 --export-json "$work/get.json" \
  "$le --base-url $url get $id --json" \
  "curl -s -H 'X-API-Key: $LIGHTNING_API_KEY' $url/api/payments/$id"
jq -r '.results as $r | "le get: \($r[0].mean*1000|.*100|round/100) ms, curl: \($r[1].mean*1000|.*100|round/100) ms, le/curl = \(($r[0].mean/$r[1].mean)*100|round/100)"' "$work/get.json"

echo "== le get vs curl over https (the sandbox's own certificate, trusted with --cacert)"
tls_url=$(serve tls --rate-limit off --tls)
cert="$work/tls/tls/cert.pem"
tid=$("$le" --base-url "$tls_url" --cacert "$cert" --json create --order BENCH-TLS --amount 49.99 --currency USD | jq -r .invoiceId)
hyperfine -N --warmup 20 --runs 300 --export-json "$work/get-tls.json" \
  "$le --base-url $tls_url --cacert $cert get $tid --json" \
  "curl -s --cacert $cert -H 'X-API-Key: $LIGHTNING_API_KEY' $tls_url/api/payments/$tid"
jq -r '.results as $r | "le get (https): \($r[0].mean*1000|.*100|round/100) ms, curl: \($r[1].mean*1000|.*100|round/100) ms, le/curl = \(($r[0].mean/$r[1].mean)*100|round/100)"' "$work/get-tls.json"

echo "== le create vs the same POST with curl (idempotent replays after the first)"
body='{"orderId":"BENCH-2","amount":49.99,"currency":"USD"}'
hyperfine -N --warmup 20 --runs 200 --export-json "$work/create.json" \
  "$le --base-url $url create --order BENCH-2 --amount 49.99 --currency USD --idempotency-key bench-2 --json" \
  "curl -s -X POST -H 'X-API-Key: $LIGHTNING_API_KEY' -H 'Content-Type: application/json' -H 'X-Idempotency-Key: bench-2' --data-raw '$body' $url/api/payments"
jq -r '.results as $r | "le create: \($r[0].mean*1000|.*100|round/100) ms, curl: \($r[1].mean*1000|.*100|round/100) ms, le/curl = \(($r[0].mean/$r[1].mean)*100|round/100)"' "$work/create.json"

echo "== sandbox throughput (wrk, 2 threads, 16 connections, 10 s each)"
wrk -t2 -c16 -d10s --latency -H "X-API-Key: $LIGHTNING_API_KEY" "$url/api/payments/$id" | grep -E "Requests/sec|99%|Latency "
cat >"$work/create.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"orderId":"WRK-%d-%d","amount":1,"currency":"USD"}', math.random(1, 1000000000), counter)
  return wrk.format("POST", "/api/payments", {["X-API-Key"] = os.getenv("LIGHTNING_API_KEY"), ["Content-Type"] = "application/json"}, body)
end
LUA
wrk -t2 -c16 -d10s --latency -s "$work/create.lua" "$url" | grep -E "Requests/sec|99%|Latency "

echo "== a batch of 1000 creates at --rate-limit create=100/1s"
fast=$(serve batch --rate-limit create=100/1s)
{ echo "order,amount,currency"; for i in $(seq 1 1000); do echo "BATCH-$i,1.$((i % 100)),EUR"; done; } >"$work/orders.csv"
start=$(date +%s.%N)
"$le" --base-url "$fast" --verbose create --from "$work/orders.csv" --concurrency 8 >"$work/batch.ndjson" 2>"$work/batch.err" || true
end=$(date +%s.%N)
made=$("$le" --base-url "$fast" --json sandbox list | jq -r .orderId | sort -u | wc -l)
rows=$("$le" --base-url "$fast" --json sandbox list | wc -l)
ok=$(jq -r 'select(.ok) | .order' "$work/batch.ndjson" | wc -l)
awk -v s="$start" -v e="$end" -v ok="$ok" -v made="$made" -v rows="$rows" 'BEGIN {
  t = e - s; ideal = 1000 / 100;
  printf "1000 rows in %.1f s: %d ok, %d payments for %d distinct orders (duplicates: %d); allowance used: %.0f%% (ideal %.0f s)\n", t, ok, rows, made, rows - made, 100 * ideal / t, ideal }'
# Every answer is logged under --verbose: count the 429s among them.
echo "refusals (429 answers): $(grep -c '^< 429' "$work/batch.err" || true) of $(grep -c '^> POST' "$work/batch.err" || true) requests"

echo "== peak memory (GNU time, maximum resident set size)"
/usr/bin/time -f "le get: %M KiB" "$le" --base-url "$url" get "$id" --json >/dev/null
/usr/bin/time -f "le --sandbox create: %M KiB" "$le" --sandbox create --order MEM-1 --amount 1 --currency USD --json >/dev/null
/usr/bin/time -f "curl: %M KiB" curl -s -H "X-API-Key: $LIGHTNING_API_KEY" "$url/api/payments/$id" >/dev/null

echo "== binary size"
ls -l target/release/le | awk '{printf "release: %.1f MB\n", $5/1048576}'
if [ "${LE_BENCH_DIST:-0}" = 1 ]; then
  cargo build --profile dist --quiet
  ls -l target/dist/le | awk '{printf "dist: %.1f MB\n", $5/1048576}'
fi
