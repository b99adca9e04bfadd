#!/usr/bin/env bash
# Every long-running process of one local stack, declared once, run by one supervisord per stack
# (FLEX_HOME). Sourced by network.sh, services.sh and the scripts of single services; also a
# command of its own:
#
#   stack.sh start NAME...     start each (after what it needs is healthy); wait until healthy
#   stack.sh stop NAME...      stop each; it stays stopped (no restart) until started again
#   stack.sh restart NAME...   stop and start each; wait until healthy
#   stack.sh status            one line per process: name, PID, port, supervisor state, restarts
#                              seen, healthy or not; exit 0 only when all are healthy
#   stack.sh pid NAME          the live PID of NAME (exit 1 when it does not run)
#   stack.sh pids              "name pid" of every running process
#   stack.sh names             every declared name, in start order
#   stack.sh down              stop everything (reverse start order) and end supervisord
#
# The declarations (declarations below) are the one source of the supervisord program sections
# ($FLEX_HOME/supervisor/programs/NAME.conf), of the start order and the dependencies, of the waits
# for health and of status. Decision record: docs/decisions/0017-supervision.md.
#
# Environment: FLEX_HOME, FLEX_PORT_OFFSET (ports.sh), FLEX_CACHE (where supervisor is installed,
# default ~/.cache/flexledger), FLEX_RESTART_TRIES (start attempts in a row before supervisord gives
# up on a process, default 40, i.e. about 14 minutes of back-off).

[ -n "${FLEX_STACK_SH:-}" ] && return 0
FLEX_STACK_SH=1

