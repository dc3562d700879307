"""``tidings`` command line. Every command is a thin shell over the Python API.

Subcommand groups live in sibling modules and register themselves on :data:`app`
through their ``register(app)`` function, listed in :data:`COMMAND_MODULES`.
"""
from __future__ import annotations

import contextlib
import importlib
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .. import __version__
from ..config import Config

if TYPE_CHECKING:  # imported where used, so that --help and light commands start fast
    from ..ingest.readers import InputProblem

app = typer.Typer(
    name="tidings",
    help="Political event data from international news: who did what to whom, when and where.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

#: modules with a ``register(app)`` adding their commands
COMMAND_MODULES = [
    "tidings.cli.store_cmds",
    "tidings.cli.evaluate_cmd",
    "tidings.cli.actors_cmd",
    "tidings.cli.events_cmd",
    "tidings.cli.records_cmds",
    "tidings.cli.live_cmds",
    "tidings.cli.serve_cmd",
]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"tidings {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """tidings turns news articles into coded political events (CAMEO + PLOVER)."""


# ---- shared option helpers ---------------------------------------------------------------------
def make_config(model: Optional[str], max_chars: int, statements: bool = False,
                lexicon: Optional[List[Path]] = None, actors: Optional[List[Path]] = None,
                cascade: bool = False, batch_size: int = 32, recycle: Optional[int] = None,
                events: Optional[str] = None) -> Config:
    config = Config(model=model, max_chars=max_chars, statements=statements, cascade=cascade,
                    lexicon_files=[str(p) for p in lexicon or []], actor_files=[str(p) for p in actors or []],
                    batch_size=batch_size)
    if events:
        from ..events.combine import SETTINGS
        if events not in SETTINGS:
            raise typer.BadParameter(f"--events must be one of {', '.join(SETTINGS)}")
        config = config.replace(events=events)
    return config.replace(recycle=recycle) if recycle is not None else config


class Progress:
    """A rich progress bar on stderr (nothing with --quiet or when stderr is no terminal)."""

    def __init__(self, quiet: bool, label: str) -> None:
        self.quiet = quiet
        self.label = label
        self._progress = None
        self.done = 0
        self.failed = 0
        self.problems: list[InputProblem] = []

    def __enter__(self):
        if not self.quiet and err.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RP, TextColumn, TimeElapsedColumn

            self._progress = RP(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), console=err)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=None, failed=0)
        return self

    def problem(self, p: InputProblem) -> None:
        self.problems.append(p)
        if p.id is None:
            self.failed += 1
            if not self.quiet:
                err.print(f"[yellow]skipped[/] {p.where}: {p.message}", highlight=False)

    def advance(self, record) -> None:
        self.done += 1
        if record.errors:
            self.failed += 1
            if not self.quiet and not self._progress:
                first = record.errors[0]
                err.print(f"[yellow]error[/] {record.id} [{first.stage}] {first.message}", highlight=False)
        if self._progress:
            self._progress.update(self._task, advance=1, failed=self.failed)

    def __exit__(self, *exc):
        if self._progress:
            self._progress.stop()
        if not self.quiet:
            err.print(f"{self.label}: {self.done} records, {self.failed} with errors", highlight=False)
        return False


def run_records(inputs: List[str], config: Config, jobs: int, date: Optional[str], progress: Progress) -> Iterator:
    """Records for the inputs, in order, with problems reported to the progress."""
    from ..api import records as api_records

    try:
        records = api_records(inputs, config, jobs, date, on_problem=progress.problem)
    except Exception as exc:  # model missing etc.
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2)
    for rec in records:
        progress.advance(rec)
        yield rec


COMMON = dict(
    model=typer.Option(None, "--model", help="spaCy model name or path (default: best English model installed)."),
    jobs=typer.Option(1, "--jobs", "-j", min=1, help="Worker processes (model loaded once per worker)."),
    quiet=typer.Option(False, "--quiet", "-q", help="No progress bar or per-article messages."),
    strict=typer.Option(False, "--strict", help="Exit 1 if any article failed."),
    date=typer.Option(None, "--date", help="Publication date (ISO) for articles that have none."),
    max_chars=typer.Option(1_000_000, "--max-chars", help="Longest article processed (characters)."),
    statements=typer.Option(False, "--statements", help="Also code 01x statement events (off by default)."),
    lexicon=typer.Option(None, "--lexicon", help="Extra trigger-pattern file(s) (YAML/JSONL), repeatable."),
    actors=typer.Option(None, "--actors", help="Extra actor KB file(s) (YAML/JSONL/CSV or PETRARCH .txt), repeatable."),
    events=typer.Option("both", "--events", help="Event coder: lexicon (fastest), model (learned classifier "
                                                 "only) or both (lexicon + classifier, default)."),
)


@contextlib.contextmanager
def _ray_failures_to_stderr(quiet: bool):
    """While the Ray engine runs: its failed articles (logged at ERROR) are printed as errors
    (with ``--quiet``: dropped, not left to logging's last-resort handler)."""
    logger = logging.getLogger("tidings.run.ray")

    class _Errors(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not quiet:
                err.print(f"[yellow]error[/] {escape(record.getMessage())}", highlight=False, soft_wrap=True)

    handler = _Errors(logging.ERROR)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., help="JSONL, .txt, .html files, directories, or - for JSONL on stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write JSONL here (default: stdout)."),
    model: Optional[str] = COMMON["model"],
    jobs: int = COMMON["jobs"],
    quiet: bool = COMMON["quiet"],
    strict: bool = COMMON["strict"],
    date: Optional[str] = COMMON["date"],
    max_chars: int = COMMON["max_chars"],
    statements: bool = COMMON["statements"],
    lexicon: Optional[List[Path]] = COMMON["lexicon"],
    actors: Optional[List[Path]] = COMMON["actors"],
    events: str = COMMON["events"],
    engine: str = typer.Option("local", "--engine", help="local (processes) or ray (Ray Data; RAY_ADDRESS joins a "
                                                        "cluster; -o DIR writes month-partitioned Parquet)."),
    cascade: bool = typer.Option(False, "--cascade", help="Parse only sentences with a trigger, actor, quote or "
                                                          "time word; tag the others cheaply (faster)."),
    recycle: Optional[int] = typer.Option(None, "--recycle", min=0, show_default=False,
                                          help="With --jobs N: replace each worker process by a fresh one after "
                                               "about this many articles (memory stays flat; 0: never; default: "
                                               "Config.recycle, 1,000)."),
) -> None:
    """Extract document records (JSONL, one per article, input order) from articles."""
    config = make_config(model, max_chars, statements, lexicon, actors, cascade=cascade, recycle=recycle,
                         events=events)
    if engine == "ray":
        from ..api import extract_files
        from ..nlp import ModelNotFound
        from ..run.ray import RayRunError, summary

        try:
            with _ray_failures_to_stderr(quiet):
                counts = extract_files(inputs, output, config, engine="ray", jobs=jobs, date=date, quiet=quiet)
        except (ImportError, ValueError, FileNotFoundError, ModelNotFound) as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2)
        except RayRunError as exc:   # the engine could not go on
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(1)
        if not quiet:
            err.print(f"extract (ray, {jobs} workers): {summary(counts)}", highlight=False, soft_wrap=True)
        if strict and (counts["with_errors"] or counts["skipped"] or counts["failed"]):
            raise typer.Exit(1)
        return
    if engine != "local":
        raise typer.BadParameter("--engine must be 'local' or 'ray'")
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        with Progress(quiet, "extract") as progress:
            for rec in run_records(inputs, config, jobs, date, progress):
                out.write(rec.to_json())
                out.write("\n")
    finally:
        if output:
            out.close()
    if strict and progress.failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a document record (generated from tidings.model)."""
    from ..model import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def _register_all() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


_register_all()


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
