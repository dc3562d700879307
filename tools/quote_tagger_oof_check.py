"""The learned quote tagger's gain on PolNeAR train folds with an OUT-OF-FOLD quote scorer.

The tagger reads the sentences of quotes the scorer is unsure of (confidence under the veto level);
the shipped scorer was trained on every train article, so on train its "unsure" has seen the
quote's own label. This refits the scorer without the held-out fold (same features, C = 0.5, the
shipped cue lemmas) and scores, per fold, the rules and rules + tagger with it. Needs the parse
cache and the fold tags of ``tools/train_quote_tagger.py fold`` (docs/quote_rules.md, part 6)::

    PYTHONPATH=src:tools python tools/quote_tagger_oof_check.py ../shared/eval/polnear-train.jsonl \
        /tmp/qt/train /tmp/qt --folds-done 0 1 2 3 --vetoes 0.5 --thresholds 0.9
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
from types import SimpleNamespace

import numpy as np
from quote_parse_cache import cached_quotes, gold_quotes
from train_quote_scorer import fold_rare_cue_lemmas, score
from train_quote_tagger import as_dict, folds_of, load, narrow

from tidings.evaluate.scorers import quote_matches
from tidings.pipeline import Config
from tidings.quotes import stage as S
from tidings.quotes.scorer import QuoteScorer, load_scorer, with_rule_pairs
from tidings.quotes.tagger import sentences_at


def main(argv: list[str]) -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("cache")
    ap.add_argument("tags", help="folder with fold<k>.tagged.pkl")
    ap.add_argument("--folds-done", type=int, nargs="+", default=[0, 1, 2, 3])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--vetoes", type=float, nargs="+", default=[0.5])
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.9])
    args = ap.parse_args(argv)
    shipped = load_scorer()
    meta, docs, golds = load(args.gold, args.cache)
    gold_of = gold_quotes(args.gold)
    feats: list = []
    ids, preds = [], []
    for i, qs in cached_quotes(args.cache, Config(quotes={"min_confidence": 0.0, "adder": False, "tagger": False}), feats):
        ids.append(i)
        preds.append([q.model_dump(mode="json", exclude_none=True) for q in qs])
    assert ids == [m["id"] for m in meta]
    keep = set(shipped.cue_lemmas)
    fold_rare_cue_lemmas(feats, keep)
    labels = []
    for i, pr in zip(ids, preds):
        y = [0] * len(pr)
        for _, pi in quote_matches(gold_of[i], pr):
            y[pi] = 1
        labels += y
    feats = [with_rule_pairs(fs) for fs in feats]
    art = np.array([a for a, fs in enumerate(feats) for _ in fs])
    vec = DictVectorizer()
    X = vec.fit_transform([f for fs in feats for f in fs])
    y = np.array(labels)
    fo = folds_of(len(meta), args.folds)
    tagged: dict = {}
    for f in args.folds_done:
        with open(os.path.join(args.tags, f"fold{f}.tagged.pkl"), "rb") as fh:
            tagged.update(pickle.load(fh))
    scorers = {}
    for k in args.folds_done:
        tr = np.array([fo[a] != k for a in art])
        m = LogisticRegression(C=0.5, max_iter=2000, fit_intercept=False).fit(X[tr], y[tr])
        w = {n: float(v) for n, v in zip(vec.get_feature_names_out(), m.coef_[0]) if abs(v) > 1e-9}
        scorers[k] = QuoteScorer({"weights": w, "cue_lemmas": sorted(keep), "threshold": shipped.threshold})
    real = S.load_scorer
    try:
        for name, pick in (("in-sample scorer", lambda k: shipped), ("out-of-fold scorer", scorers.get)):
            for veto in args.vetoes:
                for th in args.thresholds:
                    rules, comb, gold = [], [], []
                    for k in args.folds_done:
                        sc = pick(k)
                        S.load_scorer = lambda *a, _sc=sc, **kw: _sc
                        stage = S.QuoteStage(Config(quotes={"tagger": False}))
                        for a in (a for a in range(len(meta)) if fo[a] == k):
                            ctx = SimpleNamespace(doc=docs[a], text=docs[a].text, mention_at_token={},
                                                  actor_resolver=None, date=None)
                            r = stage.annotate(ctx, stage.match(docs[a], docs[a].text, meta[a]["body_start"]))
                            read = sentences_at(docs[a], [q.content.start for q in r
                                                          if q.confidence is not None and q.confidence < veto])
                            out = stage.add_tagged(ctx, list(r), narrow(tagged[meta[a]["id"]], docs[a], read), th, veto)
                            rules.append([as_dict(q) for q in r])
                            comb.append([as_dict(q) for q in out])
                            gold.append(golds[a])
                    a, b = score(gold, rules), score(gold, comb)
                    print(f"{name}, veto < {veto}, add >= {th}: rules F1 {a['f1']:.4f} -> + tagger {b['f1']:.4f} "
                          f"({b['f1'] - a['f1']:+.4f}); speaker {a['speaker_accuracy']:.4f} -> {b['speaker_accuracy']:.4f}")
    finally:
        S.load_scorer = real
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
