"""Actors: the knowledge base, resolution of mentions to coded actors, and the actors stage.

>>> from tidings.actors import get_resolver
>>> get_resolver().resolve_text("Pakistani Foreign Minister Ishaq Dar", date=datetime.date(2024, 6, 15)).cameo
'PAKGOV'

The KB loads once per process (per set of user files); see ``docs/actors.md`` for the data formats.
"""
from __future__ import annotations

from typing import Any

from .kb import KB, Entry, Period, norm
from .loading import build_kb, load_file
from .resolver import Resolution, Resolver

__all__ = ["KB", "Entry", "Period", "Mention", "Resolver", "Resolution", "ActorStage", "build_kb", "load_file",
           "get_resolver", "get_kb", "norm"]

def _files(config) -> tuple:
    if config is None:
        return ()
    return tuple(str(f) for f in (getattr(config, "actor_files", None) or []))


def get_resolver(config=None) -> Resolver:
    """The resolver for the built-in KB plus ``config.actor_files`` (built once per process, kept
    by :func:`tidings.pipeline.resources.default_resources`)."""
    from ..pipeline.resources import default_resources

    return default_resources().resolver(_files(config))


def get_kb(config=None) -> KB:
    return get_resolver(config).kb


def __getattr__(name: str) -> Any:  # the stage needs spaCy: imported when first used, not for a KB lookup
    if name in ("ActorStage", "Mention"):
        from . import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
