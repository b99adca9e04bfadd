# Every port of one local stack, in one place (sourced, not run). A stack's ports are the
# defaults below plus FLEX_PORT_OFFSET (default 0), so two checkouts with different FLEX_HOME
# folders and offsets run side by side; the integration tests run their own stack at offset 20000.
# A port given explicitly (MQTT_PORT, PG_PORT, GANACHE_PORT, FLEX_KEYCLOAK_PORT) wins over the
# offset. Also exports the addresses under the names the Java services and commands read.

# A stack that is up (or was) wrote its endpoints to $FLEX_HOME/env (flex_write_env, below): a command
# run later without FLEX_PORT_OFFSET addresses that stack, at the offset and ports it was started
# with. An offset given in the environment that differs from the file's is a different stack: the
# file is then not read.
_flex_env_file="${FLEX_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.flex}/env"
if [ -f "$_flex_env_file" ]; then
  _flex_file_offset=$(sed -n 's/^FLEX_PORT_OFFSET=//p' "$_flex_env_file" | head -n 1)
  if [ -z "${FLEX_PORT_OFFSET:-}" ] || [ "$FLEX_PORT_OFFSET" = "$_flex_file_offset" ]; then
    while IFS='=' read -r _flex_k _flex_v; do
      case "$_flex_k" in
        FLEX_PORT_OFFSET | FLEX_KEYCLOAK_PORT | MQTT_PORT | PG_PORT | GANACHE_PORT | FLEX_UI_PORT)
          [ -n "${!_flex_k:-}" ] || export "$_flex_k=$_flex_v" ;;
      esac
    done <"$_flex_env_file"
  fi
  unset _flex_k _flex_v _flex_file_offset
fi
unset _flex_env_file

FLEX_PORT_OFFSET=${FLEX_PORT_OFFSET:-0}
case "$FLEX_PORT_OFFSET" in
  '' | *[!0-9]*) echo "ports: FLEX_PORT_OFFSET must be a whole number, not '$FLEX_PORT_OFFSET'" >&2; exit 2 ;;
esac
((FLEX_PORT_OFFSET <= 55000)) || { echo "ports: FLEX_PORT_OFFSET $FLEX_PORT_OFFSET is too large (at most 55000)" >&2; exit 2; }
export FLEX_PORT_OFFSET
# Ports exported by a parent that computed them for another offset (./flex test starting the
# suite's stack, say) are not explicit choices: compute them anew.
if [ -n "${FLEX_PORTS_OFFSET_USED:-}" ] && [ "$FLEX_PORTS_OFFSET_USED" != "$FLEX_PORT_OFFSET" ]; then
  unset FLEX_KEYCLOAK_PORT MQTT_PORT PG_PORT GANACHE_PORT FLEX_UI_PORT
fi
export FLEX_PORTS_OFFSET_USED=$FLEX_PORT_OFFSET

p() { echo $(($1 + FLEX_PORT_OFFSET)); }

# The ordering service (FLEX_ORDERING): bft (default) runs four SmartBFT nodes, one per
# organisation; raft runs the one Raft node orderer0. Chosen when the channel is made: a stack
# keeps the ordering it was made with (recorded in its runtime folder's config/ordering), and
# network.sh refuses another one until `./flex down --wipe`.
if [ -z "${FLEX_ORDERING:-}" ]; then
  _flex_made_with="${FLEX_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.flex}/config/ordering"
  if [ -f "$_flex_made_with" ]; then
    FLEX_ORDERING=$(cat "$_flex_made_with")
  elif [ -f "${_flex_made_with%/config/ordering}/artifacts/flexmarket.block" ]; then
    FLEX_ORDERING=raft # a channel made before the choice existed: one Raft node
  fi
  unset _flex_made_with
fi
FLEX_ORDERING=${FLEX_ORDERING:-bft}
case "$FLEX_ORDERING" in
  bft | raft) ;;
  *) echo "ports: FLEX_ORDERING must be bft or raft, not '$FLEX_ORDERING'" >&2; exit 2 ;;
esac
export FLEX_ORDERING

