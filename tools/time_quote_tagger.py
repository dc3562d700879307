"""The learned quote tagger's cost: the whole default pipeline with the tagger off and on, over the
last N articles of a JSONL corpus, both in one process, alternating per article (the order flipped
every article); CPU seconds (process_time) and wall, and the ratio on / off.

    PYTHONPATH=src python tools/time_quote_tagger.py ../shared/corpora/news-2016-polnear-train.jsonl -n 100
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from tidings.config import Config  # noqa: E402
from tidings.pipeline import Pipeline  # noqa: E402


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("-n", type=int, default=100)
    args = ap.parse_args(argv)
    with open(args.corpus, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][-args.n:]
    recs = [{"id": r["id"], "text": r["text"], "date": r.get("date")} for r in rows]
    pipes = {"off": Pipeline(Config(quotes={"tagger": False})), "on": Pipeline(Config(quotes={"tagger": True}))}
    for p in pipes.values():
        p(recs[0])      # models loaded before timing
    cpu = {"off": 0.0, "on": 0.0}
    wall = {"off": 0.0, "on": 0.0}
    added = 0
    for i, r in enumerate(recs):
        for name in (("off", "on") if i % 2 == 0 else ("on", "off")):
            t, c = time.perf_counter(), time.process_time()
            rec = pipes[name](r)
            cpu[name] += time.process_time() - c
            wall[name] += time.perf_counter() - t
            if name == "on":
                added += sum(1 for q in rec.quotes if q.rule and q.rule.startswith("model:quotes-tagger"))
    print(f"{len(recs)} articles: CPU off {cpu['off']:.1f} s, on {cpu['on']:.1f} s, ratio {cpu['on'] / cpu['off']:.3f}; "
          f"wall off {wall['off']:.1f} s, on {wall['on']:.1f} s, ratio {wall['on'] / wall['off']:.3f}; "
          f"quotes the tagger added {added}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
