"""Scale: the cascade, memory zones, and process-parallel extraction (order, flat memory, dead workers)."""
from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest

from tidings.config import QuoteSettings
from tidings.pipeline import Config, Pipeline

# our own sentences: one per tier of the cascade
TRIGGER = "The two governments agreed to impose sanctions on the shipping firm after the vote."
NAME_ONLY = "Bratislava is a pleasant city on the Danube."
NOTHING = "it was grey and quiet for everybody involved."  # lower-case, no cue: skipped
STORY = (
    "VALLETTA, Malta (Wire) - Foreign ministers of the two island states met in Valletta on Tuesday to "
    "discuss fishing rights. The talks lasted four hours. \"We made progress,\" the Maltese minister said. "
    "Gozo lies a short ferry ride to the north. the sea was calm and the harbour was busy with small boats. "
    "Police arrested three fishermen near Marsaxlokk last week."
)


@pytest.fixture(scope="module")
def nlp():
    from tidings import nlp as nlp_mod

    return nlp_mod.load(None)


@pytest.fixture(scope="module")
def cascade(nlp):
    from tidings.nlp.cascade import Cascade

    return Cascade(nlp, Config(), triggers=["meet", "impose sanctions", "arrest", "discuss"], actors=["police", "minister"],
                   min_saving=0.0, quote_cues=["say", "tell"])


def _tiers(cascade, nlp, text):
    doc = nlp.make_doc(text)
    return [(doc[s:e].text.strip(), t) for s, e, t in cascade.plan(doc).pieces]


# ---- cascade: planning ------------------------------------------------------------------------------
def test_plan_tiers(cascade, nlp):
    from tidings.nlp.cascade import FULL, NER, SKIP

    pieces = _tiers(cascade, nlp, " ".join([TRIGGER, NAME_ONLY, NOTHING]))
    assert [t for _, t in pieces] == [FULL, NER, SKIP]
    assert pieces[0][0] == TRIGGER and pieces[1][0] == NAME_ONLY and pieces[2][0] == NOTHING


def test_multiword_trigger_needs_all_content_words(cascade, nlp):
    from tidings.nlp.cascade import PARSE_BIT

    # "impose" without "sanctions" is no trigger; with an inflected "sanction" it is
    assert not _tiers(cascade, nlp, "they tried to impose order quickly.")[0][1] & PARSE_BIT
    assert _tiers(cascade, nlp, "they imposed a sanction quickly.")[0][1] & PARSE_BIT


def test_inflections_and_cues_make_full(cascade, nlp):
    from tidings.nlp.cascade import FULL, PARSE

    for sent in ["the envoys met quietly.", "the police were everywhere.",
                 "she told them nothing new.", "“nothing more,” was the reply."]:
        tier = _tiers(cascade, nlp, sent)[0][1]
        assert tier in (FULL, PARSE), sent
    # no capital, number or amount word: the NER component is skipped, the parse is not
    assert _tiers(cascade, nlp, "the envoys met quietly.")[0][1] == PARSE
    assert _tiers(cascade, nlp, "the envoys met 12 farmers.")[0][1] == FULL


def test_parse_tier_needs_no_entity(cascade, nlp):
    from tidings.nlp.cascade import PARSE

    # a trigger or cue, and nothing NER could find: a sentence starter, "I", the time
    # modifiers "that"/"this" without a time word, a capitalised starter after a quote
    for sent in ["The envoys met quietly in a small room.",
                 "I believe that the envoys met.",
                 "This time the envoys met in the old hall.",
                 "\u201cThe envoys met,\u201d she said.",
                 "they said: The envoys met."]:
        assert [t for _, t in _tiers(cascade, nlp, sent)] == [PARSE], sent


def test_full_tier_with_a_name_number_or_date(cascade, nlp):
    from tidings.nlp.cascade import FULL

    for sent in ["The envoys met Malta's president.", "The envoys met 12 farmers.",
                 "The envoys met on Tuesday.", "the envoys met last week.", "The envoys met the US envoy.",
                 "The envoys met a dozen farmers.", "The envoys met for a few $.", "NATO envoys met."]:
        assert _tiers(cascade, nlp, sent)[0][1] == FULL, sent


