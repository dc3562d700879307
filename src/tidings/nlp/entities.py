"""The entities stage: named-entity mentions from spaCy's NER, with the dateline fixed.

A dateline place ("KARACHI:") is often tagged ORG or missed by a small model; it is a
place by construction, so it is always reported as a GPE entity.
"""
from __future__ import annotations

from ..model import Entity, span_of

#: labels kept as entities (numbers, dates and amounts have layers of their own)
ENTITY_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}


class EntityStage:
    name = "entities"

    def __init__(self, config=None) -> None:
        self.config = config

    def __call__(self, ctx) -> None:
        text = ctx.text
        out: list[Entity] = []
        dl = ctx.dateline
        dateline_done = False
        for ent in ctx.doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            start, end = ent.start_char, ent.end_char
            label = ent.label_
            if dl and start < dl.place_end and end > dl.place_start:
                if dateline_done:
                    continue
                start, end, label = dl.place_start, dl.place_end, "GPE"
                dateline_done = True
            sp = span_of(text, start, end)
            if not sp.text:
                continue
            out.append(Entity(**sp.model_dump(), label=label))
        if dl and not dateline_done:
            sp = span_of(text, dl.place_start, dl.place_end)
            out.insert(0, Entity(**sp.model_dump(), label="GPE"))
        out.sort(key=lambda e: e.start)
        ctx.record.entities = out
