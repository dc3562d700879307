"""Actor code accuracy on a gold file with event actors (e.g. ../shared/eval/plover-gsr-dev.jsonl).

For each gold actor and recipient with offsets, the resolved mention overlapping its span the
most is taken; its code must match the gold code on the 3-letter country part (any IGO code ≈ IGO).
A gold actor with no overlapping coded mention counts as wrong.

    PYTHONPATH=src python scripts/actor_accuracy.py ../shared/eval/plover-gsr-dev.jsonl [--errors]
"""
from __future__ import annotations

import argparse
import json


def code3(code):
    if not code:
        return None
    code = code.upper()
    return "IGO" if code.startswith("IGO") else code[:3]


def score(path: str, show_errors: bool = False, limit: int = 0) -> dict:
    from tidings.pipeline import Context, Pipeline, parse_date

    pipe = Pipeline(stages=["entities", "actors"], check_language=False)
    docs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    if limit:
        docs = docs[:limit]
    total = correct = covered = 0
    for d in docs:
        gold = [a for ev in d["gold"]["events"] for a in ev["actor"] + ev["recipient"] if a.get("start") is not None]
        if not gold:
            continue
        rec, _, _ = pipe.prepare({"id": d["id"], "text": d["text"], "date": d.get("date")})
        nd = pipe.nlp(d["text"])
        ctx = Context(record=rec, doc=nd, config=pipe.config, date=parse_date(d.get("date")))
        for _, st in pipe.stages:
            st(ctx)
        ments = [m.actor for m in ctx.mentions if m.actor.code]
        for g in gold:
            total += 1
            best, ov = None, 0
            for a in ments:
                o = min(a.end, g["end"]) - max(a.start, g["start"])
                if o > ov:
                    best, ov = a, o
            if best is not None:
                covered += 1
            ok_ = best is not None and code3(best.code) == code3(g["code"])
            correct += ok_
            if not ok_ and show_errors:
                print(f"MISS {d['id']}: gold '{g['text']}' {g['code']} → "
                      f"{(best.text + ' ' + str(best.code) + ' | ' + (best.why or '')) if best else 'no mention'}")
    out = {"gold_actors": total, "covered": covered, "correct": correct,
           "accuracy": round(correct / total, 4) if total else None,
           "accuracy_when_covered": round(correct / covered, 4) if covered else None}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    print(json.dumps(score(a.gold, a.errors, a.limit), indent=1))


if __name__ == "__main__":
    main()
