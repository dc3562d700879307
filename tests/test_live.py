"""tidings watch: folders, feeds from a local HTTP server, update files, kill -9 and restart.

Everything runs offline: feeds and pages come from an http.server on 127.0.0.1 in a thread
that stops at the end of the module (and by itself after two minutes at the latest)."""
from __future__ import annotations

import hashlib
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tidings.export import gdelt
from tidings.live import Watcher, WatchOptions, parse_interval, verify
from tidings.live import publish as pub
from tidings.live.feeds import FetchError, PoliteFetcher
from tidings.store import Store

REPO = Path(__file__).resolve().parents[1]

# -- articles of our own -------------------------------------------------------------------------------
STORIES = {
    "nairobi": ("Kenyan police fired tear gas at protesters in Nairobi on Tuesday, and the opposition "
                "condemned the violent crackdown. The interior minister said officers had arrested forty people. "
                "Opposition leaders called for fresh talks with the government."),
    "ankara": ("Turkish officials met the mayor of Odessa in Ankara on Monday and praised the friendly talks. "
               "The two sides agreed to expand trade and signed a new cooperation agreement."),
    "tbilisi": ("Tbilisi police arrested dozens of opposition protesters on Sunday. The European Union urged "
                "the Georgian government to release the detained demonstrators and to respect the right to protest."),
    "manila": ("Philippine coast guard vessels were attacked by Chinese ships near a disputed reef on Thursday, "
               "officials in Manila said. The Philippine government accused Beijing of harassment."),
}


def page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>{paras}</article><footer>Copyright the example paper</footer>"
            f"</body></html>").encode()


def rss(base: str, items: list[tuple[str, str]], extra: str = "") -> bytes:
    xs = "".join(f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
                 f"<pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate></item>" for t, path in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title><link>{base}/</link>'
            f"<description>news</description>{xs}{extra}</channel></rss>").encode()


