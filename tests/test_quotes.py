"""The quotes layer: direct and reported speech, cue, speaker span and speaker actor."""
from __future__ import annotations

import pytest

from conftest import given_parse, one, quotes, shared_path  # noqa: F401  (quote_pipe: the conftest fixture)
from tidings.config import Config


def test_direct_quote_curly_with_trailing_attribution(quote_pipe):
    qs = quotes(quote_pipe, "“We will not accept any delay to the ceasefire talks,” the foreign minister said on Monday.")
    q = one(qs, "ceasefire talks")
    assert q.direct
    assert q.content.text.startswith("“") and q.content.text.endswith("”")
    assert q.speaker.text == "the foreign minister"
    assert q.cue.text == "said"


def test_direct_quote_straight_marks_said_in_a_statement(quote_pipe):
    text = 'The ministry of defence said in a statement: "Our forces remain ready to defend every border post."'
    q = one(quotes(quote_pipe, text), "border post")
    assert q.direct and "ministry of defence" in q.speaker.text


def test_interrupted_quote_is_one_quote(quote_pipe):
    text = ('"The harvest failed twice in a row," the farmer said. "Now we are selling our goats to buy grain."\n\n'
            "Prices rose sharply in the weeks that followed.")
    qs = quotes(quote_pipe, text)
    q = one(qs, "harvest failed")
    assert "selling our goats" in q.content.text  # both pieces, attribution between them
    assert q.speaker.text == "the farmer"
    assert len([x for x in qs if "goats" in x.content.text]) == 1


def test_indirect_said_that(quote_pipe):
    q = one(quotes(quote_pipe, "The central bank governor said that inflation would fall below five percent next year."),
            "inflation would fall")
    assert not q.direct
    assert q.content.text.startswith("that inflation")
    assert q.speaker.text == "The central bank governor"


def test_told_reporters(quote_pipe):
    q = one(quotes(quote_pipe, "The mayor told reporters the bridge would reopen within a month."), "bridge would reopen")
    assert q.speaker.text == "The mayor" and q.cue.text == "told"


def test_according_to(quote_pipe):
    q = one(quotes(quote_pipe, "According to the health ministry, more than forty clinics have closed since January."),
            "forty clinics")
    assert q.cue.text == "According to"
    assert q.speaker.text == "the health ministry"


def test_fronted_content_with_inverted_speaker(quote_pipe):
    q = one(quotes(quote_pipe, "The vote will be postponed until the spring, said the election commission chairman."),
            "vote will be postponed")
    assert "chairman" in q.speaker.text


def test_reported_belief(quote_pipe):
    q = one(quotes(quote_pipe, "Many economists believe the currency will weaken further."), "currency will weaken")
    assert q.speaker.text == "Many economists"


def test_pronoun_speaker_keeps_pronoun_span_and_takes_previous_actor(quote_pipe):
    text = ("Kenyan President William Ruto said the new tax would fund rural roads. "
            "He added that the government would publish the accounts every quarter.")
    qs = quotes(quote_pipe, text)
    first = one(qs, "new tax")
    second = one(qs, "publish the accounts")
    assert second.speaker.text == "He"
    assert first.speaker_actor is not None and first.speaker_actor.code == "KEN"
    assert second.speaker_actor is not None and second.speaker_actor.code == "KEN"


def test_continuing_quote_takes_previous_speaker(quote_pipe):
    text = ("“The border will stay open for trucks carrying food,” the interior minister said.\n\n"
            "“Nobody should go hungry because of this dispute.”")
    qs = quotes(quote_pipe, text)
    cont = one(qs, "Nobody should go hungry")
    assert cont.direct and cont.speaker is not None and cont.speaker.text == "the interior minister"


def test_scare_quotes_are_not_quotes(quote_pipe):
    qs = quotes(quote_pipe, "The company described the layoffs as a “restructuring” of its business.")
    assert not [q for q in qs if q.content.text == "“restructuring”"]


def test_headline_colon_attribution(quote_pipe):
    qs = quotes(quote_pipe, "Governor: Schools Will Reopen Next Week.\n\nThe governor spoke after a meeting with teachers.")
    q = one(qs, "Schools Will Reopen")
    assert q.speaker.text == "Governor" and q.cue.text == ":"


def test_dateline_is_not_a_speaker(quote_pipe):
    qs = quotes(quote_pipe, "LAGOS: Fuel queues grew longer on Tuesday, the state oil company said.")
    assert all(q.speaker is None or q.speaker.text != "LAGOS" for q in qs)
    assert one(qs, "Fuel queues").speaker.text == "the state oil company"


def test_signed_quotation(quote_pipe):
    text = ("Readers wrote in about the housing vote.\n"
            "“The rent doubled in a single year and nobody at city hall listened to us.” ― Maria Lopez\n"
            "Others disagreed with her.")
    q = one(quotes(quote_pipe, text), "rent doubled")
    assert q.direct and q.speaker.text == "Maria Lopez" and q.cue.text == "―"


def test_no_quotes_in_plain_narration(quote_pipe):
    assert quotes(quote_pipe, "The train left the station at noon and reached the coast by evening.") == []


def test_dev_gold_quotes_score():
    """PolNeAR dev (first 30 articles, to stay fast): content F1 and speaker accuracy do not regress
    (full-file figures in docs/places_quotes.md)."""
    path = shared_path("eval", "polnear-dev.jsonl")
    from tidings.evaluate import evaluate

    res = evaluate(str(path), layers=["quotes"], config=Config(stages=["entities", "actors", "quotes"]), limit=30)
    q = res["quotes"]
    assert q["content"]["f1"] >= 0.67, q["content"]
    assert q["speaker_accuracy"] >= 0.85, q["speaker_accuracy"]


