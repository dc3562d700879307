"""A drop-in for spaCy's rule ``lemmatizer`` that skips the per-token Python objects.

The stock :class:`spacy.pipeline.Lemmatizer` walks the document token by token, builds a
``Token`` for each, and looks its lemma up in its cache keyed by ``(orth, pos, morph)``
(``rule_lemmatize``). :class:`FastLemmatizer` wraps the *same* lemmatizer object: it reads those
three columns with one ``Doc.to_array``, looks each token's key up in the stock lemmatizer's own
cache (per distinct key), asks the stock lemmatizer only on a cache miss (which fills the cache
exactly as the stock component would), and writes the lemmas back with one ``Doc.from_array``.
The lemmas are therefore the stock component's, token for token.

Only the rule mode with spaCy's own ``rule_lemmatize``/``__call__`` is wrapped; :func:`install`
leaves any other lemmatizer alone.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Pipe

FAST_LEMMATIZER = "tidings_lemmatizer"


class FastLemmatizer(Pipe):
    def __init__(self, vocab, name: str = FAST_LEMMATIZER) -> None:
        self.vocab = vocab
        self.name = name
        self.stock = None

    def wrap(self, stock) -> "FastLemmatizer":
        self.stock = stock
        return self

    # the wrapped lemmatizer's cache and tables (tidings.nlp.entities bounds the cache)
    @property
    def cache(self):
        return self.stock.cache if self.stock is not None else None

    @property
    def lookups(self):
        return self.stock.lookups if self.stock is not None else None

    def __call__(self, doc):
        lem = self.stock
        if lem is None:
            raise ValueError(f"{self.name}: no lemmatizer wrapped (build it with tidings.nlp.fast_lemma.install)")
        if not lem._validated:
            from spacy.errors import Errors

            lem._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            self._apply(doc, lem)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def pipe(self, stream: Iterable, *, batch_size: int = 128):
        for doc in stream:
            yield self(doc)

    def _apply(self, doc, lem) -> None:
        n = len(doc)
        if n == 0:
            return
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = np.arange(n) if lem.overwrite else np.nonzero(arr[:, 3] == 0)[0]
        if not todo.size:
            return
        cache = lem.cache
        add = self.vocab.strings.add
        cols = arr[todo, :3].T.tolist()
        keys = list(zip(*cols))                  # (orth, pos, morph): the stock cache's key
        lemma_of: dict[tuple, int] = {}
        first = dict(zip(keys, todo.tolist()))   # a token of each key (for a cache miss)
        for key, i in first.items():
            forms = cache.get(key)
            if forms is None:
                forms = lem.lemmatize(doc[i])
            lemma_of[key] = add(forms[0])
        out = arr[:, 3].copy()
        out[todo] = np.fromiter((lemma_of[k] for k in keys), dtype=np.uint64, count=len(keys))
        doc.from_array([LEMMA], out.reshape(n, 1))

    def initialize(self, get_examples=None, *, nlp=None):
        return None


@Language.factory(FAST_LEMMATIZER)
def make_fast_lemmatizer(nlp: Language, name: str):
    return FastLemmatizer(nlp.vocab, name)


def install(nlp, name: str = "lemmatizer") -> bool:
    """Wrap the pipeline's rule lemmatizer in :class:`FastLemmatizer` (same lemmas); False when
    there is none or it is not spaCy's rule lemmatizer."""
    from spacy.pipeline.lemmatizer import Lemmatizer

    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if not isinstance(stock, Lemmatizer) or getattr(stock, "mode", None) != "rule":
        return False
    if type(stock).rule_lemmatize is not Lemmatizer.rule_lemmatize or type(stock).__call__ is not Lemmatizer.__call__:
        return False
    if getattr(stock, "lemmatize", None) != stock.rule_lemmatize:
        return False
    fast = nlp.replace_pipe(name, FAST_LEMMATIZER)
    fast.wrap(stock)
    return True
