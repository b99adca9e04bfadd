#!/usr/bin/env bash
# FlexLedger's local stack: the ordering service (four SmartBFT orderers, one per organisation,
# or one Raft orderer: FLEX_ORDERING) and four peers as local processes on 127.0.0.1 with TLS,
# the channel `flexmarket`, the chaincode running as a service, one marketplace-api instance per
# organisation, Keycloak, and the off-ledger services of services.sh (MQTT broker, PostgreSQL,
# EVM node, device bridge, web UI).
#
#   network.sh up        start what is not running; create and join the channel and deploy the
#                        chaincode when that has not been done yet (safe to run twice)
#   network.sh down      stop what `up` started, by PID; keep crypto material and ledgers
#   network.sh down --wipe   ... and delete the runtime folder (crypto, ledgers, logs)
#   network.sh status    one line per process; exit 0 only when all are healthy
#   network.sh heights   each ordering node's height of the channel (channel participation API)
#   network.sh restart NAME   stop and start one marketplace-api instance (api.dso, api.aggregator1, ...)
#                        or one orderer (orderer.dso, ..., orderer0), which then catches up
#
# Environment:
#   FLEX_HOME     runtime folder (default: <checkout>/.flex)
#   FABRIC_BIN, FABRIC_DIST   where the Fabric binaries come from (see fabric-binaries.sh)
#   FLEX_PORT_OFFSET  added to every port of the stack (see ports.sh)
#   FLEX_ORDERING  bft (default: orderer.dso, orderer.aggregator1, orderer.aggregator2,
#                  orderer.community, SmartBFT) or raft (orderer0); chosen when the channel is made
#   FLEX_CC_ADDRESS  the chaincode address in the package (default 127.0.0.1:9999, the DSO's server);
#                    each peer dials its own organisation's server (ports.sh CC_PORT_*)
#   FLEX_KEYCLOAK_PORT  the identity provider's HTTP port (default 8180; see keycloak.sh)
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
RUN=${FLEX_HOME:-$ROOT/.flex}
CHANNEL=flexmarket
CC_NAME=flexledger
CC_LABEL=flexledger_ccaas
# shellcheck source=ports.sh
source "$NC_DIR/scripts/ports.sh"
CC_ADDRESS=${FLEX_CC_ADDRESS:-127.0.0.1:$CC_PORT}
CC_POLICY="OutOf(2, 'DsoMSP.peer', 'Aggregator1MSP.peer', 'Aggregator2MSP.peer', 'CommunityMSP.peer')"

# The ordering nodes: name org-key msp-id listen-port admin-port operations-port org-domain node-name
# With BFT each market organisation runs one, under its own ordering MSP; their consenter ids in
# the channel are their places here (1 to 4). With Raft one node of a separate organisation.
if [ "$FLEX_ORDERING" = bft ]; then
  PROFILE=FlexMarketBFT
  ORDERERS=(
    "orderer.dso dso DsoOrdererMSP $ORDERER_DSO_PORT $ORDERER_DSO_ADMIN_PORT $ORDERER_DSO_OPS_PORT ordering.dso.flexledger.local orderer.dso.flexledger.local"
    "orderer.aggregator1 aggregator1 Aggregator1OrdererMSP $ORDERER_AGGREGATOR1_PORT $ORDERER_AGGREGATOR1_ADMIN_PORT $ORDERER_AGGREGATOR1_OPS_PORT ordering.aggregator1.flexledger.local orderer.aggregator1.flexledger.local"
    "orderer.aggregator2 aggregator2 Aggregator2OrdererMSP $ORDERER_AGGREGATOR2_PORT $ORDERER_AGGREGATOR2_ADMIN_PORT $ORDERER_AGGREGATOR2_OPS_PORT ordering.aggregator2.flexledger.local orderer.aggregator2.flexledger.local"
    "orderer.community community CommunityOrdererMSP $ORDERER_COMMUNITY_PORT $ORDERER_COMMUNITY_ADMIN_PORT $ORDERER_COMMUNITY_OPS_PORT ordering.community.flexledger.local orderer.community.flexledger.local"
  )
else
  PROFILE=FlexMarketRaft
  ORDERERS=(
    "orderer0 - OrdererMSP $ORDERER_PORT $ORDERER_ADMIN_PORT $ORDERER_OPS_PORT orderer.flexledger.local orderer0.orderer.flexledger.local"
  )
