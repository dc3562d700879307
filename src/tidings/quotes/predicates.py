"""Small predicates on the parse that the quote rules share (each answers one question about a
token or a span)."""
from __future__ import annotations

def _opens_on_that(clause) -> bool:
    """A clause that opens on its "that"."""
    return clause.doc[clause.left_edge.i].lower_ == "that" and clause.doc[clause.left_edge.i].dep_ == "mark"


def _to_infinitive(verb) -> bool:
    """Whether a verb has its "to" ("to call", "to transform")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _clausal(tok) -> bool:
    """A clause whose head the tagger took for a noun or adjective ("said the spate of shootings
    demands that ...", "questioned whether he was prepared"): it has a subject, a marker or an
    auxiliary of its own."""
    return tok.pos_ in {"NOUN", "ADJ", "PROPN"} and any(
        c.dep_ in {"nsubj", "nsubjpass", "csubj", "mark", "aux", "auxpass"} and c.i < tok.i for c in tok.children)


def _ends_quoted(text: str, span: tuple[int, int]) -> bool:
    """Whether a reported content closes on a quotation ('The plan is "a start,"'): its words run
    on in the next quotation after the attribution ('... she said. "B."')."""
    return text[span[0]:span[1]].rstrip()[-1:] in {"”", "\"", "»"} or text[span[1] - 2:span[1]] == "''"


def _has_object(doc, span: tuple[int, int]) -> bool:
    """Whether the verb of a cue span takes a direct object ('added the words')."""
    sp = doc.char_span(*span, alignment_mode="expand") if doc is not None else None
    return sp is not None and any(c.dep_ == "dobj" for c in sp.root.children)


def _as_put_it(tok) -> bool:
    """'as X put it': an attribution of the quotation beside it."""
    return tok.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _is_participle(doc, span: tuple[int, int]) -> bool:
    """Whether the cue at ``span`` ends in a participle ("adding", "going on")."""
    if doc is None:
        return False
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return sp is not None and any(t.tag_ == "VBG" for t in sp)

def _degree_complement(adj) -> bool:
    """An infinitive that measures a degree rather than a disposition: after "too" ("too close to
    call", "too proud to admit": what it says does not happen) or on "enough" itself ("wasn't
    enough to claim the nomination": its subject is a cause, not someone acting)."""
    return adj.lower_ == "enough" or any(c.dep_ == "advmod" and c.lower_ == "too" for c in adj.children)

