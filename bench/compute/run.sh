#!/usr/bin/env bash
# bench/compute/run.sh: compute benchmarks, native vs V8 (Node) vs djinn.
#
# For each C example (examples/c/*.c except hello) it times:
#   native  examples/native/NAME ARGS                       (cc -O2)
#   V8      node bench/node-wasi-run.mjs examples/wasm/NAME.wasm ARGS
#   djinn   src/Cli/bin/Release/net9.0/linux-x64/djinn run examples/wasm/NAME.wasm ARGS
# with hyperfine (installed with apt if missing) or, failing that, a loop
# around `date +%s.%N`.  Before timing, each engine's stdout is compared with
# the native output; an engine that fails, times out or prints something else
# is reported as "failed" for that kernel (the engine is still being built).
# Process startup (hello.wasm) is measured separately.
#
# Output: a Markdown report on stdout (also saved to bench/out/compute-latest.md);
# raw timings go to bench/out/compute-<timestamp>/.
#
# Usage: bench/compute/run.sh [--quick] [--runs N] [--no-djinn] [KERNEL...]
#   --quick     small arguments (a smoke test of the script, seconds not minutes)
#   --runs N    timed runs per command (default 5; startup uses 4x as many)
#   --no-djinn  skip building and running djinn
# Environment: DJINN_BENCH_TIMEOUT (seconds per validation run, default 600);
#   DJINN_BENCH_NO_HYPERFINE=1 forces the date loop.
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=0
runs=5
with_djinn=1
kernels=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --runs) runs=$2; shift ;;
    --no-djinn) with_djinn=0 ;;
    -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) kernels+=("$1") ;;
  esac
  shift
