"""Bad input: every item gets a clear error, the run continues, nothing stored earlier is lost."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tidings.cli.main import app
from tidings.ingest.readers import InputProblem, read_inputs
from tidings.store import Store

runner = CliRunner()

GOOD = "The foreign ministers of Chile and Peru met in Lima on Monday to discuss a new border agreement."


@pytest.fixture()
def bad_dir(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(GOOD)
    (d / "b_empty.txt").write_text("")
    (d / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "d_latin1.txt").write_bytes(("Ministers in S\xe3o Paulo and Bras\xedlia met officials from "
                                      "Argentina on Monday to discuss trade.").encode("latin-1"))
    (d / "e_german.txt").write_text("Die Regierung in Berlin hat am Montag neue Sanktionen gegen das Land "
                                    "beschlossen, wie ein Sprecher des Ministeriums mitteilte.")
    lines = [
        json.dumps({"id": "j1", "text": GOOD}),
        '{"id": "j2", "text": "unterminated',
        json.dumps({"text": "A record without an id about talks in Oslo."}),
        json.dumps({"id": "j4"}),
        json.dumps({"id": "j5", "text": "x" * (20 * 1024 * 1024)}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "j7", "text": GOOD.replace("Lima", "Quito")}),
    ]
    (d / "f_batch.jsonl").write_text("\n".join(lines) + "\n")
    return d


def test_readers_report_problems(bad_dir):
    items = list(read_inputs([bad_dir]))
    problems = [i for i in items if isinstance(i, InputProblem)]
    msgs = " | ".join(p.message for p in problems)
    assert "empty file" in msgs
    assert "binary file" in msgs
    assert "malformed JSON line" in msgs
    assert "no 'id'" in msgs
    assert "no 'text'" in msgs
    assert "expected a JSON object" in msgs
    latin = [i for i in items if getattr(i, "id", None) == "d_latin1"][0]
    assert not isinstance(latin, InputProblem) and "São Paulo" in latin.text and latin.warnings


def test_each_bad_item_gets_its_own_error(bad_dir, pipeline):
    problems = []
    recs = {r.id: r for r in pipeline.process(read_inputs([bad_dir]), on_problem=problems.append)}
    assert recs["a_good"].errors == [] and recs["a_good"].entities
    assert "empty file" in recs["b_empty"].errors[0].message
    assert "binary file" in recs["c_binary"].errors[0].message
    assert "invalid UTF-8" in recs["d_latin1"].errors[0].message and recs["d_latin1"].entities
    assert recs["e_german"].errors[0].stage == "language"
    assert "English" in recs["e_german"].errors[0].message and recs["e_german"].events == []
    assert "no 'text'" in recs["j4"].errors[0].message
    assert "too long" in recs["j5"].errors[0].message and recs["j5"].text == ""
    assert recs["j1"].errors == [] and recs["j7"].errors == []
    # problems without an id have no record but are reported with where they were found
    no_id = [p for p in problems if p.id is None]
    assert len(no_id) == 3 and all(":" in p.where for p in no_id)


def test_cli_extract_continues_and_exit_codes(bad_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(bad_dir), "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(l) for l in out.read_text().splitlines()]
    ids = [r["id"] for r in recs]
    assert ids == ["a_good", "b_empty", "c_binary", "d_latin1", "e_german", "j1", "j4", "j5", "j7"]
    res = runner.invoke(app, ["extract", str(bad_dir), "-o", str(out), "-q", "--strict"])
    assert res.exit_code == 1
    res = runner.invoke(app, ["extract", "--no-such-option", str(bad_dir)])
    assert res.exit_code == 2


def test_ingest_keeps_what_was_stored(bad_dir, tmp_path):
    db = tmp_path / "t.duckdb"
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "earlier", "text": GOOD, "date": "2024-01-08"}) + "\n")
    assert runner.invoke(app, ["ingest", str(good), "--db", str(db), "-q"]).exit_code == 0
    res = runner.invoke(app, ["ingest", str(bad_dir), "--db", str(db), "-q"])
    assert res.exit_code == 0, res.output
    with Store(db) as st:
        ids = {r[0]: r[1] for r in st.sql("SELECT id, n_errors FROM articles").fetchall()}
        assert ids["earlier"] == 0 and ids["a_good"] == 0
        assert ids["b_empty"] == 1 and ids["j5"] == 1
        assert st.sql("SELECT count(*) FROM ingest_errors").fetchone()[0] == 3
        assert st.sql("SELECT count(*) FROM entities WHERE article_id = 'earlier'").fetchone()[0] > 0


@pytest.mark.parametrize("text,english", [
    ("Kenyan police arrested two Somali nationals near the border town.", True),
    ("Kenyan police arrest Somali nationals", True),
    ("Marine Le Pen and Jean-Luc Mélenchon clashed in a televised debate.", True),
    ("Die Regierung hat neue Sanktionen gegen das Land beschlossen.", False),
    ("Le gouvernement a annoncé de nouvelles sanctions contre le pays.", False),
    ("El gobierno anunció nuevas sanciones contra el país vecino.", False),
    ("Правительство объявило о новых санкциях против страны.", False),
])
def test_language_check_short_texts(text, english):
    from tidings.nlp.language import check_english

    assert (check_english(text) is None) == english
