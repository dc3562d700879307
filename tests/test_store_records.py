"""Schema v2, migrations and cross-article deduplication (store/dedup.py).

The records are built by hand: known actors, codes and dates are legitimate test data for the
storage layer (no NLP is involved here).
"""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from tidings.model import Actor, Document, Event, Place, SentenceRef, Span
from tidings.store import Store
from tidings.store.dedup import DedupConfig, shingles, signature, similarity
from tidings.store.schema import CURRENT_VERSION, MIGRATIONS

# ---- helpers shared with test_export*.py and test_analysis*.py ------------------------------------------
QUAD = {"01": 1, "02": 1, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3, "11": 3,
        "12": 3, "13": 3, "14": 4, "15": 4, "16": 4, "17": 4, "18": 4, "19": 4, "20": 4}

WIRE = (
    "ISLAMABAD (Wire) - The foreign ministers of the two countries spoke by telephone on Tuesday about "
    "trade corridors, visa rules and the security of the long mountain border. Officials said the call "
    "lasted almost an hour and covered the reopening of two crossings that were shut in the spring. "
    "The ministry in Islamabad said both sides agreed to keep talking at the level of senior officials "
    "and to meet again before the end of the summer. A spokesman for the embassy described the "
    "conversation as frank and useful, and said technical teams would exchange proposals on customs "
    "procedures. Analysts in the capital said the contact was the first at this level in several months "
    "and reflected pressure from traders on both sides of the frontier."
)
UPDATE = (
    "Updated with comments from traders. "
    + WIRE.replace("almost an hour", "nearly an hour").replace("frank and useful", "frank, useful and warm")
    + " Traders in the border town welcomed the news and said lorries had been waiting for weeks."
)
OTHER = (
    "NAIROBI (Wire) - Heavy rain flooded several districts of the city overnight, cutting power lines and "
    "closing the main road to the airport, the county government said on Wednesday. Emergency crews "
    "pumped water from underground car parks while schools stayed closed for a second day."
)


def actor(text: str, code, sector=None, name=None, cameo=None) -> Actor:
    return Actor(text=text, start=0, end=len(text), code=code, sector=sector, name=name,
                 cameo=cameo or ((code or "") + (sector or "") or None))


def event(eid: str, plover: str, cameo: str, goldstein: float, src, tgt, date=None, modality="asserted",
          negated=False, sentence=0, loc: Place = None, dead=None, trigger="spoke") -> Event:
    return Event(id=eid, event=plover, cameo=cameo, quad_class=QUAD[cameo[:2]], goldstein=goldstein,
                 actor=[src] if src else [], recipient=[tgt] if tgt else [],
                 trigger=Span(text=trigger, start=0, end=len(trigger)),
                 sentence=SentenceRef(index=sentence, start=0, end=10), date=date, modality=modality,
                 negated=negated, confidence=0.9, event_loc=loc, dead=dead)


def doc(did: str, text: str, date: str, events: list[Event], source=None, url=None, title=None) -> Document:
    return Document(id=did, text=text, date=date, events=events, source=source, url=url, title=title)


def call_event(eid="e1", date="2024-06-11"):
    return event(eid, "CONSULT", "040", 1.0, actor("Pakistan", "PAK", "GOV", "Pakistan"),
                 actor("Afghanistan", "AFG", "GOV", "Afghanistan"), date=date)


def write(store: Store, *docs: Document) -> int:
    from tidings.store import content_hash

    return store.write([(d, content_hash(d)) for d in docs])


# ---- tests --------------------------------------------------------------------------------------------
@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as st:
        yield st


def test_fresh_database_is_current_version(store):
    assert store.version() == CURRENT_VERSION >= 2
    names = {r[0] for r in store.sql("SELECT table_name FROM information_schema.tables").fetchall()}
    for t in ("articles", "sentences", "events", "event_mentions", "canonical_events", "quotes", "places",
              "times", "amounts", "article_minhash", "article_lsh", "article_clusters", "mentions"):
        assert t in names


