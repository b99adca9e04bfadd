#!/usr/bin/env python3
"""The ordering service under load and under a fault, measured through Aggregator1's API.

Every offer is a POST that returns once its transaction is committed (endorsed by Aggregator1 and
the DSO, ordered, validated), so a 201 is a write that went all the way through the ordering service.

  bench-ordering.py throughput COUNT WORKERS
      COUNT offers by WORKERS concurrent writers: offers per second and latency.
  bench-ordering.py kill NAME [--down S] [--before S] [--after S] [--workers W]
      writers post offers without pause; after --before seconds the ordering node NAME of this stack
      is killed (SIGKILL, its PID from network.sh pid NAME) and held stopped (network.sh stop NAME:
      the stack's supervisor would restart it at once), started --down seconds after the kill
      (network.sh restart NAME), and the writers go on for --after seconds. Prints the longest time
      without a committed write while NAME was down and after, failed writes, and each node's
      ledger height, so that the restarted node is seen to catch up.

Environment (set by bench-ordering.sh): FLEX_API_DSO, FLEX_API_AGGREGATOR1, BENCH_DSO_TOKEN,
BENCH_AGG1_TOKEN, BENCH_RUN (the stack's runtime folder), BENCH_NETWORK (network.sh).
"""
import argparse
import datetime
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

DSO = os.environ["FLEX_API_DSO"]
AGG1 = os.environ["FLEX_API_AGGREGATOR1"]
RUN = os.environ["BENCH_RUN"]
NETWORK = os.environ["BENCH_NETWORK"]
TOKENS = {"dso": os.environ["BENCH_DSO_TOKEN"], "agg1": os.environ["BENCH_AGG1_TOKEN"]}


def post(base, path, token, body, timeout=120):
    req = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Authorization": "Bearer " + TOKENS[token],
            "Idempotency-Key": str(uuid.uuid4()),
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception as e:  # a timeout or a refused connection is a failed write
        return type(e).__name__


def prepare(run_id):
    post(DSO, "/api/congestion-points", "dso", {"id": "TX1", "kind": "TRANSFORMER", "capacityKw": 500})
    home = "bench-ord-" + run_id
    status = post(AGG1, "/api/assets", "agg1", {
        "id": home, "congestionPointId": "TX1",
        "home": {"assetId": home, "address": "Bench Row", "meterId": "m-" + home,
                 "connectionCapacityKw": 9.2, "salt": secrets.token_hex(16)}})
    if status != 201:
        sys.exit(f"bench: registering {home} failed: {status}")
    return home


class Writers:
    """Writers posting offers; each write is recorded as (start, end, status)."""

    def __init__(self, home, run_id):
        self.home, self.run_id = home, run_id
        self.day = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
        self.lock = threading.Lock()
        self.seq = 0
        self.writes = []

    def one(self):
        with self.lock:
            self.seq += 1
            i = self.seq
        body = {"id": f"bo-{self.run_id}-{i}", "congestionPointId": "TX1", "assetId": self.home,
                "day": self.day, "kwBySlot": {"70": 1.0}, "price": 0.2, "minActivation": 0}
        t0 = time.monotonic()
        status = post(AGG1, "/api/offers", "agg1", body)
        t1 = time.monotonic()
        with self.lock:
            self.writes.append((t0, t1, status))

    def run_until(self, stop, workers):
        def loop():
            while not stop.is_set():
                self.one()
        threads = [threading.Thread(target=loop) for _ in range(workers)]
        for t in threads:
            t.start()
        return threads


def latency_line(writes):
    ok = sorted((t1 - t0) * 1000 for t0, t1, s in writes if s == 201)
    if not ok:
        return "no committed write"
    p95 = ok[max(0, int(round(0.95 * len(ok))) - 1)]
    return (f"latency median {statistics.median(ok):.0f} ms, p95 {p95:.0f} ms, "
            f"min {ok[0]:.0f} ms, max {ok[-1]:.0f} ms")


def heights():
    out = subprocess.run([NETWORK, "heights"], capture_output=True, text=True)
    return out.stdout.strip() or "no heights: " + out.stderr.strip()


