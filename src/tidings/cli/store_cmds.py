"""Store commands: ``ingest``, ``demo``, ``stats``."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..store import DEFAULT_DB

out = Console()

DB_OPTION = typer.Option(DEFAULT_DB, "--db", help="DuckDB file (created if missing).")


def register(app: typer.Typer) -> None:
    from .main import COMMON, Progress, err, make_config

    @app.command()
    def ingest(
        inputs: List[str] = typer.Argument(..., help="JSONL, .txt, .html files, directories, or - for JSONL on stdin."),
        db: Path = DB_OPTION,
        model: Optional[str] = COMMON["model"],
        jobs: int = COMMON["jobs"],
        quiet: bool = COMMON["quiet"],
        strict: bool = COMMON["strict"],
        date: Optional[str] = COMMON["date"],
        max_chars: int = COMMON["max_chars"],
        statements: bool = COMMON["statements"],
        lexicon: Optional[List[Path]] = COMMON["lexicon"],
        actors: Optional[List[Path]] = COMMON["actors"],
    ) -> None:
        """Extract articles and store every layer in DuckDB (re-ingesting is a no-op)."""
        from ..api import ingest as do_ingest
        from ..ingest.readers import read_inputs
        from ..store import Store, StoreError

        config = make_config(model, max_chars, statements, lexicon, actors)
        try:
            store = Store(db)
        except StoreError as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2)
        with store, Progress(quiet, "ingest") as progress:
            report = do_ingest(read_inputs(inputs), store, config, jobs=jobs, date=date,
                               on_record=progress.advance, on_problem=progress.problem)
            summary = store.sql("""SELECT (SELECT count(*) FROM canonical_events),
                                          (SELECT count(*) FROM canonical_events WHERE num_articles > 1),
                                          (SELECT count(*) FROM article_clusters WHERE matched_id IS NOT NULL)""").fetchone()
        if not quiet:
            err.print(f"stored {report.stored}, unchanged {report.skipped}, with errors {report.failed} -> {db}",
                      highlight=False)
            err.print(f"{summary[0]} canonical events ({summary[1]} reported by several articles); "
                      f"{summary[2]} articles are near-duplicates of earlier ones", highlight=False)
        if strict and report.failed:
            raise typer.Exit(1)

    @app.command()
    def demo(
        db: Path = DB_OPTION,
        model: Optional[str] = COMMON["model"],
        quiet: bool = COMMON["quiet"],
        limit: int = typer.Option(40, "--limit", help="Most events shown in the table."),
    ) -> None:
        """Ingest the bundled example articles and print what was found."""
        from ..api import ingest as do_ingest
        from ..examples import example_articles
        from ..store import Store

        config = make_config(model, 1_000_000)
        with Store(db) as store:
            with Progress(quiet, "demo") as progress:
                do_ingest(example_articles(), store, config, on_record=progress.advance,
                          on_problem=progress.problem)
            ids = [a.id for a in example_articles()]
            render_events(store, ids, limit=limit)
            render_counts(store, ids)

    @app.command()
    def stats(db: Path = DB_OPTION) -> None:
        """Summarise a tidings database: rows per table, events per type, top actors, date range."""
        from ..store import Store, StoreError

        if not Path(db).exists():
            err.print(f"[red]error:[/] no database at {db} (run `tidings ingest` or `tidings demo` first)")
            raise typer.Exit(2)
        try:
            store = Store(db)
        except StoreError as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2)
        with store:
            t = Table(title=f"tidings database {db} (schema v{store.version()})")
            t.add_column("table")
            t.add_column("rows", justify="right")
            for name, n in store.counts().items():
                t.add_row(name, f"{n:,}")
            out.print(t)
            lo, hi = store.sql("SELECT min(date), max(date) FROM articles").fetchone()
            out.print(f"articles dated {lo} to {hi}")
            rows = store.sql("SELECT event, count(*) n, round(avg(goldstein), 2) FROM canonical_events "
                             "WHERE NOT negated AND modality = 'asserted' GROUP BY 1 ORDER BY n DESC").fetchall()
            if rows:
                t = Table(title="asserted events by PLOVER type (deduplicated)")
                for c in ("event", "count", "mean Goldstein"):
                    t.add_column(c)
                for r in rows:
                    t.add_row(str(r[0]), str(r[1]), str(r[2]))
                out.print(t)
            rows = store.sql("SELECT coalesce(actor_code, '?') || coalesce(actor_sector, ''), count(*) n "
                             "FROM canonical_events GROUP BY 1 ORDER BY n DESC LIMIT 10").fetchall()
            if rows:
                out.print("top actors: " + ", ".join(f"{a} ({n})" for a, n in rows))
            n_err = store.sql("SELECT count(*) FROM articles WHERE n_errors > 0").fetchone()[0]
            out.print(f"articles with errors: {n_err}")


def _actor_label(code, sector, name, text) -> str:
    code = (code or "") + (sector or "")
    who = name or text or ""
    if code and who:
        return f"{who} [{code}]"
    return who or code or "-"


def render_events(store, ids: list[str], limit: int = 40) -> None:
    rows = store.sql(
        """SELECT coalesce(CAST(date AS VARCHAR), '?'), actor_code, actor_sector, actor_name, actor_text,
                  event, cameo, recipient_code, recipient_sector, recipient_name, recipient_text,
                  trigger_text, sentence_text, modality, negated
           FROM events WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, idx LIMIT ?""",
        [ids, limit]).fetchall()
    if not out.is_terminal and out.width < 160:
        out.width = 160  # piped or captured: room for one line per event
    t = Table(title="Events found in the example articles", show_lines=False)
    t.add_column("date", no_wrap=True)
    t.add_column("actor", overflow="fold", min_width=16, max_width=30)
    t.add_column("event", overflow="fold", min_width=12, max_width=24)
    t.add_column("recipient", overflow="fold", min_width=16, max_width=30)
    t.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=80)
    for r in rows:
        flag = "" if r[13] == "asserted" and not r[14] else f" ({'negated ' if r[14] else ''}{r[13]})"
        sent = r[12] or ""
        trig = r[11] or ""
        k = sent.find(trig)
        if k < 0:
            evidence = escape(sent)
        else:
            lo = max(0, k - 40)
            evidence = (("…" if lo else "") + escape(sent[lo:k]) + "[bold]" + escape(trig) + "[/]"
                        + escape(sent[k + len(trig):k + len(trig) + 60]))
        t.add_row(r[0], _actor_label(r[1], r[2], r[3], r[4]), f"{r[5]} {r[6]}{flag}",
                  _actor_label(r[7], r[8], r[9], r[10]), evidence.replace("\n", " "))
    if not rows:
        rows = store.sql("""SELECT a.id, e.text, e.label FROM entities e JOIN articles a ON a.id = e.article_id
                            WHERE a.id IN (SELECT unnest(?)) ORDER BY a.id, e.idx LIMIT ?""", [ids, limit]).fetchall()
        t = Table(title="Entities found in the example articles (no events coded)")
        for col in ("article", "entity", "label"):
            t.add_column(col)
        for r in rows:
            t.add_row(*[str(x) for x in r])
    out.print(t)


def render_counts(store, ids: list[str]) -> None:
    parts = []
    for table in ("events", "entities", "quotes", "places", "times", "amounts"):
        n = store.sql(f"SELECT count(*) FROM {table} WHERE article_id IN (SELECT unnest(?))", [ids]).fetchone()[0]
        parts.append(f"{n} {table}")
    out.print(f"{len(ids)} example articles: " + ", ".join(parts) + f"  (stored in {store.path})")
