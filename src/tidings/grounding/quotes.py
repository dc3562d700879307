"""The quotes stage: direct quotations and reported speech, with cue and speaker.

Two passes over the spaCy parse:

1. **Attributions around a cue word** ("said", "told", "argued", "believes", "according to",
   ...; ``quotes_cues.tsv``): the cue's subject is the speaker, its clausal complement the
   content ("X said (that) ...", "X told reporters ...", "X wants to ..."); a content fronted
   before the cue ("..., the minister said.") is the clause the cue hangs from.
2. **Direct quotations** in straight or curly quotes, over several sentences where they run on,
   split by their attribution (``"A," he said. "B."`` gives two quotes of the same speaker). A
   quotation that has no cue of its own continues the previous speaker's quote when it follows
   it ("he added" or nothing at all).

The speaker span is the source as written (a pronoun stays a pronoun, as in PolNeAR); the
resolved actor goes to ``Quote.speaker_actor``: the actors stage's mention under the speaker
(``ctx.mention_at_token``), else its resolver, and for a pronoun or a continuing quote
the previous speaker's actor.
"""
from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Optional

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.symbols import AUX as AUX_POS, NOUN as NOUN_POS, VERB as VERB_POS

from ..model import Actor, Quote, span_of

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "his", "her", "their", "its"}
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
#: nouns that carry an attribution when someone's: "Trump's claim that ...", "her promise to ..."
NOUN_CUES = {"claim", "view", "bet", "argument", "position", "belief", "hope", "fear", "concern", "message",
             "point", "promise", "pledge", "vow", "threat", "warning", "assertion", "suggestion", "insistence",
             "demand", "call", "plan", "proposal", "decision", "assessment", "conclusion", "contention", "statement",
             "announcement", "allegation", "charge", "accusation", "denial", "admission", "prediction", "expectation",
             "goal", "intention", "desire", "wish", "determination", "refusal", "offer", "request", "complaint"}
#: nouns of attitude whose object is what someone holds a view about: "her criticism of the plan"
ATTITUDE_NOUNS = {"criticism", "support", "opposition", "praise", "admiration", "adulation", "disdain", "contempt",
                  "view", "position", "stance", "attack", "defense", "defence", "endorsement", "rejection",
                  "condemnation", "denunciation", "dismissal", "embrace", "skepticism", "scepticism", "distrust",
                  "disapproval", "approval", "objection", "backing", "call", "demand", "characterization"}
#: nouns of stance that carry an attribution even when no one is named: "the claim that ..."
STANCE_NOUNS = {"claim", "belief", "fear", "hope", "concern", "assertion", "allegation", "suggestion", "argument",
                "view", "notion", "report", "rumor", "rumour", "warning", "assumption", "expectation", "conviction",
                "speculation", "accusation", "charge", "insistence", "promise", "pledge", "perception", "impression",
                "sense", "worry", "suspicion", "prediction", "assurance", "contention", "complaint", "theory"}
#: verbs that name or judge their object: "called the plan a disaster"
NAMING_VERBS = {"call", "label", "brand", "deem", "describe", "consider", "declare", "pronounce", "dub", "term", "find"}
#: verbs whose noun object is the person addressed, not what was said ("told his supporters")
ADDRESSEE_VERBS = {"tell", "ask", "urge", "remind", "inform", "assure", "warn", "notify", "convince", "persuade",
                   "reassure", "encourage", "invite", "brief", "caution", "advise", "instruct", "order", "press"}
OPEN_Q = {"“": "”", "\"": "\"", "«": "»"}
# single quotes are too ambiguous (apostrophes) except as ‘…’ pairs inside headlines
MIXED_QUOTE_RE = re.compile(r"(?:(?<=[\s(\[])|^)[“\"][^“”\"\n]{1,3000}?[”\"](?=[\s.,;:!?)\]]|$)", re.M)
#: straight marks pair only as an opening mark (after a space, a bracket or a dash, before a
#: word) and a closing one (after a word, before a space or punctuation), so that one stray mark
#: does not pair every later quotation of its line the wrong way round
QUOTE_RE = re.compile(r"(?:“|(?:(?<=\n)|^)”)[^“”]{1,3000}?”"
                      r"|(?:(?<=[\s(\[{—–-])|^)\"(?=[^\s\"])[^\"\n]{0,3000}?(?<=[^\s\"])\"(?=[\s.,;:!?)\]}—–-]|$)"
                      r"|«[^«»]{1,3000}?»|''(?:[^'\n]|'(?!')){1,3000}?''", re.M)

#: “ after a sentence's last word and its full stop, before a line end: a closing mark typed the wrong way
_TURNED_CLOSE_RE = re.compile(r"(?<=\w[.!?])“(?=[ \t\xa0]*(?:\n|$))")


def _opens_on_that(clause) -> bool:
    """A clause that opens on its "that"."""
    return clause.doc[clause.left_edge.i].lower_ == "that" and clause.doc[clause.left_edge.i].dep_ == "mark"


