"""Actor KB and resolver: exact/alias/fuzzy names, composition, metonymy, dated roles, user files."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tidings.actors import get_resolver
from tidings.actors.kb import norm, parse_kb_date
from tidings.actors.loading import build_kb
from tidings.actors.resolver import Resolver

D = dt.date


@pytest.fixture(scope="module")
def r() -> Resolver:
    return get_resolver()


def code(r, text, date=None):
    a = r.resolve_text(text, date)
    return None if a is None else (a.code, a.sector)


def test_kb_breadth(r):
    s = r.kb.stats()
    assert s["country"] >= 240
    assert s["person"] >= 400
    assert s["igo"] >= 50 and s["group"] >= 60
    assert s["agent nouns"] >= 300
    # every country has an ISO3 code and a CAMEO code
    for e in r.kb.entries.values():
        if e.kind == "country":
            assert e.code and len(e.code) == 3 and e.cameo == e.code


def test_people_dates_are_consistent(r):
    for e in r.kb.entries.values():
        for p in e.periods:
            if p.start and p.end:
                assert p.start <= p.end, (e.name, p)
            assert p.code, (e.name, p)


def test_norm_and_dates():
    assert norm("the U.S.") == "us"
    assert norm("Côte d’Ivoire") == "cote divoire"
    assert norm("Pakistan's") == "pakistan"
    assert parse_kb_date("2024-03") == D(2024, 3, 1)
    assert parse_kb_date("2024-02", end=True) == D(2024, 2, 29)
    assert parse_kb_date("080801") == D(2008, 8, 1)
    assert parse_kb_date("19970123") == D(1997, 1, 23)


@pytest.mark.parametrize("text,expected", [
    ("Pakistan", ("PAK", None)),
    ("the Ivory Coast", ("CIV", None)),
    ("Afghans", ("AFG", None)),
    ("U.S.", ("USA", None)),
    ("UN", ("IGO", None)),
    ("NATO", ("IGO", None)),
    ("the World Bank", ("IGO", None)),
    ("Amnesty International", ("NGO", None)),
    ("Hezbollah", ("LBN", "REB")),
    ("al-Shabaab", ("SOM", "REB")),
    ("Boko Haram", ("NGA", "REB")),
    ("IS-K", ("AFG", "RAD")),
    ("the PKK", ("TUR", "REB")),
    ("Houthi rebels", ("YEM", "REB")),
])
def test_names_and_aliases(r, text, expected):
    assert code(r, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Washington", ("USA", "GOV")),
    ("Beijing", ("CHN", "GOV")),
    ("the Kremlin", ("RUS", "GOV")),
    ("the White House", ("USA", "GOV")),
    ("Downing Street", ("GBR", "GOV")),
    ("Foggy Bottom", ("USA", "GOV")),
    ("the Pentagon", ("USA", "MIL")),
    ("Kabul", ("AFG", "GOV")),
])
def test_metonyms(r, text, expected):
    a = r.resolve_text(text, D(2023, 5, 2))
    assert (a.code, a.sector) == expected
    assert "metonym" in a.why


@pytest.mark.parametrize("text,expected", [
    ("Pakistani officials", ("PAK", "GOV")),
    ("the Indian embassy in Kabul", ("IND", "GOV")),
    ("Russian-led peacekeeping troops", ("RUS", "MIL")),
    ("the Tehran government", ("IRN", "GOV")),
    ("Egyptian police", ("EGY", "COP")),
    ("Sudanese rebels", ("SDN", "REB")),
    ("Kenyan lawmakers", ("KEN", "LEG")),
    ("the Brazilian supreme court", ("BRA", "JUD")),
    ("Syrian refugees", ("SYR", "REF")),
    ("Turkish protesters", ("TUR", "OPP")),
    ("the prime minister of Japan", ("JPN", "GOV")),
    ("an anti-Israel protester", (None, "OPP")),
])
def test_composition(r, text, expected):
    assert code(r, text, D(2022, 1, 10)) == expected


def test_persons_are_dated(r):
    # the same name, different dates → different codes
    assert code(r, "Imran Khan", D(2020, 1, 1)) == ("PAK", "GOV")
    assert code(r, "Imran Khan", D(2024, 1, 1)) == ("PAK", "OPP")
    assert code(r, "Shehbaz Sharif", D(2023, 1, 1)) == ("PAK", "GOV")
    assert code(r, "Shehbaz Sharif", D(2024, 1, 1)) == ("PAK", "PTY")    # between his two terms
    assert code(r, "Shehbaz Sharif", D(2024, 6, 1)) == ("PAK", "GOV")
    a = r.resolve_text("Ishaq Dar", D(2024, 5, 1))
    assert a.role == "foreign minister" and a.cameo == "PAKGOV"
    a = r.resolve_text("Ishaq Dar", D(2015, 5, 1))
    assert a.role == "finance minister"
    a = r.resolve_text("Antony Blinken", D(2022, 3, 3))
    assert (a.code, a.sector, a.role) == ("USA", "GOV", "secretary of state")
    a = r.resolve_text("Antony Blinken", D(2025, 6, 1))
    assert a.sector == "ELI" and a.role.startswith("former")
    assert code(r, "Jens Stoltenberg", D(2020, 1, 1)) == ("IGO", None)
    assert code(r, "Jens Stoltenberg", D(2010, 1, 1)) == ("NOR", "GOV")


def test_groups_are_dated(r):
    assert code(r, "the Taliban", D(2019, 5, 5)) == ("AFG", "REB")
    assert code(r, "the Taliban", D(2021, 8, 15)) == ("AFG", "GOV")
    assert code(r, "the Taliban", D(1999, 1, 1)) == ("AFG", "GOV")
    assert code(r, "the Taliban", D(2005, 1, 1)) == ("AFG", "REB")


def test_former_office(r):
    a = r.resolve_text("former prime minister Imran Khan", D(2024, 2, 2))
    assert (a.code, a.sector) == ("PAK", "OPP")
    a = r.resolve_text("a former Nigerian minister", D(2024, 2, 2))
    assert (a.code, a.sector) == ("NGA", "ELI")


def test_title_picks_role_and_composition_with_person(r):
    a = r.resolve_text("Indian External Affairs Minister Subrahmanyam Jaishankar", D(2023, 1, 1))
    assert a.code == "IND" and a.role == "external affairs minister" and a.kb_id.startswith("per:")


def test_undated_person_uses_most_notable_role(r):
    a = r.resolve_text("Vladimir Putin")
    assert (a.code, a.sector, a.role) == ("RUS", "GOV", "president")


def test_fuzzy_misspelling(r):
    a = r.resolve_text("Prime Minister Nouri al-Malikki", D(2008, 1, 1))
    assert a is not None and (a.code, a.sector) == ("IRQ", "GOV") and "fuzzy" in a.why


def test_unknown(r):
    assert r.resolve_text("the weather") is None
    assert r.resolve_text("Zzyzx Qwerty") is None


def test_user_files_override_and_extend(tmp_path):
    people = tmp_path / "people.jsonl"
    people.write_text(json.dumps({"name": "Amina Okafor-Lind", "aliases": ["Dr Okafor-Lind"],
                                  "roles": [{"country": "NGA", "sector": "GOV", "role": "health minister",
                                             "start": "2030-01-01", "end": None}]}) + "\n", encoding="utf-8")
    groups = tmp_path / "groups.yaml"
    groups.write_text("- {id: grp:redhand, name: Red Hand Brigade, aliases: [RHB], code: BOL, sector: REB}\n",
                      encoding="utf-8")
    countries_override = tmp_path / "seats.yaml"
    countries_override.write_text("- {iso3: NGA, iso2: NG, name: Nigeria, seats: [Aso Villa]}\n", encoding="utf-8")
    kb = build_kb([people, groups, countries_override])
    res = Resolver(kb)
    a = res.resolve_text("Amina Okafor-Lind", D(2031, 2, 2))
    assert (a.code, a.sector, a.role) == ("NGA", "GOV", "health minister")
    assert res.resolve_text("the RHB").cameo == "BOLREB"
    assert (res.resolve_text("Aso Villa").code, res.resolve_text("Aso Villa").sector) == ("NGA", "GOV")
    # a user file naming an existing person again overrides the built-in entry
    p2 = tmp_path / "people.csv"
    p2.write_text("name,aliases,country,sector,role,start,end,note\nImran Khan,,PAK,REB,test role,2024-01-01,,\n",
                  encoding="utf-8")
    res2 = Resolver(build_kb([p2]))
    assert res2.resolve_text("Imran Khan", D(2024, 6, 1)).sector == "REB"


def test_title_in_text_picks_the_office_when_undated(r):
    assert r.resolve_text("President Vojislav Kostunica").role == "president"
    assert r.resolve_text("Prime Minister Vojislav Kostunica").role == "prime minister"
    assert r.resolve_text("Defence Minister Ehud Barak").role == "defence minister"


def test_national_bodies(r):
    assert code(r, "the FBI") == ("USA", "COP")
    assert code(r, "the Knesset") == ("ISR", "LEG")
    assert code(r, "the ISI") == ("PAK", "SPY")
    assert code(r, "Israeli troops") == ("ISR", "MIL")


def test_common_words_are_not_names(r):
    assert r.resolve_text("at dawn") is None          # not the newspaper Dawn
    assert r.resolve_text("Dawn").code == "PAK"
    assert r.resolve_text("us") is None               # the pronoun, not the US


def test_proxy_and_attitude_modifiers(r):
    # the sponsor is not the actor's country; the leader of a coalition is
    assert code(r, "Iran-backed militias") == (None, "MIL")
    assert code(r, "Russian-backed separatists") == (None, "REB")
    assert code(r, "US-led coalition forces") == ("USA", "MIL")
    assert code(r, "anti-government protesters in Kenya") == ("KEN", "OPP")


def test_bad_user_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        build_kb([tmp_path / "missing.yaml"])
    bad = tmp_path / "groups.yaml"
    bad.write_text("- {name: No Code Group, aliases: [oops]\n", encoding="utf-8")   # broken YAML
    with pytest.raises(ValueError, match="actor KB file"):
        build_kb([bad])


def test_states_that_did_not_exist_yet(r):
    assert r.resolve_text("Juba", D(2005, 1, 1)).code == "SDN"
    assert r.resolve_text("Juba", D(2015, 1, 1)).code == "SSD"
    assert r.resolve_text("Kosovo", D(1999, 3, 1)).code == "SRB"
    assert r.resolve_text("Kosovo").code == "XKX"
