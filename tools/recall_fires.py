"""Fires of lexicon changes (issue 15, round 5): code a set of sentences with ``--events lexicon``
and write, per sentence, its counted events; ``--against`` an earlier output lists the sentences
whose events changed, to read, and (for ConfliBERT train) sentence quad accuracy before/after.

    PYTHONPATH=src python tools/recall_fires.py conflibert OUT.jsonl [--against BEFORE.jsonl]
    PYTHONPATH=src python tools/recall_fires.py corpus OUT.jsonl --cue REGEX [--against BEFORE.jsonl]

``conflibert``: the 1,349 ConfliBERT CAMEO training sentences. ``corpus``: every sentence of the
840 unlabelled 2016 news articles that matches the cue regular expression (case-insensitive),
coded on its own.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"
CONFLIBERT = SHARED / "eval" / "conflibert-cameo-train.jsonl"
CORPUS = SHARED / "corpora" / "news-2016-polnear-train.jsonl"


def items(which: str, cue: str | None) -> list[dict]:
    if which == "conflibert":
        return [{"id": g["id"], "text": g["text"], "quad": g["gold"]["quad_label"]}
                for g in map(json.loads, open(CONFLIBERT, encoding="utf-8"))]
    from tidings.nlp import load
    rx = re.compile(cue or ".", re.I)
    arts = [json.loads(line) for line in open(CORPUS, encoding="utf-8")]
    nlp = load()
    out = []
    for a in arts:
        text = a.get("text") or ""
        for k, para in enumerate(p for p in text.split("\n") if p.strip()):
            if not rx.search(para):
                continue
            for j, s in enumerate(nlp(para).sents):
                if rx.search(s.text):
                    out.append({"id": f"{a.get('id')}:{k}:{j}", "text": s.text.strip(), "quad": None})
    return out


def code(rows: list[dict]) -> list[dict]:
    from tidings.evaluate.scorers import counted_event, sentence_quad
    from tidings.pipeline import Config, get_pipeline
    pipe = get_pipeline(Config(events="lexicon"))
    recs = pipe.process([{"id": r["id"], "text": r["text"], "date": None} for r in rows])
    out = []
    for r, rec in zip(rows, recs):
        evs = [e for e in rec.model_dump()["events"] if counted_event(e)]
        out.append({**r, "coded_quad": sentence_quad(evs),
                    "events": [[e["event"], e["cameo"], e.get("mode"), e["rule"]] for e in evs]})
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("which", choices=["conflibert", "corpus"])
    ap.add_argument("out")
    ap.add_argument("--cue", default=None)
    ap.add_argument("--against", default=None)
    ap.add_argument("--sentences", default=None, help="reuse the sentences of this earlier output")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rows = ([{k: r[k] for k in ("id", "text", "quad")} for r in map(json.loads, open(a.sentences))]
            if a.sentences else items(a.which, a.cue))
    res = code(rows)
    with open(a.out, "w", encoding="utf-8") as f:
        for r in res:
            f.write(json.dumps(r) + "\n")
    print(f"{len(res)} sentences coded")
    if a.which == "conflibert":
        acc = sum(int(r["coded_quad"]) == int(r["quad"]) for r in res) / len(res)
        print(f"sentence quad accuracy {acc:.4f}")
    if a.against:
        before = {r["id"]: r for r in map(json.loads, open(a.against, encoding="utf-8"))}
        better = worse = 0
        for r in res:
            b = before.get(r["id"])
            if b is None or b["events"] == r["events"]:
                continue
            tag = ""
            if r["quad"] is not None:
                ok_b, ok_a = int(b["coded_quad"]) == int(r["quad"]), int(r["coded_quad"]) == int(r["quad"])
                tag = "better" if ok_a and not ok_b else "worse" if ok_b and not ok_a else "same"
                better += tag == "better"
                worse += tag == "worse"
            print(f"--- {r['id']} {tag} gold quad {r['quad']}: {r['text'][:220]}")
            print(f"    before {b['events']}")
            print(f"    after  {r['events']}")
        if r["quad"] is not None:
            print(f"sentences better {better}, worse {worse}")


if __name__ == "__main__":
    main()
