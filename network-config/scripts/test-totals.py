#!/usr/bin/env python3
"""Sums the test reports of a build (surefire: unit tests, failsafe: integration tests on the
local network) per module and in all.

    test-totals.py [ROOT] [--require-it]

--require-it fails (exit 1) when no integration test ran or any was skipped: in CI a skipped
ledger test hides a ledger that does not run.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET


def totals(reports):
    t = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "time": 0.0}
    for f in reports:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as e:
            print(f"test-totals: cannot read {f}: {e}", file=sys.stderr)
            continue
        # Count the test cases themselves: a class with @Nested classes reports 0 tests on its
        # <testsuite> element although its nested classes' cases are listed inside it.
        for case in root.iter("testcase"):
            t["tests"] += 1
            if case.find("failure") is not None:
                t["failures"] += 1
            elif case.find("error") is not None:
                t["errors"] += 1
            elif case.find("skipped") is not None:
                t["skipped"] += 1
        t["time"] += float(root.get("time", "0") or 0)
    return t


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    root = pathlib.Path(args[0] if args else ".")
    rows = []
    for kind in ("surefire", "failsafe"):
        for d in sorted(root.glob(f"*/target/{kind}-reports")):
            t = totals(sorted(d.glob("TEST-*.xml")))
            rows.append((d.parent.parent.name, kind, t))
    fmt = "{:<16} {:<9} {:>6} {:>8} {:>6} {:>7} {:>8}"
    print(fmt.format("module", "kind", "tests", "failures", "errors", "skipped", "seconds"))
    for module, kind, t in rows:
        print(fmt.format(module, kind, t["tests"], t["failures"], t["errors"], t["skipped"], round(t["time"])))
    for kind in ("surefire", "failsafe"):
        s = {k: sum(t[k] for _, kd, t in rows if kd == kind) for k in ("tests", "failures", "errors", "skipped", "time")}
        print(fmt.format("ALL", kind, s["tests"], s["failures"], s["errors"], s["skipped"], round(s["time"])))
    if "--require-it" in argv:
        it = [t for m, kd, t in rows if kd == "failsafe"]
        ran = sum(t["tests"] for t in it)
        skipped = sum(t["skipped"] for t in it)
        if ran == 0:
            print("test-totals: no integration test ran on the local network", file=sys.stderr)
            return 1
        if skipped:
            print(f"test-totals: {skipped} integration tests were skipped; the ledger must run them all", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
