"""Ranking the gazetteer readings of a toponym with the article's other evidence.

Each candidate entry of a name gets a small feature vector (:func:`entry_features`): its feature
class, log population, whether it is a national capital, whether the article's other places,
the dateline or an explicit qualifier ("Glasgow, Ky.") share its country or first-level
division, its distance to the article's other places, and whether the name matched its primary
name or only an alternate one. The reading with the highest ``w · x`` wins.

The weights ``w`` are learned, not set by hand: ``tools/train_place_ranker.py`` fits a pairwise
logistic regression (right reading minus wrong reading of the same toponym) on a gold set of
geocoded news (scikit-learn at build time only) and writes them to
``grounding/data/place_ranker.json`` with the cross-validated figures. At run time scoring is a
dot product in plain Python.
"""
from __future__ import annotations

import difflib
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional, Sequence

from .gazetteer import Entry

FEATURES = (
    "country", "continent", "region", "admin1", "admin1_weak", "admin2", "city",
    "city_log_pop",          # log10(population) / 6 for towns
    "capital",               # a national capital
    "capital_vs_division",   # a capital whose name is also a division's ("Washington")
    "ctx_country",           # log(1 + other names of the article in the same country)
    "ctx_top_country",       # in the country the article names most
    "dateline_country",      # in the dateline's country
    "ctx_admin1",            # a town or county in a division the article names
    "qual_country",          # "Paris, Texas" / "London, Ontario": the qualifier's country ...
    "qual_admin1",           # ... or division
    "primary_name",          # matched the entry's own name, not an alternate one
    "near_ctx",              # 1 - log10(1 + km to the nearest other place) / 4 (0 without any)
    "within_200km",          # another place of the article within 200 km
    "biggest_town",          # the most populous town among the readings
    "context_free_best",     # the reading a gazetteer ranking alone would pick
    "ctx_country_share",     # share of the article's other (country-bearing) names in its country
    "pop_ratio",             # log10(population / the largest reading's population) / 3, towns
    "rule_score",            # the earlier hand-set ranking (feature rank, log population and
                             # bonuses for the article's countries, divisions, dateline, qualifier) / 100
)
N_FEATURES = len(FEATURES)
_IDX = {n: i for i, n in enumerate(FEATURES)}


@dataclass
class DocEvidence:
    """What the article says about where it is: per distinct name, its context-free reading."""

    readings: dict[str, Entry] = field(default_factory=dict)   # normalised name → reading
    countries: dict[str, int] = field(default_factory=dict)    # ISO3 → names read there
    admin1: dict[tuple, int] = field(default_factory=dict)     # (ISO3, admin1) → divisions named
    top_country: Optional[str] = None
    dateline_country: Optional[str] = None
    dateline_admin1: Optional[tuple] = None
    #: (ISO3, admin1) → the names read as towns or counties there (rule ``state_not_local``)
    admin1_towns: dict[tuple, set] = field(default_factory=dict)
    #: (name, lat and lon in radians, cos lat) of the readings with a point, continents and
    #: regions left out (their points say little about where a town is)
    points: list = field(default_factory=list)
    #: the same for the towns and counties that place an article locally: not national
    #: capitals, not towns of a million or more (named in any article), not countries or
    #: divisions (their points are the middle of a large area)
    anchors: list = field(default_factory=list)

    @classmethod
    def build(cls, readings: dict[str, Entry], dateline_country: Optional[str],
              dateline_admin1: Optional[tuple] = None) -> "DocEvidence":
        ev = cls(dict(readings), dateline_country=dateline_country, dateline_admin1=dateline_admin1)
        for e in readings.values():
            if e.country:
                ev.countries[e.country] = ev.countries.get(e.country, 0) + 1
            if e.feature == "admin1":
                ev.admin1[(e.country, e.admin1)] = ev.admin1.get((e.country, e.admin1), 0) + 1
        if dateline_admin1 is not None:
            # rule dateline_state: the dateline's town names its division ("DES MOINES —": Iowa)
            ev.admin1[dateline_admin1] = ev.admin1.get(dateline_admin1, 0) + 1
        for k, e in readings.items():
            if e.feature in ("city", "admin2") and e.admin1:
                ev.admin1_towns.setdefault((e.country, e.admin1), set()).add(k)
            if e.lat is not None and e.feature not in ("continent", "region", "water"):
                la, lo = math.radians(e.lat), math.radians(e.lon)
                ev.points.append((k, la, lo, math.cos(la)))
                if (e.feature == "admin2" or (e.feature == "city" and not e.capital and e.population < 1_000_000)):
                    ev.anchors.append((k, la, lo, math.cos(la)))
        if ev.countries:
            best = max(ev.countries.values())
            tops = [c for c, n in ev.countries.items() if n == best]
            ev.top_country = tops[0] if len(tops) == 1 else None
        return ev


