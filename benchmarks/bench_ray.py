"""(d) Ray Data with 2 workers ÷ 1 worker (local Ray; the ``ray`` extra must be installed).

    PYTHONPATH=src python benchmarks/bench_ray.py                 # 200 articles
    PYTHONPATH=src python benchmarks/bench_ray.py --n 60 --workers 1 2

For each worker count: a fresh local Ray (``num_cpus = workers + 1``), then the time of
``tidings.distributed.extract_with_ray`` from a JSONL shard set to JSONL output (actor start-up
and model loading included, Ray's own start-up not). Prints the speed-up of the largest worker
count over one worker.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _common import articles, corpus_name, machine, words, write_jsonl


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--shards", type=int, default=8)
    args = ap.parse_args()
    import ray

    from tidings.distributed import extract_with_ray, init_ray
    from tidings.pipeline import Config

    docs = articles(args.n)
    n_words = words(d["text"] for d in docs)
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        shard_dir = Path(tmp) / "shards"
        shard_dir.mkdir()
        per = -(-len(docs) // args.shards)
        for i in range(args.shards):
            write_jsonl(shard_dir / f"part-{i:03d}.jsonl", docs[i * per:(i + 1) * per])
        for w in args.workers:
            init_ray(w, quiet=True)
            t = time.perf_counter()
            counts = extract_with_ray([str(shard_dir)], Path(tmp) / f"out{w}.jsonl", Config(), jobs=w, quiet=True)
            secs = time.perf_counter() - t
            ray.shutdown()
            assert counts["records"] == len(docs), counts
            res[w] = secs
            print(f"{w} worker(s): {secs:6.1f}s  {3600 * len(docs) / secs:9,.0f} articles/hour  "
                  f"{n_words / secs:7.0f} words/s", flush=True)
    print(f"\n{machine()}")
    print(f"corpus: {corpus_name()}, {len(docs)} articles in {args.shards} JSONL shards, {n_words:,} words; Ray {ray.__version__}")
    lo, hi = min(res), max(res)
    if hi != lo:
        print(f"speed-up {hi} workers / {lo} worker: {res[lo] / res[hi]:.2f}x (target >= 1.7x for 2 / 1)")


if __name__ == "__main__":
    main()
