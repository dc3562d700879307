"""Cross-article deduplication, maintained incrementally on every ingest batch.

Two levels:

1. **Near-duplicate articles** (wire copies, rewritten updates). Each article's text is cut into
   word shingles (``shingle`` words, lower-cased) and summarised by a MinHash signature
   (datasketch, ``num_perm`` permutations). The signature is stored in ``article_minhash`` and its
   LSH band keys in ``article_lsh``; a new article is compared only with the articles sharing a
   band key, and joins the cluster of the most similar one when their estimated Jaccard similarity
   reaches ``threshold``. The index lives in DuckDB, so it grows with each batch and can be
   re-banded (:func:`rebuild_lsh`) from the stored signatures without the texts.

2. **Canonical events.** Every coded event (a row of ``events``: one event as one article tells
   it) is linked in ``event_mentions`` to one row of ``canonical_events``. An event joins an
   existing canonical event when it has the same PLOVER type, modality and negation, the same
   actor and recipient countries (``actor_code``/``recipient_code``) with compatible sectors
   (equal, or one unknown), no conflicting location (different geonameids), and a date within
   ``window_days`` of the canonical event's anchor date (its first mention's date; the event's own
   date, else its article's publication date). Events whose dyad is wholly unknown, or that have
   no date at all, are merged only inside one article or one near-duplicate cluster.
   ``num_mentions`` counts linked mentions, ``num_articles`` distinct articles, ``num_sources``
   distinct sources (the article's ``source``, else its URL's host, else its near-duplicate
   cluster: copies of one wire story with no source information count once).

Only the canonical events touched by a batch are recomputed: ingesting tomorrow's news updates the
tables, it never rebuilds them (:func:`rebuild` exists for changed settings).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional
from urllib.parse import urlparse

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DedupConfig:
    num_perm: int = 128          # MinHash permutations
    shingle: int = 3             # words per shingle
    threshold: float = 0.5       # estimated Jaccard at which two articles are near-duplicates
    window_days: int = 1         # the same event may be dated this many days apart in two reports
    seed: int = 1

    def bands(self) -> tuple[int, int]:
        """(bands, rows per band) of the LSH index for ``threshold`` and ``num_perm``."""
        return _bands(self.threshold, self.num_perm)


@lru_cache(maxsize=32)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


# ---- article signatures -----------------------------------------------------------------------------
def shingles(text: str, k: int = 3) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text or "")]
    if not words:
        return set()
    if len(words) <= k:
        return {" ".join(words)}
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(text: str, cfg: DedupConfig) -> tuple[np.ndarray, int]:
    """(MinHash hash values as uint32, number of shingles) of ``text``."""
    from datasketch import MinHash

    sh = shingles(text, cfg.shingle)
    try:  # datasketch >= 2 names its hashing scheme: pin it, stored signatures must stay comparable
        m = MinHash(num_perm=cfg.num_perm, seed=cfg.seed, scheme="affine32")
    except TypeError:
        m = MinHash(num_perm=cfg.num_perm, seed=cfg.seed)
    if sh:
        m.update_batch([s.encode("utf-8") for s in sh])
    return m.hashvalues.astype(np.uint32), len(sh)


def band_keys(sig: np.ndarray, b: int, r: int) -> list[int]:
    keys = []
    for i in range(b):
        chunk = np.ascontiguousarray(sig[i * r:(i + 1) * r], dtype="<u4").tobytes()
        h = hashlib.blake2b(chunk, digest_size=8, person=b"tidings" + bytes([r % 256]))
        keys.append(int.from_bytes(h.digest(), "little"))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) != len(b) or not len(a):
        return 0.0
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def source_key(source: Optional[str], url: Optional[str], cluster_id: str) -> str:
    if source and source.strip():
        return "source:" + " ".join(source.lower().split())
    if url:
        host = urlparse(url).netloc.lower()
        if host.startswith("www."):
            host = host[4:]
        if host:
            return "host:" + host
    return "cluster:" + cluster_id


def _insert(con, table: str, columns: dict) -> None:
    """Bulk insert columns (name → list or Arrow array) through Arrow."""
    import pyarrow as pa

    data = pa.table(columns)
    if not data.num_rows:
        return
    con.register("_tidings_rows", data)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM _tidings_rows")
    finally:
        con.unregister("_tidings_rows")


# ---- level 1: articles ------------------------------------------------------------------------------
def forget_articles(con, ids: list[str]) -> None:
    """Remove the index entries of articles about to be rewritten."""
    for t in ("article_minhash", "article_lsh", "article_clusters"):
        con.execute(f"DELETE FROM {t} WHERE article_id IN (SELECT unnest(?))", [ids])


def link_articles(con, articles: list[dict], cfg: DedupConfig, store_signatures: bool = True) -> dict[str, str]:
    """Index ``articles`` (dicts with id, text, source, url, sig, n) and assign their clusters.

    Returns article id → cluster id. Runs inside the caller's transaction.
    """
    if not articles:
        return {}
    b, r = cfg.bands()
    # an article without words (failed extraction) has the same empty signature as every other one:
    # it is indexed under no band key, so it is never anybody's candidate
    keyed = [(a, band_keys(a["sig"], b, r) if a["n"] > 0 else []) for a in articles]
    flat_band, flat_key, flat_id = [], [], []
    for a, keys in keyed:
        for i, k in enumerate(keys):
            flat_band.append(i)
            flat_key.append(k)
            flat_id.append(a["id"])
    import pyarrow as pa

    batch = pa.table({"band": pa.array(flat_band, pa.int16()), "key": pa.array(flat_key, pa.uint64()),
                      "article_id": pa.array(flat_id, pa.string())})
    con.register("_tidings_lsh", batch)
    try:
        cand = con.execute(
            """SELECT DISTINCT b.article_id, l.article_id FROM _tidings_lsh b
               JOIN article_lsh l ON l.band = b.band AND l.key = b.key""").fetchall()
    finally:
        con.unregister("_tidings_lsh")
    cands: dict[str, set[str]] = {}
    for new, old in cand:
        cands.setdefault(new, set()).add(old)
    olds = sorted({o for s in cands.values() for o in s})
    known: dict[str, tuple[np.ndarray, str]] = {}
    if olds:
        rows = con.execute(
            """SELECT m.article_id, m.signature, c.cluster_id FROM article_minhash m
               LEFT JOIN article_clusters c USING (article_id)
               WHERE m.article_id IN (SELECT unnest(?)) AND m.num_perm = ?""", [olds, cfg.num_perm]).fetchall()
        known = {aid: (np.asarray(sig, dtype=np.uint32), cl or aid) for aid, sig, cl in rows}
    out: dict[str, str] = {}
    in_batch: dict[tuple[int, int], list[str]] = {}
    sigs: dict[str, np.ndarray] = {}
    rows_min, rows_cl = [], []
    for a, keys in keyed:
        best, best_sim = None, 0.0
        pool = set(cands.get(a["id"], ())) - {a["id"]}
        for i, k in enumerate(keys):
            pool.update(in_batch.get((i, k), ()))
        for other in sorted(pool):
            if other in sigs:
                sig_o, cl_o = sigs[other], out[other]
            elif other in known:
                sig_o, cl_o = known[other]
            else:
                continue
            s = similarity(a["sig"], sig_o)
            if s > best_sim or (s == best_sim and best is not None and cl_o < best[1]):
                best, best_sim = (other, cl_o), s
        if best is not None and best_sim >= cfg.threshold and a["n"] > 0:
            cluster, matched = best[1], best[0]
        else:
            cluster, matched, best_sim = a["id"], None, None
        out[a["id"]] = cluster
        sigs[a["id"]] = a["sig"]
        for i, k in enumerate(keys):
            in_batch.setdefault((i, k), []).append(a["id"])
        rows_min.append((a["id"], cfg.num_perm, a["n"], a["sig"].tolist()))
        rows_cl.append((a["id"], cluster, matched, best_sim, source_key(a.get("source"), a.get("url"), cluster)))
    if store_signatures:
        _insert(con, "article_minhash", {
            "article_id": [r[0] for r in rows_min], "num_perm": pa.array([r[1] for r in rows_min], pa.int32()),
            "n_shingles": pa.array([r[2] for r in rows_min], pa.int32()),
            "signature": pa.array([r[3] for r in rows_min], pa.list_(pa.uint32()))})
    con.register("_tidings_lsh", batch)
    try:
        con.execute("INSERT INTO article_lsh SELECT band, key, article_id FROM _tidings_lsh")
    finally:
        con.unregister("_tidings_lsh")
    _insert(con, "article_clusters", {
        "article_id": [r[0] for r in rows_cl], "cluster_id": [r[1] for r in rows_cl],
        "matched_id": pa.array([r[2] for r in rows_cl], pa.string()),
        "similarity": pa.array([r[3] for r in rows_cl], pa.float64()), "source_key": [r[4] for r in rows_cl]})
    return out


def rebuild_lsh(con, cfg: DedupConfig) -> int:
    """Recompute every band key from the stored signatures (after changing ``threshold``)."""
    b, r = cfg.bands()
    import pyarrow as pa

    con.execute("DELETE FROM article_lsh")
    rows = con.execute("SELECT article_id, signature FROM article_minhash WHERE num_perm = ? AND n_shingles > 0",
                       [cfg.num_perm]).fetchall()
    data = [(i, k, aid) for aid, sig in rows for i, k in enumerate(band_keys(np.asarray(sig, np.uint32), b, r))]
    _insert(con, "article_lsh", {"band": pa.array([d[0] for d in data], pa.int16()),
                                 "key": pa.array([d[1] for d in data], pa.uint64()),
                                 "article_id": pa.array([d[2] for d in data], pa.string())})
    return len(rows)


# ---- level 2: events --------------------------------------------------------------------------------
# candidates: canonical events with the same type, dyad and a date in the window, and every
# canonical event already reported by the batch's near-duplicate clusters (the same story)
_CANON_QUERY = """
WITH cand AS (
    SELECT c.id FROM canonical_events c
    JOIN (SELECT DISTINCT event, modality, negated, coalesce(actor_code, '') ac, coalesce(recipient_code, '') rc,
                 date FROM _tidings_new) b
      ON c.event = b.event AND c.modality = b.modality AND c.negated = b.negated
     AND coalesce(c.actor_code, '') = b.ac AND coalesce(c.recipient_code, '') = b.rc
     AND (c.date IS NULL OR b.date IS NULL OR abs(datediff('day', c.date, b.date)) <= ?)
    UNION
    SELECT canonical_id FROM event_mentions WHERE cluster_id IN (SELECT unnest(?))
)
SELECT c.id, c.event, c.modality, c.negated, c.actor_code, c.recipient_code, c.actor_sector,
       c.recipient_sector, c.date, c.loc_geonameid,
       (SELECT list(DISTINCT m.cluster_id) FROM event_mentions m WHERE m.canonical_id = c.id),
       (SELECT list(DISTINCT m.article_id) FROM event_mentions m WHERE m.canonical_id = c.id)