# -- the local server ----------------------------------------------------------------------------------
class Site:
    """Routes → (status, body, etag); counts requests; a route may fail its first N requests."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes, str | None]] = {}
        self.fail_first: dict[str, int] = {}
        self.log: list[tuple[str, int, dict]] = []
        self.lock = threading.Lock()

    def handler(site):  # noqa: N805 - a factory closing over the site
        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                with site.lock:
                    route = site.routes.get(self.path)
                    left = site.fail_first.get(self.path, 0)
                    if left:
                        site.fail_first[self.path] = left - 1
                if route is None:
                    status, body, etag = 404, b"not found", None
                elif left:
                    status, body, etag = 503, b"busy", None
                else:
                    status, body, etag = route
                    if etag and self.headers.get("If-None-Match") == etag:
                        status, body = 304, b""
                with site.lock:
                    site.log.append((self.path, status, dict(self.headers)))
                self.send_response(status)
                if etag:
                    self.send_header("ETag", etag)
                ctype = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

        return H

    def hits(self, path: str) -> list[int]:
        with self.lock:
            return [s for p, s, _ in self.log if p == path]


@pytest.fixture(scope="module")
def site():
    s = Site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), s.handler())
    server.timeout = 1
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    guard = threading.Timer(120, server.shutdown)     # stops by itself whatever happens
    guard.daemon = True
    guard.start()
    yield s
    guard.cancel()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def options(tmp_path: Path, **kw) -> WatchOptions:
    base = dict(db=str(tmp_path / "live.duckdb"), publish_dir=tmp_path / "pub", settle=0.0, interval=0.2,
                per_host_delay=0.01, timeout=5, retries=1, backoff=0.01, use_watchfiles=False)
    base.update(kw)
    return WatchOptions(**base)


def fast_fetcher() -> PoliteFetcher:
    return PoliteFetcher(timeout=5, per_host_delay=0.01, retries=1, backoff=0.01)


# -- small parts -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, seconds", [("30s", 30), ("5m", 300), ("15m", 900), ("1h", 3600), ("2", 2)])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("bad", ["", "15x", "-5m", "0s", "m"])
def test_parse_interval_rejects(bad):
    with pytest.raises(ValueError):
        parse_interval(bad)


def test_lists_and_verify(tmp_path):
    data = pub.zip_bytes("20240101000000.export.CSV", "a\tb\n", "20240101000000")
    assert data == pub.zip_bytes("20240101000000.export.CSV", "a\tb\n", "20240101000000")   # same bytes
    pub.atomic_write(tmp_path / "20240101000000.export.CSV.zip", data)
    e = pub.ListEntry(len(data), hashlib.md5(data).hexdigest(), str(tmp_path / "20240101000000.export.CSV.zip"))
    pub.update_lists(tmp_path, [e])
    assert verify(tmp_path) == []
    assert (tmp_path / "lastupdate.txt").read_text() == f"{len(data)} {e.md5} {e.url}\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # a truncated file is caught
    (tmp_path / "20240101000000.export.CSV.zip").write_bytes(data[:-5])
    assert verify(tmp_path) and "size" in verify(tmp_path)[0]


# -- folders ------------------------------------------------------------------------------------------------
def test_folder_batches(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "nairobi.txt").write_text(STORIES["nairobi"])
    (inbox / "more.jsonl").write_text(
        json.dumps({"id": "ankara", "text": STORIES["ankara"], "date": "2024-05-06"}) + "\n"
        + "{this is not json\n"
        + json.dumps({"id": "tbilisi", "text": STORIES["tbilisi"], "date": "2024-05-05"}) + "\n")
    w = Watcher(options(tmp_path, dirs=[inbox]))
    first = w.cycle()
    assert first.error is None and first.files == 2 and first.stored == 3 and first.published
    # nothing new: no batch file; a copy under another name is the same article
    (inbox / "copy-of-nairobi.txt").write_text(STORIES["nairobi"])
    (inbox / "junk.txt").write_bytes(bytes(range(256)) * 4)       # a binary file: an error, the loop goes on
    second = w.cycle()
    assert second.stored == 1 and second.failed == 1 and second.skipped == 1 and second.published is None
    # a changed file replaces its article
    time.sleep(0.01)
    (inbox / "nairobi.txt").write_text(STORIES["nairobi"] + " Police later released the detained protesters.")
    third = w.cycle()
    assert third.stored == 1
    w.close()
    with Store(tmp_path / "live.duckdb", read_only=True) as st:
        ids = [r[0] for r in st.sql("SELECT id FROM articles ORDER BY id").fetchall()]
        assert ids == ["ankara", "junk", "nairobi", "tbilisi"]
        errs = st.sql("SELECT location, message FROM ingest_errors").fetchall()
        assert any("more.jsonl:2" in loc and "JSON" in msg for loc, msg in errs), errs
        assert any(loc.endswith("junk.txt") and "binary" in msg for loc, msg in errs), errs
        assert st.sql("SELECT count(*) FROM live_files").fetchone()[0] == 4
        done = st.sql("SELECT stamp FROM live_batches WHERE state = 'done' ORDER BY stamp").fetchall()
        tones = st.sql("SELECT count(*) FROM articles WHERE tone IS NOT NULL AND tone <> 0 AND id <> 'junk'"
                       ).fetchone()[0]
    assert len(done) >= 1 and tones == 3
    folder = tmp_path / "pub"
    assert verify(folder) == []
    last = pub.read_list(folder / "lastupdate.txt")
    assert [e.name.split(".", 1)[1] for e in last] == ["export.CSV.zip", "mentions.CSV.zip"]
    for e in last:
        assert hashlib.md5((folder / e.name).read_bytes()).hexdigest() == e.md5
    master = pub.read_list(folder / "masterfilelist.txt")
    assert len(master) == 2 * len(done)
    # the first export loads in pandas under GDELT's names
    first_export = folder / master[0].name
    with zipfile.ZipFile(first_export) as zf:
        (member,) = zf.namelist()
        assert member == master[0].name[:-4]
        df = gdelt.read(zf.open(member))
    assert list(df.columns) == gdelt.column_names() and len(df) >= 2
    assert (df.DATEADDED.astype(str) == master[0].name[:14]).all()
    coded = df[(df.Actor1CountryCode.fillna("") != "") | (df.Actor2CountryCode.fillna("") != "")]
    assert len(coded) >= 2 and coded.ActionGeo_Lat.notna().all() and (df.AvgTone != 0).all()
    # `tidings publish` rebuilds the period's files from the store (one slot here), and verifies them
    from typer.testing import CliRunner

    from tidings.cli.main import app

    runner = CliRunner()
    rebuilt = tmp_path / "rebuilt"
    res = runner.invoke(app, ["publish", "--db", str(tmp_path / "live.duckdb"), "--publish", str(rebuilt),
                              "--since", "2000-01-01", "--interval", "1h", "--base-url", "http://example.org/gdelt"])
    assert res.exit_code == 0, res.output
    rb = pub.read_list(rebuilt / "masterfilelist.txt")
    assert len(rb) >= 2 and all(e.url.startswith("http://example.org/gdelt/") for e in rb)
    assert runner.invoke(app, ["publish", "--verify", "--publish", str(rebuilt)]).exit_code == 0
    n_events = sum(len(gdelt.read(zipfile.ZipFile(rebuilt / e.name).open(e.name[:-4]))) for e in rb
                   if ".export." in e.name)
    n_live = sum(len(gdelt.read(zipfile.ZipFile(folder / e.name).open(e.name[:-4]))) for e in master
                 if ".export." in e.name)
    assert n_events == n_live                      # the same events, whatever the slots
    empty = runner.invoke(app, ["publish", "--db", str(tmp_path / "live.duckdb"), "--publish", str(tmp_path / "none"),
                                "--until", "2000-01-01"])
    assert empty.exit_code == 0 and not (tmp_path / "none" / "masterfilelist.txt").exists()
    (rebuilt / rb[0].name).write_bytes(b"garbage")
    assert runner.invoke(app, ["publish", "--verify", "--publish", str(rebuilt)]).exit_code == 1


# -- feeds --------------------------------------------------------------------------------------------
def test_feeds_polite_and_resilient(tmp_path, site):
    b = site.base
    site.routes["/world.xml"] = (200, rss(b, [("Nairobi protest", "/nairobi.html"), ("Ankara talks", "/ankara.html"),
                                              ("Flaky", "/manila.html"), ("Gone", "/gone.html")],
                                          extra="<item><title>No link at all</title></item>"), '"w1"')
    site.routes["/nairobi.html"] = (200, page("Nairobi protest", STORIES["nairobi"]), None)
    site.routes["/ankara.html"] = (200, page("Ankara talks", STORIES["ankara"]), None)
    site.routes["/manila.html"] = (200, page("Reef clash", STORIES["manila"]), None)
    site.fail_first["/manila.html"] = 2            # fails this cycle (both tries), then works
    site.routes["/broken.xml"] = (200, b"<html><body>this is no feed", None)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# our feeds\n{b}/world.xml\n{b}/broken.xml\n{b}/missing.xml\n")
    w = Watcher(options(tmp_path, feeds_file=feeds, backoff=0.0), fetcher=fast_fetcher())
    r1 = w.cycle()
    assert r1.error is None and r1.items == 4 and r1.stored == 2
    with Store(tmp_path / "live.duckdb", read_only=True) as st:
        states = dict(st.sql("SELECT link, state FROM live_items").fetchall())
        errs = st.sql("SELECT location, stage, message FROM ingest_errors").fetchall()
    assert states[f"{b}/nairobi.html"] == "stored" and states[f"{b}/manila.html"] == "pending"
    assert states[f"{b}/gone.html"] == "pending"
    locs = {loc for loc, _, _ in errs}
    assert f"{b}/broken.xml" in locs and f"{b}/missing.xml" in locs          # logged, loop went on
    assert any("no http(s) link" in m for _, _, m in errs)
    r2 = w.cycle()                                  # the feed answers 304; the flaky page now works
    assert r2.stored == 1 and 304 in site.hits("/world.xml")
    feed_hits = [h for p, s, h in site.log if p == "/world.xml"]
    assert feed_hits[-1].get("If-None-Match") == '"w1"' and "tidings" in feed_hits[-1].get("User-Agent", "")
    for _ in range(4):                              # a page that never comes is given up
        w.cycle()
    w.close()
    with Store(tmp_path / "live.duckdb", read_only=True) as st:
        states = dict(st.sql("SELECT link, state FROM live_items").fetchall())
        n_art = st.sql("SELECT count(*) FROM articles").fetchone()[0]
        gone = st.sql("SELECT message FROM ingest_errors WHERE location = ?", [f"{b}/gone.html"]).fetchall()
        url = st.sql("SELECT url, source FROM articles WHERE id = ?", [f"{b}/manila.html"]).fetchone()
    assert states[f"{b}/gone.html"] == "failed" and gone and "404" in gone[0][0]
    assert n_art == 3 and url[0] == f"{b}/manila.html"
    assert verify(tmp_path / "pub") == []


def test_fetcher_retries_then_fails(site):
    site.routes["/busy.html"] = (200, b"<p>x</p>", None)
    site.fail_first["/busy.html"] = 1
    f = fast_fetcher()
    assert f.get(f"{site.base}/busy.html").status == 200            # one retry was enough
    site.fail_first["/busy.html"] = 5
    with pytest.raises(FetchError, match="503"):
        f.get(f"{site.base}/busy.html")
    with pytest.raises(FetchError, match="404"):
        f.get(f"{site.base}/nowhere.html")


def test_per_host_rate_limit(site):
    site.routes["/r.html"] = (200, b"ok", None)
    f = PoliteFetcher(per_host_delay=0.3, retries=0, timeout=5)
    t0 = time.monotonic()
    for _ in range(3):
        f.get(f"{site.base}/r.html")
    assert time.monotonic() - t0 >= 0.6


# -- kill -9 ----------------------------------------------------------------------------------------------
def _watch(args: list[str], tmp_path: Path, crash_at: str | None = None) -> subprocess.Popen:
    """A watcher subprocess; with ``crash_at`` it kills itself at that checkpoint (_crashing_watch.py)."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    if crash_at:
        cmd = [sys.executable, str(Path(__file__).with_name("_crashing_watch.py")), crash_at, *args]
    else:
        cmd = [sys.executable, "-m", "tidings", "watch", *args]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "watch.err", "ab"))


