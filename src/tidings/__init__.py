"""tidings: political event data from international news, offline and explainable.

>>> import tidings
>>> doc = tidings.extract({"id": "a1", "text": "...", "date": "2024-06-15"})
>>> [e.event for e in doc.events]

The public API lives in :mod:`tidings.api` and is re-exported here.
"""
from __future__ import annotations

from .api import explain, extract, extract_files, extract_many, ingest, records
from .config import AmountSettings, Config, PlaceSettings, QuoteSettings, TimeSettings
from .model import ArticleInput, Document, json_schema
from .pipeline import Pipeline, get_pipeline

__version__ = "0.1.0"

__all__ = ["extract", "extract_many", "extract_files", "records", "ingest", "explain", "Pipeline", "get_pipeline",
           "Config", "QuoteSettings", "PlaceSettings", "TimeSettings", "AmountSettings", "Document", "ArticleInput",
           "json_schema", "__version__"]
