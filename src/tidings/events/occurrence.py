"""Rule ``occur_subject``: an event noun that is the subject of a verb of occurrence is the event
the clause reports ("Clashes erupted in the north", "Protests spread to five towns", "A general
strike paralysed the capital", "Talks resumed in Geneva").

News reports events with the event noun as the grammatical subject and nobody as the doer. The
coder codes an event noun only as the object of a light verb or with its own actor, so such
clauses went uncoded, or were coded from the verb ("a strike shut down the city" as a closure,
172). This rule adds, per clause whose subject is an event noun of the lexicon (roots 04, 14,
17-20: meetings, protests, coercion, attacks, fighting) and whose verb is in the control class
``occur`` (``data/control.yaml``), a frame of the noun's code, triggered on the verb (so that
negation, modality and background clauses read from the verb), with the noun as the source
token (its own actors: "the teachers' strike") and the actors of the noun's "between / against /
with" phrases as recipients. A frame the verb had on its own is replaced (the noun names the event;
"shut down" with a strike as subject is its effect). ``take place`` and ``break out`` count only
with their particle / object. Figures in docs/events.md ("News phrasing", class N4)."""
from __future__ import annotations

from typing import Optional

from .coder import Coder, Frame, Trace, lemma_keys

ROOTS = ("04", "14", "17", "18", "19", "20")
NEEDS = {"take": ("dobj", "place"), "break": ("prt", "out"), "go": ("prt", "ahead")}
NOUN_PREPS = ("between", "against", "with", "on")


def _occurrence_verb(coder: Coder, v) -> bool:
    keys = lemma_keys(v)
    if not any(k in coder.lex.control.get("occur", ()) for k in keys):
        return False
    need = next((NEEDS[k] for k in keys if k in NEEDS), None)
    if need is None:
        return True
    dep, word = need
    return any(c.dep_ == dep and c.lower_ == word for c in v.children)


def occurrence_frames(coder: Coder, sent, frames: list[Frame], trace: Optional[Trace] = None) -> list[Frame]:
    """``frames`` (one sentence) plus the ``occur_subject`` frames; verb frames they replace dropped."""
    if not coder.lex.control.get("occur"):
        return frames
    used = {t.i for f in frames for t in f.span_tokens} | {f.trigger.i for f in frames}
    add: list[Frame] = []
    replace: set[int] = set()
    for tok in sent:
        if tok.dep_ != "nsubj" or tok.pos_ != "NOUN" or tok.i in used:
            continue
        v = tok.head
        if v.pos_ != "VERB" or not _occurrence_verb(coder, v):
            continue
        m, _ = coder.match_noun(tok)
        if m is None or m.pattern.code[:2] not in ROOTS:
            continue
        recips = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in NOUN_PREPS
                  for g in c.children if g.dep_ == "pobj"]
        add.append(Frame(v, m.pattern.code, f"occur_subject:{v.lemma_.lower()}+{m.pattern.id}", m.pattern,
                         [tok, v], confidence=0.7, source_tok=tok, recipient_toks=recips, kind="verb"))
        replace.add(v.i)
        if trace is not None:
            trace.events.append(f"occur_subject: '{tok.text}' is the subject of '{v.text}' → {m.pattern.code}")
    if not add:
        return frames
    kept = [f for f in frames if f.trigger.i not in replace]
    return sorted(kept + add, key=lambda f: f.trigger.i)
