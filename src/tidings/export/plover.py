"""PLOVER JSONL export, with the data fields of the PLOVER manual ("Data Fields" chapter), and a
validator of records against those fields (our own statement of them, :data:`FIELDS`).

Beyond the manual's fields (allowed: "providers should feel free to include named fields beyond
those provided") each record carries ``cameo``, ``modality``, ``negated``, ``num_mentions``,
``num_sources``, ``num_articles``, ``size_info`` (dead, injured, arrested, participants) and
``tidings_id`` (the canonical event id, GDELT's GlobalEventID). ``text`` (the sentence) is only
written on request (``with_text``): the manual reserves it for those holding the rights to the text.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import IO, Iterable, Optional

from ..model import PLOVER_TYPES
from .common import countries, iso3, place_level

STR, INT, NUM, BOOL, LIST, OBJ = "string", "integer", "number", "boolean", "list", "object"

#: top-level fields: name → (allowed types, required, nested object spec name)
FIELDS: dict[str, tuple[tuple[str, ...], bool, Optional[str]]] = {
    "id": ((STR,), True, None),
    "has_event": ((BOOL,), False, None),
    "date": ((STR,), True, None),
    "time": ((STR,), False, None),
    "enddate": ((STR,), False, None),
    "endtime": ((STR,), False, None),
    "actor": ((LIST,), True, "entity"),
    "recipient": ((LIST,), False, "entity"),
    "event": ((LIST,), True, None),
    "event_loc": ((OBJ,), False, "location"),
    "event_text": ((LIST,), False, None),
    "quad_code": ((INT,), False, None),
    "event_scale": ((NUM,), False, None),
    "mode": ((LIST,), False, None),
    "context": ((LIST,), False, None),
    "link": ((STR,), False, None),
    "text": ((STR,), False, None),
    "text_info": ((OBJ,), False, "text_info"),
    "cite_info": ((OBJ,), False, "cite_info"),
    "coder": ((STR,), False, None),
    "coded_date": ((STR,), False, None),
    "coded_time": ((STR,), False, None),
    "comment": ((STR,), False, None),
}

OBJECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "entity": {"code": (STR,), "sector": (STR,), "entity_text": (STR,), "identifier_id": (STR,),
               "identifier_text": (STR,), "religion": (STR,), "ethnicity": (STR,), "office": (STR,),
               "gender": (STR,), "age": (INT,)},
    "text_info": {"sequence": (INT,), "start": (INT,), "end": (INT,), "text_story": (LIST,)},
    "size_info": {"dead": (INT, STR), "injured": (INT, STR), "arrested": (INT, STR)},
    "cite_info": {"corpus": (STR,), "citation": (STR,), "url": (STR,), "title": (STR,), "language": (STR,),
                  "publication": (STR,), "license": (STR,), "copyright": (STR,), "coder": (STR,),
                  "codebook": (STR,), "version": (STR,)},
    "location": {"extracted_place": (STR,), "resolved_place": (STR,), "geonameid": (INT,), "lat": (NUM,),
                 "lon": (NUM,), "city": (STR,), "district": (STR,), "province": (STR,), "country": (STR,),
                 "country_code": (STR,), "feature_class": (STR,), "feature_code": (STR,),
                 "resolution": (INT,)},
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _type_ok(v, kinds: tuple[str, ...]) -> bool:
    for k in kinds:
        if k == STR and isinstance(v, str):
            return True
        if k == INT and isinstance(v, int) and not isinstance(v, bool):
            return True
        if k == NUM and isinstance(v, (int, float)) and not isinstance(v, bool):
            return True
        if k == BOOL and isinstance(v, bool):
            return True
        if k == LIST and isinstance(v, list):
            return True
        if k == OBJ and isinstance(v, dict):
            return True
    return False


def _check_object(obj: dict, spec: str, where: str) -> list[str]:
    errs = []
    for k, v in obj.items():
        kinds = OBJECTS[spec].get(k)
        if kinds is None or v is None:
            continue  # extra fields are allowed; null means unknown
        if not _type_ok(v, kinds):
            errs.append(f"{where}.{k}: expected {'/'.join(kinds)}, got {type(v).__name__}")
    return errs


def validate(rec: dict) -> list[str]:
    """Problems of one PLOVER record against the manual's fields (empty list: valid)."""
    errs = []
    if not isinstance(rec, dict):
        return ["record is not a JSON object"]
    for name, (kinds, required, spec) in FIELDS.items():
        if name not in rec or rec[name] is None:
            if required:
                errs.append(f"{name}: required")
            continue
        v = rec[name]
        if not _type_ok(v, kinds):
            errs.append(f"{name}: expected {'/'.join(kinds)}, got {type(v).__name__}")
            continue
        if spec and isinstance(v, list):
            for i, item in enumerate(v):
                if not isinstance(item, dict):
                    errs.append(f"{name}[{i}]: expected an object")
                else:
                    errs += _check_object(item, spec, f"{name}[{i}]")
        elif spec and isinstance(v, dict):
            errs += _check_object(v, spec, name)
    if isinstance(rec.get("id"), str) and not rec["id"]:
        errs.append("id: empty")
    for name in ("date", "enddate", "coded_date"):
        if isinstance(rec.get(name), str) and not _DATE.match(rec[name]):
            errs.append(f"{name}: not YYYY-MM-DD: {rec[name]!r}")
    for name in ("time", "endtime", "coded_time"):
        if isinstance(rec.get(name), str) and not _TIME.match(rec[name]):
            errs.append(f"{name}: not an ISO 8601 time: {rec[name]!r}")
    if isinstance(rec.get("event"), list):
        if not rec["event"]:
            errs.append("event: empty")
        for e in rec["event"]:
            if e not in PLOVER_TYPES:
                errs.append(f"event: unknown PLOVER category {e!r}")
    if rec.get("quad_code") is not None and rec["quad_code"] not in (1, 2, 3, 4):
        errs.append(f"quad_code: {rec['quad_code']!r} not in 1-4")
    for name in ("mode", "context", "event_text"):
        if isinstance(rec.get(name), list) and not all(isinstance(x, str) for x in rec[name]):
            errs.append(f"{name}: items must be strings")
    if isinstance(rec.get("size_info"), dict):
        errs += _check_object(rec["size_info"], "size_info", "size_info")
    return errs


