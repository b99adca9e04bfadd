#!/usr/bin/env bash
# The demo on a running stack (./flex demo starts it first): the DSO registers its congestion
# points, each aggregator registers homes of its portfolio and posts offers for the day after
# tomorrow, and the DSO reads every offer back through its own API, that is through its own
# organisation's peer.
set -euo pipefail

DSO=http://127.0.0.1:8081
AGG1=http://127.0.0.1:8082
AGG2=http://127.0.0.1:8083
RUN_ID=$(date +%Y%m%d%H%M%S)
DAY=$(python3 -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=2))')

# POST a JSON body; prints the HTTP status; keeps the body in $REPLY_BODY.
post() { # url json
  local out
  out=$(mktemp)
  local code
  code=$(curl -sS -o "$out" -w '%{http_code}' --max-time 60 -H 'Content-Type: application/json' -d "$2" "$1")
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
for h in 1 2 3; do register_home "$AGG1" "home-a1-00$h" F1; done
for h in 1 2 3; do register_home "$AGG2" "home-a2-00$h" F2; done

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
post_offer "$AGG1" "o-$RUN_ID-a1-1" home-a1-001 F1 2.0 0.18
post_offer "$AGG1" "o-$RUN_ID-a1-2" home-a1-002 F1 1.5 0.21
post_offer "$AGG1" "o-$RUN_ID-a1-3" home-a1-003 TX1 3.0 0.25
post_offer "$AGG2" "o-$RUN_ID-a2-1" home-a2-001 F2 2.5 0.17
post_offer "$AGG2" "o-$RUN_ID-a2-2" home-a2-002 F2 1.0 0.30
post_offer "$AGG2" "o-$RUN_ID-a2-3" home-a2-003 TX1 2.2 0.19

echo "== the DSO reads them back through its own API and peer"
for id in "${ids[@]}"; do
  curl -sS --max-time 30 "$DSO/api/offers/$id"
  echo
done | python3 "$(dirname "${BASH_SOURCE[0]}")/print-offers.py"