FROM canonical_events c WHERE c.id IN (SELECT id FROM cand)
"""


def _compatible_sector(a: Optional[str], b: Optional[str]) -> bool:
    return not a or not b or a == b


def _compatible_code(a: Optional[str], b: Optional[str]) -> bool:
    return not a or not b or a == b


def _matches(ev: dict, c: dict, window: int, loose: bool = False) -> bool:
    """Is the event mention ``ev`` the canonical event ``c``?

    ``loose``: within one story (same article or near-duplicate cluster) an actor one version
    leaves unresolved may be known in the other ("the minister" vs "Turkey's foreign minister").
    """
    if (ev["event"], ev["modality"], bool(ev["negated"])) != (c["event"], c["modality"], bool(c["negated"])):
        return False
    if loose:
        if not (ev["article_id"] in c["articles"] or ev["cluster_id"] in c["clusters"]):
            return False
        if not _compatible_code(ev["actor_code"], c["actor_code"]) or \
                not _compatible_code(ev["recipient_code"], c["recipient_code"]):
            return False
    elif (ev["actor_code"] or "") != (c["actor_code"] or "") or \
            (ev["recipient_code"] or "") != (c["recipient_code"] or ""):
        return False
    if not _compatible_sector(ev["actor_sector"], c["actor_sector"]):
        return False
    if not _compatible_sector(ev["recipient_sector"], c["recipient_sector"]):
        return False
    if ev["loc_geonameid"] and c["loc_geonameid"] and ev["loc_geonameid"] != c["loc_geonameid"]:
        return False
    same_story = ev["article_id"] in c["articles"] or ev["cluster_id"] in c["clusters"]
    if not ev["actor_code"] and not ev["recipient_code"] and not same_story:
        return False  # who did it is unknown: only the same story can tell it is the same event
    if ev["date"] is None or c["date"] is None:
        return same_story
    return abs((ev["date"] - c["date"]).days) <= window


_NEW_EVENTS = """
SELECT e.id, e.article_id, e.event, e.modality, e.negated, e.actor_code, e.recipient_code, e.actor_sector,
       e.recipient_sector, coalesce(e.date, a.date) AS date, e.loc_geonameid, cl.cluster_id, cl.source_key
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN article_clusters cl ON cl.article_id = e.article_id
WHERE e.article_id IN (SELECT unnest(?))
ORDER BY list_position(?, e.article_id), e.idx
"""


def unlink_articles(con, ids: list[str]) -> set[int]:
    """Remove the event mentions of articles about to be rewritten; return the canonical ids touched."""
    rows = con.execute("SELECT DISTINCT canonical_id FROM event_mentions WHERE article_id IN (SELECT unnest(?))",
                       [ids]).fetchall()
    con.execute("DELETE FROM event_mentions WHERE article_id IN (SELECT unnest(?))", [ids])
    return {r[0] for r in rows}


def link_events(con, article_ids: list[str], cfg: DedupConfig, touched: Optional[set[int]] = None) -> set[int]:
    """Link the events of ``article_ids`` to canonical events (creating those that are new).

    Returns the canonical ids created or changed; :func:`refresh` must then be called on them.
    """
    import pyarrow as pa

    touched = set(touched or ())
    cols = ["id", "article_id", "event", "modality", "negated", "actor_code", "recipient_code", "actor_sector",
            "recipient_sector", "date", "loc_geonameid", "cluster_id", "source_key"]
    evs = [dict(zip(cols, r)) for r in con.execute(_NEW_EVENTS, [article_ids, article_ids]).fetchall()]
    if not evs:
        return touched
    for ev in evs:
        ev["cluster_id"] = ev["cluster_id"] or ev["article_id"]
        ev["source_key"] = ev["source_key"] or "cluster:" + ev["cluster_id"]
        ev["modality"] = ev["modality"] or "asserted"
        ev["negated"] = bool(ev["negated"])
    tbl = pa.table({
        "event": [e["event"] for e in evs], "modality": [e["modality"] for e in evs],
        "negated": [e["negated"] for e in evs], "actor_code": [e["actor_code"] for e in evs],
        "recipient_code": [e["recipient_code"] for e in evs],
        "date": pa.array([e["date"] for e in evs], pa.date32()),
    })
    clusters = sorted({e["cluster_id"] for e in evs})
    con.register("_tidings_new", tbl)
    try:
        rows = con.execute(_CANON_QUERY, [cfg.window_days, clusters]).fetchall()
    finally:
        con.unregister("_tidings_new")
    ccols = ["id", "event", "modality", "negated", "actor_code", "recipient_code", "actor_sector",
             "recipient_sector", "date", "loc_geonameid", "clusters", "articles"]
    index: dict[tuple, list[dict]] = {}     # exact: type, modality, negation, dyad
    by_type: dict[tuple, list[dict]] = {}   # loose (same story): type, modality, negation

    def key(x: dict) -> tuple:
        return (x["event"], x["modality"], bool(x["negated"]), x["actor_code"] or "", x["recipient_code"] or "")

    def add(c: dict) -> None:
        index.setdefault(key(c), []).append(c)
        by_type.setdefault(key(c)[:3], []).append(c)

    for r in rows:
        c = dict(zip(ccols, r))
        c["clusters"] = set(c["clusters"] or ())
        c["articles"] = set(c["articles"] or ())
        c["modality"] = c["modality"] or "asserted"
        add(c)

    def best_of(ev: dict, cands, loose: bool):
        best = None
        for c in cands:
            if not _matches(ev, c, cfg.window_days, loose):
                continue
            dist = abs((ev["date"] - c["date"]).days) if ev["date"] and c["date"] else 0
            known = (c["actor_code"] == ev["actor_code"]) + (c["recipient_code"] == ev["recipient_code"])
            rank = (-known, dist, -len(c["articles"]), c["id"] if c["id"] is not None else 1 << 62)
            if best is None or rank < best[0]:
                best = (rank, c)
        return best[1] if best else None

    links = []
    fresh: list[dict] = []
    for ev in evs:
        c = best_of(ev, index.get(key(ev), ()), False) or best_of(ev, by_type.get(key(ev)[:3], ()), True)
        if c is None:
            c = {k: ev[k] for k in ("event", "modality", "negated", "actor_code", "recipient_code", "actor_sector",
                                    "recipient_sector", "date", "loc_geonameid")}
            c.update(id=None, clusters=set(), articles=set())
            fresh.append(c)
            add(c)
        else:
            # a mention may fill in what the canonical event did not know
            for f in ("actor_sector", "recipient_sector", "loc_geonameid"):
                c[f] = c[f] or ev[f]
            for f in ("actor_code", "recipient_code"):
                if not c[f] and ev[f]:
                    c[f] = ev[f]
                    add(c)  # now also found under its completed dyad
        c["clusters"].add(ev["cluster_id"])
        c["articles"].add(ev["article_id"])
        links.append((ev, c))
    if fresh:
        ids = [r[0] for r in con.execute("SELECT nextval('canonical_event_seq') FROM range(?)", [len(fresh)]).fetchall()]
        for c, i in zip(fresh, ids):
            c["id"] = i
        _insert(con, "canonical_events", {
            "id": pa.array(ids, pa.int64()), "event": [c["event"] for c in fresh],
            "modality": [c["modality"] for c in fresh], "negated": [c["negated"] for c in fresh]})
    # seq numbers the links in the order they were made (the first mention represents the event)
    seqs = sorted(r[0] for r in con.execute("SELECT nextval('event_mention_seq') FROM range(?)",
                                            [len(links)]).fetchall())
    _insert(con, "event_mentions", {
        "seq": pa.array(seqs, pa.int64()),
        "event_id": [ev["id"] for ev, _ in links], "canonical_id": pa.array([c["id"] for _, c in links], pa.int64()),
        "article_id": [ev["article_id"] for ev, _ in links], "cluster_id": [ev["cluster_id"] for ev, _ in links],
        "source_key": [ev["source_key"] for ev, _ in links],
        "date": pa.array([ev["date"] for ev, _ in links], pa.date32())})
    touched.update(c["id"] for _, c in links)
    return touched


# The canonical row is rebuilt from its mentions: coded fields from the first mention (the first
# one linked), missing parts filled from later ones, counts over all of them.
_REFRESH = """
WITH m AS (
    SELECT em.canonical_id AS cid, em.source_key, em.cluster_id, em.date AS mdate, em.seq AS mseq,
           e.*, a.url AS a_url
    FROM event_mentions em JOIN events e ON e.id = em.event_id JOIN articles a ON a.id = em.article_id
    WHERE em.canonical_id IN (SELECT unnest($ids))
), f AS (
    SELECT cid, arg_min(article_id, mseq) AS first_article FROM m GROUP BY cid
)
SELECT m.cid,
       arg_min(event, mseq), arg_min_null(mode, mseq), arg_min_null(context, mseq), arg_min(cameo, mseq),
       arg_min(cameo_root, mseq), arg_min(quad_class, mseq), arg_min(goldstein, mseq),
       arg_min(actor_code, mseq), arg_min(actor_sector, mseq), arg_min(actor_cameo, mseq),
       arg_min(actor_name, mseq), arg_min(actor_text, mseq),
       arg_min(recipient_code, mseq), arg_min(recipient_sector, mseq), arg_min(recipient_cameo, mseq),
       arg_min(recipient_name, mseq), arg_min(recipient_text, mseq),
       arg_min(mdate, mseq), min(mdate), max(mdate), arg_min(date_precision, mseq),
       arg_min_null(loc_name, mseq) FILTER (WHERE loc_name IS NOT NULL),
       arg_min_null(loc_geonameid, mseq) FILTER (WHERE loc_name IS NOT NULL),
       arg_min_null(loc_country, mseq) FILTER (WHERE loc_name IS NOT NULL),
       arg_min_null(loc_lat, mseq) FILTER (WHERE loc_name IS NOT NULL),
       arg_min_null(loc_lon, mseq) FILTER (WHERE loc_name IS NOT NULL),
       arg_min_null(loc_feature, mseq) FILTER (WHERE loc_name IS NOT NULL),
       arg_min(negated, mseq), arg_min(modality, mseq), max(confidence),
       max(dead), max(injured), max(arrested), max(size),
       count(*), count(DISTINCT source_key), count(DISTINCT article_id),
       arg_min(article_id, mseq), arg_min(id, mseq), arg_min(cluster_id, mseq), arg_min(a_url, mseq),
       coalesce(bool_or(sentence_index <= 1) FILTER (WHERE article_id = f.first_article), false)
