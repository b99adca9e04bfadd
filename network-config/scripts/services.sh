#!/usr/bin/env bash
# The off-ledger services of the local stack, beside the Fabric network of network.sh: the MQTT
# broker, PostgreSQL, the EVM node, the device bridge, the audit service (module audit-service) and
# the web UI. Each is declared in stack.sh and runs under the stack's supervisord, which restarts
# it when it exits; Quarkus services run from a copy of their last build in $FLEX_HOME/services
# and are restarted when a new build appears.
#
#   services.sh up       start what is not running (broker, database and EVM node first)
#   services.sh infra    start only the broker, the database and the EVM node
#   services.sh down     stop them all
#   services.sh status   one line per service; exit 0 only when all are healthy
#   services.sh stop|start|restart NAME   one process of the stack (mosquitto, postgres, ganache,
#                        device-bridge, ui, settlement, or any name of `network.sh names`), e.g. to
#                        show that no reading is lost; a stopped one stays stopped until started
#   services.sh wipe     delete their data (broker queue, database cluster, chain, device keys);
#                        run after down
#
# Environment: FLEX_HOME (runtime folder), and the ports of ports.sh.
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
RUN=${FLEX_HOME:-$ROOT/.flex}
log() { echo "services: $*" >&2; }
die() { echo "services: $*" >&2; exit 1; }
# shellcheck source=stack.sh
. "$NC_DIR/scripts/stack.sh"
INFRA=(mosquitto postgres ganache)
SERVICES=(device-bridge settlement ui)

cmd_wipe() {
  local pg_data=${PG_DATA:-$RUN/postgres}
  rm -rf "$RUN/mosquitto" "$RUN/ganache" "$RUN/evm" "$RUN/devices" "$pg_data"
  log "wiped the broker's queue, the database cluster ($pg_data), the EVM chain and the device keys"
}

case "${1:-}" in
  up)
    start_all "${INFRA[@]}"
    start_built "${SERVICES[@]}"
    log "up: MQTT 127.0.0.1:$MQTT_PORT, PostgreSQL :$PG_PORT, EVM :$GANACHE_PORT, bridge :$BRIDGE_PORT, audit :$SETTLEMENT_PORT, UI :$UI_PORT"
    ;;
  infra) start_all "${INFRA[@]}" ;;
  down) stop_all ui settlement device-bridge ganache postgres mosquitto ;;
  status) status_all "${INFRA[@]}" "${SERVICES[@]}" ;;
  wipe) cmd_wipe ;;
  start | stop | restart)
    [ $# -eq 2 ] || { echo "usage: services.sh $1 NAME" >&2; exit 2; }
    stack_main "$1" "$2"
    ;;
  *) echo "usage: services.sh up | infra | down | status | wipe | start NAME | stop NAME | restart NAME" >&2; exit 2 ;;
esac
