"""Process-parallel extraction: ``--jobs N`` worker processes, results in input order.

* Each worker builds the pipeline (and loads the spaCy model) once, in its initializer.
* The input is cut into chunks of ``chunk_size`` articles (default: the batch size, so each
  chunk is one ``nlp.pipe`` batch); at most ``window × jobs`` chunks are in flight, and
  results are yielded as soon as the oldest chunk is done. Nothing accumulates in the
  parent, so memory stays flat however long the input stream is; inside the workers,
  spaCy's memory zones (see ``Pipeline._run_batch``) keep the string store from growing.
* A worker that dies (out of memory, a crash in native code) does not hang or stop the run:
  the pool is rebuilt, the chunks that were in flight are re-run one article at a time, and
  an article that kills a worker again gets a record with a ``worker`` error.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Optional

from .ingest.readers import InputProblem
from .model import Document
from .pipeline import Config

_worker_pipeline = None
#: consecutive pool breaks tolerated before the run stops with an error
MAX_BREAKS = 3


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


def _mp_context():
    method = mp.get_start_method(allow_none=True)
    if method == "spawn" or os.name == "nt" or "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    return mp.get_context("forkserver")


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class _Pool:
    """A process pool that can be rebuilt after a worker died."""

    def __init__(self, config: Config, jobs: int) -> None:
        self.config, self.jobs = config, jobs
        self.breaks = 0          # pool breaks since the last chunk that succeeded
        self.ex = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=_mp_context(), initializer=_init_worker,
                                   initargs=(self.config,))

    def submit(self, chunk: list):
        return self.ex.submit(_work, chunk)

    def rebuild(self) -> None:
        self.ex.shutdown(wait=False, cancel_futures=True)
        self.breaks += 1
        if self.breaks > MAX_BREAKS:
            raise RuntimeError(
                f"tidings worker processes died {self.breaks} times in a row without finishing any "
                "article: they cannot start (is the spaCy model installed? is the main module "
                "guarded by `if __name__ == '__main__':`?) or run out of memory; try fewer --jobs")
        self.ex = self._new()

    def ok(self) -> None:
        self.breaks = 0

    def close(self) -> None:
        self.ex.shutdown(wait=True, cancel_futures=True)


def process_parallel(items: Iterable, config: Config, jobs: int,
                     on_problem: Optional[Callable[[InputProblem], None]] = None,
                     chunk_size: Optional[int] = None, window: int = 2) -> Iterator[Document]:
    """Yield records for ``items`` in input order using ``jobs`` processes (0: all CPUs)."""
    jobs = jobs or default_jobs()
    size = chunk_size or max(1, config.batch_size)
    pool = _Pool(config, jobs)
    pending: deque = deque()   # (chunk, future)
    try:
        for chunk in _chunks(items, size):
            pending.append((chunk, pool.submit(chunk)))
            while len(pending) >= window * jobs:
                yield from _drain(pool, pending, on_problem)
        while pending:
            yield from _drain(pool, pending, on_problem)
    finally:
        pool.close()


def _emit(result, on_problem) -> Iterator[Document]:
    records, problems = result
    if on_problem:
        for p in problems:
            on_problem(p)
    yield from records


def _drain(pool: _Pool, pending: deque, on_problem) -> Iterator[Document]:
    chunk, fut = pending[0]
    try:
        result = fut.result()
    except BrokenProcessPool:
        # a worker died: every chunk in flight is lost. Re-run them article by article.
        lost = list(pending)
        pending.clear()
        pool.rebuild()
        for c, f in lost:
            if f.done() and not f.cancelled() and f.exception() is None:
                yield from _emit(f.result(), on_problem)
            else:
                yield from _one_by_one(pool, c, on_problem)
        return
    pending.popleft()
    pool.ok()
    yield from _emit(result, on_problem)


def _one_by_one(pool: _Pool, chunk: list, on_problem) -> Iterator[Document]:
    for item in chunk:
        try:
            result = pool.submit([item]).result()
            pool.ok()
        except BrokenProcessPool:
            pool.rebuild()
            rec = _dead_record(item)
            if rec is None:
                continue
            result = ([rec], [])
        yield from _emit(result, on_problem)


def _dead_record(item) -> Optional[Document]:
    """The record of an article whose processing killed a worker process."""
    art_id = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
    if art_id is None:
        return None
    rec = Document(id=str(art_id), text=getattr(item, "text", None) or (item.get("text", "") if isinstance(item, dict) else "") or "")
    for name in ("title", "date", "source", "url"):
        val = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if isinstance(val, str):
            setattr(rec, name, val)
    rec.add_error("worker", "the worker process died while processing this article (out of memory or a crash "
                            "in native code); the article was skipped")
    return rec
