"""Train the learned quote adder (tidings.quotes.adder) on PolNeAR train and write its weights.

    PYTHONPATH=src python tools/quote_parse_cache.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train
    PYTHONPATH=src python tools/train_quote_adder.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train \
        [--write src/tidings/quotes/data/quote_adder.json]

1. The rules' quotes over the cached parses (default rule set), with the quote scorer's veto
   (< QuoteSettings.min_confidence) applied by its OUT-OF-FOLD confidence (the scorer retrained
   per fold as tools/train_quote_scorer.py does, same folds): the context the adder sees.
2. Candidates (cue, content, source) around every token whose lemma heads a gold cue somewhere in
   train (``adder.candidates``); a candidate that repeats a rule quote (shares half its characters)
   is left out. Label 1: it matches, by the content criterion of ``score_quotes`` (shared
   characters over the larger span >= 0.5), a gold attribution that no rule quote matched.
3. 5-fold cross-validation split by article: the cue lexicon (gold-cue counts per lemma) and the
   logistic regression are learned on the training folds only; the held-out fold's candidates are
   scored and chosen (``adder.select``) at each threshold; content P/R/F1 and speaker accuracy of
   rules + adder over all of train. The threshold with the best CV F1 that keeps the rules' CV speaker
   accuracy (``--speaker-floor``) is shipped; then the lexicon
   and the model are fit on all of train. scikit-learn here only; the package scores in plain Python.

``--tail`` (adder version 3, measured and not shipped: docs/quote_rules.md part 8): also the object,
clause and about / on object of every verb whose subject is a person or organisation; a fold uses
those of the verbs outside its own lexicon, with the lexicon's features replaced by
``adder.tail_features`` (the verb's gold-cue count under the lexicon's minimum, from the training
folds). A short content's head word (``chead=``) keeps a feature of its own where ``--min-head``
training candidates have it.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from types import SimpleNamespace

import numpy as np

from quote_parse_cache import gold_quotes
from train_quote_scorer import score
from tidings.evaluate.scorers import _chars, quote_matches

VERSION = 2


def _lexicon(counts_cue: list[Counter], counts_all: list[Counter], arts, min_cue: int) -> dict[str, list]:
    cue, alls = Counter(), Counter()
    for a in arts:
        cue.update(counts_cue[a])
        alls.update(counts_all[a])
    return {k: [n, max(n, alls[k])] for k, n in cue.items() if n >= min_cue}


def _reach(doc, gold, matched, cands, reach: Counter) -> None:
    """Count the gold attributions no rule quote matched: reached by a candidate (shares half the
    characters of the longer), else by the dependency path from the gold cue's head to the gold
    content's root (``child:ccomp``, ``head``, ``sibling``, ``no cue``, ...)."""
    from tidings.quotes import adder as A
    for gi, g in enumerate(gold):
        if gi in matched:
            continue
        gs = _chars(g["content"], g["content"].get("fragments") or g.get("fragments"))
        if any(len(gs & set(range(*c.content))) / max(len(gs), c.content[1] - c.content[0]) >= 0.5 for c in cands):
            reach["reached"] += 1
            continue
        cue = doc.char_span(g["cue"]["start"], g["cue"]["end"], alignment_mode="expand") if g.get("cue") else None
        con = doc.char_span(g["content"]["start"], g["content"]["end"], alignment_mode="expand")
        if cue is None or not len(cue) or con is None or not len(con):
            reach["no cue or span"] += 1
            continue
        c, r = cue.root, con.root
        if c.sent.start != r.sent.start:
            how = "other sentence"
        elif r.head.i == c.i and r.i != c.i:
            how = f"child:{r.dep_}" + ("<" if r.i < c.i else "")
        elif c.head.i == r.i:
            how = f"head:{c.dep_}"
        elif r.head.i == c.head.i:
            how = f"sibling:{c.dep_}/{r.dep_}"
        elif r.head.head.i == c.i:
            how = f"grandchild:{r.head.dep_}/{r.dep_}"
        elif r.i == c.i or cue.start <= r.i < cue.end:
            how = "content root in cue"
        else:
            how = "further"
        reach[f"{how} [{A.cue_key(c)}]" if how.startswith(("child", "head")) and False else how] += 1


