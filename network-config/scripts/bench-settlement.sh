#!/usr/bin/env bash
# Benchmark of a whole market day on the running stack (./flex up first): HOMES homes meter their
# 96 slots, each has an order, and the day is sealed, settled and audited; prints the wall time of
# every step. Usage: bench-settlement.sh [HOMES (default 184)] [WORKERS (default 8)]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
if ! ./flex status >/dev/null 2>&1; then
  echo "bench-settlement: the stack is not (fully) running; start it with ./flex up" >&2
  exit 1
fi
# The benchmark drives the stack with the it-tests' helpers; settle and audit run as ./flex commands.
# It runs against the stack of FLEX_HOME (default .flex) at FLEX_PORT_OFFSET (default 0).
./mvnw -B -q -pl settlement -am install -DskipTests >&2
./mvnw -B -q -pl it-tests test-compile >&2
exec ./mvnw -B -q -pl it-tests "org.codehaus.mojo:exec-maven-plugin:3.6.2:java" \
  -Dexec.classpathScope=test -Dexec.mainClass=io.flexledger.ittests.SettlementDayBench \
  -Dexec.args="$*" -Dexec.cleanupDaemonThreads=false -Dflex.root="$ROOT" \
  -Dflex.home="${FLEX_HOME:-$ROOT/.flex}" -Dflex.port.offset="${FLEX_PORT_OFFSET:-0}"
