"""Score the places / quotes layers on a gold file the way /work/shared/eval/README.md describes
(a stand-in until ``tidings evaluate`` lands). Usage:
python tools/score_gold.py GOLD.jsonl places|quotes [--limit N] [--errors] [--ids FILE]"""
from __future__ import annotations

import json
import math
import statistics
import sys

from tidings.pipeline import Config, Pipeline


def hav(a, b, c, d):
    p1, p2 = math.radians(a), math.radians(c)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(x)))


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    path, layer = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    errors = "--errors" in sys.argv
    docs = [json.loads(l) for l in open(path)]
    if limit:
        docs = docs[:limit]
    stages = ["entities", "places"] if layer == "places" else ["entities", "actors", "places", "quotes"]
    pipe = Pipeline(Config(stages=[s for s in stages]))
    recs = list(pipe.process([{"id": d["id"], "text": d["text"], "date": d["date"]} for d in docs]))
    tp = npred = ngold = 0
    dists = []
    acc = n_acc = cc_ok = n_cc = sp_ok = n_sp = 0
    for d, r in zip(docs, recs):
        gold = d["gold"][layer]
        if layer == "places":
            pred = r.places
            used = set()
            npred += len(pred)
            ngold += len(gold)
            for g in gold:
                m = None
                for i, p in enumerate(pred):
                    if i not in used and p.start < g["end"] and g["start"] < p.end:
                        m = i
                        break
                if m is None:
                    if errors:
                        print("FN", d["id"], repr(g["text"]), g.get("feature"), d["text"][max(0, g["start"] - 40):g["end"] + 30].replace("\n", " "))
                    continue
                used.add(m)
                tp += 1
                p = pred[m]
                if g.get("lat") is not None:
                    n_acc += 1
                    if p.lat is not None:
                        dd = hav(g["lat"], g["lon"], p.lat, p.lon)
                        dists.append(dd)
                        if dd <= 161:
                            acc += 1
                        elif errors:
                            print("GEO", d["id"], repr(g["text"]), g["name"], g["country_code"], g["feature"], "->", p.name, p.country_code, p.feature, round(dd))
                    else:
                        dists.append(20000)
                        if errors:
                            print("NOGEO", d["id"], repr(g["text"]), g["name"], g["feature"])
                if g.get("country_code"):
                    n_cc += 1
                    cc_ok += p.country_code == g["country_code"]
            if errors:
                for i, p in enumerate(pred):
                    if i not in used:
                        print("FP", d["id"], repr(p.text), p.feature, p.kind, d["text"][max(0, p.start - 40):p.end + 30].replace("\n", " "))
        else:
            pred = r.quotes
            npred += len(pred)
            ngold += len(gold)
            used = set()
            for g in gold:
                gs, ge = g["content"]["start"], g["content"]["end"]
                gchars = set()
                for f in g.get("fragments") or [g["content"]]:
                    gchars.update(range(f["start"], f["end"]))
                best, bi = 0, None
                for i, q in enumerate(pred):
                    if i in used:
                        continue
                    pc = set(range(q.content.start, q.content.end))
                    ov = len(pc & gchars) / max(len(pc), len(gchars))
                    if ov >= 0.5 and ov > best:
                        best, bi = ov, i
                if bi is None:
                    if errors:
                        print("FN", d["id"], "|", g["speaker"]["text"] if g["speaker"] else None, "|", g["cue"]["text"] if g["cue"] else None, "|", g["content"]["text"][:150].replace("\n", " "))
                    continue
                used.add(bi)
                tp += 1
                q = pred[bi]
                if g["speaker"]:
                    n_sp += 1
                    ok = q.speaker is not None and q.speaker.start < g["speaker"]["end"] and g["speaker"]["start"] < q.speaker.end
                    sp_ok += ok
                    if errors and not ok:
                        print("SPK", d["id"], "gold:", g["speaker"]["text"], "| pred:", q.speaker.text if q.speaker else None, "|", q.content.text[:80].replace("\n", " "))
            if errors:
                for i, q in enumerate(pred):
                    if i not in used:
                        print("FP", d["id"], "|", q.speaker.text if q.speaker else None, "|", q.cue.text if q.cue else None, "|", q.content.text[:150].replace("\n", " "))
    p, rr, f = prf(tp, npred, ngold)
    print(f"{layer}: P={p:.3f} R={rr:.3f} F1={f:.3f} (tp={tp} pred={npred} gold={ngold})")
    if layer == "places":
        print(f"Acc@161={acc / n_acc if n_acc else 0:.3f} (n={n_acc}) median_km={statistics.median(dists) if dists else 0:.1f} "
              f"country_acc={cc_ok / n_cc if n_cc else 0:.3f} (n={n_cc})")
    else:
        print(f"speaker_acc={sp_ok / n_sp if n_sp else 0:.3f} (n={n_sp})")
    for r in recs:
        for e in r.errors:
            if e.stage in ("places", "quotes"):
                print("ERROR", r.id, e.stage, e.message)


if __name__ == "__main__":
    main()
