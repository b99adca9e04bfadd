"""Prints the demo's ledger records as tables.

  demo-report.py offers     offers, one JSON object per line on stdin, as the ledger holds them
  demo-report.py clearing   a gate-closure clearing report (JSON) of marketplace-api
  demo-report.py community-clearing   a community clearing report (POST /api/community/clearing/{day})
  demo-report.py community-trades     a community day's trades as its operator reads them
  demo-report.py community-prices     a community day's public price and volume per slot
  demo-report.py day SETTLEMENTS TRADES STATEMENTS
                            the day's report: the DSO's settlements, the community trades and each
                            member's statement lines (files of the APIs' answers)
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


def load(text, what):
    try:
        r = json.loads(text)
    except json.JSONDecodeError:
        sys.exit(f"demo: {what} did not answer with JSON: {text[:300]}")
    if isinstance(r, dict) and r.get("status") and r.get("title"):
        sys.exit(f"demo: {what} failed: {r.get('code', '')} {r.get('detail', r.get('title'))}")
    return r


def community_clearing():
    r = load(sys.stdin.read(), "the community clearing")
    if "trades" not in r:
        sys.exit(f"demo: the community clearing failed: {r}")
    print("cleared community {} {}: {} orders, {} trades in slots {}, the members' gain against the grid {:.4f} EUR{}".format(
        r["community"], r["day"], r["orders"], r["trades"], ",".join(map(str, r["slotsCleared"])) or "-",
        r["welfareEur"], "" if r["recorded"] else " (recorded before)"))
    if r["lockedSlots"]:
        print("   held against DSO orders (matched flexible sells, home|slot): " + ", ".join(r["lockedSlots"]))
    for o in r["offersPosted"] + r["offersExisting"]:
        print("   leftover flexibility offered to the DSO as Aggregator1's offer " + o)
    for o in r["offersRefused"]:
        print("   leftover offer refused by the ledger: " + o)


def trade_rows(trades):
    header = ("home", "order", "side", "slot", "kW", "kWh", "EUR/kWh")
    fmt = "   {:<28} {:<24} {:<4} {:>4} {:>6} {:>6} {:>8}"
    print(fmt.format(*header))
    for t in sorted(trades, key=lambda t: (t["slot"], t["side"] != "SELL", t["homeId"])):
        kw = float(t["kw"])
        print(fmt.format(t["homeId"], t["orderId"], t["side"], t["slot"], t["kw"], "%.3f" % (kw / 4), t["price"]))


def community_trades():
    r = load(sys.stdin.read(), "the community's trades")
    trades = r.get("trades", [])
    print(f"{len(trades)} community trades on the ledger (read by Aggregator1, the operator):")
    trade_rows(trades)


def community_prices():
    r = load(sys.stdin.read(), "the community's prices")
    print("   the DSO reads the public summary only (no trades): " + ", ".join(
        "slot {} {} kW at {} EUR/kWh".format(s["slot"], s["kw"], s["price"]) for s in r.get("slots", [])))


def k(kwh):
    """kWh to three decimals, as the meters' readings are shown."""
    return "%.3f" % float(kwh)


def day(settlements_file, trades_file, statements_file):
    settlements = load(open(settlements_file).read(), "the DSO's settlements")
    stl = settlements.get("records", [])
    print(f"DSO market: {len(stl)} settlements of orders (read by DsoMSP)")
    fmt = "   {:<28} {:<15} {:>9} {:>9} {:>9} {:>9} {:>9}  {}"
    print(fmt.format("home", "aggregator", "credited", "short", "payment", "penalty", "net EUR", "state"))
    for s in sorted(stl, key=lambda s: s["assetId"]):
        print(fmt.format(s["assetId"], s["aggregatorMsp"], s["creditedKwh"], s["shortfallKwh"], s["paymentEur"],
                         s["penaltyEur"], s["netEur"], s["state"]))
    trades = load(open(trades_file).read(), "the community's trades").get("trades", [])
    statements = load(open(statements_file).read(), "the community's statements").get("records", [])
    print(f"community market of Aggregator1: {len(trades)} trades, {len(statements)} member statements (read by Aggregator1)")
    trade_rows(trades)
    fmt = "   {:>4} {:>7} {:>7} {:>8} {:>9} {:>7} {:>7} {:>7} {:>8} {:>8}"
    for st in sorted(statements, key=lambda s: s["homeId"]):
        print(f"   {st['member']} for {st['homeId']} (kWh, EUR):")
        print(fmt.format("slot", "bought", "sold", "metered", "delivered", "taken", "short", "unused", "paid", "received"))
        for l in st["lines"]:
            print(fmt.format(l["slot"], k(l["boughtKwh"]), k(l["soldKwh"]), k(l["meteredKwh"]), k(l["deliveredKwh"]),
                             k(l["takenKwh"]), k(l["shortfallKwh"]), k(l["unusedKwh"]), l["paidEur"], l["receivedEur"]))
        t = st["totals"]
        print(fmt.format("all", k(t["boughtKwh"]), k(t["soldKwh"]), "", k(t["deliveredKwh"]), k(t["takenKwh"]),
                         k(t["shortfallKwh"]), k(t["unusedKwh"]), t["paidEur"], t["receivedEur"]))
        print(f"   net {t['netEur']} EUR (received - paid)")
    traded = sorted({t["homeId"] for t in trades})
    missing = [h for h in traded if h not in {s["homeId"] for s in statements}]
    if missing:
        sys.exit("demo: community members with trades but no statement: " + ", ".join(missing))


if sys.argv[1] == "day":
    day(*sys.argv[2:5])
else:
    {"offers": offers, "clearing": clearing, "community-clearing": community_clearing,
     "community-trades": community_trades, "community-prices": community_prices}[sys.argv[1]]()
