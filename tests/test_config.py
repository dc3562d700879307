"""Config: the settings of one run, and the pipeline cache keyed on all of them."""
from __future__ import annotations

import pytest

from tidings.pipeline import Config, get_pipeline


@pytest.mark.parametrize("field,a,b", [
    ("batch_chars", 100_000, 200_000),
    ("parse_chars", 10_000, 20_000),
    ("recycle", 10, 20),
])
def test_get_pipeline_is_keyed_on_every_setting(field, a, b):
    """Two configs that differ in one setting get two pipelines, each built for its own config."""
    pa = get_pipeline(Config(stages=["entities"], **{field: a}))
    pb = get_pipeline(Config(stages=["entities"], **{field: b}))
    assert getattr(pa.config, field) == a
    assert getattr(pb.config, field) == b


def test_get_pipeline_is_keyed_on_stage_settings(tmp_path):
    """A config that differs only in a stage setting (a user time lexicon) gets its own pipeline."""
    lex = tmp_path / "times.yaml"
    lex.write_text("")
    plain = get_pipeline(Config(stages=["times"]))
    custom = get_pipeline(Config(stages=["times"], options={"times_lexicon": [str(lex)]}))
    assert custom is not plain
    assert custom.config.options == {"times_lexicon": [str(lex)]}
