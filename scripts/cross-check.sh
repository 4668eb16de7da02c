#!/usr/bin/env bash
# Builds `le` beyond this Linux box and checks what it can:
#   - x86_64-pc-windows-gnu: cross-compiled with MinGW and linked; a PE executable that
#     needs no MinGW runtime DLL. Built, not run (Debian's wine is not a test of it).
#     Every target, tests included, passes clippy -D warnings for Windows.
#   - x86_64-unknown-linux-musl: a static Linux binary, run through a sandbox round trip
#     (serve, create, get, pay, watch) over loopback.
#   - aarch64-apple-darwin: `cargo check` of every Rust target (lib, bin, tests). The C
#     dependencies (SQLite, secp256k1, ring) cannot be compiled for macOS without Apple's
#     SDK, which no registry here has: their C is stubbed out (empty objects; a check
#     links nothing), so this proves the Rust code compiles for macOS, not the C.
# It installs what it lacks (rustup targets, Debian's gcc-mingw-w64-x86-64 and
# musl-tools) and fails loudly. .ci/run calls it; run it alone the same way:
#   scripts/cross-check.sh            # both targets
#   scripts/cross-check.sh windows    # or: musl, macos
# The builds use the dev profile without debug info: they check that the code and its C
# dependencies (bundled SQLite, secp256k1, ring) build and link for the target, which
# the optimised profiles would only make slower.
set -euo pipefail
cd "$(dirname "$0")/.."

WIN=x86_64-pc-windows-gnu
MUSL=x86_64-unknown-linux-musl
MAC=aarch64-apple-darwin
want=("${@:-windows musl macos}")
want=" ${want[*]} "

say() { printf '== %s\n' "$*"; }
die() { printf 'cross-check: FAILED: %s\n' "$*" >&2; exit 1; }

need_target() {
  rustup target list --installed | grep -qx "$1" && return
  say "rustup target add $1"
  rustup target add "$1" || die "rustup target add $1"
}

# root here; sudo on a CI runner that is not root.
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
apt_updated=
need_apt() { # need_apt COMMAND PACKAGE
  command -v "$1" >/dev/null && return
  say "apt-get install $2 (for $1)"
  command -v apt-get >/dev/null || die "$1 is missing: install $2 (a Debian/Ubuntu package) or its equivalent"
  if [ -z "$apt_updated" ]; then
    $sudo apt-get update -qq || die "apt-get update"
    apt_updated=1
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null \
    || die "apt-get install $2"
  command -v "$1" >/dev/null || die "$2 is installed but $1 is not on PATH"
}

# The cross builds differ from the host's only in what is built for the target: the
# build scripts and proc macros (dev profile, no debug info either way) are shared with
# `cargo build` and `cargo test`.
export CARGO_PROFILE_DEV_DEBUG=0

if [[ "$want" == *" windows "* ]]; then
  need_target "$WIN"
  need_apt x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
  say "cargo build --target $WIN"
  start=$SECONDS
  # cc-rs would pick the mingw compiler by itself; naming it keeps the C code (SQLite,
  # secp256k1, ring) and the final link on the same toolchain whatever the environment.
  CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc \
  AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar \
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    cargo build --locked --target "$WIN" --bin le \
    || die "le does not build for $WIN"
  # Every target (tests included) compiles for Windows without a warning: nothing
  # unix-only outside cfg(unix).
  say "cargo clippy --target $WIN --all-targets -- -D warnings"
  CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc \
  AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar \
    cargo clippy --locked --target "$WIN" --all-targets -- -D warnings \
    || die "le's code is not clean for $WIN (unix-only code outside cfg(unix)?)"
  exe="target/$WIN/debug/le.exe"
  [ -f "$exe" ] || die "no $exe after the build"
  # A PE32+ image for x86-64: "MZ", then "PE\0\0" and machine 0x8664 at e_lfanew.
  [ "$(head -c 2 "$exe")" = MZ ] || die "$exe is not a PE executable"
  pe=$(od -An -t u4 -j 60 -N 4 "$exe" | tr -d ' ')
  sig=$(od -An -t x1 -j "$pe" -N 6 "$exe" | tr -d ' \n')
  [ "$sig" = 504500006486 ] || die "$exe is not a PE image for x86-64 (header $sig)"
  # Every DLL it imports must come with Windows: a MinGW runtime DLL (libgcc_s,
  # libwinpthread, libstdc++) would make it fail to start on a user's machine.
  dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -u)
  [ -n "$dlls" ] || die "could not read the DLLs $exe imports"
  foreign=$(grep -viE '^(kernel32|kernelbase|advapi32|bcrypt|bcryptprimitives|combase|crypt32|ntdll|ole32|oleaut32|secur32|shell32|user32|userenv|ws2_32|msvcrt|ucrtbase|api-ms-win-[a-z0-9-]+|iphlpapi|ncrypt|rpcrt4|shlwapi|dbghelp|synchronization)\.dll$' <<<"$dlls" || true)
  [ -z "$foreign" ] || die "$exe needs DLLs Windows does not have: $foreign"
  say "ok: $exe, $(stat -c %s "$exe") bytes, imports $(tr '\n' ' ' <<<"$dlls")($((SECONDS - start)) s)"
