"""Quotes: more constructions around known cue words (engineer qstruct2)."""
from __future__ import annotations

from test_quotes import given_parse, one, pipe, quotes  # noqa: F401  (pipe is a fixture)


def test_stance_adjective_read_as_a_passive_participle(pipe):
    # the tagger makes 'coy'/'frustrated' a VBN with 'were' as auxpass: still the subject's stance
    q = one(quotes(pipe, "In the days before the vote, the senator's aides were coy about whether she would back the bill."),
            "whether she would back the bill")
    assert q.speaker.text == "the senator's aides"
    q = one(quotes(pipe, "Farmers were frustrated that the ministry delayed the subsidy payments again."),
            "the ministry delayed")
    assert q.speaker.text == "Farmers"


def test_stance_adjective_heading_an_absolute_clause(pipe):
    q = one(quotes(pipe, "With donors increasingly nervous about the polls, the campaign cut its ad budget."), "the polls")
    assert q.speaker.text == "donors"


def test_stance_adjective_takes_its_marked_clause_whatever_the_tag_of_its_head(pipe):
    # 'undercut' is tagged an adjective, so the that-clause has no verb head
    q = one(quotes(pipe, "Many economists are afraid that the recovery may be undercut by higher interest rates."),
            "the recovery may be undercut")
    assert q.speaker.text == "Many economists"


def test_show_with_an_object_and_its_own_predicate(pipe):
    # "show X with a lead" / "show X ahead by ...": the object and its predicate are what is shown
    # (a name or a pronoun as the object: not taken as what a belief cue is about on its own)
    q = one(quotes(pipe, "Recent surveys show Lopez with a narrow lead among older voters."),
            "Lopez with a narrow lead among older voters")
    assert q.speaker.text == "Recent surveys"
    q = one(quotes(pipe, "The state average shows Warren ahead by four points."), "Warren ahead by four points")
    assert q.speaker.text == "The state average"
    q = one(quotes(pipe, "The footage shows him with his arms raised."), "him with his arms raised")
    assert q.speaker.text == "The footage"


def test_plural_object_read_as_a_present_verb(pipe):
    # 'rules' tagged VBZ (a verb) as the object: still what was challenged
    q = one(quotes(pipe, "Several states are challenging the agency’s Clean Water Act rules before the court."),
            "Clean Water Act rules")
    assert q.speaker.text == "Several states"


def test_parenthetical_cue_the_parser_made_the_root(pipe):
    # the clause's subject before the commas, its predicate after them hung on the cue
    q = one(quotes(pipe, "Hawaii, as one of the governor's climate advisers pointed out, normally does not get "
                         "two hurricanes in a row."), "does not get two hurricanes")
    assert q.speaker.text == "one of the governor's climate advisers"
    q = one(quotes(pipe, "These workers, Smith explained earlier in the hearing, were well paid, making up to "
                         "60,000 dollars a year."), "were well paid")
    assert q.speaker.text == "Smith"


def test_headline_cue_verb_read_as_a_plural_noun(pipe):
    # in a headline 'votes'/'rules'/'Vows' end the subject as plural nouns for the tagger
    q = one(quotes(pipe, "City council votes to delay the budget hearing.\nThe vote was 5-4."), "delay the budget")
    assert q.speaker.text == "City council"
    q = one(quotes(pipe, "Appeals court rules against the governor's mask order.\nThe ruling came Monday."),
            "the governor's mask order")
    assert q.speaker.text == "Appeals court"
    assert q.cue.text == "rules against"
    q = one(quotes(pipe, "Mayor Vows To Rebuild Flooded Neighborhoods.\nThe storm hit on Sunday."), "Flooded Neighborhoods")
    assert q.speaker.text == "Mayor"


def test_title_case_headline_with_a_cue_verb_as_its_root(pipe):
    # headline grammar: the rest of the line is what the subject shows or says
    q = one(quotes(pipe, "Local Website Shows Bias When It Covers City Hall.\nReaders noticed."), "Bias When It Covers")
    assert q.speaker.text == "Local Website"
    # a quotation followed by a time adjunct: the quotation alone
    q = one(quotes(pipe, "Senator Warren Speaks ‘Directly To Young Voters’ After Campus Rally.\nShe spoke for an hour."),
            "Directly To Young Voters")
    assert q.content.text == "‘Directly To Young Voters’"
    assert q.speaker.text == "Senator Warren"


def test_cue_verb_read_as_a_plural_noun_at_the_root(pipe):
    # 'maintains' tagged NNS and made the root: the clause before the subject's comma is what was maintained
    q = one(quotes(pipe, "Budget talks resumed.\nSecrecy is common at the agency, the department’s former director maintains."),
            "Secrecy is common at the agency")
    assert q.speaker.text == "the department’s former director"


def test_plural_noun_root_that_is_a_cue_verb_with_its_infinitive(pipe):
    # (after a first line, so that the headline rule does not see it)
    rows = [("Talks", "NNS", "NOUN", "nsubj", 1, "talk"), ("resumed", "VBD", "VERB", "ROOT", 1, "resume"),
            (".", ".", "PUNCT", "punct", 1, "."), ("\n", "_SP", "SPACE", "dep", 2, "\n"),
            ("The", "DT", "DET", "det", 6, "the"), ("Lopez", "NNP", "PROPN", "compound", 6, "Lopez"),
            ("campaign", "NN", "NOUN", "compound", 7, "campaign"), ("plans", "NNS", "NOUN", "ROOT", 7, "plan"),
            ("to", "TO", "PART", "aux", 9, "to"), ("send", "VB", "VERB", "xcomp", 7, "send"),
            ("the", "DT", "DET", "det", 11, "the"), ("governor", "NN", "NOUN", "dobj", 9, "governor"),
            ("to", "IN", "ADP", "prep", 9, "to"), ("Ohio", "NNP", "PROPN", "pobj", 12, "Ohio"),
            (".", ".", "PUNCT", "punct", 7, ".")]
    q = one(given_parse(pipe, rows), "to send the governor")
    assert q.speaker.text == "The Lopez campaign"


def test_agreement_with_what_was_agreed(pipe):
    # the one who made the agreement speaks; an agreement no one is named for has no speaker
    q = one(quotes(pipe, "After long talks, the unions extracted an agreement to freeze rents for two years."),
            "to freeze rents for two years")
    assert q.speaker.text == "the unions"
    q = one(quotes(pipe, "The summit produced one result: an agreement to study ways to cut fuel subsidies."),
            "to study ways to cut fuel subsidies")
    assert q.speaker is None
    q = one(quotes(pipe, "There was broad agreement that the city should expand its bus network."),
            "the city should expand its bus network")
    assert q.speaker is None


def test_referred_to_someone_as_something(pipe):
    # 'to' + a name is the addressee ("spoke to Hale") except when an 'as' phrase names it
    q = one(quotes(pipe, "The senator often referred to Governor Hale as the budget wrecker."), "as the budget wrecker")
    assert q.content.text == "Governor Hale as the budget wrecker"
    assert q.speaker.text == "The senator"


def test_trailing_phrase_of_reckoning_or_view(pipe):
    q = one(quotes(pipe, "The district lost 4,000 teachers over the decade, by one estimate."), "lost 4,000 teachers")
    assert q.speaker.text == "one estimate"
    assert q.content.text == "The district lost 4,000 teachers over the decade"
    q = one(quotes(pipe, "Only wealthy donors are safe in his eyes."), "Only wealthy donors are safe")
    assert q.speaker.text == "his eyes"
    # a phrase of the verb before it, not a view
    assert not quotes(pipe, "He kept sticking his thumbs in their eyes.")
