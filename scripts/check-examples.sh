#!/usr/bin/env bash
# check-examples.sh: run the built examples under Node (V8, bench/node-wasi-run.mjs)
# and compare with the native builds (C) or with known outputs (Rust, WAT).
# Arguments are small so the whole check takes a few seconds.
# Prints one line per case ("ok" or "FAIL") and, last, "examples: N passed, M failed".
# Exits non-zero if any case failed.  Run scripts/build-examples.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

RUN=(node bench/node-wasi-run.mjs)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok    $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }

# compare_native NAME STDIN ARGS... : native and wasm-under-node must print the
# same stdout and exit with the same code.
compare_native() {
  local name=$1 input=$2
  shift 2
  local native_rc=0 wasm_rc=0
  printf '%s' "$input" | env -u DJINN_GREETING "examples/native/$name" "$@" >"$tmp/native.out" 2>"$tmp/native.err" || native_rc=$?
  printf '%s' "$input" | "${RUN[@]}" "examples/wasm/$name.wasm" "$@" >"$tmp/wasm.out" 2>"$tmp/wasm.err" || wasm_rc=$?
  # argv[0] differs (path vs module name); normalise that one line.
  sed -i 's/^argv\[0\] = .*/argv[0] = <program>/' "$tmp/native.out" "$tmp/wasm.out"
  if [ "$native_rc" -ne "$wasm_rc" ]; then
    fail "$name $*: exit code native=$native_rc wasm=$wasm_rc"
    sed 's/^/      /' "$tmp/wasm.err" | head -5
  elif ! cmp -s "$tmp/native.out" "$tmp/wasm.out"; then
    fail "$name $*: output differs"
    diff "$tmp/native.out" "$tmp/wasm.out" | head -10 | sed 's/^/      /'
  else
    pass "$name $* (native = wasm, $(wc -l <"$tmp/wasm.out") lines)"
  fi
}

# expect DESCRIPTION EXPECTED_RC EXPECTED_STDOUT COMMAND... : run under Node, check.
expect() {
  local desc=$1 want_rc=$2 want_out=$3
  shift 3
  local rc=0
  "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
  if [ "$rc" -ne "$want_rc" ]; then
    fail "$desc: exit code $rc, expected $want_rc"
    sed 's/^/      /' "$tmp/err" | head -5
  elif [ "$(cat "$tmp/out")" != "$want_out" ]; then
    fail "$desc: unexpected output"
    diff <(printf '%s\n' "$want_out") "$tmp/out" | head -10 | sed 's/^/      /'
  else
    pass "$desc"
  fi
}

# C examples: every one must match its native build.  The environment is not
# passed to the WASI guest, so hello's env-var echo is checked separately below.
compare_native hello "" one "two words" three
compare_native hello "some input on stdin" x
compare_native nbody "" 1000
compare_native sieve "" 3 100000
compare_native fib "" 20 3
compare_native matmul "" 3 40
compare_native sha256 "" 5 4096
compare_native bintrees "" 8
compare_native interp "" 10000
compare_native strfmt "" 2000
compare_native minilang "" 3

# Any other C example added later: compare with its default arguments.
for src in examples/c/*.c; do
  name=$(basename "$src" .c)
  case "$name" in
    hello | nbody | sieve | fib | matmul | sha256 | bintrees | interp | strfmt | minilang) ;;
    *) compare_native "$name" "" ;;
  esac
done

expect "hello env var" 0 "Hello from a Djinn guest!
argv[0] = hello.wasm
DJINN_GREETING = hi there" \
  "${RUN[@]}" --env "DJINN_GREETING=hi there" examples/wasm/hello.wasm

expect "hello-rust (exit code 9)" 9 "Hello from Rust on Djinn! 11 word(s)
     the 3
   brown 1
     dog 1
     end 1
     fox 1
   jumps 1
    lazy 1
    over 1
   quick 1" "${RUN[@]}" examples/wasm/hello-rust.wasm

expect "hello-rust with args (exit code 2)" 2 "Hello from Rust on Djinn! 3 word(s)
       a 2
       b 1" "${RUN[@]}" examples/wasm/hello-rust.wasm a b a

expect "hello-wat" 0 "Hello, WebAssembly text!" "${RUN[@]}" examples/wasm/hello-wat.wasm
expect "factorial-wat fac_rec 20" 0 "2432902008176640000" \
  "${RUN[@]}" --invoke fac_rec examples/wasm/factorial-wat.wasm 20
expect "factorial-wat fac_iter 20" 0 "2432902008176640000" \
  "${RUN[@]}" --invoke fac_iter examples/wasm/factorial-wat.wasm 20

echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
