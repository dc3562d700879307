"""The JSON API under ``/api/v1`` (documented by OpenAPI at ``/api/docs``)."""
from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import json
import logging
import math
from typing import Annotated, Any, Iterable, Iterator, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path as PathParam, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import Field, StringConstraints

from . import queries as Q
from .db import Database
from .settings import DEFAULT_LIMIT, MAX_LIMIT, WebSettings

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1")

ACTOR_RE = r"^[A-Za-z]{2,3}[A-Za-z0-9]{0,12}$"
CODE_LIST = r"^[A-Za-z0-9_]{1,20}$"

ActorCode = Annotated[str, StringConstraints(pattern=ACTOR_RE)]
ActorText = Annotated[str, StringConstraints(min_length=1, max_length=100)]
TypeCode = Annotated[str, StringConstraints(pattern=CODE_LIST)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}$")]
CameoCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}$")]
Format = Literal["json", "csv"]
GeoFormat = Literal["json", "csv", "geojson"]
Period = Literal["day", "week", "month", "quarter", "year"]
Sort = Literal["date", "-date", "mentions", "-mentions", "goldstein", "-goldstein"]


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings


# -- output helpers ----------------------------------------------------------------------------------
def jsonable(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):  # numpy scalars
        return jsonable(v.item())
    return v


