"""A cheap check that an article is English, before any parsing.

tidings codes English news only. The check needs no model: the share of
English function words among the first ~400 word-like tokens is about
0.35–0.5 in English prose and near 0 in other languages (and in text whose
script is not Latin).
"""
from __future__ import annotations

import re
from typing import Optional

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FUNCTION_WORDS = frozenset(
    """a about after against all also an and any are as at be because been before being between
    both but by can could did do does for from had has have he her him his how i if in into is it
    its just more most my no not of on one only or other our out over said she so some than that
    the their them then there these they this those through to under up was we were what when where
    which while who will with would you""".split()
)
MIN_ENGLISH_SHARE = 0.12


def english_share(text: str, limit: int = 400) -> tuple[float, int]:
    words = _WORD.findall(text[:20000])[:limit]
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w.lower() in _FUNCTION_WORDS)
    return hits / len(words), len(words)


def check_english(text: str) -> Optional[str]:
    """None when the text looks English, else a message saying why not."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if letters:
        latin = sum(1 for c in letters if c < "\u0250")
        if latin / len(letters) < 0.5:
            return (f"text does not look like English: {1 - latin / len(letters):.0%} of its letters are "
                    "outside the Latin script; tidings codes English news only")
    share, n = english_share(text)
    if n == 0:
        return "no words found: the text is not English prose"
    if n < 8:
        return None  # too short to judge; let it through
    if share < MIN_ENGLISH_SHARE:
        return (f"text does not look like English (English function words are {share:.0%} of the "
                f"first {n} words, expected at least {MIN_ENGLISH_SHARE:.0%}); tidings codes English news only")
    return None
