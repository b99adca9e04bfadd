#!/usr/bin/env bash
# Checks, before anything is built, what a command of ./flex needs on this machine, and stops at
# once with the one command that fixes what is missing.
#
#   prereqs.sh up|demo|test [--install]
#
# up and demo need Java 17+, Node.js with npm, Python 3, curl, the Debian packages mosquitto and
# postgresql, the Fabric binaries (or a way to obtain them) and the stack's ports free (or held by
# this stack's own processes); test needs Chromium and python3-nacl as well, and checks the ports of the test stack
# (it-tests/target/flex-home, FLEX_PORT_OFFSET 20000) instead of the demo stack's.
# A missing Debian package is installed (apt-get) when the user is root or has sudo without a
# password, or when --install is given; otherwise the script names the command to run.
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
WHAT=${1:-up}
INSTALL_OK=auto
[ "${2:-}" = "--install" ] && INSTALL_OK=yes

problems=()
need() { problems+=("$1"); }

# ---- tools -------------------------------------------------------------------------------------

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1
}
if ! command -v java >/dev/null; then
  need "Java 17 or newer is not installed: sudo apt-get install -y openjdk-17-jdk-headless (or any JDK 17+ on PATH)"
elif [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  need "Java $(java_major) found, 17 or newer needed: put a JDK 17+ first on PATH (or set JAVA_HOME)"
fi
command -v python3 >/dev/null || need "Python 3 is not installed: sudo apt-get install -y python3"
command -v curl >/dev/null || need "curl is not installed: sudo apt-get install -y curl"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  need "Node.js with npm is not installed (ganache, the local EVM node, and solc come from npm): install Node.js 18+ (https://nodejs.org or sudo apt-get install -y nodejs npm)"
fi

# The Fabric binaries: one of the sources of fabric-binaries.sh must be there.
fabric_ok() {
  [ -n "${FABRIC_BIN:-}" ] && return 0
  local cache=${FLEX_CACHE:-$HOME/.cache/flexledger}/fabric/${FABRIC_VERSION:-3.1.5}/bin
  [ -x "$cache/peer" ] && [ -x "$cache/orderer" ] && return 0
  [ -n "${FABRIC_DIST:-}" ] && return 0
  command -v go >/dev/null && return 0
  return 1
}
fabric_ok || need "no way to obtain the Fabric binaries: set FABRIC_DIST to the offline archive hyperledger-fabric-3.1.5-linux-amd64.tar.xz (or its folder), FABRIC_BIN to a folder of Fabric binaries, or install Go 1.26 (README, 'The Fabric binaries')"

# ---- Debian packages ---------------------------------------------------------------------------

packages=()
[ -x "${MOSQUITTO_BIN:-/usr/sbin/mosquitto}" ] || packages+=(mosquitto)
# The stack's supervisor (stack.sh) is installed from PyPI into a venv of Python 3.
python3 -c 'import ensurepip, venv' 2>/dev/null || packages+=(python3-venv)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${PG_BIN:-}" ] || packages+=(postgresql)
if [ "$WHAT" = test ]; then
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  # uftp's interoperability test checks CS1 signatures with libsodium through Debian's PyNaCl.
  /usr/bin/python3 -c 'import nacl.signing' 2>/dev/null || packages+=(python3-nacl)
fi
if [ ${#packages[@]} -gt 0 ]; then
  sudo_cmd=()
  can_install=false
  if [ "$(id -u)" -eq 0 ]; then
    can_install=true
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    can_install=true
    sudo_cmd=(sudo -n)
  fi
  if $can_install || [ "$INSTALL_OK" = yes ]; then
    echo "prereqs: installing ${packages[*]} (apt-get, about a minute)" >&2
    "${sudo_cmd[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2 ||
      need "apt-get could not install ${packages[*]}"
  else
    need "missing Debian packages ${packages[*]}; install them once (needs root): sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages[*]}"
  fi
fi

# ---- ports -------------------------------------------------------------------------------------

if [ "$WHAT" = test ]; then
  export FLEX_HOME="$ROOT/it-tests/target/flex-home" FLEX_PORT_OFFSET=${FLEX_IT_PORT_OFFSET:-20000}
fi
RUN=${FLEX_HOME:-$ROOT/.flex}
# shellcheck source=ports.sh
source "$NC_DIR/scripts/ports.sh"

owner_of() { # port -> "name (PID n)" of the process listening there, when ss can tell
  command -v ss >/dev/null || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (PID \2)/p' | head -n 1
}
# This stack's own running processes ("name pid"), from its supervisord.
OURS=$(FLEX_HOME="$RUN" "$NC_DIR/scripts/stack.sh" pids 2>/dev/null || true)
ours() { grep -q "^$1 " <<<"$OURS"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ports held by processes this stack did not start, one line per holder.
declare -A taken=()
while read -r port name; do
  if listening "$port" && ! ours "$name"; then
    holder=$(owner_of "$port")
    holder=${holder:-a process this user cannot name}
    taken[$holder]="${taken[$holder]:-}${taken[$holder]:+, }$port ($name)"
  fi
done < <(flex_ports)
for holder in "${!taken[@]}"; do
  need "ports held by $holder, which this stack ($RUN) did not start: ${taken[$holder]}"
done
if [ ${#taken[@]} -gt 0 ]; then
  need "stop those, or run this stack beside them with its own FLEX_HOME and FLEX_PORT_OFFSET=N (every port + N)"
fi

# The supervisor of the stack's processes (supervisor from PyPI, pinned by hash, in the cache).
if [ ${#problems[@]} -eq 0 ]; then
  "$NC_DIR/scripts/stack.sh" install >/dev/null || need "supervisor could not be installed (see above)"
fi

if [ ${#problems[@]} -gt 0 ]; then
  echo "flex $WHAT cannot start; first:" >&2
  for p in "${problems[@]}"; do echo "  - $p" >&2; done
  exit 1
fi
