"""The article → document pipeline: batching and per-article error isolation.

``prepare`` (input checks, HTML, dateline, language) → spaCy (``nlp.pipe``) →
stages in order, each filling layers of the :class:`~tidings.model.Document`
through a typed :class:`~tidings.pipeline.context.Context`. A stage that fails adds an error
item to that article's record and the others still run; an article that fails never
stops the run.

Stages are registered by name in :data:`~tidings.pipeline.stage.STAGES` and checked for their
order (:func:`~tidings.pipeline.stage.check_order`) when a pipeline is built; their shared
resources come from one :class:`~tidings.pipeline.resources.Resources`.
"""
from __future__ import annotations

import contextlib
from typing import Any, Callable, ContextManager, Iterable, Iterator, Optional, Union

from ..config import DEFAULT_MAX_CHARS, DEFAULT_ORDER, Config, env_gc_freeze, env_malloc_trim
from ..ingest.dateline import find_dateline
from ..nlp.text import parse_date
from ..ingest.readers import InputProblem
from ..model import ArticleInput, Document, Place, span_of
from .context import Context
from .resources import Resources, default_resources
from .stage import STAGES, Stage, build_stage, check_order, stage_class

__all__ = ["Pipeline", "get_pipeline", "parse_date", "DEFAULT_ORDER", "DEFAULT_MAX_CHARS", "STAGES"]


class Pipeline:
    """Turns articles into document records. Build once; the spaCy model loads once per process."""

    def __init__(self, config: Optional[Config] = None, resources: Optional[Resources] = None,
                 **overrides: Any) -> None:
        cfg = config or Config()
        if overrides:
            cfg = cfg.replace(**overrides)
        self.config: Config = cfg
        self.resources: Resources = resources or default_resources()
        order = list(cfg.stages or DEFAULT_ORDER)
        classes = [stage_class(n) for n in order]
        check_order(order, classes)
        self.nlp = self.resources.nlp(cfg.model, fast_ruler=cfg.fast_ruler)
        self.stages: list[tuple[str, Stage]] = [(n, build_stage(c, cfg, self.resources))
                                                for n, c in zip(order, classes)]
        self._cascade = None
        if cfg.cascade:
            from ..nlp.cascade import Cascade

            self._cascade = Cascade(self.nlp, cfg)
        _freeze_gc(cfg)

    # -- preparing --------------------------------------------------------------------------
    def prepare(self, item: Union[ArticleInput, InputProblem, dict]) -> tuple[Optional[Document], Optional[InputProblem], bool]:
        """Check one input. Returns (record, problem, parse): ``parse`` says whether the record
        goes on to NLP or is emitted as it is (with its errors); a problem without an id has
        no record."""
        if isinstance(item, dict):
            from ..ingest.readers import parse_record

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
            from ..ingest.html import HtmlError, extract_html

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
            from ..nlp.language import check_english

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
                for r, d in zip(todo, self.parse(todo)):
                    if d is not None:
                        self.annotate(r, d)
            _release_native_memory()
        yield from records

    def parse(self, todo: list[Document]) -> list[Any]:
        """One spaCy Doc per record (None where spaCy failed); with ``cascade`` only the
        sentences that need it get the full parse (see tidings.nlp.cascade)."""
        docs = []
        for r in todo:
            d = self.nlp.make_doc(r.text)
            d.user_data["dateline"] = find_dateline(r.text)
            docs.append(d)
        if self._cascade is not None:
            cascade = self._cascade
            run: Callable[[list[Any]], list[Any]] = lambda ds: cascade.pipe(ds, batch_size=self.config.batch_size)  # noqa: E731
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

    def annotate(self, rec: Document, doc: Any, explain: bool = False) -> Context:
        """Run every stage over a parsed article (a spaCy Doc over ``rec.text``); returns the
        stages' context. With ``explain`` the event coder keeps its traces (``ctx.event_traces``)."""
        ctx = Context(record=rec, doc=doc, config=self.config, date=parse_date(rec.date),
                      dateline=doc.user_data.get("dateline"), explain=explain)
        if ctx.dateline:
            dl = ctx.dateline
            rec.dateline = Place(**span_of(rec.text, dl.place_start, dl.place_end).model_dump(), kind="dateline")
        for name, stage in self.stages:
            try:
                stage(ctx)
            except Exception as exc:
                rec.add_error(name, f"{exc.__class__.__name__}: {exc}")
        return ctx

    def analyse(self, article: Union[ArticleInput, dict, str], explain: bool = False,
                **fields: Any) -> tuple[Document, Context]:
        """One article through the whole pipeline, keeping what the stages handed on: (record,
        context). Raises ValueError when the article is not parsed (empty, too long, not English)."""
        if isinstance(article, str):
            article = {"id": fields.pop("id", "doc"), "text": article, **fields}
        rec, problem, parse = self.prepare(article)
        if rec is None or not parse:
            errors = rec.errors if rec is not None else []
            raise ValueError("; ".join(e.message for e in errors) or (problem.message if problem else "not parsed"))
        doc = self.parse([rec])[0]
        if doc is None:
            raise ValueError("; ".join(e.message for e in rec.errors) or "spaCy failed")
        return rec, self.annotate(rec, doc, explain=explain)

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
    usual. ``Config(gc_freeze=False)`` or ``TIDINGS_GC_FREEZE=0`` turns it off."""
    import gc

    if config.gc_freeze if config.gc_freeze is not None else env_gc_freeze():
        gc.freeze()


def _slices(docs: list[Any], max_chars: int) -> Iterator[list[Any]]:
    """Consecutive runs of ``docs`` of at most ``max_chars`` characters (a longer doc alone)."""
    if max_chars <= 0:
        yield docs
        return
    part: list[Any] = []
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


def _memory_zone(nlp: Any, config: Config) -> ContextManager[Any]:
    """spaCy's memory zone (3.8+) unless ``Config(memory_zone=False)``."""
    if config.memory_zone and hasattr(nlp, "memory_zone"):
        zone: ContextManager[Any] = nlp.memory_zone()
        return zone
    return contextlib.nullcontext()


def _load_malloc_trim() -> Optional[Callable[[int], int]]:
    """glibc's malloc_trim, which hands freed native memory (spaCy/thinc arrays) back to the
    system after each batch; None elsewhere or when TIDINGS_MALLOC_TRIM=0."""
    import ctypes
    import ctypes.util

    if not env_malloc_trim():
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
        return trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _load_malloc_trim()


def _release_native_memory() -> None:
    if _malloc_trim is not None:
        _malloc_trim(0)


def get_pipeline(config: Optional[Config] = None) -> Pipeline:
    """The process-wide pipeline for a config: built once per whole config (every setting counts),
    over the process's shared resources (the model loads once)."""
    return default_resources().pipeline(config)
