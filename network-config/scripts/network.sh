#!/usr/bin/env bash
# FlexLedger's local stack: the ordering service (four SmartBFT orderers, one per organisation,
# or one Raft orderer: FLEX_ORDERING) and eight peers (two per organisation) as local processes
# on 127.0.0.1 with TLS,
# the channel `flexmarket`, the chaincode running as a service, one marketplace-api instance per
# organisation, Keycloak, and the off-ledger services of services.sh (MQTT broker, PostgreSQL,
# EVM node, device bridge, web UI).
#
#   network.sh up        start what is not running; create and join the channel and deploy the
#                        chaincode when that has not been done yet (safe to run twice)
#   network.sh down      stop every process and the stack's supervisord; keep crypto and ledgers
#   network.sh down --wipe   ... and delete the runtime folder (crypto, ledgers, logs)
#   network.sh status [NAME...]  one line per process (or per NAME): name, PID, port, supervisor
#                        state, restarts seen, healthy or not; exit 0 only when all are healthy
#   network.sh heights   each ordering node's height of the channel (channel participation API),
#                        then each peer's (peer channel getinfo)
#   network.sh restart NAME   stop and start any one process (orderer.dso, peer0.dso, chaincode.dso,
#                        api.aggregator1, keycloak, postgres, ...) and wait until it is healthy
#   network.sh stop NAME      stop one process; it stays stopped (no automatic restart) until
#   network.sh start NAME     ... it is started again (then waits until it is healthy)
#   network.sh pid NAME  the live PID of one process (exit 1 when it does not run)
#   network.sh pids      "name pid" of every running process
#
# Every process runs under the stack's own supervisord, which restarts it when it exits; the
# processes are declared once, in stack.sh (docs/decisions/0017-supervision.md).
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

# shellcheck source=stack.sh
source "$NC_DIR/scripts/stack.sh"

# The nodes and instances, from the declarations of stack.sh, each as "name org-key msp-id port ...":
# ordering nodes: ... admin-port operations-port org-domain node-name. With BFT each market
# organisation runs one, under its own ordering MSP; their consenter ids in the channel are their
# places here (1 to 4). With Raft one node of a separate organisation.
# peers: ... chaincode-port operations-port chaincode-server-port. Each organisation runs its own
# chaincode server, which its peers alone dial: its endorsements come from its own process and
# clock (decision 0015); each organisation runs two peers, peer0 and peer1, so that its API can fail
# over (decision 0018). marketplace-api instances: ... gateway-peer-ports (its own organisation's
# peers, in the order it tries them, comma-separated).
ORDERERS=() PEERS=() APIS=()
for _n in $(of_kind orderer); do ORDERERS+=("$(entry "$_n")"); done
for _n in $(of_kind peer); do PEERS+=("$(entry "$_n")"); done
for _n in $(of_kind api); do APIS+=("$(entry "$_n")"); done
if [ "$FLEX_ORDERING" = bft ]; then PROFILE=FlexMarketBFT; else PROFILE=FlexMarketRaft; fi


# The first peer of each organisation (peer0.*): it stands for its organisation where one peer is
# enough (approving and committing the chaincode definition).
org_peers() { local p; for p in "${PEERS[@]}"; do [[ $p == peer0.* ]] && echo "$p"; done; }

log() { echo "network: $*" >&2; }
die() { echo "network: $*" >&2; exit 1; }

binaries() { "$NC_DIR/scripts/fabric-binaries.sh"; }

# ---- material ------------------------------------------------------------------------

