"""The actors stage: finds actor mentions in a parsed article, resolves them and links coreferent ones.

Mentions come from noun chunks and named entities (a person entity is widened to its whole
noun phrase, "United States Secretary of State Antony J. Blinken"). Each is resolved with the
article's date by :class:`~tidings.actors.resolver.Resolver`. A chunk whose head is not an actor
word ("Pakistan's alleged support") yields mentions for the actor names inside it instead.

Coreference is rule-based on the parse: surnames of persons named earlier ("Blinken"), titles
("the secretary", "the minister"), subject pronouns ("he", "she", "it", "they"), "the country"
and "the government". A coreferent mention has kind "coref" and the antecedent's actor with its
own span; its ``why`` names the antecedent.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from ..model import Actor
from ..nlp.chunks import noun_chunks
from .kb import norm
from .resolver import Resolution, Resolver

SUBJ_DEPS = {"nsubj", "nsubjpass"}
PERSON_PRONOUNS = {"he": "m", "she": "f"}
PLEONASTIC_HEADS = {"be", "seem", "appear", "rain", "take", "matter", "remain", "happen", "look", "become"}
#: titles that may stand for a person named earlier ("the minister")
TITLE_WORDS = {"minister", "secretary", "president", "premier", "chancellor", "prime", "ambassador", "envoy",
               "king", "queen", "emir", "leader", "spokesman", "spokeswoman", "spokesperson", "general",
               "commander", "chief", "governor", "official", "diplomat", "senator", "judge", "prosecutor",
               "director", "chairman", "chairwoman", "chair", "pope", "prince"}
#: plural nouns that, after "the two" or "both", stand for the two parties named just before
#: ("the two leaders agreed", "both sides"); people words prefer two persons as antecedents
PAIR_PEOPLE = {"leader", "man", "woman", "minister", "president", "premier", "official", "diplomat",
               "envoy", "counterpart", "foreign minister", "head", "negotiator", "commander", "chief"}
PAIR_PARTIES = {"side", "country", "nation", "government", "state", "capital", "neighbour", "neighbor",
                "ally", "rival", "delegation", "power", "army", "force"}
GOVERNMENT_WORDS = {"government", "administration", "regime", "authorities", "cabinet", "leadership", "ministry"}
COUNTRY_WORDS = {"country", "nation", "state", "kingdom", "republic"}


@dataclass
class Mention:
    """One actor mention: token span [start, end), head token, resolved actor, how it was found."""

    start: int
    end: int
    head: int
    actor: Actor
    kind: str = "noun_chunk"     # ner, noun_chunk, coref, metonym, demonym, place, person, org, agent
    plural: bool = False
    res_kind: str = ""           # person, org, country, seat, place, agent, demonym
    is_subject: bool = False
    sent: int = 0
    antecedent: Optional["Mention"] = field(default=None, repr=False)
    #: rule pair_coref: "the two leaders" stands for two actors named just before; this is the second
    partner: Optional[Actor] = None

    @property
    def code(self) -> Optional[str]:
        return self.actor.code


def _actor_with_span(a: Actor, text: str, start: int, end: int, why: Optional[str] = None) -> Actor:
    d = a.model_dump()
    d.update(text=text, start=start, end=end)
    if why is not None:
        d["why"] = why
    return Actor(**d)


def _token_columns(doc) -> tuple[list[str], list[bool], list[bool]]:
    """Per token of ``doc``: its text, whether it is a proper noun (POS), whether its entity type
    is PERSON; from one ``Doc.to_array``."""
    from spacy.attrs import ENT_TYPE, IDX, LENGTH, POS
    from spacy.symbols import PROPN

    if not len(doc):
        return [], [], []
    arr = doc.to_array([IDX, LENGTH, POS, ENT_TYPE])
    text = doc.text
    texts = [text[i:i + n] for i, n in zip(arr[:, 0].tolist(), arr[:, 1].tolist())]
    person = doc.vocab.strings["PERSON"]   # a spaCy symbol: always in the string store
    return texts, (arr[:, 2] == PROPN).tolist(), (arr[:, 3] == person).tolist()


class ActorStage:
    name = "actors"
    requires: frozenset[str] = frozenset({"record.entities"})
    uses: frozenset[str] = frozenset({"date", "dateline"})
    provides: frozenset[str] = frozenset({"mentions", "mention_at_token", "actor_resolver"})

    def __init__(self, config=None, resources=None) -> None:
        if resources is None:
            from ..pipeline.resources import default_resources

            resources = default_resources()
        self.resources = resources
        self.config = config
        self.resolver: Resolver = resources.resolver(tuple(getattr(config, "actor_files", None) or ()))

    # ------------------------------------------------------------------------------------------
    def __call__(self, ctx) -> None:
        doc = ctx.doc
        date = ctx.date
        mentions = self.find_mentions(doc, date, ctx.dateline)
        ctx.mentions = mentions
        at = {}
        for m in mentions:
            for i in range(m.start, m.end):
                at.setdefault(i, m)
        ctx.mention_at_token = at
        ctx.actor_resolver = self.resolver
        self._entities(ctx, mentions, date)

    # ------------------------------------------------------------------------------------------
    def _candidates(self, doc, dateline) -> list:
        """Token spans to resolve: noun chunks plus entities outside them (widened to their NP)."""
        spans = []
        taken = set()
        skip_from, skip_until = 0, -1
        if dateline is not None:
            # the dateline's place only: a headline line before it ("Mayor Quits.\n\nTULSA - ...")
            # keeps its mentions
            for t in doc:
                if t.idx >= dateline.place_end:
                    break
                if t.idx >= dateline.place_start:
                    if skip_until < 0:
                        skip_from = t.i
                    skip_until = t.i

        def in_dateline(i: int) -> bool:
            return skip_from <= i <= skip_until
        try:
            chunks = noun_chunks(doc)   # = list(doc.noun_chunks), without a Token per word
        except (ValueError, NotImplementedError):
            chunks = []
        # person names first, widened to their whole noun phrase ("US Secretary of State Antony J. Blinken")
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            root = ent.root
            if in_dateline(ent.end - 1):
                continue
            if len(ent) == 1 and ent.start == ent.sent.start and root.dep_ == "compound" \
                    and root.head.pos_ == "NOUN" and root.head.tag_ in ("NNS", "NN") \
                    and self.resolver.resolve_text(ent.text) is None:
                # rule capital_not_person: a sentence's capitalised first word modifying a common noun
                # ("Riot police fired ...", "Border guards said ...") is not a person's name, unless the
                # knowledge base knows it ("Clinton aides")
                continue
            start = min(root.left_edge.i, ent.start)
            while start < ent.start and (in_dateline(start) or doc[start].is_punct or start in taken):
                start += 1
            end = max(ent.end, root.i + 1)
            if any(i in taken for i in range(start, end)):
                continue
            spans.append(doc[start:end])
            taken.update(range(start, end))
        for ch in chunks:
            if in_dateline(ch.end - 1) or any(i in taken for i in range(ch.start, ch.end)):
                continue
            spans.append(ch)
            taken.update(range(ch.start, ch.end))
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "GPE", "NORP", "FAC", "LOC"):
                continue
            if in_dateline(ent.end - 1) or any(i in taken for i in range(ent.start, ent.end)):
                continue
            spans.append(ent)
            taken.update(range(ent.start, ent.end))
        spans.sort(key=lambda s: s.start)
        cut = self._headline_verb(doc)
        if cut is not None:
            # rule headline_verb (events/occurrence.py): the headline's verb read as a noun is no
            # part of the noun phrase around it ("Senator X Praises Governor Y")
            spans = [p for s in spans for p in ((s,) if not s.start <= cut < s.end
                                                  else (doc[s.start:cut], doc[cut + 1:s.end])) if len(p)]
        return spans

    def _headline_verb(self, doc) -> Optional[int]:
        from ..events.occurrence import headline_candidate, headline_line, headline_verb_token

        if getattr(self.config, "events", "none") in (None, "none", "off", False):
            return None
        line = headline_line(doc)
        if headline_candidate(line) is None:
            return None
        from ..pipeline.resources import default_resources

        coder = (self.resources or default_resources()).coder(tuple(getattr(self.config, "lexicon_files", None) or ()),
                                                             bool(getattr(self.config, "statements", False)))
        t, _ = headline_verb_token(coder.lex, doc, line)
        return None if t is None else t.i

    def find_mentions(self, doc, date: Optional[dt.date], dateline=None) -> list[Mention]:
        r = self.resolver
        out: list[Mention] = []
        people: dict[str, Mention] = {}   # surname / name key → latest person mention
        ents_at = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ents_at[i] = ent
        sent_of = {}
        for k, s in enumerate(doc.sents):
            for i in range(s.start, s.end):
                sent_of[i] = k

        def add(span, res: Resolution, kind: str) -> Mention:
            head = span.root
            m = Mention(start=span.start, end=span.end, head=head.i,
                        actor=res.actor(span.text, span.start_char, span.end_char), kind=kind,
                        plural=res.plural, res_kind=res.kind, is_subject=head.dep_ in SUBJ_DEPS,
                        sent=sent_of.get(head.i, 0))
            out.append(m)
            if res.kind == "person" and res.entry is not None:
                for key in _person_keys(res.entry.name, res.entry.aliases, span):
                    people[key] = m
            elif res.kind == "person":
                # an unknown person: later mentions of the surname refer to them
                ent = ents_at.get(head.i)
                if ent is not None and ent.label_ == "PERSON":
                    for key in _person_keys(ent.text, [], ent):
                        people[key] = m
            return m

        # token texts, proper-noun and PERSON marks as plain lists (no Token objects per candidate)
        texts, propn, person_tok = _token_columns(doc)
        candidates = self._candidates(doc, dateline)
        for span in candidates:
            root = span.root
            if root.pos_ == "PRON" or root.tag_ in ("PRP", "PRP$", "WP", "WDT", "EX"):
                continue
            words = texts[span.start:span.end]
            head_idx = root.i - span.start
            # a person named by surname only, already named in full earlier in the document
            prop = [doc[i] for i in range(span.start, span.end)
                    if propn[i] or (i in ents_at and ents_at[i].label_ == "PERSON")]
            ante = None
            if prop:
                for t in reversed(prop):
                    key = norm(t.text)
                    if key in people:
                        ante = people[key]
                        break
            if ante is not None:
                # every name word must belong to the antecedent's name ("Sadiq Khan" is not Imran Khan)
                known = set(norm(ante.actor.text).split()) | set(norm(ante.actor.name or "").split())
                titles = {k for sg in r.segment(words) if sg.agent is not None for k in range(sg.i, sg.j)}
                names = [norm(x.text) for x in prop if (x.i - span.start) not in titles and norm(x.text)]
                if any(n not in known for n in names):
                    ante = None
            res = r.resolve_span_full(span, date, words=words, person=any(person_tok[span.start:span.end]))
            if ante is not None and (res is None or res.kind in ("agent",) or (res.kind == "person" and res.entry
                                     and res.entry.kb_id == ante.actor.kb_id)
                                     or (res.why or "").startswith(("fuzzy", "surname"))):
                why = f"coreference: surname '{t.text}' → {ante.actor.name or ante.actor.text} (token {ante.start})"
                m = Mention(start=span.start, end=span.end, head=root.i,
                            actor=_actor_with_span(ante.actor, span.text, span.start_char, span.end_char, why),
                            kind="coref", res_kind="person", is_subject=root.dep_ in SUBJ_DEPS,
                            sent=sent_of.get(root.i, 0), antecedent=ante)
                out.append(m)
                continue
            ent = ents_at.get(root.i)
            if ent is not None and ent.label_ == "PERSON" and (res is None or res.kind not in ("person", "org")) \
                    and not r.kb.lookup(span.text):
                # unknown person: nationality and role words around the name
                res2 = self._unknown_person(span, date)
                if res2 is None:
                    # nothing known: still a person, so that "he"/"she" and the surname find them
                    res2 = Resolution(code=None, kind="person", why="unknown person: no nationality or role found")
                res2.name = ent.text
                add(span, res2, "ner")
                continue
            if res is None:
                if root.lemma_.lower() in COUNTRY_WORDS | GOVERNMENT_WORDS:
                    m = self._title_coref(span, Resolution(code=None), out, sent_of)
                    if m is not None:
                        out.append(m)
                continue
            # a chunk whose head is no actor word: the actor names inside it are the mentions
            segs = r.segment(words)
            head_seg = next((s for s in segs if s.i <= head_idx < s.j), None)
            whole = res.kind == "person" or (res.entry is not None and norm(res.entry.name) == norm(span.text))
            if head_seg is None and not whole:
                for s in segs:
                    if s.hit is None:
                        continue
                    sub = span[s.i: s.j]
                    sres = r.resolve_span_full(sub, date, tail_tokens=[])
                    if sres is not None:
                        add(sub, sres, _kind_of(sres, sub, ents_at))
                continue
            if res.kind == "agent" and res.code is None:
                m = self._title_coref(span, res, out, sent_of)
                if m is not None:
                    out.append(m)
                    continue
                # an agent noun without country: keep it (sector only) for the events stage
                add(span, res, "noun_chunk")
                continue
            if res.kind == "country" and self._split_coordination(span, segs, head_idx, date, add, ents_at):
                continue
            if res.kind == "seat" and _locative(root):
                # "talks in Islamabad": a place, not the government
                res.sector = None
                res.cameo = res.code
                res.kind = "place"
                res.why = res.why.replace("metonym:", "place (locative use):").rsplit(" → ", 1)[0] + f" → {res.code}"
            add(span, res, _kind_of(res, span, ents_at))
        out.sort(key=lambda m: m.start)
        # elliptic coordination parsed as two phrases: "Sierra Leonean | and Liberian refugees"
        for m1, m2 in zip(out, out[1:]):
            between = doc[m1.end: m2.start]
            if (m1.res_kind == "demonym" and m1.actor.sector is None and m2.res_kind == "country"
                    and m2.actor.sector and len(between) and all(t.lower_ in ("and", "or", ",") for t in between)
                    and m2.end - m2.start >= 2):
                m1.actor.sector = m2.actor.sector
                m1.actor.cameo = (m1.actor.code or "") + m2.actor.sector
                m1.actor.role = m2.actor.role
                m1.actor.why = f"{m1.actor.why}; coordinated with '{m2.actor.text}' → {m2.actor.sector}"
                m1.res_kind = "country"
        self._context_countries(doc, out, dateline, date)
        out.extend(self._pronouns(doc, out, sent_of))
        out = self._pairs(doc, out, candidates, sent_of)
        out.sort(key=lambda m: (m.start, -m.end))
        # drop mentions overlapping an earlier (longer) one
        final: list[Mention] = []
        last_end = -1
        for m in out:
            if m.start < last_end:
                continue
            final.append(m)
            last_end = m.end
        return final

    def _split_coordination(self, span, segs, head_idx, date, add, ents_at) -> bool:
        """ "U.S. and Russian negotiators" → "U.S." (USA GOV) and "Russian negotiators" (RUS GOV)."""
        countries = [s for s in segs if s.hit is not None and s.hit.entry.kind == "country" and s.j <= head_idx]
        if len(countries) < 2:
            return False
        for a, b in zip(countries, countries[1:]):
            between = [t.lower_ for t in span[a.j: b.i]]
            if not between or any(w not in ("and", ",", "&", "or") for w in between):
                return False
        rest = span[countries[-1].i:]
        last = self.resolver.resolve_span_full(rest, date)
        if last is None:
            return False
        agent_words = [t.text for t in span[countries[-1].j:]]
        for c in countries[:-1]:
            sub = span[c.i: c.j]
            res = self.resolver.resolve_words([t.text for t in sub] + agent_words, len(sub) + len(agent_words) - 1, date)
            if res is None:
                continue
            res.why = f"coordinated with '{rest.text}': {res.why}"
            add(sub, res, "noun_chunk")
        add(rest, last, _kind_of(last, rest, ents_at))
        return True

    # ------------------------------------------------------------------------------------------
    def _context_countries(self, doc, mentions: list[Mention], dateline, date) -> None:
        """Agent mentions without a country ("police", "rebels", "an opposition coalition") and ethnic
        groups ("ethnic Albanians") take the one country named in their sentence; with none named,
        a local story's dateline country."""
        by_sent: dict[int, list[Mention]] = {}
        for m in mentions:
            # a country reached by coreference was named elsewhere: it does not place the agents here
            if m.actor.code and m.res_kind in ("country", "seat", "place", "demonym", "person") and len(m.actor.code) == 3 \
                    and m.actor.code not in ("IGO", "NGO", "IMG", "MNC") and m.kind != "coref":
                by_sent.setdefault(m.sent, []).append(m)
        dl_code = None
        if dateline is not None and getattr(dateline, "place", None):
            a = self.resolver.resolve_text(dateline.place, date)
            if a is not None and a.code and len(a.code) == 3 and a.code not in ("IGO", "NGO"):
                dl_code = a.code
        fallback, fallback_why = dl_code, f"the dateline '{getattr(dateline, 'place', '')}'"
        if dl_code:
            # rule dateline_elsewhere: a story filed from a regional hub ("BEIRUT - ... in Idlib")
            # whose text never names the dateline's country but names one other country clearly most
            # often: its agents belong to that country
            named: dict[str, int] = {}
            body = getattr(dateline, "body_start", 0) or getattr(dateline, "place_end", 0) or 0
            for x in mentions:
                if x.actor.start is not None and x.actor.start < body:
                    continue   # the dateline itself
                if x.kind != "coref" and x.res_kind in ("country", "seat", "place", "demonym", "metonym") \
                        and x.actor.code and len(x.actor.code) == 3 and x.actor.code not in ("IGO", "NGO", "IMG", "MNC"):
                    named[x.actor.code] = named.get(x.actor.code, 0) + 1
            if dl_code not in named and named:
                top = sorted(named.items(), key=lambda kv: -kv[1])
                if top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
                    fallback = top[0][0]
                    fallback_why = (f"rule dateline_elsewhere: the text never names the dateline's country "
                                    f"{dl_code} and names {fallback} most ({top[0][1]} times)")
        for m in mentions:
            if m.kind == "coref":
                continue
            ethnic = m.res_kind in ("demonym", "country") and "demonym" in (m.actor.why or "") \
                and any(doc[i].lower_ == "ethnic" for i in range(m.start, m.end))
            home = _people_of_place(doc, m, by_sent.get(m.sent, []), ethnic)
            if home is not None:
                # rule people_of_place: "the Albanians of southern Serbia", "ethnic Uzbeks in
                # Kyrgyzstan": a people named with the country it lives in belongs to that country
                m.actor.why = f"people of '{home.actor.text}' → {home.actor.code} (rule people_of_place); {m.actor.why}"
                m.actor.code = home.actor.code
                m.actor.cameo = home.actor.code + (m.actor.sector or "")
                continue
            if not ethnic and not (m.actor.code is None and m.actor.sector):
                continue
            if not ethnic and _foreign_agent(doc, m):
                # rule foreign_agent: "the international charity", "foreign journalists", "western
                # forces" are no party of the sentence's country
                m.actor.why = f"{m.actor.why}; no country from the context (rule foreign_agent)"
                continue
            others = [x for x in by_sent.get(m.sent, []) if x is not m]
            said = _reported_clause(doc[m.head])
            if said:
                # "two diplomats said sanctions on Russia would stay": a country inside what the
                # agent says is what it speaks of, not where it belongs
                others = [x for x in others if x.head not in said]
            if dl_code:
                # "TBILISI - Police detained 14 protesters, Russia's foreign ministry said": a
                # foreign reporter of the agent's act is not where the agent belongs in a local story
                others = [x for x in others if x.actor.code == dl_code
                          or m.head not in _reported_clause(_phrase_head(doc[x.head]))]
            counts: dict[str, int] = {}
            for x in others:
                counts[x.actor.code] = counts.get(x.actor.code, 0) + 1
            if ethnic:
                counts.pop(m.actor.code, None)
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            # the one country of the sentence, or the one named clearly most often
            main = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
            codes = set(counts)   # agents: only when the sentence names exactly one country
            if ethnic:
                if main:
                    code = main
                    m.actor.why = f"ethnic group living in {code} (the other country of the sentence); {m.actor.why}"
                    m.actor.code = code
                    m.actor.cameo = code + (m.actor.sector or "")
                continue
            if len(codes) == 1:
                code = codes.pop()
                src = next(x for x in others if x.actor.code == code)
                if all(_counterpart(doc, m, x) for x in others):
                    # rule counterpart_country: the one country of the sentence belongs to the other
                    # side of the agent's act of help or meeting (its doer or its object: "Turkey
                    # gave support to the rebels", "the rebels met Turkish envoys"): it does not
                    # place the agent
                    m.actor.why = (f"{m.actor.why}; no country from its counterpart '{src.actor.text}' "
                                   f"(rule counterpart_country)")
                    continue
                m.actor.why = f"{m.actor.why}; country from the sentence context: '{src.actor.text}' → {code}"
            elif len(codes) > 1:
                # rule agent_own_clause: with several countries in the sentence, a doer (subject or
                # passive agent) takes the one country of its own clause that places it: inside its
                # own phrase or a locative phrase ("Police in Lima detained two men after Chile
                # protested", "Gunmen killed three soldiers near Kandahar, Pakistan said"); not the
                # countries of other clauses nor the objects of its act
                src = _own_clause_place(doc, m, others)
                if src is None:
                    continue
                code = src.actor.code
                m.actor.why = (f"{m.actor.why}; country of its own clause (rule agent_own_clause): "
                               f"'{src.actor.text}' → {code}")
            elif not codes and fallback:
                code = fallback
                m.actor.why = f"{m.actor.why}; country from {fallback_why} → {code}"
            else:
                continue
            m.actor.code = code
            m.actor.cameo = code + (m.actor.sector or "")

    def _unknown_person(self, span, date) -> Optional[Resolution]:
        """A person the KB does not know: title and nationality words in the phrase, an apposition,
        or the phrase the name is in apposition to ("the Pakistani envoy, X, said")."""
        r = self.resolver
        root = span.root
        words = [t.text for t in span]
        tail = []
        doc = span.doc
        for child in root.children:
            if child.dep_ == "appos":
                # the noun phrase of the apposition, not its relative clauses
                tail.extend(t.text for t in doc[child.left_edge.i: child.i + 1])
            elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    tail.extend(t.text for t in doc[pobj.left_edge.i: pobj.i + 1])
        if root.dep_ == "appos":
            h = root.head
            tail.extend(t.text for t in doc[h.left_edge.i: h.i + 1] if t.i < span.start or t.i >= span.end)
        res = r.resolve_words(words, len(words) - 1, date, tail)
        if res is not None and res.kind == "agent" and tail:
            res2 = r.resolve_words(tail, len(tail) - 1, date, [])
            if res2 is not None and res2.code:
                res = Resolution(code=res2.code, sector=res.sector, role=res.role,
                                 why=f"unknown person: {res.why}; nationality from '{' '.join(tail)}'", kind="agent")
        elif res is None and tail:
            res2 = r.resolve_words(tail, len(tail) - 1, date, [])
            if res2 is not None and (res2.code or res2.sector):
                res = Resolution(code=res2.code, sector=res2.sector, role=res2.role,
                                 why=f"unknown person described as '{' '.join(tail)}': {res2.why}", kind="agent")
        if res is not None:
            res.kind = "person"
            res.entry = None
            res.kb_id = None
            res.why = f"unknown person: {res.why}"
        return res

    def _title_coref(self, span, res: Resolution, previous: list[Mention], sent_of) -> Optional[Mention]:
        """ "the minister" / "the secretary" → the latest person whose role has that word;
        "the government" / "the country" → the latest country."""
        det = [t for t in span if t.dep_ == "det"]
        if any(c.dep_ == "prep" and c.lower_ in ("of", "in", "from") for c in span.root.children):
            return None
        if not det or det[0].lower_ not in ("the", "this"):
            return None
        root = span.root
        head = root.lemma_.lower()
        cands = [m for m in previous if m.start < span.start and m.actor.code]
        if not cands:
            return None
        target = None
        if head in TITLE_WORDS and not root.tag_.endswith("S"):
            words = {t.lower_ for t in span if t.dep_ != "det"}
            # not a co-argument of the same verb ("Blinken told the minister")
            persons = [m for m in cands if m.res_kind == "person"
                       and not (m.sent == sent_of.get(root.i) and m.head < len(span.doc)
                                and span.doc[m.head].head.i == root.head.i)]

            def exact(m):
                role = (m.actor.role or "").lower()
                return all(w in role for w in words) or (head == "premier" and "prime minister" in role)

            def loose(m):
                role = (m.actor.role or "").lower()
                return head in role or (head in ("secretary", "minister") and ("secretary" in role or "minister" in role))

            target = next((m for m in reversed(persons) if exact(m)), None) or \
                next((m for m in reversed(persons) if loose(m)), None)
        elif head in GOVERNMENT_WORDS or head in COUNTRY_WORDS:
            here = sent_of.get(root.i, 0)
            for m in reversed(cands):
                if here - m.sent > 2:
                    break
                if m.res_kind in ("country", "seat", "demonym") and (m.actor.sector in (None, "GOV")):
                    target = m
                    break
        if target is None:
            return None
        a = target.actor
        if head in GOVERNMENT_WORDS:
            sector = "GOV"
            actor = Actor(text=span.text, start=span.start_char, end=span.end_char, code=a.code, sector=sector,
                          cameo=f"{a.code}{sector}", name=a.name if target.res_kind != "person" else None,
                          role=None, kb_id=None if target.res_kind == "person" else a.kb_id,
                          why=f"coreference: '{span.text}' → government of {a.code} ('{a.text}', token {target.start})")
        elif head in COUNTRY_WORDS:
            actor = Actor(text=span.text, start=span.start_char, end=span.end_char, code=a.code, sector=None,
                          cameo=a.code, name=None, role=None, kb_id=f"cty:{a.code}",
                          why=f"coreference: '{span.text}' → {a.code} ('{a.text}', token {target.start})")
        else:
            actor = _actor_with_span(a, span.text, span.start_char, span.end_char,
                                     f"coreference: title '{span.text}' → {a.name or a.text} (token {target.start})")
        return Mention(start=span.start, end=span.end, head=root.i, actor=actor, kind="coref",
                       res_kind=target.res_kind if head in TITLE_WORDS else "country",
                       is_subject=root.dep_ in SUBJ_DEPS, sent=sent_of.get(root.i, 0), antecedent=target)

    def _pronouns(self, doc, mentions: list[Mention], sent_of) -> list[Mention]:
        """Subject pronouns → the nearest fitting earlier mention (subjects first)."""
        out = []
        for t in _subject_pronouns(doc):
            low = t.lower_
            if low == "it" and t.head.lemma_ in PLEONASTIC_HEADS and any(
                    c.dep_ in ("ccomp", "xcomp", "acomp", "attr") for c in t.head.children):
                continue
            si = sent_of.get(t.i, 0)
            prev = [m for m in mentions + out if m.end <= t.i and si - m.sent <= 3
                    and (m.actor.code or (low in PERSON_PRONOUNS and m.res_kind == "person") or (m.actor.sector
                                          and (m.res_kind == "person" or (low == "they" and m.plural)
                                               or (low == "it" and m.sent == si and m.is_subject))))]

            def fits(m: Mention) -> bool:
                if low in PERSON_PRONOUNS:
                    return m.res_kind == "person" and not m.plural
                if low == "it":
                    return not m.plural and (m.res_kind in ("country", "seat", "org")
                                             or (m.res_kind == "agent" and m.sent == si and m.is_subject))
                return m.plural or (m.res_kind == "org" and m.actor.code not in ("IGO", "NGO"))

            cands = [m for m in prev if fits(m)]
            if low == "they" and any(m.plural for m in cands):
                cands = [m for m in cands if m.plural]
            if not cands:
                continue
            same = [m for m in cands if m.sent == si]
            target = None
            if same:
                subj = [m for m in same if m.is_subject]
                target = (subj or same)[-1]
            else:
                last_sent = max(m.sent for m in cands)
                in_last = [m for m in cands if m.sent == last_sent]
                subj = [m for m in in_last if m.is_subject]
                target = (subj or in_last)[0]
            if target.antecedent is not None and target.kind == "coref":
                base = target
            else:
                base = target
            why = f"coreference: pronoun '{t.text}' → '{base.actor.text}' (token {base.start})"
            out.append(Mention(start=t.i, end=t.i + 1, head=t.i,
                               actor=_actor_with_span(base.actor, t.text, t.idx, t.idx + len(t.text), why),
                               kind="coref", plural=low == "they", res_kind=base.res_kind, is_subject=True,
                               sent=si, antecedent=base))
        return out

    def _pairs(self, doc, mentions: list[Mention], candidates, sent_of) -> list[Mention]:
        """Rule ``pair_coref``: "the two leaders", "both sides", "the two" (as a subject) stand for the
        two parties named last before them, in the same sentence or up to two sentences back: the
        nearest sentence that names two actors of different countries (people words such as
        "leaders" or "ministers" prefer two persons). The mention takes the first as its actor and
        the second as its ``partner``, so that an event of "the two" has both as actors. With no
        such pair nearby the phrase is left as it was."""
        pairs = []
        spans = list(candidates)
        # "the two agreed": a numeral subject makes no noun chunk
        taken = {i for sp in spans for i in range(sp.start, sp.end)}
        for t in doc:
            if t.lower_ == "two" and t.dep_ in SUBJ_DEPS and t.i not in taken and t.i > 0 \
                    and doc[t.i - 1].lower_ == "the":
                spans.append(doc[t.i - 1: t.i + 1])
        for span in spans:
            head = _pair_head(span)
            if head is None:
                continue
            root = span.root
            si = sent_of.get(root.i, 0)
            if any(c.dep_ == "conj" for c in root.children):
                continue   # "both men and women"
            prev = [m for m in mentions if m.end <= span.start and si - m.sent <= 2 and m.actor.code
                    and m.res_kind in ("person", "country", "seat", "metonym", "org", "demonym", "agent")
                    and not (m.kind == "coref" and doc[m.head].pos_ == "PRON")]
            people = head in PAIR_PEOPLE
            found = None
            for k in range(si, si - 3, -1):
                here = [m for m in prev if m.sent == k]
                if people and sum(m.res_kind == "person" for m in here) >= 2:
                    here = [m for m in here if m.res_kind == "person"]
                for i, x in enumerate(here):
                    y = next((m for m in here[i + 1:] if (m.actor.code or "")[:3] != (x.actor.code or "")[:3]
                              and _co_arguments(doc, x, m)), None)
                    if y is not None:
                        found = (x, y)
                        break
                if found:
                    break
            if not found:
                continue
            a, b = found
            why = (f"rule pair_coref: '{span.text}' → '{a.actor.text}' ({a.actor.code}) and "
                   f"'{b.actor.text}' ({b.actor.code})")
            m = Mention(start=span.start, end=span.end, head=root.i,
                        actor=_actor_with_span(a.actor, span.text, span.start_char, span.end_char, why),
                        kind="coref", plural=True, res_kind=a.res_kind, is_subject=root.dep_ in SUBJ_DEPS,
                        sent=si, antecedent=a,
                        partner=_actor_with_span(b.actor, span.text, span.start_char, span.end_char, why))
            pairs.append(m)
        if not pairs:
            return mentions
        taken = {i for m in pairs for i in range(m.start, m.end)}
        return [m for m in mentions if not any(i in taken for i in range(m.start, m.end))] + pairs

    # ------------------------------------------------------------------------------------------
    def _entities(self, ctx, mentions: list[Mention], date) -> None:
        doc = ctx.doc
        by_char = [(m, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)) for m in mentions]
        # a mention holding an entity that starts at token i's first character covers token i:
        # look only at the mentions covering that token (in mention order), not at all of them
        tok_at_char = {c: i for i, c in enumerate(doc.to_array("IDX").tolist())} if len(doc) else {}
        covering: dict[int, list] = {}
        for item in by_char:
            for i in range(item[0].start, item[0].end):
                covering.setdefault(i, []).append(item)
        for ent in ctx.record.entities:
            if ent.label not in ("PERSON", "NORP", "ORG", "GPE", "FAC", "LOC"):
                continue
            first = tok_at_char.get(ent.start)
            pool = covering.get(first, ()) if first is not None else by_char
            containing = [m for m, s, e in pool if s <= ent.start and ent.end <= e]
            actor = None
            same = [m for m in containing if m.actor.start == ent.start and m.actor.end == ent.end]
            if same:
                ent.actor = same[0].actor.model_copy()
                continue
            for m in containing:
                if m.kind == "coref" and m.res_kind == "person":
                    actor = _actor_with_span(m.actor, ent.text, ent.start, ent.end)
                elif ent.label == "PERSON" and m.res_kind == "person" and m.actor.name:
                    actor = _actor_with_span(m.actor, ent.text, ent.start, ent.end)
            if actor is None:
                actor = self.resolver.resolve_text(ent.text, date)
                if actor is not None:
                    actor = _actor_with_span(actor, ent.text, ent.start, ent.end)
            if (actor is None or not actor.code) and containing and containing[0].actor.code:
                # the entity is part of a larger actor phrase ("Islamic militants", "Cumhuriyet University students")
                m = containing[0]
                actor = _actor_with_span(m.actor, ent.text, ent.start, ent.end,
                                         f"part of the actor phrase '{m.actor.text}': {m.actor.why}")
            ent.actor = actor


