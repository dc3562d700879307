"""Names that are other things' names (review 4, 2026-12-07): a speaker's surname before a verb of
speech (speaker_name), a street's name (street_name), an organisation's name before its type word
(org_word_after) and a country's former name (former_country_name). Sentences of our own."""
from __future__ import annotations

import pytest

from tidings.pipeline import Config, Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(Config(stages=["entities", "places"]))


def places(pipe, text):
    rec = pipe({"id": "t", "text": text})
    assert not [e for e in rec.errors if e.stage == "places"], rec.errors
    return rec.places


def towns(pipe, text):
    return [(p.text, p.country_code, p.feature) for p in places(pipe, text)]


# -- speaker_name ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, name", [
    ("\"We will not give up on the plant,\" Sweeny said on Tuesday.", "Sweeny"),
    ("The vote was close, said Harlan, who chairs the county party.", "Harlan"),
])
def test_speaker_surname_is_no_town(pipe, text, name):
    assert not [p for p in places(pipe, text) if p.text == name and p.feature == "city"], towns(pipe, text)


def test_speaker_name_kept_where_the_article_puts_it_after_a_place_preposition(pipe):
    text = "The senator held a rally in Harlan, Ky., on Monday. Harlan said the mine would reopen."
    assert [p for p in places(pipe, text) if p.text == "Harlan"], towns(pipe, text)


def test_big_city_subject_of_say_stays_a_place(pipe):
    text = "Moscow said the sanctions were illegal, and Beijing said nothing."
    got = {p.text for p in places(pipe, text)}
    assert {"Moscow", "Beijing"} <= got, got


# -- street_name -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, word", [
    ("The donors met in an apartment on Park Avenue in Manhattan.", "Park"),
    ("Shops along Main Street closed early before the parade.", "Main"),
    ("Protesters gathered on Enterprise Road before the hearing.", "Enterprise"),
])
def test_street_name_is_no_town(pipe, text, word):
    assert not [p for p in places(pipe, text) if p.text == word], towns(pipe, text)


def test_lower_case_street_word_keeps_the_town(pipe):
    # a lower-case "street" is a common noun: the town stays
    text = "The Paris street protests went on for a week."
    assert "Paris" in {p.text for p in places(pipe, text)}, towns(pipe, text)


# -- org_word_after ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, word", [
    ("A new Monmouth University survey shows the race tightening.", "Monmouth"),
    ("A fellow at the American Enterprise Institute wrote a column on trade.", "Enterprise"),
    ("A Quinnipiac poll released on Thursday put the governor ahead.", "Quinnipiac"),
])
def test_org_word_after_small_town_is_no_town(pipe, text, word):
    assert not [p for p in places(pipe, text) if p.text == word and p.feature == "city"], towns(pipe, text)


def test_org_word_after_keeps_a_state(pipe):
    text = "A new Iowa poll shows the senator ahead among likely caucusgoers."
    got = [p for p in places(pipe, text) if p.text == "Iowa"]
    assert got and got[0].feature == "admin1", towns(pipe, text)


# -- former_country_name -----------------------------------------------------------------------
@pytest.mark.parametrize("text, code", [
    ("He served as ambassador to Zaire in the 1980s.", "COD"),
    ("Her grandparents grew tea in Ceylon before independence.", "LKA"),
])
def test_former_country_name_is_its_successor(pipe, text, code):
    got = [p for p in places(pipe, text) if p.text in ("Zaire", "Ceylon")]
    assert got and got[0].country_code == code and got[0].feature == "country", towns(pipe, text)


def test_demonym_surname_is_no_place(pipe):
    text = "The investor Mark Cuban spoke on Sunday. Cuban said the race was wide open."
    assert not [p for p in places(pipe, text) if p.text == "Cuban"], towns(pipe, text)


def test_demonym_with_article_stays(pipe):
    text = "The Cuban said the embargo had hurt his family in Havana."
    assert [p for p in places(pipe, text) if p.text == "Cuban"], towns(pipe, text)


def test_tagged_place_without_entry_as_speaker_is_dropped(pipe):
    text = "\"We never saw him at night prayers,\" Okonjwe said."
    assert not [p for p in places(pipe, text) if p.text == "Okonjwe"], towns(pipe, text)


def test_street_named_for_a_town_is_not_reported(pipe):
    # "Hertford Road" is no town (its readings only stay evidence for the article's other names)
    text = "Police closed Hertford Road in Enfield after the crash."
    assert not [p for p in places(pipe, text) if p.text == "Hertford"], towns(pipe, text)
