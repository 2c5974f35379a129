#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster on 127.0.0.1 for the test suite (run as root).
#   scripts/postgres.sh start   # prints the DATABASE_URL to use
#   scripts/postgres.sh stop
# The cluster lives in $PGROOT (default /tmp/registry-pg), owned by the postgres user, and
# listens on $PGPORT (default 54329): set both to run a second cluster beside it.
set -euo pipefail
PGROOT=${PGROOT:-/tmp/registry-pg}
PGPORT=${PGPORT:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
as_postgres() { runuser -u postgres -- "$@"; }

case "${1:-}" in
  start)
    [ -x "$BIN/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql-15)" >&2; exit 1; }
    mkdir -p "$PGROOT"
    chown postgres:postgres "$PGROOT"
    if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
      as_postgres "$BIN/initdb" -D "$PGROOT/data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_postgres "$BIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
      as_postgres "$BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off" start >/dev/null
    fi
    as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'registry'" | grep -q 1 \
      || as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres registry
    echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/registry"
    ;;
  stop)
    if [ -f "$PGROOT/data/postmaster.pid" ]; then
      as_postgres "$BIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
