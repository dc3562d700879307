"""Where a reported content ends (engineer qend2's rules); helpers from test_quotes."""
from __future__ import annotations

from test_quotes import one, quotes, pipe  # noqa: F401  (pipe: the module's fixture)


def test_second_finite_speech_cue_on_the_content_verb_ends_the_content(pipe):
    # "says X promised A and said B": "said" is a statement of its own though its tense is not the cue's
    qs = quotes(pipe, "Jones says Smith promised to keep supporting the bill and said she would vote for it in March.")
    assert one(qs, "Smith promised").content.text == "Smith promised to keep supporting the bill"
    assert one(qs, "vote for it").content.text == "she would vote for it in March"
    # "tweeted that A and B and urged C": the "and" nearest the second cue is where the content ends
    qs = quotes(pipe, "The mayor tweeted late on Sunday that the plan was “reckless” and “a disaster” and urged "
                      "residents to “call their council members” before the vote.")
    assert one(qs, "the plan").content.text == "that the plan was “reckless” and “a disaster”"
    assert one(qs, "council").content.text.startswith("residents to")


def test_second_cue_content_ends_at_the_conjunction_nearest_it(pipe):
    # the parse the model gave a dev sentence: "tweeted" read VBN, "urged" hung on the content's
    # "was" beside an earlier "and": the content ends before "and urged", not before "and a liar"
    from test_quotes import given_parse
    rows = [("Lee", "NNP", "PROPN", "nsubj", 1, "Lee"), ("tweeted", "VBN", "VERB", "ROOT", 1, "tweet"),
            ("that", "IN", "SCONJ", "mark", 4, "that"), ("Kim", "NNP", "PROPN", "nsubj", 4, "Kim"),
            ("was", "VBD", "AUX", "ccomp", 1, "be"), ("rude", "JJ", "ADJ", "acomp", 4, "rude"),
            ("and", "CC", "CCONJ", "cc", 4, "and"), ("a", "DT", "DET", "det", 8, "a"),
            ("liar", "NN", "NOUN", "conj", 4, "liar"), ("and", "CC", "CCONJ", "cc", 4, "and"),
            ("urged", "VBD", "VERB", "conj", 4, "urge"), ("fans", "NNS", "NOUN", "dobj", 10, "fan"),
            ("to", "TO", "PART", "aux", 13, "to"), ("check", "VB", "VERB", "xcomp", 10, "check"),
            ("her", "PRP$", "PRON", "poss", 15, "her"), ("record", "NN", "NOUN", "dobj", 13, "record"),
            (".", ".", "PUNCT", "punct", 1, ".")]
    q = one(given_parse(pipe, rows), "Kim was")
    assert q.content.text == "that Kim was rude and a liar"
