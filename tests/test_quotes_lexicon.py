"""Cue lexicon classes and complement letters (quotes/data/quotes_cues.tsv): each test fails when its rows are removed."""
from __future__ import annotations

from conftest import one, quotes


def _content_of(qs, cue):
    found = [q for q in qs if q.cue is not None and q.cue.text.endswith(cue)]
    assert found, f"no quote with cue {cue!r} among {[(q.cue and q.cue.text, q.content.text) for q in qs]}"
    return found[0]


def test_manner_of_speaking_verbs_take_a_clause(quote_pipe):
    q = _content_of(quotes(quote_pipe, "Witnesses screamed that the building was on fire."), "screamed")
    assert q.content.text == "that the building was on fire"
    assert q.speaker.text == "Witnesses"
    q = _content_of(quotes(quote_pipe, "Neighbors whispered that the factory would close by winter."), "whispered")
    assert q.content.text == "that the factory would close by winter"


def test_verbs_of_verbal_expression_take_their_object(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The senator articulated a clear vision for rural broadband."), "articulated")
    assert q.content.text == "a clear vision for rural broadband"
    q = _content_of(quotes(quote_pipe, "The treasurer specified three conditions for the loan."), "specified")
    assert q.content.text == "three conditions for the loan"


def test_verbs_of_publication_take_their_object(quote_pipe):
    q = _content_of(quotes(quote_pipe, "Several papers reprinted the cartoon on Friday."), "reprinted")
    assert q.content.text == "the cartoon"
    q = _content_of(quotes(quote_pipe, "Officials retweeted a photo of the flooded highway."), "retweeted")
    assert q.content.text == "a photo of the flooded highway"


def test_discovery_and_evidence_verbs(quote_pipe):
    q = _content_of(quotes(quote_pipe, "Auditors discovered that the agency had overspent its budget."), "discovered")
    assert q.content.text == "that the agency had overspent its budget"
    q = _content_of(quotes(quote_pipe, "The audit uncovered serious flaws in the bridge design."), "uncovered")
    assert q.content.text == "serious flaws in the bridge design"


def test_cognition_and_anticipation_verbs(quote_pipe):
    q = _content_of(quotes(quote_pipe, "Economists anticipated that rates would rise sharply."), "anticipated")
    assert q.content.text == "that rates would rise sharply"
    q = _content_of(quotes(quote_pipe, "The board is contemplating a merger with its largest rival."), "contemplating")
    assert q.content.text == "a merger with its largest rival"


def test_evaluation_verbs_take_their_object(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The mayor complimented the firefighters for their bravery."), "complimented")
    assert q.content.text == "the firefighters for their bravery"
    q = _content_of(quotes(quote_pipe, "The opposition leader extolled the virtues of free trade."), "extolled")
    assert q.content.text == "the virtues of free trade"
    q = _content_of(quotes(quote_pipe, "The columnist misrepresented the findings of the study."), "misrepresented")
    assert q.content.text == "the findings of the study"


def test_defiance_and_rejection_verbs_take_their_object(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The union resisted the new scheduling rules."), "resisted")
    assert q.content.text == "the new scheduling rules"
    q = _content_of(quotes(quote_pipe, "The governor overruled the parole board's decision."), "overruled")
    assert q.content.text == "the parole board's decision"


def test_sponsoring_a_bill_is_support_for_it(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The senator sponsored a bill to expand health care for veterans."), "sponsored")
    assert q.content.text.startswith("a bill")
    assert q.speaker.text == "The senator"


def test_declare_takes_a_noun_object(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The company declared bankruptcy in March."), "declared")
    assert q.content.text == "bankruptcy"


def test_adjectives_of_readiness_or_intent(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The union is willing to accept a shorter contract."), "willing")
    assert q.content.text == "to accept a shorter contract"
    assert q.speaker.text == "The union"
    q = _content_of(quotes(quote_pipe, "Investors became interested in solar projects in Kenya."), "interested")
    assert q.content.text == "solar projects in Kenya"


def test_decide_wish_discuss_take_a_finite_clause(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The judges decided that the ballots should be recounted."), "decided")
    assert q.content.text == "that the ballots should be recounted"
    q = _content_of(quotes(quote_pipe, "Many voters wish that the campaign were shorter."), "wish")
    assert q.content.text == "that the campaign were shorter"
    q = _content_of(quotes(quote_pipe, "The ministers discussed whether the border should reopen."), "discussed")
    assert q.content.text == "whether the border should reopen"


def test_doubled_consonant_forms_the_lemmatiser_misses(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The senator was slamming the trade deal on Monday."), "slamming")
    assert q.content.text == "the trade deal"
    q = _content_of(quotes(quote_pipe, "The opposition leader extolled the virtues of free trade."), "extolled")
    assert q.content.text == "the virtues of free trade"


def test_summarizing_verbs_take_their_object(quote_pipe):
    q = _content_of(quotes(quote_pipe, "The chairman summed up the committee's findings in a short letter."), "summed up")
    assert q.content.text == "the committee's findings"
    q = _content_of(quotes(quote_pipe, "The report summarizes the evidence against the company."), "summarizes")
    assert q.content.text == "the evidence against the company"


def test_belief_verbs_take_a_pronoun_that_stands_for_a_proposition(quote_pipe):
    qs = quotes(quote_pipe, "The minister insisted the deal was alive, but nobody in the room believed it.")
    q = _content_of(qs, "believed")
    assert q.content.text == "it"
    assert q.speaker.text == "nobody in the room"
    q = _content_of(quotes(quote_pipe, "Voters understood this long before the party did."), "understood")
    assert q.content.text == "this"


def test_assume_takes_no_noun_object(quote_pipe):
    # 'n': the noun object of 'assume' is a post or a duty taken on, not a proposition
    qs = quotes(quote_pipe, "The new governor will assume the duties of the office next Tuesday.")
    assert not [q for q in qs if "duties" in q.content.text]
    q = one(quotes(quote_pipe, "The analysts assumed that interest rates would stay low for years."), "interest rates")
    assert q.cue.text == "assumed"


def test_see_takes_a_noun_object_only_with_as(quote_pipe):
    # 'n': what someone saw is a sight ('saw the video'), what someone sees X as is a view
    qs = quotes(quote_pipe, "Two guards saw the broken window at the back of the store.")
    assert not [q for q in qs if "window" in q.content.text]
    q = one(quotes(quote_pipe, "Many farmers see the new tariff as a threat to their exports."), "tariff")
    assert q.content.text.endswith("exports")


def test_investigate_is_no_cue(quote_pipe):
    # what the police investigate is an event or a case, not something anyone said or held
    qs = quotes(quote_pipe, "Federal agents are investigating the fire at the warehouse.")
    assert not [q for q in qs if "fire" in q.content.text]
