"""Learn the weights of the place ranker (``src/tidings/grounding/data/place_ranker.json``).

Developer tool (scikit-learn at build time only; the package reads the weights and scores with
a dot product). For every toponym the places stage finds in a gold set of geocoded news and
that has both a right reading (within 161 km of the gold point) and a wrong one, it builds the
feature vectors of :mod:`tidings.grounding.place_ranker` and fits a pairwise logistic
regression (right minus wrong, no intercept; each toponym weighs 1 in all). It reports k-fold
cross-validation split by document, scored with the scorer of ``tidings evaluate`` (Acc@161 km,
recognition F1, country accuracy over the held-out documents pooled), then fits on all documents
and writes the weights with those figures.

With ``--free rule_score`` the hand-set score's weight is not penalised, so the other weights
learn corrections to the hand-set ranking (the shipped weights: C = 0.1). ``--silver-cv CORPUS``
reports instead the top-1 accuracy on the corpus's silver toponyms (see :func:`silver_cv`).

Usage: python tools/train_place_ranker.py [--gold ../shared/eval/geo-trnews-dev.jsonl] [--folds 5]
       [--C 1.0] [--free rule_score] [--drop FEATURES] [--dry-run]
       [--silver ../shared/corpora/news-2016-polnear-train.jsonl] [--silver-cv CORPUS] [--cache DIR]
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.evaluate.scorers import haversine_km, score_places  # noqa: E402
from tidings.grounding.place_ranker import FEATURES, N_FEATURES  # noqa: E402
from tidings.pipeline import Config, Pipeline  # noqa: E402

OUT = ROOT / "src" / "tidings" / "grounding" / "data" / "place_ranker.json"


def parse_all(gold_path: Path, limit=None, cache_dir=None, stage_pipe=None):
    """One places-stage context per document (spaCy runs once; with ``cache_dir`` the parsed
    documents are kept there as a spaCy DocBin, keyed by the file's name and size)."""
    from spacy.tokens import DocBin

    from tidings.ingest.dateline import find_dateline

    if stage_pipe is None:
        cfg = Config(stages=["entities", "places"],
                     places={"ranker": "learned", "ranker_weights": (0.0,) * N_FEATURES})
        pipe = Pipeline(cfg)
    else:
        pipe = stage_pipe
    stage = dict(pipe.stages)["places"]
    with open(gold_path, encoding="utf-8") as fh:
        rows = [json.loads(line) for i, line in enumerate(fh) if not limit or i < limit]
    recs, docs = [], []
    for d in rows:
        rec, _, ok = pipe.prepare({"id": d["id"], "text": d["text"], "date": d.get("date")})
        if ok:
            recs.append(rec)
            docs.append(d)
    cache = None
    if cache_dir:
        cache = Path(cache_dir) / f"{gold_path.name}.{gold_path.stat().st_size}.{len(recs)}.spacy"
    if cache is not None and cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(pipe.nlp.vocab))
        for p, rec in zip(parsed, recs):
            p.user_data["dateline"] = find_dateline(rec.text)
    else:
        parsed = pipe.parse(recs)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            db = DocBin(store_user_data=False)
            for p in parsed:
                db.add(p)
            db.to_disk(cache)
    ctxs = [pipe.annotate(rec, p) for rec, p in zip(recs, parsed)]
    return stage, docs, ctxs, pipe


def silver_pairs(stage, ctx):
    """Silver toponyms of an unlabelled article: a name whose reading the words around it fix
    (rules ``qualifies_town``: "Paris, Texas"; ``division_cue``: "Idlib province";
    ``holder_named``: "the governor of Georgia") and that has readings elsewhere. The label is
    the reading the rule keeps; the features are those of all the name's readings with the
    rule's evidence taken away (no qualifier, the qualifying name left out of the article's
    evidence), so the ranker learns what the rest of the article says."""
    cands = stage._candidates(ctx)
    doc = ctx.doc
    out = []
    done = set()
    for ci, c in enumerate(cands):
        if c.rule not in ("qualifies_town", "division_cue", "holder_named") or not c.entries:
            continue
        if c.rule == "qualifies_town" and c.entries[0].feature not in ("city", "admin2"):
            continue     # the qualifier itself
        name = doc[c.start:c.end].text
        if name in done:
            continue
        done.add(name)
        full = stage.gaz.lookup(name)
        label = stage._context_free(list(c.entries))
        if label.lat is None or len(full) < 2:
            continue
        far = [e for e in full if e.lat is not None and haversine_km(label.lat, label.lon, e.lat, e.lon) > 161]
        if not far:
            continue
        # the candidate with all its readings; the qualifier after it left out
        others = [x for k, x in enumerate(cands) if k != ci and not (c.rule == "qualifies_town" and x.rule == "qualifies_town"
                                                                     and x.start == c.end + 1)]
        me = type(c)(c.start, c.end, c.source, c.kind, c.label, tuple(full), "")
        trial = sorted(others + [me], key=lambda x: x.start)
        feats = stage.candidate_features(ctx, trial)
        item = feats[trial.index(me)]
        if item is None:
            continue
        _, _, entries, vecs = item
        pos = vecs[entries.index(label)] if label in entries else None
        if pos is None:
            continue
        neg = [v for e, v in zip(entries, vecs) if e in far]
        out.append((pos, neg, c.rule))
    return out


