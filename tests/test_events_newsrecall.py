"""News recall by category (issue 15, news recall): data/lexicon/26_newsrecall.yaml and the rules
passive_patient_nobody, result_verb (occur_subject) and armed_doer of events/occurrence.py.
All sentences are our own; lexicon-only pipeline."""
from __future__ import annotations

import pytest

from tidings.events import load_lexicon
from _events_helpers import events


def coded(pipe, text):
    return events(pipe, text, date="2024-05-02")


def test_file_is_loaded():
    assert "26_newsrecall" in load_lexicon().files


@pytest.mark.parametrize("text,event,rule", [
    # P1/P2 protest and strike words of South Asian news
    ("Angry villagers gheraoed the tehsildar over the delayed pension.", "PROTEST", "26_newsrecall:141:"),
    ("Party workers sat on a dharna outside the collectorate.", "PROTEST", "26_newsrecall:141:"),
    ("A torchlight march was taken out through the main bazaar.", "PROTEST", "26_newsrecall:141:"),
    ("The shop owners observed a bandh against the new levy.", "PROTEST", "26_newsrecall:143:"),
    ("The bus conductors struck work on Monday.", "PROTEST", "26_newsrecall:143:"),
    ("The weavers raised slogans against the cooperative society.", "PROTEST", "26_newsrecall:141:"),
    ("Hundreds of nurses took part in the protest outside the hospital.", "PROTEST", "26_newsrecall:141:"),
    # R1/R2 crowds and stones
    ("Police lathicharged the agitating students near the bus stand.", "ASSAULT", "26_newsrecall:175:"),
    ("The crowd pelted stones at the police jeep.", "PROTEST", "26_newsrecall:145:"),
    # C1 custody and cases
    ("Police registered a case against the contractor.", "ACCUSE", "26_newsrecall:115:"),
    ("Officers locked up four youths after the brawl.", "COERCE", "17_coerce:173:"),
    # D1 deaths in violence
    ("Three farmers died in the firing near the canal.", "ASSAULT", "26_newsrecall:180:"),
    # A1 talks that end in an agreement
    ("The negotiations ended in an agreement on water sharing.", "SUPPORT", "26_newsrecall:057:"),
])
def test_news_recall_families(lex_pipe, text, event, rule):
    evs = coded(lex_pipe, text)
    assert [e for e in evs if e.event == event and e.rule.startswith(rule)], [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text,event", [
    ("He was charged with arson on Tuesday.", "COERCE"),
    ("She was arrested at the bus depot.", "COERCE"),
    ("The accused was sent to judicial custody.", "COERCE"),
    ("They were shot dead near the checkpoint.", "ASSAULT"),
])
def test_passive_patient_nobody(lex_pipe, text, event):
    evs = coded(lex_pipe, text)
    got = [e for e in evs if e.event == event and "passive_patient_nobody" in e.rule]
    assert got and not got[0].actor, [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text", [
    "The bill was killed in committee.",             # a thing, not a person
    "He was charged $40 for the repair.",            # no charge with a crime
    "She was hit hard by the slump.",                # not a verb of the rule
])
def test_passive_patient_nobody_needs_a_person_and_an_act(lex_pipe, text):
    assert not [e for e in coded(lex_pipe, text) if "passive_patient_nobody" in e.rule]


@pytest.mark.parametrize("text,event", [
    ("The blast left nine dead near the bus stand.", "ASSAULT"),
    ("Clashes between the two factions left six injured.", "PROTEST"),
    ("The transport strike brought the city to a standstill.", "PROTEST"),
])
def test_result_verb(lex_pipe, text, event):
    evs = coded(lex_pipe, text)
    assert [e for e in evs if e.event == event and e.rule.startswith("occur_subject:")], \
        [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text", [
    "The ruling left many voters angry.",            # no harm word
    "The meeting brought the two rivals together.",  # no halt
])
def test_result_verb_needs_a_harm_or_halt(lex_pipe, text):
    assert not [e for e in coded(lex_pipe, text) if e.rule.startswith("occur_subject:")]


