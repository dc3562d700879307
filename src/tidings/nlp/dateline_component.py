"""A pipeline component that keeps a story's dateline out of its first sentence.

It runs before the parser: the token after the dateline is marked as a sentence
start (the parser respects preset boundaries), and the dateline itself is kept
as a sentence of its own. The match is stored in ``doc.user_data['dateline']``.
"""
from __future__ import annotations

from spacy.language import Language

from ..ingest.dateline import find_dateline

DATELINE_COMPONENT = "tidings_dateline"


@Language.component(DATELINE_COMPONENT)
def dateline_component(doc):
    match = doc.user_data.get("dateline") if "dateline" in doc.user_data else find_dateline(doc.text)
    doc.user_data["dateline"] = match
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
