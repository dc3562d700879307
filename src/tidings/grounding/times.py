"""The times stage: TIMEX3 expressions (``record.times``), normalised against the publication date.

Recognition and normalisation are rule-based (:mod:`tidings.grounding.timex`, patterns built
from ``grounding/data/times_lexicon.yaml``). The spaCy parse is used for what rules over
the text cannot see: the tense of the clause a weekday or month sits in ("will meet on
Friday" looks forward, "met on Friday" back) and the sentence bounds for anaphoric values.
Money and counts found by the amounts rules are excluded first, so "$12 billion" or
"2,000 troops" never become dates.

Hands to later stages: ``ctx.times`` (the Time objects),
``ctx.timex_at_token`` (token index → Time) and ``ctx.timex_governor``
(index in ``times`` → token index of the word the time modifies) for the link stage;
:func:`event_date` turns a TIMEX3 value into an event's date and precision.
"""
from __future__ import annotations

import bisect
from typing import Any, Callable, Optional

from ..model import Time, span_of
from .timex.tagger import get_tagger  # noqa: F401  (re-exported)

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "’ll"}
_FUTURE_LEMMAS = {"plan", "expect", "schedule", "intend", "aim", "hope", "due", "set", "prepare", "want",
                  "seek", "agree", "vow", "pledge", "promise", "threaten", "propose", "decide"}


def tense_function(doc) -> Callable[[int], Optional[str]]:
    """A function: character offset → "past" / "future" / None, from the verb governing that token."""
    starts = doc.to_array("IDX").tolist()   # token start offsets (= [t.idx for t in doc])

    def verb_tense(v, depth: int = 0) -> Optional[str]:
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxes}
        if words & _FUTURE_AUX:
            return "future"
        if v.lemma_ in ("be", "go") and any(c.dep_ == "xcomp" for c in v.children) and v.lower_ == "going":
            return "future"
        if words & {"would", "could", "should", "might", "may", "must", "can"}:
            # "said talks would resume on Friday": forward from the reporting time;
            # "could have met on Friday": back
            return "past" if words & {"have", "'ve"} else "future"
        if v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
            return "past"
        if v.tag_ == "VBN" and words & {"has", "have", "had", "'ve", "was", "were"}:
            return "past"
        if v.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
            return "future"
        if v.tag_ == "VB" and "to" in words:
            h = v.head
            if h.i != v.i and h.lemma_ in _FUTURE_LEMMAS:
                return "future"
            if h.i != v.i and h.lemma_ == "be" and h.tag_ in ("VBZ", "VBP"):
                # "the president is to visit Paris on Friday", "the plan is to vote in March":
                # present "be" + infinitive looks forward
                return "future"
            if h.i != v.i:
                return verb_tense(h) if h.pos_ in ("VERB", "AUX") and h.tag_ != "VB" else None
        if v.lower_ in ("due", "scheduled", "expected", "set") and v.tag_ in ("JJ", "VBN") \
                and (v.lower_ != "set" or (v.i + 1 < len(doc) and doc[v.i + 1].lower_ in ("for", "to"))):
            # "set for Tuesday", "set to end on Friday" look forward; "the record set on Aug. 6"
            # is a done deed (below: a participle after a noun reads past)
            return "future"
        if v.tag_ in ("VBZ", "VBP") and not auxes:
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "once", "until", "till") for c in v.children):
                return "future"   # "if he is the nominee in November": a present that means the future
            return "present"
        if v.tag_ == "VBN" and not auxes and v.dep_ == "acl":
            return "past"   # "the terms, announced Friday, ...": a reduced relative names a done event
        if v.tag_ == "VBG" and not auxes and depth < 3 and v.head.i != v.i \
                and v.head.pos_ in ("VERB", "AUX") and v.dep_ in ("advcl", "pcomp", "conj"):
            # a gerund has no tense of its own: "she quit the race in March, endorsing the
            # governor in April" takes the tense of the verb it depends on
            return verb_tense(v.head, depth + 1)
        return None

    def tense(pos: int) -> Optional[str]:
        if not starts:
            return None
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        v = doc[i]
        for _ in range(8):
            if v.pos_ in ("VERB", "AUX") and v.dep_ not in ("amod", "compound"):
                break
            if v.head.i == v.i:
                break
            v = v.head
        if v.pos_ not in ("VERB", "AUX"):
            return None
        return verb_tense(v)

    def governing_verb(pos: int):
        """The verb the expression at ``pos`` hangs on directly ("proposed" for "In October,
        she proposed", over its preposition), else None: "the November jobs report", "states
        that host contests in March" parsed with a noun "host" have no verb of their own."""
        if not starts:
            return None
        t = doc[max(0, bisect.bisect_right(starts, pos) - 1)]
        if t.dep_ in ("amod", "advmod", "nummod") and t.head.i != t.i and t.head.pos_ in ("PROPN", "NOUN"):
            t = t.head   # "late October": the month
        h = t.head
        if t.dep_ == "pobj" and h.i != t.i and h.pos_ == "ADP":
            h = h.head   # "in October" → the verb of the preposition
        elif t.dep_ not in ("npadvmod", "obl", "nmod:tmod"):
            return None
        return h if h.pos_ in ("VERB", "AUX") and h.i != t.i else None

    def finite_tense(pos: int, depth: int = 0) -> Optional[str]:
        """The tense only where a finite verb says it plainly: "past" for a simple past or a
        perfect ("proposed", "had proposed", "has met"), "future" for "will"/"shall", "be going
        to" and "be to"; None otherwise (participles after a noun, modals, infinitives, the
        present), so that a caller may trust it more than :func:`tense`."""
        v = governing_verb(pos)
        if v is None:
            return None
        while v.tag_ == "VBG" and depth < 3 and v.dep_ in ("advcl", "pcomp", "conj") and v.head.i != v.i \
                and v.head.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
            v, depth = v.head, depth + 1   # a gerund takes the tense of the verb it hangs on
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        words = {c.lower_ for c in auxes}
        if words & _FUTURE_AUX:
            return "future"
        if words & {"would", "could", "should", "might", "may", "must", "can", "to"}:
            return None
        if v.lower_ == "going" and any(c.dep_ == "xcomp" for c in v.children):
            return "future"
        if v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
            return "past"
        if v.tag_ == "VBN" and words & {"has", "have", "had", "'ve", "'d"}:
            return "past"
        return None

    tense.finite = finite_tense   # type: ignore[attr-defined]
    return tense


