#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 10), starting from the committed
# corpus in fuzz/corpus/. New inputs the fuzzer finds go to a scratch directory, so a run
# leaves the repository as it was; copy any worth keeping into fuzz/corpus/ by hand.
#
#   fuzz/run.sh          # 10 s per target, as CI does
#   fuzz/run.sh 600      # a longer hunt
#
# This machine's toolchain is stable; cargo fuzz needs a few unstable flags, which
# RUSTC_BOOTSTRAP=1 allows for this build only.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in api_response api_error bolt11 webhook_signature; do
  echo "== fuzz $target for ${secs}s"
  mkdir -p "$scratch/$target"
  log="$scratch/$target.log"
  if ! cargo fuzz run --fuzz-dir fuzz "$target" "$scratch/$target" "fuzz/corpus/$target" -- \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz target $target failed; what it found is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  grep -E "^(Done|#[0-9]+[[:space:]]+DONE)" "$log"
done
