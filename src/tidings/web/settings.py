"""Server settings (what ``tidings serve`` options set)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

MAX_LIMIT = 1000          # the largest page a list endpoint returns
DEFAULT_LIMIT = 50


@dataclass
class WebSettings:
    #: bearer token for ``POST /api/v1/articles``; None: ingest is off and the database is opened read-only
    token: Optional[str] = None
    #: origins allowed by CORS (none: no CORS headers at all)
    cors_origins: list[str] = field(default_factory=list)
    #: a read query is interrupted after this many seconds (504)
    query_timeout_s: float = 10.0
    #: a CSV download (every matching row, streamed) is interrupted after this many seconds
    stream_timeout_s: float = 600.0
    #: largest ``POST /articles`` body, bytes
    max_body_bytes: int = 10 * 1024 * 1024
    #: query results remembered until the store changes (entries)
    cache_size: int = 512
    #: whole API responses remembered until the store changes (MiB in all; 0: off)
    response_cache_mb: float = 64.0
    #: DuckDB threads (for the whole instance); each request's query runs on its own thread plus these
    #: workers, so 1 lets concurrent requests share the cores instead of each taking all (None: DuckDB's
    #: default, one per core)
    threads: Optional[int] = 1
    #: spaCy model for ingest (None: the best installed)
    model: Optional[str] = None
