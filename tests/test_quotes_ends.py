"""Where a reported content ends: asides, second cues, colons, conditions (helpers in conftest)."""
from __future__ import annotations

from conftest import one, quotes


def test_content_runs_on_over_its_own_colon(quote_pipe):
    q = one(quotes(quote_pipe, "The economist notes that the region faces two problems at once: wages are flat and "
                         "rents keep climbing."), "two problems")
    assert q.content.text == "that the region faces two problems at once: wages are flat and rents keep climbing"
    q = one(quotes(quote_pipe, "The minister argued that the budget had one clear aim: cutting the deficit by half "
                         "within three years."), "clear aim")
    assert q.content.text.endswith("cutting the deficit by half within three years")


def test_adverb_between_object_and_its_complement_stays_inside(quote_pipe):
    # "compared X [unfavorably] with Y": the adverb does not end the content before "with Y"
    q = one(quotes(quote_pipe, "Critics have compared the program unfavorably with the one it replaced."), "the program")
    assert q.content.text == "the program unfavorably with the one it replaced"


def test_second_object_and_as_predicate_after_the_object_stay_inside(quote_pipe):
    # "denounced X as 'A' and [an insult to ...]": the second object is content too
    q = one(quotes(quote_pipe, 'The union denounced the ruling as "unjust" and an insult to every worker.'), "the ruling")
    assert q.content.text == 'the ruling as "unjust" and an insult to every worker'
    # "rated X as 'A' [compared to Y]": the comparison after the predicate is part of the rating
    q = one(quotes(quote_pipe, 'The report rated 40% of the bridges as "poor" compared to 12% of the tunnels.'), "bridges")
    assert q.content.text == '40% of the bridges as "poor" compared to 12% of the tunnels'


def test_condition_with_its_auxiliary_first_stays_inside(quote_pipe):
    # "..., should he refuse to ...": the parser makes the condition the root; it is part of the threat
    q = one(quotes(quote_pipe, "The chairman threatened to subpoena the director, should he refuse to hand over the "
                         "records."), "subpoena")
    assert q.content.text == "to subpoena the director, should he refuse to hand over the records"


def test_bare_verb_hung_on_a_past_cue_ends_the_infinitive_inside(quote_pipe):
    from conftest import given_parse
    rows = [("The", "DT", "DET", "det", 1, "the"), ("mayor", "NN", "NOUN", "nsubj", 2, "mayor"),
            ("said", "VBD", "VERB", "ROOT", 2, "say"), ("she", "PRP", "PRON", "nsubj", 4, "she"),
            ("wanted", "VBD", "VERB", "ccomp", 2, "want"), ("to", "TO", "PART", "aux", 6, "to"),
            ("visit", "VB", "VERB", "xcomp", 4, "visit"), ("the", "DT", "DET", "det", 8, "the"),
            ("strikers", "NNS", "NOUN", "dobj", 6, "striker"), ("in", "IN", "ADP", "prep", 6, "in"),
            ("person", "NN", "NOUN", "pobj", 9, "person"), ("and", "CC", "CCONJ", "cc", 2, "and"),
            ("hear", "VB", "VERB", "conj", 2, "hear"), ("their", "PRP$", "PRON", "poss", 14, "their"),
            ("demands", "NNS", "NOUN", "dobj", 12, "demand"), (".", ".", "PUNCT", "punct", 2, ".")]
    q = one(given_parse(quote_pipe, rows), "she wanted")
    assert q.content.text == "she wanted to visit the strikers in person and hear their demands"


def test_gerund_right_after_the_object_without_a_comma_stays_inside(quote_pipe):
    from conftest import given_parse
    rows = [("The", "DT", "DET", "det", 1, "the"), ("senator", "NN", "NOUN", "nsubj", 2, "senator"),
            ("criticized", "VBD", "VERB", "ROOT", 2, "criticize"), ("the", "DT", "DET", "det", 4, "the"),
            ("practice", "NN", "NOUN", "dobj", 2, "practice"), ("of", "IN", "ADP", "prep", 4, "of"),
            ("lobbyists", "NNS", "NOUN", "pobj", 5, "lobbyist"), ("taking", "VBG", "VERB", "advcl", 2, "take"),
            ("bribes", "NNS", "NOUN", "dobj", 7, "bribe"), ("from", "IN", "ADP", "prep", 7, "from"),
            ("builders", "NNS", "NOUN", "pobj", 9, "builder"), (".", ".", "PUNCT", "punct", 2, ".")]
    q = one(given_parse(quote_pipe, rows), "the practice")
    assert q.content.text == "the practice of lobbyists taking bribes from builders"


