"""The DuckDB store: tables per layer, idempotent re-ingest, one transaction per batch."""
from __future__ import annotations


import pytest

from tidings.model import ArticleInput
from tidings.pipeline import Config
from tidings.api import ingest
from tidings.store import Store, StoreError
from tidings.store.schema import CURRENT_VERSION

ARTS = [
    {"id": f"s{i}", "date": "2024-02-0%d" % (i + 1),
     "text": f"Diplomats from Norway and Sweden met in Stockholm on Monday to discuss fishing quota number {i}."}
    for i in range(5)
]


def _items():
    return [ArticleInput(**a) for a in ARTS]


def test_tables_and_reingest_noop(tmp_path, pipeline):
    db = tmp_path / "s.duckdb"
    with Store(db) as st:
        rep = ingest(_items(), st)
        assert rep.stored == 5 and rep.skipped == 0
        tables = {r[0] for r in st.sql("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"articles", "events", "entities", "quotes", "places", "times", "amounts", "schema_version"} <= tables
        before = st.counts()
        rep = ingest(_items(), st)
        assert rep.stored == 0 and rep.skipped == 5
        assert st.counts() == before
        # a changed article replaces its rows, others stay
        changed = _items()
        changed[0].text = changed[0].text.replace("Norway", "Finland")
        rep = ingest(changed, st)
        assert rep.stored == 1 and rep.skipped == 4
        ents = [r[0] for r in st.sql("SELECT text FROM entities WHERE article_id='s0'").fetchall()]
        assert "Finland" in ents and "Norway" not in ents
        assert st.sql("SELECT count(*) FROM articles").fetchone()[0] == 5
        h = st.sql("SELECT content_hash FROM articles WHERE id='s1'").fetchone()[0]
        assert len(h) == 64


def test_interrupted_run_keeps_committed_batches(tmp_path, pipeline):
    db = tmp_path / "i.duckdb"

    def stream():
        for i, a in enumerate(_items()):
            if i == 4:
                raise KeyboardInterrupt  # the user hits Ctrl-C after four articles
            yield a

    with Store(db) as st:
        with pytest.raises(KeyboardInterrupt):
            ingest(stream(), st, config=Config(batch_size=2), batch=2)
    with Store(db) as st:
        n = st.sql("SELECT count(*) FROM articles").fetchone()[0]
        assert n == 4  # the two whole batches written before the interrupt
        rep = ingest(_items(), st, batch=2)
        assert rep.skipped == n and rep.stored == 5 - n
        assert st.sql("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_schema_version_and_newer_db_refused(tmp_path):
    db = tmp_path / "v.duckdb"
    with Store(db) as st:
        assert st.version() == CURRENT_VERSION
        st.sql("INSERT INTO schema_version (version, name) VALUES (?, 'from the future')", [CURRENT_VERSION + 50])
    with pytest.raises(StoreError, match="upgrade tidings"):
        Store(db)


def test_duplicate_ids_in_one_batch(tmp_path, pipeline):
    db = tmp_path / "d.duckdb"
    items = _items()
    later = ArticleInput(id="s1", date="2024-02-09",
                         text="Diplomats from Denmark and Iceland met in Reykjavik on Friday to discuss fishing.")
    items.insert(3, later)
    items.insert(4, ArticleInput(**ARTS[2]))  # an exact repeat: skipped
    with Store(db) as st:
        rep = ingest(items, st)
        assert st.sql("SELECT count(*) FROM articles").fetchone()[0] == 5
        assert "Iceland" in st.sql("SELECT text FROM articles WHERE id = 's1'").fetchone()[0]
        assert rep.skipped == 1
        assert any("duplicate id 's1'" in p for p in rep.problems)
