"""Quotation marks: direct quotations, their attribution nearby, titles and signatures."""
from __future__ import annotations

import re
from typing import Optional

from .candidate import _Q
from .lexicon import MIXED_QUOTE_RE, PATTERNS, QUOTE_RE, WORDS, _NO_CUE, _TURNED_CLOSE_RE
from .predicates import _as_put_it


class MarksMixin:
    """Quotation marks: direct quotations, their attribution nearby, titles and signatures."""

    @staticmethod
    def _participle_after(doc, cue_end: int, end: int) -> bool:
        """'"A," the mayor said, adding that ...' / '..., going on to ...': after the cue (and a
        speaker after it), a comma and a participle open the speaker's next act."""
        span = doc.char_span(cue_end, end, alignment_mode="expand")
        if span is None:
            return False
        for i, t in enumerate(span[:8]):
            if t.text == ",":
                nxt = [x for x in span[i + 1:i + 3] if x.pos_ != "ADV"]
                return bool(nxt) and nxt[0].tag_ == "VBG"
            if t.text in {"“", "\"", "«", ".", ";"}:
                return False
        return False

    def _direct_quotes(self, doc, text) -> list[tuple[int, int, bool]]:
        spans = []
        taken = []
        # an opening mark typed for the closing one ('... 51 percent.“' at a line's end)
        marks = _TURNED_CLOSE_RE.sub("”", text) if "“" in text else text
        for m in QUOTE_RE.finditer(marks):
            if m.group(0)[0] == "“" and re.search(r"\n\s*\n\s*(?!“)\S", m.group(0)):
                # a curly quotation runs on over a paragraph only when the next one reopens it
                # with “; else its closing mark was typed straight ('“no evidence" yet …')
                continue
            taken.append((m.start(), m.end()))
        # a pair of mismatched marks ("...” or “...") that no regular pair covers: a typo, still a quotation
        for m in MIXED_QUOTE_RE.finditer(marks):
            if m.group(0)[0] + m.group(0)[-1] in {'"”', '“"'} \
                    and not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
        for start, end in sorted(taken):
            inner = text[start:end].strip("'")[1:-1].strip()
            words = inner.split()
            # short ones are scare quotes or titles unless a cue claims them
            spans.append((start, end, len(words) < 4))
        return spans

    #: words before a short quotation that make it a name or title ("on “Face the Nation,”")
    _TITLE_PREPS = WORDS['_TITLE_PREPS']

    #: nouns of a work whose title follows in quotation marks ("his book, “...,”", "the anthem “...”")
    _WORK_NOUNS = WORDS['_WORK_NOUNS']

    def _named_as(self, doc, text, qs: int, qe: int) -> Optional[_Q]:
        """A short quotation that a naming verb gives its object ('calls people "losers"', 'in a box
        labeled "medical problem"'): the naming is the quote, its subject (if any) the speaker."""
        sp = doc.char_span(qs, qe, alignment_mode="expand")
        if sp is None:
            return None
        path = [sp.root]
        while path[-1].pos_ != "VERB" and path[-1].head is not path[-1] and len(path) < 4:
            path.append(path[-1].head)
        verb = path[-1]
        if len(path) < 2 or verb.pos_ != "VERB" or verb.lemma_.lower() not in {"call", "label", "dub", "brand", "term"} \
                or path[-2].dep_ not in {"oprd", "dobj"}:
            return None
        obj = path[-2]
        lo = min(obj.left_edge.idx, qs)
        hi = max(obj.right_edge.idx + len(obj.right_edge.text), qe)
        subj = self._speaker_of(verb)
        if subj is None and verb.dep_ == "acl" and verb.tag_ != "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}:
            subj = verb.head    # 'the chair to call a "special meeting"' (not 'a box labeled "..."')
        return _Q.by("quote.direct.named_as", self._trim(text, lo, hi) if hi > qe else (lo, qe), self._cue_span(verb),
                  self._speaker_span(subj, text, verb) if subj is not None else None,
                  subj.i if subj is not None else None, False)

    @classmethod
    def _is_title(cls, text: str, qs: int) -> bool:
        """A quotation right after the noun of a work ("In his book, “Title,” he ..."): its title."""
        prev = text[max(0, qs - 30):qs].split()[-1:]
        return bool(prev) and prev[0].rstrip(",").lower() in cls._WORK_NOUNS

    #: objects that name a statement before a colon ("made the following comment:")
    _SAID_NOUNS = WORDS['_SAID_NOUNS']

    #: verbs that attribute only right after a quotation ('"...," she continued.')
    _AFTER_QUOTE_CUES = WORDS['_AFTER_QUOTE_CUES']

    def _attribution_near(self, doc, text, qs: int, qe: int):
        """A cue verb with a subject next to a quotation: after it in its sentence (", he said."),
        or before it (X said: "...")."""
        end_tok = doc.char_span(qe - 1, qe, alignment_mode="expand")
        start_tok = doc.char_span(qs, qs + 1, alignment_mode="expand")
        cands = []
        # a quotation closed by a full stop is followed by a new sentence; after "?" or "!" no comma
        # can stand, so '“... ?” Clinton said.' is still attributed
        closed = text[max(qs, qe - 3):qe].rstrip("”\"'» ")[-1:] == "."
        if end_tok is not None and not (closed and text[qe:qe + 3].strip()[:1] not in {",", ""}):
            # after the quote, within its sentence: '"...," he said.' / '"...," said the minister.'
            i = end_tok[-1].i + 1
            stop = min(len(doc), i + 14)
            while i < stop:
                t = doc[i]
                if "\n" in t.text or t.text in {"“", "\"", "''"}:
                    break
                if t.pos_ == "VERB" and ((self._cue_for(t) or _NO_CUE).kind == "speech"
                                         or t.lemma_ in self._AFTER_QUOTE_CUES or _as_put_it(t)):
                    cands.append(t)
                    break
                if t.text in {".", "!", "?"}:
                    break
                i += 1
        if not cands and start_tok is not None:
            # before it: 'X said: "..."' / 'X told reporters, "..."'
            j = start_tok[0].i - 1
            k = 0
            crossed = False
            while j >= 0 and k < 5:
                t = doc[j]
                if "\n" in t.text:
                    # 'X added:\n\n"..."': a quotation set off in its own paragraph after a colon
                    if crossed or j == 0 or doc[j - 1].text != ":":
                        break
                    crossed = True
                    j -= 1
                    k = 0
                    continue
                if t.pos_ == "VERB" and ((self._cue_for(t) or _NO_CUE).kind == "speech" or _as_put_it(t) or (
                        # 'She continued, “...”' / 'Limbaugh continued: “...”'
                        t.lemma_ in self._AFTER_QUOTE_CUES and t.i + 1 < len(doc) and doc[t.i + 1].text in {",", ":"}
                        and all(x.is_space for x in doc[t.i + 2:start_tok[0].i]))):
                    cands.append(t)
                    break
                if t.pos_ == "NOUN" and t.lemma_.lower() in self._SAID_NOUNS and t.dep_ == "dobj" \
                        and t.head.pos_ == "VERB" and t.i + 1 < len(doc) and doc[t.i + 1].text == ":":
                    cands.append(t.head)    # 'X made the following comment: "..."'
                    break
                j -= 1
                k += 1
        for v in cands:
            subj = self._speaker_of(v)
            if subj is not None and qs <= subj.idx < qe:
                # a subject the parse found inside the quotation speaks in it, not of it
                # ('"..., everything you do," Smith said'): the words between the quotation and
                # the cue ('," Smith said'), else an inverted subject ("said Smith")
                subj = None
                if v.idx >= qe:
                    span = doc.char_span(qe, v.idx, alignment_mode="contract")
                    heads = [t for t in (span or []) if t.pos_ in {"PROPN", "NOUN", "PRON"}
                             and not (span.start <= t.head.i < span.end)]
                    subj = heads[-1] if heads else None
            if subj is None:
                # inverted: "said the minister"
                for c in v.children:
                    if c.dep_ in {"nsubj", "dobj", "attr", "npadvmod"} and c.i > v.i and c.pos_ in {"PROPN", "NOUN"}:
                        subj = c
                        break
            return v, subj
        return None, None

    _SIGNED_RE = PATTERNS['_SIGNED_RE']

    def _signature(self, doc, text, qe: int):
        """A quotation signed after a dash: “...” ― Jane Doe."""
        m = self._SIGNED_RE.match(text, qe)
        if not m:
            return None
        dash = text.index(m.group(0).strip()[0], qe)
        return (dash, dash + 1), (m.start(1), m.end(1))
