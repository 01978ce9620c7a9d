#!/usr/bin/env bash
# build-simd.sh: build the SIMD example from one source two ways.
#   examples/c/simd_dot.c -> examples/wasm/simd_dot.wasm  (clang, wasm32-wasi, -O2 -msimd128; committed)
#                         -> examples/native/simd_dot     (cc -O2, scalar; not committed)
# Both are built with -ffp-contract=off so no multiply-add is fused and the float results agree bit for bit.
# (The kernels carry target("simd128"), so a wasm build without -msimd128, e.g. by scripts/build-examples.sh,
# still uses SIMD.)
#
# Usage: examples/build-simd.sh [--check [ITERATIONS]]
#   --check  also run both builds (the wasm one through `djinn run`) and compare their outputs.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p examples/wasm examples/native
clang --target=wasm32-wasi --sysroot=/usr -O2 -msimd128 -ffp-contract=off -Wl,--strip-debug \
  -o examples/wasm/simd_dot.wasm examples/c/simd_dot.c
cc -O2 -ffp-contract=off -o examples/native/simd_dot examples/c/simd_dot.c

if [[ "${1:-}" == "--check" ]]; then
  n="${2:-50}"
  native=$(examples/native/simd_dot "$n")
  wasm=$(dotnet run --project src/Cli -c Release -- run examples/wasm/simd_dot.wasm "$n")
  if [[ "$native" != "$wasm" ]]; then
    echo "simd_dot: outputs differ" >&2
    diff <(echo "$native") <(echo "$wasm") >&2 || true
    exit 1
  fi
  echo "simd_dot: wasm output equals native output" >&2
fi
