"""The vectorised attribute ruler (tidings.nlp.fast_ruler) and lemmatizer (tidings.nlp.fast_lemma)
annotate exactly as spaCy's own components."""
from __future__ import annotations

import json
import random

import pytest
import spacy

from tidings.nlp import resolve_model_name
from tidings.nlp import fast_lemma
from tidings.nlp.fast_ruler import FastAttributeRuler, install

from conftest import shared_path


def _annotations(doc) -> list[tuple]:
    return [(t.i, t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _assert_same(stock_docs, fast_docs) -> int:
    n = 0
    for a, b in zip(stock_docs, fast_docs, strict=True):
        assert _annotations(a) == _annotations(b)
        n += len(a)
    return n


# ---- sentences of our own: every kind of entry of the English ruler, many times over ---------------
_SUBJECTS = ["I", "You", "He", "She", "It", "We", "They", "Somebody", "Nobody", "The minister", "Y'all",
             "The rebels", "Everyone", "That", "This", "Those", "Which one"]
_VERBS = ["is gonna sign", "ain't going to accept", "was", "were", "had been", "has", "does", "did n't say",
          "won't meet", "can't leave", "'d rather wait", "is", "'s been", "gotta go", "got", "gets",
          "should have", "could", "might be doing", "would n't", "is doin'", "was goin' to", "must"]
_OBJECTS = ["them", "'em", "us", "him", "her", "it", "nothin'", "somethin'", "the deal", "his own plan",
            "their promises", "ol' friends", "themselves", "'nuff", "those", "what it said"]
_TAILS = ["", " today", ", because it rained", " if they can", " though there is a problem",
          " since there are no talks", ", so let's go", " c'mon", " — but not here", " once again",
          "\n\nThen they left", "  and  then", " while that happened", " whether or not", " well"]


def _sentences(n: int, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        s = f"{rnd.choice(_SUBJECTS)} {rnd.choice(_VERBS)} {rnd.choice(_OBJECTS)}{rnd.choice(_TAILS)}."
        if rnd.random() < 0.3:
            s = s.upper() if rnd.random() < 0.2 else f"\"{s}\" he said."
        out.append(s)
    return out


@pytest.fixture(scope="module")
def models():
    name = resolve_model_name(None)
    stock = spacy.load(name)
    fast = spacy.load(name)
    if not install(fast):
        pytest.skip(f"{name} has no attribute_ruler the fast one can replace")
    fast_lemma.install(fast)
    return stock, fast


def test_installed_in_place(models):
    stock, fast = models
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert not install(fast)          # already replaced: nothing to do
    if "lemmatizer" in stock.pipe_names:
        assert isinstance(fast.get_pipe("lemmatizer"), fast_lemma.FastLemmatizer)
        assert not fast_lemma.install(fast)


def test_lookup_lemmatizers_are_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not fast_lemma.install(nlp)


def test_same_annotations_on_our_sentences(models):
    stock, fast = models
    texts = _sentences(300)
    # one sentence per doc and many per doc (keys carried from doc to doc)
    texts += [" ".join(texts[i:i + 25]) for i in range(0, len(texts), 25)]
    n = _assert_same(stock.pipe(texts), fast.pipe(texts))
    assert n > 5000


def test_same_annotations_on_corpus_articles(models):
    path = shared_path("corpora", "news-2016-polnear-train.jsonl")
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(40), fh)]
    stock, fast = models
    _assert_same(stock.pipe(texts), fast.pipe(texts))


# ---- precedence and the Matcher path, on a ruler of our own ----------------------------------------
def _blank_with_ruler(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp


_OWN = [
    {"patterns": [[{"LOWER": "bank"}]], "attrs": {"TAG": "NN", "POS": "NOUN", "LEMMA": "bank"}},
    # a later fixed-length entry overrides the earlier one-token entry on its second token
    {"patterns": [[{"LOWER": "river"}, {"LOWER": "bank"}]], "attrs": {"POS": "PROPN"}, "index": 1},
    # a later one-token entry overrides part of the earlier ones
    {"patterns": [[{"ORTH": "Bank"}]], "attrs": {"LEMMA": "Bank", "MORPH": "Number=Sing", "POS": "X"}},
    # operators: the Matcher path, targeting the last token
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]], "attrs": {"POS": "ADJ", "LEMMA": "big"},
     "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^[0-9]+$"}}]], "attrs": {"POS": "NUM", "MORPH": "NumType=Card"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "TAG": "_SP"}},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a", "bank"]}, "IS_PUNCT": False}]], "attrs": {"DEP": "dep"}},
    # an earlier entry than the previous one cannot win over it: this one comes last and wins
    {"patterns": [[{"LOWER": "the"}], [{"LOWER": "a"}]], "attrs": {"POS": "DET", "DEP": "det"}},
]


def test_precedence_matches_the_stock_ruler():
    stock = _blank_with_ruler(_OWN)
    fast = _blank_with_ruler(_OWN)
    assert install(fast)
    counts = fast.get_pipe("attribute_ruler").counts
    assert counts == {"one-token": 6, "fixed-length": 1, "matcher": 1}
    texts = ["The river bank and the Bank of 42 lenders.", "A very very big bank,  very big  indeed\n",
             "river bank river bank Bank", "", "bank", "12 345 six"]
    _assert_same(stock.pipe(texts), fast.pipe(texts))
    doc = fast("the river bank")
    assert doc[2].pos_ == "PROPN" and doc[2].lemma_ == "bank" and doc[0].dep_ == "det"
    doc = fast("the river Bank")
    assert doc[2].pos_ == "X" and doc[2].lemma_ == "Bank"


def test_out_of_range_index_fails_like_the_stock_ruler():
    patterns = [{"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"POS": "X"}, "index": 5}]
    stock, fast = _blank_with_ruler(patterns), _blank_with_ruler(patterns)
    assert install(fast)
    with pytest.raises(ValueError):
        stock("a b")
    with pytest.raises(ValueError):
        fast("a b")
    assert fast("b a").text == "b a"


def test_rulers_setting_other_attributes_are_left_alone():
    nlp = _blank_with_ruler([{"patterns": [[{"LOWER": "u.s."}]], "attrs": {"NORM": "us"}}])
    assert not install(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_pipeline_option():
    from tidings.pipeline import Config, Pipeline

    on = Pipeline(Config(stages=["entities"]))
    off = Pipeline(Config(stages=["entities"], fast_ruler=False))
    if "attribute_ruler" not in off.nlp.pipe_names:
        pytest.skip("the model has no attribute_ruler")
    assert isinstance(on.nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert not isinstance(off.nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    text = "They said the talks had been gonna fail, but they didn't."
    assert _annotations(on.nlp(text)) == _annotations(off.nlp(text))


def test_entities_stage_still_bounds_the_lemmatizer_cache():
    from tidings.nlp import load
    from tidings.nlp.entities import _lemmatizer_caches
    from tidings.pipeline import Config

    nlp = load(None)
    if "lemmatizer" not in nlp.pipe_names:
        pytest.skip("the model has no lemmatizer")
    lem = nlp.get_pipe("lemmatizer")
    caches = _lemmatizer_caches(Config())
    assert caches and caches[0] is lem.cache
    if isinstance(lem, fast_lemma.FastLemmatizer):
        assert lem.cache is lem.stock.cache
