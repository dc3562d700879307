"""The learned place ranker: its weights file, its features, and readings chosen with the article's
evidence (our own sentences)."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from tidings.grounding.gazetteer import Entry, get_gazetteer, haversine_km, norm
from tidings.grounding.place_ranker import FEATURES, N_FEATURES, DocEvidence, PlaceRanker, entry_features, load_weights
from tidings.pipeline import Config, Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(Config(stages=["entities", "actors", "places"]))


def _place(pipe, text, surface):
    rec = pipe({"id": "t", "text": text})
    found = [p for p in rec.places if p.text == surface]
    assert found, f"{surface!r} not among {[p.text for p in rec.places]}"
    return found[0]


def test_weights_file_matches_the_features_and_records_its_cross_validation():
    data = json.loads(resources.files("tidings.grounding").joinpath("data", "place_ranker.json").read_text())
    assert tuple(data["features"]) == FEATURES
    assert len(load_weights()) == N_FEATURES
    assert 0.0 < data["cv_acc_at_161km"] <= 1.0 and data["cv_folds"] >= 2
    with pytest.raises(ValueError):
        PlaceRanker([1.0, 2.0])


def _town(name, cc, a1, lat, lon, pop):
    return Entry(None, name, "city", cc, a1, lat, lon, pop, [name])


def test_same_country_evidence_outweighs_population():
    big = _town("Kingsbridge", "GBR", "ENG", 51.5, -0.1, 2_000_000)
    small = _town("Kingsbridge", "CAN", "08", 43.0, -81.2, 60_000)
    others = {"ontario": Entry(None, "Ontario", "admin1", "CAN", "08", 49.25, -84.5, 0, ["Ontario"]),
              "windsor": _town("Windsor", "CAN", "08", 42.3, -83.0, 200_000),
              "sarnia": _town("Sarnia", "CAN", "08", 42.97, -82.4, 70_000),
              "canada": Entry(None, "Canada", "country", "CAN", "", 60.1, -113.6, 37_000_000, ["Canada"])}
    ev = DocEvidence.build({**others, "kingsbridge": big}, None)
    ranker = PlaceRanker()
    feats = {e.country: entry_features(e, "kingsbridge", big, [big, small], ev, [], big, norm) for e in (big, small)}
    assert feats["CAN"][FEATURES.index("ctx_country")] > 0 and feats["GBR"][FEATURES.index("ctx_country")] == 0
    assert feats["CAN"][FEATURES.index("within_200km")] == 1.0
    assert ranker.score(feats["CAN"]) > ranker.score(feats["GBR"])
    # without the article's evidence the bigger town wins
    bare = DocEvidence.build({"kingsbridge": big}, None)
    f2 = {e.country: entry_features(e, "kingsbridge", big, [big, small], bare, [], big, norm) for e in (big, small)}
    assert ranker.score(f2["GBR"]) > ranker.score(f2["CAN"])


def test_paris_alone_is_in_france_but_in_texas_beside_texan_towns(pipe):
    p = _place(pipe, "Tourists crowded the museums of Paris on Sunday.", "Paris")
    assert p.country_code == "FRA"
    p = _place(pipe, "A tornado struck Paris, Texas, on Sunday, and sirens also sounded in Sherman and "
                     "Denison, north of Dallas.", "Paris")
    assert p.country_code == "USA"


def test_a_town_beside_its_province_is_read_there(pipe):
    p = _place(pipe, "Police in London, Ontario, said the fire began in a warehouse near the river.", "London")
    assert p.country_code == "CAN"


def test_divisions_use_a_point_inside_them():
    g = get_gazetteer()
    jiangsu = [e for e in g.lookup("Jiangsu") if e.feature == "admin1"][0]
    nanjing = max((e for e in g.lookup("Nanjing") if e.feature == "city"), key=lambda e: e.population)
    # a province's point lies within a few hundred km of its capital, not across the country
    assert haversine_km(jiangsu.lat, jiangsu.lon, nanjing.lat, nanjing.lon) < 300
