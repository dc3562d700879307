"""``tidings evaluate``: score the pipeline against gold files (see tidings.evaluate)."""
from __future__ import annotations


def register(app) -> None:
    return None
