"""Quotes with no one named (qnosrc): impersonal views and evidential adverbs."""
from __future__ import annotations

from conftest import one, quotes


def test_it_appears_that_is_a_view_from_no_source(quote_pipe):
    qs = quotes(quote_pipe, "Often, it appeared that the senator was unable to answer the charge.")
    q = one(qs, "the senator was unable")
    assert q.content.text == "that the senator was unable to answer the charge"
    assert q.speaker is None


def test_it_looks_like_takes_the_clause_after_like(quote_pipe):
    qs = quotes(quote_pipe, "After the hearing, it sure looks like the council will vote against the new stadium.")
    q = one(qs, "the council will vote")
    assert q.content.text == "the council will vote against the new stadium"
    assert q.speaker is None


def test_hearsay_adverb_marks_its_clause_as_others_word(quote_pipe):
    qs = quotes(quote_pipe, "The guard was fired after he allegedly threatened a visitor with a knife.")
    q = one(qs, "allegedly threatened")
    assert q.content.text == "he allegedly threatened a visitor with a knife"
    assert q.speaker is None
    q = one(quotes(quote_pipe, "Regional Airline Reportedly Cutting Flights To Three Cities."), "Cutting Flights")
    assert q.content.text == "Regional Airline Reportedly Cutting Flights To Three Cities"


def test_view_with_no_one_holding_it_is_a_sight(quote_pipe):
    for text in ("The footage does not include a view of the crash itself.",
                 "The storm left little room for an older, calmer view of the harbor."):
        assert not [q for q in quotes(quote_pipe, text) if q.speaker is None and "the" in q.content.text], text
    # someone's view stays an opinion
    q = one(quotes(quote_pipe, "The union shared its views on the new contract with the board."), "new contract")
    assert q.speaker is not None


def test_seems_with_an_adjective_is_the_writers_judgement(quote_pipe):
    q = one(quotes(quote_pipe, "A deal before the election? That looks unlikely."), "That looks")
    assert q.content.text == "That looks unlikely"
    assert q.speaker is None
    q = one(quotes(quote_pipe, "For many parents, a private college seems too expensive."), "seems too expensive")
    assert q.content.text == "a private college seems too expensive"
    # one who judges is named: not a view from no source
    assert not [q for q in quotes(quote_pipe, "The plan seems sensible to me.") if q.speaker is None]
