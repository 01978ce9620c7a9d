#!/usr/bin/env bash
# install-prereqs.sh: install the Debian packages Djinn's scripts need, but
# only those that are missing.  Each package is guarded by a check for the
# file or command it provides, so a machine that already has everything never
# runs apt.  Usage: scripts/install-prereqs.sh [GROUP...]
#   groups: examples (compilers for the guest examples, default)
#           browser  (Debian chromium for the Playwright e2e tests, default)
#           bench    (hyperfine)
#           bench-http (wrk, curl)
#           all      (everything above)
set -euo pipefail

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(examples browser)

have_glob() { compgen -G "$1" >/dev/null; }

# package -> check (a shell condition that is true when it is present)
declare -A check=(
  [clang]='command -v clang'
  [lld]='command -v wasm-ld'
  [wasi-libc]='test -f /usr/include/wasm32-wasi/stdio.h -a -f /usr/lib/wasm32-wasi/libc.a'
  [libclang-rt-14-dev-wasm32]='have_glob "/usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a"'
  [binaryen]='command -v wasm-opt'
  [rustc]='test -x /usr/bin/rustc'
  [libstd-rust-dev-wasm32]='have_glob "/usr/lib/rustlib/wasm32-wasi/lib/libstd-*.rlib"'
  [gcc]='command -v cc'
  [libc6-dev]='test -f /usr/include/stdio.h'
  [chromium]='command -v chromium'
  [hyperfine]='command -v hyperfine'
  [wrk]='command -v wrk'
  [curl]='command -v curl'
)

wanted=()
for g in "${groups[@]}"; do
  case "$g" in
    examples) wanted+=(clang lld wasi-libc libclang-rt-14-dev-wasm32 binaryen rustc libstd-rust-dev-wasm32 gcc libc6-dev) ;;
    browser) wanted+=(chromium) ;;
    bench) wanted+=(hyperfine) ;;
    bench-http) wanted+=(wrk curl) ;;
    all) wanted+=(clang lld wasi-libc libclang-rt-14-dev-wasm32 binaryen rustc libstd-rust-dev-wasm32 gcc libc6-dev chromium hyperfine) ;;
    *) echo "install-prereqs: unknown group '$g'" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  if ! eval "${check[$pkg]}" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-prereqs: installing missing packages: ${missing[*]}" >&2
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# apt's progress output is long; show it only when something goes wrong.
if ! { "${SUDO[@]}" apt-get update -qq &&
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-prereqs: apt-get failed" >&2
  exit 1
fi

# Verify that every check now passes.
for pkg in "${missing[@]}"; do
  if ! eval "${check[$pkg]}" >/dev/null 2>&1; then
    echo "install-prereqs: $pkg was installed but its check still fails: ${check[$pkg]}" >&2
    exit 1
  fi
done
