"""Aggregate analysis of canonical (deduplicated) events: SQL over DuckDB, pandas or polars out.

>>> from tidings.analysis import dyad, top, timeline
>>> dyad("tidings.duckdb", "USA", "PAK", by="month")            # pandas DataFrame
>>> dyad("tidings.duckdb", "USA", "PAK", frame="polars")         # polars DataFrame
>>> top("tidings.duckdb", "dyads", types=["ACCUSE"])              # who accuses whom
>>> top("tidings.duckdb", "events", country=["SDN"], since="2024-06-01")

Every function counts canonical events (one per real-world event, however many articles report
it), asserted and not negated ones unless ``include_modal`` / ``include_negated``. Actors are CAMEO
codes: a 3-letter country (``PAK``: any sector), or a longer prefix (``PAKGOV``, ``IGOUNO``).
Quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict;
``net_coop`` = (q1 + q2) - (q3 + q4).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional, Sequence, Union

import duckdb
import pandas as pd

from ..export.common import Filters, as_filter_date

__all__ = ["dyad", "top", "timeline", "dyad_sql", "top_sql", "timeline_sql", "rollup_serves", "codes_only", "sparkline",
           "plot_dyad", "plot_timeline", "PERIODS", "actor_condition"]

PERIODS = ("day", "week", "month", "quarter", "year")
_FREQ = {"day": "D", "week": "7D", "month": "MS", "quarter": "QS", "year": "YS"}
SPARKS = "▁▂▃▄▅▆▇█"


def _store(store_or_path):
    from ..store import Store

    if isinstance(store_or_path, (str, Path)):
        return Store(store_or_path, read_only=True), True
    return store_or_path, False


def actor_condition(side: str, code: str, alias: str = "") -> tuple[str, list]:
    """SQL matching ``code`` on one side (``actor`` or ``recipient``) of canonical_events."""
    p = f"{alias}." if alias else ""
    code = code.strip().upper()
    if len(code) == 3:
        return f"{p}{side}_code = ?", [code]
    return (f"(starts_with({p}{side}_cameo, ?) OR coalesce({p}{side}_code, '') || coalesce({p}{side}_sector, '') = ?)",
            [code, code])


def _filters(since, until, include_modal, include_negated, **kw) -> Filters:
    return Filters(since=since, until=until, include_modal=include_modal, include_negated=include_negated, **kw)


def _frame(df: pd.DataFrame, frame: str):
    if frame == "polars":
        import polars as pl

        return pl.from_pandas(df)
    if frame != "pandas":
        raise ValueError("frame must be 'pandas' or 'polars'")
    return df


_AGG = """count(*) AS events,
          count(*) FILTER (WHERE quad_class = 1) AS q1_verbal_coop,
          count(*) FILTER (WHERE quad_class = 2) AS q2_material_coop,
          count(*) FILTER (WHERE quad_class = 3) AS q3_verbal_conflict,
          count(*) FILTER (WHERE quad_class = 4) AS q4_material_conflict,
          avg(goldstein) AS goldstein_mean,
          sum(goldstein) AS goldstein_sum,
          sum(num_articles)::BIGINT AS articles"""
_PROJ = ("date, quad_class, goldstein, num_articles, modality, negated, event, cameo, actor_code, actor_sector, "
         "actor_cameo, actor_name, recipient_code, recipient_sector, recipient_cameo, recipient_name, loc_country")
_COUNT_COLS = ["events", "q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict", "q4_material_conflict",
               "goldstein_sum", "articles"]


def _trunc(ts, by: str) -> pd.Timestamp:
    ts = pd.Timestamp(ts).normalize()
    if by == "day":
        return ts
    if by == "week":
        return ts - pd.Timedelta(days=ts.weekday())
    return ts.to_period({"month": "M", "quarter": "Q", "year": "Y"}[by]).start_time


def _densify(df: pd.DataFrame, keys: list[str], by: str, since, until) -> pd.DataFrame:
    """One row per period (and key) from the first to the last period, zeros where nothing happened."""
    if df.empty:
        return df
    lo = _trunc(since if since else df["period"].min(), by)
    hi = _trunc(until if until else df["period"].max(), by)
    periods = pd.date_range(lo, hi, freq=_FREQ[by]).union(pd.DatetimeIndex(df["period"].unique()))
    grid = pd.DataFrame({"period": periods})
    if keys:
        grid = df[keys].drop_duplicates().merge(grid, how="cross")
    out = grid.merge(df, on=["period", *keys], how="left")
    for c in _COUNT_COLS:
        if c in out:
            out[c] = out[c].fillna(0).astype("int64" if c != "goldstein_sum" else "float64")
    return out.sort_values([*keys, "period"] if keys else ["period"]).reset_index(drop=True)


def _finish(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        return df
    df["net_coop"] = (df["q1_verbal_coop"] + df["q2_material_coop"] - df["q3_verbal_conflict"]
                      - df["q4_material_conflict"])
    df["period"] = pd.to_datetime(df["period"]).dt.date
    return df


def _rollup_where(since, until, include_modal: bool, include_negated: bool, types: Sequence[str] = (),
                  day: str = "day"):
    """The selection of :class:`Filters` (dates, modality, negation, PLOVER types) over ``event_rollup`` (or over
    ``actor_month`` with ``day="month"``: whole months only, see :func:`_whole_months`)."""
    conds, params = [], []
    if since:
        conds.append(f"{day} >= ?")
        params.append(as_filter_date(since))
    if until:
        conds.append(f"{day} <= ?")
        params.append(as_filter_date(until))
    if not include_modal:
        conds.append("modality = 'asserted'")
    if not include_negated:
        conds.append("NOT negated")
    if types:
        # IN over constants: DuckDB pushes it into the scan (list_contains it evaluates row by row)
        conds.append(f"event IN ({', '.join('?' for _ in types)})")
        params += [t.strip().upper() for t in types]
    return " AND ".join(conds) or "true", params


def _rollup_by_codes(codes: Sequence[str]) -> tuple[str, list]:
    """``event_rollup`` rows whose actor or recipient code is one of ``codes``, each once: the rows of the
    actor side (the table is sorted by it: a few row groups), then those of the recipient side only."""
    marks = ", ".join("?" for _ in codes)
    return (f"""(SELECT * FROM event_rollup WHERE actor_code IN ({marks})
                 UNION ALL
                 SELECT * FROM event_rollup WHERE recipient_code IN ({marks})
                 AND (actor_code IS NULL OR actor_code NOT IN ({marks})))""", [*codes, *codes, *codes])


def _country(code: str) -> bool:
    """A code :func:`actor_condition` matches by equality on ``*_code`` (what ``event_rollup`` is keyed on)."""
    return len(code.strip()) == 3


def _whole_months(since, until) -> bool:
    """Both bounds (when given) fall on month boundaries: a first day of a month, a last day of a month."""
    if since and as_filter_date(since).day != 1:
        return False
    if until and (as_filter_date(until) + dt.timedelta(days=1)).day != 1:
        return False
    return True


def codes_only(con, actors: Sequence[str]) -> bool:
    """Whether the actor filter of :class:`Filters` selects, for each of ``actors``, exactly the events whose
    actor or recipient code it is, in this store: a 3-letter value that no event side matches by another
    way (CAMEO prefix, code + sector, name) under another code, as the store's ``actor_keys`` tells. Such a
    filter can then be answered from ``event_rollup``."""
    vals = [a.upper() for a in actors]
    if not vals or not all(len(v) == 3 and v == v.strip() for v in vals):
        return False
    try:
        n = con.execute("""SELECT count(*) FROM actor_keys, unnest(?::VARCHAR[]) AS t(x)
                           WHERE code IS DISTINCT FROM x
                             AND ((kind = 'cameo' AND starts_with(value, x)) OR (kind <> 'cameo' AND value = x))""",
                        [vals]).fetchone()[0]
    except duckdb.CatalogException:       # a store before migration 7
        return False
    return n == 0


def _plover(types: Sequence[str]) -> bool:
    """PLOVER types only (``event_rollup`` has the type, not the CAMEO code)."""
    return not any(t.strip().isdigit() for t in types)


#: sums of ``event_rollup`` rows: the same columns as _AGG over canonical events
#: the columns of a top-actors row, over rows with ``events``, ``role``, ``quad_class`` and Goldstein sums
_TOP_ACTOR_AGG = """sum(events)::BIGINT AS events,
    coalesce(sum(events) FILTER (WHERE role = 'source'), 0)::BIGINT AS as_source,
    coalesce(sum(events) FILTER (WHERE role = 'target'), 0)::BIGINT AS as_target,
    coalesce(sum(events) FILTER (WHERE quad_class IN (1, 2)), 0)::BIGINT AS cooperation,
    coalesce(sum(events) FILTER (WHERE quad_class IN (3, 4)), 0)::BIGINT AS conflict,
    sum(goldstein_sum) / nullif(sum(goldstein_n), 0) AS goldstein_mean"""

_ROLLUP_AGG = """sum(events)::BIGINT AS events,
          coalesce(sum(events) FILTER (WHERE quad_class = 1), 0)::BIGINT AS q1_verbal_coop,
          coalesce(sum(events) FILTER (WHERE quad_class = 2), 0)::BIGINT AS q2_material_coop,
          coalesce(sum(events) FILTER (WHERE quad_class = 3), 0)::BIGINT AS q3_verbal_conflict,
          coalesce(sum(events) FILTER (WHERE quad_class = 4), 0)::BIGINT AS q4_material_conflict,
          sum(goldstein_sum) / nullif(sum(goldstein_n), 0) AS goldstein_mean,
          sum(goldstein_sum) AS goldstein_sum,
          sum(articles)::BIGINT AS articles"""


def rollup_serves(what: str, *, codes: Sequence[str] = (), types: Sequence[str] = (), actor: Sequence[str] = (),
                  country: Sequence[str] = (), level: str = "country", by_code: bool = False) -> bool:
    """Whether the ``event_rollup`` summary answers a query exactly as ``canonical_events`` would:
    country-level codes (3 letters), PLOVER types (no CAMEO prefix), and for ``top`` no country filter
    (it also matches places), country level, not ``events``, and no actor filter unless ``by_code`` (the
    caller checked with :func:`codes_only` that its values select by code alone: the filter also
    matches names, sectors and CAMEO prefixes)."""
    if not all(_country(c) for c in codes) or not _plover(types):
        return False
    if actor and not by_code:
        return False
    if what == "top":
        return not country and level == "country"
    if what.startswith("top_"):
        return what in ("top_actors", "top_dyads", "top_types") and not country and (
            level == "country" or what == "top_types")
    return True


def dyad_sql(a: str, b: str, by: str = "month", include_modal: bool = False, include_negated: bool = False,
             since=None, until=None, types: Sequence[str] = (), rollup: Optional[bool] = None) -> tuple[str, list]:
    """The SQL (and its parameters) of :func:`dyad` before densification: one row per period and direction
    that has events (period, direction, events, q1..q4, goldstein_mean, goldstein_sum, articles).

    ``rollup=None``: read ``event_rollup`` whenever it serves the query (country codes, PLOVER types),
    else ``canonical_events``; True insists on the summary, False on the events. Same numbers either way.
    """
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        raise ValueError("a dyad needs two different actors")
    serves = rollup_serves("dyad", codes=(a, b), types=types)
    if rollup and not serves:
        raise ValueError("the event_rollup summary serves country codes (3 letters) and PLOVER types only")
    if serves and rollup is not False:
        where, params = _rollup_where(since, until, include_modal, include_negated, types)
        sql = f"""
            WITH d AS MATERIALIZED (
                SELECT ?::VARCHAR AS direction, * FROM event_rollup WHERE actor_code = ? AND recipient_code = ?
                UNION ALL
                SELECT ?::VARCHAR AS direction, * FROM event_rollup WHERE actor_code = ? AND recipient_code = ?)
            SELECT date_trunc('{by}', day)::DATE AS period, direction, {_ROLLUP_AGG}
            FROM d WHERE day IS NOT NULL AND {where}
            GROUP BY ALL ORDER BY period, direction"""
        return sql, [f"{a}->{b}", a, b, f"{b}->{a}", b, a, *params]
    where, params = _filters(since, until, include_modal, include_negated, types=list(types)).where("")
    a_src, pa_ = actor_condition("actor", a)
    b_tgt, pb_ = actor_condition("recipient", b)
    b_src, pb2 = actor_condition("actor", b)
    a_tgt, pa2 = actor_condition("recipient", a)
    # each direction is selected first, in its own (materialised) step: the dyad is by far the most
    # selective condition, and as a conjunction of equalities DuckDB pushes it into the scan
    # (otherwise it would filter on modality first and test the dyad on most of the table)
    sql = f"""
        WITH d AS MATERIALIZED (
            SELECT ?::VARCHAR AS direction, {_PROJ} FROM canonical_events WHERE {a_src} AND {b_tgt}
            UNION ALL
            SELECT ?::VARCHAR AS direction, {_PROJ} FROM canonical_events WHERE {b_src} AND {a_tgt})
        SELECT date_trunc('{by}', date)::DATE AS period, direction, {_AGG}
        FROM d
        WHERE date IS NOT NULL AND {where}
        GROUP BY ALL ORDER BY period, direction"""
    return sql, [f"{a}->{b}", *pa_, *pb_, f"{b}->{a}", *pb2, *pa2, *params]


def dyad(store, a: str, b: str, by: str = "month", include_modal: bool = False, include_negated: bool = False,
         since=None, until=None, types: Sequence[str] = (), frame: str = "pandas", dense: bool = True,
         rollup: Optional[bool] = None):
    """Events between ``a`` and ``b`` per period, both directions.

    Columns: period, direction (``A->B`` / ``B->A``), source, target, events, q1..q4 counts,
    goldstein_mean, goldstein_sum, articles (sum of num_articles), net_coop.

    Country-level dyads (3-letter codes) with any period, dates and PLOVER types are read from the
    ``event_rollup`` summary the store maintains (``rollup=None``: whenever it can serve the query);
    anything else from ``canonical_events``. Both give the same numbers (see :func:`dyad_sql`).
    """
    a, b = a.strip().upper(), b.strip().upper()
    sql, args = dyad_sql(a, b, by, include_modal, include_negated, since, until, types, rollup)
    st, close = _store(store)
    try:
        df = st.con.execute(sql, args).df()
    finally:
        if close:
            st.close()
    if df.empty:
        df = pd.DataFrame(columns=["period", "direction", *_COUNT_COLS[:5], "goldstein_mean", "goldstein_sum",
                                   "articles"])
    df["period"] = pd.to_datetime(df["period"])
    if dense and not df.empty:
        # both directions, every period, even when one direction never happened
        missing = [d for d in (f"{a}->{b}", f"{b}->{a}") if d not in set(df["direction"])]
        if missing:
            df = pd.concat([df, pd.DataFrame({"period": [df["period"].min()] * len(missing), "direction": missing})],
                           ignore_index=True)
        df = _densify(df, ["direction"], by, since, until)
    df["source"] = df["direction"].str.split("->").str[0]
    df["target"] = df["direction"].str.split("->").str[1]
    df = _finish(df)
    cols = ["period", "direction", "source", "target", "events", "q1_verbal_coop", "q2_material_coop",
            "q3_verbal_conflict", "q4_material_conflict", "goldstein_mean", "goldstein_sum", "net_coop", "articles"]
    df = df.reindex(columns=cols)
    return _frame(df, frame)


def timeline_sql(actor: str, by: str = "month", include_modal: bool = False, include_negated: bool = False,
                 since=None, until=None, types: Sequence[str] = (), rollup: Optional[bool] = None) -> tuple[str, list]:
    """The SQL (and parameters) of :func:`timeline` before densification: one row per period and role
    (``source`` / ``target``) with events; from ``event_rollup`` when it serves (see :func:`dyad_sql`)."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    actor = actor.strip().upper()
    serves = rollup_serves("timeline", codes=(actor,), types=types)
    if rollup and not serves:
        raise ValueError("the event_rollup summary serves country codes (3 letters) and PLOVER types only")
    if serves and rollup is not False and by in ("month", "quarter", "year") and _whole_months(since, until):
        # actor_month: one actor's rows, per month, sorted by actor (a few row groups)
        where, params = _rollup_where(since, until, include_modal, include_negated, types, day="month")
        sql = f"""
            SELECT date_trunc('{by}', month)::DATE AS period, role, {_ROLLUP_AGG}
            FROM actor_month WHERE code = ? AND month IS NOT NULL AND {where}
            GROUP BY ALL ORDER BY period, role"""
        return sql, [actor, *params]
    if serves and rollup is not False:
        where, params = _rollup_where(since, until, include_modal, include_negated, types)
        sql = f"""
            WITH d AS MATERIALIZED (
                SELECT 'source' AS role, * FROM event_rollup WHERE actor_code = ?
                UNION ALL
                SELECT 'target' AS role, * FROM event_rollup WHERE recipient_code = ?)
            SELECT date_trunc('{by}', day)::DATE AS period, role, {_ROLLUP_AGG}
            FROM d WHERE day IS NOT NULL AND {where}
            GROUP BY ALL ORDER BY period, role"""
        return sql, [actor, actor, *params]
    where, params = _filters(since, until, include_modal, include_negated, types=list(types)).where("")
    src, ps = actor_condition("actor", actor)
    tgt, pt = actor_condition("recipient", actor)
    sql = f"""
        WITH d AS MATERIALIZED (
            SELECT {_PROJ}, 'source' AS role FROM canonical_events WHERE {src}
            UNION ALL
            SELECT {_PROJ}, 'target' AS role FROM canonical_events WHERE {tgt})
        SELECT date_trunc('{by}', date)::DATE AS period, role, {_AGG}
        FROM d
        WHERE date IS NOT NULL AND {where}
        GROUP BY ALL ORDER BY period, role"""
    return sql, [*ps, *pt, *params]


