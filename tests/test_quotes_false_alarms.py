"""False alarms (engineer qfp): constructions that look like attributions but report none."""
from __future__ import annotations

import pytest

from tidings.pipeline import Config, Pipeline

from conftest import one, quotes


@pytest.fixture(scope="module")
def pipe():
    # the rules' own behaviour (every rule on, no veto), as conftest's quote_pipe
    return Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"off_rules": (), "min_confidence": 0.0,
                                                                                "tagger": False}))


def test_open_question_after_impersonal_adjective_is_no_view(pipe):
    # "it is unclear whether ..." leaves a question open: no one holds a view of it
    qs = quotes(pipe, "It is unclear whether the council will vote on the budget before the summer recess.")
    assert not [q for q in qs if "council" in q.content.text]
    qs = quotes(pipe, "It was not clear what effect the new tariff would have on grain prices.")
    assert not [q for q in qs if "tariff" in q.content.text]
    # a that-clause is still a view from no source
    q = one(quotes(pipe, "It is clear that the council will vote on the budget before the summer recess."), "council")
    assert q.content.text.startswith("that the council") and q.speaker is None
