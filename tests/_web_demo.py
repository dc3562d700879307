"""The demo database the web tests share: the bundled example articles, ingested once per session."""
from __future__ import annotations

from pathlib import Path

_BUILT: dict[str, Path] = {}


def demo_db(tmp_path_factory, pipeline) -> Path:
    """Path of a DuckDB store holding the bundled examples (built on first use)."""
    if "demo" not in _BUILT:
        from tidings.examples import example_articles
        from tidings.api import ingest
        from tidings.store import Store

        path = tmp_path_factory.mktemp("webdemo") / "demo.duckdb"
        with Store(path) as st:
            ingest(example_articles(), st)
        _BUILT["demo"] = path
    return _BUILT["demo"]
