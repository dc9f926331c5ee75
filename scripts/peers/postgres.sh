#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for the PostgreSQL store's tests.
#
#   scripts/peers/postgres.sh start   # initdb (once) and start; prints the URL on its last line
#   scripts/peers/postgres.sh url     # the URL of the running cluster
#   scripts/peers/postgres.sh stop
#
# The cluster lives in /tmp/loa-postgres-peer-<hash of the checkout's path> (PGPEER_DIR), listens on 127.0.0.1:PGPEER_PORT
# (default: a port from 54330 to 55329 chosen by the checkout's path) and its socket directory only, trusts local connections (it is a test peer:
# loopback only, no password) and runs as the user `postgres` when started as root (PostgreSQL
# refuses to run as root). Tests read the URL from LOA_TEST_POSTGRES_URL; scripts/test exports it.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${PGPEER_BIN:-/usr/lib/postgresql/15/bin}
# Under /tmp, not the checkout: the server runs as `postgres`, which may not enter the clone's folder.
checkout=$(printf %s "$PWD" | md5sum | cut -c1-8)
dir=${PGPEER_DIR:-/tmp/loa-postgres-peer-$checkout}
# A port of the checkout's own (54330-55329), so a developer's cluster and a clean clone's do not collide.
port=${PGPEER_PORT:-$(( 54330 + 0x$checkout % 1000 ))}
url="postgres://loa@127.0.0.1:$port/loa?sslmode=disable"

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
    [ -x "$bin/initdb" ] && return
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15
}

start() {
    install
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        # --no-sync: initdb does not fsync the new cluster (initdb documents it for testing); under
        # load its sync of every file is the suspected cause of a ~25 s stall of the test process.
        as_owner "$bin/initdb" -D "$dir/data" -U loa --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
        # Many nodes' pools and the conformance suite's databases at once; durability is not
        # what these tests measure, but keep fsync on so a restart test means something.
        cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 128MB
EOF
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >/dev/null
    fi
    as_owner "$bin/psql" -h "$dir" -p "$port" -U loa -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'loa'" | grep -q 1 ||
        as_owner "$bin/createdb" -h "$dir" -p "$port" -U loa loa
    echo "$url"
}

stop() {
    [ -f "$dir/data/PG_VERSION" ] || return 0
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) echo "$url" ;;
    *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
