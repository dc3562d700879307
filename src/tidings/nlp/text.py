"""Small text helpers used across tidings, one of each: dates, name keys, inflections.

* :func:`parse_date` — the one date parser: publication dates of articles (ISO dates and
  datetimes, ``YYYYMMDD``), and with ``partial=True`` the dates of actor KB periods and of
  command-line filters (``YYYY-MM``, ``YYYY``, PETRARCH's ``YYMMDD``). It refuses dates outside
  :data:`MIN_DATE` .. :data:`MAX_DATE`, which the stages cannot compute with (relative dates add
  and subtract days, weeks and years from the publication date: a date near 9999-12-31 made the
  times stage fail with ``OverflowError``).
* :func:`name_key` — the one normaliser of names into lookup keys (actor KB, gazetteer).
* Inflection guesses for English words, by rule (no dictionary but the model's exceptions a
  caller passes in): :func:`inflections` (the forms of a word, generous), :func:`plural` (the
  regular plural of a noun), :func:`base_forms` (guesses of the base of an inflected form).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Optional

# ---- dates -----------------------------------------------------------------------------------------
#: the earliest and latest dates :func:`parse_date` accepts: years 1000 to 8999 leave the stages'
#: date arithmetic (days, weeks, years, decades before or after a date) thousands of years of room
MIN_DATE = dt.date(1000, 1, 1)
MAX_DATE = dt.date(8999, 12, 31)

_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_BASIC_PREFIX = re.compile(r"\s*(\d{4})(\d{2})(\d{2})\b")


def _in_range(d: Optional[dt.date]) -> Optional[dt.date]:
    if d is None:
        return None
    day = d.date() if isinstance(d, dt.datetime) else d
    return d if MIN_DATE <= day <= MAX_DATE else None


def parse_date(value, partial: bool = False, end: bool = False) -> Optional[dt.date]:
    """The calendar date of ``value``; None when it is absent, unparseable or outside
    :data:`MIN_DATE` .. :data:`MAX_DATE`. A ``datetime.date`` (or datetime) is returned as it is.

    Default (publication dates): a string that starts with an ISO 8601 date ``YYYY-MM-DD``
    (a datetime such as ``2020-05-01T10:00:00Z`` gives its date) or with ``YYYYMMDD``.

    ``partial=True`` (KB periods, command-line filters): the whole string (spaces around it
    aside) is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the first day of the month or year, or with
    ``end=True`` the last), ``YYYYMMDD``, or PETRARCH's ``YYMMDD`` (years 40-99 are 19xx, 00-39
    20xx)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return _in_range(value)
    s = str(value)
    try:
        if not partial:
            m = _ISO_PREFIX.match(s) or _BASIC_PREFIX.match(s)
            return _in_range(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))) if m else None
        s = s.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return _in_range(dt.date.fromisoformat(s))
        if re.fullmatch(r"\d{4}-\d{2}", s):
            y, mo = int(s[:4]), int(s[5:7])
            return _in_range(dt.date(y, mo, calendar.monthrange(y, mo)[1] if end else 1))
        if re.fullmatch(r"\d{4}", s):
            return _in_range(dt.date(int(s), 12, 31) if end else dt.date(int(s), 1, 1))
        if re.fullmatch(r"\d{8}", s):
            return _in_range(dt.date(int(s[:4]), int(s[4:6]), int(s[6:])))
        if re.fullmatch(r"\d{6}", s):
            yy = int(s[:2])
            return _in_range(dt.date(2000 + yy if yy < 40 else 1900 + yy, int(s[2:4]), int(s[4:])))
    except ValueError:
        return None
    return None


# ---- names -----------------------------------------------------------------------------------------
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-"})
_POSS = re.compile(r"'s\b")
_SEP = re.compile(r"[-_/]+")
_OTHER = re.compile(r"[^\w\s&+]")
_SPACES = re.compile(r"\s+")
_SPACES_HYPHENS = re.compile(r"[\s\-]+")


