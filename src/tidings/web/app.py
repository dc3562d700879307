"""The FastAPI application: the API (``/api/v1``), its OpenAPI docs (``/api/docs``) and the pages.

>>> from tidings.web import create_app, WebSettings
>>> app = create_app("tidings.duckdb")                       # read-only, ingest off
>>> app = create_app("tidings.duckdb", WebSettings(token="s3cret"))   # POST /api/v1/articles on

Safe by default: the database is opened read-only unless a token is set; every response carries
a Content-Security-Policy of ``'self'`` (the pages load no inline script or style and nothing from
another host); CORS headers only for the origins given; a bad parameter is a 422 with a JSON
error; an unexpected error is a generic 500 (the trace goes to the log, never to the client).
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Optional, Union

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from .db import Database, QueryTimeout
from .settings import WebSettings

log = logging.getLogger(__name__)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI sets style attributes on its elements: its page alone may use inline styles
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def web_dir() -> Path:
    return Path(str(resources.files("tidings.web")))


#: API paths whose GET responses are cached whole (not /healthz: it must ask the database each time)
CACHED_PREFIXES = ("/api/v1/events", "/api/v1/dyad", "/api/v1/timeline", "/api/v1/partners", "/api/v1/top/",
                   "/api/v1/series", "/api/v1/geo", "/api/v1/stats", "/api/v1/articles/")
MAX_CACHED_RESPONSE = 2 * 2**20


class ResponseCache:
    """ASGI middleware: a GET of the API answered 200 with JSON is remembered whole (status, headers with the
    security headers, body),
    keyed on the path, the query string normalised (parameters sorted by name, the order of a repeated
    parameter's values kept) and the store's data version; the same request is then answered from memory
    until the store changes. CSV (streamed) and bodies over ``max_body`` are not kept. Bounded in bytes (LRU)."""

    def __init__(self, app, db: Database, max_body: int = MAX_CACHED_RESPONSE) -> None:
        self.app, self.db, self.max_body = app, db, max_body

    @staticmethod
    def key(scope) -> tuple:
        from urllib.parse import parse_qsl

        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        return scope["path"], tuple(sorted(pairs, key=lambda kv: kv[0]))

    async def __call__(self, scope, receive, send):
        if (scope["type"] != "http" or scope["method"] != "GET"
                or not scope["path"].startswith(CACHED_PREFIXES) or self.db.responses.max_bytes == 0):
            await self.app(scope, receive, send)
            return
        version = self.db.version
        key = (version, *self.key(scope))
        hit = self.db.responses.get(key)
        if hit is not None:
            headers, body = hit
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict = {}
        parts: list[bytes] = []
        keep = True

        async def capture(message):
            nonlocal keep
            if message["type"] == "http.response.start":
                start.update(message)
                ctype = dict(message.get("headers") or []).get(b"content-type", b"")
                keep = message["status"] == 200 and (ctype.startswith(b"application/json")
                                                     or ctype.startswith(b"application/geo+json"))
            elif message["type"] == "http.response.body" and keep:
                parts.append(message.get("body", b""))
                if sum(map(len, parts)) > self.max_body:
                    keep = False
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start and version == self.db.version:
            body = b"".join(parts)
            self.db.responses.put(key, (list(start.get("headers") or []), body), size=len(body))


class DropEmptyParams:
    """ASGI middleware: a page's form submits every field, empty ones as ``name=``; on the pages (not the
    API, which stays strict) an empty field means "not given"."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and not scope["path"].startswith("/api/") and scope.get("query_string"):
            from urllib.parse import parse_qsl, urlencode

            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v != ""]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("latin-1"))
        await self.app(scope, receive, send)


def create_app(db: Union[str, Path, Database], settings: Optional[WebSettings] = None) -> FastAPI:
    settings = settings or WebSettings()
    database = db if isinstance(db, Database) else Database(
        db, writable=bool(settings.token), timeout_s=settings.query_timeout_s, cache_size=settings.cache_size,
        response_cache_mb=settings.response_cache_mb, threads=settings.threads)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if not isinstance(db, Database):
            database.close()

    app = FastAPI(title="tidings", version=__version__, lifespan=lifespan,
                  description="Political event data from international news: canonical (deduplicated) events "
                              "with their evidence, dyads, timelines, top lists and places, read from a tidings "
                              "DuckDB store. Lists page with an opaque `cursor`; `format=csv` streams every "
                              "matching row.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.db = database
    app.state.settings = settings

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        path = request.url.path
        response.headers.setdefault("Content-Security-Policy", DOCS_CSP if path == "/api/docs" else CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.add_middleware(DropEmptyParams)
    # outside the headers middleware (a hit skips it: the stored response already carries its headers) but
    # inside CORS, whose headers depend on the request's Origin
    app.add_middleware(ResponseCache, db=database)

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if not request.url.path.startswith("/api/"):
            from .pages import render_error

            msgs = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors())
            return render_error(request, 422, f"Invalid parameters: {msgs}")
        return JSONResponse(status_code=422, content={"error": "invalid request", "detail": [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", "invalid value")} for e in exc.errors()]})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if not request.url.path.startswith("/api/") and exc.status_code == 404:
            from .pages import render_error

            return render_error(request, 404, "Not found")
        error = {401: "unauthorised", 403: "forbidden", 404: "not found", 405: "method not allowed",
                 413: "body too large", 422: "invalid request"}.get(exc.status_code, "error")
        return JSONResponse(status_code=exc.status_code, content={"error": error, "detail": exc.detail},
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, exc: QueryTimeout):
        return JSONResponse(status_code=504, content={"error": "query timeout", "detail": str(exc)})

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        log.error("error serving %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(status_code=500, content={"error": "internal server error"})

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(web_dir() / "static")), name="static")

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tidings API</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/js/docs.js"></script></body></html>""")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(web_dir() / "static" / "favicon.svg", media_type="image/svg+xml")

    return app