def entry_features(e: Entry, key: str, own: Optional[Entry], entries: Sequence[Entry], ev: DocEvidence,
                   qualifiers: Sequence[Entry], context_free: Optional[Entry], norm) -> list[float]:
    """The feature vector of reading ``e`` of the name ``key`` (``own``: that name's own
    context-free reading, left out of the article's evidence so a name does not vote for itself)."""
    x = [0.0] * N_FEATURES
    f = e.feature
    if f == "country":
        x[0] = 1
    elif f == "continent":
        x[1] = 1
    elif f in ("region", "water"):
        x[2] = 1
    elif f == "admin1":
        x[3 if e.population >= 0 else 4] = 1
    elif f == "admin2":
        x[5] = 1
    else:
        x[6] = 1
        x[7] = math.log10(max(e.population, 1)) / 6
    if e.capital:
        x[8] = 1
        if any(o.feature == "admin1" for o in entries):
            x[9] = 1
    if e.country:
        n_c = ev.countries.get(e.country, 0) - (1 if own is not None and own.country == e.country else 0)
        x[10] = math.log1p(max(n_c, 0))
        x[11] = 1.0 if e.country == ev.top_country and n_c > 0 else 0.0
        x[12] = 1.0 if e.country == ev.dateline_country else 0.0
        if f in ("city", "admin2"):
            n_a = ev.admin1.get((e.country, e.admin1), 0) - (
                1 if own is not None and own.feature == "admin1" and (own.country, own.admin1) == (e.country, e.admin1) else 0)
            x[13] = 1.0 if n_a > 0 and e.admin1 else 0.0
    for q in qualifiers:
        if q.feature == "country" and e.country == q.country:
            x[14] = 1
        if q.feature == "admin1" and e.country == q.country and e.admin1 and e.admin1 == q.admin1:
            x[15] = 1
    x[16] = 1.0 if norm(e.name) == key else 0.0
    if e.lat is not None and ev.points:
        # the great-circle distance to the nearest other place (haversine, inlined: this loop
        # runs for every reading of every name)
        la, lo = math.radians(e.lat), math.radians(e.lon)
        cla = math.cos(la)
        best_h = None
        for k, la2, lo2, cla2 in ev.points:
            if k == key:
                continue
            h = math.sin((la2 - la) / 2) ** 2 + cla * cla2 * math.sin((lo2 - lo) / 2) ** 2
            if best_h is None or h < best_h:
                best_h = h
        best = None if best_h is None else 2 * 6371.0 * math.asin(min(1.0, math.sqrt(best_h)))
        if best is not None:
            x[17] = 1.0 - min(math.log10(1 + best) / 4, 1.0)
            x[18] = 1.0 if best <= 200 else 0.0
    if f == "city":
        x[19] = 1.0 if e.population >= max((o.population for o in entries if o.feature == "city"), default=0) else 0.0
    x[20] = 1.0 if context_free is not None and e is context_free else 0.0
    if e.country:
        total = sum(ev.countries.values()) - (1 if own is not None and own.country else 0)
        if total > 0:
            x[21] = max(n_c, 0) / total
    if f == "city":
        top = max((o.population for o in entries), default=0)
        if top > 0:
            x[22] = max(math.log10(max(e.population, 1) / top), -3.0) / 3
    # rule own_name_first: a town matched through an alternate name that is neither part of its
    # own name nor a spelling of it ("Hudson" for Jersey City; not "Newcastle" for Newcastle upon
    # Tyne, "Odessa" for Odesa) where another town carries the name as its own
    own_named = f == "city" and not x[16] and any(
        o.feature == "city" and norm(o.name) == key for o in entries if o is not e) and not _same_name(key, norm(e.name))
    # rule country_not_its_capital: a town matched through an alternate name that is its own
    # country's name ("Mexico" for Mexico City) where the country is a reading too
    if f == "city" and not x[16] and any(o.feature == "country" and o.country == e.country for o in entries):
        own_named = True
    # rule capital_first: another reading is a national capital
    under_capital = f == "city" and e.population < CAPITAL_TOWN_MAX and any(
        o is not e and o.capital for o in entries)
    # (rule state_not_local: its state named alone is no local evidence for such a town; the
    # state named with another town of the article in it is, and so is the dateline's state:
    # "migrants tried to enter Texas ... the attacks in Paris" is Paris, France; "Kingston,
    # south of Brisbane" in an article naming Queensland stays the Queensland town)
    if under_capital and x[13] and (ev.dateline_admin1 == (e.country, e.admin1)
                                    or ev.admin1_towns.get((e.country, e.admin1), set()) - {key}):
        under_capital = False
    # rule division_over_country: a division whose name is also a country's ("Georgia"), in the
    # country the article names most, where the article names nothing else in that other country
    over_country = f == "admin1" and x[11] and x[10] >= math.log1p(2) and any(
        o.feature == "country" and o.country != e.country
        and ev.countries.get(o.country, 0) - (1 if own is not None and own.country == o.country else 0) <= 0
        for o in entries)
    near_town = False
    if e.lat is not None and f in ("city", "admin2") and ev.anchors \
            and not any(o.feature not in ("city", "admin2") for o in entries):
        la, lo = math.radians(e.lat), math.radians(e.lon)
        cla = math.cos(la)
        lim = math.sin(NEAR_KM / (2 * 6371.0)) ** 2     # haversine h of NEAR_KM
        near_town = any(k != key and math.sin((la2 - la) / 2) ** 2 + cla * cla2 * math.sin((lo2 - lo) / 2) ** 2 <= lim
                        for k, la2, lo2, cla2 in ev.anchors)
    x[23] = rule_score(e, entries, x, near_town, own_named, under_capital, over_country) / 100
    return x


