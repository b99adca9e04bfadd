#!/usr/bin/env bash
# The demo on a running stack (./flex demo starts it first), one whole market day: the DSO registers
# its congestion points; each aggregator registers homes of its portfolio with a signed meter each
# (the meter's key stays in the device's own folder) and the DSO approves each meter's key (a meter
# counts only then); in Aggregator1's community (UC2) the residents of two of its homes become
# members (their own consent, then the aggregator's), post sell and buy orders for midday slots, and
# at the community's gate Aggregator1 clears them into trades on the ledger (its leftover offered to
# the DSO); the aggregators commit the homes' baselines and post offers; the DSO reads every offer back through its own API (its
# own organisation's peer), asks for flexibility and clears the day at gate closure; the meters
# publish the day's signed readings over MQTT; the DSO seals the day at the bridge (a Merkle root per
# aggregator on the ledger); the aggregators reveal their baselines; the DSO settles every order
# (endorsed by both organisations), anchors the day's settlement root on the EVM chain and pays out,
# and Aggregator1 settles its members' trades from their meters (a statement per member); the audit
# re-derives every settlement; the report prints the DSO's settlements and the members' statements. The day is a future market day of its own (offers need
# an open gate), replayed in compressed time.
set -euo pipefail
# shellcheck source=ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

DSO=$FLEX_API_DSO
AGG1=$FLEX_API_AGGREGATOR1
AGG2=$FLEX_API_AGGREGATOR2
COMMUNITY=$FLEX_API_COMMUNITY
KC="$(dirname "${BASH_SOURCE[0]}")/keycloak.sh"
RUN_ID=$(date +%Y%m%d%H%M%S)
# DEMO_DAY: a day of your own (a fresh one: a community's day is opened once), e.g. a clock-change
# day of 92 or 100 slots. (Not FLEX_*: the stack hands every FLEX_* variable of `./flex` to its
# services, and a changed one restarts them.)
random_day() { python3 -c 'import datetime, random; print(datetime.date.today() + datetime.timedelta(days=30 + random.randrange(3000)))'; }
DAY=${DEMO_DAY:-$(random_day)}
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

# POST a JSON body with a bearer token and a fresh idempotency key; prints the HTTP status and keeps
# the body in $WORK/reply (post is called in a subshell: a variable would not outlive it).
post_as() { # token url json
  curl -sS -o "$WORK/reply" -w '%{http_code}' --max-time 60 -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $1" -H "Idempotency-Key: $(python3 -c 'import uuid; print(uuid.uuid4())')" \
    -d "$3" "$2"
}
# POST as the instance's own agent.
post() { # url json
  post_as "${TOKEN[${1%/api/*}]}" "$1" "$2"
}
# GET with a bearer token.
get_as() { # token url
  curl -sS --max-time 30 -H "Authorization: Bearer $1" "$2"
}

expect_created() { # what status [also-acceptable-status]
  local what=$1 code=$2 ok=${3:-201}
  if [ "$code" != 201 ] && [ "$code" != "$ok" ]; then
    echo "demo: $what failed with HTTP $code: $(cat "$WORK/reply" 2>/dev/null)" >&2
    exit 1
  fi
}

# POST until it is created: a record written through one organisation's peer reaches another's a
# moment later (a membership proposed through CommunityMSP, approved through Aggregator1), so a
# refusal is retried for up to 30 s before it fails the demo.
post_until_created() { # what token url json [also-acceptable-status]
  local code
  for _ in $(seq 1 60); do
    code=$(post_as "$2" "$3" "$4")
    if [ "$code" = 201 ] || [ "$code" = "${5:-201}" ]; then
      return 0
    fi
    grep -q COMMUNITY_GATE_CLOSED "$WORK/reply" && break # no retry passes a closed gate
    sleep 0.5
  done
  expect_created "$1" "$code" "${5:-201}"
}

salt() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }

# A day no earlier run opened in Aggregator1's community (a community's day is opened once).
if [ -z "${DEMO_DAY:-}" ]; then
  for _ in 1 2 3 4 5; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 30 -H "Authorization: Bearer ${TOKEN[$AGG1]}" \
      "$AGG1/api/community/days/Aggregator1MSP/$DAY")
    [ "$code" = 404 ] && break
    DAY=$(random_day)
  done
