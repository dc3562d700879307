"""The HTTP API (FastAPI TestClient) over the demo database: contents, paging, filters, safety."""
from __future__ import annotations

import csv
import io
import json
import shutil
import threading
from urllib.parse import quote

import duckdb
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from _web_demo import demo_db  # noqa: E402

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, pipeline):
    return demo_db(tmp_path_factory, pipeline)


@pytest.fixture(scope="module")
def client(db_path):
    from tidings.web import create_app

    with TestClient(create_app(db_path), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def con(db_path, client):
    # the app holds the file read-only: a second read-only instance may open it too
    c = duckdb.connect(str(db_path), read_only=True)
    yield c
    c.close()


def test_health_and_stats(client, con):
    assert client.get("/api/v1/healthz").json() == {"status": "ok", "writable": False}
    s = client.get("/api/v1/stats").json()
    assert s["canonical_events"] == con.execute("SELECT count(*) FROM canonical_events").fetchone()[0] > 10
    assert s["articles"] == con.execute("SELECT count(*) FROM articles").fetchone()[0]
    lo, hi = con.execute("SELECT min(date), max(date) FROM canonical_events").fetchone()
    assert (s["date_min"], s["date_max"]) == (lo.isoformat(), hi.isoformat())
    assert sum(s["by_quad_class"].values()) == s["canonical_events"]


def test_events_carry_their_evidence(client, con):
    res = client.get("/api/v1/events", params={"limit": 1000}).json()
    assert res["count"] == con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
    for ev in res["data"]:
        ev_ = ev["evidence"]
        art = ev_["article"]
        assert art["id"] in texts and art["title"] and art["date"]
        text = texts[art["id"]]
        s, t = ev_["sentence"], ev_["trigger"]
        assert text[s["start"]:s["end"]] == s["text"]
        assert text[t["start"]:t["end"]] == t["text"] and s["start"] <= t["start"] < t["end"] <= s["end"]
        for a in ev_["actors"] + ev_["recipients"]:
            assert text[a["start"]:a["end"]] == a["text"]
        assert ev_["rule"]
        assert ev["num_mentions"] >= ev["num_articles"] >= 1 and ev["num_sources"] >= 1


@pytest.mark.parametrize("sort", ["date", "-date", "mentions", "-mentions", "goldstein", "-goldstein"])
def test_cursor_pages_through_every_event_once(client, con, sort):
    n = con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    seen, keys, cursor = [], [], None
    for _ in range(100):
        params = {"limit": 4, "sort": sort, **({"cursor": cursor} if cursor else {})}
        res = client.get("/api/v1/events", params=params).json()
        assert res["count"] <= 4
        seen += [e["id"] for e in res["data"]]
        field = {"date": "date", "mentions": "num_mentions", "goldstein": "goldstein"}[sort.lstrip("-")]
        keys += [e[field] for e in res["data"]]
        cursor = res["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == n
    filled = [k for k in keys if k is not None]
    assert filled == sorted(filled, reverse=sort.startswith("-"))


def test_limit_bounds(client):
    assert client.get("/api/v1/events", params={"limit": 1000}).status_code == 200
    for bad in (0, 1001, -5, "x"):
        r = client.get("/api/v1/events", params={"limit": bad})
        assert r.status_code == 422 and r.json()["error"] == "invalid request"
    r = client.get("/api/v1/events", params={"cursor": "not-a-cursor"})
    assert r.status_code == 422 and "cursor" in json.dumps(r.json())
    # a cursor issued for one sort order is refused for another
    cur = client.get("/api/v1/events", params={"limit": 2}).json()["next_cursor"]
    assert client.get("/api/v1/events", params={"limit": 2, "sort": "goldstein", "cursor": cur}).status_code == 422


def _ids(client, **params) -> set[int]:
    res = client.get("/api/v1/events", params={"limit": 1000, **params})
    assert res.status_code == 200, res.text
    return {e["id"] for e in res.json()["data"]}


def test_filters_match_sql(client, con):
    def sql(where, params=()):
        rows = con.execute(f"SELECT c.id FROM canonical_events c WHERE {where}", list(params)).fetchall()
        return {r[0] for r in rows}

    top_type = con.execute("SELECT event FROM canonical_events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    assert _ids(client, type=top_type) == sql("event = ?", [top_type]) != set()
    assert _ids(client, quad=[3, 4]) == sql("quad_class IN (3, 4)") != set()
    assert _ids(client, cameo="1") == sql("starts_with(cameo, '1')")
    assert _ids(client, modality="asserted") == sql("coalesce(modality, 'asserted') = 'asserted'")
    assert _ids(client, negated="true") == sql("negated")
    assert _ids(client, min_sources=2) == sql("num_sources >= 2")
    lo, hi = con.execute("SELECT min(date) + 30, max(date) - 30 FROM canonical_events").fetchone()
    assert _ids(client, since=lo.isoformat(), until=hi.isoformat()) == sql("date BETWEEN ? AND ?", [lo, hi]) != set()
    actor = con.execute("SELECT actor_code FROM canonical_events WHERE actor_code IS NOT NULL "
                        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    assert _ids(client, actor=actor) >= sql("actor_code = ? OR recipient_code = ?", [actor, actor]) != set()
    assert _ids(client, source=actor) == sql("actor_code = ?", [actor])
    word = "agreed"
    assert _ids(client, q=word.upper()) == {r[0] for r in con.execute(
        "SELECT c.id FROM canonical_events c JOIN events e ON e.id = c.first_event_id "
        "WHERE contains(lower(e.sentence_text), ?)", [word]).fetchall()} != set()
    place = con.execute("SELECT loc_name FROM canonical_events WHERE loc_lat IS NOT NULL "
                        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    assert _ids(client, place=place.lower()) == sql("loc_name = ?", [place])
    # a bad value is a 422 with a clear message, never a 500
    r = client.get("/api/v1/events", params={"quad": 7})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "quad", 0]
    r = client.get("/api/v1/events", params={"since": "2024-13-45"})
    assert r.status_code == 422 and "since" in r.json()["detail"][0]["loc"]
    r = client.get("/api/v1/events", params={"since": "2024-05-01", "until": "2024-01-01"})
    assert r.status_code == 422


def test_csv_streams_every_matching_row(client, con):
    r = client.get("/api/v1/events", params={"format": "csv", "limit": 1})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    assert all(row["sentence_text"] and row["article_id"] for row in rows)
    r = client.get("/api/v1/events", params={"format": "csv", "quad": 4})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == con.execute(
        "SELECT count(*) FROM canonical_events WHERE quad_class = 4").fetchone()[0]


def test_geojson(client, con):
    g = client.get("/api/v1/geo").json()
    assert g["type"] == "FeatureCollection" and g["features"]
    total = con.execute("SELECT count(*) FROM canonical_events WHERE loc_lat IS NOT NULL").fetchone()[0]
    assert sum(f["properties"]["events"] for f in g["features"]) == total
    for f in g["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    ev = client.get("/api/v1/events", params={"format": "geojson", "limit": 1000}).json()
    assert ev["type"] == "FeatureCollection" and len(ev["features"]) == total
    c = client.get("/api/v1/geo/countries").json()["data"]
    assert c and all(len(x["iso3"]) == 3 for x in c)
    assert any(x["iso_numeric"] == "840" for x in c if x["iso3"] == "USA") or all(x["iso3"] != "USA" for x in c)


def test_dyad_timeline_top(client, con):
    a, b = con.execute("""SELECT actor_code, recipient_code FROM canonical_events
                          WHERE actor_code IS NOT NULL AND recipient_code IS NOT NULL AND actor_code <> recipient_code
                            AND modality = 'asserted' AND NOT negated
                          GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1""").fetchone()
    d = client.get("/api/v1/dyad", params={"a": a, "b": b, "by": "year"}).json()
    dirs = {r["direction"] for r in d["data"]}
    assert dirs == {f"{a}->{b}", f"{b}->{a}"}
    want = con.execute("""SELECT count(*) FROM canonical_events WHERE ((actor_code = ? AND recipient_code = ?)
                          OR (actor_code = ? AND recipient_code = ?)) AND modality = 'asserted' AND NOT negated""",
                       [a, b, b, a]).fetchone()[0]
    assert sum(r["events"] for r in d["data"]) == want
    for r in d["data"]:
        assert r["net_coop"] == (r["q1_verbal_coop"] + r["q2_material_coop"] - r["q3_verbal_conflict"]
                                 - r["q4_material_conflict"])
        assert r["events"] == sum(r[k] for k in ("q1_verbal_coop", "q2_material_coop", "q3_verbal_conflict",
                                                 "q4_material_conflict"))
    csv_rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/dyad", params={"a": a, "b": b, "by": "year",
                                                                                   "format": "csv"}).text)))
    assert len(csv_rows) == len(d["data"])
    assert client.get("/api/v1/dyad", params={"a": a, "b": a}).status_code == 422
    t = client.get("/api/v1/timeline", params={"actor": a, "by": "month"}).json()
    assert {r["role"] for r in t["data"]} <= {"source", "target"} and t["data"]
    assert sum(r["events"] for r in t["data"] if r["role"] == "source") == con.execute(
        "SELECT count(*) FROM canonical_events WHERE actor_code = ? AND modality = 'asserted' AND NOT negated "
        "AND date IS NOT NULL", [a]).fetchone()[0]
    for what in ("actors", "dyads", "types", "events"):
        r = client.get(f"/api/v1/top/{what}", params={"n": 3})
        assert r.status_code == 200 and 0 < r.json()["count"] <= 3
    assert client.get("/api/v1/top/things").status_code == 422
    p = client.get("/api/v1/partners", params={"actor": a}).json()["data"]
    assert b in {x["partner"] for x in p}


