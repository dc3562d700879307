"""The settings of one run: a frozen, hashable :class:`Config` with typed per-stage settings.

>>> from tidings.config import Config, PlaceSettings
>>> cfg = Config(stages=("entities", "actors", "places"), places=PlaceSettings(city_min_pop=50_000))
>>> hash(cfg) == hash(Config(stages=["entities", "actors", "places"], places={"city_min_pop": 50_000}))
True

Every field is a setting a run can change; two configs are equal exactly when every setting is,
so a pipeline built for one config is never handed out for another
(:func:`tidings.pipeline.get_pipeline` keys on the whole config). Lists are kept as tuples and
per-stage settings may be given as dicts (as a config read back from JSON has them); an unknown
setting is an error that names the known ones.

Environment variables are read here and nowhere else:

=======================  ================================================================
``TIDINGS_MODEL``        spaCy model used when ``Config.model`` is None (default: the best
                         English model installed)
``TIDINGS_FAST_RULER``   ``0``: the model's own attribute ruler/lemmatizer when
                         ``Config.fast_ruler`` is None (default: the vectorised ones)
``TIDINGS_GC_FREEZE``    ``0``: no ``gc.freeze`` after a pipeline is built (default: freeze)
``TIDINGS_MALLOC_TRIM``  ``0``: no ``malloc_trim`` after each batch (default: trim)
``TIDINGS_SHARE_MODEL``  ``0``: with ``--jobs N``, every worker loads its own model instead of
                         sharing one built in a forkserver (default: share)
``TIDINGS_CACHE_DIR``    where built tables (actor KB, gazetteer, lexicons) are cached; empty or
                         ``off``: no cache (default: ``$XDG_CACHE_HOME/tidings`` or
                         ``~/.cache/tidings``; see :mod:`tidings.cache`)
``RAY_ADDRESS``          the Ray cluster ``--engine ray`` joins (default: a local one)
``TIDINGS_EVENT_THREADS`` threads of the learned event classifier's ONNX session (default 1)
=======================  ================================================================
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping, Optional, Union

__all__ = ["Config", "QuoteSettings", "PlaceSettings", "TimeSettings", "AmountSettings", "DEFAULT_ORDER",
           "DEFAULT_MAX_CHARS", "env_model", "env_fast_ruler", "env_gc_freeze", "env_malloc_trim",
           "env_share_model", "env_ray_address"]

#: the order stages run in
DEFAULT_ORDER: tuple[str, ...] = ("entities", "actors", "times", "places", "amounts", "quotes", "events", "link",
                                  "tone")
DEFAULT_MAX_CHARS = 1_000_000

FileList = Union[str, Path, tuple, list, None]


def _files(value: FileList) -> tuple[str, ...]:
    """A tuple of path strings from a path, a list of paths or None."""
    if value is None:
        return ()
    if isinstance(value, (str, Path)):
        return (str(value),)
    return tuple(str(v) for v in value)


def _flag(name: str, default: bool = True) -> bool:
    return os.environ.get(name, "1" if default else "0") != "0"


# ---- environment (the only place tidings reads it) ---------------------------------------------
def env_model() -> Optional[str]:
    """``TIDINGS_MODEL``: the spaCy model used when a config names none."""
    return os.environ.get("TIDINGS_MODEL") or None


def env_fast_ruler() -> bool:
    """``TIDINGS_FAST_RULER`` (default on): the vectorised attribute ruler and lemmatizer."""
    return _flag("TIDINGS_FAST_RULER")


def env_gc_freeze() -> bool:
    """``TIDINGS_GC_FREEZE`` (default on): ``gc.freeze`` once a pipeline is built."""
    return _flag("TIDINGS_GC_FREEZE")


def env_malloc_trim() -> bool:
    """``TIDINGS_MALLOC_TRIM`` (default on): hand freed native memory back after each batch."""
    return _flag("TIDINGS_MALLOC_TRIM")


def env_share_model() -> bool:
    """``TIDINGS_SHARE_MODEL`` (default on): ``--jobs N`` workers share one forkserver pipeline."""
    return _flag("TIDINGS_SHARE_MODEL")


def env_cache_dir() -> tuple[Optional[str], Optional[str]]:
    """``TIDINGS_CACHE_DIR`` (where :mod:`tidings.cache` keeps built tables; empty or ``off``: no
    cache) and ``XDG_CACHE_HOME`` (its default is ``$XDG_CACHE_HOME/tidings``, else
    ``~/.cache/tidings``), as set (None when unset)."""
    return os.environ.get("TIDINGS_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME")


def env_event_threads() -> int:
    """``TIDINGS_EVENT_THREADS`` (default 1): threads of the event classifier's ONNX session."""
    try:
        return max(1, int(os.environ.get("TIDINGS_EVENT_THREADS", "1")))
    except ValueError:
        return 1


def env_ray_address() -> Optional[str]:
    """``RAY_ADDRESS``: the Ray cluster to join (None: start a local one)."""
    return os.environ.get("RAY_ADDRESS") or None


