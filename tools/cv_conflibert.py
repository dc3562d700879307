"""5-fold cross-validation of lexicon + classifier on the ConfliBERT CAMEO training sentences.

    PYTHONPATH=src python tools/cv_conflibert.py [--folds 5] [--settings lexicon,both,model]

For each fold the classifier's heads are trained (tools/train_event_classifier.py, same features,
same synthetic corpus) on the synthetic data plus the other four folds, and the whole tidings
pipeline (``--events`` setting) codes the held-out sentences; a sentence's quad class is that of
its most confident counted event in the Phoenix convention (``tidings evaluate``'s ``quad``
scorer, 0 when there is none). Prints accuracy per fold and overall, and per setting.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

import train_event_classifier as T  # noqa: E402


def fold_of(doc_id: str, k: int) -> int:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % k


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--settings", default="lexicon,both")
    ap.add_argument("--json", default=None)
    ap.add_argument("--dump", default=None, help="write each sentence's coded events per setting (JSON lines)")
    ap.add_argument("--model", default=None, help="classifier directory (default: the shipped model)")
    ap.add_argument("--fold-models", default=None,
                    help="one classifier directory per fold, with {k} for the fold (encoders fine-tuned without "
                         "that fold: tools/finetune_event_encoder.py --conflibert --cv-folds); thresholds of fold 0's "
                         "config unless --model-config")
    ap.add_argument("--only", type=int, action="append", default=None, metavar="K",
                    help="run only these folds (repeatable; a quick partial check, not the CV figure)")
    ap.add_argument("--model-config", default=None,
                    help="take the combination's thresholds from this config.json (e.g. the candidate's)")
    ap.add_argument("--synthetic", default=str(ROOT / "tools" / "event_training" / "synthetic.jsonl"),
                    help="synthetic training corpus of the heads")
    ap.add_argument("--reuse-parse", action="store_true",
                    help="parse each sentence once and re-run the stages per fold and setting (faster; same records)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from tidings.events.classifier import get_classifier
    from tidings.evaluate.scorers import score_quad
    from tidings.nlp import load
    from tidings.pipeline import Config, get_pipeline

    nlp = load()
    synthetic = Path(a.synthetic)
    fold_clf = {}
    if a.fold_models:
        from tidings.events.classifier import EventClassifier
        for k in a.only or range(a.folds):
            c = EventClassifier(a.fold_models.format(k=k), threads=2)
            if a.model_config:
                c.config.update({key: v for key, v in json.loads(Path(a.model_config).read_text()).items()
                                 if key.endswith(("_threshold", "_margin", "_below")) or key == "add_clause_deps"})
            fold_clf[k] = (c,) + tuple(T.load_training(c, nlp, synthetic, T.SHARED))
        clf = next(iter(fold_clf.values()))[0]
    else:
        clf = get_classifier(a.model)
    if clf is None:
        raise SystemExit("no classifier: run tools/train_event_classifier.py first")
    shipped = clf.head
    syn, X_syn, cf, X_cf = next(iter(fold_clf.values()))[1:] if fold_clf else T.load_training(clf, nlp, synthetic, T.SHARED)
    gold = {json.loads(l)["id"]: json.loads(l) for l in open(T.SHARED, encoding="utf-8")}
    folds = np.array([fold_of(i["id"], a.folds) for i in cf])
    results = {}
    dump = open(a.dump, "w", encoding="utf-8") if a.dump else None
    parsed: dict = {}

    def run(pipe, test):
        items = [{"id": i["id"], "text": i["text"], "date": None} for i in test]
        if not a.reuse_parse:
            return list(pipe.process(items))
        recs = [pipe.prepare(it)[0] for it in items]
        todo = [r for r in recs if r.id not in parsed]
        for r, d in zip(todo, pipe.parse(todo) if todo else []):
            parsed[r.id] = d
        for r in recs:
            pipe.annotate(r, parsed[r.id])
        return recs

    for setting in [s.strip() for s in a.settings.split(",")]:
        pipe = get_pipeline(Config(events=setting))
        stage = next(st for n, st in pipe.stages if n == "events")
        if setting != "lexicon":
            stage.classifier = clf
        pairs_all = []
        per_fold = []
        for k in a.only or range(a.folds):
            test = [i for i, f in zip(cf, folds) if f == k]
            if setting != "lexicon":
                if fold_clf:        # this fold's encoder, its features, its heads
                    clf, syn, X_syn, cf, X_cf = fold_clf[k]
                    stage.classifier = clf
                tr = folds != k
                clf.head = T.fit_heads(X_syn, syn, X_cf[tr], [i for i, t in zip(cf, tr) if t], clf.config)
            recs = run(pipe, test)
            pairs = [(gold[r.id], r.model_dump()) for r in recs]
            s = score_quad(pairs)
            per_fold.append(s["accuracy"])
            pairs_all += pairs
            if dump is not None:
                for g, r in pairs:
                    evs = [{k: e.get(k) for k in ("event", "cameo", "quad_class", "rule", "confidence", "negated",
                                                   "modality", "trigger")} for e in r.get("events") or ()]
                    dump.write(json.dumps({"setting": setting, "fold": k, "id": g["id"], "events": evs}) + "\n")
            print(f"{setting} fold {k}: quad accuracy {s['accuracy']:.3f} ({len(test)} sentences)", flush=True)
        s = score_quad(pairs_all)
        results[setting] = {"accuracy": s["accuracy"], "macro_f1": s["macro_f1"], "folds": per_fold,
                            "confusion": s["confusion"]}
        print(f"{setting}: quad accuracy {s['accuracy']:.3f}, macro F1 {s['macro_f1']:.3f}; "
              f"confusion (gold rows) {s['confusion']}", flush=True)
    clf.head = shipped
    if dump is not None:
        dump.close()
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main()
