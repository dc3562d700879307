"""``tidings explain``: show how a sentence was coded (parse, actors, quotes and their rules, patterns, events)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

out = Console()


def _actor(a: dict) -> str:
    return f"{a.get('text')}<{a.get('cameo') or a.get('code') or '?'}>"


def print_report(rep: dict, parse: bool = True) -> None:
    for s in rep["sentences"]:
        out.rule(f"sentence {s['index']}")
        out.print(s["text"], markup=False, highlight=False)
        if parse:
            t = Table(title="parse", show_edge=False, pad_edge=False)
            for c in ("i", "word", "lemma", "pos", "dep", "head"):
                t.add_column(c)
            for w in s["parse"]:
                head = s["parse"][w["head"]]["text"] if 0 <= w["head"] < len(s["parse"]) else "?"
                t.add_row(str(w["i"]), w["text"], w["lemma"], w["pos"], w["dep"], f"{w['head']}:{head}")
            out.print(t)
        if s["actors"]:
            out.print("[bold]actors[/bold]")
            for a in s["actors"]:
                out.print(f"  {a['text']!r} -> {a.get('cameo') or a.get('code') or '?'}"
                          f"  ({a.get('kind')}; {a.get('why') or ''})", markup=False, highlight=False)
        else:
            out.print("[bold]actors[/bold]: none found")
        if s.get("quotes"):
            out.print("[bold]quotes[/bold]")
            for q in s["quotes"]:
                out.print(f"  {q['rule']}  cue {q['cue']!r}  speaker {q['speaker']!r}"
                          f"{' <' + q['speaker_actor'] + '>' if q.get('speaker_actor') else ''}"
                          f"{'  direct' if q['direct'] else ''}\n      content {q['content']!r}",
                          markup=False, highlight=False)
        if s["words"]:
            out.print("[bold]patterns[/bold]")
            for w in s["words"]:
                out.print(f"  {w['token']} ({w['lemma']}, {w['pos']}/{w['dep']}) -> {w['chosen'] or 'no pattern fired'}",
                          markup=False, highlight=False)
                for f in w["fired"]:
                    out.print(f"      fired   {f['pattern']}  [{f['code']}]", markup=False, highlight=False)
                for f in w["nearly"]:
                    out.print(f"      nearly  {f['pattern']}  [{f['code']}]: {f['why']}", markup=False, highlight=False)
        if s.get("model"):
            out.print("[bold]classifier[/bold] (top PLOVER types per candidate clause)")
            for m in s["model"]:
                tops = ", ".join(f"{t['event']} {t['score']:.2f}" for t in m["types"])
                out.print(f"  {m['head']}: {tops}; CAMEO root {m['root']} {m['root_score']:.2f}, no event "
                          f"{m['no_event']:.2f}  [{m['clause']}]", markup=False, highlight=False)
        for d in s["decisions"]:
            out.print(f"  [dim]decision:[/dim] {d}", highlight=False)
        if s["events"]:
            out.print("[bold]events[/bold]")
            for e in s["events"]:
                flags = []
                if e.get("negated"):
                    flags.append("NEGATED")
                if e.get("modality", "asserted") != "asserted":
                    flags.append(e["modality"])
                out.print(f"  {e['id']} {e['event']} ({e['cameo']}, goldstein {e['goldstein']}) "
                          f"{'+'.join(_actor(a) for a in e.get('actor', [])) or '-'} -> "
                          f"{'+'.join(_actor(a) for a in e.get('recipient', [])) or '-'}  "
                          f"trigger {e['trigger']['text']!r}  date {e.get('date')} ({e.get('date_precision')})  "
                          f"conf {e['confidence']}  {' '.join(flags)}\n      rule {e.get('rule')}",
                          markup=False, highlight=False)
    for e in rep["errors"]:
        out.print(f"[red]error[/red] {e['stage']}: {e['message']}")


def register(app: typer.Typer) -> None:
    @app.command()
    def explain(
        text: str = typer.Argument(..., help="The sentence(s) to code (use '-' to read standard input)."),
        date: Optional[str] = typer.Option(None, "--date", help="Publication date (ISO), anchors relative times."),
        lexicon: Optional[List[Path]] = typer.Option(None, "--lexicon", help="Extra trigger-pattern file(s), repeatable."),
        actors: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra actor file(s), repeatable."),
        statements: bool = typer.Option(False, "--statements", help="Also code 01x statements."),
        no_parse: bool = typer.Option(False, "--no-parse", help="Leave the parse table out."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
        model: Optional[str] = typer.Option(None, "--model", help="spaCy model."),
    ) -> None:
        """Show how tidings codes TEXT: parse, actors, patterns that fired or nearly fired, events."""
        import sys

        from ..api import explain as run
        from .main import make_config

        if text == "-":
            text = sys.stdin.read()
        cfg = make_config(model, 1_000_000, statements=statements, lexicon=lexicon,
                          actors=actors).replace(check_language=False)
        try:
            rep = run(text, date=date, config=cfg)
        except ValueError as exc:
            Console(stderr=True).print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1)
        if as_json:
            typer.echo(json.dumps(rep, ensure_ascii=False, indent=2))
        else:
            print_report(rep, parse=not no_parse)
