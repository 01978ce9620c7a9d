#!/usr/bin/env bash
# bench/compile/run.sh: how fast djinn compiles a large module (issue 8, target 3).
#
# Builds bench/compile/big.rs with Debian's rustc for wasm32-wasi in debug mode
# (-C opt-level=0, debug info stripped): about 5 MB of code in ~20,000 functions,
# like a Rust developer's first build. Then, in one process each
# (bench/compute/Harness, `djinn-bench`):
#   compile  decode + validate (Module.Validate) and decode + validate + IL emit
#            (Module.FromBytes), R times each, each in a fresh engine; the first
#            repetition also pays for JIT-compiling djinn's own compiler.
#   run      instantiate and run the program twice in fresh instances: run 1
#            includes RyuJIT compiling every guest function it reaches (the first
#            calls' JIT cost), run 2 reuses that machine code.
# V8 (node bench/node-wasi-run.mjs --repeat 2) is timed the same way for reference.
# Prints a Markdown report (also bench/out/compile-latest.md).
#
# Usage: bench/compile/run.sh [--quick] [--repeat R] [--summary FILE]
#   --quick        2 repetitions instead of 7
#   --summary FILE append the goal rows (target, measure, value, goal, met; tab-separated) to FILE
set -euo pipefail
cd "$(dirname "$0")/../.."

repeat=7
summary=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) repeat=2 ;;
    --repeat) repeat=$2; shift ;;
    --summary) summary=$2; shift ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "compile/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "bench: $*" >&2; }
out=bench/out/compile
mkdir -p "$out"
wasm=$out/big.wasm
HARNESS=bench/compute/Harness/bin/Release/net9.0/linux-x64/djinn-bench

fail() {
  log "$1"
  [ -n "$summary" ] && printf 'compile\tIL compile of a 5 MB module (decode + validate + emit)\t%s\t< 1 s\tnot run\n' "$1" >>"$summary"
  exit 1
}

scripts/install-prereqs.sh examples >&2 || true
[ -x /usr/bin/rustc ] || fail "no /usr/bin/rustc (scripts/install-prereqs.sh examples)"
log "building $wasm (rustc -C opt-level=0)"
/usr/bin/rustc --target wasm32-wasi -C opt-level=0 -C strip=debuginfo -o "$wasm" bench/compile/big.rs >&2 || fail "rustc failed"
log "building the harness (dotnet build -c Release bench/compute/Harness)"
dotnet build -c Release bench/compute/Harness --nologo -v quiet >"$out/build.log" 2>&1 || fail "harness build failed (see $out/build.log)"