def test_second_finite_speech_cue_on_the_content_verb_ends_the_content(quote_pipe):
    # "says X promised A and said B": "said" is a statement of its own though its tense is not the cue's
    qs = quotes(quote_pipe, "Jones says Smith promised to keep supporting the bill and said she would vote for it in March.")
    assert one(qs, "Smith promised").content.text == "Smith promised to keep supporting the bill"
    assert one(qs, "vote for it").content.text == "she would vote for it in March"
    # "tweeted that A and B and urged C": the "and" nearest the second cue is where the content ends
    qs = quotes(quote_pipe, "The mayor tweeted late on Sunday that the plan was “reckless” and “a disaster” and urged "
                      "residents to “call their council members” before the vote.")
    assert one(qs, "the plan").content.text == "that the plan was “reckless” and “a disaster”"
    assert one(qs, "council").content.text.startswith("residents to")


def test_second_cue_content_ends_at_the_conjunction_nearest_it(quote_pipe):
    # the parse the model gave a dev sentence: "tweeted" read VBN, "urged" hung on the content's
    # "was" beside an earlier "and": the content ends before "and urged", not before "and a liar"
    from conftest import given_parse
    rows = [("Lee", "NNP", "PROPN", "nsubj", 1, "Lee"), ("tweeted", "VBN", "VERB", "ROOT", 1, "tweet"),
            ("that", "IN", "SCONJ", "mark", 4, "that"), ("Kim", "NNP", "PROPN", "nsubj", 4, "Kim"),
            ("was", "VBD", "AUX", "ccomp", 1, "be"), ("rude", "JJ", "ADJ", "acomp", 4, "rude"),
            ("and", "CC", "CCONJ", "cc", 4, "and"), ("a", "DT", "DET", "det", 8, "a"),
            ("liar", "NN", "NOUN", "conj", 4, "liar"), ("and", "CC", "CCONJ", "cc", 4, "and"),
            ("urged", "VBD", "VERB", "conj", 4, "urge"), ("fans", "NNS", "NOUN", "dobj", 10, "fan"),
            ("to", "TO", "PART", "aux", 13, "to"), ("check", "VB", "VERB", "xcomp", 10, "check"),
            ("her", "PRP$", "PRON", "poss", 15, "her"), ("record", "NN", "NOUN", "dobj", 13, "record"),
            (".", ".", "PUNCT", "punct", 1, ".")]
    q = one(given_parse(quote_pipe, rows), "Kim was")
    assert q.content.text == "that Kim was rude and a liar"


def _parsed_quotes(quote_pipe, rows, ents=()):
    """given_parse with named entities too (ents: (start, end, label) in token indices)."""
    from spacy.tokens import Doc, Span

    from tidings.model import Document
    from tidings.pipeline import Context

    words = [r[0] for r in rows]
    doc = Doc(quote_pipe.nlp.vocab, words=words, spaces=[i + 1 < len(rows) and rows[i + 1][0] not in ",." for i in range(len(rows))],
              tags=[r[1] for r in rows], pos=[r[2] for r in rows], deps=[r[3] for r in rows],
              heads=[r[4] for r in rows], lemmas=[r[5] for r in rows])
    doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in ents]
    ctx = Context(record=Document(id="q", text=doc.text), doc=doc, config=quote_pipe.config)
    dict(quote_pipe.stages)["quotes"](ctx)
    return ctx.record.quotes


def test_name_hung_on_the_object_before_a_second_cue_is_that_cue_s_speaker(quote_pipe):
    # the parse the model gave a dev sentence: "and Republicans" coordinated with "the audit",
    # "accused" a second clause of "said" with no subject
    rows = [("Officials", "NNS", "NOUN", "nsubj", 1, "official"), ("said", "VBD", "VERB", "ROOT", 1, "say"),
            ("they", "PRP", "PRON", "nsubjpass", 5, "they"), ("were", "VBD", "AUX", "auxpass", 5, "be"),
            ("increasingly", "RB", "ADV", "advmod", 5, "increasingly"),
            ("convinced", "VBN", "VERB", "ccomp", 1, "convince"), ("the", "DT", "DET", "det", 7, "the"),
            ("agency", "NN", "NOUN", "nsubj", 8, "agency"), ("mishandled", "VBD", "VERB", "ccomp", 5, "mishandle"),
            ("the", "DT", "DET", "det", 10, "the"), ("audit", "NN", "NOUN", "dobj", 8, "audit"),
            ("and", "CC", "CCONJ", "cc", 10, "and"), ("Republicans", "NNPS", "PROPN", "conj", 10, "Republicans"),
            ("accused", "VBD", "VERB", "ccomp", 1, "accuse"), ("the", "DT", "DET", "det", 15, "the"),
            ("board", "NN", "NOUN", "dobj", 13, "board"), ("of", "IN", "ADP", "prep", 13, "of"),
            ("hiding", "VBG", "VERB", "pcomp", 16, "hide"), ("the", "DT", "DET", "det", 19, "the"),
            ("losses", "NNS", "NOUN", "dobj", 17, "loss"), (".", ".", "PUNCT", "punct", 1, ".")]
    qs = _parsed_quotes(quote_pipe, rows, ents=[(12, 13, "NORP")])
    assert one(qs, "the agency").content.text == "they were increasingly convinced the agency mishandled the audit"
    q = one(qs, "the board")
    assert q.content.text == "the board of hiding the losses"
    assert q.speaker.text == "Republicans"


