"""The learned quote tagger: a MiniLM token tagger for content, cue and source (rule ``model:quotes-tagger@2``).

A 4-layer all-MiniLM-L6-v2 encoder fine-tuned on PolNeAR train (``tools/train_quote_tagger.py``)
reads one sentence at a time and tags each sub-word with three BIO labels: inside an attribution's
content, its cue, its source. Run time needs only ``onnxruntime`` and ``tokenizers``: the encoder and
its linear head are one int8 ONNX graph in ``data/quote_tagger/`` with the ``tokenizer.json``.

It is a second opinion on the quotes the stage is unsure of: only the sentences where a kept quote
under the model's ``veto`` confidence starts are read (about 8 % of the sentences of news articles,
and none in an article without such a quote), in batches of similar lengths. A content runs from a
B (or an I after O) over the I tags; a run that starts the sentence with I continues the previous
sentence's run when that one reached its end. Its confidence is the mean probability of "inside
content" over its sub-words.

Combined with the rules (``QuoteStage.add_tagged``; opt-in, ``QuoteSettings.tagger``): an
unsure quote in a read sentence is dropped when no tagged content shares half its characters; a
tagged content that no kept quote shares a quarter of its characters with is added at or above the
shipped threshold, its cue the nearest tagged cue of its sentence and its speaker the nearest
tagged source, else the rules' speaker finder on that cue.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

from ..nlp.onnx_model import pad_batch

DATA = Path(__file__).resolve().parent / "data" / "quote_tagger"
#: label order of each of the three heads
BIO = ("O", "B", "I")
HEADS = ("content", "cue", "source")


@dataclass
class TaggedSpan:
    """A run of tags: character offsets, its head ("content", "cue", "source") and mean probability."""
    start: int
    end: int
    head: str
    confidence: float
    sent: int = 0
    continues: bool = False     # began with I at the start of its sentence


@dataclass
class Tagged:
    """A tagged attribution: content, the cue and source chosen for it (character offsets)."""
    content: tuple[int, int]
    confidence: float
    cue: Optional[tuple[int, int]] = None
    source: Optional[tuple[int, int]] = None
    pieces: list = field(default_factory=list)


def sentences_at(doc, offsets: Sequence[int]) -> list[int]:
    """Indices of the sentences of ``doc`` that hold any of the character ``offsets``."""
    want = sorted(set(offsets))
    out, k = [], 0
    for i, s in enumerate(doc.sents):
        while k < len(want) and want[k] < s.start_char:
            k += 1
        if k < len(want) and want[k] < s.end_char:
            out.append(i)
    return out


def runs(offsets: Sequence[tuple[int, int]], probs: np.ndarray, head: str, base: int, sent: int) -> list[TaggedSpan]:
    """The B/I runs of one head over one sentence's sub-words. ``probs``: (n, 3) O/B/I probabilities
    (special tokens already left out), ``offsets``: sub-word character offsets in the sentence."""
    out: list[TaggedSpan] = []
    cur: Optional[list] = None
    lab = probs.argmax(1)
    for j, (a, b) in enumerate(offsets):
        if b <= a:
            continue
        if lab[j] == 1 or (lab[j] == 2 and cur is None):
            if cur is not None:
                out.append(_close(cur, head, base, sent))
            cur = [a, b, [probs[j, 1] + probs[j, 2]], lab[j] == 2 and not out and j == 0]
        elif lab[j] == 2:
            cur[1] = b
            cur[2].append(probs[j, 1] + probs[j, 2])
        elif cur is not None:
            out.append(_close(cur, head, base, sent))
            cur = None
    if cur is not None:
        out.append(_close(cur, head, base, sent))
    return out


def _close(cur: list, head: str, base: int, sent: int) -> TaggedSpan:
    return TaggedSpan(base + cur[0], base + cur[1], head, float(np.mean(cur[2])), sent, bool(cur[3]))


def overlap(a: tuple[int, int], b: tuple[int, int], short: bool = False) -> float:
    """Shared characters of two spans over the longer one (the evaluation's matching), or over
    ``a`` alone with ``short``."""
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    den = (a[1] - a[0]) if short else max(a[1] - a[0], b[1] - b[0])
    return shared / den if den > 0 else 0.0


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def assemble(text: str, spans: list[TaggedSpan], sent_bounds: list[tuple[int, int]]) -> list[Tagged]:
    """Tagged attributions from the runs of every read sentence: contents joined across a sentence
    break where the next sentence's run continues (I at its start), each with its nearest cue and source."""
    contents = sorted((s for s in spans if s.head == "content"), key=lambda s: s.start)
    joined: list[list[TaggedSpan]] = []
    for s in contents:
        if joined and s.continues and s.sent == joined[-1][-1].sent + 1 \
                and not text[joined[-1][-1].end:sent_bounds[joined[-1][-1].sent][1]].strip(" \t\"”'’.,;:!?)"):
            joined[-1].append(s)
        else:
            joined.append([s])
    out = []
    for parts in joined:
        s, e = parts[0].start, parts[-1].end
        conf = float(np.average([p.confidence for p in parts], weights=[p.end - p.start for p in parts]))
        sents = {p.sent for p in parts}
        cues = [c for c in spans if c.head == "cue" and (c.sent in sents or c.sent in {min(sents) - 1, max(sents) + 1})
                and not (s <= c.start and c.end <= e)]
        cue = min(cues, key=lambda c: (c.sent not in sents, _gap((c.start, c.end), (s, e)))) if cues else None
        src = None
        if cue is not None:
            srcs = [c for c in spans if c.head == "source" and c.sent == cue.sent and not (s <= c.start and c.end <= e)]
            if srcs:
                src = min(srcs, key=lambda c: _gap((c.start, c.end), (cue.start, cue.end)))
        out.append(Tagged((s, e), conf, (cue.start, cue.end) if cue else None, (src.start, src.end) if src else None,
                          parts))
    return out


class QuoteTagger:
    """The shipped ONNX tagger; :meth:`tag` gives the tagged attributions of a parsed article."""

    def __init__(self, path: str = str(DATA), threads: Optional[int] = None) -> None:
        from ..nlp.onnx_model import load_tokenizer, open_session

        with open(os.path.join(path, "config.json"), encoding="utf-8") as fh:
            self.config = json.load(fh)
        self.name = self.config.get("name", "quotes-tagger")
        self.version = str(self.config.get("version", "1"))
        self.max_len = int(self.config.get("max_len", 128))
        self.batch_size = int(self.config.get("batch_size", 32))
        self.threshold = float(self.config.get("threshold", 0.5))
        self.veto = float(self.config.get("veto", 0.0))
        self.tok = load_tokenizer(path, self.max_len)
        self.session = open_session(os.path.join(path, self.config.get("model", "tagger.int8.onnx")), threads)
        self.out_name = self.session.get_outputs()[0].name

    @property
    def rule(self) -> str:
        return f"model:{self.name}@{self.version}"

    def logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """(batch, length, 9) logits: content, cue, source heads, O/B/I each."""
        return self.session.run([self.out_name], {"input_ids": ids, "attention_mask": mask})[0]

    def tag(self, doc, text: str, at: Optional[Sequence[int]] = None) -> TagResult:
        """The tagged attributions of the sentences holding the character offsets ``at`` (every
        sentence without)."""
        chosen = sentences_at(doc, at) if at is not None else None
        return tag_doc(doc, text, self.tok, self.logits, chosen, self.batch_size)


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


@dataclass
class TagResult:
    """The tagged attributions of an article and the sentences read (character offsets)."""
    quotes: list[Tagged]
    read: list[tuple[int, int]]
    #: every run of every read sentence (what ``quotes`` was assembled from)
    spans: list[TaggedSpan] = field(default_factory=list)


def tag_doc(doc, text: str, tok, logits_fn: Callable[[np.ndarray, np.ndarray], np.ndarray],
            chosen: Optional[Sequence[int]] = None, batch_size: int = 32) -> TagResult:
    """Tag the sentences ``chosen`` (indices; None: all) of a parsed article with ``logits_fn`` (the
    ONNX graph at run time, the torch model while training) and assemble the attributions."""
    bounds = [(s.start_char, s.end_char) for s in doc.sents]
    chosen = list(range(len(bounds))) if chosen is None else sorted(set(chosen))
    if not chosen:
        return TagResult([], [])
    spans: list[TaggedSpan] = []
    for (i, probs, offs) in tag_sentences(tok, logits_fn, [text[bounds[k][0]:bounds[k][1]] for k in chosen],
                                          batch_size):
        k = chosen[i]
        for h, head in enumerate(HEADS):
            spans += runs(offs, probs[:, 3 * h:3 * h + 3], head, bounds[k][0], k)
    return TagResult(assemble(text, spans, bounds), [bounds[k] for k in chosen], spans)


def tag_sentences(tok, logits_fn, texts: list[str], batch_size: int = 32):
    """(index, (n, 9) probabilities of the three heads, offsets) per sentence text; special tokens left out."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for s in range(0, len(order), batch_size):
        idx = order[s:s + batch_size]
        encs = tok.encode_batch([texts[i] for i in idx])
        lg = logits_fn(*pad_batch(encs))
        b, n = lg.shape[:2]
        probs = _softmax(lg.reshape(b, n, 3, 3)).reshape(b, n, 9)      # the three heads at once
        for k, (i, e) in enumerate(zip(idx, encs)):
            L = len(e.ids)
            yield i, probs[k, 1:L - 1], e.offsets[1:L - 1]


@lru_cache(maxsize=2)
def load_tagger(path: str = str(DATA)) -> Optional[QuoteTagger]:
    """The shipped tagger (once per process), None when its files or onnxruntime are missing."""
    if not os.path.exists(os.path.join(path, "config.json")):
        return None
    try:
        return QuoteTagger(path)
    except ImportError:
        return None