def toponym_pairs(stage, doc: dict, ctx):
    """(positive vector, negative vectors, weight) per gold toponym with a right and a wrong reading."""
    cands = stage._candidates(ctx)
    feats = stage.candidate_features(ctx, cands)
    gold = [g for g in doc["gold"]["places"] if g.get("lat") is not None]
    out = []
    done = set()
    # the first mention's reading goes to every mention of the name: weigh it by their number
    mentions: dict[str, int] = {}
    for item in feats:
        if item is not None:
            mentions[item[0]] = mentions.get(item[0], 0) + 1
    for c, item in zip(cands, feats):
        if item is None or (item[0] in done and not item[1]):
            continue   # one name keeps one reading: its first mention decides (unless qualified)
        done.add(item[0])
        s, e = ctx.doc[c.start].idx, ctx.doc[c.end - 1].idx + len(ctx.doc[c.end - 1])
        g = next((g for g in gold if g["start"] < e and s < g["end"]), None)
        if g is None:
            continue
        _, _, entries, vecs = item
        dist = [haversine_km(g["lat"], g["lon"], x.lat, x.lon) if x.lat is not None else 1e9 for x in entries]
        pos = [v for v, d in zip(vecs, dist) if d <= 161]
        neg = [v for v, d in zip(vecs, dist) if d > 161]
        if pos and neg:
            best = min(range(len(vecs)), key=lambda i: dist[i])
            out.append((vecs[best], neg, mentions.get(item[0], 1)))
    return out


def fit(pairs, C: float, free: tuple = ()) -> list[float]:
    """Pairwise logistic regression, no intercept; an L2 penalty of 1/(2C) on every weight
    but those of the ``free`` features (a feature left free keeps its own scale: with
    ``rule_score`` free the other weights learn corrections to the hand-set ranking)."""
    import numpy as np

    if free:
        return _fit_free(pairs, C, free)
    from sklearn.linear_model import LogisticRegression

    X, y, w = [], [], []
    for pos, negs, weight in pairs:
        for n in negs:
            d = [a - b for a, b in zip(pos, n)]
            X.append(d)
            y.append(1)
            X.append([-v for v in d])
            y.append(0)
            w += [weight / len(negs)] * 2
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=5000)
    model.fit(np.array(X), np.array(y), sample_weight=np.array(w))
    return [round(float(v), 5) for v in model.coef_[0]]


def _fit_free(pairs, C: float, free: tuple) -> list[float]:
    import numpy as np
    from scipy.optimize import minimize

    D, W = [], []
    for pos, negs, weight in pairs:
        for n in negs:
            D.append([a - b for a, b in zip(pos, n)])
            W.append(weight / len(negs))
    D, W = np.array(D), np.array(W)
    pen = np.array([0.0 if f in free else 1.0 for f in FEATURES]) / (2 * C)

    def loss(b):
        m = D @ b
        lo = np.logaddexp(0.0, -m)
        g = -(W * (1 - 1 / (1 + np.exp(-m)))) @ D     # d/db of sum W log(1 + e^-m)
        return float(W @ lo + pen @ (b * b)), g + 2 * pen * b

    b0 = np.array([1.0 if f in free else 0.0 for f in FEATURES])
    res = minimize(loss, b0, jac=True, method="L-BFGS-B")
    return [round(float(v), 5) for v in res.x]


def _dropped(v, drop):
    return [0.0 if f in drop else x for f, x in zip(FEATURES, v)]


def silver_cv(by_doc, pairs, args, free) -> None:
    """Top-1 accuracy on the silver toponyms of an unlabelled corpus (the reading a qualifier or a
    division cue fixes, the features computed without that evidence) in k folds split by
    document: the hand-set ranking, weights fitted on the gold set alone, and on the gold set with
    the other folds' silver toponyms."""
    import numpy as np

    def top1(w, items, rule=None):
        w = np.array(w)
        return sum(float(np.dot(w, p)) > max(float(np.dot(w, n)) for n in negs)
                   for p, negs, _, r in items if rule is None or r == rule)

    rules = [0.0] * N_FEATURES
    rules[FEATURES.index("rule_score")] = 1.0
    gold = [p for ps in pairs for p in ps]
    w_gold = fit(gold, args.C, free)
    order = list(range(len(by_doc)))
    random.Random(args.seed).shuffle(order)
    fold_of = {doc_i: k % args.folds for k, doc_i in enumerate(order)}
    import collections

    tally: collections.Counter = collections.Counter()
    for k in range(args.folds):
        held = [x for i, xs in enumerate(by_doc) if fold_of[i] == k for x in xs]
        train = gold + [x[:3] for i, xs in enumerate(by_doc) if fold_of[i] != k for x in xs]
        w = fit(train, args.C, free)
        for rule in (None, "qualifies_town", "division_cue", "holder_named"):
            tally[(rule, "n")] += sum(1 for x in held if rule is None or x[3] == rule)
            tally[(rule, "rules")] += top1(rules, held, rule)
            tally[(rule, "gold")] += top1(w_gold, held, rule)
            tally[(rule, "gold+silver")] += top1(w, held, rule)
    for rule in (None, "qualifies_town", "division_cue", "holder_named"):
        n = tally[(rule, "n")]
        print(f"silver {rule or 'all'}: {n} toponyms, top-1 hand-set {tally[(rule, 'rules')] / n:.4f}, "
              f"gold weights {tally[(rule, 'gold')] / n:.4f}, gold + other folds' silver "
              f"{tally[(rule, 'gold+silver')] / n:.4f}")