# -- content boundaries (PolNeAR conventions) ---------------------------------------------------
@pytest.mark.parametrize("text,content", [
    # a quotation followed by its attribution and more of the sentence: the quotation alone
    ("“We will win this fight,” Lopez said to the crowd, which cheered for minutes after the speech ended.",
     "“We will win this fight,”"),
    # a verb that hangs from the cue ("as they ...") is not part of the fronted content
    ("The tax plan is a giveaway to the rich, senior Democrats said Tuesday, as they bristled at the new budget proposal.",
     "The tax plan is a giveaway to the rich"),
    # the person urged belongs to the content
    ("The governor encouraged residents to stay indoors during the storm.", "residents to stay indoors during the storm"),
    # "described X as Y"
    ("The senator described the proposal as a dangerous gamble with public money.",
     "the proposal as a dangerous gamble with public money"),
    # coordinated infinitives stay together
    ("The mayor wants to build new schools, hire more teachers and cut class sizes.",
     "to build new schools, hire more teachers and cut class sizes"),
    # a clause after the cue wins over the one before a colon
    ("The hearing caused a fresh stir in the capital on Monday: senators said they're now fairly sure the ministry botched the audit.",
     "they're now fairly sure the ministry botched the audit"),
    # "said after X he would ..." (parsed as an adverbial clause)
    ("Gomez said after the vote he would not accept the committee's findings.",
     "he would not accept the committee's findings"),
    # the writer's aside after the content is not part of it
    ("Lee said he expects the senator to fully recover from the flu, which forced her to cancel a trip to Ohio.",
     "he expects the senator to fully recover from the flu"),
    ("The governor said the timing was not intentional; they only learned of the deal on Friday.",
     "the timing was not intentional"),
    # ... but a relative clause inside the content stays
    ("Hill said the city, which has lost money for years, will sell the stadium.",
     "the city, which has lost money for years, will sell the stadium"),
    # a quotation whose attribution runs on with a participle: the quotation alone
    ('"We are not looking at the polls, we are looking at the needs of working families," Rivera said, '
     'going on to contrast her budget with the one passed last year.',
     '"We are not looking at the polls, we are looking at the needs of working families,"'),
    # the content runs on after a parenthetical attribution ...
    ("The factory was the biggest employer in town, Mr. Ortiz said, until it closed in 1998.",
     "The factory was the biggest employer in town, Mr. Ortiz said, until it closed in 1998"),
    ("The poorest fifth paid 2 percent, the agency said in a report, and the richest fifth paid 60 percent.",
     "The poorest fifth paid 2 percent, the agency said in a report, and the richest fifth paid 60 percent"),
    # ... but not into the writer's own clause
    ("The vote was close, she said, adding that a recount was likely.", "The vote was close"),
])
def test_content_boundaries(quote_pipe, text, content):
    qs = quotes(quote_pipe, text)
    assert content in [q.content.text for q in qs], [q.content.text for q in qs]


@pytest.mark.parametrize("text,content,speaker", [
    ("The mayor then appeared on the radio and began by saying he would never raise local taxes.",
     "he would never raise local taxes", "The mayor"),
    ("Investigators found a letter from one of the suspects saying that the attack had been planned for months.",
     "the attack had been planned for months", "one of the suspects"),
])
def test_participle_speakers(quote_pipe, text, content, speaker):
    q = [q for q in quotes(quote_pipe, text) if q.cue is not None and q.cue.text == "saying"][0]
    assert content in q.content.text
    assert q.speaker is not None and (speaker in q.speaker.text or q.speaker.text in speaker), q


@pytest.mark.parametrize("text,content,speaker", [
    ("The governor attacked Ramirez on Sunday.", "Ramirez", "The governor"),
    ("The proposal was endorsed by the largest teachers union in the state.", "The proposal",
     "the largest teachers union in the state"),
    ("Democrats accused the governor of hiding the report from voters.",
     "the governor of hiding the report from voters", "Democrats"),
    ("She was treated for what she called a minor infection of the lungs.",
     "what she called a minor infection of the lungs", "she"),
    ("Crews cleared the site of a blast that the mayor described as a deliberate act of sabotage.",
     "a blast that the mayor described as a deliberate act of sabotage", "the mayor"),
    ("The committee criticized the agency for its slow response to the floods.",
     "the agency for its slow response to the floods", "The committee"),
])
def test_objects_of_act_cues(quote_pipe, text, content, speaker):
    q = [q for q in quotes(quote_pipe, text) if q.content.text == content]
    assert q, [x.content.text for x in quotes(quote_pipe, text)]
    assert q[0].speaker is not None and q[0].speaker.text == speaker


def test_attitude_inside_reported_speech_is_not_a_second_quote(quote_pipe):
    qs = quotes(quote_pipe, "The minister said the company plans to close three factories next year.")
    assert [q.content.text for q in qs] == ["the company plans to close three factories next year"]
    assert qs[0].speaker.text == "The minister"


def test_speech_inside_reported_speech_stays(quote_pipe):
    qs = quotes(quote_pipe, "The lawyer said her client told investigators that he had never met the broker.")
    texts = [q.content.text for q in qs]
    assert any(t.startswith("her client told investigators") for t in texts), texts
    assert "that he had never met the broker" in texts, texts


@pytest.mark.parametrize("text", [
    "The senator spoke to a group of farmers in Iowa on Tuesday.",
    "The agency is trying to hire two hundred inspectors before winter.",
    "The company released its quarterly earnings on Thursday.",
])
def test_no_attribution_without_content(quote_pipe, text):
    assert quotes(quote_pipe, text) == []


@pytest.mark.parametrize("text,content,speaker", [
    ("Harbor Bridge Will Reopen in May, City Engineer Says.\nThe bridge has been closed since the storm.",
     "Harbor Bridge Will Reopen in May", "City Engineer"),
    ("Governor Says Teachers Will Get a Raise Next Year\nThe budget was released today.",
     "Teachers Will Get a Raise Next Year", "Governor"),
])
def test_title_case_headlines(quote_pipe, text, content, speaker):
    q = one(quotes(quote_pipe, text), content)
    assert q.content.text == content and q.speaker.text == speaker


def test_quotation_split_by_long_attribution_is_one_quote(quote_pipe):
    text = ("“This is not a budget,” said Maria Lopez, an economist who once ran the state's revenue office and "
            "now teaches at a public university in the capital. “It is a wish list. Nobody has checked the numbers.”")
    qs = quotes(quote_pipe, text)
    assert len(qs) == 1
    # the pieces are listed; the content is the piece with most of the words, since the
    # attribution between them is longer than either
    assert [f.text for f in qs[0].fragments] == ["“This is not a budget,”",
                                                 "“It is a wish list. Nobody has checked the numbers.”"]
    assert qs[0].content.text == "“It is a wish list. Nobody has checked the numbers.”"
    assert qs[0].speaker.text.startswith("Maria Lopez")


def test_quotation_split_by_short_attribution_spans_both_pieces(quote_pipe):
    text = "“We will rebuild the school,” the mayor said, “and we will start in spring.”"
    qs = quotes(quote_pipe, text)
    assert len(qs) == 1
    assert qs[0].content.text == text
    assert len(qs[0].fragments) == 2 and qs[0].speaker.text == "the mayor"


@pytest.mark.parametrize("text,content", [
    ("Mr. Ortiz hopes to sell the farm before winter.", "to sell the farm before winter"),
    ("She is hoping that the council will approve the plan.", "that the council will approve the plan"),
])
def test_cue_found_by_its_form(quote_pipe, text, content):
    assert content in [q.content.text for q in quotes(quote_pipe, text)]


def test_stance_noun_without_source(quote_pipe):
    qs = quotes(quote_pipe, "There were fears that the dam would fail during the storm.")
    assert [(q.content.text, q.cue.text, q.speaker) for q in qs] == [("that the dam would fail during the storm", "fears", None)]
    assert quotes(quote_pipe, "The fact that the dam held surprised engineers.") == []


def test_passive_accusation_without_source(quote_pipe):
    qs = quotes(quote_pipe, "The guards have been accused of beating prisoners at the camp.")
    assert [(q.content.text, q.speaker) for q in qs] == [("The guards have been accused of beating prisoners at the camp", None)]