fi

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

# Aggregator1's community market (UC2), before the DSO's market: two residents, one home each.
SELLER=home-$RUN_ID-a1-1 # agg1-prosumer's home (PV): proposed through Aggregator1's API
BUYER=home-$RUN_ID-a1-2  # community-prosumer's home: proposed through CommunityMSP's API
# The community's gate closes this many seconds after the day is opened (compressed time: the
# members' orders go in before it, the DSO market's gate of the day is weeks later).
GATE_SECONDS=${DEMO_COMMUNITY_GATE:-45}
echo "== Aggregator1's community (UC2): the residents of $SELLER and $BUYER join it"
echo "   (each resident's own consent with their own token, then Aggregator1's)"
declare -A MEMBER_TOKEN=(
  [agg1-prosumer]=$("$KC" token-user agg1-prosumer)
  [community-prosumer]=$("$KC" token-user community-prosumer)
)
code=$(post_as "${MEMBER_TOKEN[agg1-prosumer]}" "$AGG1/api/community/memberships" "{\"homeId\":\"$SELLER\"}")
expect_created "membership of agg1-prosumer in $SELLER" "$code"
code=$(post_as "${MEMBER_TOKEN[community-prosumer]}" "$COMMUNITY/api/community/memberships" "{\"homeId\":\"$BUYER\"}")
expect_created "membership of community-prosumer in $BUYER" "$code"
for home in "$SELLER" "$BUYER"; do
  # 409: approved already (a retry after a lost answer)
  post_until_created "Aggregator1's approval of $home" "${TOKEN[$AGG1]}" "$AGG1/api/community/memberships/$home/approve" '{}' 409
done
for who in agg1-prosumer community-prosumer; do
  api=$AGG1
  [ "$who" = community-prosumer ] && api=$COMMUNITY
  get_as "${MEMBER_TOKEN[$who]}" "$api/api/community/me?community=Aggregator1MSP" |
    python3 -c 'import json,sys
m=json.load(sys.stdin)
mine=[r for r in m["memberships"] if r["homeId"] in sys.argv[1:]]
for r in mine: print("   %-18s member of %-28s %s, proposed by %s" % (m["member"], r["homeId"], r["state"], r.get("proposerMsp", "?")))' "$SELLER" "$BUYER"
done

echo "== Aggregator1 opens its community's day $DAY (one import and one export price per slot), gate in $GATE_SECONDS s"
GATE=$(python3 -c 'import datetime, sys
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
print((now + datetime.timedelta(seconds=int(sys.argv[1]))).strftime("%Y-%m-%dT%H:%M:%SZ"))' "$GATE_SECONDS")
code=$(post "$AGG1/api/community/days" "$(python3 "$SCRIPTS/demo-day.py" community-day "$DAY" "$GATE")")
expect_created "community day $DAY" "$code"
python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print("   %s: %d slots, %s pricing, gate closes %s; grid import %s..%s, export %s EUR/kWh" % (
    d["day"], len(d["importPrice"]), d["pricing"], d["gateClosure"],
    min(d["importPrice"], key=float), max(d["importPrice"], key=float), d["exportPrice"][0]))' "$WORK/reply"

echo "== the members post their orders for the midday slots 48-50 (the DSO market's slots are 68-71: a home slot sold in the community is not sold to the DSO)"
community_order() { # member api id home slot side flexible kw price
  local body t0 t1
  body=$(printf '{"id":"%s","homeId":"%s","day":"%s","slot":%s,"side":"%s","flexible":%s,"kw":"%s","price":"%s"}' \
    "$3" "$4" "$DAY" "$5" "$6" "$7" "$8" "$9")
  t0=$(date +%s%N)
  post_until_created "community order $3" "${MEMBER_TOKEN[$1]}" "$2/api/community/orders" "$body"
  t1=$(date +%s%N)
  printf '   %-18s %-4s %s kW in slot %s at %s EUR/kWh%s  (%s, %d ms)\n' "$1" "$6" "$8" "$5" "$9" \
    "$([ "$7" = true ] && echo ', flexible' || echo '')" "$3" $(((t1 - t0) / 1000000))
}
community_order agg1-prosumer "$AGG1" "cs-$RUN_ID-48" "$SELLER" 48 SELL true 3 0.08
community_order agg1-prosumer "$AGG1" "cs-$RUN_ID-49" "$SELLER" 49 SELL true 3 0.08
community_order agg1-prosumer "$AGG1" "cs-$RUN_ID-50" "$SELLER" 50 SELL true 2 0.09
community_order community-prosumer "$COMMUNITY" "cb-$RUN_ID-48" "$BUYER" 48 BUY false 2 0.25
community_order community-prosumer "$COMMUNITY" "cb-$RUN_ID-49" "$BUYER" 49 BUY false 2 0.22

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

echo "== at the community's gate ($GATE) Aggregator1 clears its community's day (the UC2 solver), the trades go on the ledger"
while [ "$(date -u +%s)" -lt $(($(date -u -d "$GATE" +%s) + 2)) ]; do sleep 0.5; done
curl -sS --max-time 120 -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer ${TOKEN[$AGG1]}" \
  -H "Idempotency-Key: $(python3 -c 'import uuid; print(uuid.uuid4())')" -d '{}' "$AGG1/api/community/clearing/$DAY" |
  python3 "$SCRIPTS/demo-report.py" community-clearing
# The trades as Aggregator1 reads them (every member's), once its peer has the clearing.
for _ in $(seq 1 60); do
  get_as "${TOKEN[$AGG1]}" "$AGG1/api/community/clearing/Aggregator1MSP/$DAY" >"$WORK/community-trades.json"
  python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("trades") else 1)' "$WORK/community-trades.json" 2>/dev/null && break
  sleep 0.5