def _co_arguments(doc, a: Mention, b: Mention) -> bool:
    """Whether two mentions are parties of one act: conjoined ("Egypt and Ethiopia held talks"), or
    the subject and an object or oblique of the same verb ("X met Y", "X spoke with Y")."""
    ta, tb = doc[a.head], doc[b.head]
    if tb.i in {t.i for t in ta.conjuncts}:
        return True
    if not a.is_subject:
        return False
    verb = ta.head
    x = tb
    if x.dep_ in ("amod", "compound", "poss", "nmod") and x.head.i != x.i:
        x = x.head   # "his Tanzanian counterpart"
    for _ in range(3):
        if x.dep_ in ("dobj", "pobj", "dative", "conj", "prep", "appos", "agent") and x.head.i != x.i:
            x = x.head
            if x.i == verb.i or x.i in {t.i for t in verb.conjuncts}:
                return True
        else:
            break
    return False


def _pair_head(span) -> Optional[str]:
    """The party noun of "the two leaders" / "both sides" / "the pair" / "the two" (lemma; "" for
    the bare "the two" and "the pair"), or None for any other phrase."""
    words = [t for t in span if not t.is_punct]
    low = [t.lower_ for t in words]
    if len(words) == 2 and low == ["the", "pair"]:
        return ""
    if len(words) == 2 and low == ["the", "two"] and span.root.dep_ in SUBJ_DEPS:
        return ""
    if len(words) == 3 and (low[:2] == ["the", "two"] or low[0] == "both") and words[-1].tag_ == "NNS":
        lemma = words[-1].lemma_.lower()
        return lemma if lemma in PAIR_PEOPLE | PAIR_PARTIES else None
    if len(words) == 2 and low[0] == "both" and words[-1].tag_ == "NNS":
        lemma = words[-1].lemma_.lower()
        return lemma if lemma in PAIR_PEOPLE | PAIR_PARTIES else None
    return None


