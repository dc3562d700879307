"""The quotes stage: direct quotations and reported speech, with cue, speaker and rule.

Passes over the spaCy parse, each made of named rules (:data:`tidings.quotes.rules.RULES`):

1. **Attributions around a cue word** ("said", "told", "argued", "believes", "according to",
   ...; ``data/quotes_cues.tsv``): the cue's subject is the speaker, its clausal complement the
   content ("X said (that) ...", "X told reporters ...", "X wants to ..."); a content fronted
   before the cue ("..., the minister said.") is the clause the cue hangs from (``cues.py``,
   ``nouns.py``, ``stances.py``, ``sourceless.py``).
2. **Direct quotations** in straight or curly quotes, over several sentences where they run on,
   split by their attribution (``"A," he said. "B."`` gives two quotes of the same speaker). A
   quotation that has no cue of its own continues the previous speaker's quote when it follows
   it ("he added" or nothing at all) (``marks.py``, ``merge.py``).
3. **Colons and headlines** (``colons.py``, ``headlines.py``).

The speaker span is the source as written (a pronoun stays a pronoun, as in PolNeAR); the
resolved actor goes to ``Quote.speaker_actor``: the actors stage's mention under the speaker,
else its resolver, and for a pronoun or a continuing quote the previous speaker's actor.
"""
from __future__ import annotations

import re

from typing import Any, Optional

from ..model import Quote, span_of
from .candidate import _Q
from .colons import ColonMixin
from .content import ContentMixin
from .cues import CueMixin
from .headlines import HeadlineMixin
from .lexicon import _NO_CUE, load_cues
from .marks import MarksMixin
from .merge import MergeMixin
from .nouns import NounMixin
from ..config import QuoteSettings
from .sourceless import SourcelessMixin
from .speakers import SpeakerMixin
from .scorer import features, load_scorer
from .adder import load_adder
from .tagger import load_tagger
from .stances import StanceMixin

#: a dateline read as a speaker: "WASHINGTON (AP)", "PHILADELPHIA, July 25 (UPI)", "MYRTLE BEACH"
_DATELINE_RE = re.compile(r"^(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][\w.]*(?: \d{1,2})?)?(?: \([A-Za-z ]+\))?"
                          r"|[A-Z][a-z]+(?: [A-Z][a-z]+)* \((?:AP|AFP|UPI|Reuters)\))$")


def _actor_links(ctx) -> tuple[dict, Any]:
    """What the quotes stage reads from the actors stage: token index → actor mention, and the
    actor resolver (for a speaker no mention covers). The one place that reads them off the context."""
    return ctx.mention_at_token or {}, ctx.actor_resolver