@pytest.mark.parametrize("by", ["day", "week", "month", "quarter", "year"])
def test_aggregates_equal_tidings_analysis(db_path, con, by):
    """The server's SQL gives the numbers of tidings.analysis (dyad, timeline, top), period for period."""
    import math

    from tidings import analysis
    from tidings.store import Store
    from tidings.web import queries as Q
    from tidings.web.db import Database

    def same(ours: list[dict], frame) -> None:
        theirs = frame.to_dict(orient="records")
        assert len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            for k, v in t.items():
                if k == "name":   # any_value(): either side's name of the actor may come first
                    continue
                w = o[k]
                if isinstance(v, float) and math.isnan(v):
                    assert w is None, (k, o, t)
                elif isinstance(v, float):
                    assert w == pytest.approx(v), (k, o, t)
                else:
                    assert str(w)[:10] == str(v)[:10], (k, o, t)

    db = Database(db_path)
    with Store(db_path, read_only=True) as st:
        cur = db.cursor()
        pairs = con.execute("""SELECT actor_code, recipient_code FROM canonical_events WHERE actor_code IS NOT NULL
                               AND recipient_code IS NOT NULL AND actor_code <> recipient_code
                               GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 3""").fetchall()
        for a, b in pairs:
            same(Q.dyad(cur, a, b, by=by), analysis.dyad(st, a, b, by=by))
            same(Q.dyad(cur, a, b, by=by, include_modal=True, since="2023-01-01", until="2024-12-31"),
                 analysis.dyad(st, a, b, by=by, include_modal=True, since="2023-01-01", until="2024-12-31"))
            same(Q.timeline(cur, a, by=by), analysis.timeline(st, a, by=by).sort_values(["role", "period"]))
            # whole months (web.actor_month serves it) and a day range (canonical_events does)
            for lo, hi in (("2023-01-01", "2024-05-31"), ("2023-11-15", "2024-06-13")):
                same(Q.timeline(cur, a, by=by, since=lo, until=hi, include_modal=True),
                     analysis.timeline(st, a, by=by, since=lo, until=hi, include_modal=True)
                     .sort_values(["role", "period"]))
                same(Q.top(cur, "actors", n=8, since=lo, until=hi), analysis.top(st, "actors", n=8, since=lo, until=hi))
        for what in ("actors", "dyads", "types"):
            same(Q.top(cur, what, n=5), analysis.top(st, what, n=5))
        ours = Q.top(cur, "events", n=5)
        assert [e["id"] for e in ours] == analysis.top(st, "events", n=5)["id"].tolist()
        cur.close()
    db.close()


