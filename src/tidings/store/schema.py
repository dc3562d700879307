"""The DuckDB schema, as numbered migrations.

``schema_version`` records each migration applied. Opening a database runs the
missing ones in order (each in its own transaction); a database written by a
newer tidings is refused with a message saying to upgrade tidings.

Tables (one per layer; ``article_id`` joins them to ``articles``):

- ``articles``: ``id`` (the caller's id), ``content_hash`` (sha256 of the input fields: a
  re-ingest with the same hash is a no-op, a changed article replaces its rows), title, date
  (DATE), ``date_raw``, source, url, language, dateline, text, ``errors`` (JSON list),
  ``n_errors``, ``ingested_at``.
- ``entities``: one row per named mention with its resolved actor (``actor_*`` columns).
- ``events``: one row per coded event: PLOVER ``event``/``mode``/``context``, CAMEO ``cameo``,
  ``quad_class``, ``goldstein``; the first actor and recipient flattened (``actor_code``,
  ``actor_sector``, ``actor_name``, ``recipient_*``) plus all of them as JSON; trigger and
  sentence offsets; ``date``/``date_precision``; ``loc_*``; ``negated``, ``modality``,
  ``confidence``, ``rule``; casualty fields.
- ``quotes``, ``places``, ``times``, ``amounts``: their layers, spans as ``*_start``/``*_end``.
- ``ingest_errors``: input problems that had no article id (a malformed JSONL line).

Migration 2 (the event record) adds:

- ``settings``: the database's deduplication settings (``dedup.window_days``, ...), so that
  every later ingest uses the settings the canonical events were built with.
- ``sentences``: the sentences that carry coded events (``article_id``, ``idx`` = sentence index,
  offsets, text); ``mentions``: a view over ``entities`` (every resolved actor mention).
- ``article_minhash``: the MinHash signature of each article's word shingles;
  ``article_lsh``: its LSH band keys (``band``, ``key``), so the near-duplicate index grows with
  each ingest and never needs the texts again; ``article_clusters``: for every article the
  cluster it belongs to (``cluster_id`` = id of the first article of a set of near-duplicates:
  wire copies, updates), the article it matched and the estimated Jaccard similarity.
- ``canonical_events``: one row per real-world event, whatever the number of articles that
  report it: a stable integer ``id`` (GDELT's GlobalEventID), the coded fields of its first
  mention, ``date`` (the first mention's, the anchor of the dedup window), ``date_min``/``date_max``,
  ``num_mentions``, ``num_sources``, ``num_articles``, ``first_article_id``, ``source_url``,
  ``is_root``, ``first_seen``/``updated_at``.
- ``event_mentions``: the link table: every row of ``events`` (an event as coded in one article)
  → its ``canonical_id``, with the article, its cluster and source key.

Migration 3 adds ``dyad_month``: canonical events summed per month, actor country, recipient
country, quad class, modality and negation (count, Goldstein sum, articles): what ``tidings dyad``
reads; maintained with the canonical events, for the keys each batch touches (dropped by migration 7).

Migration 4 adds ``quotes.fragments``: the pieces of a quotation split by its attribution
(``Quote.fragments``), as a JSON list of spans (``text``, ``start``, ``end``), like the actor
lists of ``events``; NULL for a quotation in one piece, and for quotes stored before the
migration (re-extract and re-ingest an article to fill it).

Migration 5 adds the document's tone (``Document.tone``, GDELT's V2Tone) as ``articles.tone``,
``tone_positive``, ``tone_negative``, ``tone_polarity``, ``tone_activity``, ``tone_self_group`` and
``tone_words`` (NULL for articles stored before it); the places tied to an event's first actor and
recipient (``Event.actor_loc``/``recipient_loc``) as JSON ``events.actor_loc``/``recipient_loc``; and
the state of ``tidings watch`` (tidings/live): ``live_files`` (every watched file seen, with its
mtime, size and sha256), ``live_feeds`` (ETag, Last-Modified, failures and next try of each feed),
``live_items`` (every feed item: ``pending`` until its page is stored, ``stored``, or ``failed`` after
its last try) and ``live_batches`` (the update files published: the ``event_mentions.seq`` range
each covers, ``pending`` until its files and lists are written, then ``done``).

Migration 6 adds ``event_rollup``: canonical events summed per day, actor country, recipient
country (either may be NULL), PLOVER type, quad class, modality and negation (count, Goldstein
sum and how many events have one, articles, and the smallest actor and recipient name of the group): what the dyad, timeline
and top queries of :mod:`tidings.analysis` (and so ``tidings serve``) read when they can. It is
maintained with the canonical events, one day at a time for the days each batch touches, and
rebuilt sorted by actor, recipient and day. And ``data_version``: one row, one number, raised by
every committed write that changes the events (``Store.write``, a dedup rebuild), so that a reader
can tell that what it cached is stale.

Migration 7 drops ``dyad_month`` (read by nothing since ``event_rollup``) and adds two summaries, both
rebuilt with ``event_rollup`` and maintained with it:

- ``actor_month``: ``event_rollup`` summed per month (NULL: undated events), country-level actor code
  (``code``) and ``role`` (``source``: the actor side, ``target``: the recipient side), type, quad
  class, modality and negation, with the smallest name; sorted by code, role and month. What a
  timeline by month, quarter or year over whole months and the top actors read: one actor's rows
  are a few row groups, and the whole table is a fraction of ``event_rollup``.
- ``actor_keys``: what the actor filter of the exports and ``tidings.analysis.top`` compares besides
  an event side's code (its CAMEO code, code + sector, upper-cased name: ``kind``, ``value``), with
  that side's code, where the two differ. A 3-letter code that no row matches under another code
  selects exactly the events whose actor or recipient code it is, which ``event_rollup`` answers
  (:func:`tidings.analysis.codes_only`). Rows are only added between rebuilds (a superset is safe).
"""
from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial layers", """
    CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        title VARCHAR,
        date DATE,
        date_raw VARCHAR,
        source VARCHAR,
        url VARCHAR,
        language VARCHAR,
        dateline VARCHAR,
        text VARCHAR,
        errors JSON,
        n_errors INTEGER,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE IF NOT EXISTS entities (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR, start_char INTEGER, end_char INTEGER, label VARCHAR,
        actor_code VARCHAR, actor_sector VARCHAR, actor_cameo VARCHAR, actor_name VARCHAR,
        actor_role VARCHAR, kb_id VARCHAR
    );
    CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        event VARCHAR, mode VARCHAR, context VARCHAR[],
        cameo VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        actor_code VARCHAR, actor_sector VARCHAR, actor_cameo VARCHAR, actor_name VARCHAR, actor_text VARCHAR,
        recipient_code VARCHAR, recipient_sector VARCHAR, recipient_cameo VARCHAR, recipient_name VARCHAR,
        recipient_text VARCHAR,
        actors JSON, recipients JSON,
        trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        sentence_index INTEGER, sentence_start INTEGER, sentence_end INTEGER, sentence_text VARCHAR,
        date DATE, date_precision VARCHAR,
        loc_name VARCHAR, loc_geonameid BIGINT, loc_country VARCHAR, loc_lat DOUBLE, loc_lon DOUBLE, loc_feature VARCHAR,
        negated BOOLEAN, modality VARCHAR, confidence DOUBLE, rule VARCHAR,
        dead INTEGER, injured INTEGER, arrested INTEGER, size INTEGER
    );
    CREATE TABLE IF NOT EXISTS quotes (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
        speaker_code VARCHAR, speaker_sector VARCHAR, speaker_name VARCHAR,
        cue_text VARCHAR, cue_start INTEGER, cue_end INTEGER,
        content_text VARCHAR, content_start INTEGER, content_end INTEGER,
        direct BOOLEAN
    );
    CREATE TABLE IF NOT EXISTS places (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR, start_char INTEGER, end_char INTEGER,
        name VARCHAR, geonameid BIGINT, country_code VARCHAR, lat DOUBLE, lon DOUBLE,
        feature VARCHAR, kind VARCHAR
    );
    CREATE TABLE IF NOT EXISTS times (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR, start_char INTEGER, end_char INTEGER, type VARCHAR, value VARCHAR
    );
    CREATE TABLE IF NOT EXISTS amounts (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        text VARCHAR, start_char INTEGER, end_char INTEGER,
        value DOUBLE, unit VARCHAR, about VARCHAR, kind VARCHAR
    );
    CREATE TABLE IF NOT EXISTS ingest_errors (
        location VARCHAR, stage VARCHAR, message VARCHAR, logged_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
    CREATE INDEX IF NOT EXISTS entities_article ON entities(article_id);
    """),
]

MIGRATIONS.append((2, "event record: sentences, near-duplicate index, canonical events", """
    CREATE TABLE IF NOT EXISTS settings (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE IF NOT EXISTS sentences (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        start_char INTEGER, end_char INTEGER, text VARCHAR
    );
    CREATE OR REPLACE VIEW mentions AS
        SELECT article_id, idx, text, start_char, end_char, label, actor_code, actor_sector, actor_cameo,
               actor_name, actor_role, kb_id
        FROM entities WHERE actor_code IS NOT NULL OR actor_cameo IS NOT NULL;
    CREATE TABLE IF NOT EXISTS article_minhash (
        article_id VARCHAR PRIMARY KEY,
        num_perm INTEGER NOT NULL,
        n_shingles INTEGER NOT NULL,
        signature UINTEGER[] NOT NULL
    );
    CREATE TABLE IF NOT EXISTS article_lsh (
        band SMALLINT NOT NULL,
        key UBIGINT NOT NULL,
        article_id VARCHAR NOT NULL
    );
    CREATE TABLE IF NOT EXISTS article_clusters (
        article_id VARCHAR PRIMARY KEY,
        cluster_id VARCHAR NOT NULL,
        matched_id VARCHAR,
        similarity DOUBLE,
        source_key VARCHAR
    );
    CREATE SEQUENCE IF NOT EXISTS canonical_event_seq START 1;
    CREATE TABLE IF NOT EXISTS canonical_events (
        id BIGINT PRIMARY KEY,
        event VARCHAR, mode VARCHAR, context VARCHAR[],
        cameo VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        actor_code VARCHAR, actor_sector VARCHAR, actor_cameo VARCHAR, actor_name VARCHAR, actor_text VARCHAR,
        recipient_code VARCHAR, recipient_sector VARCHAR, recipient_cameo VARCHAR, recipient_name VARCHAR,
        recipient_text VARCHAR,
        date DATE, date_min DATE, date_max DATE, date_precision VARCHAR,
        loc_name VARCHAR, loc_geonameid BIGINT, loc_country VARCHAR, loc_lat DOUBLE, loc_lon DOUBLE,
        loc_feature VARCHAR,
        negated BOOLEAN, modality VARCHAR, confidence DOUBLE,
        dead INTEGER, injured INTEGER, arrested INTEGER, size INTEGER,
        num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER,
        first_article_id VARCHAR, first_event_id VARCHAR, cluster_id VARCHAR, source_url VARCHAR,
        is_root BOOLEAN,
        first_seen TIMESTAMP DEFAULT current_timestamp, updated_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE SEQUENCE IF NOT EXISTS event_mention_seq START 1;
    CREATE TABLE IF NOT EXISTS event_mentions (
        event_id VARCHAR PRIMARY KEY,
        seq BIGINT DEFAULT nextval('event_mention_seq'),
        canonical_id BIGINT NOT NULL,
        article_id VARCHAR NOT NULL,
        cluster_id VARCHAR,
        source_key VARCHAR,
        date DATE,
        linked_at TIMESTAMP DEFAULT current_timestamp
    );
    """))

MIGRATIONS.append((3, "dyad_month summary", """
    CREATE TABLE IF NOT EXISTS dyad_month (
        month DATE NOT NULL,
        actor_code VARCHAR NOT NULL,
        recipient_code VARCHAR NOT NULL,
        quad_class INTEGER,
        modality VARCHAR,
        negated BOOLEAN,
        events BIGINT,
        goldstein_sum DOUBLE,
        articles BIGINT
    );
    """))

MIGRATIONS.append((4, "quote fragments", """
    ALTER TABLE quotes ADD COLUMN IF NOT EXISTS fragments JSON;
    """))

MIGRATIONS.append((5, "document tone, actor places, live watcher state", """
    ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone DOUBLE;
    ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone_positive DOUBLE;
    ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone_negative DOUBLE;
    ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone_polarity DOUBLE;
    ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone_activity DOUBLE;
    ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone_self_group DOUBLE;
    ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone_words INTEGER;
    ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_loc JSON;
    ALTER TABLE events ADD COLUMN IF NOT EXISTS recipient_loc JSON;
    CREATE TABLE IF NOT EXISTS live_files (
        path VARCHAR PRIMARY KEY, mtime_ns BIGINT, size BIGINT, sha256 VARCHAR,
        articles INTEGER, seen_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE IF NOT EXISTS live_feeds (
        url VARCHAR PRIMARY KEY, etag VARCHAR, modified VARCHAR, polled_at TIMESTAMP,
        failures INTEGER DEFAULT 0, next_try TIMESTAMP, last_error VARCHAR
    );
    CREATE TABLE IF NOT EXISTS live_items (
        link VARCHAR PRIMARY KEY, feed VARCHAR, guid VARCHAR, title VARCHAR, published VARCHAR,
        state VARCHAR NOT NULL, attempts INTEGER DEFAULT 0, next_try TIMESTAMP, article_id VARCHAR,
        last_error VARCHAR, added_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE IF NOT EXISTS live_batches (
        stamp VARCHAR PRIMARY KEY, seq_from BIGINT NOT NULL, seq_to BIGINT NOT NULL,
        state VARCHAR NOT NULL, events INTEGER, mentions INTEGER,
        created_at TIMESTAMP DEFAULT current_timestamp, published_at TIMESTAMP
    );
    """))

MIGRATIONS.append((6, "event_rollup summary, data version", """
    CREATE TABLE IF NOT EXISTS event_rollup (
        day DATE,
        actor_code VARCHAR,
        recipient_code VARCHAR,
        event VARCHAR,
        quad_class INTEGER,
        modality VARCHAR NOT NULL,
        negated BOOLEAN NOT NULL,
        events BIGINT NOT NULL,
        goldstein_sum DOUBLE,
        goldstein_n BIGINT,
        articles BIGINT,
        actor_name VARCHAR,
        recipient_name VARCHAR
    );
    CREATE TABLE IF NOT EXISTS data_version (version BIGINT NOT NULL);
    INSERT INTO data_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM data_version);
    """))

MIGRATIONS.append((7, "actor_month and actor_keys summaries; dyad_month dropped", """
    DROP TABLE IF EXISTS dyad_month;
    CREATE TABLE IF NOT EXISTS actor_month (
        month DATE,
        code VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        event VARCHAR,
        quad_class INTEGER,
        modality VARCHAR NOT NULL,
        negated BOOLEAN NOT NULL,
        events BIGINT NOT NULL,
        goldstein_sum DOUBLE,
        goldstein_n BIGINT,
        articles BIGINT,
        name VARCHAR
    );
    CREATE TABLE IF NOT EXISTS actor_keys (
        kind VARCHAR NOT NULL,
        value VARCHAR,
        code VARCHAR
    );
    """))

LAYER_TABLES = ["entities", "events", "quotes", "places", "times", "amounts", "sentences"]
#: tables maintained by deduplication (store/dedup.py)
DEDUP_TABLES = ["article_clusters", "canonical_events", "event_mentions"]
CURRENT_VERSION = MIGRATIONS[-1][0]
