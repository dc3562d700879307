"""What the stages of one article hand on to each other: the typed :class:`Context`.

A stage reads the fields named in its ``requires`` (and, where present, the optional inputs
named in its ``uses``) and fills those named in its ``provides``; :mod:`tidings.pipeline.stage`
checks, when a pipeline is built, that every required field is provided by an earlier stage.
Besides the Context's own fields, a stage may require or provide a layer of the record
(``record.entities``, ``record.times``, ``record.events`` ...).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from ..config import Config
from ..ingest.dateline import Dateline
from ..model import Amount, Document, Place, Time

if TYPE_CHECKING:  # imported for the types only: the stages import this module
    from ..actors.resolver import Resolver
    from ..actors.stage import Mention
    from ..events.coder import Trace

__all__ = ["Context", "CONTEXT_FIELDS", "RECORD_LAYERS", "BASE_FIELDS"]


@dataclass
class Context:
    """What the stages of one article share."""

    record: Document
    doc: Any                          # spacy.tokens.Doc over record.text
    config: Config
    date: Optional[dt.date] = None    # publication date, if known
    dateline: Optional[Dateline] = None
    #: keep the event coder's per-sentence traces (``explain``)
    explain: bool = False
    # -- actors --------------------------------------------------------------------------------
    #: resolved actor mentions, in text order
    mentions: list["Mention"] = field(default_factory=list)
    #: token index → the mention covering it (None: the actors stage did not run)
    mention_at_token: Optional[dict[int, "Mention"]] = None
    #: the resolver the actors stage used (later stages resolve spans it did not cover)
    actor_resolver: Optional["Resolver"] = None
    # -- times ---------------------------------------------------------------------------------
    times: Optional[list[Time]] = None
    #: token index → the time expression covering it
    timex_at_token: Optional[dict[int, Time]] = None
    #: position of a time in ``times`` → index of the token it modifies on the parse
    timex_governor: Optional[dict[int, int]] = None
    # -- places, amounts, events ------------------------------------------------------------------
    places: Optional[list[Place]] = None
    amounts: Optional[list[Amount]] = None
    #: the coder's trace per sentence (only with ``explain``)
    event_traces: Optional[list["Trace"]] = None
    # -- per-document caches (private to the stages that keep them) -----------------------------------
    #: the event coder's word-cue columns: (doc, lemma/word ok, control ok)
    _event_word_cues: Optional[tuple[Any, Any, Any]] = field(default=None, repr=False)
    #: the amount finder's result: (finder, text, found); the times and amounts stages both need it
    _amount_finder_result: Optional[tuple[Any, str, list[Any]]] = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.record.text


#: fields set when the context is made, before any stage runs
BASE_FIELDS = frozenset({"record", "doc", "config", "date", "dateline", "explain"})
#: every public field a stage may require or provide
CONTEXT_FIELDS = frozenset(f for f in Context.__dataclass_fields__ if not f.startswith("_"))
#: layers of the record a stage may require or provide, as ``record.<layer>``
RECORD_LAYERS = frozenset(f"record.{name}" for name in ("entities", "times", "places", "amounts", "quotes", "events",
                                                        "dateline"))