def throughput(args, home, run_id):
    w = Writers(home, run_id)
    per_worker = [args.count // args.workers + (1 if i < args.count % args.workers else 0)
                  for i in range(args.workers)]

    def loop(n):
        for _ in range(n):
            w.one()
    t0 = time.monotonic()
    threads = [threading.Thread(target=loop, args=(n,)) for n in per_worker]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    ok = sum(1 for _, _, s in w.writes if s == 201)
    print(f"throughput: {ok} of {len(w.writes)} offers committed in {elapsed:.1f} s by {args.workers} "
          f"writer(s): {ok / elapsed:.1f} offers/s; {latency_line(w.writes)}")
    return 0 if ok == len(w.writes) else 1


def kill(args, home, run_id):
    def live_pid():
        r = subprocess.run([NETWORK, "pid", args.name], capture_output=True, text=True)
        return int(r.stdout.strip()) if r.returncode == 0 and r.stdout.strip().isdigit() else None

    if live_pid() is None:
        sys.exit(f"bench: {args.name} does not run: not a running node of this stack (network.sh pids)")
    print(f"before: {heights()}".replace("\n", "; "))
    w = Writers(home, run_id)
    stop = threading.Event()
    start = time.monotonic()
    threads = w.run_until(stop, args.workers)
    time.sleep(args.before)
    pid = live_pid()
    os.kill(pid, 9)
    killed = time.monotonic()
    print(f"killed {args.name} (PID {pid}, SIGKILL) at t={killed - start:.1f} s")
    subprocess.run([NETWORK, "stop", args.name], capture_output=True, text=True)
    time.sleep(max(0.0, args.down - (time.monotonic() - killed)))
    print(f"down: {heights()}".replace("\n", "; "))
    r = subprocess.run([NETWORK, "restart", args.name], capture_output=True, text=True)
    restarted = time.monotonic()
    if r.returncode != 0:
        print(r.stderr)
    print(f"restarted {args.name} at t={restarted - start:.1f} s (exit {r.returncode})")
    time.sleep(args.after)
    stop.set()
    for t in threads:
        t.join()
    end = time.monotonic()
    # Heights once the writers stopped: the restarted node must have caught up with the others.
    caught = None
    for _ in range(60):
        h = heights()
        values = {line.split()[1] for line in h.splitlines() if len(line.split()) > 1}
        if len(values) == 1:
            caught = h
            break
        time.sleep(1)
    ok = sorted(t1 for _, t1, s in w.writes if s == 201)
    failed = [(round(t0 - start, 1), s) for t0, _, s in w.writes if s != 201]

    def longest_gap(lo, hi):
        points = [lo] + [t for t in ok if lo <= t <= hi] + [hi]
        gaps = [(b - a, a) for a, b in zip(points, points[1:])]
        g, at = max(gaps)
        return g, at - start

    before = [t for t in ok if t < killed]
    down = [t for t in ok if killed <= t < restarted]
    after = [t for t in ok if t >= restarted]
    g_down, at_down = longest_gap(killed, restarted)
    g_all, at_all = longest_gap(start, end)
    print(f"committed writes: {len(before)} before the kill ({args.before:.0f} s), {len(down)} while "
          f"{args.name} was down ({restarted - killed:.1f} s, restart included), {len(after)} after its "
          f"restart ({end - restarted:.1f} s); {len(failed)} failed write(s)" + (f": {failed[:10]}" if failed else ""))
    print(f"longest time without a committed write: {g_down:.1f} s while down (from t={at_down:.1f} s), "
          f"{g_all:.1f} s over the whole run (from t={at_all:.1f} s)")
    print(f"{latency_line(w.writes)}")
    print("heights after: " + (caught or heights() + " (not equal after 60 s)").replace("\n", "; "))
    return 0 if caught and len(down) > 0 else 1


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="mode", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("count", type=int, nargs="?", default=200)
    t.add_argument("workers", type=int, nargs="?", default=8)
    k = sub.add_parser("kill")
    k.add_argument("name")
    k.add_argument("--down", type=float, default=30)
    k.add_argument("--before", type=float, default=10)
    k.add_argument("--after", type=float, default=30)
    k.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    run_id = str(int(time.time()))
    home = prepare(run_id)
    sys.exit(throughput(args, home, run_id) if args.mode == "throughput" else kill(args, home, run_id))


if __name__ == "__main__":
    main()
