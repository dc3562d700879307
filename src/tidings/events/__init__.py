"""Events: who did what to whom, coded in CAMEO and PLOVER.

The ``events`` stage runs the :class:`~tidings.events.coder.Coder` over every sentence and fills
``record.events``; the ``link`` stage (:mod:`tidings.events.link`) then dates and places them.
"""
from __future__ import annotations

from .codebook import Codebook, load_codebook
from .coder import Coder, Trace, is_place_doer
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
        from .classifier import get_classifier
        from .combine import events_setting

        self.config = config
        self.coder = get_coder(config, resources)
        self.setting = events_setting(config)
        self.classifier = get_classifier() if self.setting != "lexicon" else None

    def __call__(self, ctx) -> None:
        events = []
        traces = [] if ctx.explain else None
        sents = list(ctx.doc.sents)
        trace_of = [Trace(k, s.text) if traces is not None else None for k, s in enumerate(sents)]
        if self.setting == "lexicon" or self.classifier is None:
            frames = [self.coder.code_sentence(s, ctx, k, trace_of[k]) for k, s in enumerate(sents)]
        else:
            frames = self._with_classifier(sents, ctx, trace_of)
        from .occurrence import disaster_context, occurrence_frames
        for s_index, sent in enumerate(sents):
            sframes = occurrence_frames(self.coder, sent, frames[s_index], ctx, trace_of[s_index])
            coded = self.coder.to_events(sframes, sent, ctx, s_index, trace_of[s_index])
            coded = disaster_context(self.coder, sents, s_index, coded, trace_of[s_index])
            events.extend(_model_events_need_an_actor(coded, self.classifier, trace_of[s_index],
                                                      dyad=self.setting == "both", doc=ctx.doc))
            if traces is not None:
                traces.append(trace_of[s_index])
        events.sort(key=lambda e: (e.trigger.start, e.cameo))
        _resolve_referring_rejections(events, ctx.record.text)
        _resolve_relationship_partners(events, ctx)
        for n, ev in enumerate(events, 1):
            ev.id = f"e{n}"
        ctx.record.events = events
        if traces is not None:
            ctx.event_traces = traces

    def _with_classifier(self, sents, ctx, trace_of) -> list:
        """Lexicon frames (unless ``--events model``), then the classifier over every candidate
        clause of the document in one batch, merged sentence by sentence (tidings.events.combine)."""
        from .combine import may_add, merge, sentence_clauses

        clf = self.classifier
        lex = [self.coder.code_sentence(s, ctx, k, trace_of[k]) if self.setting == "both" else []
               for k, s in enumerate(sents)]
        # beside the lexicon, additions need a dyad of two codes (model_needs_dyad): sentences that
        # cannot give one have only their unsure lexicon frames read
        can_add = may_add(sents, ctx) if self.setting == "both" else [True] * len(sents)
        clauses = [sentence_clauses(s, clf, ctx, lex[k], additions=can_add[k] or trace_of[k] is not None)
                   for k, s in enumerate(sents)]
        flat = [(c.text, c.head_start, c.head_end) for cl in clauses for c in cl]
        preds = clf.predict(flat)
        out, k0 = [], 0
        for k, cl in enumerate(clauses):
            out.append(merge(lex[k], cl, preds[k0:k0 + len(cl)], clf, self.coder.cb, self.setting, trace_of[k]))
            k0 += len(cl)
        return out


def _model_events_need_an_actor(events, classifier, trace=None, dyad: bool = False, doc=None) -> list:
    """An event the classifier added (no trigger word of the lexicon behind it) is kept only when
    the parse gives it an actor: a clause that reads like an act but names nobody who acts is not
    coded.

    Rule ``model_needs_dyad`` (``dyad``, the ``both`` setting): beside the lexicon, a classifier
    addition is kept only when its actor is coded and some recipient is coded with another code.
    Read on 150 random articles of the unlabelled 2016 news corpus, the classifier added 230 events
    beside the lexicon's and nearly all were wrong at every score ("spent the week", "sought to",
    "talked politics"); 21 had such a dyad. The one-sided events of real news (protests, attacks
    with no named target) are the lexicon's (docs/events.md).

    Rule ``model-add-argument`` (config ``add_gates: ["argument"]``, the ``both`` setting): that dyad
    must also come from the trigger's own arguments, the actor its subject and the recipient an
    object or a non-locative prepositional argument (:func:`tidings.events.combine.argument_dyad`)."""
    if classifier is None:
        return events
    cfg = getattr(classifier, "config", None) or {}
    gates = set(cfg.get("add_gates") or ()) if dyad else set()
    if gates and doc is not None:
        from .combine import LOCATIVE_PREPS, argument_dyad, named_actor
        locative = cfg.get("add_locative_preps", LOCATIVE_PREPS)
    out = []
    for ev in events:
        if (ev.rule or "").startswith("model:"):
            # a place taken as the doer (rule agentless-place-actor) names nobody who acts
            named = [a for a in ev.actor if not is_place_doer(a)]
            if not named:
                if trace is not None:
                    trace.events.append(f"model event {ev.event} at '{ev.trigger.text}' left out: no actor")
                continue
            own = {a.code for a in named if a.code}
            if dyad and not (own and any(r.code and r.code not in own for r in ev.recipient)):
                if trace is not None:
                    trace.events.append(f"model event {ev.event} at '{ev.trigger.text}' left out: no coded "
                                        f"actor and other recipient (model_needs_dyad)")
                continue
            if "argument" in gates and doc is not None:
                if not argument_dyad(ev, doc, locative):
                    if trace is not None:
                        trace.events.append(f"model event {ev.event} at '{ev.trigger.text}' left out: actor not "
                                            f"the subject or recipient not an argument (model-add-argument)")
                    continue
            if "named-actor" in gates and doc is not None:
                if not named_actor(ev, doc):
                    if trace is not None:
                        trace.events.append(f"model event {ev.event} at '{ev.trigger.text}' left out: its actor is "
                                            f"a pronoun (model-add-named-actor)")
                    continue
        out.append(ev)
    return out


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
