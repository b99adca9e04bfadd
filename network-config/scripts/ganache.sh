#!/usr/bin/env bash
# The local EVM node of the stack: ganache (npm package, pinned) on 127.0.0.1, chain id 1337, ten
# accounts derived from a fixed demo mnemonic (account 0 = the operator/DSO, 1 = Aggregator1MSP,
# 2 = Aggregator2MSP), its chain database in the runtime folder so a restart keeps the chain.
#
#   ganache.sh install   install ganache once (npm install --prefix into the cache) and print its binary
#   ganache.sh start     start it unless it runs; wait until eth_chainId answers
#   ganache.sh stop      stop it, by PID
#   ganache.sh status    "ganache PID port healthy|unhealthy"; exit 0 only when healthy
#
# Environment:
#   FLEX_HOME            runtime folder (default: <checkout>/.flex); data in $FLEX_HOME/ganache
#   GANACHE_PORT         JSON-RPC port (default 8545)
#   FLEX_CACHE           cache folder (default: ~/.cache/flexledger); ganache in $FLEX_CACHE/ganache
#   FLEX_GANACHE_MNEMONIC  the wallet mnemonic (default: the well-known demo mnemonic below)
#   FLEX_GANACHE_WAIT    seconds to wait for the node (default 60)
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
RUN=${FLEX_HOME:-$ROOT/.flex}
GANACHE_VERSION=7.9.2
# shellcheck source=ports.sh
source "$NC_DIR/scripts/ports.sh"
PORT=$GANACHE_PORT
CACHE=${FLEX_CACHE:-$HOME/.cache/flexledger}
INSTALL_DIR="$CACHE/ganache"
BIN="$INSTALL_DIR/node_modules/.bin/ganache"
CHAIN_ID=1337
# Demo keys only: these accounts are public knowledge, never use them on a real chain.
MNEMONIC=${FLEX_GANACHE_MNEMONIC:-myth like bonus scare over problem client lizard pioneer submit female collect}
URL="http://127.0.0.1:$PORT"

log() { echo "ganache: $*" >&2; }
die() { echo "ganache: $*" >&2; exit 1; }

# shellcheck source=processes.sh
source "$NC_DIR/scripts/processes.sh"

# The package, from the npm registry, once per machine (a version change installs anew).
install() {
  local marker="$INSTALL_DIR/node_modules/ganache/package.json"
  if [ -x "$BIN" ] && grep -q "\"version\": \"$GANACHE_VERSION\"" "$marker" 2>/dev/null; then
    echo "$BIN"
    return
  fi
  command -v node >/dev/null || die "node is not installed (Node 18+ needed to run ganache $GANACHE_VERSION)"
  command -v npm >/dev/null || die "npm is not installed (needed once to install ganache $GANACHE_VERSION)"
  log "installing ganache $GANACHE_VERSION into $INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  npm install --prefix "$INSTALL_DIR" --no-audit --no-fund --no-update-notifier --loglevel=error "ganache@$GANACHE_VERSION" >&2 ||
    die "could not install ganache $GANACHE_VERSION from the npm registry"
  [ -x "$BIN" ] || die "ganache $GANACHE_VERSION installed but $BIN is missing"
  echo "$BIN"
}

chain_id() { # the node's eth_chainId (hex), empty when it does not answer
  curl -fsS --max-time 2 -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$URL" 2>/dev/null |
    sed -n 's/.*"result":"\(0x[0-9a-fA-F]*\)".*/\1/p'
}

healthy() { [ "$(chain_id)" = "$(printf '0x%x' "$CHAIN_ID")" ]; }

cmd_start() {
  if pid_of ganache >/dev/null; then
    log "already running (PID $(pid_of ganache))"
    healthy || die "running but not answering on $URL"
    return 0
  fi
  if tcp_open "127.0.0.1:$PORT"; then
    die "port $PORT is taken by another process (set GANACHE_PORT)"
  fi
  local bin
  bin=$(install)
  mkdir -p "$RUN/ganache/db"
  local started=$SECONDS
  # Instant mining; the database folder keeps blocks and state across restarts.
  start_process ganache "$bin" \
    --server.host 127.0.0.1 --server.port "$PORT" \
    --chain.chainId "$CHAIN_ID" --chain.networkId "$CHAIN_ID" --chain.hardfork shanghai \
    --wallet.mnemonic "$MNEMONIC" --wallet.totalAccounts 10 --wallet.defaultBalance 1000 \
    --database.dbPath "$RUN/ganache/db" --logging.quiet
  local deadline=$((SECONDS + ${FLEX_GANACHE_WAIT:-60}))
  until healthy; do
    pid_of ganache >/dev/null || die "ganache exited during start (see $RUN/logs/ganache.log)"
    ((SECONDS < deadline)) || die "ganache not ready after ${FLEX_GANACHE_WAIT:-60}s (see $RUN/logs/ganache.log)"
    sleep 0.3
  done
  log "ready in $((SECONDS - started))s on $URL (chain id $CHAIN_ID, data $RUN/ganache/db)"
}

cmd_stop() {
  stop_process ganache 10
}

cmd_status() {
  local pid state=unhealthy rc=1
  pid=$(pid_of ganache || echo "-")
  if [ "$pid" != "-" ] && healthy; then state=healthy; rc=0; fi
  printf '%-20s %-8s %-6s %s\n' ganache "$pid" "$PORT" "$state"
  return $rc
}

case "${1:-}" in
  install) install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: ganache.sh install | start | stop | status" >&2; exit 2 ;;
esac
