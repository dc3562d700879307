"""Quotes: narrowings of rules that misfired on news they were not tuned on (engineer qtrain)."""
from __future__ import annotations

from conftest import one, quotes


def test_readiness_adjective_with_a_noun_is_preparedness_not_a_stance(quote_pipe):
    # "ready for X" / "prepared for X": a state of preparedness, nobody's stance
    qs = quotes(quote_pipe, "Bond traders are not prepared for the sudden slump in commodity prices.")
    assert not [q for q in qs if "slump" in q.content.text]
    qs = quotes(quote_pipe, "The stadium was ready for the opening match of the season.")
    assert not [q for q in qs if "opening match" in q.content.text]


def test_readiness_adjective_with_an_infinitive_stays_a_stance(quote_pipe):
    q = one(quotes(quote_pipe, "The senator said on Monday that the governor was willing to sign the budget bill."),
            "sign the budget bill")
    assert q.speaker.text in {"The senator", "the governor"}
    q = one(quotes(quote_pipe, "Local farmers are ready to sue the county over the new water rules."), "sue the county")
    assert q.speaker.text == "Local farmers"


def test_infinitive_after_too_or_enough_is_a_degree_not_a_speaker(quote_pipe):
    # "too proud to admit X": X is not admitted; "wasn't enough to claim X": a cause, not someone speaking
    qs = quotes(quote_pipe, "The old mayor was too slow to admit his mistakes about the bridge.")
    assert not [q for q in qs if "mistakes" in q.content.text]
    qs = quotes(quote_pipe, "A narrow win in the first state was not enough to claim the nomination.")
    assert not [q for q in qs if "nomination" in q.content.text]


def test_infinitive_on_a_plain_adjective_still_speaks_for_the_subject(quote_pipe):
    q = one(quotes(quote_pipe, "The mayor was quick to praise the new stadium plan."), "stadium plan")
    assert q.speaker.text == "The mayor"


def test_bare_noun_object_of_a_perception_verb_is_no_content(quote_pipe):
    # "found", "saw", "showed" + one noun: a thing found or seen, not a view held
    qs = quotes(quote_pipe, "The park rangers have not seen wolves in years.")
    assert not [q for q in qs if q.content.text.startswith("wolves")]
    qs = quotes(quote_pipe, "The auditors found errors, and the bank paid a fine.")
    assert not [q for q in qs if q.content.text.startswith("errors")]


def test_bare_noun_object_of_a_speech_verb_is_what_was_said(quote_pipe):
    q = one(quotes(quote_pipe, "The defence minister did not suggest retaliation."), "retaliation")
    assert q.speaker.text == "The defence minister"


def test_response_by_a_noun_is_a_deadline_not_the_response(quote_pipe):
    qs = quotes(quote_pipe, "The rival airline did not respond by the end of the week.")
    assert not [q for q in qs if q.content.text.startswith("by the end")]


def test_response_by_a_gerund_is_the_response(quote_pipe):
    q = one(quotes(quote_pipe, "The senator responded by calling the audit a partisan attack."), "partisan attack")
    assert q.speaker.text == "The senator"


def test_quotation_running_on_after_a_relative_clause_continues_the_speaker(quote_pipe):
    # "said X, who sponsored the bill. "B."": B is X's, not the relative pronoun's
    text = ('"The ban is cruel and it is unfair," said Senator Maria Gomez, who sponsored the repeal.\n\n'
            '"We will bring it to a vote before the summer recess."')
    q = one(quotes(quote_pipe, text), "vote before the summer recess")
    assert q.speaker is not None and q.speaker.text == "Senator Maria Gomez"


def test_cue_with_its_own_infinitive_does_not_take_the_clause_before_it(quote_pipe):
    # the parser hangs the main clause on "decided" as a fronted complement; its content is the infinitive
    text = ("Prices started to climb in May, when the drought hit the northern farms, the central bank "
            "decided not to raise rates and the currency fell.")
    qs = quotes(quote_pipe, text)
    assert not [q for q in qs if q.content.text.startswith("Prices started")]
    q = one(qs, "not to raise rates")
    assert q.speaker.text == "the central bank"


def test_verb_of_trying_to_cause_does_not_make_its_object_a_speaker(quote_pipe):
    # "pushed X to reject Y": X has not rejected anything yet
    qs = quotes(quote_pipe, "The farmers' union pushed the senators to reject the new trade deal.")
    assert not [q for q in qs if q.speaker is not None and q.speaker.text == "the senators"]


def test_verb_of_causing_still_makes_its_object_the_speaker(quote_pipe):
    q = one(quotes(quote_pipe, "The audit forced the treasurer to admit that the accounts were wrong."), "accounts were wrong")
    assert q.speaker.text == "the treasurer"


def test_quotation_its_sentence_runs_on_after_is_no_one_s_words(quote_pipe):
    # a quoted phrase inside a running sentence does not continue the previous speaker
    text = ('"We will rebuild the school," the mayor said.\n\n'
            'Her second term brought "a long and painful season of cuts to every school" and few new jobs.')
    qs = quotes(quote_pipe, text)
    assert not [q for q in qs if "painful season" in q.content.text]
    # a quotation that ends its sentence still continues the speaker
    text = '"We will rebuild the school," the mayor said.\n\n"It will take a year, maybe two."'
    q = one(quotes(quote_pipe, text), "take a year")
    assert q.speaker is not None and q.speaker.text == "the mayor"


def test_runs_on_reads_the_next_character_of_the_line():
    from tidings.quotes.stage import QuoteStage

    text = 'It was "a bad deal" for us. "Done." Then "More" (see below)\n"Next."'
    assert QuoteStage._runs_on(text, text.index("for") - 1)
    assert not QuoteStage._runs_on(text, text.index("Then") - 1)
    assert QuoteStage._runs_on(text, text.index("(") - 1)
    assert not QuoteStage._runs_on(text, text.index('"Next') - 1)
