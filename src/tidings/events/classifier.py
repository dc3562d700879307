"""The learned event classifier: PLOVER types, mode and CAMEO root of a candidate clause.

A small sentence encoder (the first layers of all-MiniLM-L6-v2, exported to ONNX and quantised to
int8) reads each candidate clause; a trained head (one hidden layer) turns the clause's features (mean of its
sub-word vectors and the vector of its head word) into scores:

* ``types``: PLOVER type probabilities (a softmax over "no event" and the 16 types; every type
  keeps its own score, so a clause can be read for several types);
* ``root``: CAMEO root probabilities (``00`` = no event, ``01`` ... ``20``);
* ``quad``: quad class probabilities in the Phoenix convention (0 neutral ... 4 material
  conflict), the root probabilities summed by class;
* ``mode``: the most likely PLOVER mode of the top type.

Everything runs on ``onnxruntime`` and ``tokenizers`` with the files shipped under
``tidings/events/data/model/`` (no torch, nothing fetched at run time). Candidate clauses are
verbs that head a clause (root, conjunct, complement, adverbial or relative clause) and have an
actor-like word in their clause, minus a short list of verbs that never carry an event by
themselves (``config.json``: ``skip_lemmas``). Clauses are encoded in batches.

>>> clf = get_classifier()                                     # doctest: +SKIP
>>> clf.predict_texts(["The rebels freed the hostages."])[0].top(1)   # doctest: +SKIP
[('RETREAT', 0.9...)]
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Optional, Sequence

import numpy as np

from ..nlp.onnx_model import pad_batch
from .codebook import phoenix_quad

log = logging.getLogger(__name__)

CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis", "pcomp"}
CUT_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj", "acl"}   # child clauses left out of a clause
ACTOR_ENTS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}
ROOTS = ["00"] + [f"{i:02d}" for i in range(1, 21)]


def model_dir() -> str:
    return str(resources.files("tidings.events").joinpath("data").joinpath("model"))


@dataclass
class ClausePrediction:
    """The classifier's scores for one clause."""
    types: dict[str, float]
    root: dict[str, float]
    quad: list[float]
    modes: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def no_event(self) -> float:
        """Probability of "no event" (the type softmax's remaining mass)."""
        return max(0.0, 1.0 - sum(self.types.values()))

    def top(self, n: int = 3) -> list[tuple[str, float]]:
        return sorted(self.types.items(), key=lambda kv: -kv[1])[:n]

    def best_root(self, event: Optional[str] = None, allowed: Optional[dict] = None) -> tuple[str, float]:
        """The most probable CAMEO root (among those whose PLOVER type is ``event`` when given)."""
        items = [(r, p) for r, p in self.root.items() if r != "00"]
        if event and allowed:
            ok = [(r, p) for r, p in items if event in allowed.get(r, ())]
            items = ok or items
        return max(items, key=lambda kv: kv[1])

    def mode(self, event: str) -> Optional[str]:
        m = self.modes.get(event)
        if not m:
            return None
        best = max(m.items(), key=lambda kv: kv[1])
        return best[0] or None

    def as_dict(self, n: int = 3) -> dict:
        r, p = self.best_root()
        return {"types": [{"event": t, "score": round(s, 3)} for t, s in self.top(n)],
                "root": r, "root_score": round(p, 3), "no_event": round(self.no_event, 3),
                "quad": int(np.argmax(self.quad))}


