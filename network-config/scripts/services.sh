#!/usr/bin/env bash
# The off-ledger services of the local stack, beside the Fabric network of network.sh: the MQTT
# broker, PostgreSQL, the EVM node, the device bridge, the audit service (module settlement) and
# the web UI. Each runs as a local process
# with its PID in $FLEX_HOME/pids; Quarkus services run from a copy of their last build in
# $FLEX_HOME/services and are restarted when a new build appears.
#
#   services.sh up       start what is not running (broker, database and EVM node first)
#   services.sh infra    start only the broker, the database and the EVM node
#   services.sh down     stop them all, by PID
#   services.sh status   one line per service; exit 0 only when all are healthy
#   services.sh stop|start|restart NAME   one of them (mosquitto, postgres, ganache,
#                        device-bridge, ui, settlement), e.g. to show that no reading is lost
#   services.sh wipe     delete their data (broker queue, database cluster, chain, device keys);
#                        run after down
#
# Environment: FLEX_HOME (runtime folder), and the ports of mosquitto.sh, postgres.sh, ganache.sh.
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
RUN=${FLEX_HOME:-$ROOT/.flex}
SCRIPTS="$NC_DIR/scripts"
# shellcheck source=ports.sh
. "$NC_DIR/scripts/ports.sh"
INFRA=(mosquitto postgres ganache)

log() { echo "services: $*" >&2; }
die() { echo "services: $*" >&2; exit 1; }
# shellcheck source=processes.sh
. "$SCRIPTS/processes.sh"

# Quarkus services: name module http-port readiness-path (answers below 500 when ready)
QUARKUS=(
  "device-bridge device-bridge $BRIDGE_PORT /q/health/ready"
  "ui ui $UI_PORT /"
)

start_quarkus() { # "name module port"
  read -r name module port _path <<<"$1"
  if stage_build "$ROOT/$module/target/quarkus-app" "$module"; then
    stop_process "$name"
  fi
  (
    export QUARKUS_HTTP_HOST=127.0.0.1
    export QUARKUS_HTTP_PORT="$port"
    export FLEX_HOME="$RUN"
    # The demo and the tests replay future market days (offers need an open gate), so the local
    # bridge takes readings dated up to this many days ahead; real meters get 2.
    export FLEX_BRIDGE_MAX_AHEAD_DAYS=${FLEX_BRIDGE_MAX_AHEAD_DAYS:-4000}
    start_process "$name" java ${FLEX_SERVICE_JAVA_OPTS:--Xmx384m} -jar "$RUN/services/$module/quarkus-run.jar"
  )
}

# The audit service of module settlement (plain Java, no Quarkus), for the UI's auditor page.
start_settlement() {
  local changed=false
  stage_dir "$ROOT/settlement/target/classes" "$RUN/services/settlement/classes" && changed=true
  stage_dir "$ROOT/settlement/target/lib" "$RUN/services/settlement/lib" && changed=true
  if $changed; then
    stop_process settlement
  fi
  (
    export FLEX_HOME="$RUN"
    start_process settlement java ${FLEX_SERVICE_JAVA_OPTS:--Xmx256m} \
      -cp "$RUN/services/settlement/classes:$RUN/services/settlement/lib/*" \
      io.flexledger.settlement.cli.SettlementCommand serve --port "$SETTLEMENT_PORT"
  )
}

ready() { # port path
  local code
  code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "http://127.0.0.1:$1$2" 2>/dev/null || true)
  [ -n "$code" ] && [ "$code" != 000 ] && [ "$code" -lt 500 ]
}

cmd_infra() {
  for s in "${INFRA[@]}"; do "$SCRIPTS/$s.sh" start; done
}

cmd_up() {
  cmd_infra
  for q in "${QUARKUS[@]}"; do start_quarkus "$q"; done
  start_settlement
  for q in "${QUARKUS[@]}"; do
    read -r name _module port path <<<"$q"
    wait_for "$name" 90 ready "$port" "$path"
  done
  wait_for settlement 60 ready "$SETTLEMENT_PORT" /settlement/health
  log "up: MQTT 127.0.0.1:$MQTT_PORT, PostgreSQL :$PG_PORT, EVM :$GANACHE_PORT, bridge :$BRIDGE_PORT, audit :$SETTLEMENT_PORT, UI :$UI_PORT"
}

cmd_down() {
  stop_process settlement
  for q in "${QUARKUS[@]}"; do
    read -r name _ <<<"$q"
    stop_process "$name"
  done
  for s in "${INFRA[@]}"; do "$SCRIPTS/$s.sh" stop; done
}

# Runs ACTION (stop or start) on one service by name; returns 1 for an unknown name.
one() { # action name
  local action=$1 target=$2 q name
  for s in "${INFRA[@]}"; do
    if [ "$s" = "$target" ]; then
      "$SCRIPTS/$s.sh" "$action"
      return 0
    fi
  done
  for q in "${QUARKUS[@]}"; do
    read -r name _module port path <<<"$q"
    if [ "$name" = "$target" ]; then
      if [ "$action" = stop ]; then
        stop_process "$name" 20
      else
        start_quarkus "$q"
        wait_for "$name" 90 ready "$port" "$path"
      fi
      return 0
    fi
  done
  if [ "$target" = settlement ]; then
    if [ "$action" = stop ]; then stop_process settlement; else start_settlement; wait_for settlement 60 ready "$SETTLEMENT_PORT" /settlement/health; fi
    return 0
  fi
  die "unknown service '$target' (one of: ${INFRA[*]} device-bridge ui settlement)"
}

cmd_wipe() {
  local pg_data=${PG_DATA:-$RUN/postgres}
  rm -rf "$RUN/mosquitto" "$RUN/ganache" "$RUN/evm" "$RUN/devices" "$pg_data"
  log "wiped the broker's queue, the database cluster ($pg_data), the EVM chain and the device keys"
}

cmd_status() {
  local bad=0 pid state
  for s in "${INFRA[@]}"; do "$SCRIPTS/$s.sh" status || bad=1; done
  for q in "${QUARKUS[@]}"; do
    read -r name _module port path <<<"$q"
    pid=$(pid_of "$name" || echo "-")
    if [ "$pid" != "-" ] && ready "$port" "$path"; then state=healthy; else state=unhealthy; bad=1; fi
    printf '%-20s %-8s %-6s %s\n' "$name" "$pid" "$port" "$state"
  done
  pid=$(pid_of settlement || echo "-")
  if [ "$pid" != "-" ] && ready "$SETTLEMENT_PORT" /settlement/health; then state=healthy; else state=unhealthy; bad=1; fi
  printf '%-20s %-8s %-6s %s\n' settlement "$pid" "$SETTLEMENT_PORT" "$state"
  return $bad
}

case "${1:-}" in
  up) cmd_up ;;
  infra) cmd_infra ;;
  down) cmd_down ;;
  status) cmd_status ;;
  wipe) cmd_wipe ;;
  start | stop)
    [ $# -eq 2 ] || { echo "usage: services.sh $1 NAME" >&2; exit 2; }
    one "$1" "$2"
    ;;
  restart)
    [ $# -eq 2 ] || { echo "usage: services.sh restart NAME" >&2; exit 2; }
    one stop "$2"
    one start "$2"
    ;;
  *) echo "usage: services.sh up | infra | down | status | wipe | start NAME | stop NAME | restart NAME" >&2; exit 2 ;;
esac
