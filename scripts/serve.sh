#!/usr/bin/env bash
# serve.sh: run the Djinn server (src/Admin.Web) from source.
#   ASPNETCORE_URLS  where to listen      (default http://127.0.0.1:8080)
#   DJINN_DATA       data directory       (default ./data, created if missing)
#   ASPNETCORE_ENVIRONMENT                (default Development: running from
#                    bin/ only serves package static assets, e.g. Radzen's, in
#                    Development; use `dotnet publish` output for Production)
# Extra arguments are passed to the server.  It is built in Release: guest code
# calls into the engine's runtime helpers, which a Debug build leaves unoptimized.
set -euo pipefail
cd "$(dirname "$0")/.."

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:8080}"
export DJINN_DATA="${DJINN_DATA:-./data}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
mkdir -p "$DJINN_DATA"

echo "serve.sh: Djinn on $ASPNETCORE_URLS, data in $DJINN_DATA" >&2
exec dotnet run -c Release --project src/Admin.Web -- "$@"
