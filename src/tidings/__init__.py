"""tidings: political event data from international news, offline and explainable.

>>> import tidings
>>> doc = tidings.extract({"id": "a1", "text": "...", "date": "2024-06-15"})
>>> [e.event for e in doc.events]
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union

if TYPE_CHECKING:
    from .model import ArticleInput, Document
    from .pipeline import Config

__version__ = "0.1.0"

__all__ = ["extract", "extract_many", "Pipeline", "Config", "Document", "ArticleInput", "json_schema", "__version__"]

#: names of the public API and the modules they come from, imported when first used (so that
#: ``tidings --help`` or ``tidings actors lookup`` do not pay for pydantic models and the pipeline)
_LAZY = {"ArticleInput": "model", "Document": "model", "json_schema": "model",
         "Config": "pipeline", "Pipeline": "pipeline", "get_pipeline": "pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def extract(article: Union[str, dict, ArticleInput], config: Optional[Config] = None, **fields: Any) -> Document:
    """Extract one article: a dict with the contract's input fields, an ArticleInput, or plain text
    (then ``id``, ``date``, ``title`` ... as keyword arguments)."""
    from .pipeline import get_pipeline

    return get_pipeline(config)(article, **fields)


def extract_many(articles: Iterable[Union[dict, ArticleInput]], config: Optional[Config] = None,
                 jobs: int = 1) -> Iterator[Document]:
    """Extract many articles, yielding records in input order; ``jobs`` > 1 uses processes."""
    from .pipeline import Config, get_pipeline

    if jobs > 1:
        from .parallel import process_parallel

        yield from process_parallel(articles, config or Config(), jobs)
    else:
        yield from get_pipeline(config).process(articles)
