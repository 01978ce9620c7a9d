#!/usr/bin/env bash
# bench/http/run.sh: load test of the gateway on loopback with wrk.
#   Starts the Release server on 127.0.0.1 with a fresh data directory (the samples are seeded on first start),
#   runs `wrk -t2 -c32 -d10s --latency` against /fn/hello, then the same against bare Kestrel answering the same
#   bytes (bench/BareKestrel), prints req/s, latency percentiles and errors of both, and stops both servers.
#   Bounded in time; loopback only.
# Usage: bench/http/run.sh [DURATION]   (default 10s)
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-10s}
command -v wrk >/dev/null || scripts/install-prereqs.sh bench-http
port=$((20000 + RANDOM % 20000))
data=$(mktemp -d)
log=$(mktemp)
bare_port=$((port + 1))
bare=
trap 'kill "$server" $bare 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

dotnet build -c Release src/Admin.Web >/dev/null
dotnet build -c Release bench/BareKestrel >/dev/null
ASPNETCORE_URLS="http://127.0.0.1:$port" DJINN_DATA="$data" DJINN_ADMIN_PASSWORD=bench ASPNETCORE_ENVIRONMENT=Production \
  dotnet src/Admin.Web/bin/Release/net9.0/linux-x64/Djinn.Admin.Web.dll >"$log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/fn/hello" >/dev/null || { echo "hello did not answer" >&2; cat "$log" >&2; exit 1; }
# The defaults rate-limit every function to 100 req/s and 16 concurrent runs; lift them for hello so wrk measures the
# gateway, not the limiter.
curl -fsS -u admin:bench -X PUT -H 'Content-Type: application/json' \
  -d '{"timeoutMs":10000,"memoryMb":64,"fuel":0,"maxConcurrency":64,"maxRequestBytes":1048576,"maxResponseBytes":1048576,"rateLimitPerSecond":0,"rateLimitBurst":0}' \
  "http://127.0.0.1:$port/api/functions/hello/limits"

echo "## Gateway load test ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "Machine: $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Command: \`wrk -t2 -c32 -d$duration --latency http://127.0.0.1:PORT/fn/hello\` against the Release server."
echo
echo '```'
wrk -t2 -c32 "-d$duration" --latency "http://127.0.0.1:$port/fn/hello"
echo '```'

ASPNETCORE_URLS="http://127.0.0.1:$bare_port" dotnet bench/BareKestrel/bin/Release/net9.0/linux-x64/BareKestrel.dll >/dev/null 2>&1 &
bare=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$bare_port/fn/hello" >/dev/null 2>&1 && break
  sleep 0.2
done
echo
echo "Baseline: bare Kestrel returning the same bytes (bench/BareKestrel), same command:"
echo
echo '```'
wrk -t2 -c32 "-d$duration" --latency "http://127.0.0.1:$bare_port/fn/hello"
echo '```'
