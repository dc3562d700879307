"""The learned quote tagger (tidings.quotes.tagger, rule model:quotes-tagger@2): a fine-tuned MiniLM
token tagger shipped as int8 ONNX (tools/train_quote_tagger.py). Sentences of our own."""
from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import quotes
from tidings.quotes import tagger as T

RULE = "model:quotes-tagger@2"


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
    # the veto level is also the read filter: sentences where a quote under it starts
    assert 0.0 < shipped.veto < 1.0
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


def test_only_the_sentences_holding_the_given_offsets_are_read(shipped):
    text = "The bridge opened in 1932. The mayor said it would close. Its towers are 200 metres tall."
    doc = _parse(text)
    assert T.sentences_at(doc, [text.index("it would"), text.index("The mayor")]) == [1]
    assert T.sentences_at(doc, [0, len(text) - 1]) == [0, 2]
    res = shipped.tag(doc, text, [text.index("it would")])
    assert res.read == [(27, 57)] or [text[a:b].strip() for a, b in res.read] == ["The mayor said it would close."]
    assert all(27 <= t.content[0] for t in res.quotes)
    assert shipped.tag(doc, text, []).read == []


class _Spy:
    """Stands in for the shipped tagger: records what the stage asks it to read."""

    def __init__(self, real):
        self.real, self.asked = real, []
        self.veto, self.threshold, self.rule = real.veto, real.threshold, real.rule

    def tag(self, doc, text, at=None):
        self.asked.append(list(at))
        return self.real.tag(doc, text, at)


def test_the_stage_reads_only_unsure_quotes_and_adds_with_rule_and_confidence(shipped, tagger_pipe, monkeypatch):
    from tidings.pipeline import Config, Pipeline
    from tidings.quotes import stage as S

    text = ("The council member raised doubts over whether the budget could be balanced by June. "
            "The senator is known to favour lower taxes. "
            "\u201cWe will vote no,\u201d the union leader said on Friday.")
    base = quotes(Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"tagger": False})), text)
    spy = _Spy(shipped)
    monkeypatch.setattr(S, "load_tagger", lambda: spy)
    got = quotes(tagger_pipe, text)
    unsure = [q.content.start for q in base if q.confidence is not None and q.confidence < shipped.veto]
    # the scorer is unsure of "is known to": its sentence alone is read
    assert unsure and spy.asked == [unsure]
    added = [q for q in got if q.rule == RULE]
    assert all(0.0 <= q.confidence <= 1.0 and not q.direct for q in added)
    # the rules' quotes stay as they were, but for unsure ones the tagger vetoes
    kept = [(q.rule, q.content.text) for q in got if q.rule != RULE]
    assert set(kept) <= {(q.rule, q.content.text) for q in base}
    assert all(q.confidence is not None and q.confidence < shipped.veto
               for q in base if (q.rule, q.content.text) not in kept)
    for q in added:
        assert not any(b.content.start < q.content.end and q.content.start < b.content.end
                       and min(b.content.end, q.content.end) - max(b.content.start, q.content.start)
                       >= 0.25 * (q.content.end - q.content.start) for b in got if b.rule != RULE)


def test_the_tagger_is_off_by_default_and_off_or_missing_gives_the_rules_alone(monkeypatch):
    from tidings.config import QuoteSettings
    from tidings.pipeline import Config, Pipeline
    from tidings.quotes import stage as S

    assert QuoteSettings().tagger is False
    assert T.load_tagger("/nonexistent/quote_tagger") is None
    text = ("Officials suggested the vote might slip, aides said. Critics doubted the plan. "
            "\u201cIt is over,\u201d she said.")
    off = [(q.rule, q.content.text, q.confidence)
           for q in quotes(Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"tagger": False})), text)]
    monkeypatch.setattr(S, "load_tagger", lambda: None)
    missing = [(q.rule, q.content.text, q.confidence)
               for q in quotes(Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"tagger": True})), text)]
    assert missing == off


def test_the_threshold_holds():
    from tidings.pipeline import Config, Pipeline

    text = "Residents complained about the noise from the new stadium for months."
    strict = Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"tagger": True, "tagger_threshold": 1.01}))
    assert not [q for q in quotes(strict, text) if q.rule == RULE]
