"""Storage: the embedded DuckDB store (``Store``) and ``ingest`` (articles → pipeline → store)."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

if TYPE_CHECKING:
    from ..ingest.readers import InputProblem
    from ..model import Document
    from ..pipeline import Config
    from .duck import Store

__all__ = ["Store", "StoreError", "DEFAULT_DB", "content_hash", "ingest", "IngestReport"]

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


def ingest(items: Iterable, store: Store, config: Optional[Config] = None, jobs: int = 1,
           batch: int = 64, on_record: Optional[Callable[[Document], None]] = None,
           on_problem: Optional[Callable[[InputProblem], None]] = None) -> IngestReport:
    """Run the pipeline over ``items`` and store the records, one transaction per batch.

    Articles already stored with the same content hash are skipped before parsing, so
    re-ingesting is a no-op and an interrupted run can simply be rerun.
    """
    from ..model import ArticleInput
    from ..pipeline import Config
    from .duck import content_hash

    config = config or Config()
    report = IngestReport()

    def problem(p: InputProblem) -> None:
        if p.id is None:
            store.log_problem(p.where, p.stage, p.message)
            report.failed += 1
            report.problems.append(f"{p.where}: {p.message}")
        if on_problem:
            on_problem(p)

    hashes: dict[str, list[str]] = {}   # id -> hashes of the versions in flight, in order
    seen: dict[str, str] = {}           # id -> hash of the last version met in this run
    lookahead = max(batch, config.batch_size)

    def fresh(stream: Iterable) -> Iterable:
        """Drop articles already stored unchanged; remember hashes of the rest."""
        it = iter(stream)
        while True:
            chunk = list(itertools.islice(it, lookahead))
            if not chunk:
                return
            ids = [x.id for x in chunk if isinstance(x, ArticleInput)]
            known = store.known_hashes(ids)
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

    if jobs > 1:
        from ..parallel import process_parallel

        records = process_parallel(fresh(items), config, jobs, on_problem=problem)
    else:
        from ..pipeline import get_pipeline

        records = get_pipeline(config).process(fresh(items), on_problem=problem)
    pending: list[tuple[Document, str]] = []
    for rec in records:
        if rec.errors:
            report.failed += 1
        if on_record:
            on_record(rec)
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
