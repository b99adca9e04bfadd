#!/usr/bin/env bash
# Does what a new user does, on this machine: a fresh clone of this checkout into a temporary
# folder, an empty FLEX_HOME and an empty cache (no Fabric, Keycloak or ganache from earlier runs:
# a temporary FLEX_CACHE), then the README's two commands, `./flex demo` and `./flex test`.
# Prints the time of each, the demo's verdict and the test totals; stops both stacks and deletes
# the folder at the end (KEEP=1 keeps it).
#
#   network-config/scripts/fresh-machine-check.sh [--demo-only]
#
# Environment: FABRIC_DIST (default: ../shared/fabric beside the checkout, when there), and
# FLEX_PORT_OFFSET for the demo stack (default 10000, so that a stack already running at the
# default ports is left alone; the test suite's stack has its own offset, 20000).
# The Maven repository (~/.m2) is the machine's: a truly empty one only adds download time.
set -uo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEMO_ONLY=false
[ "${1:-}" = "--demo-only" ] && DEMO_ONLY=true
if [ -z "${FABRIC_DIST:-}" ] && [ -f "$SRC/../shared/fabric/hyperledger-fabric-3.1.5-linux-amd64.tar.xz" ]; then
  FABRIC_DIST=$(cd "$SRC/../shared/fabric" && pwd)
fi
export FABRIC_DIST=${FABRIC_DIST:-}
unset FABRIC_BIN FLEX_KEYCLOAK_HOME MQTT_PORT PG_PORT GANACHE_PORT FLEX_KEYCLOAK_PORT PG_DATA

WORK=$(mktemp -d /tmp/flex-fresh.XXXXXX)
chmod 755 "$WORK" # as root, PostgreSQL runs as user postgres and must reach its folder
CLONE="$WORK/flexledger"
export FLEX_HOME="$WORK/home" FLEX_CACHE="$WORK/cache" FLEX_PORT_OFFSET=${FLEX_PORT_OFFSET:-10000}

cleanup() {
  (cd "$CLONE" 2>/dev/null && ./flex down >/dev/null 2>&1)
  (cd "$CLONE" 2>/dev/null && FLEX_HOME="$CLONE/it-tests/target/flex-home" FLEX_PORT_OFFSET=20000 ./flex down >/dev/null 2>&1)
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "== fresh clone of $SRC (HEAD $(git -C "$SRC" rev-parse --short HEAD)) into $CLONE"
git clone -q "$SRC" "$CLONE" || exit 1
cd "$CLONE" || exit 1
echo "FLEX_HOME=$FLEX_HOME FLEX_CACHE=$FLEX_CACHE FLEX_PORT_OFFSET=$FLEX_PORT_OFFSET FABRIC_DIST=${FABRIC_DIST:-(none)}"

echo "== ./flex demo"
t0=$SECONDS
./flex demo 2>&1 | tee "$WORK/demo.log" | sed 's/^/  demo| /'
demo_rc=${PIPESTATUS[0]}
demo_s=$((SECONDS - t0))
verdict=$(grep -Eo 'VERIFIED|[0-9]+ discrepanc[a-z]*' "$WORK/demo.log" | tail -n 1)
./flex down >/dev/null 2>&1

test_rc=skipped test_s=0
if ! $DEMO_ONLY; then
  echo "== ./flex test"
  t0=$SECONDS
  ./flex test >"$WORK/test.log" 2>&1
  test_rc=$?
  test_s=$((SECONDS - t0))
  grep -E 'Tests run:|BUILD|ERROR\]' "$WORK/test.log" | tail -n 25 | sed 's/^/  test| /'
fi

echo
echo "== summary"
printf '%-12s %-8s %s\n' "./flex demo" "${demo_s} s" "exit $demo_rc, verdict: ${verdict:-none}"
if ! $DEMO_ONLY; then
  printf '%-12s %-8s %s\n' "./flex test" "${test_s} s" "exit $test_rc"
  python3 "$CLONE/network-config/scripts/test-totals.py" "$CLONE"
fi
[ "$demo_rc" = 0 ] && { $DEMO_ONLY || [ "$test_rc" = 0 ]; }
