#!/usr/bin/env bash
# The clearing benchmark: Timefold against the exact MILP (SCIP via OR-Tools) on generated instances.
#   clearing/bench/run.sh [--quick] [--check PATH/check.py] [--out DIR] [--milp-seconds N]
# Default: 9 instances (50 to ~20,000 offers), about 10 minutes on 2 cores; --quick: 3 instances.
# Every Timefold result is checked with the formats' checker (default: ../shared/formats/check.py
# beside the checkout; override with --check or FLEX_FORMATS_CHECK).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=$(dirname "$HERE")
ROOT=$(dirname "$MODULE")
CHECK=${FLEX_FORMATS_CHECK:-$ROOT/../shared/formats/check.py}
cd "$ROOT"
"$ROOT/mvnw" -B -q -pl clearing test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
args=("$@")
has_check=no
for a in "$@"; do [ "$a" = "--check" ] && has_check=yes; done
if [ "$has_check" = no ]; then
  if command -v python3 >/dev/null && [ -f "$CHECK" ]; then
    args+=(--check "$CHECK")
  else
    echo "bench: checker not found at $CHECK (or no python3): results will not be checked" >&2
  fi
fi
cd "$MODULE"
exec java ${FLEX_JAVA_OPTS:--Xmx6g} -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  io.flexledger.clearing.bench.ClearingBench --out target/bench "${args[@]}"