# ---- per-stage settings ------------------------------------------------------------------------
@dataclass(frozen=True)
class QuoteSettings:
    """The quotes stage."""

    #: extra cue lexicon files (TSV with the columns of ``quotes/data/quotes_cues.tsv``)
    cue_files: tuple[str, ...] = ()
    #: the cue rows learned from PolNeAR train (``quotes/data/quotes_cues_learned.tsv``, rule
    #: ``quote.cue.learned``; tools/learn_quote_cues.py). Off: 5-fold CV on train +0.0001 F1 with the
    #: adder (which already proposes around these lemmas), polnear-dev -0.0016 (docs/quote_rules.md)
    learned_cues: bool = False
    #: verbs outside the cue list that take a clause with its own subject ("X hinted the deal was off")
    generic_cues: bool = False
    #: a noun object carries content for every cue ("cited criticism of the plan", "said the same")
    all_objects: bool = True
    trim_participles: bool = True
    extend_right: bool = True
    #: a cue verb in a purpose clause or after a preposition speaks for the main clause's subject
    control: bool = True
    #: stances carried by adjectives and nouns ("critical of", "allegations of")
    stances: bool = True
    #: rules left out: those right less than half the time on PolNeAR train with 20 or more
    #: predictions (docs/quote_rules.md); () runs every rule of tidings.quotes.rules.RULES
    off_rules: tuple[str, ...] = ("quote.cue.reduced_passive",
                                  "quote.stance.impersonal", "quote.noun.received", "quote.sourceless.looks",
                                  "quote.cue.response", "quote.cue.clause_after_adverbial")
    #: the learned scorer's veto (tidings.quotes.scorer): quotes with a lower confidence are dropped;
    #: 0 keeps every quote (each still gets its confidence)
    min_confidence: float = 0.3
    #: the learned adder (tidings.quotes.adder): attributions the rules miss, proposed from the
    #: parse and kept at or above ``adder_threshold`` (None: the threshold chosen by cross-validation
    #: on PolNeAR train, shipped with its weights); False: the rules' quotes alone
    adder: bool = True
    adder_threshold: Optional[float] = None
    #: the learned quote tagger (tidings.quotes.tagger, rule ``model:quotes-tagger@2``): a fine-tuned
    #: MiniLM that reads the sentences where a kept quote under its veto level (0.5) starts; such a
    #: quote is dropped where it tags no content sharing half its characters, and its contents no
    #: kept quote covers are added at or above ``tagger_threshold`` (None: the threshold shipped with
    #: the model, chosen on held-out PolNeAR train articles). False, or no model files: the rules'
    #: quotes alone (docs/quote_rules.md, "Issue 16, part 4"). Off by default: with a quote scorer
    #: trained out of fold its gain on PolNeAR train folds is +0.003 F1 and polnear-dev loses 0.005
    #: (docs/quote_rules.md, part 6, "An honest check")
    tagger: bool = False
    tagger_threshold: Optional[float] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "cue_files", _files(self.cue_files))
        object.__setattr__(self, "off_rules", tuple(self.off_rules))


@dataclass(frozen=True)
class PlaceSettings:
    """The places stage."""

    #: extra gazetteer files with the columns of ``places_aliases.tsv``
    files: tuple[str, ...] = ()
    #: a city smaller than this is a place only where the context says so
    city_min_pop: int = 15000
    #: towns this large are places wherever they appear capitalised (unless tagged PERSON)
    city_known_pop: int = 100000
    #: how the readings of a name are ranked: ``"rules"`` (the hand-set score, one pass; the
    #: default) or ``"learned"`` (the weights of ``grounding/data/place_ranker.json``, or
    #: ``ranker_weights``, over all the features, in ``ranker_passes`` passes). The learned weights
    #: stay opt-in: trained on 287 TR-News toponyms they prefer a division to the city of the same
    #: name ("the mayor of New York" became the state, Odessa and Kharkiv their oblasts)
    ranker: str = "rules"
    #: learned ranking weights, one per feature of ``tidings.grounding.place_ranker.FEATURES``, instead
    #: of the shipped ``grounding/data/place_ranker.json`` (tools/train_place_ranker.py makes them)
    ranker_weights: Optional[tuple[float, ...]] = None
    #: resolution passes: the second weighs each name against the readings the first chose for the others
    ranker_passes: int = 2

    def __post_init__(self) -> None:
        object.__setattr__(self, "files", _files(self.files))
        if self.ranker_weights is not None:   # a tuple, so that a config stays hashable (the pipeline cache)
            object.__setattr__(self, "ranker_weights", tuple(float(w) for w in self.ranker_weights))


@dataclass(frozen=True)
class TimeSettings:
    """The times stage."""

    #: extra time-lexicon files (YAML) merged over the shipped one
    lexicon_files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "lexicon_files", _files(self.lexicon_files))