def _state(db: Path) -> tuple:
    with Store(db, read_only=True) as st:
        return (st.sql("SELECT count(*) FROM articles").fetchone()[0],
                st.sql("SELECT count(*) FROM live_files").fetchone()[0],
                st.sql("SELECT count(*) FROM live_batches WHERE state = 'pending'").fetchone()[0])


def test_kill_9_and_restart(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    texts = list(STORIES.values())
    n = 0
    for k in range(6):                              # 24 distinct articles in six files
        lines = []
        for i, t in enumerate(texts):
            lines.append(json.dumps({"id": f"a{k}-{i}", "date": f"2024-05-{10 + k}", "text": f"{t} (Report {k}.)"}))
            n += 1
        (inbox / f"batch{k}.jsonl").write_text("\n".join(lines) + "\n")
    db, folder = tmp_path / "w.duckdb", tmp_path / "pub"
    # not quiet: one status line per phase on stderr, which tells when a batch starts
    args = [str(inbox), "--db", str(db), "--publish", str(folder), "--interval", "1s", "--settle", "0"]
    kills, states = 0, []
    err = tmp_path / "watch.err"
    # 1. SIGKILL at each crash point of a batch (the process kills itself there), 2. SIGKILL from
    # outside while the batch is being parsed; each restart finds a new file dropped while it was down
    points = ["ingest-committed", "batch-pending", "export-written", "mentions-written", "lists-written", None]
    for k, point in enumerate(points):
        seen = err.read_text().count("[batch]") if err.exists() else 0
        p = _watch(args, tmp_path, point)
        if point is None:
            deadline = time.time() + 300
            while time.time() < deadline and p.poll() is None and err.read_text().count("[batch]") <= seen:
                time.sleep(0.02)
            time.sleep(0.3)
            if p.poll() is None:
                os.kill(p.pid, signal.SIGKILL)
        assert p.wait(timeout=300) == -signal.SIGKILL, (point, err.read_text()[-1500:])
        kills += 1
        states.append((point, _state(db)))
        if folder.exists():
            assert verify(folder) == []             # whatever the moment, the lists are consistent
        (inbox / f"late{k}.txt").write_text(STORIES["manila"] + f" Late report {k}.")
        n += 1
        time.sleep(0.05)
    print("state after each kill (point, (articles, files marked, pending batches)):", states)
    # killed after the first commit, before its files were marked: all 24 stored, no file marked
    assert states[0][1] == (24, 0, 0)
    # the restart skipped them by content hash, stored the late file, died with its batch pending
    assert states[1][1] == (25, 7, 1)
    # the next three died while recovering that batch (after one file, both files, the lists)
    assert [s[1][2] for s in states[2:5]] == [1, 1, 1]
    p = _watch(args + ["--once"], tmp_path)
    assert p.wait(timeout=600) == 0, (tmp_path / "watch.err").read_text()[-2000:]
    with Store(db, read_only=True) as st:
        assert st.sql("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (n, n)
        # every coded event linked exactly once; the counts of the canonical events add up
        assert st.sql("SELECT count(*) FROM events").fetchone()[0] == \
            st.sql("SELECT count(*) FROM event_mentions").fetchone()[0]
        assert st.sql("SELECT sum(num_mentions) FROM canonical_events").fetchone()[0] == \
            st.sql("SELECT count(*) FROM event_mentions").fetchone()[0]
        assert st.sql("SELECT count(*) FROM live_batches WHERE state = 'pending'").fetchone()[0] == 0
        seqs = st.sql("SELECT seq_from, seq_to FROM live_batches ORDER BY seq_from").fetchall()
        top = st.sql("SELECT max(seq) FROM event_mentions").fetchone()[0]
    for (a, b), (c, _) in zip(seqs, seqs[1:]):
        assert b == c                               # batches cover the mentions without gap or overlap
    assert seqs[-1][1] == top
    assert verify(folder) == []
    # every mention is in exactly one published mentions file
    rows = 0
    for e in pub.read_list(folder / "masterfilelist.txt"):
        if ".mentions." in e.name:
            with zipfile.ZipFile(folder / e.name) as zf:
                rows += sum(1 for _ in zf.open(zf.namelist()[0]))
    with Store(db, read_only=True) as st:
        from tidings.export.common import Filters

        where, params = Filters().where("c")
        expected = st.sql(f"SELECT count(*) FROM event_mentions em JOIN canonical_events c ON c.id = em.canonical_id "
                          f"WHERE {where}", params).fetchone()[0]
    assert rows == expected


def test_watchfiles_reports_new_and_changed_files(tmp_path):
    from tidings.live.folders import FolderWatch

    (tmp_path / "old.txt").write_text("x")
    fw = FolderWatch([tmp_path])
    try:
        assert fw.watching
        assert {Path(p).name for p in fw.take()} == {"old.txt"}      # the first take scans everything
        assert fw.take() == set()
        time.sleep(0.3)
        (tmp_path / "new.jsonl").write_text("{}\n")
        (tmp_path / "ignored.pdf").write_text("x")
        (tmp_path / "old.txt").write_text("changed")
        got: set = set()
        deadline = time.time() + 10
        while time.time() < deadline and len(got) < 2:
            got |= {Path(p).name for p in fw.take()}
            time.sleep(0.1)
        assert got == {"new.jsonl", "old.txt"}
    finally:
        fw.stop()


def test_status_line():
    import datetime as dt

    from tidings.cli.live_cmds import status_line
    from tidings.live import BatchReport, WatchStatus

    st = WatchStatus(phase="waiting", files_seen=3, items_seen=2, stored=4, failed=1, feeds=2, feeds_failing=1,
                     last=BatchReport(started=dt.datetime(2024, 5, 1, 12, 0), seconds=2.5, articles=5, stored=4,
                                      events=7, published="20240501120000"),
                     next_at=time.time() + 125)
    line = status_line(st)
    for part in ("[waiting]", "files 3", "items 2", "stored 4", "failed 1", "feeds 2 (1 failing)",
                 "12:00:00 5 articles, 4 stored, 7 new events in 2.5s, published 20240501120000", "(in 2m0"):
        assert part in line, (part, line)
