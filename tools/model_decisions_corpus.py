"""List the learned classifier's decisions (additions, relabels) on unlabelled news, for reading.

    PYTHONPATH=src python tools/model_decisions_corpus.py [--n 60] [--seed 1234] [--model DIR ...]

Samples ``--n`` articles of the unlabelled training corpus (``../shared/corpora``, never a
measuring set), parses each once and codes it with ``--events both`` for every classifier
directory given (default: the shipped model), and prints each event whose rule comes from the
classifier (``model:...`` added, ``+model:relabel``) with its sentence, code, actor and recipient,
so that a person can mark it right or wrong. Ends with the count per model.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
CORPUS = next((d / "shared" / "corpora" / "news-2016-polnear-train.jsonl" for d in (ROOT.parent, ROOT.parent.parent)
               if (d / "shared" / "corpora").is_dir()), ROOT.parent / "shared" / "corpora" / "news-2016-polnear-train.jsonl")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--model", action="append", default=None, help="classifier directory (repeatable)")
    a = ap.parse_args(argv)
    from tidings.events.classifier import get_classifier
    from tidings.pipeline import Config, get_pipeline

    rows = [json.loads(l) for l in open(CORPUS, encoding="utf-8")]
    rows = random.Random(a.seed).sample(rows, min(a.n, len(rows)))
    pipe = get_pipeline(Config(events="both"))
    stage = next(st for n, st in pipe.stages if n == "events")
    items = [{"id": r["id"], "text": r["text"], "date": r.get("date")} for r in rows]
    recs = [pipe.prepare(it)[0] for it in items]
    docs = list(pipe.parse(recs))
    for model in a.model or [None]:
        stage.classifier = get_classifier(model)
        added = relabelled = 0
        print(f"== model {model or 'shipped'} ({stage.classifier.rule})")
        for it in items:
            rec = pipe.prepare(it)[0]
            pipe.annotate(rec, docs[items.index(it)])
            d = rec.model_dump()
            for e in d.get("events") or ():
                rule = e.get("rule") or ""
                if not rule.startswith("model:") and "+model:relabel" not in rule:
                    continue
                kind = "ADD" if rule.startswith("model:") else "RELABEL"
                added += kind == "ADD"
                relabelled += kind == "RELABEL"
                tr, sr = e["trigger"], e["sentence"]
                sent = d["text"][sr["start"]:sr["end"]].replace("\n", " ")[:480]
                act = ", ".join(f"{x['text']}/{x.get('code')}" for x in e.get("actor") or ())
                rcp = ", ".join(f"{x['text']}/{x.get('code')}" for x in e.get("recipient") or ())
                print(f"{kind} {e['event']} {e['cameo']} conf={e['confidence']} rule={rule} "
                      f"trigger={tr['text']!r} actor=[{act}] recipient=[{rcp}]\n    {it['id']}: {sent}")
        print(f"-- {model or 'shipped'}: {added} additions, {relabelled} relabels on {len(items)} articles\n")


if __name__ == "__main__":
    main()