# Fabric: orderers (listen, admin, operations), peers (listen, chaincode, operations), and each
# organisation's own chaincode server (chaincode as a service; the DSO's address is in the package)
ORDERER_PORT=$(p 7050)
ORDERER_ADMIN_PORT=$(p 7053)
ORDERER_OPS_PORT=$(p 9443)
ORDERER_DSO_PORT=$(p 7150)
ORDERER_DSO_ADMIN_PORT=$(p 7153)
ORDERER_DSO_OPS_PORT=$(p 9450)
ORDERER_AGGREGATOR1_PORT=$(p 8150)
ORDERER_AGGREGATOR1_ADMIN_PORT=$(p 8153)
ORDERER_AGGREGATOR1_OPS_PORT=$(p 9451)
ORDERER_AGGREGATOR2_PORT=$(p 9150)
ORDERER_AGGREGATOR2_ADMIN_PORT=$(p 9153)
ORDERER_AGGREGATOR2_OPS_PORT=$(p 9452)
ORDERER_COMMUNITY_PORT=$(p 10150)
ORDERER_COMMUNITY_ADMIN_PORT=$(p 10153)
ORDERER_COMMUNITY_OPS_PORT=$(p 9453)
PEER_DSO_PORT=$(p 7051)
PEER_AGGREGATOR1_PORT=$(p 8051)
PEER_AGGREGATOR2_PORT=$(p 9051)
PEER_COMMUNITY_PORT=$(p 10051)
# each organisation's second peer (peer1), which its API fails over to (decision 0018)
PEER1_DSO_PORT=$(p 7061)
PEER1_AGGREGATOR1_PORT=$(p 8061)
PEER1_AGGREGATOR2_PORT=$(p 9061)
PEER1_COMMUNITY_PORT=$(p 10061)
CC_PORT=$(p 9999)
CC_PORT_DSO=$CC_PORT
CC_PORT_AGGREGATOR1=$(p 9998)
CC_PORT_AGGREGATOR2=$(p 9997)
CC_PORT_COMMUNITY=$(p 9996)
# the chaincode server of each organisation's second peer: a server that stops leaves the other
# peer's, to which the gateway turns for the organisation's endorsement
CC1_PORT_DSO=$(p 9995)
CC1_PORT_AGGREGATOR1=$(p 9994)
CC1_PORT_AGGREGATOR2=$(p 9993)
CC1_PORT_COMMUNITY=$(p 9992)
# marketplace-api, one per organisation
API_DSO_PORT=$(p 8081)
API_AGGREGATOR1_PORT=$(p 8082)
API_AGGREGATOR2_PORT=$(p 8083)
API_COMMUNITY_PORT=$(p 8084)
# identity, broker, database, EVM node, device bridge, web UI, audit service
export FLEX_KEYCLOAK_PORT=${FLEX_KEYCLOAK_PORT:-$(p 8180)}
export MQTT_PORT=${MQTT_PORT:-$(p 1883)}
export PG_PORT=${PG_PORT:-$(p 5433)}
export GANACHE_PORT=${GANACHE_PORT:-$(p 8545)}
BRIDGE_PORT=$(p 8090)
UI_PORT=${FLEX_UI_PORT:-$(p 8088)}
SETTLEMENT_PORT=$(p 8091)

# The addresses under the names the services and commands read: one name an endpoint (the Java
# commands read the same names through api-client's StackEndpoints, which holds the same defaults).
export FLEX_KEYCLOAK_URL="http://127.0.0.1:$FLEX_KEYCLOAK_PORT"
export FLEX_OIDC_URL="$FLEX_KEYCLOAK_URL/realms/flexledger"
export FLEX_API_DSO="http://127.0.0.1:$API_DSO_PORT"
export FLEX_API_AGGREGATOR1="http://127.0.0.1:$API_AGGREGATOR1_PORT"
export FLEX_API_AGGREGATOR2="http://127.0.0.1:$API_AGGREGATOR2_PORT"
export FLEX_API_COMMUNITY="http://127.0.0.1:$API_COMMUNITY_PORT"
export FLEX_BRIDGE_URL="http://127.0.0.1:$BRIDGE_PORT"
export FLEX_SETTLEMENT_URL="http://127.0.0.1:$SETTLEMENT_PORT"
export FLEX_UI_URL="http://127.0.0.1:$UI_PORT"
export FLEX_EVM_RPC_URL="http://127.0.0.1:$GANACHE_PORT"
export FLEX_PG_HOST=127.0.0.1 FLEX_PG_PORT="$PG_PORT"
export FLEX_PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/flexledger"