def test_trailing_attribution_is_not_content(quote_pipe):
    qs = quotes(quote_pipe, "The minister met her counterpart on Monday and reaffirmed the country's commitment "
                      "to the treaty, the foreign ministry said.")
    assert all(q.content.text != "the foreign ministry said" for q in qs), [q.content.text for q in qs]
    q = one(qs, "met her counterpart")
    assert q.speaker.text == "the foreign ministry"


def test_seed_story_embassy_statement(quote_pipe):
    """The canonical example story: the embassy's statement is a direct quote of the US embassy (USA GOV)."""
    text = shared_path("seed", "000_10dce2bd6d4226a8.txt").read_text(encoding="utf-8")
    qs = quotes(quote_pipe, text, date="2024-06-15")
    direct = [q for q in qs if q.direct and q.speaker is not None and q.speaker.text == "the US embassy in Islamabad"]
    assert direct, [(q.content.text[:40], q.speaker and q.speaker.text) for q in qs]
    a = direct[0].speaker_actor
    assert a is not None and a.code == "USA" and a.sector == "GOV"
    # the attribution at the end of the first sentence is not itself a quote
    assert all(not q.content.text.startswith("the US embassy") for q in qs)


def test_attitude_noun_with_owner(quote_pipe):
    qs = quotes(quote_pipe, "The mayor's criticism of the stadium deal angered the team owners.")
    q = one(qs, "the stadium deal")
    assert q.content.text == "the stadium deal" and q.speaker.text == "The mayor" and q.cue.text == "criticism"


@pytest.mark.parametrize("text", [
    "Turnout is expected to rise sharply in the northern districts.",
    "The ship is believed to have sunk near the reef.",
])
def test_passive_belief_without_source(quote_pipe, text):
    qs = quotes(quote_pipe, text)
    assert [(q.content.text, q.speaker) for q in qs] == [(text.rstrip("."), None)]


# -- second round: stances, coordinated cues, trailing arguments, asides, scoring -----------------
@pytest.mark.parametrize("text,content,speaker", [
    ("The union has been critical of the new overtime rules.", "the new overtime rules", "The union"),
    ("Several governors were worried that the grant money would arrive too late.",
     "that the grant money would arrive too late", "Several governors"),
    ("Ms. Alvarez is confident about the outcome of the recount.", "the outcome of the recount", "Ms. Alvarez"),
])
def test_stance_adjectives(quote_pipe, text, content, speaker):
    q = one(quotes(quote_pipe, text), content)
    assert q.content.text == content and q.speaker.text == speaker


def test_impersonal_stance_has_no_speaker(quote_pipe):
    # an expletive subject is no one's stance: the view is reported with no source
    q = one(quotes(quote_pipe, "It is clear that the bridge needs repairs."), "bridge")
    assert q.speaker is None and q.content.text == "that the bridge needs repairs"


def test_stance_nouns_without_a_named_source(quote_pipe):
    q = one(quotes(quote_pipe, "Allegations of bribery have followed the port authority for years."), "bribery")
    assert q.content.text == "bribery" and q.speaker is None and q.cue.text == "Allegations"


def test_statement_noun_takes_the_subject_of_its_verb(quote_pipe):
    q = one(quotes(quote_pipe, "The health ministry sounded a warning about contaminated well water."), "well water")
    assert q.content.text == "contaminated well water" and q.speaker.text == "The health ministry"


def test_coordinated_cue_is_a_second_statement(quote_pipe):
    qs = quotes(quote_pipe, "The minister said the harbour would reopen next month and warned that fuel prices could rise.")
    first = one(qs, "harbour")
    assert first.content.text == "the harbour would reopen next month"
    second = one(qs, "fuel prices")
    assert second.content.text == "that fuel prices could rise"
    assert first.speaker.text == second.speaker.text == "The minister"


def test_coordinated_complements_stay_one_content(quote_pipe):
    qs = quotes(quote_pipe, "Officials said the dam had held and that no homes were flooded.")
    q = one(qs, "dam had held")
    assert q.content.text == "the dam had held and that no homes were flooded"


def test_object_content_takes_the_cues_trailing_arguments(quote_pipe):
    q = one(quotes(quote_pipe, "The senator cited rising rents as evidence of a failed housing policy."), "rising rents")
    assert q.content.text == "rising rents as evidence of a failed housing policy"


def test_object_content_leaves_out_the_writers_frame(quote_pipe):
    q = one(quotes(quote_pipe, "The governor criticized the budget cuts during a radio interview on Tuesday."), "budget cuts")
    assert q.content.text == "the budget cuts"


def test_aside_in_an_attribution_does_not_split_a_quotation(quote_pipe):
    text = ("“The river is rising faster than we planned for,” said Ana Ruiz, who has mapped floods in the valley "
            "for a decade. “We need the levees finished this summer.”")
    qs = quotes(quote_pipe, text)
    q = one(qs, "We need the levees")
    assert [f.text for f in q.fragments] == ["“The river is rising faster than we planned for,”",
                                             "“We need the levees finished this summer.”"]
    assert q.speaker.text.startswith("Ana Ruiz")


def test_quote_scorer_counts_gold_fragments_as_their_union():
    from tidings.evaluate.scorers import score_quotes
    text = "“A first part,” said the official, a long-serving spokesman for the agency. “A second part.”"
    a0, a1 = 0, text.index("said") - 1
    b0 = text.index("“A second")
    gold = {"id": "x", "text": text, "gold": {"quotes": [{"speaker": None, "cue": None, "content": {
        "text": text[a0:], "start": a0, "end": len(text),
        "fragments": [{"text": text[a0:a1], "start": a0, "end": a1},
                      {"text": text[b0:], "start": b0, "end": len(text)}]}}]}}
    # the two pieces alone: 31 of 31 characters shared with the union → a match
    both = {"quotes": [{"content": {"text": text[a0:], "start": a0, "end": len(text)}}]}
    piece = {"quotes": [{"content": {"text": text[b0:], "start": b0, "end": len(text)}}]}
    assert score_quotes([(gold, piece)])["content"]["f1"] == 1.0
    # the whole stretch carries the long attribution: under half of it is quoted words
    assert score_quotes([(gold, both)])["content"]["f1"] == 0.0


def test_impersonal_view_has_no_speaker(quote_pipe):
    q = one(quotes(quote_pipe, "It was clear that the ferry would resume service before winter."), "ferry")
    assert q.content.text == "that the ferry would resume service before winter"
    assert q.speaker is None


def test_likely_with_a_person_is_not_an_attribution(quote_pipe):
    assert quotes(quote_pipe, "The mayor is likely to visit the flooded district on Sunday.") == []