def _to_infinitive(verb) -> bool:
    """Whether a verb has its "to" ("to call", "to transform")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _clausal(tok) -> bool:
    """A clause whose head the tagger took for a noun or adjective ("said the spate of shootings
    demands that ...", "questioned whether he was prepared"): it has a subject, a marker or an
    auxiliary of its own."""
    return tok.pos_ in {"NOUN", "ADJ", "PROPN"} and any(
        c.dep_ in {"nsubj", "nsubjpass", "csubj", "mark", "aux", "auxpass"} and c.i < tok.i for c in tok.children)


@dataclass
class Cue:
    lemma: str
    kind: str      # speech | belief | intent | act
    comp: str      # which complements carry content: c (clausal), x (to-infinitive), o (object)


_NO_CUE = Cue("", "", "")


def _ends_quoted(text: str, span: tuple[int, int]) -> bool:
    """Whether a reported content closes on a quotation ('The plan is "a start,"'): its words run
    on in the next quotation after the attribution ('... she said. "B."')."""
    return text[span[0]:span[1]].rstrip()[-1:] in {"”", "\"", "»"} or text[span[1] - 2:span[1]] == "''"


def _has_object(doc, span: tuple[int, int]) -> bool:
    """Whether the verb of a cue span takes a direct object ('added the words')."""
    sp = doc.char_span(*span, alignment_mode="expand") if doc is not None else None
    return sp is not None and any(c.dep_ == "dobj" for c in sp.root.children)


def _as_put_it(tok) -> bool:
    """'as X put it': an attribution of the quotation beside it."""
    return tok.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _is_participle(doc, span: tuple[int, int]) -> bool:
    """Whether the cue at ``span`` ends in a participle ("adding", "going on")."""
    if doc is None:
        return False
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return sp is not None and any(t.tag_ == "VBG" for t in sp)


def _load_cues(extra: tuple = ()) -> dict[str, Cue]:
    text = resources.files("tidings.grounding").joinpath("data", "quotes_cues.tsv").read_text(encoding="utf-8")
    texts = [text] + [Path(f).read_text(encoding="utf-8") for f in extra]
    cues: dict[str, Cue] = {}
    for t in texts:
        lines = (l for l in t.splitlines() if l.strip() and not l.startswith("#"))
        for r in csv.DictReader(lines, delimiter="\t"):
            lemma = (r.get("lemma") or "").strip().lower()
            if lemma:
                cues[lemma] = Cue(lemma, (r.get("kind") or "speech").strip(), (r.get("complements") or "c").strip())
    return cues


@dataclass
class _Q:
    content: tuple[int, int]          # char offsets
    cue: Optional[tuple[int, int]] = None
    speaker: Optional[tuple[int, int]] = None
    speaker_tok: Optional[int] = None  # token index of the speaker's head
    direct: bool = False
    sent: int = 0
    fragments: list = field(default_factory=list)
    kind: str = "speech"               # the cue's kind (speech, belief, intent, act, noun)


def _degree_complement(adj) -> bool:
    """An infinitive that measures a degree rather than a disposition: after "too" ("too close to
    call", "too proud to admit": what it says does not happen) or on "enough" itself ("wasn't
    enough to claim the nomination": its subject is a cause, not someone acting)."""
    return adj.lower_ == "enough" or any(c.dep_ == "advmod" and c.lower_ == "too" for c in adj.children)


class QuoteStage:
    name = "quotes"
    requires: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset({"date", "dateline", "mention_at_token", "actor_resolver"})
    provides: frozenset[str] = frozenset({"record.quotes"})

    def __init__(self, config=None) -> None:
        self.config = config
        opts = getattr(config, "options", {}) or {}
        self.cues = _load_cues(tuple(opts.get("quote_cue_files", ()) or ()))
        #: verbs outside the cue list that take a clause with its own subject ("X hinted the deal was off")
        self.generic = bool(opts.get("quote_generic_cues", False))
        #: a noun object carries content for every cue ("cited criticism of the plan", "said the same")
        self.all_objects = bool(opts.get("quote_all_objects", True))
        self.trim_participles = bool(opts.get("quote_trim_participles", True))
        self.extend_right = bool(opts.get("quote_extend_right", True))
        #: a cue verb in a purpose clause or after a preposition speaks for the main clause's
        #: subject ("met the mayor to discuss ...", "stopped short of calling ...")
        self.control = bool(opts.get("quote_control", True))
        #: stances carried by adjectives and nouns ("critical of", "allegations of")
        self.stances = bool(opts.get("quote_stances", True))
        self._stance_hashes = None
        self._cue_memo: dict = {}

    # -- helpers ---------------------------------------------------------------------------------
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
        return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)

    _DANGLING_RE = re.compile(r"[\s,;]+(?:and|or|but|nor)$", re.I)

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
        """An indirect content that opens on an "as" clause set off by a comma ("Yet, as Mr. Bown
        observed, in the early days ...", "If, as I've suggested, he ...", "As it stands, the
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
        while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
            end -= 1
        return start, end

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

    #: words that open the writer's own clause after "..., he said,"
    _WRITER_LINKS = {"as", "after", "before", "when", "while", "which", "who", "whom", "whose", "where",
                     "according", "though", "although", "whereas", "since"}

    #: a trailing clause after a comma that is the writer's aside, not the attributed content
    _ASIDE_MARKS = {"although", "though", "whereas"}
    #: conjunctions that make a clause the writer's ("..., while 73 percent said the same"), unlike
    #: "as X said" (an attribution of the main clause)
    _SUBORDINATE = {"while", "whereas", "because", "if", "although", "though", "since", "after", "before",
                    "unless", "until", "once", "whether"}
    _ASIDE_REL = {"which", "who", "whom", "whose", "where"}

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

    #: cue verbs whose object is the one who feels it ("that worries environmentalists")
    _EXPERIENCER_OBJECT = {"worry", "concern", "trouble", "alarm", "frighten", "scare", "please", "disappoint",
                           "surprise", "shock", "upset", "anger", "interest", "amuse", "bother"}

    _PARTITIVES = {"some", "many", "most", "all", "several", "few", "none", "one", "each", "any", "both", "half",
                   "much", "parts", "part"}

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
    _AUDIENCE = {"reporter", "journalist", "press", "crowd", "audience", "supporter", "voter", "people", "member",
                 "official", "lawmaker", "student", "worker", "employee", "donor", "group", "gathering", "rally",
                 "committee", "panel", "board", "council", "congress", "parliament", "senate", "house", "nation",
                 "country", "public", "media", "newspaper", "network", "station", "radio", "television", "tv",
                 "magazine", "outlet", "agency", "interviewer", "host", "anchor", "friend", "colleague", "staff",
                 "aide", "leader", "delegate", "resident", "family", "parent", "child", "kid", "audience", "viewer",
                 "listener", "reader", "fan", "attendee", "investor", "analyst", "client", "customer", "him", "her",
                 "symposium", "conference", "convention", "forum", "summit", "meeting", "assembly", "luncheon",
                 "dinner", "graduate", "class", "mother", "father", "widow", "veteran", "woman", "man"}

    #: speech verbs whose one-name object is what they spoke of ("has not mentioned Machado"),
    #: unlike "called Machado" (phoned) or "told Machado" (the addressee)
    _TOPIC_VERBS = {"mention", "cite", "quote", "reference", "invoke", "discuss", "raise", "name", "praise",
                    "criticize", "criticise", "attack", "blame", "defend", "endorse", "denounce"}

    #: objects that measure what was said about something ("said little about ...")
    _QUANTITY_OBJECTS = {"much", "little", "nothing", "anything", "something", "everything", "more", "less", "lot"}

    #: "portrayed himself as ...", "defending herself": the speaker as what was judged
    _REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"}

    #: pronoun objects that stand for what was judged ("defended it", "attacked them")
    _OBJ_PRONOUNS = {"it", "him", "her", "them", "this", "that", "these", "those"}

    #: "in a statement", "on Twitter", "in an interview": where something was said, not what
    _MEDIUM_NOUNS = {"statement", "interview", "tweet", "post", "speech", "letter", "ruling", "op", "diatribe",
                     "remark", "address", "email", "message", "video", "release", "appearance", "conference",
                     "call", "briefing", "rally", "debate", "twitter", "facebook", "television", "radio", "show",
                     "broadcast", "column", "editorial", "report", "filing", "memo", "court", "hearing", "book",
                     "testimony", "meeting", "event", "forum", "ad", "advertisement", "response", "way", "time"}

    #: prepositions that open the writer's frame of time, place or circumstance after an object
    _FRAME_PREPS = {"during", "at", "amid", "amidst", "after", "before", "since", "despite", "throughout", "via",
                    "until", "till", "within", "while", "upon", "following", "ahead"}

    def _eaten_speaker(self, last, c) -> bool:
        """A speech cue clause right after a name the parser coordinated with the object before it
        ("... the investigation and Democrats [accused] the GOP of ..."): that name is the cue's subject."""
        return c.left_edge.i == c.i == last.i + 1 and last.dep_ == "conj" and last.pos_ == "PROPN" \
            and not any(g.dep_ in SUBJ_DEPS or g.dep_ == "mark" for g in c.children) \
            and c.tag_ in {"VBD", "VBZ", "VBP"} and (self._cue_for(c) or _NO_CUE).kind in {"speech", "act"}

    @staticmethod
    def _object_list_on_governor(tok, comp, e: int) -> int:
        """A noun the parser coordinated with the verb that governs the cue ("started off by
        emphasizing economic fairness, and [a need to raise ...]") is the next item of the cue's
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
                if c.pos_ in {"VERB", "AUX"} and not self._second_half(tok, comp, c):
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
    _TOPIC_PREPS = {"for", "on", "about", "of", "against", "to"}
    #: cues of response whose "by"/"with" phrase is the response ("responded with attacks on ...")
    _RESPONSE_CUES = {"respond", "react", "reply", "answer", "retort", "counter", "retaliate"}
    #: cues whose "with" names the one agreed with ("disagreed with her former boss")
    _WITH_CUES = {"agree", "disagree", "concur", "side"}
    _WITH_PREPS = _TOPIC_PREPS | {"with"}

    #: speech cues that judge someone for something ("mocked X for not releasing ...")
    _JUDGING = {"mock", "ridicule", "chide", "scold", "tease", "lambaste", "berate", "rebuke", "credit"}

    #: words a clause must follow: a content never ends on them
    _CLAUSE_OPENERS = {"case", "because", "if", "unless", "until", "whether", "than", "that", "so", "when", "while"}

    #: verbs that only voice the attitude their object names ("expressed concern about X")
    _LIGHT_VERBS = {"express", "voice", "raise", "register", "air", "show", "signal"}
    _ATTITUDE_PREPS = {"about", "over", "for", "at", "regarding", "on", "toward", "towards", "against", "with"}
    _ATTITUDE_WORDS = ATTITUDE_NOUNS | STANCE_NOUNS | {"misgiving", "doubt", "outrage", "anger", "alarm", "dismay",
                                                       "frustration", "question", "reservation", "unease", "anxiety",
                                                       "sympathy", "gratitude", "regret", "disappointment", "enthusiasm"}

    def _attitude_object(self, noun):
        """The object of an attitude noun ("deep concern about [the policy]"), or None."""
        if noun.lemma_.lower() not in self._ATTITUDE_WORDS:
            return None
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in self._ATTITUDE_PREPS), None)
        if prep is None:
            return None
        return next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)

    #: what a subject receives from others ("drew criticism", "faced ridicule") and the verbs of receiving
    _RECEIVED = {"criticism", "ridicule", "scrutiny", "backlash", "condemnation", "derision", "mockery", "scorn"}
    _RECEIVING = {"draw", "face", "receive", "attract", "earn", "get", "court", "provoke", "spark"}

    #: verbs whose subject does what their infinitive says ("continued to call for ...")
    _SUBJECT_CONTROL = {"continue", "begin", "start", "try", "attempt", "refuse", "decline", "seek", "vow", "plan",
                        "want", "hope", "promise", "threaten", "agree", "decide", "intend", "fail", "manage",
                        "keep", "stop", "cease", "go", "move", "rush", "hasten", "dare", "pledge", "offer", "have",
                        "need", "take"}

    #: raising verbs: the subject is what the content is about ("X seems to ...")
    _RAISING = {"seem", "appear"}

    _TIME_NOUNS = {"time", "day", "week", "month", "year", "weekend", "morning", "afternoon", "evening", "night",
                   "moment", "point", "hour", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday",
                   "friday", "saturday", "sunday"}

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
        return _Q((s, e), self._cue_span(tok), self._speaker_span(subj, text, tok), subj.i, False, sent_i)

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
        return _Q((s, e), self._cue_span(tok), self._speaker_span(subj, text, tok), subj.i, False, sent_i)

    @staticmethod
    def _temporal_after_object(tok, clause) -> bool:
        """"what the minister said when she resigned": with its object already there ("what"),
        a "when/while/as" clause after the cue tells when it was said, not what."""
        return clause.dep_ in {"advcl", "ccomp"} and tok.doc[clause.left_edge.i].lower_ in {"when", "whenever", "while"} \
            and any(g.dep_ == "dobj" for g in tok.children)

    #: what a finding is "in" ("in the latest poll, ...", "in one of the first surveys")
    _SOURCE_NOUNS = {"poll", "survey", "study", "analysis", "census", "audit"}

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
            and not (cue.root.dep_ == "dobj" and cue.root.head.lemma_.lower() in QuoteStage._GIVING_VERBS)

    #: what one says something "in" ("In a statement, the ministry ...")
    _MEDIUM_IN = {"statement", "letter", "tweet", "post", "interview", "email", "memo", "op-ed", "column", "filing",
                  "release", "speech", "message", "video", "essay"}

    @staticmethod
    def _is_conj_cue(doc, cue: tuple[int, int]) -> bool:
        sp = doc.char_span(*cue, alignment_mode="expand")
        return sp is not None and len(sp) > 0 and sp.root.dep_ == "conj"

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

    #: verbs that bring their object to do what the infinitive says ("forced X to admit ...")
    #: (not the verbs of trying to cause — push, pressure, goad, tempt — which do not say the object
    #: did it: "pushes Democrats to reject the deal", "pressured him to resign")
    _CAUSING = {"force", "compel", "lead", "prompt", "drive", "inspire", "provoke", "spur",
                "cause", "get", "coax", "embolden", "oblige", "induce", "move"}

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
        if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            # "a post saying that ...", "one saying ..."; but "At a news conference announcing X, she
            # said ...": the one who spoke there
            medium = verb.head
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
        if self.control and _depth < 3 and verb.head.i != verb.i and verb.head.pos_ in {"VERB", "AUX"}:
            head = verb.head
            if verb.dep_ == "advcl" and verb.tag_ == "VB" and _to_infinitive(verb):
                return self._speaker_of(head, _depth + 1)      # "met the mayor to discuss ..."
            if verb.dep_ == "xcomp" and verb.tag_ == "VB" and head.lemma_ in self._SUBJECT_CONTROL \
                    and _to_infinitive(verb) \
                    and not any(c.dep_ in {"dobj", "dative"} for c in head.children):
                # "protesters continued to call for ...": the one who continued calls
                return self._speaker_of(head, _depth + 1)
        controller = self._controller(verb, _depth) if self.control and _depth < 3 else None
        if controller is not None:
            return controller
        if self.control and _depth < 3 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
            up = verb.head.head
            if up.pos_ in {"ADV", "ADJ"} and up.dep_ in {"advmod", "acomp"} and up.head.pos_ in {"VERB", "AUX"}:
                up = up.head            # "stopped [short] of calling ...", "came [close] to saying ..."
            if up.pos_ in {"VERB", "AUX"}:
                return self._speaker_of(up, _depth + 1)  # "stopped short of calling ..."
            if up.pos_ == "NOUN":
                return self._noun_holder(up, _depth)    # "had no way of knowing ...", "his theme of questioning ..."
        if verb.dep_ == "relcl":
            return None
        return None

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

    @staticmethod
    def _clip_paragraph(text: str, cue_start: int, s: int, e: int) -> tuple[int, int]:
        """Keep a content inside the paragraph of its cue."""
        p0 = text.rfind("\n", 0, cue_start) + 1
        p1 = text.find("\n", cue_start)
        if p1 < 0:
            p1 = len(text)
        return max(s, p0), min(e, p1)

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
        return _Q((s, e), self._cue_span(tok), None, None, False, sent_i, kind=cue.kind)

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
        return _Q((s, e), self._cue_span(tok), None, None, False, sent_i, kind=cue.kind)

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
        return _Q((s, e), self._cue_span(tok), self._speaker_span(by, text), by.i, False, sent_i, kind=cue.kind)

    #: predicates of a standing that a verb of evidence gives its object ("shows Clinton ahead")
    _STANDINGS = {"ahead", "behind", "even", "tied", "level", "up", "down"}

    def _shown_object(self, tok, text, sent_i) -> Optional[_Q]:
        """'show' with an object and that object's own predicate after it ("polls show Clinton
        with a lead in ...", "the video shows him with his hands in the air", "the average shows
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
        if self.extend_right:
            e = self._extend_right(tok, end, e)     # "... with his hands in the air [in the moments before ...]"
        s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, obj.left_edge.idx, e))
        if e - s < 8:
            return None
        return _Q((s, e), self._cue_span(tok), self._speaker_span(subj, text, tok), subj.i, False, sent_i,
                  kind="belief")

    # -- pass 1: cue words ----------------------------------------------------------------------
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
                hit = memo[key] = self.generic or self._cue_for(doc[i]) is not None
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
                cue = self._cue_for(tok)
                if cue is None:
                    if self.generic and any(c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ in SUBJ_DEPS or g.dep_ == "mark" for g in c.children)
                                            for c in tok.children):
                        cue = Cue(tok.lemma_.lower(), "belief", "c")
                    else:
                        continue
                comp = None
                comp_start = None
                comp_cut = None
                # '"A," he said, adding "B."' parsed with B on "said": B is what "adding" says
                adding = next((c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > tok.i
                               and (self._cue_for(c) or _NO_CUE).kind == "speech"), None)
                borrowed = tok.dep_ == "advcl" and tok.tag_ == "VBG" and cue.kind == "speech" \
                    and (self._cue_for(tok.head) or _NO_CUE).kind == "speech" \
                    and not any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in tok.children)
                kids = [c for c in tok.head.children if c.i > tok.i] if borrowed else tok.children
                # a clause after the cue wins over one before it ("A: X said B")
                for c in sorted(kids, key=lambda c: (c.i < tok.i, c.i)):
                    if adding is not None and c.i > adding.i:
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
                        comp = c
                        break
                if comp is None and "c" in cue.comp and cue.kind in {"speech", "belief"}:
                    # "said after the meeting he would resign" parsed as an adverbial clause
                    for c in tok.children:
                        if c.dep_ == "advcl" and c.i > tok.i and c.pos_ in {"VERB", "AUX"} \
                                and any(g.dep_ in SUBJ_DEPS and g.i < c.i for g in c.children) \
                                and not any(g.dep_ == "mark" for g in c.children) \
                                and not self._temporal_after_object(tok, c) \
                                and c.left_edge.i > tok.i and doc[c.left_edge.i - 1].text not in {",", ";", ":"}:
                            comp = c
                            # the clause starts at its subject, not at the adverbials before it
                            comp_cut = next(g for g in c.children if g.dep_ in SUBJ_DEPS and g.i < c.i).left_edge.idx
                            break
                    if comp is None:
                        # "reported at the time that X ...", "said on Monday that X ...": the clause
                        # parsed as a relative clause of the time phrase
                        comp = self._misread_relative_clause(doc, tok)
                        if comp is not None:
                            comp_cut = doc[comp.left_edge.i].idx
                    if comp is None and cue.kind == "speech":
                        # a fronted clause parsed as adverbial: "Prices fell, the agency said."
                        for c in tok.children:
                            if c.dep_ == "advcl" and c.i < tok.i and c.pos_ in {"VERB", "AUX"} \
                                    and c.right_edge.i + 1 < tok.i and doc[c.right_edge.i + 1].text == "," \
                                    and any(g.dep_ in SUBJ_DEPS and g.i < c.i for g in c.children) \
                                    and not any(g.dep_ == "mark" for g in c.children) and c.left_edge.i == sent.start \
                                    and doc[c.left_edge.i].tag_ not in {"WRB", "IN"}:
                                # ("When rebels attack, the generals call them ..." is the writer's frame)
                                comp = c
                                break
                if comp is None:
                    for c in tok.children:
                        if ("x" in cue.comp or cue.kind in {"speech", "act"}) and c.i > tok.i and (
                                c.dep_ == "xcomp" or (
                                    # "tells his supporters at a rally to go and vote" read as a purpose clause
                                    c.dep_ == "advcl" and cue.lemma in ADDRESSEE_VERBS and c.tag_ == "VB"
                                    and _to_infinitive(c)
                                    and any(o.dep_ in {"dobj", "dative"} and tok.i < o.i < c.i for o in tok.children))):
                            comp = c
                            # "encouraged residents to stay", "called on Congress to act": the one
                            # asked is part of the content
                            for o in tok.children:
                                if tok.i < o.i < c.i and o.dep_ in {"dobj", "nsubj"} and o.pos_ in {"NOUN", "PROPN", "PRON"}:
                                    comp_start = o
                                elif tok.i < o.i < c.i and o.dep_ == "prep" and o.lower_ == "on":
                                    po = next((g for g in o.children if g.dep_ == "pobj"), None)
                                    if po is not None:
                                        comp_start = po
                            break
                obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
                if obj is None and comp is None and cue.lemma in NAMING_VERBS:
                    # "called Smith a liar" parsed with two predicates ("Smith" oprd, "liar" oprd):
                    # the first is the one named
                    named = [c for c in tok.children if c.dep_ == "oprd" and c.i > tok.i]
                    if len(named) >= 2 and named[0].pos_ in {"PROPN", "PRON", "NOUN"} \
                            and not any(c.tag_ in {"WDT", "WP"} and c.i < tok.i for c in tok.children):
                        obj = named[0]
                if comp is None and obj is not None:
                    # "urged supporters to monitor polling places", "called the charges fabricated"
                    deps = {"xcomp", "ccomp", "oprd"} if "x" in cue.comp or cue.lemma in NAMING_VERBS else {"oprd"}
                    xc = next((c for c in tok.children if c.dep_ in deps and c.i > obj.i), None)
                    if xc is not None:
                        comp = xc
                        comp_start = obj
                if comp is None and cue.lemma in NAMING_VERBS and any(c.dep_ == "agent" for c in tok.children):
                    # "Smith has been called a fraud by his rivals": what is said is the whole
                    # naming, from the one named to the name
                    sp = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
                    name = next((c for c in tok.children if c.i > tok.i and (
                        c.dep_ in {"oprd", "xcomp", "attr"} or (c.dep_ == "prep" and c.lower_ == "as"))), None)
                    if sp is not None and name is not None and sp.tag_ not in {"WDT", "WP"}:
                        comp, comp_start = name, sp
                if comp is None and cue.lemma in self._RESPONSE_CUES:
                    # "responded by using ...", "responded with attacks on ...": the response
                    comp = next((c for c in tok.children if c.dep_ == "prep" and c.i > tok.i
                                 and c.lower_ in {"by", "with"} and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
                                 # "by" + a gerund is the manner ("responded by using ..."); "by" + a noun is
                                 # a deadline or an agent ("didn't respond by the close of business")
                                 and (c.lower_ == "with" or any(g.dep_ == "pcomp" or g.tag_ == "VBG" for g in c.children))
                                 and not any(t.text in {",", ";"} for t in doc[tok.i + 1:c.i])), None)
                if comp is None and ("p" in cue.comp or self.all_objects) and cue.lemma not in self._RAISING:
                    # "called for a ban", "spoke of his plans", "warned against retaliation",
                    # "disagreed with her former boss"
                    preps = self._WITH_PREPS if cue.lemma in self._WITH_CUES else self._TOPIC_PREPS
                    for c in tok.children:
                        if c.dep_ in {"prep", "prt"} and c.lower_ in preps and c.i > tok.i \
                                and not (obj is not None and obj.i < c.i and obj.pos_ in {"NOUN", "PROPN"}
                                         and obj.ent_type_ not in {"DATE", "TIME"}):
                            pobj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                            if c.lower_ == "to" and (pobj is None or pobj.pos_ in {"PRON", "PROPN"}
                                                     or pobj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
                                                     or (cue.kind == "speech" and pobj.lemma_.lower() in self._AUDIENCE)) \
                                    and not (pobj is not None and self._to_named_as(tok, c)):
                                continue  # "spoke to reporters", "wrote to the board": the addressee
                            if pobj is not None and pobj.ent_type_ not in {"DATE", "TIME", "CARDINAL", "QUANTITY"}:
                                comp = pobj
                                break
                if comp is None and ("o" in cue.comp or (self.all_objects and cue.lemma not in ADDRESSEE_VERBS
                                                          and not self._object_barred(tok, cue))):
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
                            comp = c
                            break
                        if c.dep_ == "dobj" and c.i > tok.i and c.lower_ in self._QUANTITY_OBJECTS \
                                and any(g.dep_ == "prep" and g.lower_ in {"about", "on", "of", "regarding"} for g in c.children):
                            comp = c      # "said little about the plan", "wrote nothing on the vote"
                            break
                        if c.dep_ in {"dobj", "advmod", "npadvmod"} and c.i > tok.i and cue.kind == "speech" \
                                and (c.lower_ == "same" or (c.lower_ == "much" and any(g.lower_ == "as" for g in c.children))):
                            comp = c      # "said as much", "said the same of her rival": words said before
                            break
                if comp is None and (cue.kind == "act" or "o" in cue.comp):
                    # passive with its agent: "The plan was endorsed by the union"
                    sp = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
                    if sp is not None and any(c.dep_ == "agent" for c in tok.children) and sp.lower_ not in PRONOUNS:
                        comp = sp
                if comp is None and (cue.kind in {"act", "speech"} or "o" in cue.comp or cue.lemma in NAMING_VERBS):
                    # "what she called a farce", "a blast that the mayor described as deliberate",
                    # "which the chief executive called nonsense"
                    rel = next((c for c in tok.children if c.dep_ == "dobj" and c.i < tok.i
                                and c.tag_ in {"WDT", "WP"}), None)
                    if rel is not None and len(list(tok.subtree)) - len(list(rel.subtree)) >= 4 \
                            and not any(c.i > tok.i and self._temporal_after_object(tok, c) for c in tok.children):
                        comp = tok
                        if rel.lower_ == "that" and tok.dep_ == "relcl":
                            comp_start = tok.head
                        elif rel.lower_ == "what":
                            # "engaging in what analysts described as [age-old tactics]": what it was
                            # described as, not the free relative that names it
                            comp = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i
                                         for g in c.children if g.dep_ == "pobj"), comp)
                if comp is not None and comp.dep_ == "dobj" and cue.lemma in self._LIGHT_VERBS:
                    # "expressed deep concern about the policy": what the concern is about
                    about = self._attitude_object(comp)
                    if about is not None:
                        comp = about
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
                    for c in (comp.children if self.trim_participles else ()):
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
                    if comp.dep_ == "dobj" and self.all_objects:
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
                    if comp.i > tok.i and self.extend_right:
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
                        continue
                    q = _Q((s, e), self._cue_span(tok), None, None, False, sent_i, kind=cue.kind)
                    lost = self._lost_subject(doc, tok, sent) if subj is None and tok.tag_ in {"VBD", "VBZ", "VBP"} \
                        and comp.i > tok.i else None
                    if subj is None and cue.kind == "speech" and tok.tag_ in {"VBD", "VBZ", "VBP"} \
                            and comp.dep_ == "ccomp" and comp.i > tok.i:
                        # a finite cue whose subject the parser lost ("... of the Post Trump said that"):
                        # the content stands; the name right before the cue speaks
                        if lost is not None:
                            q.speaker, q.speaker_tok = lost
                        out.append(q)
                        continue
                    if lost is not None and (tok.dep_ == "ROOT" or self._eaten_speaker(doc[tok.i - 1], tok)):
                        # "When A, Obama and Clinton call them ...", with the names hung on A
                        q.speaker, q.speaker_tok = lost
                        out.append(q)
                        continue
                    if subj is None and tok.tag_ == "VBN" and tok.lemma_ == "ask" and comp.i > tok.i \
                            and tok.left_edge.i == sent.start and tok.dep_ in {"advcl", "ccomp", "ROOT"}:
                        # "Asked about the delay, the minister said ...": what was asked, by no one named
                        out.append(q)
                        continue
                    if subj is None:
                        pq = self._passive_accusation(tok, cue, text, sent_i)
                        if pq is not None:
                            out.append(pq)
                        continue  # "to prove that ...", "showing ...": no one is speaking
                    if cue.lemma in self._RAISING and comp.dep_ == "xcomp" and subj.i < tok.i \
                            and (self._cue_for(comp) or _NO_CUE).kind not in {"speech", "belief"}:
                        # "the plan seems to have stalled": how things look to the writer, said of
                        # the subject, not by it; the whole clause is the content
                        q.content = (min(s, subj.left_edge.idx), e)
                        out.append(q)
                        continue
                    q.speaker = self._speaker_span(subj, text, tok)
                    q.speaker_tok = subj.i
                    out.append(q)
                    continue
                pq = self._passive_accusation(tok, cue, text, sent_i) or self._passive_object(tok, cue, text, sent_i) \
                    or self._reduced_passive(tok, cue, text, sent_i) or self._shown_object(tok, text, sent_i)
                if pq is not None:
                    out.append(pq)
                    continue
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
                        continue
                if head is not None and any(c.dep_ == "dobj" and c.tag_ in {"WP", "WDT"} and c.i < tok.i
                                            for c in tok.children):
                    continue    # "That was what she said when ...": what she said is "what", not the rest
                if head is not None:
                    subj = self._speaker_of(tok)
                    if subj is None:
                        continue
                    s, e = self._content_around(head, tok)
                    s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, s, e))
                    s, e = self._cut_trailing(doc, text, s, e)
                    if e - s < 8:
                        continue
                    q = _Q((s, e), self._cue_span(tok), self._speaker_span(subj, text, tok), subj.i, False, sent_i)
                    out.append(q)
            # noun cues: "Trump's claim that ...", "her promise to ...", "his view is that ..."
            for tok in (doc[i] for i in nouns):     # nouns of the cue lists (see _candidates)
                if tok.dep_ == "dobj" and tok.lemma_.lower() in self._RECEIVED and tok.head.lemma_ in self._RECEIVING:
                    # "The clip has faced ridicule online": what drew the criticism, from no one named
                    target = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                    if target is not None and target.tag_ not in {"WDT", "WP"} and target.lower_ != "it":
                        ts, te = self._subtree_span(target)
                        cut = self._trim(text, ts, te)
                        if cut[1] - cut[0] >= 2:
                            cue = (tok.head.idx, tok.idx + len(tok.text))
                            out.append(_Q(cut, cue, None, None, False, sent_i, kind="noun"))
                    continue
                if tok.lemma_.lower() in self._AGREEMENT_NOUNS:
                    aq = self._agreement_quote(text, tok, sent_i)
                    if aq is not None:
                        out.append(aq)
                    continue
                if tok.lemma_.lower() in self._LIGHT_NOUNS:
                    # "made the case that ...": a cue only with its verb and clause
                    comp = next((c for c in tok.children if c.dep_ in {"acl", "ccomp"} and c.i > tok.i
                                 and c.pos_ in {"VERB", "AUX"}), None)
                    lq = self._light_verb_quote(doc, text, tok, comp, sent_i)
                    if lq is not None:
                        out.append(lq)
                    continue
                gq = self._given_attitude(text, tok, sent_i)
                if gq is not None:
                    out.append(gq)
                    continue
                poss = next((c for c in tok.children if c.dep_ == "poss"), None)
                comp = next((c for c in tok.children if c.dep_ in {"acl", "ccomp"} and c.i > tok.i
                             and c.pos_ in {"VERB", "AUX"}), None)
                if poss is None:
                    lq = self._light_verb_quote(doc, text, tok, comp, sent_i)
                    if lq is not None:
                        out.append(lq)
                        continue
                if poss is None:
                    comp = comp or self._open_question(tok)
                    # no one named: "the claim that ...", "fears that ..." (a source-less attribution)
                    if comp is not None and tok.lemma_.lower() in self._OPEN_NOUNS \
                            and any(g.dep_ in {"mark", "advmod"} and g.lower_ in {"whether", "if", "that"} and g.i < comp.i
                                    for g in comp.children):
                        pass    # "much speculation whether ...", "little doubt that ...", "the question is whether ..."
                    elif comp is None or tok.lemma_.lower() not in STANCE_NOUNS \
                            or not any(g.dep_ == "mark" and g.lower_ == "that" for g in comp.children):
                        continue
                    s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
                    if e - s >= 8:
                        out.append(_Q((s, e), (tok.idx, tok.idx + len(tok.text)), None, None, False, sent_i, kind="noun"))
                    continue
                if comp is None:
                    fq = self._frame_quote(doc, text, tok, poss, sent, sent_i)
                    if fq is not None:
                        out.append(fq)
                        continue
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
                    continue
                s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
                if e - s < 8:
                    continue
                sp = (poss.idx, poss.idx + len(poss.text))
                if poss.lower_ not in PRONOUNS:
                    sp = self._trim(text, *self._subtree_span(poss))
                    # "Trump's" → "Trump"
                    if text[sp[1] - 2:sp[1]] in {"'s", "’s"}:
                        sp = (sp[0], sp[1] - 2)
                out.append(_Q((s, e), (tok.idx, tok.idx + len(tok.text)), sp, poss.i, False, sent_i, kind="noun"))
            # "according to X, ..." / "in the latest poll, ..."
            for tok in (doc[i] for i in accs):
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
                        continue
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
                        out.append(_Q((s, e), cue, self._speaker_span(speaker, text), speaker.i, False, sent_i))
                    elif e - s >= 8:
                        out.append(_Q((s, e), cue, self._trim(text, *sp), objs[0].i, False, sent_i))
        return out

    #: adjectives of stance: "X is critical of Y", "X was worried about Y", "X is confident that Y"
    STANCE_ADJS = {"critical", "supportive", "worried", "concerned", "skeptical", "sceptical", "wary", "confident",
                   "optimistic", "pessimistic", "hopeful", "coy", "vague", "silent", "passionate", "enthusiastic",
                   "angry", "upset", "furious", "proud", "ashamed", "sure", "certain", "convinced", "aware", "afraid",
                   "fearful", "nervous", "anxious", "unhappy", "pleased", "disappointed", "frustrated", "adamant",
                   "vocal", "bearish", "bullish", "opposed", "committed", "eager", "reluctant", "unwilling",
                   "determined", "keen", "dismissive", "suspicious", "doubtful", "outspoken", "insistent",
                   "resigned", "fond", "enamored", "obsessed", "alarmed", "troubled", "dissatisfied", "satisfied",
                   "content", "grateful", "thankful", "sympathetic", "hostile", "open", "clear", "firm"}
    #: adjectives of readiness or intent: "X is willing to ...", "X became interested in ..."
    STANCE_ADJS = STANCE_ADJS | {"willing", "ready", "prepared", "inclined", "hesitant", "loath", "interested"}
    #: of those, the ones whose intent only an infinitive states: "ready to sign" is a stance, "ready for
    #: the Fed", "prepared for the fallout", "came prepared with questions" are states of preparedness
    _READY_ADJS = {"willing", "ready", "prepared", "inclined", "hesitant", "loath"}
    #: adjectives of an impersonal view: "it is clear that ...", "it was unclear whether ..."
    IMPERSONAL_ADJS = {"clear", "obvious", "unclear", "likely", "unlikely", "evident", "apparent", "doubtful",
                       "possible", "probable", "plausible", "certain", "uncertain", "true", "conceivable"}
    #: nouns of speech and stance whose object is what was said or held, even with no one named:
    #: "allegations of fraud", "questions about the deal", "the call for a ceasefire"
    OBJECT_NOUNS = {"allegation", "accusation", "claim", "charge", "criticism", "condemnation", "denunciation",
                    "praise", "question", "report", "complaint", "comment", "remark", "rhetoric", "idea", "talk",
                    "proposal", "call", "demand", "plea", "appeal", "warning", "threat", "promise", "pledge", "vow",
                    "endorsement", "rejection", "support", "opposition", "assessment",
                    "estimate", "forecast", "prediction", "view", "theory", "concern", "fear", "hope", "skepticism",
                    "scepticism", "doubt", "outrage", "anger", "protest", "objection", "message", "statement",
                    "speech", "testimony", "argument", "plan", "commitment", "reluctance", "insistence",
                    "obsession", "admiration", "adulation", "disdain", "contempt", "reservation", "recommendation"}
    #: verbs whose subject makes the statement its noun object names ("issued a warning about")
    _MAKE_VERBS = {"make", "issue", "deliver", "unveil", "sound", "offer", "express", "voice", "launch", "release",
                   "present", "have", "give", "lodge", "file", "raise", "repeat", "renew", "reiterate", "put",
                   "level", "hurl", "air", "share", "post", "publish", "send", "write"}
    _STANCE_PREPS = {"of", "about", "on", "over", "for", "against", "to", "with", "in", "toward", "towards"}

    #: nouns of an open or doubted proposition: "speculation whether ...", "little doubt that ..."
    _OPEN_NOUNS = {"speculation", "question", "doubt", "suspicion"}

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
        return _Q((s, e), (prep.idx, tok.idx + len(tok.text)), sp, poss.i, False, sent_i, kind="noun")

    #: nouns of an agreement, cues only with what was agreed: "signed an agreement to allow ..."
    _AGREEMENT_NOUNS = {"agreement", "accord", "pact"}
    #: verbs by which an agreement is made, whose subject made it
    _AGREEING_VERBS = {"sign", "reach", "strike", "extract", "negotiate", "forge", "broker", "conclude", "announce",
                       "seal", "make", "secure", "win", "approve", "endorse", "back", "hammer"}

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
        q = _Q((s, e), (tok.idx, tok.idx + len(tok.text)), None, None, False, sent_i, kind="noun")
        if subj is not None:
            q.speaker, q.speaker_tok = self._speaker_span(subj, text, tok), subj.i
        return q

    #: nouns that make a statement only with a verb of making: "made the case that ..."
    _LIGHT_NOUNS = {"case"}

    #: verbs that give an attitude to someone ("gave Clinton a glowing endorsement", "threw its support behind ...")
    _GIVING_VERBS = {"give", "throw", "lend", "offer", "extend", "pledge"}

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
        return _Q((s, e), (tok.idx, tok.idx + len(tok.text)), self._speaker_span(subj, text, head), subj.i,
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
        return _Q((s, e), (head.idx, tok.idx + len(tok.text)), self._speaker_span(subj, text, head), subj.i,
                  False, sent_i, kind="noun")

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
                        out.append(_Q((s, e), (tok.idx, tok.idx + len(tok.text)), None, None, False, sent_i,
                                      kind="belief"))
                    continue
                if subj is None or subj.lower_ in {"it", "this", "that", "there", "which"} \
                        or low not in self.STANCE_ADJS:
                    continue
                s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, *self._subtree_span(comp)))
                if e - s < 3:
                    continue
                cue_s = min(tok.idx, tok.head.idx) if tok.head.i < tok.i and tok.i - tok.head.i <= 3 else tok.idx
                out.append(_Q((s, e), (cue_s, tok.idx + len(tok.text)), self._speaker_span(subj, text, tok),
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
                q = _Q((s, e), (tok.idx, tok.idx + len(tok.text)), None, None, False, sent_i, kind="noun")
                if speaker is not None:
                    q.speaker = self._speaker_span(speaker, text, tok)
                    q.speaker_tok = speaker.i
                out.append(q)
        return out

    #: verbs of how things look, taking a clause after an empty "it": "it appears that ...", "it looks like ..."
    _LOOK_VERBS = {"seem", "appear", "look", "sound"}

    def _sourceless_quotes(self, doc, text) -> list[_Q]:
        """Views the writer reports with no one named: "it appeared that X ...", "it looks like
        X ..." (the clause, from no source)."""
        out: list[_Q] = []
        sv = doc.vocab.strings
        lem = doc.to_array([LEMMA])
        starts: list = []

        def sent_of(i: int) -> int:
            # the sentence starts, read once per document and only when a quote is found
            if not starts:
                starts.extend(x.start for x in doc.sents)
            return int(np.searchsorted(starts, i, side="right")) - 1
        for i in np.flatnonzero(np.isin(lem, [sv.add(w) for w in self._LOOK_VERBS])).tolist():
            tok = doc[i]
            if not any(c.dep_ == "nsubj" and c.lower_ == "it" and c.i < tok.i for c in tok.children):
                subj = next((c for c in tok.children if c.dep_ in {"nsubj", "csubj"} and c.i < tok.i), None)
                adj = next((c for c in tok.children if c.dep_ in {"acomp", "oprd"} and c.i > tok.i and c.pos_ == "ADJ"), None)
                if subj is None or adj is None or subj.tag_ in {"WDT", "WP"} or tok.lemma_ == "appear" \
                        or any(c.dep_ == "prep" and c.lower_ == "to" for c in list(tok.children) + list(adj.children)):
                    continue
                s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, subj.left_edge.idx, self._subtree_span(adj)[1]))
                if e - s >= 8:
                    out.append(_Q((s, e), self._cue_span(tok), None, None, False,
                                  sent_of(tok.i), kind="belief"))
                continue
            for c in tok.children:
                if c.i <= tok.i or c.dep_ not in {"ccomp", "advcl"} or c.pos_ not in {"VERB", "AUX"}:
                    continue
                mark = next((g for g in c.children if g.dep_ == "mark" and g.i < c.i), None)
                if mark is None or mark.lower_ not in {"that", "like", "if", "though"} \
                        or (mark.lower_ in {"if", "though"} and doc[mark.i - 1].lower_ != "as") \
                        or not any(g.dep_ in SUBJ_DEPS for g in c.children):
                    continue
                s, e = self._subtree_span(c)
                if mark.lower_ != "that":
                    s = doc[mark.i + 1].idx     # "looks like X ...": the clause after the comparison
                s, e = self._trim(text, *self._clip_paragraph(text, tok.idx, s, e))
                if e - s >= 8:
                    out.append(_Q((s, e), self._cue_span(tok), None, None, False,
                                  sent_of(tok.i), kind="belief"))
                break
        for i in np.flatnonzero(np.isin(doc.to_array([LOWER]), [sv.add(w) for w in self._HEARSAY_ADVS])).tolist():
            q = self._hearsay(doc, text, doc[i], sent_of)
            if q is not None:
                out.append(q)
        return out

    #: adverbs that mark a clause as others' word, with no one named: "he allegedly took bribes"
    _HEARSAY_ADVS = {"allegedly", "reportedly", "purportedly", "supposedly", "reputedly"}

    def _hearsay(self, doc, text, adv, sent_of) -> Optional[_Q]:
        """The clause an adverb of hearsay modifies ("after he allegedly brandished a pistol",
        "Campaign Reportedly Scrambling For ..."), from its subject to its end, with no source."""
        verb = adv.head
        if adv.dep_ != "advmod" or verb.pos_ not in {"VERB", "AUX"} or verb.i == adv.i:
            return None
        subj = next((c for c in verb.children if c.dep_ in SUBJ_DEPS and c.i < verb.i), None)
        s = (subj.left_edge if subj is not None else adv).idx
        e = verb.right_edge.idx + len(verb.right_edge.text)
        s, e = self._trim(text, *self._clip_paragraph(text, adv.idx, s, e))
        if e - s < 8:
            return None
        return _Q((s, e), (adv.idx, adv.idx + len(adv.text)), None, None, False, sent_of(adv.i), kind="belief")

    _COLON_RE = re.compile(r"^[\"“]?((?:[A-Z][\w.’'-]*)(?: [A-Z][\w.’'-]*){0,3}): (\S.*)$")

    #: labels of the newsroom before a colon, not speakers
    _EDITORIAL_LABELS = {"correction", "corrections", "clarification", "update", "updated", "editor's note",
                         "editor’s note", "note", "the latest", "related", "read more", "watch", "video", "photo",
                         "photos", "source", "sources", "advertisement", "breaking", "breaking news", "live",
                         "opinion", "analysis", "exclusive", "disclosure", "disclaimer", "caption", "credit"}

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
            out.append(_Q((cs, ce), self._cue_span(verb), self._speaker_span(subj, text, verb), subj.i, True,
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
                out.append(_Q((cs, ce), (pe, pe + 1), (ps, pe), head, False))
            pos += len(para) + 1
        return out

    _HEAD_COLON_RE = re.compile(r"^(?P<l>[^:\n]{3,90}?):\s+(?P<c>.*(?:^|(?<=\s))[‘'\"“]\w.*?)\s*$")

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
        return [_Q((cs, ce), (m.end("l"), m.end("l") + 1), (people[0].start_char, people[0].end_char),
                   people[0].root.i, False)]

    _HEAD_VERBS = r"(?:Says|Said|Say|Warns|Claims|Insists|Argues|Tells|Admits|Vows|Predicts)"
    _HEAD_AFTER = re.compile(r"^(?P<c>.{8,}?),\s+(?P<s>[^,]{2,80}?)\s+(?P<v>" + _HEAD_VERBS + r")\s*[.!]?\s*$")
    _HEAD_BEFORE = re.compile(r"^(?P<s>[^,:]{2,80}?)\s+(?P<v>" + _HEAD_VERBS + r")\s+(?P<c>.{8,}?)\s*[.!]?\s*$")

    #: nouns of a reckoning or a view that frame a clause as someone's from its end
    _TRAILING_FRAMES = {"by": {"estimate", "account", "count", "calculation", "reckoning", "tally"},
                        "in": {"eyes", "view", "opinion", "estimation", "judgment", "judgement"}}

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
            out.append(_Q((s, e), (prep.idx, prep.idx + len(prep.text)), sp, last.i, False, sent_i, kind="noun"))
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
            out.append(_Q((s, e), (t.idx, t.idx + len(t.text)), (ss, se), doc[t.i - 1].i, False, sent_i,
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
            return _Q((s, e), (t.idx, cue_end), (ss, se), prev.i, False, kind=cue.kind)
        return None

    #: words that open a headline's adjunct of time or place after a quotation
    _HEAD_ADJUNCTS = {"after", "before", "during", "amid", "at", "in", "on", "over", "following", "ahead"}

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
        return [_Q((s, e), self._cue_span(root), self._speaker_span(subj, text, root), subj.i, False)]

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
        return [_Q((cs, ce), (m.start("v"), m.end("v")), (ss, se), sp.root.i if sp is not None else None, False)]

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

    # -- pass 2: quotation marks ------------------------------------------------------------------
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
    _TITLE_PREPS = {"of", "on", "in", "at", "to", "from", "for", "with", "by", "about", "into", "onto"}

    #: nouns of a work whose title follows in quotation marks ("his book, “...,”", "the anthem “...”")
    _WORK_NOUNS = {"book", "song", "film", "movie", "show", "series", "article", "column", "commentary", "essay",
                   "album", "op-ed", "novel", "documentary", "play", "poem", "anthem", "episode", "memoir",
                   "editorial", "titled", "entitled", "headlined"}

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
        return _Q(self._trim(text, lo, hi) if hi > qe else (lo, qe), self._cue_span(verb),
                  self._speaker_span(subj, text, verb) if subj is not None else None,
                  subj.i if subj is not None else None, False)

    @classmethod
    def _is_title(cls, text: str, qs: int) -> bool:
        """A quotation right after the noun of a work ("In his book, “Title,” he ..."): its title."""
        prev = text[max(0, qs - 30):qs].split()[-1:]
        return bool(prev) and prev[0].rstrip(",").lower() in cls._WORK_NOUNS

    #: objects that name a statement before a colon ("made the following comment:")
    _SAID_NOUNS = {"comment", "statement", "remark", "message", "tweet", "response", "answer", "note", "post"}

    #: verbs that attribute only right after a quotation ('"...," she continued.')
    _AFTER_QUOTE_CUES = {"continue", "go", "conclude", "finish", "begin", "start", "read"}

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
            if subj is None:
                # inverted: "said the minister"
                for c in v.children:
                    if c.dep_ in {"nsubj", "dobj", "attr", "npadvmod"} and c.i > v.i and c.pos_ in {"PROPN", "NOUN"}:
                        subj = c
                        break
            return v, subj
        return None, None

    _SIGNED_RE = re.compile(r"[ \t\xa0]*(?:―|—|--)[ \t\xa0]*([A-Z][\w.'’-]*(?:[ \t\xa0][A-Z][\w.'’-]*){0,4})")

    def _signature(self, doc, text, qe: int):
        """A quotation signed after a dash: “...” ― Jane Doe."""
        m = self._SIGNED_RE.match(text, qe)
        if not m:
            return None
        dash = text.index(m.group(0).strip()[0], qe)
        return (dash, dash + 1), (m.start(1), m.end(1))

    # -- speaker actors ---------------------------------------------------------------------------
    def _actor_for(self, ctx, tok_i: Optional[int], span: Optional[tuple[int, int]]) -> Optional[Actor]:
        """The actor of a speaker: the resolved mention at (or inside) the speaker span, else the
        resolver on the span; the actor carries the speaker span's text and offsets."""
        if tok_i is None or span is None:
            return None
        shown = span_of(ctx.text, *span)
        tok = ctx.doc[tok_i]
        if tok.lower_ in {"who", "that"} and tok.head.dep_ == "relcl" and tok.head.head.pos_ in {"NOUN", "PROPN"}:
            # "officials, who rejected ...": the speaker span is the pronoun, its actor the officials'
            ante = tok.head.head
            tok_i = ante.i
            span = self._trim(ctx.text, *self._subtree_span(ante, exclude=tok.head))
        m_at = ctx.mention_at_token or {}
        m = m_at.get(tok_i)
        sp = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
        if m is None and sp is not None:
            # any mention inside the speaker span
            m = next((m_at[t.i] for t in sp if t.i in m_at), None)
        a = getattr(m, "actor", None) if m is not None else None
        if a is None and ctx.doc[tok_i].lower_ not in PRONOUNS and sp is not None:
            res = ctx.actor_resolver
            if res is not None:
                try:
                    a = res.resolve_span(sp, ctx.date)
                except Exception:
                    a = None
        if a is None:
            return None
        return a.model_copy(update={"text": shown.text, "start": shown.start, "end": shown.end})

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
                if "\n" not in gap and len(gap.split()) <= 60 and cue_inside and q_cue_ok and not new_sentence:
                    a.fragments = [f for f in (a.fragments or [a.content]) if f != "short"] + [q.content]
                    a.content = (a.content[0], q.content[1])
                    continue
            out.append(q)
        for q in out:
            if len(q.fragments) > 1 and all(isinstance(f, tuple) and (text[f[0]] in "\"“«'" or fi == 0)
                                            and text[f[1] - 1] in "\"”»'" for fi, f in enumerate(q.fragments)):
                q.content = QuoteStage._one_span(q.content, q.fragments)
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

    # -- the stage --------------------------------------------------------------------------------
    def __call__(self, ctx) -> None:
        doc = ctx.doc
        text = ctx.text
        body_start = ctx.dateline.body_start if ctx.dateline else 0
        found = self._cue_quotes(doc, text)
        if self.stances:
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
        colon = [c for c in self._colon_quotes(doc, text) if c.speaker[0] >= body_start]
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
                    results.append(_Q((qs, qe), owner.cue, owner.speaker, owner.speaker_tok, True, owner.sent))
                else:
                    results.append(_Q((min(s, qs), max(e, qe)), owner.cue, owner.speaker, owner.speaker_tok,
                                      False, owner.sent, kind=owner.kind))
                covered.add(di)
                continue
            prev_word = text[max(0, qs - 40):qs].split()[-1:] or [""]
            words = [w for w in text[qs + 1:qe - 1].split() if w[:1].isalpha()]
            named = short or (len(words) <= 8 and all(w[0].isupper() or w in {"of", "the", "and", "a", "in", "on", "for", "to"}
                                                      for w in words))
            if self._is_title(text, qs) or named and (prev_word[0].lower() in self._TITLE_PREPS or prev_word[0].endswith(("'s", "’s"))):
                # 'On Tuesday's episode of "The Morning Show," she said ...': a title, not her words
                results.append(_Q((qs, qe), None, None, None, True, fragments=["short"]))
                continue
            signed = self._signature(doc, text, qe)
            if signed is not None:
                sp = doc.char_span(*signed[1], alignment_mode="expand")
                results.append(_Q((qs, qe), signed[0], signed[1], sp.root.i if sp is not None else None, True))
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
                    results.append(_Q((qs, qe), None, None, None, True, fragments=["short"]))
                    continue
            q = _Q((qs, qe), None, None, None, True)
            if verb is not None:
                q.cue = self._cue_span(verb)
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
        results = [q for q in results if q.content[0] >= body_start or q.content[1] > body_start]
        for h in self._headline_quotes(doc, text):
            results = [q for q in results if q.content[1] <= h.content[0] or q.content[0] >= h.content[1] + 2]
            results.append(h)
        line_end = text.find("\n")
        if line_end > 0 and not any(q.content[0] < line_end for q in results):
            results += self._headline_root_cue(doc, text, line_end)
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
        out: list[Quote] = []
        prev: Optional[Quote] = None
        prev_end = -1
        for q in dedup:
            actor = self._actor_for(ctx, q.speaker_tok, q.speaker)
            speaker = span_of(text, *q.speaker) if q.speaker else None
            if q.direct and speaker is None and prev is not None and prev.speaker is not None \
                    and q.content[0] - prev_end < 1500:
                # a quotation that runs on from the previous speaker's ("he added" or nothing)
                speaker = prev.speaker
                actor = prev.speaker_actor
            elif speaker is not None and actor is None and q.speaker_tok is not None \
                    and doc[q.speaker_tok].lower_ in {"he", "she", "they", "we", "i"} and prev is not None:
                actor = prev.speaker_actor
            cue = span_of(text, *q.cue) if q.cue else None
            if not q.direct and len(q.fragments) <= 1:
                q.content = self._drop_dangling(text, *self._after_as_clause(doc, text, *q.content))
            content = span_of(text, *q.content)
            if not content.text:
                continue
            frags = [span_of(text, *f) for f in q.fragments if isinstance(f, tuple)] if len(q.fragments) > 1 else None
            item = Quote(speaker=speaker if speaker and speaker.text else None, speaker_actor=actor, cue=cue,
                         content=content, direct=q.direct, fragments=frags or None)
            out.append(item)
            # a relative clause on a speaker ("said X, who sponsored the act") describes that speaker:
            # a quotation running on after it continues X, not the relative pronoun
            if item.speaker is not None and not (q.speaker_tok is not None and doc[q.speaker_tok].tag_ in {"WP", "WDT"}):
                prev = item
                prev_end = q.content[1]
        ctx.record.quotes = out
