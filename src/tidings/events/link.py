"""The ``link`` stage: grounds coded events in time, place and numbers.

For each event, from the layers filled by earlier stages (all optional; empty layers give the
fallbacks):

* ``date``/``date_precision``: the time expression of the event's sentence closest to the trigger
  (one attached to the trigger's clause wins), else the publication date (precision ``day``);
* ``event_loc``: a literal place of the sentence that is not one of the event's actors, else the
  dateline place when the story is local (an actor of the event belongs to the dateline's country,
  or the event is a material one with no place in the sentence), else null;
* ``dead``/``injured``/``arrested``/``size``: amounts of those kinds in the sentence, given to the
  nearest event whose type can carry them;
* ``actor_loc``/``recipient_loc`` (GDELT's Actor1Geo/Actor2Geo): the place tied to the first actor's
  (recipient's) mention through the parse: a place inside the mention ("Tbilisi police", "the
  mayor of Kyiv", "Georgian police"), or in a locative or "of" phrase hanging from the mention's
  head ("protesters in Kyiv"); a modifier of the head that the places stage did not report is
  looked up in the gazetteer (rule ``actor-place:modifier``). None when the text ties no place to
  the mention (the GDELT export then falls back to the actor's country).

When an event's date falls in another year than the publication date, its actors are re-resolved
at that date (the actors stage's ``actor_resolver``), so "the prime minister ... in 2021" gets the
office holder of 2021.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from ..grounding.times import shifted_date
from ..model import Place
from .coder import is_place_doer

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")

AMOUNT_FIELDS = {"dead": "dead", "killed": "dead", "injured": "injured", "wounded": "injured",
                 "arrested": "arrested", "detained": "arrested", "people": "size", "troops": "size",
                 "protesters": "size"}
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "on", "into", "from",
            "within", "off", "along", "towards", "toward", "to", "over", "through"}
CARRIERS = {
    "dead": {"ASSAULT", "COERCE", "PROTEST"},
    "injured": {"ASSAULT", "COERCE", "PROTEST"},
    "arrested": {"COERCE", "ASSAULT", "PROTEST"},
    "size": {"PROTEST", "MOBILIZE", "ASSAULT", "AID", "COERCE", "RETREAT"},
}


def timex_date(value: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """A TIMEX3 value as (date, precision): '2024-06-14' day, '2024-06' month, '2021' year."""
    if not value:
        return None, None
    m = _DAY.match(value)
    if m:
        try:
            dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None, None
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    if _MONTH.match(value):
        return value, "month"
    if _YEAR.match(value):
        return value, "year"
    return None, None


class LinkStage:
    name = "link"
    requires: frozenset[str] = frozenset({"record.events"})
    uses: frozenset[str] = frozenset({"date", "actor_resolver", "record.times", "record.places", "record.amounts",
                                      "record.dateline"})
    provides: frozenset[str] = frozenset()

    def __init__(self, config=None, resources=None) -> None:
        self.config = config
        self.resources = resources      # the gazetteer of actor places (default_resources() when None)

    def __call__(self, ctx) -> None:
        rec = ctx.record
        if not rec.events:
            return
        pub = ctx.date.isoformat() if ctx.date else None
        dl_place = self._dateline_place(ctx)
        used_amounts: set[int] = set()
        for ev in rec.events:
            s0, s1 = ev.sentence.start, ev.sentence.end
            tpos = ev.trigger.start
            # -- date
            best = None
            for t in rec.times:
                if not (s0 <= t.start and t.end <= s1) or t.type not in ("DATE", "TIME", "DURATION"):
                    continue
                # "two days later": the date counted from the narrative's reference time
                d, prec = timex_date(t.value) if t.type != "DURATION" else (shifted_date(t, rec.text) or (None, None))
                if d is None:
                    continue
                dist = abs(t.start - tpos) if t.start >= tpos else abs(tpos - t.end)
                att = self._attached(ctx, t.start, ev)
                if att is True:
                    dist = dist / 4
                elif att is None:
                    continue      # it dates another clause's verb
                if best is None or dist < best[0]:
                    best = (dist, d, prec)
            if best is not None:
                ev.date, ev.date_precision = best[1], best[2]
            elif pub:
                ev.date, ev.date_precision = pub, "day"
            # -- place
            # (a place taken as the doer, rule agentless-place-actor, is still where it happened)
            taken = {(a.start, a.end) for a in ev.actor + ev.recipient if not is_place_doer(a)}
            cand = None
            for p in rec.places:
                if not (s0 <= p.start and p.end <= s1) or (p.kind or "literal") not in ("literal",):
                    continue
                if any(p.start < e and s < p.end for s, e in taken):
                    continue
                where = self._locative(ctx, p.start, ev)
                if where is None:
                    continue          # not a location phrase of this event ("a law modelled on Russia's")
                dist = abs(p.start - tpos) / (4 if where else 1)
                if cand is None or dist < cand[0]:
                    cand = (dist, p)
            if cand is not None:
                ev.event_loc = cand[1]
            elif dl_place is not None and self._local(ev, dl_place):
                ev.event_loc = dl_place
            # -- re-resolve actors at the event's own date
            if ev.date and pub and ev.date[:4] != pub[:4]:
                self._reresolve(ctx, ev)
            # -- where the actors are (GDELT Actor1Geo / Actor2Geo)
            ev.actor_loc = self._actor_place(ctx, ev.actor[0]) if ev.actor else None
            ev.recipient_loc = self._actor_place(ctx, ev.recipient[0]) if ev.recipient else None
        # -- amounts: each to the nearest event of its sentence that can carry it
        for k, a in enumerate(rec.amounts):
            field = AMOUNT_FIELDS.get((a.kind or "").lower())
            if field is None or k in used_amounts:
                continue
            best_ev = None
            for ev in rec.events:
                if not (ev.sentence.start <= a.start and a.end <= ev.sentence.end):
                    continue
                if ev.event not in CARRIERS[field] or getattr(ev, field) is not None:
                    continue
                dist = abs(a.start - ev.trigger.start)
                if best_ev is None or dist < best_ev[0]:
                    best_ev = (dist, ev)
            if best_ev is not None:
                try:
                    setattr(best_ev[1], field, int(a.value))
                    used_amounts.add(k)
                except (TypeError, ValueError, OverflowError):
                    pass

    @staticmethod
    def _dateline_place(ctx) -> Optional[Place]:
        rec = ctx.record
        dl = rec.dateline
        if dl is None:
            return None
        for p in rec.places:
            if p.start == dl.start and p.end == dl.end:
                return p
        return dl

    @staticmethod
    def _local(ev, place: Place) -> bool:
        if ev.mode == "phone":
            return False
        codes = {(a.code or "")[:3] for a in ev.actor + ev.recipient if a.code}
        if place.country_code and place.country_code[:3] in codes:
            return True
        return ev.quad_class in (2, 4)

    @staticmethod
    def _attached(ctx, char: int, ev) -> Optional[bool]:
        """Whether the time expression at ``char`` hangs (syntactically) from the event's trigger
        (True), from no verb (False), or from another verb that is not conjoined with it (None)."""
        doc = ctx.doc
        a = doc.char_span(char, char + 1, alignment_mode="expand")
        b = doc.char_span(ev.trigger.start, ev.trigger.start + 1, alignment_mode="expand")
        if a is None or b is None or not len(a) or not len(b):
            return False
        tok, trig = a[0], b[0]
        trig_verbs = {trig.i}
        v = trig
        while v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
            trig_verbs.add(v.i)
        trig_verbs.update(c.i for c in trig.conjuncts)
        x = tok
        for _ in range(8):
            if x.head.i == x.i:
                return False
            x = x.head
            if x.i in trig_verbs:
                return True
            if x.pos_ in ("VERB", "AUX"):
                return None
        return False

    @classmethod
    def _locative(cls, ctx, char: int, ev) -> Optional[bool]:
        """Whether a place is a location of the event: in a locative phrase ("in", "near", "at" ...)
        attached to the trigger's clause (True), in a locative phrase elsewhere in the sentence
        (False), or not in a locative phrase at all (None)."""
        span = ctx.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return None
        x = span[0]
        prep = None
        for _ in range(6):
            if x.dep_ == "pobj" and x.head.dep_ == "prep":
                prep = x.head
                break
            if x.head.i == x.i:
                break
            x = x.head
        if prep is None or prep.lower_ not in LOCATIVE:
            return None
        return cls._attached(ctx, prep.idx, ev) is True

    # -- actor places ------------------------------------------------------------------------------
    #: prepositions that tie a place to a noun ("protesters in Kyiv", "the mayor of Kyiv")
    ACTOR_PREP = LOCATIVE | {"of"}
    #: dependency labels of a head's modifiers that can name the actor's place ("Tbilisi police")
    ACTOR_MODS = {"compound", "amod", "nmod", "poss", "npadvmod"}

    def _actor_place(self, ctx, a) -> Optional[Place]:
        """The place the text ties to an actor mention (see the module doc), or None."""
        rec = ctx.record
        inside = [p for p in rec.places if (p.kind or "literal") != "dateline"
                  and a.start <= p.start and p.end <= a.end and p.lat is not None]
        if inside:
            # the last one is the nearest to the head in English noun phrases ("Kyiv city police")
            return inside[-1]
        span = ctx.doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
        # a place in a prepositional phrase hanging from the mention's head
        for p in rec.places:
            if (p.kind or "literal") == "dateline" or p.lat is None or a.start <= p.start < a.end:
                continue
            ps = ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
            if ps is None or not len(ps):
                continue
            x = ps.root
            if x.dep_ == "pobj" and x.head.dep_ == "prep" and x.head.lower_ in self.ACTOR_PREP \
                    and x.head.head.i == head.i:
                return p
        # a modifier of the head the places stage left out (inside an actor's name)
        for tok in span:
            # the small model tags some town names ADJ ("Tbilisi police"): a capital letter will do
            if tok.i == head.i or tok.dep_ not in self.ACTOR_MODS or not tok.text[:1].isupper():
                continue
            place = self._gazetteer_place(ctx, tok, span.start, a)
            if place is not None:
                return place
        return None

    def _gazetteer(self, ctx):
        """The gazetteer the places stage uses (same files)."""
        resources = self.resources
        if resources is None:
            from ..pipeline.resources import default_resources

            resources = default_resources()
        files = getattr(getattr(ctx.config, "places", None), "files", ()) or ()
        return resources.gazetteer(tuple(files))

    def _gazetteer_place(self, ctx, tok, first: int, a) -> Optional[Place]:
        """A gazetteer place for a proper-noun modifier (with its own compound modifiers: "New
        York"), preferring one in the actor's country; towns below ``PlaceSettings.city_min_pop`` people (the
        places stage's own bar, 15,000 by default) are ignored."""
        from ..model import span_of

        left = max(tok.left_edge.i, first)
        words = ctx.doc[left:tok.i + 1]
        gaz = self._gazetteer(ctx)
        country = (a.code or "")[:3]
        min_pop = ctx.config.places.city_min_pop
        best = None
        for e in gaz.lookup(words.text):
            if e.lat is None or (e.feature == "city" and e.population < min_pop):
                continue
            if e.feature not in ("city", "admin1", "country"):
                continue
            score = (e.country == country, e.feature == "country", e.population)
            if best is None or score > best[0]:
                best = (score, e)
        if best is None:
            return None
        e = best[1]
        sp = span_of(ctx.text, words.start_char, words.end_char)
        return Place(**sp.model_dump(), name=e.name, geonameid=e.geonameid, country_code=e.country, lat=e.lat,
                     lon=e.lon, feature=e.feature, kind="literal")

    @staticmethod
    def _reresolve(ctx, ev) -> None:
        resolver = ctx.actor_resolver
        if resolver is None:
            return
        try:
            when = dt.date.fromisoformat(ev.date) if len(ev.date) == 10 else dt.date(int(ev.date[:4]), 7, 1)
        except ValueError:
            return
        for group in (ev.actor, ev.recipient):
            for n, a in enumerate(group):
                span = ctx.doc.char_span(a.start, a.end, alignment_mode="expand")
                if span is None:
                    continue
                try:
                    new = resolver.resolve_span(span, when)
                except Exception:
                    continue
                if new is not None and new.code:
                    data = new.model_dump()
                    data.update(text=a.text, start=a.start, end=a.end)
                    group[n] = type(a)(**data)
