"""Quotes: constructions around known cue words (control, stance adjectives, namings, ...)."""
from __future__ import annotations

from conftest import given_parse, one, quotes


def test_object_control_the_object_speaks(quote_pipe):
    # "forced X to admit that ...": X admits, not the one who forced
    qs = quotes(quote_pipe, "The committee chairman forced the bank's chief executive to admit that the controls had failed.")
    q = one(qs, "the controls had failed")
    assert q.speaker.text == "the bank's chief executive"


def test_object_control_belief(quote_pipe):
    q = one(quotes(quote_pipe, "The scandal led the ambassador to fear a collapse of the talks."), "collapse of the talks")
    assert q.speaker.text == "the ambassador"


def test_adjective_control_the_subject_speaks(quote_pipe):
    # "was quick to praise ...": the subject of "was" praises
    q = one(quotes(quote_pipe, "The mayor was quick to praise the new stadium plan."), "stadium plan")
    assert q.speaker.text == "The mayor"


def test_gerund_after_a_noun_object_speaks_for_the_subject(quote_pipe):
    # "have no way of knowing ...": the subject of "have" would know
    q = one(quotes(quote_pipe, "Voters have no way of knowing whether the governor will keep the tax cuts."), "tax cuts")
    assert q.speaker.text == "Voters"
    assert q.cue.text == "knowing"


def test_gerund_after_a_prepositional_noun(quote_pipe):
    q = one(quotes(quote_pipe, "Labor unions were in the lead in advocating a higher minimum wage."), "minimum wage")
    assert q.speaker.text == "Labor unions"


def test_gerund_after_a_possessed_noun(quote_pipe):
    q = one(quotes(quote_pipe, "His campaign theme of questioning free trade deals won votes in Ohio."), "free trade deals")
    assert q.speaker.text == "His"


def test_passive_cue_with_no_one_named_its_subject_is_the_content(quote_pipe):
    q = one(quotes(quote_pipe, "The merits of the new highway plan are being debated again in the state senate."), "highway plan")
    assert q.content.text == "The merits of the new highway plan"
    assert q.speaker is None


def test_passive_rating_the_whole_clause(quote_pipe):
    q = one(quotes(quote_pipe, "A majority of the mayor's claims were rated as mostly false."), "mayor's claims")
    assert q.content.text == "A majority of the mayor's claims were rated as mostly false"


def test_passive_cue_on_a_short_subject_is_no_quote(quote_pipe):
    assert not quotes(quote_pipe, "The ban has been lifted.")


def test_partitive_object(quote_pipe):
    # "some of ...", "many of ...": a quantity of what was judged or told is the object
    q = one(quotes(quote_pipe, "The senator backed off some of her earlier proposals."), "earlier proposals")
    assert q.content.text == "some of her earlier proposals"
    q = one(quotes(quote_pipe, "The report chronicles many of the failures that followed."), "failures")
    assert q.content.text.startswith("many of the failures")


def test_cue_noun_object_of_a_light_verb_with_its_clause(quote_pipe):
    q = one(quotes(quote_pipe, "The ruling sends a strong message that the courts will not tolerate abuse."), "tolerate abuse")
    assert q.content.text == "that the courts will not tolerate abuse"
    assert q.speaker.text == "The ruling"
    q = one(quotes(quote_pipe, "The governor sent a clear message that the state would not back down."), "back down")
    assert q.speaker.text == "The governor"


def test_cue_noun_object_of_a_light_verb_with_an_infinitive(quote_pipe):
    q = one(quotes(quote_pipe, "The court made a unanimous decision to reject the appeal."), "reject the appeal")
    assert q.content.text == "to reject the appeal"
    assert q.speaker.text == "The court"


def test_bare_noun_object_of_a_speech_cue(quote_pipe):
    q = one(quotes(quote_pipe, "The minister did not suggest retaliation."), "retaliation")
    assert q.speaker.text == "The minister"
    q = one(quotes(quote_pipe, "The company declared bankruptcy in March."), "bankruptcy")
    assert q.content.text == "bankruptcy"


