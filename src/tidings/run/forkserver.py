"""Imported by the forkserver of :func:`tidings.run.local.process_parallel` (never by hand).

When the parent asks for it (the environment variable :data:`ENV` holds the run's config as
JSON while the forkserver starts), the forkserver builds the pipeline (spaCy model, actor KB,
event lexicon, gazetteer) once, before it forks any worker: every worker then starts from
those pages, shared copy-on-write, instead of loading its own copy (≈ 300 MB and ≈ 5 CPU
seconds per worker, and per recycled worker). ``gc.freeze()`` keeps the workers' garbage
collector from writing to the shared objects.

A worker uses :data:`PIPELINE` only when its own config serialises to the same JSON
(:func:`config_key`); otherwise (a forkserver started earlier for another config, a spawn
context, a failure here) it builds its own pipeline as before.
"""
from __future__ import annotations

import dataclasses
import json
import os
from typing import Any, Optional

ENV = "TIDINGS_FORKSERVER_CONFIG"

#: the pipeline built in the forkserver, and the config key it was built for
PIPELINE: Any = None
KEY: Optional[str] = None


def config_key(config: Any) -> Optional[str]:
    """The config as canonical JSON, or None when it does not serialise (then nothing is shared)."""
    try:
        return json.dumps(dataclasses.asdict(config), sort_keys=True)
    except (TypeError, ValueError):
        return None


def _build() -> None:
    global PIPELINE, KEY
    raw = os.environ.pop(ENV, None)
    if not raw:
        return
    try:
        import gc

        from ..pipeline import Config
        from . import default_pipeline

        pipeline = default_pipeline(Config(**json.loads(raw)))
        gc.collect()
        gc.freeze()
    except Exception:  # the workers build their own pipeline and report the problem themselves
        return
    PIPELINE, KEY = pipeline, raw


_build()
