"""Cue rows learned from PolNeAR train (rule ``quote.cue.learned``, tools/learn_quote_cues.py):
a row with a ``precision`` column extends the hand lexicon; the hand entry reads first, and the
learned reading carries the row's train precision as its confidence. Our own sentences."""
from __future__ import annotations

import pytest

from conftest import quotes

ROWS = ("lemma\tkind\tcomplements\tprecision\tgold\toccurrences\n"
        "continue\tspeech\tc\t0.812\t13\t16\n"
        "say\tspeech\tcx\t0.640\t16\t25\n")


@pytest.fixture(scope="module")
def learned_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("cues") / "learned.tsv"
    p.write_text(ROWS, encoding="utf-8")
    return str(p)


def _pipe(cue_files=(), learned=False):
    from tidings.pipeline import Config, Pipeline

    return Pipeline(Config(stages=["entities", "actors", "quotes"],
                           quotes={"cue_files": cue_files, "learned_cues": learned, "min_confidence": 0.0, "adder": False}))


def test_learned_rows_load_with_their_base(learned_file):
    from tidings.quotes.lexicon import load_cues

    cues = load_cues((learned_file,), learned=False)
    assert cues["continue"].learned == pytest.approx(0.812) and cues["continue"].base is None
    say = cues["say"]
    assert say.learned == pytest.approx(0.64) and say.base is not None
    assert say.base.learned == 0.0 and "x" not in say.base.comp and "x" in say.comp
    assert load_cues(learned=False)["say"].learned == 0.0


def test_a_learned_lemma_reads_a_clause_with_its_precision(learned_file):
    text = "The harbour master continued that the ferries would run again by June."
    assert not [q for q in quotes(_pipe(), text) if q.cue is not None and q.cue.text == "continued"]
    qs = [q for q in quotes(_pipe((learned_file,)), text) if q.cue is not None and q.cue.text == "continued"]
    assert [(q.rule, q.speaker.text if q.speaker else None, q.confidence) for q in qs] == [
        ("quote.cue.learned", "The harbour master", 0.812)]
    assert "the ferries would run again by June" in qs[0].content.text


def test_the_hand_entry_reads_first(learned_file):
    """'say' with a learned infinitive: a plain clause complement stays the hand rule's."""
    qs = quotes(_pipe((learned_file,)), "The ferry company said the new timetable starts in April.")
    assert [q.rule for q in qs if q.cue is not None and q.cue.text == "said"] == ["quote.cue.clause"]


def test_shipped_learned_rows_are_well_formed():
    import csv
    from importlib import resources

    text = resources.files("tidings.quotes").joinpath("data", "quotes_cues_learned.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader((l for l in text.splitlines() if l.strip() and not l.startswith("#")), delimiter="\t"))
    for r in rows:
        assert r["lemma"] == r["lemma"].lower() and r["lemma"].isalpha()
        assert set(r["complements"]) <= set("cxopn") and r["kind"] in {"speech", "belief", "intent", "act"}
        assert 0.0 < float(r["precision"]) <= 1.0 and int(r["gold"]) <= int(r["occurrences"])


@pytest.mark.parametrize("text, cue, content", [
    ("The audit implied that the agency had lost track of the funds.", "implied",
     "that the agency had lost track of the funds"),
    ("The senator rebutted the charge in a long speech.", "rebutted", "the charge"),
    ("Local farmers are looking to sell their land before winter.", "are looking", "to sell their land before winter"),
])
def test_shipped_rows_read_only_when_switched_on(text, cue, content):
    """The shipped rows (imply, rebut, look ...): off by default (QuoteSettings.learned_cues), on
    they read the learned construction with the row's train precision as the confidence."""
    on = [q for q in quotes(_pipe(learned=True), text) if q.rule == "quote.cue.learned"]
    assert [(q.cue.text, q.content.text) for q in on] == [(cue, content)]
    assert 0.5 <= on[0].confidence <= 1.0
    assert "quote.cue.learned" not in [q.rule for q in quotes(_pipe(), text)]
    from tidings.pipeline import Config, Pipeline

    default = Pipeline(Config(stages=["entities", "actors", "quotes"]))
    assert "quote.cue.learned" not in [q.rule for q in quotes(default, text)]
