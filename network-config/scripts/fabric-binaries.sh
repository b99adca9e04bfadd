#!/usr/bin/env bash
# Obtains the Fabric node and tool binaries from the Go module proxy and caches them
# outside the repository, keyed by version. Prints the cache's bin directory on stdout.
#
#   FABRIC_VERSION   3.1.5 (default) or 2.5.16
#   FLEX_CACHE       cache root (default ~/.cache/flexledger)
#
# Fabric's go.mod has no /v3 suffix, so the release is addressed by its pseudo-version.
set -euo pipefail

FABRIC_VERSION=${FABRIC_VERSION:-3.1.5}
case "$FABRIC_VERSION" in
  3.1.5) PSEUDO=v1.4.0-rc1.0.20260618074816-86c1172bec37 ;;
  2.5.16) PSEUDO=v1.4.0-rc1.0.20260617221605-f871cf92a026 ;;
  *) echo "fabric-binaries: unsupported FABRIC_VERSION '$FABRIC_VERSION' (3.1.5 or 2.5.16)" >&2; exit 2 ;;
esac

CACHE=${FLEX_CACHE:-$HOME/.cache/flexledger}/fabric/$FABRIC_VERSION
BIN=$CACHE/bin
TOOLS=(peer orderer configtxgen cryptogen osnadmin configtxlator)

missing=()
for t in "${TOOLS[@]}"; do [ -x "$BIN/$t" ] || missing+=("$t"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "fabric-binaries: cached $FABRIC_VERSION in $BIN" >&2
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "fabric-binaries: 'go' not found on PATH" >&2; exit 1; }
mkdir -p "$BIN"
start=$(date +%s)
echo "fabric-binaries: building ${missing[*]} of Fabric $FABRIC_VERSION ($PSEUDO) from the Go module proxy; a cold build takes minutes" >&2
pkgs=()
for t in "${missing[@]}"; do pkgs+=("github.com/hyperledger/fabric/cmd/$t@$PSEUDO"); done
CGO_ENABLED=0 GOBIN="$BIN.tmp" GOFLAGS="${GOFLAGS:-} -trimpath" \
  go install -ldflags "-X github.com/hyperledger/fabric/common/metadata.Version=$FABRIC_VERSION" "${pkgs[@]}" >&2
mv "$BIN.tmp"/* "$BIN"/ && rmdir "$BIN.tmp"
echo "fabric-binaries: built in $(( $(date +%s) - start )) s into $BIN" >&2
echo "$BIN"