def test_experiencer_object_is_no_content(quote_pipe):
    # "worries environmentalists": the ones worried, not what is worried about
    assert not quotes(quote_pipe, "That worries environmentalists.")


def test_pronoun_object_standing_for_a_proposition(quote_pipe):
    q = one(quotes(quote_pipe, "Everyone in the room understood this."), "this")
    assert q.speaker.text == "Everyone in the room"
    q = one(quotes(quote_pipe, "The mayor was proposing something else entirely."), "something else")
    assert q.content.text == "something else entirely"


def test_noun_with_a_passive_participle_and_its_agent(quote_pipe):
    q = one(quotes(quote_pipe, "The bank paid a record fine imposed by the regulator."), "record fine")
    assert q.content.text == "a record fine"
    assert q.speaker.text == "the regulator"
    q = one(quotes(quote_pipe, "It was a view echoed by every economist I interviewed."), "a view")
    assert q.speaker.text == "every economist I interviewed"


def test_infinitive_after_a_possessed_subject_of_be(quote_pipe):
    # "her first reaction was to say ...": the one whose reaction it was
    q = one(quotes(quote_pipe, "Her first reaction was to say that the report was wrong."), "the report was wrong")
    assert q.speaker.text == "Her"


def test_doubt_and_question_nouns_with_their_clause(quote_pipe):
    q = one(quotes(quote_pipe, "The study left little doubt that the river was polluted."), "river was polluted")
    assert q.content.text == "that the river was polluted"
    q = one(quotes(quote_pipe, "The real question is whether the council will approve the budget."), "approve the budget")
    assert q.content.text == "whether the council will approve the budget"


def test_stance_noun_with_its_clause_after_the_verb(quote_pipe):
    q = one(quotes(quote_pipe, "Fears grew that the talks would collapse."), "talks would collapse")
    assert q.content.text == "that the talks would collapse"
    assert q.cue.text == "Fears"


def test_fronted_phrase_of_a_cue_noun_frames_the_clause(quote_pipe):
    q = one(quotes(quote_pipe, "By his own admission, the mayor had not read the report."), "read the report")
    assert q.content.text == "the mayor had not read the report"
    assert q.speaker.text == "his"
    q = one(quotes(quote_pipe, "In her view, the tax plan is deeply flawed."), "deeply flawed")
    assert q.content.text == "the tax plan is deeply flawed"


def test_response_by_or_with(quote_pipe):
    q = one(quotes(quote_pipe, "The governor responded with sharp attacks on the newspaper."), "sharp attacks")
    assert q.content.text == "with sharp attacks on the newspaper"
    q = one(quotes(quote_pipe, "The minister responded by cutting the budget for the program."), "cutting the budget")
    assert q.content.text == "by cutting the budget for the program"
    assert q.speaker.text == "The minister"


def test_reflexive_object(quote_pipe):
    q = one(quotes(quote_pipe, "The senator has portrayed herself as a champion of small business."), "champion")
    assert q.content.text == "herself as a champion of small business"
    assert q.speaker.text == "The senator"


def test_attitude_given_to_someone(quote_pipe):
    q = one(quotes(quote_pipe, "The newspaper gave the mayor a glowing endorsement."), "the mayor")
    assert q.content.text == "the mayor"
    assert q.speaker.text == "The newspaper"
    q = one(quotes(quote_pipe, "The union threw its support behind the governor."), "the governor")
    assert q.speaker.text == "The union"


def test_make_the_case_that(quote_pipe):
    q = one(quotes(quote_pipe, "The mayor tried to make the case that the stadium would pay for itself."), "pay for itself")
    assert q.content.text == "that the stadium would pay for itself"
    assert q.speaker.text == "The mayor"


