"""Resolving a mention (a spaCy span or a plain string) to a coded actor at a date.

Resolution works on the words of the mention:

1. the whole mention may be a KB name (exact, alias, case-sensitive acronym);
2. otherwise it is cut into the longest KB names and agent nouns it contains, and these are
   composed: a person wins (their role at the date); then an organisation or group; then a
   country (name, demonym, "X-led", seat of power) combined with the agent noun at the head
   ("Pakistani officials" → PAK GOV, "the Kabul government" → AFG GOV, "US-led forces" → USA MIL);
   a seat of power alone is a metonym for the government ("Washington" → USA GOV); "former"
   turns an office into ELI (former official) unless the KB knows what the person did next;
3. an unknown capitalised name is matched fuzzily (rapidfuzz) against the KB as a last resort.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Sequence

from ..model import Actor
from .kb import KB, Entry, Hit, Period, acro_key, cameo_of, is_acronym, norm, role_rank

_TOKEN_RE = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|\w+(?:['’]\w+)*|[^\w\s]")
FORMER_WORDS = {"former", "ex", "ousted", "deposed", "exiled", "late", "then", "erstwhile", "toppled", "outgoing"}
LED_WORDS = {"led", "backed", "based", "allied", "aligned", "sponsored", "supported", "run", "controlled", "funded"}
_PREPS_TAIL = {"of", "in", "from", "for", "at", "to", "on"}
_SKIP = {"the", "a", "an", "'s", "’s", "'", "’", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
_KIND_PRIORITY = {"person": 6, "group": 5, "igo": 5, "ngo": 5, "media": 4, "mnc": 4, "country": 3}
_HOW_PRIORITY = {"name": 4, "alias": 4, "surname": 3, "demonym": 2, "seat": 2, "city": 1}
_PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "da", "dos", "das", "do", "van", "von", "der", "den", "la", "le",
              "du", "di", "del", "bint", "ould", "ag"}
_ORG_KINDS = {"group", "igo", "ngo", "media", "mnc"}


@dataclass
class Seg:
    i: int
    j: int                      # exclusive
    hit: Optional[Hit] = None
    agent: Optional[tuple[str, Optional[str]]] = None
    text: str = ""


@dataclass
class Resolution:
    code: Optional[str]
    sector: Optional[str] = None
    cameo: Optional[str] = None
    name: Optional[str] = None
    role: Optional[str] = None
    kb_id: Optional[str] = None
    why: str = ""
    kind: str = "agent"        # person, org, country, seat, place, agent, demonym
    entry: Optional[Entry] = None
    plural: bool = False

    def actor(self, text: str, start: int, end: int) -> Actor:
        return Actor(text=text, start=start, end=end, code=self.code, sector=self.sector,
                     cameo=self.cameo or cameo_of(self.code, self.sector), name=self.name, role=self.role,
                     kb_id=self.kb_id, why=self.why)


RUN_WORDS = {"run", "controlled", "administered", "appointed", "installed", "governed"}
PROXY_WORDS = {"backed", "supported", "sponsored", "funded", "aligned", "allied", "armed", "trained", "friendly",
               "leaning", "inspired"}


def _attitude(words: list[str], s: "Seg") -> bool:
    """A country named in an "anti-X" / "pro-X" / "X-backed" modifier is not the actor's country
    ("Iran-backed militias" are not Iranian; "US-led forces" are)."""
    prev = [w.lower() for w in words[max(0, s.i - 2): s.i]]
    if prev and (prev[-1] in ("anti", "pro") or (len(prev) == 2 and prev[-1] == "-" and prev[0] in ("anti", "pro"))):
        return True
    nxt = [w.lower() for w in words[s.j: s.j + 2]]
    return bool(nxt) and (nxt[0] in PROXY_WORDS or (len(nxt) == 2 and nxt[0] == "-" and nxt[1] in PROXY_WORDS))


def _fmt(d: Optional[dt.date]) -> str:
    return d.isoformat() if d else "?"


def _names_role(title: Optional[str], role: Optional[str]) -> bool:
    """Whether a title the text gives ("foreign minister") names a KB role, either way round."""
    return bool(title and role and (title in role.lower() or role.lower() in title))


def _best(hits: Sequence[Hit]) -> Hit:
    return max(hits, key=lambda h: (_KIND_PRIORITY.get(h.entry.kind, 2), _HOW_PRIORITY.get(h.how, 0),
                                    h.entry.source != "builtin"))


#: resolve_words results kept (emptied when full: memory stays bounded over a long stream)
WORDS_CACHE_MAX = 16_384


class Resolver:
    """Resolves mentions against a :class:`~tidings.actors.kb.KB`. Build once, reuse."""

    def __init__(self, kb: KB) -> None:
        self.kb = kb
        self._fuzzy_keys: Optional[list[str]] = None
        self._fuzzy_map: dict[str, Hit] = {}
        self._fuzzy_by_len: dict[int, list[str]] = {}
        self._fuzzy_cache: dict[str, Optional[Hit]] = {}
        self._cached_text = lru_cache(maxsize=4096)(self._resolve_text_uncached)
        # resolve_words is a pure function of its arguments (and the KB): the same mention words
        # recur across articles ("the president", "Donald Trump"), so results are kept
        self._words_cache: dict[tuple, Optional[Resolution]] = {}

    # ---- public API -----------------------------------------------------------------------------
    def resolve_text(self, text: str, date: Optional[dt.date] = None) -> Optional[Actor]:
        """Resolve a plain string (no parse: the head is the last word before a preposition)."""
        res = self._cached_text(text, date)
        return res.actor(text, 0, len(text)) if res is not None else None

    def resolve_span(self, span, date: Optional[dt.date] = None) -> Optional[Actor]:
        """Resolve a spaCy span (its root is the head; an "of"/"in" phrase on the root may supply the country)."""
        res = self.resolve_span_full(span, date)
        return res.actor(span.text, span.start_char, span.end_char) if res is not None else None

    def resolve_span_full(self, span, date: Optional[dt.date] = None, tail_tokens=None,
                          words: Optional[list[str]] = None, person: Optional[bool] = None) -> Optional[Resolution]:
        """``words`` (the span's token texts) and ``person`` (whether a token of it is in a PERSON
        entity) may be passed by a caller that has them from the doc's columns."""
        if words is None:
            words = [t.text for t in span]
        head = span.root.i - span.start
        tail: list[str] = []
        if tail_tokens is None:
            tail_tokens = []
            for child in span.root.children:
                if child.i >= span.end and child.dep_ == "prep" and child.lower_ in _PREPS_TAIL:
                    tail_tokens.extend(t for t in child.subtree)
                elif child.i >= span.end and child.dep_ == "appos":
                    tail_tokens.extend(t for t in child.subtree)
        tail = [t.text for t in tail_tokens]
        plural = span.root.tag_ in ("NNS", "NNPS")
        if person is None:
            person = any(t.ent_type_ == "PERSON" for t in span)
        res = self.resolve_words(words, head, date, tail, allow_surname=person)
        if res is not None:
            res.plural = plural or res.plural
        return res

    # ---- core -----------------------------------------------------------------------------------
    def _resolve_text_uncached(self, text: str, date: Optional[dt.date]) -> Optional[Resolution]:
        words = _TOKEN_RE.findall(text)
        if not words:
            return None
        head = len(words) - 1
        tail: list[str] = []
        for k, w in enumerate(words):
            if k > 0 and w.lower() in _PREPS_TAIL and not self._inside_name(words, k):
                head = k - 1
                tail = words[k:]
                words = words[:k]
                break
        return self.resolve_words(words, head, date, tail)

    def _inside_name(self, words: list[str], k: int) -> bool:
        """Whether the preposition at k is inside a KB name ("Secretary of State", "Bank of England")."""
        for i in range(max(0, k - 4), k):
            for j in range(k + 1, min(len(words), i + self.kb.max_len) + 1):
                key = norm(" ".join(words[i:j]))
                if key in self.kb.index or key in self.kb.agents:
                    return True
        return False

    def segment(self, words: list[str]) -> list[Seg]:
        """Cut words into the longest KB names and agent nouns they contain (left to right)."""
        segs: list[Seg] = []
        nw = [norm(w) for w in words]
        index, agents, acronyms = self.kb.index, self.kb.agents, self.kb.acronyms
        i = 0
        n = len(words)
        while i < n:
            w = words[i]
            if not nw[i] or w.lower() in _SKIP:
                i += 1
                continue
            found = None
            for j in range(min(n, i + self.kb.max_len), i, -1):
                if not nw[j - 1]:
                    continue
                hits: list[Hit] = []
                if j - i == 1 and is_acronym(w):
                    hits = list(acronyms.get(acro_key(w), []))
                elif j - i == 1 and nw[i] == "us" and w != "US":
                    hits = []
                else:
                    key = " ".join(x for x in nw[i:j] if x)
                    hits = index.get(key, [])
                    if hits and j - i == 1 and w[:1].islower():
                        # "dawn" is not the newspaper Dawn, "rada" not the Rada
                        hits = [h for h in hits if not h.cased]
                    if not hits and j - i == 1 and w.isupper() and len(w) <= 5:
                        hits = list(acronyms.get(acro_key(w), []))
                    if not hits:
                        ag = agents.get(key)
                        if ag is not None:
                            found = Seg(i, j, agent=ag, text=" ".join(words[i:j]))
                            break
                if hits:
                    found = Seg(i, j, hit=_best(hits), text=" ".join(words[i:j]))
                    break
            if found is None:
                i += 1
                continue
            segs.append(found)
            i = found.j
        return segs

    def resolve_words(self, words: list[str], head: int, date: Optional[dt.date],
                      tail: Sequence[str] = (), allow_surname: bool = True) -> Optional[Resolution]:
        """The resolution of a mention's words (``head``: index of its head word), or None.
        Results are cached; each call gets its own copy (callers adjust ``plural``, ``why``...)."""
        key = (tuple(words), head, date, tuple(tail), allow_surname)
        cache = self._words_cache
        if key in cache:
            res = cache[key]
        else:
            if len(cache) >= WORDS_CACHE_MAX:
                cache.clear()
            res = cache[key] = self._resolve_words_uncached(list(words), head, date, list(tail), allow_surname)
        return replace(res) if res is not None else None

    def _resolve_words_uncached(self, words: list[str], head: int, date: Optional[dt.date],
                                tail: Sequence[str] = (), allow_surname: bool = True) -> Optional[Resolution]:
        if not words:
            return None
        head = max(0, min(head, len(words) - 1))
        lower = [w.lower() for w in words]
        former = any(w in FORMER_WORDS for w in lower[: head + 1]) or any(w.startswith("ex-") for w in lower)
        # whole mention is one KB name
        whole = self.kb.lookup(" ".join(w for w in words if w.lower() not in ("the",)))
        if whole and not any(c.isupper() for w in words for c in w):
            whole = [h for h in whole if not h.cased]
        segs = self.segment(words)
        if whole:
            hit = _best(whole)
            if hit.entry.kind != "country" or hit.how in ("name", "alias", "seat", "city", "demonym"):
                segs = [Seg(0, len(words), hit=hit, text=" ".join(words))]
        head_seg = next((s for s in segs if s.i <= head < s.j), None)
        segs = [s for s in segs if not _attitude(words, s)]
        kb_segs = [s for s in segs if s.hit is not None]
        agent_segs = [s for s in segs if s.agent is not None]
        # the agent at the head, else the last agent before it
        agent = head_seg if head_seg is not None and head_seg.agent is not None else None
        if agent is None and agent_segs:
            before = [s for s in agent_segs if s.j <= head + 1]
            agent = before[-1] if before else None

        # 1. persons
        persons = [s for s in kb_segs if s.hit.entry.kind == "person"]
        if persons:
            seg = next((s for s in persons if s.i <= head < s.j), persons[-1])
            res = self._person(seg.hit.entry, date, former, seg.text, agent)
            stated = [s for s in kb_segs if s.hit.entry.kind == "country" and s.j <= seg.i
                      and s.hit.how in ("demonym", "name", "alias")]
            if agent is not None and agent.j == seg.i and not former:
                code = stated[-1].hit.entry.code if stated else res.code
                return self._stated_office(res, seg.hit.entry, code, agent, date)
            return res
        # 2. organisations and groups
        orgs = [s for s in kb_segs if s.hit.entry.kind in _ORG_KINDS]
        countries = [s for s in kb_segs if s.hit.entry.kind == "country"]
        head_country = head_seg if head_seg is not None and head_seg in countries else None
        if orgs and head_country is None:
            seg = next((s for s in orgs if s.i <= head < s.j), orgs[0])
            ag = agent if agent is not None and agent.j > seg.j else None
            res = self._org(seg.hit.entry, date, seg.text, ag)
            if ag is not None and any(w.lower() in RUN_WORDS for w in words[seg.j: ag.i]):
                # "the Hamas-run health ministry": a body of the group's administration
                res.sector = ag.agent[0]
                res.cameo = cameo_of(res.code, res.sector)
                res.why += f" ('{seg.text}'-run: sector of '{ag.text}')"
            return res
        # 3. countries
        if head_country is not None and (agent is None or agent.i < head_country.i):
            before = [s for s in countries if s.j <= head_country.i and s.hit.entry is not head_country.hit.entry]
            if before and head_country.hit.how == "demonym":
                # "Bosnian Serbs", "Kosovo Albanians": a people named by where they live
                c = before[-1]
                res = self._country(c.hit, None, former, c.text, date=date)
                res.why = f"'{head_country.text}' of {c.text}: {res.why}"
                res.kind = "demonym"
                return res
            return self._country(head_country.hit, None, former, head_country.text, role_word=agent, date=date)
        if countries:
            pre = [s for s in countries if s.j <= (agent.i if agent is not None else head + 1)]
            c = pre[0] if pre else None
            if c is None:
                c = countries[0]
            return self._country(c.hit, agent, former, c.text, date=date)
        # 4. a country in an "of"/"in" phrase after the head
        if tail and agent is not None:
            tsegs = [s for s in self.segment(list(tail)) if s.hit is not None]
            tc = next((s for s in tsegs if s.hit.entry.kind == "country"), None)
            to = next((s for s in tsegs if s.hit.entry.kind in _ORG_KINDS), None)
            if to is not None and (tc is None or to.i < tc.i) and agent.agent[0] in ("GOV", "LEG", "JUD", "MIL"):
                return self._org(to.hit.entry, date, to.text, agent)
            if tc is not None:
                return self._country(tc.hit, agent, former, tc.text, via="of", date=date)
            tp = next((s for s in tsegs if s.hit.entry.kind == "person"), None)
            if tp is not None:
                pres = self._person(tp.hit.entry, date, False, tp.text, None)
                if pres.code:
                    sector, role = agent.agent
                    return Resolution(code=pres.code, sector=sector, cameo=cameo_of(pres.code, sector), role=role,
                                      why=f"agent '{agent.text}' ({sector}) of {tp.hit.entry.name} ({pres.code})",
                                      kind="country")
        # 5. a surname known for one person only ("the Bush administration", "J. Blinken"), when the
        #    other name words fit that person ("Munir Abdulkader" is not Asim Munir)
        agent_tok = {k for s in agent_segs for k in range(s.i, s.j)}
        for k, w in enumerate(words if allow_surname else []):
            if w[:1].isupper() and (k == head or k + 1 < len(words) or len(words) == 1):
                people = self.kb.surnames.get(norm(w), [])
                if len(people) == 1 and not self.kb.index.get(norm(w)):
                    e = people[0]
                    own = {x for n in [e.name, *e.aliases] for x in norm(n).split()}
                    others = [norm(x) for j, x in enumerate(words) if j != k and j not in agent_tok
                              and x[:1].isupper() and norm(x)]
                    if norm(w) != norm(e.name).split()[-1] or any(
                            o not in own and not (len(o) == 1 and any(t.startswith(o) for t in own)) for o in others):
                        continue
                    res = self._person(e, date, former, w, agent)
                    if k != head and agent is not None and k < agent.i:
                        sector, role = agent.agent
                        if res.code:
                            return Resolution(code=res.code, sector=sector, cameo=cameo_of(res.code, sector),
                                              role=role, why=f"agent '{agent.text}' of {e.name} ({res.code})",
                                              kind="country")
                    res.why = f"surname '{w}' (only {e.name} in the KB); " + res.why
                    return res
        # 6. fuzzy match of an unknown capitalised name (titles and agent words left out)
        covered = {k for s in agent_segs for k in range(s.i, s.j)}
        cap = [w for k, w in enumerate(words) if k not in covered and w.lower() not in _SKIP and norm(w)]
        if cap and all(w[:1].isupper() or w.lower() in _PARTICLES for w in cap) and any(w[:1].isupper() for w in cap) and not any(w.lower() in FORMER_WORDS for w in cap):
            hit = self._fuzzy(" ".join(cap))
            if hit is not None:
                res = self.resolve_hit(hit, date, former, " ".join(cap))
                if res is not None:
                    res.why = f"fuzzy match of '{' '.join(cap)}' to '{hit.entry.name}'; " + res.why
                    return res
        # 7. an agent noun alone
        if agent is not None:
            sector, role = agent.agent
            if former and sector == "GOV":
                sector, role = "ELI", f"former {role or agent.text.lower()}"
            return Resolution(code=None, sector=sector, role=role, why=f"agent noun '{agent.text}' → {sector}",
                              kind="agent")
        return None

    # ---- compositions ---------------------------------------------------------------------------
    def resolve_hit(self, hit: Hit, date, former: bool, text: str) -> Optional[Resolution]:
        e = hit.entry
        if e.kind == "person":
            return self._person(e, date, former, text, None)
        if e.kind in _ORG_KINDS:
            return self._org(e, date, text, None)
        return self._country(hit, None, former, text, date=date)

    def _person(self, e: Entry, date, former: bool, text: str, agent: Optional[Seg]) -> Resolution:
        p: Optional[Period] = None
        why_date = ""
        title = None
        if agent is not None and agent.agent is not None:
            title = (agent.agent[1] or agent.text).lower()

        def titled(q: Period) -> bool:
            return _names_role(title, q.role)

        if date is not None:
            covering = [q for q in e.periods if q.covers(date)]
            if covering:
                p = max(covering, key=lambda q: (titled(q), role_rank(q.role), q.start or dt.date.min))
            why_date = f" on {date.isoformat()}"
        elif e.periods:
            p = max(e.periods, key=lambda q: (titled(q), role_rank(q.role), q.start or dt.date.min))
            why_date = " (undated: " + ("office named in the text)" if titled(p) else "most notable office)")
            if former and not titled(p):
                p = e.periods[-1]
        if p is not None:
            sector = p.sector
            role = p.role
            why = f"person '{e.name}': {role or 'role'} ({p.cameo or p.code}) {_fmt(p.start)}–{_fmt(p.end) if p.end else 'now'}{why_date}"
            return Resolution(code=p.code, sector=sector, cameo=p.cameo or cameo_of(p.code, sector), name=e.name,
                              role=role, kb_id=e.kb_id, why=why, kind="person", entry=e)
        # no role on that date
        if e.has_default and e.code:
            return Resolution(code=e.code, sector=e.sector, cameo=e.cameo or cameo_of(e.code, e.sector), name=e.name,
                              kb_id=e.kb_id, why=f"person '{e.name}': default code {e.cameo or e.code} (no dated code{why_date})",
                              kind="person", entry=e)
        if e.periods and date is not None:
            first = e.periods[0]
            if first.start and date < first.start:
                return Resolution(code=first.code, sector=None, name=e.name, role=None, kb_id=e.kb_id,
                                  why=f"person '{e.name}': no known office before {_fmt(first.start)}; country only",
                                  kind="person", entry=e)
            past = [q for q in e.periods if q.end and q.end < date]
            if past:
                q = max(past, key=lambda q: q.end)
                sector = "ELI" if q.sector in ("GOV", "MIL", "LEG", "JUD", "COP", None) else q.sector
                return Resolution(code=q.code, sector=sector, cameo=cameo_of(q.code, sector), name=e.name,
                                  role=f"former {q.role}" if q.role else "former official", kb_id=e.kb_id,
                                  why=f"person '{e.name}': {q.role} until {_fmt(q.end)}, before {date.isoformat()} → former",
                                  kind="person", entry=e)
        return Resolution(code=e.code, sector=e.sector, cameo=e.cameo, name=e.name, kb_id=e.kb_id,
                          why=f"person '{e.name}' (no dated role)", kind="person", entry=e)

    def _stated_office(self, res: Resolution, e: Entry, code: Optional[str], agent: Seg,
                       date) -> Resolution:
        """Rule ``stated_office``: "Canadian Prime Minister X" (the title right before the name) states X's country and office. Where the
        knowledge base has X in another country or another office on that date (an office it does not
        know yet, dates a few days off), the text wins: X's own period in that country with that
        office if the KB has one within a year of the date, else (another country only) the stated
        country with the office's sector."""
        title = (agent.agent[1] or agent.text).lower() if agent.agent else agent.text.lower()

        def titled(role: Optional[str]) -> bool:
            return _names_role(title, role)

        def near(q) -> bool:
            # the KB's dates may lag the news by days or months, not years ("Senator John Kerry"
            # in a story of 2016 speaks of his past office)
            if date is None:
                return True
            lo = (q.start or dt.date.min) - dt.timedelta(days=366)
            hi = q.end + dt.timedelta(days=366) if q.end else dt.date.max
            return lo <= date <= hi

        same = [q for q in e.periods if q.code == code and near(q) and titled(q.role)]
        sector = agent.agent[0] if agent.agent else None
        if code and res.code == code and not same and not res.sector and not res.role and sector:
            # the KB knows the person's country only: the stated office gives the sector
            return Resolution(code=code, sector=sector, cameo=cameo_of(code, sector), name=e.name, role=title,
                              kb_id=e.kb_id, kind="person", entry=e,
                              why=f"{res.why}; rule stated_office: '{agent.text}' named in the text → {sector}")
        if not code or (res.code == code and (titled(res.role) or not same)):
            return res
        if same:
            q = max(same, key=lambda q: q.start or dt.date.min)
            return Resolution(code=q.code, sector=q.sector, cameo=q.cameo or cameo_of(q.code, q.sector), name=e.name,
                              role=q.role, kb_id=e.kb_id, kind="person", entry=e,
                              why=f"rule stated_office: '{agent.text}' of {code} named in the text; person "
                                  f"'{e.name}': {q.role or 'role'} ({q.cameo or q.code}) {_fmt(q.start)}–"
                                  f"{_fmt(q.end) if q.end else 'now'} (the KB had {res.cameo or res.code}, "
                                  f"{res.role or 'no role'}, on that date)")
        return Resolution(code=code, sector=sector, cameo=cameo_of(code, sector), name=e.name, role=title,
                          kb_id=e.kb_id, kind="person", entry=e,
                          why=f"rule stated_office: '{agent.text}' of {code} named in the text (the KB had "
                              f"'{e.name}' as {res.cameo or res.code} on that date)")

    def _org(self, e: Entry, date, text: str, agent: Optional[Seg]) -> Resolution:
        code, sector, cameo, note = e.code, e.sector, e.cameo, None
        p = e.at(date) if date is not None else None
        if p is not None:
            code, sector, cameo, note = p.code, p.sector, p.cameo, p.note
        why = f"{e.kind} '{e.name}' → {cameo or code}"
        if e.periods:
            why += f" on {date.isoformat()}" if date else " (undated: default coding)"
            if note:
                why += f" ({note})"
        role = None
        if agent is not None:
            a_sector, role = agent.agent
            if code in ("IGO", "NGO") or sector is None:
                sector = a_sector if sector is None else sector
            why += f" + agent '{agent.text}'"
        return Resolution(code=code, sector=sector, cameo=cameo or cameo_of(code, sector), name=e.name, role=role,
                          kb_id=e.kb_id, why=why, kind="org", entry=e)

    def _country(self, hit: Hit, agent: Optional[Seg], former: bool, text: str, via: str = "",
                 role_word: Optional[Seg] = None, date: Optional[dt.date] = None) -> Resolution:
        e = hit.entry
        code = e.code
        p = e.at(date) if (date is not None and e.periods) else None
        if p is not None and p.code and p.code != code:
            # a place of a state that did not exist yet ("Juba" in 2005 is in Sudan)
            res = self._country(hit, agent, former, text, via, role_word, None)
            if res.kind == "seat":   # not the predecessor's seat of government: just a place there
                res.kind, res.sector = "place", None
                res.why = f"place: '{text}' (later a seat of power of {e.name})"
            res.code = p.code
            res.cameo = cameo_of(p.code, res.sector)
            res.why += f"; on {date.isoformat()} {p.note or 'part of ' + p.code}"
            return res
        if agent is not None:
            sector, role = agent.agent
            if former and sector in ("GOV", "MIL"):
                sector, role = "ELI", f"former {role or agent.text.lower()}"
            why = f"agent '{agent.text}' ({agent.agent[0]}) of {hit.how} '{text}' → {code}"
            if via:
                why = f"agent '{agent.text}' ({agent.agent[0]}) {via} '{text}' → {code}"
            if former and sector == "ELI":
                why += "; 'former' → ELI"
            return Resolution(code=code, sector=sector, cameo=cameo_of(code, sector), name=e.name, role=role,
                              kb_id=e.kb_id, why=why, kind="country", entry=e)
        if hit.how == "seat":
            sector = hit.sector or "GOV"
            return Resolution(code=code, sector=sector, cameo=cameo_of(code, sector), name=e.name, kb_id=e.kb_id,
                              why=f"metonym: '{text}' is a seat of power of {e.name} → {code} {sector}",
                              kind="seat", entry=e)
        if hit.how == "city":
            return Resolution(code=code, sector=None, cameo=code, name=e.name, kb_id=e.kb_id,
                              why=f"place: '{text}' is in {e.name}", kind="place", entry=e)
        kind = "demonym" if hit.how == "demonym" else "country"
        return Resolution(code=code, sector=None, cameo=code, name=e.name, kb_id=e.kb_id,
                          why=f"country {hit.how} '{text}' → {code}", kind=kind, entry=e)

    # ---- fuzzy ----------------------------------------------------------------------------------
    def _fuzzy(self, text: str) -> Optional[Hit]:
        key = norm(text)
        if len(key) < 6:
            return None
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        hit = self._fuzzy_uncached(key)
        if len(self._fuzzy_cache) > 8192:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[key] = hit
        return hit

    def _fuzzy_choices(self, n: int) -> list[str]:
        """The fuzzy keys that can score 90 against a key of ``n`` characters, in their order.

        ``fuzz.ratio`` is 100 · (1 − d / (n + m)) with d, the insertions and deletions turning
        one string into the other, at least |n − m|: a key whose length differs by more than a
        tenth of the two lengths cannot reach 90, so leaving it out changes no answer (the
        order, which breaks ties, is kept)."""
        cache = self._fuzzy_by_len
        out = cache.get(n)
        if out is None:
            out = cache[n] = [k for k in self._fuzzy_keys if abs(len(k) - n) <= 0.1 * (len(k) + n) + 1e-9]
        return out

    def _fuzzy_uncached(self, key: str) -> Optional[Hit]:
        if self._fuzzy_keys is None:
            for k, hits in self.kb.index.items():
                if len(k) >= 5:
                    best = _best(hits)
                    if best.how in ("name", "alias"):
                        self._fuzzy_map[k] = best
            self._fuzzy_keys = list(self._fuzzy_map)
        from rapidfuzz import fuzz, process

        m = process.extractOne(key, self._fuzzy_choices(len(key)), scorer=fuzz.ratio, score_cutoff=90)
        if m is None:
            return None
        return self._fuzzy_map[m[0]]