def test_capitalised_first_word_is_a_name_unless_the_doc_says_otherwise(cascade, nlp):
    from tidings.nlp.cascade import FULL, PARSE

    # an unknown capitalised first word may be a name ...
    assert _tiers(cascade, nlp, "Protesters met the police.")[0][1] == FULL
    # ... not when the doc writes it in lower case elsewhere
    assert _tiers(cascade, nlp, "Protesters met the police. the protesters left.")[0][1] == PARSE
    # a stop word is common ("May" the verb), unless the doc capitalises it inside a sentence
    assert _tiers(cascade, nlp, "May the envoys meet soon.")[0][1] == PARSE
    assert _tiers(cascade, nlp, "May met the envoys. They thanked Theresa May.")[0][1] == FULL


def test_parse_tier_sentence_gets_its_event_without_ner():
    from tidings.nlp.cascade import PARSE
    from tidings.ingest.dateline import find_dateline

    story = ("VALLETTA, Malta (Wire) - Police in Valletta arrested three fishermen on Tuesday. "
             "The angry protesters accused the police of brutality and demanded an apology.")
    with_c = Pipeline(Config(cascade=True))
    doc = with_c.nlp.make_doc(story)
    pieces = with_c._cascade.plan(doc, find_dateline(story)).pieces
    last = pieces[-1]
    assert doc[last[0]:last[1]].text.startswith("The angry protesters") and last[2] == PARSE
    recs = [Pipeline(Config(cascade=c))({"id": "p", "text": story, "date": "2024-03-05"}) for c in (False, True)]
    events = [[(e.event, e.trigger.text, [a.text for a in e.actor], [a.text for a in e.recipient])
               for e in r.events] for r in recs]
    assert events[0] == events[1]
    assert ("ACCUSE", "accused the police of", ["The angry protesters"], ["the police"]) in events[1]
    ents = [[(e.text, e.label) for e in r.entities] for r in recs]
    assert ents[0] == ents[1] and ("Valletta", "GPE") in ents[1]
    assert [t.text for t in recs[1].times] == ["Tuesday"]


