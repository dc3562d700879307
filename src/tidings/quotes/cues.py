"""Cue verbs: the cue lexicon lookup, the candidates of a sentence, and the rules of
attribution around a cue verb (its complement clause, infinitive, object, fronted content)."""
from __future__ import annotations

import numpy as np
from dataclasses import dataclass
from typing import Any, Optional

from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import AUX as AUX_POS, NOUN as NOUN_POS, VERB as VERB_POS

from .candidate import _Q
from .lexicon import ADDRESSEE_VERBS, ATTITUDE_NOUNS, Cue, NAMING_VERBS, NOUN_CUES, PRONOUNS, STANCE_NOUNS, SUBJ_DEPS, WORDS, _NO_CUE
from .predicates import _clausal, _to_infinitive


@dataclass
class _Complement:
    """What the complement rules of one cue verb found (see ``CueMixin._verb_complement``)."""
    comp: Any = None          # the token whose subtree is the content
    comp_start: Any = None    # a token the content starts at (the one asked, the one named)
    comp_cut: Optional[int] = None  # a character offset the content starts at, at the latest
    rule: str = ""            # the rule id of the step that found it
    adding: Any = None        # '"A," he said, adding "B."': a later cue that owns what follows it
    kids: Any = ()            # the children the clause step reads
    obj: Any = None           # the cue's direct object (or the one named)


