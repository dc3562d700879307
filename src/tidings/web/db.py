"""The server's one DuckDB instance: read cursors with a time limit, serialised writes.

A DuckDB file is opened once per process. Without ingest (no token) the server attaches it
READ_ONLY to an in-memory DuckDB instance, so nothing it runs can change it (and other read-only
processes may open it too). With ingest on it opens it read-write through
:class:`tidings.store.Store`; readers then use cursors of that same instance (DuckDB's MVCC: a
reader sees the last committed state while an ingest transaction is open), writes go through one
lock, and every read statement is still a fixed SELECT from :mod:`tidings.web.queries`.

Either way an in-memory database ``web`` is attached beside the store for the server's own
summaries, rebuilt at start and after every ingest: ``web.actor_month`` (canonical events per
month, actor code and role: what ``/timeline`` and ``/top/actors`` read when they can) and
``web.dyad_month`` (the store's ``dyad_month`` sorted by dyad, so that a dyad reads only its own
row groups).
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator, Optional

import duckdb

from ..store import Store, StoreError

log = logging.getLogger(__name__)


class QueryTimeout(RuntimeError):
    pass


class Database:
    def __init__(self, path, writable: bool = False, timeout_s: float = 10.0, cache_size: int = 512) -> None:
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
        base.execute("ATTACH ':memory:' AS web")
        # the cursor factory: only used (under a lock) to make per-request cursors, so that the
        # writer's connection (store.con) is never touched by two threads at once
        self._root = base.cursor()
        self._root_lock = threading.Lock()
        self.write_lock = threading.Lock()
        self.generation = 0            # bumped by every committed ingest: the cache's key
        self._cache: OrderedDict = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()

        self.refresh_summaries()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._root_lock:
            cur = self._root.cursor()
        if self._catalog:
            cur.execute(f"USE {self._catalog}")
        return cur

    def refresh_summaries(self) -> None:
        """(Re)build the ``web`` summaries from the store (about a second per million events)."""
        from .queries import ACTOR_MONTH_SQL

        cur = self.cursor()
        try:
            cur.execute(ACTOR_MONTH_SQL)
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
        """``compute(cursor)``, remembered until the next ingest (the data cannot change otherwise:
        the server holds the database file)."""
        full = (self.generation, key)
        with self._cache_lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
        with self.read() as cur:
            value = compute(cur)
        with self._cache_lock:
            if full[0] == self.generation:
                self._cache[full] = value
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return value

    def invalidate(self) -> None:
        with self._cache_lock:
            self.generation += 1
            self._cache.clear()

    def close(self) -> None:
        try:
            self._root.close()
        finally:
            if self.store is not None:
                self.store.close()
            if self._memory is not None:
                self._memory.close()
