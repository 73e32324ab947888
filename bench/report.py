#!/usr/bin/env python3
"""Turns bench/run.sh's raw runs into the Markdown report: one table of
medians per corpus size, then the issue's goals checked against them.

Input: a TSV of tool, pages, run, wall s, cpu s (user+sys), peak RSS KiB,
output bytes, exit code. Failed runs are left out of the medians and counted.
"""

import statistics
import sys
from collections import defaultdict

# What each variant is, and whether it highlights code at build time, so the
# reader compares like with like.
DESCRIPTIONS = {
    "kurssi": "kurssi build (highlights at build time)",
    "kurssi-nohl": "kurssi build, `[course] highlight = false`",
    "kurssi-lean": "kurssi build, `[course] search = false`, `print = false` (highlights)",
    "floor": "floor: read, pulldown-cmark, syntect (classed), write",
    "floor-nohl": "floor without highlighting",
    "hugo": "Hugo (Chroma highlighting at build time, inline styles)",
    "hugo-nohl": "Hugo, highlighting off",
    "mdbook": "mdBook default (search + print; highlights in the browser)",
    "mdbook-lean": "mdBook, search and print off (highlights in the browser)",
}
ORDER = list(DESCRIPTIONS)
PEERS = ("mdbook", "mdbook-lean", "hugo")
# Figures from ../shared/bench/README.md, quoted when a tool was not run.
PEER_FIGURES = {
    ("mdbook", 10000): "610 s, 8.3 GiB",
    ("mdbook-lean", 10000): "422 s, 0.8 GiB",
}


def fmt_time(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def fmt_bytes(b):
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if b >= size:
            return f"{b / size:.1f} {unit}"
    return f"{b} B"


def load(path):
    runs = defaultdict(list)
    failed = defaultdict(int)
    for line in open(path, encoding="utf-8"):
        tool, pages, run, wall, cpu, rss, size, code = line.rstrip("\n").split("\t")
        key = (tool, int(pages) if pages.isdigit() else pages)
        if code != "0":
            failed[key] += 1
            continue
        runs[key].append((float(wall), float(cpu), int(rss) * 1024, int(size), run))
    stats = {}
    for key, rs in runs.items():
        stats[key] = {
            "walls": {r[4]: r[0] for r in rs},
            "n": len(rs),
            "wall": statistics.median(r[0] for r in rs),
            "cpu": statistics.median(r[1] for r in rs),
            "rss": max(r[2] for r in rs),
            "size": max(r[3] for r in rs),
        }
    return stats, failed


def main():
    stats, failed = load(sys.argv[1])
    sizes = sorted({p for (_, p) in list(stats) + list(failed) if isinstance(p, int)})
    print("Median over the runs (n) of whole-process wall time and CPU time (user + sys);")
    print("peak RSS of the largest process, highest over the runs; output size from `du -sb`.")
    print("Ratio: median wall time over kurssi's at the same size (above 1 = slower than kurssi).")
    print()
    print("| tool | pages | n | wall | CPU | peak RSS | output | wall / kurssi |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for pages in sizes:
        base = stats.get(("kurssi", pages))
        for tool in ORDER:
            s = stats.get((tool, pages))
            if s is None:
                if failed.get((tool, pages)):
                    print(f"| {tool} | {pages:,} | 0 | failed ({failed[(tool, pages)]} runs) | | | | |")
                elif (tool, pages) in PEER_FIGURES:
                    print(f"| {tool} | {pages:,} | – | not run; peer figure: {PEER_FIGURES[(tool, pages)]} | | | | |")
                continue
            ratio = f"{s['wall'] / base['wall']:.2f}x" if base else "–"
            print(
                f"| {tool} | {pages:,} | {s['n']} | {fmt_time(s['wall'])} | {fmt_time(s['cpu'])}"
                f" | {fmt_bytes(s['rss'])} | {fmt_bytes(s['size'])} | {ratio} |"
            )
    print()
    print("Tools: " + "; ".join(f"`{k}` {v}" for k, v in DESCRIPTIONS.items()) + ".")

    print()
    print("## Goals")
    print()
    for pages in sizes:
        k = stats.get(("kurssi", pages))
        if not k:
            print(f"- {pages:,} pages: kurssi has no successful run.")
            continue
        peers = {t: stats[(t, pages)] for t in PEERS if (t, pages) in stats}
        if peers:
            fastest = min(peers, key=lambda t: peers[t]["wall"])
            speedup = peers[fastest]["wall"] / k["wall"]
            print(
                f"- {pages:,} pages: kurssi is {speedup:.2f}x as fast as the fastest peer measured"
                f" ({fastest}, {fmt_time(peers[fastest]['wall'])}); goal: at least 2x."
            )
            lower = all(k["rss"] < p["rss"] for p in peers.values())
            others = ", ".join(t + " " + fmt_bytes(p["rss"]) for t, p in peers.items())
            print(
                f"- {pages:,} pages: kurssi's peak memory {fmt_bytes(k['rss'])} is"
                f" {'below' if lower else 'NOT below'} every peer measured ({others})."
            )
        f = stats.get(("floor", pages))
        if f:
            print(
                f"- {pages:,} pages: kurssi / floor = {k['wall'] / f['wall']:.2f}x wall,"
                f" {k['cpu'] / f['cpu']:.2f}x CPU; goal: within 1.5x."
            )
            paired = sorted(
                k["walls"][run] / f["walls"][run] for run in k["walls"] if run in f["walls"]
            )
            if len(paired) > 1:
                # The floor's run r comes a few seconds after kurssi's run r,
                # so a slow spell of a shared machine tends to hit both.
                print(
                    f"- {pages:,} pages, run by run (each kurssi run over the floor run"
                    f" next to it): median {statistics.median(paired):.2f}x,"
                    f" from {paired[0]:.2f}x to {paired[-1]:.2f}x."
                )
        kl = stats.get(("kurssi-lean", pages))
        if f and kl:
            print(
                f"- {pages:,} pages, search index and print view off: kurssi / floor ="
                f" {kl['wall'] / f['wall']:.2f}x wall, {kl['cpu'] / f['cpu']:.2f}x CPU: the two outputs"
                f" that gather the whole course cost {(k['wall'] - kl['wall']) / f['wall']:.2f}x the floor."
            )
        kn, fn = stats.get(("kurssi-nohl", pages)), stats.get(("floor-nohl", pages))
        if kn and fn:
            print(
                f"- {pages:,} pages, highlighting off: kurssi / floor = {kn['wall'] / fn['wall']:.2f}x wall"
                f" ({fmt_time(kn['wall'])} vs {fmt_time(fn['wall'])}): the cost of everything but"
                f" Markdown, highlighting and writing."
            )
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        for tool in ("kurssi", "floor", "hugo"):
            a, b = stats.get((tool, lo)), stats.get((tool, hi))
            if a and b:
                print(
                    f"- {tool}: output {hi:,} / {lo:,} pages = {b['size'] / a['size']:.2f}x"
                    f" (pages {hi / lo:.0f}x), wall {b['wall'] / a['wall']:.1f}x,"
                    f" peak RSS {b['rss'] / a['rss']:.1f}x."
                )
    b = stats.get(("kurssi-bundled", "bundled"))
    if b:
        print(
            f"- Bundled course, cold build: {fmt_time(b['wall'])} wall (median of {b['n']}),"
            f" {fmt_bytes(b['rss'])} peak; goal: under 150 ms."
        )
    elif failed.get(("kurssi-bundled", "bundled")):
        print("- Bundled course: the build failed (see bench/work/logs/kurssi-bundled-*.log).")


if __name__ == "__main__":
    main()
