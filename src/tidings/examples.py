"""The bundled example articles (written for tidings; used by ``tidings demo`` and the tests)."""
from __future__ import annotations

from importlib import resources

from .ingest.readers import read_jsonl_stream
from .model import ArticleInput


def example_articles() -> list[ArticleInput]:
    path = resources.files("tidings") / "data" / "examples" / "articles.jsonl"
    with path.open("r", encoding="utf-8") as fh:
        return [a for a in read_jsonl_stream(fh, where=str(path)) if isinstance(a, ArticleInput)]