def test_cascade_sub_docs_match_span_as_doc(cascade, nlp):
    """The parser and NER sub-docs give the annotations Span.as_doc sub-docs give."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD

    from tidings.nlp.cascade import _subdocs

    doc = nlp(STORY)
    runs = [(0, 12), (12, len(doc))]
    for parse, name in ((True, "parser"), (False, "ner")):
        proc = nlp.get_pipe(name)
        ours = [proc(sub) for _, _, sub in _subdocs(doc, runs, parse)]
        theirs = [proc(doc[s:e].as_doc()) for s, e in runs]
        attrs = [HEAD, DEP] if parse else [ENT_IOB, ENT_TYPE]
        for a, b in zip(ours, theirs):
            assert a.text == b.text
            assert (a.to_array(attrs) == b.to_array(attrs)).all()


def test_quote_cues_come_from_the_quotes_stage(nlp, tmp_path):
    from tidings.nlp.cascade import NER, PARSE, SKIP, Cascade

    # "lament" is an attribution cue of the quotes stage (quotes_cues.tsv), not a trigger
    c = Cascade(nlp, Config(), triggers=["meet"], actors=["police"], min_saving=0.0)
    assert _tiers(c, nlp, "they lamented the decision.")[0][1] == PARSE
    assert _tiers(c, nlp, "they wandered about the garden.")[0][1] == SKIP
    extra = tmp_path / "cues.tsv"
    extra.write_text("lemma\tkind\tcomplements\nwander\tspeech\tc\n")
    c2 = Cascade(nlp, Config(quotes=QuoteSettings(cue_files=(str(extra),))), triggers=["meet"], actors=["police"],
                 min_saving=0.0)
    assert _tiers(c2, nlp, "they wandered about the garden.")[0][1] == PARSE
    assert _tiers(c2, nlp, "Oslo wandered.")[0][1] != NER


def test_hard_wrapped_line_does_not_cut_a_sentence(cascade, nlp):
    pieces = _tiers(cascade, nlp, "the envoys who had\nrepeatedly met were tired.\n\nthe rain went on.")
    assert [p for p, _ in pieces] == ["the envoys who had\nrepeatedly met were tired.", "the rain went on."]


def test_inflections_helper(nlp):
    from tidings.nlp.cascade import inflections, irregular_forms

    irr = irregular_forms(nlp)
    assert {"meets", "meeting", "met"} <= inflections("meet", irr)
    assert {"stops", "stopped", "stopping"} <= inflections("stop", irr)
    assert {"denies", "denied"} <= inflections("deny", irr)


# ---- cascade: running -------------------------------------------------------------------------------
def test_cascade_doc_is_whole_and_consistent(cascade, nlp):
    from tidings.ingest.dateline import find_dateline

    doc = nlp.make_doc(STORY)
    doc.user_data["dateline"] = find_dateline(STORY)
    out = cascade.pipe([doc])[0]
    assert out.text == STORY
    assert [t.text for t in out] == [t.text for t in nlp.make_doc(STORY)]
    tiers = dict((out[s:e].text.split()[0], t) for s, e, t in out.user_data["cascade"])
    assert "skip" in tiers.values() and "full" in tiers.values()
    sents = [s.text for s in out.sents]
    assert any(s.startswith("Gozo") for s in sents)
    # every head stays inside its sentence, and parsed sentences have a root
    for s in out.sents:
        for tok in s:
            assert s.start <= tok.head.i < s.end
    ents = {e.text for e in out.ents}
    assert "Valletta" in ents or "VALLETTA" in ents
    named = next(s for s in out.sents if s.text.startswith("Gozo"))
    assert all(t.ent_iob_ for t in named) and all(t.pos_ for t in named)  # NER and tagger ran
    assert not any(t.dep_ for t in named)                                 # the parser did not
    skipped = next(s for s in out.sents if s.text.startswith("the sea"))
    assert not any(t.ent_iob_ for t in skipped) and not any(t.dep_ for t in skipped)


def test_cascade_without_lexicon_is_the_full_pipeline(nlp, monkeypatch):
    import tidings.nlp.cascade as cmod

    monkeypatch.setattr(cmod, "trigger_phrases", lambda config=None: None)
    c = cmod.Cascade(nlp, Config())
    assert c.everything_full
    docs = [nlp.make_doc(STORY), nlp.make_doc(STORY)]
    for d in docs:
        d.user_data["dateline"] = None
    a = c.pipe([docs[0]])[0]
    b = nlp(docs[1])
    assert [(t.dep_, t.head.i, t.ent_type_) for t in a] == [(t.dep_, t.head.i, t.ent_type_) for t in b]


def test_unreadable_user_lexicon_disables_cascade(tmp_path):
    from tidings.nlp.cascade import trigger_phrases

    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs: [unclosed\n")
    assert trigger_phrases(Config(lexicon_files=[str(bad)])) is None


def test_pipeline_with_cascade_gives_valid_records():
    pipe = Pipeline(Config(cascade=True))
    rec = pipe({"id": "c1", "text": STORY, "date": "2024-03-05"})
    assert not [e for e in rec.errors if e.stage == "nlp"], rec.errors
    for ent in rec.entities:
        assert rec.text[ent.start:ent.end] == ent.text
    assert rec.dateline is not None and rec.dateline.text.upper().startswith("VALLETTA")


# ---- memory zones -----------------------------------------------------------------------------------
def test_memory_zone_keeps_string_store_flat_and_results_equal(pipeline):
    novel = [f"Zorblatt{i} Quennik{i} visited Vrellheim{i} on Friday." for i in range(30)]
    first = [pipeline({"id": f"m{i}", "text": t}).to_json() for i, t in enumerate(novel[:5])]
    n_strings = len(pipeline.nlp.vocab.strings)
    for i, t in enumerate(novel[5:]):
        pipeline({"id": f"n{i}", "text": t})
    assert len(pipeline.nlp.vocab.strings) <= n_strings + 5  # nothing per document stays behind
    again = [pipeline({"id": f"m{i}", "text": t}).to_json() for i, t in enumerate(novel[:5])]
    assert again == first


# ---- process-parallel -------------------------------------------------------------------------------
def _articles(n):
    places = ["Lagos", "Quito", "Hanoi", "Tromso", "Windhoek"]
    return [{"id": f"p{i}", "text": f"Officials in {places[i % 5]} said on Monday that round {i} of talks with "
                                      f"the union had failed.", "date": "2023-05-0%d" % (1 + i % 9)}
            for i in range(n)]


def test_parallel_order_and_same_output_as_serial(pipeline):
    from tidings.run.local import process_parallel

    items = _articles(14)
    items.insert(4, {"text": "no id here"})
    items.insert(9, {"id": "notext"})
    problems = []
    out = list(process_parallel(items, pipeline.config, 2, on_problem=problems.append, chunk_size=3))
    assert [r.id for r in out] == [i["id"] for i in items if "id" in i]
    assert len([p for p in problems if p.id is None]) == 1
    serial = {r.id: r.to_json() for r in pipeline.process(_articles(14))}
    assert all(serial[r.id] == r.to_json() for r in out if r.id in serial)


def test_parallel_consumes_input_lazily():
    from tidings.run.local import process_parallel

    consumed = itertools.count()
    n_consumed = [0]

    def stream():
        for a in _articles(40):
            n_consumed[0] = next(consumed) + 1
            yield a

    gen = process_parallel(stream(), Config(batch_size=4), 2, chunk_size=4, window=2)
    seen = 0
    for _ in gen:
        seen += 1
        # at most window × jobs chunks in flight, plus the chunk being read
        assert n_consumed[0] - seen <= 2 * 2 * 4 + 4
    assert seen == 40


def test_parallel_survives_a_dying_worker(faulty_pipelines):
    from tidings.run.local import process_parallel

    items = _articles(10)
    factory = faulty_pipelines({"p5": "exit"})   # the worker that gets p5 dies (os._exit)
    out = list(process_parallel(items, Config(batch_size=3), 2, chunk_size=3, pipeline_factory=factory))
    assert [r.id for r in out] == [i["id"] for i in items]
    dead = [r for r in out if r.id == "p5"][0]
    assert [e.stage for e in dead.errors] == ["worker"] and "died" in dead.errors[0].message
    assert dead.text == items[5]["text"] and dead.date == items[5]["date"]
    assert all(not r.errors for r in out if r.id != "p5")


def test_parallel_records_an_article_that_raises(pipeline, faulty_pipelines):
    from tidings.run.local import process_parallel

    items = _articles(7)
    factory = faulty_pipelines({"p2": "raise"})
    out = list(process_parallel(items, Config(batch_size=3), 2, chunk_size=3, pipeline_factory=factory))
    assert [r.id for r in out] == [i["id"] for i in items]
    bad = out[2]
    assert [e.stage for e in bad.errors] == ["worker"] and "injected failure" in bad.errors[0].message
    serial = {r.id: r.to_json() for r in pipeline.process(items)}
    assert all(serial[r.id] == r.to_json() for r in out if r.id != "p2")   # its chunk-mates as usual


def test_failed_record_keeps_id_text_and_metadata():
    from tidings.run.failures import failed_message, failed_record

    rec = failed_record({"id": 7, "text": "Some text.", "title": "T", "date": "2020-01-02"},
                        failed_message(ValueError("bad\nsecond line")))
    assert rec.id == "7" and rec.text == "Some text." and rec.title == "T" and rec.date == "2020-01-02"
    assert [e.stage for e in rec.errors] == ["worker"]
    assert "ValueError: bad" in rec.errors[0].message and "second line" not in rec.errors[0].message
    assert failed_record({"text": "no id"}) is None


def test_parallel_recycles_workers_without_losing_or_reordering(pipeline, monkeypatch):
    from tidings.run import local as parallel

    renewals = []
    orig = parallel._Pool.renew
    monkeypatch.setattr(parallel._Pool, "renew", lambda self: (renewals.append(1), orig(self))[1])
    config = Config(batch_size=3, recycle=3)  # 2 workers × 3 articles: fresh workers every 2 chunks
    items = _articles(14)
    out = list(parallel.process_parallel(items, config, 2, chunk_size=3))
    assert len(renewals) == 2
    assert [r.id for r in out] == [i["id"] for i in items]
    serial = {r.id: r.to_json() for r in pipeline.process(_articles(14))}
    assert [r.to_json() for r in out] == [serial[i["id"]] for i in items]


_SHARED_CHECK = """
from tidings.run.local import _Pool, _uses_shared_pipeline
from tidings.pipeline import Config
if __name__ == "__main__":
    cfg = Config(batch_size=2)
    seen = []
    for share in (True, False):
        pool = _Pool(cfg, 1, share=share)
        seen.append(pool.ex.submit(_uses_shared_pipeline).result())
        pool.renew()  # a recycled worker shares it too
        seen.append(pool.ex.submit(_uses_shared_pipeline).result())
        pool.close()
    other = _Pool(Config(batch_size=5), 1)  # another config: the worker builds its own
    seen.append(other.ex.submit(_uses_shared_pipeline).result())
    other.close()
    print(seen)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no forkserver")