def _entities(actors_json: Optional[str], code, sector, name, text, cameo) -> list[dict]:
    actors = []
    if actors_json:
        try:
            actors = json.loads(actors_json) or []
        except ValueError:
            actors = []
    if not actors and (code or text):
        actors = [{"code": code, "sector": sector, "name": name, "text": text, "cameo": cameo}]
    out = []
    for a in actors:
        ent = {"code": a.get("code"), "sector": a.get("sector"), "entity_text": a.get("text"),
               "identifier_id": a.get("kb_id"), "identifier_text": a.get("name"), "office": a.get("role"),
               "cameo": a.get("cameo")}
        out.append({k: v for k, v in ent.items() if v is not None})
    return out


_RESOLUTION = {"country": 1, "admin1": 2, "city": 4}


def _location(ev: dict) -> Optional[dict]:
    if not ev.get("loc_name"):
        return None
    c3 = iso3(ev.get("loc_country"))
    level = place_level(ev.get("loc_feature"))
    feat = ev.get("loc_feature") or ""
    loc = {
        "extracted_place": ev["loc_name"],
        "resolved_place": ev["loc_name"],
        "geonameid": int(ev["loc_geonameid"]) if ev.get("loc_geonameid") is not None else None,
        "lat": ev.get("loc_lat"), "lon": ev.get("loc_lon"),
        "country": countries().get(c3 or "", {}).get("name"),
        "country_code": c3,
        "resolution": _RESOLUTION[level],
    }
    if level == "city":
        loc["city"] = ev["loc_name"]
    elif level == "admin1":
        loc["province"] = ev["loc_name"]
    if feat.isupper() and feat.isalpha():  # a GeoNames feature code
        loc["feature_code"] = feat
        loc["feature_class"] = "A" if feat.startswith(("ADM", "PCL")) else "P" if feat.startswith("PPL") else None
    return {k: v for k, v in loc.items() if v is not None}


def record(ev: dict, with_text: bool = False, coder: Optional[str] = None) -> dict:
    from .. import __version__

    coder = coder or f"tidings {__version__}"
    seen = ev.get("first_seen")
    rec = {
        "id": f"tidings-{ev['id']}",
        "has_event": True,
        "date": ev["date"].isoformat() if ev.get("date") else None,
        "actor": _entities(ev.get("actors_json"), ev["actor_code"], ev["actor_sector"], ev["actor_name"],
                           ev["actor_text"], ev["actor_cameo"]),
        "recipient": _entities(ev.get("recipients_json"), ev["recipient_code"], ev["recipient_sector"],
                               ev["recipient_name"], ev["recipient_text"], ev["recipient_cameo"]),
        "event": [ev["event"]],
        "event_loc": _location(ev),
        "event_text": [ev["trigger_text"]] if ev.get("trigger_text") else [],
        "quad_code": int(ev["quad_class"]) if ev.get("quad_class") is not None else None,
        "event_scale": float(ev["goldstein"]) if ev.get("goldstein") is not None else None,
        "mode": [ev["mode"]] if ev.get("mode") else [],
        "context": list(ev.get("context") or []),
        "text_info": {k: v for k, v in {"sequence": ev.get("sentence_index"), "start": ev.get("sentence_start"),
                                        "end": ev.get("sentence_end")}.items() if v is not None} or None,
        "cite_info": {k: v for k, v in {
            "citation": ev.get("first_article_id"), "url": ev.get("article_url") or ev.get("source_url"),
            "title": ev.get("article_title"), "language": ev.get("article_language"),
            "publication": ev.get("article_source"), "coder": coder, "codebook": "plover-base"}.items()
            if v is not None},
        "coder": coder,
        "coded_date": seen.date().isoformat() if isinstance(seen, dt.datetime) else None,
        "coded_time": seen.strftime("%H:%M:%S") if isinstance(seen, dt.datetime) else None,
        # extensions
        "tidings_id": int(ev["id"]),
        "cameo": ev.get("cameo"),
        "modality": ev.get("modality") or "asserted",
        "negated": bool(ev.get("negated")),
        "num_mentions": ev.get("num_mentions"), "num_sources": ev.get("num_sources"),
        "num_articles": ev.get("num_articles"),
        "size_info": {k: v for k, v in {"dead": ev.get("dead"), "injured": ev.get("injured"),
                                        "arrested": ev.get("arrested"), "participants": ev.get("size")}.items()
                      if v is not None} or None,
    }
    if with_text and ev.get("sentence_text"):
        rec["text"] = ev["sentence_text"]
    return {k: v for k, v in rec.items() if v is not None}


def write(events: Iterable[dict], out: IO[str], with_text: bool = False) -> tuple[int, int]:
    """Write PLOVER JSONL; returns (written, skipped: events without a date, which PLOVER requires)."""
    n = skipped = 0
    for ev in events:
        if ev.get("date") is None:
            skipped += 1
            continue
        out.write(json.dumps(record(ev, with_text), ensure_ascii=False))
        out.write("\n")
        n += 1
    return n, skipped
