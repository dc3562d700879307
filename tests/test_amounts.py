"""The amounts layer: money, percentages, counts of people (own sentences, real spaCy parse)."""
from __future__ import annotations

import pytest

import tidings
from tidings.grounding.amounts import get_finder, quantity_spans
from tidings.pipeline import Config


@pytest.fixture(scope="module")
def amounts():
    cfg = Config(stages=["entities", "times", "amounts"])

    def run(text, date="2024-06-15"):
        rec = tidings.extract({"id": "a", "text": text, "date": date}, config=cfg)
        assert not rec.errors, rec.errors
        for a in rec.amounts:
            assert text[a.start:a.end] == a.text
        return rec.amounts

    return run


@pytest.mark.parametrize("text,value,unit", [
    ("The loan is worth $12 billion.", 12e9, "USD"),
    ("The port deal is worth US$ 3.5bn.", 3.5e9, "USD"),
    ("Brussels approved €300 million for the program.", 300e6, "EUR"),
    ("London pledged £45m to the fund.", 45e6, "GBP"),
    ("Beijing offered 20 billion yuan in credit.", 20e9, "CNY"),
    ("Tokyo set aside ¥800 billion.", 800e9, "JPY"),
    ("The scheme costs 500 crore rupees.", 5e9, "INR"),
    ("The council raised 4,500 dollars.", 4500, "USD"),
    ("Moscow spent five million roubles.", 5e6, "RUB"),
])
def test_money_values_and_currencies(text, value, unit):
    qs = [q for q in get_finder().find(text) if q.kind == "money"]
    assert len(qs) == 1, qs
    assert qs[0].value == pytest.approx(value)
    assert qs[0].unit == unit


def test_rupee_follows_the_country_of_the_story():
    text = "Lahore officials said the Pakistani budget adds Rs 5bn for schools."
    q = [q for q in get_finder().find(text) if q.kind == "money"][0]
    assert (q.unit, q.value) == ("PKR", 5e9)
    text = "Mumbai officials said the Indian budget adds Rs 5bn for schools."
    assert [q for q in get_finder().find(text) if q.kind == "money"][0].unit == "INR"


def test_percent_and_approx():
    qs = get_finder().find("Turnout was nearly 48.5 percent, up three per cent and 2 percentage points.")
    got = [(q.value, q.unit, q.approx) for q in qs]
    assert got == [(48.5, "percent", True), (3.0, "percent", False), (2.0, "percentage points", False)]


def test_money_about_follows_the_parse(amounts):
    a = amounts("Farmers want to expand bilateral trade in rice and cotton, which the chamber says "
                "totals about $7 billion a year.")
    money = [x for x in a if x.kind == "money"][0]
    assert money.value == 7e9 and money.approx and money.text == "about $7 billion"
    assert money.about == "bilateral trade in rice and cotton"
    a = amounts("The donors promised $2.4 billion in reconstruction aid.")
    assert [x.about for x in a if x.kind == "money"] == ["reconstruction aid"]
    a = amounts("Tourism revenue reached $900 million in May.")
    assert [x.about for x in a if x.kind == "money"] == ["Tourism revenue"]


@pytest.mark.parametrize("text,kind,value,approx", [
    ("At least 9 people were killed in the blast.", "dead", 9, True),
    ("The strike killed eleven civilians near the market.", "dead", 11, False),
    ("Four soldiers were wounded in the ambush.", "injured", 4, False),
    ("Police arrested 23 protesters outside parliament.", "arrested", 23, False),
    ("Dozens of activists were detained overnight.", "arrested", 24, True),
    ("Nearly 3,000 troops were deployed to the border.", "troops", 3000, True),
    ("Some 40,000 refugees crossed into the valley.", "people", 40000, True),
])
def test_counts_of_people(amounts, text, kind, value, approx):
    got = [a for a in amounts(text) if a.kind not in ("money", "percent")]
    assert len(got) == 1, got
    assert (got[0].kind, got[0].value, got[0].approx) == (kind, value, approx)


def test_casualties_in_one_sentence(amounts):
    got = {a.kind: a.value for a in amounts("Six people died and 14 others were injured when the bridge collapsed.")}
    assert got == {"dead": 6, "injured": 14}


def test_things_are_not_arrested_and_weights_are_not_money(amounts):
    assert amounts("The skater captured four medals at the games.") == []
    assert [a for a in amounts("Farmers grew 859 million pounds of potatoes.") if a.kind == "money"] == []


def test_no_counts_from_years_dates_or_plain_numbers(amounts):
    got = amounts("In 2019, the 3 diplomats met on June 4 for 2 hours and approved plan 7.")
    assert [(a.text, a.kind, a.value) for a in got] == [("3 diplomats", "people", 3)]


@pytest.mark.parametrize("text,expected", [
    ("Hundreds were arrested after the march.", [("arrested", 200)]),
    ("The shelling left 12 dead and 30 wounded.", [("dead", 12), ("injured", 30)]),
    ("Gunmen killed 12 and wounded 30 at the checkpoint.", [("dead", 12), ("injured", 30)]),
    ("The bodies of 40 migrants were recovered.", [("dead", 40)]),
    ("The bombing claimed 15 lives.", [("dead", 15)]),
    ("The death toll rose to 31 on Sunday.", [("dead", 31)]),
    ("More than 300 people have been detained since Monday.", [("arrested", 300)]),
    ("Tens of thousands of workers marched through the capital.", [("people", 20000)]),
    ("The riots left 5 shopkeepers dead and 20 injured.", [("dead", 5), ("injured", 20)]),
    ("Twenty-five students were taken into custody.", [("arrested", 25)]),
    ("Three firefighters were among the dead.", [("dead", 3)]),
    ("A total of 17 miners lost their lives.", [("dead", 17)]),
    ("Some 300 delegates were in the hall.", [("people", 300)]),
    ("Some 2.5 million refugees fled the fighting.", [("people", 2.5e6)]),
    ("Officials said 20 villagers were killed or wounded.", [("people", 20)]),
    ("Nearly 5 lakh pilgrims attended.", [("people", 5e5)]),
])
def test_casualty_and_arrest_figures(amounts, text, expected):
    got = [(a.kind, a.value) for a in amounts(text) if a.kind not in ("money", "percent")]
    assert got == expected


@pytest.mark.parametrize("text,value,unit,approx", [
    ("It will cost $3-4 billion.", 3e9, "USD", True),
    ("The outlay is Rs 1.5 lakh crore.", 1.5e12, "INR", False),
    ("He paid half a million dollars.", 5e5, "USD", False),
])
def test_money_ranges_and_compound_magnitudes(text, value, unit, approx):
    q = [q for q in get_finder().find(text) if q.kind == "money"][0]
    assert (q.value, q.unit, q.approx) == (pytest.approx(value), unit, approx)


def test_quantity_spans_feed_the_times_exclusion():
    text = "Exports reached $2,024 million, up 15 percent."
    spans = quantity_spans(text)
    assert [text[s:e] for s, e in spans] == ["$2,024 million", "15 percent"]


def test_records_with_times_and_amounts_meet_the_contract(amounts, validate_record):
    text = ("KABUL: At least 9 people were killed on Friday when a bomb hit a market, and police "
            "detained 4 suspects. Donors pledged $1.2 billion in aid last year, about 15 percent more.")
    rec = tidings.extract({"id": "c", "text": text, "date": "2024-06-15"},
                          config=Config(stages=["entities", "times", "amounts"]))
    assert {a.kind for a in rec.amounts} == {"dead", "arrested", "money", "percent"}
    validate_record(rec)
