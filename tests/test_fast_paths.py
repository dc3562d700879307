"""The fast paths of the stages (computed once per document, gated regexes, memos, array-built noun
chunks, trie alternations) give exactly what the plain code gives, on our own sentences."""
from __future__ import annotations

import pytest

from tidings.pipeline import Config

TEXTS = [
    "The foreign minister of Chile met his Peruvian counterpart in Lima on Tuesday, March 4, 2025, "
    "and they agreed to reopen two border crossings by the end of the year.",
    "Police in Nairobi arrested 42 protesters on Monday afternoon; at least 3 people died and the "
    "government pledged $2.5 million in aid for the second quarter of fiscal 2024.",
    "She said the talks would resume next week. It was the third round since the summer of 2019, "
    "and they expect a deal within six months or in the nineteen nineties style.",
    "Rebels accused the army of shelling villages twice a week at 10:30 p.m. local time, "
    "a spokesman told reporters in Goma at midnight on 12 January.",
]


def test_amounts_found_once_per_document(pipe, monkeypatch):
    from tidings.grounding import amounts

    finder = amounts.get_finder()
    assert finder is amounts.get_finder(())
    calls = []
    orig = type(finder).find

    def counting(self, text):
        calls.append(text)
        return orig(self, text)

    monkeypatch.setattr(type(finder), "find", counting)
    rec = pipe({"id": "a", "text": TEXTS[1], "date": "2025-03-05"})
    assert len(calls) == 1
    assert any(a.kind == "money" for a in rec.amounts)


def test_timex_gates_are_necessary():
    """Wherever a rule matches, its gate matches too (else the gate would drop a time)."""
    from tidings.grounding.times import get_tagger

    tagger = get_tagger(())
    gated = 0
    for text in TEXTS + [t.lower() for t in TEXTS] + [t.upper() for t in TEXTS]:
        for name, rx, _ in tagger.rules:
            gate = tagger.gates.get(name)
            if gate is None:
                continue
            gated += 1
            if rx.search(text):
                assert gate.search(text), (name, text)
    assert gated > 0


def test_timex_gates_do_not_change_tags():
    from tidings.grounding.times import get_tagger

    tagger = get_tagger(())
    import datetime as dt

    for text in TEXTS:
        with_gates = [(t.start, t.end, t.value) for t in tagger.tag(text, dt.date(2025, 3, 5))]
        saved = dict(tagger.gates)
        try:
            tagger.gates.clear()
            without = [(t.start, t.end, t.value) for t in tagger.tag(text, dt.date(2025, 3, 5))]
        finally:
            tagger.gates.update(saved)
        assert with_gates == without
        assert with_gates


def test_subject_pronouns_match_token_scan(pipe):
    from tidings.actors.stage import SUBJ_DEPS, _subject_pronouns

    for text in TEXTS:
        doc = pipe.nlp(text)
        naive = [t.i for t in doc if t.dep_ in SUBJ_DEPS and t.lower_ in ("he", "she", "it", "they")]
        assert [t.i for t in _subject_pronouns(doc)] == naive
    assert _subject_pronouns(pipe.nlp.make_doc("")) == []


def test_event_pattern_memo_gives_same_matches(pipe):
    from tidings.events import get_coder

    coder = get_coder(Config())
    for text in TEXTS:
        doc = pipe.nlp(text)
        for tok in doc:
            pats = next((coder.lex.verbs[k] for k in (tok.lemma_.lower(), tok.lower_) if k in coder.lex.verbs), [])
            memo: dict = {}
            for p in pats:
                assert coder.match_elements(tok, p, memo) == coder.match_elements(tok, p)


def test_lemmatizer_cache_is_bounded(pipe, monkeypatch):
    from tidings.nlp import entities

    stage = dict(pipe.stages)["entities"]
    if not stage._lemma_caches:
        pytest.skip("the model has no rule lemmatizer")
    monkeypatch.setattr(entities, "LEMMA_CACHE_MAX", 5)
    for i, text in enumerate(TEXTS):
        pipe({"id": f"l{i}", "text": text, "date": "2025-03-05"})
        # emptied before each document once above the bound: at most one document's words in it
        assert len(stage._lemma_caches[0]) <= 5 + len(pipe.nlp.make_doc(text))


def test_noun_chunks_from_arrays_match_spacy(pipe):
    from tidings.nlp.chunks import noun_chunks

    extra = ["Ministers and their deputies, the envoys of both states, met the striking miners and farmers.",
             "He gave her the keys, the car and a note which said nothing."]
    for text in TEXTS + extra:
        doc = pipe.nlp(text)
        ours = [(s.start, s.end, s.label_) for s in noun_chunks(doc)]
        assert ours == [(s.start, s.end, s.label_) for s in doc.noun_chunks]
        assert ours
    with pytest.raises(ValueError):
        noun_chunks(pipe.nlp.make_doc("no parse here"))


def test_trie_alternation_matches_flat_alternation():
    """The prefix-tree alternation finds what the flat, longest-first list finds (spans and the
    alternative chosen when the rest of the pattern forces a shorter word)."""
    import re

    from tidings.grounding.timex.lexicon import _word_pattern, alternation

    words = ["jan", "january", "june", "jul", "july", "sep", "sept", "september", "a", "a couple of", "a pair of",
             "an", "and", "a.m", "a.m.", "mid", "midday", "midnight", "mon", "month", "months"]
    texts = ["In january, a couple  of months later, in Sept. and SEP; an a.m. slot at midnight or midday.",
             "july jul. jun june sep. september a.m.. a pair\nof monthsx mon. an and"]
    for abbrev in (False, True):
        flat = "(?:" + "|".join(_word_pattern(w, abbrev) for w in sorted(set(words), key=lambda s: (-len(s), s))) + ")"
        tree = alternation(words, abbrev_period=abbrev)
        assert tree != flat
        for tail in ("", r"(?=[\s.,;])", r"\.?\s+(?:of|and|or)\b", r"(?:s|\.)"):
            a = re.compile(r"(?<!\w)" + flat + tail, re.I)
            b = re.compile(r"(?<!\w)" + tree + tail, re.I)
            for text in texts:
                assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)], (abbrev, tail)
    # case variants keep the flat form (two branches could match one character case-blind)
    assert alternation(["May", "may"]) == "(?:May|may)"
