"""Storage: the embedded DuckDB store (``Store``) and ``ingest`` (articles → pipeline → store)."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from ..ingest.readers import InputProblem
from ..model import ArticleInput, Document
from ..pipeline import Config
from .duck import DEFAULT_DB, Store, StoreError, content_hash

__all__ = ["Store", "StoreError", "DEFAULT_DB", "content_hash", "ingest", "IngestReport"]


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
    config = config or Config()
    report = IngestReport()

    def problem(p: InputProblem) -> None:
        if p.id is None:
            store.log_problem(p.where, p.stage, p.message)
            report.failed += 1
            report.problems.append(f"{p.where}: {p.message}")
        if on_problem:
            on_problem(p)

    hashes: dict[str, str] = {}
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
                    if known.get(x.id) == h:
                        report.skipped += 1
                        continue
                    hashes[x.id] = h
                elif x.id is not None:
                    hashes[x.id] = content_hash({"text": f"<problem> {x.message}"})
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
        pending.append((rec, hashes.pop(rec.id, content_hash({"text": rec.text}))))
        if len(pending) >= batch:
            report.stored += store.write(pending)
            pending = []
    if pending:
        report.stored += store.write(pending)
    return report