def predict(stage, weights, ctx) -> dict:
    stage.ranker.weights = list(weights)
    stage(ctx)
    return {"places": [p.model_dump() for p in ctx.record.places]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "eval" / "geo-trnews-dev.jsonl"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--dry-run", action="store_true", help="report, do not write the weights")
    ap.add_argument("--silver", help="an unlabelled corpus (JSONL): its toponyms whose reading a rule fixes are added "
                                     "to every training fold (silver labels)")
    ap.add_argument("--drop", default="", help="comma-separated features to leave out (set to 0)")
    ap.add_argument("--silver-cv", help="an unlabelled corpus: report the top-1 accuracy of the ranking on its silver "
                                        "toponyms in k folds by document (write nothing)")
    ap.add_argument("--silver-weight", type=float, default=1.0, help="the weight of one silver toponym")
    ap.add_argument("--cache", help="keep parsed documents here (spaCy DocBin)")
    ap.add_argument("--free", default="", help="comma-separated features whose weights are not penalised "
                                              "(e.g. rule_score: the others learn corrections to it)")
    args = ap.parse_args()
    free = tuple(f for f in args.free.split(",") if f)
    unknown = [f for f in free + tuple(args.drop.split(",")) if f and f not in FEATURES]
    if unknown:
        ap.error(f"unknown features: {unknown}")

    drop = tuple(f for f in args.drop.split(",") if f)
    stage, docs, ctxs, pipe = parse_all(Path(args.gold), args.limit, args.cache)
    pairs = [toponym_pairs(stage, d, c) for d, c in zip(docs, ctxs)]
    if drop:   # features left out: their values set to 0 (their weights come out 0)
        pairs = [[(_dropped(p, drop), [_dropped(v, drop) for v in n], w) for p, n, w in ps] for ps in pairs]
    silver: list = []
    if args.silver or args.silver_cv:
        _, _, sctxs, _ = parse_all(Path(args.silver or args.silver_cv), None, args.cache, pipe)
        by_doc = [[(p, n, args.silver_weight, r) for p, n, r in silver_pairs(stage, c) if n] for c in sctxs]
        if drop:
            by_doc = [[(_dropped(p, drop), [_dropped(v, drop) for v in n], w, r) for p, n, w, r in xs] for xs in by_doc]
        print(sum(map(len, by_doc)), "silver toponyms from", args.silver or args.silver_cv)
        if args.silver_cv:
            silver_cv(by_doc, pairs, args, free)
            return
        silver = [x[:3] for xs in by_doc for x in xs]
    order = list(range(len(docs)))
    random.Random(args.seed).shuffle(order)
    fold_of = {doc_i: k % args.folds for k, doc_i in enumerate(order)}
    preds: dict[int, dict] = {}
    for k in range(args.folds):
        train = [p for i in range(len(docs)) if fold_of[i] != k for p in pairs[i]] + silver
        w = fit(train, args.C, free)
        for i in range(len(docs)):
            if fold_of[i] == k:
                preds[i] = predict(stage, w, ctxs[i])
    cv = score_places([(docs[i], preds[i]) for i in range(len(docs))])
    w_all = fit([p for ps in pairs for p in ps] + silver, args.C, free)
    fitted = score_places([(d, predict(stage, w_all, c)) for d, c in zip(docs, ctxs)])
    report = {
        "cv_folds": args.folds,
        "cv_acc_at_161km": cv["acc_at_161km"],
        "cv_recognition_f1": cv["recognition"]["f1"],
        "cv_country_accuracy": cv["country_accuracy"],
        "fitted_acc_at_161km": fitted["acc_at_161km"],
        "toponyms_trained": sum(len(p) for p in pairs),
        "silver_toponyms": len(silver),
    }
    print(json.dumps(report, indent=1))
    print("weights:", dict(zip(FEATURES, w_all)))
    if args.dry_run:
        return
    data = {
        "about": "Weights of tidings.grounding.place_ranker (score = w . x over the readings of a toponym); "
                 "pairwise logistic regression, rebuilt by tools/train_place_ranker.py",
        "trained_on": Path(args.gold).name + (f" + silver from {Path(args.silver).name}" if args.silver else ""),
        "built": _dt.date.today().isoformat(),
        "C": args.C,
        "free": list(free),
        "features": list(FEATURES),
        "weights": w_all,
        **report,
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
