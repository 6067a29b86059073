#!/usr/bin/env bash
# The benchmark suite's one command (bench/README.md, docs/benchmarks.md):
#
#   bench/run.sh            full run, about 11.5 minutes on 2 cores (2 of them publishing, 2.5 the delivery phase)
#   bench/run.sh --quick    smoke run, about 3.5 minutes
#
# Starts a throwaway PostgreSQL cluster (default durability: fsync, synchronous_commit and full_page_writes on),
# publishes the server, the floor app and the load generator in Release, and runs the load generator, which starts
# the server and the floor app as real processes and measures them. Other arguments go to the load generator
# (`--concurrency 16`, `--duration 30`, `--only verify,floor`, `--only delivery --provider-delay-ms 50`…; see bench/README.md); BENCH_SERVER_PUBLISH_ARGS adds
# publish arguments for the server (experiments). Results: bench/results/latest.md
# and latest.json; the processes' logs: bench/results/logs/. BENCH_PG_CONF adds postgresql.conf lines (experiments).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

work=$(mktemp -d "${TMPDIR:-/tmp}/authy-bench.XXXXXX")
chmod 755 "$work"
pgdata="$work/pgdata"
pgbin=""
run_pg=()

cleanup() {
    local rc=$?
    if [[ -n $pgbin && -f $pgdata/postmaster.pid ]]; then
        "${run_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [[ -d $work/logs ]]; then
        mkdir -p "$repo/bench/results/logs"
        cp "$work"/logs/*.log "$work"/postgres.log "$repo/bench/results/logs/" 2>/dev/null || true
    fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL's binaries: initdb and pg_ctl on PATH, else the highest Debian version.
find_pgbin() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -n $dir && -x $dir/initdb ]]; then echo "$dir"; fi
}

pgbin=$(find_pgbin)
if [[ -z $pgbin ]]; then
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "==> PostgreSQL is missing: installing Debian's package"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
        pgbin=$(find_pgbin)
    fi
    [[ -n $pgbin ]] || { echo "bench/run.sh: PostgreSQL (initdb, pg_ctl) is not installed." >&2; exit 1; }
fi

mkdir -p "$pgdata"
if [[ $EUID -eq 0 ]]; then
    # PostgreSQL refuses to run as root.
    pguser=postgres
    id -u postgres >/dev/null 2>&1 || pguser=nobody
    chown "$pguser:" "$pgdata"
    if command -v runuser >/dev/null 2>&1; then run_pg=(runuser -u "$pguser" --); else run_pg=(setpriv "--reuid=$pguser" "--regid=$pguser" --init-groups --); fi
fi
chmod 700 "$pgdata"

port=""
for _ in $(seq 1 20); do
    candidate=$(( 20000 + RANDOM % 20000 ))
    if ! (echo >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n $port ]] || { echo "bench/run.sh: no free port found." >&2; exit 1; }

echo "==> PostgreSQL cluster from $pgbin on 127.0.0.1:$port"
LC_ALL=C "${run_pg[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
cat >>"$pgdata/postgresql.conf" <<EOF

# authy bench cluster: a default cluster's durability (fsync, synchronous_commit, full_page_writes on) and memory
# (shared_buffers 128MB), on loopback only, with statement statistics for the profile.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
shared_preload_libraries = 'pg_stat_statements'
logging_collector = off
EOF
# BENCH_PG_CONF: extra postgresql.conf lines for experiments, e.g. "shared_buffers = 1GB" (docs/benchmarks.md).
if [[ -n ${BENCH_PG_CONF:-} ]]; then printf '%s\n' "$BENCH_PG_CONF" >>"$pgdata/postgresql.conf"; fi
touch "$work/postgres.log"
[[ $EUID -ne 0 ]] || chown "$pguser:" "$work/postgres.log"
LC_ALL=C "${run_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w -t 60 start >/dev/null

echo "==> Publishing the server, the floor app and the load generator (Release)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The server is published by docker/publish.sh, exactly as the image is. BENCH_SERVER_PUBLISH_ARGS: extra publish
# arguments for experiments, e.g. "-p:PublishReadyToRun=false" to measure without ReadyToRun.
# shellcheck disable=SC2086 # the extra arguments are meant to split
bash docker/publish.sh "$work/server" -v quiet ${BENCH_SERVER_PUBLISH_ARGS:-}
dotnet publish bench/Authy.Bench.Floor/Authy.Bench.Floor.csproj -c Release -o "$work/floor" --nologo -v quiet
dotnet publish bench/Authy.Bench/Authy.Bench.csproj -c Release -o "$work/bench" --nologo -v quiet

echo "==> Running"
export BENCH_COMMAND="bench/run.sh${*:+ $*}"
dotnet "$work/bench/Authy.Bench.dll" run \
    --server-dll "$work/server/Authy.Api.dll" \
    --floor-dll "$work/floor/Authy.Bench.Floor.dll" \
    --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" \
    --pgdata "$pgdata" \
    --work "$work/logs" \
    --results "$repo/bench/results" \
    "$@"