fi
# Every ordering node either setting can start, for `down`.
ALL_ORDERER_NAMES=(orderer.dso orderer.aggregator1 orderer.aggregator2 orderer.community orderer0)

# name org-key msp-id listen-port chaincode-port operations-port chaincode-server-port
# Each organisation runs its own chaincode server, which its peer alone dials: its endorsements come
# from its own process and clock (decision 0015).
PEERS=(
  "peer0.dso dso DsoMSP $PEER_DSO_PORT $((PEER_DSO_PORT + 1)) $(p 9444) $CC_PORT_DSO"
  "peer0.aggregator1 aggregator1 Aggregator1MSP $PEER_AGGREGATOR1_PORT $((PEER_AGGREGATOR1_PORT + 1)) $(p 9445) $CC_PORT_AGGREGATOR1"
  "peer0.aggregator2 aggregator2 Aggregator2MSP $PEER_AGGREGATOR2_PORT $((PEER_AGGREGATOR2_PORT + 1)) $(p 9446) $CC_PORT_AGGREGATOR2"
  "peer0.community community CommunityMSP $PEER_COMMUNITY_PORT $((PEER_COMMUNITY_PORT + 1)) $(p 9447) $CC_PORT_COMMUNITY"
)

# marketplace-api instances: name org-key msp-id http-port peer-port
APIS=(
  "api.dso dso DsoMSP $API_DSO_PORT $PEER_DSO_PORT"
  "api.aggregator1 aggregator1 Aggregator1MSP $API_AGGREGATOR1_PORT $PEER_AGGREGATOR1_PORT"
  "api.aggregator2 aggregator2 Aggregator2MSP $API_AGGREGATOR2_PORT $PEER_AGGREGATOR2_PORT"
  "api.community community CommunityMSP $API_COMMUNITY_PORT $PEER_COMMUNITY_PORT"
)
API_BUILD="$ROOT/marketplace-api/target/quarkus-app"
API_JAR="$RUN/services/marketplace-api/quarkus-run.jar"
KEYCLOAK="$NC_DIR/scripts/keycloak.sh"
SERVICES="$NC_DIR/scripts/services.sh"

log() { echo "network: $*" >&2; }
die() { echo "network: $*" >&2; exit 1; }

binaries() { "$NC_DIR/scripts/fabric-binaries.sh"; }

# ---- processes -----------------------------------------------------------------------

# shellcheck source=processes.sh
source "$NC_DIR/scripts/processes.sh"

# ---- material ------------------------------------------------------------------------

prepare() {
  local bin=$1
  mkdir -p "$RUN/config" "$RUN/artifacts" "$RUN/data"
  if [ ! -d "$RUN/crypto" ]; then
    log "generating crypto material (cryptogen)"
    "$bin/cryptogen" generate --config="$NC_DIR/config/crypto-config.yaml" --output="$RUN/crypto.tmp" >/dev/null
    mv "$RUN/crypto.tmp" "$RUN/crypto"
  fi
  local subst=() v
  for v in ORDERER_PORT ORDERER_DSO_PORT ORDERER_AGGREGATOR1_PORT ORDERER_AGGREGATOR2_PORT ORDERER_COMMUNITY_PORT \
    PEER_DSO_PORT PEER_AGGREGATOR1_PORT PEER_AGGREGATOR2_PORT PEER_COMMUNITY_PORT; do
    subst+=(-e "s/@$v@/${!v}/g")
  done
  sed "${subst[@]}" "$NC_DIR/config/configtx.yaml" >"$RUN/config/configtx.yaml"
  cp "$NC_DIR/config/orderer.yaml" "$RUN/config/"
  sed "s#@BUILDERS@#$NC_DIR/builders/ccaas#" "$NC_DIR/config/core.yaml" >"$RUN/config/core.yaml"
  if [ ! -f "$RUN/artifacts/$CHANNEL.block" ]; then
    log "creating the genesis block of channel $CHANNEL (configtxgen, profile $PROFILE)"
    "$bin/configtxgen" -configPath "$RUN/config" -profile "$PROFILE" -channelID "$CHANNEL" \
      -outputBlock "$RUN/artifacts/$CHANNEL.block" 2>>"$RUN/logs/configtxgen.log" ||
      die "configtxgen failed (see $RUN/logs/configtxgen.log)"
    echo "$FLEX_ORDERING" >"$RUN/config/ordering"
  elif [ ! -f "$RUN/config/ordering" ]; then
    echo raft >"$RUN/config/ordering" # made before the choice existed: one Raft node
  fi
  local made
  made=$(cat "$RUN/config/ordering")
  [ "$made" = "$FLEX_ORDERING" ] ||
    die "this stack's channel is ordered by $made, not $FLEX_ORDERING (FLEX_ORDERING); the ordering is chosen when the channel is made: ./flex down --wipe, then ./flex up with FLEX_ORDERING=$FLEX_ORDERING"
}

