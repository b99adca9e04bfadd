#!/usr/bin/env bash
# Obtains Fabric's node and tool binaries (peer, orderer, configtxgen, cryptogen, osnadmin,
# configtxlator) and prints the folder that holds them on stdout. Sources, in this order:
#
#   1. FABRIC_BIN      a folder of binaries obtained some other way, used as it is
#   2. the cache       $FLEX_CACHE/fabric/VERSION/bin, filled once per machine by 3, 4 or 5
#   3. FABRIC_DIST     an offline archive (the file, or a folder holding it) whose SHA-256 is
#                      pinned in network-config/fabric/VERSION-offline.sha256; unpacked into the
#                      cache, and every program checked against its own pinned hash
#   4. go install      of the release's pseudo-version from the Go module proxy (CGO_ENABLED=0)
#   5. the release     Fabric's official release archive from GitHub, where the network allows,
#                      accepted only with its SHA-256 pinned in network-config/fabric/VERSION-release.sha256
#
#   FABRIC_VERSION   3.1.5 (default) or 2.5.16 (go install only)
#   FLEX_CACHE       cache root (default ~/.cache/flexledger)
#
# Fabric's go.mod has no /v3 suffix, so the release is addressed by its pseudo-version.
set -euo pipefail

NC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FABRIC_VERSION=${FABRIC_VERSION:-3.1.5}
case "$FABRIC_VERSION" in
  3.1.5) PSEUDO=v1.4.0-rc1.0.20260618074816-86c1172bec37 ;;
  2.5.16) PSEUDO=v1.4.0-rc1.0.20260617221605-f871cf92a026 ;;
  *) echo "fabric-binaries: unsupported FABRIC_VERSION '$FABRIC_VERSION' (3.1.5 or 2.5.16)" >&2; exit 2 ;;
esac

CACHE=${FLEX_CACHE:-$HOME/.cache/flexledger}/fabric/$FABRIC_VERSION
BIN=$CACHE/bin
TOOLS=(peer orderer configtxgen cryptogen osnadmin configtxlator)
OFFLINE_SUMS="$NC_DIR/fabric/$FABRIC_VERSION-offline.sha256"
RELEASE_SUMS="$NC_DIR/fabric/$FABRIC_VERSION-release.sha256"
OFFLINE_NAME="hyperledger-fabric-$FABRIC_VERSION-linux-amd64.tar.xz"
RELEASE_NAME="hyperledger-fabric-linux-amd64-$FABRIC_VERSION.tar.gz"
RELEASE_URL="https://github.com/hyperledger/fabric/releases/download/v$FABRIC_VERSION/$RELEASE_NAME"

log() { echo "fabric-binaries: $*" >&2; }
die() { echo "fabric-binaries: $*" >&2; exit 1; }

missing_in() { # folder -> prints the tools it lacks
  local t
  for t in "${TOOLS[@]}"; do [ -x "$1/$t" ] || echo "$t"; done
}

# 1. FABRIC_BIN
if [ -n "${FABRIC_BIN:-}" ]; then
  lacking=$(missing_in "$FABRIC_BIN" | tr '\n' ' ')
  [ -z "$lacking" ] || die "FABRIC_BIN=$FABRIC_BIN lacks: $lacking"
  log "using FABRIC_BIN=$FABRIC_BIN"
  echo "$FABRIC_BIN"
  exit 0
fi

# 2. the cache
if [ -z "$(missing_in "$BIN")" ]; then
  log "cached $FABRIC_VERSION in $BIN ($(cat "$CACHE/source" 2>/dev/null || echo 'source not recorded'))"
  echo "$BIN"
  exit 0
fi

pinned() { # sums-file name -> the pinned hash, empty when none
  [ -f "$1" ] || return 0
  awk -v n="$2" '!/^#/ && $2 == n { print $1 }' "$1"
}