def test_stance_adjective_read_as_a_passive_participle(quote_pipe):
    # the tagger makes 'coy'/'frustrated' a VBN with 'were' as auxpass: still the subject's stance
    q = one(quotes(quote_pipe, "In the days before the vote, the senator's aides were coy about whether she would back the bill."),
            "whether she would back the bill")
    assert q.speaker.text == "the senator's aides"
    q = one(quotes(quote_pipe, "Farmers were frustrated that the ministry delayed the subsidy payments again."),
            "the ministry delayed")
    assert q.speaker.text == "Farmers"


def test_stance_adjective_heading_an_absolute_clause(quote_pipe):
    q = one(quotes(quote_pipe, "With donors increasingly nervous about the polls, the campaign cut its ad budget."), "the polls")
    assert q.speaker.text == "donors"


def test_stance_adjective_takes_its_marked_clause_whatever_the_tag_of_its_head(quote_pipe):
    # 'undercut' is tagged an adjective, so the that-clause has no verb head
    q = one(quotes(quote_pipe, "Many economists are afraid that the recovery may be undercut by higher interest rates."),
            "the recovery may be undercut")
    assert q.speaker.text == "Many economists"


def test_show_with_an_object_and_its_own_predicate(quote_pipe):
    # "show X with a lead" / "show X ahead by ...": the object and its predicate are what is shown
    # (a name or a pronoun as the object: not taken as what a belief cue is about on its own)
    q = one(quotes(quote_pipe, "Recent surveys show Lopez with a narrow lead among older voters."),
            "Lopez with a narrow lead among older voters")
    assert q.speaker.text == "Recent surveys"
    q = one(quotes(quote_pipe, "The state average shows Warren ahead by four points."), "Warren ahead by four points")
    assert q.speaker.text == "The state average"
    q = one(quotes(quote_pipe, "The footage shows him with his arms raised."), "him with his arms raised")
    assert q.speaker.text == "The footage"


def test_plural_object_read_as_a_present_verb(quote_pipe):
    # 'rules' tagged VBZ (a verb) as the object: still what was challenged
    q = one(quotes(quote_pipe, "Several states are challenging the agency’s Clean Water Act rules before the court."),
            "Clean Water Act rules")
    assert q.speaker.text == "Several states"


def test_parenthetical_cue_the_parser_made_the_root(quote_pipe):
    # the clause's subject before the commas, its predicate after them hung on the cue
    q = one(quotes(quote_pipe, "Hawaii, as one of the governor's climate advisers pointed out, normally does not get "
                         "two hurricanes in a row."), "does not get two hurricanes")
    assert q.speaker.text == "one of the governor's climate advisers"
    q = one(quotes(quote_pipe, "These workers, Smith explained earlier in the hearing, were well paid, making up to "
                         "60,000 dollars a year."), "were well paid")
    assert q.speaker.text == "Smith"


def test_headline_cue_verb_read_as_a_plural_noun(quote_pipe):
    # in a headline 'votes'/'rules'/'Vows' end the subject as plural nouns for the tagger
    q = one(quotes(quote_pipe, "City council votes to delay the budget hearing.\nThe vote was 5-4."), "delay the budget")
    assert q.speaker.text == "City council"
    q = one(quotes(quote_pipe, "Appeals court rules against the governor's mask order.\nThe ruling came Monday."),
            "the governor's mask order")
    assert q.speaker.text == "Appeals court"
    assert q.cue.text == "rules against"
    q = one(quotes(quote_pipe, "Mayor Vows To Rebuild Flooded Neighborhoods.\nThe storm hit on Sunday."), "Flooded Neighborhoods")
    assert q.speaker.text == "Mayor"


