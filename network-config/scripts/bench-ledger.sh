#!/usr/bin/env bash
# Submit-to-commit latency of offers posted one after another through Aggregator1's API on a
# running stack (./flex up). Each POST returns once the transaction is committed, so its time
# is endorsement (two organisations) + ordering (SmartBFT or Raft, FLEX_ORDERING; batches cut
# after 250 ms) + commit + HTTP.
#   bench-ledger.sh [COUNT]     (default 100)
set -euo pipefail
# shellcheck source=ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"
COUNT=${1:-100}
DSO=$FLEX_API_DSO
AGG1=$FLEX_API_AGGREGATOR1
RUN_ID=$(date +%s)
DAY=$(python3 -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=2))')
SALT=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
KC="$(dirname "${BASH_SOURCE[0]}")/keycloak.sh"
uuid() { python3 -c 'import uuid; print(uuid.uuid4())'; }

curl -fsS -o /dev/null --max-time 10 "$AGG1/q/health/ready" || { echo "bench: the stack is not up (./flex up)" >&2; exit 1; }
DSO_TOKEN=$("$KC" token dso-agent)
AGG1_TOKEN=$("$KC" token aggregator1-agent)
curl -sS -o /dev/null --max-time 60 -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $DSO_TOKEN" -H "Idempotency-Key: $(uuid)" \
  -d '{"id":"TX1","kind":"TRANSFORMER","capacityKw":500}' "$DSO/api/congestion-points"
home="bench-$RUN_ID"
code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 60 -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $AGG1_TOKEN" -H "Idempotency-Key: $(uuid)" \
  -d "{\"id\":\"$home\",\"congestionPointId\":\"TX1\",\"home\":{\"assetId\":\"$home\",\"address\":\"Bench Row\",\"meterId\":\"m-$home\",\"connectionCapacityKw\":9.2,\"salt\":\"$SALT\"}}" \
  "$AGG1/api/assets")
[ "$code" = 201 ] || { echo "bench: registering $home failed with HTTP $code" >&2; exit 1; }

times=$(mktemp)
echo "bench: posting $COUNT offers one after another through $AGG1" >&2
for i in $(seq 1 "$COUNT"); do
  body="{\"id\":\"b-$RUN_ID-$i\",\"congestionPointId\":\"TX1\",\"assetId\":\"$home\",\"day\":\"$DAY\",\"kwBySlot\":{\"70\":1.0},\"price\":0.2,\"minActivation\":0}"
  # The key is made before the timed request: the figure is the API's and the ledger's time only.
  key=$(uuid)
  out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' --max-time 60 -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $AGG1_TOKEN" -H "Idempotency-Key: $key" -d "$body" "$AGG1/api/offers")
  [ "${out%% *}" = 201 ] || { echo "bench: offer $i failed: $out" >&2; exit 1; }
  echo "${out##* }" >>"$times"
  if ((i % 10 == 0)); then printf '\rbench: %d/%d' "$i" "$COUNT" >&2; fi
done
echo >&2
python3 - "$times" <<'PY'
import statistics, sys
t = sorted(float(x) * 1000 for x in open(sys.argv[1]))
p95 = t[max(0, int(round(0.95 * len(t))) - 1)]
print(f"offers: {len(t)}  median: {statistics.median(t):.0f} ms  p95: {p95:.0f} ms  "
      f"min: {t[0]:.0f} ms  max: {t[-1]:.0f} ms  mean: {statistics.mean(t):.0f} ms")
PY
rm -f "$times"
