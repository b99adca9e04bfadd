#!/usr/bin/env bash
# The identity provider of the local stack: a Keycloak server (keycloak-quarkus-dist from Maven
# Central) in development mode on 127.0.0.1, its H2 database in the runtime folder, the realm
# `flexledger` imported from network-config/keycloak/flexledger-realm.json on the first start.
#
#   keycloak.sh dist         obtain the distribution (once per machine) and print its folder
#   keycloak.sh start        start it (under the stack's supervisord, stack.sh) unless it runs;
#                            wait until the realm answers
#   keycloak.sh stop         stop it (it stays stopped until started)
#   keycloak.sh status       its line of `network.sh status`; exit 0 only when healthy
#   keycloak.sh prepare      the one-shot steps before a start (distribution, the stack's own
#                            Keycloak folder, the realm file to import); run by stack.sh
#   keycloak.sh ready        the one-shot step once it answers (new resources of the realm file)
#   keycloak.sh token CLIENT [SECRET]          an access token of a client-credentials client
#   keycloak.sh token-user USER [PASSWORD]     an access token of a demo user (password grant)
#
# Environment:
#   FLEX_HOME            runtime folder (default: <checkout>/.flex)
#   FLEX_KEYCLOAK_PORT   HTTP port (default 8180); the management port (health) is port + 1000
#   FLEX_KEYCLOAK_HOME   a Keycloak distribution to use instead of the cached one
#   FLEX_CACHE           cache folder (default: ~/.cache/flexledger)
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$NC_DIR/.." && pwd)
RUN=${FLEX_HOME:-$ROOT/.flex}
KC_VERSION=26.7.3
# shellcheck source=ports.sh
source "$NC_DIR/scripts/ports.sh"
KC_PORT=$FLEX_KEYCLOAK_PORT
KC_MGMT_PORT=$((KC_PORT + 1000))
CACHE=${FLEX_CACHE:-$HOME/.cache/flexledger}
REALM=flexledger
REALM_FILE="$NC_DIR/keycloak/flexledger-realm.json"
KC_URL="http://127.0.0.1:$KC_PORT"

log() { echo "keycloak: $*" >&2; }
die() { echo "keycloak: $*" >&2; exit 1; }

