"""The Ray engine (optional extra): same records as the local engine, JSONL in order, partitioned Parquet."""
from __future__ import annotations

import json
import logging

import pytest

pytestmark = pytest.mark.ray

ARTICLES = [
    {"id": "r1", "date": "2022-04-02", "text": "Lithuanian officials met their Polish counterparts in Vilnius on Friday."},
    {"id": "r2", "date": "2022-04-19", "text": "Protesters gathered outside the parliament in Tbilisi, police said."},
    {"id": "r3", "date": "2022-05-07", "text": "The government of Chile rejected the proposal on Thursday."},
    {"id": "r4", "text": "Farmers in Kerala demanded higher prices for rubber."},
]


@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    from tidings.run.ray import init_ray

    init_ray(2, quiet=True)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def shard(tmp_path_factory):
    d = tmp_path_factory.mktemp("shards")
    lines = [json.dumps(a) for a in ARTICLES[:2]] + ["not json at all", json.dumps({"text": "no id"})]
    (d / "part-0.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "part-1.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES[2:]) + "\n", encoding="utf-8")
    return d


def test_ray_jsonl_matches_local_engine(ray_local, shard, tmp_path, pipeline):
    from tidings.run.ray import extract_with_ray

    out = tmp_path / "out.jsonl"
    counts = extract_with_ray([str(shard)], out, pipeline.config, jobs=2, date="2022-06-01", quiet=True)
    assert counts == {"records": 4, "with_errors": 0, "skipped": 2, "failed": 0}
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert [g["id"] for g in got] == ["r1", "r2", "r3", "r4"]
    assert got[3]["date"] == "2022-06-01"  # --date fills a missing date
    local = {r.id: json.loads(r.to_json()) for r in pipeline.process(
        [dict(a, date=a.get("date", "2022-06-01")) for a in ARTICLES])}
    for g in got:
        assert g == local[g["id"]]


def test_ray_parquet_partitioned_by_month(ray_local, shard, tmp_path, pipeline):
    import pyarrow.dataset as pads

    from tidings.run.ray import OUTPUT_COLUMNS, extract_with_ray

    out = tmp_path / "parquet"
    counts = extract_with_ray([str(shard)], out, pipeline.config, jobs=2, quiet=True)
    assert counts["records"] == 4
    months = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert months == ["month=2022-04", "month=2022-05", "month=unknown"]
    table = pads.dataset(str(out), format="parquet", partitioning="hive").to_table()
    assert set(OUTPUT_COLUMNS) <= set(table.column_names)
    recs = {json.loads(r)["id"]: json.loads(r) for r in table.column("record").to_pylist()}
    assert set(recs) == {"r1", "r2", "r3", "r4"}
    assert recs["r1"]["text"] == ARTICLES[0]["text"]


def test_ray_rejects_text_files(ray_local, tmp_path, pipeline):
    from tidings.run.ray import extract_with_ray

    f = tmp_path / "story.txt"
    f.write_text("A plain text story.")
    with pytest.raises(ValueError, match="JSONL or Parquet"):
        extract_with_ray([str(f)], None, pipeline.config, jobs=1, quiet=True)


# ---- failures: the run goes on, order and counts kept, the bad article isolated -----------------------
def _many(n: int, prefix: str = "f") -> list[dict]:
    return [dict(a, id=f"{prefix}{k}") for k in range(n) for a in ARTICLES[k % len(ARTICLES):][:1]]