FROM m JOIN f ON f.cid = m.cid
GROUP BY m.cid
"""
_REFRESH_COLS = [
    "id", "event", "mode", "context", "cameo", "cameo_root", "quad_class", "goldstein",
    "actor_code", "actor_sector", "actor_cameo", "actor_name", "actor_text",
    "recipient_code", "recipient_sector", "recipient_cameo", "recipient_name", "recipient_text",
    "date", "date_min", "date_max", "date_precision",
    "loc_name", "loc_geonameid", "loc_country", "loc_lat", "loc_lon", "loc_feature",
    "negated", "modality", "confidence", "dead", "injured", "arrested", "size",
    "num_mentions", "num_sources", "num_articles",
    "first_article_id", "first_event_id", "cluster_id", "source_url", "is_root",
]


_DAYS = "SELECT DISTINCT date FROM canonical_events WHERE id IN (SELECT unnest(?))"


#: canonical events per day, actor country, recipient country, type, quad class, modality and negation
_DAY_ROLLUP_SELECT = """SELECT date AS day, actor_code, recipient_code, event, quad_class,
                               coalesce(modality, 'asserted') AS modality, coalesce(negated, false) AS negated,
                               count(*) AS events, sum(goldstein) AS goldstein_sum,
                               count(goldstein) AS goldstein_n, sum(num_articles)::BIGINT AS articles,
                               min(actor_name) AS actor_name, min(recipient_name) AS recipient_name
                        FROM canonical_events WHERE {cond}
                        GROUP BY ALL"""
_DAY_ROLLUP_COLS = ("day, actor_code, recipient_code, event, quad_class, modality, negated, events, goldstein_sum, "
                    "goldstein_n, articles, actor_name, recipient_name")


#: canonical events per month, country-level actor code and role (``source``: the actor side, ``target``: the
#: recipient side), type, quad class, modality and negation, summed from ``event_rollup`` rows (``{cond}``)
_MONTH_ROLLUP_SELECT = """
    SELECT date_trunc('month', day)::DATE AS month, actor_code AS code, 'source' AS role, event, quad_class,
           modality, negated, sum(events)::BIGINT AS events, sum(goldstein_sum) AS goldstein_sum,
           sum(goldstein_n)::BIGINT AS goldstein_n, sum(articles)::BIGINT AS articles, min(actor_name) AS name
    FROM event_rollup WHERE actor_code IS NOT NULL AND {cond} GROUP BY ALL
    UNION ALL
    SELECT date_trunc('month', day)::DATE, recipient_code, 'target', event, quad_class, modality, negated,
           sum(events)::BIGINT, sum(goldstein_sum), sum(goldstein_n)::BIGINT, sum(articles)::BIGINT,
           min(recipient_name)
    FROM event_rollup WHERE recipient_code IS NOT NULL AND {cond} GROUP BY ALL"""
_MONTH_ROLLUP_COLS = ("month, code, role, event, quad_class, modality, negated, events, goldstein_sum, goldstein_n, "
                      "articles, name")

#: what the actor filter of :class:`tidings.export.common.Filters` compares besides the actor code, per side
#: of the canonical events ``{cond}`` selects: the CAMEO code (a prefix), code + sector and the upper-cased
#: name, each with the side's code (see :func:`tidings.analysis.codes_only`)
_ACTOR_KEYS_SELECT = """
    WITH c AS MATERIALIZED (
        SELECT actor_code, actor_sector, actor_cameo, actor_name, recipient_code, recipient_sector,
               recipient_cameo, recipient_name
        FROM canonical_events WHERE {cond})
    SELECT DISTINCT kind, value, code FROM (
        SELECT 'cameo' AS kind, actor_cameo AS value, actor_code AS code FROM c WHERE actor_cameo IS NOT NULL
        UNION ALL SELECT 'cameo', recipient_cameo, recipient_code FROM c WHERE recipient_cameo IS NOT NULL
        UNION ALL SELECT 'code_sector', coalesce(actor_code, '') || coalesce(actor_sector, ''), actor_code FROM c
        UNION ALL SELECT 'code_sector', coalesce(recipient_code, '') || coalesce(recipient_sector, ''), recipient_code
        FROM c
        UNION ALL SELECT 'name', upper(actor_name), actor_code FROM c WHERE actor_name IS NOT NULL
        UNION ALL SELECT 'name', upper(recipient_name), recipient_code FROM c WHERE recipient_name IS NOT NULL)
    WHERE value IS DISTINCT FROM code"""


def rebuild_rollup(con) -> int:
    """Recompute the ``event_rollup``, ``actor_month`` and ``actor_keys`` summaries from ``canonical_events``;
    returns the rows of ``event_rollup``.

    ``event_rollup`` is written sorted by actor, recipient and day (a query on one dyad or one actor as source
    reads few of its row groups), ``actor_month`` by actor code, role and month."""
    con.execute("DELETE FROM event_rollup")
    con.execute(f"INSERT INTO event_rollup ({_DAY_ROLLUP_COLS}) " + _DAY_ROLLUP_SELECT.format(cond="true")
                + " ORDER BY actor_code NULLS LAST, recipient_code NULLS LAST, day")
    con.execute("DELETE FROM actor_month")
    con.execute(f"INSERT INTO actor_month ({_MONTH_ROLLUP_COLS}) SELECT * FROM ("
                + _MONTH_ROLLUP_SELECT.format(cond="true") + ") ORDER BY code, role, month")
    con.execute("DELETE FROM actor_keys")
    con.execute("INSERT INTO actor_keys " + _ACTOR_KEYS_SELECT.format(cond="true") + " ORDER BY kind, value")
    return con.execute("SELECT count(*) FROM event_rollup").fetchone()[0]


def _update_day_rollup(con, days: set) -> None:
    """Recompute the ``event_rollup`` rows of these days (``None``: the undated events), then the
    ``actor_month`` rows of their months."""
    dated = sorted(d for d in days if d is not None)
    undated = None in days
    if not dated and not undated:
        return
    cond = "(list_contains(?::DATE[], day) OR (? AND day IS NULL))"
    con.execute(f"DELETE FROM event_rollup WHERE {cond}", [dated, undated])
    con.execute(f"INSERT INTO event_rollup ({_DAY_ROLLUP_COLS}) "
                + _DAY_ROLLUP_SELECT.format(cond=cond.replace("day", "date")), [dated, undated])
    months = sorted({d.replace(day=1) for d in dated})
    mcond = "(list_contains(?::DATE[], month) OR (? AND month IS NULL))"
    con.execute(f"DELETE FROM actor_month WHERE {mcond}", [months, undated])
    dcond = "(list_contains(?::DATE[], date_trunc('month', day)::DATE) OR (? AND day IS NULL))"
    con.execute(f"INSERT INTO actor_month ({_MONTH_ROLLUP_COLS}) " + _MONTH_ROLLUP_SELECT.format(cond=dcond),
                [months, undated, months, undated])


def _update_actor_keys(con, ids: list[int]) -> None:
    """Add the actor keys of these canonical events that ``actor_keys`` lacks (it may keep keys of events
    since deleted: a superset only makes :func:`tidings.analysis.codes_only` say no more often)."""
    con.execute("INSERT INTO actor_keys SELECT * FROM (" + _ACTOR_KEYS_SELECT.format(cond="id IN (SELECT unnest(?))")
                + ") k WHERE NOT EXISTS (SELECT 1 FROM actor_keys o WHERE o.kind = k.kind AND o.value = k.value "
                "AND o.code IS NOT DISTINCT FROM k.code)", [ids])


def bump_version(con) -> None:
    """Raise ``data_version`` (inside the writer's transaction): cached reads of the store are stale."""
    con.execute("UPDATE data_version SET version = version + 1")


def refresh(con, ids: Iterable[int], rollup: bool = True) -> None:
    """Recompute the canonical rows ``ids`` from their mentions; drop those left without any.

    With ``rollup`` the ``event_rollup`` rows of the days concerned (before and after) and the
    ``actor_month`` rows of their months are recomputed too, and ``actor_keys`` gains the new keys.
    """
    ids = sorted(i for i in set(ids) if i is not None)
    if not ids:
        return
    import pyarrow as pa

    days = {r[0] for r in con.execute(_DAYS, [ids]).fetchall()} if rollup else set()

    kept = con.execute("SELECT id, first_seen FROM canonical_events WHERE id IN (SELECT unnest(?))",
                       [ids]).fetchall()
    con.execute("DELETE FROM canonical_events WHERE id IN (SELECT unnest(?))", [ids])
    seen = pa.table({"id": pa.array([r[0] for r in kept], pa.int64()),
                     "first_seen": pa.array([r[1] for r in kept], pa.timestamp("us"))})
    con.register("_tidings_seen", seen)
    try:
        cols = _REFRESH_COLS + ["first_seen", "updated_at"]
        con.execute(f"""INSERT INTO canonical_events ({', '.join(cols)})
                        SELECT r.*, coalesce(s.first_seen, current_timestamp::TIMESTAMP), current_timestamp::TIMESTAMP
                        FROM ({_REFRESH.replace('$ids', '?')}) r LEFT JOIN _tidings_seen s ON s.id = r.cid""", [ids])
    finally:
        con.unregister("_tidings_seen")
    if rollup:
        days |= {r[0] for r in con.execute(_DAYS, [ids]).fetchall()}
        _update_day_rollup(con, days)
        _update_actor_keys(con, ids)


def rebuild(con, cfg: DedupConfig, batch: int = 256) -> int:
    """Rebuild clusters, links and canonical events from the stored signatures and events.

    For changed settings (threshold, window). Articles are replayed in ingest order, so the
    result is what incremental ingestion with these settings would have built.
    """
    con.execute("DELETE FROM event_mentions")
    con.execute("DELETE FROM canonical_events")
    con.execute("DELETE FROM article_lsh")
    con.execute("DELETE FROM article_clusters")
    rows = con.execute(
        """SELECT a.id, a.source, a.url, m.signature, m.n_shingles, m.num_perm FROM articles a
           LEFT JOIN article_minhash m ON m.article_id = a.id ORDER BY a.ingested_at, a.id""").fetchall()
    for i in range(0, len(rows), batch):
        chunk = rows[i:i + batch]
        arts = []
        for aid, source, url, sig, n, perm in chunk:
            if sig is None or perm != cfg.num_perm:
                text = con.execute("SELECT text FROM articles WHERE id = ?", [aid]).fetchone()[0]
                con.execute("DELETE FROM article_minhash WHERE article_id = ?", [aid])
                sig_a, n = signature(text or "", cfg)
                con.execute("INSERT INTO article_minhash VALUES (?, ?, ?, ?)", [aid, cfg.num_perm, n, sig_a.tolist()])
            else:
                sig_a = np.asarray(sig, dtype=np.uint32)
            arts.append({"id": aid, "source": source, "url": url, "sig": sig_a, "n": n})
        link_articles(con, arts, cfg, store_signatures=False)
        ids = [a["id"] for a in arts]
        refresh(con, link_events(con, ids, cfg), rollup=False)
    rebuild_rollup(con)
    return len(rows)
