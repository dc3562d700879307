"""The article → document pipeline: records, datelines, offsets, schema, ordering."""
from __future__ import annotations

import json

import pytest

import tidings
from tidings.ingest.dateline import find_dateline
from tidings.model import json_schema

from conftest import shared_path

STORY = (
    "NAIROBI: Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on "
    "Tuesday to discuss a regional security pact, officials in Nairobi said.\n\n"
    "The two leaders also talked about the drought affecting northern Kenya, according to a statement."
)


@pytest.mark.parametrize("text,place,body", [
    ("NAIROBI: Kenyan officials said", "NAIROBI", "Kenyan"),
    ("WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", "The"),
    ("LONDON, June 3 (AP) — British ministers met", "LONDON", "British"),
    ("BEIRUT, Lebanon (AFP) — Israeli jets struck", "BEIRUT", "Israeli"),
    ("NEW DELHI, March 4 - India said", "NEW DELHI", "India"),
    ("Kabul (AFP) - Taliban officials", "Kabul", "Taliban"),
])
def test_dateline_forms(text, place, body):
    m = find_dateline(text)
    assert m is not None
    assert text[m.place_start:m.place_end] == place
    assert text[m.body_start:].startswith(body)


@pytest.mark.parametrize("text", [
    "The minister said: we will respond.",
    "US: a short note",
    "Officials met on Tuesday.",
    "NATO - the alliance said",
])
def test_not_a_dateline(text):
    assert find_dateline(text) is None


def test_dateline_is_place_and_own_sentence(pipeline):
    rec = pipeline({"id": "a", "text": STORY, "date": "2024-05-02"})
    assert rec.errors == []
    assert rec.dateline is not None and rec.dateline.text == "NAIROBI"
    first = [e for e in rec.entities if e.start == 0]
    assert first and first[0].label == "GPE" and first[0].text == "NAIROBI"
    doc = pipeline.nlp(pipeline.nlp.make_doc(STORY))
    sents = list(doc.sents)
    assert sents[0].text.strip() == "NAIROBI:"
    assert sents[1].text.startswith("Kenyan President")


def test_entities_and_offsets(pipeline):
    rec = pipeline({"id": "b", "text": STORY})
    texts = {e.text for e in rec.entities}
    assert {"William Ruto", "Abiy Ahmed"} <= texts
    for e in rec.entities:
        assert rec.text[e.start:e.end] == e.text
    assert rec.language == "en"
    for layer in ("events", "quotes", "places", "times", "amounts"):
        assert isinstance(getattr(rec, layer), list)


def test_record_validates_against_contract(pipeline, validate_record):
    validate_record(pipeline({"id": "c", "text": STORY, "date": "2024-05-02", "title": "t"}))


def test_seed_article_entities(validate_record):
    seed = shared_path("seed", "000_10dce2bd6d4226a8.txt")
    from tidings.ingest.readers import read_inputs

    [art] = list(read_inputs([seed]))
    art.date = "2024-06-15"
    rec = tidings.extract(art)
    validate_record(rec)
    found = " | ".join(e.text for e in rec.entities)
    for name in ("Blinken", "Ishaq Dar", "Imran Khan", "Shehbaz Sharif", "Taliban"):
        assert name in found, name
    karachi = [e for e in rec.entities if e.text == "KARACHI"]
    assert karachi and karachi[0].label == "GPE"
    assert rec.dateline.text == "KARACHI"


def test_shipped_schema_is_current():
    from importlib import resources

    shipped = json.loads((resources.files("tidings") / "schema" / "document.schema.json").read_text())
    assert shipped == json_schema(), "regenerate with: tidings schema > src/tidings/schema/document.schema.json"


def test_shipped_schema_covers_contract_fields(contract_schema):
    ours = json_schema()
    assert set(contract_schema["required"]) <= set(ours["properties"])
    defs = ours["$defs"]
    for name, ref in (("event", "Event"), ("quote", "Quote"), ("place", "Place"), ("time", "Time"),
                      ("amount", "Amount"), ("entity", "Entity"), ("actor", "Actor")):
        theirs = set(contract_schema["$defs"][name].get("properties", {}))
        assert theirs <= set(defs[ref]["properties"]), (name, theirs - set(defs[ref]["properties"]))


def test_batch_keeps_input_order(pipeline):
    arts = [{"id": f"id{i}", "text": f"Officials in Paris met envoys from Chad on day {i}."} for i in range(7)]
    arts.insert(3, {"id": "bad"})  # no text: still yields a record, in place
    ids = [r.id for r in pipeline.process(arts)]
    assert ids == [a["id"] for a in arts]


@pytest.mark.parametrize("text,first", [
    ("9:15 a.m.\nThe senator said she would oppose the measure.", "9:15 a.m."),
    ("Talks resume without a deal\n\nNegotiators from both sides met again.", "Talks resume without a deal"),
])
def test_no_sentence_across_paragraph_or_header(pipeline, text, first):
    sents = list(pipeline.nlp(text).sents)
    assert sents[0].text.strip() == first


def test_hard_wrapped_lines_stay_one_sentence(pipeline):
    text = "The envoy met his counterpart\nin Lisbon on Monday and both agreed to continue the talks."
    assert len(list(pipeline.nlp(text).sents)) == 1
