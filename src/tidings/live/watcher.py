"""``tidings watch``: the live loop.

Every ``interval`` one cycle runs:

1. **recover**: update files of a batch that a crash left ``pending`` are written (again) and listed;
2. **collect**: new and changed files of the watched folders (tidings.live.folders), new items of
   the feeds (tidings.live.feeds: polled politely; a new item is recorded ``pending`` in the same
   transaction that saves the feed's ETag, so an item is never lost), and the pages of pending items;
3. **store**: one batch through the pipeline into the store (:func:`tidings.store.ingest`: one
   transaction per 64 records; canonical events and mention counts are updated as each commits).
   An article whose content hash is already stored (under any id) is skipped, so each article is
   stored exactly once; then the files and items of the batch are marked as seen;
4. **publish** (with ``publish``): when the batch linked new event mentions, a ``live_batches`` row
   is committed ``pending`` with its stamp and ``event_mentions.seq`` range, the update files and
   lists are written atomically (tidings.live.publish), and the row is marked ``done``.

All state lives in the DuckDB store (``live_files``, ``live_feeds``, ``live_items``,
``live_batches``; migration 5), which is opened for each cycle and closed after it, so other
processes can read the database between batches. After a ``kill -9`` at any point a restart
redoes only what had not committed: a file or item not yet marked is read again and skipped by its
content hash if its articles were stored; a pending batch is rewritten under the same stamp with
the same bytes; lists are only ever replaced whole.

A failing feed, page or file is logged (``logging``) and recorded in ``ingest_errors``; it is tried
again later (feeds and pages with exponential backoff) and never stops the loop. A cycle that fails
as a whole (the database is locked by another process, the disk is full) is logged; its files are
looked at again in the next cycle.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import urlparse

from ..api import ingest
from ..config import Config
from ..ingest.readers import read_file
from ..model import ArticleInput
from ..store import DEFAULT_DB, Store, content_hash
from . import publish as pub
from .feeds import FetchError, PoliteFetcher, fetch_feed, page_text, read_feed_list
from .folders import FolderWatch, changed_files

log = logging.getLogger(__name__)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$", re.I)


def parse_interval(text: str) -> float:
    """Seconds in ``30s``, ``5m``, ``15m``, ``1h`` (a bare number is seconds)."""
    m = _INTERVAL.match(str(text))
    if not m:
        raise ValueError(f"interval {text!r}: use a number with s, m or h (30s, 5m, 15m, 1h)")
    n = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2).lower()]
    if n <= 0:
        raise ValueError(f"interval {text!r} must be positive")
    return n


@dataclass
class WatchOptions:
    dirs: list[Path] = field(default_factory=list)
    feeds_file: Optional[Path] = None
    db: str = DEFAULT_DB
    interval: float = 900.0
    publish_dir: Optional[Path] = None
    base_url: Optional[str] = None       # URL prefix of the files in the lists (default: their path)
    jobs: int = 1
    settle: float = 1.0                  # seconds a file must be left alone before it is read
    max_items: int = 500                 # feed pages fetched per cycle at most
    item_attempts: int = 5               # tries of a page before it is given up
    backoff: float = 60.0                # first wait after a failed feed or page (doubles, max 1 h)
    timeout: float = 20.0                # per request
    per_host_delay: float = 1.0          # seconds between two requests to one host
    retries: int = 2                     # retries within one fetch
    use_watchfiles: bool = True
    align: bool = True                   # batches at multiples of the interval on the clock (GDELT: :00, :15 ...)


@dataclass
class BatchReport:
    started: dt.datetime
    seconds: float = 0.0
    files: int = 0
    items: int = 0
    articles: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    published: Optional[str] = None
    error: Optional[str] = None


@dataclass
class WatchStatus:
    phase: str = "starting"
    files_seen: int = 0
    items_seen: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    batches: int = 0
    feeds: int = 0
    feeds_failing: int = 0
    last: Optional[BatchReport] = None
    next_at: Optional[float] = None      # time.time() of the next batch


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Watcher:
    def __init__(self, options: WatchOptions, config: Optional[Config] = None,
                 on_status: Optional[Callable[[WatchStatus], None]] = None,
                 fetcher: Optional[PoliteFetcher] = None) -> None:
        self.opts = options
        self.config = config or Config()
        self.on_status = on_status
        self.status = WatchStatus()
        self.fetcher = fetcher or PoliteFetcher(timeout=options.timeout, per_host_delay=options.per_host_delay,
                                                retries=options.retries, backoff=min(options.backoff, 2.0))
        self.feeds = read_feed_list(options.feeds_file) if options.feeds_file else []
        self.status.feeds = len(self.feeds)
        self.folders = FolderWatch(options.dirs, options.use_watchfiles) if options.dirs else None
        self._stop = threading.Event()

    # -- the loop ---------------------------------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()

    def _notify(self, phase: Optional[str] = None) -> None:
        if phase:
            self.status.phase = phase
        if self.on_status is not None:
            try:
                self.on_status(self.status)
            except Exception:  # a display problem never stops the loop
                log.exception("status callback failed")

    def run(self, once: bool = False, cycles: Optional[int] = None) -> WatchStatus:
        """Run cycles every ``interval`` until :meth:`stop` (or one with ``once``, or ``cycles``)."""
        n = 0
        try:
            if self.opts.jobs <= 1:
                # load the model before the first batch, so a batch's time is its own
                from ..pipeline import get_pipeline

                self._notify("loading model")
                get_pipeline(self.config)
            while not self._stop.is_set():
                t0 = time.time()
                self.cycle()
                n += 1
                if once or (cycles is not None and n >= cycles) or self._stop.is_set():
                    break
                if self.opts.align:
                    # on the clock's multiples of the interval, as GDELT's :00, :15, :30, :45
                    next_at = (int(time.time() // self.opts.interval) + 1) * self.opts.interval
                else:
                    next_at = t0 + self.opts.interval
                self.status.next_at = max(next_at, time.time())
                self._notify("waiting")
                self._stop.wait(max(0.0, self.status.next_at - time.time()))
        finally:
            self.close()
        self._notify("stopped")
        return self.status

    def close(self) -> None:
        if self.folders is not None:
            self.folders.stop()

    def cycle(self) -> BatchReport:
        """One cycle (recover, collect, store, publish); never raises for a bad input."""
        rep = BatchReport(started=_now())
        t0 = time.perf_counter()
        self._notify("batch")
        paths: set[str] = set()
        try:
            with Store(self.opts.db) as store:
                self._recover(store)
                paths = self.folders.take() if self.folders is not None else set()
                self._batch(store, paths, rep)
        except Exception as exc:  # the batch as a whole failed: say so, keep going
            log.exception("batch failed")
            rep.error = f"{exc.__class__.__name__}: {exc}"
            if self.folders is not None:
                self.folders.put_back(paths)
        rep.seconds = time.perf_counter() - t0
        self.status.batches += 1
        self.status.last = rep
        self._notify("batch done")
        return rep

    # -- one batch --------------------------------------------------------------------------------
    def _batch(self, store: Store, paths: set[str], rep: BatchReport) -> None:
        known = {r[0]: (r[1], r[2], r[3]) for r in store.sql(
            "SELECT path, mtime_ns, size, sha256 FROM live_files WHERE path IN (SELECT unnest(?))",
            [sorted(paths)]).fetchall()} if paths else {}
        files, later = changed_files(paths, known, self.opts.settle)
        if later and self.folders is not None:
            self.folders.put_back(later)
        items: list = []
        file_counts: dict[str, int] = {}
        where: dict[str, str] = {}          # article id -> its file or page, for ingest_errors
        for f in files:
            if f.unchanged:
                continue
            n = 0
            for it in read_file(Path(f.path)):
                items.append(it)
                if it.id is not None:
                    where[it.id] = f.path
                n += 1
            file_counts[f.path] = n
        rep.files = len(files)
        fetched = self._feeds(store, items, rep) if self.feeds else []
        articles = self._fresh(store, items, rep)
        rep.articles = sum(1 for x in articles if isinstance(x, ArticleInput))
        events_before = store.sql("SELECT count(*) FROM canonical_events").fetchone()[0]
        bad: list[tuple[str, str, str]] = []

        def on_record(rec) -> None:
            # a file or page that could not be read as an article (empty, binary, too long, not
            # English, no main text) also gets an ingest_errors row, with where it came from
            for e in rec.errors:
                if e.stage in ("ingest", "language"):
                    bad.append((where.get(rec.id, rec.url or rec.id), e.stage, f"{rec.id}: {e.message}"))

        if articles:
            r = ingest(articles, store, self.config, jobs=self.opts.jobs, on_record=on_record)
            rep.stored, rep.failed = r.stored, rep.failed + r.failed
            rep.skipped += r.skipped
        for location, stage, message in bad:
            self._log_error(store, location, stage, message)
        pub.checkpoint("ingest-committed")
        # the batch is in the store: mark its files and items
        store.sql("BEGIN TRANSACTION")
        try:
            for f in files:
                store.sql("INSERT OR REPLACE INTO live_files (path, mtime_ns, size, sha256, articles, seen_at) "
                          "VALUES (?, ?, ?, ?, ?, ?)", [f.path, f.mtime_ns, f.size, f.sha256,
                                                        file_counts.get(f.path, 0), _now()])
            for link, art_id in fetched:
                store.sql("UPDATE live_items SET state = 'stored', article_id = ?, last_error = NULL WHERE link = ?",
                          [art_id, link])
            store.sql("COMMIT")
        except Exception:
            store.sql("ROLLBACK")
            raise
        st = self.status
        st.files_seen += rep.files
        st.stored += rep.stored
        st.skipped += rep.skipped
        st.failed += rep.failed
        rep.events = store.sql("SELECT count(*) FROM canonical_events").fetchone()[0] - events_before
        if self.opts.publish_dir is not None:
            published = self._publish(store)
            rep.published = published.stamp if published else None

    def _fresh(self, store: Store, items: list, rep: BatchReport) -> list:
        """Drop articles whose content is stored already under another id, or met twice here."""
        arts = [x for x in items if isinstance(x, ArticleInput)]
        hashes = {id(x): content_hash(x) for x in arts}
        stored = dict(store.sql("SELECT content_hash, id FROM articles WHERE content_hash IN (SELECT unnest(?))",
                                [sorted(set(hashes.values()))]).fetchall()) if hashes else {}
        seen: dict[str, str] = {}
        out = []
        for x in items:
            if isinstance(x, ArticleInput):
                h = hashes[id(x)]
                other = stored.get(h, seen.get(h))
                if other is not None and other != x.id:
                    rep.skipped += 1
                    log.info("%s: same content as the stored article %s, skipped", x.id, other)
                    continue
                seen.setdefault(h, x.id)
            out.append(x)
        return out

    # -- feeds ------------------------------------------------------------------------------------
    def _log_error(self, store: Store, location: str, stage: str, message: str) -> None:
        """An ``ingest_errors`` row (once per location and message) and a log line."""
        log.warning("%s: %s", location, message)
        seen = store.sql("SELECT 1 FROM ingest_errors WHERE location = ? AND message = ? LIMIT 1",
                         [location, message]).fetchone()
        if not seen:
            store.log_problem(location, stage, message)

    def _feeds(self, store: Store, items: list, rep: BatchReport) -> list[tuple[str, str]]:
        """Poll due feeds, then fetch pending pages into ``items``; returns (link, article id) of
        the pages fetched."""
        now = _now()
        failing = 0
        for url in self.feeds:
            if self._stop.is_set():
                break
            row = store.sql("SELECT etag, modified, failures, next_try FROM live_feeds WHERE url = ?", [url]).fetchone()
            etag, modified, failures, next_try = row if row else (None, None, 0, None)
            if next_try is not None and next_try > now:
                failing += 1
                continue
            try:
                res = fetch_feed(self.fetcher, url, etag=etag, modified=modified)
            except Exception as exc:   # FetchError, or anything a broken feed makes the parser raise
                failures = (failures or 0) + 1
                wait = min(3600.0, self.opts.backoff * 2 ** (failures - 1))
                msg = str(exc) if isinstance(exc, FetchError) else f"{exc.__class__.__name__}: {exc}"
                store.sql("INSERT OR REPLACE INTO live_feeds (url, etag, modified, polled_at, failures, next_try, "
                          "last_error) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          [url, etag, modified, now, failures, now + dt.timedelta(seconds=wait), msg])
                self._log_error(store, url, "feed", msg)
                failing += 1
                continue
            store.sql("BEGIN TRANSACTION")
            try:
                new = 0
                for it in res.items:
                    before = store.sql("SELECT 1 FROM live_items WHERE link = ?", [it.link]).fetchone()
                    if before:
                        continue
                    store.sql("INSERT INTO live_items (link, feed, guid, title, published, state) "
                              "VALUES (?, ?, ?, ?, ?, 'pending')", [it.link, url, it.guid, it.title, it.published])
                    new += 1
                store.sql("INSERT OR REPLACE INTO live_feeds (url, etag, modified, polled_at, failures, next_try, "
                          "last_error) VALUES (?, ?, ?, ?, 0, NULL, NULL)", [url, res.etag, res.modified, now])
                store.sql("COMMIT")
            except Exception:
                store.sql("ROLLBACK")
                raise
            self.status.items_seen += new
            rep.items += new
            for p in res.problems:
                self._log_error(store, url, "feed", p)
                rep.failed += 1
        self.status.feeds_failing = failing
        return self._pages(store, items, rep)

    def _pages(self, store: Store, items: list, rep: BatchReport) -> list[tuple[str, str]]:
        from ..ingest.html import HtmlError

        now = _now()
        rows = store.sql("SELECT link, title, published, attempts FROM live_items WHERE state = 'pending' "
                         "AND (next_try IS NULL OR next_try <= ?) ORDER BY added_at, link LIMIT ?",
                         [now, self.opts.max_items]).fetchall()
        fetched = []
        for link, title, published, attempts in rows:
            if self._stop.is_set():
                break
            try:
                ex = page_text(self.fetcher, link)
            except HtmlError as exc:           # the page has no article text: retrying will not help
                store.sql("UPDATE live_items SET state = 'failed', attempts = attempts + 1, last_error = ? "
                          "WHERE link = ?", [str(exc), link])
                self._log_error(store, link, "page", str(exc))
                rep.failed += 1
                continue
            except Exception as exc:           # network trouble: later, with backoff
                attempts = (attempts or 0) + 1
                msg = str(exc) if isinstance(exc, FetchError) else f"{exc.__class__.__name__}: {exc}"
                if attempts >= self.opts.item_attempts:
                    store.sql("UPDATE live_items SET state = 'failed', attempts = ?, last_error = ? WHERE link = ?",
                              [attempts, msg, link])
                    self._log_error(store, link, "page", f"given up after {attempts} tries: {msg}")
                    rep.failed += 1
                else:
                    wait = min(3600.0, self.opts.backoff * 2 ** (attempts - 1))
                    store.sql("UPDATE live_items SET attempts = ?, next_try = ?, last_error = ? WHERE link = ?",
                              [attempts, now + dt.timedelta(seconds=wait), msg, link])
                    log.warning("%s: %s (try %d, again in %.0fs)", link, msg, attempts, wait)
                continue
            items.append(ArticleInput(id=link, text=ex.text, title=title or ex.title, date=published or ex.date,
                                      source=ex.source or urlparse(link).netloc, url=link))
            fetched.append((link, link))
        return fetched

    # -- publishing -------------------------------------------------------------------------------------
    def _recover(self, store: Store) -> None:
        """Finish batches a crash left pending (same stamp, same range, same bytes)."""
        if self.opts.publish_dir is None:
            return
        rows = store.sql("SELECT stamp, seq_from, seq_to FROM live_batches WHERE state = 'pending' "
                         "ORDER BY stamp").fetchall()
        for stamp, lo, hi in rows:
            folder = Path(self.opts.publish_dir)
            if not pub.listed_ok(folder, stamp):
                pub.write_batch(store, folder, stamp, lo, hi, base_url=self.opts.base_url)
            store.sql("UPDATE live_batches SET state = 'done', published_at = ? WHERE stamp = ?", [_now(), stamp])
            log.info("recovered the update files of %s", stamp)

    def _publish(self, store: Store) -> Optional[pub.Published]:
        assert self.opts.publish_dir is not None
        seq_to = store.sql("SELECT coalesce(max(seq), 0) FROM event_mentions").fetchone()[0]
        seq_from = store.sql("SELECT coalesce(max(seq_to), 0) FROM live_batches").fetchone()[0]
        if seq_to <= seq_from:
            return None
        last = store.sql("SELECT max(stamp) FROM live_batches").fetchone()[0]
        t = _now().replace(microsecond=0)
        if last is not None and pub.stamp_of(t) <= last:
            t = pub.parse_stamp(last) + dt.timedelta(seconds=1)
        stamp = pub.stamp_of(t)
        n_mentions = pub.count_mentions(store, seq_from, seq_to)
        if n_mentions == 0:   # only modal or negated events: nothing GDELT would list
            store.sql("INSERT INTO live_batches (stamp, seq_from, seq_to, state, events, mentions, published_at) "
                      "VALUES (?, ?, ?, 'empty', 0, 0, ?)", [stamp, seq_from, seq_to, _now()])
            return None
        store.sql("INSERT INTO live_batches (stamp, seq_from, seq_to, state) VALUES (?, ?, ?, 'pending')",
                  [stamp, seq_from, seq_to])
        pub.checkpoint("batch-pending")
        out = pub.write_batch(store, Path(self.opts.publish_dir), stamp, seq_from, seq_to, base_url=self.opts.base_url)
        store.sql("UPDATE live_batches SET state = 'done', events = ?, mentions = ?, published_at = ? WHERE stamp = ?",
                  [out.events, out.mentions, _now(), stamp])
        return out