#: what a spreadsheet reads as the start of a formula (OWASP, "CSV Injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(v: Any) -> Any:
    """A value as a CSV cell that a spreadsheet shows as text: a string that starts like a formula
    (``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading ``'``, as OWASP advises. Numbers
    stay numbers (a negative Goldstein score is not text)."""
    v = jsonable(v)
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def csv_response(rows: Iterable[dict], columns: list[str], filename: str) -> StreamingResponse:
    def gen() -> Iterator[str]:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: csv_cell(r.get(k)) for k in columns})
            if buf.tell() > 64 * 1024:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(gen(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def table_response(rows: list[dict], fmt: str, filename: str, meta: Optional[dict] = None) -> Response:
    if fmt == "csv":
        cols = list(rows[0]) if rows else []
        return csv_response(rows, cols, filename)
    return JSONResponse({**(meta or {}), "count": len(rows), "data": jsonable(rows)})


# -- shared filters ----------------------------------------------------------------------------------
def event_filters(
    since: Optional[dt.date] = Query(None, description="first event date (ISO, inclusive)"),
    until: Optional[dt.date] = Query(None, description="last event date (ISO, inclusive)"),
    actor: list[ActorText] = Query([], description="actor on either side: CAMEO code or prefix (PAK, USAGOV) or "
                                                  "name; repeatable"),
    source: Optional[str] = Query(None, description="actor on the source side only (CAMEO code or prefix)",
                                  pattern=ACTOR_RE),
    target: Optional[str] = Query(None, description="actor on the target side only (CAMEO code or prefix)",
                                  pattern=ACTOR_RE),
    country: list[CountryCode] = Query([], description="ISO2/ISO3 country of either actor or of the location; "
                                                       "repeatable"),
    type: list[TypeCode] = Query([], description="PLOVER event type (ACCUSE, AGREE, ...); repeatable"),
    quad: list[Annotated[int, Field(ge=1, le=4)]] = Query(
        [], description="quad class (1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict); "
                        "repeatable"),
    cameo: list[CameoCode] = Query([], description="CAMEO event code prefix (e.g. 19, 0231); repeatable"),
    modality: list[Literal["asserted", "intended", "hypothetical", "predicted", "alleged"]] = Query(
        [], description="modality; repeatable (default: all)"),
    negated: Optional[bool] = Query(None, description="only negated (true) or only affirmed (false) events"),
    q: Optional[str] = Query(None, description="text in the evidence sentence (case-insensitive)",
                             min_length=1, max_length=200),
    min_sources: Optional[int] = Query(None, ge=0, le=1_000_000, description="at least this many sources"),
    place: Optional[str] = Query(None, description="event location name (exact, case-insensitive)",
                                 max_length=200),
) -> Q.EventFilters:
    if since and until and since > until:
        raise HTTPException(422, detail=[{"loc": ["query", "until"], "msg": "until is before since"}])
    return Q.EventFilters(since=since, until=until, actor=actor, source=source, target=target, country=country,
                          type=type, quad=quad, cameo=cameo, modality=list(modality), negated=negated, q=q,
                          min_sources=min_sources, place=place)


# -- the arguments of the cached aggregates: one builder each, used by the API and the pages alike, so that
# the same question is one cache entry (Database.query keys on the function and these arguments)
def dyad_args(a: str, b: str, by: str = "month", since=None, until=None, types=(), include_modal: bool = False,
              include_negated: bool = False) -> dict:
    return dict(a=a.strip().upper(), b=b.strip().upper(), by=by, since=since, until=until,
                types=tuple(t.strip().upper() for t in types), include_modal=include_modal,
                include_negated=include_negated)


def timeline_args(actor: str, by: str = "month", since=None, until=None, types=(), include_modal: bool = False,
                  include_negated: bool = False) -> dict:
    return dict(actor=actor.strip().upper(), by=by, since=since, until=until,
                types=tuple(t.strip().upper() for t in types), include_modal=include_modal,
                include_negated=include_negated)


def top_args(what: str, n: int = 10, since=None, until=None, actor=(), country=(), types=(), level: str = "country",
             include_modal: bool = False, include_negated: bool = False) -> dict:
    return dict(what=what, n=n, since=since, until=until, actor=tuple(a.strip().upper() for a in actor),
                country=tuple(c.strip().upper() for c in country), types=tuple(t.strip().upper() for t in types),
                level=level, include_modal=include_modal, include_negated=include_negated)


def _flat(ev: dict) -> dict:
    """A nested event record as one CSV row."""
    r = {k: ev[k] for k in ("id", "date", "event", "cameo", "quad_class", "goldstein", "negated", "modality",
                            "confidence", "num_mentions", "num_sources", "num_articles")}
    for side in ("actor", "recipient"):
        for k in ("code", "sector", "name"):
            r[f"{side}_{k}"] = ev[side][k]
    loc = ev["location"]
    r.update(loc_name=loc["name"], loc_country=loc["country"], loc_lat=loc["lat"], loc_lon=loc["lon"])
    e = ev["evidence"]
    r.update(rule=e["rule"], trigger_text=(e["trigger"] or {}).get("text"),
             sentence_text=(e["sentence"] or {}).get("text"), article_id=e["article"]["id"],
             article_title=e["article"]["title"], article_url=e["article"]["url"], article_date=e["article"]["date"])
    return r


def _feature(ev: dict) -> Optional[dict]:
    loc = ev["location"]
    if loc["lat"] is None or loc["lon"] is None:
        return None
    props = {k: v for k, v in ev.items() if k != "location"}
    props["place"] = loc["name"]
    props["country"] = loc["country"]
    return {"type": "Feature", "id": ev["id"], "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": jsonable(props)}


# -- endpoints ---------------------------------------------------------------------------------------
@router.get("/healthz", summary="Liveness: the database answers")
def healthz(db: Database = Depends(get_db)) -> dict:
    with db.read(timeout_s=5) as cur:
        cur.execute("SELECT 1").fetchone()
    return {"status": "ok", "writable": db.writable}


@router.get("/stats", summary="Counts, date range, events per quad class and modality")
def stats(db: Database = Depends(get_db)) -> dict:
    return jsonable(db.query(Q.stats))


@router.get("/events", summary="Canonical events with their evidence (paged; CSV streams every row)")
def events(
    f: Q.EventFilters = Depends(event_filters),
    sort: Sort = Query("-date", description="sort key; a leading '-' sorts descending"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})"),
    cursor: Optional[str] = Query(None, max_length=400, description="the next_cursor of the previous page"),
    format: GeoFormat = Query("json", description="json (a page), geojson (a page, located events only) or "
                                                  "csv (every matching event, streamed)"),
    db: Database = Depends(get_db),
    settings: WebSettings = Depends(get_settings),
):
    if format == "csv":
        def rows() -> Iterator[dict]:
            with db.read(timeout_s=settings.stream_timeout_s) as cur:
                for chunk in Q.events_stream(cur, f, sort):
                    for r in chunk:
                        yield r
        return csv_response(rows(), Q.CSV_COLUMNS, "events.csv")
    try:
        with db.read() as cur:
            data, nxt = Q.events_page(cur, f, sort, limit, cursor)
    except Q.BadCursor as exc:
        raise HTTPException(422, detail=[{"loc": ["query", "cursor"], "msg": str(exc)}])
    if format == "geojson":
        feats = [x for x in (_feature(ev) for ev in data) if x]
        return JSONResponse({"type": "FeatureCollection", "features": feats, "next_cursor": nxt})
    return JSONResponse({"count": len(data), "next_cursor": nxt, "data": jsonable(data)})


@router.get("/events/count", summary="How many canonical events match the filters")
def events_count(f: Q.EventFilters = Depends(event_filters), db: Database = Depends(get_db)) -> dict:
    return {"count": db.query(Q.count_events, f=f)}


@router.get("/dyad", summary="Events between two actors per period, both directions")
def dyad(
    a: str = Query(..., pattern=ACTOR_RE, description="first actor (CAMEO code or prefix)"),
    b: str = Query(..., pattern=ACTOR_RE, description="second actor"),
    by: Period = Query("month"),
    since: Optional[dt.date] = None,
    until: Optional[dt.date] = None,
    type: list[TypeCode] = Query([], description="PLOVER types or CAMEO prefixes"),
    include_modal: bool = Query(False, description="also count intended/hypothetical/... events"),
    include_negated: bool = Query(False, description="also count negated events"),
    format: Format = "json",
    db: Database = Depends(get_db),
):
    if a.upper() == b.upper():
        raise HTTPException(422, detail=[{"loc": ["query", "b"], "msg": "a dyad needs two different actors"}])
    rows = jsonable(db.query(Q.dyad, **dyad_args(a, b, by, since, until, type, include_modal, include_negated)))
    return table_response(rows, format, f"dyad_{a}_{b}_{by}.csv", {"a": a.upper(), "b": b.upper(), "by": by})


@router.get("/timeline", summary="Events of one actor per period, as source and as target")
def timeline(
    actor: str = Query(..., pattern=ACTOR_RE),
    by: Period = Query("month"),
    since: Optional[dt.date] = None,
    until: Optional[dt.date] = None,
    type: list[TypeCode] = Query([]),
    include_modal: bool = False,
    include_negated: bool = False,
    format: Format = "json",
    db: Database = Depends(get_db),
):
    rows = jsonable(db.query(Q.timeline, **timeline_args(actor, by, since, until, type, include_modal,
                                                         include_negated)))
    return table_response(rows, format, f"timeline_{actor}_{by}.csv", {"actor": actor.upper(), "by": by})


@router.get("/partners", summary="The actors one actor deals with most (either direction)")
def partners(
    actor: str = Query(..., pattern=ACTOR_RE),
    since: Optional[dt.date] = None,
    until: Optional[dt.date] = None,
    n: int = Query(15, ge=1, le=MAX_LIMIT),
    format: Format = "json",
    db: Database = Depends(get_db),
):
    rows = db.query(Q.actor_partners, actor=actor.upper(), since=since, until=until, n=n)
    return table_response(rows, format, f"partners_{actor}.csv", {"actor": actor.upper()})


@router.get("/top/{what}", summary="Top actors, dyads, event types or most-reported events")
def top(
    what: Literal["actors", "dyads", "types", "events"] = PathParam(...),
    n: int = Query(10, ge=1, le=MAX_LIMIT),
    since: Optional[dt.date] = None,
    until: Optional[dt.date] = None,
    actor: list[ActorCode] = Query([]),
    country: list[CountryCode] = Query([]),
    type: list[TypeCode] = Query([]),
    level: Literal["country", "cameo"] = "country",
    include_modal: bool = False,
    include_negated: bool = False,
    format: Format = "json",
    db: Database = Depends(get_db),
):
    rows = jsonable(db.query(Q.top, **top_args(what, n, since, until, actor, country, type, level, include_modal,
                                               include_negated)))
    if what == "events" and format == "csv":
        return csv_response([_flat(r) for r in rows], list(_flat(rows[0])) if rows else ["id"], "top_events.csv")
    return table_response(rows, format, f"top_{what}.csv", {"what": what})


@router.get("/series", summary="Events per period (all events matching the /events filters)")
def series(
    f: Q.EventFilters = Depends(event_filters),
    by: Period = Query("day"),
    format: Format = "json",
    db: Database = Depends(get_db),
):
    rows = db.query(Q.per_day, f=f, by=by)
    return table_response(rows, format, f"events_per_{by}.csv", {"by": by})


@router.get("/geo", summary="Event locations as a GeoJSON FeatureCollection (one point per place, paged)")
def geo(
    f: Q.EventFilters = Depends(event_filters),
    limit: int = Query(MAX_LIMIT, ge=1, le=MAX_LIMIT, description=f"places per page, most events first "
                                                                  f"(at most {MAX_LIMIT})"),
    cursor: Optional[str] = Query(None, max_length=400, description="the next_cursor of the previous page"),
    format: GeoFormat = Query("geojson", description="geojson (a FeatureCollection page), json (a page) or csv "
                                                     "(every matching place, streamed)"),
    db: Database = Depends(get_db),
    settings: WebSettings = Depends(get_settings),
):
    if format == "csv":
        def rows() -> Iterator[dict]:
            with db.read(timeout_s=settings.stream_timeout_s) as cur:
                yield from Q.geo_stream(cur, f)
        return csv_response(rows(), ["name", "country", "lat", "lon", "events", "conflict", "goldstein_mean",
                                     "last_date"], "places.csv")
    try:
        places, nxt = db.query(Q.geo_places, f=f, limit=limit, cursor=cursor)
    except Q.BadCursor as exc:
        raise HTTPException(422, detail=[{"loc": ["query", "cursor"], "msg": str(exc)}])
    if format == "json":
        return JSONResponse({"count": len(places), "next_cursor": nxt, "data": jsonable(places)})
    feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
              "properties": jsonable({k: v for k, v in p.items() if k not in ("lat", "lon")})} for p in places]
    return JSONResponse({"type": "FeatureCollection", "features": feats, "next_cursor": nxt},
                        media_type="application/geo+json")


