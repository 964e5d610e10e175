#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: top frames (self), and methods by inclusive share.

    python3 bench/lib/jfr_top.py recording.jfr [--top 25] [--match org.censorprobe]
Reads `jfr print --json --events jdk.ExecutionSample`; used for the profiles quoted in bench/README.md.
"""
import argparse
import collections
import json
import subprocess
import sys


def frames(event):
    st = event["values"].get("stackTrace") or {}
    for f in st.get("frames", []):
        m = f["method"]
        yield (m["type"]["name"] + "." + m["name"]).replace("/", ".")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("jfr")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--match", action="append", default=[], help="also list inclusive shares of frames with this prefix")
    ap.add_argument("--thread", help="only samples from threads whose name contains this")
    a = ap.parse_args()
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", a.jfr],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    if a.thread:
        events = [e for e in events if a.thread in ((e["values"].get("sampledThread") or {}).get("javaName") or "")]
    total = len(events)
    self_count = collections.Counter()
    incl = collections.Counter()
    for e in events:
        fs = list(frames(e))
        if fs:
            self_count[fs[0]] += 1
        for f in set(fs):
            incl[f] += 1
    print(f"{total} CPU samples")
    print("top frames (self):")
    for f, c in self_count.most_common(a.top):
        print(f"  {100.0 * c / total:5.1f}%  {f}")
    print("inclusive:")
    for f, c in incl.most_common():
        if any(f.startswith(p) for p in a.match) or (not a.match and c / total > 0.05):
            if c / total >= 0.01:
                print(f"  {100.0 * c / total:5.1f}%  {f}")


if __name__ == "__main__":
    sys.exit(main())