def test_that_clause_of_a_statement_object_hung_on_the_verb_stays_inside(quote_pipe):
    # the parse the model gave a dev sentence: the "that" clause of "statements" hung on "echoed"
    from conftest import given_parse
    rows = [("Pence", "NNP", "PROPN", "nsubj", 1, "Pence"), ("echoed", "VBD", "VERB", "ROOT", 1, "echo"),
            ("statements", "NNS", "NOUN", "dobj", 1, "statement"), ("by", "IN", "ADP", "prep", 2, "by"),
            ("the", "DT", "DET", "det", 5, "the"), ("governor", "NN", "NOUN", "pobj", 3, "governor"),
            ("last", "JJ", "ADJ", "amod", 7, "last"), ("week", "NN", "NOUN", "npadvmod", 2, "week"),
            ("that", "IN", "SCONJ", "mark", 12, "that"), ("the", "DT", "DET", "det", 10, "the"),
            ("protests", "NNS", "NOUN", "nsubj", 12, "protest"), ("had", "VBD", "AUX", "aux", 12, "have"),
            ("turned", "VBN", "VERB", "ccomp", 1, "turn"), ("violent", "JJ", "ADJ", "acomp", 12, "violent"),
            (".", ".", "PUNCT", "punct", 1, ".")]
    q = one(given_parse(quote_pipe, rows), "statements")
    assert q.content.text == "statements by the governor last week that the protests had turned violent"


def test_a_list_object_the_parser_split_stays_one_content(quote_pipe):
    # a second object after a comma, hung on the cue beside the first
    q = one(quotes(quote_pipe, "Smith and Jones point out own strengths, each other's weaknesses at town hall."), "strengths")
    assert q.content.text.startswith("own strengths, each other's weaknesses")
    # the next item coordinated with the verb governing the cue ("opened by stressing A, and B")
    q = one(quotes(quote_pipe, "The governor opened by stressing fiscal discipline, and a plan to cut property taxes "
                         "for retirees."), "fiscal")
    assert q.content.text == "fiscal discipline, and a plan to cut property taxes for retirees"


def test_what_x_described_as_y_is_y(quote_pipe):
    # the free relative names the thing; what was said of it is the "as" phrase ("what she called
    # a minor infection" keeps its "what": test_quotes)
    q = one(quotes(quote_pipe, "The mayor pressed ahead with what critics described as a reckless giveaway to developers."),
            "giveaway")
    assert q.content.text == "a reckless giveaway to developers"
    assert q.speaker.text == "critics"


def test_second_that_clause_coordinated_with_the_cue_stays_inside(quote_pipe):
    # "told X that A, and that B": the parser hangs the second clause on the cue verb; it is the
    # second half of the same report, not the speaker's next act
    q = one(quotes(quote_pipe, "The mayor told reporters that the budget was balanced, and that no jobs would be "
                         "cut this winter."), "balanced")
    assert q.content.text == "that the budget was balanced, and that no jobs would be cut this winter"
    # a second cue verb of its own ("... and warned that ...") still ends the first content
    q = one(quotes(quote_pipe, "The mayor said that the budget was balanced and warned that the winter would be "
                         "hard."), "balanced")
    assert "warned" not in q.content.text


def test_content_interrupted_by_a_long_attribution_is_its_larger_piece(quote_pipe):
    # "what X called Y" with a long X: the pieces are "what" and "a crime"; the one span that
    # still holds half of them is the larger piece, and the pieces stay as fragments
    q = one(quotes(quote_pipe, "The council was stunned by what the long-serving city treasurer called a crime."), "crime")
    assert q.content.text == "a crime"
    assert [f.text for f in q.fragments] == ["what", "a crime"]
    # a short attribution inside the content keeps the whole stretch
    q = one(quotes(quote_pipe, "The deal, as the minister said, is far from done."), "The deal")
    assert q.content.text == "The deal, as the minister said, is far from done"
    assert not q.fragments
