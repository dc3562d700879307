"""Recall families, round 5 (issue 15; data/lexicon/24_families.yaml and 25_codebook.yaml), the recodings of root-file
patterns and the rules hyphen-compound (verbs), let-object and particle-prep.
All sentences are our own; lexicon-only pipeline."""
from __future__ import annotations

import pytest

from tidings.events import load_lexicon
from _events_helpers import events


def test_families_files_are_loaded():
    files = load_lexicon().files
    assert "24_families" in files and "25_codebook" in files


@pytest.mark.parametrize("text,event,rule", [
    # 24_families (families that fired on ConfliBERT train or the corpus): A1 relief flown in, S2 flights cut
    ("The charity flew ten tons of medicine into the mountain province.", "AID", "24_families:073:"),
    ("Ghana suspended flights to Lomaria over the dispute.", "SANCTION", "24_families:160:"),
    # 25_codebook (no fire on our data; probe sentences only)
    # R1 captives handed back, R3 forces falling back from places
    ("The Lomarian army returned 12 prisoners of war to Veskia.", "RETREAT", "25_codebook:0841:"),
    ("The militants handed over two hostages to the Red Cross.", "RETREAT", "25_codebook:0841:"),
    ("Government troops retreated from the town after a week of shelling.", "RETREAT", "25_codebook:0874:"),
    # R5 relief let through
    ("The army let relief convoys reach the northern valley.", "RETREAT", "25_codebook:0863:"),
    # M1 mobilisation declared
    ("Armenia declared a general mobilisation on Sunday.", "MOBILIZE", "25_codebook:154:"),
    # C2 utilities cut off, C3 broadcasters silenced, C5 people held
    ("The junta cut off electricity to the rebel districts.", "COERCE", "25_codebook:172:"),
    ("The regulator suspended the broadcasts of two opposition channels.", "COERCE", "25_codebook:1721:"),
    ("Police held the demonstrators overnight.", "COERCE", "25_codebook:173:"),
    # A2/A3 weapons approved or handed over, A5 relief shipped
    ("Canada approved an arms sale to Jordan.", "AID", "25_codebook:072:"),
    ("Norway handed over six tanks to Estonia.", "AID", "25_codebook:072:"),
    ("Kuwait shipped 3,000 tonnes of flour to Yemen.", "AID", "25_codebook:073:"),
    # S2b memberships given up, S3 terrorist listings
    ("Lomaria quit the regional trade bloc in March.", "SANCTION", "25_codebook:160:"),
    ("The government designated the militia as a terrorist organisation.", "SANCTION", "25_codebook:163:"),
    # CO1 entering negotiations
    ("The government entered into negotiations with the striking nurses.", "CONSULT", "25_codebook:046:"),
])
def test_families(lex_pipe, text, event, rule):
    evs = events(lex_pipe, text)
    assert any(e.event == event and e.rule.startswith(rule) for e in evs), \
        [(e.event, e.cameo, e.rule) for e in evs]


def test_crushing_protests_is_repression_and_a_vow_to_is_a_threat(lex_pipe):
    evs = events(lex_pipe, "Soldiers crushed the uprising in the eastern provinces.")
    assert any(e.event == "ASSAULT" and e.cameo == "175" for e in evs), [(e.event, e.cameo) for e in evs]
    evs = events(lex_pipe, "The interior minister vowed to crush the protests.")
    assert any(e.event == "THREATEN" and e.cameo == "137" for e in evs), [(e.event, e.cameo) for e in evs]


def test_retreat_from_a_place_has_mode_withdraw(lex_pipe):
    evs = events(lex_pipe, "Government troops retreated from the town after a week of shelling.")
    assert [e.mode for e in evs if e.event == "RETREAT"] == ["withdraw"]
    # a figurative retreat keeps the root file's concession
    evs = events(lex_pipe, "The senator retreated from his earlier position on the tax.")
    assert not any(e.event == "RETREAT" for e in evs)


@pytest.mark.parametrize("text,event,cameo", [
    # recoded: a deportation is no judicial cooperation; a single army's exercise is a show of force;
    # ending cooperation reduces relations
    ("Lomaria deported 40 migrants to Veskia.", "COERCE", "174"),
    ("Veskia held a large military exercise near the border.", "MOBILIZE", "150"),
    ("Sweden ended its cooperation with the Lomarian police.", "SANCTION", "160"),
])
def test_recoded_root_patterns(lex_pipe, text, event, cameo):
    evs = events(lex_pipe, text)
    assert any(e.event == event and e.cameo == cameo for e in evs), [(e.event, e.cameo, e.rule) for e in evs]


def test_joint_exercise_stays_cooperation(lex_pipe):
    evs = events(lex_pipe, "Ghana and Togo held joint military exercises off the coast.")
    assert any(e.event == "COOPERATE" for e in evs), [(e.event, e.cameo, e.rule) for e in evs]


def test_hyphenated_verb_compound(lex_pipe):
    """Rule hyphen-compound for verbs: "test-fired" is the pattern "test-fire" (MOBILIZE), not
    "fire missile" (an attack)."""
    evs = events(lex_pipe, "North Korea test-fired a ballistic missile on Sunday.")
    assert [e.event for e in evs] == ["MOBILIZE"], [(e.event, e.cameo, e.rule) for e in evs]
    evs = events(lex_pipe, "The rebels fired a missile at the airport.")
    assert any(e.event == "ASSAULT" for e in evs)


def test_let_object(lex_pipe):
    """Rule let-object: the one let in is the complement's subject ("allowed inspectors to visit")."""
    evs = events(lex_pipe, "Iran allowed UN inspectors to visit the enrichment site.")
    assert any(e.event == "RETREAT" and e.cameo == "0862" for e in evs), [(e.event, e.cameo, e.rule) for e in evs]


def test_particle_prep(lex_pipe):
    """Rule particle-prep: "walked out of the talks" (parsed with "of" under "out") is 164, not a
    walk-out protest."""
    evs = events(lex_pipe, "The government walked out of the peace talks on Monday.")
    assert [e.event for e in evs] == ["SANCTION"], [(e.event, e.cameo, e.rule) for e in evs]
    evs = events(lex_pipe, "The opposition pulled out of the talks with the government.")
    assert any(e.event == "SANCTION" and e.cameo == "164" for e in evs), [(e.event, e.cameo, e.rule) for e in evs]
