"""Event-record commands: ``export``, ``dyad``, ``top``, ``timeline``, ``dedup``."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..store import DEFAULT_DB

out = Console()
err = Console(stderr=True)

DB = typer.Option(DEFAULT_DB, "--db", help="tidings DuckDB database.")
SINCE = typer.Option(None, "--since", help="First event date: YYYY-MM-DD, YYYY-MM, YYYY, or Nd (N days ago).")
UNTIL = typer.Option(None, "--until", help="Last event date: YYYY-MM-DD, YYYY-MM (its last day), YYYY.")
ACTOR = typer.Option(None, "--actor", help="CAMEO actor code or prefix (PAK, USAGOV, IGOUNO), either side; repeatable.")
COUNTRY = typer.Option(None, "--country", help="ISO3/ISO2 country: actor on either side or event location; repeatable.")
TYPE = typer.Option(None, "--type", help="PLOVER type (ACCUSE) or CAMEO code prefix (11, 0234); repeatable.")
MODAL = typer.Option(False, "--include-modal", help="Also intended, hypothetical, predicted and alleged events.")
NEGATED = typer.Option(False, "--include-negated", help="Also negated events (\"did not attack\").")
BY = typer.Option("month", "--by", help="Period: day, week, month, quarter or year.")


def _open(db: Path):
    from ..store import Store, StoreError

    if not Path(db).exists():
        err.print(f"[red]error:[/] no database at {db} (run `tidings ingest` or `tidings demo` first)")
        raise typer.Exit(2)
    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2)


def _date(v: Optional[str], name: str, end: bool = False):
    """YYYY-MM-DD; also YYYY-MM or YYYY (first day, or last day for --until), and Nd (N days ago)."""
    import datetime as dt
    import re

    from ..nlp.text import parse_date

    if not v:
        return None
    v = v.strip()
    if re.fullmatch(r"\d+d", v):
        try:
            return dt.date.today() - dt.timedelta(days=int(v[:-1]))
        except (OverflowError, ValueError):
            pass
    else:
        d = parse_date(v, partial=True, end=end)
        if d is not None:
            return d
    raise typer.BadParameter(f"{name}: expected YYYY-MM-DD, YYYY-MM, YYYY or Nd (days ago), got {v!r}")


def _fmt(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "-"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def _table(df, title: str, columns: Optional[list[str]] = None) -> Table:
    t = Table(title=title)
    cols = columns or list(df.columns)
    for c in cols:
        t.add_column(c, justify="right" if str(df[c].dtype) not in ("object", "string") else "left",
                     overflow="fold")
    for row in df[cols].itertuples(index=False):
        t.add_row(*[_fmt(v) for v in row])
    return t


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        fmt: str = typer.Option("gdelt", "--format", "-f", help="gdelt, gdelt-mentions, plover, icews, csv or parquet."),
        output: Optional[Path] = typer.Option(None, "--output", "-o",
                                              help="File (default: stdout); a directory for parquet."),
        db: Path = DB, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
        actor: Optional[List[str]] = ACTOR, country: Optional[List[str]] = COUNTRY,
        type_: Optional[List[str]] = typer.Option(None, "--type", help=TYPE.help),
        include_modal: bool = MODAL, include_negated: bool = NEGATED,
        header: bool = typer.Option(False, "--header", help="gdelt, gdelt-mentions: write the column names first."),
        with_text: bool = typer.Option(False, "--with-text", help="plover: include the sentence (if you hold the rights)."),
    ) -> None:
        """Export the deduplicated events (streamed): GDELT 2.0 TSV, PLOVER JSONL, ICEWS CSV, CSV, Parquet."""
        from ..export import FORMATS, ExportError, Filters, export as do_export

        if fmt.lower() not in FORMATS:
            raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
        filters = Filters(since=_date(since, "--since"), until=_date(until, "--until", end=True), actor=actor or [],
                          country=country or [], types=type_ or [], include_modal=include_modal,
                          include_negated=include_negated)
        with _open(db) as store:
            try:
                if fmt.lower() == "parquet":
                    if not output:
                        raise typer.BadParameter("parquet needs --output DIR")
                    res = do_export(store, "parquet", output, filters)
                elif output:
                    with open(output, "w", encoding="utf-8", newline="") as fh:
                        res = do_export(store, fmt, fh, filters, header=header, with_text=with_text)
                else:
                    res = do_export(store, fmt, sys.stdout, filters, header=header, with_text=with_text)
                    sys.stdout.flush()
            except ExportError as exc:
                err.print(f"[red]error:[/] {exc}", highlight=False)
                raise typer.Exit(2)
        msg = f"exported {res['written']} events ({fmt})"
        if res["skipped"]:
            msg += f", skipped {res['skipped']} without a date" + (" or CAMEO code" if fmt.lower() == "gdelt" else "")
        err.print(msg + (f" -> {output}" if output else ""), highlight=False)

    @app.command()
    def dyad(
        a: str = typer.Argument(..., help="First actor (USA, PAKGOV, IGOUNO, ...)."),
        b: str = typer.Argument(..., help="Second actor."),
        by: str = BY, db: Path = DB, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
        type_: Optional[List[str]] = typer.Option(None, "--type", help=TYPE.help),
        include_modal: bool = MODAL, include_negated: bool = NEGATED,
        plot: Optional[Path] = typer.Option(None, "--plot", help="Draw the series to this PNG file."),
        csv: Optional[Path] = typer.Option(None, "--csv", help="Also write the table as CSV."),
    ) -> None:
        """Relations between two actors per period, both directions: events per quad class, mean Goldstein,
        net cooperation; a sparkline per direction."""
        from ..analysis import PERIODS, dyad as do_dyad, plot_dyad, sparkline

        if by not in PERIODS:
            raise typer.BadParameter(f"--by must be one of {', '.join(PERIODS)}")
        with _open(db) as store:
            df = do_dyad(store, a, b, by=by, include_modal=include_modal, include_negated=include_negated,
                         since=_date(since, "--since"), until=_date(until, "--until", end=True), types=type_ or [])
        if df.empty:
            out.print(f"no {'' if include_modal else 'asserted '}events between {a.upper()} and {b.upper()}")
            raise typer.Exit(0)
        cols = ["period", "direction", "events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
                "q4_material_conflict", "goldstein_mean", "net_coop"]
        view = df.rename(columns={"q1_verbal_coop": "q1", "q2_material_coop": "q2", "q3_verbal_conflict": "q3",
                                  "q4_material_conflict": "q4", "goldstein_mean": "goldstein"})
        short = ["period", "direction", "events", "q1", "q2", "q3", "q4", "goldstein", "net_coop"]
        out.print(_table(view, f"{a.upper()} / {b.upper()} by {by} (q1 verbal coop, q2 material coop, "
                               f"q3 verbal conflict, q4 material conflict)", short))
        for d in dict.fromkeys(df["direction"]):
            sub = df[df["direction"] == d]
            out.print(f"{d:>10}  events {sparkline(sub['events'])}  net coop {sparkline(sub['net_coop'])}  "
                      f"total {int(sub['events'].sum())}, net {int(sub['net_coop'].sum()):+d}", highlight=False)
        if csv:
            df[["period", "direction", "source", "target", *cols[2:], "goldstein_sum", "articles"]].to_csv(csv, index=False)
        if plot:
            plot_dyad(df, plot, title=f"{a.upper()} / {b.upper()} by {by}")
            err.print(f"plot -> {plot}", highlight=False)

    @app.command()
    def top(
        what: str = typer.Argument("actors", help="actors, dyads, types or events."),
        n: int = typer.Option(10, "--n", "-n", help="How many."),
        db: Path = DB, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
        actor: Optional[List[str]] = ACTOR, country: Optional[List[str]] = COUNTRY,
        type_: Optional[List[str]] = typer.Option(None, "--type", help=TYPE.help),
        include_modal: bool = MODAL, include_negated: bool = NEGATED,
        level: str = typer.Option("country", "--level", help="actors/dyads: country (PAK) or cameo (PAKGOV)."),
    ) -> None:
        """The top actors, dyads (who does what to whom), event types, or most reported events."""
        from ..analysis import top as do_top

        if what not in ("actors", "dyads", "types", "events"):
            raise typer.BadParameter("what: actors, dyads, types or events")
        with _open(db) as store:
            df = do_top(store, what, n=n, include_modal=include_modal, include_negated=include_negated,
                        since=_date(since, "--since"), until=_date(until, "--until", end=True), actor=actor or [],
                        country=country or [], types=type_ or [], level=level)
        if df.empty:
            out.print("no events match")
            return
        if what == "events":
            df["who"] = [f"{x or '?'}{s or ''}" for x, s in zip(df["actor_code"], df["actor_sector"])]
            df["whom"] = [f"{x or '-'}{s or ''}" for x, s in zip(df["recipient_code"], df["recipient_sector"])]
            cols = ["id", "date", "who", "event", "cameo", "whom", "loc_name", "num_articles", "num_sources",
                    "evidence"]
        elif what == "dyads":
            df = df.rename(columns={"q1_verbal_coop": "q1", "q2_material_coop": "q2", "q3_verbal_conflict": "q3",
                                    "q4_material_conflict": "q4", "goldstein_mean": "goldstein"})
            cols = ["source", "target", "events", "q1", "q2", "q3", "q4", "goldstein", "net_coop"]
        else:
            cols = list(df.columns)
        out.print(_table(df, f"top {what}", cols))

    @app.command()
    def timeline(
        actor: str = typer.Argument(..., help="Actor (PAK, USAGOV, IGOUNO, ...)."),
        by: str = BY, db: Path = DB, since: Optional[str] = SINCE, until: Optional[str] = UNTIL,
        type_: Optional[List[str]] = typer.Option(None, "--type", help=TYPE.help),
        include_modal: bool = MODAL, include_negated: bool = NEGATED,
        plot: Optional[Path] = typer.Option(None, "--plot", help="Draw the series to this PNG file."),
    ) -> None:
        """Events involving one actor per period, as source and as target."""
        from ..analysis import PERIODS, plot_timeline, sparkline, timeline as do_timeline

        if by not in PERIODS:
            raise typer.BadParameter(f"--by must be one of {', '.join(PERIODS)}")
        with _open(db) as store:
            df = do_timeline(store, actor, by=by, include_modal=include_modal, include_negated=include_negated,
                             since=_date(since, "--since"), until=_date(until, "--until", end=True), types=type_ or [])
        if df.empty:
            out.print(f"no events involving {actor.upper()}")
            return
        view = df.rename(columns={"q1_verbal_coop": "q1", "q2_material_coop": "q2", "q3_verbal_conflict": "q3",
                                  "q4_material_conflict": "q4", "goldstein_mean": "goldstein"})
        out.print(_table(view, f"{actor.upper()} by {by}",
                         ["period", "role", "events", "q1", "q2", "q3", "q4", "goldstein", "net_coop"]))
        for role in dict.fromkeys(df["role"]):
            sub = df[df["role"] == role]
            out.print(f"{'as ' + role:>10}  events {sparkline(sub['events'])}  net coop {sparkline(sub['net_coop'])}",
                      highlight=False)
        if plot:
            plot_timeline(df, plot, title=f"{actor.upper()} by {by}")
            err.print(f"plot -> {plot}", highlight=False)

    @app.command()
    def dedup(
        db: Path = DB,
        rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild clusters and canonical events."),
        window: Optional[int] = typer.Option(None, "--window", help="Days two reports of one event may differ (with --rebuild)."),
        threshold: Optional[float] = typer.Option(None, "--threshold", help="Near-duplicate Jaccard threshold (with --rebuild)."),
        n: int = typer.Option(10, "--n", help="Largest near-duplicate clusters shown."),
    ) -> None:
        """Show near-duplicate clusters and canonical-event counts; --rebuild with new settings."""
        import dataclasses

        from ..store import Store, StoreError

        if not Path(db).exists():
            err.print(f"[red]error:[/] no database at {db}")
            raise typer.Exit(2)
        try:
            store = Store(db, read_only=not rebuild)
        except StoreError as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2)
        with store:
            if rebuild:
                cfg = store.dedup
                if window is not None:
                    cfg = dataclasses.replace(cfg, window_days=window)
                if threshold is not None:
                    cfg = dataclasses.replace(cfg, threshold=threshold)
                k = store.rebuild_dedup(cfg)
                err.print(f"rebuilt from {k} articles with {cfg}", highlight=False)
            elif window is not None or threshold is not None:
                raise typer.BadParameter("--window/--threshold need --rebuild")
            s = store.sql("""SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT cluster_id) FROM article_clusters),
                                    (SELECT count(*) FROM events), (SELECT count(*) FROM canonical_events),
                                    (SELECT count(*) FROM canonical_events WHERE num_articles > 1)""").fetchone()
            out.print(f"settings: {store.dedup}", highlight=False)
            out.print(f"{s[0]} articles in {s[1]} stories; {s[2]} event mentions -> {s[3]} canonical events "
                      f"({s[4]} reported by more than one article)", highlight=False)
            rows = store.sql("""SELECT cluster_id, count(*) n, list(article_id ORDER BY article_id) FROM article_clusters
                                GROUP BY 1 HAVING n > 1 ORDER BY n DESC, 1 LIMIT ?""", [n]).fetchall()
            if rows:
                t = Table(title="near-duplicate articles")
                for c in ("first article", "copies", "articles"):
                    t.add_column(c)
                for cid, k, ids in rows:
                    t.add_row(cid, str(k), ", ".join(ids[:8]) + (" ..." if len(ids) > 8 else ""))
                out.print(t)
