"""``explain``: what the event coder saw and decided for a piece of text.

>>> from tidings.events.explain import explain
>>> report = explain("Iran's foreign minister met his Iraqi counterpart in Baghdad on Monday.", date="2024-05-06")
>>> [e["event"] for e in report["events"]]
['CONSULT']

The report (a plain dict, JSON-ready) has, per sentence: the dependency parse, the actor
mentions found, every word that has trigger patterns with each pattern that matched or nearly
matched (and why not), the decisions taken (skipped background clauses, statements left out), the
quotes whose cue (or, with none, whose content) starts in it, each with the id of the quote rule
that made it (``tidings.quotes.rules.RULES``), and the resulting events.
"""
from __future__ import annotations

from typing import Optional

from ..pipeline import Config, get_pipeline


def run_explained(text: str, date: Optional[str] = None, config: Optional[Config] = None):
    """Run the pipeline on ``text`` keeping the coder's traces: (record, spaCy doc, context)."""
    rec, ctx = get_pipeline(config).analyse({"id": "explain", "text": text, "date": date}, explain=True)
    return rec, ctx.doc, ctx


def _quote_view(q) -> dict:
    """A quote as explain shows it: the rule that made it, cue, speaker, content."""
    return {"rule": q.rule, "cue": q.cue.text if q.cue else None, "speaker": q.speaker.text if q.speaker else None,
            "speaker_actor": (q.speaker_actor.cameo or q.speaker_actor.code) if q.speaker_actor else None,
            "content": q.content.text, "direct": q.direct,
            "start": (q.cue or q.content).start}


def explain(text: str, date: Optional[str] = None, config: Optional[Config] = None, near: int = 4) -> dict:
    """The coder's reasoning over ``text`` as a dict (see the module docstring).
    ``near``: how many failed patterns to show per word (the closest ones: most constraints met)."""
    rec, doc, ctx = run_explained(text, date, config)
    traces = {t.sentence: t for t in ctx.event_traces or []}
    sentences = []
    quotes = [_quote_view(q) for q in rec.quotes]
    for k, sent in enumerate(doc.sents):
        tr = traces.get(k)
        words = []
        for cand in (tr.candidates if tr else []):
            fired = [t for t in cand["tried"] if t["matched"]]
            missed = [t for t in cand["tried"] if not t["matched"]]
            missed.sort(key=lambda t: (t["why"].startswith("no object"), len(t["pattern"])))
            words.append({"token": cand["token"], "lemma": cand["lemma"], "pos": cand["pos"], "dep": cand["dep"],
                          "chosen": cand["chosen"], "fired": fired, "nearly": missed[:near]})
        mentions = [{"text": m.actor.text, "code": m.actor.code, "sector": m.actor.sector, "cameo": m.actor.cameo,
                     "kind": getattr(m, "kind", None), "why": m.actor.why}
                    for m in ctx.mentions if sent.start <= m.start < sent.end]
        sentences.append({
            "index": k, "text": sent.text,
            "parse": [{"i": t.i - sent.start, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "dep": t.dep_,
                       "head": t.head.i - sent.start} for t in sent],
            "actors": mentions, "quotes": [q for q in quotes if sent.start_char <= q["start"] < sent.end_char],
            "words": words, "decisions": list(tr.events) if tr else [],
            "model": list(tr.model) if tr else [],
            "events": [e.model_dump(exclude_none=True) for e in rec.events if e.sentence.index == k],
        })
    return {"text": rec.text, "date": rec.date, "sentences": sentences, "quotes": quotes,
            "events": [e.model_dump(exclude_none=True) for e in rec.events],
            "errors": [e.model_dump() for e in rec.errors]}