def export_trees(model, names: list[str]) -> dict:
    """A fitted GradientBoostingClassifier (binary, log loss) as the JSON of adder.tree_score:
    only the features the trees split on are named."""
    used: dict[int, int] = {}
    trees = []
    for est in model.estimators_[:, 0]:
        t = est.tree_
        nodes = []
        for n in range(t.node_count):
            if t.children_left[n] < 0:
                nodes.append([-1, 0.0, 0, 0, round(float(t.value[n].ravel()[0]), 6)])
            else:
                f = used.setdefault(int(t.feature[n]), len(used))
                nodes.append([f, round(float(t.threshold[n]), 6), int(t.children_left[n]), int(t.children_right[n]), 0.0])
        trees.append(nodes)
    prior = float(model.init_.class_prior_[1])
    return {"base": math.log(prior / (1 - prior)), "rate": float(model.learning_rate),
            "names": [names[i] for i, _ in sorted(used.items(), key=lambda kv: kv[1])], "trees": trees}


class AdderCheck:
    def __init__(self, trees: dict) -> None:
        from tidings.quotes.adder import tree_score
        self.trees, self.score = trees, tree_score

    def prob(self, feats: dict) -> float:
        return 1.0 / (1.0 + math.exp(-self.score(self.trees, feats)))


