"""(d) Ray Data with 2 workers ÷ 1 worker (local Ray; the ``ray`` extra must be installed).

    PYTHONPATH=src python benchmarks/bench_ray.py                 # 200 articles
    PYTHONPATH=src python benchmarks/bench_ray.py --n 60 --workers 1 2

For each worker count: a fresh local Ray (``num_cpus = workers + 1``), then the time of
``tidings.run.ray.extract_with_ray`` from a JSONL shard set to JSONL output (actor start-up
and model loading included, Ray's own start-up not), and the CPU seconds the driver process
spent. Prints the speed-up of the largest worker count over one worker. ``--via actors`` (the
default path for JSONL: actors read their own pieces of the shards) or ``--via data`` (Ray
Data ``map_batches``, the path Parquet uses); both measure the two paths in one run.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

from _common import _TICK, articles, corpus_name, machine, words, write_jsonl


class RayCpu:
    """Samples, every 0.5 s, the CPU seconds of every process whose command line names Ray (the
    actors show as ``ray::ShardWorker`` / ``ray::MapWorker(...)``, then raylet, gcs_server ...)."""

    def __init__(self) -> None:
        self.cpu: dict = {}       # pid -> (name, CPU seconds)
        self._stop = threading.Event()
        self._th = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    cmd = fh.read().split(b"\0")[0].decode(errors="replace")
                if "ray" not in cmd:
                    continue
                with open(f"/proc/{pid}/stat") as fh:
                    f = fh.read().rsplit(")", 1)[1].split()
                secs = (int(f[11]) + int(f[12])) / _TICK
            except (OSError, IndexError, ValueError):
                continue
            name = os.path.basename(cmd.split()[0]) if cmd else "?"
            old = self.cpu.get(pid, (name, 0.0))
            self.cpu[pid] = (name, max(old[1], secs))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            time.sleep(0.5)

    def __enter__(self):
        self._sample()
        self.base = dict(self.cpu)
        self._th.start()
        return self

    def __exit__(self, *exc):
        self._sample()
        self._stop.set()
        self._th.join()

    def summary(self) -> tuple[list[float], float]:
        """(CPU seconds of each actor process, CPU seconds of all other Ray processes) during the run."""
        actors, other = [], 0.0
        for pid, (name, secs) in self.cpu.items():
            secs -= self.base.get(pid, (name, 0.0))[1]
            if "Worker" in name and name.startswith("ray::") and secs > 1.0:
                actors.append(secs)
            else:
                other += secs
        return sorted(actors, reverse=True), other


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--via", nargs="+", default=["actors"], choices=["actors", "data"])
    args = ap.parse_args()
    import ray

    from tidings.run.ray import extract_with_ray, init_ray
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
        outputs = {}
        cpu_res = {}
        for via in args.via:
            for w in args.workers:
                init_ray(w, quiet=True)
                out = Path(tmp) / f"out-{via}-{w}.jsonl"
                with RayCpu() as rc:
                    t, c = time.perf_counter(), time.process_time()
                    counts = extract_with_ray([str(shard_dir)], out, Config(), jobs=w, quiet=True, via=via)
                    secs, driver_cpu = time.perf_counter() - t, time.process_time() - c
                ray.shutdown()
                assert counts["records"] == len(docs), counts
                outputs[via, w] = out.read_bytes()
                actor_cpu, other_cpu = rc.summary()
                res[via, w] = secs
                cpu_res[via, w] = max(actor_cpu, default=float("nan"))
                print(f"{via:7s} {w} worker(s): {secs:6.1f}s  {3600 * len(docs) / secs:9,.0f} articles/hour  "
                      f"{n_words / secs:7.0f} words/s  CPU s: driver {driver_cpu:5.1f}, actors "
                      f"{' + '.join(f'{a:.1f}' for a in actor_cpu)}, other Ray processes {other_cpu:.1f}", flush=True)
    same = len(set(outputs.values())) == 1
    print(f"\n{machine()}")
    print(f"corpus: {corpus_name()}, {len(docs)} articles in {args.shards} JSONL shards, {n_words:,} words; "
          f"Ray {ray.__version__}")
    print(f"JSONL output identical across runs: {same}")
    lo, hi = min(args.workers), max(args.workers)
    if hi != lo:
        for via in args.via:
            print(f"speed-up ({via}) {hi} workers / {lo} worker: {res[via, lo] / res[via, hi]:.2f}x wall "
                  f"(target >= 1.7x for 2 / 1); {cpu_res[via, lo] / cpu_res[via, hi]:.2f}x if each actor had a "
                  f"core to itself (busiest actor's CPU seconds, model loading included)")


if __name__ == "__main__":
    main()
