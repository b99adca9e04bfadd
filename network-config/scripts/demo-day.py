"""Data of the demo's delivery day (no network calls; demo.sh posts what this prints).

  demo-day.py baseline ASSET DAY SALT    a home's flat baseline: {"hashHex", "reveal": {...}}
  demo-day.py community-day DAY GATE     the community day of Aggregator1 (POST /api/community/days):
                                         one import and one export price per slot of the day (92, 96 or 100)
  demo-day.py profiles DAY DIR TRADES HOME...
                                         reads the day's DSO orders (JSON list on stdin) and the community
                                         trades (a JSON file, or - for none) and writes one metered profile
                                         per home of the demo to DIR/<meter>.json
"""
import datetime
import hashlib
import json
import sys
import zoneinfo

LONDON = zoneinfo.ZoneInfo("Europe/London")
BASELINE_KW = 3.5
# What each demo home really does with its order: the share of the ordered kW it delivers.
SHARE = {"a1-1": 1.0, "a1-2": 0.5, "a1-3": 1.0, "a2-1": 1.0, "a2-2": 0.0, "a2-3": 0.8}
# What the community members' meters show in a traded slot, as a share of the traded kW: the seller's
# export (its PV), the buyer's import. The first traded slot is met in full, the second not: the seller
# exports 60 % (the rest is bought from the grid on its account), the buyer takes 80 % (the rest is
# sold to the grid for it).
COMMUNITY_SHARE = [1.0, 0.6]
COMMUNITY_BUY_SHARE = [1.0, 0.8]


def slot_count(day):
    d = datetime.date.fromisoformat(day)
    start = datetime.datetime(d.year, d.month, d.day, tzinfo=LONDON)
    end = start + datetime.timedelta(days=1)
    end = datetime.datetime(end.year, end.month, end.day, tzinfo=LONDON)
    return int((end.astimezone(datetime.timezone.utc) - start.astimezone(datetime.timezone.utc)).total_seconds() // 900)


def baseline(asset, day, salt):
    kw = ["%.3f" % BASELINE_KW] * slot_count(day)
    # The commitment hashes assetId|day|kW,...|salt with every kW at three decimals.
    text = "%s|%s|%s|%s" % (asset, day, ",".join(kw), salt)
    print(json.dumps({
        "hashHex": hashlib.sha256(text.encode()).hexdigest(),
        "reveal": {"assetId": asset, "day": day, "kwBySlot": [float(k) for k in kw], "salt": salt},
    }))


def community_day(day, gate):
    n = slot_count(day)
    # Night, day and evening peak at the grid's import price; a flat feed-in price.
    imports = ["0.25" if t < 28 else "0.35" if 64 <= t < 80 else "0.30" for t in range(n)]
    print(json.dumps({"day": day, "gateClosure": gate, "pricing": "PAY_AS_CLEAR",
                      "importPrice": imports, "exportPrice": ["0.05"] * n}))


def profiles(day, folder, trades_file):
    orders = json.load(sys.stdin)
    trades = [] if trades_file == "-" else json.load(open(trades_file)).get("trades", [])
    n = slot_count(day)
    by_asset = {}
    for o in orders:
        by_asset.setdefault(o["assetId"], []).append(o)
    traded = {}
    for t in trades:
        traded.setdefault(t["homeId"], []).append(t)
    homes = sorted({a for a in by_asset} | set(sys.argv[5:]))
    for asset in homes:
        kw = [BASELINE_KW] * n
        share = SHARE.get(asset.rsplit("-", 2)[-2] + "-" + asset.rsplit("-", 1)[-1], 1.0)
        for o in by_asset.get(asset, []):
            for slot, ordered in o["kwBySlot"].items():
                kw[int(slot)] -= share * float(ordered)
        # A community trade's slot: the seller exports (negative), the buyer imports what it bought.
        mine = sorted(traded.get(asset, []), key=lambda t: t["slot"])
        for i, t in enumerate(mine):
            k = float(t["kw"])
            if t["side"] == "SELL":
                kw[t["slot"]] = -k * COMMUNITY_SHARE[min(i, len(COMMUNITY_SHARE) - 1)]
            else:
                kw[t["slot"]] = k * COMMUNITY_BUY_SHARE[min(i, len(COMMUNITY_BUY_SHARE) - 1)]
        meter = "meter-" + asset
        with open("%s/%s.json" % (folder, meter), "w") as f:
            json.dump({"deviceId": meter, "assetId": asset, "day": day, "kwBySlot": [round(k, 3) for k in kw]}, f)
        extra = ", %d community trade(s)" % len(mine) if mine else ""
        print("%-30s share %.0f%% of %d order(s)%s" % (asset, 100 * share, len(by_asset.get(asset, [])), extra))


if __name__ == "__main__":
    if sys.argv[1] == "baseline":
        baseline(*sys.argv[2:5])
    elif sys.argv[1] == "community-day":
        community_day(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "profiles":
        profiles(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
