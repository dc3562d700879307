"""Quotes: who the speaker is when the parse does not hand the cue a subject of its own, and
nested attributions (docs/quote_rules.md, "Speaker error classes")."""
from __future__ import annotations

import pytest

from conftest import one, quotes


def test_third_coordinated_cue_takes_the_subject_of_the_chain(quote_pipe):
    # "X railed ..., mocked ... and said ...": "said" hangs on "mocked", which hangs on "railed"
    qs = quotes(quote_pipe, "The mayor railed against the budget, mocked the council and said the city "
                            "would go broke by spring.")
    assert one(qs, "go broke by spring").speaker.text == "The mayor"


def test_third_coordinated_cue_argued(quote_pipe):
    qs = quotes(quote_pipe, "The council member questioned the plan, attacked the mayor and argued the city "
                            "could not afford it.")
    assert one(qs, "could not afford it").speaker.text == "The council member"


def test_cue_without_subject_after_a_clause_that_has_one(quote_pipe):
    # the parser hangs "Senator Ortiz is keeping up ..." under "said" as a clause: its subject speaks
    qs = quotes(quote_pipe, "Senator Ortiz is keeping up her attacks on the tariff plan, said Monday that "
                            "farmers would pay the price.")
    assert one(qs, "farmers would pay the price").speaker.text == "Senator Ortiz"


def test_nested_attribution_outer_speaker(quote_pipe):
    # "X says he spoke to ...": a quote whose content holds "X says" is X's, not the inner "he"'s
    qs = quotes(quote_pipe, "Governor Ellis says he spoke to the union leaders and asked them to end the strike.")
    for q in qs:
        if q.content.text.startswith("Governor Ellis says"):
            assert q.speaker.text == "Governor Ellis"
    assert one(qs, "he spoke to the union leaders").speaker.text == "Governor Ellis"


def test_outer_speaker_not_taken_over_according_to(quote_pipe):
    # "according to X" keeps X as the source, though the content holds "The minister said"
    qs = quotes(quote_pipe, "The minister said the talks had failed, according to two officials.")
    acc = [q for q in qs if q.rule == "quote.according.to"]
    assert acc and all(q.speaker.text == "two officials" for q in acc)


def test_direct_quote_speaker_is_not_inside_the_quotation(quote_pipe):
    # the parse makes the quoted list the subject of "said": the speaker is the name after it
    qs = quotes(quote_pipe, '"The voters, the farmers, the whole valley," Okafor said on Tuesday.')
    assert one(qs, "the whole valley").speaker.text == "Okafor"


def test_stance_noun_held_by_the_subject_of_its_verb(quote_pipe):
    # "X holds little hope for ...", "X shied away from talk of ...": X holds the view
    q = one(quotes(quote_pipe, "The governor holds little hope for winning the runoff."), "winning the runoff")
    assert q.rule == "quote.stance.object_noun" and q.speaker.text == "The governor"
    q = one(quotes(quote_pipe, "Party leaders shied away from talk of replacing the chairman."), "replacing the chairman")
    assert q.speaker.text == "Party leaders"


def test_stance_noun_with_that_clause_held_by_the_subject(quote_pipe):
    # "X floated the notion that ...", "X delayed it in the hope that ...": no longer source-less
    q = one(quotes(quote_pipe, "The treasurer floated the notion that the city could sell the airport."), "sell the airport")
    assert q.speaker.text == "The treasurer"
    q = one(quotes(quote_pipe, "The union delayed the strike in the hope that the talks would resume."), "talks would resume")
    assert q.speaker.text == "The union"


def test_dateline_after_a_headline_is_not_the_speaker(quote_pipe):
    # a dateline the parse makes the subject: the speaker is the subject after the dash
    qs = quotes(quote_pipe, "Governor signs the grazing bill.  BOISE (AP) — The governor signed the bill, "
                            "calling it a victory for ranchers.")
    assert one(qs, "a victory for ranchers").speaker.text == "The governor"
    assert one(qs, "the bill").speaker.text == "The governor"


