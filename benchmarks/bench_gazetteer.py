"""Start-up cost of the places gazetteer: load time and resident memory, the shipped table against
another one (e.g. a wider build), each loaded in a fresh process, in the same run.

    PYTHONPATH=src python benchmarks/bench_gazetteer.py [--other /tmp/gaz500.tsv] [--repeat 3]

Prints, per table: rows, file size, seconds to build the index (best of ``--repeat``), RSS of the
process before and after loading (MB, /proc/self/status VmRSS), and the ratios other / shipped.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from _common import ROOT, machine

_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
import tidings.grounding.gazetteer as G
from importlib import resources
path = sys.argv[2]
if path != '-':
    G._data_path = lambda name, _orig=G._data_path: (__import__('pathlib').Path(path) if name == 'gazetteer_places.tsv' else _orig(name))
before = rss()
t = time.perf_counter()
g = G.Gazetteer()
secs = time.perf_counter() - t
print(json.dumps({'rows': len(g.entries), 'names': len(g.index), 'load_s': round(secs, 3),
                  'rss_before_mb': round(before, 1), 'rss_after_mb': round(rss(), 1)}))
"""


def measure(path: str, repeat: int) -> dict:
    best = None
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _CHILD, str(ROOT / "src"), path], capture_output=True, text=True,
                             check=True).stdout
        r = json.loads(out)
        if best is None or r["load_s"] < best["load_s"]:
            best = r
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--other", help="another gazetteer_places.tsv to compare with the shipped one")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    shipped = ROOT / "src" / "tidings" / "grounding" / "data" / "gazetteer_places.tsv"
    rows = [("shipped", str(shipped), measure("-", args.repeat))]
    if args.other:
        rows.append(("other", args.other, measure(args.other, args.repeat)))
    print(machine())
    for label, path, r in rows:
        size = Path(path).stat().st_size / 2**20
        print(f"{label:8s} {r['rows']:>8,} rows {size:6.1f} MB file  load {r['load_s']:.2f} s  "
              f"RSS {r['rss_before_mb']:.0f} → {r['rss_after_mb']:.0f} MB (+{r['rss_after_mb'] - r['rss_before_mb']:.0f})")
    if len(rows) == 2:
        a, b = rows[0][2], rows[1][2]
        grow = lambda r: r["rss_after_mb"] - r["rss_before_mb"]  # noqa: E731
        print(f"ratio other/shipped: rows {b['rows'] / a['rows']:.2f}, load time {b['load_s'] / a['load_s']:.2f}, "
              f"memory added {grow(b) / grow(a):.2f}")


if __name__ == "__main__":
    main()
