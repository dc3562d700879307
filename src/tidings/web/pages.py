"""The server-rendered pages (Jinja2). Scripts only draw charts and the map from the API; every
table a chart is drawn from is in the page (and a CSV link away), so the pages work without them."""
from __future__ import annotations

import datetime as dt
from typing import Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from . import queries as Q
from .api import ActorCode, Period, Sort, dyad_args, event_filters, get_db, jsonable, timeline_args, top_args
from .db import Database
from .settings import DEFAULT_LIMIT, MAX_LIMIT

router = APIRouter(include_in_schema=False)

_templates: Optional[Jinja2Templates] = None

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def templates() -> Jinja2Templates:
    global _templates
    if _templates is None:
        from .app import web_dir

        _templates = Jinja2Templates(directory=str(web_dir() / "templates"))
        _templates.env.globals.update(QUAD_LABELS=QUAD_LABELS, urlencode=_urlencode)
    return _templates


def _urlencode(params: dict) -> str:
    return urlencode([(k, v) for k, v in params.items() if v not in (None, "", [])], doseq=True)


def render(request: Request, name: str, **ctx) -> HTMLResponse:
    return templates().TemplateResponse(request, name, {"page": name.split(".")[0], **ctx})


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    resp = render(request, "error.html", status=status, message=message)
    resp.status_code = status
    return resp


def _query_params(request: Request, drop: tuple = ()) -> dict:
    out: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        if k not in drop and v != "":
            out.setdefault(k, []).append(v)
    return out


def auto_period(lo: Optional[dt.date], hi: Optional[dt.date]) -> str:
    if not lo or not hi:
        return "day"
    days = (hi - lo).days
    return "day" if days <= 400 else "week" if days <= 4 * 365 else "month"


def period_end(start: str, by: str) -> str:
    """The last day of the period that begins on ``start`` (ISO)."""
    d = dt.date.fromisoformat(str(start)[:10])
    if by == "day":
        return d.isoformat()
    if by == "week":
        return (d + dt.timedelta(days=6)).isoformat()
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    y, m = divmod(d.month - 1 + months, 12)
    return (dt.date(d.year + y, m + 1, 1) - dt.timedelta(days=1)).isoformat()


# -- overview ----------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def overview(request: Request, by: Optional[Period] = None, db: Database = Depends(get_db)):
    stats = db.query(Q.stats)
    by = by or auto_period(stats["date_min"], stats["date_max"])
    series = db.query(Q.per_day, f=Q.EventFilters(), by=by)
    tops = {what: jsonable(db.query(Q.top, **top_args(what))) for what in ("actors", "dyads", "types")}
    return render(request, "overview.html", stats=stats, series=series, by=by, tops=tops)


# -- events explorer ---------------------------------------------------------------------------------
@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, f: Q.EventFilters = Depends(event_filters),
                sort: Sort = "-date", limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
                cursor: Optional[str] = Query(None, max_length=400), db: Database = Depends(get_db)):
    try:
        with db.read() as cur:
            rows, nxt = Q.events_page(cur, f, sort, limit, cursor)
    except Q.BadCursor:
        return render_error(request, 422, "That page link is stale or malformed: start again from the first page.")
    total = db.query(Q.count_events, f=f)          # the same cache entry as /api/v1/events/count
    params = _query_params(request, drop=("cursor",))
    types = db.query(Q.event_types)
    actors = db.query(Q.actor_choices)
    return render(request, "events.html", rows=jsonable(rows), total=total, f=f, sort=sort, limit=limit,
                  next_url=("/events?" + _urlencode({**params, "cursor": nxt})) if nxt else None,
                  first_url=("/events?" + _urlencode(params)) if cursor else None,
                  csv_url="/api/v1/events?" + _urlencode({**params, "format": "csv"}),
                  json_url="/api/v1/events?" + _urlencode(params),
                  types=types, actors=actors, quad_labels=QUAD_LABELS, modalities=Q.MODALITIES)


