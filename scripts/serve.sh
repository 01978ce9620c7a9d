#!/usr/bin/env bash
# serve.sh: run the Djinn server (src/Admin.Web) from source.
#   ASPNETCORE_URLS  where to listen      (default http://127.0.0.1:8080)
#   DJINN_DATA       data directory       (default the repository's ./data, created by the server,
#                    readable by its user only, if missing;
#                    a relative path is taken from the caller's directory)
#   ASPNETCORE_ENVIRONMENT                (default Development: running from
#                    bin/ only serves package static assets, e.g. Radzen's, in
#                    Development; use `dotnet publish` output for Production)
# Extra arguments are passed to the server.  It is built in Release: guest code
# calls into the engine's runtime helpers, which a Debug build leaves unoptimized.
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:8080}"
# Absolute, because `dotnet run` starts the server in src/Admin.Web: the default is the repository's ./data, and a
# relative DJINN_DATA is taken from where serve.sh was called.
data=${DJINN_DATA:-$PWD/data}
case $data in /*) ;; *) data=$caller/$data ;; esac
export DJINN_DATA=$(realpath -m "$data")
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

echo "serve.sh: Djinn on $ASPNETCORE_URLS, data in $DJINN_DATA" >&2
exec dotnet run -c Release --project src/Admin.Web -- "$@"