def _subject_pronouns(doc) -> list:
    """The tokens of ``doc`` that are "he", "she", "it" or "they" (any case) with a subject
    dependency, found on the doc's attribute arrays (no Token object for the other words)."""
    from spacy.attrs import DEP, LOWER

    if not len(doc):
        return []
    strings = doc.vocab.strings
    lowers = {strings.add(w) for w in ("he", "she", "it", "they")}
    deps = {strings.add(d) for d in SUBJ_DEPS}
    import numpy as np

    arr = doc.to_array([LOWER, DEP])
    hit = np.isin(arr[:, 0], np.array(sorted(lowers), dtype=np.uint64)) & \
        np.isin(arr[:, 1], np.array(sorted(deps), dtype=np.uint64))
    return [doc[i] for i in np.nonzero(hit)[0].tolist()]


LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "within",
                  "via", "through", "over", "off", "between"}


def _first_conjunct(tok, deps: tuple = ("conj",)):
    """The word a conjunct (or, with ``deps``, an apposition) hangs on, climbed to the first one:
    the word whose role in the clause the coordination shares ("Police and soldiers": police)."""
    while tok.dep_ in deps and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _reported_clause(tok) -> set:
    """Token indices of the clause a subject reports ("[they] said [that ...]"), empty if none."""
    tok = _first_conjunct(tok, ("conj", "appos"))
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    return {t.i for c in tok.head.children if c.dep_ in ("ccomp", "parataxis") for t in c.subtree}


