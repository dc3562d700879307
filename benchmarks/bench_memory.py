"""(c) Peak resident memory for a short and a long input stream (the short one repeated).

    PYTHONPATH=src python benchmarks/bench_memory.py                       # 200 vs 2,000 articles, --jobs 2
    PYTHONPATH=src python benchmarks/bench_memory.py --small 50 --large 500 --jobs 1

Runs ``python -m tidings extract IN.jsonl -o /dev/null -q --jobs J`` on each input and samples the
memory of the whole process tree (CLI process, forkserver, workers) every 0.2 s through /proc:
the RSS sum and the PSS sum (``/proc/PID/smaps_rollup``). With ``--jobs 2`` the workers share
the pipeline built in the forkserver (copy-on-write pages): the RSS sum counts those pages
once per process, the PSS sum once in all (the memory really used). Memory is flat when the
long run peaks no higher than the short one: growth < 10 % and < 1.5 GB are the targets.
``--recycle N`` is passed to the CLI; ``--no-share`` sets ``TIDINGS_SHARE_MODEL=0`` (every
worker loads its own pipeline, as before).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from _common import ROOT, articles, corpus_name, machine, run_with_peak_rss, write_jsonl


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=200)
    ap.add_argument("--large", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cascade", action="store_true")
    ap.add_argument("--recycle", type=int, default=None, help="passed to the CLI (default: the CLI's)")
    ap.add_argument("--no-share", action="store_true", help="TIDINGS_SHARE_MODEL=0: no shared pipeline")
    ap.add_argument("--distinct", action="store_true",
                    help="long run on the first N corpus articles (content differs) instead of the short "
                         "run's articles repeated (the default: any growth is then accumulation)")
    args = ap.parse_args()
    small_docs = articles(args.small)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if args.no_share:
        env["TIDINGS_SHARE_MODEL"] = "0"
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.small, args.large):
            path = Path(tmp) / f"in{n}.jsonl"
            if n == args.small or args.distinct:
                docs = articles(n)
            else:  # the short run's articles, repeated with fresh ids
                docs = [dict(small_docs[i % len(small_docs)], id=f"{small_docs[i % len(small_docs)]['id']}#{i}")
                        for i in range(n)]
            write_jsonl(path, docs)
            cmd = [sys.executable, "-m", "tidings", "extract", str(path), "-o", os.devnull, "-q",
                   "--jobs", str(args.jobs)]
            if args.cascade:
                cmd.append("--cascade")
            if args.recycle is not None:
                cmd += ["--recycle", str(args.recycle)]
            pss: list = []
            rc, peak, secs = run_with_peak_rss(cmd, env=env, pss=pss)
            results[n] = (peak, secs, pss[0])
            print(f"{n:6d} articles: peak RSS sum {peak:7.0f} MB, peak PSS sum {pss[0]:7.0f} MB (process tree), "
                  f"{secs:6.0f}s, exit {rc}", flush=True)
    print(f"\n{machine()}")
    print(f"corpus: {corpus_name()}; long run = " + ("its first N articles" if args.distinct else
          f"the {args.small} articles of the short run, repeated") + f"; --jobs {args.jobs}"
          + (" --cascade" if args.cascade else "") + (f" --recycle {args.recycle}" if args.recycle is not None else "")
          + (" TIDINGS_SHARE_MODEL=0" if args.no_share else ""))
    for label, i in (("RSS sum", 0), ("PSS sum", 2)):
        small, large = results[args.small][i], results[args.large][i]
        growth = (large - small) / small if small else float("nan")
        print(f"peak {label} {args.small} → {args.large} articles: {small:.0f} → {large:.0f} MB, growth "
              f"{100 * growth:+.1f}% (target < 10% and < 1.5 GB: "
              f"{'met' if growth < 0.10 and large < 1536 else 'NOT met'})")
    for n, (peak, secs, _) in results.items():
        print(f"throughput at {n} articles: {3600 * n / secs:,.0f} articles/hour (wall, incl. start-up)")


if __name__ == "__main__":
    main()
