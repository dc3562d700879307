"""Headline lines of the unlabelled corpus (issue 15, rule headline_verb): code each article's first
line on its own with ``--events lexicon`` and count those without a counted event, and among them
those with a noun-tagged 3sg/plural form of a lexicon verb after a nominal; ``--against`` an earlier
output lists the headlines whose events changed, to read.

    PYTHONPATH=src python tools/headline_fires.py OUT.jsonl [--against BEFORE.jsonl]
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "news-2016-polnear-train.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--against")
    a = ap.parse_args()
    logging.disable(logging.WARNING)
    from tidings.evaluate.scorers import counted_event
    from tidings.events.lexicon import load_lexicon
    from tidings.nlp import load
    from tidings.nlp.text import base_forms
    from tidings.pipeline import Config, get_pipeline
    rows = []
    for line in open(CORPUS, encoding="utf-8"):
        art = json.loads(line)
        head = next((p.strip() for p in (art.get("text") or "").split("\n") if p.strip()), "")
        if head:
            rows.append({"id": art.get("id"), "text": head})
    pipe = get_pipeline(Config(events="lexicon"))
    recs = pipe.process([{"id": r["id"], "text": r["text"], "date": None} for r in rows])
    lex = load_lexicon()
    nlp = load()
    none = cand = 0
    with open(a.out, "w", encoding="utf-8") as fh:
        for r, rec in zip(rows, recs):
            evs = [e for e in rec.model_dump()["events"] if counted_event(e)]
            r["events"] = [[e["event"], e["cameo"], e["rule"], [x.get("text") for x in e.get("actor") or []],
                            [x.get("text") for x in e.get("recipient") or []]] for e in evs]
            if not evs:
                none += 1
                doc = nlp(r["text"])
                hits = [t.text for t in doc if t.pos_ in ("NOUN", "PROPN") and t.i > 0
                        and doc[t.i - 1].pos_ in ("NOUN", "PROPN")
                        and any(k in lex.verbs for k in base_forms(t.lower_, "VBZ"))]
                if hits:
                    cand += 1
                    r["noun_verbs"] = hits
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"headlines {len(rows)}  without event {none}  of them with a noun-tagged lexicon verb form {cand}")
    if a.against:
        old = {r["id"]: r for r in map(json.loads, open(a.against, encoding="utf-8"))}
        rows_new = [json.loads(x) for x in open(a.out, encoding="utf-8")]
        ch = [r for r in rows_new if r["id"] in old and old[r["id"]]["events"] != r["events"]]
        print(f"changed {len(ch)}")
        for r in ch:
            print(f"- {r['text']}\n    was {old[r['id']]['events']}\n    now {r['events']}")


if __name__ == "__main__":
    main()
