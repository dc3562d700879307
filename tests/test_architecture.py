"""The stage contract: declared fields, the order check, and docs/architecture.md in step with it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tidings.config import DEFAULT_ORDER, Config
from tidings.pipeline import Pipeline, StageOrderError, check_order, contract_table
from tidings.pipeline.context import BASE_FIELDS, CONTEXT_FIELDS, RECORD_LAYERS
from tidings.pipeline.stage import STAGES, stage_class

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def test_doc_table_matches_the_stage_classes():
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"<!-- stage table:.*?-->\n(.*?)\n<!-- end stage table -->", text, re.S)
    assert m, "docs/architecture.md lost its stage table markers"
    assert m.group(1).strip() == contract_table().strip(), \
        "docs/architecture.md is out of date: paste tidings.pipeline.contract_table() between the markers"


def test_default_order_is_consistent():
    assert tuple(DEFAULT_ORDER) == ("entities", "actors", "times", "places", "amounts", "quotes", "events", "link")
    check_order(list(DEFAULT_ORDER))


@pytest.mark.parametrize("name", list(STAGES))
def test_every_stage_declares_known_fields(name):
    cls = stage_class(name)
    assert cls.name == name
    for attr in ("requires", "provides"):
        assert isinstance(getattr(cls, attr), frozenset)
        assert getattr(cls, attr) <= CONTEXT_FIELDS | RECORD_LAYERS
    assert not cls.provides & BASE_FIELDS, "a stage may not replace what the pipeline sets up"


@pytest.mark.parametrize("order,stage,missing", [
    (["link"], "link", "record.events"),
    (["entities", "link", "events"], "link", "record.events"),
    (["actors"], "actors", "record.entities"),
    (["actors", "entities"], "actors", "record.entities"),
])
def test_a_missing_requirement_fails_naming_stage_and_field(order, stage, missing):
    with pytest.raises(StageOrderError, match=rf"stage '{stage}' requires {re.escape(missing)}"):
        check_order(order)


def test_pipeline_build_fails_before_loading_anything():
    """The order is checked before the model and the stages' resources load."""
    with pytest.raises(StageOrderError, match="add that stage before 'link'"):
        Pipeline(Config(stages=["link"]))


def test_unknown_stage_name():
    with pytest.raises(ValueError, match="unknown stage 'evnets'"):
        Pipeline(Config(stages=["entities", "evnets"]))


def test_optional_inputs_are_not_required():
    """The events stage codes NER actors uncoded when the actors stage is off."""
    check_order(["entities", "events", "link"])
    check_order(["times"])


def _imports(path: Path) -> set[str]:
    """The modules a source file imports (``from X import`` and ``import X``)."""
    found = re.findall(r"^\s*from\s+(\S+)\s+import|^\s*import\s+(\S+)", path.read_text(encoding="utf-8"), re.M)
    return {a or b for a, b in found}


def test_layers_point_one_way():
    import tidings

    src = Path(tidings.__file__).parent
    for p in (src / "store").glob("*.py"):
        bad = {m for m in _imports(p) if re.match(r"\.\.(pipeline|parallel|distributed|run|api)\b", m)}
        assert not bad, f"{p.name} imports {bad}: the store only receives records"
    explain = (src / "events" / "explain.py").read_text(encoding="utf-8")
    assert "._annotate" not in explain and "._parse" not in explain
    assert not {m for m in _imports(src / "actors" / "kb.py") if "petrarch" in m or "loading" in m}


def test_resources_are_shared_and_typed_context(tmp_path):
    from tidings.actors import get_resolver
    from tidings.pipeline import Resources, default_resources, get_pipeline

    a = get_pipeline(Config(stages=["entities", "actors"]))
    b = get_pipeline(Config(stages=["entities", "actors"], batch_size=7))
    assert a is not b and a.nlp is b.nlp and a.resources is default_resources()
    assert dict(a.stages)["actors"].resolver is get_resolver() is dict(b.stages)["actors"].resolver
    fresh = Resources()
    c = Pipeline(Config(stages=["entities", "actors"]), resources=fresh)
    assert dict(c.stages)["actors"].resolver is not get_resolver()
    rec, ctx = a.analyse("The Kenyan foreign minister visited Ankara on Monday.", date="2024-05-06")
    assert ctx.mention_at_token and ctx.actor_resolver is dict(a.stages)["actors"].resolver
    assert ctx.times is None and not hasattr(ctx, "shared")
