"""The data behind the TIMEX3 tagger: ``grounding/data/times_lexicon.yaml`` plus user files.

A user file has the same keys as the shipped one; its entries are added to (dicts:
updated, lists: extended) the shipped ones. Give user files with
``Config(times=TimeSettings(lexicon_files=(...)))``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

from ...cache import cached, data_files


@dataclass
class Lexicon:
    months: dict[str, int] = field(default_factory=dict)
    ambiguous_months: set[str] = field(default_factory=set)
    weekdays: dict[str, int] = field(default_factory=dict)
    short_weekdays: set[str] = field(default_factory=set)
    seasons: dict[str, str] = field(default_factory=dict)
    parts_of_day: dict[str, str] = field(default_factory=dict)
    units: dict[str, tuple[str, int, bool]] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    vague_numbers: list[str] = field(default_factory=list)
    fixed: dict[str, str] = field(default_factory=dict)          # phrase -> value
    not_after_adjective: set[str] = field(default_factory=set)
    sets: dict[str, str] = field(default_factory=dict)
    sets_adverb_only: set[str] = field(default_factory=set)   # "updated daily", not "a daily paper"
    holidays: dict[str, str] = field(default_factory=dict)     # "Christmas" -> "12-25", "Labor Day" -> "09/1/1"
    holiday_followers: set[str] = field(default_factory=set)
    count_nouns_after_year: set[str] = field(default_factory=set)

    def merge(self, data: dict) -> None:
        for k, v in (data.get("months") or {}).items():
            self.months[str(k).lower()] = int(v)
        self.ambiguous_months |= {str(x).lower() for x in data.get("ambiguous_months") or []}
        for k, v in (data.get("weekdays") or {}).items():
            self.weekdays[str(k).lower()] = int(v)
        self.short_weekdays |= {str(x).lower() for x in data.get("short_weekdays") or []}
        for k, v in (data.get("seasons") or {}).items():
            self.seasons[str(k).lower()] = str(v)
        for k, v in (data.get("parts_of_day") or {}).items():
            self.parts_of_day[str(k).lower()] = str(v)
        for k, v in (data.get("units") or {}).items():
            letter, mult, clock = v
            self.units[str(k).lower()] = (str(letter), int(mult), bool(clock))
        for k, v in (data.get("numbers") or {}).items():
            self.numbers[str(k).lower()] = float(v)
        for k, v in (data.get("ordinals") or {}).items():
            self.ordinals[str(k).lower()] = int(v)
        self.vague_numbers += [str(x).lower() for x in data.get("vague_numbers") or []]
        for value, phrases in (data.get("fixed") or {}).items():
            for ph in phrases or []:
                self.fixed[" ".join(str(ph).lower().split())] = str(value)
        self.not_after_adjective |= {str(x).lower() for x in data.get("not_after_adjective") or []}
        for k, v in (data.get("sets") or {}).items():
            self.sets[str(k).lower()] = str(v)
        self.sets_adverb_only |= {str(x).lower() for x in data.get("sets_adverb_only") or []}
        for k, v in (data.get("holidays") or {}).items():
            self.holidays[" ".join(str(k).split())] = str(v)
        self.holiday_followers |= {str(x).lower() for x in data.get("holiday_followers") or []}
        self.count_nouns_after_year |= {str(x).lower() for x in data.get("count_nouns_after_year") or []}


def _read(path_or_text) -> dict:
    return yaml.safe_load(path_or_text) or {}


def _builtin_data() -> dict:
    """The shipped YAML file, parsed (read from the user's cache when unchanged, see tidings.cache)."""
    return _read(resources.files("tidings.grounding").joinpath("data/times_lexicon.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def load_lexicon(user_files: tuple[str, ...] = ()) -> Lexicon:
    """The shipped lexicon, extended by ``user_files`` (cached per tuple of paths)."""
    lex = Lexicon()
    lex.merge(cached("times-lexicon", [data_files("tidings.grounding", "data", "times_lexicon.yaml")], _builtin_data,
                     plain=True))
    for f in user_files:
        lex.merge(_read(Path(f).read_text(encoding="utf-8")))
    return lex


def alternation(words: Iterable[str], abbrev_period: bool = False) -> str:
    r"""A regex alternation of ``words``, longest first; spaces match any white space.

    Written as a prefix tree (``(?:jan(?:uary|\.?)|ju(?:ne|ly))``) rather than a flat list of
    alternatives: Python's ``re`` enters every alternative of a flat list at every position of
    the text (it has no first-character skip for case-blind alternatives), a tree only the
    branches whose first letter fits. The tree matches exactly what the flat list matches, in
    the same order of preference: two words can both match at one place only when one is a
    prefix of the other, and then the longer is tried first in both forms (a node tries its
    continuations before ending). Word lists with case variants or non-ASCII letters (where two
    different letters could match the same character without regard to case) keep the flat
    form."""
    ws = sorted(set(words), key=lambda s: (-len(s), s))
    if not ws:
        return "(?:)"
    if any(not w.isascii() for w in ws) or len({w.lower() for w in ws}) != len(ws):
        return "(?:" + "|".join(_word_pattern(w, abbrev_period) for w in ws) + ")"
    trie: dict = {}
    for w in ws:
        node = trie
        for tok in _word_tokens(w):
            node = node.setdefault(tok, {})
        node[_END] = r"\.?" if abbrev_period and len(w) <= 5 else ""
    return "(?:" + _trie_pattern(trie) + ")"


_END = object()     # marks the end of a word in the prefix tree (value: what follows the word)
_WS = object()      # a run of white space inside a word ("a couple of")


def _word_pattern(w: str, abbrev_period: bool) -> str:
    pat = r"\s+".join(re.escape(p) for p in w.split())
    if abbrev_period and len(w) <= 5:
        pat += r"\.?"
    return pat


def _word_tokens(w: str) -> list:
    out: list = []
    for k, part in enumerate(w.split()):
        if k:
            out.append(_WS)
        out.extend(part)
    return out


def _trie_pattern(node: dict) -> str:
    """The alternation of a prefix-tree node: its continuations, then its end (if a word ends here)."""
    branches = []
    for tok, child in node.items():
        if tok is _END:
            continue
        head = r"\s+" if tok is _WS else re.escape(tok)
        # a chain without branching is written out as one literal run
        while tok is not _WS and len(child) == 1 and _END not in child:
            (tok, nxt), = child.items()
            if tok is _WS:
                break
            head += re.escape(tok)
            child = nxt
        rest = _trie_pattern(child)
        branches.append(head + (rest if _is_single(child) else "(?:" + rest + ")"))
    if _END in node:
        branches.append(node[_END])
    return "|".join(branches)


def _is_single(node: dict) -> bool:
    """Whether a node's pattern is one branch (needs no group around it)."""
    return len(node) == 1
