"""``tidings actors``: look names up in the actor knowledge base."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer


def register(app) -> None:
    actors = typer.Typer(help="The actor knowledge base: look up names, show what it holds.", no_args_is_help=True)

    @actors.command("lookup")
    def lookup(name: str = typer.Argument(..., help="A name or phrase, e.g. \"Ishaq Dar\" or \"the Kabul government\"."),
               date: Optional[str] = typer.Option(None, "--date", "-d", help="Resolve at this date (YYYY-MM-DD)."),
               actors_file: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra KB file(s) (YAML/JSONL/CSV or PETRARCH .txt)."),
               as_json: bool = typer.Option(False, "--json", help="Print the actor as JSON."),
               roles: bool = typer.Option(True, "--roles/--no-roles", help="List every dated role of a person or group.")) -> None:
        """Show the actor a name resolves to: codes, role and why."""
        from ..actors import get_resolver
        from ..config import Config
        from ..nlp.text import parse_date

        d = parse_date(date) if date else None
        if date and d is None:
            raise typer.BadParameter(f"not a date: {date!r}", param_hint="--date")
        r = get_resolver(Config(actor_files=[str(p) for p in actors_file or []]))
        a = r.resolve_text(name, d)
        if as_json:
            typer.echo(json.dumps(a.model_dump() if a else None, ensure_ascii=False, indent=1))
            if a is None:
                raise typer.Exit(1)
            return
        if a is None:
            typer.echo(f"{name!r}: no actor found")
            raise typer.Exit(1)
        typer.echo(f"{name}  →  {a.cameo or a.code or '-'}")
        for k in ("code", "sector", "cameo", "name", "role", "kb_id", "why"):
            v = getattr(a, k)
            if v is not None:
                typer.echo(f"  {k:7} {v}")
        e = r.kb.entries.get(a.kb_id or "")
        if roles and e is not None and e.periods:
            typer.echo("  dated codes:")
            for p in e.periods:
                span = f"{p.start or '…'} – {p.end or 'now'}"
                typer.echo(f"    {span:25} {p.cameo or p.code or '-':10} {p.role or ''}{'  (' + p.note + ')' if p.note else ''}")

    @actors.command("mentions")
    def mentions(text: str = typer.Argument(..., help="A sentence or short text (use - to read stdin)."),
                 date: Optional[str] = typer.Option(None, "--date", "-d", help="Publication date (YYYY-MM-DD)."),
                 actors_file: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra KB file(s)."),
                 as_json: bool = typer.Option(False, "--json", help="One JSON object per mention.")) -> None:
        """Show the actor mentions found in a text, with coreference and the reason for each code."""
        import sys

        from ..config import Config
        from ..pipeline import get_pipeline

        if text == "-":
            text = sys.stdin.read()
        cfg = Config(actor_files=[str(p) for p in actors_file or []], stages=["entities", "actors"],
                     check_language=False)
        try:
            _, ctx = get_pipeline(cfg).analyse(text, id="text", date=date)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1)
        for m in ctx.mentions:
            a = m.actor
            if as_json:
                typer.echo(json.dumps({"kind": m.kind, "tokens": [m.start, m.end], **a.model_dump()}, ensure_ascii=False))
            else:
                typer.echo(f"{a.start:>5}-{a.end:<5} {m.kind:10} {a.text[:40]:40} {a.cameo or '-':10} "
                           f"{a.role or '':24} {a.why or ''}")

    @actors.command("stats")
    def stats(actors_file: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra KB file(s).")) -> None:
        """Count what the knowledge base holds."""
        from ..actors import get_resolver
        from ..config import Config

        kb = get_resolver(Config(actor_files=[str(p) for p in actors_file or []])).kb
        for k, v in sorted(kb.stats().items()):
            typer.echo(f"{k:12} {v}")
        typer.echo(f"{'names':12} {len(kb.index) + len(kb.acronyms)}")

    app.add_typer(actors, name="actors")