def test_v1_database_is_upgraded_and_backfilled(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP "
                "DEFAULT current_timestamp)")
    v, name, sql = MIGRATIONS[0]
    con.execute(sql)
    con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [v, name])
    con.execute("INSERT INTO articles (id, content_hash, date, text, n_errors) VALUES "
                "('a', 'h1', DATE '2024-06-11', ?, 0), ('b', 'h2', DATE '2024-06-11', ?, 0)", [WIRE, WIRE])
    for aid in ("a", "b"):
        con.execute("INSERT INTO events (id, article_id, idx, event, mode, cameo, cameo_root, quad_class, goldstein,"
                    " actor_code, actor_sector, recipient_code, recipient_sector, modality, negated, sentence_index, "
                    "date) VALUES (?, ?, 0, 'CONSULT', NULL, '040', '04', 1, 1.0, 'PAK', 'GOV', 'AFG', 'GOV', "
                    "'asserted', false, 0, DATE '2024-06-11')", [aid + ":e1", aid])
    con.close()
    with pytest.raises(Exception, match="upgrade"):
        Store(path, read_only=True)
    with Store(path) as st:
        assert st.version() == CURRENT_VERSION
        rows = st.sql("SELECT num_mentions, num_articles FROM canonical_events").fetchall()
        assert rows == [(2, 2)]
        assert st.sql("SELECT count(DISTINCT cluster_id) FROM article_clusters").fetchone()[0] == 1
    with Store(path, read_only=True) as st:  # now it opens read-only
        assert st.version() == CURRENT_VERSION


def test_interrupted_upgrade_is_completed_on_next_open(tmp_path):
    path = tmp_path / "half.duckdb"
    with Store(path) as st:
        write(st, doc("h1", WIRE, "2024-06-11", [call_event()]), doc("h2", WIRE, "2024-06-11", [call_event()]))
        for t in ("event_mentions", "canonical_events", "article_clusters", "article_lsh", "event_rollup",
                  "actor_month", "actor_keys"):
            st.sql(f"DELETE FROM {t}")          # as if the backfill after migration 2 never ran
    with Store(path) as st:
        assert st.sql("SELECT num_articles FROM canonical_events").fetchall() == [(2,)]
        assert st.sql("SELECT sum(events) FROM event_rollup").fetchone()[0] == 1
        assert st.sql("SELECT code, role, events FROM actor_month ORDER BY code").fetchall() == \
            [("AFG", "target", 1), ("PAK", "source", 1)]


def test_v2_database_gets_the_summaries(tmp_path):
    path = tmp_path / "v2.duckdb"
    with Store(path) as st:
        write(st, doc("k1", WIRE, "2024-06-11", [call_event()]))
        for t in ("event_rollup", "actor_month", "actor_keys", "data_version"):
            st.sql(f"DROP TABLE {t}")
        st.sql("DELETE FROM schema_version WHERE version >= 3")
    with Store(path) as st:
        assert st.version() == CURRENT_VERSION
        assert st.sql("SELECT actor_code, recipient_code, events FROM event_rollup").fetchall() == [("PAK", "AFG", 1)]
        assert st.sql("SELECT month, code, role, events FROM actor_month ORDER BY code").fetchall() == \
            [(dt.date(2024, 6, 1), "AFG", "target", 1), (dt.date(2024, 6, 1), "PAK", "source", 1)]
        # migration 7 dropped dyad_month (read by nothing once event_rollup came)
        assert not st.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dyad_month'").fetchone()[0]


def _split_quote_doc(did: str) -> Document:
    from tidings.model import Quote

    text = '"We will talk," the minister said, "and we will meet again."'
    a, b = text.index("We will talk,"), text.index("and we will")
    pieces = [Span(text="We will talk,", start=a, end=a + 13),
              Span(text="and we will meet again.", start=b, end=b + 23)]
    whole = Quote(content=pieces[1], direct=True, fragments=pieces,
                  speaker=Span(text="the minister", start=text.index("the minister"),
                               end=text.index("the minister") + 12))
    single = Quote(content=Span(text="talk", start=text.index("talk"), end=text.index("talk") + 4), direct=False)
    return Document(id=did, text=text, date="2024-06-11", quotes=[whole, single])


def test_quote_fragments_are_stored(store):
    d = _split_quote_doc("q1")
    write(store, d)
    rows = store.sql("SELECT idx, fragments FROM quotes WHERE article_id = 'q1' ORDER BY idx").fetchall()
    assert [Span(**s) for s in json.loads(rows[0][1])] == d.quotes[0].fragments
    assert rows[1][1] is None  # a quotation in one piece has no fragments
    # DuckDB's JSON functions read them, e.g. the second piece's text
    got = store.sql("SELECT fragments->>'$[1].text' FROM quotes WHERE article_id = 'q1' AND idx = 0").fetchone()[0]
    assert got == "and we will meet again."


