"""The server's fast paths on the demo database: the store's event_rollup summary (same numbers as the
events), the caches (normalised keys, one entry for the API and the pages, dropped when the data
version changes), /geo paging, and CSV cells a spreadsheet cannot run."""
from __future__ import annotations

import csv
import io
import shutil

import duckdb
import pandas as pd
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from _web_demo import demo_db  # noqa: E402


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, pipeline):
    return demo_db(tmp_path_factory, pipeline)


@pytest.fixture(scope="module")
def app(db_path):
    from tidings.web import create_app

    return create_app(db_path)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def con(db_path, client):
    c = duckdb.connect(str(db_path), read_only=True)
    yield c
    c.close()


def busy_pair(con) -> tuple[str, str]:
    return con.execute("""SELECT actor_code, recipient_code FROM canonical_events WHERE actor_code IS NOT NULL
                          AND recipient_code IS NOT NULL AND actor_code <> recipient_code
                          GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1""").fetchone()


# -- the summary ------------------------------------------------------------------------------------
def test_event_rollup_sums_the_canonical_events(con):
    from tidings.store.dedup import _DAY_ROLLUP_SELECT

    have = sorted(con.execute("SELECT * EXCLUDE (actor_name, recipient_name) FROM event_rollup").fetchall(),
                  key=repr)
    want = sorted(con.execute(f"SELECT * EXCLUDE (actor_name, recipient_name) FROM ({_DAY_ROLLUP_SELECT.format(cond='true')})")
                  .fetchall(), key=repr)
    assert have == want and have
    assert con.execute("SELECT sum(events) FROM event_rollup").fetchone()[0] == \
        con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]


@pytest.mark.parametrize("kw", [dict(), dict(by="week", include_modal=True), dict(by="day", since="2024-01-10"),
                                dict(by="year", include_negated=True, types=["CONSULT", "ACCUSE"])])
def test_timeline_and_top_from_the_summary_equal_the_events(db_path, con, kw):
    from tidings import analysis

    a, b = busy_pair(con)
    fast = analysis.timeline(db_path, a, rollup=True, **kw)
    slow = analysis.timeline(db_path, a, rollup=False, **kw)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
    top_kw = {k: v for k, v in kw.items() if k != "by"}
    for what in ("actors", "dyads", "types"):
        fast = analysis.top(db_path, what, n=8, rollup=True, **top_kw)
        slow = analysis.top(db_path, what, n=8, rollup=False, **top_kw)
        pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
    # an actor filter by a code that selects by code alone (codes_only) reads event_rollup: same rows
    st = duckdb.connect(str(db_path), read_only=True)
    try:
        assert analysis.codes_only(st, [a]) and analysis.codes_only(st, [a.lower(), b])
    finally:
        st.close()
    for what in ("actors", "dyads", "types", "events"):
        fast = analysis.top(db_path, what, n=8, actor=[a], **top_kw)
        slow = analysis.top(db_path, what, n=8, actor=[a], rollup=False, **top_kw)
        pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
        assert len(fast)
    dy = analysis.top(db_path, "dyads", n=3)
    assert (dy.net_coop == dy.q1_verbal_coop + dy.q2_material_coop - dy.q3_verbal_conflict
            - dy.q4_material_conflict).all()


def test_month_summary_serves_whole_months_only(db_path, con):
    from tidings import analysis

    a, _ = busy_pair(con)
    assert "actor_month" in analysis.timeline_sql(a, by="quarter", since="2024-01-01", until="2024-06-30")[0]
    assert "actor_month" not in analysis.timeline_sql(a, by="month", since="2024-01-02")[0]
    assert "actor_month" not in analysis.timeline_sql(a, by="week")[0]
    assert "actor_month" in analysis.top_sql("actors", since="2024-02-01", until="2024-02-29")[0]
    assert "actor_month" not in analysis.top_sql("actors", until="2024-02-28")[0]
    for kw in (dict(since="2023-11-01", until="2024-02-29"), dict(since="2023-11-01"), dict(include_negated=True)):
        fast = analysis.timeline(db_path, a, by="month", **kw)
        slow = analysis.timeline(db_path, a, by="month", rollup=False, **kw)
        pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
        fast = analysis.top(db_path, "actors", n=20, **kw)
        slow = analysis.top(db_path, "actors", n=20, rollup=False, **kw)
        pd.testing.assert_frame_equal(fast, slow, check_dtype=False)