# The distribution: fetched from Maven Central with the project's Maven wrapper, unpacked once.
dist() {
  if [ -n "${FLEX_KEYCLOAK_HOME:-}" ]; then
    [ -x "$FLEX_KEYCLOAK_HOME/bin/kc.sh" ] || die "FLEX_KEYCLOAK_HOME=$FLEX_KEYCLOAK_HOME has no bin/kc.sh"
    echo "$FLEX_KEYCLOAK_HOME"
    return
  fi
  local home="$CACHE/keycloak/keycloak-$KC_VERSION"
  if [ ! -x "$home/bin/kc.sh" ]; then
    local download="$CACHE/keycloak/download"
    local tgz="$download/keycloak-quarkus-dist-$KC_VERSION.tar.gz"
    if [ ! -f "$tgz" ]; then
      log "downloading keycloak-quarkus-dist $KC_VERSION from Maven Central"
      (cd "$ROOT" && ./mvnw -B -q dependency:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:tar.gz" \
        -DoutputDirectory="$download") >&2 || die "could not download keycloak-quarkus-dist $KC_VERSION"
    fi
    rm -rf "$home.tmp"
    mkdir -p "$home.tmp"
    tar -xzf "$tgz" -C "$home.tmp" --strip-components=1
    mv "$home.tmp" "$home"
  fi
  echo "$home"
}

# shellcheck source=stack.sh
source "$NC_DIR/scripts/stack.sh"

# The stack's own Keycloak folder: programs and libraries shared with the cached distribution,
# data (imports, temporary files) its own, so that stacks of other checkouts never share them.
stack_home() { # dist -> $RUN/keycloak/home
  local dist=$1 home="$RUN/keycloak/home" d
  if [ ! -f "$home/bin/kc.sh" ] || [ "$(readlink "$home/lib")" != "$dist/lib" ]; then
    rm -rf "$home"
    mkdir -p "$home"
    cp -R "$dist/bin" "$home/bin"
    for d in conf lib providers themes; do ln -s "$dist/$d" "$home/$d"; done
    [ -f "$dist/version.txt" ] && cp "$dist/version.txt" "$home/"
  fi
  mkdir -p "$home/data/import"
  foreground_launcher "$home/bin"
  echo "$home"
}

# kc.sh runs the server as a child and waits for it, so a SIGKILL to kc.sh would leave the server
# running on its port and database without its supervisor. kc-foreground.sh is kc.sh that ends by
# exec'ing the server instead: the supervised PID is the server's. (An exit with status 10, Keycloak
# asking to be started again after it re-augmented itself, is such a start by supervisord.)
foreground_launcher() { # bin-folder
  local bin=$1 background="eval \"{ '\$JAVA' \$JAVA_RUN_OPTS <&3 3<&- & } 3<&0\""
  grep -qxF "$background" "$bin/kc.sh" ||
    die "$bin/kc.sh does not start the server as this script expects (Keycloak $KC_VERSION): see foreground_launcher"
  awk -v bg="$background" '$0 == bg { print "eval exec \"\x27$JAVA\x27\" \"$JAVA_RUN_OPTS\""; next } { print }' \
    "$bin/kc.sh" >"$bin/kc-foreground.sh.tmp"
  chmod +x "$bin/kc-foreground.sh.tmp"
  mv "$bin/kc-foreground.sh.tmp" "$bin/kc-foreground.sh"
}

cmd_prepare() {
  local dist home
  dist=$(dist)
  home=$(stack_home "$dist")
  mkdir -p "$RUN/keycloak/h2"
  # Keycloak imports realms only from its own data/import folder (here the stack's own); the
  # file there is the repository's with this stack's UI address, and a realm that exists in the
  # database is left as it is.
  sed "s#127.0.0.1:8088#127.0.0.1:$UI_PORT#g; s#localhost:8088#localhost:$UI_PORT#g" "$REALM_FILE" \
    >"$home/data/import/$REALM-realm.json"
}

# A realm that exists keeps its data, so one created from an older realm file would lack what the
# file has gained since (a new client, its service account): those are added, nothing existing is
# changed (Keycloak's partial import, existing resources skipped; groups are left out: the partial
# import refuses an existing group even when told to skip it).
add_new_resources() { # realm-file
  local admin answer
  admin=$(curl -fsS --max-time 10 "$KC_URL/realms/master/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=admin-cli -d username=admin -d password=flexledger-demo-admin |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') ||
    { log "warning: no admin token; resources added to the realm file since it was imported are missing"; return 0; }
  answer=$(python3 -c '
import json, sys
realm = json.load(open(sys.argv[1]))
print(json.dumps({"ifResourceExists": "SKIP",
                  **{k: realm[k] for k in ("roles", "clients", "users") if k in realm}}))
' "$1" | curl -fsS --max-time 60 -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    --data-binary @- "$KC_URL/admin/realms/$REALM/partialImport") ||
    { log "warning: could not add the realm file's new resources (see $RUN/logs/keycloak.log)"; return 0; }
  python3 -c '
import json, sys
a = json.load(sys.stdin)
added = [r["resourceName"] for r in a.get("results", []) if r.get("action") == "ADDED"]
if added:
    print("keycloak: added to the existing realm: " + ", ".join(added))
' <<<"$answer"
}

token_request() { # form-args...
  curl -fsS --max-time 10 "$KC_URL/realms/$REALM/protocol/openid-connect/token" "$@" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

case "${1:-}" in
  dist) dist ;;
  prepare) cmd_prepare ;;
  ready) add_new_resources "$RUN/keycloak/home/data/import/$REALM-realm.json" ;;
  start) start_all keycloak ;;
  stop) stop_all keycloak ;;
  status) status_all keycloak ;;
  token)
    [ -n "${2:-}" ] || die "usage: keycloak.sh token CLIENT [SECRET]"
    token_request -d grant_type=client_credentials -d "client_id=$2" -d "client_secret=${3:-$2-demo-secret}" ;;
  token-user)
    [ -n "${2:-}" ] || die "usage: keycloak.sh token-user USER [PASSWORD]"
    token_request -d grant_type=password -d client_id=flexledger-cli -d "username=$2" -d "password=${3:-flexledger-demo}" ;;
  *) echo "usage: keycloak.sh dist | prepare | ready | start | stop | status | token CLIENT [SECRET] | token-user USER [PASSWORD]" >&2; exit 2 ;;
esac
