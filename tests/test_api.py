"""The public API: tidings.api, re-exported by tidings."""
from __future__ import annotations

import tidings
from tidings import api
from tidings.ingest.readers import InputProblem
from tidings.model import ArticleInput


def test_package_re_exports_the_api():
    for name in ("extract", "extract_many", "extract_files", "records", "ingest", "explain"):
        assert getattr(tidings, name) is getattr(api, name)


def test_default_date_fills_only_undated_articles():
    undated = ArticleInput(id="a", text="Talks resumed.")
    dated = ArticleInput(id="b", text="Talks resumed.", date="2023-01-02")
    problem = InputProblem(id=None, where="x:1", stage="ingest", message="bad line")
    out = list(api.with_default_date([undated, dated, problem], "2024-05-06"))
    assert [getattr(x, "date", None) for x in out] == ["2024-05-06", "2023-01-02", None]
    assert list(api.with_default_date([ArticleInput(id="c", text="t")], None))[0].date is None
    raw = {"id": "d", "text": "t"}
    assert api.default_date(raw, "2024-05-06") == {"id": "d", "text": "t", "date": "2024-05-06"}
    assert "date" not in raw, "the caller's dict is not changed"


def test_extract_many_dates_relative_times_with_the_default_date():
    cfg = tidings.Config(stages=["times"])
    [rec] = list(tidings.extract_many([{"id": "r", "text": "Ministers met on Monday."}], cfg, date="2024-05-08"))
    assert rec.date == "2024-05-08"
    assert [t.value for t in rec.times] == ["2024-05-06"]


def test_explain_through_the_public_pipeline():
    rep = tidings.explain("Iran's foreign minister met his Iraqi counterpart in Baghdad on Monday.", date="2024-05-06")
    assert [e["event"] for e in rep["events"]] == ["CONSULT"]
    assert rep["sentences"][0]["words"], "the coder's traces came back through ctx.event_traces"
