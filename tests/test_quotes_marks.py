"""Quotations in quotation marks: pieces of one quotation, scare quotes and titles (engineer qdirect)."""
from __future__ import annotations

from conftest import one, quotes


def test_partial_quotation_continues_after_its_attribution(quote_pipe):
    # a reported clause that closes on a quotation runs on in the quotation after "X said ..."
    text = ('The council budget is "a decent first step," said Maria Lopez, a councillor who has chaired the '
            'finance committee since 2015. "But it leaves the hardest questions about the pension fund unanswered."')
    qs = quotes(quote_pipe, text)
    assert len(qs) == 1
    q = qs[0]
    assert [f.text for f in q.fragments] == ['The council budget is "a decent first step,"',
                                             '"But it leaves the hardest questions about the pension fund unanswered."']
    assert q.speaker.text.startswith("Maria Lopez")


def test_partial_quotation_continues_short_attribution_whole_span(quote_pipe):
    text = ('The new stadium will be "a drain on the city," the treasurer warned on Friday. '
            '"Nobody has shown me where the money comes from."')
    qs = quotes(quote_pipe, text)
    assert len(qs) == 1
    assert qs[0].content.text == text
    assert len(qs[0].fragments) == 2


def test_cue_with_its_own_object_does_not_join_the_next_quotation(quote_pipe):
    text = 'The crowd cheered when, at the end of her rendition of the anthem "Home Again," she added the words "Vote tomorrow."'
    for q in quotes(quote_pipe, text):
        assert not q.fragments


def test_closing_mark_typed_as_opening_mark_at_line_end(quote_pipe):
    # '... percent.“' then a new paragraph: the quotation closes there, it does not open a new one
    text = ('The governor made the following remark:\n\n“Our schools lost four hundred teachers this year '
            'and the budget will not replace them.“\n\nLawmakers disputed the figure on Tuesday.')
    q = one(quotes(quote_pipe, text), "four hundred teachers")
    assert q.direct
    assert q.content.text.startswith("“Our schools") and q.content.text.endswith("them.“")
    assert q.speaker.text == "The governor"


def test_headline_naming_a_person_before_a_colon_quotes_after_it(quote_pipe):
    text = "A lesson from Maria Lopez: 'Fix the bridge before winter comes.'\nThe senator spoke to students on Monday."
    q = one(quotes(quote_pipe, text), "Fix the bridge")
    assert q.content.text == "'Fix the bridge before winter comes.'"
    assert q.speaker.text == "Maria Lopez"


def test_headline_colon_without_a_person_is_no_quote(quote_pipe):
    text = "Lessons of the storm: 'We were not ready.'\nThe city council met on Monday."
    assert not [q for q in quotes(quote_pipe, text) if "not ready" in q.content.text]


def test_title_after_the_noun_of_a_work_is_no_quotation(quote_pipe):
    text = "Jane Smith's column, \"Why the bridge matters to all of us,\" was widely shared on Sunday."
    assert not [q for q in quotes(quote_pipe, text) if "bridge matters" in q.content.text]


def test_content_read_up_to_a_title_is_dropped(quote_pipe):
    text = ("In his 2010 book, ''Save Your First Million Dollars,'' Mr. Grant suggested keeping a notebook "
            "of every purchase for a month.")
    assert not [q for q in quotes(quote_pipe, text) if q.content.text.endswith("Dollars,''")]


def test_short_quotation_named_by_a_naming_verb(quote_pipe):
    q = one(quotes(quote_pipe, 'The report was labeled "highly confidential."'), "highly confidential")
    assert q.cue.text == "was labeled"
    assert q.speaker is None


def test_short_quotations_called_without_a_subject(quote_pipe):
    q = one(quotes(quote_pipe, 'Mocks reporters and calls critics "clowns" and "losers."'), "clowns")
    assert q.cue.text == "calls"
    assert '"losers' in q.content.text


def test_as_x_put_it_attributes_the_quotation_after_it(quote_pipe):
    q = one(quotes(quote_pipe, 'As the union leader Maria Lopez put it, "Nobody gets a raise until the contract is signed."'),
            "Nobody gets a raise")
    assert q.cue.text == "put"
    assert q.speaker.text == "the union leader Maria Lopez"


def test_as_x_put_it_attributes_the_quotation_before_it(quote_pipe):
    text = 'Residents worry about the old crossing. "The bridge is a hazard for every driver in this town," as one engineer put it.'
    q = one(quotes(quote_pipe, text), "hazard for every driver")
    assert q.speaker.text == "one engineer"


def test_continued_colon_before_a_quotation_in_its_own_paragraph(quote_pipe):
    text = ('"The budget is balanced," Mayor Lopez said.\n\nCouncilman Smith continued:\n\n'
            '"We will rebuild every house on this street before winter."')
    q = one(quotes(quote_pipe, text), "rebuild every house")
    assert q.cue.text == "continued"
    assert q.speaker.text == "Councilman Smith"