def timeline(store, actor: str, by: str = "month", include_modal: bool = False, include_negated: bool = False,
             since=None, until=None, types: Sequence[str] = (), frame: str = "pandas", dense: bool = True,
             rollup: Optional[bool] = None):
    """Events involving ``actor`` per period, split by role (``source`` / ``target``)."""
    sql, args = timeline_sql(actor, by, include_modal, include_negated, since, until, types, rollup)
    st, close = _store(store)
    try:
        df = st.con.execute(sql, args).df()
    finally:
        if close:
            st.close()
    if df.empty:
        return _frame(pd.DataFrame(columns=["period", "role", *_COUNT_COLS[:5], "goldstein_mean", "goldstein_sum",
                                            "articles", "net_coop"]), frame)
    df["period"] = pd.to_datetime(df["period"])
    if dense:
        df = _densify(df, ["role"], by, since, until)
    return _frame(_finish(df), frame)


TOPS = ("actors", "dyads", "types", "events")


def top_sql(what: str = "actors", n: int = 10, include_modal: bool = False, include_negated: bool = False,
            since=None, until=None, actor: Sequence[str] = (), country: Sequence[str] = (),
            types: Sequence[str] = (), level: str = "country", rollup: Optional[bool] = None,
            by_code: bool = False) -> tuple[str, list]:
    """The SQL (and parameters) of :func:`top`; from the summaries when they serve (top actors, dyads or types
    at country level, PLOVER types, no country filter and no actor filter, or one that ``by_code`` says
    selects by code alone: see :func:`codes_only`), else from ``canonical_events``.

    Top actors over whole months (or all dates) read ``actor_month``; the other summarised tops read
    ``event_rollup`` without dates, ``canonical_events`` with dates (in date order, so that a range reads
    only its row groups). ``events`` rows are the canonical events' columns from ``id`` to ``goldstein``
    and ``first_event_id`` (the evidence is fetched by key afterwards: see :func:`top`)."""
    if what not in TOPS:
        raise ValueError("what must be actors, dyads, types or events")
    if level not in ("country", "cameo"):
        raise ValueError("level must be 'country' or 'cameo'")
    by_code = bool(by_code and actor and all(len(a) == 3 and a == a.strip() for a in actor))
    codes = [a.upper() for a in actor] if by_code else []
    serves = rollup_serves("top_" + what, types=types, actor=actor, country=country, level=level, by_code=by_code)
    if rollup and not serves:
        raise ValueError("the summaries serve top actors, dyads and types at country level, with PLOVER types, "
                         "no country filter and no actor filter but by code")
    if serves and rollup is not False and what == "actors" and not codes and _whole_months(since, until):
        where, params = _rollup_where(since, until, include_modal, include_negated, types, day="month")
        sql = f"""
            SELECT code AS actor, min(name) AS name, {_TOP_ACTOR_AGG}
            FROM actor_month WHERE {where}
            GROUP BY code ORDER BY events DESC, code LIMIT ?"""
        return sql, [*params, n]
    if rollup is None and (since or until):
        # event_rollup is sorted by dyad (what /dyad and /timeline need); canonical_events is in ingest order,
        # roughly date order, so a date range reads only its own row groups there: faster for a top over dates
        rollup = False
    if serves and rollup is not False:
        where, params = _rollup_where(since, until, include_modal, include_negated, types)
        src, sparams = _rollup_by_codes(codes) if codes else ("event_rollup", [])
        params = [*sparams, *params]
        if what == "actors":
            sql = f"""
                SELECT who AS actor, min(name) AS name, {_TOP_ACTOR_AGG}
                FROM (SELECT actor_code AS who, actor_name AS name, 'source' AS role, quad_class, events,
                             goldstein_sum, goldstein_n FROM {src} WHERE {where}
                      UNION ALL
                      SELECT recipient_code, recipient_name, 'target', quad_class, events, goldstein_sum, goldstein_n
                      FROM {src} WHERE {where})
                WHERE who IS NOT NULL
                GROUP BY who ORDER BY events DESC, who LIMIT ?"""
            return sql, [*params, *params, n]
        if what == "dyads":
            sql = f"""
                SELECT actor_code AS source, recipient_code AS target, {_ROLLUP_AGG}, {_NET_COOP}
                FROM {src} WHERE {where} AND actor_code IS NOT NULL AND recipient_code IS NOT NULL
                GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?"""
            return sql, [*params, n]
        sql = f"""
            SELECT event, min(quad_class) AS quad_class, sum(events)::BIGINT AS events,
                   sum(goldstein_sum) / nullif(sum(goldstein_n), 0) AS goldstein_mean,
                   sum(articles)::BIGINT AS articles
            FROM {src} WHERE {where} GROUP BY event ORDER BY events DESC, event LIMIT ?"""
        return sql, [*params, n]
    f = _filters(since, until, include_modal, include_negated, actor=[] if codes else list(actor),
                 country=list(country), types=list(types))
    where, params = f.where("")
    if codes:
        # the same events as the actor filter (codes_only), by the cheap equality
        marks = ", ".join("?" for _ in codes)
        where += f" AND (actor_code IN ({marks}) OR recipient_code IN ({marks}))"
        params += [*codes, *codes]
    a_key = "actor_code" if level == "country" else "coalesce(actor_cameo, actor_code)"
    r_key = "recipient_code" if level == "country" else "coalesce(recipient_cameo, recipient_code)"
    if what == "actors":
        sql = f"""
            SELECT who AS actor, min(name) AS name, count(*) AS events,
                   count(*) FILTER (WHERE role = 'source') AS as_source,
                   count(*) FILTER (WHERE role = 'target') AS as_target,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   avg(goldstein) AS goldstein_mean
            FROM (SELECT {a_key} AS who, actor_name AS name, 'source' AS role, quad_class, goldstein
                  FROM canonical_events WHERE {where}
                  UNION ALL
                  SELECT {r_key}, recipient_name, 'target', quad_class, goldstein
                  FROM canonical_events WHERE {where})
            WHERE who IS NOT NULL
            GROUP BY who ORDER BY events DESC, who LIMIT ?"""
        return sql, [*params, *params, n]
    if what == "dyads":
        sql = f"""
            SELECT {a_key} AS source, {r_key} AS target, {_AGG},
                   (count(*) FILTER (WHERE quad_class IN (1, 2))
                    - count(*) FILTER (WHERE quad_class IN (3, 4)))::BIGINT AS net_coop
            FROM canonical_events WHERE {where} AND {a_key} IS NOT NULL AND {r_key} IS NOT NULL
            GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?"""
        return sql, [*params, n]
    if what == "types":
        sql = f"""
            SELECT event, min(quad_class) AS quad_class, count(*) AS events,
                   avg(goldstein) AS goldstein_mean, sum(num_articles)::BIGINT AS articles
            FROM canonical_events WHERE {where} GROUP BY event ORDER BY events DESC, event LIMIT ?"""
        return sql, [*params, n]
    # the top n only (no join: their evidence is then fetched by key, see top_evidence)
    sql = f"""
        SELECT id, date, actor_code, actor_sector, actor_name, event, cameo, recipient_code, recipient_sector,
               recipient_name, loc_name, num_articles, num_sources, num_mentions, goldstein, first_event_id
        FROM canonical_events WHERE {where}
        ORDER BY num_articles DESC, num_sources DESC, num_mentions DESC, date DESC, id LIMIT ?"""
    return sql, [*params, n]


