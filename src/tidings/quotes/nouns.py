"""Cue nouns: "the mayor's claim that ...", "her criticism of ...", "made the case that ..."."""
from __future__ import annotations

from typing import Optional

from .candidate import _Q
from .lexicon import ATTITUDE_NOUNS, PRONOUNS, WORDS
from .predicates import _to_infinitive


class NounMixin:
    """Cue nouns: "the mayor's claim that ...", "her criticism of ...", "made the case that ..."."""

    #: what a subject receives from others ("drew criticism", "faced ridicule") and the verbs of receiving
    _RECEIVED = WORDS['_RECEIVED']

    _RECEIVING = WORDS['_RECEIVING']

    #: nouns of speech and stance whose object is what was said or held, even with no one named:
    #: "allegations of fraud", "questions about the deal", "the call for a ceasefire"
    OBJECT_NOUNS = WORDS['OBJECT_NOUNS']

    #: verbs whose subject makes the statement its noun object names ("issued a warning about")
    _MAKE_VERBS = WORDS['_MAKE_VERBS']

    #: nouns of an open or doubted proposition: "speculation whether ...", "little doubt that ..."
    _OPEN_NOUNS = WORDS['_OPEN_NOUNS']

    @staticmethod
    def _open_question(tok):
        """The clause a stance noun is equated with ("the question is whether ...", "one
        question that has emerged is whether ...") or that follows its verb ("fears grew that ...")."""
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            return next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i), None)
        if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
            # "suspicions run high that ...", "fears grew that ...": the clause moved past the verb
            return next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i
                         and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        return None

    def _frame_quote(self, doc, text, tok, poss, sent, sent_i) -> Optional[_Q]:
        """"By his own admission, X ...", "In her view, X ...": a fronted phrase of someone's cue
        noun frames the clause after its comma as theirs."""
        prep = tok.head
        if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in {"in", "by"} or prep.i != sent.start \
                or tok.lemma_.lower() in self._MEDIUM_NOUNS or tok.lemma_.lower() in self._MEDIUM_IN \
                or tok.right_edge.i + 2 >= sent.end or doc[tok.right_edge.i + 1].text != ",":
            return None
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, doc[tok.right_edge.i + 2].idx, sent.end_char))
        if e - s < 8:
            return None
        sp = self._speaker_span(poss, text)
        if text[sp[1] - 2:sp[1]] in {"'s", "’s"}:
            sp = (sp[0], sp[1] - 2)
        return _Q.by("quote.noun.frame", (s, e), (prep.idx, tok.idx + len(tok.text)), sp, poss.i, False, sent_i, kind="noun")

    #: nouns of an agreement, cues only with what was agreed: "signed an agreement to allow ..."
    _AGREEMENT_NOUNS = WORDS['_AGREEMENT_NOUNS']

    #: verbs by which an agreement is made, whose subject made it
    _AGREEING_VERBS = WORDS['_AGREEING_VERBS']

    def _agreement_quote(self, text, tok, sent_i) -> Optional[_Q]:
        """What an agreement is to do or holds: "they extracted an agreement to set goals ...",
        "an agreement to explore ways ...", "there was more agreement that Europe should ...",
        "an agreement that the nations reached in Paris to curb emissions": the clause, from
        the subject of the verb that made the agreement (no one when none did)."""
        comp = next((c for c in tok.children if c.dep_ in {"acl", "ccomp"} and c.i > tok.i and c.pos_ in {"VERB", "AUX"}
                     and ((c.tag_ == "VB" and _to_infinitive(c))
                          or any(g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i for g in c.children))), None)
        maker = tok.head if tok.dep_ == "dobj" and tok.head.lemma_.lower() in self._AGREEING_VERBS else None
        if comp is None:
            # "an agreement that the nations reached in Paris to curb ...": the infinitive on the relative clause
            rel = next((c for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() in self._AGREEING_VERBS
                        and any(g.dep_ == "dobj" and g.tag_ == "WDT" for g in c.children)), None)
            comp = next((c for c in rel.children if c.dep_ in {"advcl", "xcomp"} and c.i > rel.i and c.tag_ == "VB"
                         and _to_infinitive(c)), None) if rel is not None else None
            maker = rel
        if comp is None:
            return None
        subj = self._speaker_of(maker) if maker is not None else None
        if subj is not None and subj.tag_ in {"WDT", "WP"}:
            subj = None
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
        s, e = self._cut_trailing(tok.doc, text, s, e)
        if e - s < 8:
            return None
        q = _Q.by("quote.noun.agreement", (s, e), (tok.idx, tok.idx + len(tok.text)), None, None, False, sent_i, kind="noun")
        if subj is not None:
            q.speaker, q.speaker_tok = self._speaker_span(subj, text, tok), subj.i
        return q

    #: nouns that make a statement only with a verb of making: "made the case that ..."
    _LIGHT_NOUNS = WORDS['_LIGHT_NOUNS']

    #: verbs that give an attitude to someone ("gave Clinton a glowing endorsement", "threw its support behind ...")
    _GIVING_VERBS = WORDS['_GIVING_VERBS']

    def _given_attitude(self, text, tok, sent_i) -> Optional[_Q]:
        """An attitude noun given to someone: "the Times gave Clinton a glowing endorsement",
        "labor threw its support behind the nominee" → the one it goes to, said by the giver."""
        head = tok.head
        if tok.dep_ != "dobj" or tok.lemma_.lower() not in ATTITUDE_NOUNS \
                or head.lemma_.lower() not in self._GIVING_VERBS:
            return None
        to = next((c for c in head.children if c.dep_ == "dative" and c.pos_ in {"PROPN", "NOUN"}), None)
        if to is None:
            pp = next((c for c in head.children if c.dep_ in {"prep", "dative"} and c.i > tok.i
                       and c.lower_ in {"to", "behind", "for"}), None)
            to = next((g for g in pp.children if g.dep_ == "pobj"), None) if pp is not None else None
        if to is None:
            return None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        subj = poss if poss is not None and poss.lower_ not in PRONOUNS else self._speaker_of(head)
        if subj is None or subj.tag_ in {"WDT", "WP"}:
            return None
        s, e = self._trim(text, *self._subtree_span(to))
        if e - s < 2:
            return None
        return _Q.by("quote.noun.given_attitude", (s, e), (tok.idx, tok.idx + len(tok.text)), self._speaker_span(subj, text, head), subj.i,
                  False, sent_i, kind="noun")

    def _light_verb_quote(self, doc, text, tok, comp, sent_i) -> Optional[_Q]:
        """A cue noun as the object of a verb of making or sending, with its clause: "sends a
        clear message that ...", "issued a warning that ...", "made the promise to ...": the
        clause, said by the verb's subject."""
        head = tok.head
        if tok.dep_ != "dobj" or head.lemma_.lower() not in self._MAKE_VERBS:
            return None
        if comp is None:    # "sent a message that ..." with the clause hung on the verb
            comp = next((c for c in head.children if c.dep_ == "ccomp" and c.i > tok.i), None)
            if comp is None:
                return None
        if not (any(g.dep_ == "mark" and g.lower_ == "that" for g in comp.children)
                or (comp.tag_ == "VB" and _to_infinitive(comp))):
            return None
        subj = self._speaker_of(head)
        if subj is None or subj.tag_ in {"WDT", "WP"}:
            return None
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
        if e - s < 8:
            return None
        return _Q.by("quote.noun.light_verb", (s, e), (head.idx, tok.idx + len(tok.text)), self._speaker_span(subj, text, head), subj.i,
                  False, sent_i, kind="noun")
