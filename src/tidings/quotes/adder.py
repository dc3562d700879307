"""The learned quote adder: attributions the rules miss, proposed from the parse and kept where a
model trained on PolNeAR train says so.

Every token whose lemma the learned cue lexicon knows (``data/quote_adder.json``: the lemmas that
head a gold cue on PolNeAR train, with how often a token of that lemma does) proposes candidate
(cue, content, source) triples, one per way its content can hang on it:

- ``ccomp``: its clausal complement ("X suspects [that the vote was rigged]");
- ``xcomp``: its infinitive or predicative complement ("X hopes [to win]");
- ``dobj``: its noun object ("X backs [the pipeline]");
- ``prep:P``: the object of a preposition on it ("X worries about [the cost]", "her support for [...]");
- ``fronted``: a clausal complement before it ("[The vote was rigged], X suspects");
- ``head``: the clause it interrupts ("[The vote], X suspects, [was rigged]", "as X suspects");
- ``acl``: the clause on a noun cue ("the hope [that talks resume]").

A version-3 model (``tools/train_quote_adder.py --tail``; measured, not shipped: docs/quote_rules.md
part 8) also reads the object, clause or about / on object of any other verb whose subject is a
person or an organisation (``_tail_candidates``), and the head word of a short content.

The source is the cue's subject (through coordination, control, a passive's agent: the rules'
own ``_speaker_of``), a noun cue's possessor, or none. A logistic regression over features of the
triple and of the rules' quotes around it (cue lemma and its lexicon rate, the relation, the
parse of cue, content and source, the overlap with the rules' quotes) gives each candidate a
confidence; those at or above the shipped threshold that no rule quote already covers are added,
best first, with ``rule = "model:quotes-adder@VERSION"``. Trained by ``tools/train_quote_adder.py``
(5-fold cross-validation by article on PolNeAR train; the threshold chosen there); scored here in
plain Python (no scikit-learn at run time).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from .content import token_span, trim_edges
from .lexicon import PRONOUNS

DATA = Path(__file__).resolve().parent / "data" / "quote_adder.json"

#: prepositions whose object may be what a cue is about
_PREPS = frozenset({"about", "on", "of", "for", "against", "with", "to", "over", "at", "in", "as", "from", "into"})
_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP", "ADV", "PROPN"})
_FIRST_WORDS = frozenset({"that", "to", "the", "a", "what", "whether", "if", "how", "why", "he", "she", "they", "it",
                          "we", "i", "his", "her", "their", "this", "there", "no", "not"})
_SPLIT = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "conj"})


@dataclass
class Candidate:
    """A proposed attribution (character offsets) with what its features read."""
    content: tuple[int, int]
    cue: tuple[int, int]
    cue_tok: int
    rel: str
    content_tok: int
    speaker: Optional[tuple[int, int]] = None
    speaker_tok: Optional[int] = None
    speaker_dep: str = ""
    #: proposed by a verb outside the cue lexicon (adder version 3, :func:`_tail_candidates`)
    tail: bool = False


def cue_key(tok) -> str:
    """The lexicon key of a token: its lemma and coarse part of speech ("say|VERB")."""
    pos = "VERB" if tok.pos_ == "AUX" else tok.pos_
    return f"{tok.lemma_.lower()}|{pos}"



#: entity types of a subject that is a person or an organisation (a tail verb's source)
_AGENT_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: personal pronouns that stand for people as a subject
_AGENT_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "you"})
#: the relations a tail verb proposes: its object, its clause, the object of about / on
_TAIL_PREPS = frozenset({"about", "on"})


def _agent(tok) -> bool:
    """Whether a subject token is a person or organisation mention: an entity of those types
    (people, organisations, nationalities and groups, governments by their place) or a personal
    pronoun."""
    if tok.lower_ in _AGENT_PRONOUNS:
        return True
    return tok.ent_type_ in _AGENT_ENTS


def _tail_candidates(stage, doc, text: str, tok) -> list[Candidate]:
    """The short contents of a verb outside the cue lexicon whose subject is a person or an
    organisation ("X denied [the allegations]", "she worried about [the cost]"): its direct
    object, its clausal complement after it, the object of "about" / "on" on it. The source is
    the subject (the rules' ``_speaker_of``)."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or not _agent(subj):
        return []
    sp = stage._speaker_of(tok)
    if sp is None:
        return []
    speaker = stage._speaker_span(sp, text, tok)
    if speaker[1] <= speaker[0]:
        return []
    out = []
    for c in tok.children:
        if c.i < tok.i:
            continue
        rel, root = None, None
        if c.dep_ == "dobj":
            rel, root = "dobj", c
        elif c.dep_ == "ccomp":
            rel, root = "ccomp", c
        elif c.dep_ == "prep" and c.lower_ in _TAIL_PREPS:
            root = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
            rel = f"prep:{c.lower_}"
        if root is None:
            continue
        s, e = trim_edges(text, *token_span(list(root.subtree)), also="(")
        if e - s < 2 or s <= speaker[0] < e:
            continue
        out.append(Candidate((s, e), (tok.idx, tok.idx + len(tok.text)), tok.i, rel, root.i, speaker, sp.i,
                             sp.dep_, tail=True))
    return out


def candidates(stage, doc, text: str, lexicon: dict[str, list], widen: bool = True,
               tail: bool = False) -> list[Candidate]:
    """Every (cue, content, source) triple the parse offers around the lexicon's cue words;
    ``widen`` (adder version 2): also a light verb's noun's preposition or clause, a passive's
    subject, the whole clause of a verb of seeming, and no source where it falls in the content;
    ``tail`` (version 3): also the object, clause or about / on object of any other verb whose
    subject is a person or an organisation (:func:`_tail_candidates`)."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.pos_ not in _POS:
            continue
        if cue_key(tok) not in lexicon:
            if tail and tok.pos_ == "VERB":
                out.extend(_tail_candidates(stage, doc, text, tok))
            continue
        cue_span = (tok.idx, tok.idx + len(tok.text))
        if tok.pos_ == "NOUN" or tok.pos_ == "PROPN":
            sp = next((c for c in tok.children if c.dep_ == "poss"), None)
            sdep = "poss" if sp is not None else ""
            if sp is None and tok.dep_ in {"dobj", "attr"} and tok.head.pos_ in {"VERB", "AUX"}:
                sp = stage._speaker_of(tok.head)
                sdep = "verb_subj" if sp is not None else ""
        else:
            sp = stage._speaker_of(tok)
            sdep = sp.dep_ if sp is not None else ""
            if sp is None and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children):
                sp = _raised_subject(tok)
                sdep = "raised" if sp is not None else ""
        speaker = None
        if sp is not None:
            speaker = stage._speaker_span(sp, text, tok)
            if speaker[1] <= speaker[0]:
                speaker = None
        props: list[tuple[str, list, Any]] = []
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            src = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if src is None or tok.head.i == tok.i:
                continue
            ex = {t.i for t in tok.subtree}
            toks = [t for t in tok.head.subtree if t.i not in ex]
            if toks:
                s, e = trim_edges(text, *token_span(toks), also="(")
                if e - s >= 2:
                    out.append(Candidate((s, e), (tok.idx, to.idx + len(to.text)), tok.i, "according", tok.head.i,
                                         stage._trim(text, *stage._subtree_span(src)), src.i, "pobj"))
            continue
        for c in tok.children:
            if c.dep_ == "ccomp" and c.i > tok.i:
                props.append(("ccomp", list(c.subtree), c))
            elif c.dep_ == "ccomp" and c.i < tok.i:
                props.append(("fronted", list(c.subtree), c))
            elif c.dep_ == "xcomp" and c.i > tok.i:
                props.append(("xcomp", list(c.subtree), c))
            elif c.dep_ in {"dobj", "attr", "oprd", "acomp"} and c.i > tok.i:
                props.append(("dobj" if c.dep_ == "dobj" else "attr", list(c.subtree), c))
                if c.dep_ == "dobj" and c.pos_ == "NOUN" and widen:
                    # a light verb and its noun: "made the case [for X]", "took a shot [at X]",
                    # "made the observation [that X]"
                    for g in c.children:
                        if g.dep_ == "prep" and g.lower_ in _PREPS:
                            obj = next((h for h in g.children if h.dep_ in {"pobj", "pcomp"}), None)
                            if obj is not None:
                                props.append((f"nprep:{g.lower_}", list(obj.subtree), obj))
                        elif g.dep_ in {"acl", "ccomp"} and g.i > c.i:
                            props.append(("nclause", list(g.subtree), g))
            elif c.dep_ == "nsubjpass" and c.i < tok.i and c.tag_ not in {"WDT", "WP"} and widen:
                # what is done or said, as a passive's subject: "[the plan] was criticized by X"
                props.append(("subjpass", list(c.subtree), c))
            elif c.dep_ == "prep" and c.lower_ in _PREPS and c.i > tok.i:
                obj = next((g for g in c.children if g.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None:
                    props.append((f"prep:{c.lower_}", list(obj.subtree), obj))
            elif c.dep_ in {"acl", "relcl"} and tok.pos_ in {"NOUN", "PROPN"} and c.i > tok.i:
                props.append(("acl", list(c.subtree), c))
        if (tok.dep_ == "parataxis" or tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)) \
                and tok.head.i != tok.i and tok.head.pos_ in {"VERB", "AUX"} \
                and not any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in tok.children):
            head = tok.head
            ex = {t.i for t in tok.subtree}
            toks = [t for t in head.subtree if t.i not in ex]
            if toks:
                props.append(("head", toks, head))
        if widen and tok.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i for c in tok.children) \
                and any(c.dep_ in {"xcomp", "acomp", "oprd"} and c.i > tok.i for c in tok.children):
            # the whole clause of a verb of seeming or judging: "[the plan seems doomed]",
            # "[the talks are expected to fail]"
            drop = {t.i for c in tok.children if c.i > tok.i and c.dep_ in {"cc", "conj"} for t in c.subtree}
            toks = [t for t in tok.subtree if t.i not in drop]
            props.append(("whole", toks, tok))
        for rel, toks, root in props:
            if not toks:
                continue
            s, e = trim_edges(text, *token_span(toks), also="(")
            if e - s < 2:
                continue
            if widen and speaker is not None and s <= speaker[0] < e:
                # a speaker inside the content is never its source: none named
                out.append(Candidate((s, e), cue_span, tok.i, rel, root.i, None, None, ""))
                continue
            out.append(Candidate((s, e), cue_span, tok.i, rel, root.i, speaker, sp.i if sp is not None else None, sdep))
    return out


def _raised_subject(tok, depth: int = 3):
    """The subject of the clause a subjectless cue hangs from, through coordination, adverbial
    and open complements ("took questions and, asked about X, [said] ..."): the nearest such
    subject up to ``depth`` heads above, or None."""
    h = tok
    for _ in range(depth):
        if h.dep_ not in {"conj", "advcl", "xcomp"} or h.head.i == h.i:
            return None
        h = h.head
        subj = next((c for c in h.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subj is not None:
            return subj if subj.tag_ not in {"WDT", "WP"} else None
    return None


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    ov = min(a[1], b[1]) - max(a[0], b[0])
    return ov / max(a[1] - a[0], b[1] - b[0], 1) if ov > 0 else 0.0


def features(stage, doc, text: str, cands: list[Candidate], lexicon: Optional[dict[str, list]],
             rule_quotes: list[tuple[tuple[int, int], Optional[tuple[int, int]]]],
             frequent: set[str]) -> list[dict[str, float]]:
    """One feature dict per candidate. ``rule_quotes``: (content, cue) spans of the rules' quotes
    of the article; ``frequent``: the cue keys that get a feature of their own. Without a
    ``lexicon`` the lexicon's features (:func:`lexicon_features`) are left out."""
    line_end = text.find("\n")
    rule_cues = {c for _, c in rule_quotes if c is not None}
    out = []
    per_cue: dict[int, int] = {}
    for c in cands:
        per_cue[c.cue_tok] = per_cue.get(c.cue_tok, 0) + 1
    for c in cands:
        tok = doc[c.cue_tok]
        f: dict[str, float] = {"bias": 1.0, f"rel={c.rel.split(':')[0]}": 1.0, f"relp={c.rel}": 1.0,
                               f"cue_pos={tok.pos_}": 1.0, f"cue_tag={tok.tag_}": 1.0, f"cue_dep={tok.dep_}": 1.0,
                               f"cue_dep&rel={tok.dep_}&{c.rel.split(':')[0]}": 1.0,
                               f"n_rel={min(per_cue[c.cue_tok], 4)}": 1.0}
        f["in_rule_lexicon"] = 1.0 if stage._cue_for(tok) is not None else 0.0
        if any(ch.dep_ == "neg" for ch in tok.children):
            f["cue_neg"] = 1.0
        if any(ch.dep_ == "aux" and ch.tag_ == "MD" for ch in tok.children):
            f["cue_modal"] = 1.0
        if any(ch.dep_ == "auxpass" for ch in tok.children):
            f["cue_passive"] = 1.0
        s, e = c.content
        span = doc.char_span(s, e, alignment_mode="expand")
        n = len(span) if span is not None else max(1, len(text[s:e].split()))
        f[f"len={_bucket(n, (1, 2, 4, 8, 15, 30, 60))}"] = 1.0
        f[f"len&rel={_bucket(n, (2, 6, 20))}&{c.rel.split(':')[0]}"] = 1.0
        f["log_len"] = math.log1p(n)
        if c.tail:
            f["tail"] = 1.0
            f[f"tail&rel={c.rel}"] = 1.0
            f[f"tail&len={_bucket(n, (1, 3, 6))}"] = 1.0
        if span is not None and len(span):
            w = span[0].lower_
            f[f"first={w if w in _FIRST_WORDS else span[0].pos_}"] = 1.0
            root = span.root
            f[f"croot_pos={root.pos_}"] = 1.0
            if n <= SHORT:
                # a short content's head word ("the [allegations]"), folded to the frequent ones
                # by the trainer (``QuoteAdder.heads``)
                f[f"chead={root.lemma_.lower()}"] = 1.0
            f[f"croot_tag&rel={root.tag_}&{c.rel.split(':')[0]}"] = 1.0
            if any(ch.dep_ in {"nsubj", "nsubjpass", "expl"} for ch in root.children):
                f["content_subject"] = 1.0
            if root.ent_type_:
                f[f"croot_ent={root.ent_type_}"] = 1.0
            if root.lower_ in PRONOUNS or root.lower_ in {"it", "this", "that", "them"}:
                f["content_pronoun"] = 1.0
        f["content_after"] = 1.0 if s > tok.idx else 0.0
        f["quote_mark_inside"] = 1.0 if any(ch in text[s:e] for ch in "\"“”") else 0.0
        sent = tok.sent
        f["cue_pos_in_sent"] = (tok.i - sent.start) / max(1, len(sent))
        if line_end > 0 and tok.idx < line_end:
            f["headline"] = 1.0
        if c.speaker is None:
            f["no_speaker"] = 1.0
            f[f"no_speaker&rel={c.rel.split(':')[0]}"] = 1.0
        else:
            head = doc[c.speaker_tok]
            if head.lower_ in PRONOUNS:
                kind = "pronoun"
            elif head.ent_type_:
                kind = "ent_" + head.ent_type_
            else:
                kind = head.pos_
            f[f"speaker={kind}"] = 1.0
            f[f"speaker_dep={c.speaker_dep}"] = 1.0
            f[f"speaker_dist={_bucket(abs(c.cue_tok - c.speaker_tok), (1, 3, 8, 20))}"] = 1.0
            if head.sent.start != tok.sent.start:
                f["speaker_other_sentence"] = 1.0
            f[f"speaker&rel={kind}&{c.rel.split(':')[0]}"] = 1.0
            if head.tag_ in {"WDT", "WP"}:
                f["speaker_wh"] = 1.0
        # the rules' quotes around it
        best = max((_ratio(c.content, rc) for rc, _ in rule_quotes if rc[0] < e and s < rc[1]), default=0.0)
        f[f"rule_overlap={_bucket(best, (0.0, 0.2, 0.35, 0.5))}"] = 1.0
        inside = any(rc[0] <= s and e <= rc[1] for rc, _ in rule_quotes)
        covers = any(s <= rc[0] and rc[1] <= e for rc, _ in rule_quotes)
        cue_inside = any(rc[0] <= tok.idx < rc[1] for rc, _ in rule_quotes)
        f["inside_rule_quote"] = 1.0 if inside else 0.0
        f["covers_rule_quote"] = 1.0 if covers else 0.0
        f["cue_inside_rule_quote"] = 1.0 if cue_inside else 0.0
        f["cue_is_rule_cue"] = 1.0 if any(cs <= tok.idx < ce for cs, ce in rule_cues) else 0.0
        f[f"cue_used&rel={f['cue_is_rule_cue']:.0f}&{c.rel.split(':')[0]}"] = 1.0
        if lexicon is not None and not c.tail:
            f.update(lexicon_features(cue_key(tok), c.rel, lexicon, frequent))
        out.append(f)
    return out


#: contents of at most this many tokens get their head word as a feature
SHORT = 4

#: prior and weight of the smoothed rate of a (cue key, relation) pair
_PAIR_PRIOR, _PAIR_WEIGHT = 0.07, 5.0


def tail_features(key: str, rel: str, tail_lexicon: dict[str, list]) -> dict[str, float]:
    """The lexicon's features of a tail verb (one outside the cue lexicon): how many gold cues it
    heads on train (0, 1, 2: ``tail_lexicon`` holds [gold cues, tokens] of the keys under the
    lexicon's minimum), with the relation, and its rate where known."""
    n_cue, n_all = tail_lexicon.get(key, (0, 0))
    f = {"lem=tail": 1.0, f"lem&rel=tail&{rel}": 1.0, f"tail_cues={min(n_cue, 2)}": 1.0,
         f"tail_cues&rel={min(n_cue, 2)}&{rel}": 1.0}
    if n_all:
        f["tail_log_rate"] = math.log((n_cue + 0.5) / (n_all + 1.0))
    return f


def lexicon_features(key: str, rel: str, lexicon: dict[str, list], frequent: set[str],
                     pairs: Optional[dict[str, list]] = None) -> dict[str, float]:
    """The features read off the learned cue lexicon: the cue key itself where it is frequent
    (alone and with the relation), its rate as a gold cue (log, bucketed, with the relation);
    with ``pairs`` ("key&rel" → [right, proposed] on train), the pair's smoothed rate of being right."""
    n_cue, n_all = lexicon.get(key, (0, 0))
    rate = (n_cue + 0.5) / (n_all + 1.0)
    lem = key if key in frequent else "other"
    f = {f"lem={lem}": 1.0, f"lem&rel={lem}&{rel}": 1.0, "log_rate": math.log(rate),
         f"rate={_bucket(rate, (0.02, 0.05, 0.1, 0.2, 0.4, 0.7))}": 1.0,
         f"rate&rel={_bucket(rate, (0.05, 0.2, 0.5))}&{rel}": 1.0}
    if pairs is not None:
        pos, n = pairs.get(f"{key}&{rel}", (0, 0))
        pr = (pos + _PAIR_WEIGHT * _PAIR_PRIOR) / (n + _PAIR_WEIGHT)
        f["pair_logit"] = math.log(pr / (1 - pr)) - math.log(_PAIR_PRIOR / (1 - _PAIR_PRIOR))
        f[f"pair_rate={_bucket(pr, (0.03, 0.06, 0.1, 0.15, 0.25, 0.4))}"] = 1.0
        f[f"pair_n={_bucket(n, (0, 3, 10, 30))}"] = 1.0
    return f


class QuoteAdder:
    """Weights and lexicon from ``data/quote_adder.json``."""

    def __init__(self, data: dict) -> None:
        self.weights: dict[str, float] = data.get("weights", {})
        #: gradient-boosted trees: {"base": raw score, "rate": learning rate, "names": [...],
        #: "trees": [[feature index (-1: leaf), threshold, left, right, value] per node]}
        self.trees = data.get("trees")
        self.lexicon: dict[str, list] = data["lexicon"]
        self.frequent: set[str] = set(data.get("frequent", []))
        self.pairs: Optional[dict[str, list]] = data.get("pairs")
        #: version 3: the keys under the lexicon's minimum ([gold cues, tokens]) and the short
        #: contents' head words that keep a weight of their own (see :func:`fold_heads`)
        self.tail_lexicon: dict[str, list] = data.get("tail_lexicon", {})
        self.heads: set[str] = set(data.get("heads", []))
        self.threshold: float = float(data.get("threshold", 0.5))
        self.version: int = int(data.get("version", 1))
        self.rule = f"model:quotes-adder@{self.version}"

    def score(self, feats: dict[str, float]) -> float:
        if self.trees is not None:
            z = tree_score(self.trees, feats)
        else:
            z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def propose(self, stage, doc, text: str, rule_quotes: list, threshold: Optional[float] = None
                ) -> list[tuple[Candidate, float]]:
        """The candidates to add, with their confidence, best first (see :func:`select`)."""
        contents = [rc for rc, _ in rule_quotes]
        # one that repeats a rule quote is never added (nor trained on): no features for it
        cands = [c for c in candidates(stage, doc, text, self.lexicon, widen=self.version >= 2, tail=self.version >= 3)
                 if not any(rc[0] < c.content[1] and c.content[0] < rc[1] and _ratio(c.content, rc) >= 0.5 for rc in contents)]
        if not cands:
            return []
        feats = features(stage, doc, text, cands, None, rule_quotes, set())
        for c, f in zip(cands, feats):
            if c.tail:
                f.update(tail_features(cue_key(doc[c.cue_tok]), c.rel, self.tail_lexicon))
            else:
                f.update(lexicon_features(cue_key(doc[c.cue_tok]), c.rel, self.lexicon, self.frequent, self.pairs))
            fold_heads(f, self.heads)
        conf = [self.score(f) for f in feats]
        t = self.threshold if threshold is None else threshold
        return select(cands, conf, contents, t)


def fold_heads(f: dict[str, float], heads: set[str]) -> None:
    """Fold a short content's head word feature to "chead=other" unless it is one of ``heads``."""
    k = next((k for k in f if k.startswith("chead=")), None)
    if k is not None and k[6:] not in heads:
        del f[k]
        f["chead=other"] = 1.0


def tree_score(model: dict, feats: dict[str, float]) -> float:
    """The raw score (log-odds) of gradient-boosted trees over a feature dict (an absent feature is 0)."""
    names = model["names"]
    z = model["base"]
    rate = model["rate"]
    for tree in model["trees"]:
        n = 0
        while True:
            f, thr, left, right, value = tree[n]
            if f < 0:
                z += rate * value
                break
            n = left if feats.get(names[f], 0.0) <= thr else right
    return z


def select(cands: list[Candidate], conf: list[float], rule_contents: list[tuple[int, int]],
           threshold: float) -> list[tuple[Candidate, float]]:
    """Candidates at or above ``threshold``, best first, skipping one that repeats (shares half
    its characters with) a rule quote or a candidate already taken, and a second content of a cue
    already taken."""
    taken: list[tuple[Candidate, float]] = []
    used_cues: set[int] = set()
    for i in sorted(range(len(cands)), key=lambda i: -conf[i]):
        if conf[i] < threshold:
            break
        c = cands[i]
        if c.cue_tok in used_cues:
            continue
        if any(_ratio(c.content, rc) >= 0.5 for rc in rule_contents):
            continue
        if any(_ratio(c.content, t.content) >= 0.5 for t, _ in taken):
            continue
        taken.append((c, round(conf[i], 4)))
        used_cues.add(c.cue_tok)
    return taken


@lru_cache(maxsize=4)
def load_adder(path: str = str(DATA)) -> Optional[QuoteAdder]:
    """The shipped adder (None when its file is missing: the rules' quotes alone)."""
    p = Path(path)
    if not p.exists():
        return None
    return QuoteAdder(json.loads(p.read_text(encoding="utf-8")))
