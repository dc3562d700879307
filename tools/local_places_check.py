"""A check set of local US place mentions from the unlabelled corpus, read by hand (developer tool).

The places stage runs over ``news-2016-polnear-train.jsonl`` (US political news, 2016). Two
listings are printed for reading (to the terminal only: no corpus text is kept in the repo):

- ``found``: the toponyms it reports as a US town or county (``feature`` city or admin2, country
  USA), with their reading (name, state, population) and the rule that made them;
- ``missed``: capitalised names the gazetteer has as a US town or county that the stage did not
  report (the candidates a wider recognition could take), with the tagger's label.

Each line starts with ``id start end``: the judgement file ``tools/local_places_judged.tsv``
keeps only those offsets and our verdict (columns ``id start end verdict geonameid_or_state
note``; verdict ``right`` = a US town or county and the reading we report is right, ``reading``
= a place but the wrong one of its name, ``miss`` = a place the stage did not report, ``no`` =
not a place: a person, a word, part of an organisation's name). ``score`` compares the stage's
present output with it: precision of the judged US town/county mentions it reports, how many of
the judged small-town mentions (under 15,000 people) it finds and resolves right, and which
judged mentions it no longer reports.

Usage:
  python tools/local_places_check.py list [--sample 200] [--seed 16] [--cache DIR] [--what found,missed]
  python tools/local_places_check.py score [--cache DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

CORPUS = ROOT.parent / "shared" / "corpora" / "news-2016-polnear-train.jsonl"
JUDGED = ROOT / "tools" / "local_places_judged.tsv"


def run(corpus: Path, cache: str | None):
    from train_place_ranker import parse_all

    from tidings.pipeline import Config, Pipeline

    pipe = Pipeline(Config(stages=["entities", "places"]))
    stage, docs, ctxs, _ = parse_all(corpus, None, cache, pipe)
    return stage, docs, ctxs


def local(p) -> bool:
    return p.country_code == "USA" and p.feature in ("city", "admin2")


def show(text: str, s: int, e: int, w: int = 70) -> str:
    a = text[max(0, s - w):s].replace("\n", " ")
    b = text[e:e + w].replace("\n", " ")
    return f"{a}[[{text[s:e]}]]{b}"


def missed(stage, ctx, taken: list[bool]):
    """Capitalised runs of one to three words that the gazetteer has as a US town or county and
    that no reported place covers."""
    doc = ctx.doc
    n = len(doc)
    i = 0
    while i < n:
        if not doc[i].text[:1].isupper() or taken[doc[i].idx]:
            i += 1
            continue
        hit = None
        for k in (3, 2, 1):
            j = i + k
            if j > n or not all(t.text[:1].isupper() for t in doc[i:j]):
                continue
            es = [e for e in stage.gaz.lookup(doc[i:j].text) if e.country == "USA" and e.feature in ("city", "admin2")]
            if es and not any(x.feature in ("country", "admin1") for x in stage.gaz.lookup(doc[i:j].text)):
                hit = (j, es)
                break
        if hit is None:
            i += 1
            continue
        j, es = hit
        if not any(taken[doc[i].idx:doc[j - 1].idx + len(doc[j - 1])]):
            lab = next((e.label_ for e in doc.ents if e.start <= i < e.end), "")
            yield doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), lab, es
        i = j


def cmd_list(args) -> None:
    stage, docs, ctxs = run(Path(args.corpus), args.cache)
    rng = random.Random(args.seed)
    what = set(args.what.split(","))
    found_rows, miss_rows = [], []
    for d, ctx in zip(docs, ctxs):
        text = ctx.record.text
        taken = [False] * (len(text) + 1)
        for p in ctx.record.places:
            for k in range(p.start, p.end):
                taken[k] = True
            if local(p):
                found_rows.append((d["id"], p.start, p.end, f"{p.name} [{p.feature} {p.rule}] "
                                   f"{p.lat},{p.lon} gid={p.geonameid}", show(text, p.start, p.end)))
        for s, e, lab, es in missed(stage, ctx, taken):
            best = sorted(es, key=lambda x: -x.population)[:3]
            miss_rows.append((d["id"], s, e, f"NER={lab or '-'} " + "; ".join(
                f"{x.name} {x.admin1} {x.population}" for x in best), show(text, s, e)))
    for name, rows in (("found", found_rows), ("missed", miss_rows)):
        if name not in what:
            continue
        pick = rows if args.sample <= 0 or args.sample >= len(rows) else rng.sample(rows, args.sample)
        print(f"## {name}: {len(rows)} (showing {len(pick)})")
        for r in sorted(pick):
            print("\t".join(str(x) for x in r))


def load_judged(path: Path) -> dict:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            out[(r["id"], int(r["start"]), int(r["end"]))] = r
    return out


def cmd_score(args) -> None:
    from tidings.grounding.gazetteer import haversine_km

    stage, docs, ctxs = run(Path(args.corpus), args.cache)
    judged = load_judged(Path(args.judged))
    out: dict[str, dict] = {}
    lost = []
    for d, ctx in zip(docs, ctxs):
        preds = {(p.start, p.end): p for p in ctx.record.places}
        for (id_, s, e), r in judged.items():
            if id_ != d["id"]:
                continue
            c = out.setdefault(r["sample"], {"judged": 0, "reported": 0, "right": 0, "wrong_reading": 0,
                                             "not_a_place_reported": 0, "unresolved": 0, "dropped_place": 0,
                                             "dropped_not_place": 0})
            c["judged"] += 1
            p = preds.get((s, e))
            if p is None:
                c["dropped_place" if r["verdict"] != "no" else "dropped_not_place"] += 1
                if r["verdict"] != "no":
                    lost.append((id_, s, e, r["verdict"], r.get("note", "")))
                continue
            c["reported"] += 1
            if r["verdict"] == "no":
                c["not_a_place_reported"] += 1
            elif p.lat is None:
                c["unresolved"] += 1
            else:
                la, lo = (float(x) for x in r["point"].split(","))
                c["right" if haversine_km(p.lat, p.lon, la, lo) <= 161 else "wrong_reading"] += 1
    for c in out.values():
        c["precision"] = round(c["right"] / c["reported"], 3) if c["reported"] else None
        # of the mentions reported with a point: how many points are right
        resolved = c["reported"] - c["unresolved"]
        c["point_precision"] = round(c["right"] / resolved, 3) if resolved else None
    print(json.dumps(out, indent=1, sort_keys=True))
    if args.lost:
        for x in lost:
            print("\t".join(map(str, x)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cmd", choices=("list", "score"))
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--cache", help="keep the spaCy parses here (DocBin)")
    ap.add_argument("--judged", default=str(JUDGED))
    ap.add_argument("--sample", type=int, default=0, help="list a random sample of this many of each kind (0: all)")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--what", default="found,missed")
    ap.add_argument("--lost", action="store_true", help="score: list the judged places no longer reported")
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        sys.exit(f"no corpus at {args.corpus}")
    {"list": cmd_list, "score": cmd_score}[args.cmd](args)


if __name__ == "__main__":
    main()