def strip_accents(s: str) -> str:
    """``s`` without combining marks (NFKD): "Bogotá" → "Bogota"."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def name_key(name: str, punctuation: bool = False) -> str:
    """The lookup key of a name: lower case, accents folded, periods dropped, runs of white space
    and hyphens as one space, no leading "the ".

    ``punctuation=True`` (the actor KB's keys) also folds typographic quotes and dashes, drops a
    possessive "'s" and apostrophes, reads underscores and slashes as spaces and every other
    character but letters, digits, ``&`` and ``+`` as a space ("Côte d'Ivoire's" → "cote divoire").
    Without it (the gazetteer's keys) other punctuation is kept ("Côte d’Ivoire" → "cote d'ivoire").
    Not cached: callers that ask for the same names often wrap it in a bounded ``lru_cache``."""
    s = name
    if punctuation:
        s = s.translate(_QUOTES)
    if not s.isascii():
        s = strip_accents(s)
        if not punctuation:
            s = s.replace("’", "'").replace("‘", "'")
    s = s.lower()
    if punctuation:
        s = _POSS.sub("", s.strip())
        s = s.replace(".", "").replace("'", "")
        s = _SEP.sub(" ", s)
        s = _OTHER.sub(" ", s)
        s = _SPACES.sub(" ", s).strip()
    else:
        s = _SPACES_HYPHENS.sub(" ", s.replace(".", "")).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


# ---- inflections -----------------------------------------------------------------------------------
_VOWELS = frozenset("aeiou")


def plural(word: str) -> str:
    """The regular plural of an English noun: "party" → "parties", "coach" → "coaches",
    "chairman" → "chairmen", "leader" → "leaders"."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def base_forms(word: str, tag: Optional[str] = None) -> list[str]:
    """Guesses of the base form of an inflected English word (lower case), most likely first,
    for looking words up where a lemmatiser may slip. By Penn tag: ``VBD``/``VBN`` (-ed: "staged"
    → "stage", "stag"; "planned" → "plan"; "tried" → "try"), ``VBG`` (-ing), ``VBZ`` (-s, -es,
    -ies); ``None``: a plural noun ("parties" → "party", "talks" → "talk"; not "-ss"). Empty when
    the word has no such ending."""
    w = word.lower()
    if tag is None:
        if len(w) > 3 and w.endswith("ies"):
            return [w[:-3] + "y"]
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            return [w[:-1]]
        return []
    out: list[str] = []
    if tag in ("VBD", "VBN") and w.endswith("ed"):
        out = [w[:-1], w[:-2], w[:-3] if len(w) > 4 and w[-3] == w[-4] else w[:-2]]
        if w.endswith("ied"):
            out.append(w[:-3] + "y")
    elif tag == "VBG" and w.endswith("ing"):
        out = [w[:-3], w[:-3] + "e"]
    elif tag == "VBZ" and w.endswith("s"):
        out = [w[:-1], w[:-2]]
        if w.endswith("ies"):
            out.append(w[:-3] + "y")
    return out


def inflections(word: str, irregular: Optional[dict[str, set[str]]] = None, _base: bool = True) -> set[str]:
    """A generous set of inflected forms of an English word (a recall filter: over-generation is
    harmless); ``irregular`` maps lemmas to irregular forms (the model's exception tables). A
    plural ("hold talks") also gives the forms of its singular."""
    irregular = irregular or {}
    w = word.lower()
    if _base and len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        base = inflections(w[:-1], irregular, _base=False)
        if w.endswith("ies"):
            base |= inflections(w[:-3] + "y", irregular, _base=False)
        elif w.endswith("es"):
            base |= inflections(w[:-2], irregular, _base=False)
        return base | inflections(w, irregular, _base=False)
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "ers"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w + "d"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in _VOWELS and w[-1] not in "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing", w + w[-1] + "er"}
    if w.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(w + "es")
    if w.endswith("f"):
        forms.add(w[:-1] + "ves")
    if w.endswith("fe"):
        forms.add(w[:-2] + "ves")
    forms |= irregular.get(w, set())
    return forms
