"""The article → document pipeline.

``prepare`` (input checks, HTML, dateline, language) → spaCy (``nlp.pipe``) →
stages in order, each filling layers of the :class:`~tidings.model.Document`
through a shared :class:`Context`. A stage that fails adds an error item to
that article's record and the others still run; an article that fails never
stops the run.

Stages are registered by name in :data:`STAGES` (``"module:attribute"``
strings, imported lazily) and built with the run's :class:`Config`.
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol, Union

from .ingest.dateline import Dateline, find_dateline
from .ingest.readers import InputProblem
from .model import ArticleInput, Document, Place, span_of

#: stage name → "module:factory"; the factory takes a Config and returns a Stage
STAGES: dict[str, str] = {
    "entities": "tidings.nlp.entities:EntityStage",
    "actors": "tidings.actors.stage:ActorStage",
    "times": "tidings.grounding.times:TimesStage",
    "places": "tidings.grounding.places:PlaceStage",
    "amounts": "tidings.grounding.amounts:AmountsStage",
    "quotes": "tidings.grounding.quotes:QuoteStage",
    "events": "tidings.events:EventStage",
    "link": "tidings.events.link:LinkStage",
}
#: the order stages run in (names missing from STAGES are skipped)
DEFAULT_ORDER = ["entities", "actors", "times", "places", "amounts", "quotes", "events", "link"]

DEFAULT_MAX_CHARS = 1_000_000


@dataclass
class Config:
    """Settings of one run; every field has a CLI option of the same name."""

    model: Optional[str] = None
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
    stages: Optional[list[str]] = None  # None: DEFAULT_ORDER
    lexicon_files: list[str] = field(default_factory=list)  # user trigger patterns
    actor_files: list[str] = field(default_factory=list)    # user actor KB files
    cascade: bool = False             # skip the full parse on sentences with no trigger (scale issue)
    #: the model's attribute_ruler replaced by the vectorised, equivalent tidings.nlp.fast_ruler
    #: (None: on unless TIDINGS_FAST_RULER=0)
    fast_ruler: Optional[bool] = None
    options: dict[str, Any] = field(default_factory=dict)   # stage-specific extras


class Stage(Protocol):
    name: str

    def __call__(self, ctx: "Context") -> None: ...


@dataclass
class Context:
    """What the stages of one article share."""

    record: Document
    doc: Any                          # spacy.tokens.Doc over record.text
    config: Config
    date: Optional[dt.date] = None    # publication date, if known
    dateline: Optional[Dateline] = None
    #: resolved actor mentions, filled by the actors stage (see tidings.actors)
    mentions: list = field(default_factory=list)
    #: free slots for stages to hand data to later ones (e.g. "timex_tokens")
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.record.text


def parse_date(value: Optional[str]) -> Optional[dt.date]:
    """The calendar date of an ISO 8601 date or datetime string (None when absent or unparseable)."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.match(r"\s*(\d{4})(\d{2})(\d{2})\b", value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def _load_stage(name: str, config: Config) -> Stage:
    module_name, _, attr = STAGES[name].partition(":")
    factory = getattr(importlib.import_module(module_name), attr)
    return factory(config)