def test_v3_database_gets_quote_fragments_and_keeps_its_quotes(tmp_path):
    path = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP "
                "DEFAULT current_timestamp)")
    for v, name, sql in MIGRATIONS:
        if v <= 3:
            con.execute(sql)
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [v, name])
    con.execute("INSERT INTO articles (id, content_hash, text, n_errors) VALUES ('old', 'h0', 'x', 0)")
    con.execute("INSERT INTO quotes (article_id, idx, content_text, content_start, content_end, direct) "
                "VALUES ('old', 0, 'x', 0, 1, true)")
    con.close()
    with pytest.raises(Exception, match="upgrade"):
        Store(path, read_only=True)
    with Store(path) as st:
        assert st.version() == CURRENT_VERSION >= 4
        assert st.sql("SELECT article_id, content_text, fragments FROM quotes").fetchall() == [("old", "x", None)]
        write(st, _split_quote_doc("new"))
        assert st.sql("SELECT count(*) FROM quotes WHERE fragments IS NOT NULL").fetchone()[0] == 1
        assert st.sql("SELECT count(*) FROM quotes").fetchone()[0] == 3


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version (version, name) VALUES (?, 'future')", [CURRENT_VERSION + 1])
    con.close()
    with pytest.raises(Exception, match="newer"):
        Store(path)


def test_shingle_similarity_separates_copies_from_other_stories():
    cfg = DedupConfig()
    a, _ = signature(WIRE, cfg)
    b, _ = signature(UPDATE, cfg)
    c, _ = signature(OTHER, cfg)
    assert similarity(a, a) == 1.0
    assert similarity(a, b) >= cfg.threshold
    assert similarity(a, c) < 0.1
    assert "spoke by telephone" in shingles(WIRE)


def test_empty_texts_are_not_near_duplicates(store):
    write(store, doc("e1", "", "2024-06-11", []), doc("e2", "", "2024-06-11", []), doc("e3", "...", "2024-06-11", []))
    assert store.sql("SELECT count(DISTINCT cluster_id) FROM article_clusters").fetchone()[0] == 3
    assert store.sql("SELECT count(*) FROM article_lsh").fetchone()[0] == 0


def test_wire_copy_twice_gives_one_canonical_event(store):
    write(store, doc("wire-1", WIRE, "2024-06-11", [call_event()], source="Daily Star", url="https://a.example/1"))
    write(store, doc("wire-2", WIRE, "2024-06-11", [call_event()], source="Morning Post", url="https://b.example/2"))
    rows = store.sql("SELECT id, num_mentions, num_articles, num_sources, first_article_id "
                     "FROM canonical_events").fetchall()
    assert len(rows) == 1
    cid, n_mentions, n_articles, n_sources, first = rows[0]
    assert (n_mentions, n_articles, n_sources, first) == (2, 2, 2, "wire-1")
    links = store.sql("SELECT event_id FROM event_mentions WHERE canonical_id = ? ORDER BY 1", [cid]).fetchall()
    assert links == [("wire-1:e1",), ("wire-2:e1",)]
    clusters = dict(store.sql("SELECT article_id, cluster_id FROM article_clusters").fetchall())
    assert clusters == {"wire-1": "wire-1", "wire-2": "wire-1"}


def test_copies_without_source_count_as_one_source(store):
    write(store, doc("x1", WIRE, "2024-06-11", [call_event()]), doc("x2", WIRE, "2024-06-11", [call_event()]))
    assert store.sql("SELECT num_articles, num_sources FROM canonical_events").fetchall() == [(2, 1)]


def test_rewritten_update_links_not_duplicates(store):
    write(store, doc("orig", WIRE, "2024-06-11", [call_event()], source="Wire"))
    # the update: reworded, longer, published a day later, the event dated by the article itself
    write(store, doc("upd", UPDATE, "2024-06-12", [call_event(date=None)], source="Wire"))
    assert store.sql("SELECT count(*) FROM canonical_events").fetchone()[0] == 1
    assert store.sql("SELECT num_articles, num_sources, date_min, date_max FROM canonical_events").fetchone() == \
        (2, 1, dt.date(2024, 6, 11), dt.date(2024, 6, 12))
    matched, sim = store.sql("SELECT matched_id, similarity FROM article_clusters WHERE article_id = 'upd'").fetchone()
    assert matched == "orig" and sim >= 0.5


