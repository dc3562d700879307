"""Shared fixtures. Tests use the real spaCy model; the pipeline is built once per session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is absent (a user's clone has none)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not available (../shared is only present in the project's own checkouts)")
    return p


@pytest.fixture(scope="session")
def pipeline():
    from tidings.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def pipe(pipeline):
    """The default pipeline under the name most test files use (a module may define its own
    ``pipe``, e.g. with fewer stages, which then takes precedence)."""
    return pipeline


@pytest.fixture(scope="session")
def lex_pipe():
    """The pipeline with the trigger lexicon alone (``--events lexicon``)."""
    from tidings.pipeline import Config, get_pipeline

    return get_pipeline(Config(events="lexicon"))


@pytest.fixture(scope="session")
def contract_schema():
    path = shared_path("contract", "document.schema.json")
    return json.loads(path.read_text())


@pytest.fixture(scope="session")
def validate_record(contract_schema):
    import jsonschema

    validator = jsonschema.Draft202012Validator(contract_schema)

    def check(record) -> None:
        data = record if isinstance(record, dict) else json.loads(record.to_json())
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message[:200]}" for e in errors[:5])
        text = data["text"]
        for span in iter_spans(data):
            assert text[span["start"]:span["end"]] == span["text"], span

    return check


def iter_spans(obj):
    """Every span-like dict (text/start/end) inside a record dict."""
    if isinstance(obj, dict):
        if {"text", "start", "end"} <= obj.keys() and isinstance(obj.get("start"), int):
            yield obj
        for k, v in obj.items():
            if k == "text" and isinstance(v, str):
                continue
            yield from iter_spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from iter_spans(v)


# ---- fault injection for the run engines (tidings.run): a pipeline_factory that fails on purpose ----
def _article_id(item):
    return item.get("id") if isinstance(item, dict) else getattr(item, "id", None)


class _FaultyPipeline:
    """The normal pipeline, except that a batch holding a chosen article fails: ``"raise"`` raises
    ``RuntimeError("injected failure")`` out of ``process``; ``"exit"`` kills the worker process."""

    def __init__(self, inner, faults: dict) -> None:
        self.inner, self.faults = inner, faults

    def process(self, items, on_problem=None):
        items = list(items)
        for it in items:
            fault = self.faults.get(_article_id(it))
            if fault == "exit":
                import os

                os._exit(3)
            if fault == "raise":
                raise RuntimeError("injected failure")
        return self.inner.process(items, on_problem=on_problem)

    def __getattr__(self, name):
        return getattr(self.inner, name)


class FaultyPipelines:
    """A ``pipeline_factory`` for :mod:`tidings.run` (picklable, importable by the workers as
    ``conftest.FaultyPipelines``): ``faults`` maps article ids to ``"raise"`` or ``"exit"``."""

    def __init__(self, faults: dict) -> None:
        self.faults = dict(faults)

    def __call__(self, config):
        from tidings.run import default_pipeline

        return _FaultyPipeline(default_pipeline(config), self.faults)


@pytest.fixture
def faulty_pipelines():
    """``faulty_pipelines({"id": "raise" | "exit"})``: a pipeline factory that fails on those articles."""
    return FaultyPipelines


# ---- quotes: the helpers the quote tests share ------------------------------------------------
@pytest.fixture(scope="session")
def quote_pipe():
    """The quotes pipeline (entities, actors, quotes) that the quote tests share: the rules' own
    behaviour, so every rule on (``off_rules=()``), no veto by the learned scorer
    (``min_confidence=0``), no learned adder (``adder=False``) and no learned tagger (``tagger=False``);
    the defaults are tested in tests/test_quote_rules.py, tests/test_quote_adder.py and
    tests/test_quote_tagger.py."""
    from tidings.pipeline import Config, Pipeline

    return Pipeline(Config(stages=["entities", "actors", "quotes"],
                           quotes={"off_rules": (), "min_confidence": 0.0, "adder": False, "tagger": False}))


def quotes(pipe, text, date="2024-03-02"):
    """The quotes of one article, each span checked against the text."""
    rec = pipe({"id": "q", "text": text, "date": date})
    assert not [e for e in rec.errors if e.stage == "quotes"], rec.errors
    for q in rec.quotes:
        for sp in (q.content, q.speaker, q.cue):
            if sp is not None:
                assert rec.text[sp.start:sp.end] == sp.text
    return rec.quotes


def given_parse(pipe, rows):
    """Quotes of a sentence with the parse written out (word, tag, pos, dep, head index, lemma):
    for the repairs of parser errors, which the model makes on some sentences and not others."""
    from spacy.tokens import Doc

    from tidings.model import Document
    from tidings.pipeline import Context

    words = [r[0] for r in rows]
    doc = Doc(pipe.nlp.vocab, words=words, spaces=[i + 1 < len(rows) and rows[i + 1][0] not in ",." for i in range(len(rows))],
              tags=[r[1] for r in rows], pos=[r[2] for r in rows], deps=[r[3] for r in rows],
              heads=[r[4] for r in rows], lemmas=[r[5] for r in rows])
    ctx = Context(record=Document(id="q", text=doc.text), doc=doc, config=pipe.config)
    dict(pipe.stages)["quotes"](ctx)
    return ctx.record.quotes


def one(qs, needle):
    """The first quote whose content holds ``needle`` (fails when none does)."""
    found = [q for q in qs if needle in q.content.text]
    assert found, f"no quote with {needle!r} among {[q.content.text for q in qs]}"
    return found[0]
