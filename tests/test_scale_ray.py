"""The Ray engine (optional extra): same records as the local engine, JSONL in order, partitioned Parquet."""
from __future__ import annotations

import json

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
    from tidings.distributed import init_ray

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
    from tidings.distributed import extract_with_ray

    out = tmp_path / "out.jsonl"
    counts = extract_with_ray([str(shard)], out, pipeline.config, jobs=2, date="2022-06-01", quiet=True)
    assert counts == {"records": 4, "with_errors": 0, "skipped": 2}
    got = [json.loads(line) for line in out.read_text().splitlines()]
    assert [g["id"] for g in got] == ["r1", "r2", "r3", "r4"]
    assert got[3]["date"] == "2022-06-01"  # --date fills a missing date
    local = {r.id: json.loads(r.to_json()) for r in pipeline.process(
        [dict(a, date=a.get("date", "2022-06-01")) for a in ARTICLES])}
    for g in got:
        assert g == local[g["id"]]


def test_ray_parquet_partitioned_by_month(ray_local, shard, tmp_path, pipeline):
    import pyarrow.dataset as pads

    from tidings.distributed import OUTPUT_COLUMNS, extract_with_ray

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
    from tidings.distributed import extract_with_ray

    f = tmp_path / "story.txt"
    f.write_text("A plain text story.")
    with pytest.raises(ValueError, match="JSONL or Parquet"):
        extract_with_ray([str(f)], None, pipeline.config, jobs=1, quiet=True)
