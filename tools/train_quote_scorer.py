"""Train the quote scorer (tidings.quotes.scorer) on PolNeAR train and write its weights.

    PYTHONPATH=src python tools/quote_parse_cache.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train
    PYTHONPATH=src python tools/train_quote_scorer.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train \
        [--write src/tidings/quotes/data/quote_scorer.json]

Candidates: the quotes the rules give (the default QuoteSettings, veto off) over the cached parses.
Label: the quote matches a gold attribution by the content criterion of
``tidings.evaluate.scorers.score_quotes`` (one-to-one, shared characters over the larger span
>= 0.5). Reports 5-fold cross-validation split by article (content P/R/F1 and speaker accuracy,
rules alone and with the veto at each threshold), picks the threshold with the best CV F1, then
fits on all of train. scikit-learn is used here only; the package scores with plain Python.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

import numpy as np

from quote_parse_cache import cached_quotes, gold_quotes
from tidings.evaluate.scorers import quote_matches as matches


def score(golds: list[list[dict]], preds: list[list[dict]]) -> dict:
    """score_quotes' figures over (gold, kept predictions) per article."""
    tp = n_pred = n_gold = sp_total = sp_ok = 0
    for gold, pr in zip(golds, preds):
        n_pred += len(pr)
        n_gold += len(gold)
        for gi, pi in matches(gold, pr):
            tp += 1
            gsp = gold[gi].get("speaker")
            if gsp:
                sp_total += 1
                psp = pr[pi].get("speaker")
                if psp and psp["start"] < gsp["end"] and gsp["start"] < psp["end"]:
                    sp_ok += 1
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "speaker_accuracy": round(sp_ok / sp_total, 4) if sp_total else None, "predicted": n_pred}


def fold_rare_cue_lemmas(feats: list[list[dict]], keep: set[str]) -> None:
    """In place: a cue lemma outside ``keep`` becomes the feature ``cue_lemma=other``."""
    for fs in feats:
        for f in fs:
            for k in [k for k in f if k.startswith("cue_lemma=") and k.split("=", 1)[1] not in keep]:
                del f[k]
                f["cue_lemma=other"] = 1.0


def main(argv: list[str]) -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("cache")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-lemma", type=int, default=20, help="cue lemmas seen this often get a feature")
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--write")
    args = ap.parse_args(argv)
    gold_of = gold_quotes(args.gold)
    from tidings.pipeline import Config
    cfg = Config(quotes={"min_confidence": 0.0, "adder": False, "tagger": False})
    feats: list[list[dict]] = []
    ids, preds = [], []
    for i, qs in cached_quotes(args.cache, cfg, feats):
        ids.append(i)
        preds.append([q.model_dump(mode="json", exclude_none=True) for q in qs])
    golds = [gold_of[i] for i in ids]
    lemmas = Counter(k for fs in feats for f in fs for k in f if k.startswith("cue_lemma="))
    keep = {k.split("=", 1)[1] for k, n in lemmas.items() if n >= args.min_lemma}
    fold_rare_cue_lemmas(feats, keep)
    labels = []
    for gold, pr in zip(golds, preds):
        y = [0] * len(pr)
        for _, pi in matches(gold, pr):
            y[pi] = 1
        labels.append(y)
    from tidings.quotes.scorer import with_rule_pairs
    feats = [with_rule_pairs(fs) for fs in feats]
    art = np.array([a for a, fs in enumerate(feats) for _ in fs])
    X_dicts = [f for fs in feats for f in fs]
    y = np.array([v for ys in labels for v in ys])
    print(f"{len(ids)} articles, {len(y)} candidate quotes, {y.mean():.3f} of them match gold", file=sys.stderr)
    vec = DictVectorizer()
    X = vec.fit_transform(X_dicts)
    rng = np.random.default_rng(13)
    fold_of_art = rng.permutation(len(ids)) % args.folds
    conf = np.zeros(len(y))
    for k in range(args.folds):
        tr = fold_of_art[art] != k
        m = LogisticRegression(C=args.C, max_iter=2000, fit_intercept=False).fit(X[tr], y[tr])
        conf[~tr] = m.predict_proba(X[~tr])[:, 1]
    starts = np.cumsum([0] + [len(fs) for fs in feats])
    results = {"rules alone": score(golds, preds)}
    best = (results["rules alone"]["f1"], 0.0)
    for t in [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]:
        kept = [[p for j, p in enumerate(pr) if conf[starts[a] + j] >= t] for a, pr in enumerate(preds)]
        results[f"veto < {t}"] = s = score(golds, kept)
        if s["f1"] > best[0]:
            best = (s["f1"], t)
    auc_pos, auc_neg = conf[y == 1], conf[y == 0]
    auc = float((auc_pos[:, None] > auc_neg[None, :]).mean()) if len(auc_pos) * len(auc_neg) < 5e8 else None
    for k, v in results.items():
        print(f"{k:14s} {v}")
    print(f"CV AUC {auc:.4f}; best threshold {best[1]} (CV F1 {best[0]})")
    final = LogisticRegression(C=args.C, max_iter=2000, fit_intercept=False).fit(X, y)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), final.coef_[0]) if abs(w) > 1e-6}
    data = {"model": "logistic regression (scikit-learn, C=%s) over tidings.quotes.scorer.features" % args.C,
            "trained_on": "PolNeAR train (%d articles, %d candidate quotes)" % (len(ids), len(y)),
            "threshold": best[1], "cv_auc": round(auc, 4) if auc else None,
            "cv": results, "cue_lemmas": sorted(keep), "weights": weights}
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