def test_events_outside_window_or_of_another_type_stay_apart(store):
    write(store, doc("d1", WIRE, "2024-06-11", [call_event()]))
    write(store, doc("d2", OTHER, "2024-06-14", [call_event(date="2024-06-14")]))   # 3 days later
    other_type = event("e1", "ACCUSE", "112", -2.0, actor("Pakistan", "PAK", "GOV"), actor("Afghanistan", "AFG", "GOV"),
                       date="2024-06-11")
    write(store, doc("d3", OTHER + " More.", "2024-06-11", [other_type]))
    modal = call_event()
    modal.modality = "intended"
    write(store, doc("d4", OTHER + " Again.", "2024-06-11", [modal]))
    rows = store.sql("SELECT event, modality, date, num_articles FROM canonical_events ORDER BY id").fetchall()
    assert len(rows) == 4
    assert all(r[3] == 1 for r in rows)


def test_window_is_configurable(tmp_path):
    with Store(tmp_path / "w.duckdb", dedup=DedupConfig(window_days=3)) as st:
        write(st, doc("d1", WIRE, "2024-06-11", [call_event()]))
        write(st, doc("d2", OTHER, "2024-06-14", [call_event(date="2024-06-14")]))
        assert st.sql("SELECT num_articles FROM canonical_events").fetchall() == [(2,)]


def test_different_stories_same_event_merge_but_unknown_dyads_do_not(store):
    # two unrelated texts reporting the same call (dyad, type, date) → one event, two articles
    write(store, doc("s1", WIRE, "2024-06-11", [call_event()], source="A"))
    write(store, doc("s2", OTHER, "2024-06-12", [call_event(date="2024-06-11")], source="B"))
    # events with no known actor at all are merged only within one story or its copies
    anon = event("e2", "ASSAULT", "190", -10.0, None, None, date="2024-06-11", trigger="attacked")
    write(store, doc("s3", OTHER + " One.", "2024-06-11", [anon]))
    write(store, doc("s4", "A different text about an attack somewhere else entirely, told differently.",
                     "2024-06-11", [anon.model_copy()]))
    rows = store.sql("SELECT event, num_articles FROM canonical_events ORDER BY id").fetchall()
    assert rows == [("CONSULT", 2), ("ASSAULT", 1), ("ASSAULT", 1)]


def test_same_story_tolerates_an_unresolved_actor(store):
    # the update's coder left the recipient unresolved: same story, so it is the same meeting...
    partial = event("e1", "CONSULT", "040", 1.0, actor("the minister", "PAK", "GOV"), None, date="2024-06-11")
    write(store, doc("p1", WIRE, "2024-06-11", [call_event()], source="Wire"))
    write(store, doc("p2", UPDATE, "2024-06-11", [partial], source="Wire"))
    assert store.sql("SELECT recipient_code, num_articles FROM canonical_events").fetchall() == [("AFG", 2)]
    # ...but in an unrelated story the same partial event is not assumed to be that meeting
    write(store, doc("p3", OTHER, "2024-06-11", [partial.model_copy()], source="Other"))
    assert store.sql("SELECT recipient_code, num_articles FROM canonical_events ORDER BY id").fetchall() == \
        [("AFG", 2), (None, 1)]


def test_sector_compatibility(store):
    bare = event("e1", "CONSULT", "040", 1.0, actor("Pakistan", "PAK"), actor("Afghanistan", "AFG", "GOV"),
                 date="2024-06-11")
    mil = event("e1", "CONSULT", "040", 1.0, actor("the army", "PAK", "MIL"), actor("Afghanistan", "AFG", "GOV"),
                date="2024-06-11")
    write(store, doc("g1", WIRE, "2024-06-11", [call_event()]))
    write(store, doc("g2", OTHER, "2024-06-11", [bare]))          # unknown sector: compatible
    write(store, doc("g3", OTHER + " x", "2024-06-11", [mil]))     # MIL vs GOV: another event
    rows = store.sql("SELECT actor_sector, num_articles FROM canonical_events ORDER BY id").fetchall()
    assert rows == [("GOV", 2), ("MIL", 1)]


