"""The cascade's effect on the dev-set scores and on speed, per gold file (``../shared/eval``).

    PYTHONPATH=src python benchmarks/bench_cascade.py                      # every dev file
    PYTHONPATH=src python benchmarks/bench_cascade.py --limit 40 --files polnear-dev.jsonl

Runs ``tidings.evaluate.evaluate`` with and without ``Config(cascade=True)`` on each gold file and
prints every F1 of both runs, their difference (the cascade may not lower any F1 by more than
0.01) and the CPU time of each run.
"""
from __future__ import annotations

import argparse
import sys
import time

from _common import ROOT, machine

EVAL = ROOT.parent / "shared" / "eval"
FILES = ["plover-gsr-dev.jsonl", "polnear-dev.jsonl", "geo-trnews-dev.jsonl", "timebank-dev.jsonl"]


def f1s(scores, prefix=""):
    """Flatten every 'f1' (and 'accuracy'-like) number of a score dict into name → value."""
    out = {}
    if isinstance(scores, dict):
        for k, v in scores.items():
            name = f"{prefix}.{k}" if prefix else str(k)
            if isinstance(v, dict):
                out.update(f1s(v, name))
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and (
                    k == "f1" or k.endswith("_f1") or k in ("accuracy", "value_accuracy")):
                out[name] = float(v)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", nargs="+", default=FILES)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    if not EVAL.exists():
        sys.exit(f"{EVAL} not found: the dev gold sets live only in the project's own checkouts")
    from tidings.evaluate import evaluate
    from tidings.pipeline import Config

    configs = {False: Config(cascade=False), True: Config(cascade=True)}
    for cfg in configs.values():  # build both pipelines (model, KB, lexicons) before timing anything
        evaluate(EVAL / args.files[0], config=cfg, limit=1)
    worst = 0.0
    for name in args.files:
        path = EVAL / name
        runs = {}
        for cascade in (False, True):
            c = time.process_time()
            scores = evaluate(path, config=configs[cascade], limit=args.limit)
            runs[cascade] = (f1s(scores), time.process_time() - c)
        base, casc = runs[False][0], runs[True][0]
        print(f"\n{name}: CPU {runs[False][1]:.1f}s without, {runs[True][1]:.1f}s with the cascade "
              f"({runs[False][1] / max(runs[True][1], 1e-9):.2f}x)")
        for k in sorted(base):
            d = casc.get(k, float("nan")) - base[k]
            worst = min(worst, d)
            flag = "  <-- drop > 0.01" if d < -0.01 else ""
            print(f"  {k:45s} {base[k]:.3f} -> {casc.get(k, float('nan')):.3f}  ({d:+.3f}){flag}")
    print(f"\n{machine()}")
    print(f"largest F1 drop with the cascade: {-worst:.3f} (limit 0.01: {'met' if worst >= -0.01 else 'NOT met'})")


if __name__ == "__main__":
    main()
