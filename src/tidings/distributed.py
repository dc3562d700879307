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

Locally it starts a private Ray (``num_cpus=jobs``, no dashboard); with ``RAY_ADDRESS``
set (or ``address=`` given) it joins that cluster instead. Cluster recipe::

    # on the head node                      # on each worker node
    ray start --head --port=6379            ray start --address=HEAD_IP:6379
    # on any node, tidings and its model installed on every node:
    RAY_ADDRESS=auto tidings extract --engine ray --jobs 32 shards/ -o out_parquet/
"""
from __future__ import annotations

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
        # one logical CPU more than the actors take, for the read tasks (else they wait forever)
        ray.init(num_cpus=max(1, jobs) + 1, runtime_env=env, **kwargs)
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


def extract_with_ray(inputs: list, output: Optional[Union[str, os.PathLike]], config: Config, jobs: int = 2,
                     date: Optional[str] = None, quiet: bool = False, address: Optional[str] = None) -> dict:
    """``tidings extract --engine ray``: JSONL to ``output`` (a ``.jsonl`` file, or stdout when None),
    else partitioned Parquet into the ``output`` directory. Returns counts."""
    init_ray(jobs, address=address, quiet=quiet)
    ds = extract_dataset(inputs, config, jobs=jobs, date=date)
    counts = {"records": 0, "with_errors": 0, "skipped": 0}
    out_path = Path(output) if output else None
    if out_path is not None and not str(out_path).lower().endswith((".jsonl", ".json", ".ndjson")):
        ds.filter(lambda row: row["id"] is not None).write_parquet(str(out_path), partition_cols=["month"])
        import pyarrow.dataset as pads

        table = pads.dataset(str(out_path), format="parquet", partitioning="hive").to_table(columns=["n_errors"])
        counts["records"] = table.num_rows
        counts["with_errors"] = sum(1 for v in table.column("n_errors").to_pylist() if v)
    else:
        fh = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout
        try:
            for row in ds.iter_rows():
                if _count(counts, row, quiet):
                    fh.write(row["record"])
                    fh.write("\n")
        finally:
            if out_path:
                fh.close()
    if not quiet:
        print(f"extract (ray, {jobs} workers): {counts['records']} records, {counts['with_errors']} with errors, "
              f"{counts['skipped']} input lines skipped", file=sys.stderr)
    return counts


def _count(counts: dict, row: dict, quiet: bool) -> bool:
    if row["id"] is None:
        counts["skipped"] += 1
        return False
    counts["records"] += 1
    if row["n_errors"]:
        counts["with_errors"] += 1
    return True