done
if [ ${#kernels[@]} -eq 0 ]; then
  for src in examples/c/*.c; do
    name=$(basename "$src" .c)
    [ "$name" = hello ] || kernels+=("$name")
  done
fi

# Small arguments for --quick; the full run uses each program's defaults
# (about 0.5-2 s natively on the reference machine).
quick_args() {
  case "$1" in
    nbody) echo 100000 ;;
    sieve) echo 10 ;;
    fib) echo 27 3 ;;
    matmul) echo 3 ;;
    sha256) echo 40 ;;
    bintrees) echo 12 ;;
    interp) echo 300000 ;;
    strfmt) echo 2000 ;;
    minilang) echo 3 ;;
    *) echo "" ;;
  esac
}

timeout_s=${DJINN_BENCH_TIMEOUT:-600}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=bench/out/compute-$stamp
mkdir -p "$out"
log() { echo "bench: $*" >&2; }

# ---- prerequisites and builds -------------------------------------------------
scripts/install-prereqs.sh examples >&2
if ! command -v hyperfine >/dev/null 2>&1; then
  scripts/install-prereqs.sh bench >&2 || log "hyperfine unavailable; using the date loop"
fi
have_hyperfine=0
command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1
[ "${DJINN_BENCH_NO_HYPERFINE:-0}" = 1 ] && have_hyperfine=0
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

log "building examples"
scripts/build-examples.sh >&2

DJINN=src/Cli/bin/Release/net9.0/linux-x64/djinn
djinn_ok=0
if [ "$with_djinn" -eq 1 ]; then
  log "building djinn (dotnet build -c Release src/Cli)"
  if dotnet build -c Release src/Cli --nologo -v quiet >"$out/djinn-build.log" 2>&1 && [ -x "$DJINN" ]; then
    djinn_ok=1
  else
    log "djinn build failed; see $out/djinn-build.log"
  fi
fi

# engine_cmd ENGINE KERNEL: prints the command (words separated by spaces).
engine_cmd() {
  case "$1" in
    native) echo "examples/native/$2" ;;
    v8) echo "node bench/node-wasi-run.mjs examples/wasm/$2.wasm" ;;
    djinn) echo "$DJINN run examples/wasm/$2.wasm" ;;
  esac
}

# time_cmd LABEL RUNS CMD...: prints "mean stddev cpu": wall-clock mean and
# standard deviation, and mean CPU time (user + system), in seconds.
time_cmd() {
  local label=$1 n=$2
  shift 2
  if [ "$have_hyperfine" -eq 1 ]; then
    hyperfine --runs "$n" --warmup 1 --shell=none --style none \
      --export-json "$out/$label.json" "$*" </dev/null >&2
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results[0];
      console.log(r.mean.toFixed(6), (r.stddev ?? 0).toFixed(6), (r.user + r.system).toFixed(6));' "$out/$label.json"
  else
    local i s e cpu TIMEFORMAT='%3U %3S'
    "$@" >/dev/null 2>&1 </dev/null || true # warmup
    : >"$out/$label.times"
    for ((i = 0; i < n; i++)); do
      s=$(date +%s.%N)
      # bash's `time` keyword reports the child's user and system CPU seconds
      cpu=$({ time "$@" >/dev/null 2>&1 </dev/null; } 2>&1)
      e=$(date +%s.%N)
      awk -v s="$s" -v e="$e" -v c="$cpu" 'BEGIN { split(c, u, " "); printf "%.6f %.6f\n", e - s, u[1] + u[2] }' \
        >>"$out/$label.times"
    done
    awk '{ x[NR] = $1; sum += $1; cpu += $2 } END {
      m = sum / NR; for (i = 1; i <= NR; i++) v += (x[i] - m) ^ 2
      printf "%.6f %.6f %.6f\n", m, (NR > 1 ? sqrt(v / (NR - 1)) : 0), cpu / NR }' "$out/$label.times"
  fi
}

# validate ENGINE KERNEL ARGS...: runs once, compares stdout with native.
# Prints "ok" or a short failure reason.
validate() {
  local engine=$1 kernel=$2
  shift 2
  local rc=0
  # shellcheck disable=SC2046
  timeout "$timeout_s" $(engine_cmd "$engine" "$kernel") "$@" \
    >"$out/$kernel.$engine.out" 2>"$out/$kernel.$engine.err" </dev/null || rc=$?
  if [ "$rc" -eq 124 ]; then
    echo "failed (timeout ${timeout_s}s)"
  elif [ "$rc" -ne 0 ]; then
    echo "failed (exit $rc)"
  elif [ "$engine" != native ] && ! cmp -s "$out/$kernel.native.out" "$out/$kernel.$engine.out"; then
    echo "failed (wrong output)"
  else
    echo ok
  fi
}

# ---- kernels --------------------------------------------------------------------
results=$out/results.tsv
: >"$results"
engines=(native v8)
[ "$djinn_ok" -eq 1 ] && engines+=(djinn)

for kernel in "${kernels[@]}"; do
  if [ ! -f "examples/c/$kernel.c" ]; then
    log "no such kernel: $kernel"
    exit 2
  fi
  args=()
  if [ "$quick" -eq 1 ]; then
    read -r -a args <<<"$(quick_args "$kernel")"
  fi
  for engine in "${engines[@]}"; do
    status=$(validate "$engine" "$kernel" "${args[@]}")
    if [ "$status" = ok ]; then
      log "$kernel/$engine: timing ($runs runs)"
      # shellcheck disable=SC2046
      read -r mean sd cpu < <(time_cmd "$kernel.$engine" "$runs" $(engine_cmd "$engine" "$kernel") "${args[@]}")
      printf '%s\t%s\t%s\t%s\t%s\n' "$kernel" "$engine" "$mean" "$sd" "$cpu" >>"$results"
    else
      log "$kernel/$engine: $status"
      printf '%s\t%s\t%s\t\t%s\n' "$kernel" "$engine" "$status" "$status" >>"$results"
    fi
  done
  if [ "$djinn_ok" -eq 0 ]; then
    if [ "$with_djinn" -eq 1 ]; then
      printf '%s\t%s\t%s\t\t%s\n' "$kernel" djinn "failed (build)" "failed (build)" >>"$results"
    else
      printf '%s\t%s\t%s\t\t%s\n' "$kernel" djinn "not run" "not run" >>"$results"
    fi
  fi
done

# ---- startup ---------------------------------------------------------------------
startup=$out/startup.tsv
: >"$startup"
startup_runs=$((runs * 4))
for engine in native v8 djinn; do
  case "$engine" in
    native) cmd=(examples/native/hello) ;;
    v8) cmd=(node bench/node-wasi-run.mjs examples/wasm/hello.wasm) ;;
    djinn) cmd=("$DJINN" run examples/wasm/hello.wasm) ;;
  esac
  if [ "$engine" = djinn ] && [ "$djinn_ok" -eq 0 ]; then
    printf '%s\t%s\t%s\n' "$engine" "$([ "$with_djinn" -eq 1 ] && echo 'failed (build)' || echo 'not run')" "" >>"$startup"
    continue
  fi
  if timeout 60 "${cmd[@]}" </dev/null >"$out/hello.$engine.out" 2>&1 && grep -q 'Hello from a Djinn guest' "$out/hello.$engine.out"; then
    log "startup/$engine: timing ($startup_runs runs)"
    read -r mean sd _ < <(time_cmd "startup.$engine" "$startup_runs" "${cmd[@]}")
    printf '%s\t%s\t%s\n' "$engine" "$mean" "$sd" >>"$startup"
  else
    printf '%s\t%s\t%s\n' "$engine" "failed" "" >>"$startup"
  fi
done

# table COLUMN FILE: Markdown table of the results, using COLUMN (3 = wall mean,
# 5 = CPU mean) for the times and ratios.
table() {
  echo "| kernel | native (s) | V8 (s) | djinn (s) | V8/native | djinn/V8 | djinn/native |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' -v col="$1" '
    function isnum(x) { return x ~ /^[0-9.]+$/ }
    function cell(k, e) {
      v = t[k, e]; if (!isnum(v)) return v
      return (col == 3 && sd[k, e] != "") ? sprintf("%.3f ± %.3f", v, sd[k, e]) : sprintf("%.3f", v)
    }
    function ratio(a, b) { return (isnum(a) && isnum(b) && b > 0) ? sprintf("%.2f", a / b) : "–" }
    { if (!seen[$1]++) order[++n] = $1; t[$1, $2] = $col; sd[$1, $2] = $4 }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; nat = t[k, "native"]; v8 = t[k, "v8"]; dj = t[k, "djinn"]
        printf "| %s | %s | %s | %s | %s | %s | %s |\n", k, cell(k, "native"), cell(k, "v8"), cell(k, "djinn"), \
          ratio(v8, nat), ratio(dj, v8), ratio(dj, nat)
        if (isnum(v8) && isnum(nat)) { g1 += log(v8 / nat); n1++ }
        if (isnum(dj) && isnum(v8)) { g2 += log(dj / v8); n2++ }
        if (isnum(dj) && isnum(nat)) { g3 += log(dj / nat); n3++ }
      }
      printf "| **geometric mean** | | | | %s | %s | %s |\n", \
        (n1 ? sprintf("**%.2f** (%d)", exp(g1 / n1), n1) : "–"), \
        (n2 ? sprintf("**%.2f** (%d)", exp(g2 / n2), n2) : "–"), \
        (n3 ? sprintf("**%.2f** (%d)", exp(g3 / n3), n3) : "–")
    }' "$2"
}

# ---- report ----------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
{
  echo "## Compute benchmarks ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "Machine: $(nproc) cores, $cpu; $(uname -sr); load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Tools: $(cc --version | head -1); $(clang --version | head -1); node $(node --version);" \
    "timing: $([ "$have_hyperfine" -eq 1 ] && hyperfine --version || echo 'date loop'), $runs runs + 1 warm-up per command."
  echo "Arguments: $([ "$quick" -eq 1 ] && echo 'quick (--quick; smoke test only)' || echo 'program defaults')."
  echo "Each figure is per process: startup, module compilation and JIT warm-up included."
  echo
  echo "### Wall-clock time (mean seconds per process)"
  echo
  table 3 "$results"
  echo
  echo "### CPU time (mean user + system seconds per process, all threads)"
  echo
  echo "Less sensitive to other load on the machine than wall-clock time; includes"
  echo "background compiler threads (V8's tiers, .NET's tiered JIT)."
  echo
  table 5 "$results"
  echo
  echo "Geometric means are over the kernels where both engines succeeded (count in brackets)."
  echo "Target: djinn/V8 ≤ 2.0 on compute."
  echo
  echo "### Process startup (hello.wasm, stdin empty)"
  echo
  echo "| engine | mean (s) |"
  echo "|---|---:|"
  awk -F'\t' '{ name = ($1 == "v8" ? "V8 (node)" : $1)
    if ($2 ~ /^[0-9.]+$/) printf "| %s | %.4f ± %.4f |\n", name, $2, $3; else printf "| %s | %s |\n", name, $2 }' "$startup"
  echo
  echo "Raw data: \`$out/\`."
} | tee bench/out/compute-latest.md