#: dependencies that open a clause of its own below a verb (what another clause says or does)
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass"}


def _own_clause(tok) -> set:
    """Token indices of the clause ``tok`` belongs to: the subtree of its nearest verb (or the
    sentence root), less the clauses opened below that verb (CLAUSE_DEPS: complements, adverbial,
    relative and conjoined clauses); infinitival complements (xcomp) stay in."""
    head = tok
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    out = set()
    stack = [head]
    while stack:
        x = stack.pop()
        out.add(x.i)
        for c in x.children:
            if c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return out


#: words marking an agent as not of the country the sentence is about (rule foreign_agent)
FOREIGN_WORDS = {"international", "foreign", "multinational", "overseas", "western", "expatriate", "expat"}
#: heads of titles and offices that "foreign" names without making them foreign ("Foreign Minister")
FOREIGN_TITLES = {"minister", "ministry", "office", "secretary", "affairs", "service", "policy", "committee",
                  "department", "relations", "correspondent", "desk", "editor", "aid", "trade"}


def _foreign_agent(doc, m: "Mention") -> bool:
    """Rule foreign_agent: the agent's head noun is modified by a word of FOREIGN_WORDS ("foreign
    workers", "the international charity"); not a title ("Foreign Minister", "the foreign ministry")
    nor a name ("Western High School", "the Service Employees International Union")."""
    head = doc[m.head]
    # the head or the noun describing a name ("the international charity Marie Stopes")
    nouns = [head] + [c for c in head.children if c.dep_ in ("compound", "appos", "nmod") and c.pos_ == "NOUN"]
    if head.dep_ in ("appos", "compound") and head.head.pos_ == "NOUN":
        nouns.append(head.head)
    return any(c.lower_ in FOREIGN_WORDS and c.dep_ in ("amod", "compound") and c.ent_type_ in ("", "NORP")
               for t in nouns if t.lemma_.lower() not in FOREIGN_TITLES for c in t.children)


