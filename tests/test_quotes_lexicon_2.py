"""Lexicon follow-up (qlex2): complement letters and rows of quotes_cues.tsv."""
from __future__ import annotations

from test_quotes import one, pipe, quotes  # noqa: F401  (pipe is the module's fixture)


def test_assume_takes_no_noun_object(pipe):
    # 'n': the noun object of 'assume' is a post or a duty taken on, not a proposition
    qs = quotes(pipe, "The new governor will assume the duties of the office next Tuesday.")
    assert not [q for q in qs if "duties" in q.content.text]
    q = one(quotes(pipe, "The analysts assumed that interest rates would stay low for years."), "interest rates")
    assert q.cue.text == "assumed"


def test_see_takes_a_noun_object_only_with_as(pipe):
    # 'n': what someone saw is a sight ('saw the video'), what someone sees X as is a view
    qs = quotes(pipe, "Two guards saw the broken window at the back of the store.")
    assert not [q for q in qs if "window" in q.content.text]
    q = one(quotes(pipe, "Many farmers see the new tariff as a threat to their exports."), "tariff")
    assert q.content.text.endswith("exports")


def test_investigate_is_no_cue(pipe):
    # what the police investigate is an event or a case, not something anyone said or held
    qs = quotes(pipe, "Federal agents are investigating the fire at the warehouse.")
    assert not [q for q in qs if "fire" in q.content.text]
