"""Choosing among candidates: interrupted quotations merged into one, and the filters that
drop a candidate another one already holds."""
from __future__ import annotations

import bisect
import re
from typing import Optional

from .candidate import _Q
from .lexicon import NAMING_VERBS, WORDS
from .predicates import _ends_quoted, _has_object, _is_participle


class MergeMixin:
    """Choosing among candidates: interrupted quotations merged into one, and the filters that"""

    @staticmethod
    def _object_inside(doc, q, others) -> bool:
        """Whether ``q`` is a noun-object attribution ("cannot comment | the letter") whose cue and
        content lie inside the reported content of another quote ("X said that ...", the cue
        before its content)."""
        if not any(o is not q and not o.direct and o.cue is not None and o.cue[1] <= o.content[0]
                   and o.content[0] <= q.cue[0] and q.content[1] <= o.content[1]
                   and o.content[1] - o.content[0] > q.content[1] - q.content[0] for o in others):
            return False
        sp = doc.char_span(*q.content, alignment_mode="expand")
        cue = doc.char_span(*q.cue, alignment_mode="expand")
        if sp is None or cue is None or not len(sp) or not len(cue):
            return False
        if cue.root.lemma_.lower() in NAMING_VERBS or sp[0].tag_ in {"WP", "WDT"}:
            return False        # "what it called a threat": the naming is its own attribution
        if sp.root.pos_ in {"NOUN", "PROPN", "PRON", "NUM"} and sp[0].lower_ not in {"that", "to", "whether", "if"}:
            return True
        # "X said he hoped ...": a pronoun inside X's words speaking again is X
        return q.speaker_tok is not None and doc[q.speaker_tok].lower_ in {"he", "she", "they", "we", "i", "it"}

    @staticmethod
    def _inside_subordinate(doc, q, others) -> bool:
        """Whether ``q``'s cue and content lie inside another reported content that is a
        subordinate clause ("found that 74 percent said X", "worried that Y could threaten to
        ...", "pledged to ... what it called ...") or one sourced after it ("X said Y, according to
        Z"; "..., as police have said"): the report of the outer speaker, not a second one."""
        cue = doc.char_span(*q.cue, alignment_mode="expand")
        if cue is None or not len(cue):
            return False
        for o in others:
            if o is q or o.direct or o.cue is None or not (
                    o.content[0] <= q.cue[0] and q.content[1] <= o.content[1]
                    and o.content[1] - o.content[0] > q.content[1] - q.content[0]):
                continue
            sp = doc.char_span(*o.content, alignment_mode="expand")
            if sp is None or not len(sp):
                continue
            if o.cue[0] >= o.content[1] and sp.root.pos_ in {"VERB", "AUX"}:
                return True     # a clause, not what drew criticism ("X's remarks drew criticism")
            left = min(o.cue[0], o.speaker[0]) if o.speaker is not None else o.cue[0]
            if o.content[0] < left and o.cue[1] <= o.content[1] and q.cue[0] != o.cue[0] \
                    and doc.text[o.content[0]:left].rstrip().lower().endswith((",", " as")):
                return True     # "Y, according to Z, ...", "Y, as police have said": Z's parenthesis
            if o.cue[1] <= o.content[0] and sp[0].lower_ in {"that", "whether", "if", "to"} \
                    and (cue.root.i == sp[0].head.i or sp[0].head in cue.root.ancestors) \
                    and not any(c.dep_ == "mark" and c.lower_ in {"while", "whereas"} for c in cue.root.children):
                # inside the clause the marker opens, not in one the parser hung on it ("agreed that
                # A, while 60 percent said B": a second report set against the first)
                return True
        return False

    @staticmethod
    def _bare_topic(doc, q) -> bool:
        """Whether ``q`` is a noun cue whose content is a bare noun phrase of at most three words
        ("views of the United States", "support for NATO", "questions about their health"): the
        topic of a stance, not a proposition anyone reported; a stance its named owner holds stays
        ("the mayor's criticism of the deal"), and so does an accusation, whose object is the act
        alleged ("allegations of bribery"), and so does an attitude given to someone ("gave the mayor
        its endorsement": the mayor is what the giver backs)."""
        cue = doc.char_span(*q.cue, alignment_mode="expand")
        sp = doc.char_span(*q.content, alignment_mode="expand")
        return cue is not None and sp is not None and 0 < len(sp) <= 3 and len(cue) > 0 \
            and cue.root.pos_ == "NOUN" and sp.root.pos_ in {"NOUN", "PROPN", "PRON"} \
            and not any(t.is_quote for t in sp) \
            and not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in cue.root.children) \
            and cue.root.lemma_.lower() not in {"allegation", "accusation", "charge"} \
            and not (cue.root.dep_ == "dobj" and cue.root.head.lemma_.lower() in WORDS["_GIVING_VERBS"])

    #: what one says something "in" ("In a statement, the ministry ...")
    _MEDIUM_IN = WORDS['_MEDIUM_IN']

    @staticmethod
    def _is_conj_cue(doc, cue: tuple[int, int]) -> bool:
        sp = doc.char_span(*cue, alignment_mode="expand")
        return sp is not None and len(sp) > 0 and sp.root.dep_ == "conj"

    @staticmethod
    def _merge_interrupted(text: str, results: list[_Q], sent_starts: Optional[list[int]] = None,
                           doc=None) -> list[_Q]:
        """``"A," he said. "B."``: one quotation in two pieces (PolNeAR's fragments). What the
        attribution between the pieces says ('"A," said X, who has challenged Y, "B."') does not
        split them; it stays a quote of its own."""
        results.sort(key=lambda q: q.content[0])
        out: list[_Q] = []
        for q in results:
            k = len(out) - 1
            if q.direct and q.cue is None:
                while k > 0 and out[k].fragments == ["short"] and out[k - 1].content[1] <= out[k].content[0]:
                    k -= 1      # a title in the attribution ('"A," he told "Today." "B."') does not split it
                while k > 0 and not out[k].direct and out[k].content[1] <= q.content[0] \
                        and (out[k - 1].direct or _ends_quoted(text, out[k - 1].content)) and out[k - 1].cue is not None \
                        and out[k - 1].content[1] <= out[k].content[0] \
                        and not re.search(r"[.!?][\"”’']*\s", text[out[k - 1].cue[1]:out[k].content[0]]):
                    k -= 1
            if k >= 0 and q.direct and (out[k].direct or _ends_quoted(text, out[k].content)) and out[k].cue is not None:
                a = out[k]
                gap = text[a.content[1]:q.content[0]]
                cue_inside = a.cue[0] >= a.content[1] and a.cue[1] <= q.content[0]
                # '"A," he said, adding "B."': a cue of its own between the pieces makes B a new statement
                q_cue_ok = q.cue is None or q.cue == a.cue or (q.cue[1] <= q.content[0] and q.cue[0] >= a.content[1]
                                                               and not _is_participle(doc, q.cue))
                if not a.direct:
                    # '... "B," she added the words "C."': the cue's object is a new quotation, not A's rest
                    q_cue_ok = q_cue_ok and (q.cue is None or q.cue == a.cue) and not _has_object(doc, a.cue)
                # '"A," he said. "B."' continues; '"A," he said. He called it "B."' is a new statement
                nxt = bisect.bisect_right(sent_starts or [], a.cue[1])
                new_sentence = bool(sent_starts) and nxt < len(sent_starts) and sent_starts[nxt] < q.content[0] \
                    and text[q.content[0] - 1:q.content[0]] not in {"“", "\"", "«"}
                # a short quotation inside the attribution ('"A," she told CNN's "State of the Union."')
                # is a title; one right after a comma or colon ('"A," she said, "B."') goes on
                title = q.fragments == ["short"] and text[max(0, q.content[0] - 40):q.content[0]].rstrip()[-1:] not in {",", ":", ";", "—", ".", "!", "?"}
                if "\n" not in gap and len(gap.split()) <= 60 and cue_inside and q_cue_ok and not new_sentence \
                        and not title:
                    a.fragments = [f for f in (a.fragments or [a.content]) if f != "short"] + [q.content]
                    a.content = (a.content[0], q.content[1])
                    continue
            out.append(q)
        for q in out:
            if len(q.fragments) > 1 and all(isinstance(f, tuple) and (text[f[0]] in "\"“«'" or fi == 0)
                                            and text[f[1] - 1] in "\"”»'" for fi, f in enumerate(q.fragments)):
                q.content = MergeMixin._one_span(q.content, q.fragments)
        out.sort(key=lambda q: q.content[0])
        return out

    @staticmethod
    def _one_span(whole: tuple[int, int], fragments: list) -> tuple[int, int]:
        """The one span that best stands for a quotation in pieces: the whole stretch when the
        attribution between them is short, else the piece that carries most of the words."""
        pieces = set()
        for fs, fe in fragments:
            pieces.update(range(fs, fe))

        def fit(span):
            chars = set(range(*span))
            return len(chars & pieces) / max(len(chars), len(pieces))
        return max([whole] + list(fragments), key=fit)
