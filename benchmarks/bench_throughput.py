"""(a) End-to-end throughput ÷ bare ``nlp.pipe`` throughput, same model, one process.

    PYTHONPATH=src python benchmarks/bench_throughput.py            # 200 articles, 2 rounds
    PYTHONPATH=src python benchmarks/bench_throughput.py --n 50 --rounds 1 --pyinstrument prof.html

In one run and on the same articles: bare spaCy (``spacy.load(model).pipe``, the model tidings
uses, no tidings component), the tidings pipeline (all stages present, records serialised to
JSON as ``tidings extract`` does; with its default vectorised attribute ruler and lemmatizer,
``Config.fast_ruler``), and the pipeline with the cascade (``--stock`` adds the pipeline with the
model's own components). Rounds alternate them
so that load from other processes hits them alike; the best round of each is kept. It then prints
where the pipeline's time goes (spaCy vs each stage vs the rest), measured by timing wrappers
(``--pyinstrument FILE`` also writes a pyinstrument profile of one pipeline pass).
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict

from _common import articles, corpus_name, machine, words


def bare_pass(nlp, texts, batch_size):
    w, c = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - w, time.process_time() - c


def pipeline_pass(pipe, docs):
    w, c = time.perf_counter(), time.process_time()
    for rec in pipe.process(docs):
        rec.to_json()
    return time.perf_counter() - w, time.process_time() - c


def instrument(pipe, clock):
    """Wrap the pipeline's spaCy call and stages with timers adding to ``clock``."""
    orig_parse = pipe._parse

    def parse(todo):
        t = time.perf_counter()
        try:
            return orig_parse(todo)
        finally:
            label = "spaCy (tokenizer + components" + (", cascade" if pipe.config.cascade else "") + ")"
            clock[label] += time.perf_counter() - t

    pipe._parse = parse
    wrapped = []
    for name, stage in pipe.stages:
        def timed(ctx, _stage=stage, _name=name):
            t = time.perf_counter()
            try:
                _stage(ctx)
            finally:
                clock[f"stage {_name}"] += time.perf_counter() - t
        wrapped.append((name, timed))
    pipe.stages = wrapped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="articles (default 200)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--pyinstrument", metavar="HTML", help="also profile one pipeline pass into this file")
    ap.add_argument("--stock", action="store_true",
                    help="also run tidings with the model's own attribute_ruler and lemmatizer (fast_ruler=False)")
    args = ap.parse_args()

    import spacy

    from tidings import nlp as nlp_mod
    from tidings.pipeline import Config, Pipeline

    docs = articles(args.n)
    texts = [d["text"] for d in docs]
    n_words = words(texts)
    model = nlp_mod.resolve_model_name(None)
    bare = spacy.load(model)
    pipe = Pipeline(Config(batch_size=args.batch_size))
    casc = Pipeline(Config(batch_size=args.batch_size, cascade=True))
    stock = Pipeline(Config(batch_size=args.batch_size, fast_ruler=False)) if args.stock else None
    # warm up every path once (lazy tables, caches)
    bare_pass(bare, texts[:5], args.batch_size)
    pipeline_pass(pipe, docs[:5])
    pipeline_pass(casc, docs[:5])
    if stock is not None:
        pipeline_pass(stock, docs[:5])

    # the three run interleaved, one batch of articles at a time, in rotating order, so that load
    # from other processes hits them alike; wall-clock and CPU time of this process are summed
    wall: dict = defaultdict(float)
    cpu: dict = defaultdict(float)
    runs = {"bare": lambda g: bare_pass(bare, [d["text"] for d in g], args.batch_size),
            "tidings": lambda g: pipeline_pass(pipe, g),
            "cascade": lambda g: pipeline_pass(casc, g)}
    if stock is not None:
        runs["stock"] = lambda g: pipeline_pass(stock, g)
    order = list(runs)
    for r in range(args.rounds):
        for k in range(0, len(docs), args.batch_size):
            group = docs[k:k + args.batch_size]
            for name in order:
                w, c = runs[name](group)
                wall[name] += w
                cpu[name] += c
            order = order[1:] + order[:1]
        print(f"round {r + 1}: " + ", ".join(f"{k} {wall[k]:.1f}s wall / {cpu[k]:.1f}s CPU" for k in runs), flush=True)

    total_words = n_words * args.rounds
    print(f"\n{machine()}")
    print(f"corpus: {corpus_name()}, {len(docs)} articles, {n_words:,} words, {args.rounds} round(s); model {model}; "
          f"stages: {', '.join(n for n, _ in pipe.stages)}")
    print(f"{'':24s} {'words/s (wall)':>15s} {'ratio':>6s} {'words/s (CPU)':>14s} {'ratio':>6s}")
    rows = [("bare", "bare nlp.pipe", ""), ("tidings", "tidings", "target >= 0.85"),
            ("cascade", "tidings --cascade", "target >= 1.0")]
    if stock is not None:
        rows.append(("stock", "tidings, stock ruler", "(fast_ruler=False)"))
    for name, label, target in rows:
        ww, cc = total_words / wall[name], total_words / cpu[name]
        print(f"{label:24s} {ww:15.0f} {ww / (total_words / wall['bare']):6.2f} {cc:14.0f} "
              f"{cc / (total_words / cpu['bare']):6.2f}  {target}")
    for name in ("tidings", "cascade"):
        print(f"articles/hour, 1 process, {name}: {3600 * len(docs) * args.rounds / wall[name]:,.0f} (wall), "
              f"{3600 * len(docs) * args.rounds / cpu[name]:,.0f} (CPU)")

    # where the time goes
    for label, p in (("tidings", pipe), ("tidings --cascade", casc)):
        clock: dict = defaultdict(float)
        instrument(p, clock)
        total = pipeline_pass(p, docs)[0]
        rest = total - sum(clock.values())
        print(f"\nwhere the time goes ({label}, one pass, {total:.1f}s):")
        for k, v in sorted(clock.items(), key=lambda kv: -kv[1]):
            print(f"  {k:55s} {v:7.2f}s {100 * v / total:5.1f}%")
        print(f"  {'rest (input checks, records, JSON)':55s} {rest:7.2f}s {100 * rest / total:5.1f}%")
    if casc._cascade is not None:
        shares: dict = defaultdict(int)
        for d in docs:
            doc = casc.nlp.make_doc(d["text"])
            for k, v in casc._cascade.plan(doc).share().items():
                shares[k] += v
        tot = sum(shares.values()) or 1
        print("cascade tiers (share of tokens): " + ", ".join(f"{k} {100 * v / tot:.1f}%" for k, v in shares.items()))

    if args.pyinstrument:
        from pyinstrument import Profiler

        p = Pipeline(Config(batch_size=args.batch_size))
        prof = Profiler()
        prof.start()
        pipeline_pass(p, docs)
        prof.stop()
        with open(args.pyinstrument, "w") as fh:
            fh.write(prof.output_html())
        print(prof.output_text(unicode=False, color=False, show_all=False)[:6000])


if __name__ == "__main__":
    main()
