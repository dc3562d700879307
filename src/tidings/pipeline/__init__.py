"""The article → document pipeline (see :mod:`tidings.pipeline.core`), its typed stage contract
(:mod:`~tidings.pipeline.context`, :mod:`~tidings.pipeline.stage`) and shared resources
(:mod:`~tidings.pipeline.resources`)."""
from __future__ import annotations

from ..config import DEFAULT_MAX_CHARS, DEFAULT_ORDER, Config
from ..nlp.text import parse_date
from .context import Context
from .core import Pipeline, get_pipeline
from .resources import Resources, default_resources
from .stage import STAGES, Stage, StageOrderError, check_order, contract_table

__all__ = ["Pipeline", "Config", "Context", "Stage", "StageOrderError", "Resources", "STAGES", "DEFAULT_ORDER",
           "DEFAULT_MAX_CHARS", "get_pipeline", "default_resources", "check_order", "contract_table", "parse_date"]
