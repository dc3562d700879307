"""Measure the gates of the lexicon + classifier combination (``--events both``) on three kinds of text.

    PYTHONPATH=src python tools/gate_eval.py [--probe] [--cv] [--corpus N] [--config 'NAME={"key": value}' ...]

Each ``--config`` is a set of overrides of the model's ``config.json`` (thresholds and the gates of
``tidings.events.combine``: ``add_gates``, ``relabel_gates``, ``drop_gates``); ``base`` (the shipped
config) and ``lexicon`` are always measured. Every text is parsed once and the clauses' encoder
features are computed once (memoised), so a configuration costs only the stages and the heads.

* ``--probe``: our own codebook-style sentences (tools/recall_probe.tsv, one event each): type
  precision / recall / F1 counted as ``tidings evaluate`` counts events (every counted event of
  another type is a false alarm), and the classifier's decisions against the lexicon's output:
  additions right / wrong, relabels better / worse / neither, drops of a right / wrong event.
* ``--cv``: ConfliBERT train 5-fold CV quad accuracy (heads retrained per fold as in
  tools/cv_conflibert.py; ``--heads DIR`` reads/writes ``head_fold{k}.npz`` so the heads are fitted
  once), with sentences better / worse than the lexicon.
* ``--corpus N``: N articles of the unlabelled training corpus (seed ``--seed``): the decisions
  (ADD, RELABEL, DROP) per configuration; ``--show NAME`` prints those of configuration NAME to
  be read (never a measuring set).
"""
from __future__ import annotations

import argparse
import collections
import json
import logging
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

CORPUS = next((d / "shared" / "corpora" / "news-2016-polnear-train.jsonl" for d in (ROOT.parent, ROOT.parent.parent)
               if (d / "shared" / "corpora").is_dir()), ROOT.parent / "shared" / "corpora" / "news-2016-polnear-train.jsonl")


from calibrate_events import memoise_features  # noqa: E402  (one memo for both tools)


class Runner:
    def __init__(self) -> None:
        from tidings.events.classifier import get_classifier
        from tidings.pipeline import Config, get_pipeline
        self.lex = get_pipeline(Config(events="lexicon"))
        self.both = get_pipeline(Config(events="both"))
        self.stage = next(st for n, st in self.both.stages if n == "events")
        self.clf = get_classifier()
        memoise_features(self.clf)
        self.stage.classifier = self.clf
        self.base_config = json.loads(json.dumps(self.clf.config))

    def parse(self, items):
        recs = [self.lex.prepare(it)[0] for it in items]
        return list(zip(items, self.lex.parse(recs)))

    def code(self, parsed, setting: str, overrides: dict | None = None) -> list[dict]:
        pipe = self.lex if setting == "lexicon" else self.both
        self.clf.config = {**self.base_config, **(overrides or {})}
        out = []
        for it, doc in parsed:
            rec = pipe.prepare(it)[0]
            pipe.annotate(rec, doc)
            out.append(rec.model_dump())
        self.clf.config = self.base_config
        return out


def counted(d: dict) -> list[dict]:
    from tidings.evaluate.scorers import counted_event
    return [e for e in d.get("events") or () if counted_event(e)]


def decisions(lex: dict, both: dict) -> list[tuple[str, dict]]:
    """(kind, event) of the classifier's decisions: ADD / RELABEL events of ``both``, DROP events of
    the lexicon's output with no event at the same trigger in ``both``; counted events only (not negated,
    hypothetical or predicted)."""
    out = []
    at = {(e["trigger"]["start"], e["trigger"]["end"]) for e in both.get("events") or ()}
    for e in counted(both):
        rule = e.get("rule") or ""
        if rule.startswith("model:"):
            out.append(("ADD", e))
        elif "+model:relabel" in rule:
            out.append(("RELABEL", e))
    for e in counted(lex):
        if (e["trigger"]["start"], e["trigger"]["end"]) not in at:
            out.append(("DROP", e))
    return out


def probe(runner, configs: dict, path: Path) -> dict:
    from recall_probe import read_probe
    rows = read_probe(path)
    n_gold = sum(typ != "NONE" for typ, _, _ in rows)
    parsed = runner.parse([{"id": f"p{i}", "text": t, "date": None} for i, (_, _, t) in enumerate(rows)])
    lex = runner.code(parsed, "lexicon")
    res = {}
    for name, ov in [("lexicon", None)] + list(configs.items()):
        out = lex if name == "lexicon" else runner.code(parsed, "both", ov)
        tp = pred = 0
        tally = collections.Counter()
        for (typ, _, _), lx, d in zip(rows, lex, out):
            evs = [e["event"] for e in counted(d)]
            pred += len(evs)
            tp += typ in evs
            if name != "lexicon" and typ == "NONE":
                tally["none_with_event"] += bool(evs)
            if name == "lexicon":
                continue
            lxev = {(e["trigger"]["start"], e["trigger"]["end"]): e["event"] for e in counted(lx)}
            for kind, e in decisions(lx, d):
                if kind == "ADD":
                    tally["add_" + ("right" if e["event"] == typ and typ not in lxev.values() else "wrong")] += 1
                elif kind == "RELABEL":
                    old = lxev.get((e["trigger"]["start"], e["trigger"]["end"]))
                    tally["relabel_" + ("better" if e["event"] == typ and old != typ else
                                        "worse" if old == typ and e["event"] != typ else "neither")] += 1
                else:
                    tally["drop_" + ("bad" if e["event"] == typ and list(lxev.values()).count(typ) == 1
                                     else "good")] += 1
        p, r = tp / pred if pred else 0, tp / n_gold
        f = 2 * p * r / (p + r) if p + r else 0
        res[name] = {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 4), "hits": tp, "pred": pred, **tally}
        print(f"probe {path.stem} {name:14} F1 {f:.4f} P {p:.3f} R {r:.3f} hits {tp}/{n_gold} pred {pred}  "
              + " ".join(f"{k} {v}" for k, v in sorted(tally.items())), flush=True)
    return res