@pytest.mark.parametrize("text,code", [
    ("Gunmen stormed a guest house in the hill town.", "180"),
    ("Rebels torched a clinic in the district.", "1712"),
])
def test_armed_doer(lex_pipe, text, code):
    evs = coded(lex_pipe, text)
    assert [(e.event, e.cameo) for e in evs if "armed_doer" in e.rule] == [("ASSAULT", code)], \
        [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text", [
    "Protesters stormed the parliament building on Monday.",
    "Rioters torched two buses near the market.",
])
def test_crowds_stay_protest(lex_pipe, text):
    evs = coded(lex_pipe, text)
    assert [e.event for e in evs] == ["PROTEST"], [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text,event", [
    ("Four killed as gunmen open fire at a market", "ASSAULT"),
    ("Six arrested after police raid a warehouse", "COERCE"),
])
def test_headline_with_a_clause_of_its_own(lex_pipe, text, event):
    evs = coded(lex_pipe, text)
    assert [e for e in evs if e.event == event and e.rule.startswith("headline_participle:")], \
        [(e.event, e.rule) for e in evs]


def test_headline_of_a_non_conflict_act(lex_pipe):
    assert not coded(lex_pipe, "New bridge opened as traffic eases")


@pytest.mark.parametrize("text,coded_", [
    ("The night guard was attacked with an axe near the gate.", True),
    ("The minister was attacked with harsh words in the debate.", False),
])
def test_passive_attack_with_a_weapon(lex_pipe, text, coded_):
    evs = [e for e in coded(lex_pipe, text) if e.event == "ASSAULT"]
    assert bool(evs) is coded_, [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text", [
    "Protesters massed near the bus depot on Friday.",
    "Hundreds of agitators assembled near the railway crossing.",
])
def test_crowd_gathering(lex_pipe, text):
    evs = coded(lex_pipe, text)
    assert [e.event for e in evs if e.rule.startswith("crowd_gathering:")] == ["PROTEST"], \
        [(e.event, e.rule) for e in evs]


def test_crowd_gathering_needs_protesters(lex_pipe):
    assert not [e for e in coded(lex_pipe, "Fans gathered near the stadium before the final.")
                if e.rule.startswith("crowd_gathering:")]


def test_raid_by_armed_men_is_an_attack(lex_pipe):
    evs = coded(lex_pipe, "Insurgents raided a farming village at dawn.")
    assert [(e.event, e.cameo) for e in evs if "armed_doer" in e.rule] == [("ASSAULT", "180")], \
        [(e.event, e.rule) for e in evs]
    evs = coded(lex_pipe, "Police raided the house of the contractor.")
    assert [e.event for e in evs] == ["COERCE"], [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text,event,actor,recipient", [
    ("Union Leader Endorses Governor Patel\n\nThe union has 40,000 members.", "SUPPORT", "Union Leader",
     "Governor Patel"),
    ("Mayor Alvarez Slams Council Over Housing Plan\n\nThe mayor spoke on Monday.", "ACCUSE", "Alvarez", None),
])
def test_headline_verb(lex_pipe, text, event, actor, recipient):
    evs = [e for e in coded(lex_pipe, text) if e.rule.startswith("headline_verb:")]
    assert [e.event for e in evs] == [event], [(e.event, e.rule) for e in evs]
    assert actor in [a.text for a in evs[0].actor]
    if recipient:
        assert recipient in [a.text for a in evs[0].recipient]


@pytest.mark.parametrize("text", [
    "Rebel Attacks Rise In North\n\nMore villages were hit.",          # an event noun: the noun reading
    "Jets Beats Sharks In Overtime\n\nThe game ended late.",            # material conflict: a contest
    "The vote was close on Monday.\n\nUnion Leader Endorses Governor Patel",   # not the first line
])
def test_headline_verb_left_alone(lex_pipe, text):
    evs = [e for e in coded(lex_pipe, text) if e.rule.startswith("headline_verb:")]
    assert not evs, [(e.event, e.rule) for e in evs]
