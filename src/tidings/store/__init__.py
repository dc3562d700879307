"""Storage: the embedded DuckDB store (``Store``) and the store's side of an ingest
(:class:`Ingestion`: which articles need processing, and writing the records).

The store never runs the pipeline: :func:`tidings.api.ingest` runs it between
:meth:`Ingestion.fresh` and :meth:`Ingestion.write`."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional

if TYPE_CHECKING:
    from ..ingest.readers import InputProblem
    from ..model import Document
    from .duck import Store

__all__ = ["Store", "StoreError", "DEFAULT_DB", "content_hash", "Ingestion", "IngestReport"]

#: the database file commands use unless told otherwise (here, not in .duck, so that the CLI can
#: name it without importing duckdb and pyarrow)
DEFAULT_DB = "tidings.duckdb"


def __getattr__(name: str) -> Any:  # Store, StoreError, content_hash: imported when first used
    if name in ("Store", "StoreError", "content_hash"):
        from . import duck

        return getattr(duck, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0          # already stored with the same content
    failed: int = 0           # records stored with errors, or problems without an id
    problems: list[str] = field(default_factory=list)


class Ingestion:
    """One ingest into ``store``: :meth:`fresh` drops the articles already stored unchanged (before
    any parsing, so re-ingesting is a no-op and an interrupted run can simply be rerun),
    :meth:`problem` logs inputs without a record, :meth:`write` stores the records, one
    transaction per ``batch``. ``lookahead``: articles whose stored hashes are looked up at once."""

    def __init__(self, store: Store, batch: int = 64, lookahead: int = 64,
                 on_record: Optional[Callable[[Document], None]] = None,
                 on_problem: Optional[Callable[[InputProblem], None]] = None) -> None:
        self.store = store
        self.batch = batch
        self.lookahead = max(1, lookahead)
        self.on_record = on_record
        self.on_problem = on_problem
        self.report = IngestReport()
        self._hashes: dict[str, list[str]] = {}   # id -> hashes of the versions in flight, in order
        self._seen: dict[str, str] = {}           # id -> hash of the last version met in this run

    def problem(self, p: InputProblem) -> None:
        if p.id is None:
            self.store.log_problem(p.where, p.stage, p.message)
            self.report.failed += 1
            self.report.problems.append(f"{p.where}: {p.message}")
        if self.on_problem:
            self.on_problem(p)

    def fresh(self, stream: Iterable) -> Iterator:
        """Drop articles already stored unchanged; remember hashes of the rest."""
        from ..model import ArticleInput
        from .duck import content_hash

        report, seen, hashes = self.report, self._seen, self._hashes
        it = iter(stream)
        while True:
            chunk = list(itertools.islice(it, self.lookahead))
            if not chunk:
                return
            ids = [x.id for x in chunk if isinstance(x, ArticleInput)]
            known = self.store.known_hashes(ids)
            for x in chunk:
                if isinstance(x, ArticleInput):
                    h = content_hash(x)
                    if seen.get(x.id, known.get(x.id)) == h:
                        report.skipped += 1   # stored already, or met earlier in this run
                        continue
                    if x.id in seen:
                        report.problems.append(f"duplicate id {x.id!r} in the input: the later article "
                                               "replaces the earlier one")
                elif x.id is not None:
                    h = content_hash({"text": f"<problem> {x.message}"})
                else:
                    yield x
                    continue
                seen[x.id] = h
                hashes.setdefault(x.id, []).append(h)
                yield x

    def write(self, records: Iterable[Document]) -> IngestReport:
        """Store ``records`` (those of the articles :meth:`fresh` let through); returns the report."""
        from .duck import content_hash

        report, hashes, store, batch = self.report, self._hashes, self.store, self.batch
        pending: list[tuple[Document, str]] = []
        for rec in records:
            if rec.errors:
                report.failed += 1
            if self.on_record:
                self.on_record(rec)
            versions = hashes.get(rec.id)
            h = versions.pop(0) if versions else content_hash({"text": rec.text})
            if versions == []:
                del hashes[rec.id]
            pending = [(r, x) for r, x in pending if r.id != rec.id]  # a later version of an id wins
            pending.append((rec, h))
            if len(pending) >= batch:
                report.stored += store.write(pending)
                pending = []
        if pending:
            report.stored += store.write(pending)
        return report
