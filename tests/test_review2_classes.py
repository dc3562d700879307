"""Error classes read in a second round on US political and international news (review 2,
2026-12-07): a name's earlier reading reused only where it is one of the mention's own
(reading_in_own), heritage words without a hyphen (heritage_spaced), lists of divisions
(division_list), "Miami-Dade" (county_short_name) and a programme's name in NYT-style quotes.
All sentences are our own."""
from __future__ import annotations

import pytest

from tidings.grounding.timex import tag
from tidings.pipeline import Config, Pipeline


@pytest.fixture(scope="module")
def places_pipe():
    return Pipeline(Config(stages=["entities", "places"]))


def found(pipe, text):
    return [(p.start, p.text, p.name, p.feature) for p in pipe({"id": "t", "text": text}).places]


# -- reading_in_own ----------------------------------------------------------------------------
def test_qualifier_keeps_the_division_after_a_city_reading(places_pipe):
    text = ("A New York lawyer spoke first. Later a teacher from Nyack, New York, said the talk "
            "had moved her.")
    got = [(s, f) for s, t, n, f in found(places_pipe, text) if t == "New York"]
    assert got[-1][1] == "admin1", got


def test_division_cue_keeps_the_state_after_a_city_reading(places_pipe):
    text = "The senator flew to Washington on Monday. On Saturday she won Washington state easily."
    got = [f for s, t, n, f in found(places_pipe, text) if t == "Washington"]
    assert got == ["city", "admin1"], got


# -- heritage_spaced ---------------------------------------------------------------------------
@pytest.mark.parametrize("text,gone", [
    ("The mayor courted African American voters in the suburbs.", "African"),
    ("Polls of Cuban Americans in the county show a split.", "Cuban"),
])
def test_heritage_without_hyphen_first_part_is_no_place(places_pipe, text, gone):
    got = [t for _, t, _, _ in found(places_pipe, text)]
    assert gone not in got, got


def test_spaced_bilateral_compound_keeps_both(places_pipe):
    got = [t for _, t, _, _ in found(places_pipe, "Historians of the Mexican American War met in May.")]
    assert "Mexican" in got


# -- division_list -----------------------------------------------------------------------------
def test_division_list_is_no_town(places_pipe):
    text = "The group bought ads in California, Maryland, Vermont and Ohio last week."
    got = {t: (n, f) for _, t, n, f in found(places_pipe, text)}
    assert got["California"] == ("California", "admin1"), got


def test_abbreviated_division_still_qualifies_a_town(places_pipe):
    got = {t: f for _, t, _, f in found(places_pipe, "She grew up in Florida, N.Y., a village near the river.")}
    assert got["Florida"] == "city", got


# -- county_short_name -------------------------------------------------------------------------
def test_miami_dade_is_the_county(places_pipe):
    got = {t: (n, f) for _, t, n, f in found(places_pipe, "Turnout in Miami-Dade was high on Tuesday.")}
    assert got["Miami-Dade"] == ("Miami-Dade County", "admin2"), got


# -- programme names in doubled apostrophes ----------------------------------------------------
@pytest.mark.parametrize("text", [
    "The governor said on ABC's ''This Week'' that she would sign it.",
    "Later on ''This Week,'' the senator disagreed.",
])
def test_programme_name_in_doubled_apostrophes_is_no_week(text):
    assert not [t for t in tag(text, "2024-06-15") if text[t.start:t.end] == "This Week"]


# -- state_not_local ---------------------------------------------------------------------------
def test_state_named_elsewhere_does_not_make_paris_a_texas_town(places_pipe):
    text = ("Officials said two men were stopped trying to enter Texas from Mexico. After the attacks "
            "in Paris, the governor asked for more patrols.")
    got = {t: c for _, t, c in [(p.start, p.text, p.country_code)
                                for p in places_pipe({"id": "t", "text": text}).places]}
    assert got["Paris"] == "FRA", got


def test_qualified_paris_stays_in_texas(places_pipe):
    rec = places_pipe({"id": "t", "text": "The rodeo in Paris, Texas, drew a crowd on Saturday."})
    assert [p.country_code for p in rec.places if p.text == "Paris"] == ["USA"]
