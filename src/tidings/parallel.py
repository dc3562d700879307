"""Process-parallel extraction: ``--jobs N`` worker processes, results in input order.

Each worker builds the pipeline (and loads the spaCy model) once. Input is cut into
chunks and at most ``2 × jobs`` chunks are in flight, so memory stays flat however
long the input stream is: nothing accumulates in the parent.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
from collections import deque
from typing import Callable, Iterable, Iterator, Optional

from .ingest.readers import InputProblem
from .model import Document
from .pipeline import Config

_worker_pipeline = None


def _init_worker(config: Config) -> None:
    global _worker_pipeline
    from .pipeline import Pipeline

    _worker_pipeline = Pipeline(config)


def _work(chunk: list) -> tuple[list[Document], list[InputProblem]]:
    problems: list[InputProblem] = []
    records = list(_worker_pipeline.process(chunk, on_problem=problems.append))
    return records, problems


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def process_parallel(items: Iterable, config: Config, jobs: int,
                     on_problem: Optional[Callable[[InputProblem], None]] = None,
                     chunk_size: Optional[int] = None) -> Iterator[Document]:
    """Yield records for ``items`` in input order using ``jobs`` processes."""
    size = chunk_size or max(1, config.batch_size)
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "forkserver")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(config,)) as pool:
        pending: deque = deque()
        for chunk in _chunks(items, size):
            pending.append(pool.apply_async(_work, (chunk,)))
            while len(pending) >= 2 * jobs:
                yield from _drain(pending.popleft(), on_problem)
        while pending:
            yield from _drain(pending.popleft(), on_problem)


def _drain(result, on_problem) -> Iterator[Document]:
    records, problems = result.get()
    if on_problem:
        for p in problems:
            on_problem(p)
    yield from records
