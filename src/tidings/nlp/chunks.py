"""``doc.noun_chunks`` without a Python object per token.

spaCy's English noun-chunk iterator (``spacy.lang.en.syntax_iterators.noun_chunks``) walks
every token of the doc as a ``Token`` object; on a news article that is most of the actors
stage's time. :func:`noun_chunks` runs the same algorithm on ``Doc.to_array`` columns (POS,
DEP, HEAD) and builds ``Token`` objects only for the nouns and pronouns that may head a chunk
(their ``left_edge`` is spaCy's own), so it returns the very spans ``list(doc.noun_chunks)``
does. A doc whose language has another noun-chunk iterator gets ``list(doc.noun_chunks)``.
"""
from __future__ import annotations

_LABELS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def _english_iterator():
    try:
        from spacy.lang.en.syntax_iterators import noun_chunks
    except Exception:  # pragma: no cover - spaCy without English
        return None
    return noun_chunks


_EN = _english_iterator()


def noun_chunks(doc) -> list:
    """``list(doc.noun_chunks)`` (same spans, same label, same errors)."""
    if _EN is None or getattr(doc, "noun_chunks_iterator", None) is not _EN:
        return list(doc.noun_chunks)
    if not doc.has_annotation("DEP"):
        return list(doc.noun_chunks)   # spaCy's own error (E029)
    import numpy as np
    from spacy.attrs import DEP, HEAD, POS
    from spacy.symbols import NOUN, PRON, PROPN
    from spacy.tokens import Span

    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in _LABELS}
    conj = strings.add("conj")
    np_label = strings.add("NP")
    arr = doc.to_array([POS, DEP, HEAD]).astype(np.int64)   # HEAD: relative offset (uint64 wrapped)
    pos, dep = arr[:, 0], arr[:, 1]
    head = arr[:, 2] + np.arange(len(doc))
    cand = np.nonzero((pos == NOUN) | (pos == PROPN) | (pos == PRON))[0].tolist()
    dep_l = dep.tolist()
    head_l = head.tolist()
    out = []
    prev_end = -1
    for i in cand:
        d = dep_l[i]
        if d not in np_deps and d != conj:
            continue   # yields nothing and moves nothing (spaCy tests the left edge first, to no effect)
        left = doc[i].left_edge.i
        if left <= prev_end:
            continue
        if d in np_deps:
            prev_end = i
            out.append(Span(doc, left, i + 1, label=np_label))
        else:
            h = head_l[i]
            while dep_l[h] == conj and head_l[h] < h:
                h = head_l[h]
            if dep_l[h] in np_deps:
                prev_end = i
                out.append(Span(doc, left, i + 1, label=np_label))
    return out