def test_no_sentence_starts_between_two_words_on_a_line():
    from tidings.nlp import load
    from tidings.nlp.dateline_component import mark_inner_tokens

    nlp = load(None)
    doc = nlp.make_doc("Aid workers cited figures officials had released as proof.\nNew Line here. Next one")
    mark_inner_tokens(doc)
    starts = {t.text: t.is_sent_start for t in doc}
    assert starts["officials"] is False and starts["cited"] is False
    assert starts["New"] is None      # after a line break: left to the parser
    assert starts["Next"] is None     # after a full stop: left to the parser
    doc = nlp.make_doc("She praised the 19th Amendment and the U.S. Then in 2016 Congress met.")
    mark_inner_tokens(doc)
    starts = {t.text: t.is_sent_start for t in doc}
    assert starts["Amendment"] is False and starts["Congress"] is False   # after a number-word
    assert starts["Then"] is None     # after "U.S.": may be a new sentence


def test_possessed_statement_noun_with_its_object(quote_pipe):
    qs = quotes(quote_pipe, "The mayor's remarks about the stadium deal drew criticism.")
    q = next(q for q in qs if q.cue.text == "remarks")
    assert q.content.text == "the stadium deal" and q.speaker.text == "The mayor"


def test_respond_to_a_request_is_content_but_spoke_to_reporters_is_not(quote_pipe):
    q = one(quotes(quote_pipe, "The ministry did not respond to requests for comment."), "requests")
    assert q.content.text == "requests for comment"
    assert not [q for q in quotes(quote_pipe, "The mayor spoke to reporters outside the hall.") if "reporters" in q.content.text]


def test_quote_followed_by_a_new_statement_is_not_merged(quote_pipe):
    # '"A," X said. She called Y "B."' are two statements; '"A," X said. "B."' is one in two pieces
    qs = quotes(quote_pipe, '"It is the right decision for the region," the minister said. He called the accord a '
                      '"turning point in a decade when so often we saw talks collapse."')
    first = one(qs, "right decision")
    assert first.content.text == '"It is the right decision for the region,"'
    second = one(qs, "turning point")
    assert second.cue.text == "called" and second.speaker.text == "He"


def test_clause_whose_head_is_tagged_as_a_noun_or_adjective(quote_pipe):
    q = one(quotes(quote_pipe, "A campaign ad questioned whether the senator was prepared to lead the committee."),
            "prepared to lead")
    assert q.cue.text == "questioned" and q.speaker.text == "A campaign ad"
    q = one(quotes(quote_pipe, "The governor said the wave of layoffs demands that lawmakers act before the session ends."),
            "wave of layoffs")
    assert q.speaker.text == "The governor"


def test_parenthetical_cue_inside_the_content(quote_pipe):
    q = one(quotes(quote_pipe, "The problem, she told reporters on Monday, is that the budget has no room left for new hires."),
            "no room left")
    assert q.content.text.startswith("The problem")
    assert q.speaker.text == "she"
    q = one(quotes(quote_pipe, "The real issue, the minister said, was the cost of fuel."), "cost of fuel")
    assert q.content.text.startswith("The real issue") and q.speaker.text == "the minister"


def test_trailing_appositive_is_the_writers_description(quote_pipe):
    q = one(quotes(quote_pipe, "The mayor said she would not endorse Tom Reyes, the former police chief."), "Tom Reyes")
    assert q.content.text == "she would not endorse Tom Reyes"


def test_newsroom_labels_before_a_colon_are_no_speakers(quote_pipe):
    text = ("Harbor Authority: Ferry service will resume by the end of the month\n\n"
            "Correction: An earlier version of this story gave the wrong date for the council vote.\n"
            "The Latest: Months of talks ended without a deal on the port fees.")
    qs = quotes(quote_pipe, text)
    assert one(qs, "Ferry service").speaker.text == "Harbor Authority"
    assert not [q for q in qs if "earlier version" in q.content.text or "Months of talks" in q.content.text]


def test_cue_inside_a_fronted_clause_takes_the_whole_sentence(quote_pipe):
    q = one(quotes(quote_pipe, "Though the first vote went smoothly, she said, a second round would be far more divisive."),
            "second round")
    assert q.content.text.startswith("Though the first vote")
    assert q.speaker.text == "she"


def test_a_list_is_not_an_appositive(quote_pipe):
    q = one(quotes(quote_pipe, "The minister said he would meet the mayor, the union leader and two farmers."), "mayor")
    assert q.content.text.endswith("two farmers")


def test_finite_cue_whose_subject_the_parser_lost(quote_pipe):
    # no comma after the long opening phrase: the parser hangs the name on it, the statement stands
    q = one(quotes(quote_pipe, "At a meeting with the board of the Daily Ledger Mayor Ortiz said that the bridge "
                         "would reopen in May."), "bridge would reopen")
    assert q.cue.text == "said"
    assert q.speaker is None or "Ortiz" in q.speaker.text


def test_a_name_is_what_a_speech_cue_spoke_of(quote_pipe):
    q = one(quotes(quote_pipe, "The senator has not mentioned Alvarez since the hearing."), "Alvarez")
    assert q.content.text == "Alvarez" and q.speaker.text == "The senator"
    assert not [q for q in quotes(quote_pipe, "The senator told Alvarez about the hearing.") if q.content.text == "Alvarez"]


def test_reported_content_never_stops_inside_a_quotation(quote_pipe):
    q = one(quotes(quote_pipe, 'He said he remembers the intern seeming "lost," and the manager staying calm.'),
            "intern")
    assert q.content.text.count('"') % 2 == 0, q.content.text


def test_mismatched_quotation_marks_still_make_a_direct_quote(quote_pipe):
    qs = quotes(quote_pipe, '"The port will stay open all winter,” said Lena Ortiz, the harbor master. '
                      'Residents were not convinced.')
    q = one(qs, "port will stay open")
    assert q.direct and q.content.text.endswith("winter,”")
    assert q.speaker.text.startswith("Lena Ortiz")


def test_said_adding_gives_two_statements(quote_pipe):
    qs = quotes(quote_pipe, '“We cannot keep paying for this,” the governor said, adding later, '
                      '“The fund is nearly empty, and nobody wants to say so.”')
    first = one(qs, "keep paying")
    assert first.content.text == "“We cannot keep paying for this,”" and first.cue.text == "said"
    second = one(qs, "fund is nearly empty")
    assert second.cue.text == "adding" and second.speaker.text == "the governor"
    assert "keep paying" not in second.content.text
    qs = quotes(quote_pipe, '"We do not see a link to the strike," the police chief said, adding that it might take '
                      '"a few days" until names are released.')
    assert one(qs, "link to the strike").content.text == '"We do not see a link to the strike,"'
    assert one(qs, "a few days").cue.text == "adding"


def test_participle_cue_hung_inside_the_reported_clause_takes_the_speaker_above(quote_pipe):
    qs = quotes(quote_pipe, "Kenya's foreign minister said on Tuesday that talks over the border would resume next week, "
                      'adding, "We expect a framework agreement by the end of the month."')
    assert one(qs, "framework agreement").speaker.text == "Kenya's foreign minister"


def test_speaker_span_leaves_out_a_relative_clause(quote_pipe):
    qs = quotes(quote_pipe, "Ethiopian officials, who rejected the accusations last year, did not respond to requests for comment.")
    assert one(qs, "requests for comment").speaker.text == "Ethiopian officials"


