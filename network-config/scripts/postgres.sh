#!/usr/bin/env bash
# The off-chain database of the local stack: a PostgreSQL cluster (Debian package) on 127.0.0.1,
# created on the first start with the database `flexledger` owned by the user `flexledger`.
#
#   postgres.sh start          create the cluster once, start it unless it runs, wait until it answers
#   postgres.sh stop           stop it (pg_ctl stop -m fast)
#   postgres.sh status         "postgres PID port healthy|unhealthy"; exit 0 only when healthy
#   postgres.sh psql [ARGS]    psql as flexledger on the flexledger database
#
# Environment:
#   FLEX_HOME     runtime folder (default: <checkout>/.flex); PID file in $FLEX_HOME/pids
#   PG_PORT       port (default 5433 + FLEX_PORT_OFFSET, see ports.sh)
#   PG_DATA       cluster folder (default: $FLEX_HOME/postgres; as root the server runs as user
#                 postgres, which then owns that folder and must be able to reach it)
#   PG_BIN        folder of initdb/pg_ctl/psql (default: the newest /usr/lib/postgresql/*/bin)
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
LOGFILE="$DATA/server.log"

log() { echo "postgres: $*" >&2; }
die() { echo "postgres: $*" >&2; exit 1; }

# shellcheck source=processes.sh
source "$NC_DIR/scripts/processes.sh"

bin_dir() {
  if [ -n "${PG_BIN:-}" ]; then
    echo "$PG_BIN"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || die "no /usr/lib/postgresql/*/bin (apt-get install postgresql)"
  echo "$dir"
}
BIN=$(bin_dir)

# initdb and postgres refuse to run as root: as root they run as the postgres user.
as_owner() {
  if $AS_ROOT; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ready() { as_owner "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d postgres -U postgres 2>/dev/null; }

server_pid() { [ -f "$DATA/postmaster.pid" ] && head -n 1 "$DATA/postmaster.pid"; }

running() {
  local pid
  pid=$(server_pid 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
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

cmd_start() {
  if running; then
    log "already running (PID $(server_pid), port $PORT)"
  else
    [ -f "$DATA/PG_VERSION" ] || init_cluster
    mkdir -p "$RUN/pids"
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t "${PG_WAIT:-60}" start >/dev/null ||
      die "could not start (see $LOGFILE)"
    log "started (PID $(server_pid), port $PORT, data $DATA, log $LOGFILE)"
    started postgres
  fi
  local deadline=$((SECONDS + ${PG_WAIT:-60}))
  until ready; do
    ((SECONDS < deadline)) || die "not ready after ${PG_WAIT:-60}s (see $LOGFILE)"
    sleep 0.2
  done
  [ -f "$DATA/flexledger-initialised" ] || create_database
  # The PID file that processes.sh reads, so that status and stop find the server by PID.
  mkdir -p "$RUN/pids"
  server_pid >"$RUN/pids/postgres.pid"
}

cmd_stop() {
  if running; then
    local pid
    pid=$(server_pid)
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null || stop_process postgres 10
    log "stopped (PID $pid)"
  fi
  rm -f "$RUN/pids/postgres.pid"
}

cmd_status() {
  local pid state=unhealthy rc=1
  pid=$(running && server_pid || echo "-")
  if [ "$pid" != "-" ] && ready; then state=healthy; rc=0; fi
  printf '%-20s %-8s %-6s %s\n' postgres "$pid" "$PORT" "$state"
  return $rc
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  psql)
    shift
    PGPASSWORD=$DB_PASSWORD exec "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB" "$@" ;;
  *) echo "usage: postgres.sh start | stop | status | psql [ARGS]" >&2; exit 2 ;;
esac
