#!/usr/bin/env bash
# The demo on a running stack (./flex demo starts it first), one whole market day: the DSO registers
# its congestion points; each aggregator registers homes of its portfolio with a signed meter each
# (the meter's key stays in the device's own folder) and the DSO approves each meter's key (a meter
# counts only then); the aggregators commit the homes' baselines and post offers; the DSO reads every offer back through its own API (its
# own organisation's peer), asks for flexibility and clears the day at gate closure; the meters
# publish the day's signed readings over MQTT; the DSO seals the day at the bridge (a Merkle root per
# aggregator on the ledger); the aggregators reveal their baselines; the DSO settles every order
# (endorsed by both organisations), anchors the day's settlement root on the EVM chain and pays out;
# and the audit re-derives every settlement. The day is a future market day of its own (offers need
# an open gate), replayed in compressed time.
set -euo pipefail
# shellcheck source=ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

DSO=$FLEX_API_DSO
AGG1=$FLEX_API_AGGREGATOR1
AGG2=$FLEX_API_AGGREGATOR2
KC="$(dirname "${BASH_SOURCE[0]}")/keycloak.sh"
RUN_ID=$(date +%Y%m%d%H%M%S)
DAY=$(python3 -c 'import datetime, random; print(datetime.date.today() + datetime.timedelta(days=30 + random.randrange(3000)))')
SCRIPTS=$(dirname "${BASH_SOURCE[0]}")
FLEX="$SCRIPTS/../../flex"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Each organisation's agent signs in with its client credentials (demo secrets, see the README).
echo "== the agents sign in to Keycloak (client credentials)"
declare -A TOKEN=(
  ["$DSO"]=$("$KC" token dso-agent)
  ["$AGG1"]=$("$KC" token aggregator1-agent)
  ["$AGG2"]=$("$KC" token aggregator2-agent)
)