peer_org_dir() { echo "$RUN/crypto/peerOrganizations/$1.flexledger.local"; }
# An ordering node's folder, its organisation's TLS CA and admin, by its entry of ORDERERS.
orderer_dir() { read -r _ _ _ _ _ _ d n <<<"$1"; echo "$RUN/crypto/ordererOrganizations/$d/orderers/$n"; }
orderer_ca() { read -r _ _ _ _ _ _ d _ <<<"$1"; echo "$RUN/crypto/ordererOrganizations/$d/tlsca/tlsca.$d-cert.pem"; }
orderer_admin_tls() { read -r _ _ _ _ _ _ d _ <<<"$1"; echo "$RUN/crypto/ordererOrganizations/$d/users/Admin@$d/tls"; }
orderer_entry() { # name -> its entry of ORDERERS
  local o
  for o in "${ORDERERS[@]}"; do
    [ "${o%% *}" = "$1" ] && { echo "$o"; return 0; }
  done
  return 1
}
# The ordering nodes an organisation's peer CLI sends to, its own organisation's first (BFT), one
# "ADDRESS TLS-CA-FILE" line each; the caller tries the next when one fails.
orderers_for() { # org-key
  local o first=() rest=()
  for o in "${ORDERERS[@]}"; do
    read -r _name key _msp port _ <<<"$o"
    if [ "$key" = "$1" ]; then first+=("127.0.0.1:$port $(orderer_ca "$o")"); else rest+=("127.0.0.1:$port $(orderer_ca "$o")"); fi
  done
  printf '%s\n' "${first[@]}" "${rest[@]}"
}

# ---- nodes ---------------------------------------------------------------------------

start_orderer() { # bin "name key msp port admin-port ops-port org-domain node-name"
  local bin=$1 dir name msp port admin ops
  read -r name _ msp port admin ops _ <<<"$2"
  dir=$(orderer_dir "$2")
  mkdir -p "$RUN/data/$name"
  (
    export FABRIC_CFG_PATH="$RUN/config"
    export ORDERER_GENERAL_LOCALMSPID="$msp"
    export ORDERER_GENERAL_LOCALMSPDIR="$dir/msp"
    export ORDERER_GENERAL_TLS_PRIVATEKEY="$dir/tls/server.key"
    export ORDERER_GENERAL_TLS_CERTIFICATE="$dir/tls/server.crt"
    export ORDERER_GENERAL_TLS_ROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$dir/tls/server.crt"
    export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$dir/tls/server.key"
    export ORDERER_ADMIN_TLS_CERTIFICATE="$dir/tls/server.crt"
    export ORDERER_ADMIN_TLS_PRIVATEKEY="$dir/tls/server.key"
    export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_FILELEDGER_LOCATION="$RUN/data/$name/ledger"
    if [ "$FLEX_ORDERING" = bft ]; then
      export ORDERER_CONSENSUS_WALDIR="$RUN/data/$name/smartbft/wal"
    else
      export ORDERER_CONSENSUS_WALDIR="$RUN/data/$name/etcdraft/wal"
      export ORDERER_CONSENSUS_SNAPDIR="$RUN/data/$name/etcdraft/snapshot"
    fi
    export ORDERER_GENERAL_LISTENPORT="$port"
    export ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$admin"
    export ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$ops"
    start_process "$name" "$bin/orderer"
  )
}

orderer_ready() { # "name key msp port admin ops ..."
  read -r _ _ _ _ _ ops _ <<<"$1"
  http_ok "http://127.0.0.1:$ops/healthz"
}