def evidence_sentences(con, event_ids: Sequence[Optional[str]]) -> dict[str, str]:
    """The evidence sentence of each of these ``events`` rows (by id): one filtered scan of ``events`` for
    a constant list (no join of every event)."""
    ids = sorted({i for i in event_ids if i})
    if not ids:
        return {}
    return dict(con.execute("SELECT id, sentence_text FROM events WHERE id = ANY(?::VARCHAR[])", [ids]).fetchall())


_NET_COOP = ("(coalesce(sum(events) FILTER (WHERE quad_class IN (1, 2)), 0) "
             "- coalesce(sum(events) FILTER (WHERE quad_class IN (3, 4)), 0))::BIGINT AS net_coop")


def top(store, what: str = "actors", n: int = 10, include_modal: bool = False, include_negated: bool = False,
        since=None, until=None, actor: Sequence[str] = (), country: Sequence[str] = (), types: Sequence[str] = (),
        level: str = "country", frame: str = "pandas", rollup: Optional[bool] = None, by_code: Optional[bool] = None):
    """The top ``n`` of ``what``:

    - ``actors``: actors by number of events (as source and as target), ``level`` ``country``
      (actor code) or ``cameo`` (full actor code);
    - ``dyads``: directed actor pairs (who does what to whom: ``types=["ACCUSE"]``), with ``net_coop``;
    - ``types``: PLOVER event types;
    - ``events``: the most reported events (by articles, then sources).

    Actors, dyads and types at country level read the summaries when they serve (see :func:`top_sql`);
    ``by_code=None`` asks the store whether 3-letter ``actor`` values select by code alone (:func:`codes_only`).
    """
    st, close = _store(store)
    try:
        if by_code is None:
            by_code = rollup is not False and codes_only(st.con, actor)
        sql, args = top_sql(what, n, include_modal, include_negated, since, until, actor, country, types, level,
                            rollup, by_code)
        df = st.con.execute(sql, args).df()
        if what == "events":
            ev = evidence_sentences(st.con, list(df["first_event_id"]))
            df["evidence"] = [ev.get(i) if isinstance(i, str) else None for i in df["first_event_id"]]
            df = df.drop(columns=["first_event_id"])
    finally:
        if close:
            st.close()
    for c in ("events", "as_source", "as_target", "cooperation", "conflict", "q1_verbal_coop", "q2_material_coop",
              "q3_verbal_conflict", "q4_material_conflict", "net_coop", "articles"):
        if c in df and what != "events":
            df[c] = df[c].astype("int64")
    return _frame(df, frame)


