"""Quotes: repairs made while merging the session-5 branches (sentences written for the project)."""
from conftest import quotes


def test_depicting_passive_reports_nothing(quote_pipe):
    # "were shown chanting": a picture of people doing something, not a view held by anyone
    for s in ("The senator's loudest supporters were shown chanting outside the convention hall.",
              "Several armed officers from the county were seen gathered near the gate."):
        assert not [q for q in quotes(quote_pipe, s) if "hall" in q.content.text or "gate" in q.content.text], s
    # the belief reading with a 'to' infinitive stays
    qs = quotes(quote_pipe, "The new bridge over the harbour is expected to open before the winter storms.")
    assert any("to open" in q.content.text and q.speaker is None for q in qs)
