"""Transcript lines and block quotations: "NAME: words", a paragraph introduced by "X said:"."""
from __future__ import annotations

import re

from .candidate import _Q
from .lexicon import PATTERNS, WORDS, _NO_CUE


class ColonMixin:
    """Transcript lines and block quotations: "NAME: words", a paragraph introduced by "X said:"."""

    _COLON_RE = PATTERNS['_COLON_RE']

    #: labels of the newsroom before a colon, not speakers
    _EDITORIAL_LABELS = WORDS['_EDITORIAL_LABELS']

    def _block_quotes(self, doc, text) -> list[_Q]:
        """'Limbaugh added:' closing a paragraph, then the words in the next paragraph without
        quotation marks: that paragraph is the quotation."""
        out = []
        for m in re.finditer(r":[ \t\xa0]*\n\s*(?=\S)", text):
            nxt = m.end()
            if text[nxt] in "\"“'‘«":
                continue    # quoted: the quotation pass finds it
            colon = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
            if colon is None:
                continue
            verb = None
            for t in reversed(doc[max(0, colon.start - 4):colon.start]):
                if "\n" in t.text:
                    break
                if t.pos_ == "VERB" and (self._cue_for(t) or _NO_CUE).kind == "speech":
                    verb = t
                    break
            if verb is None:
                continue
            subj = self._speaker_of(verb)
            if subj is None:
                continue
            end = text.find("\n", nxt)
            cs, ce = self._trim(text, nxt, len(text) if end < 0 else end)
            if len(text[cs:ce].split()) < 4:
                continue
            out.append(_Q.by("quote.colon.block", (cs, ce), self._cue_span(verb), self._speaker_span(subj, text, verb), subj.i, True,
                          kind="speech"))
        return out

    def _colon_quotes(self, doc, text) -> list[_Q]:
        """Headlines and transcripts: "Pence: Flowers won't be at debate." / "WALLACE: Let's start ..."."""
        out = []
        pos = 0
        for para in text.split("\n"):
            m = self._COLON_RE.match(para)
            if m and len(m.group(2).split()) >= 3:
                ps = pos + m.start(1)
                pe = pos + m.end(1)
                cs, ce = self._trim(text, pos + m.start(2), pos + len(para))
                sp = doc.char_span(ps, pe, alignment_mode="expand")
                if m.group(1).lower() in self._EDITORIAL_LABELS or (
                        sp is not None and any(t.tag_ in {"VBZ", "VBD", "VBP"} for t in sp)):
                    pos += len(para) + 1
                    continue    # "Correction: ...", "The Latest: ...", a heading with a verb: no speaker
                head = sp.root.i if sp is not None else None
                out.append(_Q.by("quote.colon.transcript", (cs, ce), (pe, pe + 1), (ps, pe), head, False))
            pos += len(para) + 1
        return out