prepare() {
  local bin=$1
  mkdir -p "$RUN/config" "$RUN/artifacts" "$RUN/data"
  if [ ! -d "$RUN/crypto" ]; then
    log "generating crypto material (cryptogen)"
    "$bin/cryptogen" generate --config="$NC_DIR/config/crypto-config.yaml" --output="$RUN/crypto.tmp" >/dev/null
    mv "$RUN/crypto.tmp" "$RUN/crypto"
  fi
  # A stack made with fewer peers per organisation: add the missing peers' material, signed by the
  # organisations' existing CAs (cryptogen extend keeps what is there).
  local p name
  for p in "${PEERS[@]}"; do
    name=${p%% *}
    if [ ! -d "$(peer_node_dir "$p")" ]; then
      log "adding crypto material for $name and any other missing node (cryptogen extend)"
      "$bin/cryptogen" extend --config="$NC_DIR/config/crypto-config.yaml" --input="$RUN/crypto" >/dev/null ||
        die "cryptogen extend failed"
      break
    fi
  done
  local subst=() v
  for v in ORDERER_PORT ORDERER_DSO_PORT ORDERER_AGGREGATOR1_PORT ORDERER_AGGREGATOR2_PORT ORDERER_COMMUNITY_PORT \
    PEER_DSO_PORT PEER_AGGREGATOR1_PORT PEER_AGGREGATOR2_PORT PEER_COMMUNITY_PORT \
    PEER1_DSO_PORT PEER1_AGGREGATOR1_PORT PEER1_AGGREGATOR2_PORT PEER1_COMMUNITY_PORT; do
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

# A peer's own folder (MSP and TLS), by its entry of PEERS: peer1.dso -> .../peers/peer1.dso.flexledger.local
peer_node_dir() { read -r _name _key _ <<<"$1"; echo "$(peer_org_dir "$_key")/peers/$_name.flexledger.local"; }
# An ordering node's folder, its organisation's TLS CA and admin, by its entry of ORDERERS.
orderer_dir() { read -r _ _ _ _ _ _ d n <<<"$1"; echo "$RUN/crypto/ordererOrganizations/$d/orderers/$n"; }
orderer_ca() { read -r _ _ _ _ _ _ d _ <<<"$1"; echo "$RUN/crypto/ordererOrganizations/$d/tlsca/tlsca.$d-cert.pem"; }
orderer_admin_tls() { read -r _ _ _ _ _ _ d _ <<<"$1"; echo "$RUN/crypto/ordererOrganizations/$d/users/Admin@$d/tls"; }
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

# ---- channel -------------------------------------------------------------------------

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

  # The chaincode servers (one per organisation) are told the package id, and run from their
  # own copy of the build (a new build restarts them).
  echo "$pkgid" >"$RUN/artifacts/$CC_LABEL.id"
  # shellcheck disable=SC2046
  start_built $(of_kind chaincode)
}

