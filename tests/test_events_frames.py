"""Recall frames of the lexicon (data/lexicon/21_frames.yaml, issue 15): each group codes its frame
and leaves the other senses of its words alone. All sentences are our own; lexicon-only pipeline."""
from __future__ import annotations

import pytest

from tidings.events import load_lexicon
from _events_helpers import events


def coded(pipe, text):
    return events(pipe, text, date="2024-05-02")


def test_frames_file_is_loaded():
    lex = load_lexicon()
    assert "21_frames" in lex.files
    ids = {p.id for b in lex.verbs.values() for p in b}
    assert "21_frames:0841:release pilot" in ids


@pytest.mark.parametrize("text,cameo", [
    ("Norway has provided $12 million to flood victims in Pakistan.", "070"),
    ("The European Union allocated 40 million euros in support to displaced families in Chad.", "070"),
    ("The kidnappers released three Filipino sailors on Sunday.", "0841"),
    ("A military court freed two opposition politicians on Thursday.", "0841"),
    ("Moscow announced the release of a Latvian fisherman.", "0841"),
    ("Gunmen overran an army base near the border.", "190"),
    ("The militia held dozens of farmers as human shields.", "184"),
    ("Canadian instructors train Ukrainian soldiers at a range in the west.", "062"),
    ("The emir received the Turkish ambassador at his palace.", "043"),
    ("Volunteers distributed blankets and tents to families in the camps.", "073"),
    ("The museum returned two stolen paintings to Poland.", "0842"),
    ("Hungary opened its border to refugees from the south.", "081"),
    ("Russia suspended gas deliveries to Moldova.", "162"),
    ("The government supplied rifles to village militias.", "072"),
    ("Oman launched a mediation effort between the two neighbours.", "045"),
])
def test_frame_codes(lex_pipe, text, cameo):
    evs = coded(lex_pipe, text)
    got = [e for e in evs if e.cameo == cameo]
    assert got, [(e.cameo, e.rule) for e in evs]
    assert got[0].rule and got[0].confidence > 0


@pytest.mark.parametrize("text,banned", [
    ("The band released a new album in March.", "0841"),
    ("The ministry released its annual report on Tuesday.", "0841"),
    ("The retailer hit its sales target for the quarter.", "190"),
    ("The company provided 3 million dollars in revenue last year.", None),
    ("The coach trains young players every weekend.", "062"),
    ("The store received a delivery of new furniture.", "043"),
])
def test_frame_hard_negatives(lex_pipe, text, banned):
    evs = coded(lex_pipe, text)
    frame_hits = [e for e in evs if (e.rule or "").startswith("21_frames:")]
    if banned is None:
        # a business sentence with no actor: a frame may match, but no event with a political actor
        assert all(not e.actor for e in frame_hits), [(e.cameo, e.rule, e.actor) for e in frame_hits]
    else:
        assert not [e for e in evs if e.cameo == banned], [(e.cameo, e.rule) for e in evs]


@pytest.mark.parametrize("text,cameo", [
    ("The Dutch customs service returned forty fossils to Mongolia.", "0842"),
    ("Washington rolled back tariffs on Mexican steel.", "085"),
    ("Japan sent emergency supplies to the flooded provinces of Bangladesh.", "073"),
    ("Chile is ready to contribute troops to the UN mission in Haiti.", None),
])
def test_round_two_frames(lex_pipe, text, cameo):
    rec = lex_pipe({"id": "t", "text": text, "date": "2024-05-02"})
    frame_hits = [e for e in rec.events if "21_frames:" in (e.rule or "")]
    assert frame_hits, [(e.cameo, e.rule) for e in rec.events]
    if cameo:
        assert any(e.cameo == cameo and not e.negated and e.modality == "asserted" for e in frame_hits)
    else:
        # "ready to contribute troops": an intention, not the deployment itself
        assert all(e.cameo != "074" or e.modality != "asserted" for e in rec.events), \
            [(e.cameo, e.rule, e.modality) for e in rec.events]
