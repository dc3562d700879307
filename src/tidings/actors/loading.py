"""Building the actor KB from files: the shipped tables and the user's files, in any of the
formats tidings reads (its own YAML/JSON/JSONL/CSV, read by :mod:`tidings.actors.kb`, and
PETRARCH ``.txt`` dictionaries, read by :mod:`tidings.actors.petrarch`).

The KB types know no file format and import no reader; the readers import the KB types; this
module picks a reader by file name (so ``kb`` and ``petrarch`` no longer import each other).
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

from .kb import KB, _csv_rows, _load_data, _read_text, load_people_rows
from .petrarch import load_petrarch_text

__all__ = ["BUILTIN_FILES", "load_builtin", "load_file", "build_kb"]


BUILTIN_FILES = ["countries.yaml", "igos.yaml", "groups.yaml", "bodies.yaml", "people.csv", "agents.yaml"]


def load_builtin(kb: KB) -> None:
    base = resources.files("tidings.actors") / "data"
    for name in BUILTIN_FILES:
        _load_named(kb, name, _read_text(base / name), "builtin")
        kb.sources.append(f"builtin:{name}")


def _load_named(kb: KB, name: str, text: str, source: str) -> None:
    lname = name.lower()
    if lname.endswith(".csv"):
        load_people_rows(kb, _csv_rows(text), source)
        return
    if lname.endswith(".txt"):
        load_petrarch_text(kb, text, source=source)
        return
    if lname.endswith(".jsonl"):
        data = [json.loads(ln) for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    elif lname.endswith(".json"):
        data = json.loads(text)
    else:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    _load_data(kb, data, name, source)


def load_file(kb: KB, path: str | Path) -> None:
    """Add a user KB file (our YAML/JSON/JSONL/CSV formats or a PETRARCH .txt dictionary)."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"actor KB file not found: {p}")
    try:
        _load_named(kb, p.name, p.read_text(encoding="utf-8", errors="replace"), source=f"user:{p.name}")
    except (ValueError, KeyError, TypeError, yaml.YAMLError, json.JSONDecodeError) as exc:
        raise ValueError(f"actor KB file {p}: cannot read it ({exc.__class__.__name__}: {exc}); "
                         "see docs/actors.md for the formats") from exc
    kb.sources.append(str(p))


def _builtin_kb() -> KB:
    kb = KB()
    load_builtin(kb)
    return kb


def build_kb(files: Iterable[str | Path] = ()) -> KB:
    """The built-in KB (read from the user's cache when neither its data files nor the code that
    reads them have changed, see :mod:`tidings.cache`) plus the user's files."""
    from . import kb as kb_module, petrarch
    from ..cache import cached, data_files

    sources = [data_files("tidings.actors", "data", n) for n in BUILTIN_FILES]
    sources += [Path(kb_module.__file__), Path(petrarch.__file__)]
    kb = cached("actors-kb", sources, _builtin_kb)
    for f in files:
        load_file(kb, f)
    return kb