def test_relative_pronoun_speaker_takes_its_antecedents_actor(quote_pipe):
    qs = quotes(quote_pipe, "Ethiopian officials, who rejected the accusations last year, did not respond to requests for comment.")
    q = one(qs, "the accusations")
    assert q.speaker.text == "who"                      # the span PolNeAR marks
    assert q.speaker_actor is not None and q.speaker_actor.code.startswith("ETH")


def test_quotation_in_its_own_paragraph_after_a_colon(quote_pipe):
    qs = quotes(quote_pipe, 'The minister said:\n\n"We will not sign anything that hurts our farmers."\n\nTalks resumed.')
    q = one(qs, "hurts our farmers")
    assert q.speaker.text == "The minister" and q.cue.text == "said"
    qs = quotes(quote_pipe, "The governor added:\n\nAnd from a so-called reformer, this is the most cynical budget "
                      "I have ever seen in this state.\n\nOthers disagreed.")
    q = one(qs, "most cynical budget")
    assert q.direct and q.speaker.text == "The governor"
    assert not [q for q in qs if "Others" in q.content.text]


def test_naming_and_phoning_are_not_statements(quote_pipe):
    assert not quotes(quote_pipe, "His charity, called the River Valley Land Trust, will still own the farm until the loan is repaid.")
    assert not [q for q in quotes(quote_pipe, "The senator called Ana Ruiz on Friday to thank her.") if q.content.text == "Ana Ruiz"]


def test_content_never_ends_on_a_conjunction(quote_pipe):
    text = ("The mayor emphasized that the budget cuts were not final, and union leaders warned that the "
            "city was giving up its leverage.")
    qs = quotes(quote_pipe, text)
    assert one(qs, "budget cuts").content.text == "that the budget cuts were not final"
    assert one(qs, "its leverage").speaker.text == "union leaders"


def test_second_infinitive_the_parser_hung_on_the_cue(quote_pipe):
    qs = quotes(quote_pipe, "This week, the president declined to criticize Ankara or even openly declare it guilty.")
    assert one(qs, "criticize Ankara").content.text == "to criticize Ankara or even openly declare it guilty"
    assert len(qs) == 1
    # a second finite verb of the speaker is not part of what she urged
    qs = quotes(quote_pipe, 'She begged her brother to leave the house and then says, "Please go now."')
    assert one(qs, "leave the house").content.text == "her brother to leave the house"


def test_naming_with_two_predicates(quote_pipe):
    # the parser reads both "Trump" and "liar" as predicates of "called"
    qs = quotes(quote_pipe, 'Ms. Okafor called Jensen a "serial fabulist" who is "entirely shameless."')
    q = one(qs, "fabulist")
    assert q.content.text == 'Jensen a "serial fabulist" who is "entirely shameless."' and q.speaker.text == "Ms. Okafor"


def test_clause_after_a_time_phrase_parsed_as_relative(quote_pipe):
    qs = quotes(quote_pipe, "The Guardian reported at the time that the station's director, Ana Ruiz, told Mr. Cole that "
                      "his remarks were not in line with the channel's policy.")
    q = one(qs, "station's director")
    assert q.cue.text == "reported" and q.speaker.text == "The Guardian"
    assert q.content.text.startswith("that the station's director") and q.content.text.endswith("channel's policy")


def test_that_clause_the_parser_hung_on_the_audience(quote_pipe):
    # "that" read as a conjunction opening a relative clause of "gathering"
    qs = quotes(quote_pipe, "In Nairobi last week, she told a gathering of East African ministers that few countries "
                      "understood the costs of drought better than their own.")
    q = one(qs, "few countries")
    assert q.cue.text == "told" and q.speaker.text == "she"
    assert q.content.text == "that few countries understood the costs of drought better than their own"


def test_one_clause_the_parser_split_in_two(quote_pipe):
    # "the heavy spending being poured into ..." and "shows ..." both hung on "believe"
    qs = quotes(quote_pipe, "Some analysts believe the heavy spending being poured into television ads in Ohio shows "
                      "the campaign is nervous about the state.")
    q = one(qs, "heavy spending")
    assert q.content.text.endswith("the campaign is nervous about the state") and q.cue.text == "believe"


def test_raising_verb_content_is_the_whole_clause(quote_pipe):
    q = one(quotes(quote_pipe, "By Sunday the ceasefire seemed to have collapsed entirely."), "collapsed")
    assert q.content.text == "the ceasefire seemed to have collapsed entirely" and q.speaker is None
    # with a verb of saying or thinking under it, the subject is the speaker
    q = one(quotes(quote_pipe, "The governor seemed to think the protests would fade."), "protests")
    assert q.speaker.text == "The governor"


def test_name_before_a_who_clause(quote_pipe):
    qs = quotes(quote_pipe, "The teachers' union endorsed Garcia, who says she is grateful for the support.")
    assert one(qs, "Garcia").content.text == "Garcia"
    assert one(qs, "grateful").speaker.text == "who"


def test_agreeing_with_someone_and_a_date_before_the_preposition(quote_pipe):
    qs = quotes(quote_pipe, "Anderson largely agreed with Reyes and seemed to think the debate was over.")
    q = one(qs, "Reyes")
    assert q.content.text == "Reyes" and q.cue.text == "agreed" and q.speaker.text == "Anderson"
    q = one(quotes(quote_pipe, "The senator apparently disagrees with her former boss."), "former boss")
    assert q.content.text == "her former boss"
    # "Friday" between the cue and its preposition is a date, not an object
    q = one(quotes(quote_pipe, "Officials called Friday for releasing the police videos."), "videos")
    assert q.content.text == "releasing the police videos"


def test_names_the_parser_hung_on_a_fronted_clause(quote_pipe):
    qs = quotes(quote_pipe, 'When militants are exposed as part of the wider insurgency in the north, Ruiz and Lopez '
                      'call them "lone actors" and describe their attacks as crimes.')
    q = one(qs, "lone actors")
    assert q.speaker.text == "Ruiz and Lopez" and q.cue.text == "call"
    qs = quotes(quote_pipe, "With the vote set to go ahead despite protests from families of the victims, Senator Maria "
                      "Lopez apparently disagrees with her own party.")
    assert one(qs, "her own party").speaker.text == "Senator Maria Lopez"


def test_fronted_when_clause_is_not_content(quote_pipe):
    qs = quotes(quote_pipe, 'When rebels attack, the generals call them "bandits" and describe the raids as crimes.')
    assert not [q for q in qs if "rebels attack" in q.content.text]
    assert one(qs, "bandits").speaker.text == "the generals"


def test_fronted_fragment_before_a_closing_cue(quote_pipe):
    q = one(quotes(quote_pipe, "Funding unclear for the new bridge project, officials say."), "bridge")
    assert q.content.text == "Funding unclear for the new bridge project" and q.speaker.text == "officials"
    q = one(quotes(quote_pipe, "Rules unclear on whether part-time workers are eligible, lawyers say."), "part-time")
    assert q.content.text == "Rules unclear on whether part-time workers are eligible" and q.speaker.text == "lawyers"


