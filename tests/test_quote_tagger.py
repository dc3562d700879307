"""The learned quote tagger (tidings.quotes.tagger, rule model:quotes-tagger@1): a fine-tuned MiniLM
token tagger shipped as int8 ONNX (tools/train_quote_tagger.py). Sentences of our own."""
from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import quotes
from tidings.quotes import tagger as T

RULE = "model:quotes-tagger@1"


@pytest.fixture(scope="module")
def shipped():
    tg = T.load_tagger()
    assert tg is not None, "the tagger's files ship in src/tidings/quotes/data/quote_tagger/"
    return tg


@pytest.fixture(scope="module")
def tagger_pipe():
    from tidings.pipeline import Config, Pipeline

    return Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"tagger": True, "tagger_threshold": 0.0}))


def _parse(text: str):
    from tidings.model import Document
    from tidings.pipeline import Config, Pipeline

    [doc] = Pipeline(Config(stages=["entities", "actors", "quotes"])).parse([Document(id="t", text=text)])
    return doc


def test_the_shipped_tagger_loads_with_its_files(shipped):
    assert shipped.rule == RULE
    assert 0.0 < shipped.threshold < 1.0
    cfg = json.loads((T.DATA / "config.json").read_text(encoding="utf-8"))
    assert "PolNeAR train" in cfg["trained_on"]
    assert cfg["layers"] == 4
    assert "say|VERB" in shipped.cue_keys and "tell|VERB" in shipped.cue_keys
    assert "the|DET" not in shipped.cue_keys
    assert (T.DATA / "tokenizer.json").exists() and (T.DATA / "MODEL_CARD.md").exists()


def test_the_graph_gives_three_heads_and_ignores_padding(shipped):
    a = shipped.tok.encode("The mayor said the bridge would reopen in May.")
    b = shipped.tok.encode("Officials said it.")
    ids = np.zeros((2, len(a.ids)), dtype=np.int64)
    mask = np.zeros_like(ids)
    ids[0], mask[0] = a.ids, 1
    ids[1, :len(b.ids)], mask[1, :len(b.ids)] = b.ids, 1
    both = shipped.logits(ids, mask)
    alone = shipped.logits(np.array([b.ids], dtype=np.int64), np.ones((1, len(b.ids)), dtype=np.int64))
    assert both.shape == (2, len(a.ids), 9)
    assert np.abs(both[1, :len(b.ids)] - alone[0]).max() < 1e-3


def test_runs_read_bio_tags():
    # sub-words: "He"(0) "said"(1) "the"(2) "plan"(3) "fails"(4); content B I I on 2-4
    offs = [(0, 2), (3, 7), (8, 11), (12, 16), (17, 22)]
    p = np.array([[.9, .05, .05], [.9, .05, .05], [.1, .8, .1], [.1, .1, .8], [.2, .1, .7]])
    [r] = T.runs(offs, p, "content", 100, 3)
    assert (r.start, r.end, r.sent, r.continues) == (108, 122, 3, False)
    assert r.confidence == pytest.approx(np.mean([.9, .9, .8]))
    # an I that opens the sentence continues the previous sentence's content
    [c] = T.runs(offs[:2], np.array([[.1, .1, .8], [.9, .05, .05]]), "content", 0, 4)
    assert c.continues and (c.start, c.end) == (0, 2)


def test_assemble_picks_the_nearest_cue_and_source_and_joins_sentences():
    text = "Aides said the deal was dead. It would not return. Later news."
    spans = [T.TaggedSpan(0, 4, "source", .9, 0), T.TaggedSpan(5, 9, "cue", .9, 0),
             T.TaggedSpan(10, 28, "content", .8, 0), T.TaggedSpan(30, 49, "content", .6, 1, continues=True)]
    [t] = T.assemble(text, spans, [(0, 29), (30, 50), (51, 61)])
    assert t.content == (10, 49) and t.cue == (5, 9) and t.source == (0, 4)
    assert .6 < t.confidence < .8


@pytest.mark.parametrize("text, content", [
    ("The governor insisted that the bridge tolls would stay the same next year.", "the bridge tolls"),
    ("“We will not sign this deal,” the union leader told reporters on Friday.", "We will not sign"),
])
def test_the_tagger_finds_contents_on_its_own(shipped, text, content):
    res = shipped.tag(_parse(text), text)
    assert res.read == [(0, len(text))] or res.read[0][0] == 0
    assert any(content in text[t.content[0]:t.content[1]] and t.confidence > 0.5 for t in res.quotes), \
        [(text[t.content[0]:t.content[1]], t.confidence) for t in res.quotes]


def test_a_sentence_without_a_cue_or_quotation_mark_is_not_read(shipped):
    text = "The bridge opened in 1932. Its towers are 200 metres tall."
    assert shipped.tag(_parse(text), text).read == []


def test_the_stage_adds_tagged_quotes_with_rule_and_confidence(tagger_pipe):
    from tidings.pipeline import Config, Pipeline

    text = ("The council member raised doubts over whether the budget could be balanced by June. "
            "The plan, aides conceded, had little support among the voters of the east side.")
    base = quotes(Pipeline(Config(stages=["entities", "actors", "quotes"])), text)
    got = quotes(tagger_pipe, text)
    added = [q for q in got if q.rule == RULE]
    assert all(0.0 <= q.confidence <= 1.0 and not q.direct for q in added)
    # the rules' quotes stay as they were; the tagger only adds
    assert [(q.rule, q.content.text) for q in got if q.rule != RULE] == [(q.rule, q.content.text) for q in base]
    for q in added:
        assert not any(b.content.start < q.content.end and q.content.start < b.content.end
                       and min(b.content.end, q.content.end) - max(b.content.start, q.content.start)
                       >= 0.25 * (q.content.end - q.content.start) for b in base)


def test_the_tagger_is_off_by_default_and_its_threshold_holds(tagger_pipe):
    from tidings.config import QuoteSettings
    from tidings.pipeline import Config, Pipeline

    assert QuoteSettings().tagger is False
    text = "Residents complained about the noise from the new stadium for months."
    strict = Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"tagger": True, "tagger_threshold": 1.01}))
    assert not [q for q in quotes(strict, text) if q.rule == RULE]