# Unpacks a checked archive into the cache and checks every program it holds.
install_archive() { # archive sums-file source-description
  local archive=$1 sums=$2 what=$3 tmp
  tmp="$CACHE/unpack.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  case "$archive" in
    *.tar.xz) tar -xJf "$archive" -C "$tmp" ;;
    *) tar -xzf "$archive" -C "$tmp" ;;
  esac
  [ -z "$(missing_in "$tmp/bin")" ] || { rm -rf "$tmp"; die "$archive lacks: $(missing_in "$tmp/bin" | tr '\n' ' ')"; }
  if grep -q '  bin/' "$sums"; then
    (cd "$tmp" && grep '  bin/' "$sums" | sha256sum --quiet -c -) >&2 ||
      { rm -rf "$tmp"; die "a program in $archive does not match its hash in $sums"; }
  fi
  rm -rf "$BIN"
  mv "$tmp/bin" "$BIN"
  rm -rf "$tmp"
  echo "$what" >"$CACHE/source"
  log "installed Fabric $FABRIC_VERSION from $what into $BIN"
}

check_archive() { # file sums-file name -> 0 when the file's hash is the pinned one
  local want got
  want=$(pinned "$2" "$3")
  [ -n "$want" ] || die "no SHA-256 pinned for $3 in $2: refusing to use $1"
  got=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$got" != "$want" ]; then
    die "$1 has SHA-256 $got, but $2 pins $want: refusing it (a corrupt or different archive; fetch it again)"
  fi
}

mkdir -p "$CACHE"

# 3. FABRIC_DIST
if [ -n "${FABRIC_DIST:-}" ]; then
  archive=$FABRIC_DIST
  [ -d "$archive" ] && archive="$archive/$OFFLINE_NAME"
  [ -f "$archive" ] || die "FABRIC_DIST=$FABRIC_DIST: no $OFFLINE_NAME there"
  archive="$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive")"
  log "checking $archive against $OFFLINE_SUMS"
  check_archive "$archive" "$OFFLINE_SUMS" "$OFFLINE_NAME"
  install_archive "$archive" "$OFFLINE_SUMS" "offline archive $archive (SHA-256 checked)"
  echo "$BIN"
  exit 0
fi

# 4. go install from the Go module proxy
if command -v go >/dev/null; then
  start=$(date +%s)
  log "building Fabric $FABRIC_VERSION ($PSEUDO) from the Go module proxy; a cold build takes minutes"
  pkgs=()
  for t in "${TOOLS[@]}"; do pkgs+=("github.com/hyperledger/fabric/cmd/$t@$PSEUDO"); done
  rm -rf "$BIN.tmp"
  if CGO_ENABLED=0 GOBIN="$BIN.tmp" GOFLAGS="${GOFLAGS:-} -trimpath" \
    go install -ldflags "-X github.com/hyperledger/fabric/common/metadata.Version=$FABRIC_VERSION" "${pkgs[@]}" >&2; then
    rm -rf "$BIN"
    mv "$BIN.tmp" "$BIN"
    echo "go install $PSEUDO" >"$CACHE/source"
    log "built in $(($(date +%s) - start)) s into $BIN"
    echo "$BIN"
    exit 0
  fi
  rm -rf "$BIN.tmp"
  log "go install failed (above); trying Fabric's release archive"
else
  log "'go' not found on PATH; trying Fabric's release archive"
fi

# 5. Fabric's release archive, pinned by hash
want=$(pinned "$RELEASE_SUMS" "$RELEASE_NAME")
if [ -z "$want" ]; then
  die "no way to obtain Fabric $FABRIC_VERSION here: the Go module proxy did not serve it and no hash of
  $RELEASE_NAME is pinned in $RELEASE_SUMS. Either
  - point FABRIC_DIST at the offline archive $OFFLINE_NAME (or the folder holding it), or
  - point FABRIC_BIN at a folder holding ${TOOLS[*]}"
fi
command -v curl >/dev/null || die "curl not found (needed to download $RELEASE_URL)"
log "downloading $RELEASE_URL"
curl -fsSL --max-time 600 -o "$CACHE/$RELEASE_NAME.part" "$RELEASE_URL" ||
  die "could not download $RELEASE_URL; set FABRIC_DIST to the offline archive or FABRIC_BIN to a folder of binaries"
mv "$CACHE/$RELEASE_NAME.part" "$CACHE/$RELEASE_NAME"
check_archive "$CACHE/$RELEASE_NAME" "$RELEASE_SUMS" "$RELEASE_NAME"
install_archive "$CACHE/$RELEASE_NAME" "$RELEASE_SUMS" "release archive $RELEASE_URL (SHA-256 checked)"
rm -f "$CACHE/$RELEASE_NAME"
echo "$BIN"
