"""Live commands: ``watch`` (folders and feeds, a batch every interval) and ``publish`` (GDELT-style
update files for a period). Thin shells over tidings.live."""
from __future__ import annotations

import datetime as dt
import signal
import time
from pathlib import Path
from typing import List, Optional

import typer

from ..store import DEFAULT_DB


def _when(t: Optional[float]) -> str:
    if t is None:
        return "-"
    left = max(0, int(t - time.time()))
    at = dt.datetime.fromtimestamp(t).strftime("%H:%M:%S")
    return f"{at} (in {left // 60}m{left % 60:02d}s)"


def status_line(st) -> str:
    """The live line: files and items seen, stored and failed, the last batch, the next one."""
    last = st.last
    if last is None:
        last_txt = "none yet"
    elif last.error:
        last_txt = f"FAILED ({last.error[:60]})"
    else:
        last_txt = (f"{last.started:%H:%M:%S} {last.articles} articles, {last.stored} stored, {last.events} new events "
                    f"in {last.seconds:.1f}s" + (f", published {last.published}" if last.published else ""))
    feeds = f" | feeds {st.feeds} ({st.feeds_failing} failing)" if st.feeds else ""
    return (f"[{st.phase}] files {st.files_seen} | items {st.items_seen} | stored {st.stored} | "
            f"unchanged {st.skipped} | failed {st.failed}{feeds} | last batch: {last_txt} | "
            f"next: {_when(st.next_at) if st.phase == 'waiting' else '-'}")


def register(app: typer.Typer) -> None:
    from .main import COMMON, err, make_config

    @app.command()
    def watch(
        dirs: Optional[List[Path]] = typer.Argument(None, help="Folders to watch for .txt, .html and .jsonl files."),
        feeds: Optional[Path] = typer.Option(None, "--feeds", help="File listing RSS/Atom feed URLs, one a line."),
        db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file (created if missing)."),
        interval: str = typer.Option("15m", "--interval", help="Time between batches: 30s, 5m, 15m, 1h."),
        publish: Optional[Path] = typer.Option(None, "--publish", help="Write GDELT-style update files and "
                                                                       "lastupdate.txt/masterfilelist.txt here."),
        base_url: Optional[str] = typer.Option(None, "--base-url", help="URL prefix of the files in the lists "
                                                                        "(default: their absolute path)."),
        once: bool = typer.Option(False, "--once", help="Run one cycle and exit (for cron)."),
        jobs: int = COMMON["jobs"],
        model: Optional[str] = COMMON["model"],
        quiet: bool = COMMON["quiet"],
        max_chars: int = COMMON["max_chars"],
        statements: bool = COMMON["statements"],
        per_host_delay: float = typer.Option(1.0, "--per-host-delay", help="Seconds between two requests to one host."),
        timeout: float = typer.Option(20.0, "--timeout", help="Seconds before a request is given up."),
        settle: float = typer.Option(1.0, "--settle", help="Seconds a file must be left alone before it is read."),
    ) -> None:
        """Watch folders and feeds; store one batch every interval; publish GDELT-style update files."""
        from ..live import Watcher, WatchOptions, parse_interval

        if not dirs and not feeds:
            err.print("[red]error:[/] give at least one folder or --feeds FILE", highlight=False)
            raise typer.Exit(2)
        try:
            seconds = parse_interval(interval)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--interval")
        for d in dirs or []:
            if not d.is_dir():
                raise typer.BadParameter(f"{d} is not a folder", param_hint="DIR")
        if feeds is not None and not feeds.is_file():
            raise typer.BadParameter(f"{feeds} does not exist", param_hint="--feeds")
        opts = WatchOptions(dirs=list(dirs or []), feeds_file=feeds, db=str(db), interval=seconds,
                            publish_dir=publish, base_url=base_url, jobs=jobs, per_host_delay=per_host_delay,
                            timeout=timeout, settle=settle)
        config = make_config(model, max_chars, statements)
        live = None
        if not quiet and err.is_terminal:
            from rich.live import Live
            from rich.text import Text

            live = Live(Text("starting"), console=err, refresh_per_second=1, transient=False)

            def show(st) -> None:
                live.update(Text(status_line(st)))
        elif not quiet:
            def show(st) -> None:   # no terminal: one line per phase change
                err.print(status_line(st), highlight=False, markup=False, soft_wrap=True)
        else:
            def show(st) -> None:
                return None

        watcher = Watcher(opts, config, on_status=show)
        signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
        try:
            if live is not None:
                with live:
                    watcher.run(once=once)
            else:
                watcher.run(once=once)
        except KeyboardInterrupt:
            watcher.stop()
            watcher.close()
        last = watcher.status.last
        if once and last is not None and last.error:
            raise typer.Exit(1)

    @app.command()
    def publish(
        since: Optional[str] = typer.Option(None, "--since", help="Start of the period (ISO date or datetime, UTC)."),
        until: Optional[str] = typer.Option(None, "--until", help="End of the period, exclusive."),
        publish_dir: Path = typer.Option(Path("publish"), "--publish", help="Folder of the update files."),
        db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB file."),
        interval: str = typer.Option("15m", "--interval", help="Length of one update file's slot."),
        base_url: Optional[str] = typer.Option(None, "--base-url", help="URL prefix of the files in the lists."),
        verify_only: bool = typer.Option(False, "--verify", help="Only check the folder: every listed file "
                                                                 "present, same size and MD5."),
    ) -> None:
        """Rebuild the GDELT-style update files of a period from the store (one per slot with mentions)."""
        from ..live import publish as pub
        from ..store import Store, StoreError

        if verify_only:
            problems = pub.verify(publish_dir)
            for p in problems:
                err.print(f"[red]problem:[/] {p}", highlight=False)
            n = len(pub.read_list(publish_dir / pub.MASTER))
            err.print(f"{n} listed files, {len(problems)} problems", highlight=False)
            raise typer.Exit(1 if problems else 0)

        def when(v: Optional[str]) -> Optional[dt.datetime]:
            if not v:
                return None
            try:
                t = dt.datetime.fromisoformat(v)
            except ValueError:
                raise typer.BadParameter(f"{v!r} is not an ISO date or datetime")
            if t.tzinfo is not None:
                t = t.astimezone(dt.timezone.utc).replace(tzinfo=None)
            return t

        try:
            seconds = int(_parse(interval))
            store = Store(db, read_only=True)
        except (ValueError, StoreError) as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            raise typer.Exit(2)
        with store:
            out = pub.rebuild(store, publish_dir, when(since), when(until), slot_seconds=seconds, base_url=base_url)
        err.print(f"{len(out)} update(s) written to {publish_dir}: {sum(p.events for p in out)} events, "
                  f"{sum(p.mentions for p in out)} mentions", highlight=False)


def _parse(interval: str) -> float:
    from ..live import parse_interval

    return parse_interval(interval)
