"""Quotes: constructions around known cue words (engineer qstruct)."""
from __future__ import annotations

from test_quotes import one, pipe, quotes  # noqa: F401  (pipe is a fixture)


def test_object_control_the_object_speaks(pipe):
    # "forced X to admit that ...": X admits, not the one who forced
    qs = quotes(pipe, "The committee chairman forced the bank's chief executive to admit that the controls had failed.")
    q = one(qs, "the controls had failed")
    assert q.speaker.text == "the bank's chief executive"


def test_object_control_belief(pipe):
    q = one(quotes(pipe, "The scandal led the ambassador to fear a collapse of the talks."), "collapse of the talks")
    assert q.speaker.text == "the ambassador"


def test_adjective_control_the_subject_speaks(pipe):
    # "was quick to praise ...": the subject of "was" praises
    q = one(quotes(pipe, "The mayor was quick to praise the new stadium plan."), "stadium plan")
    assert q.speaker.text == "The mayor"


def test_gerund_after_a_noun_object_speaks_for_the_subject(pipe):
    # "have no way of knowing ...": the subject of "have" would know
    q = one(quotes(pipe, "Voters have no way of knowing whether the governor will keep the tax cuts."), "tax cuts")
    assert q.speaker.text == "Voters"
    assert q.cue.text == "knowing"


def test_gerund_after_a_prepositional_noun(pipe):
    q = one(quotes(pipe, "Labor unions were in the lead in advocating a higher minimum wage."), "minimum wage")
    assert q.speaker.text == "Labor unions"


def test_gerund_after_a_possessed_noun(pipe):
    q = one(quotes(pipe, "His campaign theme of questioning free trade deals won votes in Ohio."), "free trade deals")
    assert q.speaker.text == "His"


def test_passive_cue_with_no_one_named_its_subject_is_the_content(pipe):
    q = one(quotes(pipe, "The merits of the new highway plan are being debated again in the state senate."), "highway plan")
    assert q.content.text == "The merits of the new highway plan"
    assert q.speaker is None


def test_passive_rating_the_whole_clause(pipe):
    q = one(quotes(pipe, "A majority of the mayor's claims were rated as mostly false."), "mayor's claims")
    assert q.content.text == "A majority of the mayor's claims were rated as mostly false"


def test_passive_cue_on_a_short_subject_is_no_quote(pipe):
    assert not quotes(pipe, "The ban has been lifted.")


def test_partitive_object(pipe):
    # "some of ...", "many of ...": a quantity of what was judged or told is the object
    q = one(quotes(pipe, "The senator backed off some of her earlier proposals."), "earlier proposals")
    assert q.content.text == "some of her earlier proposals"
    q = one(quotes(pipe, "The report chronicles many of the failures that followed."), "failures")
    assert q.content.text.startswith("many of the failures")


def test_cue_noun_object_of_a_light_verb_with_its_clause(pipe):
    q = one(quotes(pipe, "The ruling sends a strong message that the courts will not tolerate abuse."), "tolerate abuse")
    assert q.content.text == "that the courts will not tolerate abuse"
    assert q.speaker.text == "The ruling"
    q = one(quotes(pipe, "The governor sent a clear message that the state would not back down."), "back down")
    assert q.speaker.text == "The governor"


def test_cue_noun_object_of_a_light_verb_with_an_infinitive(pipe):
    q = one(quotes(pipe, "The court made a unanimous decision to reject the appeal."), "reject the appeal")
    assert q.content.text == "to reject the appeal"
    assert q.speaker.text == "The court"


def test_bare_noun_object_of_a_speech_cue(pipe):
    q = one(quotes(pipe, "The minister did not suggest retaliation."), "retaliation")
    assert q.speaker.text == "The minister"
    q = one(quotes(pipe, "The company declared bankruptcy in March."), "bankruptcy")
    assert q.content.text == "bankruptcy"


def test_experiencer_object_is_no_content(pipe):
    # "worries environmentalists": the ones worried, not what is worried about
    assert not quotes(pipe, "That worries environmentalists.")


def test_pronoun_object_standing_for_a_proposition(pipe):
    q = one(quotes(pipe, "Everyone in the room understood this."), "this")
    assert q.speaker.text == "Everyone in the room"
    q = one(quotes(pipe, "The mayor was proposing something else entirely."), "something else")
    assert q.content.text == "something else entirely"


def test_noun_with_a_passive_participle_and_its_agent(pipe):
    q = one(quotes(pipe, "The bank paid a record fine imposed by the regulator."), "record fine")
    assert q.content.text == "a record fine"
    assert q.speaker.text == "the regulator"
    q = one(quotes(pipe, "It was a view echoed by every economist I interviewed."), "a view")
    assert q.speaker.text == "every economist I interviewed"


def test_infinitive_after_a_possessed_subject_of_be(pipe):
    # "her first reaction was to say ...": the one whose reaction it was
    q = one(quotes(pipe, "Her first reaction was to say that the report was wrong."), "the report was wrong")
    assert q.speaker.text == "Her"


def test_doubt_and_question_nouns_with_their_clause(pipe):
    q = one(quotes(pipe, "The study left little doubt that the river was polluted."), "river was polluted")
    assert q.content.text == "that the river was polluted"
    q = one(quotes(pipe, "The real question is whether the council will approve the budget."), "approve the budget")
    assert q.content.text == "whether the council will approve the budget"


def test_stance_noun_with_its_clause_after_the_verb(pipe):
    q = one(quotes(pipe, "Fears grew that the talks would collapse."), "talks would collapse")
    assert q.content.text == "that the talks would collapse"
    assert q.cue.text == "Fears"


def test_fronted_phrase_of_a_cue_noun_frames_the_clause(pipe):
    q = one(quotes(pipe, "By his own admission, the mayor had not read the report."), "read the report")
    assert q.content.text == "the mayor had not read the report"
    assert q.speaker.text == "his"
    q = one(quotes(pipe, "In her view, the tax plan is deeply flawed."), "deeply flawed")
    assert q.content.text == "the tax plan is deeply flawed"


def test_response_by_or_with(pipe):
    q = one(quotes(pipe, "The governor responded with sharp attacks on the newspaper."), "sharp attacks")
    assert q.content.text == "with sharp attacks on the newspaper"
    q = one(quotes(pipe, "The minister responded by cutting the budget for the program."), "cutting the budget")
    assert q.content.text == "by cutting the budget for the program"
    assert q.speaker.text == "The minister"


def test_reflexive_object(pipe):
    q = one(quotes(pipe, "The senator has portrayed herself as a champion of small business."), "champion")
    assert q.content.text == "herself as a champion of small business"
    assert q.speaker.text == "The senator"


def test_attitude_given_to_someone(pipe):
    q = one(quotes(pipe, "The newspaper gave the mayor a glowing endorsement."), "the mayor")
    assert q.content.text == "the mayor"
    assert q.speaker.text == "The newspaper"
    q = one(quotes(pipe, "The union threw its support behind the governor."), "the governor")
    assert q.speaker.text == "The union"


def test_make_the_case_that(pipe):
    q = one(quotes(pipe, "The mayor tried to make the case that the stadium would pay for itself."), "pay for itself")
    assert q.content.text == "that the stadium would pay for itself"
    assert q.speaker.text == "The mayor"