def main(argv: list[str]) -> int:
    import spacy
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from spacy.tokens import DocBin

    from tidings.pipeline import Config
    from tidings.quotes import adder as A
    from tidings.quotes.scorer import with_rule_pairs
    from tidings.quotes.stage import QuoteStage

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("cache")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-cue", type=int, default=3, help="lemmas heading at least this many gold cues propose")
    ap.add_argument("--min-frequent", type=int, default=25, help="lemmas heading this many gold cues get a weight of their own")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--model", choices=("lr", "gbt"), default="lr")
    ap.add_argument("--pairs", action="store_true",
                    help="add the (cue, relation) pair rates (target encoding, nested by article; no CV gain measured)")
    ap.add_argument("--dump", help="write the candidates with their label and out-of-fold confidence here (JSONL)")
    ap.add_argument("--trees", type=int, default=300)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--veto", type=float, default=0.3, help="the quote scorer's veto threshold (QuoteSettings.min_confidence)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--label", choices=("joint", "content"), default="joint",
                    help="joint: a candidate is right when its content matches and so does its speaker (where gold has one)")
    ap.add_argument("--speaker-floor", type=float, default=0.0,
                    help="the threshold chosen keeps CV speaker accuracy at least the rules' minus this")
    ap.add_argument("--tail", action="store_true",
                    help="adder version 3: also the object / clause / about-on object of verbs outside the fold's "
                         "lexicon whose subject is a person or organisation (adder._tail_candidates)")
    ap.add_argument("--min-head", type=int, default=30,
                    help="a short content's head word keeps a feature of its own where this many candidates have it")
    ap.add_argument("--narrow", action="store_true", help="the candidates of adder version 1 (no widening)")
    ap.add_argument("--reach", action="store_true",
                    help="only report how much of the gold the rules miss the candidates reach, and how the rest hangs")
    ap.add_argument("--cue-folds", default="", help="a folder of per-fold learned cue rows (tools/learn_quote_cues.py --rows-out)")
    ap.add_argument("--write")
    args = ap.parse_args(argv)
    t0 = time.time()
    gold_of = gold_quotes(args.gold)
    meta = json.load(open(args.cache + ".json", encoding="utf-8"))
    docs = list(DocBin().from_disk(args.cache + ".spacy").get_docs(spacy.blank("en").vocab))
    if args.limit:
        meta, docs = meta[:args.limit], docs[:args.limit]
    n_art = len(docs)
    golds = [gold_of[m["id"]] for m in meta]
    rng = np.random.default_rng(13)
    fold_of_art = rng.permutation(n_art) % args.folds
    # the learned cue rows (quote.cue.learned): off as by default, or per fold those learned on the
    # other folds (tools/learn_quote_cues.py --rows-out DIR, same folds)
    stages = [QuoteStage(Config(quotes={"min_confidence": 0.0, "adder": False, "learned_cues": False, "tagger": False,
                                        "cue_files": (f"{args.cue_folds}/cues{k}.tsv",) if args.cue_folds else ()}))
              for k in range(args.folds)]

    # 1. the rules' quotes and the scorer's out-of-fold veto
    rule_preds, sfeats = [], []
    for a, (m, doc) in enumerate(zip(meta, docs)):
        stage = stages[fold_of_art[a]]
        ctx = SimpleNamespace(doc=doc, text=doc.text, mention_at_token={}, actor_resolver=None, date=None)
        feats: list = []
        qs = stage.annotate(ctx, stage.match(doc, doc.text, m["body_start"]), feats)
        rule_preds.append([q.model_dump(mode="json", exclude_none=True) for q in qs])
        sfeats.append(feats)
    print(f"rules over {n_art} articles: {time.time() - t0:.0f} s", file=sys.stderr)
    lemmas = Counter(k for fs in sfeats for f in fs for k in f if k.startswith("cue_lemma="))
    keep = {k for k, n in lemmas.items() if n >= 20}
    for fs in sfeats:
        for f in fs:
            for k in [k for k in f if k.startswith("cue_lemma=") and k not in keep]:
                del f[k]
                f["cue_lemma=other"] = 1.0
    s_art = np.array([a for a, fs in enumerate(sfeats) for _ in fs])
    s_y = np.array([0] * len(s_art))
    off = 0
    for gold, pr in zip(golds, rule_preds):
        for _, pi in quote_matches(gold, pr):
            s_y[off + pi] = 1
        off += len(pr)
    svec = DictVectorizer()
    SX = svec.fit_transform([f for fs in sfeats for f in with_rule_pairs(fs)])
    s_conf = np.zeros(len(s_y))
    for k in range(args.folds):
        tr = fold_of_art[s_art] != k
        mdl = LogisticRegression(C=0.5, max_iter=2000, fit_intercept=False).fit(SX[tr], s_y[tr])
        s_conf[~tr] = mdl.predict_proba(SX[~tr])[:, 1]
    starts = np.cumsum([0] + [len(p) for p in rule_preds])
    # quote.cue.learned carries its row's train precision, not the scorer's confidence (no veto)
    rules_kept = [[p for j, p in enumerate(pr) if s_conf[starts[a] + j] >= args.veto or p.get("rule") == "quote.cue.learned"]
                  for a, pr in enumerate(rule_preds)]
    results = {"rules alone (scorer veto off)": score(golds, rule_preds),
               f"rules + scorer veto < {args.veto} (out-of-fold)": score(golds, rules_kept)}
    for k, v in results.items():
        print(f"{k}: {v}", file=sys.stderr)

    # 2. candidates, labels, the lexicon's counts per article
    counts_cue: list[Counter] = []
    counts_all: list[Counter] = []
    for gold, doc in zip(golds, docs):
        c = Counter()
        for g in gold:
            cue = g.get("cue")
            if not cue:
                continue
            sp = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
            if sp is not None and len(sp):
                c[A.cue_key(sp.root)] += 1
        counts_cue.append(c)
    every = set().union(*counts_cue)
    for doc in docs:
        counts_all.append(Counter(k for k in (A.cue_key(t) for t in doc) if k in every))
    full_lex = _lexicon(counts_cue, counts_all, range(n_art), 1)
    reach: Counter = Counter()
    cands, bfeats, labels, c_art, keys = [], [], [], [], []
    n_dup = 0
    for a, (gold, doc, kept) in enumerate(zip(golds, docs, rules_kept)):
        text = doc.text
        stage = stages[fold_of_art[a]]
        rq = [((p["content"]["start"], p["content"]["end"]), (p["cue"]["start"], p["cue"]["end"]) if p.get("cue") else None)
              for p in kept]
        matched = {gi for gi, _ in quote_matches(gold, kept)}
        free = [(_chars(g["content"], g["content"].get("fragments") or g.get("fragments")), g.get("speaker"))
                for gi, g in enumerate(gold) if gi not in matched]
        cs = A.candidates(stage, doc, text, full_lex, widen=not args.narrow)
        if args.tail:
            # every verb's tail candidates: a fold uses those of the verbs outside its own lexicon
            cs += [c for t in doc if t.pos_ == "VERB" for c in A._tail_candidates(stage, doc, text, t)]
        if args.reach:
            _reach(doc, gold, matched, cs, reach)
        cs2 = []
        for c in cs:
            if any(A._ratio(c.content, r) >= 0.5 for r, _ in rq):
                n_dup += 1
                continue
            cs2.append(c)
        fs = A.features(stage, doc, text, cs2, None, rq, set())
        for c, f in zip(cs2, fs):
            ch = set(range(*c.content))
            y = any(len(ch & g) / max(len(ch), len(g)) >= 0.5 and (
                args.label == "content" or not gsp
                or c.speaker is not None and c.speaker[0] < gsp["end"] and gsp["start"] < c.speaker[1])
                for g, gsp in free if ch & g)
            cands.append(c)
            bfeats.append(f)
            labels.append(1 if y else 0)
            c_art.append(a)
            keys.append(A.cue_key(doc[c.cue_tok]))
    if args.reach:
        n_free = sum(reach.values())
        print(f"missed gold {n_free}, a candidate shares half its characters with {reach['reached']} "
              f"({reach['reached'] / max(1, n_free):.3f}); the rest, by how the gold content hangs on its cue:",
              file=sys.stderr)
        for k, n in reach.most_common(25):
            print(f"  {n:6d} {k}", file=sys.stderr)
        return 0
    c_art = np.array(c_art)
    y = np.array(labels)
    print(f"{len(y)} candidates ({n_dup} repeating a rule quote left out), {y.sum()} match a gold no rule found; "
          f"{time.time() - t0:.0f} s", file=sys.stderr)

    pair_of = [f"{keys[i]}&{cands[i].rel}" for i in range(len(y))]

    def pair_table(rows) -> dict[str, list]:
        t: dict[str, list] = {}
        for i in rows:
            e = t.setdefault(pair_of[i], [0, 0])
            e[0] += int(y[i])
            e[1] += 1
        return t

    def head_set(rows) -> set[str]:
        n = Counter(k[6:] for i in rows for k in bfeats[i] if k.startswith("chead="))
        return {h for h, m in n.items() if m >= args.min_head}

    def usable_of(lex):
        return np.array([(keys[i] not in lex) if cands[i].tail else (keys[i] in lex) for i in range(len(y))])

    def design(lex, frequent, rows, pairs=None, tail_lex=None, heads=None):
        """Feature dicts of ``rows``; ``pairs``: one table for all, or None: each row's pair rate
        from the other articles of ``rows`` (5 inner folds), as a held-out row will see it."""
        if not args.pairs:
            out = []
            for i in rows:
                f = dict(bfeats[i], **(A.tail_features(keys[i], cands[i].rel, tail_lex) if cands[i].tail
                                       else A.lexicon_features(keys[i], cands[i].rel, lex, frequent)))
                A.fold_heads(f, heads)
                out.append(f)
            return out
        if pairs is None and args.pairs:
            inner = {a: (a * 7919) % 5 for a in set(int(c_art[i]) for i in rows)}
            tables = [pair_table([i for i in rows if inner[int(c_art[i])] != k]) for k in range(5)]
            return [dict(bfeats[i], **A.lexicon_features(keys[i], cands[i].rel, lex, frequent,
                                                         tables[inner[int(c_art[i])]])) for i in rows]
        return [dict(bfeats[i], **A.lexicon_features(keys[i], cands[i].rel, lex, frequent, pairs)) for i in rows]

    def fit(X, yy):
        if args.model == "lr":
            return LogisticRegression(C=args.C, max_iter=3000, fit_intercept=False).fit(X, yy)
        return GradientBoostingClassifier(n_estimators=args.trees, max_depth=args.depth, learning_rate=args.rate,
                                          subsample=0.8, random_state=13).fit(X, yy)

    # 3. cross-validation
    conf = np.zeros(len(y))
    for k in range(args.folds):
        tr_arts = [a for a in range(n_art) if fold_of_art[a] != k]
        lex = _lexicon(counts_cue, counts_all, tr_arts, args.min_cue)
        frequent = {key for key, (n, _) in lex.items() if n >= args.min_frequent}
        usable = usable_of(lex)
        tr = np.where((fold_of_art[c_art] != k) & usable)[0]
        te = np.where((fold_of_art[c_art] == k) & usable)[0]
        tail_lex = {key: v for key, v in _lexicon(counts_cue, counts_all, tr_arts, 1).items() if key not in lex}
        heads = head_set(tr)
        vec = DictVectorizer()
        X = vec.fit_transform(design(lex, frequent, tr, tail_lex=tail_lex, heads=heads))
        mdl = fit(X, y[tr])
        conf[te] = mdl.predict_proba(vec.transform(design(lex, frequent, te, pair_table(tr) if args.pairs else None,
                                                          tail_lex=tail_lex, heads=heads)))[:, 1]
        print(f"fold {k}: {len(tr)} train candidates, {len(te)} held out; {time.time() - t0:.0f} s", file=sys.stderr)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for i, c in enumerate(cands):
                text = docs[c_art[i]].text
                f.write(json.dumps({"art": int(c_art[i]), "rel": c.rel, "cue": text[c.cue[0]:c.cue[1]], "key": keys[i],
                                    "content": text[c.content[0]:c.content[1]][:200],
                                    "speaker": text[c.speaker[0]:c.speaker[1]] if c.speaker else None,
                                    "y": int(y[i]), "conf": round(float(conf[i]), 3)}) + "\n")
    by_art: dict[int, list[int]] = {}
    for i, a in enumerate(c_art):
        by_art.setdefault(int(a), []).append(i)
    best = (results[f"rules + scorer veto < {args.veto} (out-of-fold)"]["f1"], None)
    for t in [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]:
        preds = []
        for a in range(n_art):
            rows = by_art.get(a, [])
            rc = [(p["content"]["start"], p["content"]["end"]) for p in rules_kept[a]]
            chosen = A.select([cands[i] for i in rows], [conf[i] for i in rows], rc, t)
            added = [{"content": {"start": c.content[0], "end": c.content[1]},
                      "speaker": {"start": c.speaker[0], "end": c.speaker[1]} if c.speaker else None} for c, _ in chosen]
            preds.append(rules_kept[a] + [{k: v for k, v in d.items() if v is not None} for d in added])
        results[f"rules + veto + adder >= {t}"] = s = score(golds, preds)
        s["added"] = s["predicted"] - results[f"rules + scorer veto < {args.veto} (out-of-fold)"]["predicted"]
        print(f"adder >= {t}: {s}", file=sys.stderr)
        base_sp = results[f"rules + scorer veto < {args.veto} (out-of-fold)"]["speaker_accuracy"]
        if s["f1"] > best[0] and s["speaker_accuracy"] >= base_sp - args.speaker_floor:
            best = (s["f1"], t)
    pos, neg = conf[y == 1], conf[y == 0]
    auc = None
    if len(pos) and len(neg):
        order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
        ranks = np.empty(len(order))
        ranks[order] = np.arange(1, len(order) + 1)
        auc = float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))
    print(f"CV AUC {auc}; best threshold {best[1]} (CV F1 {best[0]})", file=sys.stderr)

    lex = _lexicon(counts_cue, counts_all, range(n_art), args.min_cue)
    frequent = {key for key, (n, _) in lex.items() if n >= args.min_frequent}
    rows = list(np.where(usable_of(lex))[0])
    tail_lex = {key: v for key, v in _lexicon(counts_cue, counts_all, range(n_art), 1).items() if key not in lex}
    heads = head_set(rows)
    vec = DictVectorizer()
    X = vec.fit_transform(design(lex, frequent, rows, tail_lex=tail_lex, heads=heads))
    final = fit(X, y[rows])
    names = list(vec.get_feature_names_out())
    if args.model == "lr":
        model = {"weights": {name: round(float(w), 4) for name, w in zip(names, final.coef_[0]) if abs(w) > 1e-4}}
    else:
        model = {"trees": export_trees(final, names)}
        check = AdderCheck(model["trees"])
        Xd = design(lex, frequent, rows[:500], pair_table(rows) if args.pairs else None, tail_lex=tail_lex, heads=heads)
        ours = np.array([check.prob(f) for f in Xd])
        theirs = final.predict_proba(vec.transform(Xd))[:, 1]
        print(f"plain-Python trees vs scikit-learn on 500 candidates: max difference {np.abs(ours - theirs).max():.2e}",
              file=sys.stderr)
    data = {"version": 1 if args.narrow else 3 if args.tail else VERSION,
            "model": (f"logistic regression (scikit-learn, C={args.C})" if args.model == "lr" else
                      f"gradient-boosted trees (scikit-learn, {args.trees} trees of depth {args.depth}, rate {args.rate})")
            + " over tidings.quotes.adder.features",
            "trained_on": f"PolNeAR train ({n_art} articles, {len(rows)} candidates, {int(y[rows].sum())} positive)",
            "threshold": best[1] if best[1] is not None else 1.01, "cv_auc": round(auc, 4) if auc else None,
            "cv": results, "frequent": sorted(frequent),
            **({"tail_lexicon": {k: tail_lex[k] for k in sorted(tail_lex)}, "heads": sorted(heads)} if args.tail else {}),
            **({"pairs": {k: v for k, v in sorted(pair_table(rows).items()) if v[1] >= 2}} if args.pairs else {}), "lexicon": {k: lex[k] for k in sorted(lex)},
            **model}
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=0, sort_keys=True)
            f.write("\n")
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
