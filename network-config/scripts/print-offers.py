"""Prints offers (one JSON object per line on stdin, as the ledger holds them) as a table."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
header = ("offer", "aggregator", "point", "asset", "kW by slot", "EUR/kWh", "min", "state")
print("{:<28} {:<15} {:<6} {:<12} {:<32} {:>8} {:>5}  {}".format(*header))
for o in rows:
    kw = ",".join(f"{k}:{v}" for k, v in sorted(o["kwBySlot"].items(), key=lambda kv: int(kv[0])))
    print("{:<28} {:<15} {:<6} {:<12} {:<32} {:>8} {:>5}  {}".format(
        o["id"], o["aggregatorMsp"], o["congestionPointId"], o["assetId"], kw,
        str(o["price"]), str(o["minActivation"]), o.get("state", "")))
print(f"{len(rows)} offers read back by DsoMSP")
