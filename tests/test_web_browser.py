"""The dashboard in a real browser: Playwright driving Debian's Chromium against `tidings serve` on the demo DB.

Skipped when /usr/bin/chromium or the playwright package is missing (CI installs both). Screenshots go
to a temporary folder, or to docs/img/ with TIDINGS_SCREENSHOTS=docs/img (how the README's were made).
"""
from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

from _web_demo import demo_db  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    db = demo_db(tmp_path_factory, pipeline)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-m", "tidings", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/api/v1/healthz", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("tidings serve exited: " + proc.stdout.read())
                time.sleep(0.2)
        else:
            pytest.fail("tidings serve did not answer")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def api(base: str, path: str):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return json.loads(r.read())


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=["--headless", "--no-sandbox", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    where = os.environ.get("TIDINGS_SCREENSHOTS")
    path = (REPO / where) if where else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture()
def page(browser):
    """A page that records console errors, uncaught exceptions and failed requests; the test fails on any."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status} {r.url}"))
    pg.on("request", lambda r: not r.url.startswith(("http://127.0.0.1", "data:", "about:"))
          and problems.append(f"off-host request {r.url}"))
    yield pg
    ctx.close()
    assert not problems, problems


def _table(pg, selector: str) -> list[list[str]]:
    return pg.eval_on_selector_all(f"{selector} tbody tr",
                                   "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))")


def test_overview(server, page, shots):
    page.goto(server + "/")
    stats = api(server, "/api/v1/stats")
    assert page.locator("#n-events").inner_text().replace(",", "") == str(stats["canonical_events"])
    assert page.locator("#n-articles").inner_text().replace(",", "") == str(stats["articles"])
    assert stats["date_min"] in page.locator("#date-range").inner_text()
    page.wait_for_selector("#chart-series[data-drawn=true]")
    # the chart is drawn from the data in the table next to it: one bar per period, same totals
    table = {r[0]: int(r[1]) for r in _table(page, "#table-series")}
    bars = page.eval_on_selector_all("#chart-series g.bar", "gs => gs.map(g => [g.dataset.period, +g.dataset.value])")
    assert bars and dict(bars) == {k: v for k, v in table.items() if v}
    assert len(_table(page, "#top-actors")) > 0 and len(_table(page, "#top-dyads")) > 0
    page.screenshot(path=str(shots / "overview.png"))
    # keyboard: a bar is focusable and Enter opens its events
    first_period, first_value = bars[0]
    page.focus("#chart-series g.bar")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events?*")
    assert page.locator("#total").inner_text().replace(",", "") == str(first_value)


def test_events_explorer_filter_csv_and_paging(server, page, shots):
    page.goto(server + "/events")
    total = int(page.locator("#total").inner_text().replace(",", ""))
    assert total == api(server, "/api/v1/stats")["canonical_events"]
    page.select_option("#f-quad", "4")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**quad=4**")
    n4 = int(page.locator("#total").inner_text().replace(",", ""))
    assert n4 == api(server, "/api/v1/events/count?quad=4")["count"] > 0
    classes = page.eval_on_selector_all("#events-table tbody tr", "rs => rs.map(r => r.className)")
    assert classes and set(classes) == {"quad4"}
    href = page.get_attribute("#csv-link", "href")
    assert "quad=4" in href and "format=csv" in href
    body = page.request.get(server + href).text()
    assert len(list(csv.DictReader(io.StringIO(body)))) == n4
    page.screenshot(path=str(shots / "events.png"))
    # paging: 3 per page, every event once
    page.goto(server + "/events?limit=3&sort=date")
    seen = []
    for _ in range(50):
        seen += page.eval_on_selector_all("#events-table tbody tr[data-id]", "rs => rs.map(r => r.dataset.id)")
        nxt = page.locator("#next-page")
        if nxt.count() == 0:
            break
        nxt.click()
        page.wait_for_load_state()
    assert len(seen) == len(set(seen)) == total


def test_article_highlights(server, page, shots):
    page.goto(server + "/events?sort=-mentions")
    link = page.locator("a.article-link").first
    link.click()
    page.wait_for_url("**/articles/**")
    aid = page.url.rsplit("/", 1)[1]
    rec = api(server, f"/api/v1/articles/{aid}")
    triggers = page.eval_on_selector_all("#article-text mark.hl-trigger", "ms => ms.map(m => m.textContent)")
    # every trigger span is highlighted, piece by piece (pieces join back to the trigger text)
    joined = "".join(triggers)
    for e in rec["events"]:
        assert e["trigger"]["text"].replace(" ", "") in joined.replace(" ", "")
    # the highlighted text is the article's text, unchanged
    assert page.locator("#article-text").text_content() == rec["text"]
    actor_marks = page.locator("#article-text mark.hl-actor").count()
    assert actor_marks >= 1 and any(e["actor"] for e in rec["events"])
    assert page.locator("#article-text mark.hl-place").count() == (1 if rec["places"] else 0) or rec["places"]
    rules = page.eval_on_selector_all("code.rule", "cs => cs.map(c => c.textContent)")
    assert rules == [e["rule"] for e in rec["events"]]
    # focusing one event outlines its spans only
    page.click("button.ev-focus[data-ev='0']")
    focused = page.eval_on_selector_all("mark.focus", "ms => ms.map(m => m.dataset.ev.split(' '))")
    assert focused and all("0" in f for f in focused)
    page.screenshot(path=str(shots / "article.png"))
    # the legend switches a kind off
    page.uncheck("#legend input[data-kind=trigger]")
    assert "hide-trigger" in page.eval_on_selector("body", "b => b.className")


def test_dyad_page(server, page, shots):
    page.goto(server + "/dyad")
    a, b = page.input_value("#d-a"), page.input_value("#d-b")
    assert a and b and a != b
    page.select_option("#d-by", "year")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**by=year**")
    page.wait_for_selector("#chart-dyad[data-drawn=true]")
    rows = _table(page, "#table-dyad")
    table = {(r[0], r[1]): int(r[2]) for r in rows}
    # the caption counts the rows the table shows (periods without events are left out)
    assert page.inner_text("#dyad-nrows") == str(len(rows))
    bars = page.eval_on_selector_all("#chart-dyad g.bar",
                                     "gs => gs.map(g => [g.dataset.period, g.dataset.group, +g.dataset.value])")
    assert {(p, g): v for p, g, v in bars} == table
    # Goldstein line points carry the table's means
    assert page.locator("#chart-dyad circle.pt").count() == len(rows)
    page.screenshot(path=str(shots / "dyad.png"))
    # the events behind a bar
    period, group, value = bars[0]
    page.click(f"#chart-dyad g.bar[data-period='{period}'][data-group='{group}']")
    page.wait_for_url("**/events?*")
    assert page.locator("#total").inner_text() == str(value)
    src, tgt = group.split("->")
    cells = page.eval_on_selector_all("#events-table tbody tr",
                                      "rs => rs.map(r => [r.cells[1].textContent, r.cells[3].textContent])")
    assert all(s.strip().startswith(src) and t.strip().startswith(tgt) for s, t in cells)


def test_actor_page(server, page, shots):
    top = api(server, "/api/v1/top/actors?n=1")["data"][0]["actor"]
    page.goto(server + "/actor")
    page.fill("#a-actor", top)
    page.press("#a-actor", "Enter")
    page.wait_for_url(f"**actor={top}**")
    page.wait_for_selector("#chart-timeline[data-drawn=true]")
    pts = page.eval_on_selector_all("#chart-timeline circle.pt",
                                    "cs => cs.map(c => [c.dataset.period, c.dataset.group, +c.dataset.value])")
    table = {(r[0], r[1]): int(r[2]) for r in _table(page, "#table-timeline")}
    assert {(p, g): v for p, g, v in pts} == table
    partners = _table(page, "#partners")
    api_partners = api(server, f"/api/v1/partners?actor={top}")["data"]
    assert [r[0] for r in partners] == [p["partner"] for p in api_partners] or (not api_partners and len(partners) == 1)
    page.screenshot(path=str(shots / "actor.png"))


def test_map(server, page, shots):
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-drawn=true]")
    places = api(server, "/api/v1/geo")["features"]
    markers = page.locator("path.place-marker")
    assert markers.count() == len(places) > 0
    assert page.locator("#map path.leaflet-interactive").count() > 150     # the country shapes too
    shaded = api(server, "/api/v1/geo/countries")["data"][0]
    assert shaded["iso_numeric"]
    page.screenshot(path=str(shots / "map.png"))
    # a point links to its events
    first = markers.first.get_attribute("data-href")
    assert "place=" in first
    markers.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup a")
    page.click(".leaflet-popup a")
    page.wait_for_url("**/events?*")
    name = page.url.split("place=")[1]
    n = int(page.locator("#total").inner_text())
    wanted = urllib.parse.unquote_plus(name)
    assert n == next(f["properties"]["events"] for f in places if f["properties"]["name"] == wanted)


def test_api_docs_page(server, page):
    page.goto(server + "/api/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = page.eval_on_selector_all(".opblock-summary-path", "ps => ps.map(p => p.textContent.trim())")
    assert {"/api/v1/events", "/api/v1/dyad", "/api/v1/articles"} <= {p.replace("\u200b", "") for p in paths}
