#!/usr/bin/env bash
# The clearing benchmark: Timefold against the exact MILP (SCIP via OR-Tools) on generated instances.
#   clearing/bench/run.sh [--quick | --small] [--check PATH/check.py] [--out DIR] [--milp-seconds N]
# Default: 9 instances (50 to ~20,000 offers) and warm re-clearing at ~400 and ~22,000 offers, about
# 11 minutes on 2 cores; --quick: 3 instances and re-clearing at ~400 offers; --small: the 4 instances up to
# 400 offers only, no re-clearing.
# Every Timefold result is checked with the formats' independent checker, check.py, which is not part
# of this project: --check PATH, else FLEX_FORMATS_CHECK, else ../shared/formats/check.py beside the
# checkout. Without it (or without python3) the benchmark still runs and says its results are unchecked.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=$(dirname "$HERE")
ROOT=$(dirname "$MODULE")
if [ -n "${FLEX_FORMATS_CHECK:-}" ]; then
  CHECK=$FLEX_FORMATS_CHECK CHECK_FROM="FLEX_FORMATS_CHECK"
else
  CHECK=$ROOT/../shared/formats/check.py CHECK_FROM="the default, ../shared/formats/check.py beside the checkout"
fi
# the java command runs in the module folder: relative checker paths are made absolute here
absolute() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
CHECK=$(absolute "$CHECK")
args=()
given=""
prev=""
for a in "$@"; do
  if [ "$prev" = "--check" ]; then
    given=$(absolute "$a")
    a=$given
  fi
  args+=("$a")
  prev=$a
done
if [ -n "$given" ]; then
  if [ ! -f "$given" ]; then
    echo "bench: --check $given: no such file (give the path of the formats' check.py)" >&2
    exit 2
  fi
elif ! command -v python3 >/dev/null; then
  echo "bench: python3 is not on the PATH, so the formats checker cannot run: results will NOT be checked" >&2
elif [ ! -f "$CHECK" ]; then
  echo "bench: the formats checker check.py is missing: $CHECK ($CHECK_FROM) does not exist." >&2
  echo "bench: results will NOT be checked; to check them, set FLEX_FORMATS_CHECK=/path/to/check.py" >&2
  echo "bench: or pass --check /path/to/check.py." >&2
else
  args+=(--check "$CHECK")
fi
cd "$ROOT"
"$ROOT/mvnw" -B -q -pl clearing test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
cd "$MODULE"
exec java ${FLEX_JAVA_OPTS:--Xmx6g} -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  io.flexledger.clearing.bench.ClearingBench --out target/bench "${args[@]}"