def exclusion_spans(text: str, ctx: Optional[Any] = None) -> list[tuple[int, int]]:
    """Character spans of money amounts and counted quantities no time may overlap (with a
    pipeline context ``ctx``, the amounts found are kept there for the amounts stage)."""
    from .amounts import quantity_spans

    return quantity_spans(text, ctx)


class TimesStage:
    name = "times"
    requires: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset({"date"})
    provides: frozenset[str] = frozenset({"record.times", "times", "timex_at_token", "timex_governor"})

    def __init__(self, config=None, resources=None) -> None:
        if resources is None:
            from ..pipeline.resources import default_resources

            resources = default_resources()
        self.config = config
        settings = getattr(config, "times", None)
        self.tagger = resources.tagger(settings.lexicon_files if settings is not None else ())

    def __call__(self, ctx) -> None:
        text = ctx.text
        doc = ctx.doc
        sents = [(s.start_char, s.end_char) for s in doc.sents] if doc is not None and doc.has_annotation("SENT_START") else None
        tense = tense_function(doc) if doc is not None and doc.has_annotation("DEP") else None
        found = self.tagger.tag(text, ctx.date, tense=tense, sentences=sents, exclude=exclusion_spans(text, ctx))
        times: list[Time] = []
        for t in found:
            sp = span_of(text, t.start, t.end)
            if not sp.text:
                continue
            times.append(Time(**sp.model_dump(), type=t.type, value=t.value, anchor=t.anchor,
                              mod=t.mod, quant=t.quant, freq=t.freq, rule=t.rule or None))
        ctx.record.times = times
        ctx.times = times
        at_token: dict[int, Time] = {}
        if doc is not None:
            for tm in times:
                span = doc.char_span(tm.start, tm.end, alignment_mode="expand")
                if span is not None:
                    for i in range(span.start, span.end):
                        at_token[i] = tm
        ctx.timex_at_token = at_token
        ctx.timex_governor = governors(doc, times) if tense is not None else {}


