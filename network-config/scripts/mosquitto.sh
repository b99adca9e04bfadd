#!/usr/bin/env bash
# The MQTT broker of the local stack: Mosquitto (Debian package) on 127.0.0.1, with persistence on,
# so that QoS 1 messages queued for a persistent session (the device bridge's) survive a restart.
#
#   mosquitto.sh start     start it unless it runs; wait until the port accepts connections
#   mosquitto.sh stop      stop it, by PID (TERM: Mosquitto writes its database on the way out)
#   mosquitto.sh status    "mosquitto PID port healthy|unhealthy"; exit 0 only when healthy
#
# Environment:
#   FLEX_HOME        runtime folder (default: <checkout>/.flex); data in $FLEX_HOME/mosquitto
#   MQTT_PORT        listener port (default 1883)
#   MOSQUITTO_BIN    the broker binary (default /usr/sbin/mosquitto)
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
RUN=${FLEX_HOME:-$ROOT/.flex}
# shellcheck source=ports.sh
source "$NC_DIR/scripts/ports.sh"
PORT=$MQTT_PORT
BIN=${MOSQUITTO_BIN:-/usr/sbin/mosquitto}
DATA="$RUN/mosquitto"
CONF="$DATA/mosquitto.conf"

log() { echo "mosquitto: $*" >&2; }
die() { echo "mosquitto: $*" >&2; exit 1; }

# shellcheck source=processes.sh
source "$NC_DIR/scripts/processes.sh"

healthy() { tcp_open "127.0.0.1:$PORT"; }

write_config() {
  mkdir -p "$DATA"
  {
    echo "# Written by network-config/scripts/mosquitto.sh on every start; edit the script, not this file."
    echo "listener $PORT 127.0.0.1"
    # Loopback only; devices prove who they are by signing each reading, which the bridge checks.
    echo "allow_anonymous true"
    # Persistent sessions and their queued QoS 1 messages are kept on disk across restarts.
    echo "persistence true"
    echo "persistence_location $DATA/"
    echo "autosave_interval 2"
    # A persistent session keeps its messages while its client is away (no expiry by the broker).
    echo "persistent_client_expiration 7d"
    # A bridge that is away for a while must find every reading queued, not the newest 1000.
    echo "max_queued_messages 2000000"
    echo "max_inflight_messages 1000"
    # Small messages one by one: without this a QoS 1 round trip waits for delayed TCP ACKs.
    echo "set_tcp_nodelay true"
    echo "log_dest stdout"
    echo "log_type error"
    echo "log_type warning"
    echo "log_type notice"
    echo "log_timestamp_format %Y-%m-%dT%H:%M:%S"
    if [ "$(id -u)" = 0 ]; then
      # As root Mosquitto would switch to user mosquitto, which cannot write a data folder owned by root.
      echo "user root"
    fi
  } >"$CONF"
}

cmd_start() {
  if pid_of mosquitto >/dev/null; then
    log "already running (PID $(pid_of mosquitto))"
    healthy || die "running but not accepting connections on 127.0.0.1:$PORT"
    return 0
  fi
  [ -x "$BIN" ] || die "$BIN not found (apt-get install mosquitto)"
  if healthy; then
    die "port $PORT is taken by another process"
  fi
  write_config
  start_process mosquitto "$BIN" -c "$CONF"
  local deadline=$((SECONDS + ${MQTT_WAIT:-20}))
  until healthy; do
    pid_of mosquitto >/dev/null || die "Mosquitto exited during start (see $RUN/logs/mosquitto.log)"
    ((SECONDS < deadline)) || die "Mosquitto not ready after ${MQTT_WAIT:-20}s (see $RUN/logs/mosquitto.log)"
    sleep 0.1
  done
  log "ready on 127.0.0.1:$PORT (data $DATA)"
}

cmd_stop() {
  stop_process mosquitto 10
}

cmd_status() {
  local pid state=unhealthy rc=1
  pid=$(pid_of mosquitto || echo "-")
  if [ "$pid" != "-" ] && healthy; then state=healthy; rc=0; fi
  printf '%-20s %-8s %-6s %s\n' mosquitto "$pid" "$PORT" "$state"
  return $rc
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: mosquitto.sh start | stop | status" >&2; exit 2 ;;
esac