# Installs the package on every peer, has every organisation approve the definition and
# commits it, skipping each step that is already done. A committed definition whose private data
# collections differ from chaincode/collections_config.json (as recorded at its commit in
# $RUN/config/collections.committed.json; a stack from before that record counts as different) is
# replaced by the next sequence with the same package and the current collections.
define_chaincode() {
  local bin=$1 pkg=$2 pkgid=$3
  local committed seq=1 record="$RUN/config/collections.committed.json" cfg="$ROOT/chaincode/collections_config.json"
  committed=$(peer_as_admin "$bin" "${PEERS[0]}" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" 2>/dev/null || true)
  if grep -q "Sequence: " <<<"$committed"; then
    local current
    current=$(grep -o 'Sequence: [0-9]*' <<<"$committed" | grep -o '[0-9]*')
    if [ ! -f "$cfg" ] || cmp -s "$cfg" "$record"; then
      log "chaincode $CC_NAME already committed on $CHANNEL (Sequence: $current)"
      define_install "$bin" "$pkg" "$pkgid" # a peer added since has the package too
      return 0
    fi
    seq=$((current + 1))
    log "chaincode $CC_NAME: new private data collections ($cfg); defining sequence $seq"
  fi

  # shellcheck disable=SC2046
  local common=(-C "$CHANNEL" -n "$CC_NAME" -v 1.0 --sequence "$seq" --signature-policy "$CC_POLICY" $(collections_args))
  define_install "$bin" "$pkg" "$pkgid"
  local orgs p name key msp port
  mapfile -t orgs < <(org_peers)
  for p in "${orgs[@]}"; do
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
  for p in "${orgs[@]}"; do
    read -r _name key _msp port _ <<<"$p"
    targets+=(--peerAddresses "127.0.0.1:$port" --tlsRootCertFiles "$(peer_org_dir "$key")/tlsca/tlsca.$key.flexledger.local-cert.pem")
  done
  log "committing the chaincode definition (endorsement policy: $CC_POLICY)"
  peer_to_orderer "$bin" "${PEERS[0]}" lifecycle chaincode commit "${common[@]}" "${targets[@]}" ||
    die "commit failed (see $RUN/logs/cli.log)"
  if [ -f "$cfg" ]; then cp "$cfg" "$record"; fi
}

define_install() { # bin package package-id: installs the package on every peer that lacks it
  local bin=$1 pkg=$2 pkgid=$3 p name
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

# ---- commands ------------------------------------------------------------------------

cmd_up() {
  local bin
  bin=$(binaries)
  FLEX_FABRIC_BIN_DIR=$bin
  mkdir -p "$RUN/logs"
  # The stack's endpoints, once, for every later command and script (ports.sh reads them back).
  flex_write_env "$RUN/env"
  prepare "$bin"
  # shellcheck disable=SC2046
  start_all $(of_kind orderer) $(of_kind peer)
  join_channel "$bin"
  deploy_chaincode "$bin"
  # The APIs check tokens against Keycloak: it answers before they start.
  start_all keycloak
  start_all mosquitto postgres ganache
  # shellcheck disable=SC2046
  start_built $(of_kind api)
  # The device bridge reads device keys through the DSO's API; the UI reads every service.
  start_built device-bridge settlement ui
  log "up: channel $CHANNEL, chaincode $CC_NAME, APIs on 127.0.0.1:$API_DSO_PORT-$API_COMMUNITY_PORT, Keycloak on $FLEX_KEYCLOAK_URL; endpoints in $RUN/env"
}

cmd_down() {
  local wipe=false
  [ "${1:-}" = "--wipe" ] && wipe=true
  down_all
  if $wipe; then
    "$NC_DIR/scripts/services.sh" wipe
    rm -rf "$RUN/env" "$RUN/crypto" "$RUN/config" "$RUN/artifacts" "$RUN/data" "$RUN/logs" "$RUN/pids" "$RUN/services" "$RUN/keycloak" "$RUN/supervisor"
    log "wiped $RUN (crypto material, ledgers, logs)"
  fi
}

# Prints "name height" per ordering node, then per peer ("name down" when it does not answer).
cmd_heights() {
  local bin o h
  bin=$(binaries)
  for o in "${ORDERERS[@]}"; do
    # shellcheck disable=SC2046
    h=$("$bin/osnadmin" channel list --channelID "$CHANNEL" $(osnadmin_args "$o") 2>/dev/null |
      sed -n 's/.*"height": *\([0-9]*\).*/\1/p' | head -n 1) || true
    echo "${o%% *} ${h:-down}"
  done
  for o in "${PEERS[@]}"; do
    h=$(peer_as_admin "$bin" "$o" channel getinfo -c "$CHANNEL" 2>/dev/null |
      sed -n 's/.*"height": *\([0-9]*\).*/\1/p' | head -n 1) || true
    echo "${o%% *} ${h:-down}"
  done
}

case "${1:-}" in
  up) cmd_up ;;
  down) shift; cmd_down "$@" ;;
  heights) cmd_heights ;;
  start | stop | restart)
    [ $# -eq 2 ] || { echo "usage: network.sh $1 NAME" >&2; exit 2; }
    stack_main "$1" "$2" ;;
  pid)
    [ $# -eq 2 ] || { echo "usage: network.sh pid NAME" >&2; exit 2; }
    stack_main pid "$2" ;;
  status) shift; stack_main status "$@" ;;
  pids | names) stack_main "$1" ;;
  *) echo "usage: network.sh up | down [--wipe] | status [NAME...] | heights | start|stop|restart NAME | pid NAME | pids | names" >&2; exit 2 ;;
esac