class QuoteStage(CueMixin, NounMixin, StanceMixin, SourcelessMixin, ColonMixin, HeadlineMixin, MarksMixin,
                 MergeMixin, SpeakerMixin, ContentMixin):
    name = "quotes"
    requires: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset({"date", "dateline", "mention_at_token", "actor_resolver"})
    provides: frozenset[str] = frozenset({"record.quotes"})

    def __init__(self, config=None) -> None:
        self.config = config
        self.settings: QuoteSettings = getattr(config, "quotes", None) or QuoteSettings()
        self.cues = load_cues(self.settings.cue_files, self.settings.learned_cues)
        self._stance_hashes = None
        self._cue_memo: dict = {}

    def __call__(self, ctx) -> None:
        """Match the rules over the article, then set its quotes."""
        doc = ctx.doc
        text = ctx.text
        body_start = ctx.dateline.body_start if ctx.dateline else 0
        # a headline line before the dateline keeps its quotes ("Mayor: 'We will rebuild.'\n\nTULSA - ...")
        head_end = ctx.dateline.place_start if ctx.dateline else 0
        dedup = self.match(doc, text, body_start, head_end)
        ctx.record.quotes = self.annotate(ctx, dedup)

    def match(self, doc, text: str, body_start: int = 0, head_end: int = 0) -> list[_Q]:
        """Every rule's candidates over a parsed article, chosen and merged: one per stretch of text."""
        found = self._cue_quotes(doc, text)
        if self.settings.stances:
            have = {q.content for q in found}
            found += [q for q in self._stance_quotes(doc, text) if q.content not in have]
            src = self._sourceless_quotes(doc, text)
            # "it appeared that X": a cue reading with "it" as its speaker gives way to the view from no one
            nobody = {q.content for q in src}
            found = [q for q in found if q.content not in nobody or q.speaker_tok is None
                     or doc[q.speaker_tok].lower_ != "it"]
            have = {q.content for q in found}
            found += [q for q in src if q.content not in have
                      and not any(f.content[0] <= q.content[0] and q.content[1] <= f.content[1] for f in found)]
        sents = list(doc.sents)
        found += self._plural_roots(doc, text, sents) + self._trailing_frames(doc, text, sents)
        colon = [c for c in self._colon_quotes(doc, text) if c.speaker[0] >= body_start or c.content[1] <= head_end]
        if not colon or colon[0].content[0] > text.find("\n"):
            colon += self._headline_colon_quote(doc, text)
        blocks = self._block_quotes(doc, text) if ":" in text else []
        directs = self._direct_quotes(doc, text)
        results: list[_Q] = []
        used_cue: set[int] = set()
        covered: set[int] = set()
        # cues inside a quotation belong to the quoted speaker's words, not to the article
        found = [q for q in found if not any(qs < q.cue[0] and q.cue[1] < qe for qs, qe, _ in directs)]
        for di, (qs, qe, short) in enumerate(directs):
            owner = None
            for q in found:
                s, e = q.content
                if s >= qs - 3 and e <= qe + 3:
                    owner = q          # the cue's content is this quotation
                    break
                if s <= qs and e >= qe - 1 and (e - s) > (qe - qs):
                    owner = q          # a quotation inside reported speech: "X says it means Trump “...”"
                    break
                if max(0, min(e, qe) - max(s, qs)) > 0:
                    owner = q
            if owner is not None and owner.cue is not None and owner.cue[0] >= qe \
                    and abs(owner.content[1] - qe) <= 3 and self._is_title(text, qs):
                # 'In his book, "Title," Smith suggested ...': a content read up to a title is no one's words
                used_cue.add(id(owner))
                continue
            if owner is not None:
                used_cue.add(id(owner))
                s, e = owner.content
                if abs(s - qs) <= 3 and owner.cue is not None and owner.cue[0] >= qe \
                        and owner.cue[0] - qe <= 80 and not any(ch in text[qe:owner.cue[0]] for ch in "\n“”\"«»") \
                        and text[qs:qe].rstrip("”\"'» ")[-1:] in {",", ".", "!", "?"} \
                        and (not any(ch in text[owner.cue[1]:e] for ch in "“\"«")
                             or self._participle_after(doc, owner.cue[1], e)):
                    # '"A," Smith said, going on to ...': the quotation is the content, not what follows
                    e = min(e, qe)
                if s >= qs - 3 and e <= qe + 3:
                    sp, sp_tok = owner.speaker, owner.speaker_tok
                    if sp is not None and qs <= sp[0] < qe:
                        # a speaker the parse found inside the quotation ('"... [Clinton] can be ...,"
                        # Kilfoyle said'): the attribution next to the quotation names the speaker
                        verb, subj = self._attribution_near(doc, text, qs, qe)
                        if subj is not None and not (qs <= subj.idx < qe):
                            sp, sp_tok = self._speaker_span(subj, text, verb), subj.i
                    results.append(_Q.by("quote.direct.by_cue", (qs, qe), owner.cue, sp, sp_tok, True, owner.sent))
                else:
                    results.append(_Q.by(owner.rule, (min(s, qs), max(e, qe)), owner.cue, owner.speaker, owner.speaker_tok,
                                      False, owner.sent, kind=owner.kind))
                covered.add(di)
                continue
            prev_word = text[max(0, qs - 40):qs].split()[-1:] or [""]
            words = [w for w in text[qs + 1:qe - 1].split() if w[:1].isalpha()]
            named = short or (len(words) <= 8 and all(w[0].isupper() or w in {"of", "the", "and", "a", "in", "on", "for", "to"}
                                                      for w in words))
            if self._is_title(text, qs) or named and (prev_word[0].lower() in self._TITLE_PREPS or prev_word[0].endswith(("'s", "’s"))):
                # 'On Tuesday's episode of "The Morning Show," she said ...': a title, not her words
                results.append(_Q.by("quote.direct.short", (qs, qe), None, None, None, True, fragments=["short"]))
                continue
            signed = self._signature(doc, text, qe)
            if signed is not None:
                sp = doc.char_span(*signed[1], alignment_mode="expand")
                results.append(_Q.by("quote.direct.signature", (qs, qe), signed[0], signed[1], sp.root.i if sp is not None else None, True))
                continue
            verb, subj = self._attribution_near(doc, text, qs, qe)
            if short:
                # scare quotes and titles: a short quotation counts only right next to "X said"
                after = text[qe:qe + 2].strip()[:1]
                before = text[max(0, qs - 2):qs].strip()[-1:]
                inside_end = text[max(qs, qe - 2):qe - 1].strip()[-1:]
                adjacent = after == "," or inside_end in {",", "?", "!"} or before in {":", ","}
                if verb is None or subj is None or not adjacent:
                    named_q = self._named_as(doc, text, qs, qe)
                    if named_q is not None:
                        results.append(named_q)
                        continue
                    # kept only if it continues the previous quotation ("A," she said. "B.")
                    results.append(_Q.by("quote.direct.short", (qs, qe), None, None, None, True, fragments=["short"]))
                    continue
            embedded = self._embedded_reading(doc, text, qs, qe)
            if embedded is not None:
                results.append(embedded)
                continue
            q = _Q.by("quote.direct.unattributed", (qs, qe), None, None, None, True)
            if verb is not None:
                q.cue = self._cue_span(verb)
                q.rule = "quote.direct.attribution"
                if subj is not None:
                    q.speaker = self._speaker_span(subj, text, verb)
                    q.speaker_tok = subj.i
            results.append(q)
        for q in found:
            if id(q) in used_cue:
                continue
            # skip indirect content that sits inside a direct quotation (a cue quoted by someone)
            if any(qs <= q.content[0] and q.content[1] <= qe for qs, qe, _ in directs):
                continue
            # a content that stops inside a quotation it opened runs to the closing mark (or, when
            # it holds no more than the opening mark, stops before it)
            for qs, qe, _ in directs:
                if q.content[0] < qs < q.content[1] < qe:
                    q.content = (q.content[0], qe) if text[qs + 1:q.content[1]].strip() \
                        else self._trim(text, q.content[0], qs)
            results.append(q)
        results = self._merge_interrupted(text, results, [s.start_char for s in doc.sents], doc)
        results = [q for q in results if q.fragments != ["short"]]
        # colon attributions win over what the other passes found in their paragraph
        for c in colon + blocks:
            results = [q for q in results if not (c.content[0] <= q.content[0] and q.content[1] <= c.content[1] + 2)]
            results.append(c)
        results = [q for q in results if q.content[0] >= body_start or q.content[1] > body_start
                   or q.content[1] <= head_end]
        for h in self._headline_quotes(doc, text):
            results = [q for q in results if q.content[1] <= h.content[0] or q.content[0] >= h.content[1] + 2]
            results.append(h)
        line_end = text.find("\n")
        if line_end > 0 and not any(q.content[0] < line_end for q in results):
            results += self._headline_root_cue(doc, text, line_end)
        if self.settings.off_rules:
            off = set(self.settings.off_rules)
            results = [q for q in results if q.rule not in off]
        results.sort(key=lambda q: (q.content[0], -q.content[1]))
        # one quote per stretch of text: drop one that mostly repeats the previous
        dedup: list[_Q] = []
        for q in results:
            if dedup:
                a = dedup[-1]
                ov = min(a.content[1], q.content[1]) - max(a.content[0], q.content[0])
                longer = max(a.content[1] - a.content[0], q.content[1] - q.content[0])
                if ov > 0.6 * longer:  # nested attributions stay ("X added that Y told them ...")
                    if a.speaker is None and q.speaker is not None:
                        dedup[-1] = q
                    continue
            dedup.append(q)
        # an attitude, intention or act reported inside someone's reported words is theirs, not a
        # second attribution ("X said the company plans to ...": one quote); speech inside speech
        # stays ("X said Y told them ...")
        dedup = [q for q in dedup if (q.kind == "speech" and q.cue is not None) or not any(
            o is not q and o.speaker is not None and o.content[0] <= q.content[0] and q.content[1] <= o.content[1]
            and o.content[1] - o.content[0] > q.content[1] - q.content[0] for o in dedup)]
        # what someone inside a reported statement does to a thing ("said he cannot comment on the
        # letter", "says the state will announce plans"): part of that statement, not one of its own
        dedup = [q for q in dedup if q.direct or q.cue is None or not self._object_inside(doc, q, dedup)]
        dedup = [q for q in dedup if q.direct or q.cue is None or not self._inside_subordinate(doc, q, dedup)]
        dedup = [q for q in dedup if q.direct or q.cue is None or not self._bare_topic(doc, q)]
        # a second verb of the same speaker inside that speaker's content is part of it
        # ("declined to criticize A or even declare it guilty": one quote, not two)
        dedup = [q for q in dedup if q.direct or q.cue is None or q.speaker_tok is None or not any(
            o is not q and not o.direct and o.speaker_tok == q.speaker_tok and o.content[0] <= q.cue[0]
            and q.content[1] <= o.content[1] and self._is_conj_cue(doc, q.cue) for o in dedup)]
        return dedup

    #: how the quotation's clause or phrase may hang on the cue verb before it
    _EMBEDDED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd"})

    def _embedded_reading(self, doc, text: str, qs: int, qe: int) -> Optional[_Q]:
        """'he contended the firm's services "would be the perfect system"', 'called the mayor a
        "blowhard"': a quotation that opens inside its sentence right after a word (not after a
        comma, colon or the start of its line) and that the parse hangs, through the clause or
        object it sits in, on a cue verb before it is a piece of that reported clause: the content
        is the clause (or object) that holds it, the speaker the cue's subject. It is no direct
        quotation of its own (``quote.direct.embedded``)."""
        before = text[max(0, qs - 30):qs].rstrip()
        if not before or not before[-1].isalnum() or "\n" in text[max(0, qs - 3):qs]:
            return None
        span = doc.char_span(qs, qe, alignment_mode="expand")
        first = next((t for t in span if not t.is_punct), None) if span is not None else None
        if first is None:
            return None
        h = first
        for _ in range(8):
            v = h.head
            if v.i == h.i:
                return None
            if v.i < span.start and v.pos_ in {"VERB", "AUX"} and h.dep_ in self._EMBEDDED_DEPS:
                cue = self._cue_for(v)
                if cue is None or any(c.dep_ in {"auxpass", "nsubjpass"} for c in v.children):
                    return None     # "X is considered the "Y"": the passive's subject belongs to the content
                s = h.left_edge.idx
                last = h.right_edge
                e = max(qe, last.idx + len(last.text))
                p0, p1 = text.rfind("\n", 0, qs) + 1, text.find("\n", qs)
                if s >= qs or s < p0:
                    return None
                s, e = self._trim(text, s, min(e, p1) if p1 >= 0 else e)
                subj = self._speaker_of(v)
                speaker = self._speaker_span(subj, text, v) if subj is not None else None
                if speaker is not None and s <= speaker[0] < e:
                    speaker, subj = None, None
                return _Q.by("quote.direct.embedded", (s, e), self._cue_span(v), speaker,
                             subj.i if subj is not None else None, False, kind=cue.kind)
            h = v
        return None

    def annotate(self, ctx, dedup: list[_Q], features_out: Optional[list] = None) -> list[Quote]:
        """The chosen candidates as Quote items: spans, the speaker's actor, the rule id, the
        learned scorer's confidence (those under ``min_confidence`` are dropped). ``features_out``,
        when given, receives each quote's features (before any veto; tools/train_quote_scorer.py)."""
        doc = ctx.doc
        text = ctx.text
        links = _actor_links(ctx)
        out: list[Quote] = []
        pairs: list[tuple[_Q, Quote]] = []
        prev: Optional[Quote] = None
        prev_end = -1
        for q in dedup:
            if q.direct and q.speaker is None and q.rule in {"quote.direct.unattributed", "quote.direct.continues"} \
                    and "quote.direct.lead_in" not in self.settings.off_rules:
                lead = self._lead_in(doc, text, q.content[0])
                if lead is not None:
                    verb, subj = lead
                    q.cue = self._cue_span(verb)
                    q.speaker = self._speaker_span(subj, text, verb)
                    q.speaker_tok = subj.i
                    q.rule = "quote.direct.lead_in"
            if q.direct and q.speaker is None and q.rule == "quote.direct.unattributed" and self._runs_on(text, q.content[1]):
                # 'the plan is "a bad deal" for workers': a quotation its sentence runs on after is a
                # phrase quoted inside that sentence, not anyone's words of their own (narrows
                # quote.direct.continues and .unattributed)
                continue
            self._outer_speaker(doc, text, q)
            self._past_dateline(doc, text, q)
            actor = self._actor_for(ctx, links, q.speaker_tok, q.speaker)
            speaker = span_of(text, *q.speaker) if q.speaker else None
            if q.direct and speaker is None and prev is not None and prev.speaker is not None \
                    and q.content[0] - prev_end < 1500:
                # a quotation that runs on from the previous speaker's ("he added" or nothing)
                speaker = prev.speaker
                actor = prev.speaker_actor
                if q.rule == "quote.direct.unattributed":
                    q.rule = "quote.direct.continues"
            elif speaker is not None and actor is None and q.speaker_tok is not None \
                    and doc[q.speaker_tok].lower_ in {"he", "she", "they", "we", "i"} and prev is not None:
                actor = prev.speaker_actor
            if q.rule == "quote.direct.continues" and pairs and pairs[-1][1] is prev \
                    and self._joins_previous(text, pairs[-1][0], q):
                # '"A," she said.\n\n"B."': one quotation in pieces (quote.direct.joined)
                pq, pitem = pairs[-1]
                pieces = [f for f in pq.fragments if isinstance(f, tuple)] if len(pq.fragments) > 1 else [pq.content]
                pq.fragments = pieces + [q.content]
                pq.content = (pq.content[0], q.content[1])
                pitem.content = span_of(text, *pq.content)
                pitem.fragments = [span_of(text, *f) for f in pq.fragments]
                pq.rule = pitem.rule = "quote.direct.joined"
                prev_end = q.content[1]
                continue
            cue = span_of(text, *q.cue) if q.cue else None
            if not q.direct and len(q.fragments) <= 1:
                q.content = self._drop_dangling(text, *self._after_as_clause(doc, text, *q.content))
                self._larger_piece(text, q)
            content = span_of(text, *q.content)
            if not content.text:
                continue
            frags = [span_of(text, *f) for f in q.fragments if isinstance(f, tuple)] if len(q.fragments) > 1 else None
            item = Quote(speaker=speaker if speaker and speaker.text else None, speaker_actor=actor, cue=cue,
                         content=content, direct=q.direct, fragments=frags or None, rule=q.rule or None)
            out.append(item)
            pairs.append((q, item))
            # a relative clause on a speaker ("said X, who sponsored the act") describes that speaker:
            # a quotation running on after it continues X, not the relative pronoun
            if item.speaker is not None and not (q.speaker_tok is not None and doc[q.speaker_tok].tag_ in {"WP", "WDT"}):
                prev = item
                prev_end = q.content[1]
        if features_out is not None:
            features_out.extend(features(doc, text, pairs))
        scorer = load_scorer()
        if scorer is not None and out:
            for item, conf in zip(out, scorer.confidences(doc, text, pairs)):
                item.confidence = conf
        for q, item in pairs:
            if q.rule == "quote.cue.learned" and q.cue is not None:
                # the learned row's train precision (gold cue / occurrences), not the scorer's
                sp = doc.char_span(q.cue[0], q.cue[1], alignment_mode="expand")
                row = self._cue_for(sp.root) if sp is not None and len(sp) else None
                if row is not None and row.learned:
                    item.confidence = round(row.learned, 3)
        if scorer is not None and out:
            floor = self.settings.min_confidence
            if floor > 0:
                out = [q for q in out if q.confidence is None or q.confidence >= floor]
        if self.settings.adder:
            out = self.add_learned(ctx, out, links)
        if self.settings.tagger:
            tagger = load_tagger()
            # the tagger reads only the sentences where a quote it may veto starts (one under its veto level)
            unsure = [q.content.start for q in out if q.confidence is not None and q.confidence < tagger.veto] \
                if tagger is not None else []
            if unsure:
                th = self.settings.tagger_threshold
                out = self.add_tagged(ctx, out, tagger.tag(doc, text, unsure), tagger.threshold if th is None else th,
                                      tagger.veto, tagger.rule)
        return out

    def _outer_speaker(self, doc, text: str, q: _Q) -> None:
        """Nested attribution: the content holds a speech verb with its own subject that governs the
        cue ("X says he spoke to ...": the cue "spoke" hangs under "says") or that is a parenthetical
        on it ("He hoped, he said, that ..."): the outer verb's subject is the source."""
        if q.direct or q.cue is None:
            return
        sp = doc.char_span(q.cue[0], q.cue[1], alignment_mode="expand")
        if sp is None:
            return
        cue = sp.root
        if cue.pos_ not in {"VERB", "AUX"} or cue.lower_ == "according":
            return      # "according to X", "in a poll": the source is the prepositional object
        cs, ce = q.content
        cands = []
        up = cue
        while cs <= cue.idx < ce and up.head.i != up.i:
            # only through a reported clause after the verb ("X says [he spoke ...]")
            if up.dep_ != "ccomp" or up.head.i > up.i:
                break
            up = up.head
            if not any(ch in text[up.idx:cue.idx] for ch in "\"“”''"):
                cands.append(up)
        if cue.idx < cs:
            cands += [c for c in cue.children if c.dep_ == "parataxis"]
        for v in cands:
            if not (cs <= v.idx < ce) or v.pos_ not in {"VERB", "AUX"} or (self._cue_for(v) or _NO_CUE).kind != "speech":
                continue
            subj = next((c for c in v.children if c.dep_ == "nsubj" and c.tag_ not in {"WDT", "WP"}), None)
            if subj is None or not (cs <= subj.idx < ce):
                continue
            q.speaker = self._speaker_span(subj, text, v)
            q.speaker_tok = subj.i
            return

    _PIECE_EDGES = " ,;:\u2014\u2013-\n\t\u00a0"

    def _larger_piece(self, text: str, q: _Q) -> None:
        """An indirect content its own source and cue interrupt ("A, the senator said on a call with
        reporters, B", "what officials called a crime", "A, according to X, B"): PolNeAR draws it in
        pieces around the attribution, which the content's one span cannot follow. The whole
        stretch shares half its characters with the pieces while the attribution is no longer than
        they are; past that, the larger piece stands for the content (it always holds half of
        the pieces) and the pieces are kept as ``fragments``."""
        if q.cue is None or q.rule.startswith("quote.direct"):
            return
        s, e = q.content
        lo, hi = q.cue
        if not (s < lo and hi < e):
            return
        if q.speaker is None or not (s < q.speaker[0] < e):
            return      # "The mayor has been called a fraud": the content's own verb, not an attribution in it
        lo, hi = min(lo, q.speaker[0]), max(hi, q.speaker[1])
        a, b = self._trim_piece(text, s, lo), self._trim_piece(text, hi, e)
        pieces = (a[1] - a[0]) + (b[1] - b[0])
        if b[0] - a[1] <= pieces:
            return
        big = a if a[1] - a[0] >= b[1] - b[0] else b
        if big[1] - big[0] >= 2:
            q.fragments = [p for p in (a, b) if p[1] > p[0]]
            q.content = big

    @classmethod
    def _trim_piece(cls, text: str, s: int, e: int) -> tuple[int, int]:
        while s < e and text[s] in cls._PIECE_EDGES:
            s += 1
        while e > s and text[e - 1] in cls._PIECE_EDGES:
            e -= 1
        return s, e

    #: what may stand between a quotation and its continuation in the next paragraph: the first
    #: quotation's own attribution ("she said." / "said the mayor, who ...") and a line break
    _ATTRIBUTION_LINE_RE = re.compile(r"[^\n\"“”]{0,120}[.!?]?\s*\n\s*")

    def _joins_previous(self, text: str, a: _Q, q: _Q) -> bool:
        """Whether the cue-less quotation ``q`` (``quote.direct.continues``, the previous speaker's)
        is the rest of the quotation ``a`` right before it rather than a statement of its own: on
        the same line, always ('"A," she said, adding a word. "B."'); across a paragraph break, when
        nothing stands between them but ``a``'s own attribution ('"A," she said.\\n\\n"B."') or
        nothing at all. PolNeAR draws such a quotation as one content in pieces (rule
        ``quote.direct.joined``)."""
        if "quote.direct.joined" in self.settings.off_rules or a.content[1] > q.content[0]:
            return False
        if text[a.content[0]:a.content[0] + 2].lstrip()[:1] not in {"\"", "“", "'"}:
            return False
        gap = text[a.content[1]:q.content[0]]
        if "\n" not in gap or not gap.strip():
            return True
        return a.cue is not None and a.content[1] <= a.cue[0] and a.cue[1] <= q.content[0] \
            and self._ATTRIBUTION_LINE_RE.fullmatch(gap) is not None

    @staticmethod
    def _runs_on(text: str, end: int) -> bool:
        """Whether the sentence runs on after a quotation closing at ``end``: on the same line, the
        next character is a lower-case letter, a bracket, a dash or a full stop."""
        j = end
        while j < len(text) and text[j] in " \t\u00a0":
            j += 1
        return j < len(text) and (text[j].islower() or text[j] in "(.-–—")

    def _past_dateline(self, doc, text: str, q: _Q) -> None:
        """A dateline the parse made the subject ("WASHINGTON (AP) — The senator said ...",
        "PHILADELPHIA, July 25 (UPI) — The committee released a statement, offering ..."): the
        speaker is the first subject after the dash."""
        if q.speaker is None or q.speaker_tok is None:
            return
        words = text[q.speaker[0]:q.speaker[1]]
        if not _DATELINE_RE.match(words):
            return
        tok = doc[q.speaker_tok]
        for t in doc[tok.i + 1:tok.sent.end]:
            if t.text in {"—", "–", "--", "-"} and t.idx >= q.speaker[1]:
                for u in doc[t.i + 1:tok.sent.end]:
                    if u.dep_ == "nsubj" and u.tag_ not in {"WDT", "WP"} and u.lower_ != "it":
                        q.speaker = self._speaker_span(u, text)
                        q.speaker_tok = u.i
                        return
                return
            if t.idx >= q.speaker[1] + 3:
                return

    def _lead_in(self, doc, text: str, qs: int):
        """'Ryan said,\n\n"..."', 'She shot back, "..."', 'who told the panel when asked about it: "..."':
        a quotation right after a comma or colon (across white space and line breaks) whose
        sentence before it has a verb with a subject: (that verb, its subject), else None."""
        j = qs
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j == 0 or text[j - 1] not in ",:":
            return None
        mark = doc.char_span(j - 1, j, alignment_mode="expand")
        if mark is None or not len(mark):
            return None
        p = mark[0]
        for t in reversed(doc[p.sent.start:p.i]):
            if "\n" in t.text:
                break
            if t.pos_ == "VERB":
                subj = self._speaker_of(t)
                if subj is not None and subj.i < t.i:
                    return t, subj
        return None

    def add_learned(self, ctx, out: list[Quote], links=None) -> list[Quote]:
        """The learned adder's quotes (``tidings.quotes.adder``) added to the rules' ``out``: those
        no rule quote covers, each with the adder's rule id and confidence; in text order."""
        adder = load_adder()
        if adder is None:
            return out
        doc, text = ctx.doc, ctx.text
        links = links if links is not None else _actor_links(ctx)
        rule_quotes = [((q.content.start, q.content.end), (q.cue.start, q.cue.end) if q.cue else None) for q in out]
        added = []
        for c, conf in adder.propose(self, doc, text, rule_quotes, self.settings.adder_threshold):
            speaker = span_of(text, *c.speaker) if c.speaker else None
            actor = self._actor_for(ctx, links, c.speaker_tok, c.speaker) if c.speaker else None
            added.append(Quote(speaker=speaker if speaker and speaker.text else None, speaker_actor=actor,
                               cue=span_of(text, *c.cue), content=span_of(text, *c.content), direct=False,
                               rule=adder.rule, confidence=conf))
        if not added:
            return out
        return sorted(out + added, key=lambda q: (q.content.start, -q.content.end))

    def add_tagged(self, ctx, out: list[Quote], tagged, threshold: float, veto: float = 0.0,
                   rule: str = "model:quotes-tagger@2") -> list[Quote]:
        """The learned tagger's attributions (``tidings.quotes.tagger``; ``tagged`` a ``TagResult``) combined
        with ``out``: a quote under ``veto`` confidence in a sentence the tagger read is dropped when no
        tagged content shares half its characters; a tagged content at or above ``threshold`` that
        no kept quote shares a quarter of its characters with is added (its cue the tagged one, its
        speaker the tagged source, else the cue's subject), best first; in text order."""
        from .tagger import overlap

        doc, text = ctx.doc, ctx.text
        if veto > 0:
            out = [q for q in out if q.confidence is None or q.confidence >= veto
                   or not any(s <= q.content.start < e for s, e in tagged.read)
                   or any(overlap(t.content, (q.content.start, q.content.end)) >= 0.5 for t in tagged.quotes)]
        have = [(q.content.start, q.content.end) for q in out]
        added = []
        links = _actor_links(ctx)
        for t in sorted(tagged.quotes, key=lambda t: -t.confidence):
            if t.confidence < threshold:
                break
            content = span_of(text, *t.content)
            if len(content.text) < 2 or any(overlap((content.start, content.end), h, short=True) >= 0.25
                                            for h in have):
                continue
            speaker, sp_tok = t.source, None
            if speaker is not None:
                sp = doc.char_span(*speaker, alignment_mode="expand")
                sp_tok = sp.root.i if sp is not None and len(sp) else None
            elif t.cue is not None:
                cs = doc.char_span(*t.cue, alignment_mode="expand")
                subj = self._speaker_of(cs.root) if cs is not None and len(cs) else None
                if subj is not None and not (t.content[0] <= subj.idx < t.content[1]):
                    speaker, sp_tok = self._speaker_span(subj, text, cs.root), subj.i
            sp_span = span_of(text, *speaker) if speaker else None
            added.append(Quote(speaker=sp_span if sp_span and sp_span.text else None,
                               speaker_actor=self._actor_for(ctx, links, sp_tok, speaker) if speaker else None,
                               cue=span_of(text, *t.cue) if t.cue else None, content=content, direct=False,
                               rule=rule, confidence=round(t.confidence, 3)))
            have.append((content.start, content.end))
        if not added:
            return out
        return sorted(out + added, key=lambda q: (q.content.start, -q.content.end))
