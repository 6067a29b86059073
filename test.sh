#!/usr/bin/env bash
# The project's one test command (README: ./test.sh; CI: .ci/run execs it).
#
# Installs what the tests need and is missing (PostgreSQL, the npm interop client, playwright-core and
# Debian's Chromium for the browser test, Debian's docker-compose for the compose-file check), then
# restore -> build Release -> dotnet format check -> every test project of Authy.sln.
# The very last line is always the plain `N passed, N failed[, N skipped]` that CI reads;
# the exit code is non-zero when the build or format check failed, a test failed, a test
# module crashed, or no test ran at all.
#
# Environment:
#   AUTHY_TEST_POSTGRES  Npgsql connection string of a server to test against (else Docker, else
#                        a throwaway local cluster; see tests/Authy.IntegrationTests/Infrastructure).
#   AUTHY_TEST_TIMEOUT   Per test module time limit, MTP syntax (default 45m): a hang fails the run
#                        instead of eating CI's 90 minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

stage="setup"
summary_printed=false
apt_updated=false

# shellcheck disable=SC2317 # called by the EXIT trap
on_exit() {
    local rc=$?
    if ! $summary_printed; then
        echo "test.sh: $stage failed (exit code $rc); no tests ran." >&2
        echo "0 passed, 0 failed"
        exit 1
    fi
}
trap on_exit EXIT

step() {
    stage="$1"
    echo
    echo "==> $1 (at ${SECONDS}s)"
}

apt_install() {
    if [[ $EUID -ne 0 ]]; then
        echo "test.sh: '$*' is missing and only root may install it here." >&2
        echo "  Debian/Ubuntu: sudo apt-get install $*" >&2
        echo "  macOS: brew install $*" >&2
        echo "  For PostgreSQL you may instead start Docker or set AUTHY_TEST_POSTGRES." >&2
        exit 1
    fi
    if ! $apt_updated; then
        apt-get update
        apt_updated=true
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

have_initdb() {
    command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

docker_answers() {
    command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1
}

if [[ ${CI:-} == true ]]; then
    # No build servers or MSBuild nodes may outlive the run (they would hold CI's output open).
    export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
fi

step "PostgreSQL check"
if [[ -n ${AUTHY_TEST_POSTGRES:-} ]]; then
    echo "Using AUTHY_TEST_POSTGRES."
elif have_initdb; then
    echo "initdb found; the integration tests start their own throwaway cluster."
elif docker_answers; then
    echo "No initdb, but a Docker engine answers; the integration tests use Testcontainers."
else
    echo "No initdb on PATH or under /usr/lib/postgresql/*/bin: installing PostgreSQL."
    apt_install postgresql
    # Debian's package may create and start a 'main' cluster; the tests make their own, so stop it.
    if command -v pg_lsclusters >/dev/null 2>&1; then
        pg_lsclusters --no-header | while read -r version cluster _ status _; do
            if [[ $status == online* ]]; then pg_ctlcluster "$version" "$cluster" stop || true; fi
        done
    fi
    have_initdb || { echo "test.sh: PostgreSQL was installed but initdb is still missing." >&2; exit 1; }
fi

if [[ -f tests/interop/package-lock.json ]]; then
    step "npm ci (tests/interop)"
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    npm ci --prefix tests/interop --no-audit --no-fund
fi

if [[ -f tests/browser/package-lock.json ]]; then
    step "npm ci (tests/browser)"
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    # playwright-core only: it downloads no browser. The browser is Debian's Chromium, below.
    npm ci --prefix tests/browser --no-audit --no-fund
    if [[ -z ${CHROMIUM_PATH:-} && ! -x /usr/bin/chromium ]]; then
        step "Chromium for tests/browser (Debian's package; never a downloaded browser)"
        apt_install chromium fonts-liberation
    fi
fi

if ! command -v docker-compose >/dev/null 2>&1 && ! { command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; }; then
    step "docker-compose for the compose-file test (Debian's package; no Docker engine needed)"
    # Only `docker-compose config` runs: no daemon, so docker.io (a Recommends) is left out.
    apt_install --no-install-recommends docker-compose
fi

if [[ -f .config/dotnet-tools.json ]]; then
    step "dotnet tool restore"
    dotnet tool restore
fi

step "dotnet restore"
dotnet restore Authy.sln

step "dotnet build"
dotnet build Authy.sln -c Release --no-restore

step "dotnet format check (fix with: dotnet format Authy.sln)"
dotnet format Authy.sln --verify-no-changes --no-restore

step "dotnet test"
log="$(mktemp "${TMPDIR:-/tmp}/authy-test.XXXXXX")"
set +e
dotnet test --solution Authy.sln -c Release --no-build --no-ansi --no-progress \
    --timeout "${AUTHY_TEST_TIMEOUT:-45m}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

# Microsoft.Testing.Platform ends a multi-project `dotnet test` with one summary summed over all
# modules (checked with .NET SDK 10.0.401):
#   Test run summary: Passed! | Failed!
#     <module> (net10.0|x64) passed (1s) | failed with N error(s) | Zero tests ran
#     error: N          <- only when a module failed without a test failure (crash, zero tests)
#     total: N
#     failed: N
#     succeeded: N
#     skipped: N
# Only lines after the last "Test run summary:" are read, so a test's own output cannot fake it.
read -r found total failed succeeded skipped errors zero < <(awk '
    /^Test run summary:/ { found = 1; total = failed = succeeded = skipped = errors = zero = 0; next }
    !found { next }
    /Zero tests ran/ { zero++ }
    $1 == "total:" { total = $2 }
    $1 == "failed:" { failed = $2 }
    $1 == "succeeded:" { succeeded = $2 }
    $1 == "skipped:" { skipped = $2 }
    $1 == "error:" { errors = $2 }
    END { print found + 0, total + 0, failed + 0, succeeded + 0, skipped + 0, errors + 0, zero + 0 }
' "$log")
rm -f "$log"

status=0
extra=0
if [[ $found -eq 0 ]]; then
    echo "test.sh: dotnet test exited with $rc and printed no summary." >&2
    status=1
elif [[ $rc -eq 0 ]]; then
    :
elif [[ $rc -eq 8 && $failed -eq 0 && $errors -le $zero && $total -gt 0 ]]; then
    # Exit code 8 = some module ran zero tests (e.g. a test project that has none yet). The
    # others ran and passed, so it is a warning, not a failure; the "no test at all" case is below.
    echo "test.sh: WARNING: $zero test module(s) ran zero tests (listed above as 'Zero tests ran')." >&2
else
    status=1
    # Errors that are not test failures: crashed or timed-out modules. A crashed module is also
    # listed as "Zero tests ran", so those count as failed unless real test failures explain the
    # non-zero exit code.
    extra=$(( errors > zero ? errors - zero : 0 ))
    if [[ $(( failed + extra )) -eq 0 ]]; then
        extra=$(( errors > 0 ? errors : 1 ))
        echo "test.sh: dotnet test exited with $rc (see https://aka.ms/testingplatform/exitcodes)." >&2
    fi
fi
if [[ $found -ne 0 && $total -eq 0 ]]; then
    echo "test.sh: no test ran." >&2
    status=1
fi

if [[ ${CI:-} == true ]]; then
    dotnet build-server shutdown >/dev/null 2>&1 || true
fi

line="$succeeded passed, $(( failed + extra )) failed"
if [[ $skipped -gt 0 ]]; then line+=", $skipped skipped"; fi
summary_printed=true
echo "$line"
exit "$status"
