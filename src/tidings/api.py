"""The public API: :func:`extract`, :func:`extract_many`, :func:`extract_files`, :func:`ingest`,
:func:`explain`. The CLI commands are thin wrappers over these functions.

>>> import tidings
>>> doc = tidings.extract("Pakistan's foreign minister met his Afghan counterpart in Kabul.", date="2024-06-15")

This module holds the one dispatch of a run over its execution engines (:func:`run` — in this
process, ``jobs`` > 1 worker processes, or Ray with :func:`extract_files`) and the one
default-date rule (:func:`with_default_date`).
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, TypeVar, Union

from .config import Config
from .ingest.readers import InputProblem, read_inputs
from .model import ArticleInput, Document

if TYPE_CHECKING:
    from .store import IngestReport, Store

__all__ = ["extract", "extract_many", "extract_files", "ingest", "explain", "run", "records",
           "with_default_date", "default_date", "ENGINES"]

Item = Union[ArticleInput, InputProblem, dict[str, Any]]
ProblemHook = Optional[Callable[[InputProblem], None]]
I = TypeVar("I")

#: the execution engines of :func:`extract_files`
ENGINES = ("local", "ray")


# ---- the default-date rule -----------------------------------------------------------------------
def default_date(item: I, date: Optional[str]) -> I:
    """Give an article without a publication date ``date`` (``--date``); problems and dated
    articles pass unchanged. The one place this rule is written: every engine applies it."""
    if date and isinstance(item, ArticleInput) and not item.date:
        item.date = date
    elif date and isinstance(item, dict) and not item.get("date"):
        dated: I = {**item, "date": date}  # type: ignore[assignment]
        return dated
    return item


def with_default_date(items: Iterable[I], date: Optional[str]) -> Iterator[I]:
    """:func:`default_date` over a stream of inputs."""
    for it in items:
        yield default_date(it, date)


# ---- the dispatch --------------------------------------------------------------------------------
def run(items: Iterable[Item], config: Optional[Config] = None, jobs: int = 1,
        on_problem: ProblemHook = None) -> Iterator[Document]:
    """Records for ``items``, in input order: in this process (``jobs`` 1) or in ``jobs`` worker
    processes. Problems without an id go to ``on_problem``. The pipeline (or the pool) is built
    now, so a missing model raises here rather than at the first record."""
    cfg = config or Config()
    if jobs > 1:
        from .run.local import process_parallel

        return process_parallel(items, cfg, jobs, on_problem=on_problem)
    from .pipeline import get_pipeline

    return get_pipeline(cfg).process(items, on_problem=on_problem)


def extract(article: Union[str, dict[str, Any], ArticleInput], config: Optional[Config] = None,
            **fields: Any) -> Document:
    """Extract one article: a dict with the contract's input fields, an ArticleInput, or plain text
    (then ``id``, ``date``, ``title`` ... as keyword arguments)."""
    from .pipeline import get_pipeline

    return get_pipeline(config)(article, **fields)


def extract_many(articles: Iterable[Item], config: Optional[Config] = None, jobs: int = 1,
                 date: Optional[str] = None, on_problem: ProblemHook = None) -> Iterator[Document]:
    """Extract many articles, yielding records in input order; ``jobs`` > 1 uses processes;
    ``date``: publication date of the articles that have none."""
    return run(with_default_date(articles, date), config, jobs, on_problem=on_problem)


def records(inputs: Iterable[Union[str, "os.PathLike[str]"]], config: Optional[Config] = None, jobs: int = 1,
            date: Optional[str] = None, on_problem: ProblemHook = None) -> Iterator[Document]:
    """Records for input files (JSONL, .txt, .html, directories, ``-`` for stdin), in order."""
    return extract_many(read_inputs([str(i) for i in inputs]), config, jobs, date, on_problem)


def extract_files(inputs: list[str], output: Optional[Union[str, "os.PathLike[str]"]], config: Optional[Config] = None,
                  jobs: int = 2, engine: str = "ray", date: Optional[str] = None, quiet: bool = True) -> dict[str, int]:
    """Extract input files with an engine that writes its own output (``engine="ray"``: JSONL to
    ``output``, or stdout when None, else month-partitioned Parquet into the ``output``
    directory). Returns the counts ``records``, ``with_errors``, ``skipped``, ``failed``."""
    if engine != "ray":
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}; 'local' runs through records()")
    from .nlp import check_model
    from .run.ray import extract_with_ray

    config = config or Config()
    check_model(config.model)  # fail before a cluster starts, not in every worker
    counts: dict[str, int] = extract_with_ray(inputs, output, config, jobs=jobs, date=date, quiet=quiet)
    return counts


def ingest(items: Iterable[Item], store: "Store", config: Optional[Config] = None, jobs: int = 1,
           batch: int = 64, date: Optional[str] = None, on_record: Optional[Callable[[Document], None]] = None,
           on_problem: ProblemHook = None) -> "IngestReport":
    """Run the pipeline over ``items`` and store the records in ``store``, one transaction per
    ``batch``. Articles already stored with the same content hash are skipped before parsing, so
    re-ingesting is a no-op and an interrupted run can simply be rerun."""
    from .store import Ingestion

    cfg = config or Config()
    ing = Ingestion(store, batch=batch, lookahead=max(batch, cfg.batch_size), on_record=on_record,
                    on_problem=on_problem)
    return ing.write(run(ing.fresh(with_default_date(items, date)), cfg, jobs, on_problem=ing.problem))


def explain(text: str, date: Optional[str] = None, config: Optional[Config] = None, near: int = 4) -> dict[str, Any]:
    """What the event coder saw and decided for ``text``: per sentence the parse, the actors, every
    trigger word with the patterns that matched or nearly matched, the decisions and the events
    (a JSON-ready dict; see :mod:`tidings.events.explain`)."""
    from .events.explain import explain as _explain

    report: dict[str, Any] = _explain(text, date=date, config=config, near=near)
    return report
