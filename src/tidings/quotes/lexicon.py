"""The word lists of the quotes stage, read from ``tidings/quotes/data``: the cue lexicon
(``quotes_cues.tsv``: lemma, kind, complements), the named word sets (``words.yaml``) and the
named regular expressions (``patterns.yaml``). Each file is read once per process (the loaders
are pure and cached); the rule code names the set it reads (``WORDS["_AUDIENCE"]``)."""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Optional

import yaml

_FLAGS = {"I": re.I, "M": re.M, "S": re.S, "X": re.X}


def _data_text(name: str) -> str:
    return resources.files("tidings.quotes").joinpath("data", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def words() -> Mapping[str, object]:
    """name → frozenset of words (or, for a table of sets, name → {key: frozenset})."""
    raw = yaml.safe_load(_data_text("words.yaml")) or {}
    out: dict[str, object] = {}
    for name, val in raw.items():
        if isinstance(val, dict):
            out[name] = MappingProxyType({k: (frozenset(v) if isinstance(v, list) else v) for k, v in val.items()})
        else:
            out[name] = frozenset(val)
    return MappingProxyType(out)


@functools.lru_cache(maxsize=None)
def patterns() -> Mapping[str, "re.Pattern[str]"]:
    """name → compiled regular expression."""
    raw = yaml.safe_load(_data_text("patterns.yaml")) or {}
    out = {}
    for name, spec in raw.items():
        flags = 0
        for f in spec.get("flags") or ():
            flags |= _FLAGS[f]
        out[name] = re.compile(spec["pattern"], flags)
    return MappingProxyType(out)


WORDS = words()
PATTERNS = patterns()

#: pronouns a speaker or possessor may be (kept as written, as in PolNeAR)
PRONOUNS = WORDS["PRONOUNS"]
SUBJ_DEPS = WORDS["SUBJ_DEPS"]
#: nouns that carry an attribution when someone's: "the mayor's claim that ...", "her promise to ..."
NOUN_CUES = WORDS["NOUN_CUES"]
#: nouns of attitude whose object is what someone holds a view about: "her criticism of the plan"
ATTITUDE_NOUNS = WORDS["ATTITUDE_NOUNS"]
#: nouns of stance that carry an attribution even when no one is named: "the claim that ..."
STANCE_NOUNS = WORDS["STANCE_NOUNS"]
#: verbs that name or judge their object: "called the plan a disaster"
NAMING_VERBS = WORDS["NAMING_VERBS"]
#: verbs whose noun object is the person addressed, not what was said ("told his supporters")
ADDRESSEE_VERBS = WORDS["ADDRESSEE_VERBS"]
#: opening quotation mark → its closing mark
OPEN_Q = WORDS["OPEN_Q"]
#: single quotes are too ambiguous (apostrophes) except as ‘…’ pairs inside headlines
MIXED_QUOTE_RE = PATTERNS["MIXED_QUOTE_RE"]
#: straight marks pair only as an opening mark (after a space, a bracket or a dash, before a
#: word) and a closing one (after a word, before a space or punctuation), so that one stray mark
#: does not pair every later quotation of its line the wrong way round
QUOTE_RE = PATTERNS["QUOTE_RE"]
#: “ after a sentence's last word and its full stop, before a line end: a closing mark typed the wrong way
_TURNED_CLOSE_RE = PATTERNS["_TURNED_CLOSE_RE"]


@dataclass
class Cue:
    lemma: str
    kind: str      # speech | belief | intent | act
    comp: str      # which complements carry content: c (clausal), x (to-infinitive), o (object)
    #: a row learned from PolNeAR train (``quotes_cues_learned.tsv``): its train precision (gold cue /
    #: occurrences); 0 for the hand lexicon's rows
    learned: float = 0.0
    #: a learned row's hand-lexicon entry for the same lemma, if any (read first: rule ``quote.cue.learned``)
    base: Optional["Cue"] = None


_NO_CUE = Cue("", "", "")


def load_cues(extra: tuple = (), learned: bool = True) -> dict[str, Cue]:
    """The cue lexicon (``quotes_cues.tsv``), the rows learned from PolNeAR train
    (``quotes_cues_learned.tsv``, unless ``learned`` is False) and the rows of the user's ``extra``
    TSV files. A row with a ``precision`` column is a learned row: it keeps the hand entry it
    extends as its ``base``."""
    texts = [_data_text("quotes_cues.tsv")] + ([_data_text("quotes_cues_learned.tsv")] if learned else []) \
        + [Path(f).read_text(encoding="utf-8") for f in extra]
    cues: dict[str, Cue] = {}
    for t in texts:
        lines = (l for l in t.splitlines() if l.strip() and not l.startswith("#"))
        for r in csv.DictReader(lines, delimiter="\t"):
            lemma = (r.get("lemma") or "").strip().lower()
            if not lemma:
                continue
            cue = Cue(lemma, (r.get("kind") or "speech").strip(), (r.get("complements") or "c").strip())
            if (r.get("precision") or "").strip():
                base = cues.get(lemma)
                cue.learned = float(r["precision"])
                cue.base = base.base if base is not None and base.learned else base
            cues[lemma] = cue
    return cues


