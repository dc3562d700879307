"""The actor knowledge base: countries, organisations, groups, persons and agent nouns.

The built-in KB is a set of data files under ``tidings/actors/data`` (see ``docs/actors.md``):

- ``countries.yaml``  countries and territories: ISO codes, names, aliases, demonyms, seats of power, cities
- ``igos.yaml``       international organisations, NGOs, media, companies
- ``groups.yaml``     armed and political non-state groups and parties, with date-ranged codes
- ``people.csv``      persons, one row per date-ranged role
- ``agents.yaml``     agent nouns ("minister", "troops", "rebels") → CAMEO sector

User files (``Config.actor_files``) in the same formats (YAML/JSON/JSONL/CSV) or PETRARCH/TABARI
``.txt`` actor and agent dictionaries are loaded after the built-in files and override them.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional


from ..nlp.text import name_key, parse_date, strip_accents
from ..nlp.text import plural as plural_of


# ---- normalisation ---------------------------------------------------------------------------

@lru_cache(maxsize=16_384)   # bounded: words of running text; a larger cache only grows memory
def norm(s: str) -> str:
    """Normalised lookup key: lower case, no accents, no dots/apostrophes, hyphens as spaces,
    no leading "the", no possessive "'s" (:func:`tidings.nlp.text.name_key` with punctuation)."""
    return name_key(s, punctuation=True)


@lru_cache(maxsize=4096)
def is_acronym(s: str) -> bool:
    """A short all-capitals name ("US", "UN", "IS", "WHO"): matched case-sensitively."""
    letters = re.sub(r"[^A-Za-z]", "", s)
    return 0 < len(letters) <= 4 and letters.isupper()


@lru_cache(maxsize=4096)
def acro_key(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9+]", "", strip_accents(s))


# ---- dates -------------------------------------------------------------------------------------

def parse_kb_date(value, end: bool = False) -> Optional[dt.date]:
    """YYYY-MM-DD, YYYY-MM (first/last day of the month), YYYY, YYYYMMDD or YYMMDD (PETRARCH):
    :func:`tidings.nlp.text.parse_date` with ``partial=True``."""
    return parse_date(value, partial=True, end=end)


# ---- records -----------------------------------------------------------------------------------

@dataclass
class Period:
    """A coding that holds between two dates (inclusive; None = open)."""

    code: Optional[str]
    sector: Optional[str] = None
    cameo: Optional[str] = None
    role: Optional[str] = None
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    note: Optional[str] = None
    org: Optional[str] = None  # kb id of the organisation the role is in

    def covers(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass
class Entry:
    """One KB actor."""

    kb_id: str
    name: str
    kind: str                      # country, igo, ngo, media, mnc, group, person
    code: Optional[str] = None
    sector: Optional[str] = None
    cameo: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    note: Optional[str] = None
    source: str = "builtin"
    has_default: bool = False      # PETRARCH: code/sector apply when no dated period does
    keys: list = field(default_factory=list, repr=False)  # index keys naming this entry

    def at(self, date: Optional[dt.date]) -> Optional[Period]:
        """The period in force at ``date`` (the most notable one when several hold)."""
        if date is None or not self.periods:
            return None
        hits = [p for p in self.periods if p.covers(date)]
        if not hits:
            return None
        return max(hits, key=lambda p: (role_rank(p.role), p.start or dt.date.min))


@dataclass
class Hit:
    """What a normalised name points to: an entry and how it was named."""

    entry: Entry
    how: str                  # name, alias, demonym, seat, city, surname
    sector: Optional[str] = None  # a seat standing for a body (Pentagon → MIL)
    cased: bool = True        # the name is written capitalised ("Dawn" the newspaper, not "dawn")


#: role words ranked by how notable the office is (undated documents use the most notable role)
_RANKS = [
    (3, ("president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "supreme leader",
         "head of state", "leader", "secretary-general", "secretary general", "pope", "junta", "chief executive",
         "state counsellor", "chief adviser")),
    (2, ("foreign", "secretary of state", "defence", "defense", "interior", "home", "finance", "treasury",
         "exchequer", "army chief", "commander", "chief of", "director general", "managing director",
         "external affairs", "crown prince")),
]


def role_rank(role: Optional[str]) -> int:
    if not role:
        return 0
    r = role.lower()
    if r.startswith(("deputy", "vice", "former")):
        return 1
    for rank, words in _RANKS:
        if any(w in r for w in words):
            return rank
    return 1


def cameo_of(code: Optional[str], sector: Optional[str]) -> Optional[str]:
    if not code:
        return None
    return code + (sector or "")


# ---- the KB ------------------------------------------------------------------------------------

class KB:
    """All entries plus lookup indexes on normalised names."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.index: dict[str, list[Hit]] = {}        # norm(name) → hits
        self.acronyms: dict[str, list[Hit]] = {}     # case-sensitive short names
        self.agents: dict[str, tuple[str, Optional[str]]] = {}  # norm(noun) → (sector, role)
        self.max_len = 1                             # longest name in tokens
        self.surnames: dict[str, list[Entry]] = {}   # last name → persons
        self.sources: list[str] = []

    # -- building -----------------------------------------------------------------------------
    def add(self, entry: Entry, names: Iterable[tuple[str, str, Optional[str]]] = ()) -> None:
        """Add (or replace) an entry; ``names`` are extra (name, how, sector) triples."""
        old = self.entries.get(entry.kb_id)
        if old is not None:
            self._unindex(old)
        self.entries[entry.kb_id] = entry
        if entry.kind == "person":
            for n in [entry.name, *entry.aliases]:
                parts = norm(n).split()
                if len(parts) >= 2 and len(parts[-1]) > 2 and parts[-1] not in ("jr", "ii", "iii", "iv", "xvi", "xiv"):
                    lst = self.surnames.setdefault(parts[-1], [])
                    if entry not in lst:
                        lst.append(entry)
        self._name(entry.name, Hit(entry, "name"))
        for a in entry.aliases:
            self._name(a, Hit(entry, "alias"))
        for n, how, sector in names:
            self._name(n, Hit(entry, how, sector))

    def _unindex(self, entry: Entry) -> None:
        for table, key in entry.keys:
            bucket = table.get(key)
            if bucket is None:
                continue
            bucket[:] = [h for h in bucket if h.entry is not entry]
            if not bucket:
                del table[key]
        entry.keys = []
        if entry.kind == "person":
            for n in [entry.name, *entry.aliases]:
                parts = norm(n).split()
                lst = self.surnames.get(parts[-1]) if parts else None
                if lst and entry in lst:
                    lst.remove(entry)

    def _name(self, name: str, hit: Hit) -> None:
        if not name or not str(name).strip():
            return
        name = str(name)
        first = next((c for c in name if c.isalpha()), "")
        hit.cased = first.isupper()
        if is_acronym(name):
            key = acro_key(name)
            bucket = self.acronyms.setdefault(key, [])
        else:
            key = norm(name)
            if not key:
                return
            bucket = self.index.setdefault(key, [])
            self.max_len = max(self.max_len, len(key.split()))
        if any(h.entry is hit.entry and h.how == hit.how for h in bucket):
            return
        hit.entry.keys.append((self.acronyms if is_acronym(name) else self.index, key))
        if hit.entry.source != "builtin":
            bucket.insert(0, hit)  # user files take precedence over the built-in KB
        else:
            bucket.append(hit)

    def add_agent(self, phrase: str, sector: str, role: Optional[str] = None, plural: bool = True) -> None:
        key = norm(phrase)
        if not key:
            return
        self.agents[key] = (sector, role)
        self.max_len = max(self.max_len, len(key.split()))
        if plural and not key.endswith("s"):
            words = key.split()
            self.agents.setdefault(" ".join(words[:-1] + [plural_of(words[-1])]), (sector, role))

    # -- lookups ------------------------------------------------------------------------------
    def lookup(self, text: str) -> list[Hit]:
        hits = []
        if is_acronym(text):
            hits.extend(self.acronyms.get(acro_key(text), []))
        hits.extend(self.index.get(norm(text), []))
        return hits

    def agent(self, text: str) -> Optional[tuple[str, Optional[str]]]:
        return self.agents.get(norm(text))

    def stats(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries.values():
            out[e.kind] = out.get(e.kind, 0) + 1
        out["agent nouns"] = len(self.agents)
        return out


# ---- loading the data files ---------------------------------------------------------------------

def _read_text(path) -> str:
    return path.read_text(encoding="utf-8")


def load_countries(kb: KB, data: list, source: str) -> None:
    for c in data:
        iso3 = c["iso3"]
        periods = [Period(code=p.get("code", iso3), cameo=p.get("code", iso3), start=parse_kb_date(p.get("start")),
                          end=parse_kb_date(p.get("end"), end=True), note=p.get("note"))
                   for p in c.get("periods") or []]
        e = Entry(kb_id=f"cty:{iso3}", name=c["name"], kind="country", code=iso3, cameo=iso3,
                  aliases=list(c.get("aliases") or []), source=source, note=c.get("note"), periods=periods)
        names: list[tuple[str, str, Optional[str]]] = []
        for d in c.get("demonyms") or []:
            names.append((d, "demonym", None))
        for s in c.get("seats") or []:
            if isinstance(s, dict):
                names.append((s["name"], "seat", s.get("sector")))
            else:
                names.append((s, "seat", None))
        for city in c.get("cities") or []:
            names.append((city, "city", None))
        kb.add(e, names)


def load_orgs(kb: KB, data: list, source: str, default_kind: Optional[str] = None) -> None:
    for o in data:
        code = o.get("code")
        kind = o.get("kind") or default_kind
        if kind is None:
            kid = o.get("id", "")
            kind = {"igo": "igo", "ngo": "ngo", "med": "media", "mnc": "mnc", "grp": "group"}.get(kid.split(":")[0],
                                                                                                 "group")
        periods = []
        for p in o.get("periods") or []:
            pc = p.get("code", code)
            ps = p.get("sector")
            periods.append(Period(code=pc, sector=ps, cameo=p.get("cameo") or cameo_of(pc, ps),
                                  start=parse_kb_date(p.get("start")), end=parse_kb_date(p.get("end"), end=True),
                                  note=p.get("note"), role=p.get("role")))
        sector = o.get("sector")
        e = Entry(kb_id=o.get("id") or f"{kind}:{norm(o['name']).replace(' ', '_')}", name=o["name"], kind=kind,
                  code=code, sector=sector, cameo=o.get("cameo") or cameo_of(code, sector),
                  aliases=[str(a) for a in o.get("aliases") or []], periods=periods, note=o.get("note"), source=source)
        kb.add(e)


def load_people_rows(kb: KB, rows: Iterable[dict], source: str) -> None:
    people: dict[str, Entry] = {}
    for r in rows:
        name = (r.get("name") or "").strip()
        if not name:
            continue
        kb_id = (r.get("id") or "").strip() or "per:" + norm(name).replace(" ", "_")
        e = people.get(kb_id)
        if e is None:
            e = kb.entries.get(kb_id) if kb.entries.get(kb_id) and kb.entries[kb_id].source == source else None
            if e is None:
                e = Entry(kb_id=kb_id, name=name, kind="person", source=source)
            people[kb_id] = e
        for a in (r.get("aliases") or "").split(";"):
            a = a.strip()
            if a and a not in e.aliases and a != e.name:
                e.aliases.append(a)
        country = (r.get("country") or "").strip()
        sector = (r.get("sector") or "").strip() or None
        org = None
        code = country or None
        cameo = None
        if ":" in country:  # an organisation or group of the KB
            org = country
            oe = kb.entries.get(country)
            code = oe.code if oe else None
            base = oe.cameo if oe else None
            start = parse_kb_date(r.get("start"))
            if oe is not None and oe.periods and start:
                p = oe.at(start)
                if p is not None:
                    code, base = p.code, p.cameo
                    sector = sector or p.sector
            sector = sector or (oe.sector if oe else None)
            cameo = base if (not r.get("sector") or (base and base.endswith(sector or ""))) else cameo_of(code, sector)
        e.periods.append(Period(code=code, sector=sector, cameo=cameo or cameo_of(code, sector),
                                role=(r.get("role") or "").strip() or None,
                                start=parse_kb_date(r.get("start")), end=parse_kb_date(r.get("end"), end=True),
                                note=(r.get("note") or "").strip() or None, org=org))
    for e in people.values():
        e.periods.sort(key=lambda p: p.start or dt.date.min)
        last = e.periods[-1] if e.periods else None
        e.code = last.code if last else None
        e.sector = last.sector if last else None
        e.cameo = last.cameo if last else None
        kb.add(e)


def load_agents(kb: KB, data: dict) -> None:
    for sector, items in (data or {}).items():
        for item in items or []:
            phrase, _, role = str(item).partition("|")
            kb.add_agent(phrase.strip(), sector, role.strip() or None)


def _csv_rows(text: str) -> list[dict]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _load_data(kb: KB, data, name: str, source: str) -> None:
    """Dispatch parsed data by its shape (or file name)."""
    base = Path(name).stem.lower()
    if isinstance(data, dict):
        if any(k in data for k in ("countries", "organisations", "organizations", "groups", "people", "agents")):
            for k, v in data.items():
                _load_data(kb, v, k, source)
            return
        if base.startswith("agent") or all(isinstance(v, list) and k.isupper() for k, v in data.items()):
            load_agents(kb, data)
            return
        data = [data]
    if not isinstance(data, list):
        raise ValueError(f"{name}: expected a list of records")
    if base.startswith("countr") or (data and isinstance(data[0], dict) and "iso3" in data[0]):
        load_countries(kb, data, source)
    elif base.startswith(("people", "person")) or (data and isinstance(data[0], dict) and "roles" in data[0]):
        rows = []
        for p in data:
            if "roles" in p:
                for r in p["roles"]:
                    rows.append({"id": p.get("id", ""), "name": p["name"], "aliases": ";".join(p.get("aliases") or []),
                                 **{k: ("" if v is None else str(v)) for k, v in r.items()}})
            else:
                rows.append({k: ("" if v is None else (";".join(v) if isinstance(v, list) else str(v)))
                             for k, v in p.items()})
        load_people_rows(kb, rows, source)
    else:
        load_orgs(kb, data, source)
