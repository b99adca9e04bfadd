#!/usr/bin/env bash
# FlexLedger's one entry point. `./flex help` lists the commands.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
MVN=("$ROOT/mvnw" -B -q)
# The commands that address a stack find it at its ports (FLEX_PORT_OFFSET; see ports.sh); the
# tests get none of these addresses, so that no test reaches a stack it did not start.
stack_env() {
  # shellcheck source=network-config/scripts/ports.sh
  source "$ROOT/network-config/scripts/ports.sh"
}

usage() {
  cat <<'TXT'
usage: ./flex COMMAND [ARGS]

  up                            build what is missing, start the Fabric network, deploy the
                                chaincode, start one marketplace-api per organisation, Keycloak,
                                the MQTT broker, PostgreSQL, the EVM node, the device bridge, the UI
  status                        one line per process: name, PID, port, supervisor state, restarts
                                seen, healthy or not (every process runs under the stack's own
                                supervisord, which restarts it when it exits)
  down [--wipe]                 stop every process and the stack's supervisord; --wipe also
                                deletes crypto and ledgers
  demo                          the main job: up, then one market day: Aggregator1's community
                                market (members, orders, clearing, trades), offers from both
                                aggregators, the DSO's clearing, meters, settlement of orders and
                                members, payout, audit, and a report of it all
  test                          every test of the project (unit tests and integration tests)

  clear FILE [--seconds N] [--target-gap P]
                                clear a market (formats section 2), print a clearing-result with
                                its proven lowerBound and provenGapPct; --target-gap stops as soon
                                as the proven gap is at most P %
  community-clear FILE [--seconds N]
                                clear a community market (formats section 3): print the trades
                                with kW and price, each slot's clearing price and volume, each
                                home's settlement and the leftover flexibility offered to the DSO
  cems solve FILE               optimise one home-day (formats section 1), print a cems-result
  simulate ...                  the Pontypool simulator (./flex simulate --help)
  uftp keys ORG | send FILE --as ORG [--to DOMAIN] [--key F] | listen --as ORG --port P
                                a UFTP participant of our own: a CS1 key pair, a UFTP message signed
                                and posted to ORG's edge (the answer printed), an endpoint that prints
                                and stores what it receives
  bench clearing [...]          Timefold against the exact MILP on generated instances
  bench bridge                  readings verified and stored per second through MQTT into PostgreSQL
  bench settlement [HOMES] [WORKERS]
                                a Pontypool day (184 homes x 96 slots) metered, sealed, settled
                                and audited on the running stack (needs ./flex up)
  bench ledger [COUNT] [--concurrency C] [--json]
                                COUNT offers (default 100) through both aggregators' APIs with C
                                clients at once (default 1), then the same offers straight through
                                the Fabric Gateway: offers per second, p50/p95/p99, errors, CPU
                                seconds per committed offer of each process (needs ./flex up)
  bench ordering throughput [COUNT] [WORKERS] | kill NAME [--down S]
                                offers per second through the ordering service, or the longest
                                time without a committed write while one orderer is killed (-9)
                                and restarted, and its catch-up (needs ./flex up)
  bench cems [N|DIR] [BACKEND] [THREADS]
                                CEMS solve-time distribution (generated days or a folder of them)

  devices keys ID | register ID --asset A | approve ID | publish --profile FILE
                                the device simulator: a device's P-256 key (in its own folder
                                .flex/devices/ID/), registration through an aggregator's API,
                                the DSO's approval of a meter through the DSO's API, a home's
                                signed readings over MQTT
  settle --day YYYY-MM-DD [--workers N]
                                settle every accepted order of a day on the ledger (endorsed by the
                                DSO and the aggregator), anchor the day's settlement root on the
                                EVM chain once no order is left unsettled, and pay each positive
                                net out in FLEX tokens
  audit --period YYYY-MM-DD [--workers N] [--org dso|aggregator1|aggregator2|community]
        [--as own|auditor]      read the day through ORG's own API and peer, as ORG's own client
                                (an aggregator audits its own settlements) or as the stand-alone
                                auditor (every party's; --org community always audits as it);
                                check the settlement transactions in the blocks of ORG's own peer
                                (validity, endorsement signatures, hash chain); re-derive every
                                settlement of the day from the ledger, the readings
                                with their Merkle proofs and signatures, the EVM anchor, each
                                payout's amount and recipient and the billing rows; name accepted
                                orders left unsettled; with --org aggregatorN as its own client,
                                re-derive its community members' statements too (others are told
                                they cannot read them); print what was checked with counts, then
                                VERIFIED, each discrepancy (exit 1), or NOTHING TO AUDIT (exit 4)

  chaos [--kill KINDS|all] [--duration S] [--seed N] [--report FILE]
                                load (offers through both aggregators' APIs, signed readings over
                                MQTT) while one process of each kind (orderer, peer, api, chaincode,
                                bridge, postgres, mosquitto, keycloak) is killed with SIGKILL on a
                                schedule; then every acknowledged offer must be on the ledger and
                                every accepted reading in the database exactly once, and every killed
                                process back and healthy by itself; prints per fault the outage
                                clients saw and the retries (exit 1 on a loss, a duplicate or a process
                                not back; needs ./flex up)

  network binaries              obtain the Fabric binaries (FABRIC_BIN, the cache, the offline
                                archive of FABRIC_DIST, the Go module proxy, Fabric's release)
  prereqs up|demo|test          check what the command needs (tools, Debian packages, free ports)

Environment: FLEX_HOME (the stack's runtime folder, default .flex), FLEX_PORT_OFFSET (added to
every port), FLEX_ORDERING (bft: four SmartBFT orderers, one per organisation, the default; raft:
one Raft orderer; chosen when a stack's channel is made), FABRIC_DIST (the offline Fabric archive or its folder), FABRIC_BIN (a folder of
Fabric binaries), FLEX_CACHE (downloads and the supervisor venv, default ~/.cache/flexledger).

Exit codes of clear, community-clear and cems solve: 0 answer printed, 2 malformed input, 3 infeasible.
Exit codes of settle and audit: 0 done/verified, 1 orders left unsettled/discrepancies, 2 usage,
3 a service could not be reached, 4 (audit) nothing to audit: the day has no settlement.
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

# flex clear: from the module's jar with a class-data archive (AppCDS) of the classes a clearing loads,
# which saves a fresh process part of its class loading (docs/benchmarks-clearing.md). The first run
# after each build writes the archive at its exit (to a file of its own, moved in place when complete);
# later runs map it. A missing jar, a jar older than target/classes (compiled since the last package)
# or FLEX_CDS=0: target/classes as every other command. An archive the JVM cannot use is ignored; one
# that makes it abort while mapping it (a truncated archive ends in SIGBUS before the command starts) is
# deleted and the command run again without it. ClearCommandArchiveTest runs these paths.
run_clear() {
  ensure_built clearing
  local main=io.flexledger.clearing.cli.ClearCommand jar jsa=clearing/target/clear-classes.jsa rc
  jar=$(ls clearing/target/clearing-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -1)
  if [ "${FLEX_CDS:-1}" = 0 ] || [ -z "$jar" ] \
    || [ -n "$(find clearing/target/classes -type f -newer "$jar" -print -quit)" ]; then
    run_java clearing "$main" "$@"
  fi
  local java_cmd=(java ${FLEX_JAVA_OPTS:-} -Xlog:cds=off,cds+dynamic=off -cp "$jar:clearing/target/lib/*")
  if [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ] && [ -z "$(find clearing/target/lib -newer "$jsa" -print -quit)" ]; then
    # the answer is held back until the JVM has ended: an abort prints its report on standard output
    # (and its file into clearing/target)
    local out
    out=$(mktemp)
    rc=0
    "${java_cmd[@]}" -XX:SharedArchiveFile="$jsa" -XX:ErrorFile=clearing/target/hs_err_pid%p.log "$main" "$@" >"$out" || rc=$?
    if [ $rc = 134 ]; then
      echo "flex: the class-data archive $jsa made the JVM abort: deleted, running without it" >&2
      rm -f "$jsa" "$out"
      exec "${java_cmd[@]}" "$main" "$@"
    fi
    cat "$out"
    rm -f "$out"
    exit $rc
  fi
  rc=0
  "${java_cmd[@]}" -XX:ArchiveClassesAtExit="$jsa.$$" "$main" "$@" || rc=$?
  if [ -s "$jsa.$$" ]; then mv -f "$jsa.$$" "$jsa"; else rm -f "$jsa.$$"; fi
  exit $rc
}

# The modules the stack runs, each with the artifact it runs from (device-tools: the demo's meters,
# built with the bridge so that `flex devices` does not rebuild the running bridge).
STACK_ARTIFACTS=(chaincode/target/chaincode.jar marketplace-api/target/quarkus-app/quarkus-run.jar
  device-bridge/target/quarkus-app/quarkus-run.jar ui/target/quarkus-app/quarkus-run.jar audit-service/target/quarkus-app/quarkus-run.jar
  device-tools/target/lib)

# The reactor modules a module is built from (its io.flexledger dependencies, transitively).
module_deps() { # module -> the module and its dependencies, one per line
  echo "$1"
  local d
  for d in $(grep -A1 '<groupId>io.flexledger</groupId>' "$1/pom.xml" | sed -n 's#.*<artifactId>\([a-z-]*\)</artifactId>.*#\1#p'); do
    [ -d "$d" ] && module_deps "$d"
  done
}

# Builds each stack module whose artifact is missing or whose sources (its own, its dependencies',
# a pom) changed since its last build, and only those: a service whose build did not change is
# not restarted by `up`.
ensure_stack_built() {
  local stale=() why=() art mod stamp changed
  for art in "${STACK_ARTIFACTS[@]}"; do
    mod=${art%%/*}
    stamp="$mod/target/flex-built.stamp"
    if [ ! -e "$art" ] || [ ! -f "$stamp" ]; then
      stale+=("$mod")
      why+=("$mod: not built")
      continue
    fi
    changed=$(for d in $(module_deps "$mod" | sort -u); do echo "$d/src $d/pom.xml"; done |
      xargs sh -c 'find pom.xml "$@" -newer "'"$stamp"'" -type f -print -quit 2>/dev/null' sh)
    if [ -n "$changed" ]; then
      stale+=("$mod")
      why+=("$mod: $changed changed")
    fi
  done
  [ ${#stale[@]} -gt 0 ] || return 0
  echo "flex: building ${stale[*]} (${why[*]})" >&2
  local started=$SECONDS modules
  for mod in "${stale[@]}"; do mkdir -p "$mod/target" && touch "$mod/target/flex-built.stamp.new"; done
  modules=$(IFS=,; echo "${stale[*]}")
  "${MVN[@]}" -pl "$modules" -am -DskipTests package >&2
  for mod in "${stale[@]}"; do mv "$mod/target/flex-built.stamp.new" "$mod/target/flex-built.stamp"; done
  echo "flex: built in $((SECONDS - started)) s" >&2
  BUILT=true
}
BUILT=false

# Starts the stack (or finds it running) and says whether anything was built or restarted.
stack_up() {
  local started_log
  started_log=$(mktemp)
  FLEX_STARTED_LOG=$started_log "$ROOT/network-config/scripts/network.sh" up
  if ! $BUILT && [ ! -s "$started_log" ]; then
    echo "flex: the stack was healthy: no build, no restart ($SECONDS s)" >&2
  elif [ -s "$started_log" ]; then
    echo "flex: started $(tr '\n' ' ' <"$started_log")($SECONDS s)" >&2
  fi
  rm -f "$started_log"
}

cmd=${1:-help}
[ $# -gt 0 ] && shift
case "$cmd" in
  test | help | -h | --help | clear | community-clear | cems) ;;
  *) stack_env ;;
esac
case "$cmd" in
  clear)
    # a solve of a few seconds: the client compiler alone (the optimising one's compilations cost more
    # CPU than they return in that time; docs/benchmarks-clearing.md); FLEX_JAVA_OPTS replaces it
    FLEX_JAVA_OPTS=${FLEX_JAVA_OPTS:--XX:TieredStopAtLevel=1} run_clear "$@" ;;
  community-clear) run_java clearing io.flexledger.clearing.community.CommunityClearCommand "$@" ;;
  cems) run_java cems io.flexledger.agents.cems.CemsCommand "$@" ;;
  simulate)
    # --live: the agents as clients of the running stack (live-agents); else the in-process simulator
    live=false
    for a in "$@"; do [ "$a" = --live ] && live=true; done
    if $live; then
      run_java live-agents io.flexledger.agents.live.LiveCommand "$@"
    else
      run_java simulator io.flexledger.agents.sim.SimulateCommand "$@"
    fi
    ;;
  devices) exec "$ROOT/device-tools/bin/device-sim" "$@" ;;
  chaos) run_java tools io.flexledger.tools.chaos.ChaosCommand "$@" ;;
  uftp) run_java tools io.flexledger.tools.uftp.UftpCommand "$@" ;;
  settle) run_java settlement io.flexledger.settlement.cli.SettlementCommand settle "$@" ;;
  audit) run_java settlement io.flexledger.settlement.cli.SettlementCommand audit "$@" ;;
  bench)
    what=${1:-}
    [ $# -gt 0 ] && shift
    case "$what" in
      clearing) exec "$ROOT/clearing/bench/run.sh" "$@" ;;
      ledger)
        export FLEX_HOME=${FLEX_HOME:-$ROOT/.flex}
        run_java tools io.flexledger.tools.bench.LedgerBench "$@"
        ;;
      ordering) exec "$ROOT/network-config/scripts/bench-ordering.sh" "$@" ;;
      bridge) exec "$ROOT/device-tools/bench/run.sh" "$@" ;;
      settlement) exec "$ROOT/network-config/scripts/bench-settlement.sh" "$@" ;;
      cems)
        ensure_built cems
        exec java ${FLEX_JAVA_OPTS:-} -cp "cems/target/test-classes:cems/target/classes:cems/target/lib/*" \
          io.flexledger.agents.cems.bench.CemsBench "$@"
        ;;
      *) echo "flex bench: unknown benchmark '${what}' (known: clearing, ledger, ordering, bridge, settlement, cems)" >&2; exit 2 ;;
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
    "$ROOT/network-config/scripts/prereqs.sh" up
    ensure_stack_built
    stack_up
    ;;
  down) exec "$ROOT/network-config/scripts/network.sh" down "$@" ;;
  status) exec "$ROOT/network-config/scripts/network.sh" status "$@" ;;
  demo)
    "$ROOT/network-config/scripts/prereqs.sh" demo
    ensure_stack_built
    stack_up
    exec "$ROOT/network-config/scripts/demo.sh" "$@"
    ;;
  test)
    "$ROOT/network-config/scripts/prereqs.sh" test
    exec "$ROOT/mvnw" -B verify "$@"
    ;;
  prereqs) exec "$ROOT/network-config/scripts/prereqs.sh" "${1:-up}" "${@:2}" ;;
  help | -h | --help) usage ;;
  *) echo "flex: unknown command '$cmd'" >&2; usage >&2; exit 2 ;;
esac