def test_title_case_headline_with_a_cue_verb_as_its_root(quote_pipe):
    # headline grammar: the rest of the line is what the subject shows or says
    q = one(quotes(quote_pipe, "Local Website Shows Bias When It Covers City Hall.\nReaders noticed."), "Bias When It Covers")
    assert q.speaker.text == "Local Website"
    # a quotation followed by a time adjunct: the quotation alone
    q = one(quotes(quote_pipe, "Senator Warren Speaks ‘Directly To Young Voters’ After Campus Rally.\nShe spoke for an hour."),
            "Directly To Young Voters")
    assert q.content.text == "‘Directly To Young Voters’"
    assert q.speaker.text == "Senator Warren"


def test_cue_verb_read_as_a_plural_noun_at_the_root(quote_pipe):
    # 'maintains' tagged NNS and made the root: the clause before the subject's comma is what was maintained
    q = one(quotes(quote_pipe, "Budget talks resumed.\nSecrecy is common at the agency, the department’s former director maintains."),
            "Secrecy is common at the agency")
    assert q.speaker.text == "the department’s former director"


def test_plural_noun_root_that_is_a_cue_verb_with_its_infinitive(quote_pipe):
    # (after a first line, so that the headline rule does not see it)
    rows = [("Talks", "NNS", "NOUN", "nsubj", 1, "talk"), ("resumed", "VBD", "VERB", "ROOT", 1, "resume"),
            (".", ".", "PUNCT", "punct", 1, "."), ("\n", "_SP", "SPACE", "dep", 2, "\n"),
            ("The", "DT", "DET", "det", 6, "the"), ("Lopez", "NNP", "PROPN", "compound", 6, "Lopez"),
            ("campaign", "NN", "NOUN", "compound", 7, "campaign"), ("plans", "NNS", "NOUN", "ROOT", 7, "plan"),
            ("to", "TO", "PART", "aux", 9, "to"), ("send", "VB", "VERB", "xcomp", 7, "send"),
            ("the", "DT", "DET", "det", 11, "the"), ("governor", "NN", "NOUN", "dobj", 9, "governor"),
            ("to", "IN", "ADP", "prep", 9, "to"), ("Ohio", "NNP", "PROPN", "pobj", 12, "Ohio"),
            (".", ".", "PUNCT", "punct", 7, ".")]
    q = one(given_parse(quote_pipe, rows), "to send the governor")
    assert q.speaker.text == "The Lopez campaign"


def test_agreement_with_what_was_agreed(quote_pipe):
    # the one who made the agreement speaks; an agreement no one is named for has no speaker
    q = one(quotes(quote_pipe, "After long talks, the unions extracted an agreement to freeze rents for two years."),
            "to freeze rents for two years")
    assert q.speaker.text == "the unions"
    q = one(quotes(quote_pipe, "The summit produced one result: an agreement to study ways to cut fuel subsidies."),
            "to study ways to cut fuel subsidies")
    assert q.speaker is None
    q = one(quotes(quote_pipe, "There was broad agreement that the city should expand its bus network."),
            "the city should expand its bus network")
    assert q.speaker is None


def test_referred_to_someone_as_something(quote_pipe):
    # 'to' + a name is the addressee ("spoke to Hale") except when an 'as' phrase names it
    q = one(quotes(quote_pipe, "The senator often referred to Governor Hale as the budget wrecker."), "as the budget wrecker")
    assert q.content.text == "Governor Hale as the budget wrecker"
    assert q.speaker.text == "The senator"


def test_trailing_phrase_of_reckoning_or_view(quote_pipe):
    q = one(quotes(quote_pipe, "The district lost 4,000 teachers over the decade, by one estimate."), "lost 4,000 teachers")
    assert q.speaker.text == "one estimate"
    assert q.content.text == "The district lost 4,000 teachers over the decade"
    q = one(quotes(quote_pipe, "Only wealthy donors are safe in his eyes."), "Only wealthy donors are safe")
    assert q.speaker.text == "his eyes"
    # a phrase of the verb before it, not a view
    assert not quotes(quote_pipe, "He kept sticking his thumbs in their eyes.")
