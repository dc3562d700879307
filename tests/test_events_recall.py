"""Recall families (issue 15, round 4; data/lexicon/23_recall.yaml) and rule light-measure-of.
All sentences are our own; lexicon-only pipeline."""
from __future__ import annotations

import pytest

from tidings.events import load_lexicon
from _events_helpers import events


def test_recall_file_is_loaded():
    assert "23_recall" in load_lexicon().files


@pytest.mark.parametrize("text,event,rule", [
    # F1 weapons handed in, F2 ground given up
    ("The militia turned in its rifles at the collection point.", "RETREAT", "23_recall:0873:"),
    ("Lomarian troops vacated the border villages on Monday.", "RETREAT", "23_recall:0874:"),
    # F3 warships, bombers and tanks sent or stationed
    ("Peru dispatched two frigates to the disputed waters.", "MOBILIZE", "23_recall:150:"),
    ("The junta stationed tanks around the state broadcaster.", "MOBILIZE", "23_recall:154:"),
    # F4 weapons and aid given
    ("Canada supplied the Kurdish fighters with mortars and ammunition.", "AID", "23_recall:072:"),
    ("Norway gave Malawi $12 million in aid last year.", "AID", "23_recall:070:"),
    # F5 cyber attacks (PLOVER COERCE 'cyber')
    ("Hackers hacked into the servers of the Estonian parliament.", "COERCE", "23_recall:170"),
    ("Iran launched a cyberattack on Saudi banks.", "COERCE", "light:launch+23_recall:170"),
    # F6 back to the table
    ("Negotiators from Sudan and Chad returned to the negotiating table in Addis Ababa.", "CONSULT",
     "23_recall:046:"),
])
def test_recall_families(lex_pipe, text, event, rule):
    evs = events(lex_pipe, text)
    assert any(e.event == event and e.rule.startswith(rule) for e in evs), \
        [(e.event, e.cameo, e.rule) for e in evs]


def test_give_in_aid_is_no_concession(lex_pipe):
    # the bare phrasal "give in" (CONCEDE) no longer takes "in $N of aid"; the phrasal verb still codes
    evs = events(lex_pipe, "Japan gave Sri Lanka $40 million in military aid.")
    assert [e.event for e in evs] == ["AID"], [(e.event, e.rule) for e in evs]
    evs = events(lex_pipe, "The government gave in to the strikers on Friday.")
    assert [e.event for e in evs] == ["CONCEDE"]


def test_cyber_mode(lex_pipe):
    evs = events(lex_pipe, "Hackers hacked into the servers of the Estonian parliament.")
    assert evs[0].mode == "cyber"


def test_light_verb_through_a_measure_noun(lex_pipe):
    evs = events(lex_pipe, "Ghana and Togo launched five days of joint exercises off the coast.")
    assert any(e.event == "COOPERATE" and e.rule.startswith("light:launch+") for e in evs), \
        [(e.event, e.rule) for e in evs]
    # not through any "of": "launched a report of ..." has no event noun behind a measure noun
    evs = events(lex_pipe, "The ministry launched a review of the talks.")
    assert not any(e.event == "CONSULT" for e in evs)


@pytest.mark.parametrize("text,cameo", [
    ("The former mayor has been accused of taking bribes.", "112"),
    ("The provincial governor was blamed for the riots.", "112"),
    ("The ministry was widely criticised for its slow response.", "111"),
])
def test_passive_accusation_names_the_accused(lex_pipe, text, cameo):
    """Rule passive_patient (accusations): the accused is the recipient, nobody named as the doer."""
    evs = [e for e in events(lex_pipe, text) if e.event == "ACCUSE"]
    assert evs and evs[0].rule.endswith("+passive_patient"), [(e.event, e.rule) for e in evs]
    assert evs[0].cameo.startswith(cameo[:2]) and evs[0].recipient and not evs[0].actor


def test_active_accusation_unchanged(lex_pipe):
    evs = [e for e in events(lex_pipe, "Kenya accused Somalia of harbouring militants.") if e.event == "ACCUSE"]
    assert evs and "passive_patient" not in evs[0].rule


@pytest.mark.parametrize("text,event", [
    ("The two armies declared a cease-fire on Friday.", "RETREAT"),
    ("Nurses held a sit-in at the health ministry.", "PROTEST"),
])
def test_hyphenated_event_nouns(lex_pipe, text, event):
    """Rule hyphen-compound: the tokeniser splits "cease-fire" and "sit-in"; the last part stands for
    the compound (as object of a verb pattern and as an event noun)."""
    evs = events(lex_pipe, text)
    assert any(e.event == event for e in evs), [(e.event, e.rule) for e in evs]


def test_hyphen_forms():
    from tidings.events.coder import hyphen_forms
    from tidings.nlp import load

    doc = load()("They agreed to a cease-fires deal and a long-term plan.")
    fire = next(t for t in doc if t.lower_ == "fires")
    assert "cease-fire" in hyphen_forms(fire) and "ceasefire" in hyphen_forms(fire)
    cease = next(t for t in doc if t.lower_ == "cease")
    assert hyphen_forms(cease) == ()
    plan = next(t for t in doc if t.lower_ == "plan")
    assert hyphen_forms(plan) == ()
