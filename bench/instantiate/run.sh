#!/usr/bin/env bash
# bench/instantiate/run.sh: per-invocation cost in-process (issue 8, target 2), with BenchmarkDotNet.
#   Runs bench/Djinn.Bench (InvocationBenchmarks: a fresh store + instance of an already-compiled module per call,
#   JSON contract in and out, WASI stdio in memory) with enough warm-up for tiered JIT to settle, prints the
#   BenchmarkDotNet table (mean, p50, p95, allocated per call) and appends the target rows. Bounded: about 2-3 min.
# Usage: bench/instantiate/run.sh [--summary FILE] [--filter PATTERN] [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/summary.sh
summary= filter='*' warmups=10 iterations=15
while [ $# -gt 0 ]; do
  case $1 in
    --summary) summary=$2; shift 2 ;;
    --filter) filter=$2; shift 2 ;;
    --quick) warmups=3 iterations=5; shift ;; # a smoke test (bench/run.sh --quick), not figures
    *) echo "usage: $0 [--summary FILE] [--filter PATTERN] [--quick]" >&2; exit 2 ;;
  esac
done
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
cmd=(dotnet run -c Release --project bench/Djinn.Bench -- --filter "$filter" --launchCount 1 --warmupCount "$warmups" --iterationCount "$iterations"
     --artifacts "$artifacts")
echo "+ ${cmd[*]}" >&2
echo "Machine: $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
timeout 900 "${cmd[@]}" | sed -n '/^| *Method/,/^$/p'
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."

csv=$(ls "$artifacts"/results/*InvocationBenchmarks-report.csv)
# value COLUMN METHOD: a column of the CSV report (BenchmarkDotNet writes units such as "9.61 us" and "2.1 KB").
value() {
  python3 - "$csv" "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for row in rows:
    if row['Method'] == sys.argv[3]:
        text = row[sys.argv[2]].replace(',', '').strip()
        number, unit = (text.split() + [''])[:2]
        scale = {'ns': 0.001, 'us': 1, 'μs': 1, 'ms': 1000, 's': 1e6, 'B': 1 / 1024, 'KB': 1, 'MB': 1024}.get(unit, 1)
        print(f'{float(number) * scale:.2f}')
        break
else:
    print('nan')
PY
}
p50=$(value P50 InvokeMinimalContractFunction)
alloc=$(value Allocated InvokeMinimalContractFunction)
echo
echo "Summary (target | measure | value | goal | met):"
summary_row "$summary" "2 Instantiation" "minimal contract function p50 (µs, BenchmarkDotNet)" "$p50" "<= 20" "$(meets "$p50" '<=' 20)"
summary_row "$summary" "2 Instantiation" "allocated per invocation (KB)" "$alloc" "reported" "$([ "$alloc" != nan ] && echo yes || echo no)"