def _people_of_place(doc, m: "Mention", placed: list, ethnic: bool) -> Optional["Mention"]:
    """Rule people_of_place: the country mention of a people's own "of" phrase ("the Albanians
    of southern Serbia"; for "ethnic" groups also "in" / "living in": "ethnic Uzbeks in
    Kyrgyzstan") when it names another country than the people's own; None otherwise. Only
    plural peoples (demonyms), not "the president of Serbia" or "Americans in Iraq"."""
    if m.res_kind != "demonym" and not ethnic:
        return None
    head = doc[m.head]
    if head.tag_ not in ("NNS", "NNPS") or m.actor.sector:
        return None
    at = {x.head: x for x in placed}
    preps = ("of", "in") if ethnic else ("of",)
    for c in head.children:
        if c.dep_ != "prep" or c.lower_ not in preps:
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            for t in (g, *g.conjuncts):
                x = at.get(t.i)
                if x is not None and x.actor.code != m.actor.code:
                    return x
    for c in head.children:
        # "ethnic Uzbeks living in Kyrgyzstan"
        if ethnic and c.dep_ == "acl" and c.lemma_.lower() in ("live", "reside"):
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "in":
                    for g in p.children:
                        x = at.get(g.i)
                        if g.dep_ == "pobj" and x is not None and x.actor.code != m.actor.code:
                            return x
    return None


