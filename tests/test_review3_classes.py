"""Error classes read in a third round of the 2016 news corpus (review 3, 2026-12-07): questions
coded as appeals (rule ask_question), a place before a violent event noun read as its doer
(place_compound_where), acts whose object is "no ..." (no_object) and a country taken from the
other side of an act of help or appeal (counterpart_country). All sentences are our own."""
from __future__ import annotations

import pytest

from _events_helpers import events, one


# -- ask_question ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Asked whether the border crossing would reopen, the Egyptian minister said nothing.",
    "When asked about the ceasefire, the Turkish envoy smiled.",
    "\"Is the road to the capital safe?\" the envoy asked.",
    "The spokesman, who was asked about the raid in Mali, declined to give details.",
    "A reporter asked the minister: Will the army leave the valley?",
])
def test_ask_question_is_no_appeal(pipe, text):
    evs = events(pipe, text, all_=True)
    assert not [e for e in evs if e.trigger.text.lower().startswith("ask")], \
        [(e.event, e.cameo, e.trigger.text) for e in evs]


@pytest.mark.parametrize("text", [
    "The Egyptian minister asked the donors to send more food to Gaza.",
    "The rebels asked Turkey for a ceasefire.",
    "Jordan has asked that the talks with Syria be postponed.",
    "Kenya asked Uganda whether it would help and urged it to act.",
])
def test_ask_request_kept(pipe, text):
    assert [e for e in events(pipe, text, all_=True) if e.event == "REQUEST"]


# -- place_compound_where ----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Security was stepped up across Europe after the Paris terror attacks.",
    "The Lyon bombing killed eleven people.",
    "The senator opposed the Iraq war from the start.",
])
def test_place_compound_is_no_doer(pipe, text):
    for e in events(pipe, text, all_=True):
        assert not (e.event == "ASSAULT" and any(a.code in ("FRA", "IRQ") for a in e.actor)), \
            (e.event, e.cameo, [a.cameo for a in e.actor])


def test_country_before_war_with_place_keeps_party(pipe):
    e = one(events(pipe, "Russian jets pounded rebel positions as the Russian offensive in Syria went on."),
            "ASSAULT")
    assert any(a.code == "RUS" for a in e.actor)


# -- no_object ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The two governments held no talks in May.",
    "Officials in Ankara said they gave no support to the militia.",
    "The junta has offered no concessions to the protesters.",
])
def test_no_object_is_negated(pipe, text):
    evs = events(pipe, text, all_=True)
    assert evs and all(e.negated for e in evs), [(e.event, e.trigger.text, e.negated) for e in evs]


def test_plain_object_not_negated(pipe):
    assert [e for e in events(pipe, "The two governments held talks in May.") if e.event == "CONSULT"]


# -- counterpart_country -----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Turkey gave weapons to the rebels.",
    "French ministers maintain that they offer no backing to the militants.",
])
def test_counterpart_country_not_taken(pipe, text):
    for e in events(pipe, text, all_=True):
        for a in e.recipient:
            assert a.code not in ("TUR", "USA", "FRA"), (a.text, a.cameo, a.why)


@pytest.mark.parametrize("text,code", [
    ("Police arrested protesters in Russia.", "RUS"),
    ("Israeli police arrested protesters near the mosque.", "ISR"),
])
def test_context_country_kept_for_force_at_home(pipe, text, code):
    e = one(events(pipe, text), "COERCE")
    assert any(a.code == code for a in e.recipient), [(a.text, a.cameo) for a in e.recipient]


# -- campaign_rally ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The senator's campaign is gaining ground. Protesters interrupted a Trump rally in Dayton on Friday.",
    "The primary is on Tuesday. After a Denver rally on Friday, the candidate flew to Ohio.",
])
def test_campaign_rally_is_no_protest(pipe, text):
    assert not [e for e in events(pipe, text, all_=True) if e.event == "PROTEST"]


@pytest.mark.parametrize("text", [
    "Thousands joined an opposition rally in Nairobi.",
    "Supporters of the jailed activist held a rally in Moscow before the election.",
])
def test_group_rally_stays_protest(pipe, text):
    assert [e for e in events(pipe, text, all_=True) if e.event == "PROTEST"]


# -- headline_full_stop (datelines) ------------------------------------------------------------
@pytest.mark.parametrize("text,place", [
    ("Senate Passes the Farm Bill.\n\nDES MOINES, Iowa (AP) — Farmers in the state welcomed the vote.", "DES MOINES"),
    ("Mayor Quits.\n\nTULSA - The mayor of the city resigned on Monday.", "TULSA"),
])
def test_dateline_after_headline_with_full_stop(text, place):
    from tidings.ingest.dateline import find_dateline
    m = find_dateline(text)
    assert m is not None and m.place == place


@pytest.mark.parametrize("text", [
    "A Note to Readers.\n\nUPDATE: 3/4 — The page was changed.",
    "The Senator Speaks.\n\nSen. Jo Reyes (D-Ore.): \"We will vote no.\"",
    "The council met on Monday. It voted.\n\nTULSA - The mayor resigned.",
])
def test_no_dateline_after_full_stop_without_dash_or_headline(text):
    from tidings.ingest.dateline import find_dateline
    assert find_dateline(text) is None


# -- dateline_city -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ("Mayor Opens Park.\n\nNEW YORK (AP) — The mayor opened a park in the Bronx on Monday.", "New York City"),
    ("Vote Count Begins.\n\nRANGOON, Burma - Election officials began counting on Monday.", "Yangon"),
])
def test_dateline_names_the_big_town(pipe, text, name):
    rec = pipe({"id": "t", "text": text, "date": "2016-05-02"})
    assert rec.dateline is not None and rec.dateline.name == name, rec.dateline
