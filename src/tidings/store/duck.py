"""The embedded DuckDB store: one table per layer, batch writes through Arrow.

>>> from tidings.store import Store
>>> with Store("tidings.duckdb") as st:
...     st.write([record, ...])          # one transaction per call
...     st.sql("SELECT event, count(*) FROM events GROUP BY 1").fetchall()

Writing is idempotent: an article whose ``content_hash`` is already stored is
skipped; one whose content changed has all its rows replaced. Each ``write``
call commits in one transaction, so an interrupted run loses nothing already
committed and a rerun completes it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Iterable, Optional, Union

import duckdb
import pyarrow as pa

from ..model import Actor, ArticleInput, Document
from . import DEFAULT_DB, dedup  # noqa: F401  (DEFAULT_DB: Store's default path, re-exported)
from .dedup import DedupConfig
from .schema import CURRENT_VERSION, DEDUP_TABLES, LAYER_TABLES, MIGRATIONS



class StoreError(RuntimeError):
    pass


def data_version(con) -> int:
    """The store's ``data_version`` through any connection or cursor on it (0 before migration 6)."""
    try:
        row = con.execute("SELECT max(version) FROM data_version").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0] or 0)


def content_hash(item: Union[ArticleInput, Document, dict]) -> str:
    """sha256 over the article's input fields (text or html, title, date, source, url)."""
    get = item.get if isinstance(item, dict) else (lambda k: getattr(item, k, None))
    h = hashlib.sha256()
    for key in ("text", "html", "title", "date", "source", "url"):
        v = get(key)
        h.update(key.encode())
        h.update(b"\x1f")
        h.update((v or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()


def _iso_date(value: Optional[str]) -> Optional[dt.date]:
    from ..nlp.text import parse_date

    return parse_date(value)


class Store:
    def __init__(self, path: Union[str, Path] = DEFAULT_DB, read_only: bool = False,
                 dedup: Optional[DedupConfig] = None) -> None:
        self.path = str(path)
        self.dedup = dedup
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open DuckDB database {self.path!r}: {exc}") from exc
        if not read_only:
            self.migrate()
        else:
            self._check_version()
        stored = self._load_dedup()
        if self.dedup is None:
            self.dedup = stored or DedupConfig()
        elif stored is not None and stored != self.dedup and not read_only:
            raise StoreError(f"{self.path} was deduplicated with {stored}; rebuild it with the new settings "
                             "(`tidings dedup --rebuild ...` or Store.rebuild_dedup(config)) instead")
        if not read_only and stored is None:
            self._save_dedup()

    def _load_dedup(self) -> Optional[DedupConfig]:
        try:
            rows = dict(self.con.execute("SELECT key, value FROM settings WHERE key LIKE 'dedup.%'").fetchall())
        except duckdb.CatalogException:
            return None
        if not rows:
            return None
        kw = {}
        for f in dataclasses.fields(DedupConfig):
            v = rows.get("dedup." + f.name)
            if v is not None:
                kw[f.name] = float(v) if f.type in ("float", float) else int(v)
        return DedupConfig(**kw)

    def _save_dedup(self) -> None:
        for f in dataclasses.fields(DedupConfig):
            self.con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                             ["dedup." + f.name, str(getattr(self.dedup, f.name))])

    # -- schema --------------------------------------------------------------------------------
    def version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0] or 0)

    def _check_version(self) -> None:
        v = self.version()
        if v > CURRENT_VERSION:
            raise StoreError(f"{self.path} has schema version {v}, newer than this tidings knows "
                             f"({CURRENT_VERSION}): upgrade tidings (pip install -U tidings)")
        if v < CURRENT_VERSION:
            raise StoreError(f"{self.path} has schema version {v} < {CURRENT_VERSION}: open it once "
                             "without read-only (e.g. `tidings stats --db PATH`) to upgrade it")

    def migrate(self) -> list[int]:
        """Apply missing migrations in order; return the versions applied."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version "
                         "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)")
        have = self.version()
        if have > CURRENT_VERSION:
            raise StoreError(f"{self.path} has schema version {have}, newer than this tidings knows "
                             f"({CURRENT_VERSION}): upgrade tidings")
        applied = []
        for version, name, sql in MIGRATIONS:
            if version <= have:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
            applied.append(version)
        if (2 in applied and have >= 1) or self._dedup_incomplete():
            # a v1 database (or an upgrade interrupted before this step): build the near-duplicate
            # index and the canonical events of what it holds
            self.rebuild_dedup()
        elif (3 in applied or 6 in applied or 7 in applied) and have >= 2:
            self.con.execute("BEGIN TRANSACTION")
            try:
                dedup.rebuild_rollup(self.con)
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
        return applied

    def _dedup_incomplete(self) -> bool:
        """Articles are stored but none is in the near-duplicate index: an interrupted upgrade."""
        return bool(self.con.execute("SELECT EXISTS (SELECT 1 FROM articles) AND NOT EXISTS "
                                     "(SELECT 1 FROM article_clusters)").fetchone()[0])

    def rebuild_dedup(self, config: Optional[DedupConfig] = None) -> int:
        """Rebuild near-duplicate clusters and canonical events (one transaction); returns articles seen."""
        self.dedup = config or self.dedup or self._load_dedup() or DedupConfig()
        self.con.execute("BEGIN TRANSACTION")
        try:
            n = dedup.rebuild(self.con, self.dedup)
            self._save_dedup()
            dedup.bump_version(self.con)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return n

    # -- reading -------------------------------------------------------------------------------
    def data_version(self) -> int:
        """A number raised by every committed write that changes the events (see ``data_version``)."""
        return data_version(self.con)

    def sql(self, query: str, params: Optional[list] = None):
        return self.con.execute(query, params or [])

    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return dict(rows)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ["articles", *LAYER_TABLES, *DEDUP_TABLES, "ingest_errors"]}

    # -- writing -------------------------------------------------------------------------------
    def write(self, records: list[tuple[Document, str]]) -> int:
        """Store (record, content_hash) pairs in one transaction; returns how many were written."""
        if not records:
            return 0
        tables = _rows(records)
        ids = [r.id for r, _ in records]
        arts = []
        for rec, _ in records:  # signatures are computed before the transaction opens
            sig, n = dedup.signature(rec.text, self.dedup)
            arts.append({"id": rec.id, "source": rec.source, "url": rec.url, "sig": sig, "n": n})
        self.con.execute("BEGIN TRANSACTION")
        try:
            touched = dedup.unlink_articles(self.con, ids)
            dedup.forget_articles(self.con, ids)
            for t in ["articles", *LAYER_TABLES]:
                col = "id" if t == "articles" else "article_id"
                self.con.execute(f"DELETE FROM {t} WHERE {col} IN (SELECT unnest(?))", [ids])
            for t, cols in tables.items():
                if not cols or not next(iter(cols.values())):
                    continue
                arrow = pa.table(cols)
                self.con.register("_tidings_batch", arrow)
                try:
                    self.con.execute(f"INSERT INTO {t} BY NAME SELECT * FROM _tidings_batch")
                finally:
                    self.con.unregister("_tidings_batch")
            dedup.link_articles(self.con, arts, self.dedup)
            touched = dedup.link_events(self.con, ids, self.dedup, touched)
            dedup.refresh(self.con, touched)
            dedup.bump_version(self.con)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return len(records)

    def log_problem(self, location: str, stage: str, message: str) -> None:
        self.con.execute("INSERT INTO ingest_errors (location, stage, message) VALUES (?, ?, ?)",
                         [location, stage, message])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- records → columns ------------------------------------------------------------------------------
def _actor_cols(prefix: str, actors: list[Actor]) -> dict:
    a = actors[0] if actors else None
    return {
        f"{prefix}_code": a.code if a else None,
        f"{prefix}_sector": a.sector if a else None,
        f"{prefix}_cameo": a.cameo if a else None,
        f"{prefix}_name": a.name if a else None,
    }


def _tone_cols(rec: Document) -> dict:
    """The ``articles.tone*`` columns (migration 5) of a record; NULL without a tone."""
    t = rec.tone
    return {"tone": t.tone if t else None, "tone_positive": t.positive if t else None,
            "tone_negative": t.negative if t else None, "tone_polarity": t.polarity if t else None,
            "tone_activity": t.activity if t else None, "tone_self_group": t.self_group if t else None,
            "tone_words": t.words if t else None}


def _rows(records: list[tuple[Document, str]]) -> dict[str, dict[str, list]]:
    out: dict[str, list[dict]] = {t: [] for t in ["articles", *LAYER_TABLES]}
    for rec, chash in records:
        out["articles"].append({
            "id": rec.id, "content_hash": chash, "title": rec.title, "date": _iso_date(rec.date),
            "date_raw": rec.date, "source": rec.source, "url": rec.url, "language": rec.language,
            "dateline": rec.dateline.text if rec.dateline else None, "text": rec.text,
            "errors": json.dumps([e.model_dump() for e in rec.errors]), "n_errors": len(rec.errors),
            **_tone_cols(rec),
        })
        for i, e in enumerate(rec.entities):
            a = e.actor
            out["entities"].append({
                "article_id": rec.id, "idx": i, "text": e.text, "start_char": e.start, "end_char": e.end,
                "label": e.label, "actor_code": a.code if a else None, "actor_sector": a.sector if a else None,
                "actor_cameo": a.cameo if a else None, "actor_name": a.name if a else None,
                "actor_role": a.role if a else None, "kb_id": a.kb_id if a else None,
            })
        sents = {}
        for i, ev in enumerate(rec.events):
            s = ev.sentence
            if s.index not in sents:
                sents[s.index] = rec.text[s.start:s.end]
            loc = ev.event_loc
            row = {
                "id": f"{rec.id}:{ev.id}", "article_id": rec.id, "idx": i, "event": ev.event, "mode": ev.mode,
                "context": list(ev.context), "cameo": ev.cameo, "cameo_root": ev.cameo[:2],
                "quad_class": ev.quad_class, "goldstein": ev.goldstein,
                **_actor_cols("actor", ev.actor), "actor_text": ev.actor[0].text if ev.actor else None,
                **_actor_cols("recipient", ev.recipient),
                "recipient_text": ev.recipient[0].text if ev.recipient else None,
                "actors": json.dumps([a.model_dump() for a in ev.actor]),
                "recipients": json.dumps([a.model_dump() for a in ev.recipient]),
                "trigger_text": ev.trigger.text, "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
                "sentence_index": s.index, "sentence_start": s.start, "sentence_end": s.end,
                "sentence_text": sents[s.index],
                "date": _iso_date(ev.date), "date_precision": ev.date_precision,
                "loc_name": loc.name or loc.text if loc else None, "loc_geonameid": loc.geonameid if loc else None,
                "loc_country": loc.country_code if loc else None, "loc_lat": loc.lat if loc else None,
                "loc_lon": loc.lon if loc else None, "loc_feature": loc.feature if loc else None,
                "negated": ev.negated, "modality": ev.modality, "confidence": ev.confidence, "rule": ev.rule,
                "dead": ev.dead, "injured": ev.injured, "arrested": ev.arrested, "size": ev.size,
                "actor_loc": ev.actor_loc.model_dump_json() if ev.actor_loc else None,
                "recipient_loc": ev.recipient_loc.model_dump_json() if ev.recipient_loc else None,
            }
            out["events"].append(row)
        for si in sorted(sents):
            s = next(ev.sentence for ev in rec.events if ev.sentence.index == si)
            out["sentences"].append({"article_id": rec.id, "idx": si, "start_char": s.start, "end_char": s.end,
                                     "text": sents[si]})
        for i, q in enumerate(rec.quotes):
            sp, sa = q.speaker, q.speaker_actor
            out["quotes"].append({
                "article_id": rec.id, "idx": i,
                "speaker_text": sp.text if sp else None, "speaker_start": sp.start if sp else None,
                "speaker_end": sp.end if sp else None, "speaker_code": sa.code if sa else None,
                "speaker_sector": sa.sector if sa else None, "speaker_name": sa.name if sa else None,
                "cue_text": q.cue.text if q.cue else None, "cue_start": q.cue.start if q.cue else None,
                "cue_end": q.cue.end if q.cue else None, "content_text": q.content.text,
                "content_start": q.content.start, "content_end": q.content.end, "direct": q.direct,
                "fragments": json.dumps([f.model_dump() for f in q.fragments]) if q.fragments is not None else None,
            })
        for i, p in enumerate(rec.places):
            out["places"].append({
                "article_id": rec.id, "idx": i, "text": p.text, "start_char": p.start, "end_char": p.end,
                "name": p.name, "geonameid": p.geonameid, "country_code": p.country_code, "lat": p.lat,
                "lon": p.lon, "feature": p.feature, "kind": p.kind,
            })
        for i, t in enumerate(rec.times):
            out["times"].append({"article_id": rec.id, "idx": i, "text": t.text, "start_char": t.start,
                                 "end_char": t.end, "type": t.type, "value": t.value})
        for i, m in enumerate(rec.amounts):
            out["amounts"].append({"article_id": rec.id, "idx": i, "text": m.text, "start_char": m.start,
                                   "end_char": m.end, "value": m.value, "unit": m.unit, "about": m.about,
                                   "kind": m.kind})
    return {t: _columns(rows) for t, rows in out.items()}


def _columns(rows: list[dict]) -> dict[str, list]:
    if not rows:
        return {}
    keys = list(rows[0])
    return {k: [r[k] for r in rows] for k in keys}