def sparkline(values: Sequence[float]) -> str:
    """A unicode sparkline (▁▂▃▄▅▆▇█); an empty string for no values."""
    vals = [0.0 if v is None or v != v else float(v) for v in values]
    if not vals:
        return ""
    lo, hi = min(vals), max(vals)
    if hi == lo:
        return (SPARKS[0] if hi == 0 else SPARKS[3]) * len(vals)
    return "".join(SPARKS[min(len(SPARKS) - 1, int((v - lo) / (hi - lo) * (len(SPARKS) - 1) + 0.5))] for v in vals)


def plot_dyad(df: pd.DataFrame, path: Union[str, Path], title: Optional[str] = None) -> Path:
    """Draw a :func:`dyad` frame: events per quad class (bars) and net cooperation (lines)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if not isinstance(df, pd.DataFrame):
        df = df.to_pandas()
    dirs = list(dict.fromkeys(df["direction"]))
    fig, axes = plt.subplots(len(dirs) + 1, 1, figsize=(10, 2.6 * (len(dirs) + 1)), sharex=True)
    colors = {"q1_verbal_coop": "#7fbf7b", "q2_material_coop": "#1b7837", "q3_verbal_conflict": "#f4a582",
              "q4_material_conflict": "#b2182b"}
    periods = sorted(df["period"].unique())
    x = pd.to_datetime(pd.Series(periods))
    width = max(1.0, (x.diff().dt.days.median() if len(x) > 1 else 20) * 0.8)
    for ax, d in zip(axes, dirs):
        sub = df[df["direction"] == d].set_index("period").reindex(periods).fillna(0)
        bottom = None
        for col, color in colors.items():
            vals = sub[col].to_numpy()
            ax.bar(x, vals, width=width, bottom=bottom, color=color, label=col.split("_", 1)[1].replace("_", " "))
            bottom = vals if bottom is None else bottom + vals
        ax.set_ylabel(f"{d}\nevents")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper left", fontsize=7, ncol=4)
    ax = axes[-1]
    for d in dirs:
        sub = df[df["direction"] == d].set_index("period").reindex(periods).fillna(0)
        ax.plot(x, sub["net_coop"].to_numpy(), marker="o", label=f"{d} net cooperation")
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylabel("net cooperation")
    ax.legend(loc="upper left", fontsize=7)
    fig.suptitle(title or " / ".join(dirs))
    fig.autofmt_xdate()
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_timeline(df: pd.DataFrame, path: Union[str, Path], title: Optional[str] = None) -> Path:
    """Draw a :func:`timeline` frame (as source / as target) with the same layout as :func:`plot_dyad`."""
    if not isinstance(df, pd.DataFrame):
        df = df.to_pandas()
    return plot_dyad(df.rename(columns={"role": "direction"}), path, title)