def _same_name(alias: str, own: str) -> bool:
    """An alternate name that is part of the entry's own name or a spelling of it (a ratio of
    common letters of 0.75 or more: "Odessa"/"Odesa", "Kolkata"/"Calcutta" is not)."""
    return alias in own or difflib.SequenceMatcher(None, alias, own).ratio() >= 0.75


def base_score(e: Entry) -> float:
    """The gazetteer-only score of a reading: feature rank, or 10·log10(population) for a town."""
    if e.feature == "country":
        return 100.0
    if e.feature == "continent":
        return 70.0
    if e.feature in ("region", "water"):
        return 65.0
    if e.feature == "admin1":
        return 65.0 if e.population >= 0 else 50.0
    if e.feature == "admin2":
        return 45.0
    return 10.0 * math.log10(max(e.population, 10))


#: rule near_named: how near another town or county of the article a town must lie
NEAR_KM = 50
#: rule own_name_first: what a reading matched only through an alternate name loses where
#: another reading carries the name as its own ("Hudson" is Hudson, N.H., not Jersey City)
ALIAS_PENALTY = 20
#: rule capital_first: a town under this many people does not outrank a national capital of its
#: name on the article's country alone ("the attacks in Paris" in US news is not Paris, Texas):
#: it needs local evidence (a qualifier, a town of the article near it, its state named with
#: another town of the article in it, the dateline's state)
CAPITAL_TOWN_MAX = 100_000


def rule_score(e: Entry, entries: Sequence[Entry], x: Sequence[float], near_town: bool = False,
               own_named: bool = False, under_capital: bool = False, over_country: bool = False) -> float:
    """The hand-set score the places stage used before the weights were learned (kept as one
    feature among the others): feature rank or 10·log10(population), +15 for a capital that
    shares its name with a division, +12 (+2 per further name, up to 5) for a country the
    article's other names are in, +10 for the dateline's country, +12 for a town in a division
    the article names, +10 for a town or county within ``NEAR_KM`` of another town or county the
    article names where the name has no country or division reading (``near_town``: the other
    not a national capital nor a city of a million),
    +60 / +80 for a qualifier's country / division; ``ALIAS_PENALTY`` off a reading matched
    through an alternate name that is no part of its own name where another town carries the
    name as its own (``own_named``, rule ``own_name_first``); no bonus for the article's or the
    dateline's country for a town under ``CAPITAL_TOWN_MAX`` people where another reading is a
    national capital and the town has no local evidence (``under_capital``, rule ``capital_first``:
    a qualifier, a town near it, its state named where another town of the article lies in it
    or it is the dateline's; not its state named alone, rule ``state_not_local``);
    +40 for a division named like another country, in the article's main country with two or more
    other names there and none in that other country (``over_country``, rule
    ``division_over_country``: "Georgia" in US news is the state)."""
    s = base_score(e) + (15 if x[9] else 0) - (ALIAS_PENALTY if own_named else 0)
    country_only = under_capital and not (x[14] or x[15] or near_town)
    if e.feature in ("city", "admin1", "admin2"):
        n_c = round(math.expm1(x[10]))
        if n_c > 0 and not country_only:
            s += 12 + 2 * min(n_c, 5)
        s += (0 if country_only else 10 * x[12]) + 12 * x[13]
        # rule near_named: among the towns and counties of a name (no country or division of
        # that name), the one within NEAR_KM of another town or county the article names (its
        # context-free reading; not a capital or a city of a million, named anywhere):
        # "Perth" beside Dundee is the Scottish town
        s += 10 if near_town else 0
    return s + 60 * x[14] + 80 * x[15] + (40 if over_country else 0)


class PlaceRanker:
    """Scores readings with learned weights (``data/place_ranker.json``)."""

    def __init__(self, weights: Optional[Sequence[float]] = None) -> None:
        if weights is None:
            weights = load_weights()
        self.weights = [float(w) for w in weights]
        if len(self.weights) != N_FEATURES:
            raise ValueError(f"place ranker: {len(self.weights)} weights for {N_FEATURES} features")

    @classmethod
    def rules_only(cls) -> "PlaceRanker":
        """The hand-set ranking: the weight 1 on the ``rule_score`` feature, 0 elsewhere."""
        weights = [0.0] * N_FEATURES
        weights[FEATURES.index("rule_score")] = 1.0
        return cls(weights)

    def score(self, x: Sequence[float]) -> float:
        return sum(w * v for w, v in zip(self.weights, x))


def load_weights(path=None) -> list[float]:
    if path is None:
        text = resources.files("tidings.grounding").joinpath("data", "place_ranker.json").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    data = json.loads(text)
    names = data["features"]
    if tuple(names) != FEATURES:
        raise ValueError("place_ranker.json was trained on other features: rebuild it with tools/train_place_ranker.py")
    return [float(w) for w in data["weights"]]
