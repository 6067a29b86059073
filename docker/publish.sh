#!/usr/bin/env bash
# The one publish command of the server. docker/Dockerfile runs it to build the image, and
# tests/Authy.IntegrationTests/Docker/PublishScriptTests runs it too and starts what it wrote, so the
# image is built exactly the way the tests check.
#
# ReadyToRun: the assemblies are compiled ahead of time for this machine's architecture (still framework-dependent),
# so the server starts without JIT-compiling its startup path: docs/benchmarks.md measured about half the
# start-to-ready time. Any further arguments go to dotnet publish.
#
# Usage: docker/publish.sh <output directory> [dotnet publish arguments...]
set -euo pipefail
out="${1:?usage: docker/publish.sh <output directory> [dotnet publish arguments...]}"
shift
cd "$(dirname "${BASH_SOURCE[0]}")/.."
case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64 | arm64) rid=linux-arm64 ;;
    *) echo "docker/publish.sh: no ReadyToRun target for $(uname -m)" >&2; exit 1 ;;
esac
exec dotnet publish src/Authy.Api/Authy.Api.csproj -c Release -o "$out" --nologo \
    -r "$rid" --self-contained false -p:PublishReadyToRun=true "$@"
