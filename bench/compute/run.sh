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
# Process startup (hello.wasm) is measured separately, and so is the steady
# state with startup excluded: each engine compiles the module once in one
# process and runs the command R times in fresh instances, timing each run
# (instantiate + _start): djinn with bench/compute/Harness (`djinn-bench run`),
# V8 with `node bench/node-wasi-run.mjs --repeat R`, in P pairs of processes:
# each pair runs V8 and djinn back to back pinned to the same CPU (taskset;
# pairs alternate between the CPUs and which engine goes first), and the pair
# with the median djinn/V8 ratio is reported. On this shared machine one CPU
# can run a kernel ~1.5x slower than the other for minutes (another tenant on
# its physical core), and a process mostly stays on one CPU: unpaired, a
# kernel's ratio depended on where each engine's process happened to land
# (interp 0.97 or 1.52). Run 1 includes the JIT
# warm-up (RyuJIT compiling the guest's functions; V8's Liftoff/TurboFan
# tier-up); runs 2..R are the steady state. Native has no startup to speak of
# (~1 ms), so its whole-process time is its steady state.
#
# Output: a Markdown report on stdout (also saved to bench/out/compute-latest.md);
# raw timings go to bench/out/compute-<timestamp>/.
#
# Usage: bench/compute/run.sh [--quick] [--runs N] [--repeat R] [--no-djinn]
#                             [--summary FILE] [KERNEL...]
#   --quick     small arguments (a smoke test of the script, seconds not minutes)
#   --runs N    timed runs per command (default 3; startup uses 4x as many)
#   --repeat R  in-process runs per engine for the steady state (default 3, min 2)
#   --procs P   pairs of processes (V8, djinn) for the steady state (default 5)
#   --no-djinn  skip building and running djinn
#   --summary FILE  append the goal rows (target, measure, value, goal, met;
#               tab-separated) to FILE, for bench/run.sh
# Kernels: every examples/c/*.c except hello and simd_dot (SIMD vs scalar
# native: see docs/BENCHMARKS.md).
# Environment: DJINN_BENCH_TIMEOUT (seconds per validation run, default 600);
#   DJINN_BENCH_NO_HYPERFINE=1 forces the date loop.
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=0
runs=3
repeat=3
procs=5
summary=
with_djinn=1
kernels=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --runs) runs=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    --procs) procs=$2; shift ;;
    --summary) summary=$2; shift ;;
    --no-djinn) with_djinn=0 ;;
    -h | --help) sed -n '2,40p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) kernels+=("$1") ;;
  esac
  shift
