"""Exports of the canonical (deduplicated) events of a tidings database.

>>> from tidings.store import Store
>>> from tidings.export import Filters, export
>>> with Store("tidings.duckdb", read_only=True) as st, open("events.tsv", "w") as f:
...     export(st, "gdelt", f, Filters(country=["PAK"], since="2024-06-01"))

Formats (:data:`FORMATS`): ``gdelt`` (GDELT 2.0 event TSV, 61 columns), ``gdelt-mentions`` (GDELT 2.0
mentions TSV: every article reporting each event), ``plover`` (PLOVER JSONL),
``icews`` (ICEWS-style CAMEO CSV), ``csv`` (every column of ``canonical_events``), ``parquet``
(a directory partitioned ``year=YYYY/month=M``).
"""
from __future__ import annotations

import csv as _csv
from pathlib import Path
from typing import IO, Optional, Union

from .common import Filters, iter_events

FORMATS = ("gdelt", "gdelt-mentions", "plover", "icews", "csv", "parquet")
__all__ = ["FORMATS", "Filters", "export", "iter_events", "ExportError"]


class ExportError(ValueError):
    pass


ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
                 "Longitude"]

CSV_COLUMNS = ["id", "date", "date_min", "date_max", "date_precision", "event", "mode", "context", "cameo",
               "cameo_root", "quad_class", "goldstein", "actor_code", "actor_sector", "actor_cameo", "actor_name",
               "actor_text", "recipient_code", "recipient_sector", "recipient_cameo", "recipient_name",
               "recipient_text", "loc_name", "loc_geonameid", "loc_country", "loc_lat", "loc_lon", "loc_feature",
               "modality", "negated", "confidence", "dead", "injured", "arrested", "size", "num_mentions",
               "num_sources", "num_articles", "is_root", "first_article_id", "first_event_id", "cluster_id",
               "source_url", "first_seen", "updated_at"]


def _icews_rows(events):
    from .common import cameo_labels, countries, place_level

    labels = cameo_labels()
    for ev in events:
        loc_level = place_level(ev.get("loc_feature")) if ev.get("loc_name") else None
        from .common import iso3

        c3 = iso3(ev.get("loc_country"))
        yield [
            ev["id"], ev["date"].isoformat() if ev.get("date") else "",
            ev["actor_name"] or ev["actor_text"] or "", ev["actor_sector"] or "",
            countries().get(ev["actor_code"] or "", {}).get("name", ev["actor_code"] or ""),
            labels.get(ev["cameo"] or "", ""), ev["cameo"] or "", ev["goldstein"],
            ev["recipient_name"] or ev["recipient_text"] or "", ev["recipient_sector"] or "",
            countries().get(ev["recipient_code"] or "", {}).get("name", ev["recipient_code"] or ""),
            ev.get("first_article_id") or "", ev.get("sentence_index") if ev.get("sentence_index") is not None else "",
            ev.get("article_source") or "",
            ev["loc_name"] if loc_level == "city" else "", "",
            ev["loc_name"] if loc_level == "admin1" else "",
            countries().get(c3 or "", {}).get("name", "") if ev.get("loc_name") else "",
            ev["loc_lat"] if ev.get("loc_lat") is not None else "",
            ev["loc_lon"] if ev.get("loc_lon") is not None else "",
        ]


def _csv_value(v):
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ";".join(str(x) for x in v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def export(store, fmt: str, out: Union[IO[str], str, Path, None] = None, filters: Optional[Filters] = None,
           header: bool = False, with_text: bool = False) -> dict:
    """Export the canonical events matching ``filters`` as ``fmt`` to ``out``.

    ``out`` is an open text stream (stdout works) for the row formats, or a directory path for
    ``parquet``. Returns ``{"written": n, "skipped": n}`` (events without a date are skipped by the
    formats that require one: gdelt, plover).
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    filters = filters or Filters()
    if fmt == "parquet":
        return _parquet(store, out, filters)
    if out is None or isinstance(out, (str, Path)):
        raise ExportError(f"{fmt} needs an open text stream")
    if fmt == "gdelt-mentions":
        from . import gdelt

        n, skipped = gdelt.write_mentions(store, filters, out, header=header)
        return {"written": n, "skipped": skipped}
    events = iter_events(store, filters, gdelt=fmt == "gdelt")
    if fmt == "gdelt":
        from . import gdelt

        n, skipped = gdelt.write(events, out, header=header)
    elif fmt == "plover":
        from . import plover

        n, skipped = plover.write(events, out, with_text=with_text)
    elif fmt == "icews":
        w = _csv.writer(out, lineterminator="\n")
        w.writerow(ICEWS_COLUMNS)
        n = skipped = 0
        for r in _icews_rows(events):
            w.writerow(r)
            n += 1
    else:
        w = _csv.writer(out, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        n = skipped = 0
        for ev in events:
            w.writerow([_csv_value(ev.get(c)) for c in CSV_COLUMNS])
            n += 1
    return {"written": n, "skipped": skipped}


def _parquet(store, out, filters: Filters) -> dict:
    if out is None or not isinstance(out, (str, Path)):
        raise ExportError("parquet needs an output directory (--output DIR)")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ExportError(f"{out} exists and is not empty: parquet export writes a fresh directory")
    where, params = filters.where("c")
    cols = ", ".join(f"c.{c}" for c in CSV_COLUMNS)
    query = (f"SELECT {cols}, year(c.date) AS year, month(c.date) AS month FROM canonical_events c "
             f"WHERE {where} AND c.date IS NOT NULL ORDER BY c.date, c.id")
    n = store.con.execute(f"SELECT count(*) FROM ({query})", params).fetchone()[0]
    skipped = store.con.execute(
        f"SELECT count(*) FROM canonical_events c WHERE {where} AND c.date IS NULL", params).fetchone()[0]
    out.mkdir(parents=True, exist_ok=True)
    path = str(out).replace("'", "''")
    # COPY takes no prepared parameters: inline them as quoted literals
    pieces = query.split("?")
    assert len(pieces) == len(params) + 1
    literal = pieces[0]
    for p, rest in zip(params, pieces[1:]):
        lit = f"DATE '{p.isoformat()}'" if hasattr(p, "isoformat") else "'" + str(p).replace("'", "''") + "'"
        literal += lit + rest
    store.con.execute(f"COPY ({literal}) TO '{path}' (FORMAT PARQUET, PARTITION_BY (year, month), "
                      "OVERWRITE_OR_IGNORE true)")
    return {"written": n, "skipped": skipped}
