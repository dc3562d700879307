"""Re-run the times stage alone over parses cached by ``tools/quote_parse_cache.py`` and count, per
rule, how often it fires (and, on a gold set with TIMEX3, how often its span and value are right).

    PYTHONPATH=src python tools/quote_parse_cache.py ../shared/eval/timebank-dev.jsonl /tmp/tb/dev
    PYTHONPATH=src python tools/time_rule_stats.py ../shared/eval/timebank-dev.jsonl /tmp/tb/dev
    PYTHONPATH=src python tools/time_rule_stats.py CORPUS.jsonl /tmp/tb/corpus --rule R --sample 30

On a gold set it prints the times scores (the scorer of ``tidings evaluate``) and, per rule, fires,
span hits and value hits; on unlabelled text, fires per rule. ``--rule`` (a prefix of rule ids)
lists the expressions of those rules in their sentences (``--sample`` of them, seeded) to be read.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import sys


def tag_all(rows: list[dict], cache: str) -> list[list]:
    """The times of each row, tagged over its cached parse exactly as the times stage does."""
    import spacy
    from spacy.tokens import DocBin

    from tidings.grounding.times import exclusion_spans, get_tagger, tense_function
    from tidings.nlp.text import parse_date

    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(cache + ".spacy").get_docs(nlp.vocab))
    tagger = get_tagger()
    out = []
    for r, doc in zip(rows, docs):
        text = r["text"]
        sents = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else None
        tense = tense_function(doc) if doc.has_annotation("DEP") else None
        out.append(tagger.tag(text, parse_date(r.get("date")), tense=tense, sentences=sents,
                              exclude=exclusion_spans(text)))
    return out


def main(argv: list[str]) -> int:
    from tidings.evaluate.scorers import _one_to_one, score_times

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("cache")
    ap.add_argument("--rule", default=None, help="list the expressions of rules whose id starts so")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--dump", default=None, help="write every expression (id, span, type, value, rule) here")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    if args.limit:
        rows = rows[:args.limit]
    found = tag_all(rows, args.cache)
    labelled = any("times" in (r.get("gold") or {}).get("layers", []) for r in rows)
    fires: collections.Counter = collections.Counter()
    span_ok: collections.Counter = collections.Counter()
    value_ok: collections.Counter = collections.Counter()
    listed = []
    pairs = []
    for r, ts in zip(rows, found):
        preds = [{"text": r["text"][t.start:t.end], "start": t.start, "end": t.end, "type": t.type,
                  "value": t.value} for t in ts]
        gold = (r.get("gold") or {}).get("times", []) if labelled else []
        match = dict((pi, gi) for gi, pi in _one_to_one(gold, preds)) if labelled else {}
        for k, t in enumerate(ts):
            rule = t.rule or "?"
            fires[rule] += 1
            g = gold[match[k]] if k in match else None
            span_ok[rule] += int(g is not None)
            value_ok[rule] += int(g is not None and g.get("value") == t.value)
            if args.rule and rule.startswith(args.rule):
                s = r["text"].rfind("\n", 0, t.start) + 1
                e = r["text"].find("\n", t.end)
                line = r["text"][max(s, t.start - 110):(e if e >= 0 else len(r["text"]))][:260]
                verdict = "" if not labelled else ("  GOLD -" if g is None else f"  GOLD {g['text']!r}={g.get('value')}")
                listed.append(f"[{rule}] {r.get('date')} {preds[k]['text']!r}={t.value}{verdict}\n    "
                              + line.replace("\n", " "))
        pairs.append((r, {"times": preds}))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for r, ts in zip(rows, found):
                for t in ts:
                    f.write(json.dumps({"id": r["id"], "start": t.start, "end": t.end, "text": r["text"][t.start:t.end],
                                        "type": t.type, "value": t.value, "rule": t.rule}) + "\n")
    if labelled:
        sc = score_times(pairs)
        print(json.dumps({k: sc[k] for k in ("relaxed", "strict", "value", "type_accuracy")}))
    print(f"{'rule':40s} fires" + ("  span  value" if labelled else ""))
    for rule, n in fires.most_common():
        print(f"{rule:40s} {n:5d}" + (f" {span_ok[rule]:5d} {value_ok[rule]:6d}" if labelled else ""))
    if listed:
        random.Random(args.seed).shuffle(listed)
        print(f"\n{len(listed)} expressions of rules {args.rule}*; {min(len(listed), args.sample)} shown")
        for x in listed[:args.sample]:
            print(x)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