def test_workers_share_the_pipeline_built_in_the_forkserver(tmp_path):
    script = tmp_path / "check_shared.py"
    script.write_text(_SHARED_CHECK)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.strip().splitlines()[-1] == "[True, True, False, False, False]"


def test_parse_slices_bound_spacy_batches_and_leave_results_unchanged(pipeline):
    from tidings.pipeline.core import _slices

    class D:
        def __init__(self, n):
            self.text = "x" * n

    docs = [D(n) for n in (10, 10, 25, 5, 40, 1)]
    parts = list(_slices(docs, 30))
    assert [[len(d.text) for d in p] for p in parts] == [[10, 10], [25, 5], [40], [1]]
    assert list(_slices(docs, 0)) == [docs]
    items = _articles(6)
    whole = [r.to_json() for r in pipeline.process(items)]
    one_by_one = Pipeline(pipeline.config.replace(parse_chars=1))  # one article per spaCy call
    sliced = [r.to_json() for r in one_by_one.process(items)]
    assert sliced == whole


def test_ray_pieces_cover_every_line_once(tmp_path, monkeypatch):
    from tidings.run import ray as distributed

    lines = [f'{{"id": "a{i}", "text": "{"word " * (i % 17)}"}}' for i in range(300)]
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    small = tmp_path / "small.jsonl"
    small.write_text(lines[0] + "\n", encoding="utf-8")
    monkeypatch.setattr(distributed, "PIECE_BYTES", 1000)
    monkeypatch.setattr(distributed, "MIN_PIECE_BYTES", 500)
    pieces = distributed._pieces([str(big), str(small)], jobs=2)
    assert len(pieces) > 10 and pieces[-1] == (str(small), 0, -1)
    got = [line for p in pieces for line in distributed._read_piece(*p)]
    assert got == lines + lines[:1]


