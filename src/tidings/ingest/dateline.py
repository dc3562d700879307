"""Recognise news datelines: ``KARACHI:``, ``WASHINGTON (Reuters) -``, ``LONDON, June 3 (AP) —``.

:func:`find_dateline` returns where the place name is and where the story body
starts; offsets are into the original text, which is never altered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"          # KARACHI, U.S., PORT-AU-PRINCE
_TITLE_WORD = r"[A-Z][a-zà-ÿ'’.\-]+"            # Washington, São
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}}"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,2}}"
_REGION = rf"(?:,[ ](?!{_MONTH}[ ]\d)(?:{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,2}}|{_CAPS_PLACE}))?"
_DATE = rf"(?:,?[ ](?P<date>{_MONTH}[ ]\d{{1,2}}(?:,[ ]\d{{4}})?))?"
_AGENCY = r"(?:[ ]?\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\))?"
_SEP = r"[ ]*(?:--|[:\-–—])[ ]*"

_CAPS_RE = re.compile(rf"^(?P<lead>\s*)(?P<place>{_CAPS_PLACE}){_REGION}{_DATE}{_AGENCY}{_SEP}")
# Title-case places need an agency or a date to count ("Washington (Reuters) -").
_TITLE_RE = re.compile(
    rf"^(?P<lead>\s*)(?P<place>{_TITLE_PLACE}){_REGION}"
    rf"(?:,[ ](?P<date>{_MONTH}[ ]\d{{1,2}}(?:,[ ]\d{{4}})?))?"
    rf"(?:[ ]?\((?P<agency>[A-Za-z][A-Za-z .&/-]{{0,30}})\))?{_SEP}"
)


@dataclass(frozen=True)
class Dateline:
    place_start: int
    place_end: int
    place: str
    body_start: int
    date_text: Optional[str] = None
    agency: Optional[str] = None

    @property
    def end(self) -> int:
        return self.body_start


def find_dateline(text: str) -> Optional[Dateline]:
    """The dateline at the start of ``text`` (or of its first paragraph after a headline line)."""
    found = _match_at(text, 0)
    if found:
        return found
    nl = text.find("\n")
    first = text[:nl].strip() if nl > 0 else ""
    # rule headline_full_stop: a headline line closed by a full stop and a blank line ("Clinton
    # Wins Iowa.\n\nDES MOINES (AP) — ...": feeds that add one to every title) is still a
    # headline; then only a dash ends the dateline ("UPDATE: 5/12 —", "Rep. X (R-S.C.): ..." are
    # no datelines)
    stop = bool(first) and first[-1] == "." and text[nl:nl + 2] == "\n\n" \
        and not re.search(r"[a-z]{2}\.\s+[A-Z]", first[:-1])   # not a paragraph of sentences ("U.S." may be in it)
    if first and len(first) <= 160 and (first[-1] not in ".:;!?\"”" or stop):
        nxt = nl
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        found = _match_at(text, nxt)
        if found is not None and stop and text[found.place_end:found.body_start].rstrip().endswith(":"):
            return None
        return found
    return None


def _match_at(text: str, offset: int) -> Optional[Dateline]:
    head = text[offset:offset + 160]
    m = _CAPS_RE.match(head)
    if m:
        place = m.group("place")
        # "US" or "I:" alone are not datelines; a real one is a known-looking place name
        if len(place.replace(".", "")) < 3 and not m.group("agency"):
            m = None
    if not m:
        m = _TITLE_RE.match(head)
        if m and not (m.group("agency") or m.group("date")):
            m = None
    if not m:
        return None
    body = offset + m.end()
    if body >= len(text) or not text[body:].strip():
        return None
    first = text[body:].lstrip()[:1]
    if not (first.isupper() or first.isdigit() or first in "\"“‘'("):
        return None
    groups = m.groupdict()
    return Dateline(
        place_start=offset + m.start("place"),
        place_end=offset + m.end("place"),
        place=m.group("place"),
        body_start=body,
        date_text=groups.get("date"),
        agency=groups.get("agency"),
    )
