"""Config: the settings of one run, and the pipeline cache keyed on all of them."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import tidings
from tidings.config import AmountSettings, PlaceSettings, QuoteSettings, TimeSettings
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
    custom = get_pipeline(Config(stages=["times"], times=TimeSettings(lexicon_files=(str(lex),))))
    assert custom is not plain
    assert custom.config.times.lexicon_files == (str(lex),)
    assert get_pipeline(Config(stages=["times"], times={"lexicon_files": [str(lex)]})) is custom


def test_same_settings_same_pipeline():
    assert get_pipeline(Config(stages=["entities"], batch_chars=123_456)) is \
        get_pipeline(Config(stages=("entities",), batch_chars=123_456))


def test_config_is_frozen_and_hashable():
    cfg = Config(stages=["entities", "actors"], actor_files=["a.yaml"], quotes={"generic_cues": True})
    assert cfg.stages == ("entities", "actors") and cfg.actor_files == ("a.yaml",)
    assert cfg.quotes == QuoteSettings(generic_cues=True)
    assert hash(cfg) == hash(Config(stages=("entities", "actors"), actor_files=("a.yaml",),
                                    quotes=QuoteSettings(generic_cues=True)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.batch_size = 3  # type: ignore[misc]
    assert cfg.replace(batch_size=3).batch_size == 3 and cfg.batch_size == 32


def test_config_round_trips_through_json():
    cfg = Config(stages=["entities"], places=PlaceSettings(files=("x.tsv",), city_min_pop=1), cascade_min_saving=0.1,
                 amounts=AmountSettings(lexicon_files="a.yaml"))
    assert Config.from_dict(json.loads(json.dumps(cfg.to_dict()))) == cfg
    assert Config(**json.loads(json.dumps(dataclasses.asdict(cfg)))) == cfg


@pytest.mark.parametrize("make", [
    lambda: Config(options={"times_lexicon": ["x"]}),
    lambda: Config(batch=3),
    lambda: Config.from_dict({"stagez": ["entities"]}),
    lambda: Config(quotes={"generic": True}),
    lambda: Config().replace(recycl=3),
])
def test_unknown_setting_is_a_clear_error(make):
    with pytest.raises(TypeError, match="unknown .*setting.*known: "):
        make()


def test_wrong_settings_type_is_an_error():
    with pytest.raises(TypeError, match="PlaceSettings"):
        Config(places=TimeSettings())


def test_environment_is_read_only_in_config():
    """Every os.environ read of the package is in tidings/config.py (the forkserver hand-over of
    a config between processes aside, which is no setting)."""
    src = Path(tidings.__file__).parent
    readers = sorted(str(p.relative_to(src)) for p in src.rglob("*.py")
                     if "os.environ" in p.read_text(encoding="utf-8")
                     and p.name not in ("config.py", "_forkserver.py", "parallel.py", "forkserver.py", "local.py"))
    assert readers == []



def test_place_ranker_weights_given_as_a_list_keep_the_config_hashable():
    cfg = Config(places={"ranker": "learned", "ranker_weights": [0.0, 1.0]})
    assert cfg.places.ranker_weights == (0.0, 1.0)
    assert hash(cfg) == hash(Config(places={"ranker": "learned", "ranker_weights": (0.0, 1.0)}))