def test_an_actor_value_that_also_matches_a_name_is_not_read_from_the_summary(db_path, tmp_path):
    """The actor filter matches names, sectors and CAMEO prefixes too: a code that some event side matches that
    way under another code (here a name) is answered from the events, and the summary is not used."""
    from tidings import analysis
    from tidings.store import Store

    path = tmp_path / "alias.duckdb"
    shutil.copy(db_path, path)
    with Store(path) as st:
        code, cid, n = st.sql("""SELECT actor_code, min(id), count(*) FROM canonical_events WHERE actor_code IS NOT NULL
                                 GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 1""").fetchone()
        other = st.sql("""SELECT id FROM canonical_events WHERE actor_code IS DISTINCT FROM ?
                          AND recipient_code IS DISTINCT FROM ? ORDER BY id LIMIT 1""", [code, code]).fetchone()[0]
        assert analysis.codes_only(st.con, [code])
        before = analysis.top(st, "types", actor=[code], include_modal=True, include_negated=True)["events"].sum()
        # an event of another actor, stored under a name that reads as this code (maintained like an ingest)
        st.sql("UPDATE canonical_events SET actor_name = lower(?) WHERE id = ?", [code, other])
        from tidings.store.dedup import _update_actor_keys

        _update_actor_keys(st.con, [other])
        assert not analysis.codes_only(st.con, [code])
        assert "event_rollup" not in analysis.top_sql("types", actor=[code], by_code=False)[0]
        fast = analysis.top(st, "types", actor=[code], include_modal=True, include_negated=True)
        slow = analysis.top(st, "types", actor=[code], include_modal=True, include_negated=True, rollup=False)
        pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
        assert fast["events"].sum() == before + 1


def test_the_summary_is_not_used_where_it_cannot_serve():
    from tidings import analysis

    assert "event_rollup" in analysis.dyad_sql("USA", "PAK", by="week", since="2024-01-15")[0]
    assert "event_rollup" not in analysis.dyad_sql("USAGOV", "PAK")[0]
    assert "event_rollup" not in analysis.timeline_sql("USA", types=["19"])[0]
    assert "event_rollup" not in analysis.top_sql("types", actor=["USA"])[0]      # actor filters match names
    assert "event_rollup" not in analysis.top_sql("actors", level="cameo")[0]
    assert "event_rollup" not in analysis.top_sql("events")[0]
    with pytest.raises(ValueError):
        analysis.top_sql("dyads", country=["PAK"], rollup=True)


def test_overview_series_from_the_summary_equals_the_events(db_path):
    from tidings.web import queries as Q
    from tidings.web.db import Database

    db = Database(db_path)
    cur = db.cursor()
    try:
        for f in (Q.EventFilters(), Q.EventFilters(quad=[1, 4], modality=["asserted"], negated=False),
                  Q.EventFilters(type=["CONSULT"], since=pd.Timestamp("2024-01-01").date())):
            assert f.rollup_where() is not None
            fast = Q.per_day(cur, f, "month")
            slow_f = Q.EventFilters(**{**f.__dict__})
            slow_f.min_sources = 0           # forces canonical_events, selects the same events
            assert slow_f.rollup_where() is None
            assert fast == Q.per_day(cur, slow_f, "month") and fast
    finally:
        cur.close()
        db.close()


# -- caches -----------------------------------------------------------------------------------------
def test_api_and_pages_share_one_normalised_cache_entry(app, client, con):
    db = app.state.db
    a, b = busy_pair(con)
    assert client.get("/dyad", params={"a": a, "b": b}).status_code == 200
    n, hits = len(db._cache), db._cache.hits
    # the same question through the API, in lower case: the page's entry, no new one
    assert client.get("/api/v1/dyad", params={"a": a.lower(), "b": b.lower()}).status_code == 200
    assert len(db._cache) == n and db._cache.hits == hits + 1
    # the events page: its count and its list of types are cached (a second view adds no entry)
    assert client.get("/events", params={"quad": 1}).status_code == 200
    n = len(db._cache)
    assert client.get("/events", params={"quad": 1}).status_code == 200
    assert len(db._cache) == n
    assert client.get("/api/v1/events/count", params={"quad": 1}).status_code == 200
    assert len(db._cache) == n            # the page's count is the API's count


def test_response_cache_normalises_the_query_and_follows_the_data_version(app, client):
    db = app.state.db
    db.responses.clear()
    r1 = client.get("/api/v1/top/types?n=4&include_modal=true")
    hits = db.responses.hits
    r2 = client.get("/api/v1/top/types?include_modal=true&n=4")     # same parameters, another order
    assert db.responses.hits == hits + 1 and r2.content == r1.content
    assert r2.headers["content-security-policy"] == r1.headers["content-security-policy"]
    # errors, CSV streams and /healthz are never kept
    n = len(db.responses)
    assert client.get("/api/v1/top/types?n=0").status_code == 422
    assert client.get("/api/v1/top/types?n=4&format=csv").status_code == 200
    client.get("/api/v1/healthz")
    assert len(db.responses) == n
    # a new data version: every entry is stale
    db.version += 1
    try:
        hits = db.responses.hits
        assert client.get("/api/v1/top/types?n=4&include_modal=true").content == r1.content
        assert db.responses.hits == hits
    finally:
        db.invalidate()       # back to the store's version, caches dropped
    assert db.version == con_version(db)


def con_version(db) -> int:
    from tidings.store.duck import data_version

    cur = db.cursor()
    try:
        return data_version(cur)
    finally:
        cur.close()