# ---- cascade: tiers of sentences with only a time word, a number or a name ------------------------
def test_time_or_number_only_sentences_skip_the_parser(cascade, nlp):
    from tidings.nlp.cascade import ENTS_BIT, NER, PARSE_BIT

    for sent in ["it rained heavily on Friday.", "some 300 boats were in the harbour.",
                 "the harbour was busy last week."]:
        tier = _tiers(cascade, nlp, sent)[0][1]
        assert tier & ENTS_BIT and not tier & PARSE_BIT, sent
    assert _tiers(cascade, nlp, "Some 300 boats were in the harbour.")[0][1] == NER


def test_time_only_sentences_keep_their_times():
    """A sentence with a time word but no trigger, actor or quote gets no parse with the cascade,
    and still the same TIMEX3 values (weekdays resolved against the publication date)."""
    text = ("the ferry service to the islands stopped on Friday. it rained heavily last week, and the harbour "
            "was quiet on Tuesday morning. the next ferry sails on 12 March 2024.")
    recs = {}
    for casc in (False, True):
        p = Pipeline(Config(cascade=casc))
        recs[casc] = p({"id": "t", "text": text, "date": "2024-03-06"})
        assert recs[casc].times
    assert [(t.text, t.value) for t in recs[True].times] == [(t.text, t.value) for t in recs[False].times]
    assert ("Friday", "2024-03-01") in [(t.text, t.value) for t in recs[True].times]


def test_uncut_docs_of_a_cut_batch_are_annotated_as_without_cascade(cascade, nlp):
    """In a batch where one doc is cut into tiers, a doc that needs everything everywhere is
    annotated exactly as by the plain pipeline (its output does not depend on its batch)."""
    from tidings.ingest.dateline import find_dateline

    plain_text = TRIGGER + " Police arrested the minister on Tuesday."
    docs = [nlp.make_doc(STORY), nlp.make_doc(plain_text)]
    for d in docs:
        d.user_data["dateline"] = find_dateline(d.text)
    out = cascade.pipe(docs)
    assert {t for _, _, t in out[0].user_data["cascade"]} != {"full"}
    assert [t for _, _, t in out[1].user_data["cascade"]] == ["full"]
    ref = nlp.make_doc(plain_text)
    ref.user_data["dateline"] = find_dateline(plain_text)
    ref = nlp(ref)
    key = lambda d: [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in d]  # noqa: E731
    assert key(out[1]) == key(ref)


def test_cli_prints_the_ray_engines_logged_failures_unless_quiet(capsys):
    import logging

    from tidings.cli.main import _ray_failures_to_stderr

    log = logging.getLogger("tidings.run.ray")
    with _ray_failures_to_stderr(False):
        log.error("%s", "a1: tidings failed on this article (OSError: [Errno 5] bad); the article was skipped")
        log.info("totals are printed by the CLI itself")
    with _ray_failures_to_stderr(True):
        log.error("%s", "a2: not shown with --quiet")
    err = capsys.readouterr().err
    assert "error a1: tidings failed on this article (OSError: [Errno 5] bad)" in err
    assert "a2" not in err and "totals" not in err
    assert not log.handlers            # the handler is removed afterwards
