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


def test_title_inside_the_attribution_does_not_split_the_quotation(quote_pipe):
    # '"A," X told "Programme" on Sunday. "B."': the programme's name is not a piece of the quotation,
    # and the quotation after the attribution is the same speaker's second piece
    text = ('"The harvest failed twice in a row," the farmer told "Morning Report" on Sunday. '
            '"Now we are selling our goats to buy grain."\n\nPrices rose in the weeks that followed.')
    qs = quotes(quote_pipe, text)
    q = next(q for q in qs if "harvest failed" in q.content.text)
    assert "selling our goats" in q.content.text
    assert all("Morning Report" not in (f.text for f in q.fragments or []) for q in qs)
    assert len([x for x in qs if "goats" in x.content.text]) == 1
