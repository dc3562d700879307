"""The shared, read-only resources of the stages, loaded lazily, once per process and setting.

One :class:`Resources` object holds the spaCy model, the actor KB and resolver, the event
lexicon compiled into coders, the time tagger, the gazetteer, the amount finder, and the
pipelines built over them; each is built the first time a stage asks for it (with the settings
it is asked for) and kept. :func:`default_resources` is the process's one instance: the module
functions ``tidings.nlp.load``, ``tidings.actors.get_resolver``, ``tidings.events.get_coder``,
``tidings.grounding.timex.tagger.get_tagger``, ``tidings.grounding.gazetteer.get_gazetteer`` and
``tidings.grounding.amounts.get_finder`` ask it. A test or a server that wants a fresh set makes
its own ``Resources()`` and passes it to :class:`~tidings.pipeline.Pipeline`.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from ..config import Config

if TYPE_CHECKING:
    from ..actors.resolver import Resolver
    from ..events.coder import Coder
    from ..grounding.amounts import AmountFinder
    from ..grounding.gazetteer import Gazetteer
    from ..grounding.timex.tagger import TimexTagger
    from .core import Pipeline

__all__ = ["Resources", "default_resources"]

T = TypeVar("T")


class Resources:
    """Lazily loaded shared resources (see the module doc). Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._kept: dict[tuple[Any, ...], Any] = {}

    def _get(self, key: tuple[Any, ...], build: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._kept:
                self._kept[key] = build()
            value: T = self._kept[key]
            return value

    def loaded(self) -> list[str]:
        """What has been loaded so far (kinds of resources, one per setting)."""
        with self._lock:
            return [k[0] for k in self._kept]

    # -- the resources ---------------------------------------------------------------------------
    def nlp(self, model: Optional[str] = None, fast_ruler: Optional[bool] = None) -> Any:
        """The spaCy pipeline with tidings' components (see :func:`tidings.nlp.load_model`)."""
        from ..config import env_fast_ruler
        from ..nlp import load_model, resolve_model_name

        name = resolve_model_name(model)
        fast = env_fast_ruler() if fast_ruler is None else bool(fast_ruler)
        return self._get(("nlp", name, fast), lambda: load_model(name, fast_ruler=fast))

    def resolver(self, actor_files: tuple[str, ...] = ()) -> "Resolver":
        """The actor resolver over the built-in KB plus ``actor_files``."""
        from ..actors.loading import build_kb
        from ..actors.resolver import Resolver

        files = tuple(str(f) for f in actor_files)
        return self._get(("resolver", files), lambda: Resolver(build_kb(files)))

    def coder(self, lexicon_files: tuple[str, ...] = (), statements: bool = False) -> "Coder":
        """The event coder over the shipped lexicon plus ``lexicon_files``."""
        from ..events.codebook import load_codebook
        from ..events.coder import Coder
        from ..events.lexicon import load_lexicon

        files = tuple(str(f) for f in lexicon_files)
        return self._get(("coder", files, bool(statements)),
                         lambda: Coder(load_lexicon(files), load_codebook(), statements=bool(statements)))

    def tagger(self, lexicon_files: tuple[str, ...] = ()) -> "TimexTagger":
        """The time tagger over the shipped time lexicon plus ``lexicon_files``."""
        from ..grounding.timex.lexicon import load_lexicon
        from ..grounding.timex.tagger import TimexTagger

        files = tuple(str(f) for f in lexicon_files)
        return self._get(("tagger", files), lambda: TimexTagger(load_lexicon(files)))

    def gazetteer(self, files: tuple[str, ...] = ()) -> "Gazetteer":
        """The gazetteer over the shipped tables plus ``files``."""
        from ..grounding.gazetteer import Gazetteer

        key = tuple(files)
        return self._get(("gazetteer", key), lambda: Gazetteer(key))

    def amount_finder(self, lexicon_files: tuple[str, ...] = ()) -> "AmountFinder":
        """The amount finder over the shipped amount lexicon plus ``lexicon_files``."""
        from ..grounding.amounts import AmountFinder, load_amount_lexicon

        files = tuple(str(f) for f in lexicon_files)
        return self._get(("amounts", files), lambda: AmountFinder(load_amount_lexicon(files)))

    def pipeline(self, config: Optional[Config] = None) -> "Pipeline":
        """The pipeline for ``config`` over these resources, built once per (whole) config."""
        from .core import Pipeline

        cfg = config or Config()
        return self._get(("pipeline", cfg), lambda: Pipeline(cfg, resources=self))


_DEFAULT: Optional[Resources] = None
_DEFAULT_LOCK = threading.Lock()


def default_resources() -> Resources:
    """The process's shared :class:`Resources`."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Resources()
        return _DEFAULT
