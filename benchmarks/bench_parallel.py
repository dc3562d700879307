"""(b) Articles per hour with ``tidings extract --jobs 2`` (and, for the scaling ratio, --jobs 1).

    PYTHONPATH=src python benchmarks/bench_parallel.py                 # 200 articles, jobs 2 and 1
    PYTHONPATH=src python benchmarks/bench_parallel.py --n 100 --jobs 2 --no-single

Times the real command line (start-up, model loading in each worker, JSON output included) on the
same input, and checks that the records come back in input order.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from _common import ROOT, articles, corpus_name, machine, run_with_peak_rss, words, write_jsonl


def run(path: Path, out: Path, jobs: int, cascade: bool, env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and all its worker processes)."""
    cmd = [sys.executable, "-m", "tidings", "extract", str(path), "-o", str(out), "-q", "--jobs", str(jobs)]
    if cascade:
        cmd.append("--cascade")
    cpu: dict = {}
    rc, _peak, wall = run_with_peak_rss(cmd, env=env, cpu=cpu)
    if rc:
        raise SystemExit(f"extract failed with exit code {rc}")
    return wall, sum(cpu.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-single", action="store_true", help="skip the --jobs 1 run")
    ap.add_argument("--cascade", action="store_true")
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    docs = articles(args.n)
    n_words = words(d["text"] for d in docs)
    res, cpus = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        write_jsonl(path, docs)
        for jobs in ([args.jobs] if args.no_single else [args.jobs, 1]):
            secs, cpu = run(path, out, jobs, args.cascade, env)
            ids = [json.loads(line)["id"] for line in out.open()]
            assert ids == [d["id"] for d in docs], "records out of input order"
            res[jobs] = secs
            cpus[jobs] = cpu
            print(f"--jobs {jobs}: {secs:6.1f}s wall, {cpu:6.1f}s CPU (all processes)  "
                  f"{3600 * args.n / secs:9,.0f} articles/hour (wall)  "
                  f"{3600 * args.n * jobs / cpu:9,.0f} articles/hour if each worker had a core to itself", flush=True)
    print(f"\n{machine()}")
    print(f"corpus: {corpus_name()}, {args.n} articles, {n_words:,} words{' (--cascade)' if args.cascade else ''}; "
          f"wall clock of the whole command, start-up included; order checked")
    print(f"--jobs {args.jobs}: {3600 * args.n / res[args.jobs]:,.0f} articles/hour measured (wall); "
          f"{3600 * args.n * args.jobs / cpus[args.jobs]:,.0f} articles/hour on {args.jobs} dedicated cores "
          f"(from CPU time; target >= 20,000 on 2 cores)")
    if 1 in res and args.jobs != 1:
        print(f"speed-up --jobs {args.jobs} / --jobs 1: {res[1] / res[args.jobs]:.2f}x")


if __name__ == "__main__":
    main()
