"""A pipeline component that keeps a story's dateline out of its first sentence.

It runs before the parser: the token after the dateline is marked as a sentence
start (the parser respects preset boundaries), and the dateline itself is kept
as a sentence of its own. The match is stored in ``doc.user_data['dateline']``.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import IS_ALPHA, IS_SPACE, LIKE_NUM, SENT_START
from spacy.language import Language

from ..ingest.dateline import find_dateline

DATELINE_COMPONENT = "tidings_dateline"


#: a line this short, followed by a line break, is a header ("7:45 p.m.", a headline), not part of
#: a hard-wrapped sentence
SHORT_LINE = 40


def mark_paragraph_starts(doc) -> None:
    """No sentence runs across a blank line, nor on from a short header line."""
    if len(doc) < 2:
        return
    space = doc.to_array([IS_SPACE]).reshape(-1).astype(bool)
    # a non-space token right after a space token: the only places a line can start
    line_start = 0
    for i in (np.nonzero(space[:-1] & ~space[1:])[0] + 1).tolist():
        prev = doc[i - 1]
        if "\n" not in prev.text:
            continue
        tok = doc[i]
        nl = prev.idx + prev.text.index("\n")
        blank = "\n\n" in prev.text or "\n" in prev.text.lstrip(" \t")[1:]
        header = nl - line_start <= SHORT_LINE and not tok.text[:1].islower()
        if blank or header:
            tok.is_sent_start = True
        line_start = prev.idx + prev.text.rindex("\n") + 1


def mark_inner_tokens(doc) -> None:
    """A word that follows another word never starts a sentence: news sentences end in
    punctuation or a line break (a token of its own), and the small parser otherwise breaks
    some long sentences in two ("... cited remarks | Trump had made about ..."). Done on
    arrays: setting ``is_sent_start`` token by token costs more than the parse it fixes."""
    if len(doc) < 2:
        return
    arr = doc.to_array([IS_ALPHA, LIKE_NUM, SENT_START])
    alpha = arr[:, 0].astype(bool)
    word = alpha | arr[:, 1].astype(bool)         # "the 13th Amendment", "in 2016 Congress"
    starts = arr[:, 2:3].copy()
    inner = np.zeros(len(doc), dtype=bool)
    inner[1:] = alpha[1:] & word[:-1] & (starts[1:, 0] == 0)
    if not inner.any():
        return
    starts[inner, 0] = np.array(-1).astype(starts.dtype)   # -1: "not a sentence start"
    doc.from_array([SENT_START], starts)


@Language.component(DATELINE_COMPONENT)
def dateline_component(doc):
    match = doc.user_data.get("dateline") if "dateline" in doc.user_data else find_dateline(doc.text)
    doc.user_data["dateline"] = match
    mark_paragraph_starts(doc)
    mark_inner_tokens(doc)
    if not match:
        return doc
    body = match.body_start
    for tok in doc[1:]:
        if tok.idx == match.place_start:
            tok.is_sent_start = True  # a headline line before the dateline stays apart
            break
    for tok in doc:
        if tok.idx >= body and not tok.is_space:
            tok.is_sent_start = True
            # everything between must not start sentences of its own
            for prev in doc[1:tok.i]:
                if prev.idx >= match.place_end:
                    prev.is_sent_start = False
            break
    return doc