NC_DIR=${NC_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
ROOT=${ROOT:-$(cd "$NC_DIR/.." && pwd)}
RUN=${FLEX_HOME:-$ROOT/.flex}
SCRIPTS="$NC_DIR/scripts"
# shellcheck source=ports.sh
source "$SCRIPTS/ports.sh"
CHANNEL=flexmarket
CC_LABEL=flexledger_ccaas

type log >/dev/null 2>&1 || log() { echo "stack: $*" >&2; }
type die >/dev/null 2>&1 || die() { echo "stack: $*" >&2; exit 1; }

# ---- the declarations -------------------------------------------------------------------------

# One line per process, in start order:
#   name  kind  port  after  health  [the kind's own fields]
# after: names (or shell patterns) that must be healthy before this one starts, "-" for none.
# health: an http:// URL that answers 2xx; up:URL, which answers below 500; tcp (the port accepts
# connections); or a word naming a check below (keycloak, postgres, evm).
# The kind's own fields (the same as in network.sh's ORDERERS, PEERS and APIS after the name):
#   orderer    org-key msp-id admin-port operations-port org-domain node-name
#   peer       org-key msp-id chaincode-port operations-port chaincode-server-port
#   chaincode  org-key msp-id
#   api        org-key msp-id gateway-peer-ports (its organisation's peers, comma-separated, in order)
#   quarkus    module
declarations() {
  local q='http://127.0.0.1'
  if [ "$FLEX_ORDERING" = bft ]; then
    cat <<EOF
orderer.dso         orderer  $ORDERER_DSO_PORT  -  $q:$ORDERER_DSO_OPS_PORT/healthz  dso DsoOrdererMSP $ORDERER_DSO_ADMIN_PORT $ORDERER_DSO_OPS_PORT ordering.dso.flexledger.local orderer.dso.flexledger.local
orderer.aggregator1 orderer  $ORDERER_AGGREGATOR1_PORT  -  $q:$ORDERER_AGGREGATOR1_OPS_PORT/healthz  aggregator1 Aggregator1OrdererMSP $ORDERER_AGGREGATOR1_ADMIN_PORT $ORDERER_AGGREGATOR1_OPS_PORT ordering.aggregator1.flexledger.local orderer.aggregator1.flexledger.local
orderer.aggregator2 orderer  $ORDERER_AGGREGATOR2_PORT  -  $q:$ORDERER_AGGREGATOR2_OPS_PORT/healthz  aggregator2 Aggregator2OrdererMSP $ORDERER_AGGREGATOR2_ADMIN_PORT $ORDERER_AGGREGATOR2_OPS_PORT ordering.aggregator2.flexledger.local orderer.aggregator2.flexledger.local
orderer.community   orderer  $ORDERER_COMMUNITY_PORT  -  $q:$ORDERER_COMMUNITY_OPS_PORT/healthz  community CommunityOrdererMSP $ORDERER_COMMUNITY_ADMIN_PORT $ORDERER_COMMUNITY_OPS_PORT ordering.community.flexledger.local orderer.community.flexledger.local
EOF
  else
    cat <<EOF
orderer0            orderer  $ORDERER_PORT  -  $q:$ORDERER_OPS_PORT/healthz  - OrdererMSP $ORDERER_ADMIN_PORT $ORDERER_OPS_PORT orderer.flexledger.local orderer0.orderer.flexledger.local
EOF
  fi
  cat <<EOF
peer0.dso           peer       $PEER_DSO_PORT          orderer*  $q:$(p 9444)/healthz  dso DsoMSP $(p 7052) $(p 9444) $CC_PORT_DSO
peer0.aggregator1   peer       $PEER_AGGREGATOR1_PORT  orderer*  $q:$(p 9445)/healthz  aggregator1 Aggregator1MSP $(p 8052) $(p 9445) $CC_PORT_AGGREGATOR1
peer0.aggregator2   peer       $PEER_AGGREGATOR2_PORT  orderer*  $q:$(p 9446)/healthz  aggregator2 Aggregator2MSP $(p 9052) $(p 9446) $CC_PORT_AGGREGATOR2
peer0.community     peer       $PEER_COMMUNITY_PORT    orderer*  $q:$(p 9447)/healthz  community CommunityMSP $(p 10052) $(p 9447) $CC_PORT_COMMUNITY
peer1.dso           peer       $PEER1_DSO_PORT          orderer*  $q:$(p 9454)/healthz  dso DsoMSP $((PEER1_DSO_PORT + 1)) $(p 9454) $CC1_PORT_DSO
peer1.aggregator1   peer       $PEER1_AGGREGATOR1_PORT  orderer*  $q:$(p 9455)/healthz  aggregator1 Aggregator1MSP $((PEER1_AGGREGATOR1_PORT + 1)) $(p 9455) $CC1_PORT_AGGREGATOR1
peer1.aggregator2   peer       $PEER1_AGGREGATOR2_PORT  orderer*  $q:$(p 9456)/healthz  aggregator2 Aggregator2MSP $((PEER1_AGGREGATOR2_PORT + 1)) $(p 9456) $CC1_PORT_AGGREGATOR2
peer1.community     peer       $PEER1_COMMUNITY_PORT    orderer*  $q:$(p 9457)/healthz  community CommunityMSP $((PEER1_COMMUNITY_PORT + 1)) $(p 9457) $CC1_PORT_COMMUNITY
chaincode.dso          chaincode  $CC_PORT_DSO           -  tcp  dso DsoMSP
chaincode.aggregator1  chaincode  $CC_PORT_AGGREGATOR1   -  tcp  aggregator1 Aggregator1MSP
chaincode.aggregator2  chaincode  $CC_PORT_AGGREGATOR2   -  tcp  aggregator2 Aggregator2MSP
chaincode.community    chaincode  $CC_PORT_COMMUNITY     -  tcp  community CommunityMSP
chaincode1.dso         chaincode  $CC1_PORT_DSO          -  tcp  dso DsoMSP
chaincode1.aggregator1 chaincode  $CC1_PORT_AGGREGATOR1  -  tcp  aggregator1 Aggregator1MSP
chaincode1.aggregator2 chaincode  $CC1_PORT_AGGREGATOR2  -  tcp  aggregator2 Aggregator2MSP
chaincode1.community   chaincode  $CC1_PORT_COMMUNITY    -  tcp  community CommunityMSP
keycloak            keycloak   $FLEX_KEYCLOAK_PORT    -  keycloak
mosquitto           mosquitto  $MQTT_PORT             -  tcp
postgres            postgres   $PG_PORT               -  postgres
ganache             ganache    $GANACHE_PORT          -  evm
api.dso             api  $API_DSO_PORT          keycloak,peer0.dso          $q:$API_DSO_PORT/q/health/ready  dso DsoMSP $PEER_DSO_PORT,$PEER1_DSO_PORT
api.aggregator1     api  $API_AGGREGATOR1_PORT  keycloak,peer0.aggregator1  $q:$API_AGGREGATOR1_PORT/q/health/ready  aggregator1 Aggregator1MSP $PEER_AGGREGATOR1_PORT,$PEER1_AGGREGATOR1_PORT
api.aggregator2     api  $API_AGGREGATOR2_PORT  keycloak,peer0.aggregator2  $q:$API_AGGREGATOR2_PORT/q/health/ready  aggregator2 Aggregator2MSP $PEER_AGGREGATOR2_PORT,$PEER1_AGGREGATOR2_PORT
api.community       api  $API_COMMUNITY_PORT    keycloak,peer0.community    $q:$API_COMMUNITY_PORT/q/health/ready  community CommunityMSP $PEER_COMMUNITY_PORT,$PEER1_COMMUNITY_PORT
device-bridge       quarkus    $BRIDGE_PORT      mosquitto,postgres,api.dso  up:$q:$BRIDGE_PORT/q/health/ready  device-bridge
settlement          quarkus    $SETTLEMENT_PORT  postgres,ganache            up:$q:$SETTLEMENT_PORT/settlement/health  audit-service
ui                  quarkus    $UI_PORT          keycloak                    up:$q:$UI_PORT/  ui
EOF
}

# The parsed declarations: NAMES in start order; D_KIND, D_PORT, D_AFTER, D_HEALTH, D_FIELDS by name.
declare -gA D_KIND=() D_PORT=() D_AFTER=() D_HEALTH=() D_FIELDS=()
NAMES=()
load_declarations() {
  local name kind port after health fields
  while read -r name kind port after health fields; do
    [ -n "$name" ] || continue
    NAMES+=("$name")
    D_KIND[$name]=$kind D_PORT[$name]=$port D_AFTER[$name]=$after D_HEALTH[$name]=$health D_FIELDS[$name]=$fields
  done < <(declarations)
}
load_declarations

declared() { [ -n "${D_KIND[$1]:-}" ]; }
of_kind() { local n; for n in "${NAMES[@]}"; do [ "${D_KIND[$n]}" = "$1" ] && echo "$n"; done; return 0; }
# An entry in the format of network.sh's ORDERERS, PEERS and APIS: "name key msp port rest...".
entry() { local f; read -ra f <<<"${D_FIELDS[$1]}"; echo "$1 ${f[0]} ${f[1]} ${D_PORT[$1]} ${f[*]:2}"; }

# ---- health -----------------------------------------------------------------------------------

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }
http_up() {
  local code
  code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$1" 2>/dev/null || true)
  [ -n "$code" ] && [ "$code" != 000 ] && [ "$code" -lt 500 ]
}
tcp_open() { (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null; }

check_keycloak() {
  http_ok "http://127.0.0.1:$((FLEX_KEYCLOAK_PORT + 1000))/health/ready" &&
    http_ok "$FLEX_OIDC_URL/.well-known/openid-configuration"
}
check_postgres() { "$(pg_bin)/pg_isready" -q -t 2 -h 127.0.0.1 -p "$PG_PORT" -d postgres -U postgres 2>/dev/null; }
check_evm() {
  curl -fsS --max-time 2 -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$FLEX_EVM_RPC_URL" 2>/dev/null |
    grep -q '"result":"0x539"'
}

healthy() { # name
  local h=${D_HEALTH[$1]}
  case "$h" in
    http://*) http_ok "$h" ;;
    up:*) http_up "${h#up:}" ;;
    tcp) tcp_open "127.0.0.1:${D_PORT[$1]}" ;;
    *) "check_$h" ;;
  esac
}

