"""Codebook recall, round 6 (issue 15, evrecall2): data/lexicon/27_codebook2.yaml, rule
irregular_lemma (events/coder.py) and rule crowd_rally (events/occurrence.py). All sentences are
our own (not the probe file's); lexicon-only pipeline."""
from __future__ import annotations

import pytest

from tidings.events import load_lexicon
from tidings.events.coder import IRREGULAR_VERB_FORMS
from _events_helpers import events


def coded(pipe, text):
    return events(pipe, text, date="2024-05-02")


def test_file_is_loaded():
    assert "27_codebook2" in load_lexicon().files


@pytest.mark.parametrize("text,event,rule", [
    # C1 support expressed (051) and positions stood by (052), not promises (032)
    ("The Chilean senate voiced support for the Bolivian proposal.", "SUPPORT", "27_codebook2:051:"),
    ("Jordan reiterated its support for the Moroccan bid.", "SUPPORT", "27_codebook2:051:"),
    ("The minister stood by her decision to close the consulate.", "SUPPORT", "27_codebook2:052:"),
    # C2 diplomatic cooperation deepened
    ("Peru and Ecuador strengthened their diplomatic ties on Friday.", "SUPPORT", "27_codebook2:050:"),
    # C3 lines of credit
    ("India extended a credit line to the Maldives for a new harbour.", "AID", "27_codebook2:071:"),
    # C4 territory taken
    ("The insurgents recaptured the district after a week of fighting.", "COERCE", "27_codebook2:192:"),
    # C5 shields and attempts on a life
    ("The gang used hostages as shields during the raid.", "ASSAULT", "27_codebook2:184:"),
    ("The judge survived an attempt on her life near the court.", "ASSAULT", "27_codebook2:185:"),
    # C6 mass violence and gases
    ("The militia perpetrated a massacre in the valley.", "ASSAULT", "27_codebook2:202:"),
    ("Regime forces used poison gas on the rebel suburb.", "ASSAULT", "27_codebook2:2041:"),
    # C7 appeals for weapons by name
    ("The defence minister appealed for more missiles from the allies.", "REQUEST", "27_codebook2:0232:"),
])
def test_codebook2_families(lex_pipe, text, event, rule):
    evs = coded(lex_pipe, text)
    assert [e for e in evs if e.event == event and e.rule.startswith(rule)], [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text", [
    "The senator used the report as a shield against his critics.",   # figurative shield
    "She called for the repeal of the assault weapons ban.",          # a ban, not weapons asked for
])
def test_codebook2_not_events(lex_pipe, text):
    evs = coded(lex_pipe, text)
    assert not [e for e in evs if e.rule.startswith("27_codebook2:")], [(e.event, e.rule) for e in evs]


def test_irregular_lemma(lex_pipe):
    assert IRREGULAR_VERB_FORMS["forgave"] == "forgive"
    evs = coded(lex_pipe, "The farmers' union forgave the regional governor.")
    assert [e for e in evs if e.event == "SUPPORT" and e.cameo == "056"], [(e.event, e.rule) for e in evs]


@pytest.mark.parametrize("text", [
    "Thousands of teachers rallied against the pension bill in the capital.",
    "About 3,000 people rallied against the new dam on Sunday.",
])
def test_crowd_rally(lex_pipe, text):
    evs = coded(lex_pipe, text)
    assert [e for e in evs if e.event == "PROTEST" and e.rule.startswith("crowd_rally:")], \
        [(e.event, e.rule) for e in evs]


def test_party_rally_against_stays_criticism(lex_pipe):
    evs = coded(lex_pipe, "Opposition senators rallied against the pension bill.")
    assert not [e for e in evs if e.rule.startswith("crowd_rally:")], [(e.event, e.rule) for e in evs]
