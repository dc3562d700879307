"""Count the places stage's Acc@161 misses on a geocoded gold set by CLASS (developer tool).

Aggregate figures only (no text of the gold set is printed): for every gold toponym with a
point that the stage recognises, whether its reading lies within 161 km, and for the misplaced
ones: the gold's feature class against ours, the distance bucket, same or other country, whether
a reading within 161 km was among the mention's candidate readings (the ranker could have
picked it), whether the gazetteer has one for the name at all (a gap otherwise), and for the
candidate-set misses whether the right reading was a town and how large.

Usage: python tools/place_miss_classes.py [--gold ../shared/eval/geo-trnews-dev.jsonl] [--cache DIR]
       [--ranker rules|learned]
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from tidings.evaluate.scorers import _one_to_one, haversine_km  # noqa: E402


def gold_class(g: dict) -> str:
    f = (g.get("feature") or "").lower()
    fc = (g.get("fcode") or "")
    if f in ("country", "admin1", "admin2", "city", "continent"):
        return f
    if fc.startswith("PPL"):
        return "city"
    if fc.startswith("ADM"):
        return "admin" + fc[3:4]
    return f or fc or "?"


def bucket(d: float) -> str:
    if d <= 500:
        return "161-500"
    if d <= 2000:
        return "500-2000"
    return ">2000"


PLACE_PREP: set = set()


def main() -> None:
    global PLACE_PREP
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "eval" / "geo-trnews-dev.jsonl"))
    ap.add_argument("--cache")
    ap.add_argument("--ranker", default="rules")
    args = ap.parse_args()
    from train_place_ranker import parse_all

    from tidings.grounding.places import PLACE_PREP
    from tidings.pipeline import Config, Pipeline

    pipe = Pipeline(Config(stages=["entities", "places"], places={"ranker": args.ranker}))
    stage, docs, ctxs, _ = parse_all(Path(args.gold), None, args.cache, pipe)
    counts: collections.Counter = collections.Counter()
    for d, ctx in zip(docs, ctxs):
        cands = stage._candidates(ctx)
        stage(ctx)
        preds = [p.model_dump() for p in ctx.record.places]
        gold = d["gold"]["places"]
        doc = ctx.doc
        spans = [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]), c) for c in cands]
        matched = set()
        for gi, pi in _one_to_one(gold, preds):
            matched.add(gi)
            g, p = gold[gi], preds[pi]
            if g.get("lat") is None:
                continue
            counts["scored"] += 1
            if p.get("lat") is not None and haversine_km(g["lat"], g["lon"], p["lat"], p["lon"]) <= 161:
                counts["right"] += 1
                continue
            cand = next((c for s, e, c in spans if s < g["end"] and g["start"] < e), None)
            in_cands = cand is not None and any(
                x.lat is not None and haversine_km(g["lat"], g["lon"], x.lat, x.lon) <= 161 for x in cand.entries)
            in_gaz = any(x.lat is not None and haversine_km(g["lat"], g["lon"], x.lat, x.lon) <= 161
                         for x in stage.gaz.lookup(g["text"]))
            gc = gold_class(g)
            if p.get("lat") is None:
                counts[("no point", gc, "in gaz" if in_gaz else "gap")] += 1
                continue
            dist = haversine_km(g["lat"], g["lon"], p["lat"], p["lon"])
            same = (p.get("country_code") or "") == (g.get("country_code") or "?")
            where = "in cands" if in_cands else ("in gaz only" if in_gaz else "not in gaz")
            counts[("miss", gc, "ours " + str(p.get("feature")), bucket(dist),
                    "same country" if same else "other country", where)] += 1
            if in_cands:
                right = [x for x in cand.entries if x.lat is not None
                         and haversine_km(g["lat"], g["lon"], x.lat, x.lon) <= 161]
                r = max(right, key=lambda x: x.population)
                size = r.feature if r.feature != "city" else (
                    "town <15k" if r.population < 15000 else "town <100k" if r.population < 100000 else "town 100k+")
                counts[("in cands: right reading", size, "ours " + str(p.get("feature")))] += 1
        for gi, g in enumerate(gold):
            if gi in matched or g.get("lat") is None:
                continue
            found = stage.gaz.lookup(g["text"])
            right = [x for x in found if x.lat is not None and haversine_km(g["lat"], g["lon"], x.lat, x.lon) <= 161]
            if not right:
                counts[("unrecognised", gold_class(g), "gap")] += 1
                continue
            # what kept it out: the tagger's label over it, the word before, the right reading's size
            ent = next((e for e in doc.ents if e.start_char < g["end"] and g["start"] < e.end_char), None)
            label = "no entity" if ent is None else ent.label_ + (
                "" if (ent.start_char, ent.end_char) == (g["start"], g["end"]) else " (longer/other span)")
            tok = next((t for t in doc if t.idx >= g["start"]), None)
            prev = doc[tok.i - 1].lower_ if tok is not None and tok.i > 0 else ""
            r = max(right, key=lambda x: x.population)
            size = r.feature if r.feature != "city" else (
                "town <15k" if r.population < 15000 else "town <100k" if r.population < 100000 else "town 100k+")
            counts[("unrecognised in gaz", gold_class(g), label, "after place prep" if prev in PLACE_PREP else "other",
                    size, "cased as gaz" if g["text"][:1].isupper() else "lower")] += 1
    print(f"scored {counts['scored']}, right {counts['right']} "
          f"(Acc@161 {counts['right'] / max(counts['scored'], 1):.4f})")
    for k, v in sorted(((k, v) for k, v in counts.items() if isinstance(k, tuple)), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"{v:4d}  " + " | ".join(k))


if __name__ == "__main__":
    main()
