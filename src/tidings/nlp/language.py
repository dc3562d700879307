"""A cheap check that an article is English, before any parsing.

tidings codes English news only. The check needs no model: the share of
English function words among the first ~400 word-like tokens is about
0.35–0.5 in English prose and near 0 in other languages (and in text whose
script is not Latin).
"""
from __future__ import annotations

import itertools
import re
from typing import Optional

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LATIN = re.compile("[\u0250-\U0010ffff]")
_NON_LATIN_WORD = re.compile("[^\\W\\d_\x00-\u024f]")
_FUNCTION_WORDS = frozenset(
    """a about after against all also an and any are as at be because been before being between
    both but by can could did do does for from had has have he her him his how i if in into is it
    its just more most my no not of on one only or other our out over said she so some than that
    the their them then there these they this those through to under up was we were what when where
    which while who will with would you""".split()
)
MIN_ENGLISH_SHARE = 0.12
#: below this many words the share is unreliable: only clear evidence of another language counts
MIN_WORDS_FOR_SHARE = 30

# Frequent function words of the languages most often mistaken for English input (none is an
# English word): two or more hits that outnumber the English ones mark a short text as not English.
_OTHER_FUNCTION_WORDS = {
    "de": frozenset("der die das und ist nicht mit auf den dem des ein eine einen sich auch nach wie wird "
                    "hat zu im vom zum zur bei oder aber wurde sind".split()),
    "fr": frozenset("le la les de et est une des du dans pour pas qui que sur avec au aux ce cette il elle "
                    "sont ont été par ne se".split()),
    "es": frozenset("el la los las de y es una del en por con para que se al lo como pero sus fue ha han "
                    "muy ya".split()),
    "pt": frozenset("o os as de e um uma do da dos das em no na para com que se não foi são pelo pela".split()),
    "it": frozenset("il lo gli le e è un una del della dei nel nella per con che non sono stato".split()),
    "nl": frozenset("de het een en van is dat niet met op zijn voor ook bij naar heeft werd".split()),
    "id": frozenset("yang dan di ke dari dengan untuk ini itu tidak akan pada dalam oleh".split()),
}


def check_english(text: str) -> Optional[str]:
    """None when the text looks English, else a message saying why not."""
    # the letters (str.isalpha) and those outside Latin (at or above U+0250); a text without any
    # word character at or above U+0250 has no such letter (every letter is a word character)
    head = text[:20000]
    letters = "".join(filter(str.isalpha, head)) if _NON_LATIN_WORD.search(head) else ""
    if letters:
        latin = len(letters) - len(_NON_LATIN.findall(letters))
        if latin / len(letters) < 0.5:
            return (f"text does not look like English: {1 - latin / len(letters):.0%} of its letters are "
                    "outside the Latin script; tidings codes English news only")
    words = [m.group().lower() for m in itertools.islice(_WORD.finditer(text, 0, 20000), 400)]
    n = len(words)
    if n == 0:
        return "no words found: the text is not English prose"
    english = sum(1 for w in words if w in _FUNCTION_WORDS)
    share = english / n   # the share of English function words
    lang, other = max(((code, sum(1 for w in words if w in fw)) for code, fw in _OTHER_FUNCTION_WORDS.items()),
                      key=lambda x: x[1])
    if other >= 2 and other > english:
        return (f"text does not look like English (it has {other} function words of language '{lang}' and "
                f"{english} English ones); tidings codes English news only")
    if n < MIN_WORDS_FOR_SHARE:
        return None  # too short for the share to mean anything, and no other language stands out
    if share < MIN_ENGLISH_SHARE:
        return (f"text does not look like English (English function words are {share:.0%} of the "
                f"first {n} words, expected at least {MIN_ENGLISH_SHARE:.0%}); tidings codes English news only")
    return None
