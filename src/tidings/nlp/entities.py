"""The entities stage: named-entity mentions from spaCy's NER, with the dateline fixed.

A dateline place ("KARACHI:") is often tagged ORG or missed by a small model; it is a
place by construction, so it is always reported as a GPE entity.
"""
from __future__ import annotations

from ..model import Entity, span_of

#: labels kept as entities (numbers, dates and amounts have layers of their own)
ENTITY_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}


#: entries of spaCy's lemmatizer cache above which it is emptied (see EntityStage)
LEMMA_CACHE_MAX = 20_000


def _lemmatizer_caches(config, resources=None) -> list:
    """The ``cache`` dicts of the lemmatizers of the model the pipeline uses (loaded once per process)."""
    try:
        if resources is None:
            from ..pipeline.resources import default_resources

            resources = default_resources()
        nlp = resources.nlp(getattr(config, "model", None), fast_ruler=getattr(config, "fast_ruler", None))
    except Exception:
        return []
    out = []
    for _, pipe in getattr(nlp, "pipeline", []):
        cache = getattr(pipe, "cache", None)
        if isinstance(cache, dict) and hasattr(pipe, "lookups"):
            out.append(cache)
    return out


class EntityStage:
    name = "entities"
    requires: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset({"dateline"})
    provides: frozenset[str] = frozenset({"record.entities"})

    def __init__(self, config=None, resources=None) -> None:
        self.config = config
        self._lemma_caches = _lemmatizer_caches(config, resources)

    def __call__(self, ctx) -> None:
        # spaCy's rule lemmatizer memoises every (word, POS) it meets, without bound; clearing
        # it now and then keeps a long stream's memory flat (lemmas do not depend on it)
        for cache in self._lemma_caches:
            if len(cache) > LEMMA_CACHE_MAX:
                cache.clear()
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
