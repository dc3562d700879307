"""CPU time of each tidings stage alone, on Docs parsed once beforehand (perf area).

    PYTHONPATH=src python benchmarks/bench_stages.py --n 100            # CPU seconds per stage
    PYTHONPATH=src python benchmarks/bench_stages.py --n 100 --profile   # + pyinstrument text profile
    PYTHONPATH=src python benchmarks/bench_stages.py --n 60 --stages entities,places   # some stages only

The articles are parsed once with ``nlp.pipe`` (outside any memory zone, Docs kept), then the
stages run over them ``--rounds`` times; each stage's CPU time (``time.process_time``) is summed,
so the parse does not drown the signal and other processes' load barely moves the figures.
"""
from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict

from _common import articles, corpus_name


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--profile", action="store_true", help="print a pyinstrument profile of one stage pass")
    ap.add_argument("--stages", help="comma-separated stages to run (default: the default pipeline's), e.g. entities,places")
    args = ap.parse_args()

    from tidings.ingest.dateline import find_dateline
    from tidings.model import Place, span_of
    from tidings.pipeline import Config, Context, Pipeline, parse_date

    pipe = Pipeline(Config(stages=args.stages.split(",")) if args.stages else Config())
    todo = []
    for item in articles(args.n):
        rec, _, parse = pipe.prepare(item)
        if rec is not None and parse:
            todo.append(rec)
    docs = []
    for r in todo:
        d = pipe.nlp.make_doc(r.text)
        d.user_data["dateline"] = find_dateline(r.text)
        docs.append(d)
    docs = list(pipe.nlp.pipe(docs, batch_size=32))

    def one_pass(clock):
        for r0, doc in zip(todo, docs):
            rec = r0.model_copy(deep=True)
            ctx = Context(record=rec, doc=doc, config=pipe.config, date=parse_date(rec.date),
                          dateline=doc.user_data.get("dateline"))
            if ctx.dateline:
                dl = ctx.dateline
                rec.dateline = Place(**span_of(rec.text, dl.place_start, dl.place_end).model_dump(), kind="dateline")
            for name, stage in pipe.stages:
                t = time.process_time()
                stage(ctx)
                clock[name] += time.process_time() - t

    one_pass(defaultdict(float))  # warm-up
    clock: dict[str, float] = defaultdict(float)
    for _ in range(args.rounds):
        one_pass(clock)
    total = sum(clock.values())
    print(f"corpus: {corpus_name()}, {len(docs)} articles, {sum(len(d) for d in docs):,} tokens, "
          f"{args.rounds} round(s); load average {os.getloadavg()[0]:.1f}")
    print(f"{'stage':<12}{'CPU s/round':>12}{'share':>8}")
    for name, _ in pipe.stages:
        print(f"{name:<12}{clock[name] / args.rounds:>12.2f}{clock[name] / total:>8.1%}")
    print(f"{'all stages':<12}{total / args.rounds:>12.2f}")
    if args.profile:
        from pyinstrument import Profiler

        prof = Profiler(interval=0.0005)
        prof.start()
        one_pass(defaultdict(float))
        prof.stop()
        print(prof.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main()
