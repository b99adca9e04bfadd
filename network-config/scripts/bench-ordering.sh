#!/usr/bin/env bash
# The ordering service of a running stack (./flex up) under load and under a fault, through
# Aggregator1's API (each offer returns once committed):
#   bench-ordering.sh throughput [COUNT] [WORKERS]     COUNT offers (200) by WORKERS writers (8)
#   bench-ordering.sh kill NAME [--down S] [--before S] [--after S] [--workers W]
#       kill -9 this stack's ordering node NAME (orderer.dso, ..., orderer0) while writers post
#       offers, restart it after --down seconds (30), and report the longest time without a
#       committed write and each node's height once it has caught up (decision 0016)
set -euo pipefail
NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
# shellcheck source=ports.sh
source "$NC_DIR/scripts/ports.sh"
export BENCH_RUN=${FLEX_HOME:-$ROOT/.flex} BENCH_NETWORK="$NC_DIR/scripts/network.sh"
curl -fsS -o /dev/null --max-time 10 "$FLEX_API_AGGREGATOR1/q/health/ready" ||
  { echo "bench: the stack is not up (./flex up)" >&2; exit 1; }
BENCH_DSO_TOKEN=$("$NC_DIR/scripts/keycloak.sh" token dso-agent)
BENCH_AGG1_TOKEN=$("$NC_DIR/scripts/keycloak.sh" token aggregator1-agent)
export BENCH_DSO_TOKEN BENCH_AGG1_TOKEN FLEX_API_DSO FLEX_API_AGGREGATOR1
echo "bench: ordering $FLEX_ORDERING, stack $BENCH_RUN" >&2
exec python3 "$NC_DIR/scripts/bench-ordering.py" "$@"