def governors(doc, times) -> dict[int, int]:
    """For each time (by its position in ``times``), the token index of the verb (or noun) it
    modifies on the parse: "met on Friday" → "met". Lets the link stage prefer the time
    attached to an event's trigger over another one in the same sentence."""
    out: dict[int, int] = {}
    for k, tm in enumerate(times):
        span = doc.char_span(tm.start, tm.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = span.root
        for _ in range(4):
            h = tok.head
            if h is tok:
                break
            tok = h
            if tok.i in range(span.start, span.end):
                continue
            if tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN") and tok.dep_ != "prep":
                break
        if tok.i not in range(span.start, span.end):
            out[k] = tok.i
    return out


def event_date(value: Optional[str]) -> Optional[tuple[str, str]]:
    """An event's ``(date, date_precision)`` from a TIMEX3 value, for the link stage.

    Days and clock times give ``day``, months ``month``; years, quarters, halves and seasons give
    ``year``; a week gives the ``month`` of its Thursday (ISO weeks belong to the month holding
    their Thursday). Durations, sets, decades, vague references (PRESENT_REF ...) and
    unresolved values (XXXX-...) give None: the event keeps the publication date.
    """
    import datetime as _dt
    import re as _re

    if not value or value.startswith(("P", "XXXX")) or value.endswith("_REF"):
        return None
    m = _re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:T|$)", value)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    m = _re.match(r"^(\d{4})-W(\d{2})(?:-WE)?$", value)
    if m:
        try:
            thu = _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4)
        except ValueError:
            return None
        return f"{thu.year:04d}-{thu.month:02d}", "month"
    m = _re.match(r"^(\d{4})-(\d{2})$", value)
    if m and 1 <= int(m.group(2)) <= 12:
        return value, "month"
    m = _re.match(r"^(\d{4})(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI))?$", value)
    if m:
        return m.group(1), "year"
    return None


def shifted_date(tm: Time, text: str) -> Optional[tuple[str, str]]:
    """The ``(date, date_precision)`` a duration counted from the narrative's reference time names:
    "Protests began on March 3. Two days later ..." → ``("…-03-05", "day")``. Only for a duration
    followed by "later"/"earlier" whose anchor (the last date mentioned before it, or the
    publication date) is known; the count must be whole (``P2D``, ``P3W``, ``P6M``, ``P2Q``, ``P1Y``).
    Lets the link stage date an event by the expression its sentence gives, as TimeML anchors it."""
    import datetime as _dt
    import re as _re

    if tm.type != "DURATION" or not tm.anchor or not tm.value:
        return None
    sig = _re.match(r"\s+(later|earlier)\b", text[tm.end:tm.end + 12], _re.I)
    v = _re.fullmatch(r"P(\d+)([DWMQY])", tm.value)
    if sig is None or v is None:
        return None
    k = int(v.group(1)) * (1 if sig.group(1).lower() == "later" else -1)
    unit = v.group(2)
    a = _re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", tm.anchor[:10])
    if a is None:
        return None
    y, mo, d = int(a.group(1)), a.group(2), a.group(3)
    if unit in "DW":
        if d is None:
            return None
        day = _dt.date(y, int(mo), int(d)) + _dt.timedelta(days=k * (7 if unit == "W" else 1))
        return day.isoformat(), "day"
    if unit in "MQ":
        if mo is None:
            return None
        idx = y * 12 + int(mo) - 1 + k * (3 if unit == "Q" else 1)
        return f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month"
    return f"{y + k:04d}", "year"
