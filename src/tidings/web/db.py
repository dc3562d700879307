"""The server's one DuckDB instance: read cursors with a time limit, serialised writes, the caches.

A DuckDB file is opened once per process. Without ingest (no token) the server attaches it
READ_ONLY to an in-memory DuckDB instance, so nothing it runs can change it (and other read-only
processes may open it too). With ingest on it opens it read-write through
:class:`tidings.store.Store`; readers then use cursors of that same instance (DuckDB's MVCC: a
reader sees the last committed state while an ingest transaction is open), writes go through one
lock, and every read statement is still a fixed SELECT from :mod:`tidings.web.queries`.

Aggregates read the store's own summary, ``event_rollup`` (maintained with the events; see
:mod:`tidings.store.schema`), through the SQL builders of :mod:`tidings.analysis`.

Two bounded caches, both keyed on the store's ``data_version`` (raised by every committed write, read
at start and after each ingest through the server, which is the only writer while it holds the file):

- :meth:`Database.query`: the result of one query function for normalised arguments (what the API
  and the pages share: the key is built from the function's name and its arguments, never by hand);
- :class:`ResponseCache`: whole JSON responses of the API, keyed on the path and the normalised query
  string, so that a repeated request costs no parsing, no query and no encoding.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator, Optional

import duckdb

from ..store import Store, StoreError
from ..store.duck import data_version

log = logging.getLogger(__name__)


def normalise(v: Any) -> Hashable:
    """A hashable, canonical form of query arguments (lists → tuples, dates → ISO, dataclasses → their
    fields, dicts → sorted items)."""
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return (type(v).__name__, normalise(dataclasses.asdict(v)))
    if isinstance(v, dict):
        return tuple(sorted((k, normalise(x)) for k, x in v.items()))
    if isinstance(v, (list, tuple)):
        return tuple(normalise(x) for x in v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


class LRU:
    """A thread-safe LRU bounded in entries and (for bytes values) in total size."""

    def __init__(self, max_items: int, max_bytes: Optional[int] = None) -> None:
        self.max_items, self.max_bytes = max_items, max_bytes
        self._d: OrderedDict = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key in self._d:
                self._d.move_to_end(key)
                self.hits += 1
                return self._d[key]
            self.misses += 1
            return None

    def put(self, key: Hashable, value: Any, size: int = 0) -> None:
        with self._lock:
            if key in self._d:
                return
            self._d[key] = value
            self._bytes += size
            while len(self._d) > self.max_items or (self.max_bytes is not None and self._bytes > self.max_bytes):
                _, old = self._d.popitem(last=False)
                self._bytes -= _size(old)

    def clear(self) -> None:
        with self._lock:
            self._d.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._d)


def _size(v: Any) -> int:
    return len(v[1]) if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], bytes) else 0


class QueryTimeout(RuntimeError):
    pass


class Database:
    def __init__(self, path, writable: bool = False, timeout_s: float = 10.0, cache_size: int = 512,
                 response_cache_mb: float = 64.0, threads: Optional[int] = None) -> None:
        self.path = str(path)
        self.writable = writable
        self.timeout_s = timeout_s
        if not writable and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path} (run `tidings ingest` or `tidings demo` first)")
        self._catalog: Optional[str] = None
        self._memory: Optional[duckdb.DuckDBPyConnection] = None
        if writable:
            self.store: Optional[Store] = Store(self.path)
            base = self.store.con
        else:
            Store(self.path, read_only=True).close()     # refuses a missing or too new schema
            self.store = None
            base = self._memory = duckdb.connect(":memory:")
            quoted = self.path.replace("'", "''")      # the operator's path, not a request's text
            base.execute(f"ATTACH '{quoted}' AS store (READ_ONLY)")
            self._catalog = "store"
        if threads:
            # DuckDB's worker threads for the whole instance (every cursor): a server answers many small
            # queries at once, each on its request's own thread, rather than one query on all cores
            base.execute(f"SET threads = {int(threads)}")
        self.threads = int(base.execute("SELECT current_setting('threads')").fetchone()[0])
        # the cursor factory: only used (under a lock) to make per-request cursors, so that the
        # writer's connection (store.con) is never touched by two threads at once
        self._root = base.cursor()
        self._root_lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._cache = LRU(cache_size)
        self.responses = LRU(max(16, cache_size * 8), int(response_cache_mb * 2**20))
        self.version = self._read_version()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._root_lock:
            cur = self._root.cursor()
        if self._catalog:
            cur.execute(f"USE {self._catalog}")
        return cur

    def _read_version(self) -> int:
        cur = self.cursor()
        try:
            return data_version(cur)
        finally:
            cur.close()

    @contextmanager
    def read(self, timeout_s: Optional[float] = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor that is interrupted after ``timeout_s`` seconds (QueryTimeout)."""
        cur = self.cursor()
        timer = threading.Timer(timeout_s or self.timeout_s, cur.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield cur
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"the query ran longer than {timeout_s or self.timeout_s:g} s") from exc
        finally:
            timer.cancel()
            cur.close()

    def cached(self, key: Hashable, compute: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        """``compute(cursor)``, remembered under ``key`` until the store's data version changes."""
        version = self.version
        full = (version, key)
        value = self._cache.get(full)
        if value is not None:
            return value
        with self.read() as cur:
            value = compute(cur)
        if version == self.version:
            self._cache.put(full, value)
        return value

    def query(self, fn: Callable[..., Any], **kwargs: Any) -> Any:
        """``fn(cursor, **kwargs)``, cached under the function's name and the normalised arguments: the one
        way the API and the pages share a result."""
        return self.cached((fn.__module__, fn.__qualname__, normalise(kwargs)), lambda cur: fn(cur, **kwargs))

    def invalidate(self) -> None:
        """After a write: read the store's data version again and drop every cached result."""
        self.version = self._read_version()
        self._cache.clear()
        self.responses.clear()

    def close(self) -> None:
        try:
            self._root.close()
        finally:
            if self.store is not None:
                self.store.close()
            if self._memory is not None:
                self._memory.close()
