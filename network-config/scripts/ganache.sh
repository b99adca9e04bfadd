#!/usr/bin/env bash
# The local EVM node of the stack: ganache (npm package, pinned) on 127.0.0.1, chain id 1337, ten
# accounts derived from a fixed demo mnemonic (account 0 = the operator/DSO, 1 = Aggregator1MSP,
# 2 = Aggregator2MSP), its chain database in the runtime folder so a restart keeps the chain.
#
#   ganache.sh install   install ganache once (npm install --prefix into the cache) and print its binary
#   ganache.sh start     start it (under the stack's supervisord, stack.sh) unless it runs; wait
#                        until eth_chainId answers
#   ganache.sh stop      stop it (it stays stopped until started)
#   ganache.sh status    its line of `network.sh status`; exit 0 only when healthy
#   ganache.sh prepare   install it when missing, make its data folder (run by stack.sh)
#
# Environment:
#   FLEX_HOME            runtime folder (default: <checkout>/.flex); data in $FLEX_HOME/ganache
#   GANACHE_PORT         JSON-RPC port (default 8545)
#   FLEX_CACHE           cache folder (default: ~/.cache/flexledger); ganache in $FLEX_CACHE/ganache
#   FLEX_GANACHE_MNEMONIC  the wallet mnemonic (default: the well-known demo mnemonic of stack.sh)
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
# Its command line (chain id 1337, the demo mnemonic: public knowledge, demo keys only) is
# declared in stack.sh.

log() { echo "ganache: $*" >&2; }
die() { echo "ganache: $*" >&2; exit 1; }

# shellcheck source=stack.sh
source "$NC_DIR/scripts/stack.sh"

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

cmd_prepare() {
  if ! live_state "$(state_of ganache)" && tcp_open "127.0.0.1:$PORT"; then
    die "port $PORT is taken by another process (set GANACHE_PORT)"
  fi
  install >/dev/null
  mkdir -p "$RUN/ganache/db"
}

case "${1:-}" in
  install) install ;;
  prepare) cmd_prepare ;;
  start) start_all ganache ;;
  stop) stop_all ganache ;;
  status) status_all ganache ;;
  *) echo "usage: ganache.sh install | prepare | start | stop | status" >&2; exit 2 ;;
esac
