# bench/http/server.sh: helpers shared by bench/http/run.sh and bench/scale/run.sh (sourced, not run).
# Starts the Release `djinn` server on a free loopback port with a fresh data directory, an admin password and an
# admin token, and offers wrk parsing helpers. Every command that is run is echoed first.

# run CMD...: print the command, then run it.
run() {
  echo "+ $*" >&2
  "$@"
}

# start_server: sets SERVER_PID, SERVER_URL, SERVER_DATA, SERVER_LOG, ADMIN_TOKEN.
start_server() {
  SERVER_PORT=$((20000 + RANDOM % 20000))
  SERVER_URL="http://127.0.0.1:$SERVER_PORT"
  SERVER_DATA=$(mktemp -d)
  SERVER_LOG=$(mktemp)
  ADMIN_TOKEN="bench-$RANDOM$RANDOM$RANDOM"
  echo "+ ASPNETCORE_URLS=$SERVER_URL DJINN_DATA=$SERVER_DATA ASPNETCORE_ENVIRONMENT=Production DJINN_ADMIN_TOKEN=... src/Admin.Web/bin/Release/net9.0/linux-x64/Djinn.Admin.Web" >&2
  ASPNETCORE_URLS="$SERVER_URL" DJINN_DATA="$SERVER_DATA" DJINN_ADMIN_PASSWORD=bench DJINN_ADMIN_TOKEN="$ADMIN_TOKEN" \
    ASPNETCORE_ENVIRONMENT=Production src/Admin.Web/bin/Release/net9.0/linux-x64/Djinn.Admin.Web >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    curl -fsS "$SERVER_URL/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "$SERVER_URL/fn/hello" >/dev/null || { echo "hello did not answer" >&2; cat "$SERVER_LOG" >&2; return 1; }
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
  [ -n "${SERVER_DATA:-}" ] && rm -rf "$SERVER_DATA"
  [ -n "${SERVER_LOG:-}" ] && rm -f "$SERVER_LOG"
  return 0
}

# lift_limits NAME: no rate limit and 64 concurrent runs, so wrk measures the gateway, not the limiter.
lift_limits() {
  curl -fsS -X PUT -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"timeoutMs":10000,"memoryMb":64,"fuel":0,"maxConcurrency":64,"maxRequestBytes":1048576,"maxResponseBytes":1048576,"rateLimitPerSecond":0,"rateLimitBurst":0}' \
    "$SERVER_URL/api/functions/$1/limits"
}

# rss_kib PID: resident set size in KiB.
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# wrk_rps FILE, wrk_p ~PERCENT FILE (ms), wrk_errors FILE: read a `wrk --latency` report.
wrk_rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
wrk_p() {
  awk -v p="$1%" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000; printf "%.2f\n", v }' "$2"
}
wrk_errors() {
  awk '/Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { gsub(",", "", $i); n += $i } }
       /Non-2xx or 3xx responses:/ { n += $NF } END { print n + 0 }' "$1"
}

# ratio, meets, median and summary_row come from bench/summary.sh.
. bench/summary.sh

# cpu_ticks PID: user + system CPU time the process has used so far, in clock ticks (getconf CLK_TCK per second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# cpu_us_per_request TICKS REQUESTS: server CPU microseconds per request.
cpu_us_per_request() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "n/a" }'; }

# wrk_requests FILE: the total request count of a wrk report.
wrk_requests() { awk '/requests in/ { print $1 }' "$1"; }

