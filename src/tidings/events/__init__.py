"""Events: who did what to whom, coded in CAMEO and PLOVER.

The ``events`` stage runs the :class:`~tidings.events.coder.Coder` over every sentence and fills
``record.events``; the ``link`` stage (:mod:`tidings.events.link`) then dates and places them.
"""
from __future__ import annotations

from .codebook import Codebook, load_codebook
from .coder import Coder, Trace
from .lexicon import Lexicon, load_lexicon

__all__ = ["EventStage", "Coder", "Codebook", "Lexicon", "Trace", "load_codebook", "load_lexicon", "get_coder"]

def get_coder(config=None, resources=None) -> Coder:
    """A coder for a config (lexicon compiled once per set of user files, kept by the process's
    :class:`~tidings.pipeline.resources.Resources`)."""
    if resources is None:
        from ..pipeline.resources import default_resources

        resources = default_resources()
    return resources.coder(tuple(getattr(config, "lexicon_files", None) or ()),
                           bool(getattr(config, "statements", False)))


class EventStage:
    """The ``events`` stage: fills ``record.events`` (ids e1, e2, ... in text order)."""

    name = "events"
    requires: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset({"mentions", "mention_at_token", "explain"})
    provides: frozenset[str] = frozenset({"record.events", "event_traces"})

    def __init__(self, config=None, resources=None) -> None:
        self.config = config
        self.coder = get_coder(config, resources)

    def __call__(self, ctx) -> None:
        events = []
        traces = [] if ctx.explain else None
        for s_index, sent in enumerate(ctx.doc.sents):
            trace = Trace(s_index, sent.text) if traces is not None else None
            frames = self.coder.code_sentence(sent, ctx, s_index, trace)
            events.extend(self.coder.to_events(frames, sent, ctx, s_index, trace))
            if trace is not None:
                traces.append(trace)
        events.sort(key=lambda e: (e.trigger.start, e.cameo))
        _resolve_referring_rejections(events, ctx.record.text)
        _resolve_relationship_partners(events, ctx)
        for n, ev in enumerate(events, 1):
            ev.id = f"e{n}"
        ctx.record.events = events
        if traces is not None:
            ctx.event_traces = traces


_REFERRING = ("accusation", "allegation", "charge", "claim", "criticism", "accusations", "allegations", "charges",
              "claims", "criticisms")


def _resolve_referring_rejections(events, text: str) -> None:
    """'X dismissed the accusation': the rejected accusation is the last one reported before it,
    so its accuser is the recipient of the rejection."""
    last_accuse = None
    for ev in events:
        if ev.event == "ACCUSE" and ev.actor and not ev.negated:
            last_accuse = ev
        elif ev.event == "REJECT" and not ev.recipient and last_accuse is not None:
            trig = ev.trigger.text.lower()
            if any(f"the {w}" in trig or f"this {w}" in trig or f"these {w}" in trig or f"that {w}" in trig
                   for w in _REFERRING):
                ev.recipient = [a.model_copy() for a in last_accuse.actor
                                if (a.code or a.text) not in {(b.code or b.text) for b in ev.actor}]
                ev.rule = (ev.rule or "") + " +recipient:previous-accusation"


_RELATION_WORDS = ("tie", "ties", "relation", "relations", "relationship", "partnership", "fence", "fences")


def _resolve_relationship_partners(events, ctx) -> None:
    """'X vowed to mend ties': with no partner named, the partner is the closest other country
    mentioned just before (in the previous two sentences)."""
    mentions = [m for m in ctx.mentions if getattr(m.actor, "code", None)]
    if not mentions:
        return
    doc = ctx.doc
    for ev in events:
        if ev.recipient or not ev.actor:
            continue
        words = ev.trigger.text.lower().split()
        pattern = (ev.rule or "").rsplit(":", 1)[-1].split()
        if not any(w in _RELATION_WORDS for w in words + pattern):
            continue
        src = {(a.code or "")[:3] for a in ev.actor}
        first_sent = max(0, ev.sentence.index - 2)
        sents = list(doc.sents)
        lo = sents[first_sent].start_char if first_sent < len(sents) else 0
        best = None
        for m in mentions:
            a = m.actor
            if a.start >= ev.trigger.start or a.start < lo or (a.code or "")[:3] in src:
                continue
            if (a.code or "") in ("IGO", "NGO", "MNC"):
                continue
            if best is None or a.start > best.start:
                best = a
        if best is not None:
            ev.recipient = [best.model_copy()]
            ev.rule = (ev.rule or "") + " +recipient:previous-mention"
