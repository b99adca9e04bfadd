#!/usr/bin/env bash
# FlexLedger's one entry point. `./flex help` lists the commands.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
MVN=("$ROOT/mvnw" -B -q)

usage() {
  cat <<'TXT'
usage: ./flex COMMAND [ARGS]

  up                            build what is missing, start the Fabric network, deploy the
                                chaincode, start one marketplace-api per organisation, Keycloak,
                                the MQTT broker, PostgreSQL, the EVM node, the device bridge, the UI
  status                        one line per process: name, PID, port, healthy or not
  down [--wipe]                 stop what `up` started; --wipe also deletes crypto and ledgers
  demo                          the main job: up, sample offers from both aggregators, read
                                back through the DSO's API
  test                          every test of the project (unit tests and integration tests)

  clear FILE [--seconds N]      clear a market (formats section 2), print a clearing-result
  cems solve FILE               optimise one home-day (formats section 1), print a cems-result
  simulate ...                  the Pontypool simulator (./flex simulate --help)
  bench clearing [...]          Timefold against the exact MILP on generated instances
  bench bridge                  readings verified and stored per second through MQTT into PostgreSQL
  bench settlement [HOMES] [WORKERS]
                                a Pontypool day (184 homes x 96 slots) metered, sealed, settled
                                and audited on the running stack (needs ./flex up)
  bench ledger [COUNT]          submit-to-commit latency of COUNT offers (needs ./flex up)
  bench cems [N|DIR] [BACKEND] [THREADS]
                                CEMS solve-time distribution (generated days or a folder of them)

  devices keys ID | register ID --asset A | publish --profile FILE
                                the device simulator: P-256 keys, registration through an
                                aggregator's API, a home's signed readings over MQTT
  settle --day YYYY-MM-DD [--workers N]
                                settle every accepted order of a day on the ledger (endorsed by the
                                DSO and the aggregator), anchor the day's settlement root on the
                                EVM chain and pay each positive net out in FLEX tokens
  audit --period YYYY-MM-DD [--workers N]
                                re-derive every settlement of the day from the ledger, the readings
                                with their Merkle proofs and signatures, and the EVM anchor; print
                                VERIFIED or each discrepancy (exit 1 when any)

  network binaries              obtain the Fabric binaries (Go module proxy, cached by version)

Set FABRIC_BIN to a folder of Fabric binaries to use those instead of the cached build.

Exit codes of clear and cems solve: 0 answer printed, 2 malformed input, 3 infeasible.
Exit codes of settle and audit: 0 done/verified, 1 skipped orders/discrepancies, 2 usage,
3 a service could not be reached.
TXT
}

# Builds a module (and what it needs) when its classes or runtime libraries are missing.
ensure_built() {
  local module=$1
  if [ ! -d "$module/target/classes" ] || [ ! -d "$module/target/lib" ]; then
    echo "flex: building $module (first use)" >&2
    "${MVN[@]}" -pl "$module" -am -DskipTests package >&2
  fi
}

# Runs a main class from a module's classes and runtime libraries.
run_java() {
  local module=$1 main=$2
  shift 2
  ensure_built "$module"
  exec java ${FLEX_JAVA_OPTS:-} -cp "$module/target/classes:$module/target/lib/*" "$main" "$@"
}

# Builds the chaincode jar and the API when missing or older than their sources.
ensure_stack_built() {
  local stale=false
  for art in chaincode/target/chaincode.jar marketplace-api/target/quarkus-app/quarkus-run.jar \
    device-bridge/target/quarkus-app/quarkus-run.jar ui/target/quarkus-app/quarkus-run.jar \
    settlement/target/lib; do
    local mod=${art%%/*}
    if [ ! -f "$art" ] || [ -n "$(find "$mod/src" "$mod/pom.xml" domain/src -newer "$art" -print -quit 2>/dev/null)" ]; then
      stale=true
    fi
  done
  if $stale; then
    echo "flex: building chaincode, marketplace-api, device-bridge, ui and settlement" >&2
    "${MVN[@]}" -pl chaincode,marketplace-api,device-bridge,ui,settlement -am -DskipTests package >&2
  fi
}

cmd=${1:-help}
[ $# -gt 0 ] && shift
case "$cmd" in
  clear) run_java clearing io.flexledger.clearing.cli.ClearCommand "$@" ;;
  cems) run_java agents io.flexledger.agents.cems.CemsCommand "$@" ;;
  simulate) run_java agents io.flexledger.agents.sim.SimulateCommand "$@" ;;
  devices) exec "$ROOT/device-bridge/bin/device-sim" "$@" ;;
  settle) run_java settlement io.flexledger.settlement.cli.SettlementCommand settle "$@" ;;
  audit) run_java settlement io.flexledger.settlement.cli.SettlementCommand audit "$@" ;;
  bench)
    what=${1:-}
    [ $# -gt 0 ] && shift
    case "$what" in
      clearing) exec "$ROOT/clearing/bench/run.sh" "$@" ;;
      ledger) exec "$ROOT/network-config/scripts/bench-ledger.sh" "$@" ;;
      bridge) exec "$ROOT/device-bridge/bench/run.sh" "$@" ;;
      settlement) exec "$ROOT/network-config/scripts/bench-settlement.sh" "$@" ;;
      cems)
        ensure_built agents
        exec java ${FLEX_JAVA_OPTS:-} -cp "agents/target/test-classes:agents/target/classes:agents/target/lib/*" \
          io.flexledger.agents.cems.bench.CemsBench "$@"
        ;;
      *) echo "flex bench: unknown benchmark '${what}' (known: clearing, ledger, bridge, settlement, cems)" >&2; exit 2 ;;
    esac
    ;;
  network)
    sub=${1:-}
    case "$sub" in
      binaries) exec "$ROOT/network-config/scripts/fabric-binaries.sh" ;;
      *) echo "flex network: unknown subcommand '${sub}' (known: binaries)" >&2; exit 2 ;;
    esac
    ;;
  up)
    ensure_stack_built
    exec "$ROOT/network-config/scripts/network.sh" up
    ;;
  down) exec "$ROOT/network-config/scripts/network.sh" down "$@" ;;
  status) exec "$ROOT/network-config/scripts/network.sh" status ;;
  demo)
    ensure_stack_built
    "$ROOT/network-config/scripts/network.sh" up
    exec "$ROOT/network-config/scripts/demo.sh" "$@"
    ;;
  test) exec "$ROOT/mvnw" -B verify "$@" ;;
  help | -h | --help) usage ;;
  *) echo "flex: unknown command '$cmd'" >&2; usage >&2; exit 2 ;;
esac