done
if [ ${#kernels[@]} -eq 0 ]; then
  for src in examples/c/*.c; do
    name=$(basename "$src" .c)
    case "$name" in hello | simd_dot) ;; *) kernels+=("$name") ;; esac
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
HARNESS=bench/compute/Harness/bin/Release/net9.0/linux-x64/djinn-bench
djinn_ok=0
if [ "$with_djinn" -eq 1 ]; then
  log "building djinn (dotnet build -c Release src/Cli)"
  if dotnet build -c Release src/Cli --nologo -v quiet >"$out/djinn-build.log" 2>&1 && [ -x "$DJINN" ] &&
    dotnet build -c Release bench/compute/Harness --nologo -v quiet >>"$out/djinn-build.log" 2>&1 && [ -x "$HARNESS" ]; then
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

# inprocess PAIR CPU ENGINE KERNEL ARGS...: compiles once and runs $repeat
# times in one process, pinned to CPU (when taskset is there); appends "kernel
# engine compile_ms first_wall first_cpu steady_wall steady_cpu pair" (ms;
# steady = mean of runs 2..R) to $inproc_raw, or "kernel engine failed pair".
inprocess() {
  local pair=$1 cpu=$2 engine=$3 kernel=$4 rc=0
  shift 4
  local cmd=()
  [ "$have_taskset" -eq 1 ] && cmd=(taskset -c "$cpu")
  case "$engine" in
    v8) cmd+=(node bench/node-wasi-run.mjs --repeat "$repeat" "examples/wasm/$kernel.wasm" "$@") ;;
    djinn) cmd+=("$HARNESS" run "examples/wasm/$kernel.wasm" --repeat "$repeat" -- "$@") ;;
  esac
  timeout "$timeout_s" "${cmd[@]}" >"$out/$kernel.$engine.inproc.out" 2>"$out/$kernel.$engine.inproc.err" </dev/null || rc=$?
  if [ "$rc" -ne 0 ] || ! cmp -s "$out/$kernel.native.out" "$out/$kernel.$engine.inproc.out"; then
    printf '%s\t%s\tfailed\t%s\n' "$kernel" "$engine" "$pair" >>"$inproc_raw"
    return
  fi
  grep -E '^(node|djinn)-bench ' "$out/$kernel.$engine.inproc.err" | tail -1 | awk -v k="$kernel" -v e="$engine" -v p="$pair" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    nw = split(f["run_ms"], w, ","); split(f["cpu_ms"], c, ",")
    sw = 0; sc = 0; for (i = 2; i <= nw; i++) { sw += w[i]; sc += c[i] }
    printf "%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%s\n", k, e, f["compile_ms"], w[1], c[1], sw / (nw - 1), sc / (nw - 1), p }' >>"$inproc_raw"
}

# median_pairs: one line per kernel and engine in $inproc, from $inproc_raw
# ("failed" if any process of that engine failed). With both engines: the two
# processes of the pair whose djinn/V8 steady CPU ratio is the median of the
# pairs. With one engine: its process with the median steady CPU time.
median_pairs() {
  awk -F'\t' '
    function sortidx(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1, "v"] > a[j, "v"]; j--) {
        t = a[j, "v"]; a[j, "v"] = a[j - 1, "v"]; a[j - 1, "v"] = t; t = a[j, "p"]; a[j, "p"] = a[j - 1, "p"]; a[j - 1, "p"] = t } }
    { if (!($1 in seenk)) { seenk[$1] = 1; ko[++nk] = $1 }
      key = $1 SUBSEP $2; eng[key] = 1
      if ($3 == "failed") { bad[key] = 1; next }
      line[key, $8] = $0; steady[key, $8] = $7; pairs[key, ++np[key]] = $8 }
    END {
      for (i = 1; i <= nk; i++) {
        k = ko[i]; v = k SUBSEP "v8"; d = k SUBSEP "djinn"
        if ((v in eng) && (d in eng) && !(v in bad) && !(d in bad)) {
          n = 0; delete r
          for (j = 1; j <= np[d]; j++) { p = pairs[d, j]; if ((v, p) in steady && steady[v, p] > 0) { n++; r[n, "v"] = steady[d, p] / steady[v, p]; r[n, "p"] = p } }
          if (n > 0) { sortidx(r, n); p = r[int((n + 1) / 2), "p"]; print line[v, p]; print line[d, p]; continue }
        }
        for (e = 1; e <= 2; e++) {
          key = k SUBSEP (e == 1 ? "v8" : "djinn"); if (!(key in eng)) continue
          if (key in bad) { print k "\t" (e == 1 ? "v8" : "djinn") "\tfailed"; continue }
          n = 0; delete r
          for (j = 1; j <= np[key]; j++) { n++; r[n, "v"] = steady[key, pairs[key, j]]; r[n, "p"] = pairs[key, j] }
          sortidx(r, n); print line[key, r[int((n + 1) / 2), "p"]]
        }
      }
    }' "$inproc_raw" >"$inproc"
}

# ---- kernels --------------------------------------------------------------------
[ "$repeat" -ge 2 ] || repeat=2
[ "$procs" -ge 1 ] || procs=1
have_taskset=0
command -v taskset >/dev/null 2>&1 && have_taskset=1
ncpu=$(nproc 2>/dev/null || echo 1)
pin_note="not pinned: no taskset"
[ "$have_taskset" -eq 1 ] && pin_note="taskset, alternating over $ncpu CPUs"
results=$out/results.tsv
inproc=$out/inprocess.tsv
inproc_raw=$out/inprocess-all.tsv
: >"$results"
: >"$inproc"
: >"$inproc_raw"
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
  for ((p = 1; p <= procs; p++)); do
    cpu=$(((p - 1) % ncpu))
    order=(v8 djinn)
    [ $((p % 2)) -eq 0 ] && order=(djinn v8)
    for engine in "${order[@]}"; do
      [ "$engine" = djinn ] && [ "$djinn_ok" -eq 0 ] && continue
      [ "$(awk -F'\t' -v k="$kernel" -v e="$engine" '$1 == k && $2 == e { print ($3 ~ /^[0-9.]+$/) }' "$results")" = 1 ] || continue
      log "$kernel/$engine: in-process, $repeat runs (pair $p of $procs, CPU $cpu)"
      inprocess "$p" "$cpu" "$engine" "$kernel" "${args[@]}"
    done
  done
  if [ "$djinn_ok" -eq 0 ]; then
    if [ "$with_djinn" -eq 1 ]; then
      printf '%s\t%s\t%s\t\t%s\n' "$kernel" djinn "failed (build)" "failed (build)" >>"$results"
    else
      printf '%s\t%s\t%s\t\t%s\n' "$kernel" djinn "not run" "not run" >>"$results"
    fi
  fi
done

median_pairs

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

# steady_table: startup-free steady state (CPU), native from the whole-process CPU time.
# Also writes "name<TAB>value" geomeans to $out/steady-geomeans.tsv.
steady_table() {
  echo "| kernel | native (s) | V8 (s) | djinn (s) | V8/native | djinn/V8 | djinn/native |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' -v gm="$out/steady-geomeans.tsv" '
    function isnum(x) { return x ~ /^[0-9.]+$/ }
    function cell(v) { return isnum(v) ? sprintf("%.3f", v) : (v == "" ? "–" : v) }
    function ratio(a, b) { return (isnum(a) && isnum(b) && b > 0) ? sprintf("%.2f", a / b) : "–" }
    FNR == 1 { file++ }
    file == 1 { if ($2 == "native") { nat[$1] = $5; order[++n] = $1 } ; next }
    file == 2 { st[$1, $2] = ($3 == "failed") ? "failed" : $7 / 1000 }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; a = nat[k]; v = st[k, "v8"]; d = st[k, "djinn"]
        printf "| %s | %s | %s | %s | %s | %s | %s |\n", k, cell(a), cell(v), cell(d), ratio(v, a), ratio(d, v), ratio(d, a)
        if (isnum(v) && isnum(a)) { g1 += log(v / a); n1++ }
        if (isnum(d) && isnum(v)) { g2 += log(d / v); n2++ }
        if (isnum(d) && isnum(a)) { g3 += log(d / a); n3++ }
      }
      printf "| **geometric mean** | | | | %s | %s | %s |\n", \
        (n1 ? sprintf("**%.2f** (%d)", exp(g1 / n1), n1) : "–"), \
        (n2 ? sprintf("**%.2f** (%d)", exp(g2 / n2), n2) : "–"), \
        (n3 ? sprintf("**%.2f** (%d)", exp(g3 / n3), n3) : "–")
      printf "v8/native\t%s\t%d\ndjinn/v8\t%s\t%d\ndjinn/native\t%s\t%d\n", \
        (n1 ? sprintf("%.2f", exp(g1 / n1)) : "–"), n1, (n2 ? sprintf("%.2f", exp(g2 / n2)) : "–"), n2, \
        (n3 ? sprintf("%.2f", exp(g3 / n3)) : "–"), n3 > gm
    }' "$results" "$inproc"
}

# pair_ratios: every pair's djinn/V8 steady CPU ratio per kernel, sorted, so the spread is in the report.
pair_ratios() {
  awk -F'\t' '$3 != "failed" { st[$1, $2, $8] = $7; if (!($1 in seen)) { seen[$1] = 1; ko[++n] = $1 } }
    END {
      printf "Each pair'"'"'s djinn/V8 ratio, sorted (the median is the one above):"
      for (i = 1; i <= n; i++) {
        k = ko[i]; m = 0; delete r
        for (p = 1; p <= 1000; p++) if (((k, "v8", p) in st) && ((k, "djinn", p) in st) && st[k, "v8", p] > 0) r[++m] = st[k, "djinn", p] / st[k, "v8", p]
        if (!m) continue
        for (a = 2; a <= m; a++) for (b = a; b > 1 && r[b - 1] > r[b]; b--) { t = r[b]; r[b] = r[b - 1]; r[b - 1] = t }
        printf "%s %s", (i > 1 ? ";" : ""), k; for (a = 1; a <= m; a++) printf " %.2f", r[a]
      }
      print "." }' "$inproc_raw"
}

# warmup_table: module compile, run 1 and the steady state per engine (ms, wall-clock and CPU).
warmup_table() {
  echo "| kernel | V8 compile | V8 run 1 | V8 steady | V8 run 1 − steady (CPU) | djinn compile (IL emit) | djinn run 1 | djinn steady | djinn run 1 − steady (CPU) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' -v wu="$out/warmup.tsv" '
    function cell(e, i) { return (k SUBSEP e in r) ? r[k, e, i] : "–" }
    { if (!seen[$1]++) order[++n] = $1; r[$1, $2] = 1; for (i = 3; i <= 7; i++) r[$1, $2, i] = $i }
    END {
      for (j = 1; j <= n; j++) {
        k = order[j]
        for (e = 0; e < 2; e++) {
          en = e ? "djinn" : "v8"
          if ((k SUBSEP en) in r && r[k, en, 3] != "failed") {
            c[e] = sprintf("%.0f ms", r[k, en, 3]); f[e] = sprintf("%.0f / %.0f ms", r[k, en, 4], r[k, en, 5])
            s[e] = sprintf("%.0f / %.0f ms", r[k, en, 6], r[k, en, 7]); d[e] = sprintf("%.0f ms", r[k, en, 5] - r[k, en, 7])
            if (e) { print k "\t" (r[k, en, 5] - r[k, en, 7]) "\t" r[k, en, 3] > wu }
          } else { c[e] = f[e] = s[e] = d[e] = "failed" }
        }
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", k, c[0], f[0], s[0], d[0], c[1], f[1], s[1], d[1]
      }
    }' "$inproc"
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
  echo "Targets (issue 8): djinn/V8 ≤ 1.0 and djinn/native ≤ 1.5, geometric means, startup excluded (next table)."
  echo
  echo "### Steady state, startup excluded (CPU seconds per run)"
  echo
  echo "V8 and djinn: mean CPU time (user + system, all threads) of in-process runs 2..$repeat, each in a"
  echo "fresh instance of the module compiled once (process startup, module compilation and the"
  echo "first run's JIT warm-up excluded). $procs pairs of such processes, V8 and djinn back to back"
  echo "on the same CPU ($pin_note); the pair with the median"
  echo "djinn/V8 ratio. Native: the whole-process CPU time above."
  echo
  steady_table
  echo
  pair_ratios
  echo
  echo "### JIT warm-up: first run vs steady state (in-process, wall / CPU)"
  echo
  echo 'Module compile: V8 `WebAssembly.compile` (Liftoff; TurboFan tiers hot functions up in the background),'
  echo 'djinn decode + validate + IL emit. RyuJIT compiles each guest function to optimized machine code on its'
  echo 'first call (methods of Reflection.Emit assemblies are not tiered), so run 1 includes that JIT work;'
  echo "\"steady\" is the mean of runs 2..$repeat."
  echo
  warmup_table
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

# ---- summary rows for bench/run.sh -------------------------------------------------
if [ -n "$summary" ]; then
  gm() { awk -F'\t' -v n="$1" '$1 == n { print $2 "\t" $3 }' "$out/steady-geomeans.tsv"; }
  met() { awk -v v="$1" -v g="$2" 'BEGIN { if (v !~ /^[0-9.]+$/) print "not run"; else print (v + 0 <= g ? "yes" : "no") }'; }
  IFS=$'\t' read -r dv dvn < <(gm djinn/v8)
  IFS=$'\t' read -r dn dnn < <(gm djinn/native)
  note=$([ "$quick" -eq 1 ] && echo ", --quick" || echo "")
  whole=$(awk -F'\t' '$5 ~ /^[0-9.]+$/ { t[$1, $2] = $5 } END {
    for (key in t) { split(key, p, SUBSEP); if (p[2] == "djinn" && (p[1] SUBSEP "v8") in t) { g += log(t[key] / t[p[1], "v8"]); n++ } }
    print (n ? sprintf("%.2f", exp(g / n)) : "–") }' "$results")
  startup_dj=$(awk -F'\t' '$1 == "djinn" && $2 ~ /^[0-9.]+$/ { printf "%.2f s", $2 }' "$startup")
  startup_v8=$(awk -F'\t' '$1 == "v8" && $2 ~ /^[0-9.]+$/ { printf "%.2f s", $2 }' "$startup")
  warm=$(sort -t$'\t' -k2,2n "$out/warmup.tsv" 2>/dev/null | awk -F'\t' '{ v[NR] = $2 } END {
    if (NR) printf "%.0f ms median (%.0f–%.0f ms)", v[int((NR + 1) / 2)], v[1], v[NR]; else print "–" }')
  {
    printf 'compute\tdjinn/V8, steady state, startup excluded (geomean of %s kernels, CPU%s)\t%s\t≤ 1.0\t%s\n' "${dvn:-0}" "$note" "${dv:-–}" "$(met "${dv:-x}" 1.0)"
    printf 'compute\tdjinn/native, steady state, startup excluded (geomean of %s kernels, CPU%s)\t%s\t≤ 1.5\t%s\n' "${dnn:-0}" "$note" "${dn:-–}" "$(met "${dn:-x}" 1.5)"
    printf 'compute\tdjinn/V8, whole process incl. startup and JIT (geomean, CPU%s)\t%s\treported\t–\n' "$note" "$whole"
    printf 'compute\tprocess startup, hello.wasm: djinn / node\t%s / %s\treported\t–\n' "${startup_dj:-–}" "${startup_v8:-–}"
    printf 'compute\tdjinn JIT warm-up (run 1 − steady state, CPU)\t%s\treported\t–\n' "$warm"
  } >>"$summary"
fi
