"""tidings: political event data from international news, offline and explainable.

>>> import tidings
>>> doc = tidings.extract({"id": "a1", "text": "...", "date": "2024-06-15"})
>>> [e.event for e in doc.events]
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional, Union

from .model import ArticleInput, Document, json_schema
from .pipeline import Config, Pipeline, get_pipeline

__version__ = "0.1.0"

__all__ = ["extract", "extract_many", "Pipeline", "Config", "Document", "ArticleInput", "json_schema", "__version__"]


def extract(article: Union[str, dict, ArticleInput], config: Optional[Config] = None, **fields: Any) -> Document:
    """Extract one article: a dict with the contract's input fields, an ArticleInput, or plain text
    (then ``id``, ``date``, ``title`` ... as keyword arguments)."""
    return get_pipeline(config)(article, **fields)


def extract_many(articles: Iterable[Union[dict, ArticleInput]], config: Optional[Config] = None,
                 jobs: int = 1) -> Iterator[Document]:
    """Extract many articles, yielding records in input order; ``jobs`` > 1 uses processes."""
    if jobs > 1:
        from .run.local import process_parallel

        yield from process_parallel(articles, config or Config(), jobs)
    else:
        yield from get_pipeline(config).process(articles)
