"""A learned scorer over the quote rules' output: a confidence for every quote, and a veto for those
below ``QuoteSettings.min_confidence``.

A logistic regression over features of the quote and its parse (rule id, cue lemma and kind, direct
or not, the speaker's kind, the content's length and first word, where it sits in the sentence,
headline or not, how many other quotes overlap it), each indicator also paired with the rule id. It is trained on PolNeAR train by
``tools/train_quote_scorer.py`` (label: the quote matches a gold attribution by the scorer's
content criterion); the weights are a small JSON file, ``data/quote_scorer.json``, scored here
with plain Python (no scikit-learn at run time).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

DATA = Path(__file__).resolve().parent / "data" / "quote_scorer.json"

_PRONOUNS = {"he", "she", "they", "we", "i", "it", "you", "who", "that", "which"}


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def features(doc: Any, text: str, items: list[tuple[Any, Any]], cue_lemmas: Optional[set[str]] = None) -> list[dict[str, float]]:
    """One feature dict (name → value) per quote. ``items``: (candidate ``_Q``, ``Quote``) pairs of
    one article, in order. ``cue_lemmas``: the cue lemmas that get a feature of their own (the
    model's list); others share ``cue_lemma=other``."""
    line_end = text.find("\n")
    spans = [(it.content.start, it.content.end) for _, it in items]
    out = []
    for k, (q, it) in enumerate(items):
        f: dict[str, float] = {"bias": 1.0, f"rule={it.rule}": 1.0, f"kind={q.kind}": 1.0}
        s, e = spans[k]
        f["direct"] = 1.0 if it.direct else 0.0
        toks = doc.char_span(s, e, alignment_mode="expand")
        n = len(toks) if toks is not None else max(1, len(text[s:e].split()))
        f[f"len={_bucket(n, (2, 4, 8, 15, 30, 60))}"] = 1.0
        f["log_len"] = math.log1p(n)
        first = toks[0] if toks is not None and len(toks) else None
        if first is not None:
            w = first.lower_
            f[f"first={w if w in {'that', 'to', 'the', 'a', 'what', 'whether', 'if', 'he', 'she', 'they', 'it', 'we', 'i', 'about', 'for', 'on', 'with', 'of'} else first.pos_}"] = 1.0
            sent = first.sent
            f["pos_in_sent"] = (first.i - sent.start) / max(1, len(sent))
            root = toks.root
            f[f"root_pos={root.pos_}"] = 1.0
            f[f"root_dep={root.dep_}"] = 1.0
            if root.ent_type_:
                f[f"content_ent={root.ent_type_}"] = 1.0
            if root.tag_ == "PRP":
                f["content_pronoun"] = 1.0
            last = toks[-1]
            nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
            f["ends_sentence"] = 1.0 if nxt is None or nxt.sent.start != sent.start or nxt.text in {".", "?", "!"} else 0.0
            f["starts_sentence"] = 1.0 if first.i == sent.start else 0.0
            f["question"] = 1.0 if sent[-1].text == "?" or text[sent.end_char - 2:sent.end_char].strip().endswith("?") else 0.0
        if line_end > 0 and s < line_end:
            f["headline"] = 1.0
        if it.cue is not None:
            cue = doc.char_span(it.cue.start, it.cue.end, alignment_mode="expand")
            lem = cue.root.lemma_.lower() if cue is not None and len(cue) else it.cue.text.lower()
            f[f"cue_lemma={lem if cue_lemmas is None or lem in cue_lemmas else 'other'}"] = 1.0
            if cue is not None and len(cue):
                f[f"cue_pos={cue.root.pos_}"] = 1.0
                f[f"cue_tense={cue.root.tag_}"] = 1.0
                f["cue_after"] = 1.0 if cue.root.idx >= e else 0.0
                croot = cue.root
                f[f"cue_dep={croot.dep_}"] = 1.0
                kids = list(croot.children)
                f["cue_negated"] = 1.0 if any(g.dep_ == "neg" for g in kids) else 0.0
                f["cue_modal"] = 1.0 if any(g.tag_ == "MD" for g in kids) else 0.0
        else:
            f["no_cue"] = 1.0
        if it.speaker is not None:
            sp = doc.char_span(it.speaker.start, it.speaker.end, alignment_mode="expand")
            head = doc[q.speaker_tok] if q.speaker_tok is not None and q.speaker_tok < len(doc) else (sp.root if sp is not None and len(sp) else None)
            if head is not None:
                if head.lower_ in _PRONOUNS:
                    f["speaker=pronoun"] = 1.0
                elif head.ent_type_:
                    f[f"speaker_ent={head.ent_type_}"] = 1.0
                else:
                    f[f"speaker_pos={head.pos_}"] = 1.0
            f["speaker_len"] = math.log1p(len(sp)) if sp is not None else 0.0
        else:
            f["no_speaker"] = 1.0
        ov = sum(1 for j, (s2, e2) in enumerate(spans) if j != k and s2 < e and s < e2)
        f[f"overlaps={min(ov, 3)}"] = 1.0
        f["quote_mark_inside"] = 1.0 if any(ch in text[s:e] for ch in "\"“”") else 0.0
        f["fragments"] = 1.0 if it.fragments else 0.0
        out.append(f)
    return out


#: features that also count per rule (a rule's own weight for, e.g., a pronoun speaker)
_PER_RULE = ("first=", "speaker", "no_speaker", "len=", "cue_lemma=", "headline", "overlaps=", "cue_after",
             "cue_dep=", "root_dep=", "content_ent=", "ends_sentence", "starts_sentence")


def with_rule_pairs(feats: list[dict[str, float]]) -> list[dict[str, float]]:
    """Each indicator feature of ``_PER_RULE`` also paired with the quote's rule ("rule=X&first=to")."""
    out = []
    for f in feats:
        g = dict(f)
        rule = next((k for k in f if k.startswith("rule=")), "rule=?")
        for k, v in f.items():
            if v == 1.0 and k.startswith(_PER_RULE):
                g[f"{rule}&{k}"] = 1.0
        out.append(g)
    return out


class QuoteScorer:
    """Weights from ``data/quote_scorer.json``: ``{"weights": {name: w}, "cue_lemmas": [...], ...}``."""

    def __init__(self, data: dict) -> None:
        self.weights: dict[str, float] = data["weights"]
        self.cue_lemmas: set[str] = set(data.get("cue_lemmas", []))
        self.threshold: float = float(data.get("threshold", 0.0))
        self.meta = {k: v for k, v in data.items() if k not in {"weights", "cue_lemmas"}}

    def score(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def confidences(self, doc: Any, text: str, items: list[tuple[Any, Any]]) -> list[float]:
        return [round(self.score(f), 4) for f in with_rule_pairs(features(doc, text, items, self.cue_lemmas))]


@lru_cache(maxsize=4)
def load_scorer(path: str = str(DATA)) -> Optional[QuoteScorer]:
    """The shipped scorer (None when its file is missing: quotes then carry no confidence)."""
    p = Path(path)
    if not p.exists():
        return None
    return QuoteScorer(json.loads(p.read_text(encoding="utf-8")))
