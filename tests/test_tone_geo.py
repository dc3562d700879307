"""Tone (GDELT V2Tone from the VADER lexicon) and geography (ActionGeo, Actor1Geo, Actor2Geo)."""
from __future__ import annotations

import io

import pytest

from tidings.api import ingest
from tidings.export import Filters, export, gdelt
from tidings.grounding import tone as tone_mod
from tidings.model import ArticleInput
from tidings.store import Store


def test_lexicon_comes_from_vader_package():
    lex = tone_mod.lexicon()
    assert len(lex) > 7000
    assert lex["peace"] > 0 > lex["war"]
    assert tone_mod.valence("killed") < 0 and tone_mod.valence("talks", "talk") >= 0


def test_tone_figures(pipeline):
    good = pipeline("The two leaders praised the friendly talks and welcomed a generous peace agreement.",
                    id="g", date="2024-03-01")
    bad = pipeline("Gunmen killed twelve villagers and wounded dozens in a brutal attack, we heard.",
                   id="b", date="2024-03-01")
    g, b = good.tone, bad.tone
    assert g is not None and b is not None
    assert g.tone > 0 > b.tone
    assert g.positive > 0 and b.negative > 0
    for t in (g, b):
        assert t.polarity == pytest.approx(t.positive + t.negative)
        assert t.tone == pytest.approx(t.positive - t.negative)
        assert t.words == sum(1 for w in (good if t is g else bad).text.split() if any(c.isalpha() for c in w))
        assert t.activity > 0 and t.rule == tone_mod.RULE
    assert b.self_group > 0 == g.self_group       # "we" is a self/group reference
    data = bad.model_dump()
    assert set(data["tone"]) == {"tone", "positive", "negative", "polarity", "activity", "self_group", "words",
                                 "rule"}


def test_empty_article_has_no_tone(pipeline):
    assert pipeline("", id="e").tone is None


@pytest.mark.parametrize("text, actor, place, feature", [
    ("Tbilisi police arrested dozens of opposition protesters on Sunday.", "Tbilisi police", "Tbilisi", "city"),
    ("Protesters in Kyiv denounced the Russian government on Friday.", "Protesters", "Kyiv", "city"),
    ("The mayor of Odessa met Turkish officials in Ankara on Monday.", "The mayor", "Odesa", "city"),
    ("Georgian police detained two journalists near the border.", "Georgian police", "Georgia", "country"),
])
def test_place_tied_to_actor_mention(pipeline, text, actor, place, feature):
    rec = pipeline(text, id="p", date="2024-05-01")
    ev = rec.events[0]
    assert ev.actor[0].text == actor
    assert ev.actor_loc is not None and (ev.actor_loc.name, ev.actor_loc.feature) == (place, feature)
    loc = ev.actor_loc
    assert rec.text[loc.start:loc.end] == loc.text


def test_no_place_tied_to_a_bare_actor(pipeline):
    rec = pipeline("The ministry condemned the strike on Tuesday, officials in the capital said.", id="n",
                   date="2024-05-01")
    for ev in rec.events:
        assert ev.actor_loc is None


def test_event_place_from_the_trigger_clause(pipeline):
    rec = pipeline("Turkish officials met the mayor of Odessa in Ankara on Monday.", id="c", date="2024-05-01")
    ev = rec.events[0]
    assert ev.event_loc is not None and ev.event_loc.name == "Ankara"
    assert ev.recipient_loc is not None and ev.recipient_loc.name == "Odesa"


ARTICLES = [
    {"id": "geo1", "date": "2024-05-05",
     "text": "TBILISI, Georgia (AP) — Tbilisi police arrested dozens of opposition protesters on Sunday, "
             "a brutal crackdown that the opposition condemned."},
    {"id": "geo2", "date": "2024-05-06",
     "text": "Turkish officials met the mayor of Odessa in Ankara on Monday and praised the friendly talks."},
]


@pytest.fixture(scope="module")
def tone_store(tmp_path_factory):
    st = Store(tmp_path_factory.mktemp("tone") / "t.duckdb")
    ingest([ArticleInput(**a) for a in ARTICLES], st)
    yield st
    st.close()


def test_tone_is_stored(tone_store):
    rows = tone_store.sql("SELECT id, tone, tone_positive, tone_negative, tone_polarity, tone_activity, "
                          "tone_self_group, tone_words FROM articles ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["geo1", "geo2"]
    assert rows[0][1] < 0 < rows[1][1]
    assert all(r[7] > 10 for r in rows)


def test_gdelt_rows_carry_tone_and_geography(tone_store, tmp_path):
    buf = io.StringIO()
    export(tone_store, "gdelt", buf, Filters())
    path = tmp_path / "e.tsv"
    path.write_text(buf.getvalue())
    df = gdelt.read(path)
    assert len(df) >= 2
    tones = dict(tone_store.sql("SELECT id, tone FROM articles").fetchall())
    arrest = df[df.EventRootCode == "17"].iloc[0]
    assert arrest.AvgTone == pytest.approx(tones["geo1"], abs=1e-4)
    assert (arrest.Actor1Geo_Type, arrest.Actor1Geo_CountryCode) == (4, "GG")      # Tbilisi: a world city
    assert arrest.Actor1Geo_FullName.startswith("Tbilisi") and arrest.Actor1Geo_FeatureID.isdigit()
    # no place in the clause: the dateline (Tbilisi)
    assert arrest.ActionGeo_Type == 4 and arrest.ActionGeo_FullName.startswith("Tbilisi")
    meet = df[df.EventRootCode == "04"].iloc[0]
    assert meet.AvgTone == pytest.approx(tones["geo2"], abs=1e-4) and meet.AvgTone > 0
    assert meet.ActionGeo_FullName.startswith("Ankara") and meet.ActionGeo_CountryCode == "TU"
    assert (meet.Actor1Geo_Type, meet.Actor1Geo_CountryCode) == (1, "TU")         # Turkish: the country
    assert meet.Actor2Geo_FullName.startswith("Odesa") and meet.Actor2Geo_CountryCode == "UP"
    m = io.StringIO()
    export(tone_store, "gdelt-mentions", m, Filters())
    doc_tones = {float(line.split("\t")[13]) for line in m.getvalue().splitlines()}
    assert doc_tones <= {round(t, 6) for t in tones.values()} and len(doc_tones) == 2