def test_article_record(client, con):
    aid = con.execute("SELECT first_article_id FROM canonical_events GROUP BY 1 ORDER BY count(*) DESC "
                      "LIMIT 1").fetchone()[0]
    rec = client.get(f"/api/v1/articles/{aid}").json()
    assert rec["id"] == aid and rec["text"] and rec["events"]
    for e in rec["events"]:
        assert rec["text"][e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"] and e["rule"]
    for layer in ("quotes", "places", "times", "entities", "amounts"):
        assert isinstance(rec[layer], list)
    r = client.get("/api/v1/articles/no-such-article")
    assert r.status_code == 404 and r.json()["error"] == "not found"


def test_security_headers_and_no_cors_by_default(client):
    r = client.get("/api/v1/stats", headers={"Origin": "http://evil.example"})
    csp = r.headers["content-security-policy"]
    assert "'self'" in csp and "unsafe-inline" not in csp
    assert "access-control-allow-origin" not in r.headers
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/").headers["content-security-policy"].startswith("default-src 'self'")
    assert client.get("/api/openapi.json").json()["paths"]["/api/v1/events"]


def test_cors_when_asked(db_path):
    from tidings.web import WebSettings, create_app

    app = create_app(db_path, WebSettings(cors_origins=["http://allowed.example"]))
    with TestClient(app) as c:
        ok = c.get("/api/v1/stats", headers={"Origin": "http://allowed.example"})
        assert ok.headers["access-control-allow-origin"] == "http://allowed.example"
        other = c.get("/api/v1/stats", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_errors_are_generic(db_path):
    from tidings.web import create_app

    app = create_app(db_path)

    @app.get("/api/v1/_boom")
    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/v1/_boom")
    assert r.status_code == 500 and r.json() == {"error": "internal server error"}
    assert "secret" not in r.text and "Traceback" not in r.text


def test_query_time_limit(db_path):
    from tidings.web.db import Database, QueryTimeout

    db = Database(db_path, timeout_s=0.2)
    try:
        with pytest.raises(QueryTimeout):
            with db.read() as cur:
                cur.execute("SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3").fetchone()
        with db.read() as cur:  # the instance keeps working
            assert cur.execute("SELECT count(*) FROM canonical_events").fetchone()[0] > 0
    finally:
        db.close()


INJECTIONS = ["' OR '1'='1", "1; DROP TABLE canonical_events; --", "\") OR 1=1 --",
              "%' UNION SELECT * FROM articles --",
              "USA' --", "0x00\x00", "../../etc/passwd", "<script>alert(1)</script>", "date; DELETE FROM events",
              "1) OR (1=1", "${7*7}", "{{7*7}}"]


def _endpoint_params(client) -> list[tuple[str, list[str]]]:
    spec = client.get("/api/openapi.json").json()
    out = []
    for path, ops in spec["paths"].items():
        if "get" not in ops:
            continue
        names = [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"]
        out.append((path, names))
    return out


def test_injection_strings_in_every_parameter(client, con):
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "events", "canonical_events", "event_mentions")}
    required = {"a": "USA", "b": "CHN", "actor": "USA"}
    checked = 0
    for path, names in _endpoint_params(client):
        concrete = path.replace("{what}", "actors").replace("{article_id}", "x")
        for name in names:
            for bad in INJECTIONS:
                params = {k: v for k, v in required.items() if k in names}
                params[name] = bad
                r = client.get(concrete, params=params)
                assert r.status_code in (200, 404, 422), (concrete, name, bad, r.status_code, r.text[:200])
                assert "Traceback" not in r.text and "duckdb" not in r.text.lower()
                if r.status_code == 200 and r.headers["content-type"].startswith("application/json"):
                    body = r.json()
                    # text matched literally: an injection string never widens a filter to everything
                    if concrete == "/api/v1/events" and name in ("actor", "q", "place"):
                        assert body["data"] == []
                checked += 1
        # the path parameter too
        if "{article_id}" in path:
            for bad in INJECTIONS:
                r = client.get(path.replace("{article_id}", quote(bad, safe="")))
                assert r.status_code in (404, 422), r.text[:200]
    assert checked > 200
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before


# -- ingest ----------------------------------------------------------------------------------------
ARTICLES = [
    {"id": "web-1", "title": "Ministers meet", "date": "2024-09-02", "source": "example.org",
     "text": "ANKARA, Sept 2 (Wire) - Turkey's foreign minister met his Greek counterpart in Ankara on Monday "
             "and the two governments agreed to reopen talks on maritime borders."},
    {"id": "web-2", "title": "Protest", "date": "2024-09-03", "source": "example.net",
     "text": "Police arrested 40 protesters in Nairobi on Tuesday after demonstrators accused the Kenyan "
             "government of raising taxes."},
]


@pytest.fixture()
def writable(tmp_path, db_path):
    from tidings.web import WebSettings, create_app

    path = tmp_path / "rw.duckdb"
    shutil.copy(db_path, path)
    app = create_app(path, WebSettings(token=TOKEN, max_body_bytes=20_000))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c, app


def test_ingest_is_off_without_token(client):
    r = client.post("/api/v1/articles", json=ARTICLES[0])
    assert r.status_code == 403 and "token" in r.json()["detail"]


def test_ingest_needs_the_token_and_a_small_body(writable):
    c, _ = writable
    assert c.post("/api/v1/articles", json=ARTICLES[0]).status_code == 401
    assert c.post("/api/v1/articles", json=ARTICLES[0], headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.post("/api/v1/articles", json=ARTICLES[0], headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    big = {**ARTICLES[0], "text": "x" * 30_000}
    r = c.post("/api/v1/articles", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413
    r = c.post("/api/v1/articles", content=b"not json at all", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["stored"] == 0 and r.json()["problems"]


def test_ingest_jsonl_and_concurrent_reads(writable, monkeypatch):
    """Reads keep working, on the last committed state, while an ingest transaction is open."""
    import tidings.store.dedup as dedup

    c, app = writable
    before = c.get("/api/v1/stats").json()["articles"]
    inside, go = threading.Event(), threading.Event()
    real_refresh = dedup.refresh

    def slow_refresh(*a, **kw):  # runs inside the write transaction
        inside.set()
        assert go.wait(60)
        return real_refresh(*a, **kw)

    monkeypatch.setattr(dedup, "refresh", slow_refresh)
    result = {}

    def post():
        body = "\n".join(json.dumps(a) for a in ARTICLES)
        result["r"] = c.post("/api/v1/articles", content=body.encode(),
                             headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"})

    t = threading.Thread(target=post)
    t.start()
    try:
        assert inside.wait(120), "the ingest never reached its transaction"
        for _ in range(5):  # the writer holds its transaction open: readers see the committed state
            assert c.get("/api/v1/stats").json()["articles"] == before
            assert c.get("/api/v1/events", params={"limit": 5}).status_code == 200
            assert c.get("/api/v1/healthz").json()["writable"] is True
    finally:
        go.set()
        t.join(120)
    r = result["r"]
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] == 2 and [a["id"] for a in body["articles"]] == ["web-1", "web-2"]
    assert c.get("/api/v1/stats").json()["articles"] == before + 2
    rec = c.get("/api/v1/articles/web-1").json()
    assert rec["title"] == "Ministers meet"
    # the same articles again: unchanged, nothing rewritten
    again = c.post("/api/v1/articles", json=ARTICLES, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["stored"] == 0 and again["unchanged"] == 2
