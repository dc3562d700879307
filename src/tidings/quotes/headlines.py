"""Headlines: "X: 'words'", "Words, X says", a headline's cue verb, trailing frames
("..., by one estimate") and plural-noun roots read as cue verbs."""
from __future__ import annotations

from typing import Optional

from .candidate import _Q
from .lexicon import PATTERNS, WORDS


class HeadlineMixin:
    """Headlines: "X: 'words'", "Words, X says", a headline's cue verb, trailing frames"""

    _HEAD_COLON_RE = PATTERNS['_HEAD_COLON_RE']

    def _headline_colon_quote(self, doc, text) -> list[_Q]:
        """A headline that names a person before a colon and quotes after it: "A Lesson From Jane
        Doe: 'Be Heard.'" / "Obama on Climate Change: The Trends Are 'Terrifying.'"."""
        line_end = text.find("\n")
        m = self._HEAD_COLON_RE.match(text if line_end < 0 else text[:line_end])
        if not m:
            return []
        label = doc.char_span(m.start("l"), m.end("l"), alignment_mode="expand")
        people = [e for e in (label.ents if label is not None else ()) if e.label_ == "PERSON"]
        if not people:
            return []
        cs, ce = self._trim(text, m.start("c"), m.end("c"))
        return [_Q.by("quote.headline.colon", (cs, ce), (m.end("l"), m.end("l") + 1), (people[0].start_char, people[0].end_char),
                   people[0].root.i, False)]

    #: "Words, X Says" / "X Says Words" (the headline cue verbs are spelled out in data/patterns.yaml)
    _HEAD_AFTER = PATTERNS['_HEAD_AFTER']

    _HEAD_BEFORE = PATTERNS['_HEAD_BEFORE']

    #: nouns of a reckoning or a view that frame a clause as someone's from its end
    _TRAILING_FRAMES = {k: frozenset(v) for k, v in WORDS['_TRAILING_FRAMES'].items()}

    def _trailing_frames(self, doc, text, sents) -> list[_Q]:
        """'..., by one estimate.', '... are "safe" in his eyes.': a phrase of reckoning or view
        closing the sentence, on its main verb, makes the rest of it the view of that phrase's noun."""
        out: list[_Q] = []
        for sent_i, sent in enumerate(sents):
            last = next((t for t in reversed(sent) if not (t.is_punct or t.is_space)), None)
            if last is None or last.dep_ != "pobj":
                continue
            prep = last.head
            nouns = self._TRAILING_FRAMES.get(prep.lower_) if prep.dep_ == "prep" else None
            if not nouns or (last.lemma_.lower() not in nouns and last.lower_ not in nouns) or prep.i <= sent.start + 3 \
                    or not any(c.dep_ in {"det", "poss", "nummod"} for c in last.children) \
                    or prep.head.i != sent.root.i:
                continue    # ("sticking her thumbs in their eyes", "..., who clinched X, by the AP's count": a
                            # phrase of another verb)
            end = doc[prep.i - 1].idx if doc[prep.i - 1].text == "," else prep.idx
            s, e = self._trim(text, sent.start_char, end)
            if e - s < 8 or text[s:e].count("\"") % 2 or text[s:e].count("“") != text[s:e].count("”"):
                continue    # (not from inside a quotation)
            sp = self._trim(text, *self._subtree_span(last))
            out.append(_Q.by("quote.frame.trailing", (s, e), (prep.idx, prep.idx + len(prep.text)), sp, last.i, False, sent_i, kind="noun"))
        return out

    def _plural_roots(self, doc, text, sents) -> list[_Q]:
        """A sentence whose root the tagger made a plural noun that is a cue verb after the noun
        it belongs to ("The Clinton campaign plans to employ ...", "..., the candidate's former
        doctor maintains."): the words after it, or the clause before the subject's comma when
        nothing follows, said by the noun phrase before it. (Headlines: _headline_plural_verb.)"""
        out: list[_Q] = []
        line_end = text.find("\n")
        for sent_i, sent in enumerate(sents):
            t = sent.root
            if t.tag_ not in {"NNS", "NNPS"} or t.i == sent.start or sent.start_char < line_end \
                    or doc[t.i - 1].dep_ != "compound" or doc[t.i - 1].pos_ not in {"NOUN", "PROPN"}:
                continue
            cue = self._cue_for(t)
            if cue is None or cue.kind == "act" or any(c.dep_ in {"det", "poss", "amod", "nummod"} and c.i > t.i
                                                        for c in t.children):
                continue
            first = min((c.left_edge for c in t.children if c.i < t.i
                         and c.dep_ in {"compound", "det", "amod", "poss", "nmod", "nummod", "nsubj"}),
                        key=lambda x: x.i, default=doc[t.i - 1])
            if first.i > sent.start and doc[first.i - 1].text == "," and all(x.is_punct or x.is_space for x in doc[t.i + 1:sent.end]):
                s, e = self._trim(text, sent.start_char, doc[first.i - 1].idx)      # "A, X maintains."
            elif t.i + 1 < sent.end and (doc[t.i + 1].lower_ in {"to", "that"} and "x" in cue.comp + "c"
                                         or any(c.dep_ in {"xcomp", "ccomp"} and c.i > t.i for c in t.children)):
                s, e = self._trim(text, doc[t.i + 1].idx, sent.end_char)           # "X plans to ..."
            else:
                continue
            s, e = self._clip_paragraph(text, t.idx, s, e)
            if e - s < 8 or any(ch in text[s:e] for ch in "“”\"«»"):
                continue
            ss, se = self._trim(text, first.idx, doc[t.i - 1].idx + len(doc[t.i - 1].text))
            out.append(_Q.by("quote.cue.plural_root", (s, e), (t.idx, t.idx + len(t.text)), (ss, se), doc[t.i - 1].i, False, sent_i,
                          kind=cue.kind))
        return out

    def _headline_plural_verb(self, doc, text, line_end: int) -> Optional[_Q]:
        """A headline whose cue verb the tagger read as a plural noun ending the subject ("House
        panel votes to hold ...", "Federal court rules against ...", "Sanders Vows To Eliminate
        ...", "Trump questions the fairness of ..."): the words after it, said by the noun
        phrase before it (after a fronted phrase's comma)."""
        head = [t for t in doc if t.idx < line_end]
        for k, t in enumerate(head[1:-2], 1):
            if t.tag_ not in {"NNS", "NNPS"} or not (t.dep_ == "ROOT" or (t.dep_ == "dobj" and t.head.i == t.i - 1
                                                                          and t.head.dep_ == "ROOT")):
                continue
            cue = self._cue_for(t)
            prev = head[k - 1]
            if cue is None or prev.pos_ not in {"NOUN", "PROPN"} or any(c.dep_ == "det" for c in t.children):
                return None
            start = max((x.i + 1 for x in head[:k] if x.text == ","), default=head[0].i)
            nxt = head[k + 1]
            if start >= t.i or nxt.is_punct or nxt.pos_ in {"VERB", "AUX"} and nxt.tag_ != "VB":
                return None
            cue_end = t.idx + len(t.text)
            if nxt.dep_ == "prep" and nxt.lower_ in self._TOPIC_PREPS - {"to"} and k + 2 < len(head):
                cue_end, nxt = nxt.idx + len(nxt.text), head[k + 2]    # "rules against ..."
            s, e = self._trim(text, nxt.idx, line_end)
            ss, se = self._trim(text, doc[start].idx, prev.idx + len(prev.text))
            if e - s < 8:
                return None
            return _Q.by("quote.headline.plural_verb", (s, e), (t.idx, cue_end), (ss, se), prev.i, False, kind=cue.kind)
        return None

    #: words that open a headline's adjunct of time or place after a quotation
    _HEAD_ADJUNCTS = WORDS['_HEAD_ADJUNCTS']

    def _headline_root_cue(self, doc, text, line_end: int) -> list[_Q]:
        """A title-case headline with nothing found in it whose root is a cue verb after its
        subject ("Obama Sees 'Personal Insult' if ...", "Popular Website Shows Bias When ..."):
        the rest of the line, said by the subject (headline grammar drops what the verb needs)."""
        words = [w for w in text[:line_end].split() if w[:1].isalpha()]
        if not (3 <= len(words) <= 25) or sum(w[0].isupper() for w in words) < 0.7 * len(words):
            return []
        root = next((t for t in doc if t.idx < line_end and t.dep_ == "ROOT"), None)
        if root is None or root.tag_ != "VBZ" or self._cue_for(root) is None or root.i + 2 >= len(doc):
            return []
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i
                     and c.pos_ in {"PROPN", "NOUN"} and c.left_edge.i == doc[0].i + (doc[0].is_space)), None)
        if subj is None or any(t.text == "," for t in doc[subj.right_edge.i + 1:root.i]):
            return []
        s, e = self._trim(text, doc[root.i + 1].idx, line_end)
        close = {"‘": "’", "“": "”", "'": "'", '"': '"'}.get(text[s:s + 1])
        q_end = text.find(close, s + 1, e) + 1 if close is not None else 0
        if q_end > 0 and text[q_end:e].split()[:1] and text[q_end:e].split()[0].lower() in self._HEAD_ADJUNCTS:
            e = q_end    # "Speaks ‘Directly To White People’ After ...": the words, not when
        if e - s < 8:
            return []
        return [_Q.by("quote.headline.root_cue", (s, e), self._cue_span(root), self._speaker_span(subj, text, root), subj.i, False)]

    def _headline_quotes(self, doc, text) -> list[_Q]:
        """A title-case headline that the tagger reads as one name: "Mayor Says Bridge Will Reopen",
        "Bridge Will Reopen, Mayor Says"."""
        line_end = text.find("\n")
        line = text if line_end < 0 else text[:line_end]
        words = [w for w in line.split() if w[:1].isalpha()]
        if not (3 <= len(words) <= 25):
            return []
        pq = self._headline_plural_verb(doc, text, len(line))
        if pq is not None:
            return [pq]
        if sum(w[0].isupper() for w in words) < 0.7 * len(words):
            return []
        m = self._HEAD_AFTER.match(line) or self._HEAD_BEFORE.match(line)
        if not m:
            return []
        cs, ce = self._trim(text, m.start("c"), m.end("c"))
        ss, se = self._trim(text, m.start("s"), m.end("s"))
        sp = doc.char_span(ss, se, alignment_mode="expand")
        return [_Q.by("quote.headline.says", (cs, ce), (m.start("v"), m.end("v")), (ss, se), sp.root.i if sp is not None else None, False)]
