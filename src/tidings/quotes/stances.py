"""Stances carried by adjectives ("critical of", "willing to") and impersonal views
("it is clear that ...")."""
from __future__ import annotations

import numpy as np

from spacy.attrs import DEP, LEMMA, LOWER

from .candidate import _Q
from .lexicon import WORDS


class StanceMixin:
    """Stances carried by adjectives ("critical of", "willing to") and impersonal views"""

    #: adjectives of stance: "X is critical of Y", "X was worried about Y", "X is confident that Y"
    STANCE_ADJS = WORDS['STANCE_ADJS']

    #: of those, the ones whose intent only an infinitive states: "ready to sign" is a stance, "ready for
    #: the Fed", "prepared for the fallout", "came prepared with questions" are states of preparedness
    _READY_ADJS = WORDS['_READY_ADJS']

    #: adjectives of an impersonal view: "it is clear that ...", "it was unclear whether ..."
    IMPERSONAL_ADJS = WORDS['IMPERSONAL_ADJS']

    _STANCE_PREPS = WORDS['_STANCE_PREPS']

    @staticmethod
    def _open_clause(comp) -> bool:
        """An indirect question ("whether X ...", "what effect X has"): a clause that states nothing."""
        first = comp.doc[comp.left_edge.i]
        return first.lower_ in {"whether", "if"} or first.tag_ in {"WDT", "WP", "WP$", "WRB"}

    #: where the parser puts a stance adjective it read as a passive verb or a clause of its own
    _MISREAD_ADJ_DEPS = ("ROOT", "conj", "ccomp", "advcl", "relcl")

    @staticmethod
    def _misread_stance_adj(tok) -> bool:
        """A stance adjective the tagger read as a passive participle ("aides were coy about
        whether ...", "protesters were frustrated that ...") or as the head of an absolute
        clause ("with leaders increasingly worried about ..."): its subject holds the stance."""
        if tok.dep_ not in {"ROOT", "conj", "ccomp", "advcl", "relcl"}:
            return False
        kids = [c.dep_ for c in tok.children]
        if tok.tag_ == "VBN":
            return "auxpass" in kids and "nsubjpass" in kids and "agent" not in kids and "dobj" not in kids
        return tok.pos_ == "ADJ" and tok.dep_ == "advcl" and "nsubj" in kids \
            and any(c.dep_ == "mark" and c.lower_ in {"with", "without"} for c in tok.children)

    @staticmethod
    def _marked_clause(c, dep) -> bool:
        """A clause that a stance adjective takes by its conjunction even where the parser tagged
        its head oddly ("afraid that X may be undercut" with 'undercut' as an adjective) or hung it
        as an adverbial ("weren't sure if they would ...")."""
        marks = {"that", "whether", "if"} if dep == "ccomp" else {"whether", "if"}
        return any(g.dep_ == "mark" and g.lower_ in marks and g.i < c.i for g in c.children)

    def _stance_quotes(self, doc, text) -> list[_Q]:
        """Stances carried by an adjective or a noun rather than a verb: "X has been critical of
        Y", "X was worried that Y", "X issued a warning about Y", "allegations of fraud"."""
        out: list[_Q] = []
        if self._stance_hashes is None:
            sv = doc.vocab.strings
            self._stance_hashes = (
                np.array([sv.add(w) for w in self.STANCE_ADJS | self.IMPERSONAL_ADJS], dtype="uint64"),
                np.array([sv.add(w) for w in self.OBJECT_NOUNS], dtype="uint64"),
                np.array([sv.add(d) for d in ("acomp", "oprd") + self._MISREAD_ADJ_DEPS], dtype="uint64"))
        adjs, nouns, deps = self._stance_hashes
        arr = doc.to_array([LOWER, LEMMA, DEP])
        cand = set(np.flatnonzero((np.isin(arr[:, 0], adjs) & np.isin(arr[:, 2], deps))
                                  | np.isin(arr[:, 1], nouns)).tolist())
        if not cand:
            return out
        starts = np.array([s.start for s in doc.sents])
        for i in sorted(cand):
            sent_i = int(np.searchsorted(starts, i, side="right")) - 1
            tok = doc[i]
            low = tok.lower_
            if (tok.dep_ in {"acomp", "oprd"} or self._misread_stance_adj(tok)) \
                    and (low in self.STANCE_ADJS or low in self.IMPERSONAL_ADJS):
                comp = None
                for c in tok.children:
                    if c.i < tok.i:
                        continue
                    if c.dep_ == "prep" and c.lower_ in self._STANCE_PREPS:
                        comp = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                    elif c.dep_ in {"ccomp", "xcomp"} and c.pos_ in {"VERB", "AUX"}:
                        comp = c
                    elif c.dep_ in {"ccomp", "advcl"} and self._marked_clause(c, c.dep_):
                        comp = c
                    if comp is not None:
                        break
                if comp is None and tok.head.pos_ in {"VERB", "AUX"}:
                    # "it is clear that ...": the clause hangs on the copula
                    comp = next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i), None)
                if comp is None or (low in self._READY_ADJS and comp.dep_ != "xcomp"):
                    continue
                subj = self._speaker_of(tok.head) if tok.head.pos_ in {"VERB", "AUX"} else None
                if tok.dep_ not in {"acomp", "oprd"}:
                    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is not None and subj.lower_ == "it" and low in self.IMPERSONAL_ADJS \
                        and comp.dep_ == "ccomp" and comp.i > tok.i and self._open_clause(comp):
                    continue    # "it is unclear whether ...": a question left open, no one's view
                if subj is not None and subj.lower_ == "it" and low in self.IMPERSONAL_ADJS \
                        and comp.dep_ == "ccomp" and comp.i > tok.i:
                    # "it is clear that ...", "it was unclear whether ...": a view with no one named
                    s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
                    if e - s >= 8:
                        out.append(_Q.by("quote.stance.impersonal", (s, e), (tok.idx, tok.idx + len(tok.text)), None, None, False, sent_i,
                                      kind="belief"))
                    continue
                if subj is None or subj.lower_ in {"it", "this", "that", "there", "which"} \
                        or low not in self.STANCE_ADJS:
                    continue
                s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
                if e - s < 3:
                    continue
                cue_s = min(tok.idx, tok.head.idx) if tok.head.i < tok.i and tok.i - tok.head.i <= 3 else tok.idx
                out.append(_Q.by("quote.stance.adjective", (s, e), (cue_s, tok.idx + len(tok.text)), self._speaker_span(subj, text, tok),
                              subj.i, False, sent_i, kind="belief"))
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in self.OBJECT_NOUNS \
                    and not any(c.dep_ == "poss" for c in tok.children):
                if tok.lemma_.lower() == "view" and not (tok.dep_ == "dobj" and tok.head.lemma_.lower() in self._MAKE_VERBS):
                    continue    # "a view of the shooting", "grim views of the country": a sight, no one's opinion
                pp = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1
                           and c.lower_ in self._STANCE_PREPS - {"in", "to", "with"}), None)
                comp = next((g for g in pp.children if g.dep_ in {"pobj", "pcomp"}), None) if pp is not None else None
                if comp is None or comp.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}:
                    continue
                s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
                if e - s < 3:
                    continue
                speaker = None
                head = tok.head
                if tok.dep_ == "dobj" and head.lemma_.lower() in self._MAKE_VERBS:
                    subj = self._speaker_of(head)
                    if subj is not None:
                        speaker = subj
                if speaker is None:
                    # "avoided direct criticism of X", "holds little hope for X", "in the hope of X":
                    # whoever holds the view, the subject of the verb the noun hangs on
                    speaker = self._noun_holder(tok)
                    if speaker is not None and (speaker.tag_ in {"WDT"} or speaker.lower_ in {"it", "there", "this"}):
                        speaker = None
                q = _Q.by("quote.stance.object_noun", (s, e), (tok.idx, tok.idx + len(tok.text)), None, None, False, sent_i, kind="noun")
                if speaker is not None:
                    q.speaker = self._speaker_span(speaker, text, tok)
                    q.speaker_tok = speaker.i
                out.append(q)
        return out

    #: verbs of how things look, taking a clause after an empty "it": "it appears that ...", "it looks like ..."
    _LOOK_VERBS = WORDS['_LOOK_VERBS']