# ---- supervisor: installed on demand, one supervisord per stack -----------------------------

SV_VERSION=4.3.0
# The wheel supervisor-4.3.0-py2.py3-none-any.whl from PyPI; pip refuses anything else.
SV_SHA256=0bcb763fddafba410f35cbde226aa7f8514b9fb82eb05a0c85f6588d1c13f8db
SV_VENV="${FLEX_CACHE:-$HOME/.cache/flexledger}/supervisor-$SV_VERSION"
SV_DIR="$RUN/supervisor"
SV_CONF="$SV_DIR/supervisord.conf"
# A unix socket path has at most ~100 bytes: a deep FLEX_HOME gets one under /tmp named by its hash.
SV_SOCK="$SV_DIR/supervisor.sock"
if [ ${#SV_SOCK} -gt 100 ]; then
  SV_SOCK="/tmp/flex-sv-$(printf '%s' "$RUN" | sha256sum | cut -c1-16).sock"
fi

sv_installed() { [ -x "$SV_VENV/bin/supervisord" ] && "$SV_VENV/bin/python" -c 'import supervisor' 2>/dev/null; }

sv_install() {
  sv_installed && return 0
  # One install at a time (two stacks may start together); the second finds it done.
  mkdir -p "$(dirname "$SV_VENV")"
  exec 9>"$SV_VENV.lock"
  flock -w 300 9 || die "another install of supervisor holds $SV_VENV.lock"
  if sv_installed; then exec 9>&-; return 0; fi
  log "installing supervisor $SV_VERSION from PyPI into $SV_VENV (pinned by hash)"
  rm -rf "$SV_VENV"
  python3 -m venv "$SV_VENV" >&2 ||
    { rm -rf "$SV_VENV"; die "python3 -m venv failed: install the Debian package python3-venv (sudo apt-get install -y python3-venv)"; }
  printf 'supervisor==%s --hash=sha256:%s\n' "$SV_VERSION" "$SV_SHA256" >"$SV_VENV/requirements.txt"
  "$SV_VENV/bin/pip" install -q --disable-pip-version-check --require-hashes --no-deps --only-binary=:all: \
    -r "$SV_VENV/requirements.txt" >&2 || { rm -rf "$SV_VENV"; die "could not install supervisor $SV_VERSION from PyPI"; }
  exec 9>&-
}

sv() { "$SV_VENV/bin/python" "$SCRIPTS/svctl.py" "$SV_SOCK" "$@"; }
sv_alive() { sv_installed && [ -S "$SV_SOCK" ] && sv alive 2>/dev/null; }

write_main_conf() {
  mkdir -p "$SV_DIR/programs" "$RUN/logs"
  cat >"$SV_CONF.tmp" <<EOF
; Written by network-config/scripts/stack.sh; the programs are in programs/, one file each.
[unix_http_server]
file=$SV_SOCK
chmod=0700

[supervisord]
logfile=$RUN/logs/supervisord.log
logfile_maxbytes=10MB
logfile_backups=2
pidfile=$SV_DIR/supervisord.pid
directory=$RUN
identifier=flex-$(printf '%s' "$RUN" | sha256sum | cut -c1-12)
$([ "$(id -u)" = 0 ] && echo "user=root")

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$SV_SOCK

[include]
files=programs/*.conf
EOF
  mv "$SV_CONF.tmp" "$SV_CONF"
}

# Starts this stack's supervisord unless it runs. It gets a small, fixed environment: what each
# process needs beyond that is in its own declaration.
sv_ensure() {
  sv_install
  sv_alive && return 0
  sv_wait_gone
  write_main_conf
  rm -f "$SV_SOCK"
  (
    cd "$RUN" || exit 1
    env -i PATH="$PATH" HOME="$HOME" LANG="${LANG:-C.UTF-8}" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
      ${TMPDIR:+TMPDIR="$TMPDIR"} "$SV_VENV/bin/supervisord" -c "$SV_CONF" </dev/null >/dev/null 2>&1
  ) || die "supervisord did not start (see $RUN/logs/supervisord.log)"
  local i
  for i in $(seq 1 50); do
    sv_alive && { log "supervisord started (socket $SV_SOCK)"; return 0; }
    sleep 0.1
  done
  die "supervisord does not answer on $SV_SOCK (see $RUN/logs/supervisord.log)"
}

sv_daemon_pid() { local p; p=$(cat "$SV_DIR/supervisord.pid" 2>/dev/null) && kill -0 "$p" 2>/dev/null && echo "$p"; }

# Waits (a while) until a supervisord that is shutting down has gone.
sv_wait_gone() {
  local i
  for i in $(seq 1 300); do
    sv_daemon_pid >/dev/null || return 0
    sleep 0.1
  done
  die "supervisord (PID $(sv_daemon_pid)) does not end (see $RUN/logs/supervisord.log)"
}

sv_shutdown() {
  sv shutdown >/dev/null 2>&1 || true
  sv_wait_gone
}

# ---- program sections -------------------------------------------------------------------------

fabric_bin() {
  [ -n "${FLEX_FABRIC_BIN_DIR:-}" ] || FLEX_FABRIC_BIN_DIR=$("$SCRIPTS/fabric-binaries.sh") ||
    die "no Fabric binaries (see network-config/scripts/fabric-binaries.sh)"
  echo "$FLEX_FABRIC_BIN_DIR"
}
pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || die "no /usr/lib/postgresql/*/bin (apt-get install postgresql)"
  echo "$dir"
}
pg_data() { echo "${PG_DATA:-$RUN/postgres}"; }
peer_org_dir() { echo "$RUN/crypto/peerOrganizations/$1.flexledger.local"; }

# What the Java services share: the stack's addresses (ports.sh) and the FLEX_* settings of the
# caller (FLEX_STARTED_LOG is the caller's own).
common_java_env() {
  local v
  for v in $(compgen -e | sort); do
    case "$v" in
      FLEX_STARTED_LOG | FLEX_STACK_SH | FLEX_FABRIC_BIN_DIR) ;;
      FLEX_* | MQTT_PORT | PG_PORT | GANACHE_PORT) ENVV+=("$v=${!v}") ;;
    esac
  done
  ENVV+=("FLEX_HOME=$RUN")
}