# Writes the stack's endpoints, once, where every command and script reads them ($FLEX_HOME/env):
# the choices the stack was started with, then its addresses.
flex_write_env() {
  local file=$1
  mkdir -p "$(dirname "$file")"
  cat >"$file.tmp" <<EOF
# The endpoints of this stack, written by ./flex up; read by ./flex and every command
# (api-client StackEndpoints). An environment variable of the same name wins over a line here.
FLEX_PORT_OFFSET=$FLEX_PORT_OFFSET
FLEX_KEYCLOAK_PORT=$FLEX_KEYCLOAK_PORT
MQTT_PORT=$MQTT_PORT
PG_PORT=$PG_PORT
GANACHE_PORT=$GANACHE_PORT
FLEX_UI_PORT=$UI_PORT
FLEX_KEYCLOAK_URL=$FLEX_KEYCLOAK_URL
FLEX_OIDC_URL=$FLEX_OIDC_URL
FLEX_API_DSO=$FLEX_API_DSO
FLEX_API_AGGREGATOR1=$FLEX_API_AGGREGATOR1
FLEX_API_AGGREGATOR2=$FLEX_API_AGGREGATOR2
FLEX_API_COMMUNITY=$FLEX_API_COMMUNITY
FLEX_BRIDGE_URL=$FLEX_BRIDGE_URL
FLEX_SETTLEMENT_URL=$FLEX_SETTLEMENT_URL
FLEX_UI_URL=$FLEX_UI_URL
FLEX_EVM_RPC_URL=$FLEX_EVM_RPC_URL
FLEX_PG_URL=$FLEX_PG_URL
EOF
  mv "$file.tmp" "$file"
}

# Every listening port with the process that owns it, for the free-port check of `up`.
flex_ports() {
  if [ "$FLEX_ORDERING" = raft ]; then
    cat <<EOF
$ORDERER_PORT orderer0
$ORDERER_ADMIN_PORT orderer0
$ORDERER_OPS_PORT orderer0
EOF
  else
    cat <<EOF
$ORDERER_DSO_PORT orderer.dso
$ORDERER_DSO_ADMIN_PORT orderer.dso
$ORDERER_DSO_OPS_PORT orderer.dso
$ORDERER_AGGREGATOR1_PORT orderer.aggregator1
$ORDERER_AGGREGATOR1_ADMIN_PORT orderer.aggregator1
$ORDERER_AGGREGATOR1_OPS_PORT orderer.aggregator1
$ORDERER_AGGREGATOR2_PORT orderer.aggregator2
$ORDERER_AGGREGATOR2_ADMIN_PORT orderer.aggregator2
$ORDERER_AGGREGATOR2_OPS_PORT orderer.aggregator2
$ORDERER_COMMUNITY_PORT orderer.community
$ORDERER_COMMUNITY_ADMIN_PORT orderer.community
$ORDERER_COMMUNITY_OPS_PORT orderer.community
EOF
  fi
  cat <<EOF
$PEER_DSO_PORT peer0.dso
$((PEER_DSO_PORT + 1)) peer0.dso
$(p 9444) peer0.dso
$PEER_AGGREGATOR1_PORT peer0.aggregator1
$((PEER_AGGREGATOR1_PORT + 1)) peer0.aggregator1
$(p 9445) peer0.aggregator1
$PEER_AGGREGATOR2_PORT peer0.aggregator2
$((PEER_AGGREGATOR2_PORT + 1)) peer0.aggregator2
$(p 9446) peer0.aggregator2
$PEER_COMMUNITY_PORT peer0.community
$((PEER_COMMUNITY_PORT + 1)) peer0.community
$(p 9447) peer0.community
$PEER1_DSO_PORT peer1.dso
$((PEER1_DSO_PORT + 1)) peer1.dso
$(p 9454) peer1.dso
$PEER1_AGGREGATOR1_PORT peer1.aggregator1
$((PEER1_AGGREGATOR1_PORT + 1)) peer1.aggregator1
$(p 9455) peer1.aggregator1
$PEER1_AGGREGATOR2_PORT peer1.aggregator2
$((PEER1_AGGREGATOR2_PORT + 1)) peer1.aggregator2
$(p 9456) peer1.aggregator2
$PEER1_COMMUNITY_PORT peer1.community
$((PEER1_COMMUNITY_PORT + 1)) peer1.community
$(p 9457) peer1.community
$CC_PORT_DSO chaincode.dso
$CC_PORT_AGGREGATOR1 chaincode.aggregator1
$CC_PORT_AGGREGATOR2 chaincode.aggregator2
$CC_PORT_COMMUNITY chaincode.community
$CC1_PORT_DSO chaincode1.dso
$CC1_PORT_AGGREGATOR1 chaincode1.aggregator1
$CC1_PORT_AGGREGATOR2 chaincode1.aggregator2
$CC1_PORT_COMMUNITY chaincode1.community
$API_DSO_PORT api.dso
$API_AGGREGATOR1_PORT api.aggregator1
$API_AGGREGATOR2_PORT api.aggregator2
$API_COMMUNITY_PORT api.community
$FLEX_KEYCLOAK_PORT keycloak
$((FLEX_KEYCLOAK_PORT + 1000)) keycloak
$MQTT_PORT mosquitto
$PG_PORT postgres
$GANACHE_PORT ganache
$BRIDGE_PORT device-bridge
$UI_PORT ui
$SETTLEMENT_PORT settlement
EOF
}
