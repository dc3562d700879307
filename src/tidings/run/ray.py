"""Distributed extraction on Ray Data (the optional extra: ``pip install "tidings[ray]"``).

The same :class:`~tidings.pipeline.Pipeline` (or the one ``pipeline_factory`` builds, see
:mod:`tidings.run`) runs in a pool of Ray actors, each loading
the spaCy model once. Input is JSONL (one article per line, read as text lines and
parsed by tidings' own tolerant reader, so one bad line never fails a shard) or Parquet
(columns ``id``, ``text`` or ``html``, optional ``date``, ``title``, ``source``, ``url``),
as files, directories of shards or glob-free lists of both. Output is either JSONL (in
input order, written by the driver as results stream in) or a directory of Parquet
files partitioned by publication month (``month=2016-09/...``) with the columns of
:data:`OUTPUT_COLUMNS`; ``record`` holds the whole document record as JSON, ready for
``tidings ingest`` or DuckDB's ``read_parquet`` + ``json`` functions.

Failures: an article whose processing raises gets a record with a ``worker`` error (both paths;
see :mod:`tidings.run.failures`).
On the JSONL-to-JSONL path a piece whose actor dies (out of memory, a crash in native code) is
narrowed down on fresh actors until only the article that kills them is left, which gets a
``worker`` error record; the run goes on, in order (see :func:`_extract_jsonl_with_actors`).
Each failure is logged (logger ``tidings.run.ray``, level ERROR) and counted in the returned counts;
nothing is printed (the CLI prints the summary).
Ray Data cannot isolate a batch that kills its actor: after two retries the run stops with
:class:`RayRunError`.

Locally it starts a private Ray (``num_cpus=jobs + 1``, no dashboard, workers at normal
priority instead of Ray's default nice 15); with ``RAY_ADDRESS``
set (or ``address=`` given) it joins that cluster instead. Cluster recipe::

    # on the head node                      # on each worker node
    ray start --head --port=6379            ray start --address=HEAD_IP:6379
    # on any node, tidings and its model installed on every node:
    RAY_ADDRESS=auto tidings extract --engine ray --jobs 32 shards/ -o out_parquet/
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import sys
from collections import deque
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from ..api import default_date
from ..config import Config, env_ray_address
from . import PipelineFactory, default_pipeline
from .failures import failed_message, failed_record, process_isolated

log = logging.getLogger(__name__)

#: columns of the Parquet output
OUTPUT_COLUMNS = ["id", "date", "month", "title", "source", "n_events", "n_errors", "record"]
ARTICLE_FIELDS = ("id", "text", "html", "date", "title", "source", "url")
JSONL_SUFFIXES = (".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")


class RayUnavailable(ImportError):
    """The ``ray`` extra is not installed."""


def _import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RayUnavailable('Ray is not installed: pip install "tidings[ray]" (or "ray[data]")') from exc
    return ray


def init_ray(jobs: int = 2, address: Optional[str] = None, quiet: bool = True):
    """Start a local Ray (``num_cpus=jobs``) or join ``address`` / ``$RAY_ADDRESS``; no-op when started."""
    ray = _import_ray()
    if ray.is_initialized():
        return ray
    address = address or env_ray_address()
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": not quiet,
                              "configure_logging": True, "logging_level": "ERROR" if quiet else "INFO"}
    if address:
        ray.init(address=address, **kwargs)
    else:
        # working_dir-free local start: the workers import tidings from this interpreter's path
        env = {"env_vars": {"PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}}
        # one logical CPU more than the actors take, for the read tasks (else they wait forever).
        # Ray runs its workers at nice 15 by default (so the driver and raylet stay responsive):
        # on a machine shared with other work that starves the actors, which do all the work
        # here, while `--jobs N` workers run at normal priority; tidings' driver is idle anyway.
        ray.init(num_cpus=max(1, jobs) + 1, runtime_env=env, _system_config={"worker_niceness": 0}, **kwargs)
    return ray


# ---- inputs ----------------------------------------------------------------------------------------
def _expand(inputs: Iterable[Union[str, os.PathLike]]) -> tuple[list[str], list[str]]:
    """(jsonl files, parquet files) named by the inputs (files or directories of shards)."""
    jsonl, parquet = [], []
    for raw in inputs:
        p = Path(raw)
        if str(raw) == "-":
            raise ValueError("--engine ray reads files, not stdin: write the JSONL to a file first")
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file())
        elif p.is_file():
            files = [p]
        else:
            raise FileNotFoundError(f"no such file or directory: {raw}")
        for f in files:
            name = f.name.lower()
            if name.endswith(JSONL_SUFFIXES):
                jsonl.append(str(f.resolve()))
            elif name.endswith(PARQUET_SUFFIXES):
                parquet.append(str(f.resolve()))
            elif p.is_file():
                raise ValueError(f"{f}: --engine ray reads JSONL or Parquet shards; use --engine local for "
                                 ".txt/.html files")
    if not jsonl and not parquet:
        raise ValueError("no JSONL or Parquet files in the inputs")
    return jsonl, parquet


def read_dataset(inputs: Iterable[Union[str, os.PathLike]], jobs: int = 2):
    """A Ray Dataset of input rows: ``line`` (a JSONL line) or the article columns (Parquet)."""
    ray = _import_ray()
    jsonl, parquet = _expand(inputs)
    parts = []
    if jsonl:
        parts.append(ray.data.read_text(jsonl, num_cpus=0.25, drop_empty_lines=True)
                     .rename_columns({"text": "line"}))
    if parquet:
        ds = ray.data.read_parquet(parquet, num_cpus=0.25)
        keep = [c for c in ds.columns() if c in ARTICLE_FIELDS]
        parts.append(ds.select_columns(keep))
    if len(parts) == 2:
        raise ValueError("mix of JSONL and Parquet inputs: run them separately")
    return parts[0]


def _rows(batch: dict) -> Iterator[Any]:
    """Articles (dicts, ArticleInput or InputProblem) of one batch, in order."""
    from ..ingest.readers import InputProblem, parse_record

    n = len(next(iter(batch.values()))) if batch else 0
    if "line" in batch:
        for i in range(n):
            line = batch["line"][i]
            try:
                obj = json.loads(line)
            except (TypeError, ValueError) as exc:
                yield InputProblem(where="<ray input>", message=f"malformed JSON line: {exc}")
                continue
            yield from parse_record(obj, where=str(obj.get("id", "<line>")) if isinstance(obj, dict) else "<line>")
        return
    for i in range(n):
        obj = {}
        for k, col in batch.items():
            v = col[i]
            if v is None or (isinstance(v, float) and v != v):
                continue
            obj[k] = v.isoformat() if hasattr(v, "isoformat") else (str(v) if k in ("id", "date") else v)
        yield from parse_record(obj, where=str(obj.get("id", "<row>")))


def _output_row(rec) -> dict:
    date = rec.date or ""
    return {"id": rec.id, "date": rec.date, "month": date[:7] if len(date) >= 7 else "unknown",
            "title": rec.title, "source": rec.source, "n_events": len(rec.events), "n_errors": len(rec.errors),
            "record": rec.to_json()}


class Extractor:
    """A Ray actor: the pipeline built once per actor, applied to batches of rows.

    An exception escaping the pipeline for a batch does not fail it: the batch is run again one
    article at a time, and an article that still fails gets a record with a ``worker`` error
    (:func:`tidings.run.failures.process_isolated`). ``pipeline_factory`` builds the pipeline
    (default: :func:`tidings.run.default_pipeline`)."""

    def __init__(self, config: dict, date: Optional[str] = None,
                 pipeline_factory: Optional[PipelineFactory] = None) -> None:
        self.pipeline = (pipeline_factory or default_pipeline)(Config(**config))
        self.date = date
        self.failures: list[str] = []   # "id: message" of the articles of the last batch that failed

    def __call__(self, batch: dict) -> dict:

        items = []
        problems: list[str] = []
        for it in _rows(batch):
            items.append(default_date(it, self.date))

        def on_problem(p) -> None:
            if p.id is None:
                problems.append(f"{p.where}: {p.message}")

        records, self.failures = process_isolated(self.pipeline, items, on_problem)
        rows = [_output_row(r) for r in records]
        for msg in problems:  # input lines without an id: no record, one row saying why
            rows.append({"id": None, "date": None, "month": "unknown", "title": None, "source": None,
                         "n_events": 0, "n_errors": 1, "record": json.dumps({"problem": msg})})
        return {c: [r[c] for r in rows] for c in OUTPUT_COLUMNS}


def extract_dataset(inputs, config: Optional[Config] = None, jobs: int = 2, date: Optional[str] = None,
                    batch_size: Optional[int] = None, pipeline_factory: Optional[PipelineFactory] = None):
    """The lazy Ray Dataset of output rows (:data:`OUTPUT_COLUMNS`), one per article, in input order.

    An article whose processing raises gets a record with a ``worker`` error (see :class:`Extractor`);
    a batch that kills its actor (out of memory, a crash in native code) is retried twice on a
    restarted actor, then the run fails with the error (Ray Data cannot isolate the article: the
    JSONL-to-JSONL path of :func:`extract_with_ray` can). ``pipeline_factory``: see :mod:`tidings.run`."""
    ray = _import_ray()
    config = config or Config()
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ds = read_dataset(inputs, jobs=jobs)
    pool = {"compute": ray.data.ActorPoolStrategy(size=max(1, jobs))} if hasattr(ray.data, "ActorPoolStrategy") \
        else {"concurrency": max(1, jobs)}
    kwargs = dict(fn_constructor_kwargs={"config": dataclasses.asdict(config), "date": date,
                                         "pipeline_factory": pipeline_factory},
                  batch_size=batch_size or config.batch_size, num_cpus=1, batch_format="numpy", **pool)
    # Ray Data restarts a dead actor and retries its task without end by default: a batch that
    # kills its actor every time would loop forever. Its only setting for that, extra remote
    # arguments, is deprecated (Ray 2.60) but has no replacement yet.
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*ray_remote_args.*deprecated")
        try:
            return ds.map_batches(Extractor, max_restarts=DATA_RETRIES, max_task_retries=DATA_RETRIES, **kwargs)
        except TypeError:  # pragma: no cover - a Ray without extra remote arguments
            return ds.map_batches(Extractor, **kwargs)


#: restarts of a dead Ray Data actor, and retries of its batch, before the run fails
DATA_RETRIES = 2


# ---- JSONL in, JSONL out: a pool of actors that read their own pieces of the shards -------------------
#: a JSONL shard larger than this is cut into pieces (at line boundaries) of about this size
PIECE_BYTES = 1 << 20
#: ... and no piece is planned smaller than this (a small input is not cut up for nothing)
MIN_PIECE_BYTES = 16 << 10


def _pieces(files: list[str], jobs: int) -> list[tuple[str, int, int]]:
    """(path, start byte, end byte; -1: to the end) pieces of the JSONL files, in input order: about
    four per worker at least, none over PIECE_BYTES unless compressed (read whole)."""
    sizes = [os.path.getsize(f) for f in files]
    target = max(MIN_PIECE_BYTES, min(PIECE_BYTES, sum(sizes) // max(1, 4 * jobs)))
    out = []
    for f, size in zip(files, sizes):
        if f.lower().endswith(".gz") or size <= target * 1.5:
            out.append((f, 0, -1))
            continue
        n = -(-size // target)
        step = -(-size // n)
        out.extend((f, k * step, min(size, (k + 1) * step)) for k in range(n))
    return out


def _raw_lines(path: str, start: int, end: int) -> Iterator[bytes]:
    """The raw lines of a piece: those whose first byte lies in [start, end) (end -1: the whole
    file; a .gz file is always read whole), one at a time."""
    if path.lower().endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as fh:
            yield from fh
        return
    with open(path, "rb") as fh:
        pos = start
        if start > 0:
            fh.seek(start - 1)
            pos = start - 1 + len(fh.readline())   # the line under way belongs to the piece before
        while end < 0 or pos < end:
            line = fh.readline()
            if not line:
                break
            pos += len(line)
            yield line


def _decoded(raw: list[bytes]) -> list[str]:
    lines = (b.decode("utf-8", errors="replace").strip() for b in raw)
    return [line for line in lines if line]


def _read_piece(path: str, start: int, end: int) -> list[str]:
    """The lines of a piece: those whose first byte lies in [start, end) (end -1: the whole file)."""
    return _decoded(list(_raw_lines(path, start, end)))


def _salvage_piece(path: str, start: int, end: int) -> tuple[list[str], Optional[str]]:
    """The lines of a piece that can be read (as :func:`_read_piece`, for the driver when a piece
    failed), and why the rest cannot (None: all read)."""
    raw: list[bytes] = []
    problem = None
    try:
        for line in _raw_lines(path, start, end):   # line by line: the lines before a corrupt block are kept
            raw.append(line)
    except Exception as exc:  # noqa: BLE001 - any read error is reported, the lines before it kept
        problem = f"{exc.__class__.__name__}: {exc}"
    return _decoded(raw), problem


class ShardWorker:
    """A Ray actor that reads pieces of JSONL shards itself and returns their records as JSONL
    text, so the driver only hands out file names and writes text in order."""

    def __init__(self, config: dict, date: Optional[str] = None,
                 pipeline_factory: Optional[PipelineFactory] = None) -> None:
        self.extractor = Extractor(config, date, pipeline_factory)

    def run(self, path: str, start: int, end: int) -> tuple:
        """:meth:`run_lines` on the lines of a piece of a shard."""
        return self.run_lines(_read_piece(path, start, end))

    def run_lines(self, lines: list[str]) -> tuple:
        """(JSONL of the records, records, records with errors, input lines skipped, articles that
        failed, their messages)."""
        out = self.extractor({"line": lines})
        text, n, with_errors, skipped = [], 0, 0, 0
        for rid, n_err, rec in zip(out["id"], out["n_errors"], out["record"]):
            if rid is None:
                skipped += 1
                continue
            n += 1
            with_errors += bool(n_err)
            text.append(rec)
            text.append("\n")
        notes = self.extractor.failures
        return "".join(text), n, with_errors, skipped, len(notes), notes


class RayRunError(RuntimeError):
    """The Ray run cannot go on (its workers keep dying without finishing anything)."""


def _failed_line(line: str, message: str, date: Optional[str]) -> tuple:
    """The result (as :meth:`ShardWorker.run_lines`) of one input line whose processing failed
    even on its own: its record with a ``worker`` error, built by the driver without NLP."""
    from ..ingest.readers import InputProblem

    try:
        items = list(_rows({"line": [line]}))
    except Exception as exc:  # noqa: BLE001
        note = f"<line {line[:40]!r}...>: cannot be read ({exc.__class__.__name__}: {exc}); {message}"
        return "", 0, 0, 1, 1, [note]
    text, n, skipped, notes = [], 0, 0, []
    for it in items:
        if isinstance(it, InputProblem) and it.id is None:
            skipped += 1      # a bad line anyway: skipped, as the worker would have done
            continue
        rec = failed_record(default_date(it, date), message)
        text.append(rec.to_json())
        text.append("\n")
        n += 1
        notes.append(f"{rec.id}: {message}")
    return "".join(text), n, n, skipped, n, notes


def _extract_jsonl_with_actors(files: list[str], fh, config: Config, jobs: int, date: Optional[str],
                               counts: dict, window: int = 3, pipeline_factory: Optional[PipelineFactory] = None,
                               notes: Optional[list] = None) -> None:
    """Run the pieces of ``files`` on ``jobs`` ShardWorker actors; write their JSONL to ``fh`` in input
    order. At most ``window × jobs`` pieces are in flight or waiting to be written.

    A piece that fails (its actor died: out of memory, a crash in native code, a lost node; or an
    exception outside the pipeline, such as an unreadable shard) does not stop the run: the driver
    reads its lines again and runs them in chunks of ``batch_size`` lines, a chunk that fails one
    line at a time, each on a fresh actor when the last one died; a line that fails on its own
    gets a record with a ``worker`` error (a part of a shard that cannot be read: a note). Pieces
    that merely shared the dead actor's queue are run again as they were. Messages of failed
    articles go to ``notes``; ``counts["failed"]`` counts them."""
    ray = _import_ray()
    from ray.exceptions import RayTaskError

    pieces = _pieces(files, jobs)
    # no restarts or retries by Ray: a failed piece is narrowed down here instead (a retry would
    # kill the actor again, and restarting an actor costs a model load)
    worker = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(ShardWorker)
    args = (dataclasses.asdict(config), date, pipeline_factory)
    n_actors = max(1, min(jobs, len(pieces)))
    actors = [worker.remote(*args) for _ in range(n_actors)]
    gen = [0] * n_actors            # replacements of each actor
    load = [0] * n_actors           # tasks queued on each actor
    pending: dict = {}              # ObjectRef -> (task, actor slot, its generation)
    retry: deque = deque()          # tasks to run again: (key, payload, tries, alone)
    alone_on: set = set()           # actors running a task alone (nothing else queued on them)
    parts: dict = {}                # piece index -> {key: result} until the piece is written
    left: dict = {}                 # piece index -> tasks of the piece not finished
    todo = iter(enumerate(pieces))
    next_out = 0
    limit = window * n_actors
    chunk = max(1, config.batch_size)
    breaks = 0                      # actor deaths since a task last finished
    max_breaks = 3 + 2 * n_actors
    notes = notes if notes is not None else []

    def next_task():
        if retry:
            return retry.popleft()
        if len(left) >= limit:
            return None
        nxt = next(todo, None)
        if nxt is None:
            return None
        i, piece = nxt
        left[i], parts[i] = 1, {}
        return (i,), piece, 0, False

    def fill() -> None:
        while True:
            slots = [s for s in range(n_actors) if s not in alone_on]
            if not slots:
                return
            slot = min(slots, key=load.__getitem__)
            if load[slot] >= 2:     # two tasks queued per actor: no idle gap between them
                return
            task = next_task()
            if task is None:
                return
            payload, alone = task[1], task[3]
            if alone:               # a single line, after a failure: alone on an idle actor
                if load[slot]:
                    retry.appendleft(task)
                    return
                alone_on.add(slot)
            a = actors[slot]
            ref = a.run.remote(*payload) if isinstance(payload, tuple) else a.run_lines.remote(payload)
            pending[ref] = (task, slot, gen[slot])
            load[slot] += 1

    def failed(task, slot: int, g: int, exc: BaseException) -> None:
        nonlocal breaks
        key, payload, tries, alone = task
        i = key[0]
        died = not isinstance(exc, RayTaskError)
        single = not isinstance(payload, tuple) and len(payload) == 1
        if died:
            if g < gen[slot] and tries < 3:
                retry.appendleft((key, payload, tries + 1, alone))   # queued behind the one that killed the actor
                return
            if g == gen[slot]:
                ray.kill(actors[slot])
                actors[slot] = worker.remote(*args)
                gen[slot] += 1
            breaks += 1
            if breaks > max_breaks:
                raise RayRunError(
                    f"Ray actors died {breaks} times in a row without finishing anything (last: "
                    f"{exc.__class__.__name__}): they cannot start (are tidings and its spaCy model installed on "
                    "every node?) or run out of memory; try fewer --jobs")
            if single and not alone:
                # which of the tasks queued on the actor killed it is not certain: the line is
                # only judged when it kills an actor running nothing else
                retry.appendleft((key, payload, 0, True))
                return
        left[i] -= 1
        message = failed_message(exc)
        if isinstance(payload, tuple):
            lines, problem = _salvage_piece(*payload)
            if problem:
                path, start, end = payload
                note = f"{path} (bytes {start}-{'end' if end < 0 else end}): cannot be read ({problem}); " \
                       "the lines after it were skipped"
                parts[i][key + (len(lines),)] = ("", 0, 0, 0, 1, [note])
        else:
            lines = payload
        if single:
            parts[i][key] = _failed_line(lines[0], message, date)
            return
        step = chunk if len(lines) > chunk else 1
        for c in range(0, len(lines), step):
            # a line runs alone on its actor: if it kills it, it is the one that did
            retry.append((key + (c,), lines[c:c + step], 0, step == 1))
            left[i] += 1

    try:
        fill()
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1)
            task, slot, g = pending.pop(ready[0])
            load[slot] -= 1
            if task[3]:
                alone_on.discard(slot)
            try:
                result = ray.get(ready[0])
            except Exception as exc:  # noqa: BLE001 - every failure is narrowed down, none stops the run
                failed(task, slot, g, exc)
            else:
                breaks = 0
                parts[task[0][0]][task[0]] = result
                left[task[0][0]] -= 1
            while next_out in left and left[next_out] == 0:
                del left[next_out]
                done = parts.pop(next_out)
                for key in sorted(done):
                    text, n, with_errors, skipped, n_failed, msgs = done[key]
                    fh.write(text)
                    counts["records"] += n
                    counts["with_errors"] += with_errors
                    counts["skipped"] += skipped
                    counts["failed"] += n_failed
                    notes.extend(msgs)
                next_out += 1
            fill()
    finally:
        for a in actors:
            ray.kill(a)


def _local_jsonl_only(inputs) -> Optional[list[str]]:
    """The JSONL files named by ``inputs`` when they are all local JSONL (else None)."""
    if any("://" in str(i) for i in inputs):
        return None
    jsonl, parquet = _expand(inputs)
    return None if parquet else jsonl


def extract_with_ray(inputs: list, output: Optional[Union[str, os.PathLike]], config: Config, jobs: int = 2,
                     date: Optional[str] = None, quiet: bool = False, address: Optional[str] = None,
                     via: str = "auto", pipeline_factory: Optional[PipelineFactory] = None) -> dict:
    """``tidings extract --engine ray``: JSONL to ``output`` (a ``.jsonl`` file, or stdout when None),
    else partitioned Parquet into the ``output`` directory. Returns counts: ``records`` written,
    ``with_errors`` (records with errors), ``skipped`` (input lines without a record),
    ``failed`` (articles whose processing failed in a worker: records with a ``worker`` error, and
    unreadable parts of shards).

    JSONL shards to JSONL (``via="auto"`` or ``"actors"``) run on a pool of actors that read their
    own pieces of the shards; Parquet on either side (or ``via="data"``) runs on Ray Data
    (:func:`extract_dataset`). Raises :class:`RayRunError` when the run cannot go on (the output
    is then incomplete). ``pipeline_factory(config)`` builds each worker's pipeline (default: the
    normal one; see :mod:`tidings.run`). ``quiet`` only keeps Ray's own logging down.

    Nothing is printed: each failed article or unreadable part of a shard is logged at ERROR
    (logger ``tidings.run.ray``, message ``"<id>: <why>"``), the totals at INFO."""
    init_ray(jobs, address=address, quiet=quiet)
    counts = {"records": 0, "with_errors": 0, "skipped": 0, "failed": 0}
    notes: list[str] = []
    out_path = Path(output) if output else None
    to_jsonl = out_path is None or str(out_path).lower().endswith((".jsonl", ".json", ".ndjson"))
    files = _local_jsonl_only(inputs) if to_jsonl and via != "data" else None
    if files is not None:
        with _output(out_path) as fh:
            _extract_jsonl_with_actors(files, fh, config, jobs, date, counts, pipeline_factory=pipeline_factory,
                                       notes=notes)
    elif not to_jsonl:
        ds = extract_dataset(inputs, config, jobs=jobs, date=date, pipeline_factory=pipeline_factory)
        with _data_errors(out_path):
            ds.filter(lambda row: row["id"] is not None).write_parquet(str(out_path), partition_cols=["month"])
        import pyarrow.compute as pc
        import pyarrow.dataset as pads

        data = pads.dataset(str(out_path), format="parquet", partitioning="hive")
        counts["records"] = data.count_rows()
        bad = data.to_table(columns=["record"], filter=pc.field("n_errors") > 0)
        counts["with_errors"] = bad.num_rows
        counts["failed"] = sum(_worker_failed(r) for r in bad.column("record").to_pylist())
    else:
        ds = extract_dataset(inputs, config, jobs=jobs, date=date, pipeline_factory=pipeline_factory)
        with _output(out_path) as fh, _data_errors(out_path):
            for row in ds.iter_rows():
                if _count(counts, row, quiet):
                    fh.write(row["record"])
                    fh.write("\n")
    for note in notes:
        log.error("%s", note)
    log.info("extract (ray, %d workers): %s", jobs, summary(counts))
    return counts


def summary(counts: dict) -> str:
    """The counts of :func:`extract_with_ray` in words (the CLI prints them)."""
    return (f"{counts['records']} records, {counts['with_errors']} with errors, "
            f"{counts['skipped']} input lines skipped, {counts['failed']} failed in a worker")


def _worker_failed(record: str) -> bool:
    """Whether a record (JSON) has a ``worker`` error (its processing failed in a worker)."""
    return '"stage":"worker"' in record


@contextlib.contextmanager
def _data_errors(out_path):
    """A Ray Data run that fails raises :class:`RayRunError` saying the output is incomplete."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        where = f"the output in {out_path}" if out_path else "the output"
        raise RayRunError(f"the Ray Data run failed ({exc.__class__.__name__}: {first}): {where} is incomplete. "
                          "A batch killed its worker again and again (out of memory or a crash in native code); "
                          "JSONL input to JSONL output (--engine ray, -o FILE.jsonl) isolates such an article "
                          "and goes on") from exc


@contextlib.contextmanager
def _output(out_path):
    """The JSONL output file (closed afterwards), or stdout when there is none."""
    if not out_path:
        yield sys.stdout
        return
    with open(out_path, "w", encoding="utf-8") as fh:
        yield fh


def _count(counts: dict, row: dict, quiet: bool) -> bool:
    if row["id"] is None:
        counts["skipped"] += 1
        return False
    counts["records"] += 1
    if row["n_errors"]:
        counts["with_errors"] += 1
        counts["failed"] += _worker_failed(row["record"])
    return True