start_peer() { # bin "name key msp port ccport opsport ccserverport"
  local bin=$1
  read -r name key msp port ccport opsport ccserver <<<"$2"
  local org pdir
  org=$(peer_org_dir "$key")
  pdir="$org/peers/peer0.$key.flexledger.local"
  mkdir -p "$RUN/data/$name"
  (
    export FABRIC_CFG_PATH="$RUN/config"
    export CORE_PEER_ID="$name"
    export CORE_PEER_LOCALMSPID="$msp"
    export CORE_PEER_MSPCONFIGPATH="$pdir/msp"
    export CORE_PEER_LISTENADDRESS="127.0.0.1:$port"
    export CORE_PEER_ADDRESS="127.0.0.1:$port"
    export CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$ccport"
    export CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$ccport"
    export CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$port"
    export CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$port"
    export CORE_PEER_TLS_ENABLED=true
    export CORE_PEER_TLS_CERT_FILE="$pdir/tls/server.crt"
    export CORE_PEER_TLS_KEY_FILE="$pdir/tls/server.key"
    export CORE_PEER_TLS_ROOTCERT_FILE="$pdir/tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$RUN/data/$name"
    export CORE_LEDGER_SNAPSHOTS_ROOTDIR="$RUN/data/$name/snapshots"
    export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$opsport"
    export CORE_VM_ENDPOINT=""
    # Read by the external builder (core.yaml propagateEnvironment): this peer's chaincode server.
    export FLEX_CHAINCODE_SERVER="127.0.0.1:$ccserver"
    start_process "$name" "$bin/peer" node start
  )
}

# Runs the peer CLI as the admin of an organisation against its own peer.
peer_as_admin() { # bin "name key msp port ..." peer-args...
  local bin=$1
  read -r _name key msp port _rest <<<"$2"
  shift 2
  local org
  org=$(peer_org_dir "$key")
  FABRIC_CFG_PATH="$RUN/config" \
    CORE_PEER_LOCALMSPID="$msp" \
    CORE_PEER_MSPCONFIGPATH="$org/users/Admin@$key.flexledger.local/msp" \
    CORE_PEER_ADDRESS="127.0.0.1:$port" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="$org/tlsca/tlsca.$key.flexledger.local-cert.pem" \
    "$bin/peer" "$@"
}

# The channel participation API of one ordering node, as its own organisation's admin (mutual TLS
# with that organisation's TLS CA: no other organisation can join or remove its node).
osnadmin_args() { # "name key msp port admin ..."
  local admin adminport
  read -r _ _ _ _ adminport _ <<<"$1"
  admin=$(orderer_admin_tls "$1")
  echo "-o 127.0.0.1:$adminport --ca-file $(orderer_ca "$1") --client-cert $admin/client.crt --client-key $admin/client.key"
}

join_channel() {
  local bin=$1 o name
  for o in "${ORDERERS[@]}"; do
    name=${o%% *}
    # shellcheck disable=SC2046
    if "$bin/osnadmin" channel list --channelID "$CHANNEL" $(osnadmin_args "$o") 2>/dev/null | grep -q '"name": "'"$CHANNEL"'"'; then
      log "$name already serves $CHANNEL"
    else
      log "$name joins $CHANNEL (channel participation API)"
      local answer
      # shellcheck disable=SC2046
      answer=$("$bin/osnadmin" channel join --channelID "$CHANNEL" --config-block "$RUN/artifacts/$CHANNEL.block" \
        $(osnadmin_args "$o") 2>&1) || {
        echo "$answer" >>"$RUN/logs/cli.log"
        # An orderer restarted on its kept ledger may not list the channel yet: it serves it already.
        grep -qi "already exists" <<<"$answer" || die "$name could not join $CHANNEL (see $RUN/logs/cli.log)"
        log "$name had joined $CHANNEL already"
      }
    fi
  done
  for p in "${PEERS[@]}"; do
    read -r name _ <<<"$p"
    if peer_as_admin "$bin" "$p" channel list 2>/dev/null | grep -qx "$CHANNEL"; then
      log "$name already joined $CHANNEL"
    else
      log "$name joins $CHANNEL"
      local tries=0 answer
      until answer=$(peer_as_admin "$bin" "$p" channel join -b "$RUN/artifacts/$CHANNEL.block" 2>&1); do
        echo "$answer" >>"$RUN/logs/cli.log"
        # A peer restarted on its kept ledger may not list its channel yet: it has joined it already.
        if grep -q "ledger \[$CHANNEL\] already exists" <<<"$answer"; then
          log "$name had joined $CHANNEL already"
          break
        fi
        tries=$((tries + 1))
        ((tries < 10)) || die "$name could not join $CHANNEL (see $RUN/logs/cli.log)"
        sleep 1
      done
      echo "$answer" >>"$RUN/logs/cli.log"
    fi
  done
}

