"""Helpers shared by the event test files: code a sentence, read actors' codes and texts, pick an
event of one PLOVER type."""
from __future__ import annotations


def events(pipe, text, date="2024-03-08", modalities=("asserted",), all_=False):
    """The events of one sentence (no record errors allowed); by default only asserted, not negated
    ones (``modalities``), every event with ``all_``."""
    rec = pipe({"id": "t", "text": text, "date": date})
    assert not rec.errors, rec.errors
    if all_:
        return rec.events
    return [e for e in rec.events if not e.negated and e.modality in modalities]


def codes(actors):
    return {(a.code or "")[:3] for a in actors if a.code}


def texts(actors):
    return " | ".join(a.text for a in actors)


def one(evs, plover):
    got = [e for e in evs if e.event == plover]
    assert got, f"no {plover} in {[(e.event, e.cameo, e.trigger.text) for e in evs]}"
    return got[0]
