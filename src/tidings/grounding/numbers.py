"""Spelled-out numbers ("two hundred and fifty", "forty-five thousand"), shared by times and amounts."""
from __future__ import annotations

import re
from typing import Mapping, Optional


def spelled_number(s: str, numbers: Mapping[str, float], a_is_one: bool = False) -> Optional[float]:
    """The value of number words in ``s`` (already lower-cased), or None if a word is not a number.

    ``numbers`` maps words to values; "hundred" and "thousand" multiply what precedes them, and
    "thousand" closes a group. "and" is skipped; with ``a_is_one`` "a"/"an" count as one
    ("a hundred").
    """
    total, cur = 0.0, 0.0
    for w in re.split(r"[- ]+", s):
        if w == "and":
            continue
        if a_is_one and w in ("a", "an"):
            cur = max(cur, 1)
            continue
        v = numbers.get(w)
        if v is None:
            return None
        if v in (100, 1000):
            cur = max(cur, 1) * v
            if v == 1000:
                total += cur
                cur = 0
        else:
            cur += v
    return total + cur
