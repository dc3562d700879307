"""Running the pipeline over many articles.

* :mod:`tidings.run.local` — ``--jobs N`` worker processes on this machine, results in input order
  (:func:`~tidings.run.local.process_parallel`);
* :mod:`tidings.run.forkserver` — imported by the forkserver of the local engine, which builds the
  pipeline once and forks the workers from it (never imported by hand);
* :mod:`tidings.run.ray` — the optional Ray engine (:func:`~tidings.run.ray.extract_with_ray`);
* :mod:`tidings.run.failures` — how an article whose processing failed or killed its worker
  becomes a record with a ``worker`` error (shared by both engines).

Both engines take an optional ``pipeline_factory(config) -> Pipeline``: how a worker builds its
pipeline (default: :func:`default_pipeline`, the normal :class:`~tidings.pipeline.Pipeline`). It is
sent to the workers, so it must be picklable: a module-level function or an instance of a
module-level class, importable in the worker processes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Config, Pipeline

#: how a worker builds its pipeline from the run's config
PipelineFactory = Callable[["Config"], "Pipeline"]


def default_pipeline(config: "Config") -> "Pipeline":
    """The normal pipeline for ``config`` (the default ``pipeline_factory`` of both engines)."""
    from ..pipeline import Pipeline

    return Pipeline(config)