done
python3 "$SCRIPTS/demo-report.py" community-trades <"$WORK/community-trades.json"
# Each member reads their own trades only, through their own organisation's API.
for who in agg1-prosumer community-prosumer; do
  api=$AGG1
  [ "$who" = community-prosumer ] && api=$COMMUNITY
  get_as "${MEMBER_TOKEN[$who]}" "$api/api/community/clearing/Aggregator1MSP/$DAY" |
    python3 -c 'import json,sys
t=json.load(sys.stdin).get("trades", [])
print("   %-18s reads its own %d trade(s): %s" % (sys.argv[1], len(t), ", ".join("%s slot %s %s kW at %s" % (x.get("side", "?"), x.get("slot"), x["kw"], x["price"]) for x in t)))' "$who"
done
get_as "${TOKEN[$DSO]}" "$DSO/api/community/prices/Aggregator1MSP/$DAY" | python3 "$SCRIPTS/demo-report.py" community-prices

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
  python3 "$SCRIPTS/demo-day.py" profiles "$DAY" "$WORK" "$WORK/community-trades.json" "${HOMES[@]}"
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

echo "== the DSO settles the day: each order on the ledger, the root on the EVM chain, payouts in FLEX;"
echo "   Aggregator1 settles its community's members from their meters (endorsed with CommunityMSP)"
"$FLEX" settle --day "$DAY"

echo "== the audit re-derives every settlement from the ledger, the signed readings and the EVM anchor"
"$FLEX" audit --period "$DAY" 2>/dev/null

echo "== the day's report: the DSO's settlements and the community members' statements"
get_as "${TOKEN[$DSO]}" "$DSO/api/settlements?day=$DAY&pageSize=100" >"$WORK/settlements.json"
get_as "${TOKEN[$AGG1]}" "$AGG1/api/community/statements/Aggregator1MSP/$DAY" >"$WORK/statements.json"
python3 "$SCRIPTS/demo-report.py" day "$WORK/settlements.json" "$WORK/community-trades.json" "$WORK/statements.json"
# Each member reads their own statement only.
for who in agg1-prosumer community-prosumer; do
  api=$AGG1
  [ "$who" = community-prosumer ] && api=$COMMUNITY
  get_as "${MEMBER_TOKEN[$who]}" "$api/api/community/statements/Aggregator1MSP/$DAY" |
    python3 -c 'import json,sys
r=json.load(sys.stdin).get("records", [])
print("   %-18s reads its own statement(s): %s" % (sys.argv[1], ", ".join("%s net %s EUR" % (s["homeId"], s["totals"]["netEur"]) for s in r) or "none"))' "$who"
done
