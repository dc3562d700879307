"""Error classes read in US political news (review, 2026-12-07): a big city's short name inside an
organisation's name (rule org_name_city), "insist" with an indicative clause (insist_assertion),
attacks in words (verbal_attack) and a march's name (march_name). All sentences are our own."""
from __future__ import annotations

import pytest

from tidings.grounding.timex import tag
from tidings.pipeline import Config, Pipeline
from _events_helpers import events


@pytest.fixture(scope="module")
def places_pipe():
    return Pipeline(Config(stages=["entities", "places"]))


def place(pipe, text, name):
    got = [p for p in pipe({"id": "t", "text": text}).places if p.text == name]
    assert got, name
    return got[0]


# -- org_name_city -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The mayor told The New York Times that the budget was short.",
    "A columnist for the New York Post wrote about the dispute.",
])
def test_org_name_city_newspaper_is_the_city(places_pipe, text):
    p = place(places_pipe, text, "New York")
    assert p.feature == "city" and p.rule == "org_name_city"


@pytest.mark.parametrize("text", [
    "The New York Democratic Party backed the mayor on Friday.",
    "New York Gov. Lena Marsh signed the bill.",
])
def test_org_name_city_state_bodies_stay_the_state(places_pipe, text):
    assert place(places_pipe, text, "New York").feature == "admin1"


# -- insist_assertion --------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Local officials insist the new curfew is working well.",
    "Aides insist, however, that the candidate never saw the memo.",
    "\"We are winning the county,\" the mayor insisted.",
    "Supporters insist there were irregularities in the count.",
    "The aide insisted on television that there was no deal.",
])
def test_insist_assertion_is_no_demand(pipe, text):
    assert not [e for e in events(pipe, text) if e.event == "REQUEST" and e.cameo.startswith("10")]


@pytest.mark.parametrize("text", [
    "The senator insisted that the governor resign at once.",
    "The minister insists the army must leave the border town.",
    "The union insisted that the workers be paid before the vote.",
    "The senator insisted on a recount in the county.",
])
def test_insist_demand_kept(pipe, text):
    assert [e for e in events(pipe, text) if e.event == "REQUEST" and e.cameo.startswith("10")]


# -- verbal_attack -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "He waged personal and nasty attacks on the former governor.",
    "The senator dismissed the attacks on her voting record by the governor.",
])
def test_verbal_attack_is_criticism(pipe, text):
    evs = events(pipe, text)
    assert not [e for e in evs if e.event == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "Gunmen attacked a police station in the north, killing four.",
    "The rebels launched a fresh attack on the city.",
])
def test_armed_attack_stays_assault(pipe, text):
    assert [e for e in events(pipe, text) if e.event == "ASSAULT"]


# -- march_name --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Organizers of the March on Washington met the senator.",
    "The group, March for Justice, plans a rally in Denver.",
])
def test_march_name_is_no_month(text):
    assert not [t for t in tag(text, "2024-06-15") if text[t.start:t.end] == "March"]


@pytest.mark.parametrize("text", [
    "She left the job in March for a post in Denver.",
    "March on Tuesday was warm.",
    "Sales fell between January and March for Ford.",
])
def test_month_march_kept(text):
    assert [t for t in tag(text, "2024-06-15") if text[t.start:t.end] == "March"]


# -- heritage_compound -------------------------------------------------------------------------
def places_of(pipe, text):
    return [(p.text, p.country_code) for p in pipe({"id": "t", "text": text}).places]


@pytest.mark.parametrize("text,gone", [
    ("The poll found that African-American voters backed the mayor.", "African"),
    ("The Cuban-American senator spoke to donors.", "Cuban"),
])
def test_heritage_compound_first_part_is_no_place(places_pipe, text, gone):
    got = places_of(places_pipe, text)
    assert gone not in [t for t, _ in got], got
    assert ("American", "USA") in got


def test_bilateral_compound_keeps_both_countries(places_pipe):
    got = [t for t, _ in places_of(places_pipe, "Russian-American talks stalled again in the spring.")]
    assert "Russian" in got and "American" in got


# -- state_vote --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Sanders lost the New York primary by a wide margin.",
    "Trump won the New York Republican primary on Tuesday.",
    "She ran in New York's 22nd congressional district.",
    "New York voters head to the polls on Tuesday.",
])
def test_state_vote_is_the_state(places_pipe, text):
    p = place(places_pipe, text, "New York")
    assert p.feature == "admin1" and p.rule == "state_vote"


def test_state_vote_reading_stays_the_mentions_own(places_pipe):
    rec = places_pipe({"id": "t", "text": "The New York primary is Tuesday. He flew to New York on Monday."})
    got = {(p.start, p.feature) for p in rec.places if p.text == "New York"}
    assert {f for _, f in got} == {"admin1", "city"}, got


# -- demonstrate_show, strike agreement ----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The governor has demonstrated that he has the courage to fight for jobs.",
    "The senator struggled to demonstrate how the donations shaped her votes.",
    "The test demonstrated the missile's range.",
])
def test_demonstrate_show_is_no_protest(pipe, text):
    assert not [e for e in events(pipe, text) if e.event == "PROTEST"]


@pytest.mark.parametrize("text", [
    "Students demonstrated outside the parliament on Monday.",
    "Workers demonstrated to demand higher wages.",
])
def test_demonstrate_without_object_is_a_protest(pipe, text):
    assert [e for e in events(pipe, text) if e.event == "PROTEST"]


def test_strike_agreement_is_no_assault(pipe):
    evs = events(pipe, "The company struck a provisional agreement with the union.")
    assert not [e for e in evs if e.event == "ASSAULT"] and [e for e in evs if e.cameo == "057"]


# -- fight_for_goal ----------------------------------------------------------------------------
def test_fight_for_a_goal_is_no_combat(pipe):
    evs = events(pipe, "The senator has been fighting to keep the tax in place for years, aides said.", all_=True)
    assert not [e for e in evs if e.event == "ASSAULT" and e.trigger.text.startswith("fight")]


@pytest.mark.parametrize("text", [
    "Rebels fought to retake the town from the army.",
    "Government troops fought rebels near the border.",
])
def test_armed_fight_kept(pipe, text):
    assert [e for e in events(pipe, text) if e.event == "ASSAULT"]
