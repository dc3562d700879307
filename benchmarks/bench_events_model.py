"""Whole-process throughput of ``tidings extract --events lexicon|both|model`` ÷ bare spaCy.

    PYTHONPATH=src python benchmarks/bench_events_model.py [--n 100] [--rounds 2]

Each measurement is a fresh process, start-up included (imports, model loading, the ONNX session):
bare spaCy (``spacy.load`` of the model tidings uses, ``nlp.pipe`` over the texts, nothing else),
then ``python -m tidings extract FILE -o /dev/null --events SETTING`` for each setting. Rounds
alternate the commands so that load from other processes hits them alike; the best round of each
is kept and the ratios (words/s of tidings ÷ words/s of bare spaCy) are printed, all from one run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import _common  # noqa: E402

for _d in (ROOT.parent, ROOT.parent.parent):     # the corpus of the project's own checkouts, if any
    _c = _d / "shared" / "corpora" / "news-2016-polnear-train.jsonl"
    if _c.exists():
        _common.CORPUS = _c
        break

BARE = """
import json, sys, spacy
from tidings.nlp import resolve_model_name
nlp = spacy.load(resolve_model_name(None))
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def run(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--settings", default="lexicon,both")
    a = ap.parse_args(argv)
    docs = _common.articles(a.n)
    words = _common.words([d["text"] for d in docs])
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), TIDINGS_EVENT_THREADS="1")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "articles.jsonl")
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        cmds = {"bare spaCy": [sys.executable, "-c", BARE, str(path)]}
        for s in a.settings.split(","):
            cmds[f"tidings --events {s}"] = [sys.executable, "-m", "tidings", "extract", str(path), "-o",
                                             os.devnull, "-q", "--events", s]
        best: dict[str, float] = {}
        for r in range(a.rounds):
            for name, cmd in cmds.items():
                dt = run(cmd, env)
                best[name] = min(best.get(name, dt), dt)
                print(f"round {r + 1} {name:26s} {dt:7.1f} s", flush=True)
    print(f"\n{a.n} articles, {words} words ({_common.corpus_name()}); {_common.machine()}")
    print(f"{'':26s} {'wall s':>8s} {'words/s':>9s} {'ratio':>6s}")
    for name, dt in best.items():
        print(f"{name:26s} {dt:8.1f} {words / dt:9.0f} {best['bare spaCy'] / dt:6.2f}")


if __name__ == "__main__":
    main()
