#!/usr/bin/env bash
# The one publish command of the server. docker/Dockerfile runs it to build the image, and
# tests/Authy.IntegrationTests/Docker/PublishScriptTests runs it too and starts what it wrote, so the
# image is built exactly the way the tests check.
#
# Usage: docker/publish.sh <output directory>
set -euo pipefail
out="${1:?usage: docker/publish.sh <output directory>}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec dotnet publish src/Authy.Api/Authy.Api.csproj -c Release -o "$out" --nologo
