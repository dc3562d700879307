"""Parse a gold set once and keep the spaCy parses (a DocBin) so that the quotes stage alone can be
re-run quickly over it (``tools/quote_rule_stats.py --cache``, ``tools/train_quote_scorer.py``).

    PYTHONPATH=src python tools/quote_parse_cache.py ../shared/eval/polnear-train.jsonl /tmp/qlearn/train

writes ``<out>.spacy`` (the parses, in the order of the file) and ``<out>.json`` (ids, texts,
dateline body starts). The parse is the pipeline's own (``Pipeline.parse``: same model, same cascade).
"""
from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str]) -> int:
    from spacy.tokens import DocBin

    from tidings.model import Document
    from tidings.pipeline import Config, Pipeline
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    if args.limit:
        rows = rows[:args.limit]
    pipe = Pipeline(Config(stages=["entities", "actors", "quotes"]))
    db = DocBin(store_user_data=False)
    meta = []
    for i in range(0, len(rows), 20):
        part = rows[i:i + 20]
        recs = [Document(id=r["id"], text=r["text"], date=r.get("date")) for r in part]
        for r, d in zip(part, pipe.parse(recs)):
            dl = d.user_data.get("dateline")
            meta.append({"id": r["id"], "body_start": dl.body_start if dl else 0, "date": r.get("date")})
            d.user_data.clear()
            db.add(d)
        print(f"{i + len(part)}/{len(rows)}", file=sys.stderr, flush=True)
    db.to_disk(args.out + ".spacy")
    with open(args.out + ".json", "w", encoding="utf-8") as f:
        json.dump(meta, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def gold_quotes(path: str) -> dict:
    """The gold quotes of a gold set, by article id."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out[r["id"]] = r["gold"].get("quotes", [])
    return out


def cached_quotes(prefix: str, config=None, features_out: list | None = None):
    """(id, quotes) per article of a cache made by this script, the quotes stage alone re-run over
    the kept parses with ``config`` (a tidings Config). No actors stage: speakers carry no actor.
    ``features_out`` gets, per article, the list of the scorer's features of its quotes."""
    from types import SimpleNamespace

    import spacy
    from spacy.tokens import DocBin

    from tidings.pipeline import Config
    from tidings.quotes.stage import QuoteStage
    meta = json.load(open(prefix + ".json", encoding="utf-8"))
    vocab = spacy.blank("en").vocab
    docs = DocBin().from_disk(prefix + ".spacy").get_docs(vocab)
    stage = QuoteStage(config or Config())
    for m, doc in zip(meta, docs):
        ctx = SimpleNamespace(doc=doc, text=doc.text, mention_at_token={}, actor_resolver=None, date=None)
        feats: list = []
        qs = stage.annotate(ctx, stage.match(doc, doc.text, m["body_start"]), feats)
        if features_out is not None:
            features_out.append(feats)
        yield m["id"], qs