bytes=$(stat -c %s "$wasm")
code_bytes=$(node -e '
  const b = require("fs").readFileSync(process.argv[1]);
  let i = 8, code = 0, funcs = 0;
  const leb = () => { let r = 0, s = 0, x; do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (i < b.length) { const id = b[i++]; const n = leb(); const end = i + n;
    if (id === 10) { code = n; funcs = leb(); } i = end; }
  console.log(code, funcs);' "$wasm")
read -r code_size func_count <<<"$code_bytes"

log "djinn: compile x$repeat"
"$HARNESS" compile "$wasm" --repeat "$repeat" 2>"$out/djinn-compile.err" >/dev/null || fail "djinn compile failed (see $out/djinn-compile.err)"
log "djinn: run x2"
"$HARNESS" run "$wasm" --repeat 2 -- 10 >"$out/djinn-run.out" 2>"$out/djinn-run.err" </dev/null || fail "djinn run failed"
log "V8: run x2"
node bench/node-wasi-run.mjs --repeat 2 "$wasm" 10 >"$out/v8-run.out" 2>"$out/v8-run.err" </dev/null || fail "node run failed"
cmp -s "$out/djinn-run.out" "$out/v8-run.out" || fail "djinn's output differs from V8's"

# field FILE KEY: the comma-separated list after KEY= on the harness's timing line.
field() { grep -E '^(djinn|node)-bench ' "$1" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# stats LIST: "first median-of-the-rest min" in seconds. The first repetition also JIT-compiles djinn's own
# compiler, and the next ones still run it while .NET tiers it up (Tier0, instrumented, Tier1), so the warm
# figure is the median of the rest, not their mean.
stats() { echo "$1" | awk -F, '{ m = $1; n = 0; for (i = 2; i <= NF; i++) { w[++n] = $i; if ($i < m) m = $i }
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (w[j] < w[i]) { t = w[i]; w[i] = w[j]; w[j] = t }
  med = n == 0 ? $1 : (n % 2 ? w[(n + 1) / 2] : (w[n / 2] + w[n / 2 + 1]) / 2)
  printf "%.3f %.3f %.3f\n", $1 / 1000, med / 1000, m / 1000 }'; }
read -r v_first v_warm v_min < <(stats "$(field "$out/djinn-compile.err" validate_ms)")
read -r c_first c_warm c_min < <(stats "$(field "$out/djinn-compile.err" compile_ms)")
read -r cc_first cc_warm cc_min < <(stats "$(field "$out/djinn-compile.err" compile_cpu_ms)")
read -r dr1 dr2 _ < <(stats "$(field "$out/djinn-run.err" run_ms)")
read -r dc1 dc2 _ < <(stats "$(field "$out/djinn-run.err" cpu_ms)")
read -r vr1 vr2 _ < <(stats "$(field "$out/v8-run.err" run_ms)")
v8_compile=$(field "$out/v8-run.err" compile_ms | awk '{ printf "%.3f", $1 / 1000 }')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
rate() { awk -v b="$bytes" -v t="$1" 'BEGIN { printf "%.1f", b / 1e6 / t }'; }
jitted=$(awk -v a="$dr1" -v b="$dr2" 'BEGIN { printf "%.2f", a - b }')
jitted_cpu=$(awk -v a="$dc1" -v b="$dc2" 'BEGIN { printf "%.2f", a - b }')
# The machine is shared: judge the goal on CPU time (the compile is single-threaded, but the
# GC and the runtime's own JIT run beside it), and show wall-clock too.
met=$(awk -v t="$cc_warm" 'BEGIN { print (t < 1.0 ? "yes" : "no") }')

{
  echo "## Compilation ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); load average $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Module: \`bench/compile/big.rs\`, $(/usr/bin/rustc --version), \`--target wasm32-wasi -C opt-level=0 -C strip=debuginfo\`:"
  echo "$mb MB ($bytes bytes; code section $code_size bytes, $func_count functions)."
  echo
  echo "| step | first in process (s) | warm, median of $((repeat - 1)) (s) | best (s) | MB/s (warm) |"
  echo "|---|---:|---:|---:|---:|"
  echo "| djinn decode + validate | $v_first | $v_warm | $v_min | $(rate "$v_warm") |"
  echo "| djinn decode + validate + IL emit (\`Module.FromBytes\`), wall | $c_first | $c_warm | $c_min | $(rate "$c_warm") |"
  echo "| the same, process CPU time (all threads) | $cc_first | $cc_warm | $cc_min | $(rate "$cc_warm") |"
  echo "| V8 \`WebAssembly.compile\` (Liftoff, lazy) | $v8_compile | | | $(rate "$v8_compile") |"
  echo
  echo "First calls (the program run with argument 10, fresh instance each run):"
  echo
  echo "| engine | run 1 (s) | run 2 (s) | run 1 − run 2: JIT of the functions reached (s) |"
  echo "|---|---:|---:|---:|"
  echo "| djinn | $dr1 (CPU $dc1) | $dr2 (CPU $dc2) | $jitted (CPU $jitted_cpu) |"
  echo "| V8 | $vr1 | $vr2 | $(awk -v a="$vr1" -v b="$vr2" 'BEGIN { printf "%.2f", a - b }') |"
  echo
  echo "Goal: the IL compile of a 5 MB module under 1 s (warm, CPU time): **$met** ($cc_warm s CPU, $c_warm s wall)."
} | tee bench/out/compile-latest.md

if [ -n "$summary" ]; then
  printf 'compile\tIL compile of a %s MB Rust debug module (decode + validate + emit, warm, CPU)\t%s s (%s MB/s; wall %s s)\t< 1 s\t%s\n' \
    "$mb" "$cc_warm" "$(rate "$cc_warm")" "$c_warm" "$met" >>"$summary"
  printf 'compile\tfirst calls: RyuJIT of the functions run 1 reaches (run 1 − run 2, CPU)\t%s s\treported\t–\n' "$jitted_cpu" >>"$summary"
fi