def test_stopped_short_of_calling(quote_pipe):
    qs = quotes(quote_pipe, "The governor praised the response but stopped short of calling the police actions excessive.")
    q = one(qs, "excessive")
    assert q.content.text == "the police actions excessive" and q.speaker.text == "The governor"


def test_passive_naming_with_its_agent(quote_pipe):
    q = one(quotes(quote_pipe, "The mayor has been called a fraud by his rivals for promoting miracle diets."), "a fraud")
    assert q.content.text == "The mayor has been called a fraud" and q.speaker.text == "his rivals"


def test_straight_marks_pair_the_right_way_round(quote_pipe):
    qs = quotes(quote_pipe, '“Ceasefire talks must not become a stalling tactic," the envoy said in a statement, adding '
                      'that the proposals were handed out "like leaflets."')
    assert one(qs, "stalling tactic").content.text == '“Ceasefire talks must not become a stalling tactic,"'
    assert one(qs, "like leaflets").content.text == 'that the proposals were handed out "like leaflets."'
    assert not [q for q in qs if q.content.text.startswith('" the envoy')]


def test_quoted_titles_are_not_statements(quote_pipe):
    qs = quotes(quote_pipe, 'On Monday’s episode of “The Morning Circle,” the senator said the budget would pass. Later, '
                      'in an interview on "Face the Facts," she said talks had stalled.')
    assert sorted(q.content.text for q in qs) == ["talks had stalled", "the budget would pass"]


def test_when_clause_after_what_was_said(quote_pipe):
    # what was said is "what"; the clause after the cue says when, not what
    for text in ("That was what Maria Lopez said when she left the agency after the floods in 2019.",
                 "This is what the Lopez campaign said when it quit the race."):
        assert not [q for q in quotes(quote_pipe, text) if "left the agency" in q.content.text or "quit the race" in q.content.text]
    q = one(quotes(quote_pipe, "The committee did not say when it would vote on the bill."), "vote on the bill")
    assert q.speaker.text == "The committee"


def test_a_poll_as_the_source_of_its_finding(quote_pipe):
    q = one(quotes(quote_pipe, "In the latest survey, the ruling party trails the opposition by six points."), "trails")
    assert q.content.text == "the ruling party trails the opposition by six points"
    assert q.speaker.text == "the latest survey" and q.cue.text == "In"
    q = one(quotes(quote_pipe, "The governor did not gain ground in one of the first polls after the debate."), "gain ground")
    assert q.speaker.text.startswith("one of the first polls")
    # a cue verb of its own speaks for the report
    qs = quotes(quote_pipe, "In a report released Tuesday, the agency said exports fell.")
    assert len(qs) == 1 and qs[0].speaker.text == "the agency"


def test_second_gerund_the_parser_hung_on_the_cue(quote_pipe):
    q = one(quotes(quote_pipe, "The candidate has mentioned cutting bus fares and requiring landlords to spend "
                         "more of their profits on repairs."), "bus fares")
    assert q.content.text == ("cutting bus fares and requiring landlords to spend more of their profits "
                              "on repairs")


def test_a_while_clause_with_a_cue_is_not_a_parenthetical_attribution(quote_pipe):
    for text in ('Only 52 percent of registered voters agreed that the mayor is in "good enough overall health to '
                 'serve," while 73 percent said the same of his rival.',
                 "Just 45 percent of voters agreed that the mayor is honest, while 60 percent said the same of his rival."):
        qs = quotes(quote_pipe, text)
        assert [q.cue.text for q in qs if "voters agreed" in q.content.text] == []
        assert [q.content.text for q in qs if q.cue.text == "said"] == \
            ["the same of his rival"]
    # "as X said" still attributes the main clause
    q = one(quotes(quote_pipe, "The deal, as the minister said, is far from done."), "far from done")
    assert q.speaker.text == "the minister"


def test_acts_on_things_inside_reported_speech_are_part_of_it(quote_pipe):
    qs = quotes(quote_pipe, "The mayor said she could not comment on the report because she had not read it.")
    assert [q.cue.text for q in qs] == ["said"]
    qs = quotes(quote_pipe, "The spokesman said the ministry will announce new measures on Friday.")
    assert [q.cue.text for q in qs] == ["said"]
    # speech inside a "that" clause of another report is part of it (PolNeAR nests 6 of 2,192 gold
    # attributions): one quote, the survey's
    qs = quotes(quote_pipe, "A survey found that 60 percent of residents said the council should resign.")
    assert [q.cue.text for q in qs] == ["found"]


def test_a_pronoun_speaking_again_inside_reported_words_is_the_same_statement(quote_pipe):
    qs = quotes(quote_pipe, "The mayor said he warned the council that the budget was too small.")
    assert [(q.cue.text, q.content.text) for q in qs] == [("said", "he warned the council that the budget was too small")]


def test_judged_for_something(quote_pipe):
    q = one(quotes(quote_pipe, "The senator mocked Lopez for not releasing his full medical records."), "Lopez")
    assert q.content.text == "Lopez for not releasing his full medical records"
    qs = quotes(quote_pipe, 'In March, Governor Ana Ruiz lauded Mr. Okafor in her state-of-the-state address for helping '
                      'build "new and better schools."')
    assert [q.content.text for q in qs] == \
        ['Mr. Okafor in her state-of-the-state address for helping build "new and better schools."']


def test_content_does_not_end_on_in_case(quote_pipe):
    rows = [("The", "DT", "DET", "det", 1, "the"), ("memo", "NN", "NOUN", "nsubj", 2, "memo"),
            ("suggests", "VBZ", "VERB", "ROOT", 2, "suggest"), ("officials", "NNS", "NOUN", "nsubj", 4, "official"),
            ("understand", "VBP", "VERB", "ccomp", 2, "understand"), ("that", "IN", "SCONJ", "mark", 7, "that"),
            ("they", "PRP", "PRON", "nsubj", 7, "they"), ("need", "VBP", "VERB", "ccomp", 4, "need"),
            ("a", "DT", "DET", "det", 9, "a"), ("plan", "NN", "NOUN", "dobj", 7, "plan"),
            ("in", "IN", "ADP", "prep", 9, "in"), ("case", "NN", "NOUN", "pobj", 10, "case"),
            ("the", "DT", "DET", "det", 13, "the"), ("ally", "NN", "NOUN", "nsubj", 14, "ally"),
            ("turns", "VBZ", "VERB", "ccomp", 2, "turn"), ("hostile", "JJ", "ADJ", "acomp", 14, "hostile"),
            (".", ".", "PUNCT", "punct", 2, ".")]
    q = one(given_parse(quote_pipe, rows), "officials understand")
    assert q.content.text == "officials understand that they need a plan in case the ally turns hostile"


