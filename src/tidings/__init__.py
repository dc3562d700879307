"""tidings: political event data from international news, offline and explainable.

>>> import tidings
>>> doc = tidings.extract({"id": "a1", "text": "...", "date": "2024-06-15"})
>>> [e.event for e in doc.events]

The public API lives in :mod:`tidings.api` and is re-exported here. The names are imported when
first used, so that ``tidings --help`` or ``tidings actors lookup`` do not pay for the pipeline.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import explain, extract, extract_files, extract_many, ingest, records
    from .config import AmountSettings, Config, PlaceSettings, QuoteSettings, TimeSettings
    from .model import ArticleInput, Document, json_schema
    from .pipeline import Pipeline, get_pipeline

__version__ = "0.1.0"

#: public name → the module it comes from
_LAZY = {
    "extract": "api", "extract_many": "api", "extract_files": "api", "records": "api", "ingest": "api",
    "explain": "api",
    "Config": "config", "QuoteSettings": "config", "PlaceSettings": "config", "TimeSettings": "config",
    "AmountSettings": "config",
    "ArticleInput": "model", "Document": "model", "json_schema": "model",
    "Pipeline": "pipeline", "get_pipeline": "pipeline",
}

__all__ = ["extract", "extract_many", "extract_files", "records", "ingest", "explain", "Config", "QuoteSettings",
           "PlaceSettings", "TimeSettings", "AmountSettings", "ArticleInput", "Document", "json_schema", "Pipeline",
           "get_pipeline", "__version__"]

# ``tidings.ingest`` is both a subpackage (readers, HTML, datelines) and the API function
# ``tidings.ingest(...)``. The subpackage is loaded here, once, and its name taken off this
# module, so that the function wins (through ``__getattr__``) and no later import of
# ``tidings.ingest.<module>`` sets the name back to the subpackage.
from . import ingest as _ingest_package  # noqa: E402

del globals()["ingest"], _ingest_package


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