#: agents that travel: a place where they act is not where they belong (rule agent_own_clause)
MOBILE_AGENTS = {"negotiator", "diplomat", "delegate", "delegation", "envoy", "observer", "monitor", "inspector",
                 "peacekeeper", "journalist", "reporter", "correspondent", "tourist", "visitor", "mediator",
                 "ambassador", "consul", "attache", "detainee", "prisoner", "exile"}


#: prepositions through which a noun phrase places its head ("police in Lima", "refugees from
#: Chad", "the government of Libya"); not topics or causes ("talks about X", "hit by X")
PLACING_PREPS = {"of", "from", "in", "at", "near", "inside", "outside", "for", "within", "across"}
#: dependencies inside a noun phrase that keep its reference (modifiers, appositions, conjuncts)
PHRASE_DEPS = {"compound", "amod", "poss", "nmod", "appos", "conj", "pobj"}


def _own_phrase(head) -> set:
    """Token indices of the noun phrase of ``head`` reached through modifiers, appositions,
    conjuncts and placing prepositions only (PLACING_PREPS), not through clauses or other
    prepositions ("a party fractured by Russia's intervention", "calls with senators about X")."""
    out = {head.i}
    stack = [head]
    while stack:
        x = stack.pop()
        for c in x.children:
            if c.dep_ in PHRASE_DEPS or (c.dep_ == "prep" and c.lower_ in PLACING_PREPS):
                out.add(c.i)
                stack.append(c)
    return out


