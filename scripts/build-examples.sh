#!/usr/bin/env bash
# build-examples.sh: rebuild the guest examples.
#   examples/c/NAME.c      -> examples/wasm/NAME.wasm   (clang, wasm32-wasi, -O2; committed)
#                          -> examples/native/NAME      (cc -O2; not committed)
#   examples/rust/NAME.rs  -> examples/wasm/NAME-rust.wasm  (Debian /usr/bin/rustc, -O)
#   examples/wat/NAME.wat  -> examples/wasm/NAME-wat.wasm   (binaryen wasm-as)
# Safe to run any number of times: outputs are simply rebuilt from the sources.
#
# Usage: scripts/build-examples.sh [--check]
#   --check  also run every C example with small arguments under Node (V8) and
#            natively and compare the outputs, and run the Rust and WAT ones
#            under Node; exits non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    *) echo "usage: scripts/build-examples.sh [--check]" >&2; exit 2 ;;
  esac
done

scripts/install-prereqs.sh examples

mkdir -p examples/wasm examples/native

# Debian's rustc, never the rustup one (it has no wasm32-wasi target here).
RUSTC=/usr/bin/rustc

for src in examples/c/*.c; do
  name=$(basename "$src" .c)
  echo "build: $src -> examples/wasm/$name.wasm, examples/native/$name" >&2
  # simd_dot is the SIMD example: 128-bit SIMD for wasm, and no fused multiply-add anywhere so both builds agree.
  extra=()
  [ "$name" = simd_dot ] && extra=(-msimd128 -ffp-contract=off)
  clang --target=wasm32-wasi --sysroot=/usr -O2 "${extra[@]}" -Wl,--strip-debug -o "examples/wasm/$name.wasm" "$src"
  native_extra=()
  [ "$name" = simd_dot ] && native_extra=(-ffp-contract=off)
  cc -O2 "${native_extra[@]}" -o "examples/native/$name" "$src" -lm
done

for src in examples/rust/*.rs; do
  name=$(basename "$src" .rs)
  echo "build: $src -> examples/wasm/$name-rust.wasm" >&2
  "$RUSTC" --target wasm32-wasi -O -C strip=debuginfo -o "examples/wasm/$name-rust.wasm" "$src"
done

for src in examples/wat/*.wat; do
  name=$(basename "$src" .wat)
  echo "build: $src -> examples/wasm/$name-wat.wasm" >&2
  wasm-as "$src" -o "examples/wasm/$name-wat.wasm"
done

if [ "$check" -eq 1 ]; then
  exec scripts/check-examples.sh
fi
