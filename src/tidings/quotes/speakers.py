"""Speakers: who says a cue (its subject, the controller of an infinitive, a passive's
agent), the speaker's span as written and the actor it resolves to."""
from __future__ import annotations

from typing import Optional

from ..model import Actor, span_of
from .lexicon import PRONOUNS, SUBJ_DEPS, WORDS, _NO_CUE
from .predicates import _degree_complement, _to_infinitive


class SpeakerMixin:
    """Speakers: who says a cue (its subject, the controller of an infinitive, a passive's"""

    #: what a finding is "in" ("in the latest poll, ...", "in one of the first surveys")
    _SOURCE_NOUNS = WORDS['_SOURCE_NOUNS']

    def _in_source(self, tok, sent):
        """What a clause is "in": a poll or study, its source ("In this poll, X leads", "X trails
        in one of the first polls") → ("poll", None); a statement or interview at the start of
        the sentence, whose clause's subject speaks ("In a statement issued Tuesday, X was more
        cautious") → ("medium", subject); else None. Not when a speech verb speaks for itself."""
        if tok.dep_ != "prep":
            return None
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        what = pobj
        if what.lower_ == "one":
            of = next((c for c in what.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            what = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        lemma = what.lemma_.lower() if what is not None else ""
        poll = lemma in self._SOURCE_NOUNS
        medium = pobj.lemma_.lower() in self._MEDIUM_IN and tok.i == sent.start
        head = tok.head
        if not (poll or medium) or head.pos_ not in {"VERB", "AUX"} or self._cue_for(head) is not None:
            return None
        if poll:
            return ("poll", None) if any(c.dep_ in SUBJ_DEPS for c in head.children) else None
        if any(t.i > pobj.right_edge.i and t.pos_ == "VERB" and (self._cue_for(t) or _NO_CUE).kind == "speech"
               for t in sent):
            return None     # "In a statement, the ministry said ...": the verb speaks for itself
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > pobj.i), None)
        return ("medium", subj) if subj is not None and subj.tag_ not in {"WDT", "WP"} and subj.lower_ != "it" else None

    #: verbs that bring their object to do what the infinitive says ("forced X to admit ...")
    #: (not the verbs of trying to cause — push, pressure, goad, tempt — which do not say the object
    #: did it: "pushes Democrats to reject the deal", "pressured him to resign")
    _CAUSING = WORDS['_CAUSING']

    def _controller(self, verb, _depth: int = 0):
        """Who does what a cue infinitive says when it hangs on a verb with an object ("forced
        the CEO to admit that ...", "led the journalist to fear ..."): the object; on an
        adjective ("was able to tout ...", "has been slow to embrace ..."): the subject of its
        verb. None otherwise."""
        if verb.dep_ != "xcomp" or verb.tag_ != "VB" or not _to_infinitive(verb):
            return None
        head = verb.head
        if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.pos_ in {"VERB", "AUX"}:
            if _degree_complement(head):
                return None
            return self._speaker_of(head.head, _depth + 1)
        if head.lemma_ == "be" and verb.i > head.i:
            # "his best response was to say ...": the one whose response it was
            subj = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
            return next((c for c in subj.children if c.dep_ == "poss"), None) if subj is not None else None
        if head.lemma_.lower() not in self._CAUSING:
            return None     # "required candidates to disclose ...": the object is part of what is required
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is None or obj.pos_ not in {"NOUN", "PROPN", "PRON"} or obj.lower_ in {"it", "this", "that", "what", "which"}:
            return None
        return obj

    def _noun_holder(self, noun, _depth: int = 0):
        """Who does what a gerund after a noun says ("you have no way of knowing ...", "were in
        the lead in advocating ...", "his theme of questioning ..."): the noun's possessor, else
        the subject of the verb the noun is the object of (directly or through a preposition)."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        up = noun.head
        if noun.dep_ == "pobj" and up.dep_ == "prep":
            up = up.head
        elif noun.dep_ not in {"dobj", "attr"}:
            return None
        if up.pos_ not in {"VERB", "AUX"} or up.i == noun.i:
            return None
        return self._speaker_of(up, _depth + 1)

    def _speaker_of(self, verb, _depth: int = 0):
        """The subject of a cue verb (through a coordinated or auxiliary head)."""
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
        if len(subjects) > 1 and subjects[0].tag_ in {"WDT", "WP"}:
            return subjects[1]      # "which advocates say ...": "which" is the content's subject
        if subjects:
            return subjects[0]
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} \
                and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
            # (a passive verb's subject is who it was done to, never the speaker of the verb before)
            for c in verb.head.children:
                if c.dep_ in {"nsubj", "csubj"}:
                    return c
            # "X railed against ..., denounced ... and said ...": on up the chain of coordinated verbs
            up = verb.head
            for _ in range(4):
                if up.dep_ != "conj" or up.head.pos_ not in {"VERB", "AUX"} \
                        or any(c.dep_ in {"nsubjpass", "auxpass"} for c in up.children):
                    break
                up = up.head
                subj = next((c for c in up.children if c.dep_ in {"nsubj", "csubj"}), None)
                if subj is not None:
                    return subj
        # a parse that hangs the speaker's clause under the cue ("X is keeping up his attacks, said
        # Tuesday that ...", "He criticized the plan said she ..."): the cue has no subject, a clausal
        # complement before it and its reported clause after it → the earlier clause's subject
        if verb.tag_ in {"VBD", "VBZ", "VBP"} and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
            before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
            if before is not None:
                subj = next((c for c in before.children if c.dep_ == "nsubj" and c.tag_ not in {"WDT", "WP"}), None)
                if subj is not None:
                    return subj
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            # "a post saying that ...", "one saying ..."; but "At a news conference announcing X, she
            # said ...": the one who spoke there
            medium = verb.head
            if verb.i > 0 and verb.doc[verb.i - 1].text == "," and medium.dep_ in {"dobj", "pobj"} \
                    and medium.lemma_.lower() not in self._MEDIUM_NOUNS:
                # "X has taken a swipe at Y's stance, saying ...", "X made an attempt to deflect
                # the criticism, writing ...": a participle after a comma goes with the clause's
                # subject, not with the noun the parse hung it on
                up = medium.head.head if medium.dep_ == "pobj" and medium.head.dep_ == "prep" else medium.head
                while up.pos_ not in {"VERB", "AUX"} and up.head.i != up.i and up.dep_ in {"pobj", "prep", "dobj"}:
                    up = up.head
                if up.pos_ in {"VERB", "AUX"} and up.i < verb.i:
                    main = self._speaker_of(up, _depth + 1) if _depth < 3 else None
                    if main is not None and main.tag_ not in {"WDT", "WP"}:
                        return main
            if medium.lemma_.lower() in self._MEDIUM_NOUNS and medium.dep_ == "dobj" \
                    and medium.head.pos_ in {"VERB", "AUX"} and _depth < 3:
                # "X issued a statement saying ...", "X sent a memo instructing ...": the sender
                main = self._speaker_of(medium.head, _depth + 1)
                if main is not None and main.tag_ not in {"WDT", "WP"} and main.lower_ != "it" \
                        and main.ent_type_ not in {"DATE", "TIME"}:
                    return main
            if medium.lemma_.lower() in self._MEDIUM_NOUNS and medium.dep_ == "pobj" and medium.head.dep_ == "prep" \
                    and medium.head.head.pos_ in {"VERB", "AUX"}:
                main = next((c for c in medium.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if main is not None and main.tag_ not in {"WDT", "WP"}:
                    return main
            return verb.head
        if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" \
                and verb.head.head.pos_ in {"VERB", "AUX"} and verb.head.head.i != verb.i:
            # "began by saying ...", "responded by arguing ..."
            return self._speaker_of(verb.head.head)
        if verb.dep_ in {"xcomp", "advcl"} and verb.tag_ == "VBG":
            # "..., saying that ..." / "adding ..." → the main clause's subject; when the parser
            # hung the participle inside the reported clause ("said talks would resume, adding
            # ..."), the subject of the speech verb above it
            head = verb.head
            after_comma = verb.i > 0 and verb.doc[verb.i - 1].text == ","
            while after_comma and head.head.i != head.i and (self._cue_for(head) or _NO_CUE).kind != "speech":
                head = head.head
            for h in (head, verb.head) if (self._cue_for(head) or _NO_CUE).kind == "speech" else (verb.head,):
                for c in h.children:
                    if c.dep_ == "nsubj":
                        return c
            if _depth < 3 and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i != verb.i:
                # "X sought to calm them and took it in stride, saying ...": the subject the
                # participle's head shares with the verb it is coordinated with
                up = self._speaker_of(verb.head, _depth + 1)
                if up is not None and up.tag_ not in {"WDT", "WP"}:
                    return up
        if self.settings.control and _depth < 3 and verb.head.i != verb.i and verb.head.pos_ in {"VERB", "AUX"}:
            head = verb.head
            if verb.dep_ == "advcl" and verb.tag_ == "VB" and _to_infinitive(verb):
                return self._speaker_of(head, _depth + 1)      # "met the mayor to discuss ..."
            if verb.dep_ == "xcomp" and verb.tag_ == "VB" and head.lemma_ in self._SUBJECT_CONTROL \
                    and _to_infinitive(verb) \
                    and not any(c.dep_ in {"dobj", "dative"} for c in head.children):
                # "protesters continued to call for ...": the one who continued calls
                return self._speaker_of(head, _depth + 1)
        controller = self._controller(verb, _depth) if self.settings.control and _depth < 3 else None
        if controller is not None:
            return controller
        if self.settings.control and _depth < 3 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
            up = verb.head.head
            if up.pos_ in {"ADV", "ADJ"} and up.dep_ in {"advmod", "acomp"} and up.head.pos_ in {"VERB", "AUX"}:
                up = up.head            # "stopped [short] of calling ...", "came [close] to saying ..."
            if up.pos_ in {"VERB", "AUX"}:
                return self._speaker_of(up, _depth + 1)  # "stopped short of calling ..."
            if up.pos_ == "NOUN":
                return self._noun_holder(up, _depth)    # "had no way of knowing ...", "his theme of questioning ..."
        if verb.dep_ == "relcl":
            return None
        if _depth == 0 and verb.dep_ == "ROOT" and verb.tag_ in {"VBD", "VBZ", "VBP"}:
            return self._name_before(verb)
        return None

    @staticmethod
    def _name_before(verb):
        """A finite main verb the parse left without a subject, right after a noun phrase ("At the
        club, Ann Ruiz, its president, suggested that ...", "X - in a line aimed at Y - declared
        ..."): that noun phrase is its subject (after a dash-enclosed aside, the noun before it).
        An appositive is climbed to its name unless the name sits in a prepositional phrase
        ("In an interview with host A, the candidate stated ...": the candidate)."""
        doc = verb.doc
        start = verb.sent.start
        k = verb.i - 1
        while k > start and doc[k].head.i == verb.i and doc[k].dep_ in {"advmod", "neg", "aux"}:
            k -= 1
        if doc[k].text in {"-", "—", "–", "--"}:
            k = next((j for j in range(k - 1, start - 1, -1) if doc[j].text == doc[k].text), start) - 1
        elif doc[k].text == ",":
            k -= 1
        if k < start:
            return None
        tok = doc[k]
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.head.i == verb.i or tok.dep_ in {"compound", "poss"}:
            return None

        def in_phrase(t) -> bool:
            for _ in range(12):
                if t.dep_ == "pobj":
                    return True
                if t.head.i == t.i or t.head.pos_ in {"VERB", "AUX"}:
                    return False
                t = t.head
            return False

        while tok.dep_ in {"conj", "appos"} and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i < tok.i \
                and not in_phrase(tok.head):
            tok = tok.head
        if in_phrase(tok) and tok.dep_ != "appos":
            return None
        return tok

    def _speaker_span(self, subj, text, cue=None) -> tuple[int, int]:
        if subj.lower_ in PRONOUNS:
            return subj.idx, subj.idx + len(subj.text)
        if cue is not None and cue.i in {t.i for t in subj.subtree}:
            # "a note saying ...": the speaker is the noun without the cue's clause
            s, e = self._subtree_span(subj, exclude=cue)
            return self._trim(text, s, e)
        # "officials, who rejected the plan last year, said": the relative clause describes them
        rel = next((c for c in subj.children if c.dep_ == "relcl" and c.i > subj.i and c.left_edge.i > 0
                    and subj.doc[c.left_edge.i - 1].text == ","), None)
        s, e = self._subtree_span(subj, exclude=rel)
        return self._trim(text, s, e)

    def _actor_for(self, ctx, links, tok_i: Optional[int], span: Optional[tuple[int, int]]) -> Optional[Actor]:
        """The actor of a speaker: the resolved mention at (or inside) the speaker span, else the
        resolver on the span (``links``: see ``stage._actor_links``); the actor carries the speaker span's text and offsets."""
        if tok_i is None or span is None:
            return None
        shown = span_of(ctx.text, *span)
        tok = ctx.doc[tok_i]
        if tok.lower_ in {"who", "that"} and tok.head.dep_ == "relcl" and tok.head.head.pos_ in {"NOUN", "PROPN"}:
            # "officials, who rejected ...": the speaker span is the pronoun, its actor the officials'
            ante = tok.head.head
            tok_i = ante.i
            span = self._trim(ctx.text, *self._subtree_span(ante, exclude=tok.head))
        m_at = links[0]
        m = m_at.get(tok_i)
        sp = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
        if m is None and sp is not None:
            # any mention inside the speaker span
            m = next((m_at[t.i] for t in sp if t.i in m_at), None)
        a = getattr(m, "actor", None) if m is not None else None
        if a is None and ctx.doc[tok_i].lower_ not in PRONOUNS and sp is not None:
            res = links[1]
            if res is not None:
                try:
                    a = res.resolve_span(sp, ctx.date)
                except Exception:
                    a = None
        if a is None:
            return None
        return a.model_copy(update={"text": shown.text, "start": shown.start, "end": shown.end})
