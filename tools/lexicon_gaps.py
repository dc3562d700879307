"""Where the lexicon is silent: lexicon-only quad accuracy on the ConfliBERT training sentences, and
the verb frames (lemma + particles/prepositions/object heads) of the sentences with a gold event
that got no counted event, most frequent first. How data/lexicon/21_frames.yaml was mined.

    PYTHONPATH=src python tools/lexicon_gaps.py [--top 150] [--rule-tag 21_frames]

``--rule-tag`` also lists, per rule whose id contains the tag, its hits with gold and coded quad.
"""
from __future__ import annotations

import argparse
import collections
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared" / "eval" / "conflibert-cameo-train.jsonl"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--top", type=int, default=150)
    ap.add_argument("--rule-tag", default=None)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from tidings.evaluate.scorers import score_quad, sentence_quad
    from tidings.nlp import load
    from tidings.pipeline import Config, get_pipeline

    gold = [json.loads(line) for line in open(SHARED, encoding="utf-8")]
    pipe = get_pipeline(Config(events="lexicon"))
    recs = list(pipe.process([{"id": g["id"], "text": g["text"], "date": None} for g in gold]))
    pairs = [(g, r.model_dump()) for g, r in zip(gold, recs)]
    s = score_quad(pairs)
    print(f"lexicon-only quad accuracy {s['accuracy']:.4f}, macro F1 {s['macro_f1']:.4f}; "
          f"confusion (gold rows) {s['confusion']}")
    miss = [g for g, p in pairs if g["gold"]["quad_label"] != 0 and sentence_quad(p["events"]) == 0]
    frames: collections.Counter = collections.Counter()
    example: dict = {}
    for m, doc in zip(miss, load().pipe([m["text"] for m in miss])):
        for t in doc:
            if t.pos_ != "VERB":
                continue
            parts = [c.lemma_.lower() for c in t.children if c.dep_ in ("prt", "prep", "dobj", "agent")]
            f = " ".join([t.lemma_.lower(), *parts])
            frames[(f, m["gold"]["quad_label"])] += 1
            example.setdefault(f, m["text"][:140])
    print(f"{len(miss)} sentences with a gold event and none coded; their frames (count, gold quad, frame):")
    for (f, q), n in frames.most_common(a.top):
        print(f"{n:4d} {q} {f} | {example[f]}")
    if a.rule_tag:
        by = collections.defaultdict(list)
        for g, p in pairs:
            for e in p["events"]:
                if a.rule_tag in (e.get("rule") or ""):
                    by[e["rule"]].append((g["gold"]["quad_label"], e["quad_class"], g["text"][:110]))
        for rule, hits in sorted(by.items()):
            for gq, pq, text in hits:
                print(f"{rule} gold {gq} coded {pq} | {text}")


if __name__ == "__main__":
    main()