@dataclass(frozen=True)
class AmountSettings:
    """The amounts stage."""

    #: extra amount-lexicon files (YAML) merged over the shipped one
    lexicon_files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "lexicon_files", _files(self.lexicon_files))


_SETTINGS: dict[str, type] = {"quotes": QuoteSettings, "places": PlaceSettings, "times": TimeSettings,
                              "amounts": AmountSettings}


@dataclass(frozen=True)
class Config:
    """Settings of one run; the run-level fields have CLI options of the same name."""

    model: Optional[str] = None       # None: TIDINGS_MODEL, else the best English model installed
    batch_size: int = 32
    batch_chars: int = 400_000        # a batch also ends once it holds this many characters
    #: spaCy parses a batch in slices of at most this many characters (an article longer than
    #: that alone): its working memory grows with the tokens parsed together (≈ 15 kB/token), so
    #: this bounds the memory peak; results do not depend on it (with or without the cascade)
    parse_chars: int = 30_000
    #: with --jobs N, a worker process is replaced by a fresh one after about this many articles
    #: (0: never), so native memory cannot creep up over a long stream
    recycle: int = 1_000
    max_chars: int = DEFAULT_MAX_CHARS
    check_language: bool = True
    statements: bool = False          # also emit 01x statement events (events stage)
    #: event coder: "lexicon" (trigger patterns only), "model" (the learned classifier only) or
    #: "both" (lexicon + classifier; see tidings.events.combine)
    events: str = "both"
    stages: Optional[tuple[str, ...]] = None  # None: DEFAULT_ORDER
    lexicon_files: tuple[str, ...] = ()       # user event trigger patterns
    actor_files: tuple[str, ...] = ()         # user actor KB files
    cascade: bool = False             # skip the full parse on sentences with no trigger (scale issue)
    #: the cascade parses a batch sentence by sentence only if that saves at least this share of
    #: the tokens (None: tidings.nlp.cascade.MIN_SAVING)
    cascade_min_saving: Optional[float] = None
    #: the model's attribute_ruler replaced by the vectorised, equivalent tidings.nlp.fast_ruler
    #: (None: on unless TIDINGS_FAST_RULER=0)
    fast_ruler: Optional[bool] = None
    #: gc.freeze once the pipeline is built (None: on unless TIDINGS_GC_FREEZE=0)
    gc_freeze: Optional[bool] = None
    #: spaCy's memory zone around each batch (strings added while parsing are freed after it)
    memory_zone: bool = True
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    places: PlaceSettings = field(default_factory=PlaceSettings)
    times: TimeSettings = field(default_factory=TimeSettings)
    amounts: AmountSettings = field(default_factory=AmountSettings)

    def __post_init__(self) -> None:
        if self.stages is not None:
            object.__setattr__(self, "stages", tuple(self.stages))
        object.__setattr__(self, "lexicon_files", _files(self.lexicon_files))
        object.__setattr__(self, "actor_files", _files(self.actor_files))
        for name, kind in _SETTINGS.items():
            value = getattr(self, name)
            if isinstance(value, Mapping):
                object.__setattr__(self, name, _settings(kind, name, value))
            elif not isinstance(value, kind):
                raise TypeError(f"Config.{name} must be a {kind.__name__} (or a dict of its fields), "
                                f"not {type(value).__name__}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Config":
        """A config from a dict of settings (e.g. :meth:`to_dict` read back from JSON)."""
        config: Config = _checked(cls, "Config", data)
        return config

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain JSON-ready values (``Config.from_dict`` reads them back)."""
        return dataclasses.asdict(self)

    def replace(self, **changes: Any) -> "Config":
        """A copy with some settings changed (an unknown name is an error)."""
        _unknown(type(self), "Config", changes)
        return dataclasses.replace(self, **changes)


def _unknown(cls: type, what: str, data: Mapping[str, Any]) -> None:
    known = [f.name for f in fields(cls)]
    bad = [k for k in data if k not in known]
    if bad:
        hint = ""
        if "options" in bad and cls is Config:
            hint = (" (the options dict is gone: stage settings are typed, e.g. "
                    "Config(times=TimeSettings(lexicon_files=(...))) or Config(quotes={'generic_cues': True}))")
        raise TypeError(f"unknown {what} setting(s): {', '.join(map(repr, bad))}; known: {', '.join(known)}{hint}")


def _checked(cls: type, what: str, data: Mapping[str, Any]) -> Any:
    _unknown(cls, what, data)
    return cls(**data)


def _settings(kind: type, name: str, data: Mapping[str, Any]) -> Any:
    return _checked(kind, f"Config.{name}", data)


# keyword construction names the unknown setting and the known ones (the generated __init__
# would only say "unexpected keyword argument")
_generated_init = Config.__init__


def _init(self: Config, *args: Any, **kwargs: Any) -> None:
    _unknown(Config, "Config", kwargs)
    _generated_init(self, *args, **kwargs)


_init.__doc__ = _generated_init.__doc__
Config.__init__ = _init  # type: ignore[method-assign]
