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
* Shared model: with the forkserver start method (Linux, macOS), the forkserver builds the
  pipeline once (:mod:`tidings.run.forkserver`) and the workers are forked from it, so the model,
  KB, lexicon and gazetteer pages are shared copy-on-write instead of loaded once per worker.
* Recycling: after ``Config.recycle`` articles per worker (``--recycle``; 0: never) the pool
  finishes the chunks in flight and is replaced by fresh workers, so the native allocator's
  high-water mark cannot creep up over a long stream (no article is lost or reordered; with
  the shared model a fresh worker costs a fork, not a model load).
* ``pipeline_factory`` (see :mod:`tidings.run`): how each worker builds its pipeline. A worker
  with a factory of its own builds its pipeline with it (the forkserver's shared pipeline is the
  default one); an article whose processing raises out of the pipeline gets a ``worker`` error
  record (:func:`tidings.run.failures.process_isolated`).
"""
from __future__ import annotations

import itertools
import json
import multiprocessing as mp
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Optional

from ..config import Config, env_share_model
from ..ingest.readers import InputProblem
from ..model import Document
from . import PipelineFactory
from .failures import DIED, failed_record, process_isolated

_worker_pipeline = None
#: consecutive pool breaks tolerated before the run stops with an error
MAX_BREAKS = 3


def _init_worker(config: Config, share: bool = True, pipeline_factory: Optional[PipelineFactory] = None) -> None:
    global _worker_pipeline
    from . import default_pipeline, forkserver

    if pipeline_factory is not None:
        _worker_pipeline = pipeline_factory(config)
    elif share and forkserver.PIPELINE is not None and forkserver.config_key(config) == forkserver.KEY:
        _worker_pipeline = forkserver.PIPELINE      # built in the forkserver, shared copy-on-write
    else:
        _worker_pipeline = default_pipeline(config)


def _work(chunk: list) -> tuple[list[Document], list[InputProblem]]:
    problems: list[InputProblem] = []
    records, _ = process_isolated(_worker_pipeline, chunk, on_problem=problems.append)
    return records, problems


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def _mp_context(config: Optional[Config] = None, share: bool = True):
    method = mp.get_start_method(allow_none=True)
    if method == "spawn" or os.name == "nt" or "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    if config is not None and share:
        _start_forkserver(ctx, config)
    return ctx


def _start_forkserver(ctx, config: Config) -> None:
    """Start the forkserver with the pipeline of ``config`` preloaded (see tidings.run.forkserver).
    A forkserver already running is left as it is: its workers share the pipeline when it was
    built for the same config and build their own otherwise."""
    from multiprocessing import forkserver

    from . import forkserver as _forkserver

    key = _forkserver.config_key(config)
    if key is None or Config(**json.loads(key)) != config:
        return  # not faithfully serialisable: each worker builds its own pipeline
    preload = ["__main__", "tidings.run.forkserver"]
    ctx.set_forkserver_preload(preload)
    old = os.environ.get(_forkserver.ENV)
    os.environ[_forkserver.ENV] = key
    try:
        forkserver.ensure_running()
    finally:
        if old is None:
            os.environ.pop(_forkserver.ENV, None)
        else:
            os.environ[_forkserver.ENV] = old


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class _Pool:
    """A process pool that can be rebuilt after a worker died, and renewed to recycle workers."""

    def __init__(self, config: Config, jobs: int, recycle_chunks: int = 0, share: bool = True,
                 pipeline_factory: Optional[PipelineFactory] = None) -> None:
        self.config, self.jobs = config, jobs
        self.share = share and pipeline_factory is None
        self.pipeline_factory = pipeline_factory
        self.breaks = 0          # pool breaks since the last chunk that succeeded
        self.recycle_chunks = recycle_chunks  # chunks per pool before it is renewed (0: never)
        self.renewals = 0
        self.ex = self._new()

    def _new(self) -> ProcessPoolExecutor:
        self.submitted = 0
        return ProcessPoolExecutor(self.jobs, mp_context=_mp_context(self.config, self.share),
                                   initializer=_init_worker,
                                   initargs=(self.config, self.share, self.pipeline_factory))

    def submit(self, chunk: list):
        self.submitted += 1
        return self.ex.submit(_work, chunk)

    def due(self) -> bool:
        """Whether this pool's workers have had their share of chunks and should be replaced."""
        return bool(self.recycle_chunks) and self.submitted >= self.recycle_chunks

    def renew(self) -> None:
        """Replace the workers by fresh ones (call when no chunk is in flight)."""
        self.ex.shutdown(wait=True)
        self.renewals += 1
        self.ex = self._new()

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
                     chunk_size: Optional[int] = None, window: int = 2,
                     share_model: Optional[bool] = None,
                     pipeline_factory: Optional[PipelineFactory] = None) -> Iterator[Document]:
    """Yield records for ``items`` in input order using ``jobs`` processes (0: all CPUs).

    Workers are replaced after ``config.recycle`` articles each (0: never); with
    ``share_model`` (default: yes unless the environment variable ``TIDINGS_SHARE_MODEL`` is
    ``0``) and the forkserver start method, they share one pipeline built in the forkserver.
    ``pipeline_factory(config)`` builds each worker's pipeline instead of the default one (it
    must be picklable: a module-level function or an instance of a module-level class); with it
    nothing is shared."""
    if share_model is None:
        share_model = env_share_model()
    jobs = jobs or default_jobs()
    size = chunk_size or max(1, config.batch_size)
    recycle_chunks = -(-config.recycle * jobs // size) if config.recycle > 0 else 0
    pool = _Pool(config, jobs, recycle_chunks, share=share_model, pipeline_factory=pipeline_factory)
    pending: deque = deque()   # (chunk, future)
    try:
        for chunk in _chunks(items, size):
            if pool.due():
                # the workers have done their share: finish what is in flight, then fresh workers
                while pending:
                    yield from _drain(pool, pending, on_problem)
                pool.renew()
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
            rec = failed_record(item, DIED)
            if rec is None:
                continue
            result = ([rec], [])
        yield from _emit(result, on_problem)


def _uses_shared_pipeline() -> bool:
    """(In a worker) whether its pipeline is the one built in the forkserver."""
    from . import forkserver

    return _worker_pipeline is not None and _worker_pipeline is forkserver.PIPELINE
