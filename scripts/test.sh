#!/usr/bin/env bash
# test.sh: THE test command for Djinn (README and CI use it).
#   1. installs missing prerequisites with apt (compilers for the examples, chromium);
#   2. rebuilds the guest examples and checks them under Node against native builds;
#   3. runs every test project in Djinn.slnx with `dotnet test`, writing TRX files;
#   4. prints as its LAST line exactly "N passed, M failed" (", K skipped" if any).
# Exits non-zero if anything failed or if no test ran at all.
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter FullyQualifiedName~Wasi
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

results=artifacts/test-results
examples_log=artifacts/examples-check.log
rm -rf "$results"
mkdir -p "$results"

step() { printf '\n==> %s\n' "$*" >&2; }

# Skip the prerequisites and examples steps with DJINN_TEST_SKIP_EXAMPLES=1
# (for a quick local rerun); CI never sets it.
ex_passed=0
ex_failed=0
if [ "${DJINN_TEST_SKIP_EXAMPLES:-0}" != 1 ]; then
  step "prerequisites"
  if ! scripts/install-prereqs.sh examples browser; then
    echo "test.sh: could not install prerequisites" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi

  step "examples: build and check (scripts/build-examples.sh --check)"
  scripts/build-examples.sh --check 2>&1 | tee "$examples_log" >&2
  summary=$(grep -E '^examples: [0-9]+ passed, [0-9]+ failed$' "$examples_log" | tail -1 || true)
  if [ -n "$summary" ]; then
    ex_passed=$(sed -E 's/^examples: ([0-9]+) passed.*/\1/' <<<"$summary")
    ex_failed=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$summary")
  else
    echo "test.sh: building the examples failed" >&2
    ex_failed=1
  fi
fi

step "dotnet test Djinn.slnx"
dotnet_rc=0
dotnet test Djinn.slnx --nologo \
  --results-directory "$results" \
  --logger "trx;LogFilePrefix=djinn" \
  --logger "console;verbosity=normal" \
  --blame-hang-timeout 20m --blame-hang-dump-type none \
  "$@" >&2 || dotnet_rc=$?

# Sum the <Counters .../> of every TRX file (one per test assembly).
attr() { grep -o " $1=\"[0-9]*\"" "$2" | head -1 | grep -o '[0-9]\+' || echo 0; }
dn_passed=0 dn_failed=0 dn_skipped=0 dn_total=0 trx_count=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  if [ -z "$counters" ]; then
    echo "test.sh: $trx has no Counters element" >&2
    dn_failed=$((dn_failed + 1))
    continue
  fi
  printf '%s\n' "$counters" >"$results/.counters"
  c=$results/.counters
  dn_total=$((dn_total + $(attr total "$c")))
  dn_passed=$((dn_passed + $(attr passed "$c")))
  dn_failed=$((dn_failed + $(attr failed "$c") + $(attr error "$c") + $(attr timeout "$c") + $(attr aborted "$c")))
  # xunit skips are in total but not in executed (notExecuted stays 0).
  skipped=$(($(attr total "$c") - $(attr executed "$c")))
  [ "$skipped" -lt 0 ] && skipped=0
  dn_skipped=$((dn_skipped + skipped + $(attr inconclusive "$c")))
done
rm -f "$results/.counters"

if [ "$dn_failed" -gt 0 ]; then
  echo >&2
  echo "Failed tests:" >&2
  python3 scripts/failed-tests.py "$results" >&2 || true
fi
echo >&2
echo "dotnet test: $dn_passed passed, $dn_failed failed, $dn_skipped skipped ($trx_count test assemblies, exit code $dotnet_rc)" >&2
echo "examples:    $ex_passed passed, $ex_failed failed" >&2

# dotnet test failed (build error, crashed or hung test host) but the TRX files do
# not show a failure: count the run itself as one failure so it cannot go unnoticed.
if [ "$dotnet_rc" -ne 0 ] && [ "$dn_failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with $dotnet_rc (build error or aborted test run)" >&2
  dn_failed=1
fi
if [ "$dn_total" -eq 0 ] && [ "$dn_failed" -eq 0 ]; then
  # Nothing ran in the test projects: a broken discovery must not look green.
  echo "test.sh: dotnet test ran no tests; counting that as a failure" >&2
  dn_failed=1
fi

passed=$((dn_passed + ex_passed))
failed=$((dn_failed + ex_failed))
skipped=$dn_skipped
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"

[ "$failed" -eq 0 ]