def test_second_bare_verb_after_an_object_ending_on_one(quote_pipe):
    rows = [("She", "PRP", "PRON", "nsubj", 1, "she"), ("spoke", "VBD", "VERB", "ROOT", 1, "speak"),
            (",", ",", "PUNCT", "punct", 1, ","), ("referencing", "VBG", "VERB", "advcl", 1, "reference"),
            ("the", "DT", "DET", "det", 5, "the"), ("push", "NN", "NOUN", "dobj", 3, "push"),
            ("to", "IN", "ADP", "prep", 5, "to"), ("sell", "VB", "VERB", "pobj", 6, "sell"),
            ("or", "CC", "CCONJ", "cc", 3, "or"), ("make", "VB", "VERB", "conj", 3, "make"),
            ("clients", "NNS", "NOUN", "nsubj", 11, "client"), ("buy", "VB", "VERB", "ccomp", 9, "buy"),
            ("more", "JJR", "ADJ", "dobj", 11, "more"), (".", ".", "PUNCT", "punct", 1, ".")]
    q = one(given_parse(quote_pipe, rows), "the push")
    assert q.content.text == "the push to sell or make clients buy more"


def test_compound_preposition_after_the_object(quote_pipe):
    rows = [("A", "DT", "DET", "det", 1, "a"), ("study", "NN", "NOUN", "nsubj", 2, "study"),
            ("found", "VBD", "VERB", "ROOT", 2, "find"), ("12", "CD", "NUM", "nummod", 4, "12"),
            ("cases", "NNS", "NOUN", "dobj", 2, "case"), ("of", "IN", "ADP", "prep", 4, "of"),
            ("fraud", "NN", "NOUN", "pobj", 5, "fraud"), ("out", "IN", "ADP", "prep", 2, "out"),
            ("of", "IN", "ADP", "prep", 7, "of"), ("a", "DT", "DET", "det", 11, "a"),
            ("million", "CD", "NUM", "nummod", 11, "million"), ("ballots", "NNS", "NOUN", "pobj", 8, "ballot"),
            (".", ".", "PUNCT", "punct", 2, ".")]
    q = one(given_parse(quote_pipe, rows), "cases of fraud")
    assert q.content.text == "12 cases of fraud out of a million ballots"
    # "according to X" is the source, never carried into the content
    q = one(quotes(quote_pipe, "Some families would pay more under the plan, according to an analysis by Ruth Lee."), "families")
    assert "according" not in q.content.text


def test_voiced_attitude_content_is_its_object(quote_pipe):
    q = one(quotes(quote_pipe, "Several lawmakers have expressed deep concern about the new surveillance rules."), "rules")
    assert q.content.text == "the new surveillance rules" and q.speaker.text == "Several lawmakers"


def test_finite_verb_is_not_an_infinitives_second_half(quote_pipe):
    rows = [("The", "DT", "DET", "det", 1, "the"), ("rules", "NNS", "NOUN", "nsubj", 2, "rule"),
            ("promise", "VBP", "VERB", "ROOT", 2, "promise"), ("to", "TO", "PART", "aux", 4, "to"),
            ("transform", "VB", "VERB", "xcomp", 2, "transform"), ("the", "DT", "DET", "det", 6, "the"),
            ("economy", "NN", "NOUN", "dobj", 4, "economy"), ("but", "CC", "CCONJ", "cc", 4, "but"),
            ("are", "VBP", "AUX", "conj", 4, "be"), ("likely", "JJ", "ADJ", "acomp", 8, "likely"),
            ("to", "TO", "PART", "aux", 11, "to"), ("draw", "VB", "VERB", "xcomp", 9, "draw"),
            ("fire", "NN", "NOUN", "dobj", 11, "fire"), (".", ".", "PUNCT", "punct", 2, ".")]
    q = one(given_parse(quote_pipe, rows), "transform")
    assert q.content.text == "to transform the economy"


def test_said_as_much_and_the_same(quote_pipe):
    q = one(quotes(quote_pipe, "The mayor said as much in an interview on Sunday."), "much")
    assert q.content.text == "as much" and q.speaker.text == "The mayor"
    q = one(quotes(quote_pipe, "Sixty percent said the same of the governor."), "same")
    assert q.content.text == "the same of the governor"


def test_which_before_the_real_subject_is_not_the_speaker(quote_pipe):
    q = one(quotes(quote_pipe, "Farmers protested the new water levy, which critics say punishes small growers."),
            "small growers")
    assert q.speaker.text == "critics"


def test_infinitive_before_a_later_clause_is_the_content(quote_pipe):
    rows = [("Lopez", "NNP", "PROPN", "nsubj", 1, "Lopez"), ("spoke", "VBD", "VERB", "ROOT", 1, "speak"),
            (",", ",", "PUNCT", "punct", 1, ","), ("promising", "VBG", "VERB", "advcl", 1, "promise"),
            ("to", "TO", "PART", "aux", 5, "to"), ("lift", "VB", "VERB", "xcomp", 3, "lift"),
            ("rules", "NNS", "NOUN", "dobj", 5, "rule"), ("―", ":", "PUNCT", "punct", 3, "―"),
            ("not", "RB", "PART", "neg", 11, "not"), ("what", "WP", "PRON", "dobj", 11, "what"),
            ("Ruiz", "NNP", "PROPN", "nsubj", 11, "Ruiz"), ("wanted", "VBD", "VERB", "ccomp", 3, "want"),
            (".", ".", "PUNCT", "punct", 1, ".")]
    q = one(given_parse(quote_pipe, rows), "lift")
    assert q.cue.text == "promising" and q.content.text.startswith("to lift rules")


def test_question_mark_quotation_then_attribution(quote_pipe):
    qs = quotes(quote_pipe, '“How many times must this happen?” Ruiz said. “In Leeds, an unarmed man was shot.”')
    assert len(qs) == 1 and qs[0].speaker.text == "Ruiz" and qs[0].cue.text == "said"
    assert [f.text for f in qs[0].fragments] == ["“How many times must this happen?”", "“In Leeds, an unarmed man was shot.”"]


def test_content_does_not_end_on_a_preposition(quote_pipe):
    qs = quotes(quote_pipe, 'The Ohio senator said reporters and the party are at fault for dwelling on “who said what, '
                      'who posted when.”')
    assert len(qs) == 1
    assert qs[0].content.text.endswith("dwelling on “who said what, who posted when.”")


def test_addressee_then_infinitive_read_as_purpose_clause(quote_pipe):
    rows = [("Ruiz", "NNP", "PROPN", "nsubj", 1, "Ruiz"), ("tells", "VBZ", "VERB", "ROOT", 1, "tell"),
            ("his", "PRP$", "PRON", "poss", 3, "his"), ("backers", "NNS", "NOUN", "dobj", 1, "backer"),
            ("at", "IN", "ADP", "prep", 3, "at"), ("rallies", "NNS", "NOUN", "pobj", 4, "rally"),
            ("to", "TO", "PART", "aux", 7, "to"), ("watch", "VB", "VERB", "advcl", 1, "watch"),
            ("the", "DT", "DET", "det", 9, "the"), ("polls", "NNS", "NOUN", "dobj", 7, "poll"),
            (".", ".", "PUNCT", "punct", 1, ".")]
    q = one(given_parse(quote_pipe, rows), "watch the polls")
    assert q.cue.text == "tells" and q.speaker.text == "Ruiz" and q.content.text.endswith("to watch the polls")


