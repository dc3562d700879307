"""`tidings watch` benchmarks: batch throughput against bare `tidings ingest`, memory over cycles, and
the coverage of tone and GDELT geography on corpus articles.

    cd benchmarks && python bench_watch.py --n 300 --cycles 10 --per-cycle 20

1. **throughput**: the same ``n`` corpus articles (a) stored by ``tidings.store.ingest`` (what `tidings
   ingest` runs) into a fresh store, (b) dropped into a watched folder as JSONL files and taken by one
   watcher cycle with ``--publish`` into another fresh store. Both in this process, the model loaded
   before either clock starts; wall and CPU time (this process) are reported, and their ratio. The
   CPU time is the figure to trust on a shared machine.
2. **memory**: one watcher runs ``cycles`` short cycles (interval 0.2 s), each finding a new file of
   ``per-cycle`` articles, and the process's RSS is read after each cycle.
3. **coverage** (on the throughput run's watcher store): documents with a non-zero tone; rows of the
   published GDELT export files with ActionGeo (and Actor1Geo, Actor2Geo) coordinates.

``--corpus`` names the JSONL corpus (default ``../shared/corpora/news-2016-polnear-train.jsonl`` beside
the repository; generated text when absent, see _common.py).
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import _common
from _common import machine, words


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def drop(folder: Path, name: str, docs: list[dict]) -> None:
    tmp = folder / f".{name}.tmp"
    _common.write_jsonl(tmp, docs)
    tmp.rename(folder / name)


def throughput(rep, batch, w_ing, c_ing, w_w, c_w) -> None:
    print()
    print("1. throughput (same articles, same process, model loaded)")
    print(f"   tidings ingest        : {rep.stored} stored in {w_ing:6.1f}s wall / {c_ing:6.1f}s CPU "
          f"-> {rep.stored / c_ing:5.2f} articles/CPU-s, {rep.stored / w_ing:5.2f} articles/s wall")
    print(f"   watch cycle + publish : {batch.stored} stored in {w_w:6.1f}s wall / {c_w:6.1f}s CPU "
          f"-> {batch.stored / c_w:5.2f} articles/CPU-s, {batch.stored / w_w:5.2f} articles/s wall")
    print(f"   ratio watch / ingest  : {c_ing / c_w:.2f} (CPU), {w_ing / w_w:.2f} (wall)")
    per_cpu = batch.stored / c_w * 900
    per_wall = batch.stored / w_w * 900
    print(f"   articles per 15-minute interval, one process: {per_cpu:,.0f} on a whole core (CPU time), "
          f"{per_wall:,.0f} at the wall-clock rate measured now")
    print(f"   a 2,000-article batch takes {2000 / (batch.stored / c_w):,.0f} CPU-s "
          f"({2000 / (batch.stored / c_w) / 900:.0%} of the interval on one core)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles of the throughput and coverage run")
    ap.add_argument("--cycles", type=int, default=10)
    ap.add_argument("--per-cycle", type=int, default=20, help="articles dropped before each memory cycle")
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--coverage-only", action="store_true", help="no ingest run, no memory run")
    args = ap.parse_args()
    if args.corpus is not None:
        _common.CORPUS = args.corpus
    from tidings.api import ingest
    from tidings.config import Config
    from tidings.export import gdelt
    from tidings.live import Watcher, WatchOptions, verify
    from tidings.live import publish as pub
    from tidings.model import ArticleInput
    from tidings.pipeline import get_pipeline
    from tidings.store import Store

    docs = _common.articles(args.n + args.cycles * args.per_cycle)
    run_docs, mem_docs = docs[:args.n], docs[args.n:]
    nwords = words(d["text"] for d in run_docs)
    print(machine())
    print(f"corpus: {_common.corpus_name()}, {len(run_docs)} articles, {nwords:,} words")
    t = time.perf_counter()
    get_pipeline(Config())
    print(f"model and stages loaded in {time.perf_counter() - t:.1f}s (not counted below)")
    work = Path(tempfile.mkdtemp(prefix="bench_watch_"))
    try:
        # -- 1. throughput -----------------------------------------------------------------------------
        w0, c0 = time.perf_counter(), time.process_time()
        if not args.coverage_only:
            with Store(work / "ingest.duckdb") as st:
                rep = ingest([ArticleInput(**d) for d in run_docs], st, Config())
        w_ing, c_ing = time.perf_counter() - w0, time.process_time() - c0
        inbox = work / "in"
        inbox.mkdir()
        for k in range(0, len(run_docs), 50):
            drop(inbox, f"part{k:05d}.jsonl", run_docs[k:k + 50])
        opts = WatchOptions(dirs=[inbox], db=str(work / "watch.duckdb"), publish_dir=work / "pub", settle=0.0,
                            use_watchfiles=False)
        w0, c0 = time.perf_counter(), time.process_time()
        watcher = Watcher(opts)
        batch = watcher.cycle()
        watcher.close()
        w_w, c_w = time.perf_counter() - w0, time.process_time() - c0
        assert batch.error is None, batch.error
        if args.coverage_only:
            print(f"watch cycle: {batch.stored} stored in {w_w:.1f}s wall / {c_w:.1f}s CPU")
        else:
            throughput(rep, batch, w_ing, c_ing, w_w, c_w)
        assert verify(work / "pub") == []


        # -- 3. coverage ---------------------------------------------------------------------------------
        with Store(work / "watch.duckdb", read_only=True) as st:
            n_docs, n_tone = st.sql("SELECT count(*), count(*) FILTER (WHERE tone IS NOT NULL AND tone <> 0) "
                                    "FROM articles WHERE n_errors = 0").fetchone()
            n_all = st.sql("SELECT count(*) FROM articles").fetchone()[0]
        frames = []
        for e in pub.read_list(work / "pub" / pub.MASTER):
            if ".export." in e.name:
                with zipfile.ZipFile(work / "pub" / e.name) as zf:
                    frames.append(gdelt.read(zf.open(zf.namelist()[0])))
        import pandas as pd

        df = pd.concat(frames) if frames else pd.DataFrame(columns=gdelt.column_names())
        rows = len(df)

        def share(col: str) -> str:
            k = int(df[col].notna().sum())
            return f"{k}/{rows} = {k / rows:.1%}" if rows else "no rows"

        print()
        print(f"3. coverage ({n_all} articles stored, {n_docs} without errors)")
        print(f"   tone non-zero          : {n_tone}/{n_docs} = {n_tone / max(n_docs, 1):.1%} of the documents")
        print(f"   GDELT rows             : {rows}")
        print(f"   ActionGeo coordinates  : {share('ActionGeo_Lat')}")
        print(f"   Actor1Geo coordinates  : {share('Actor1Geo_Lat')}")
        print(f"   Actor2Geo coordinates  : {share('Actor2Geo_Lat')}")
        if rows:
            types = df.ActionGeo_Type.value_counts().sort_index().to_dict()
            print(f"   ActionGeo_Type counts  : {types} "
                  "(1 country, 2 US state, 3 US city, 4 world city, 5 world state)")
            print(f"   AvgTone non-zero       : {int((df.AvgTone != 0).sum())}/{rows}")

        # -- 2. memory over cycles ----------------------------------------------------------------------------
        if not (args.skip_memory or args.coverage_only):
            inbox2 = work / "in2"
            inbox2.mkdir()
            opts = WatchOptions(dirs=[inbox2], db=str(work / "mem.duckdb"), publish_dir=work / "pub2", settle=0.0,
                                interval=0.2)
            watcher = Watcher(opts)
            rss = []
            stored = 0
            for c in range(args.cycles):
                drop(inbox2, f"cycle{c:03d}.jsonl", mem_docs[c * args.per_cycle:(c + 1) * args.per_cycle])
                time.sleep(0.5)                  # let watchfiles report it
                b = watcher.cycle()
                stored += b.stored
                rss.append(rss_mb())
            watcher.close()
            print()
            print(f"2. memory: {args.cycles} cycles of {args.per_cycle} new articles ({stored} stored), "
                  "RSS after each (MB):")
            print("   " + " ".join(f"{x:.0f}" for x in rss))
            print(f"   cycle 2 -> cycle {args.cycles}: {rss[1]:.0f} -> {rss[-1]:.0f} MB "
                  f"({(rss[-1] - rss[1]) / rss[1]:+.1%}); cycle 1 -> 2: {rss[0]:.0f} -> {rss[1]:.0f} MB")
            assert verify(work / "pub2") == []
        print()
        if not args.coverage_only:
            print(json.dumps({"ingest_cpu_s": round(c_ing, 2), "watch_cpu_s": round(c_w, 2),
                              "ingest_wall_s": round(w_ing, 2), "watch_wall_s": round(w_w, 2)}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
