"""tidings.nlp.text: the one date parser, name key and inflection helpers, and what they guard."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from tidings.nlp.text import (MAX_DATE, MIN_DATE, base_forms, inflections, name_key, parse_date, plural)


# ---- dates ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [
    ("2021-03-04", dt.date(2021, 3, 4)),
    ("  2021-03-04T10:20:00Z", dt.date(2021, 3, 4)),      # a datetime gives its date
    ("2021-03-04 and more", dt.date(2021, 3, 4)),
    ("20210304", dt.date(2021, 3, 4)),
    ("20210304T1020", None),                               # no word boundary after the basic form
    ("2021-02-30", None),
    ("2021-03", None),                                     # partial dates only with partial=True
    ("March 4, 2021", None),
    ("", None),
    (None, None),
    (dt.date(2021, 3, 4), dt.date(2021, 3, 4)),
])
def test_parse_date_publication_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value, end, expected", [
    ("1990", False, dt.date(1990, 1, 1)),
    ("1990", True, dt.date(1990, 12, 31)),
    ("1990-02", False, dt.date(1990, 2, 1)),
    ("1992-02", True, dt.date(1992, 2, 29)),
    ("1990-12", True, dt.date(1990, 12, 31)),
    (" 1990-05-17 ", False, dt.date(1990, 5, 17)),
    ("19900517", False, dt.date(1990, 5, 17)),
    ("900517", False, dt.date(1990, 5, 17)),                # PETRARCH YYMMDD: 40-99 are 19xx
    ("150517", False, dt.date(2015, 5, 17)),
    ("1990-05-17T00:00", False, None),                     # partial dates are whole strings
    ("1990-13", False, None),
])
def test_parse_date_partial(value, end, expected):
    assert parse_date(value, partial=True, end=end) == expected


@pytest.mark.parametrize("value", ["9999-12-31", "9000-01-01", "0001-01-01", "0999-12-31", "99991231",
                                   dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_parse_date_refuses_dates_the_stages_cannot_compute_with(value):
    assert parse_date(value) is None
    assert parse_date(value, partial=True) is None


def test_parse_date_range_bounds_are_inclusive():
    assert parse_date(MIN_DATE.isoformat()) == MIN_DATE
    assert parse_date(MAX_DATE.isoformat()) == MAX_DATE
    assert parse_date("8999", partial=True, end=True) == MAX_DATE
    # the stages' arithmetic has room at both ends: a century of days or weeks either way
    for d in (MIN_DATE, MAX_DATE):
        assert d - dt.timedelta(days=36_600) and d + dt.timedelta(days=36_600)


def test_kb_and_export_use_the_one_parser():
    from tidings.actors.kb import parse_kb_date
    from tidings.export.common import as_filter_date

    assert parse_kb_date("2003-04", end=True) == dt.date(2003, 4, 30)
    assert parse_kb_date("9999-12-31") is None          # an open end, as a missing one
    assert as_filter_date("2020-05-01T00:00:00") == dt.date(2020, 5, 1)
    with pytest.raises(ValueError):
        as_filter_date("yesterday")


def _random_date_strings(n: int, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    edge = ["9999-12-31", "0001-01-01", "0000-00-00", "9999-99-99", "1000-01-01", "8999-12-31", "9000-01-01",
            "0999-12-31", "2020-02-29", "2021-02-29", "99991231", "00010101", "2020-1-1", "2020/01/01",
            "31-12-2020", "  2020-01-05", "2020-01-05T25:61:00", "+2020-01-05", "-0001-01-01", "２０２０-01-01",
            "2020-01-05\x00", "1e309", "NaN", "null", "", " ", "9" * 40, "2020-W01-1", "Monday"]
    out = list(edge)
    while len(out) < n:
        kind = rnd.random()
        if kind < 0.4:
            out.append(f"{rnd.randint(0, 9999):04d}-{rnd.randint(0, 13):02d}-{rnd.randint(0, 32):02d}")
        elif kind < 0.6:
            out.append(f"{rnd.randint(0, 9999):04d}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}")
        elif kind < 0.8:
            y = rnd.choice([1, 2, 999, 1000, 1969, 2024, 8999, 9000, 9998, 9999])
            out.append(f"{y:04d}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T12:00:00Z")
        else:
            out.append("".join(rnd.choice("0123456789-T:Z /") for _ in range(rnd.randint(1, 14))))
    return out


def test_fuzzed_publication_dates_never_break_a_stage():
    """A few hundred random and edge date strings through tidings.extract: one record per id, no
    stage fails with OverflowError, and a date parse_date refuses gets the usual ingest error."""
    import tidings

    text = ("The minister said on Monday that talks would resume tomorrow, next week and in two years; "
            "a decade ago the same talks had failed, 30 days before the vote.")
    dates = _random_date_strings(300)
    seen = []
    for i, d in enumerate(dates):
        rec = tidings.extract({"id": f"d{i}", "text": text, "date": d})
        seen.append(rec.id)
        assert not [e for e in rec.errors if "OverflowError" in e.message], (d, rec.errors)
        assert not [e for e in rec.errors if e.stage not in ("ingest",)], (d, rec.errors)
        unparseable = [e for e in rec.errors if e.stage == "ingest" and "unparseable date" in e.message]
        if d.strip():
            assert bool(unparseable) == (parse_date(d) is None), (d, rec.errors)
    assert seen == [f"d{i}" for i in range(len(dates))]


# ---- names ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, loose, strict", [
    ("The United States", "united states", "united states"),
    ("Côte d’Ivoire", "cote d'ivoire", "cote divoire"),
    ("Bosnia-Herzegovina", "bosnia herzegovina", "bosnia herzegovina"),
    ("U.S. Senate's", "us senate's", "us senate"),
    ("São  Tomé", "sao tome", "sao tome"),
    ("AT&T / Verizon", "at&t / verizon", "at&t verizon"),
])
def test_name_key(name, loose, strict):
    assert name_key(name) == loose
    assert name_key(name, punctuation=True) == strict


def test_kb_and_gazetteer_keys_are_name_key():
    from tidings.actors.kb import norm as kb_norm
    from tidings.grounding.gazetteer import norm as gaz_norm

    for s in ("The Hague", "Côte d’Ivoire", "Nizhny-Novgorod", "Hamas's"):
        assert kb_norm(s) == name_key(s, punctuation=True)
        assert gaz_norm(s) == name_key(s)


# ---- inflections ------------------------------------------------------------------------------------
def test_plural():
    assert [plural(w) for w in ("party", "day", "coach", "boss", "box", "chairman", "leader")] == \
        ["parties", "days", "coaches", "bosses", "boxes", "chairmen", "leaders"]


def test_base_forms():
    assert base_forms("parties") == ["party"]
    assert base_forms("talks") == ["talk"]
    assert base_forms("press") == [] and base_forms("gas") == []
    assert base_forms("staged", "VBD") == ["stage", "stag", "stag"]
    assert "plan" in base_forms("planned", "VBN") and "try" in base_forms("tried", "VBD")
    assert base_forms("closing", "VBG") == ["clos", "close"]
    assert base_forms("carries", "VBZ") == ["carrie", "carri", "carry"]
    assert base_forms("talks", "NNS") == []


def test_inflections_of_a_plural_include_its_singular():
    forms = inflections("talks")
    assert {"talk", "talked", "talking", "talks"} <= forms
    assert {"went", "gone"} <= inflections("go", {"go": {"went", "gone"}})
