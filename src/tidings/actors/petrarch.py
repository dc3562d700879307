"""Reading PETRARCH / TABARI actor and agent dictionaries into the KB.

Actor dictionaries (e.g. ``Phoenix.Countries.actors.txt``)::

    PRIMARY_PHRASE_  [DEFAULTCODE]   # comment
    +SYNONYM_PHRASE
    \t[PAKGOV 20130605-20170728]     # date restrictions: <date, >date, date-date, or none
    \t[PAKELI]

Agent dictionaries (``Phoenix.agents.txt``)::

    FOREIGN_MINISTER [~GOVFRM]
    POLICE {} [~COP]
    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
    CONGRESS!PERSON! [~LEG]

Codes are CAMEO actor codes: the first three letters are the country (or IGO, NGO, IMG, MNC...),
the next three the sector. A block with date restrictions becomes a person-like entry with
date-ranged periods; a block whose code is a bare country code adds its phrases to that country.
"""
from __future__ import annotations

import re
from typing import Optional

from .kb import KB, Entry, Hit, Period, cameo_of, norm, parse_kb_date

_CODE = re.compile(r"\[([^\]]*)\]")
_ORG_PREFIXES = {"IGO": "igo", "NGO": "ngo", "NGM": "ngo", "IMG": "group", "MNC": "mnc", "UAF": "group"}


def _phrase(raw: str) -> str:
    s = raw.strip().lstrip("+").strip()
    s = s.replace("_", " ").strip()
    s = re.sub(r"\s+", " ", s)
    # PETRARCH phrases are upper case: title-case them so short words are not taken as acronyms
    return s.title() if s.isupper() else s


def _split_code(code: str) -> tuple[Optional[str], Optional[str]]:
    code = code.strip().strip("~").upper()
    if not code or code.startswith("---"):
        return None, None
    return code[:3], (code[3:6] or None)


def _restriction(text: str) -> tuple[str, Optional[object], Optional[object]]:
    """'PAKGOV 20130605-20170728' → (code, start, end)."""
    parts = text.split()
    code = parts[0] if parts else ""
    start = end = None
    if len(parts) > 1:
        r = parts[1]
        if r.startswith("<"):
            end = parse_kb_date(r[1:])
        elif r.startswith(">"):
            start = parse_kb_date(r[1:])
        elif "-" in r:
            a, _, b = r.partition("-")
            start, end = parse_kb_date(a), parse_kb_date(b)
    return code, start, end


def _is_agent_file(lines: list[str]) -> bool:
    n = agents = 0
    for ln in lines:
        m = _CODE.search(ln)
        if m:
            n += 1
            if "~" in m.group(1):
                agents += 1
        if n >= 50:
            break
    return n > 0 and agents / n > 0.5


def load_petrarch_text(kb: KB, text: str, source: str = "petrarch") -> int:
    """Load a PETRARCH actor or agent dictionary; returns the number of records added."""
    lines = []
    for raw in text.splitlines():
        if raw.lstrip().startswith(("<!--", "<")):
            continue
        body = raw.split("#", 1)[0].rstrip()
        if body.strip():
            lines.append(body)
    if _is_agent_file(lines):
        return _load_agents(kb, lines)
    return _load_actors(kb, lines, source)


def _load_agents(kb: KB, lines: list[str]) -> int:
    subs: dict[str, list[str]] = {}
    n = 0
    for ln in lines:
        m = re.match(r"\s*(![A-Z]+!)\s*=\s*(.+)", ln)
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        cm = _CODE.search(ln)
        if not cm:
            continue
        code = cm.group(1).strip()
        head = ln[:cm.start()]
        plural_m = re.search(r"\{([^}]*)\}", head)
        phrase = re.sub(r"\{[^}]*\}", "", head).strip()
        sector = code.replace("~", "")[:3].upper() or None
        if not sector:
            continue
        phrases = [phrase]
        for marker, repl in subs.items():
            if marker in phrase:
                phrases = [phrase.replace(marker, r) for r in repl]
        for ph in phrases:
            ph = ph.replace("_", " ").strip()
            if not ph:
                continue
            auto_plural = plural_m is None and "!" not in phrase
            kb.add_agent(ph.lower(), sector, None, plural=auto_plural)
            if plural_m:
                for pl in plural_m.group(1).split():
                    kb.add_agent(pl.replace("_", " ").lower(), sector, None, plural=False)
            n += 1
    return n


def _load_actors(kb: KB, lines: list[str], source: str) -> int:
    blocks: list[dict] = []
    cur: Optional[dict] = None
    for ln in lines:
        if ln.startswith(("\t", " ")) and ln.strip().startswith("["):
            if cur is not None:
                for m in _CODE.finditer(ln):
                    cur["restrictions"].append(m.group(1))
            continue
        s = ln.strip()
        if s.startswith("+"):
            if cur is not None:
                cm = _CODE.search(s)
                cur["synonyms"].append(_phrase(s[:cm.start()] if cm else s))
            continue
        if s.startswith("["):  # a restriction without a leading tab
            if cur is not None:
                for m in _CODE.finditer(s):
                    cur["restrictions"].append(m.group(1))
            continue
        cm = _CODE.search(s)
        cur = {"name": _phrase(s[:cm.start()] if cm else s), "default": cm.group(1) if cm else None,
               "synonyms": [], "restrictions": []}
        blocks.append(cur)
    n = 0
    for b in blocks:
        if not b["name"]:
            continue
        periods = []
        default = b["default"]
        for r in b["restrictions"]:
            code, start, end = _restriction(r)
            if start is None and end is None:
                default = default or code
                continue
            c, sec = _split_code(code)
            if c:
                periods.append(Period(code=c, sector=sec, cameo=code.strip().upper(), start=start, end=end))
        dc, ds = _split_code(default) if default else (None, None)
        if not periods and dc is None:
            continue
        if not periods and ds is None and dc not in _ORG_PREFIXES and len(dc) == 3 and f"cty:{dc}" not in kb.entries:
            kb.add(Entry(kb_id=f"cty:{dc}", name=b["name"], kind="country", code=dc, cameo=dc, source=source))
        if not periods and ds is None and f"cty:{dc}" in kb.entries and dc not in _ORG_PREFIXES:
            # a country name, adjective or place in that country
            country = kb.entries[f"cty:{dc}"]
            kb._name(b["name"], _hit(country, "alias"))
            for syn in b["synonyms"]:
                kb._name(syn, _hit(country, "city"))
            n += 1
            continue
        if periods:
            kind = "person"
        else:
            kind = _ORG_PREFIXES.get(dc or "", "group")
        periods.sort(key=lambda p: p.start or parse_kb_date("1000-01-01"))
        e = Entry(kb_id=f"pet:{norm(b['name']).replace(' ', '_')}", name=b["name"], kind=kind,
                  code=dc if dc else (periods[-1].code if periods else None),
                  sector=ds if dc else (periods[-1].sector if periods else None),
                  cameo=(default.strip().upper() if default else (periods[-1].cameo if periods else None)),
                  aliases=b["synonyms"], periods=periods, source=source, has_default=bool(dc))
        if e.cameo is None:
            e.cameo = cameo_of(e.code, e.sector)
        kb.add(e)
        n += 1
    return n


def _hit(entry: Entry, how: str):
    return Hit(entry, how)
