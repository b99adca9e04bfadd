#!/usr/bin/env bash
# The MQTT broker of the local stack: Mosquitto (Debian package) on 127.0.0.1, with persistence on,
# so that QoS 1 messages queued for a persistent session (the device bridge's) survive a restart.
#
#   mosquitto.sh start     start it (under the stack's supervisord, stack.sh) unless it runs; wait
#                          until the port accepts connections
#   mosquitto.sh stop      stop it (TERM: Mosquitto writes its database on the way out); it stays
#                          stopped until started
#   mosquitto.sh status    its line of `network.sh status`; exit 0 only when healthy
#   mosquitto.sh prepare   write its configuration (run by stack.sh before each start)
#
# Who may do what (acl): meters connect without a name and may only publish readings
# (<root>/readings/<deviceId>) and read receipts (<root>/receipts/<deviceId>); the device bridge logs
# in as BRIDGE_USER with the password in $FLEX_HOME/mosquitto/bridge.secret (made once, mode 600) and
# is the only client that may read readings and publish receipts. A forged receipt would make a meter
# drop a reading the broker lost; an eavesdropper on the readings topic would see every home's meter.
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
BRIDGE_USER=flexledger-bridge
SECRET="$DATA/bridge.secret"
PASSWD="$DATA/passwd"
ACL="$DATA/acl"

log() { echo "mosquitto: $*" >&2; }
die() { echo "mosquitto: $*" >&2; exit 1; }

# shellcheck source=stack.sh
source "$NC_DIR/scripts/stack.sh"

# The bridge's password: made once per FLEX_HOME, kept across restarts (the bridge reads the file).
write_credentials() {
  local bin
  bin=$(dirname "$BIN")/../bin/mosquitto_passwd
  [ -x "$bin" ] || bin=$(command -v mosquitto_passwd || true)
  [ -n "$bin" ] && [ -x "$bin" ] || die "mosquitto_passwd not found (apt-get install mosquitto)"
  if [ ! -s "$SECRET" ]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$SECRET")
  fi
  rm -f "$PASSWD"
  (umask 077 && "$bin" -c -b "$PASSWD" "$BRIDGE_USER" "$(cat "$SECRET")")
  {
    echo "# Written by network-config/scripts/mosquitto.sh on every start; edit the script, not this file."
    echo "# Clients without a name (meters): readings in, receipts out."
    echo "topic write +/readings/+"
    echo "topic read +/receipts/+"
    echo "user $BRIDGE_USER"
    echo "topic read +/readings/+"
    echo "topic write +/receipts/+"
  } >"$ACL"
}

write_config() {
  mkdir -p "$DATA"
  write_credentials
  {
    echo "# Written by network-config/scripts/mosquitto.sh on every start; edit the script, not this file."
    echo "listener $PORT 127.0.0.1"
    # Loopback only; devices prove who they are by signing each reading, which the bridge checks,
    # and need no name; what each client may publish and read is in the acl (see the top).
    echo "allow_anonymous true"
    echo "password_file $PASSWD"
    echo "acl_file $ACL"
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

cmd_prepare() {
  [ -x "$BIN" ] || die "$BIN not found (apt-get install mosquitto)"
  if ! live_state "$(state_of mosquitto)" && tcp_open "127.0.0.1:$PORT"; then
    die "port $PORT is taken by another process"
  fi
  write_config
}

case "${1:-}" in
  prepare) cmd_prepare ;;
  start) start_all mosquitto ;;
  stop) stop_all mosquitto ;;
  status) status_all mosquitto ;;
  *) echo "usage: mosquitto.sh start | stop | status | prepare" >&2; exit 2 ;;
esac
