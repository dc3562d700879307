"""The learned quote adder (tidings.quotes.adder): attributions the rules miss, proposed from the
parse and kept by a model trained on PolNeAR train (tools/train_quote_adder.py). Sentences of our own."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import quotes
from tidings.quotes import adder as A

RULE = "model:quotes-adder@2"


@pytest.fixture(scope="module")
def default_pipe():
    """The quotes stage with its defaults: rules, the scorer's veto and the adder."""
    from tidings.pipeline import Config, Pipeline

    return Pipeline(Config(stages=["entities", "actors", "quotes"]))


@pytest.fixture(scope="module")
def rules_pipe():
    from tidings.pipeline import Config, Pipeline

    return Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"adder": False}))


def test_the_shipped_adder_loads_with_its_cv_threshold():
    adder = A.load_adder()
    assert adder is not None
    assert adder.rule == RULE
    assert 0.0 < adder.threshold < 1.0
    assert adder.lexicon["say|VERB"][0] > 100          # the commonest gold cue of PolNeAR train
    assert adder.weights and adder.trees is None
    data = json.loads(A.DATA.read_text(encoding="utf-8"))
    assert "PolNeAR train" in data["trained_on"]
    assert any(k.startswith("rules + veto + adder") for k in data["cv"])


@pytest.mark.parametrize("text, cue, content, speaker", [
    ("The governor has been vouching for the new tax plan at every rally.", "vouching", "the new tax plan", "The governor"),
    ("The senator pleaded guilty to two counts of fraud.", "pleaded", "guilty to two counts of fraud", "The senator"),
])
def test_the_adder_adds_what_the_rules_miss(default_pipe, rules_pipe, text, cue, content, speaker):
    assert not [q for q in quotes(rules_pipe, text) if content in q.content.text]
    added = [q for q in quotes(default_pipe, text) if q.rule == RULE]
    assert len(added) == 1, [(q.rule, q.content.text) for q in quotes(default_pipe, text)]
    q = added[0]
    assert q.cue.text == cue and q.content.text.startswith(content) and q.speaker.text == speaker
    assert not q.direct
    assert A.load_adder().threshold <= q.confidence <= 1.0


def test_denied_wrongdoing_is_found_once():
    """'The company denied any wrongdoing.': the adder's example until the scorer read the cue's
    clause (2026-12-07); now the rule's own quote passes the veto and the adder does not repeat it."""
    from tidings.pipeline import Config, Pipeline

    qs = quotes(Pipeline(Config(stages=["entities", "actors", "quotes"])), "The company denied any wrongdoing.")
    assert [(q.cue.text, q.content.text, q.speaker.text) for q in qs] == [("denied", "any wrongdoing", "The company")]


def test_the_adder_does_not_repeat_a_rule_quote(default_pipe, rules_pipe):
    text = "Critics portray the mayor as a friend of developers. The union endorsed the senator on Tuesday."
    rules = quotes(rules_pipe, text)
    both = quotes(default_pipe, text)
    assert rules and [(q.rule, q.content.text) for q in both] == [(q.rule, q.content.text) for q in rules]


def test_the_adder_can_be_turned_off_or_made_stricter():
    from tidings.pipeline import Config, Pipeline

    text = "The governor has been vouching for the new tax plan at every rally."
    strict = Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"adder_threshold": 1.0}))
    assert not [q for q in quotes(strict, text) if q.rule == RULE]
    loose = Pipeline(Config(stages=["entities", "actors", "quotes"], quotes={"adder_threshold": 0.0}))
    assert [q for q in quotes(loose, text) if q.rule == RULE]


def test_candidates_read_the_parse(default_pipe):
    """Each way a content hangs on a cue word is a candidate of its own; the source is the subject."""
    from tidings.model import Document
    from tidings.pipeline import Config
    from tidings.quotes.stage import QuoteStage

    text = "The mayor suspects the budget was padded, and she worries about the cost of the bridge."
    doc = next(iter(default_pipe.parse([Document(id="c", text=text)])))
    stage = QuoteStage(Config())
    lex = {A.cue_key(t): [5, 10] for t in doc}
    got = {(c.rel, text[c.cue[0]:c.cue[1]], text[slice(*c.content)], text[slice(*c.speaker)] if c.speaker else None)
           for c in A.candidates(stage, doc, text, lex)}
    assert ("ccomp", "suspects", "the budget was padded", "The mayor") in got
    assert ("prep:about", "worries", "the cost of the bridge", "she") in got