def _own_clause_place(doc, m: "Mention", others: list) -> Optional["Mention"]:
    """Rule agent_own_clause: the country mention that places an agent ``m`` in its own clause
    when that clause holds exactly one such country: inside the agent's own phrase ("police in
    Lima", "fighters across the border in Syria", "refugees from Chad"), or, for a doer (subject
    or passive agent), in a locative phrase of the clause's verb ("gunmen killed three soldiers
    near Kandahar"); a place where it is does not count for agents that travel (armed forces,
    refugees, envoys, negotiators, reporters: "the ambassador in Washington"); never the place of
    an object ("attacked a base in X") nor a country of another clause. None otherwise, or when
    ``m`` is owned by a pronoun ("its troops": the owner's)."""
    tok = _first_conjunct(doc[m.head])
    doer = tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in doc[m.head].children):
        return None
    clause = _own_clause(tok)
    phrase = _own_phrase(doc[m.head])
    # its own words or an apposition ("X, the consul general in Los Angeles")
    mobile = m.actor.sector in ("MIL", "REF") or any(doc[i].lemma_.lower() in MOBILE_AGENTS for i in phrase)

    def locative(x) -> bool:
        t = _first_conjunct(doc[x.head])
        return t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS - {"between"}

    def placed_by_verb(x) -> bool:
        return doer and locative(x) and _first_conjunct(doc[x.head]).head.head.pos_ in ("VERB", "AUX")
    # a travelling agent is not placed by where it is ("the ambassador in Washington")
    placing = [x for x in others if x.head in clause and not (mobile and locative(x))
               and (x.head in phrase or placed_by_verb(x))]
    if len({x.actor.code for x in placing}) != 1:
        return None
    return placing[0]