# ---- chaincode -----------------------------------------------------------------------

chaincode_package() {
  local pkg="$RUN/artifacts/$CC_LABEL.tar.gz"
  if [ ! -f "$pkg" ]; then
    local tmp
    tmp=$(mktemp -d)
    printf '{"address":"%s","dial_timeout":"10s","tls_required":false}\n' "$CC_ADDRESS" >"$tmp/connection.json"
    printf '{"type":"ccaas","label":"%s"}\n' "$CC_LABEL" >"$tmp/metadata.json"
    tar -C "$tmp" -czf "$tmp/code.tar.gz" connection.json
    tar -C "$tmp" -czf "$pkg" metadata.json code.tar.gz
    rm -rf "$tmp"
  fi
  echo "$pkg"
}

collections_args() {
  local cfg="$ROOT/chaincode/collections_config.json"
  if [ -f "$cfg" ]; then echo "--collections-config $cfg"; fi
}

deploy_chaincode() {
  local bin=$1 pkg pkgid
  pkg=$(chaincode_package)
  pkgid=$(FABRIC_CFG_PATH="$RUN/config" "$bin/peer" lifecycle chaincode calculatepackageid "$pkg")

  define_chaincode "$bin" "$pkg" "$pkgid"

  local built="$ROOT/chaincode/target/chaincode.jar" jar="$RUN/services/chaincode.jar"
  [ -f "$built" ] || die "missing $built: build it with ./mvnw -pl chaincode -am package"
  # The service runs from its own copy, so that a rebuild cannot change classes under it;
  # a new build replaces the copy and restarts the service.
  if ! cmp -s "$built" "$jar"; then
    stop_chaincode_servers
    mkdir -p "$RUN/services"
    cp "$built" "$jar"
  fi
  local p name key msp ccserver
  for p in "${PEERS[@]}"; do
    read -r _name key msp _port _cc _ops ccserver <<<"$p"
    (
      # A chaincode server is a plain process; the peers' TLS settings must not leak into it.
      unset CORE_PEER_TLS_ENABLED
      export CHAINCODE_SERVER_ADDRESS="127.0.0.1:$ccserver"
      export CORE_CHAINCODE_ID_NAME="$pkgid"
      export FLEX_PEER_ORG="$msp"
      start_process "chaincode.$key" java ${FLEX_CHAINCODE_JAVA_OPTS:--Xmx192m} -jar "$jar"
    )
  done
  for p in "${PEERS[@]}"; do
    read -r _name key _msp _port _cc _ops ccserver <<<"$p"
    wait_for "chaincode server of $key on 127.0.0.1:$ccserver" 60 tcp_open "127.0.0.1:$ccserver"
  done
}

stop_chaincode_servers() {
  local p key
  for p in "${PEERS[@]}"; do
    read -r _name key _ <<<"$p"
    stop_process "chaincode.$key"
  done
  # A stack started before each organisation had its own server ran one named "chaincode".
  stop_process chaincode
}

# Installs the package on every peer, has every organisation approve the definition and
# commits it, skipping each step that is already done.
define_chaincode() {
  local bin=$1 pkg=$2 pkgid=$3
  local committed
  committed=$(peer_as_admin "$bin" "${PEERS[0]}" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null || true)
  if grep -q "Sequence: " <<<"$committed"; then
    log "chaincode $CC_NAME already committed on $CHANNEL ($(grep -o 'Sequence: [0-9]*' <<<"$committed"))"
    return 0
  fi

  local seq=1
  # shellcheck disable=SC2046
  local common=(-C "$CHANNEL" -n "$CC_NAME" -v 1.0 --sequence "$seq" --signature-policy "$CC_POLICY" $(collections_args))
  for p in "${PEERS[@]}"; do
    read -r name _ <<<"$p"
    if peer_as_admin "$bin" "$p" lifecycle chaincode queryinstalled 2>/dev/null | grep -q "$pkgid"; then
      log "$name has the package installed"
    else
      log "installing the chaincode package on $name"
      peer_as_admin "$bin" "$p" lifecycle chaincode install "$pkg" >>"$RUN/logs/cli.log" 2>&1 ||
        die "install on $name failed (see $RUN/logs/cli.log)"
    fi
  done
  for p in "${PEERS[@]}"; do
    read -r name key msp _ <<<"$p"
    if peer_as_admin "$bin" "$p" lifecycle chaincode checkcommitreadiness "${common[@]}" 2>/dev/null | grep -q "$msp: true"; then
      log "$msp has approved"
    else
      log "$msp approves the chaincode definition"
      peer_to_orderer "$bin" "$p" lifecycle chaincode approveformyorg "${common[@]}" --package-id "$pkgid" \
        --waitForEvent || die "approval by $msp failed (see $RUN/logs/cli.log)"
    fi
  done
  local targets=()
  for p in "${PEERS[@]}"; do
    read -r _name key _msp port _ <<<"$p"
    targets+=(--peerAddresses "127.0.0.1:$port" --tlsRootCertFiles "$(peer_org_dir "$key")/tlsca/tlsca.$key.flexledger.local-cert.pem")
  done
  log "committing the chaincode definition (endorsement policy: $CC_POLICY)"
  peer_to_orderer "$bin" "${PEERS[0]}" lifecycle chaincode commit "${common[@]}" "${targets[@]}" ||
    die "commit failed (see $RUN/logs/cli.log)"
}