# POST a JSON body as the instance's own agent, with a fresh idempotency key; prints the HTTP
# status and keeps the body in $REPLY_BODY.
post() { # url json
  local out base=${1%/api/*}
  out=$(mktemp)
  local code
  code=$(curl -sS -o "$out" -w '%{http_code}' --max-time 60 -H 'Content-Type: application/json' \
    -H "Authorization: Bearer ${TOKEN[$base]}" -H "Idempotency-Key: $(python3 -c 'import uuid; print(uuid.uuid4())')" \
    -d "$2" "$1")
  REPLY_BODY=$(cat "$out")
  rm -f "$out"
  echo "$code"
}

expect_created() { # what status [also-acceptable-status]
  local what=$1 code=$2 ok=${3:-201}
  if [ "$code" != 201 ] && [ "$code" != "$ok" ]; then
    echo "demo: $what failed with HTTP $code: $REPLY_BODY" >&2
    exit 1
  fi
}

salt() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }

echo "== the DSO registers transformer TX1 and feeders F1..F4 (409 = already registered)"
code=$(post "$DSO/api/congestion-points" '{"id":"TX1","kind":"TRANSFORMER","capacityKw":500}')
expect_created "TX1" "$code" 409
for f in F1 F2 F3 F4; do
  code=$(post "$DSO/api/congestion-points" "{\"id\":\"$f\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":150}")
  expect_created "$f" "$code" 409
done

echo "== Aggregator1 registers homes on F1, Aggregator2 on F2 (private details go to each one's collection with the DSO)"
register_home() { # api home feeder
  local body
  body=$(printf '{"id":"%s","congestionPointId":"%s","home":{"assetId":"%s","address":"%s, Pontypool","meterId":"m-%s","connectionCapacityKw":9.2,"salt":"%s"}}' \
    "$2" "$3" "$2" "$2" "$2" "$(salt)")
  code=$(post "$1/api/assets" "$body")
  expect_created "home $2" "$code" 409
}
# New homes on every run: a home sold in a slot cannot be sold there again on the same day.
for h in 1 2 3; do register_home "$AGG1" "home-$RUN_ID-a1-$h" F1; done
for h in 1 2 3; do register_home "$AGG2" "home-$RUN_ID-a2-$h" F2; done
HOMES=()
for h in 1 2 3; do HOMES+=("home-$RUN_ID-a1-$h" "home-$RUN_ID-a2-$h"); done
api_of() { case "$1" in *-a1-*) echo "$AGG1" ;; *) echo "$AGG2" ;; esac; }
client_of() { case "$1" in *-a1-*) echo aggregator1-agent ;; *) echo aggregator2-agent ;; esac; }

echo "== each home gets a meter with its own P-256 key (kept in the device's folder), proposed by its aggregator and approved by the DSO"
for home in "${HOMES[@]}"; do
  "$FLEX" devices keys "meter-$home" >/dev/null
  "$FLEX" devices register "meter-$home" --asset "$home" --api "$(api_of "$home")" --client "$(client_of "$home")" >/dev/null
  # The DSO checks the key the meter itself shows and approves it: until then its readings do not count.
  "$FLEX" devices approve "meter-$home" --api "$DSO" --client dso-agent >/dev/null
  echo "   meter-$home registered for $home by its aggregator, approved by the DSO"
done

echo "== the aggregators commit each home's baseline for $DAY (a hash now, the values after the day)"
for home in "${HOMES[@]}"; do
  python3 "$SCRIPTS/demo-day.py" baseline "$home" "$DAY" "$(salt)" >"$WORK/baseline-$home.json"
  hash=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hashHex"])' "$WORK/baseline-$home.json")
  code=$(post "$(api_of "$home")/api/baselines" "{\"assetId\":\"$home\",\"day\":\"$DAY\",\"hashHex\":\"$hash\"}")
  expect_created "baseline of $home" "$code"
done

echo "== both aggregators post offers for $DAY (evening peak, slots 68-71)"
ids=()
post_offer() { # api id home feeder kw price
  local body
  body=$(printf '{"id":"%s","congestionPointId":"%s","assetId":"%s","day":"%s","kwBySlot":{"68":%s,"69":%s,"70":%s,"71":%s},"price":%s,"minActivation":0.5}' \
    "$2" "$4" "$3" "$DAY" "$5" "$5" "$5" "$5" "$6")
  local t0 t1
  t0=$(date +%s%N)
  code=$(post "$1/api/offers" "$body")
  t1=$(date +%s%N)
  expect_created "offer $2" "$code"
  printf '   posted %-28s via %s in %4d ms\n' "$2" "$1" $(((t1 - t0) / 1000000))
  ids+=("$2")
}
post_offer "$AGG1" "o-$RUN_ID-a1-1" home-$RUN_ID-a1-1 F1 2.0 0.18
post_offer "$AGG1" "o-$RUN_ID-a1-2" home-$RUN_ID-a1-2 F1 1.5 0.21
post_offer "$AGG1" "o-$RUN_ID-a1-3" home-$RUN_ID-a1-3 TX1 3.0 0.25
post_offer "$AGG2" "o-$RUN_ID-a2-1" home-$RUN_ID-a2-1 F2 2.5 0.17
post_offer "$AGG2" "o-$RUN_ID-a2-2" home-$RUN_ID-a2-2 F2 1.0 0.30
post_offer "$AGG2" "o-$RUN_ID-a2-3" home-$RUN_ID-a2-3 TX1 2.2 0.19

echo "== the DSO reads them back through its own API and peer"
for id in "${ids[@]}"; do
  curl -sS --max-time 30 -H "Authorization: Bearer ${TOKEN[$DSO]}" "$DSO/api/offers/$id"
  echo
done | python3 "$(dirname "${BASH_SOURCE[0]}")/demo-report.py" offers

echo "== the DSO asks for flexibility at F1 and F2 (evening peak) and clears the day (what gate closure does)"
for f in F1 F2; do
  code=$(post "$DSO/api/requests" "{\"id\":\"r-$RUN_ID-$f\",\"congestionPointId\":\"$f\",\"day\":\"$DAY\",\"kwBySlot\":{\"68\":3.0,\"69\":3.0,\"70\":3.0,\"71\":3.0},\"unservedPenalty\":1.0}")
  expect_created "request at $f" "$code"
done
curl -sS --max-time 120 -X POST -H "Authorization: Bearer ${TOKEN[$DSO]}" "$DSO/api/clearing/$DAY" |
  python3 "$(dirname "${BASH_SOURCE[0]}")/demo-report.py" clearing

echo "== the meters publish the day's signed readings over MQTT (compressed time; what each home delivers differs)"
curl -sS --max-time 30 -H "Authorization: Bearer ${TOKEN[$DSO]}" "$DSO/api/orders?day=$DAY&pageSize=100" |
  python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["records"]))' |
  python3 "$SCRIPTS/demo-day.py" profiles "$DAY" "$WORK" "${HOMES[@]}"
before=$(curl -sS --max-time 10 $FLEX_BRIDGE_URL/bridge/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["accepted"])')
for home in "${HOMES[@]}"; do
  "$FLEX" devices publish --profile "$WORK/meter-$home.json" >/dev/null
done
slots=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["kwBySlot"]))' "$WORK/meter-${HOMES[0]}.json")
want=$((before + slots * ${#HOMES[@]}))
for _ in $(seq 1 120); do
  now=$(curl -sS --max-time 10 $FLEX_BRIDGE_URL/bridge/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["accepted"])')
  [ "$now" -ge "$want" ] && break
  sleep 0.5
done
echo "   the bridge verified and stored $((now - before)) of $((slots * ${#HOMES[@]})) readings"

echo "== the DSO seals the day: one Merkle root of the readings per aggregator, anchored on the ledger"
curl -sS --max-time 60 -X POST -H "Authorization: Bearer ${TOKEN[$DSO]}" "$FLEX_BRIDGE_URL/bridge/anchors/$DAY" |
  python3 -c 'import json,sys
for a in json.load(sys.stdin)["anchors"]:
    print("   %-15s root %s over %d readings, on the ledger: %s" % (a["aggregatorMsp"], a["rootHex"], a["leafCount"], a["onLedger"]))'

echo "== the aggregators reveal the baselines they committed before gate closure"
for home in "${HOMES[@]}"; do
  body=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["reveal"]))' "$WORK/baseline-$home.json")
  code=$(post "$(api_of "$home")/api/baselines/reveal" "$body")
  expect_created "reveal of $home" "$code"
done

echo "== the DSO settles the day: each order on the ledger, the root on the EVM chain, payouts in FLEX"
"$FLEX" settle --day "$DAY"

echo "== the audit re-derives every settlement from the ledger, the signed readings and the EVM anchor"
"$FLEX" audit --period "$DAY" 2>/dev/null