#: prepositions whose object is the other party of a verb's act ("gave aid to X", "asked X for Y")
COUNTERPART_PREPS = {"to", "with", "for", "toward", "towards"}
#: rule counterpart_country: acts of help and meeting, whose other party is mostly another
#: country's (a state's force used at home, "police arrested protesters", and appeals to its own
#: people, "the White House urged the industry to ...", are left alone)
COUNTERPART_ACTS = {"give", "provide", "send", "supply", "offer", "deliver", "ship", "sell", "lend", "grant",
                    "extend", "pledge", "support", "back", "help", "aid", "assist", "arm", "fund", "finance",
                    "train", "equip", "meet", "host", "receive", "welcome", "thank", "praise", "recognize",
                    "recognise"}


def _arg_of(tok) -> Optional[tuple]:
    """(verb, 'doer' | 'object') of the argument phrase a word is in, else None."""
    t = _first_conjunct(_phrase_head(tok), ("conj", "appos"))
    h = t.head
    if t.dep_ == "nsubj" and h.pos_ in ("VERB", "AUX"):
        return h, "doer"
    if t.dep_ == "pobj" and h.dep_ == "agent":
        return h.head, "doer"
    if t.dep_ in ("dobj", "obj", "dative", "nsubjpass") and h.pos_ in ("VERB", "AUX"):
        return h, "object"
    if t.dep_ == "pobj" and h.dep_ in ("prep", "dative") and h.lower_ in COUNTERPART_PREPS:
        g = h.head
        if g.pos_ in ("VERB", "AUX"):
            return g, "object"
        if g.pos_ == "NOUN" and g.dep_ in ("dobj", "obj") and g.head.pos_ in ("VERB", "AUX"):
            return g.head, "object"     # "gave support to X": the light verb's other party
    return None


def _counterpart(doc, m: "Mention", x: "Mention") -> bool:
    """Rule counterpart_country: ``x`` is the doer and ``m`` the object (or the reverse) of one
    act: the same verb, or an object's verb in the complement of the doer's verb with no subject
    of its own but a pronoun ("ministers maintain they offer no backing to militants")."""
    if x.res_kind not in ("country", "seat", "demonym") or " of city '" in (x.actor.why or ""):
        return False        # a state's or a town's body ("the Florida Legislature") acts at home
    a, b = _arg_of(doc[m.head]), _arg_of(doc[x.head])
    if a is None or b is None or a[1] == b[1]:
        return False
    (va, _), (vb, _) = a, b
    obj_v, doer_v = (va, vb) if a[1] == "object" else (vb, va)
    if obj_v.lemma_.lower() not in COUNTERPART_ACTS:
        return False
    v = obj_v
    for _ in range(3):
        if v.i == doer_v.i:
            return True
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        if v.dep_ not in ("ccomp", "xcomp") or (subj and subj[0].pos_ != "PRON") or v.head.i == v.i:
            return False
        v = v.head
    return v.i == doer_v.i


def _phrase_head(tok):
    """The head of the noun phrase a word modifies ("Russia's foreign ministry", "the ministry of
    Russia": ministry)."""
    for _ in range(4):
        if tok.dep_ in ("poss", "compound", "amod", "nmod") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ == "of" and tok.head.head.i != tok.head.i:
            tok = tok.head.head
        else:
            break
    return tok


def _locative(root) -> bool:
    """Whether a place name is used as a location ("in Kabul") rather than as an actor."""
    tok = _first_conjunct(root)
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
        # "relations between Islamabad and Washington" are relations between governments
        if tok.head.lower_ == "between":
            return False
        return True
    return False


def _person_keys(name: str, aliases, span) -> list[str]:
    keys = set()
    for n in [name, *aliases, span.text]:
        parts = norm(n).split()
        if parts:
            keys.add(parts[-1])
            keys.add(" ".join(parts))
    return [k for k in keys if len(k) > 2]


def _kind_of(res: Resolution, span, ents_at) -> str:
    if res.kind == "seat" and len(span) <= 3:
        return "metonym"
    if res.kind == "demonym":
        return "demonym"
    if res.kind == "place":
        return "place"
    root = span.root
    if root.i in ents_at and ents_at[root.i].start >= span.start and ents_at[root.i].end <= span.end:
        return "ner"
    return "noun_chunk"
