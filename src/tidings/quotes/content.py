"""Content spans of the quote rules: a clause's span, extended to the right, trimmed at
its edges, cut before a trailing aside or a conjoined clause of the writer's."""
from __future__ import annotations


from .lexicon import PATTERNS, STANCE_NOUNS, SUBJ_DEPS, WORDS, _NO_CUE
from .predicates import _opens_on_that, _to_infinitive


def token_span(toks) -> tuple[int, int]:
    """Character span from the first to the last of ``toks`` (any order)."""
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def trim_edges(text: str, start: int, end: int, also: str = "") -> tuple[int, int]:
    """``start:end`` without the spaces and punctuation at its edges (a trailing period too);
    ``also``: more characters to trim at both edges."""
    lead, tail = ",;:—–-" + also, ",;:.—–-" + also
    while start < end and (text[start].isspace() or text[start] in lead):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in tail):
        end -= 1
    return start, end


class ContentMixin:
    """Content spans of the quote rules: a clause's span, extended to the right, trimmed at"""

    @staticmethod
    def _subtree_span(tok, exclude=None) -> tuple[int, int]:
        """Character span of ``tok``'s subtree, cut before ``exclude`` (a token in it) if given."""
        toks = [t for t in tok.subtree]
        if exclude is not None:
            ex = {t.i for t in exclude.subtree}
            toks = [t for t in toks if t.i not in ex]
            # keep the contiguous run around tok
            idx = sorted(t.i for t in toks)
            run = [tok.i]
            i = tok.i - 1
            while i in idx:
                run.insert(0, i)
                i -= 1
            i = tok.i + 1
            while i in idx:
                run.append(i)
                i += 1
            toks = [tok.doc[i] for i in run]
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return start, end

    @staticmethod
    def _content_around(head, cue) -> tuple[int, int]:
        """The clause a parenthetical or trailing cue hangs from ("X, he said, Y"), without the
        cue's own words at its edges."""
        ex = {t.i for t in cue.subtree}
        toks = [t for t in head.subtree if t.i not in ex]
        if not toks:
            return head.idx, head.idx
        return token_span(toks)

    _DANGLING_RE = PATTERNS['_DANGLING_RE']

    @classmethod
    def _drop_dangling(cls, text: str, start: int, end: int) -> tuple[int, int]:
        """An indirect content never ends on a conjunction whose second half the parser hung
        elsewhere ("... not complete, and [rights groups warned ...]")."""
        m = cls._DANGLING_RE.search(text, start, end)
        if m is not None and m.start() - start >= 8:
            return start, m.start()
        return start, end

    @classmethod
    def _after_as_clause(cls, doc, text: str, start: int, end: int) -> tuple[int, int]:
        """An indirect content that opens on an "as" clause set off by a comma ("Still, as Ms. Lund
        noted, in the first weeks ...", "If, as I've suggested, he ...", "As it stands, the
        system ...") starts after it: the clause is the writer's aside or a second source."""
        sp = doc.char_span(start, end, alignment_mode="expand")
        if sp is None or len(sp) < 6:
            return start, end
        as_ = next((t for t in sp[:3] if t.lower_ == "as" and t.dep_ == "mark"), None)
        if as_ is None or any(t.pos_ not in {"PUNCT", "CCONJ", "SCONJ", "ADV"} or t.lower_ in {"that", "whether"}
                              for t in sp[:as_.i - sp.start]):
            return start, end
        verb = as_.head
        comma = next((t for t in doc[as_.i + 1:min(as_.i + 10, sp.end - 2)] if t.text in {",", "—", "--"}), None)
        if comma is None or not as_.i < verb.i < comma.i \
                or not any(c.dep_ in SUBJ_DEPS or c.dep_ == "expl" for c in verb.children):
            return start, end
        return cls._trim(text, doc[comma.i + 1].idx, end)

    @staticmethod
    def _participle_adjunct(tok) -> bool:
        """"A judged B a paper tiger, encouraging the attacks": a participle after its clause, with
        no subject and an object of its own, says what that clause did; it does not attribute it
        (unlike "The plan failed, he said")."""
        return tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i \
            and not any(c.dep_ in SUBJ_DEPS for c in tok.children) \
            and any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in tok.children)

    @staticmethod
    def _trim(text: str, start: int, end: int) -> tuple[int, int]:
        return trim_edges(text, start, end)

    #: words that open the writer's own clause after "..., he said,"
    _WRITER_LINKS = WORDS['_WRITER_LINKS']

    #: a trailing clause after a comma that is the writer's aside, not the attributed content
    _ASIDE_MARKS = WORDS['_ASIDE_MARKS']

    #: conjunctions that make a clause the writer's ("..., while 73 percent said the same"), unlike
    #: "as X said" (an attribution of the main clause)
    _SUBORDINATE = WORDS['_SUBORDINATE']

    _ASIDE_REL = WORDS['_ASIDE_REL']

    def _cut_trailing(self, doc, text: str, s: int, e: int) -> tuple[int, int]:
        """Cut an indirect content before a trailing aside: ", which ...", ", who ...", an
        appositive (", the former governor"), a participle (", known as ..."), ", although ...",
        or a new clause after a semicolon. Quoted text is never cut."""
        if e <= s:
            return s, e
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) < 3:
            return s, e
        if any(t.text in {"“", "”", "\"", "''", "``"} for t in span):
            return s, e
        last = span[-1]
        while last.is_punct and last.i > span.start:
            last = doc[last.i - 1]
        cut = None
        short_ok = False    # a name before ", who ..." is content however short ("endorsed Ruiz, who ...")
        for t in span:
            if t.i <= span.start + 1 or t.left_edge.i <= span.start:
                continue
            prev = doc[t.left_edge.i - 1]
            if t.text == ";" and t.i < last.i:
                cut = t.idx
                break
            if prev.text != "," or prev.i < span.start or t.right_edge.i < last.i:
                continue
            first = doc[t.left_edge.i]
            aside = (t.dep_ == "relcl" and first.lower_ in self._ASIDE_REL) \
                or (t.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in self._ASIDE_MARKS for g in t.children))
            if not aside and t.head.i >= span.start and (
                    (t.dep_ == "appos" and not any(g.dep_ == "cc" for g in t.subtree))   # not a list "A, B and C"
                    or (t.dep_ == "acl" and t.tag_ in {"VBN", "VBG"})):
                # "... Mr. Trump, the presumed favourite" / "..., known as ...": the writer's description
                aside = True
            if aside:
                cut = prev.idx
                short_ok = t.dep_ == "relcl" and first.lower_ in {"who", "whom", "whose"}
                break
        if cut is not None and (cut - s >= 8 or (short_ok and cut - s >= 2)):
            return self._trim(text, s, cut)
        return s, e

    def _colon_tail(self, doc, text: str, tok, s: int, e: int) -> tuple[int, int]:
        """A content that stops at a colon of its own clause goes on to what the colon announces:
        "notes that three things happen at once: A, B and C". Only for a main-clause cue (not a
        participle inside another clause's subject or object) and within the sentence."""
        if tok.dep_ not in {"ROOT", "conj", "ccomp"} or tok.idx > s:
            return s, e
        k = e
        while k < len(text) and text[k] in " \t":
            k += 1
        if k >= len(text) or text[k] != ":":
            return s, e
        if ":" in text[tok.idx:s] or ":" in text[s:e]:
            return s, e
        nxt = doc.char_span(k, k + 1, alignment_mode="expand")
        if nxt is None or nxt.end >= len(doc):
            return s, e
        after = doc[nxt.end]
        if "\n" in text[k:after.idx]:
            return s, e
        end = after.sent.end_char
        p1 = text.find("\n", k)
        if p1 >= 0:
            end = min(end, p1)
        return self._trim(text, s, end) if end > k + 1 else (s, e)

    @staticmethod
    def _inverted_condition(doc, tok, e: int) -> int:
        """A condition with its auxiliary first ("threatened to make him testify, should he fail
        to ...") belongs to the content, as an "if" clause would; the parser makes it the root with
        the cue's clause as its object. The content runs to the end of the condition's clause."""
        head = tok.head
        if tok.dep_ != "ccomp" or head.dep_ != "ROOT" or head.i < tok.i:
            return e
        k = tok.right_edge.i + 1
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k + 2 > head.i or doc[k].dep_ != "aux" or doc[k].head.i != head.i \
                or doc[k].lower_ not in {"should", "had", "were"} \
                or doc[k + 1].dep_ not in SUBJ_DEPS or doc[k + 1].head.i != head.i or doc[k].idx < e:
            return e
        last = head.right_edge.i
        for t in doc[head.i + 1:head.right_edge.i + 1]:
            if t.text in {",", ";", ":", "—", "--", "("}:
                last = t.i - 1
                break
        while last > head.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        return max(e, doc[last].idx + len(doc[last].text))

    def _eaten_speaker(self, last, c) -> bool:
        """A speech cue clause right after a name the parser coordinated with the object before it
        ("... the investigation and Democrats [accused] the GOP of ..."): that name is the cue's subject."""
        return c.left_edge.i == c.i == last.i + 1 and last.dep_ == "conj" and last.pos_ == "PROPN" \
            and not any(g.dep_ in SUBJ_DEPS or g.dep_ == "mark" for g in c.children) \
            and c.tag_ in {"VBD", "VBZ", "VBP"} and (self._cue_for(c) or _NO_CUE).kind in {"speech", "act"}

    @staticmethod
    def _object_list_on_governor(tok, comp, e: int) -> int:
        """A noun the parser coordinated with the verb that governs the cue ("opened by
        stressing cheaper rents, and [a plan to build ...]") is the next item of the cue's
        object: a verb is never coordinated with a noun."""
        if comp.dep_ != "dobj" or comp.pos_ not in {"NOUN", "PROPN"} or tok.dep_ not in {"pcomp", "xcomp"}:
            return e
        gov = tok.head.head if tok.dep_ == "pcomp" else tok.head
        if gov.pos_ not in {"VERB", "AUX"}:
            return e
        doc = tok.doc
        k = comp.right_edge.i + 1
        while k < len(doc) and (doc[k].text == "," or (doc[k].dep_ == "cc" and doc[k].head.i == gov.i)):
            k += 1
        nxt = next((c for c in gov.children if c.dep_ == "conj" and c.left_edge.i == k and c.i > comp.i), None)
        if nxt is None or nxt.pos_ not in {"NOUN", "PROPN"} or k == comp.right_edge.i + 1:
            return e
        return max(e, nxt.right_edge.idx + len(nxt.right_edge.text))

    def _extend_right(self, tok, comp, e: int) -> int:
        """Carry a content that follows its cue over what the parser hung on the cue verb after
        it: "cited remarks [as examples of ...]", "compared his struggles [to those of ...]",
        "cited her work [after the attacks and her position on ...]". A coordinated verb
        ("... and warned"), a framing phrase ("during the debate", "in a statement", "on
        Friday", "..., when ...", "to help ...", "..., making ...") and the closing punctuation
        stay out."""
        last = max(t.i for t in comp.subtree)
        pending = None          # a comma or conjunction kept only if what follows is kept
        for c in sorted(tok.children, key=lambda c: c.i):
            if c.i <= last:
                continue
            if c.dep_ == "punct":
                if c.text != ",":
                    break
                pending = c
                continue
            if c.dep_ == "cc":
                pending = pending or c
                continue
            if c.dep_ == "advmod" and c.pos_ == "ADV" and c.i == c.right_edge.i and pending is None:
                continue    # "compared him [favorably] to ...": kept only if what follows is kept
            after_comma = pending is not None and pending.text == ","
            if c.dep_ == "conj":
                if c.pos_ in {"VERB", "AUX"} and not self._second_half(tok, comp, c) \
                        and not self._second_report(comp, c):
                    break
            elif c.dep_ == "dobj" and pending is not None and pending.dep_ == "cc":
                pass    # "condemned the test as reckless and [a threat to ...]": a second object
            elif c.dep_ == "dobj" and after_comma and comp.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} \
                    and comp.pos_ in {"NOUN", "PROPN"}:
                pass    # "point out their own credentials, [each other's failings]": a list split in two
            elif c.dep_ == "prep" and c.lower_ == "as" and c.n_lefts == 0 and c.n_rights > 0 \
                    and not any(g.dep_ in {"pobj", "pcomp"} for g in c.children):
                pass    # "condemned the test as “provocative”": a predicate the parser hung on "as"
            elif c.dep_ == "prep":
                pobj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                if pobj is None and c.lower_ != "according":    # "out of", "instead of": the second word's object
                    inner = next((g for g in c.children if g.dep_ == "prep" and g.i == c.i + 1), None)
                    pobj = next((g for g in inner.children if g.dep_ in {"pobj", "pcomp"}), None) if inner is not None else None
                if pobj is None or pobj.ent_type_ in {"DATE", "TIME"} or pobj.lemma_.lower() in self._MEDIUM_NOUNS \
                        or c.lower_ in self._FRAME_PREPS or (after_comma and c.lower_ in {"with", "in", "for", "of"}):
                    break
            elif c.dep_ in {"acl", "relcl", "dative", "oprd", "acomp", "appos"}:
                if after_comma and c.dep_ in {"relcl", "appos", "acl"}:
                    break
            elif c.dep_ == "advcl" and c.tag_ == "VBG" and pending is None and c.left_edge.i == c.i == last + 1 \
                    and comp.dep_ == "dobj" and tok.doc[last].pos_ in {"NOUN", "PROPN"}:
                pass    # "disclosed the specter of her husband [making millions ...]": no comma, the object's
            elif c.dep_ == "advcl":
                if c.tag_ == "VBG" or any(g.dep_ in {"mark", "aux", "advmod"} and g.i < c.i for g in c.children):
                    break
            elif c.dep_ == "ccomp" and comp.dep_ == "dobj" and pending is None and c.left_edge.i == last + 1 \
                    and _opens_on_that(c) and comp.lemma_.lower() in self.OBJECT_NOUNS | STANCE_NOUNS:
                pass    # "echoed statements by X last week [that ...]": the noun's clause, hung on the verb
            elif c.dep_ == "ccomp" and comp.dep_ == "dobj" and pending is None and c.left_edge.i == last + 1 \
                    and not any(g.dep_ == "mark" for g in c.children):
                pass    # "mentioned remarks [he had made about ...]": a relative clause the parser misread
            elif c.dep_ == "ccomp" and comp.dep_ == "ccomp" and self._eaten_speaker(tok.doc[last], c):
                # "convinced X mishandled the investigation and [Democrats] accused ...": a second
                # speaker's statement; its subject, hung on the object, leaves the content too
                cc = next((g for g in tok.doc[last].head.children if g.dep_ == "cc" and g.i < last), None)
                return min(e, tok.doc[last].idx if cc is None else cc.idx) if tok.doc[last].idx > comp.idx else e
            elif c.dep_ == "ccomp" and comp.dep_ == "ccomp" and pending is None and c.left_edge.i == last + 1 \
                    and ((c.left_edge.i == c.i and not any(g.dep_ in SUBJ_DEPS or g.dep_ == "mark" for g in c.children))
                         or tok.doc[last].lower_ in self._CLAUSE_OPENERS
                         or (tok.doc[last].dep_ == "prep" and not any(g.dep_ in {"pobj", "pcomp"}
                                                                     for g in tok.doc[last].children))):
                # "believe [the effort being placed on X] [shows Y]": one clause split in two;
                # "needs a plan in case [X were to ...]": the content cannot end on "in case", nor on a
                # preposition whose object the parser hung on the cue ("focusing on “he said this”")
                pass
            else:
                break
            e = max(e, max(t.idx + len(t.text) for t in c.subtree))
            last = c.right_edge.i
            pending = None
        return e

    _TIME_NOUNS = WORDS['_TIME_NOUNS']

    @staticmethod
    def _temporal_after_object(tok, clause) -> bool:
        """"what the minister said when she resigned": with its object already there ("what"),
        a "when/while/as" clause after the cue tells when it was said, not what."""
        return clause.dep_ in {"advcl", "ccomp"} and tok.doc[clause.left_edge.i].lower_ in {"when", "whenever", "while"} \
            and any(g.dep_ == "dobj" for g in tok.children)

    @staticmethod
    def _second_report(comp, conj) -> bool:
        """"said that A, and that B" / "asked whether A and whether B": a clause the parser
        coordinated with the cue verb that opens on its own "that" or "whether" is a second
        clause of the same report, not the speaker's next act (PolNeAR train: the content carried
        over it matched 14 of 15 times, against 4 of 15 when it stopped before it)."""
        if comp.dep_ != "ccomp":
            return False
        mark = next((g for g in conj.children if g.dep_ == "mark" and g.lower_ in {"that", "whether"}), None)
        return mark is not None and mark.i == conj.left_edge.i

    @staticmethod
    def _second_half(tok, comp, conj) -> bool:
        """"declined to threaten X or even declare Y": a bare verb without its own subject, after
        an infinitive content and a conjunction, is the infinitive's second half even when the
        parser hung it on the cue ("declined ... declare"), unlike a second finite verb of the
        speaker ("urges her to leave and says ..."); so is a second gerund after a gerund."""
        doc = conj.doc
        if not (conj.is_alpha and conj.left_edge.i > 0 and doc[conj.left_edge.i - 1].dep_ == "cc"
                and conj.tag_ != tok.tag_ and not any(g.dep_ in SUBJ_DEPS or g.dep_ == "aux" for g in conj.children)):
            return False
        if conj.tag_ in {"VB", "VBP"}:
            if comp.dep_ == "xcomp" and _to_infinitive(comp):
                return True
            # "referencing the drive to cross-sell or make customers ...": the content ends on a bare verb
            verbs = [t for t in comp.subtree if t.pos_ == "VERB"]
            if bool(verbs) and verbs[-1].tag_ == "VB" and comp.right_edge.i - verbs[-1].i <= 2:
                return True
            # "said she wanted to speak to them and let them know ...": a bare verb cannot go on a
            # past or third-person cue; it is the second half of an infinitive inside the content
            return conj.tag_ == "VB" and tok.tag_ in {"VBD", "VBZ"} \
                and any(t.dep_ == "xcomp" and t.tag_ == "VB" and _to_infinitive(t) for t in comp.subtree)
        # "mentioned refinancing loans and forcing universities to ...": a second gerund
        return conj.tag_ == "VBG" and doc[comp.left_edge.i].tag_ == "VBG"

    def _finite_second_cue(self, comp, v) -> bool:
        """A finite cue verb with no subject coordinated with the content's own main verb ("says
        Machado promised to ... and said she would ...", "tweeted that X was “a con” and encouraged
        Americans to ...", with "tweeted" mistagged) is a statement of its own, whatever its tense."""
        return v.head.i == comp.i and v.tag_ in {"VBD", "VBZ", "VBP"} and comp.pos_ in {"VERB", "AUX"} \
            and self._cue_for(v).kind == "speech"

    @staticmethod
    def _clip_paragraph(text: str, cue_start: int, s: int, e: int) -> tuple[int, int]:
        """Keep a content inside the paragraph of its cue."""
        p0 = text.rfind("\n", 0, cue_start) + 1
        p1 = text.find("\n", cue_start)
        if p1 < 0:
            p1 = len(text)
        return max(s, p0), min(e, p1)