def test_widened_candidates_read_light_verbs_passives_and_seeming(default_pipe):
    """Adder version 2: a light verb's noun and its preposition, a passive's subject, the whole
    clause of a verb of seeming; a source inside the content is dropped."""
    from tidings.model import Document
    from tidings.pipeline import Config
    from tidings.quotes.stage import QuoteStage

    text = ("The senator made several sharp remarks about the new budget. The mayor made the observation that "
            "the budget was too small. The tax plan was criticized by the union. "
            "The bridge repairs seem unlikely to finish this year.")
    doc = next(iter(default_pipe.parse([Document(id="w", text=text)])))
    stage = QuoteStage(Config())
    lex = {A.cue_key(t): [5, 10] for t in doc}

    def got(widen):
        return {(c.rel, text[c.cue[0]:c.cue[1]], text[slice(*c.content)], text[slice(*c.speaker)] if c.speaker else None)
                for c in A.candidates(stage, doc, text, lex, widen=widen)}
    wide, narrow = got(True), got(False)
    assert ("nprep:about", "made", "the new budget", "The senator") in wide
    assert ("nclause", "made", "that the budget was too small", "The mayor") in wide
    assert ("subjpass", "criticized", "The tax plan", "the union") in wide
    assert ("whole", "seem", "The bridge repairs seem unlikely to finish this year", None) in wide
    assert not {c for c in narrow if c[0] in {"nprep:about", "nclause", "subjpass", "whole"}}


def test_tail_candidates_read_objects_of_verbs_outside_the_lexicon(default_pipe):
    """Adder version 3: a verb outside the cue lexicon whose subject is a person or organisation
    proposes its object and its about / on object; one with a subject of neither kind proposes none."""
    from tidings.model import Document
    from tidings.pipeline import Config
    from tidings.quotes.stage import QuoteStage

    text = ("Governor Ellen Marsh rejected the harbour proposal on Friday. She fretted about the ferry fares. "
            "The storm flattened the old barn.")
    doc = next(iter(default_pipe.parse([Document(id="t", text=text)])))
    stage = QuoteStage(Config())

    def got(tail):
        return {(c.rel, text[c.cue[0]:c.cue[1]], text[slice(*c.content)], text[slice(*c.speaker)] if c.speaker else None,
                 c.tail) for c in A.candidates(stage, doc, text, {}, tail=tail)}
    wide = got(True)
    assert ("dobj", "rejected", "the harbour proposal", "Governor Ellen Marsh", True) in wide
    assert ("prep:about", "fretted", "the ferry fares", "She", True) in wide
    assert not {c for c in wide if c[1] == "flattened"}
    assert not got(False)


def test_tail_features_and_head_folding():
    f = A.tail_features("reject|VERB", "dobj", {"reject|VERB": [2, 40]})
    assert f["lem=tail"] == 1.0 and f["tail_cues=2"] == 1.0 and f["tail_log_rate"] < 0
    assert "tail_log_rate" not in A.tail_features("flatten|VERB", "dobj", {})
    g = {"chead=proposal": 1.0, "bias": 1.0}
    A.fold_heads(g, {"plan"})
    assert g == {"chead=other": 1.0, "bias": 1.0}
    h = {"chead=plan": 1.0}
    A.fold_heads(h, {"plan"})
    assert h == {"chead=plan": 1.0}


def test_select_keeps_one_content_per_cue_and_skips_rule_quotes():
    a = A.Candidate((0, 20), (30, 34), 6, "dobj", 1)
    b = A.Candidate((40, 60), (30, 34), 6, "prep:about", 9)   # same cue, weaker
    c = A.Candidate((100, 130), (90, 95), 20, "ccomp", 22)    # repeats a rule quote
    d = A.Candidate((200, 210), (190, 195), 40, "dobj", 42)   # under the threshold
    chosen = A.select([a, b, c, d], [0.9, 0.8, 0.95, 0.2], [(98, 131)], 0.5)
    assert [x for x, _ in chosen] == [a]
    assert chosen[0][1] == 0.9


def test_tree_score_walks_each_tree():
    model = {"base": -1.0, "rate": 0.5, "names": ["rel=dobj", "log_len"],
             "trees": [[[0, 0.5, 1, 2, 0.0], [-1, 0.0, 0, 0, -2.0], [-1, 0.0, 0, 0, 2.0]],
                       [[1, 1.0, 1, 2, 0.0], [-1, 0.0, 0, 0, 1.0], [-1, 0.0, 0, 0, -1.0]]]}
    assert A.tree_score(model, {"rel=dobj": 1.0, "log_len": 2.0}) == pytest.approx(-1.0 + 0.5 * 2.0 + 0.5 * -1.0)
    assert A.tree_score(model, {}) == pytest.approx(-1.0 + 0.5 * -2.0 + 0.5 * 1.0)


def test_the_adder_scores_without_scikit_learn():
    code = ("import sys; sys.modules['sklearn'] = None; "
            "from tidings.pipeline import Config, Pipeline; "
            "p = Pipeline(Config(stages=['entities', 'actors', 'quotes'])); "
            "r = p({'id': 'x', 'text': 'The governor has been vouching for the new tax plan at every rally.'}); "
            f"assert [q for q in r.quotes if q.rule == {RULE!r}], r.quotes")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
