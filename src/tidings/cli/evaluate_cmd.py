"""``tidings evaluate``: score the pipeline against gold files (see tidings.evaluate)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

out = Console()


def _fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def _prf_row(t: Table, name: str, d: dict) -> None:
    t.add_row(name, _fmt(d["precision"]), _fmt(d["recall"]), _fmt(d["f1"]), str(d["tp"]), str(d["pred"]), str(d["gold"]))


def print_scores(scores: dict, show_errors: bool = False, max_errors: int = 50) -> None:
    t = Table(title=f"tidings evaluate: {scores.get('gold_file', '')} ({scores['documents']} documents)")
    for c in ("measure", "P", "R", "F1", "hits", "predicted", "gold"):
        t.add_column(c, justify="right" if c != "measure" else "left")
    extra = []
    if "events" in scores:
        e = scores["events"]
        _prf_row(t, "events: PLOVER type", e["type"])
        _prf_row(t, "events: dyad", e["dyad"])
        _prf_row(t, "events: quad class", e["quad_class"])
        for name, d in e["per_type"].items():
            _prf_row(t, f"  type {name}", d)
        extra.append(f"actor code accuracy: {_fmt(e['actor_code_accuracy'])} over {e['actor_mentions']} gold actors")
        if "cameo_root_dyad" in e:
            extra.append(f"CAMEO root + dyad: {_fmt(e['cameo_root_dyad'])}")
    if "quad" in scores:
        s = scores["quad"]
        for q, d in s["per_class"].items():
            _prf_row(t, f"quad class {q} (Phoenix)", d)
        extra.append(f"sentence quad class accuracy (Phoenix): {_fmt(s['accuracy'])} over {s['documents']}, "
                     f"macro F1 {_fmt(s['macro_f1'])}")
    if "times" in scores:
        s = scores["times"]
        _prf_row(t, "times: relaxed span", s["relaxed"])
        _prf_row(t, "times: strict span", s["strict"])
        _prf_row(t, "times: value", s["value"])
        extra.append(f"time type accuracy (matched): {_fmt(s['type_accuracy'])}")
    if "places" in scores:
        s = scores["places"]
        _prf_row(t, "places: recognition", s["recognition"])
        extra.append(f"places: Acc@161km {_fmt(s['acc_at_161km'])} over {s['resolved_scored']}, median error "
                     f"{_fmt(s['median_error_km'])} km, country accuracy {_fmt(s['country_accuracy'])}")
    if "quotes" in scores:
        s = scores["quotes"]
        _prf_row(t, "quotes: content", s["content"])
        extra.append(f"quotes: speaker accuracy {_fmt(s['speaker_accuracy'])} over {s['speakers_scored']} matched")
    out.print(t)
    for line in extra:
        out.print(line)
    if show_errors:
        for layer in ("events", "quad", "times", "places", "quotes"):
            errs = scores.get(layer, {}).get("errors", [])
            if not errs:
                continue
            out.rule(f"{layer}: {len(errs)} documents with errors")
            for item in errs[:max_errors]:
                out.print(f"[bold]{item['id']}[/]", highlight=False)
                if layer == "events":
                    out.print(f"  {item['text'][:300]}", highlight=False)
                for key in ("missed", "false_alarms", "wrong_value", "misplaced"):
                    for x in item.get(key, []):
                        out.print(f"  {key}: {x}", highlight=False)


def register(app: typer.Typer) -> None:
    from .main import make_config

    @app.command()
    def evaluate(
        gold: List[Path] = typer.Argument(..., help="Gold JSONL file(s) in the tidings gold format."),
        layers: Optional[str] = typer.Option(None, "--layers", help="Comma-separated layers to score (default: those annotated)."),
        errors: bool = typer.Option(False, "--errors", help="List misses and false alarms."),
        max_errors: int = typer.Option(50, "--max-errors", help="Most documents listed per layer with --errors."),
        limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N documents."),
        model: Optional[str] = typer.Option(None, "--model", help="spaCy model."),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes (model loaded once per worker)."),
        json_out: Optional[Path] = typer.Option(None, "--json", help="Write the scores (and errors) as JSON here."),
        predictions: Optional[Path] = typer.Option(None, "--predictions", help="Keep the predicted records (JSONL)."),
        events: str = typer.Option("both", "--events", help="Event coder setting(s) to score, comma-separated: "
                                                            "lexicon, model, both (default both)."),
    ) -> None:
        """Score tidings on gold files: events (type/dyad/quad F1), times, places, quotes."""
        from ..evaluate import evaluate as run_eval

        wanted = [l.strip() for l in layers.split(",")] if layers else None
        all_scores = []
        for setting in [e.strip() for e in events.split(",") if e.strip()]:
            config = make_config(model, 1_000_000, events=setting)
            for path in gold:
                scores = run_eval(path, layers=wanted, config=config, limit=limit, jobs=jobs, predictions_out=predictions)
                scores["events_setting"] = setting
                scores["gold_file"] = f"{scores.get('gold_file', path)} [--events {setting}]"
                print_scores(scores, errors, max_errors)
                all_scores.append(scores)
        if json_out:
            json_out.write_text(json.dumps(all_scores if len(all_scores) > 1 else all_scores[0], indent=1))
