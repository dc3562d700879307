"""Polite fetching of RSS/Atom feeds and article pages.

* Conditional requests: a feed's ``ETag`` and ``Last-Modified`` are sent back
  (``If-None-Match``/``If-Modified-Since``); a ``304`` costs the server nothing.
* A per-host rate limit: at least ``per_host_delay`` seconds between two requests to one host.
* Timeouts on every request, a size cap on bodies, and retries with exponential backoff on
  network errors, timeouts, ``429`` and ``5xx`` (``Retry-After`` honoured up to ``max_wait``).
  Other ``4xx`` answers fail at once.
* A feed or page that still fails raises :class:`FetchError`; the watcher logs it, stores the
  error and tries again in a later cycle (see tidings.live.watcher): it never stops the loop.

Feeds are parsed with feedparser; article pages are reduced to their main text with trafilatura
(tidings.ingest.html).
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

from .. import __version__

log = logging.getLogger(__name__)

USER_AGENT = f"tidings/{__version__} (news event coder; +https://github.com/tidings)"


class FetchError(RuntimeError):
    """A request that failed for good (after its retries)."""


@dataclass
class Response:
    url: str
    status: int
    body: bytes = b""
    etag: Optional[str] = None
    modified: Optional[str] = None
    content_type: str = ""


@dataclass
class FeedItem:
    link: str
    guid: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None     # ISO 8601, when the feed gives one


@dataclass
class FeedResult:
    status: int                          # 200, or 304 (not modified)
    items: list[FeedItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # malformed entries
    etag: Optional[str] = None
    modified: Optional[str] = None


class PoliteFetcher:
    """HTTP GET with timeouts, retries, backoff and a per-host rate limit (thread-safe)."""

    def __init__(self, user_agent: str = USER_AGENT, timeout: float = 20.0, per_host_delay: float = 1.0,
                 retries: int = 3, backoff: float = 1.0, max_wait: float = 60.0,
                 max_bytes: int = 10_000_000) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.per_host_delay = per_host_delay
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_bytes = max_bytes
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self.requests = 0

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            due = self._last.get(host, 0.0) + self.per_host_delay
            self._last[host] = max(now, due)
        if due > now:
            time.sleep(due - now)

    def get(self, url: str, etag: Optional[str] = None, modified: Optional[str] = None) -> Response:
        host = urlparse(url).netloc.lower()
        if urlparse(url).scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs are fetched")
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        last_error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(self.max_wait, self.backoff * 2 ** (attempt - 1)))
            self._wait_turn(host)
            self.requests += 1
            req = urllib.request.Request(url, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    body = resp.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: body larger than {self.max_bytes:,} bytes")
                    return Response(url=resp.geturl(), status=resp.status, body=body, etag=resp.headers.get("ETag"),
                                    modified=resp.headers.get("Last-Modified"),
                                    content_type=resp.headers.get("Content-Type", ""))
            except urllib.error.HTTPError as exc:
                if exc.code == 304:
                    return Response(url=url, status=304, etag=etag, modified=modified)
                last_error = f"HTTP {exc.code} {exc.reason}"
                if exc.code == 429 or exc.code >= 500:
                    retry_after = exc.headers.get("Retry-After") if exc.headers else None
                    if retry_after and retry_after.isdigit() and attempt < self.retries:
                        time.sleep(min(self.max_wait, float(retry_after)))
                    continue
                raise FetchError(f"{url}: {last_error}") from None
            except FetchError:
                raise
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                last_error = f"{exc.__class__.__name__}: {reason}"
                continue
        raise FetchError(f"{url}: {last_error} (after {self.retries + 1} tries)")


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs from a file: one a line; blank lines and ``#`` comments skipped."""
    urls = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            urls.append(line)
    return urls


def _iso(parsed) -> Optional[str]:
    if not parsed:
        return None
    try:
        y, mo, d, h, mi, s = (int(x) for x in parsed[:6])
        return dt.datetime(y, mo, d, h, mi, s, tzinfo=dt.timezone.utc).isoformat()
    except (TypeError, ValueError):
        return None


def parse_feed(body: bytes, url: str) -> FeedResult:
    """Items of an RSS/Atom document. Raises :class:`FetchError` when it is no feed at all."""
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(body)
    if parsed.get("bozo") and not parsed.entries:
        exc = parsed.get("bozo_exception")
        raise FetchError(f"{url}: not a readable RSS/Atom feed ({exc.__class__.__name__ if exc else 'no entries'}: "
                         f"{exc})")
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(f"{url}: not an RSS/Atom feed")
    out = FeedResult(status=200)
    for n, e in enumerate(parsed.entries):
        link = (e.get("link") or "").strip()
        if not link or urlparse(link).scheme not in ("http", "https"):
            title = (e.get("title") or "")[:80]
            out.problems.append(f"entry {n + 1} ({title!r}) has no http(s) link")
            continue
        out.items.append(FeedItem(link=link, guid=e.get("id") or None, title=e.get("title") or None,
                                  published=_iso(e.get("published_parsed") or e.get("updated_parsed"))))
    return out


def fetch_feed(fetcher: PoliteFetcher, url: str, etag: Optional[str] = None,
               modified: Optional[str] = None) -> FeedResult:
    resp = fetcher.get(url, etag=etag, modified=modified)
    if resp.status == 304:
        return FeedResult(status=304, etag=etag, modified=modified)
    res = parse_feed(resp.body, url)
    res.etag, res.modified = resp.etag, resp.modified
    return res


def _charset(content_type: str) -> Optional[str]:
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.lower() == "charset" and v:
            return v.strip('"\'')
    return None


def page_text(fetcher: PoliteFetcher, link: str):
    """The page's main text and metadata (tidings.ingest.html.Extracted). Raises FetchError on a
    network failure (worth retrying) and HtmlError when the page has no main text (not)."""
    from ..ingest.html import extract_html
    from ..ingest.readers import decode_bytes

    resp = fetcher.get(link)
    html = None
    cs = _charset(resp.content_type)
    if cs:
        try:
            html = resp.body.decode(cs)
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html, _problem = decode_bytes(resp.body, link)
    if html is None:
        from ..ingest.html import HtmlError

        raise HtmlError("the page is not text")
    return extract_html(html, url=resp.url or link)
