"""qstart: where a reported content starts and which of competing candidates wins."""
from __future__ import annotations

import pytest

from tidings.pipeline import Config, Pipeline

from conftest import one, quotes


@pytest.fixture(scope="module")
def pipe():
    """The rules with their default settings (the learned adder off: these are the rules' choices)."""
    return Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"adder": False}))


def test_speech_inside_a_that_clause_is_the_outer_report(pipe):
    qs = quotes(pipe, "A survey released on Monday found that most teachers said the new schedule should be dropped. "
                      "The mayor worried that the union could threaten to strike next month.")
    assert one(qs, "most teachers said").cue.text == "found"
    assert [q.content.text for q in qs if "schedule" in q.content.text] == \
        ["that most teachers said the new schedule should be dropped"]
    assert [q.cue.text for q in qs if "strike" in q.content.text] == ["worried"]


def test_speech_inside_a_content_sourced_after_it(pipe):
    qs = quotes(pipe, "The farmers have said they will block the highway again, according to local officials.")
    assert [q.cue.text for q in qs if "highway" in q.content.text] == ["according to"]


def test_a_noun_cue_with_a_bare_short_topic_is_no_quote(pipe):
    qs = quotes(pipe, "Both senators face questions about their finances. Support for the treaty has faded in recent months.")
    assert not [q for q in qs if q.content.text in {"their finances", "the treaty"}]


def test_speech_inside_a_content_with_a_parenthetical_source(pipe):
    qs = quotes(pipe, "The two unions met the minister on Monday, according to their lawyers, and said they would "
                      "strike in March. The report does not explain why the bridge failed, as engineers have said.")
    assert [q.cue.text for q in qs if "strike in March" in q.content.text] == ["according to"]
    assert [q.cue.text for q in qs if "bridge failed" in q.content.text] == ["have said"]


def test_a_content_starts_after_an_opening_as_clause(pipe):
    qs = quotes(pipe, "As it stands, the state prison system holds a quarter of the nation's inmates, according to "
                      "the bureau. If, as I've suggested, the owners benefit from the tax rules, they will keep the land.")
    assert one(qs, "prison system").content.text.startswith("the state prison system")
    assert one(qs, "the owners").content.text.startswith("the owners benefit")


def test_a_participle_with_its_own_object_does_not_attribute_its_clause(pipe):
    qs = quotes(pipe, "The rebel leader judged the army a paper tiger, encouraging the raids. "
                      "She becomes upset, shouting insults as she walks to the car.")
    assert not [q for q in qs if "paper tiger" in q.content.text or "becomes upset" in q.content.text]
