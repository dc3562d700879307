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
