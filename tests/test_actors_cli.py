"""`tidings actors lookup` and `tidings actors stats`."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from tidings.cli.main import app

runner = CliRunner()


def test_lookup_dated():
    r1 = runner.invoke(app, ["actors", "lookup", "Imran Khan", "--date", "2020-02-02"])
    assert r1.exit_code == 0, r1.output
    assert "PAKGOV" in r1.output and "prime minister" in r1.output and "why" in r1.output
    r2 = runner.invoke(app, ["actors", "lookup", "Imran Khan", "--date", "2024-02-02", "--json"])
    assert r2.exit_code == 0, r2.output
    a = json.loads(r2.output)
    assert (a["code"], a["sector"], a["kb_id"]) == ("PAK", "OPP", "per:imran_khan")


def test_lookup_composition_and_unknown():
    r = runner.invoke(app, ["actors", "lookup", "the Kabul government", "--json"])
    assert json.loads(r.output)["cameo"] == "AFGGOV"
    r = runner.invoke(app, ["actors", "lookup", "blue cheese"])
    assert r.exit_code == 1 and "no actor" in r.output
    r = runner.invoke(app, ["actors", "lookup", "Pakistan", "--date", "not-a-date"])
    assert r.exit_code != 0


def test_stats():
    r = runner.invoke(app, ["actors", "stats"])
    assert r.exit_code == 0 and "person" in r.output and "country" in r.output


def test_mentions_command():
    text = "Kenyan police arrested protesters in Nairobi. They were later freed."
    r = runner.invoke(app, ["actors", "mentions", text, "--date", "2024-07-01", "--json"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines() if line.strip()]
    assert any(x["text"] == "Kenyan police" and x["cameo"] == "KENCOP" for x in rows)
    assert any(x["kind"] == "coref" and x["text"] == "They" for x in rows)
