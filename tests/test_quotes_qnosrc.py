"""Quotes with no one named (qnosrc): impersonal views and evidential adverbs."""
from __future__ import annotations

from test_quotes import one, quotes, pipe  # noqa: F401  (pipe: the module's fixture)


def test_it_appears_that_is_a_view_from_no_source(pipe):
    qs = quotes(pipe, "Often, it appeared that the senator was unable to answer the charge.")
    q = one(qs, "the senator was unable")
    assert q.content.text == "that the senator was unable to answer the charge"
    assert q.speaker is None


def test_it_looks_like_takes_the_clause_after_like(pipe):
    qs = quotes(pipe, "After the hearing, it sure looks like the council will vote against the new stadium.")
    q = one(qs, "the council will vote")
    assert q.content.text == "the council will vote against the new stadium"
    assert q.speaker is None