# Sets CMD (the command), ENVV (KEY=value) and OPTS (supervisord settings beyond the defaults) of
# one process from its declaration.
program() { # name
  local name=$1 f
  read -ra f <<<"${D_FIELDS[$name]:-}"
  CMD=() ENVV=() OPTS=()
  case "${D_KIND[$name]}" in
    orderer)
      local dir="$RUN/crypto/ordererOrganizations/${f[4]}/orderers/${f[5]}"
      CMD=("$(fabric_bin)/orderer")
      ENVV=("FABRIC_CFG_PATH=$RUN/config" "ORDERER_GENERAL_LOCALMSPID=${f[1]}" "ORDERER_GENERAL_LOCALMSPDIR=$dir/msp"
        "ORDERER_GENERAL_TLS_PRIVATEKEY=$dir/tls/server.key" "ORDERER_GENERAL_TLS_CERTIFICATE=$dir/tls/server.crt"
        "ORDERER_GENERAL_TLS_ROOTCAS=[$dir/tls/ca.crt]"
        "ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$dir/tls/server.crt" "ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$dir/tls/server.key"
        "ORDERER_ADMIN_TLS_CERTIFICATE=$dir/tls/server.crt" "ORDERER_ADMIN_TLS_PRIVATEKEY=$dir/tls/server.key"
        "ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$dir/tls/ca.crt]"
        "ORDERER_FILELEDGER_LOCATION=$RUN/data/$name/ledger"
        "ORDERER_GENERAL_LISTENPORT=${D_PORT[$name]}" "ORDERER_ADMIN_LISTENADDRESS=127.0.0.1:${f[2]}"
        "ORDERER_OPERATIONS_LISTENADDRESS=127.0.0.1:${f[3]}")
      if [ "$FLEX_ORDERING" = bft ]; then
        ENVV+=("ORDERER_CONSENSUS_WALDIR=$RUN/data/$name/smartbft/wal")
      else
        ENVV+=("ORDERER_CONSENSUS_WALDIR=$RUN/data/$name/etcdraft/wal" "ORDERER_CONSENSUS_SNAPDIR=$RUN/data/$name/etcdraft/snapshot")
      fi
      ;;
    peer)
      local pdir port=${D_PORT[$name]} other bootstrap=()
      pdir="$(peer_org_dir "${f[0]}")/peers/$name.flexledger.local"
      # Gossip starts from the organisation's other peers (or the peer itself, alone in its organisation).
      for other in $(of_kind peer); do
        read -ra of <<<"${D_FIELDS[$other]}"
        [ "$other" != "$name" ] && [ "${of[0]}" = "${f[0]}" ] && bootstrap+=("127.0.0.1:${D_PORT[$other]}")
      done
      ((${#bootstrap[@]})) || bootstrap=("127.0.0.1:$port")
      CMD=("$(fabric_bin)/peer" node start)
      ENVV=("FABRIC_CFG_PATH=$RUN/config" "CORE_PEER_ID=$name" "CORE_PEER_LOCALMSPID=${f[1]}" "CORE_PEER_MSPCONFIGPATH=$pdir/msp"
        "CORE_PEER_LISTENADDRESS=127.0.0.1:$port" "CORE_PEER_ADDRESS=127.0.0.1:$port"
        "CORE_PEER_CHAINCODELISTENADDRESS=127.0.0.1:${f[2]}" "CORE_PEER_CHAINCODEADDRESS=127.0.0.1:${f[2]}"
        "CORE_PEER_GOSSIP_BOOTSTRAP=${bootstrap[*]}" "CORE_PEER_GOSSIP_EXTERNALENDPOINT=127.0.0.1:$port"
        "CORE_PEER_TLS_ENABLED=true" "CORE_PEER_TLS_CERT_FILE=$pdir/tls/server.crt" "CORE_PEER_TLS_KEY_FILE=$pdir/tls/server.key"
        "CORE_PEER_TLS_ROOTCERT_FILE=$pdir/tls/ca.crt" "CORE_PEER_FILESYSTEMPATH=$RUN/data/$name"
        "CORE_LEDGER_SNAPSHOTS_ROOTDIR=$RUN/data/$name/snapshots" "CORE_OPERATIONS_LISTENADDRESS=127.0.0.1:${f[3]}"
        "CORE_VM_ENDPOINT="
        # Read by the external builder (core.yaml propagateEnvironment): this peer's chaincode server.
        "FLEX_CHAINCODE_SERVER=127.0.0.1:${f[4]}")
      ;;
    chaincode)
      local pkgid
      pkgid=$(cat "$RUN/artifacts/$CC_LABEL.id" 2>/dev/null) || die "$name: no chaincode package id yet (network.sh up makes it)"
      common_java_env
      ENVV+=("CHAINCODE_SERVER_ADDRESS=127.0.0.1:${D_PORT[$name]}" "CORE_CHAINCODE_ID_NAME=$pkgid" "FLEX_PEER_ORG=${f[1]}")
      read -ra CMD <<<"java ${FLEX_CHAINCODE_JAVA_OPTS:--Xmx192m} -jar $RUN/services/chaincode.jar"
      ;;
    api)
      local org user
      org=$(peer_org_dir "${f[0]}")
      user="$org/users/User1@${f[0]}.flexledger.local/msp"
      common_java_env
      ENVV+=("QUARKUS_HTTP_HOST=127.0.0.1" "QUARKUS_HTTP_PORT=${D_PORT[$name]}" "FLEX_FABRIC_MSP_ID=${f[1]}"
        # Its own organisation's peers, in order: the API fails over to the next (decision 0018).
        "FLEX_FABRIC_PEER_ENDPOINTS=127.0.0.1:${f[2]//,/,127.0.0.1:}"
        "FLEX_FABRIC_TLS_CA_CERT=$org/tlsca/tlsca.${f[0]}.flexledger.local-cert.pem"
        "FLEX_FABRIC_CERT=$user/signcerts/User1@${f[0]}.flexledger.local-cert.pem" "FLEX_FABRIC_KEY=$user/keystore"
        # The UFTP outbox's settings, read at each order when the folder holds settings.properties.
        "FLEX_UFTP_OUTBOX_DIR=$RUN/uftp/${f[0]}/outbox")
      # C1 only (TieredStopAtLevel=1): under load, C2's compilations of the gRPC, TLS and crypto code
      # took more CPU than they saved (docs/benchmarks.md); FLEX_API_JAVA_OPTS replaces these options.
      read -ra CMD <<<"java ${FLEX_API_JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar $RUN/services/marketplace-api/quarkus-run.jar"
      ;;
    quarkus)
      common_java_env
      # The demo and the tests replay future market days (offers need an open gate), so the local
      # bridge takes readings dated up to this many days ahead; real meters get 2.
      ENVV+=("QUARKUS_HTTP_HOST=127.0.0.1" "QUARKUS_HTTP_PORT=${D_PORT[$name]}"
        "FLEX_BRIDGE_MAX_AHEAD_DAYS=${FLEX_BRIDGE_MAX_AHEAD_DAYS:-4000}")
      read -ra CMD <<<"java ${FLEX_SERVICE_JAVA_OPTS:--Xmx384m} -jar $RUN/services/${f[0]}/quarkus-run.jar"
      ;;
    keycloak)
      local h2="jdbc:h2:file:$RUN/keycloak/h2/keycloakdb;NON_KEYWORDS=VALUE"
      CMD=("$RUN/keycloak/home/bin/kc-foreground.sh" start-dev --http-host=127.0.0.1 "--http-port=$FLEX_KEYCLOAK_PORT"
        "--http-management-port=$((FLEX_KEYCLOAK_PORT + 1000))" --health-enabled=true
        --db=dev-file "--db-url=$h2" --import-realm)
      ENVV=("KC_BOOTSTRAP_ADMIN_USERNAME=admin" "KC_BOOTSTRAP_ADMIN_PASSWORD=flexledger-demo-admin"
        "JAVA_OPTS_KC_HEAP=${FLEX_KEYCLOAK_HEAP:--Xms64m -Xmx512m}")
      # Keycloak's first start builds and imports the realm: a minute on a busy machine.
      OPTS=("startsecs=15" "stopwaitsecs=30")
      ;;
    mosquitto)
      CMD=("${MOSQUITTO_BIN:-/usr/sbin/mosquitto}" -c "$RUN/mosquitto/mosquitto.conf")
      ;;
    postgres)
      CMD=("$(pg_bin)/postgres" -D "$(pg_data)")
      # TERM would be PostgreSQL's "smart" shutdown, which waits for every client to leave (the
      # bridge's pool never does): INT is its fast shutdown, which ends sessions and checkpoints.
      OPTS=("stopsignal=INT" "stopwaitsecs=30")
      # initdb and postgres refuse to run as root; user postgres works in its own cluster folder
      # (the runtime folder may be closed to it).
      [ "$(id -u)" = 0 ] && OPTS+=("user=postgres" "directory=$(pg_data)")
      ;;
    ganache)
      CMD=("${FLEX_CACHE:-$HOME/.cache/flexledger}/ganache/node_modules/.bin/ganache"
        --server.host 127.0.0.1 --server.port "${D_PORT[$name]}"
        --chain.chainId 1337 --chain.networkId 1337 --chain.hardfork shanghai
        --wallet.mnemonic "${FLEX_GANACHE_MNEMONIC:-myth like bonus scare over problem client lizard pioneer submit female collect}"
        --wallet.totalAccounts 10 --wallet.defaultBalance 1000
        --database.dbPath "$RUN/ganache/db" --logging.quiet)
      ;;
    *) die "$name: unknown kind ${D_KIND[$name]}" ;;
  esac
}