class CueMixin:
    """Cue verbs: the cue lexicon lookup, the candidates of a sentence, and the rules of"""

    def _cue_for(self, tok) -> Optional[Cue]:
        """The cue entry of a verb, by its lemma, or by its own form when the lemmatiser slips
        ("hopes" → "hop", "lauded" → "laud")."""
        cue = self.cues.get(tok.lemma_.lower())
        if cue is not None:
            return cue
        w = tok.lower_
        for suf, add in (("ies", "y"), ("ied", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                cue = self.cues.get(w[: len(w) - len(suf)] + add)
                if cue is not None:
                    return cue
        return self._doubled_stem_cue(w)

    def _doubled_stem_cue(self, w: str) -> Optional[Cue]:
        """A form with its final consonant doubled that the lemmatiser left alone ("slamming",
        "extolled") → the cue of its stem ("slam", "extol")."""
        for suf in ("ed", "ing"):
            stem = w[: len(w) - len(suf)]
            if w.endswith(suf) and len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                return self.cues.get(stem[:-1])
            if w.endswith(suf) and len(stem) >= 4 and stem[-2:] == "ll":
                return self.cues.get(stem[:-1])
        return None

    #: cue verbs whose object is the one who feels it ("that worries environmentalists")
    _EXPERIENCER_OBJECT = WORDS['_EXPERIENCER_OBJECT']

    _PARTITIVES = WORDS['_PARTITIVES']

    @staticmethod
    def _object_barred(tok, cue) -> bool:
        """Letter 'n' in a cue's complements: its noun object is a thing, not a content ('assumed
        office', 'saw the tweet', 'heard the case') unless an 'as' phrase judges it ('saw X as Y')."""
        if "n" not in cue.comp:
            return False
        heads = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
        return not any(g.dep_ == "prep" and g.lower_ == "as" and g.i > tok.i for h in heads for g in h.children)

    @classmethod
    def _partitive(cls, tok) -> bool:
        """A quantity of something named ("many of the deaths", "some of his proposals")."""
        return tok.lower_ in cls._PARTITIVES and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children) for c in tok.children)

    #: who is spoken to ("spoke to reporters", "told the crowd"): an addressee, not content
    _AUDIENCE = WORDS['_AUDIENCE']

    #: speech verbs whose one-name object is what they spoke of ("has not mentioned Machado"),
    #: unlike "called Machado" (phoned) or "told Machado" (the addressee)
    _TOPIC_VERBS = WORDS['_TOPIC_VERBS']

    #: objects that measure what was said about something ("said little about ...")
    _QUANTITY_OBJECTS = WORDS['_QUANTITY_OBJECTS']

    #: "portrayed himself as ...", "defending herself": the speaker as what was judged
    _REFLEXIVES = WORDS['_REFLEXIVES']

    #: pronoun objects that stand for what was judged ("defended it", "attacked them")
    _OBJ_PRONOUNS = WORDS['_OBJ_PRONOUNS']

    #: "in a statement", "on Twitter", "in an interview": where something was said, not what
    _MEDIUM_NOUNS = WORDS['_MEDIUM_NOUNS']

    #: prepositions that open the writer's frame of time, place or circumstance after an object
    _FRAME_PREPS = WORDS['_FRAME_PREPS']

    @staticmethod
    def _plural_read_as_verb(tok) -> bool:
        """A plural noun object the tagger read as a present verb ("are challenging the agency's
        Clean Power Plan rules", 'rules' as VBZ): an object with no subject, auxiliary or
        object of its own, after a determiner, possessor or modifier."""
        return tok.tag_ == "VBZ" and tok.dep_ == "dobj" and tok.n_lefts > 0 \
            and not any(c.dep_ in SUBJ_DEPS or c.dep_ in {"aux", "dobj", "ccomp", "xcomp", "mark"} for c in tok.children)

    @staticmethod
    def _to_named_as(tok, to) -> bool:
        """'referred to X as Y': an 'as' phrase after the 'to' phrase makes X the one named, not
        the one addressed."""
        return any(c.dep_ == "prep" and c.lower_ == "as" and c.i == to.right_edge.i + 1 for c in tok.children)

    #: prepositions whose object is what a cue is about ("called for", "spoke of")
    _TOPIC_PREPS = WORDS['_TOPIC_PREPS']

    #: cues of response whose "by"/"with" phrase is the response ("responded with attacks on ...")
    _RESPONSE_CUES = WORDS['_RESPONSE_CUES']

    #: cues whose "with" names the one agreed with ("disagreed with her former boss")
    _WITH_CUES = WORDS['_WITH_CUES']

    _WITH_PREPS = WORDS['_WITH_PREPS']

    #: speech cues that judge someone for something ("mocked X for not releasing ...")
    _JUDGING = WORDS['_JUDGING']

    #: words a clause must follow: a content never ends on them
    _CLAUSE_OPENERS = WORDS['_CLAUSE_OPENERS']

    #: verbs that only voice the attitude their object names ("expressed concern about X")
    _LIGHT_VERBS = WORDS['_LIGHT_VERBS']

    _ATTITUDE_PREPS = WORDS['_ATTITUDE_PREPS']

    _ATTITUDE_WORDS = WORDS['_ATTITUDE_WORDS']

    def _attitude_object(self, noun):
        """The object of an attitude noun ("deep concern about [the policy]"), or None."""
        if noun.lemma_.lower() not in self._ATTITUDE_WORDS:
            return None
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in self._ATTITUDE_PREPS), None)
        if prep is None:
            return None
        return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)

    #: verbs whose subject does what their infinitive says ("continued to call for ...")
    _SUBJECT_CONTROL = WORDS['_SUBJECT_CONTROL']

    #: raising verbs: the subject is what the content is about ("X seems to ...")
    _RAISING = WORDS['_RAISING']

    @classmethod
    def _misread_relative_clause(cls, doc, tok):
        """The clause the parser hung as a relative clause on a time phrase right after the cue
        ("reported at the time that the editor told her ...") or on the one spoken to ("told a
        meeting of leaders that few people understood ...", with "that" read as a conjunction),
        or None."""
        for c in tok.children:
            if c.i <= tok.i or c.dep_ not in {"prep", "npadvmod", "dobj", "dative"}:
                continue
            if c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ == "to"):
                for g in c.subtree:
                    if g.dep_ == "relcl" and g.i > c.i and doc[g.left_edge.i].lower_ == "that" \
                            and doc[g.left_edge.i].dep_ == "mark" and g.right_edge.i == c.right_edge.i \
                            and any(x.dep_ in SUBJ_DEPS for x in g.children):
                        return g
                continue
            n = c if c.dep_ == "npadvmod" else next((g for g in c.children if g.dep_ == "pobj"), None)
            if n is None or not (n.ent_type_ in {"DATE", "TIME"} or n.lemma_.lower() in cls._TIME_NOUNS):
                continue
            for g in n.children:
                if g.dep_ == "relcl" and g.left_edge.i == n.i + 1 and doc[g.left_edge.i].lower_ == "that" \
                        and doc[g.left_edge.i].dep_ not in SUBJ_DEPS | {"dobj"} \
                        and any(x.dep_ in SUBJ_DEPS for x in g.children):
                    return g
        return None

    @staticmethod
    def _lost_subject(doc, tok, sent):
        """The name (or "A and B") right before a finite cue whose subject the parser hung
        elsewhere: (character span, root token index), or None."""
        j = tok.i - 1
        while j > sent.start and doc[j].dep_ in {"aux", "neg", "advmod"}:
            j -= 1
        prev = doc[j]
        if prev.pos_ != "PROPN" or prev.ent_type_ not in {"PERSON", "ORG", "NORP", "GPE"}:
            return None
        ent = next((x for x in doc.ents if x.start <= j < x.end), None)
        if ent is None or ent.end != j + 1:
            return None
        start = ent
        if ent.root.dep_ == "conj" and ent.start >= 2 and doc[ent.start - 1].dep_ == "cc":
            first = next((x for x in doc.ents if x.end == ent.start - 1 and x.root.i == ent.root.head.i), None)
            if first is not None:
                start = first       # "Obama and Clinton"
        return (start.start_char, ent.end_char), ent.root.i if start is ent else start.root.i

    def _fronted_fragment(self, doc, text, tok, sent, sent_i) -> Optional[_Q]:
        """'<words>, X said.' where nothing after the cue but a time or a place: the words before
        the comma are what X said, clause or not."""
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if subj is None or subj.left_edge.i - 2 <= sent.start or doc[subj.left_edge.i - 1].text != ",":
            return None
        if any(c.i < subj.left_edge.i and c.dep_ not in {"punct", "dep", "ccomp"} for c in tok.children):
            return None     # the parser made something before the comma part of the cue's clause
        for c in tok.children:
            if c.i > tok.i and not (c.dep_ == "punct" or c.dep_ in {"npadvmod", "advmod"}
                                    or (c.dep_ == "prep" and c.lower_ in {"on", "in", "at", "during", "after"})):
                return None
        s, e = self._trim(text, sent.start_char, doc[subj.left_edge.i - 1].idx)
        if e - s < 8 or any(ch in text[s:e] for ch in "“”\"«»"):
            return None
        return _Q.by("quote.cue.fronted_fragment", (s, e), self._cue_span(tok), self._speaker_span(subj, text, tok), subj.i, False, sent_i)

    def _parenthetical_root(self, doc, text, tok, sent, sent_i) -> Optional[_Q]:
        """'A, X explained earlier in the hearing, were well paid', 'A, as X pointed out, does not
        get ...': a cue set off by commas inside a clause that the parser made the root, with the
        clause's predicate after the second comma hung on it with no subject of its own: the
        whole sentence is what X said."""
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if subj is None:
            return None
        as_ = next((c for c in list(tok.children) + list(subj.children) if c.dep_ in {"prep", "mark", "advmod"}
                    and c.lower_ == "as" and c.i < tok.i), None)
        first = as_.i if as_ is not None else subj.left_edge.i
        if as_ is not None and as_.i + 1 != subj.left_edge.i and subj.i > as_.i:
            return None
        if as_ is not None and subj.i < as_.i:
            # "Hawaii, as one of the advisers pointed out, ...": the parser took the clause's subject
            # for the cue's and the speaker for the object of "as"
            pobj = next((g for g in as_.children if g.dep_ == "pobj"), None)
            if pobj is None:
                return None
            first, subj = as_.i, pobj
        if first - 2 < sent.start or doc[first - 1].text != ",":
            return None
        pred = next((c for c in tok.children if c.i > tok.i and c.dep_ in {"conj", "advcl"} and c.pos_ in {"VERB", "AUX"}
                     and (c.tag_ in {"VBD", "VBZ", "VBP"} or any(g.dep_ in {"aux", "auxpass"} and g.tag_ in {"VBD", "VBZ", "VBP", "MD"}
                                                                  for g in c.children))
                     and not any(g.dep_ in SUBJ_DEPS or g.dep_ in {"mark", "cc"} for g in c.children)
                     and c.left_edge.i >= 1 and doc[c.left_edge.i - 1].text == ","), None)
        if pred is None or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in tok.children) \
                or any(t.text == "," for t in doc[tok.i + 1:pred.left_edge.i - 1]):
            return None
        whole = self._trim(text, sent.start_char, sent.end_char)
        # the clause around the attribution, weighed as a content in two pieces
        front = self._trim(text, sent.start_char, doc[first - 1].idx)
        back = self._trim(text, pred.left_edge.idx, sent.end_char)
        s, e = self._one_span(whole, [front, back])
        if e - s < 8:
            return None
        return _Q.by("quote.cue.parenthetical_root", (s, e), self._cue_span(tok), self._speaker_span(subj, text, tok), subj.i, False, sent_i)

    def _cue_span(self, verb) -> tuple[int, int]:
        toks = [verb]
        for c in verb.children:
            if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i and verb.i - c.i <= 3:
                toks.append(c)
            if c.dep_ == "prt":
                toks.append(c)
        s = min(t.idx for t in toks)
        e = max(t.idx + len(t.text) for t in toks)
        return s, e

    def _passive_accusation(self, tok, cue, text, sent_i) -> Optional[_Q]:
        """An accusation or belief in the passive with no one named: "The guards were accused of
        abuse", "Turnout is expected to rise" → the whole clause, without a source."""
        if tok.tag_ != "VBN" or any(c.dep_ == "agent" for c in tok.children):
            return None
        sp = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        if cue.kind == "act":
            pp = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i and c.lower_ in {"of", "for", "as"}), None)
        elif cue.kind in {"belief", "speech"}:
            # "Turnout is expected to rise", "The ship is believed to have sunk"
            # ("were shown chanting", "were seen gathered": a participle depicts, it reports nothing)
            pp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i
                       and any(g.dep_ == "aux" and g.tag_ == "TO" for g in c.children)), None)
        else:
            return None
        if sp is None or pp is None or sp.lower_ in {"it", "that", "which", "who", "this"}:
            return None
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, sp.left_edge.idx, self._subtree_span(pp)[1]))
        if e - s < 8:
            return None
        return _Q.by("quote.cue.passive_accusation", (s, e), self._cue_span(tok), None, None, False, sent_i, kind=cue.kind)

    def _passive_object(self, tok, cue, text, sent_i) -> Optional[_Q]:
        """What a passive cue with no one named was done to ("North Korea's ambitions have barely
        been mentioned", "The merits of the program are being debated"): its subject, and what it
        was rated or labelled ("were rated as mostly true"): the whole clause. No speaker."""
        if tok.tag_ != "VBN" or not ("o" in cue.comp or cue.kind in {"act", "speech"}) \
                or not any(c.dep_ == "auxpass" for c in tok.children) \
                or any(c.dep_ in {"agent", "ccomp", "xcomp", "dobj"} for c in tok.children):
            return None
        sp = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        if sp is None or sp.pos_ not in {"NOUN", "PROPN"} or sp.tag_ in {"WDT", "WP"} \
                or sp.right_edge.i - sp.left_edge.i < 3:
            return None     # ("The line has been lifted": a thing, not something said)
        e = self._subtree_span(sp)[1]
        name = next((c for c in tok.children if c.i > tok.i and (c.dep_ in {"oprd", "attr"} or (
            c.dep_ == "prep" and c.lower_ in {"as", "with", "of", "for"} and c.i == tok.i + 1))), None)
        if name is not None:
            e = self._subtree_span(name)[1]
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, sp.left_edge.idx, e))
        if e - s < 8:
            return None
        return _Q.by("quote.cue.passive_agentless", (s, e), self._cue_span(tok), None, None, False, sent_i, kind=cue.kind)

    def _reduced_passive(self, tok, cue, text, sent_i) -> Optional[_Q]:
        """A noun with a passive participle and its agent ("a record penalty imposed by the
        bureau", "a view echoed by everyone I interviewed"): the noun phrase is what the agent
        did or said."""
        if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.head.pos_ not in {"NOUN", "PROPN"} \
                or cue.kind not in {"act", "speech"} or not ("o" in cue.comp or cue.kind == "act") or tok.i < tok.head.i:
            return None
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if by is None:
            return None
        s, e = self._subtree_span(tok.head, exclude=tok)
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, s, e))
        if e - s < 3:
            return None
        return _Q.by("quote.cue.reduced_passive", (s, e), self._cue_span(tok), self._speaker_span(by, text), by.i, False, sent_i, kind=cue.kind)

    #: predicates of a standing that a verb of evidence gives its object ("shows Clinton ahead")
    _STANDINGS = WORDS['_STANDINGS']

    def _shown_object(self, tok, text, sent_i) -> Optional[_Q]:
        """'show' with an object and that object's own predicate after it ("polls show Clinton
        with a lead in ...", "the clip shows her with both arms raised", "the average shows
        Clinton ahead by 3 points"): the object and its predicate, from the verb's subject."""
        if tok.lemma_ != "show" or tok.pos_ != "VERB":
            return None
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i
                    and c.pos_ in {"PROPN", "PRON", "NOUN"}), None)
        if obj is None:
            return None
        after = sorted((c for c in tok.children if c.i > obj.right_edge.i), key=lambda c: c.i)
        if not after or after[0].left_edge.i != obj.right_edge.i + 1:
            return None
        pred = after[0]
        if pred.dep_ == "prep" and pred.lower_ == "with":
            end = pred
        elif pred.dep_ in {"advmod", "acomp", "oprd"} and pred.lower_ in self._STANDINGS:
            end = pred
            if len(after) > 1 and after[1].dep_ == "prep" and after[1].lower_ == "by" \
                    and after[1].left_edge.i == pred.right_edge.i + 1:
                end = after[1]      # "ahead [by 3.7 points]"
        else:
            return None
        subj = self._speaker_of(tok)
        if subj is None or subj.tag_ in {"WDT", "WP"}:
            return None
        e = self._subtree_span(end)[1]
        if self.settings.extend_right:
            e = self._extend_right(tok, end, e)     # "... with both arms raised [just before the arrest ...]"
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, obj.left_edge.idx, e))
        if e - s < 8:
            return None
        return _Q.by("quote.cue.shown_object", (s, e), self._cue_span(tok), self._speaker_span(subj, text, tok), subj.i, False, sent_i,
                  kind="belief")

    _VERB_POS = np.array([VERB_POS, AUX_POS], dtype="uint64")

    def _candidates(self, doc):
        """The sentences that hold a possible cue, with the token indices each pass looks at:
        verbs whose lemma or form is a cue word, cue nouns, and "according". Found on the token
        arrays, so the passes never build a Token for the other words."""
        sents = list(doc.sents)
        if not len(doc):
            return sents, []
        arr = doc.to_array([POS, LEMMA, LOWER])
        strings = doc.vocab.strings
        memo = self._cue_memo
        if len(memo) > 200_000:
            memo.clear()
        verbs = []
        for i in np.flatnonzero(np.isin(arr[:, 0], self._VERB_POS)).tolist():
            key = (int(arr[i, 1]), int(arr[i, 2]))
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = self.settings.generic_cues or self._cue_for(doc[i]) is not None
            if hit:
                verbs.append(i)
        nouns = []
        for i in np.flatnonzero(arr[:, 0] == NOUN_POS).tolist():
            key = int(arr[i, 1])
            hit = memo.get(key)
            if hit is None:
                lem = strings[key].lower()
                hit = memo[key] = lem in NOUN_CUES or lem in STANCE_NOUNS or lem in ATTITUDE_NOUNS \
                    or lem in self.OBJECT_NOUNS or lem in self._RECEIVED \
                    or lem in self._LIGHT_NOUNS or lem in self._AGREEMENT_NOUNS  # the nouns the noun-cue pass reads
            if hit:
                nouns.append(i)
        accs = np.flatnonzero((arr[:, 2] == strings.add("according")) | (arr[:, 2] == strings.add("in"))).tolist()
        starts = np.array([s.start for s in sents])
        per: dict[int, tuple[list, list, list]] = {}
        for k, idx in enumerate((verbs, nouns, accs)):
            for i, si in zip(idx, (np.searchsorted(starts, idx, side="right") - 1).tolist()):
                per.setdefault(si, ([], [], []))[k].append(i)
        return sents, sorted(per.items())

    def _cue_quotes(self, doc, text) -> list[_Q]:
        out: list[_Q] = []
        coord_of: dict = {}   # a cue verb coordinated with an earlier one → that one
        sents, per_sent = self._candidates(doc)
        for sent_i, (verbs, nouns, accs) in per_sent:
            sent = sents[sent_i]
            for tok in (doc[i] for i in verbs):     # verbs and auxiliaries (see _candidates)
                self._verb_cue_quotes(doc, text, tok, sent, sent_i, coord_of, out)
            # noun cues: "Trump's claim that ...", "her promise to ...", "his view is that ..."
            for tok in (doc[i] for i in nouns):     # nouns of the cue lists (see _candidates)
                self._noun_cue_quotes(doc, text, tok, sent, sent_i, out)
            # "according to X, ..." / "in the latest poll, ..."
            for tok in (doc[i] for i in accs):
                self._according_quotes(doc, text, tok, sent, sent_i, out)
        return out

    #: the complement rules of a cue verb, tried in this order until one finds the content
    _COMPLEMENT_STEPS = ("_comp_clause", "_comp_clause_after_adverbial", "_comp_clause_after_time",
                         "_comp_fronted_clause", "_comp_infinitive", "_comp_object_predicate", "_comp_naming_passive",
                         "_comp_response", "_comp_for_clause", "_comp_topic_prep", "_comp_object", "_comp_passive_agent",
                         "_comp_relative_object")

    def _verb_complement(self, doc, tok, cue, sent) -> _Complement:
        """The content a cue verb takes: the first of :attr:`_COMPLEMENT_STEPS` that finds one
        (each sets its rule id), then ``quote.cue.expressed_attitude`` on it."""
        st = _Complement()
        # '"A," he said, adding "B."' parsed with B on "said": B is what "adding" says
        st.adding = next((c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > tok.i
                       and (self._cue_for(c) or _NO_CUE).kind == "speech"), None)
        borrowed = tok.dep_ == "advcl" and tok.tag_ == "VBG" and cue.kind == "speech" \
            and (self._cue_for(tok.head) or _NO_CUE).kind == "speech" \
            and not any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in tok.children)
        st.kids = [c for c in tok.head.children if c.i > tok.i] if borrowed else tok.children
        st.obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        if st.obj is None and cue.lemma in NAMING_VERBS:
            # "called Smith a liar" parsed with two predicates ("Smith" oprd, "liar" oprd):
            # the first is the one named
            named = [c for c in tok.children if c.dep_ == "oprd" and c.i > tok.i]
            if len(named) >= 2 and named[0].pos_ in {"PROPN", "PRON", "NOUN"} \
                    and not any(c.tag_ in {"WDT", "WP"} and c.i < tok.i for c in tok.children):
                st.obj = named[0]
        for name in self._COMPLEMENT_STEPS:
            getattr(self, name)(doc, tok, cue, sent, st)
            if st.comp is not None:
                break
        self._comp_expressed_attitude(doc, tok, cue, sent, st)
        return st

    def _comp_clause(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.clause``: a clause complement: "The mayor said (that) the bridge would reopen." """
        # a clause after the cue wins over one before it ("A: X said B")
        for c in sorted(st.kids, key=lambda c: (c.i < tok.i, c.i)):
            if st.adding is not None and c.i > st.adding.i:
                continue
            if "c" in cue.comp and c.dep_ in {"ccomp", "parataxis"} and (c.pos_ in {"VERB", "AUX"} or _clausal(c)) \
                    and not self._temporal_after_object(tok, c) \
                    and not any(x.dep_ == "xcomp" and tok.i < x.i < c.i for x in tok.children) \
                    and not (c.i < tok.i and "x" in cue.comp
                             and any(x.dep_ == "xcomp" and x.i > tok.i and _to_infinitive(x) for x in tok.children)):
                # ("promising to lift rules ― not what Ruiz had in mind": the infinitive is it;
                # "A began ..., B decided not to enter the race": its infinitive, not the clause before it)
                ccue = self._cue_for(c)
                if c.i > tok.i and ccue is not None and ccue.kind == "speech" and c.left_edge.i > 0 \
                        and doc[c.left_edge.i - 1].text == "," and any(g.dep_ == "nsubj" for g in c.children):
                    continue  # "A reaffirmed B, the embassy said": the attribution of the whole
                st.comp = c
                st.rule = "quote.cue.clause"
                break

    def _comp_clause_after_adverbial(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.clause_after_adverbial``: a clause parsed as an adverbial: "The coach said after the match the team would rest." """
        if not ("c" in cue.comp and cue.kind in {"speech", "belief"}):
            return
        # "said after the meeting he would resign" parsed as an adverbial clause
        for c in tok.children:
            if c.dep_ == "advcl" and c.i > tok.i and c.pos_ in {"VERB", "AUX"} \
                    and any(g.dep_ in SUBJ_DEPS and g.i < c.i for g in c.children) \
                    and not any(g.dep_ == "mark" for g in c.children) \
                    and not self._temporal_after_object(tok, c) \
                    and c.left_edge.i > tok.i and doc[c.left_edge.i - 1].text not in {",", ";", ":"}:
                st.comp = c
                st.rule = "quote.cue.clause_after_adverbial"
                # the clause starts at its subject, not at the adverbials before it
                st.comp_cut = next(g for g in c.children if g.dep_ in SUBJ_DEPS and g.i < c.i).left_edge.idx
                break

    def _comp_clause_after_time(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.clause_after_time``: a clause parsed as a relative clause of a time phrase: "The ministry reported on Friday that exports fell." """
        if not ("c" in cue.comp and cue.kind in {"speech", "belief"}):
            return
        # "reported at the time that X ...", "said on Monday that X ...": the clause
        # parsed as a relative clause of the time phrase
        st.comp = self._misread_relative_clause(doc, tok)
        st.rule = "quote.cue.clause_after_time"
        if st.comp is not None:
            st.comp_cut = doc[st.comp.left_edge.i].idx

    def _comp_fronted_clause(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.fronted_clause``: a fronted clause parsed as adverbial: "Exports fell sharply, the agency said." """
        if not ("c" in cue.comp and cue.kind in {"speech", "belief"}):
            return
        if cue.kind != "speech":
            return
        # a fronted clause parsed as adverbial: "Prices fell, the agency said."
        for c in tok.children:
            if c.dep_ == "advcl" and c.i < tok.i and c.pos_ in {"VERB", "AUX"} \
                    and c.right_edge.i + 1 < tok.i and doc[c.right_edge.i + 1].text == "," \
                    and any(g.dep_ in SUBJ_DEPS and g.i < c.i for g in c.children) \
                    and not any(g.dep_ == "mark" for g in c.children) and c.left_edge.i == sent.start \
                    and doc[c.left_edge.i].tag_ not in {"WRB", "IN"}:
                # ("When rebels attack, the generals call them ..." is the writer's frame)
                st.comp = c
                st.rule = "quote.cue.fronted_clause"
                break

    def _comp_infinitive(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.infinitive``: an infinitive, with the one asked: "The union urged its members to stay home." """
        for c in tok.children:
            if ("x" in cue.comp or cue.kind in {"speech", "act"}) and c.i > tok.i and (
                    c.dep_ == "xcomp" or (
                        # "tells his supporters at a rally to go and vote" read as a purpose clause
                        c.dep_ == "advcl" and cue.lemma in ADDRESSEE_VERBS and c.tag_ == "VB"
                        and _to_infinitive(c)
                        and any(o.dep_ in {"dobj", "dative"} and tok.i < o.i < c.i for o in tok.children))):
                st.comp = c
                st.rule = "quote.cue.infinitive"
                # "encouraged residents to stay", "called on Congress to act": the one
                # asked is part of the content
                for o in tok.children:
                    if tok.i < o.i < c.i and o.dep_ in {"dobj", "nsubj"} and o.pos_ in {"NOUN", "PROPN", "PRON"}:
                        st.comp_start = o
                    elif tok.i < o.i < c.i and o.dep_ == "prep" and o.lower_ == "on":
                        po = next((g for g in o.children if g.dep_ == "pobj"), None)
                        if po is not None:
                            st.comp_start = po
                break

    def _comp_object_predicate(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.object_predicate``: an object with its predicate: "The senator called the charges baseless." """
        if not (st.obj is not None):
            return
        # "urged supporters to monitor polling places", "called the charges fabricated"
        deps = {"xcomp", "ccomp", "oprd"} if "x" in cue.comp or cue.lemma in NAMING_VERBS else {"oprd"}
        xc = next((c for c in tok.children if c.dep_ in deps and c.i > st.obj.i), None)
        if xc is not None:
            st.comp = xc
            st.rule = "quote.cue.object_predicate"
            st.comp_start = st.obj

    def _comp_naming_passive(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.naming_passive``: a passive naming with its agent: "The deal has been called a mistake by its critics." """
        if not (cue.lemma in NAMING_VERBS and any(c.dep_ == "agent" for c in tok.children)):
            return
        # "Smith has been called a fraud by his rivals": what is said is the whole
        # naming, from the one named to the name
        sp = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        name = next((c for c in tok.children if c.i > tok.i and (
            c.dep_ in {"oprd", "xcomp", "attr"} or (c.dep_ == "prep" and c.lower_ == "as"))), None)
        if sp is not None and name is not None and sp.tag_ not in {"WDT", "WP"}:
            st.comp, st.comp_start = name, sp
            st.rule = "quote.cue.naming_passive"

    def _comp_response(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.response``: a response by or with: "The ministry responded with a list of demands." """
        if cue.lemma not in self._RESPONSE_CUES:
            return
        # "responded by using ...", "responded with attacks on ...": the response
        st.comp = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i
                     and c.lower_ in {"by", "with"} and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
                     # "by" + a gerund is the manner ("responded by using ..."); "by" + a noun is
                     # a deadline or an agent ("didn't respond by the close of business")
                     and (c.lower_ == "with" or any(g.dep_ == "pcomp" or g.tag_ == "VBG" for g in c.children))
                     and not any(t.text in {",", ";"} for t in doc[tok.i + 1:c.i])), None)
        st.rule = "quote.cue.response"

    def _comp_for_clause(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.for_clause``: a "for X to do Y" clause the parser hung as an adverbial: "The union called for the city to raise wages." """
        if cue.lemma in self._RAISING:
            return
        for c in tok.children:
            if c.dep_ == "advcl" and c.i > tok.i and c.pos_ in {"VERB", "AUX"} \
                    and any(g.dep_ == "mark" and g.lower_ == "for" and g.i == c.left_edge.i for g in c.children) \
                    and any(g.dep_ in {"nsubj", "nsubjpass"} and g.i < c.i for g in c.children) \
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                st.comp = c
                st.rule = "quote.cue.for_clause"
                # the content starts after "for": "the city to raise wages"
                st.comp_cut = doc[c.left_edge.i + 1].idx
                break

    def _comp_topic_prep(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.topic_prep``: the object of a preposition of topic: "The governor called for a recount." """
        if not (("p" in cue.comp or self.settings.all_objects) and cue.lemma not in self._RAISING):
            return
        # "called for a ban", "spoke of his plans", "warned against retaliation",
        # "disagreed with her former boss"
        preps = self._WITH_PREPS if cue.lemma in self._WITH_CUES else self._TOPIC_PREPS
        for c in tok.children:
            if c.dep_ in {"prep", "prt"} and c.lower_ in preps and c.i > tok.i \
                    and not (st.obj is not None and st.obj.i < c.i and st.obj.pos_ in {"NOUN", "PROPN"}
                             and st.obj.ent_type_ not in {"DATE", "TIME"}):
                pobj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                if c.lower_ == "to" and (pobj is None or pobj.pos_ in {"PRON", "PROPN"}
                                         or pobj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
                                         or (cue.kind == "speech" and pobj.lemma_.lower() in self._AUDIENCE)) \
                        and not (pobj is not None and self._to_named_as(tok, c)):
                    continue  # "spoke to reporters", "wrote to the board": the addressee
                if pobj is not None and pobj.ent_type_ not in {"DATE", "TIME", "CARDINAL", "QUANTITY"}:
                    st.comp = pobj
                    st.rule = "quote.cue.topic_prep"
                    break

    def _comp_object(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.object``: a noun object: "The council criticized the new budget." (also ``quote.cue.said_about``: "She said little about the talks."; ``quote.cue.said_same``: "He said as much.")"""
        if not (("o" in cue.comp or (self.settings.all_objects and cue.lemma not in ADDRESSEE_VERBS and not self._object_barred(tok, cue)))):
            return
        for c in tok.children:
            if c.dep_ in {"dobj"} and c.i > tok.i and not (
                    # "addressed the symposium": the audience, not what was said
                    cue.kind == "speech" and c.pos_ == "NOUN" and c.lemma_.lower() in self._AUDIENCE) \
                    and (c.pos_ in {"NOUN", "PROPN"} or self._partitive(c) or self._plural_read_as_verb(c) or (
                    c.pos_ == "PRON" and (c.lower_ in self._OBJ_PRONOUNS or c.lower_ in self._REFLEXIVES)
                    and (cue.kind == "act" or "o" in cue.comp))
                    or (c.lower_ in {"this", "these", "something", "everything", "anything"} and cue.kind in {"speech", "belief"})) \
                    and (sum(1 for _ in c.subtree) >= 2
                         or (c.pos_ in {"PROPN", "PRON", "NOUN"} and (cue.kind == "act" or "o" in cue.comp))
                         or (c.lower_ in {"this", "these", "something", "everything", "anything"} and cue.kind in {"speech", "belief"})
                         # "didn't suggest retaliation", "declared bankruptcy": a bare noun is what was said
                         # (a speech verb's only: the bare object of a verb of finding, seeing or
                         # showing is a thing, "found errors", "have not seen skaters", "assumed office")
                         or (c.pos_ == "NOUN" and cue.kind == "speech"
                             and cue.lemma not in self._EXPERIENCER_OBJECT)
                         # "has not mentioned Machado since": a name is what a speech cue spoke of
                         or (c.pos_ == "PROPN" and cue.kind == "speech" and cue.lemma in self._TOPIC_VERBS)):
                # "attacked the plan", "endorsed Clinton"
                st.comp = c
                st.rule = "quote.cue.object"
                break
            if c.dep_ == "dobj" and c.i > tok.i and c.lower_ in self._QUANTITY_OBJECTS \
                    and any(g.dep_ == "prep" and g.lower_ in {"about", "on", "of", "regarding"} for g in c.children):
                st.comp = c      # "said little about the plan", "wrote nothing on the vote"
                st.rule = "quote.cue.said_about"
                break
            if c.dep_ in {"dobj", "advmod", "npadvmod"} and c.i > tok.i and cue.kind == "speech" \
                    and (c.lower_ == "same" or (c.lower_ == "much" and any(g.lower_ == "as" for g in c.children))):
                st.comp = c      # "said as much", "said the same of her rival": words said before
                st.rule = "quote.cue.said_same"
                break

    def _comp_passive_agent(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.passive_agent``: a passive subject with its agent: "The proposal was endorsed by the union." """
        if not ((cue.kind == "act" or "o" in cue.comp)):
            return
        # passive with its agent: "The plan was endorsed by the union"
        sp = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        if sp is not None and any(c.dep_ == "agent" for c in tok.children) and sp.lower_ not in PRONOUNS:
            st.comp = sp
            st.rule = "quote.cue.passive_agent"

    def _comp_relative_object(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.relative_object``: a relative object of a verb of naming or viewing: "The
        mayor dismissed what the opposition called a stunt." Narrowed to those verbs (call,
        describe, view, ...): over every act or speech verb ("a bill that the senator signed",
        "whom he attacked") it was right 0.34 of the time on PolNeAR train (97 predictions)."""
        if cue.lemma not in NAMING_VERBS and cue.lemma not in {"view", "see"}:
            return
        # "what she called a farce", "a blast that the mayor described as deliberate",
        # "which the chief executive called nonsense"
        rel = next((c for c in tok.children if c.dep_ == "dobj" and c.i < tok.i
                    and c.tag_ in {"WDT", "WP"}), None)
        if rel is not None and len(list(tok.subtree)) - len(list(rel.subtree)) >= 4 \
                and not any(c.i > tok.i and self._temporal_after_object(tok, c) for c in tok.children):
            st.comp = tok
            st.rule = "quote.cue.relative_object"
            if rel.lower_ == "that" and tok.dep_ == "relcl":
                st.comp_start = tok.head
            elif rel.lower_ == "what":
                # "engaging in what analysts described as [age-old tactics]": what it was
                # described as, not the free relative that names it
                st.comp = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i
                             for g in c.children if g.dep_ == "pobj"), st.comp)

    def _comp_expressed_attitude(self, doc, tok, cue, sent, st: _Complement) -> None:
        """``quote.cue.expressed_attitude``: what an expressed attitude is about: "The envoy voiced concern about the delays."."""
        if not (st.comp is not None and st.comp.dep_ == "dobj" and cue.lemma in self._LIGHT_VERBS):
            return
        # "expressed deep concern about the policy": what the concern is about
        about = self._attitude_object(st.comp)
        if about is not None:
            st.comp = about
            st.rule = "quote.cue.expressed_attitude"

    def _verb_cue_quotes(self, doc, text, tok, sent, sent_i, coord_of, out) -> None:
        """The rules around one cue verb (``quote.cue.*``): the complement its cue takes, then the
        speaker; or, with no complement, a passive, a fronted content, or the clause it hangs from."""
        cue = self._cue_for(tok)
        if cue is None:
            if self.settings.generic_cues and any(c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ in SUBJ_DEPS or g.dep_ == "mark" for g in c.children)
                                    for c in tok.children):
                cue = Cue(tok.lemma_.lower(), "belief", "c")
            else:
                return
        if cue.learned:
            # ``quote.cue.learned``: a row learned from PolNeAR train. The hand entry of the same
            # lemma reads first; only what the learned complements add (or a lemma the hand lexicon
            # lacks) is this rule's, with the row's train precision as its confidence
            n0 = len(out)
            if cue.base is not None:
                self._verb_cue_reading(doc, text, tok, cue.base, sent, sent_i, coord_of, out)
                if len(out) > n0:
                    return
            self._verb_cue_reading(doc, text, tok, cue, sent, sent_i, coord_of, out)
            for q in out[n0:]:
                q.rule = "quote.cue.learned"
            return
        self._verb_cue_reading(doc, text, tok, cue, sent, sent_i, coord_of, out)

    def _verb_cue_reading(self, doc, text, tok, cue, sent, sent_i, coord_of, out) -> None:
        """:meth:`_verb_cue_quotes` for one cue entry."""
        st = self._verb_complement(doc, tok, cue, sent)
        comp, comp_start, comp_cut, crule = st.comp, st.comp_start, st.comp_cut, st.rule
        if comp is not None:
            subj = self._speaker_of(coord_of.get(tok.i, tok))
            s, e = self._subtree_span(comp)
            if comp.lower_ in {"same", "much"} and comp.dep_ != "ccomp":
                # "said as much in an interview": the words that stand for what was said
                keep = [comp] + [g for c in comp.children if c.i > comp.i and c.dep_ == "prep"
                                 and c.lower_ in {"of", "about", "for"} for g in c.subtree]
                e = max(t.idx + len(t.text) for t in keep)
            if comp.i > tok.i:
                # "said the country would leave and warned that ...": a second cue verb in
                # the same form, with no subject of its own, is the speaker's next
                # statement (however the parser hung it), not part of the first
                for v in comp.subtree:
                    if v.dep_ != "conj" or v.pos_ != "VERB" or v.i <= comp.i or self._cue_for(v) is None:
                        continue
                    own = next((g for g in v.children if g.dep_ in SUBJ_DEPS), None)
                    if own is None and v.tag_ != tok.tag_ and not self._finite_second_cue(comp, v):
                        continue
                    if own is not None and (own.pos_ not in {"NOUN", "PROPN"} or "“" in text[s:v.idx]
                                            or '"' in text[s:v.idx]
                                            or any(g.dep_ == "mark" for g in v.children)):
                        continue
                    # "..., and when pressed, the aide replied ...": another speaker's statement
                    cc = max((g for g in v.head.children if g.dep_ == "cc" and g.i < v.i), default=None,
                             key=lambda g: g.i)
                    if cc is None or cc.i < comp.i or (own is None and v.i - cc.i > 3):
                        continue
                    cut = doc[cc.i - 1].idx if cc.i > 0 and doc[cc.i - 1].text == "," else cc.idx
                    if cut - s >= 8:
                        e = min(e, cut)
                        if own is None:
                            coord_of[v.i] = coord_of.get(tok.i, tok)
                    break
            if comp.dep_ == "xcomp" and comp.i > tok.i:
                # "promise to transform X but are likely to draw fire": a finite verb is not
                # the infinitive's second half but the subject's next predicate
                for v in comp.children:
                    if v.dep_ == "conj" and v.i > comp.i and v.tag_ in {"VBP", "VBZ", "VBD", "MD"}:
                        cc = next((g for g in comp.children if g.dep_ == "cc" and g.i < v.i), None)
                        cut = cc if cc is not None and cc.i > comp.i else v
                        if cut.i > 0 and doc[cut.i - 1].text == ",":
                            cut = doc[cut.i - 1]
                        if cut.idx - s >= 8:
                            e = min(e, cut.idx)
                        break
            # a trailing ", citing ..." / ", contradicting ..." is the writer's, not the content
            for c in (comp.children if self.settings.trim_participles else ()):
                if c.i > comp.i and c.dep_ in {"advcl", "xcomp", "conj"} and c.tag_ == "VBG" \
                        and c.i > 0 and c.doc[c.left_edge.i - 1].text == "," and c.left_edge.i == c.i:
                    e = min(e, c.doc[c.left_edge.i - 1].idx)
            if comp_start is not None:
                s = min(s, self._subtree_span(comp_start)[0])
            elif comp.dep_ == "ccomp" and comp.i > tok.i and comp.lemma_ == "be" \
                    and not any(g.dep_ in SUBJ_DEPS for g in comp.children):
                # "The problem, she said, is that ...": the subject of the content stands before the cue
                front = next((c for c in tok.children if c.dep_ == "dep" and c.i < tok.i
                              and c.pos_ in {"NOUN", "PROPN"} and c.left_edge.i == sent.start
                              and doc[c.right_edge.i + 1].text == ","), None)
                if front is not None:
                    s = min(s, front.left_edge.idx)
            if comp_cut is not None:
                s = max(s, comp_cut)
            if comp.dep_ == "dobj" and self.settings.all_objects:
                # "described the plan as a gamble", "cited X as evidence of Y", "accused X of Y"
                obj_end = max(t.i for t in comp.subtree)
                as_ = next((c for c in tok.children if c.dep_ == "prep" and c.i > comp.i
                            and (c.lower_ == "as" or (c.lower_ in {"of", "for"}
                                                      and (cue.kind == "act" or cue.lemma in self._JUDGING)))
                            and (c.i - obj_end <= 2
                                 # "lauded X in his address for helping ...": over a framing phrase
                                 or not any(t.text in {",", ";", ":", "—", "--", "(", "“", "\""}
                                            for t in doc[obj_end + 1:c.i]) and c.i - obj_end <= 12)),
                           None)
                if as_ is not None:
                    e = max(e, self._subtree_span(as_)[1])
            if comp.i > tok.i and self.settings.extend_right:
                e = self._extend_right(tok, comp, e)
                e = self._object_list_on_governor(tok, comp, e)
            if comp.dep_ == "xcomp":
                # "wants to build schools, hire teachers and ..." parsed with the later verbs on the cue
                last = max(t.i for t in comp.subtree)
                for c in tok.children:
                    if c.i > last and c.dep_ in {"advcl", "conj"} and c.tag_ == "VB" \
                            and not any(g.dep_ in SUBJ_DEPS or g.dep_ in {"mark", "aux"} for g in c.children) \
                            and c.left_edge.i <= last + 3:
                        e = max(e, self._subtree_span(c)[1])
                        last = max(t.i for t in c.subtree)
            if comp.i < tok.i:
                # fronted content: "The plan failed, he said." / "A, he said, until B."
                rest = [t for t in sent if t.i > tok.i and not t.is_punct
                        and (subj is None or t.i not in {x.i for x in subj.subtree})]
                quoted = text[s:s + 1] in {"“", "\"", "'", "«"}
                # the rest of the sentence continues the content ("A, he said, until B",
                # "A, the agency said, and B") unless it is the writer's ("..., he said
                # Tuesday, as they left", "..., adding that ...")
                cont = None
                subj_is = {x.i for x in subj.subtree} if subj is not None else set()
                for t in sent:
                    if t.i <= tok.i or t.i in subj_is:
                        continue
                    if t.text == ",":
                        cont = next((x for x in sent if x.i > t.i and not x.is_punct), None)
                        break
                    if t.pos_ in {"VERB", "AUX"} and t.i != tok.i:
                        break
                if cont is not None and not quoted and cont.lower_ not in self._WRITER_LINKS \
                        and (cont.tag_ != "VBG" or cont.dep_ in {"csubj", "nsubj"}) \
                        and not any(t.text in {"“", "”", "\"", "''"} for t in rest) \
                        and any(t.pos_ in {"VERB", "AUX"} and t.i >= cont.i for t in sent):
                    e = max(e, sent.end_char)
            s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, s, e))
            s, e = self._cut_trailing(doc, text, s, e)
            if comp.i > tok.i:
                s, e = self._colon_tail(doc, text, tok, s, e)
                e = self._inverted_condition(doc, tok, e)
            if e - s < (2 if (comp.pos_ in {"PROPN", "PRON", "NOUN"} and (
                    comp.dep_ == "dobj" or (comp.dep_ == "pobj" and cue.lemma in self._WITH_CUES)))
                    or comp.lower_ in {"same", "much"} else 8):
                return
            q = _Q.by(crule, (s, e), self._cue_span(tok), None, None, False, sent_i, kind=cue.kind)
            lost = self._lost_subject(doc, tok, sent) if subj is None and tok.tag_ in {"VBD", "VBZ", "VBP"} \
                and comp.i > tok.i else None
            if subj is None and cue.kind == "speech" and tok.tag_ in {"VBD", "VBZ", "VBP"} \
                    and comp.dep_ == "ccomp" and comp.i > tok.i:
                # a finite cue whose subject the parser lost ("... of the Post Trump said that"):
                # the content stands; the name right before the cue speaks
                if lost is not None:
                    q.speaker, q.speaker_tok = lost
                out.append(q)
                return
            if lost is not None and (tok.dep_ == "ROOT" or self._eaten_speaker(doc[tok.i - 1], tok)):
                # "When A, Obama and Clinton call them ...", with the names hung on A
                q.speaker, q.speaker_tok = lost
                out.append(q)
                return
            if subj is None and tok.tag_ == "VBN" and tok.lemma_ == "ask" and comp.i > tok.i \
                    and tok.left_edge.i == sent.start and tok.dep_ in {"advcl", "ccomp", "ROOT"}:
                # "Asked about the delay, the minister said ...": what was asked, by no one named
                q.rule = "quote.cue.asked_about"
                out.append(q)
                return
            if subj is None:
                pq = self._passive_accusation(tok, cue, text, sent_i)
                if pq is not None:
                    out.append(pq)
                return  # "to prove that ...", "showing ...": no one is speaking
            if cue.lemma in self._RAISING and comp.dep_ == "xcomp" and subj.i < tok.i \
                    and (self._cue_for(comp) or _NO_CUE).kind not in {"speech", "belief"}:
                # "the plan seems to have stalled": how things look to the writer, said of
                # the subject, not by it; the whole clause is the content
                q.content = (min(s, subj.left_edge.idx), e)
                q.rule = "quote.cue.raising"
                out.append(q)
                return
            q.speaker = self._speaker_span(subj, text, tok)
            q.speaker_tok = subj.i
            out.append(q)
            return
        pq = self._passive_accusation(tok, cue, text, sent_i) or self._passive_object(tok, cue, text, sent_i) \
            or self._reduced_passive(tok, cue, text, sent_i) or self._shown_object(tok, text, sent_i)
        if pq is not None:
            out.append(pq)
            return
        # the cue hangs from the content: "The plan failed, he said." parsed with "failed" as root
        head_cue = self._cue_for(tok.head) if tok.head.i != tok.i else None
        head = None
        if cue.kind == "speech" and tok.dep_ in {"ccomp", "parataxis", "advcl"} and tok.head.pos_ in {"VERB", "AUX"} \
                and not (tok.dep_ == "advcl" and tok.i > tok.head.i
                         and any(c.dep_ == "mark" and c.i < tok.i and c.lower_ in self._SUBORDINATE
                                                     for c in tok.children)) \
                and not (tok.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in tok.children)) \
                and not any(c.dep_ == "oprd" for c in tok.children) \
                and not (head_cue is not None and head_cue.kind == "speech" and tok.i < tok.head.i) \
                and not self._participle_adjunct(tok):
            head = tok.head
            # "Though A, he said, B": the cue hangs from the fronted clause; the content is the sentence
            while head.dep_ == "advcl" and head.head.i != head.i and head.head.i > tok.i \
                    and head.head.pos_ in {"VERB", "AUX"} and head.head.head.i == head.head.i:
                head = head.head
        elif cue.kind == "speech" and tok.dep_ == "parataxis" and tok.head.dep_ in SUBJ_DEPS \
                and tok.head.head.pos_ in {"VERB", "AUX"} and tok.head.i < tok.i < tok.head.head.i \
                and "," in {tok.left_edge.text, doc[max(0, tok.left_edge.i - 1)].text}:
            # "The difference now, he told me, is that ...": a parenthetical cue inside the subject
            head = tok.head.head
        if head is None and cue.kind == "speech" and tok.dep_ == "ROOT":
            # "Language unclear on who is covered, experts say.": a fronted content the
            # parser could not make a clause of
            fq = self._fronted_fragment(doc, text, tok, sent, sent_i) \
                or self._parenthetical_root(doc, text, tok, sent, sent_i)
            if fq is not None:
                out.append(fq)
                return
        if head is not None and any(c.dep_ == "dobj" and c.tag_ in {"WP", "WDT"} and c.i < tok.i
                                    for c in tok.children):
            return    # "That was what she said when ...": what she said is "what", not the rest
        if head is not None:
            subj = self._speaker_of(tok)
            if subj is None:
                return
            s, e = self._content_around(head, tok)
            s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, s, e))
            s, e = self._cut_trailing(doc, text, s, e)
            if e - s < 8:
                return
            q = _Q.by("quote.cue.content_before", (s, e), self._cue_span(tok), self._speaker_span(subj, text, tok), subj.i, False, sent_i)
            out.append(q)

    def _noun_cue_quotes(self, doc, text, tok, sent, sent_i, out) -> None:
        """The rules around one cue noun (``quote.noun.*``): "the mayor's claim that ...", "the claim
        that ...", "her criticism of ...", "faced ridicule", "made the case that ..."."""
        if tok.dep_ == "dobj" and tok.lemma_.lower() in self._RECEIVED and tok.head.lemma_ in self._RECEIVING:
            # "The clip has faced ridicule online": what drew the criticism, from no one named
            target = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if target is not None and target.tag_ not in {"WDT", "WP"} and target.lower_ != "it":
                ts, te = self._subtree_span(target)
                cut = self._trim(text, ts, te)
                if cut[1] - cut[0] >= 2:
                    cue = (tok.head.idx, tok.idx + len(tok.text))
                    out.append(_Q.by("quote.noun.received", cut, cue, None, None, False, sent_i, kind="noun"))
            return
        if tok.lemma_.lower() in self._AGREEMENT_NOUNS:
            aq = self._agreement_quote(text, tok, sent_i)
            if aq is not None:
                out.append(aq)
            return
        if tok.lemma_.lower() in self._LIGHT_NOUNS:
            # "made the case that ...": a cue only with its verb and clause
            comp = next((c for c in tok.children if c.dep_ in {"acl", "ccomp"} and c.i > tok.i
                         and c.pos_ in {"VERB", "AUX"}), None)
            lq = self._light_verb_quote(doc, text, tok, comp, sent_i)
            if lq is not None:
                out.append(lq)
            return
        gq = self._given_attitude(text, tok, sent_i)
        if gq is not None:
            out.append(gq)
            return
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        comp = next((c for c in tok.children if c.dep_ in {"acl", "ccomp"} and c.i > tok.i
                     and c.pos_ in {"VERB", "AUX"}), None)
        if poss is None:
            lq = self._light_verb_quote(doc, text, tok, comp, sent_i)
            if lq is not None:
                out.append(lq)
                return
        if poss is None:
            comp = comp or self._open_question(tok)
            # no one named: "the claim that ...", "fears that ..." (a source-less attribution)
            if comp is not None and tok.lemma_.lower() in self._OPEN_NOUNS \
                    and any(g.dep_ in {"mark", "advmod"} and g.lower_ in {"whether", "if", "that"} and g.i < comp.i
                            for g in comp.children):
                pass    # "much speculation whether ...", "little doubt that ...", "the question is whether ..."
            elif comp is None or tok.lemma_.lower() not in STANCE_NOUNS \
                    or not any(g.dep_ == "mark" and g.lower_ == "that" for g in comp.children):
                return
            s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
            if e - s >= 8:
                q = _Q.by("quote.noun.sourceless_stance", (s, e), (tok.idx, tok.idx + len(tok.text)), None, None, False, sent_i, kind="noun")
                # "X floated the notion that ...", "X acted in the hope that ...": the view is held by
                # the subject of the verb the noun hangs on, when there is one
                holder = self._noun_holder(tok)
                if holder is not None and holder.pos_ in {"PROPN", "NOUN", "PRON"} and holder.tag_ not in {"WDT"} \
                        and holder.lower_ not in {"it", "there", "this", "that"}:
                    q.speaker = self._speaker_span(holder, text, tok)
                    q.speaker_tok = holder.i
                out.append(q)
            return
        if comp is None:
            fq = self._frame_quote(doc, text, tok, poss, sent, sent_i)
            if fq is not None:
                out.append(fq)
                return
        if comp is None and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            comp = next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i), None)
        if comp is None and (tok.lemma_.lower() in ATTITUDE_NOUNS or tok.lemma_.lower() in self.OBJECT_NOUNS):
            # "her criticism of the plan", "their support for the bill"
            pp = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i
                       and c.lower_ in {"of", "for", "to", "about", "on", "over", "against"}), None)
            if pp is not None:
                comp = next((g for g in pp.children if g.dep_ in {"pobj", "pcomp"}
                             and g.ent_type_ not in {"DATE", "TIME", "CARDINAL"}), None)
        if comp is None:
            return
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
        if e - s < 8:
            return
        sp = (poss.idx, poss.idx + len(poss.text))
        if poss.lower_ not in PRONOUNS:
            sp = self._trim(text, *self._subtree_span(poss))
            # "Trump's" → "Trump"
            if text[sp[1] - 2:sp[1]] in {"'s", "’s"}:
                sp = (sp[0], sp[1] - 2)
        out.append(_Q.by("quote.noun.possessor", (s, e), (tok.idx, tok.idx + len(tok.text)), sp, poss.i, False, sent_i, kind="noun"))

    def _according_quotes(self, doc, text, tok, sent, sent_i, out) -> None:
        """``quote.according.*``: "according to X, ..." and "in a statement, X ..."/"in the latest poll, ..."."""
        to = speaker = None
        if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        elif tok.lower_ == "in":
            found = self._in_source(tok, sent)
            if found is not None:
                to, speaker = tok, found[1]   # a poll names no speaker; a statement's clause has one
        if to is not None:
            # ("according to show insiders" may come with "show" read as a verb)
            objs = [c for c in to.children if c.dep_ in {"pobj", "pcomp"}]
            if not objs:
                return
            sp = self._subtree_span(objs[0])
            cue = (tok.idx, to.idx + len(to.text))
            # content: the sentence without the "according to X" phrase
            if tok.i == sent.start or (tok.i == sent.start + 1 and doc[sent.start].is_punct):
                comma = next((t for t in objs[0].subtree if t.i > objs[0].i and t.text == ","), None)
                if comma is not None and any(t.dep_ == "conj" and t.head.i <= comma.i
                                             for t in objs[0].subtree if t.i > comma.i):
                    comma = None    # "According to Smith, Jones and Lee, ...": a list of sources
                if comma is not None:
                    # "According to X, the move reeks of …" with the clause hung on X
                    sp = (sp[0], comma.idx)
                s, e = (comma.idx + 1 if comma is not None else sp[1]), sent.end_char
            else:
                s, e = sent.start_char, tok.idx
                # "A, according to X, and B": the content runs on past the source
                after = objs[0].right_edge.i + 1
                if after + 1 < sent.end and doc[after].text == "," \
                        and doc[after + 1].lower_ not in self._WRITER_LINKS \
                        and doc[after + 1].tag_ != "VBG" \
                        and any(t.pos_ in {"VERB", "AUX"} for t in doc[after + 1:sent.end]):
                    e = sent.end_char
            s, e = self._trim(text, s, e)
            if speaker is not None:
                cue = (tok.idx, objs[0].idx + len(objs[0].text))
                s = max(s, speaker.left_edge.idx)   # not "earlier Wednesday," before the subject
                out.append(_Q.by("quote.according.in_source", (s, e), cue, self._speaker_span(speaker, text), speaker.i, False, sent_i))
            elif e - s >= 8:
                out.append(_Q.by("quote.according.to", (s, e), cue, self._trim(text, *sp), objs[0].i, False, sent_i))
