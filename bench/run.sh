#!/usr/bin/env bash
# bench/run.sh: the one benchmark command (issue 8). Runs all five targets and prints one
# Markdown table: target | measure | value | goal | met.
#
#   compute      bench/compute/run.sh      C kernels: djinn vs V8 (node:wasi) vs native
#   instantiate  bench/instantiate/run.sh  per-invocation cost in process
#   compile      bench/compile/run.sh      IL compile of a 5 MB module, first-call JIT
#   http         bench/http/run.sh         gateway load test vs bare Kestrel
#   scale        bench/scale/run.sh        scale and memory
#
# Each script is called with `--summary FILE` (plus `--quick` when given) and appends
# tab-separated rows "target<TAB>measure<TAB>value<TAB>goal<TAB>met" to FILE; a script that
# is missing or fails without writing a row gets a "not run" row. Each script's own report
# goes to bench/out/<target>.log. The table is printed and saved to bench/out/summary-latest.md.
#
# Usage: bench/run.sh [--quick] [TARGET...]   (default: all five)
#   --quick  small arguments and few repetitions: a smoke test, not figures
set -uo pipefail
cd "$(dirname "$0")/.."

quick=()
targets=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--quick) ;;
    -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "bench/run.sh: unknown option $arg" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(compute instantiate compile http scale)

mkdir -p bench/out
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

for target in "${targets[@]}"; do
  script=bench/$target/run.sh
  before=$(wc -l <"$summary")
  if [ ! -x "$script" ]; then
    echo "bench: $target: $script not found" >&2
    printf '%s\t–\t–\t–\tnot run (no %s)\n' "$target" "$script" >>"$summary"
    continue
  fi
  if ! grep -q -- '--summary' "$script"; then
    echo "bench: $target: $script does not take --summary yet" >&2
    printf '%s\t–\t–\t–\tnot run (%s has no --summary yet)\n' "$target" "$script" >>"$summary"
    continue
  fi
  echo "bench: $target: $script ${quick[*]} --summary ... (log: bench/out/$target.log)" >&2
  rc=0
  "$script" "${quick[@]}" --summary "$summary" >"bench/out/$target.log" 2>&1 || rc=$?
  if [ "$(wc -l <"$summary")" -eq "$before" ]; then
    printf '%s\t–\t–\t–\tnot run (exit %s; see bench/out/%s.log)\n' "$target" "$rc" "$target" >>"$summary"
  fi
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
{
  echo "## Benchmark summary ($started)"
  echo
  echo "Command: \`bench/run.sh${quick:+ --quick}${targets:+ }${targets[*]}\`."
  echo "Machine: $(nproc) cores, $cpu, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(uname -sr);"
  echo "load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| target | measure | value | goal | met |"
  echo "|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$summary"
  echo
  echo "Details: each target's report in \`bench/out/<target>.log\`."
} | tee bench/out/summary-latest.md