@router.get("/geo/countries", summary="Events per country of location (for shading a map)")
def geo_countries(f: Q.EventFilters = Depends(event_filters), format: Format = "json",
                  db: Database = Depends(get_db)):
    rows = db.query(Q.geo_countries, f=f)
    return table_response(rows, format, "countries.csv")


@router.get("/articles/{article_id}", summary="The full document record of one stored article")
def get_article(article_id: str = PathParam(..., max_length=500), db: Database = Depends(get_db)):
    with db.read() as cur:
        rec = Q.article(cur, article_id)
    if rec is None:
        raise HTTPException(404, detail=f"no article with id {article_id!r}")
    return JSONResponse(jsonable(rec))


@router.post("/articles", summary="Ingest articles (JSON object, JSON list or JSONL); needs the bearer token",
             status_code=200)
async def post_articles(request: Request, db: Database = Depends(get_db),
                        settings: WebSettings = Depends(get_settings)):
    if not settings.token:
        raise HTTPException(403, detail="ingest is off: start the server with --token-file to enable it")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise HTTPException(401, detail="a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_body_bytes:
        raise HTTPException(413, detail=f"body larger than {settings.max_body_bytes} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > settings.max_body_bytes:
            raise HTTPException(413, detail=f"body larger than {settings.max_body_bytes} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(422, detail="body is not UTF-8")
    items, problems = _parse_articles(text)
    if not items and not problems:
        raise HTTPException(422, detail="no articles in the body")
    return await run_in_threadpool(_ingest, db, settings, items, problems)


def _parse_articles(text: str):
    from ..ingest.readers import InputProblem, parse_record

    stripped = text.strip()
    objs: list[tuple[object, str]] = []
    problems: list[str] = []
    try:
        whole = json.loads(stripped) if stripped else None
    except json.JSONDecodeError:
        whole = None
        for i, line in enumerate(stripped.splitlines(), 1):
            if not line.strip():
                continue
            try:
                objs.append((json.loads(line), f"line {i}"))
            except json.JSONDecodeError as exc:
                problems.append(f"line {i}: malformed JSON ({exc.msg})")
    else:
        if isinstance(whole, list):
            objs = [(o, f"item {i}") for i, o in enumerate(whole)]
        elif whole is not None:
            objs = [(whole, "body")]
    items = []
    for obj, where in objs:
        for it in parse_record(obj, where):
            if isinstance(it, InputProblem):
                problems.append(f"{it.where}: {it.message}")
            else:
                items.append(it)
    return items, problems


def _ingest(db: Database, settings: WebSettings, items: list, problems: list[str]) -> dict:
    from ..api import ingest
    from ..config import Config

    stored: list[str] = []
    with db.write_lock:
        report = ingest(items, db.store, Config(model=settings.model),
                        on_record=lambda rec: stored.append(rec.id))
        db.invalidate()
        with db.read() as cur:
            rows = cur.execute("""SELECT m.article_id, count(DISTINCT m.canonical_id) FROM event_mentions m
                                  WHERE m.article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1""",
                               [[a.id for a in items]]).fetchall()
    events = dict(rows)
    return {"received": len(items) + len(problems), "stored": report.stored, "unchanged": report.skipped,
            "with_errors": report.failed, "problems": problems + report.problems,
            "articles": [{"id": a.id, "events": int(events.get(a.id, 0))} for a in items]}