# -- article -----------------------------------------------------------------------------------------
def highlight_segments(rec: dict) -> list[dict]:
    """The article text cut at every span boundary; each piece lists the kinds of span covering it."""
    text = rec["text"] or ""
    spans: list[tuple[int, int, str, str, Optional[int]]] = []

    def add(sp, kind, title, ev=None):
        if (sp and sp.get("start") is not None and sp.get("end") is not None
                and 0 <= sp["start"] < sp["end"] <= len(text)):
            spans.append((sp["start"], sp["end"], kind, title, ev))

    for i, e in enumerate(rec["events"]):
        add(e["trigger"], "trigger", f"{e['event']} {e['cameo']} ({e['rule']})", i)
        for a in e["actor"]:
            add(a, "actor", f"actor {(a.get('code') or '')}{(a.get('sector') or '')} {a.get('name') or ''}".strip(), i)
        for a in e["recipient"]:
            add(a, "recipient", f"recipient {(a.get('code') or '')}{(a.get('sector') or '')} "
                                f"{a.get('name') or ''}".strip(), i)
    for q in rec["quotes"]:
        for frag in (q["fragments"] or [q["content"]]):
            add(frag, "quote", "quotation" + (" (direct)" if q["direct"] else " (indirect)"))
        add(q["speaker"], "speaker", "speaker" + (f" {q['speaker_actor']['code']}" if q["speaker_actor"] else ""))
        add(q["cue"], "cue", "attribution cue")
    for p in rec["places"]:
        add(p, "place", f"place {p.get('name') or ''} {p.get('country_code') or ''}".strip())
    for t in rec["times"]:
        add(t, "time", f"{t.get('type')} {t.get('value') or ''}".strip())
    for m in rec["amounts"]:
        add(m, "amount", f"amount {m.get('kind') or ''} {m.get('value')}".strip())
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    segs = []
    for lo, hi in zip(cuts, cuts[1:]):
        cover = [s for s in spans if s[0] <= lo and hi <= s[1]]
        kinds = sorted({s[2] for s in cover})
        evs = sorted({s[4] for s in cover if s[4] is not None})
        titles = list(dict.fromkeys(s[3] for s in cover))
        segs.append({"text": text[lo:hi], "kinds": kinds, "title": "; ".join(titles),
                     "events": " ".join(str(e) for e in evs)})
    return segs


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, db: Database = Depends(get_db)):
    with db.read() as cur:
        rec = Q.article(cur, article_id)
    if rec is None:
        return render_error(request, 404, f"No article with id {article_id!r}.")
    rec = jsonable(rec)
    return render(request, "article.html", a=rec, segments=highlight_segments(rec))


# -- dyad --------------------------------------------------------------------------------------------
@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request, a: Optional[ActorCode] = None, b: Optional[ActorCode] = None,
              by: Period = "month", since: Optional[dt.date] = None, until: Optional[dt.date] = None,
              db: Database = Depends(get_db)):
    actors = db.query(Q.actor_choices)
    if not a or not b:
        # default: the busiest dyad between two different countries
        dy = db.query(Q.top, **top_args("dyads", n=50))
        pair = next(((r["source"], r["target"]) for r in dy if r["source"] != r["target"]), None)
        if pair and not a and not b:
            a, b = pair
    rows, error = [], None
    if a and b:
        if a.upper() == b.upper():
            error = "Pick two different actors."
        else:
            rows = jsonable(db.query(Q.dyad, **dyad_args(a, b, by, since, until)))
            rows = sorted((dict(r, period_end=period_end(r["period"], by)) for r in rows),
                          key=lambda r: (r["period"], r["direction"] != f"{a.upper()}->{b.upper()}"))
    params = {"a": (a or "").upper(), "b": (b or "").upper(), "by": by, "since": since, "until": until}
    return render(request, "dyad.html", a=params["a"], b=params["b"], by=by, since=since, until=until, rows=rows,
                  error=error, actors=actors, api_url="/api/v1/dyad?" + _urlencode(params),
                  csv_url="/api/v1/dyad?" + _urlencode({**params, "format": "csv"}))


# -- actor -------------------------------------------------------------------------------------------
@router.get("/actor", response_class=HTMLResponse)
def actor_page(request: Request, actor: Optional[ActorCode] = None, by: Period = "month",
               since: Optional[dt.date] = None, until: Optional[dt.date] = None, db: Database = Depends(get_db)):
    actors = db.query(Q.actor_choices)
    if not actor and actors:
        actor = actors[0][0]
    rows, partners = [], []
    if actor:
        rows = jsonable(db.query(Q.timeline, **timeline_args(actor, by, since, until)))
        partners = db.query(Q.actor_partners, actor=actor.upper(), since=since, until=until, n=15)
    params = {"actor": (actor or "").upper(), "by": by, "since": since, "until": until}
    return render(request, "actor.html", actor=params["actor"], by=by, since=since, until=until, rows=rows,
                  partners=jsonable(partners), actors=actors, api_url="/api/v1/timeline?" + _urlencode(params),
                  csv_url="/api/v1/timeline?" + _urlencode({**params, "format": "csv"}),
                  partners_csv="/api/v1/partners?" + _urlencode({"actor": params["actor"], "since": since,
                                                                 "until": until, "format": "csv"}))


# -- map ---------------------------------------------------------------------------------------------
@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Q.EventFilters = Depends(event_filters), db: Database = Depends(get_db)):
    params = _query_params(request)
    places, _ = db.query(Q.geo_places, f=f, limit=MAX_LIMIT, cursor=None)
    countries = db.query(Q.geo_countries, f=f)
    return render(request, "map.html", f=f, places=jsonable(places), countries=countries,
                  geo_url="/api/v1/geo?" + _urlencode(params),
                  countries_url="/api/v1/geo/countries?" + _urlencode(params),
                  csv_url="/api/v1/geo?" + _urlencode({**params, "format": "csv"}),
                  countries_csv="/api/v1/geo/countries?" + _urlencode({**params, "format": "csv"}),
                  events_base="/events?" + _urlencode(params))