def test_dateline_pattern():
    from tidings.quotes.stage import _DATELINE_RE
    for words in ("WASHINGTON (AP)", "PHILADELPHIA, July 25 (UPI)", "Washington (AFP)", "MYRTLE BEACH"):
        assert _DATELINE_RE.match(words), words
    for words in ("FBI Director James Comey", "NATO allies", "Trump", "the senator"):
        assert not _DATELINE_RE.match(words), words


def test_participle_after_a_comma_goes_with_the_clause_subject(quote_pipe):
    # the parse hangs ", writing ..." on "attempt": the one who made the attempt wrote
    qs = quotes(quote_pipe, "On Sunday morning Ms. Lopez made a second attempt to deflect Mr. Hale's attacks, "
                            "writing on Twitter that the real issue was the economy.")
    assert one(qs, "the real issue was the economy").speaker.text == "Ms. Lopez"


def test_statement_sent_out_speaks_for_its_sender(quote_pipe):
    # "X sent out a press release saying ...": X is the source, not the release
    qs = quotes(quote_pipe, "After the vote, the tenants' union sent out a press release saying the landlord "
                            "“ignored every repair request.”")
    assert one(qs, "ignored every repair request").speaker.text == "the tenants' union"


@pytest.mark.parametrize("text, content, speaker", [
    ("The senator tried to calm the crowd, and took a heckler in stride, saying the man would be safe at the rally.",
     "the man would be safe at the rally", "The senator"),
    ("The governor toured the flooded towns and met farmers, warning that the losses would be severe.",
     "that the losses would be severe", "The governor"),
])
def test_participle_on_a_coordinated_verb_speaks_for_the_shared_subject(quote_pipe, text, content, speaker):
    # "X did A and did B, saying ...": the participle's head has no subject of its own; the subject
    # it shares with the verb it is coordinated with is the speaker
    q = one(quotes(quote_pipe, text), content.split()[1])
    assert q.content.text == content and q.speaker.text == speaker


def test_subjectless_main_verb_takes_the_name_right_before_it(quote_pipe):
    # the parse hangs the name on the opening phrase and leaves "suggested" without a subject: the
    # name (with its appositive) right before the verb is the speaker
    from conftest import given_parse

    rows = [("Talks", "NNS", "NOUN", "nsubj", 1, "talk"), ("resumed", "VBD", "VERB", "ROOT", 1, "resume"),
            (".", ".", "PUNCT", "punct", 1, "."), ("\n", "_SP", "SPACE", "dep", 2, "\n"),
            ("Later", "RB", "ADV", "advmod", 14, "later"), (",", ",", "PUNCT", "punct", 14, ","),
            ("Ana", "NNP", "PROPN", "compound", 7, "Ana"), ("Ruiz", "NNP", "PROPN", "npadvmod", 14, "Ruiz"),
            (",", ",", "PUNCT", "punct", 7, ","), ("the", "DT", "DET", "det", 11, "the"),
            ("marina", "NN", "NOUN", "poss", 11, "marina"), ("manager", "NN", "NOUN", "appos", 7, "manager"),
            (",", ",", "PUNCT", "punct", 7, ","), ("also", "RB", "ADV", "advmod", 14, "also"),
            ("suggested", "VBD", "VERB", "ROOT", 14, "suggest"), ("that", "IN", "SCONJ", "mark", 17, "that"),
            ("prices", "NNS", "NOUN", "nsubj", 17, "price"), ("fell", "VBD", "VERB", "ccomp", 14, "fall"),
            (".", ".", "PUNCT", "punct", 14, ".")]
    q = one(given_parse(quote_pipe, rows), "prices fell")
    assert q.speaker is not None and q.speaker.text == "Ana Ruiz, the marina manager"
