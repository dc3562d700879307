"""Per quote rule, on a gold set with attributions (PolNeAR): how many quotes the rule predicts,
how many of them match a gold attribution (the content-match criterion of
``tidings.evaluate.scorers.score_quotes``: one-to-one, characters shared over the larger span
>= 0.5, best matches first), its precision, and the share of the gold it finds.

    PYTHONPATH=src python tools/quote_rule_stats.py ../shared/eval/polnear-train.jsonl \
        [--limit N] [--markdown docs/quote_rules.md] [--cache /tmp/qlearn/train] [--all-rules]

Runs the entities, actors and quotes stages only (the quotes stage reads nothing else); with
``--cache`` (parses kept by tools/quote_parse_cache.py) the quotes stage alone over the kept
parses. ``--all-rules`` turns every rule on (QuoteSettings.off_rules empty); the scorer's veto
is off here (min_confidence 0), so each rule is measured on its own.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from tidings.evaluate.scorers import _chars
from tidings.pipeline import Config, Pipeline


def matches(gold: list[dict], preds: list[dict]) -> list[tuple[int, int]]:
    """(gold index, prediction index) pairs, as score_quotes pairs them."""
    gsets = [_chars(g["content"], g["content"].get("fragments") or g.get("fragments")) for g in gold]
    psets = [_chars(p["content"]) for p in preds]
    cands = []
    for gi, gs in enumerate(gsets):
        for pi, ps in enumerate(psets):
            shared = len(gs & ps)
            if shared and shared / max(len(gs), len(ps)) >= 0.5:
                cands.append((shared / max(len(gs), len(ps)), gi, pi))
    cands.sort(reverse=True)
    ug, up, out = set(), set(), []
    for _, gi, pi in cands:
        if gi in ug or pi in up:
            continue
        ug.add(gi)
        up.add(pi)
        out.append((gi, pi))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--markdown", help="write the table to this Markdown file")
    ap.add_argument("--cache", help="prefix of a parse cache (tools/quote_parse_cache.py)")
    ap.add_argument("--all-rules", action="store_true")
    ap.add_argument("--dump", help="write every prediction (rule, matched, cue, content) as JSON lines here")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    if args.limit:
        rows = rows[:args.limit]
    gold_of = {r["id"]: r["gold"].get("quotes", []) for r in rows}
    quotes = {"min_confidence": 0.0, **({"off_rules": ()} if args.all_rules else {})}
    if args.cache:
        from quote_parse_cache import cached_quotes
        stream = ((i, qs) for i, qs in cached_quotes(args.cache, Config(quotes=quotes)) if i in gold_of)
    else:
        pipe = Pipeline(Config(stages=["entities", "actors", "quotes"], quotes=quotes))
        stream = ((rec.id, rec.quotes) for rec in
                  pipe.process({"id": r["id"], "text": r["text"], "date": r.get("date")} for r in rows))
    pred_n, tp_n, spk_ok = Counter(), Counter(), Counter()
    n_gold = n_docs = 0
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    for rid, rec_quotes in stream:
        gold = gold_of[rid]
        preds = [q.model_dump(mode="json", exclude_none=True) for q in rec_quotes]
        n_gold += len(gold)
        n_docs += 1
        for p in preds:
            pred_n[p.get("rule") or "?"] += 1
        for gi, pi in matches(gold, preds):
            rule = preds[pi].get("rule") or "?"
            tp_n[rule] += 1
            g_sp, p_sp = gold[gi].get("speaker"), preds[pi].get("speaker")
            if g_sp and p_sp and p_sp["start"] < g_sp["end"] and g_sp["start"] < p_sp["end"]:
                spk_ok[rule] += 1
        if dump:
            hit = {pi for _, pi in matches(gold, preds)}
            for pi, p in enumerate(preds):
                dump.write(json.dumps({"id": rid, "rule": p.get("rule"), "ok": pi in hit,
                                       "cue": (p.get("cue") or {}).get("text"),
                                       "speaker": (p.get("speaker") or {}).get("text"),
                                       "content": p["content"]["text"]}) + "\n")
    n_pred, n_tp = sum(pred_n.values()), sum(tp_n.values())
    lines = [f"{n_docs} articles, {n_gold} gold attributions, {n_pred} predicted quotes, "
             f"{n_tp} matched (precision {n_tp / max(1, n_pred):.3f}, recall {n_tp / max(1, n_gold):.3f}).", "",
             "| rule | predicted | matched | precision | share of gold found | speaker right (of matched) |",
             "|---|---:|---:|---:|---:|---:|"]
    for rule, n in pred_n.most_common():
        tp = tp_n[rule]
        lines.append(f"| `{rule}` | {n} | {tp} | {tp / n:.3f} | {tp / n_gold:.3f} | {spk_ok[rule]} |")
    weak = [r for r, n in pred_n.items() if tp_n[r] / n < 0.5]
    lines += ["", "Rules with precision below 0.5: " + (", ".join(f"`{r}`" for r in sorted(weak)) or "none") + "."]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        from pathlib import Path
        start, end = "<!-- rule-stats:start -->", "<!-- rule-stats:end -->"
        doc = Path(args.markdown).read_text(encoding="utf-8") if Path(args.markdown).exists() else ""
        if start in doc and end in doc:
            head, rest = doc.split(start, 1)
            doc = f"{head}{start}\n{text}\n{end}{rest.split(end, 1)[1]}"
        else:
            doc = ("# Quote rules measured on PolNeAR train\n\n"
                   "Generated by `tools/quote_rule_stats.py`.\n\n" + f"{start}\n{text}\n{end}\n")
        Path(args.markdown).write_text(doc, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
