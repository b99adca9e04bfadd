#!/usr/bin/env bash
# The off-chain database of the local stack: a PostgreSQL cluster (Debian package) on 127.0.0.1,
# created on the first start with the database `flexledger` owned by the user `flexledger`.
#
#   postgres.sh start          create the cluster once, start it (`postgres -D` in the foreground,
#                              under the stack's supervisord, stack.sh) unless it runs, wait until it
#                              answers, create the database once
#   postgres.sh stop           stop it (fast shutdown); it stays stopped until started
#   postgres.sh status         its line of `network.sh status`; exit 0 only when healthy
#   postgres.sh prepare        create the cluster when there is none (run by stack.sh)
#   postgres.sh ready          create the database when not yet done (run by stack.sh)
#   postgres.sh psql [ARGS]    psql as flexledger on the flexledger database
#
# Environment:
#   FLEX_HOME     runtime folder (default: <checkout>/.flex); log in $FLEX_HOME/logs/postgres.log
#   PG_PORT       port (default 5433 + FLEX_PORT_OFFSET, see ports.sh)
#   PG_DATA       cluster folder (default: $FLEX_HOME/postgres; as root the server runs as user
#                 postgres, which then owns that folder and must be able to reach it)
#   PG_BIN        folder of initdb/postgres/psql (default: the newest /usr/lib/postgresql/*/bin)
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
RUN=${FLEX_HOME:-$ROOT/.flex}
# shellcheck source=ports.sh
source "$NC_DIR/scripts/ports.sh"
PORT=$PG_PORT
DB=flexledger
DB_USER=flexledger
DB_PASSWORD=flexledger-demo
AS_ROOT=false
[ "$(id -u)" = 0 ] && AS_ROOT=true
DATA=${PG_DATA:-$RUN/postgres}

log() { echo "postgres: $*" >&2; }
die() { echo "postgres: $*" >&2; exit 1; }

# shellcheck source=stack.sh
source "$NC_DIR/scripts/stack.sh"

BIN=$(pg_bin)

# initdb and postgres refuse to run as root: as root they run as the postgres user.
as_owner() {
  if $AS_ROOT; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

init_cluster() {
  mkdir -p "$DATA"
  chmod 700 "$DATA"
  if $AS_ROOT; then
    chown postgres:postgres "$DATA"
    runuser -u postgres -- test -w "$DATA" ||
      die "user postgres cannot reach $DATA (a parent folder is not open to it): chmod o+x its parents, or set PG_DATA"
  fi
  log "creating the cluster in $DATA"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Loopback only; password authentication over TCP, the owner's socket in the cluster folder trusted.
  cat >>"$DATA/postgresql.conf" <<EOF

# Written by network-config/scripts/postgres.sh
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
max_connections = 50
EOF
  cat >"$DATA/pg_hba.conf" <<EOF
local   all   all                 trust
host    all   all   127.0.0.1/32  scram-sha-256
EOF
  $AS_ROOT && chown postgres:postgres "$DATA/postgresql.conf" "$DATA/pg_hba.conf"
  return 0
}

create_database() {
  as_owner "$BIN/psql" -q -h "$DATA" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<EOF >/dev/null
CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
CREATE DATABASE $DB OWNER $DB_USER;
EOF
  touch "$DATA/flexledger-initialised"
  log "created database $DB (user $DB_USER)"
}

cmd_prepare() {
  [ -f "$DATA/PG_VERSION" ] || init_cluster
  if ! live_state "$(state_of postgres)" && tcp_open "127.0.0.1:$PORT"; then
    die "port $PORT is taken by another process"
  fi
}

case "${1:-}" in
  prepare) cmd_prepare ;;
  ready) [ -f "$DATA/flexledger-initialised" ] || create_database ;;
  start) start_all postgres ;;
  stop) stop_all postgres ;;
  status) status_all postgres ;;
  psql)
    shift
    PGPASSWORD=$DB_PASSWORD exec "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB" "$@" ;;
  *) echo "usage: postgres.sh start | stop | status | prepare | ready | psql [ARGS]" >&2; exit 2 ;;
esac