class Pipeline:
    """Turns articles into document records. Build once; the spaCy model loads once per process."""

    def __init__(self, config: Optional[Config] = None, **overrides: Any) -> None:
        from . import nlp as nlp_mod

        self.config = config or Config()
        for key, value in overrides.items():
            if not hasattr(self.config, key):
                raise TypeError(f"unknown pipeline option {key!r}")
            setattr(self.config, key, value)
        self.nlp = nlp_mod.load(self.config.model, fast_ruler=self.config.fast_ruler)
        order = self.config.stages or DEFAULT_ORDER
        unknown = [n for n in order if n not in DEFAULT_ORDER and n not in STAGES]
        if unknown:
            raise ValueError(f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(STAGES)}")
        self.stages: list[tuple[str, Stage]] = [(n, _load_stage(n, self.config)) for n in order if n in STAGES]
        self._cascade = None
        if self.config.cascade:
            from .cascade import Cascade

            self._cascade = Cascade(self.nlp, self.config)
        _freeze_gc(self.config)

    # -- preparing --------------------------------------------------------------------------
    def prepare(self, item: Union[ArticleInput, InputProblem, dict]) -> tuple[Optional[Document], Optional[InputProblem], bool]:
        """Check one input. Returns (record, problem, parse): ``parse`` says whether the record
        goes on to NLP or is emitted as it is (with its errors); a problem without an id has
        no record."""
        if isinstance(item, dict):
            from .ingest.readers import parse_record

            item = next(iter(parse_record(item, where=str(item.get("id", "<record>")))))
        if isinstance(item, InputProblem):
            if item.id is None:
                return None, item, False
            rec = Document(id=item.id, text="")
            rec.add_error(item.stage, f"{item.message} ({item.where})")
            return rec, item, False
        art = item
        rec = Document(id=art.id, title=art.title, date=art.date, source=art.source, url=art.url, text=art.text or "")
        for w in art.warnings:
            rec.add_error("ingest", w)
        if not art.text and art.html:
            from .ingest.html import HtmlError, extract_html

            try:
                ex = extract_html(art.html, url=art.url)
            except HtmlError as exc:
                rec.add_error("ingest", str(exc))
                return rec, None, False
            rec.text = ex.text
            rec.title = rec.title or ex.title
            rec.date = rec.date or ex.date
            rec.url = rec.url or ex.url
            rec.source = rec.source or ex.source
        if not rec.text.strip():
            rec.add_error("ingest", "article text is empty")
            return rec, None, False
        if len(rec.text) > self.config.max_chars:
            n = len(rec.text)
            rec.text = ""
            rec.add_error("ingest", f"article too long: {n:,} characters > limit {self.config.max_chars:,} "
                                    "(raise it with --max-chars); not processed")
            return rec, None, False
        if rec.date and parse_date(rec.date) is None:
            rec.add_error("ingest", f"unparseable date {rec.date!r}: relative dates stay unresolved")
        if self.config.check_language:
            from .nlp.language import check_english

            problem = check_english(rec.text)
            if problem:
                rec.add_error("language", problem)
                rec.language = None
                return rec, None, False
        rec.language = "en"
        return rec, None, True

    # -- running ----------------------------------------------------------------------------
    def process(
        self,
        items: Iterable[Union[ArticleInput, InputProblem, dict]],
        on_problem: Optional[Callable[[InputProblem], None]] = None,
    ) -> Iterator[Document]:
        """Yield one record per article, in input order. Problems without an id go to ``on_problem``."""
        batch: list[tuple[Document, bool]] = []
        chars = 0
        for item in items:
            rec, problem, parse = self.prepare(item)
            if problem is not None and on_problem is not None:
                on_problem(problem)
            if rec is None:
                continue
            batch.append((rec, parse))
            chars += len(rec.text) if parse else 0
            # a batch ends at batch_size articles or batch_chars characters, so a run of very
            # long articles cannot make a large memory peak
            if len(batch) >= self.config.batch_size or chars >= self.config.batch_chars:
                yield from self._run_batch(batch)
                batch = []
                chars = 0
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[tuple[Document, bool]]) -> Iterator[Document]:
        records = [r for r, _ in batch]
        todo = [r for r, parse in batch if parse]
        if todo:
            # strings spaCy adds while parsing this batch are freed after it: memory stays flat
            with _memory_zone(self.nlp, self.config):
                for r, d in zip(todo, self._parse(todo)):
                    if d is not None:
                        self._annotate(r, d)
            _release_native_memory()
        yield from records

    def _parse(self, todo: list[Document]) -> list:
        """One spaCy Doc per record (None where spaCy failed); with ``cascade`` only the
        sentences that need it get the full parse (see tidings.cascade)."""
        docs = []
        for r in todo:
            d = self.nlp.make_doc(r.text)
            d.user_data["dateline"] = find_dateline(r.text)
            docs.append(d)
        if self._cascade is not None:
            run = lambda ds: self._cascade.pipe(ds, batch_size=self.config.batch_size)  # noqa: E731
        else:
            run = lambda ds: list(self.nlp.pipe(ds, batch_size=self.config.batch_size))  # noqa: E731
        try:
            out = []
            for part in _slices(docs, self.config.parse_chars):
                out.extend(run(part))
            return out
        except Exception:
            # one article broke the batch: parse one by one so only that one fails
            out = []
            for r, d in zip(todo, docs):
                try:
                    out.append(run([d])[0])
                except Exception as exc:
                    r.add_error("nlp", f"spaCy failed: {exc.__class__.__name__}: {exc}")
                    out.append(None)
            return out

    def _annotate(self, rec: Document, doc: Any, shared: Optional[dict] = None) -> Context:
        """Run every stage over a parsed article; returns the stages' shared context."""
        ctx = Context(record=rec, doc=doc, config=self.config, date=parse_date(rec.date),
                      dateline=doc.user_data.get("dateline"), shared=dict(shared or {}))
        if ctx.dateline:
            dl = ctx.dateline
            rec.dateline = Place(**span_of(rec.text, dl.place_start, dl.place_end).model_dump(), kind="dateline")
        for name, stage in self.stages:
            try:
                stage(ctx)
            except Exception as exc:
                rec.add_error(name, f"{exc.__class__.__name__}: {exc}")
        return ctx

    def __call__(self, article: Union[ArticleInput, dict, str], **fields: Any) -> Document:
        """Process one article (a dict, an ArticleInput, or plain text with keyword fields)."""
        if isinstance(article, str):
            article = {"id": fields.pop("id", "doc"), "text": article, **fields}
        return next(iter(self.process([article])))