def test_participle_on_a_medium_noun_speaks_for_the_main_subject(quote_pipe):
    qs = quotes(quote_pipe, "At a news conference announcing the lawsuit, the attorney general said the state would not "
                      "back down.")
    assert one(qs, "the lawsuit").speaker.text == "the attorney general"
    # with no one else there, the statement itself speaks
    qs = quotes(quote_pipe, "A statement released Monday saying the talks had failed was quickly withdrawn.")
    assert one(qs, "talks had failed").speaker.text.startswith("A statement")


def test_signatures_reads_and_continued(quote_pipe):
    qs = quotes(quote_pipe, "“We will keep marching until the schools reopen.”\xa0―\xa0Ana Ruiz\n“Nobody listens to us.” ―\xa0Tom Baker\n")
    assert [q.speaker.text for q in qs] == ["Ana Ruiz", "Tom Baker"]
    qs = quotes(quote_pipe, "The parents sent a letter to the board on Monday.\n“Our support for these schools comes from what "
                      "we have seen ourselves,” the letter reads.")
    assert one(qs, "Our support").speaker.text == "the letter"
    qs = quotes(quote_pipe, "“The river is rising fast,” said the mayor.\n\nShe continued, “We need every volunteer we can find.”")
    q = one(qs, "every volunteer")
    assert q.speaker.text == "She" and q.cue.text == "continued"


def test_asked_about_what_no_one_named_asked(quote_pipe):
    qs = quotes(quote_pipe, "Asked about the delay, the minister said the report would be published next week.")
    q = one(qs, "the delay")
    assert q.content.text == "the delay" and q.speaker is None and q.cue.text == "Asked"
    assert one(qs, "published next week").speaker.text == "the minister"


def test_passive_criticism_of_a_pronoun_subject(quote_pipe):
    q = one(quotes(quote_pipe, "The clinics do useful work, but they have long been criticized for being too slow to reply."),
            "criticized")
    assert q.content.text == "they have long been criticized for being too slow to reply" and q.speaker is None


def test_drawing_criticism_from_no_one_named(quote_pipe):
    q = one(quotes(quote_pipe, "The video has faced ridicule online since Monday."), "The video")
    assert q.content.text == "The video" and q.speaker is None and q.cue.text == "faced ridicule"
    q = one(quotes(quote_pipe, "The governor is drawing criticism for the cuts."), "The governor")
    assert q.cue.text == "drawing criticism"


def test_in_a_statement_frames_the_main_clause(quote_pipe):
    qs = quotes(quote_pipe, "In a statement issued Tuesday morning, the senator was more cautious than her colleagues.")
    q = one(qs, "more cautious")
    assert q.speaker.text == "the senator" and q.cue.text == "In a statement"
    assert q.content.text == "the senator was more cautious than her colleagues"
    # a speech verb of its own speaks for itself
    qs = quotes(quote_pipe, "In a statement, the ministry said the talks had failed.")
    assert [q.cue.text for q in qs] == ["said"]


def test_statement_noun_before_a_colon(quote_pipe):
    qs = quotes(quote_pipe, 'The mayor is unveiling a fresh and more local campaign message: "It\'s about the river."')
    q = one(qs, "about the river")
    assert q.speaker.text == "The mayor" and q.direct


def test_proclaimed_and_stressed_take_objects(quote_pipe):
    q = one(quotes(quote_pipe, 'In her speech on Monday, the mayor proclaimed a goal of "Clean Water for All."'), "goal")
    assert q.content.text == 'a goal of "Clean Water for All."' and q.cue.text == "proclaimed"
    q = one(quotes(quote_pipe, "The minister stressed the importance of the new border talks."), "importance")
    assert q.content.text == "the importance of the new border talks"


def test_audiences_and_appearances_are_not_content(quote_pipe):
    for text in ("She addressed the annual symposium of black women leaders on Friday.",
                 "She appeared on a Spanish reality show.",
                 "The president responded to a grieving mother at the forum."):
        assert quotes(quote_pipe, text) == [], text


def test_subject_control_gives_the_speaker(quote_pipe):
    q = one(quotes(quote_pipe, "Small crowds of residents continued to call for more details about the fire."),
            "more details")
    assert q.speaker.text == "Small crowds of residents" and q.cue.text == "to call"


def test_had_to_and_took_to_twitter_to(quote_pipe):
    q = one(quotes(quote_pipe, "The senator took to Twitter overnight to accuse the mayor of lying about the budget."), "lying")
    assert q.speaker.text == "The senator"
    rows = [("She", "PRP", "PRON", "nsubj", 1, "she"), ("had", "VBD", "VERB", "ROOT", 1, "have"),
            ("to", "TO", "PART", "aux", 3, "to"), ("reject", "VB", "VERB", "xcomp", 1, "reject"),
            ("her", "PRP$", "PRON", "poss", 5, "her"), ("parents", "NNS", "NOUN", "dobj", 3, "parent"),
            (".", ".", "PUNCT", "punct", 1, ".")]
    q = one(given_parse(quote_pipe, rows), "parents")
    assert q.speaker.text == "She" and q.content.text == "her parents"


def test_according_to_with_the_clause_hung_on_the_source(quote_pipe):
    q = one(quotes(quote_pipe, "According to the radio host Tom Bell, the move reeks of fear and desperation."), "reeks")
    assert q.speaker.text == "the radio host Tom Bell" and q.content.text == "the move reeks of fear and desperation"
    q = one(quotes(quote_pipe, "According to Smith, Jones and Lee, exports fell by a third."), "exports")
    assert q.speaker.text == "Smith, Jones and Lee"


def test_according_to_a_source_read_as_a_verb(quote_pipe):
    q = one(quotes(quote_pipe, "As a reality TV boss on “The Contest,” Ruiz repeatedly demeaned staff with crude language, "
                         "according to show insiders."), "demeaned")
    assert q.speaker.text == "show insiders" and q.content.text.startswith("As a reality TV boss")


def test_linked_x_to_y(quote_pipe):
    q = one(quotes(quote_pipe, "The senator repeatedly linked the budget crisis to the governor's tax cuts."), "budget crisis")
    assert q.content.text == "the budget crisis to the governor's tax cuts" and q.cue.text == "linked"


def test_curly_quote_closed_by_a_straight_mark_does_not_run_on(quote_pipe):
    text = ('The mayor said there was “no evidence" yet of arson.\n\n"We do not see a link to arson," the fire chief said, '
            'adding that it might take "a few days” until names are released.')
    qs = quotes(quote_pipe, text)
    assert not [q for q in qs if "\n\n" in q.content.text]
    assert one(qs, "a few days").content.text.startswith("that it might take")