class EventClassifier:
    """ONNX encoder + linear heads; see the module docstring."""

    def __init__(self, path: Optional[str] = None, threads: Optional[int] = None) -> None:
        from ..nlp.onnx_model import load_tokenizer, open_session

        path = path or model_dir()
        self.path = path
        with open(os.path.join(path, "config.json"), encoding="utf-8") as fh:
            self.config = json.load(fh)
        self.name = self.config.get("name", "events-minilm")
        self.version = self.config.get("version", "0")
        self.max_len = int(self.config.get("max_len", 64))
        self.batch_size = int(self.config.get("batch_size", 32))
        self.skip_lemmas = set(self.config.get("skip_lemmas", []))
        self.types = list(self.config["types"])
        self.roots = list(self.config.get("roots", ROOTS))
        self.mode_labels = list(self.config.get("modes", []))
        self.root_types: dict[str, list[str]] = self.config.get("root_types", {})
        self.tok = load_tokenizer(path, self.max_len)
        self.session = open_session(os.path.join(path, self.config.get("encoder", "encoder.int8.onnx")), threads)
        self.out_name = self.session.get_outputs()[0].name
        head_file = os.path.join(path, self.config.get("head", "head.npz"))
        self.head = dict(np.load(head_file)) if os.path.exists(head_file) else None

    @property
    def rule(self) -> str:
        return f"model:{self.name}@{self.version}"

    # ---- features ----------------------------------------------------------------------------
    def features(self, items: Sequence[tuple[str, int, int]]) -> np.ndarray:
        """Features of clauses given as (text, head_start, head_end) (head: character offsets of the
        clause's head word in ``text``): [mean of sub-word vectors, head word vector]."""
        if not items:
            return np.zeros((0, 2 * 384), dtype=np.float32)
        out = [None] * len(items)
        order = sorted(range(len(items)), key=lambda i: len(items[i][0]))   # similar lengths batched together
        for s in range(0, len(order), self.batch_size):
            idx = order[s:s + self.batch_size]
            encs = self.tok.encode_batch([items[i][0] for i in idx])
            ids, mask = pad_batch(encs)
            hidden = self.session.run([self.out_name], {"input_ids": ids, "attention_mask": mask})[0]
            for k, (i, e) in enumerate(zip(idx, encs)):
                L = len(e.ids)
                h = hidden[k, :L]
                mean = h[1:L - 1].mean(0) if L > 2 else h.mean(0)
                _, hs, he = items[i]
                pos = [j for j, (a, b) in enumerate(e.offsets) if b > a and a < he and b > hs]
                head = h[pos].mean(0) if pos else mean
                out[i] = np.concatenate([mean, head]).astype(np.float32)
        return np.stack(out)

    # ---- heads -------------------------------------------------------------------------------
    def scores(self, X: np.ndarray) -> list[ClausePrediction]:
        hd = self.head
        Z = (X - hd["mu"]) / hd["sd"]
        H = np.maximum(Z @ hd["hid_W"].T + hd["hid_b"], 0.0)
        t = _softmax(H @ hd["type_W"].T + hd["type_b"])[:, 1:]          # column 0: no event
        r = _softmax(H @ hd["root_W"].T + hd["root_b"])
        m = _softmax(H @ hd["mode_W"].T + hd["mode_b"])
        quads = np.array([phoenix_quad(ro) for ro in self.roots])
        q = np.stack([r[:, quads == k].sum(1) for k in range(5)], 1)
        preds = []
        for i in range(len(X)):
            modes: dict[str, dict[str, float]] = {}
            for j, lab in enumerate(self.mode_labels):
                typ, _, mode = lab.partition(":")
                modes.setdefault(typ, {})[mode] = float(m[i, j])
            preds.append(ClausePrediction({ty: float(t[i, j]) for j, ty in enumerate(self.types)},
                                          {ro: float(r[i, j]) for j, ro in enumerate(self.roots)},
                                          [float(x) for x in q[i]], modes))
        return preds

    def predict(self, items: Sequence[tuple[str, int, int]]) -> list[ClausePrediction]:
        return self.scores(self.features(items)) if items else []

    def predict_texts(self, texts: Iterable[str]) -> list[ClausePrediction]:
        """Whole texts as clauses (head: the whole text)."""
        texts = list(texts)
        return self.predict([(t, 0, len(t)) for t in texts])


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# ---- candidate clauses ---------------------------------------------------------------------------
@dataclass
class Clause:
    head: Any                 # spaCy token heading the clause
    tokens: list              # the clause's tokens, in order
    text: str
    head_start: int           # head word's offsets in ``text``
    head_end: int
    whole: bool = False       # the whole sentence (read when the lexicon found nothing in it)


def clause_tokens(head) -> list:
    """The head's subtree minus the child clauses that are candidates of their own."""
    cut = set()
    stack = [c for c in head.children if c.dep_ in CUT_DEPS]
    for c in stack:
        cut.update(t.i for t in c.subtree)
    return [t for t in head.subtree if t.i not in cut and not (t.is_punct and t.i in (head.left_edge.i,))]


def sentence_clause(sent) -> Clause:
    """The whole sentence as one clause, its head the parse root."""
    c = make_clause(sent.root, list(sent))
    c.whole = True
    return c


def make_clause(head, tokens: Optional[list] = None) -> Clause:
    tokens = tokens if tokens is not None else clause_tokens(head)
    parts, hs, he = [], 0, 0
    pos = 0
    for k, t in enumerate(tokens):
        if t.i == head.i:
            hs, he = pos, pos + len(t.text)
        parts.append(t.text)
        pos += len(t.text)
        if k + 1 < len(tokens):
            ws = " " if (t.whitespace_ or tokens[k + 1].i != t.i + 1) else ""
            parts.append(ws)
            pos += len(ws)
    return Clause(head, tokens, "".join(parts), hs, he)


def candidate_clauses(sent, skip_lemmas: frozenset | set = frozenset(), actor_tokens: Optional[set] = None) -> list[Clause]:
    """Clauses of ``sent`` worth classifying: a verb heading a clause, not a verb that never
    carries an event by itself, with an actor-like word (a named entity or mention of an actor,
    a pronoun or a noun subject/object) in its clause."""
    out = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in CLAUSE_DEPS:
            continue
        if tok.pos_ == "AUX" and tok.dep_ != "ROOT":
            continue
        if tok.lemma_.lower() in skip_lemmas:
            continue
        toks = clause_tokens(tok)
        if not _actor_like(toks, tok, actor_tokens):
            continue
        out.append(make_clause(tok, toks))
    return out


def _actor_like(tokens, head, actor_tokens: Optional[set]) -> bool:
    for t in tokens:
        if actor_tokens is not None and t.i in actor_tokens:
            return True
        if t.ent_type_ in ACTOR_ENTS:
            return True
        if t.head.i == head.i and t.dep_ in ("nsubj", "nsubjpass", "agent", "dobj") and t.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
    return False


@lru_cache(maxsize=2)
def _load(path: Optional[str]) -> Optional[EventClassifier]:
    try:
        clf = EventClassifier(path)
        if clf.head is None:
            log.warning("event classifier has no trained head in %s: coding with the lexicon only", clf.path)
            return None
        return clf
    except (ImportError, FileNotFoundError, KeyError, OSError) as exc:
        log.warning("event classifier not available (%s): coding with the lexicon only", exc)
        return None


def get_classifier(path: Optional[str] = None) -> Optional[EventClassifier]:
    """The shipped classifier (loaded once per process), or None when its files or onnxruntime are missing."""
    return _load(path)
