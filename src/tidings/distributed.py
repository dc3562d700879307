"""Distributed extraction on Ray Data (the optional extra: ``pip install "tidings[ray]"``).

The same :class:`~tidings.pipeline.Pipeline` runs in a pool of Ray actors, each loading
the spaCy model once. Input is JSONL (one article per line, read as text lines and
parsed by tidings' own tolerant reader, so one bad line never fails a shard) or Parquet
(columns ``id``, ``text`` or ``html``, optional ``date``, ``title``, ``source``, ``url``),
as files, directories of shards or glob-free lists of both. Output is either JSONL (in
input order, written by the driver as results stream in) or a directory of Parquet
files partitioned by publication month (``month=2016-09/...``) with the columns of
:data:`OUTPUT_COLUMNS`; ``record`` holds the whole document record as JSON, ready for
``tidings ingest`` or DuckDB's ``read_parquet`` + ``json`` functions.

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
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from .pipeline import Config

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
    address = address or os.environ.get("RAY_ADDRESS")
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
    from .ingest.readers import InputProblem, parse_record

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
    """A Ray actor: the pipeline built once per actor, applied to batches of rows."""

    def __init__(self, config: dict, date: Optional[str] = None) -> None:
        from .pipeline import Pipeline

        self.pipeline = Pipeline(Config(**config))
        self.date = date

    def __call__(self, batch: dict) -> dict:
        from .ingest.readers import InputProblem

        items = []
        problems: list[str] = []
        for it in _rows(batch):
            if self.date and not isinstance(it, InputProblem) and not it.date:
                it.date = self.date
            items.append(it)
        rows = [_output_row(r) for r in self.pipeline.process(items, on_problem=lambda p: problems.append(
            f"{p.where}: {p.message}") if p.id is None else None)]
        for msg in problems:  # input lines without an id: no record, one row saying why
            rows.append({"id": None, "date": None, "month": "unknown", "title": None, "source": None,
                         "n_events": 0, "n_errors": 1, "record": json.dumps({"problem": msg})})
        return {c: [r[c] for r in rows] for c in OUTPUT_COLUMNS}


def extract_dataset(inputs, config: Optional[Config] = None, jobs: int = 2, date: Optional[str] = None,
                    batch_size: Optional[int] = None):
    """The lazy Ray Dataset of output rows (:data:`OUTPUT_COLUMNS`), one per article, in input order."""
    ray = _import_ray()
    config = config or Config()
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ds = read_dataset(inputs, jobs=jobs)
    pool = {"compute": ray.data.ActorPoolStrategy(size=max(1, jobs))} if hasattr(ray.data, "ActorPoolStrategy") \
        else {"concurrency": max(1, jobs)}
    return ds.map_batches(Extractor, fn_constructor_kwargs={"config": dataclasses.asdict(config), "date": date},
                          batch_size=batch_size or config.batch_size, num_cpus=1, batch_format="numpy", **pool)


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


def _read_piece(path: str, start: int, end: int) -> list[str]:
    """The lines of a piece: those whose first byte lies in [start, end) (end -1: the whole file)."""
    if path.lower().endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as fh:
            raw = fh.read().splitlines()
    else:
        raw = []
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
                raw.append(line)
    lines = (b.decode("utf-8", errors="replace").strip() for b in raw)
    return [line for line in lines if line]


class ShardWorker:
    """A Ray actor that reads pieces of JSONL shards itself and returns their records as JSONL
    text, so the driver only hands out file names and writes text in order."""

    def __init__(self, config: dict, date: Optional[str] = None) -> None:
        self.extractor = Extractor(config, date)

    def run(self, path: str, start: int, end: int) -> tuple[str, int, int, int]:
        """(JSONL of the records, records, records with errors, input lines skipped)."""
        out = self.extractor({"line": _read_piece(path, start, end)})
        text, n, with_errors, skipped = [], 0, 0, 0
        for rid, n_err, rec in zip(out["id"], out["n_errors"], out["record"]):
            if rid is None:
                skipped += 1
                continue
            n += 1
            with_errors += bool(n_err)
            text.append(rec)
            text.append("\n")
        return "".join(text), n, with_errors, skipped


def _extract_jsonl_with_actors(files: list[str], fh, config: Config, jobs: int, date: Optional[str],
                               counts: dict, window: int = 3) -> None:
    """Run the pieces of ``files`` on ``jobs`` ShardWorker actors; write their JSONL to ``fh`` in input
    order. At most ``window × jobs`` pieces are in flight or waiting to be written."""
    ray = _import_ray()
    pieces = _pieces(files, jobs)
    worker = ray.remote(num_cpus=1, max_restarts=2, max_task_retries=2)(ShardWorker)
    actors = [worker.remote(dataclasses.asdict(config), date) for _ in range(max(1, min(jobs, len(pieces))))]
    pending: dict = {}      # ObjectRef -> (piece index, actor)
    done: dict = {}         # piece index -> result, until it is written
    todo = iter(enumerate(pieces))
    next_out = 0
    limit = window * len(actors)

    def submit(actor) -> None:
        if len(pending) + len(done) >= limit:
            return
        nxt = next(todo, None)
        if nxt is not None:
            i, (path, start, end) = nxt
            pending[actor.run.remote(path, start, end)] = (i, actor)

    try:
        for _ in range(2):      # two pieces queued per actor: no idle gap between pieces
            for a in actors:
                submit(a)
        idle: list = []
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1)
            i, actor = pending.pop(ready[0])
            done[i] = ray.get(ready[0])
            while next_out in done:
                text, n, with_errors, skipped = done.pop(next_out)
                fh.write(text)
                counts["records"] += n
                counts["with_errors"] += with_errors
                counts["skipped"] += skipped
                next_out += 1
            idle.append(actor)
            while idle and len(pending) + len(done) < limit:
                before = len(pending)
                submit(idle.pop(0))
                if len(pending) == before:
                    break
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
                     via: str = "auto") -> dict:
    """``tidings extract --engine ray``: JSONL to ``output`` (a ``.jsonl`` file, or stdout when None),
    else partitioned Parquet into the ``output`` directory. Returns counts.

    JSONL shards to JSONL (``via="auto"`` or ``"actors"``) run on a pool of actors that read their
    own pieces of the shards; Parquet on either side (or ``via="data"``) runs on Ray Data
    (:func:`extract_dataset`)."""
    init_ray(jobs, address=address, quiet=quiet)
    counts = {"records": 0, "with_errors": 0, "skipped": 0}
    out_path = Path(output) if output else None
    to_jsonl = out_path is None or str(out_path).lower().endswith((".jsonl", ".json", ".ndjson"))
    files = _local_jsonl_only(inputs) if to_jsonl and via != "data" else None
    if files is not None:
        with _output(out_path) as fh:
            _extract_jsonl_with_actors(files, fh, config, jobs, date, counts)
    elif not to_jsonl:
        ds = extract_dataset(inputs, config, jobs=jobs, date=date)
        ds.filter(lambda row: row["id"] is not None).write_parquet(str(out_path), partition_cols=["month"])
        import pyarrow.dataset as pads

        table = pads.dataset(str(out_path), format="parquet", partitioning="hive").to_table(columns=["n_errors"])
        counts["records"] = table.num_rows
        counts["with_errors"] = sum(1 for v in table.column("n_errors").to_pylist() if v)
    else:
        ds = extract_dataset(inputs, config, jobs=jobs, date=date)
        with _output(out_path) as fh:
            for row in ds.iter_rows():
                if _count(counts, row, quiet):
                    fh.write(row["record"])
                    fh.write("\n")
    if not quiet:
        print(f"extract (ray, {jobs} workers): {counts['records']} records, {counts['with_errors']} with errors, "
              f"{counts['skipped']} input lines skipped", file=sys.stderr)
    return counts


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
    return True