def rollup_is_consistent(store) -> bool:
    """The summaries maintained batch by batch equal the same summaries computed from scratch (actor_keys: a
    superset of the keys of the events now stored)."""
    from tidings.store.dedup import _ACTOR_KEYS_SELECT, _DAY_ROLLUP_SELECT, _MONTH_ROLLUP_SELECT

    def rows(sql):
        return sorted(store.sql(sql).fetchall(), key=repr)

    day = rows("SELECT * FROM event_rollup") == rows(_DAY_ROLLUP_SELECT.format(cond="true"))
    month = rows("SELECT * FROM actor_month") == rows(_MONTH_ROLLUP_SELECT.format(cond="true"))
    keys = set(rows("SELECT * FROM actor_keys")) >= set(rows(_ACTOR_KEYS_SELECT.format(cond="true")))
    return day and month and keys


def test_incremental_reingest_of_changed_article_updates_counts(store):
    write(store, doc("r1", WIRE, "2024-06-11", [call_event()], source="A"))
    write(store, doc("r2", WIRE, "2024-06-11", [call_event()], source="B"))
    cid = store.sql("SELECT id FROM canonical_events").fetchone()[0]
    # r2 is corrected: its event is now an accusation → the call keeps one article, a new event appears
    acc = event("e1", "ACCUSE", "112", -2.0, actor("Pakistan", "PAK", "GOV"), actor("Afghanistan", "AFG", "GOV"),
                date="2024-06-11")
    write(store, doc("r2", WIRE + " Corrected.", "2024-06-11", [acc], source="B"))
    rows = store.sql("SELECT id, event, num_articles FROM canonical_events ORDER BY id").fetchall()
    assert rows[0] == (cid, "CONSULT", 1)          # stable id, count updated
    assert [r[1:] for r in rows[1:]] == [("ACCUSE", 1)]
    # r2 is withdrawn of all events → its canonical event disappears
    assert rollup_is_consistent(store)
    assert store.sql("SELECT sum(events) FROM event_rollup").fetchone()[0] == 2
    write(store, doc("r2", WIRE + " Withdrawn.", "2024-06-11", [], source="B"))
    assert store.sql("SELECT id, event FROM canonical_events").fetchall() == [(cid, "CONSULT")]
    assert store.sql("SELECT count(*) FROM event_mentions").fetchone()[0] == 1
    assert rollup_is_consistent(store)
    assert store.sql("SELECT month, code, role, quad_class, events FROM actor_month ORDER BY code").fetchall() == \
        [(dt.date(2024, 6, 1), "AFG", "target", 1, 1), (dt.date(2024, 6, 1), "PAK", "source", 1, 1)]
    assert store.sql("SELECT actor_code, recipient_code, event, events FROM event_rollup").fetchall() == \
        [("PAK", "AFG", "CONSULT", 1)]


def test_same_batch_copies_and_rebuild_agree(store):
    docs = [doc(f"b{i}", WIRE, "2024-06-11", [call_event()], source=f"S{i % 2}") for i in range(4)]
    write(store, *docs)
    before = store.sql("SELECT num_mentions, num_articles, num_sources FROM canonical_events").fetchall()
    assert before == [(4, 4, 2)]
    lsh = sorted(store.sql("SELECT * FROM article_lsh").fetchall())
    assert len(lsh) == 4 * store.dedup.bands()[0]
    store.rebuild_dedup()
    assert store.sql("SELECT num_mentions, num_articles, num_sources FROM canonical_events").fetchall() == before
    from tidings.store.dedup import rebuild_lsh

    assert rebuild_lsh(store.con, store.dedup) == 4
    assert sorted(store.sql("SELECT * FROM article_lsh").fetchall()) == lsh
    assert rollup_is_consistent(store)


def test_sentences_and_mentions_tables(store):
    d = doc("m1", WIRE, "2024-06-11", [call_event(), call_event("e2")])
    write(store, d)
    assert store.sql("SELECT count(*) FROM sentences WHERE article_id = 'm1'").fetchone()[0] == 1
    assert store.sql("SELECT num_mentions, num_articles FROM canonical_events").fetchall() == [(2, 1)]
