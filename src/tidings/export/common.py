"""What every export shares: the event selection (filters → SQL) and the reference tables."""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterator, Optional

from ..nlp.text import MAX_DATE, MIN_DATE, parse_date

IGO_LIKE = {"IGO", "NGO", "MNC"}
MODAL = ("intended", "hypothetical", "predicted", "alleged")


def _data(name: str) -> list[dict]:
    text = resources.files("tidings.export").joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


@lru_cache(maxsize=None)
def countries() -> dict[str, dict]:
    """ISO3 → {iso3, iso2, fips, name}."""
    return {r["iso3"]: r for r in _data("countries.tsv")}


@lru_cache(maxsize=None)
def iso2_to_iso3() -> dict[str, str]:
    return {r["iso2"]: k for k, r in countries().items()}


def iso3(code: Optional[str]) -> Optional[str]:
    """ISO3 for an ISO2 or ISO3 country code (None when unknown)."""
    if not code:
        return None
    code = code.strip().upper()
    if len(code) == 3 and code in countries():
        return code
    if len(code) == 2:
        return iso2_to_iso3().get(code)
    return None


@lru_cache(maxsize=None)
def cameo_labels() -> dict[str, str]:
    return {r["code"]: r["label"] for r in _data("cameo_labels.tsv")}


@dataclass
class Filters:
    """Which canonical events an export or an analysis takes.

    ``actor``: CAMEO actor codes or prefixes (``PAK``, ``USAGOV``, ``IGOUNO``) or names, on either side.
    ``country``: ISO3/ISO2 country codes: an actor's country on either side, or the event's location.
    ``types``: PLOVER types (``ACCUSE``) or CAMEO code prefixes (``11``, ``0234``).
    Asserted, non-negated events only unless ``include_modal``/``include_negated``.
    """

    since: Optional[dt.date] = None
    until: Optional[dt.date] = None
    actor: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    include_modal: bool = False
    include_negated: bool = False

    def where(self, alias: str = "c") -> tuple[str, list]:
        """A SQL condition over ``canonical_events`` (as ``alias``) and its parameters."""
        p = f"{alias}." if alias else ""
        conds, params = [], []
        if self.since:
            conds.append(f"{p}date >= ?")
            params.append(as_filter_date(self.since))
        if self.until:
            conds.append(f"{p}date <= ?")
            params.append(as_filter_date(self.until))
        if not self.include_modal:
            conds.append(f"coalesce({p}modality, 'asserted') = 'asserted'")
        if not self.include_negated:
            conds.append(f"NOT coalesce({p}negated, false)")
        if self.actor:
            ors = []
            for a in self.actor:
                for side in ("actor", "recipient"):
                    ors.append(f"({p}{side}_code = ? OR starts_with({p}{side}_cameo, ?) "
                               f"OR coalesce({p}{side}_code, '') || coalesce({p}{side}_sector, '') = ? "
                               f"OR upper({p}{side}_name) = ?)")
                    params += [a.upper(), a.upper(), a.upper(), a.upper()]
            conds.append("(" + " OR ".join(ors) + ")")
        if self.country:
            ors = []
            for c in self.country:
                i3 = iso3(c) or c.upper()
                i2 = countries().get(i3, {}).get("iso2", i3)
                ors.append(f"({p}actor_code = ? OR {p}recipient_code = ? OR upper({p}loc_country) IN (?, ?))")
                params += [i3, i3, i3, i2]
            conds.append("(" + " OR ".join(ors) + ")")
        if self.types:
            ors = []
            for t in self.types:
                t = t.strip().upper()
                if t.isdigit():
                    ors.append(f"starts_with({p}cameo, ?)")
                else:
                    ors.append(f"{p}event = ?")
                params.append(t)
            conds.append("(" + " OR ".join(ors) + ")")
        return (" AND ".join(conds) or "true"), params