sv_quote() { # a value for a supervisord command or environment line
  case "$1" in *'"'* | *'\'*) die "cannot put $1 in a supervisord config (a quote or backslash)" ;; esac
  local v=${1//%/%%}
  printf '"%s"' "$v"
}

# The program section of one process. Every process: started by the stack (not by supervisord
# on its own start, so that the order of `up` holds), restarted whenever it exits, with back-off
# while it fails to stay up for startsecs, stopped with TERM (and KILL after stopwaitsecs), its
# output in $RUN/logs/NAME.log.
render() { # name -> the section on stdout
  local name=$1 a cmd="" env=""
  program "$name"
  for a in "${CMD[@]}"; do cmd+="${cmd:+ }$(sv_quote "$a")"; done
  for a in "${ENVV[@]}"; do env+="${env:+,}${a%%=*}=$(sv_quote "${a#*=}")"; done
  declare -A o=([startsecs]=10 [stopwaitsecs]=20 [stopsignal]=TERM)
  for a in "${OPTS[@]}"; do o[${a%%=*}]=${a#*=}; done
  cat <<EOF
; $name (${D_KIND[$name]}), declared in network-config/scripts/stack.sh
[program:$name]
command=$cmd
directory=${o[directory]:-$RUN}
autostart=false
autorestart=true
startsecs=${o[startsecs]}
startretries=${FLEX_RESTART_TRIES:-40}
stopsignal=${o[stopsignal]}
stopwaitsecs=${o[stopwaitsecs]}
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=$RUN/logs/$name.log
stdout_logfile_maxbytes=50MB
stdout_logfile_backups=2
EOF
  [ -n "$env" ] && echo "environment=$env"
  [ -n "${o[user]:-}" ] && echo "user=${o[user]}"
  return 0
}

# Writes the sections of NAMES and has supervisord take them up: a new one is added (stopped), a
# changed one is stopped and replaced (the caller starts it), an unchanged one is left alone.
configure() { # names...
  local name section changed=()
  mkdir -p "$SV_DIR/programs"
  for name in "$@"; do
    section=$(render "$name") || exit 1
    if [ "$section" != "$(cat "$SV_DIR/programs/$name.conf" 2>/dev/null)" ]; then
      printf '%s\n' "$section" >"$SV_DIR/programs/$name.conf"
      changed+=("$name")
    fi
  done
  sv_ensure
  if [ ${#changed[@]} -gt 0 ]; then
    "$SV_VENV/bin/supervisorctl" -c "$SV_CONF" update "${changed[@]}" >/dev/null ||
      die "supervisord did not take the new sections of ${changed[*]}"
  fi
  # A section supervisord does not know yet (it was restarted with the file already there).
  local known
  known=$(sv states | cut -d' ' -f1)
  for name in "$@"; do
    grep -qxF "$name" <<<"$known" ||
      "$SV_VENV/bin/supervisorctl" -c "$SV_CONF" update "$name" >/dev/null
  done
}

# ---- states -----------------------------------------------------------------------------------

declare -gA SV_STATE=() SV_PID=()
read_states() {
  SV_STATE=() SV_PID=()
  sv_alive || return 0
  local n s p
  while read -r n s p; do SV_STATE[$n]=$s SV_PID[$n]=$p; done < <(sv states 2>/dev/null)
}
state_of() { read_states; echo "${SV_STATE[$1]:-ABSENT}"; }
# Running or on its way: supervisord will (re)start it on its own.
live_state() { case "$1" in RUNNING | STARTING | BACKOFF) return 0 ;; esac; return 1; }

# The PID of a process that runs (RUNNING, or STARTING: within its startsecs).
pid_of() { # name -> the live PID
  read_states
  local pid=${SV_PID[$1]:-0}
  case "${SV_STATE[$1]:-}" in RUNNING | STARTING) ;; *) return 1 ;; esac
  [ "$pid" != 0 ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# Restarts seen: exits supervisord did not expect (crashes, kills) since it started.
restarts_of() { # name
  local logf="$RUN/logs/supervisord.log"
  [ -f "$logf" ] || { echo 0; return; }
  awk -v n="$1" '/supervisord started with pid/ {c = 0}
    index($0, "exited: " n " (") && /not expected/ {c++}
    END {print c + 0}' "$logf"
}

# Notes a process started by this run for ./flex up's summary (FLEX_STARTED_LOG, when set).
started() { [ -z "${FLEX_STARTED_LOG:-}" ] || echo "$1" >>"$FLEX_STARTED_LOG"; }

# ---- hooks: one-shot steps around a start ------------------------------------------------------

# Before a start: what the process needs on disk. Single services have a script of their own with
# a `prepare` command (keycloak.sh, mosquitto.sh, postgres.sh, ganache.sh) and, for what must
# happen once they answer, a `ready` command.
prepare_process() { # name
  local name=$1 kind=${D_KIND[$1]}
  case "$kind" in
    orderer) mkdir -p "$RUN/data/$name" ;;
    peer)
      mkdir -p "$RUN/data/$name"
      # A chaincode build released for another server address (a stack from before each peer had a
      # chaincode server of its own) is dropped: the peer builds and releases it again at launch.
      local released server
      read -ra server <<<"${D_FIELDS[$name]}"
      for released in "$RUN/data/$name"/externalbuilder/builds/*/release/chaincode/server/connection.json; do
        [ -f "$released" ] || continue
        grep -q "\"127.0.0.1:${server[4]}\"" "$released" || rm -rf "${released%/release/*}"
      done
      ;;
    chaincode) [ -f "$RUN/services/chaincode.jar" ] || die "$name: missing $RUN/services/chaincode.jar (network.sh up)" ;;
    keycloak | mosquitto | postgres | ganache) "$SCRIPTS/$kind.sh" prepare || die "$name: prepare failed" ;;
  esac
  return 0
}
after_ready() { # name
  case "${D_KIND[$1]}" in
    keycloak | postgres) "$SCRIPTS/${D_KIND[$1]}.sh" ready || die "$1: set-up after start failed" ;;
  esac
  return 0
}

# ---- starting, waiting, stopping --------------------------------------------------------------

# How long a start may take before `up` gives up waiting (generous: a machine shared with other
# work may be slow; FLEX_WAIT_SECONDS sets one figure for all).
wait_seconds() {
  [ -n "${FLEX_WAIT_SECONDS:-}" ] && { echo "$FLEX_WAIT_SECONDS"; return; }
  case "${D_KIND[$1]}" in
    keycloak) echo "${FLEX_KEYCLOAK_WAIT:-400}" ;;
    chaincode | api | quarkus) echo 300 ;;
    *) echo 180 ;;
  esac
}

# Waits until NAME is healthy; fails when supervisord gave up on it or the time is over.
wait_healthy() { # name [seconds]
  local name=$1 secs=${2:-$(wait_seconds "$1")} deadline state exited_since=
  deadline=$((SECONDS + secs))
  until healthy "$name"; do
    state=$(state_of "$name")
    case "$state" in
      FATAL) die "$name could not be started (supervisord gave up; see $RUN/logs/$name.log)" ;;
      STOPPED | ABSENT) die "$name is $state (see $RUN/logs/$name.log)" ;;
      # A process that exited unexpectedly after it had started (Keycloak does, with status 10, once
      # it has re-augmented itself on its first start) is EXITED only until supervisord starts it
      # again, a moment later; one that stays EXITED is not restarted.
      EXITED)
        exited_since=${exited_since:-$SECONDS}
        ((SECONDS - exited_since < 10)) || die "$name is $state (see $RUN/logs/$name.log)" ;;
      *) exited_since= ;;
    esac
    ((SECONDS < deadline)) || die "$name not healthy after ${secs}s (state $state; see $RUN/logs/$name.log)"
    sleep 0.3
  done
}

# What NAME needs (its `after`) must be healthy first; waits for it a while.
wait_dependencies() { # name
  local dep n
  for dep in ${D_AFTER[$1]//,/ }; do
    [ "$dep" = - ] && continue
    for n in "${NAMES[@]}"; do
      # shellcheck disable=SC2053
      [[ $n == $dep ]] || continue
      healthy "$n" || { log "$1 waits for $n"; wait_healthy "$n" 120; }
    done
  done
}

# Starts NAMES (those that do not run) together, in the order given, each after what it needs;
# waits until all are healthy, then runs their after-start steps.
start_all() { # names...
  local name todo=()
  for name in "$@"; do declared "$name" || die "unknown process '$name' (one of: ${NAMES[*]})"; done
  for name in "$@"; do prepare_process "$name"; done
  configure "$@"
  read_states
  for name in "$@"; do
    if live_state "${SV_STATE[$name]:-}"; then
      continue
    fi
    wait_dependencies "$name"
    sv start "$name" || die "supervisord could not start $name"
    log "started $name (log $RUN/logs/$name.log)"
    started "$name"
    todo+=("$name")
  done
  for name in "$@"; do wait_healthy "$name"; done
  for name in "${todo[@]}"; do after_ready "$name"; done
}

stop_all() { # names... (stopped in the order given; each stays stopped until started)
  sv_alive || return 0
  local name
  read_states
  for name in "$@"; do
    [ -n "${SV_STATE[$name]:-}" ] || continue
    if live_state "${SV_STATE[$name]}"; then
      sv stop "$name" || die "supervisord could not stop $name"
      log "stopped $name"
    fi
  done
  # Nothing left to supervise: supervisord goes too (a later start brings it back).
  read_states
  for name in "${!SV_STATE[@]}"; do live_state "${SV_STATE[$name]}" && return 0; done
  sv_shutdown
  log "supervisord ended (nothing left running)"
}

restart_all() { # names...
  local name
  for name in "$@"; do declared "$name" || die "unknown process '$name' (one of: ${NAMES[*]})"; done
  stop_all "$@"
  start_all "$@"
}

# Every process, in reverse start order, then supervisord.
down_all() {
  sv_alive || { log "supervisord is not running: nothing to stop"; return 0; }
  local i rev=()
  for ((i = ${#NAMES[@]} - 1; i >= 0; i--)); do rev+=("${NAMES[i]}"); done
  # Whatever supervisord runs that is no longer declared (another ordering) goes too.
  read_states
  local n
  for n in "${!SV_STATE[@]}"; do declared "$n" || rev=("$n" "${rev[@]}"); done
  stop_all "${rev[@]}"
  sv_alive && sv_shutdown
  return 0
}

status_all() { # [names...] (default: all, with a heading)
  local bad=0 name pid state health
  read_states
  local list=("$@")
  [ $# -gt 0 ] || { list=("${NAMES[@]}"); printf '%-22s %-8s %-6s %-9s %-8s %s\n' NAME PID PORT STATE RESTARTS HEALTH; }
  for name in "${list[@]}"; do
    state=${SV_STATE[$name]:-ABSENT}
    pid=${SV_PID[$name]:-0}
    [ "$pid" = 0 ] && pid=-
    if live_state "$state" && [ "$state" != BACKOFF ] && healthy "$name"; then health=healthy; else health=unhealthy; bad=1; fi
    printf '%-22s %-8s %-6s %-9s %-8s %s\n' "$name" "$pid" "${D_PORT[$name]}" "$state" "$(restarts_of "$name")" "$health"
  done
  return $bad
}

pids_all() {
  read_states
  local name
  for name in "${NAMES[@]}"; do
    case "${SV_STATE[$name]:-}" in RUNNING | STARTING) [ "${SV_PID[$name]:-0}" != 0 ] && echo "$name ${SV_PID[$name]}" ;; esac
  done
  return 0
}

# ---- builds the services run from -------------------------------------------------------------

# Copies a build to where its service runs from ($RUN/services/...), so that a rebuild never
# changes the files of a running process; returns 0 if the copy changed, 1 if it was current.
stage_dir() { # source destination
  local src=$1 dest=$2
  [ -e "$src" ] || die "missing $src: build it first (./mvnw -am package)"
  if [ -d "$src" ] && diff -rq "$src" "$dest" >/dev/null 2>&1; then return 1; fi
  if [ -f "$src" ] && cmp -s "$src" "$dest"; then return 1; fi
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest.tmp"
  cp -R "$src" "$dest.tmp"
  rm -rf "$dest"
  mv "$dest.tmp" "$dest"
}

# Stages the build NAME runs from; 0 if it changed (a running NAME must then be restarted).
stage() { # name
  local f
  read -ra f <<<"${D_FIELDS[$1]:-}"
  case "${D_KIND[$1]}" in
    api) stage_dir "$ROOT/marketplace-api/target/quarkus-app" "$RUN/services/marketplace-api" ;;
    quarkus) stage_dir "$ROOT/${f[0]}/target/quarkus-app" "$RUN/services/${f[0]}" ;;
    chaincode) stage_dir "$ROOT/chaincode/target/chaincode.jar" "$RUN/services/chaincode.jar" ;;
    *) return 1 ;;
  esac
}

# Stages the builds of NAMES (several may share one) and starts them, restarting those that ran
# from an older build.
start_built() { # names...
  local name key
  declare -A changed=()
  for name in "$@"; do
    declared "$name" || die "unknown process '$name' (one of: ${NAMES[*]})"
    key="${D_KIND[$name]} ${D_FIELDS[$name]%% *}"
    case "${D_KIND[$name]}" in api | chaincode) key=${D_KIND[$name]} ;; esac
    if [ -z "${changed[$key]:-}" ]; then
      changed[$key]=no
      stage "$name" && changed[$key]=yes
    fi
    if [ "${changed[$key]}" = yes ] && live_state "$(state_of "$name")"; then
      log "$name runs an older build: restarting it"
      stop_all "$name"
    fi
  done
  start_all "$@"
}

# ---- as a command -----------------------------------------------------------------------------

stack_main() {
  case "${1:-}" in
    start) shift; [ $# -gt 0 ] || die "usage: stack.sh start NAME..."; start_built "$@" ;;
    stop) shift; [ $# -gt 0 ] || die "usage: stack.sh stop NAME..."
      for n in "$@"; do declared "$n" || die "unknown process '$n' (one of: ${NAMES[*]})"; done
      stop_all "$@" ;;
    restart) shift; [ $# -gt 0 ] || die "usage: stack.sh restart NAME..."; restart_all "$@" ;;
    status) shift; status_all "$@" ;;
    pid) [ $# -eq 2 ] || die "usage: stack.sh pid NAME"
      declared "$2" || die "unknown process '$2' (one of: ${NAMES[*]})"
      pid_of "$2" || { echo "stack: $2 is not running" >&2; return 1; } ;;
    pids) pids_all ;;
    names) printf '%s\n' "${NAMES[@]}" ;;
    down) down_all ;;
    install) sv_install; echo "$SV_VENV" ;;
    config) shift; [ $# -gt 0 ] || set -- "${NAMES[@]}"; for n in "$@"; do render "$n"; echo; done ;;
    *) echo "usage: stack.sh start|stop|restart NAME... | status | pid NAME | pids | names | down | config [NAME...]" >&2; return 2 ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  stack_main "$@"
fi
