"""The ``tone`` stage: GDELT's V2Tone fields for a whole document, from an open word lexicon.

GDELT's Global Knowledge Graph gives every article seven tone figures (``V2Tone``); tidings
computes the same seven from the parsed text:

* ``positive``: the share of the document's words (in per cent) that are positive words;
* ``negative``: the share that are negative words;
* ``tone``: ``positive - negative`` (GDELT's range is -100..+100; news sits mostly in -10..+10);
* ``polarity``: ``positive + negative``, how emotionally charged the text is whatever its sign;
* ``activity``: activity reference density, the share of words that are verbs of action (every
  token the parser tags ``VERB``; auxiliaries and copulas are not counted);
* ``self_group``: self/group reference density, the share of words that are personal or
  possessive pronouns (Penn tags ``PRP``/``PRP$``: "we", "our", "they", "us" ...);
* ``words``: the number of words (alphabetic tokens).

The positive and negative words come from the VADER lexicon (Hutto & Gilbert 2014), which the
``vaderSentiment`` package ships under the MIT licence (``vaderSentiment/vader_lexicon.txt``):
about 7,500 words and emoticons rated -4..+4 by ten people each. It is read from that installed
package, never copied. A word counts as positive when its mean rating is at least
:data:`MIN_VALENCE`, negative when it is at most ``-MIN_VALENCE``; the word form is looked up
lower-cased, then its lemma ("killed" and "kill" are both in the lexicon; "talks" finds "talk").
GDELT counts words, not ratings, and so does this stage; negation ("not good") is not undone, as
in GDELT's own tone.

Rule names: ``tone:vader-words``; confidence is not given per document (the figures are counts).
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Iterable, Optional

from ..model import Tone

log = logging.getLogger(__name__)

#: the smallest mean VADER rating (absolute value) that makes a word positive or negative
MIN_VALENCE = 0.5
#: the lexicon's name, for the README and the stage's rule
LEXICON = "VADER 3.3.2 word lexicon (vaderSentiment, MIT licence)"
RULE = "tone:vader-words"
PRONOUN_TAGS = {"PRP", "PRP$"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """word → mean valence (-4..+4), from the installed ``vaderSentiment`` package."""
    from importlib import resources

    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:  # a declared dependency
        raise RuntimeError("the tone stage needs the vaderSentiment package (pip install vadersentiment)") from exc
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        try:
            out[parts[0].strip().lower()] = float(parts[1])
        except ValueError:
            continue
    return out


def valence(word: str, lemma: Optional[str] = None) -> float:
    """The lexicon's mean rating of a word (its lemma as a fallback); 0.0 when it has none."""
    lex = lexicon()
    v = lex.get(word.lower())
    if v is None and lemma:
        v = lex.get(lemma.lower())
    return v or 0.0


def tone_of_tokens(tokens: Iterable) -> Optional[Tone]:
    """V2Tone figures over spaCy tokens (anything with ``text``, ``lemma_``, ``pos_``, ``tag_``,
    ``is_alpha``); None when there is no word at all."""
    words = pos = neg = verbs = pronouns = 0
    for t in tokens:
        if not t.is_alpha:
            continue
        words += 1
        v = valence(t.text, t.lemma_)
        if v >= MIN_VALENCE:
            pos += 1
        elif v <= -MIN_VALENCE:
            neg += 1
        if t.pos_ == "VERB":
            verbs += 1
        if t.tag_ in PRONOUN_TAGS:
            pronouns += 1
    if not words:
        return None
    p, n = 100.0 * pos / words, 100.0 * neg / words
    return Tone(tone=round(p - n, 4), positive=round(p, 4), negative=round(n, 4), polarity=round(p + n, 4),
                activity=round(100.0 * verbs / words, 4), self_group=round(100.0 * pronouns / words, 4),
                words=words, rule=RULE)


class ToneStage:
    """Fills ``record.tone`` (the V2Tone figures of the whole document)."""

    name = "tone"
    requires: frozenset[str] = frozenset({"doc"})
    provides: frozenset[str] = frozenset({"record.tone"})

    def __init__(self, config=None) -> None:
        self.config = config
        lexicon()   # load once, at pipeline build time

    def __call__(self, ctx) -> None:
        ctx.record.tone = tone_of_tokens(ctx.doc)
