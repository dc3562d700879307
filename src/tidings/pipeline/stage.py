"""The stage contract: what a stage is called, what it reads and what it fills.

A stage is a callable over a :class:`~tidings.pipeline.context.Context` with three class
attributes:

``name``      its name in ``Config.stages``
``requires``  Context fields (or ``record.<layer>``) it cannot work without: an earlier stage
              must provide each
``provides``  the fields it fills
``uses``      optional inputs: read when an earlier stage filled them, else done without
              (e.g. the events stage codes uncoded NER actors when the actors stage is off)

:func:`check_order` runs when a pipeline is built and fails with :class:`StageOrderError`, naming
the stage and the missing field, when a stage requires what no earlier stage provides.
Stages are registered by name in :data:`STAGES` (``"module:attribute"`` strings, imported lazily);
a stage class is built with the run's Config and, where its ``__init__`` takes one, the
process's :class:`~tidings.pipeline.resources.Resources`.
"""
from __future__ import annotations

import importlib
import inspect
from typing import TYPE_CHECKING, Any, Iterable, Optional, Protocol, Sequence, runtime_checkable

from ..config import DEFAULT_ORDER, Config
from .context import BASE_FIELDS, CONTEXT_FIELDS, RECORD_LAYERS, Context

if TYPE_CHECKING:
    from .resources import Resources

__all__ = ["Stage", "StageOrderError", "STAGES", "DEFAULT_ORDER", "stage_class", "check_order", "build_stage",
           "contract_table"]

#: stage name → "module:class"
STAGES: dict[str, str] = {
    "entities": "tidings.nlp.entities:EntityStage",
    "actors": "tidings.actors.stage:ActorStage",
    "times": "tidings.grounding.times:TimesStage",
    "places": "tidings.grounding.places:PlaceStage",
    "amounts": "tidings.grounding.amounts:AmountsStage",
    "quotes": "tidings.quotes.stage:QuoteStage",
    "events": "tidings.events:EventStage",
    "link": "tidings.events.link:LinkStage",
}


@runtime_checkable
class Stage(Protocol):
    """What the pipeline needs of a stage."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, ctx: Context) -> None: ...


class StageOrderError(ValueError):
    """A stage requires a field that no earlier stage provides (or a stage name is unknown)."""


def stage_class(name: str) -> Any:
    """The class registered for a stage name."""
    if name not in STAGES:
        raise StageOrderError(f"unknown stage {name!r}; known: {', '.join(STAGES)}")
    module_name, _, attr = STAGES[name].partition(":")
    return getattr(importlib.import_module(module_name), attr)


def _declared(cls: Any, attr: str) -> frozenset[str]:
    return frozenset(getattr(cls, attr, ()) or ())


def check_order(order: Sequence[str], classes: Optional[Sequence[Any]] = None) -> None:
    """Fail with :class:`StageOrderError` if a stage in ``order`` requires a field that no earlier
    stage provides, or declares a field the Context does not have."""
    classes = list(classes) if classes is not None else [stage_class(n) for n in order]
    known = CONTEXT_FIELDS | RECORD_LAYERS
    have = set(BASE_FIELDS)
    for name, cls in zip(order, classes):
        for attr in ("requires", "provides", "uses"):
            bad = sorted(_declared(cls, attr) - known)
            if bad:
                raise StageOrderError(f"stage {name!r} declares unknown field(s) in {attr}: {', '.join(bad)}")
        missing = sorted(_declared(cls, "requires") - have)
        if missing:
            hints = []
            for f in missing:
                by = [n for n in DEFAULT_ORDER if n in STAGES and f in _declared(stage_class(n), "provides")]
                hints.append(f"{f} (provided by: {', '.join(by) or 'no stage'})")
            raise StageOrderError(f"stage {name!r} requires {', '.join(hints)}, which no earlier stage in "
                                  f"{list(order)} provides: add that stage before {name!r}")
        have |= _declared(cls, "provides")


def build_stage(cls: Any, config: Config, resources: "Resources") -> Stage:
    """An instance of a stage class for ``config`` (with ``resources`` where it takes them)."""
    try:
        takes = "resources" in inspect.signature(cls).parameters
    except (TypeError, ValueError):
        takes = False
    stage: Stage = cls(config, resources=resources) if takes else cls(config)
    return stage


def contract_table(order: Iterable[str] = DEFAULT_ORDER) -> str:
    """The stages in order with what each requires, uses and provides, as a Markdown table
    (docs/architecture.md holds it; a test checks that it matches)."""
    rows = ["| # | stage | requires | uses (optional) | provides |", "|---|---|---|---|---|"]
    for k, name in enumerate(order, 1):
        cls = stage_class(name)

        def cell(attr: str) -> str:
            return ", ".join(f"`{f}`" for f in sorted(_declared(cls, attr))) or "–"

        rows.append(f"| {k} | `{name}` | {cell('requires')} | {cell('uses')} | {cell('provides')} |")
    return "\n".join(rows)