def _freeze_gc(config: Config) -> None:
    """Move every object alive now (the model, actor KB, lexicons, gazetteer: ~600,000 objects)
    out of the reach of Python's cyclic garbage collector (``gc.freeze``), which otherwise scans
    them again and again while articles are processed (≈ 2 % of a run). They are never garbage:
    the pipeline keeps them for the life of the process. Objects made later are collected as
    usual. ``Config(options={"gc_freeze": False})`` or ``TIDINGS_GC_FREEZE=0`` turns it off."""
    import gc
    import os

    if config.options.get("gc_freeze", True) and os.environ.get("TIDINGS_GC_FREEZE", "1") != "0":
        gc.freeze()


def _slices(docs: list, max_chars: int) -> Iterator[list]:
    """Consecutive runs of ``docs`` of at most ``max_chars`` characters (a longer doc alone)."""
    if max_chars <= 0:
        yield docs
        return
    part: list = []
    chars = 0
    for d in docs:
        n = len(d.text)
        if part and chars + n > max_chars:
            yield part
            part, chars = [], 0
        part.append(d)
        chars += n
    if part:
        yield part


def _memory_zone(nlp: Any, config: Config):
    """spaCy's memory zone (3.8+) unless ``options['memory_zone']`` is False."""
    import contextlib

    if config.options.get("memory_zone", True) and hasattr(nlp, "memory_zone"):
        return nlp.memory_zone()
    return contextlib.nullcontext()


def _load_malloc_trim():
    """glibc's malloc_trim, which hands freed native memory (spaCy/thinc arrays) back to the
    system after each batch; None elsewhere or when TIDINGS_MALLOC_TRIM=0."""
    import ctypes
    import ctypes.util
    import os

    if os.environ.get("TIDINGS_MALLOC_TRIM", "1") == "0":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _load_malloc_trim()


def _release_native_memory() -> None:
    if _malloc_trim is not None:
        _malloc_trim(0)


_default: dict[tuple, Pipeline] = {}


def get_pipeline(config: Optional[Config] = None) -> Pipeline:
    """A process-wide pipeline for a config (built once; the model loads once)."""
    cfg = config or Config()
    key = (cfg.model, tuple(cfg.stages or ()), tuple(cfg.lexicon_files), tuple(cfg.actor_files),
           cfg.statements, cfg.cascade, cfg.max_chars, cfg.check_language, cfg.batch_size, cfg.fast_ruler,
           cfg.options.get("events"))
    if key not in _default:
        _default[key] = Pipeline(cfg)
    return _default[key]