fi

if [[ "$want" == *" musl "* ]]; then
  need_target "$MUSL"
  need_apt musl-gcc musl-tools
  say "cargo build --target $MUSL"
  start=$SECONDS
  # The C code is compiled against musl's headers by musl-gcc; Rust links with its own
  # self-contained musl start files, so the linker stays the default.
  CC_x86_64_unknown_linux_musl=musl-gcc \
    cargo build --locked --target "$MUSL" --bin le \
    || die "le does not build for $MUSL"
  le="$PWD/target/$MUSL/debug/le"
  [ -x "$le" ] || die "no $le after the build"
  # Static: no program interpreter, no shared libraries.
  if readelf -lW "$le" | grep -q 'program interpreter' || readelf -dW "$le" | grep -q NEEDED; then
    die "$le is not a static binary: $(readelf -dW "$le" | grep NEEDED)"
  fi
  say "ok: $le, $(stat -c %s "$le") bytes ($((SECONDS - start)) s)"

  say "sandbox round trip with the musl binary"
  tmp=$(mktemp -d)
  server=
  cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$tmp"
  }
  trap cleanup EXIT
  "$le" --version || die "$le --version"
  "$le" sandbox serve --addr 127.0.0.1:0 --dir "$tmp/state" --rate-limit off --json \
    >"$tmp/serve.out" 2>"$tmp/serve.err" &
  server=$!
  url=
  for _ in $(seq 100); do
    url=$(sed -n '1s/.*"url":"\([^"]*\)".*/\1/p' "$tmp/serve.out")
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$url" ] || die "le sandbox serve printed no URL: $(cat "$tmp/serve.out" "$tmp/serve.err")"
  export LIGHTNING_API_KEY=anything
  run() { timeout 60 "$le" --base-url "$url" "$@"; }
  created=$(run create --order CROSS-1 --amount 5 --currency USD --json) \
    || die "create against $url"
  id=$(sed -n 's/.*"invoiceId":"\([^"]*\)".*/\1/p' <<<"$created")
  [ -n "$id" ] || die "create answered no invoiceId: $created"
  run get "$id" --json | grep -q '"status":"unpaid"' || die "get $id is not unpaid"
  run sandbox pay "$id" >/dev/null || die "sandbox pay $id"
  run watch "$id" --timeout 30s || die "watch $id did not end paid (exit $?)"
  kill "$server" && wait "$server" || die "the sandbox server did not stop cleanly on SIGTERM"
  server=
  say "ok: create, get, pay and watch through $url"
fi

if [[ "$want" == *" macos "* ]]; then
  need_target "$MAC"
  say "cargo check --target $MAC --all-targets (C dependencies stubbed)"
  start=$SECONDS
  # A fixed place, so that a second run finds the build scripts' outputs still valid.
  stub="$PWD/target/macos-c-stub"
  mkdir -p "$stub"
  # A "C compiler" that writes an empty object wherever it is told to and succeeds
  # (cc-rs's probes included), and an archiver that does the same.
  cat >"$stub/cc" <<'STUB'
#!/bin/sh
out=
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out=$2; shift ;;
    -o*) out=${1#-o} ;;
    -Fo*) out=${1#-Fo} ;;
  esac
  shift
done
[ -z "$out" ] || : >"$out"
STUB
  cat >"$stub/ar" <<'STUB'
#!/bin/sh
for a in "$@"; do case "$a" in *.a|*.lib) : >"$a"; exit 0 ;; esac; done
STUB
  chmod +x "$stub/cc" "$stub/ar"
  CC_aarch64_apple_darwin="$stub/cc" AR_aarch64_apple_darwin="$stub/ar" \
    cargo check --locked --target "$MAC" --all-targets \
    || die "le's Rust code does not compile for $MAC"
  say "ok: the Rust code compiles for $MAC ($((SECONDS - start)) s)"
fi
