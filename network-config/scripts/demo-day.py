"""Data of the demo's delivery day (no network calls; demo.sh posts what this prints).

  demo-day.py baseline ASSET DAY SALT    a home's flat baseline: {"hashHex", "reveal": {...}}
  demo-day.py profiles DAY DIR           reads the day's orders (JSON list on stdin) and writes one
                                         metered profile per home of the demo to DIR/<meter>.json
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


def profiles(day, folder):
    orders = json.load(sys.stdin)
    n = slot_count(day)
    by_asset = {}
    for o in orders:
        by_asset.setdefault(o["assetId"], []).append(o)
    homes = sorted({a for a in by_asset} | set(sys.argv[4:]))
    for asset in homes:
        kw = [BASELINE_KW] * n
        share = SHARE.get(asset.rsplit("-", 2)[-2] + "-" + asset.rsplit("-", 1)[-1], 1.0)
        for o in by_asset.get(asset, []):
            for slot, ordered in o["kwBySlot"].items():
                kw[int(slot)] -= share * float(ordered)
        meter = "meter-" + asset
        with open("%s/%s.json" % (folder, meter), "w") as f:
            json.dump({"deviceId": meter, "assetId": asset, "day": day, "kwBySlot": [round(k, 3) for k in kw]}, f)
        print("%-30s share %.0f%% of %d order(s)" % (asset, 100 * share, len(by_asset.get(asset, []))))


if __name__ == "__main__":
    if sys.argv[1] == "baseline":
        baseline(*sys.argv[2:5])
    elif sys.argv[1] == "profiles":
        profiles(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
