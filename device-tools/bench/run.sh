#!/usr/bin/env bash
# Benchmark of the device bridge: readings verified and stored per second through the real pipeline
# (Mosquitto and PostgreSQL started here on their own ports, stopped by PID at the end), with the
# baselines of signature verification alone and batched inserts alone measured in the same run.
#
#   device-tools/bench/run.sh [READINGS [DEVICES [WORKERS]]]     (default 50000 500 2)
set -euo pipefail

MODULE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$MODULE/.." && pwd)
SCRIPTS="$ROOT/network-config/scripts"

if [ ! -d "$MODULE/target/classes" ] || [ ! -d "$MODULE/target/lib" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl device-tools -am package -DskipTests)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export FLEX_HOME
FLEX_HOME=$(mktemp -d /tmp/flexledger-bridge-bench-XXXXXX)
export PG_PORT MQTT_PORT PG_DATA
PG_PORT=$(free_port)
MQTT_PORT=$(free_port)
if [ "$(id -u)" = 0 ]; then PG_DATA=/tmp/flexledger-pg-bench-$PG_PORT; else PG_DATA=$FLEX_HOME/postgres; fi

cleanup() {
  "$SCRIPTS/mosquitto.sh" stop || true
  "$SCRIPTS/postgres.sh" stop || true
  rm -rf "$FLEX_HOME" "$PG_DATA"
}
trap cleanup EXIT

"$SCRIPTS/postgres.sh" start
"$SCRIPTS/mosquitto.sh" start

CP="$MODULE/target/classes:$MODULE/target/lib/*"
java -Xmx1g -cp "$CP" io.flexledger.devicebridge.bench.BridgeBenchmark \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/flexledger" "$MQTT_PORT" "${1:-50000}" "${2:-500}" "${3:-2}"