def cv(runner, configs: dict, heads: str | None) -> dict:
    import train_event_classifier as T
    from cv_conflibert import fold_of
    from tidings.evaluate.scorers import score_quad, sentence_quad
    gold = [json.loads(l) for l in open(T.SHARED, encoding="utf-8")]
    folds = np.array([fold_of(g["id"], 5) for g in gold])
    fold_heads = []
    train = None
    for k in range(5):
        f = Path(heads or "/nonexistent") / f"head_fold{k}.npz"
        if f.exists():
            fold_heads.append(dict(np.load(f)))
            continue
        if train is None:
            from tidings.nlp import load
            train = T.load_training(runner.clf, load(), ROOT / "tools" / "event_training" / "synthetic.jsonl",
                                    T.SHARED)
        syn, X_syn, cf, X_cf = train
        cfolds = np.array([fold_of(i["id"], 5) for i in cf])
        tr = cfolds != k
        fold_heads.append(T.fit_heads(X_syn, syn, X_cf[tr], [i for i, t in zip(cf, tr) if t], runner.clf.config))
        if heads:
            Path(heads).mkdir(parents=True, exist_ok=True)
            np.savez(f, **fold_heads[-1])
    parsed = runner.parse([{"id": g["id"], "text": g["text"], "date": None} for g in gold])
    shipped = runner.clf.head
    lex = runner.code(parsed, "lexicon")
    lq = [sentence_quad(d.get("events") or []) for d in lex]
    res = {}
    for name, ov in [("lexicon", None)] + list(configs.items()):
        if name == "lexicon":
            out = lex
        else:
            out = [None] * len(gold)
            for k in range(5):
                runner.clf.head = fold_heads[k]
                idx = [i for i in range(len(gold)) if folds[i] == k]
                for i, d in zip(idx, runner.code([parsed[i] for i in idx], "both", ov)):
                    out[i] = d
            runner.clf.head = shipped
        s = score_quad(list(zip(gold, out)))
        per = [score_quad([(g, d) for g, d, f in zip(gold, out, folds) if f == k])["accuracy"] for k in range(5)]
        g_q = [int(g["gold"]["quad_label"]) for g in gold]
        q = [sentence_quad(d.get("events") or []) for d in out]
        better = sum(a == g and b != g for a, b, g in zip(q, lq, g_q))
        worse = sum(a != g and b == g for a, b, g in zip(q, lq, g_q))
        tally = collections.Counter(kind for lx, d in zip(lex, out) for kind, _ in decisions(lx, d)) \
            if name != "lexicon" else {}
        res[name] = {"accuracy": s["accuracy"], "folds": per, "better": better, "worse": worse, **tally}
        print(f"cv {name:14} quad acc {s['accuracy']:.4f} folds {'/'.join(f'{x:.3f}' for x in per)} "
              f"vs lexicon +{better} -{worse}  " + " ".join(f"{k} {v}" for k, v in sorted(tally.items())), flush=True)
    return res


def corpus(runner, configs: dict, n: int, seed: int, show: list[str]) -> dict:
    rows = [json.loads(l) for l in open(CORPUS, encoding="utf-8")]
    rows = random.Random(seed).sample(rows, min(n, len(rows)))
    parsed = runner.parse([{"id": r["id"], "text": r["text"], "date": r.get("date")} for r in rows])
    lex = runner.code(parsed, "lexicon")
    res = {}
    for name, ov in configs.items():
        out = runner.code(parsed, "both", ov)
        tally = collections.Counter()
        for lx, d in zip(lex, out):
            for kind, e in decisions(lx, d):
                tally[kind] += 1
                if name in show:
                    sr = e["sentence"]
                    sent = d["text"][sr["start"]:sr["end"]].replace("\n", " ")[:400]
                    act = ", ".join(f"{x['text']}/{x.get('code')}" for x in e.get("actor") or ())
                    rcp = ", ".join(f"{x['text']}/{x.get('code')}" for x in e.get("recipient") or ())
                    print(f"  [{name}] {kind} {e['event']} {e['cameo']} '{e['trigger']['text']}' conf={e['confidence']} "
                          f"rule={e.get('rule')} A={act} R={rcp}\n      {sent}")
        res[name] = dict(tally)
        print(f"corpus {name:14} " + " ".join(f"{k} {v}" for k, v in sorted(tally.items())), flush=True)
    return res


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--probe", nargs="*", default=[],
                    help="probe files (default with no file: tools/recall_probe.tsv and tools/gate_probe.tsv)")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--heads", default=None, help="folder of the CV folds' heads (read, else fitted and written)")
    ap.add_argument("--corpus", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--show", action="append", default=[], help="print the corpus decisions of this configuration")
    ap.add_argument("--config", action="append", default=[], help="NAME=JSON overrides of config.json")
    ap.add_argument("--json", default=None)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    configs = {"base": {}}
    for c in a.config:
        name, _, js = c.partition("=")
        configs[name] = json.loads(js)
    if a.probe == [] and "--probe" in (argv if argv is not None else sys.argv):
        a.probe = [str(ROOT / "tools" / "recall_probe.tsv"), str(ROOT / "tools" / "gate_probe.tsv")]
    runner = Runner()
    out = {}
    for f in a.probe:
        out["probe:" + Path(f).stem] = probe(runner, configs, Path(f))
    if a.corpus:
        out["corpus"] = corpus(runner, configs, a.corpus, a.seed, a.show)
    if a.cv:
        out["cv"] = cv(runner, configs, a.heads)
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
