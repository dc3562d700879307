"""Quotes: constructions around known cue words (engineer qstruct)."""
from __future__ import annotations

from test_quotes import one, pipe, quotes  # noqa: F401  (pipe is a fixture)


def test_object_control_the_object_speaks(pipe):
    # "forced X to admit that ...": X admits, not the one who forced
    qs = quotes(pipe, "The committee chairman forced the bank's chief executive to admit that the controls had failed.")
    q = one(qs, "the controls had failed")
    assert q.speaker.text == "the bank's chief executive"


def test_object_control_belief(pipe):
    q = one(quotes(pipe, "The scandal led the ambassador to fear a collapse of the talks."), "collapse of the talks")
    assert q.speaker.text == "the ambassador"


def test_adjective_control_the_subject_speaks(pipe):
    # "was quick to praise ...": the subject of "was" praises
    q = one(quotes(pipe, "The mayor was quick to praise the new stadium plan."), "stadium plan")
    assert q.speaker.text == "The mayor"


def test_gerund_after_a_noun_object_speaks_for_the_subject(pipe):
    # "have no way of knowing ...": the subject of "have" would know
    q = one(quotes(pipe, "Voters have no way of knowing whether the governor will keep the tax cuts."), "tax cuts")
    assert q.speaker.text == "Voters"
    assert q.cue.text == "knowing"


def test_gerund_after_a_prepositional_noun(pipe):
    q = one(quotes(pipe, "Labor unions were in the lead in advocating a higher minimum wage."), "minimum wage")
    assert q.speaker.text == "Labor unions"


def test_gerund_after_a_possessed_noun(pipe):
    q = one(quotes(pipe, "His campaign theme of questioning free trade deals won votes in Ohio."), "free trade deals")
    assert q.speaker.text == "His"