def test_every_write_raises_the_data_version(db_path, tmp_path, pipeline):
    from tidings.api import ingest
    from tidings.model import ArticleInput
    from tidings.store import Store

    art = ArticleInput(id="dv-1", title="Talks", date="2024-05-02",
                       text="Pakistan's foreign minister met Afghan officials in Kabul on Tuesday.")
    path = tmp_path / "copy.duckdb"
    shutil.copy(db_path, path)
    with Store(path) as st:
        v = st.data_version()
        assert v > 0                              # the demo's own ingest raised it
        ingest([art], st)
        assert st.data_version() == v + 1
        ingest([art], st)
        assert st.data_version() == v + 1         # unchanged article: nothing written
        from tidings.store.dedup import _DAY_ROLLUP_SELECT

        have = sorted(st.sql("SELECT * EXCLUDE (actor_name, recipient_name) FROM event_rollup").fetchall(), key=repr)
        want = sorted(st.sql("SELECT * EXCLUDE (actor_name, recipient_name) FROM ("
                             + _DAY_ROLLUP_SELECT.format(cond="true") + ")").fetchall(), key=repr)
        assert have == want                       # maintained incrementally


# -- /geo paging ------------------------------------------------------------------------------------
def test_geo_pages_with_a_cursor(client, con):
    whole = client.get("/api/v1/geo", params={"format": "json"}).json()
    assert whole["next_cursor"] is None and whole["count"] >= 3
    seen, cursor = [], None
    for _ in range(100):
        params = {"format": "json", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/geo", params=params).json()
        assert page["count"] <= 2
        seen += page["data"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == whole["data"]
    # GeoJSON pages the same way
    g = client.get("/api/v1/geo", params={"limit": 1}).json()
    assert g["type"] == "FeatureCollection" and len(g["features"]) == 1 and g["next_cursor"]
    g2 = client.get("/api/v1/geo", params={"limit": 1, "cursor": g["next_cursor"]}).json()
    assert g2["features"][0]["properties"]["name"] == whole["data"][1]["name"]
    # CSV streams every place; a foreign or broken cursor is a 422
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/geo", params={"format": "csv", "limit": 1}).text)))
    assert len(rows) == len(whole["data"])
    ev_cursor = client.get("/api/v1/events", params={"limit": 1}).json()["next_cursor"]
    for bad in (ev_cursor, "nonsense", "'; DROP TABLE events; --"):
        r = client.get("/api/v1/geo", params={"cursor": bad})
        assert r.status_code == 422 and r.json()["error"] == "invalid request"
    assert client.get("/api/v1/geo", params={"limit": 1001}).status_code == 422
    spec = client.get("/api/openapi.json").json()["paths"]["/api/v1/geo"]["get"]
    names = {p["name"]: p for p in spec["parameters"]}
    assert "cursor" in names and names["limit"]["schema"]["maximum"] == 1000


# -- CSV cells --------------------------------------------------------------------------------------
def test_csv_cells_cannot_start_a_formula():
    from tidings.web.api import csv_cell

    for bad in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(bad) == "'" + bad
    assert csv_cell("Pakistan") == "Pakistan" and csv_cell(-2.0) == -2.0 and csv_cell(None) is None


def test_csv_downloads_are_neutralised(db_path, tmp_path):
    from tidings.web import create_app

    path = tmp_path / "formula.duckdb"
    shutil.copy(db_path, path)
    c = duckdb.connect(str(path))
    cid = c.execute("SELECT id FROM canonical_events WHERE loc_lat IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    c.execute("UPDATE canonical_events SET actor_name = '=cmd|'' /C calc''!A0', loc_name = '@SUM(1)' WHERE id = ?",
              [cid])
    c.execute("UPDATE event_rollup SET actor_name = '-1+2', recipient_name = '-1+2'")
    c.execute("UPDATE actor_month SET name = '-1+2'")
    c.close()
    with TestClient(create_app(path)) as client:
        rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/events", params={"format": "csv"}).text)))
        row = next(r for r in rows if r["id"] == str(cid))
        assert row["actor_name"] == "'=cmd|' /C calc'!A0" and row["loc_name"] == "'@SUM(1)"
        assert any(r["goldstein"].startswith("-") for r in rows)           # numbers are left alone
        top = list(csv.DictReader(io.StringIO(client.get("/api/v1/top/actors", params={"format": "csv"}).text)))
        assert top and all(r["name"] in ("", "'-1+2") for r in top)
        places = client.get("/api/v1/geo", params={"format": "csv"}).text
        assert "'@SUM(1)" in places
        for r in csv.reader(io.StringIO(places)):
            assert not r[0].startswith(("=", "+", "-", "@"))


# -- DuckDB threads -----------------------------------------------------------------------------------
def test_the_server_sets_duckdb_threads(db_path):
    from tidings.web.db import Database
    from tidings.web.settings import WebSettings

    assert WebSettings().threads == 1
    for n in (1, 2):
        db = Database(db_path, threads=n)
        try:
            cur = db.cursor()
            assert db.threads == n and cur.execute("SELECT current_setting('threads')").fetchone()[0] == n
            cur.close()
        finally:
            db.close()
