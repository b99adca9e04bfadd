"""Prints the demo's ledger records as tables.

  demo-report.py offers     offers, one JSON object per line on stdin, as the ledger holds them
  demo-report.py clearing   a gate-closure clearing report (JSON) of marketplace-api
"""
import json
import sys


def offers():
    rows = [json.loads(line) for line in sys.stdin if line.strip()]
    header = ("offer", "aggregator", "point", "asset", "kW by slot", "EUR/kWh", "min", "state")
    print("{:<28} {:<15} {:<6} {:<24} {:<36} {:>8} {:>5}  {}".format(*header))
    for o in rows:
        kw = ",".join(f"{k}:{v}" for k, v in sorted(o["kwBySlot"].items(), key=lambda kv: int(kv[0])))
        print("{:<28} {:<15} {:<6} {:<24} {:<36} {:>8} {:>5}  {}".format(
            o["id"], o["aggregatorMsp"], o["congestionPointId"], o["assetId"], kw,
            str(o["price"]), str(o["minActivation"]), o.get("state", "")))
    print(f"{len(rows)} offers read back by DsoMSP")


def clearing():
    text = sys.stdin.read()
    try:
        r = json.loads(text)
    except json.JSONDecodeError:
        sys.exit(f"demo: the clearing did not answer with JSON: {text[:300]}")
    if "orders" not in r:
        sys.exit(f"demo: the clearing failed: {r.get('detail', r)}")
    print("cleared {}: {} request slots, {} live offers, cost {:.4f} EUR, unserved {:.3f} kW, solved in {} ms".format(
        r["day"], r["requests"], r["offers"], r["costEur"], r["unservedKw"], r["solveMillis"]))
    for o in r["orders"]:
        print("   order {:<36} activation {}".format(o["orderId"], o["activation"]))
    print(f"{r['placed']} orders recorded on the ledger by DsoMSP ({r['alreadyPlaced']} were already there)")


{"offers": offers, "clearing": clearing}[sys.argv[1]]()