def as_filter_date(v) -> dt.date:
    """A ``since``/``until`` bound as a date (:func:`tidings.nlp.text.parse_date`); ValueError
    when it is not one."""
    d = parse_date(v)
    if d is None:
        raise ValueError(f"not a date (YYYY-MM-DD between {MIN_DATE} and {MAX_DATE}): {v!r}")
    return d


SELECT_EVENTS = """
SELECT c.*, a.source AS article_source, a.title AS article_title, a.url AS article_url,
       a.language AS article_language, e.actors AS actors_json, e.recipients AS recipients_json,
       e.trigger_text, e.trigger_start, e.trigger_end, e.sentence_index, e.sentence_start, e.sentence_end,
       e.sentence_text, e.rule, e.actor_loc AS actor_loc_json, e.recipient_loc AS recipient_loc_json{more}
FROM canonical_events c
LEFT JOIN articles a ON a.id = c.first_article_id
LEFT JOIN events e ON e.id = c.first_event_id
WHERE {where}
ORDER BY c.date NULLS LAST, c.id
"""

#: The columns only GDELT's table needs (AvgTone, and the dateline or the place nearest the
#: trigger for ActionGeo when the event has no place of its own): correlated subqueries, so they
#: are selected only for that format.
GDELT_COLUMNS = """,
       (SELECT avg(ta.tone) FROM event_mentions tm JOIN articles ta ON ta.id = tm.article_id
        WHERE tm.canonical_id = c.id) AS avg_tone,
       (SELECT struct_pack(name := coalesce(dp.name, dp.text), geonameid := dp.geonameid,
                           country := dp.country_code, lat := dp.lat, lon := dp.lon, feature := dp.feature)
        FROM places dp WHERE dp.article_id = c.first_article_id AND dp.kind = 'dateline'
        ORDER BY dp.idx LIMIT 1) AS dateline_place,
       (SELECT struct_pack(name := coalesce(np.name, np.text), geonameid := np.geonameid,
                           country := np.country_code, lat := np.lat, lon := np.lon, feature := np.feature)
        FROM places np WHERE np.article_id = c.first_article_id AND np.lat IS NOT NULL
                         AND coalesce(np.kind, 'literal') IN ('literal', 'metonymic')
        ORDER BY abs(np.start_char - e.trigger_start), np.idx LIMIT 1) AS nearest_place"""


def select_events(where: str, gdelt: bool = False) -> str:
    """The canonical-event query (:data:`SELECT_EVENTS`) for a WHERE clause over ``c``
    (``canonical_events``); ``gdelt`` adds :data:`GDELT_COLUMNS`."""
    return SELECT_EVENTS.format(where=where, more=GDELT_COLUMNS if gdelt else "")


def iter_events(store, filters: Optional[Filters] = None, chunk: int = 10_000, gdelt: bool = False,
                extra: Optional[tuple[str, list]] = None) -> Iterator[dict]:
    """Canonical events matching ``filters``, as dicts, streamed from DuckDB in chunks.
    ``gdelt`` selects the GDELT-only columns too; ``extra`` is one more ``(condition, params)``
    over ``c``, ANDed to the filters (the live publisher's range of first mentions)."""
    filters = filters or Filters()
    where, params = filters.where("c")
    if extra is not None:
        where = f"({where}) AND ({extra[0]})"
        params = params + list(extra[1])
    cur = store.con.cursor()
    try:
        cur.execute(select_events(where, gdelt=gdelt), params)
        cols = [d[0] for d in cur.description]
        while True:
            rows = cur.fetchmany(chunk)
            if not rows:
                break
            for r in rows:
                yield dict(zip(cols, r))
    finally:
        cur.close()


def place_level(feature: Optional[str]) -> str:
    """country, admin1 or city, from our feature names or GeoNames feature codes."""
    f = (feature or "").strip()
    low = f.lower()
    if low in ("country", "pcli", "pcl", "pcld", "pclix", "pcls", "pclf", "pcle") or f.upper().startswith("PCL"):
        return "country"
    if low in ("admin1", "adm1", "state", "province", "region") or f.upper() == "ADM1":
        return "admin1"
    return "city"
