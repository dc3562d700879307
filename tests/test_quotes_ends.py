"""Where a reported content ends (engineer qend's rules); helpers from test_quotes."""
from __future__ import annotations

from test_quotes import one, quotes, pipe  # noqa: F401  (pipe: the module's fixture)


def test_content_runs_on_over_its_own_colon(pipe):
    q = one(quotes(pipe, "The economist notes that the region faces two problems at once: wages are flat and "
                         "rents keep climbing."), "two problems")
    assert q.content.text == "that the region faces two problems at once: wages are flat and rents keep climbing"
    q = one(quotes(pipe, "The minister argued that the budget had one clear aim: cutting the deficit by half "
                         "within three years."), "clear aim")
    assert q.content.text.endswith("cutting the deficit by half within three years")


def test_adverb_between_object_and_its_complement_stays_inside(pipe):
    # "compared X [unfavorably] with Y": the adverb does not end the content before "with Y"
    q = one(quotes(pipe, "Critics have compared the program unfavorably with the one it replaced."), "the program")
    assert q.content.text == "the program unfavorably with the one it replaced"


def test_second_object_and_as_predicate_after_the_object_stay_inside(pipe):
    # "denounced X as 'A' and [an insult to ...]": the second object is content too
    q = one(quotes(pipe, 'The union denounced the ruling as "unjust" and an insult to every worker.'), "the ruling")
    assert q.content.text == 'the ruling as "unjust" and an insult to every worker'
    # "rated X as 'A' [compared to Y]": the comparison after the predicate is part of the rating
    q = one(quotes(pipe, 'The report rated 40% of the bridges as "poor" compared to 12% of the tunnels.'), "bridges")
    assert q.content.text == '40% of the bridges as "poor" compared to 12% of the tunnels'


def test_condition_with_its_auxiliary_first_stays_inside(pipe):
    # "..., should he refuse to ...": the parser makes the condition the root; it is part of the threat
    q = one(quotes(pipe, "The chairman threatened to subpoena the director, should he refuse to hand over the "
                         "records."), "subpoena")
    assert q.content.text == "to subpoena the director, should he refuse to hand over the records"


def test_bare_verb_hung_on_a_past_cue_ends_the_infinitive_inside(pipe):
    from test_quotes import given_parse
    # "said she wanted to visit them and let them know ...", parsed with "let" on "said"
    rows = [("The", "DT", "DET", "det", 1, "the"), ("mayor", "NN", "NOUN", "nsubj", 2, "mayor"),
            ("said", "VBD", "VERB", "ROOT", 2, "say"), ("she", "PRP", "PRON", "nsubj", 4, "she"),
            ("wanted", "VBD", "VERB", "ccomp", 2, "want"), ("to", "TO", "PART", "aux", 6, "to"),
            ("visit", "VB", "VERB", "xcomp", 4, "visit"), ("the", "DT", "DET", "det", 8, "the"),
            ("strikers", "NNS", "NOUN", "dobj", 6, "striker"), ("in", "IN", "ADP", "prep", 6, "in"),
            ("person", "NN", "NOUN", "pobj", 9, "person"), ("and", "CC", "CCONJ", "cc", 2, "and"),
            ("hear", "VB", "VERB", "conj", 2, "hear"), ("their", "PRP$", "PRON", "poss", 14, "their"),
            ("demands", "NNS", "NOUN", "dobj", 12, "demand"), (".", ".", "PUNCT", "punct", 2, ".")]
    q = one(given_parse(pipe, rows), "she wanted")
    assert q.content.text == "she wanted to visit the strikers in person and hear their demands"


def test_gerund_right_after_the_object_without_a_comma_stays_inside(pipe):
    from test_quotes import given_parse
    # "criticized the practice of lobbyists taking bribes", parsed with "taking" on the cue
    rows = [("The", "DT", "DET", "det", 1, "the"), ("senator", "NN", "NOUN", "nsubj", 2, "senator"),
            ("criticized", "VBD", "VERB", "ROOT", 2, "criticize"), ("the", "DT", "DET", "det", 4, "the"),
            ("practice", "NN", "NOUN", "dobj", 2, "practice"), ("of", "IN", "ADP", "prep", 4, "of"),
            ("lobbyists", "NNS", "NOUN", "pobj", 5, "lobbyist"), ("taking", "VBG", "VERB", "advcl", 2, "take"),
            ("bribes", "NNS", "NOUN", "dobj", 7, "bribe"), ("from", "IN", "ADP", "prep", 7, "from"),
            ("builders", "NNS", "NOUN", "pobj", 9, "builder"), (".", ".", "PUNCT", "punct", 2, ".")]
    q = one(given_parse(pipe, rows), "the practice")
    assert q.content.text == "the practice of lobbyists taking bribes from builders"