# Runs a peer CLI command that submits a transaction, as the admin of the peer's organisation, sent
# to its own organisation's orderer (BFT) or orderer0, and to the next orderer if that one fails.
peer_to_orderer() { # bin "name key ..." peer-args...
  local bin=$1 entry=$2 key addr ca
  shift 2
  read -r _ key _ <<<"$entry"
  while read -r addr ca; do
    if peer_as_admin "$bin" "$entry" "$@" -o "$addr" --tls --cafile "$ca" >>"$RUN/logs/cli.log" 2>&1 </dev/null; then
      return 0
    fi
    log "the orderer at $addr did not take it; trying the next"
  done < <(orderers_for "$key")
  return 1
}

# ---- marketplace-api ------------------------------------------------------------------

# Copies a new build of marketplace-api to the runtime folder (the instances run from that copy);
# returns 0 if it changed.
stage_api() { stage_build "$API_BUILD" marketplace-api; }

start_api() { # "name key msp http-port peer-port"
  read -r name key msp http peerport <<<"$1"
  local org user
  org=$(peer_org_dir "$key")
  user="$org/users/User1@$key.flexledger.local/msp"
  (
    export QUARKUS_HTTP_HOST=127.0.0.1
    export QUARKUS_HTTP_PORT="$http"
    export FLEX_FABRIC_MSP_ID="$msp"
    export FLEX_FABRIC_PEER_ENDPOINT="127.0.0.1:$peerport"
    export FLEX_FABRIC_TLS_CA_CERT="$org/tlsca/tlsca.$key.flexledger.local-cert.pem"
    export FLEX_FABRIC_CERT="$user/signcerts/User1@$key.flexledger.local-cert.pem"
    export FLEX_FABRIC_KEY="$user/keystore"
    export FLEX_OIDC_URL="$FLEX_OIDC_URL"
    # C1 only (TieredStopAtLevel=1): under load, C2's compilations of the gRPC, TLS and crypto code
    # took more CPU than they saved (docs/benchmarks.md); FLEX_API_JAVA_OPTS replaces these options.
    start_process "$name" java ${FLEX_API_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar "$API_JAR"
  )
}

api_ready() { http_ok "http://127.0.0.1:$1/q/health/ready"; }

# ---- commands ------------------------------------------------------------------------

cmd_up() {
  local bin
  bin=$(binaries)
  mkdir -p "$RUN/logs"
  prepare "$bin"
  for o in "${ORDERERS[@]}"; do start_orderer "$bin" "$o"; done
  for p in "${PEERS[@]}"; do start_peer "$bin" "$p"; done
  for o in "${ORDERERS[@]}"; do wait_for "${o%% *}" 60 orderer_ready "$o"; done
  for p in "${PEERS[@]}"; do
    read -r name _key _msp _port _cc ops _ <<<"$p"
    wait_for "$name" 60 http_ok "http://127.0.0.1:$ops/healthz"
  done
  join_channel "$bin"
  deploy_chaincode "$bin"
  # The APIs check tokens against Keycloak: it answers before they start.
  "$KEYCLOAK" start
  "$SERVICES" infra
  if stage_api; then
    for a in "${APIS[@]}"; do
      read -r name _ <<<"$a"
      stop_process "$name"
    done
  fi
  for a in "${APIS[@]}"; do start_api "$a"; done
  for a in "${APIS[@]}"; do
    read -r name _key _msp http _ <<<"$a"
    wait_for "$name" 90 api_ready "$http"
  done
  # The device bridge reads device keys through the DSO's API; the UI reads every service.
  "$SERVICES" up
  log "up: channel $CHANNEL, chaincode $CC_NAME, APIs on 127.0.0.1:$API_DSO_PORT-$API_COMMUNITY_PORT, Keycloak on $KEYCLOAK_URL"
}

cmd_down() {
  local wipe=false
  [ "${1:-}" = "--wipe" ] && wipe=true
  "$SERVICES" down
  for a in "${APIS[@]}"; do
    read -r name _ <<<"$a"
    stop_process "$name"
  done
  "$KEYCLOAK" stop
  stop_chaincode_servers
  for p in "${PEERS[@]}"; do
    read -r name _ <<<"$p"
    stop_process "$name"
  done
  for name in "${ALL_ORDERER_NAMES[@]}"; do stop_process "$name"; done
  if $wipe; then
    "$SERVICES" wipe
    rm -rf "$RUN/crypto" "$RUN/config" "$RUN/artifacts" "$RUN/data" "$RUN/logs" "$RUN/pids" "$RUN/services" "$RUN/keycloak"
    log "wiped $RUN (crypto material, ledgers, logs)"
  fi
}

# Prints "name PID port healthy|unhealthy" lines; returns non-zero if any is unhealthy.
cmd_status() {
  local bad=0
  line() { # name port health-test...
    local name=$1 port=$2 pid state
    shift 2
    pid=$(pid_of "$name" || echo "-")
    if [ "$pid" != "-" ] && "$@"; then state=healthy; else state=unhealthy; bad=1; fi
    printf '%-20s %-8s %-6s %s\n' "$name" "$pid" "$port" "$state"
  }
  for o in "${ORDERERS[@]}"; do
    read -r name _key _msp port _ <<<"$o"
    line "$name" "$port" orderer_ready "$o"
  done
  for p in "${PEERS[@]}"; do
    read -r name _key _msp port _cc ops _ <<<"$p"
    line "$name" "$port" http_ok "http://127.0.0.1:$ops/healthz"
  done
  for p in "${PEERS[@]}"; do
    read -r _name key _msp _port _cc _ops ccserver <<<"$p"
    line "chaincode.$key" "$ccserver" tcp_open "127.0.0.1:$ccserver"
  done
  for a in "${APIS[@]}"; do
    read -r name _key _msp http _ <<<"$a"
    line "$name" "$http" api_ready "$http"
  done
  "$KEYCLOAK" status || bad=1
  "$SERVICES" status || bad=1
  return $bad
}

# Prints "name height" per ordering node ("name down" when it does not answer).
cmd_heights() {
  local bin o h
  bin=$(binaries)
  for o in "${ORDERERS[@]}"; do
    # shellcheck disable=SC2046
    h=$("$bin/osnadmin" channel list --channelID "$CHANNEL" $(osnadmin_args "$o") 2>/dev/null |
      sed -n 's/.*"height": *\([0-9]*\).*/\1/p' | head -n 1) || true
    echo "${o%% *} ${h:-down}"
  done
}

# Stops and starts one marketplace-api instance (e.g. to show that a retried POST survives a
# restart) or one ordering node (which then catches up with the others' blocks).
cmd_restart() {
  local target=${1:-} a name o
  if o=$(orderer_entry "$target"); then
    stop_process "$target"
    start_orderer "$(binaries)" "$o"
    wait_for "$target" 60 orderer_ready "$o"
    log "restarted $target"
    return 0
  fi
  for a in "${APIS[@]}"; do
    read -r name _key _msp http _ <<<"$a"
    if [ "$name" = "$target" ]; then
      stop_process "$name"
      start_api "$a"
      wait_for "$name" 90 api_ready "$http"
      log "restarted $name"
      return 0
    fi
  done
  local names=()
  for o in "${ORDERERS[@]}"; do names+=("${o%% *}"); done
  die "restart: unknown instance '$target' (one of: api.dso api.aggregator1 api.aggregator2 api.community ${names[*]})"
}

case "${1:-}" in
  up) cmd_up ;;
  restart) shift; cmd_restart "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) cmd_status ;;
  heights) cmd_heights ;;
  *) echo "usage: network.sh up | down [--wipe] | status | heights | restart NAME" >&2; exit 2 ;;
esac
