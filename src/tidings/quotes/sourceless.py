"""Attributions with no source named: "reportedly", "it appears that ..."."""
from __future__ import annotations

import numpy as np
from typing import Optional

from spacy.attrs import LEMMA, LOWER

from .candidate import _Q
from .lexicon import SUBJ_DEPS, WORDS


class SourcelessMixin:
    """Attributions with no source named: "reportedly", "it appears that ..."."""

    def _sourceless_quotes(self, doc, text) -> list[_Q]:
        """Views the writer reports with no one named: "it appeared that X ...", "it looks like
        X ..." (the clause, from no source)."""
        out: list[_Q] = []
        sv = doc.vocab.strings
        lem = doc.to_array([LEMMA])
        starts: list = []

        def sent_of(i: int) -> int:
            # the sentence starts, read once per document and only when a quote is found
            if not starts:
                starts.extend(x.start for x in doc.sents)
            return int(np.searchsorted(starts, i, side="right")) - 1
        for i in np.flatnonzero(np.isin(lem, [sv.add(w) for w in self._LOOK_VERBS])).tolist():
            tok = doc[i]
            if not any(c.dep_ == "nsubj" and c.lower_ == "it" and c.i < tok.i for c in tok.children):
                subj = next((c for c in tok.children if c.dep_ in {"nsubj", "csubj"} and c.i < tok.i), None)
                adj = next((c for c in tok.children if c.dep_ in {"acomp", "oprd"} and c.i > tok.i and c.pos_ == "ADJ"), None)
                if subj is None or adj is None or subj.tag_ in {"WDT", "WP"} or tok.lemma_ == "appear" \
                        or any(c.dep_ == "prep" and c.lower_ == "to" for c in list(tok.children) + list(adj.children)):
                    continue
                s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, subj.left_edge.idx, self._subtree_span(adj)[1]))
                if e - s >= 8:
                    out.append(_Q.by("quote.sourceless.looks", (s, e), self._cue_span(tok), None, None, False,
                                  sent_of(tok.i), kind="belief"))
                continue
            for c in tok.children:
                if c.i <= tok.i or c.dep_ not in {"ccomp", "advcl"} or c.pos_ not in {"VERB", "AUX"}:
                    continue
                mark = next((g for g in c.children if g.dep_ == "mark" and g.i < c.i), None)
                if mark is None or mark.lower_ not in {"that", "like", "if", "though"} \
                        or (mark.lower_ in {"if", "though"} and doc[mark.i - 1].lower_ != "as") \
                        or not any(g.dep_ in SUBJ_DEPS for g in c.children):
                    continue
                s, e = self._subtree_span(c)
                if mark.lower_ != "that":
                    s = doc[mark.i + 1].idx     # "looks like X ...": the clause after the comparison
                s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, s, e))
                if e - s >= 8:
                    out.append(_Q.by("quote.sourceless.seems_that", (s, e), self._cue_span(tok), None, None, False,
                                  sent_of(tok.i), kind="belief"))
                break
        for i in np.flatnonzero(np.isin(doc.to_array([LOWER]), [sv.add(w) for w in self._HEARSAY_ADVS])).tolist():
            q = self._hearsay(doc, text, doc[i], sent_of)
            if q is not None:
                out.append(q)
        return out

    #: adverbs that mark a clause as others' word, with no one named: "he allegedly took bribes"
    _HEARSAY_ADVS = WORDS['_HEARSAY_ADVS']

    def _hearsay(self, doc, text, adv, sent_of) -> Optional[_Q]:
        """The clause an adverb of hearsay modifies ("after he allegedly brandished a pistol",
        "Campaign Reportedly Scrambling For ..."), from its subject to its end, with no source."""
        verb = adv.head
        if adv.dep_ != "advmod" or verb.pos_ not in {"VERB", "AUX"} or verb.i == adv.i:
            return None
        subj = next((c for c in verb.children if c.dep_ in SUBJ_DEPS and c.i < verb.i), None)
        s = (subj.left_edge if subj is not None else adv).idx
        e = verb.right_edge.idx + len(verb.right_edge.text)
        s, e = self._trim(text, *self._clip_paragraph(text, adv.idx, s, e))
        if e - s < 8:
            return None
        return _Q.by("quote.sourceless.hearsay", (s, e), (adv.idx, adv.idx + len(adv.text)), None, None, False, sent_of(adv.i), kind="belief")