def test_ray_actors_isolate_articles_that_kill_or_fail(ray_local, tmp_path, pipeline, caplog, faulty_pipelines):
    import dataclasses
    import gzip
    import random

    from tidings.run.ray import extract_with_ray

    arts = _many(7)
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text("\n".join(json.dumps(a) for a in arts[:5]) + "\n", encoding="utf-8")
    (d / "b.jsonl").write_text("\n".join(json.dumps(a) for a in arts[5:]) + "\n", encoding="utf-8")
    # a gzip shard cut short: the lines before the cut are kept, the rest is reported
    rnd = random.Random(7)
    tail = [dict(ARTICLES[0], id=f"z{k}", url="https://example.org/" + rnd.randbytes(600).hex()) for k in range(30)]
    blob = gzip.compress(("\n".join(json.dumps(a) for a in tail) + "\n").encode())
    (d / "c.jsonl.gz").write_bytes(blob[: len(blob) * 2 // 3])
    config = dataclasses.replace(pipeline.config, batch_size=8)  # a.jsonl: line by line; c: chunks
    out = tmp_path / "out.jsonl"
    factory = faulty_pipelines({"f1": "exit", "f3": "raise", "z1": "raise"})
    with caplog.at_level(logging.INFO, logger="tidings.run.ray"):
        counts = extract_with_ray([str(d)], out, config, jobs=2, quiet=False, pipeline_factory=factory)
    got = [json.loads(line) for line in out.read_text().splitlines()]
    ids = [g["id"] for g in got]
    assert ids[:7] == [a["id"] for a in arts]                      # order kept, nothing lost
    salvaged = ids[7:]
    assert 2 <= len(salvaged) < len(tail) and salvaged == [f"z{k}" for k in range(len(salvaged))]
    by_id = {g["id"]: g for g in got}
    for bad, word in (("f1", "died"), ("f3", "injected failure"), ("z1", "injected failure")):
        errs = by_id[bad]["errors"]
        assert [e["stage"] for e in errs] == ["worker"] and word in errs[0]["message"]
        assert by_id[bad]["text"] == next(a["text"] for a in arts + tail if a["id"] == bad)
    good = [a for a in arts if a["id"] not in ("f1", "f3")]
    local = {r.id: json.loads(r.to_json()) for r in pipeline.process(good)}
    for a in good:
        assert by_id[a["id"]] == local[a["id"]]                     # the others as the local engine makes them
    assert all(not by_id[i]["errors"] for i in salvaged if i != "z1")
    # 3 failed articles + the unreadable end of the gzip shard
    assert counts == {"records": len(got), "with_errors": 3, "skipped": 0, "failed": 4}
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]   # logged, not printed
    assert any(m.startswith("f1: the Ray worker died") for m in errors) and any("c.jsonl.gz" in m for m in errors)
    assert len(errors) == 4 and any("4 failed in a worker" in r.getMessage() for r in caplog.records)


def test_ray_data_path_records_a_failing_article(ray_local, tmp_path, pipeline, faulty_pipelines):
    from tidings.run.ray import extract_with_ray

    arts = _many(4, "d")
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in arts) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    counts = extract_with_ray([str(src)], out, pipeline.config, jobs=2, quiet=True, via="data",
                              pipeline_factory=faulty_pipelines({"d2": "raise"}))
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert [g["id"] for g in got] == [a["id"] for a in arts]
    assert got[2]["errors"][0]["stage"] == "worker" and "injected failure" in got[2]["errors"][0]["message"]
    assert not any(g["errors"] for g in got if g["id"] != "d2")
    assert counts == {"records": 4, "with_errors": 1, "skipped": 0, "failed": 1}


def test_ray_data_path_stops_with_a_clear_error_when_a_batch_kills_its_worker(ray_local, tmp_path, pipeline,
                                                                                monkeypatch, faulty_pipelines):
    from tidings.run import ray as distributed

    monkeypatch.setattr(distributed, "DATA_RETRIES", 0)   # fail at once (Ray's retries would only repeat it)
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(a) for a in _many(3, "k")) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(distributed.RayRunError, match="incomplete"):
        distributed.extract_with_ray([str(src)], out, pipeline.config, jobs=1, quiet=True, via="data",
                                     pipeline_factory=faulty_pipelines({"k1": "exit"}))


def test_ray_cli_missing_model_exits_2_before_starting(tmp_path):
    """A spaCy model that cannot be found stops the Ray run at once with exit 2 and the reason,
    as the local engine does (it used to start the cluster and skip every line in the workers)."""
    pytest.importorskip("ray")
    from typer.testing import CliRunner

    from tidings.cli.main import app

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(src), "--engine", "ray", "--jobs", "1", "--model", "no_such_model_xyz"])
    assert r.exit_code == 2, r.output
    assert "no_such_model_xyz" in r.output and "pip install" in r.output


def test_check_model_accepts_installed_and_blank_models():
    from tidings.nlp import ModelNotFound, available_models, check_model

    installed = available_models()
    if installed:
        assert check_model(installed[0]) == installed[0]
    assert check_model("blank:en") == "blank:en"
    with pytest.raises(ModelNotFound):
        check_model("no_such_model_xyz")
