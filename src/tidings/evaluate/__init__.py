"""Score tidings against gold files in the shared gold format (one document per JSONL line).

>>> from tidings.evaluate import evaluate
>>> scores = evaluate("plover-gsr-dev.jsonl")          # layers: those the file annotates
>>> scores["events"]["type"]["f1"]

Only ``id``, ``text`` and ``date`` of each gold document are given to the pipeline.
Each document's ``gold.layers`` says which layers are annotated; only those are scored.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional, Union

from ..config import Config
from .scorers import SCORERS, score_events, score_places, score_quotes, score_times

__all__ = ["evaluate", "load_gold", "score", "SCORERS", "score_events", "score_places", "score_quotes", "score_times"]


def load_gold(path: Union[str, Path], limit: Optional[int] = None) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON: {exc}") from exc
            if "id" not in doc or "text" not in doc or "gold" not in doc:
                raise ValueError(f"{path}:{n}: a gold document needs id, text and gold")
            docs.append(doc)
            if limit and len(docs) >= limit:
                break
    return docs


def score(gold_docs: list[dict], predictions: Iterable[dict], layers: Optional[list[str]] = None) -> dict:
    """Score prediction dicts (document records) against gold documents, matched by id."""
    by_id = {p["id"]: p for p in predictions}
    annotated = set()
    for g in gold_docs:
        annotated.update(g["gold"].get("layers", []))
    wanted = [l for l in (layers or sorted(annotated)) if l in SCORERS]
    out: dict = {"documents": len(gold_docs)}
    for layer in wanted:
        pairs = [(g, by_id.get(g["id"], {"id": g["id"]})) for g in gold_docs if layer in g["gold"].get("layers", [])]
        if pairs:
            out[layer] = SCORERS[layer](pairs)
    return out


def evaluate(gold_path: Union[str, Path], layers: Optional[list[str]] = None, config: Optional[Config] = None,
             limit: Optional[int] = None, jobs: int = 1, predictions_out: Optional[Union[str, Path]] = None) -> dict:
    """Run the pipeline over a gold file and score it. ``predictions_out`` keeps the records (JSONL)."""
    from .. import extract_many

    gold = load_gold(gold_path, limit)
    inputs = [{"id": g["id"], "text": g["text"], "date": g.get("date")} for g in gold]
    preds = []
    sink = open(predictions_out, "w", encoding="utf-8") if predictions_out else None
    try:
        for rec in extract_many(inputs, config=config, jobs=jobs):
            d = rec.model_dump()
            preds.append(d)
            if sink:
                sink.write(rec.to_json() + "\n")
    finally:
        if sink:
            sink.close()
    result = score(gold, preds, layers)
    result["gold_file"] = str(gold_path)
    return result
