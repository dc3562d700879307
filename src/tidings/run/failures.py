"""Failure records, shared by the local and the Ray engine.

An article whose processing raises an exception that escapes the pipeline, or kills the worker
process that runs it (out of memory, a crash in native code), does not stop a run: it gets a
record with its id, text and metadata and one error of stage ``worker`` that says what happened.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..model import Document

#: the error of an article whose processing killed a worker process
DIED = ("the worker process died while processing this article (out of memory or a crash in native code); "
        "the article was skipped")


def failed_record(item: Any, message: str = DIED) -> Optional[Document]:
    """The record of an article (a dict or an article object) whose processing killed a worker
    process or failed in it (``message`` says how), with a ``worker`` error; None for an item
    without an id."""
    art_id = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
    if art_id is None:
        return None
    rec = Document(id=str(art_id), text=getattr(item, "text", None) or (item.get("text", "") if isinstance(item, dict) else "") or "")
    for name in ("title", "date", "source", "url"):
        val = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if isinstance(val, str):
            setattr(rec, name, val)
    rec.add_error("worker", message)
    return rec


def failed_message(exc: BaseException) -> str:
    """The ``worker`` error of an article that failed: an exception, or a Ray worker that died."""
    try:
        from ray.exceptions import RayError, RayTaskError
    except ImportError:  # ray is optional
        RayError = RayTaskError = None  # noqa: N806
    if RayTaskError is not None and isinstance(exc, RayTaskError):
        exc = exc.cause           # the exception raised in the worker
    elif RayError is not None and isinstance(exc, RayError):
        return (f"the Ray worker died while processing this article ({exc.__class__.__name__}: out of memory, a "
                "crash in native code or a lost node); the article was skipped")
    first = (str(exc).strip().splitlines() or [""])[0][:300]
    return f"tidings failed on this article ({exc.__class__.__name__}: {first}); the article was skipped"


def process_isolated(pipeline: Any, items: list, on_problem: Optional[Callable] = None) -> tuple[list, list[str]]:
    """(records, failures) of ``pipeline.process(items)``. An exception escaping the pipeline does
    not fail the batch: the batch is run again one article at a time, and an article that still
    fails gets a record with a ``worker`` error (:func:`failed_record`); ``failures`` holds
    ``"id: message"`` for each of them. Problems reported during the failed batch run are dropped
    (the article-by-article run reports them again)."""
    problems: list = []
    try:
        records = list(pipeline.process(items, on_problem=problems.append))
    except Exception:  # noqa: BLE001 - one article must not fail the batch: run them one by one
        records, failures = [], []
        for it in items:
            try:
                records.extend(pipeline.process([it], on_problem=on_problem))
            except Exception as exc:  # noqa: BLE001
                rec = failed_record(it, failed_message(exc))
                if rec is not None:
                    records.append(rec)
                    failures.append(f"{rec.id}: {rec.errors[-1].message}")
        return records, failures
    if on_problem:
        for p in problems:
            on_problem(p)
    return records, []
