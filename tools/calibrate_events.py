"""Calibrate how the classifier combines with the lexicon, by cross-validation on training data only.

    PYTHONPATH=src python tools/calibrate_events.py [--folds 5] [--write]

Held-out data, never the measuring sets:

* the ConfliBERT CAMEO training sentences, 5 folds by id (as ``tools/cv_conflibert.py``): sentence
  quad accuracy in the Phoenix convention;
* the synthetic corpus (``tools/event_training/synthetic.jsonl``), 5 folds *by trigger word*: the
  sentences of a fold, and every training sentence (templates and lexicon seeds) whose first
  trigger has the same word stem, are left out of that fold's training, so the held-out sentences
  use trigger words the heads never saw; hard negatives are folded by text. Scored: PLOVER type
  P/R/F1 of the counted events (the lexicon seeds are not scored: the lexicon knows them by
  construction).

For each fold the heads are retrained (``train_event_classifier.fit_heads``) on the other folds;
then the events stage alone is re-run over the held-out sentences (parsed once; encoder features
and lexicon frames memoised) for each setting of the combination's thresholds (``config.json``:
``add_threshold`` for an event read from the whole sentence, ``clause_threshold`` for a single
clause, ``relabel_threshold`` and ``drop_margin`` for changing a lexicon match). Each decision
family is swept with the others switched off, then the chosen values are checked together.

A family's decisions must be as sure as what they change, measured against the lexicon alone on
the held-out folds: added events (``add_threshold``, ``clause_threshold``) need a marginal
precision on the synthetic folds (extra hits ÷ extra events) at least the lexicon's own precision;
dropped lexicon events must be wrong at least that often; relabels must fix at least half the
events they touch (net hits ≥ half the relabels); and no setting may lower the ConfliBERT quad
accuracy. The lowest threshold that passes is chosen (the most decisions that are still sure),
or a higher one with exactly the same held-out figures (no measured decision lost, fewer
unmeasured ones); a family with none stays off. ``--write`` stores the thresholds in the model's ``config.json``.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import logging
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

import train_event_classifier as T  # noqa: E402


def memoise_features(clf) -> None:
    """The encoder's features per (text, head span), computed once per process (also used by
    tools/gate_eval.py)."""
    memo: dict = {}
    orig = clf.features

    def features(items):
        todo = [it for it in dict.fromkeys(items) if it not in memo]
        if todo:
            for it, x in zip(todo, orig(todo)):
                memo[it] = x
        return np.stack([memo[it] for it in items]) if items else orig(items)
    clf.features = features

OFF = 1.01      # a threshold no probability reaches
FAMILIES = {
    "add_threshold": [0.5, 0.6, 0.7, 0.8, 0.9, OFF],
    "clause_threshold": [0.8, 0.9, 0.95, 0.97, 0.99, OFF],
    "relabel_threshold": [0.9, 0.95, 0.97, 0.99, OFF],
    "drop_margin": [0.8, 0.9, 0.95, 0.99, OFF],
}


def fold_of(key: str, k: int) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % k


def stem(word: str) -> str:
    w = word.lower().strip()
    w = w.split()[0] if w.split() else w
    for suf in ("ying", "ing", "ied", "ies", "ed", "es", "s", "e"):
        if len(w) > len(suf) + 2 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def row_key(row: dict) -> str:
    evs = [e for e in row["events"] if e.get("trigger")]
    return "t:" + stem(evs[0]["trigger"]["text"]) if evs else "x:" + row["text"]


def counted(ev: dict) -> bool:
    return not ev.get("negated") and ev.get("modality", "asserted") not in ("hypothetical", "predicted")


def acceptable(fam: str, r: dict, base: dict) -> bool:
    """Whether the decisions a family makes at this setting are as sure as what they change
    (see the module doc)."""
    if r["cf_quad"] < base["cf_quad"]:
        return False
    d_tp = r["syn_type"]["tp"] - base["syn_type"]["tp"]
    d_pred = r["syn_type"]["pred"] - base["syn_type"]["pred"]
    lex_p = base["syn_type"]["precision"]
    if fam in ("add_threshold", "clause_threshold"):
        return d_pred > 0 and d_tp / d_pred >= lex_p
    if fam == "drop_margin":
        return d_pred < 0 and (d_tp - d_pred) / -d_pred >= lex_p
    return r["syn_relabelled"] > 0 and d_tp >= 0.5 * r["syn_relabelled"]


def figures(r: dict) -> tuple:
    """What a setting changed on the held-out folds (two settings with equal figures made the
    same measured decisions)."""
    return (r["cf_folds"], r["syn_type"]["tp"], r["syn_type"]["pred"], r["syn_added"], r["syn_relabelled"])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--syn-per-fold", type=int, default=300, help="held-out synthetic sentences scored per fold")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                    help="override a config value for every setting tried (e.g. add_clause_deps='[\"ROOT\"]')")
    ap.add_argument("--model", default=None, help="classifier directory (default: the shipped model)")
    ap.add_argument("--fold-models", default=None,
                    help="one classifier directory per fold, {k} for the fold: encoders fine-tuned without that "
                         "ConfliBERT fold (tools/finetune_event_encoder.py --conflibert --cv-folds); fold k's "
                         "sentences are coded with fold k's encoder and heads; --write still writes --model")
    ap.add_argument("--synthetic", default=str(ROOT / "tools" / "event_training" / "synthetic.jsonl"),
                    help="synthetic corpus (heads' training and held-out folds)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--json", default=None)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from tidings.events import EventStage
    from tidings.events.classifier import get_classifier
    from tidings.evaluate.scorers import score_events, sentence_quad
    from tidings.nlp import load
    from tidings.pipeline import Config, get_pipeline

    t0 = time.time()
    clf = get_classifier(a.model)
    shipped_head, shipped_cfg = clf.head, dict(clf.config)
    target = clf
    for kv in a.set:
        k, _, v = kv.partition("=")
        shipped_cfg[k] = json.loads(v)
    nlp = load()
    syn_path = Path(a.synthetic)
    rows = [json.loads(l) for l in open(syn_path, encoding="utf-8")]
    if a.fold_models:
        from tidings.events.classifier import EventClassifier
        clfs = [EventClassifier(a.fold_models.format(k=f), threads=2) for f in range(a.folds)]
    else:
        clfs = [clf] * a.folds
    training = {id(c): T.load_training(c, nlp, syn_path, T.SHARED) for c in clfs}
    syn, X_syn, cf, X_cf = training[id(clfs[0])]
    cf_gold = {json.loads(l)["id"]: json.loads(l) for l in open(T.SHARED, encoding="utf-8")}
    row_fold = np.array([fold_of(row_key(r), a.folds) for r in rows])
    syn_fold = np.array([row_fold[i["row"]] for i in syn])
    cf_fold = np.array([fold_of(i["id"], a.folds) for i in cf])

    # held-out documents, parsed once
    pipe = get_pipeline(Config(events="both"))
    stage = next(s for n, s in pipe.stages if n == "events")
    assert isinstance(stage, EventStage)
    stage.classifier = clf
    rng = np.random.default_rng(0)
    docs = []       # (fold, kind, gold, ctx)
    items = [("cf", cf_fold[k], {"id": i["id"], "text": i["text"]}, cf_gold[i["id"]]) for k, i in enumerate(cf)]
    for f in range(a.folds):
        idx = [j for j, r in enumerate(rows) if row_fold[j] == f and r["source"] != "seed"]
        for j in rng.permutation(idx)[: a.syn_per_fold]:
            r = rows[j]
            items.append(("syn", f, {"id": f"syn{j}", "text": r["text"]},
                          {"id": f"syn{j}", "text": r["text"],
                           "gold": {"events": [e for e in r["events"] if e.get("event") and counted(e)]}}))
    for s in range(0, len(items), 64):
        part = items[s:s + 64]
        recs = [pipe.prepare({**it[2], "date": None})[0] for it in part]
        for it, rec, d in zip(part, recs, pipe.parse(recs)):
            docs.append((int(it[1]), it[0], it[3], pipe.annotate(rec, d)))
    print(f"{len(docs)} held-out documents parsed ({time.time() - t0:.0f}s)", flush=True)

    # memoised features (per encoder) and lexicon frames
    for c in {id(c): c for c in clfs}.values():
        memoise_features(c)
    frames: dict = {}
    raw_code = stage.coder.code_sentence

    def code_sentence(sent, ctx, k, trace=None):
        key = (id(ctx.doc), sent.start)
        if key not in frames:
            frames[key] = raw_code(sent, ctx, k, trace)
        return [copy.copy(f) for f in frames[key]]

    stage.coder.code_sentence = code_sentence

    heads = {}
    for f in range(a.folds):
        c = clfs[f]
        syn, X_syn, cf, X_cf = training[id(c)]
        encoder = Path(c.path, c.config.get("encoder", "encoder.int8.onnx")).read_bytes()
        key = hashlib.sha1(encoder + syn_path.read_bytes() + T.SHARED.read_bytes() + json.dumps(
            [a.folds, T.SOURCE_VERSION, list(map(int, syn_fold)), list(map(int, cf_fold))]).encode()).hexdigest()[:12]
        cached = T.CACHE / f"calib-head-{key}-{f}.npz"
        if cached.exists():
            heads[f] = dict(np.load(cached))
            continue
        heads[f] = T.fit_heads(X_syn[syn_fold != f], [i for i, g in zip(syn, syn_fold) if g != f],
                               X_cf[cf_fold != f], [i for i, g in zip(cf, cf_fold) if g != f], clf.config)
        np.savez_compressed(cached, **heads[f])
    print(f"heads trained ({time.time() - t0:.0f}s)", flush=True)

    def evaluate(setting: str, th: dict) -> dict:
        stage.setting = setting
        for c in clfs:
            c.config = {**shipped_cfg, **th}
        cf_ok = cf_n = n_model = n_relabel = 0
        cf_folds = [[0, 0] for _ in range(a.folds)]
        pairs = []
        for f in range(a.folds):
            stage.classifier = clfs[f]
            clfs[f].head = heads[f]
            for fold, kind, gold, ctx in docs:
                if fold != f:
                    continue
                stage(ctx)
                evs = [e.model_dump() for e in ctx.record.events]
                if kind == "cf":
                    ok = int(sentence_quad(evs) == int(gold["gold"]["quad_label"]))
                    cf_n += 1
                    cf_ok += ok
                    cf_folds[f][0] += ok
                    cf_folds[f][1] += 1
                else:
                    pairs.append((gold, {"events": evs}))
                    n_model += sum(1 for e in evs if (e["rule"] or "").startswith("model:") and counted(e))
                    n_relabel += sum(1 for e in evs if "+model:relabel" in (e["rule"] or "") and counted(e))
        s = score_events(pairs)["type"]
        return {"cf_quad": round(cf_ok / cf_n, 4), "cf_folds": [round(o / n, 3) for o, n in cf_folds],
                "syn_type": s, "syn_added": n_model, "syn_relabelled": n_relabel,
                "objective": round((cf_ok / cf_n + s["f1"]) / 2, 4)}


    results = {"lexicon": evaluate("lexicon", {})}
    print("lexicon", results["lexicon"], flush=True)
    everything_off = {k: OFF for k in FAMILIES}
    base = evaluate("both", everything_off)
    results["both, all off"] = base
    print("both, all off", base, flush=True)
    chosen = dict(everything_off)
    sweeps = {}
    for fam, values in FAMILIES.items():
        sweeps[fam] = {}
        for v in values:
            r = base if v == OFF else evaluate("both", {**everything_off, fam: v})
            sweeps[fam][str(v)] = r
            print(f"{fam}={v}", r, flush=True)
        ok = [float(v) for v, r in sweeps[fam].items() if float(v) != OFF and acceptable(fam, r, base)]
        if ok:
            chosen[fam] = min(ok)      # the most decisions that are still as sure as the lexicon
            # ties: a higher threshold with the very same held-out figures makes no measured
            # decision fewer, and risks fewer unmeasured ones, so it is preferred
            same = [v for v in ok if figures(sweeps[fam][str(v)]) == figures(sweeps[fam][str(chosen[fam])])]
            chosen[fam] = max(same)
        print(f"{fam}: acceptable at {ok}, chosen {chosen[fam]}", flush=True)
    final = evaluate("both", chosen)
    results["sweeps"] = sweeps
    results["chosen"] = chosen
    results["both, chosen"] = final
    target.head, target.config = shipped_head, shipped_cfg
    print("chosen", chosen, final, f"({time.time() - t0:.0f}s)", flush=True)
    if a.write:
        p = Path(target.path, "config.json")
        cfg = json.loads(p.read_text())
        cfg.update(chosen)
        cfg.update({kv.partition("=")[0]: json.loads(kv.partition("=")[2]) for kv in a.set})
        cfg["calibration"] = {"by": "tools/calibrate_events.py", "folds": a.folds,
                              "lexicon": results["lexicon"], "both": final}
        p.write_text(json.dumps(cfg, indent=1) + "\n", encoding="utf-8")
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main()
