"""The trigger lexicon: verb and noun patterns -> CAMEO codes, compiled once into lemma-keyed indexes.

Pattern syntax (one string per pattern, see docs/events.md):

* verbs: ``"LEMMA [WORD ...]"`` -- the first word is the verb's lemma. Following words are
  either a preposition/particle (``with``, ``for``, ``of``, ``over`` ...; the verb must have such a
  child) or object words: a run of words whose last word is the object's head lemma and whose
  earlier words must appear before it (``impose sanction``, ``seek humanitarian aid``). Object words
  after a preposition belong to its object (``call for talk``); ``_`` is any object
  (``accuse _ of``).
* nouns: ``"[MODIFIER ...] HEAD"`` (``air strike``, ``hunger strike``) or ``"HEAD PREP OBJECT"``
  (``expulsion of diplomat``).

More constraints = more specific: the most specific matching pattern of a word wins.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

import yaml

from ..nlp.text import base_forms
from ..cache import cached, data_files

PREPS = frozenset("""with to for on upon against of up down off out over back into from in at about by behind away
aside through toward towards as that under across around before after between among onto without like outside""".split())


def forms(word: str) -> frozenset[str]:
    """The word (lower case) and, for a plural, its singular (:func:`tidings.nlp.text.base_forms`)."""
    w = word.lower()
    return frozenset([w, *base_forms(w)])


@dataclass
class Element:
    kind: str                      # "prep" | "obj" | "any"
    word: str = ""                 # prep word, or the object's head
    head: frozenset = frozenset()  # forms of the object head
    mods: tuple[str, ...] = ()     # words that must precede the object head
    prep: Optional[str] = None     # the preposition this object belongs to


@dataclass
class Pattern:
    id: str
    code: str
    kind: str                      # "verb" | "noun"
    text: str
    lemma: str                     # verb lemma or noun head
    elements: list[Element] = field(default_factory=list)
    mods: tuple[str, ...] = ()     # noun modifiers (noun patterns)
    source: str = ""
    plover: Optional[str] = None   # PLOVER type overriding the CAMEO -> PLOVER table for this pattern
    mode: Optional[str] = None

    @property
    def specificity(self) -> float:
        # statements (01x) lose ties: "spoke with" is a consultation before it is a statement
        s = len(self.mods) * 2 - (0.5 if self.code.startswith("01") else 0.0)
        for e in self.elements:
            s += (2 + len(e.mods)) if e.kind == "obj" else 1
        return s


def parse_pattern(text: str, code: str, kind: str, source: str) -> Optional[Pattern]:
    words = text.lower().split()
    if not words:
        return None
    pid = f"{source}:{code}:{text}"
    if kind == "noun" and not any(w in PREPS for w in words[1:]):
        return Pattern(pid, code, kind, text, words[-1], [], tuple(words[:-1]), source)
    lemma, rest = words[0], words[1:]
    elements: list[Element] = []
    prep: Optional[str] = None
    run: list[str] = []

    def flush() -> None:
        if run:
            if run == ["_"]:
                elements.append(Element("any", prep=prep))
            else:
                elements.append(Element("obj", run[-1], forms(run[-1]), tuple(run[:-1]), prep))
            run.clear()

    for w in rest:
        if w in PREPS:
            flush()
            elements.append(Element("prep", w))
            prep = w
        else:
            run.append(w)
    flush()
    return Pattern(pid, code, kind, text, lemma, elements, (), source)


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    control: dict[str, set[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def add(self, p: Pattern, override: bool = False) -> None:
        index = self.verbs if p.kind == "verb" else self.nouns
        bucket = index.setdefault(p.lemma, [])
        for i, q in enumerate(bucket):
            if q.text == p.text:
                if override:
                    bucket[i] = p
                return
        bucket.append(p)

    def remove(self, kind: str, text: str) -> None:
        index = self.verbs if kind == "verb" else self.nouns
        for lemma, bucket in index.items():
            bucket[:] = [p for p in bucket if p.text != text.lower()]

    def in_class(self, cls: str, lemma: str) -> bool:
        return lemma in self.control.get(cls, ())

    def load_mapping(self, data: dict, source: str, override: bool = False) -> None:
        for kind, key in (("verb", "verbs"), ("noun", "nouns")):
            for key_text, items in (data.get(key) or {}).items():
                # "CODE" or "CODE PLOVER_TYPE [MODE]" (a PLOVER coding for these patterns only)
                parts = str(key_text).split()
                code = parts[0] if parts else ""
                if not code.isdigit() or len(code) not in (3, 4):
                    raise ValueError(f"{source}: CAMEO code {key_text!r} is not a 3- or 4-digit code "
                                     "(quote it: \"040\")")
                plover = parts[1].upper() if len(parts) > 1 else None
                mode = parts[2] if len(parts) > 2 else None
                for text in items or []:
                    p = parse_pattern(str(text), code, kind, source)
                    if p:
                        p.plover, p.mode = plover, mode
                        self.add(p, override)
        for item in data.get("remove") or []:
            kind, _, text = str(item).partition(":")
            self.remove(kind.strip(), text.strip())
        for cls, words in (data.get("control") or {}).items():
            self.control.setdefault(cls, set()).update(str(w).lower() for w in words or [])
        self.files.append(source)


def _builtin_files() -> Iterable[tuple[str, str]]:
    base = resources.files("tidings.events").joinpath("data").joinpath("lexicon")
    for entry in sorted(base.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            yield entry.name.rsplit(".", 1)[0], entry.read_text(encoding="utf-8")


def _builtin_lexicon() -> Lexicon:
    """The lexicon of the package's own files (``data/control.yaml`` and ``data/lexicon/*.yaml``)."""
    lex = Lexicon()
    data = resources.files("tidings.events").joinpath("data")
    ctl = yaml.safe_load(data.joinpath("control.yaml").read_text(encoding="utf-8"))
    lex.control = {k: {str(w).lower() for w in v} for k, v in ctl.items()}
    for name, text in _builtin_files():
        lex.load_mapping(yaml.safe_load(text) or {}, name)
    return lex


def _builtin_sources() -> list[Path]:
    base = data_files("tidings.events", "data")
    files = sorted(p for p in (base / "lexicon").iterdir() if p.name.endswith((".yaml", ".yml")))
    return [base / "control.yaml", *files]


def load_lexicon(user_files: Iterable[str] = ()) -> Lexicon:
    """The built-in lexicon plus the user's files (later files override earlier patterns).
    The built-in part is read from the user's cache when its files have not changed (tidings.cache)."""
    lex = cached("event-lexicon", _builtin_sources(), _builtin_lexicon)
    for f in user_files:
        path = Path(f)
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lex.load_mapping(data, path.stem, override=True)
    return lex
