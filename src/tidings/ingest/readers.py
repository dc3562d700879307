"""Readers: JSONL, .txt, .html/.htm, directories (recursive) and ``-`` (JSONL on stdin).

Readers never raise for bad content: they yield :class:`ArticleInput` for good
items and :class:`InputProblem` for bad ones, so a run always continues. A
problem whose article id is known becomes a document record carrying the error;
one without an id (a malformed JSONL line) is reported with where it was found.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from ..model import ArticleInput

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass
class InputProblem:
    """An input item that could not be read as an article."""

    where: str
    message: str
    id: Optional[str] = None
    stage: str = "ingest"


Item = Union[ArticleInput, InputProblem]


def read_inputs(paths: Iterable[Union[str, os.PathLike]], stdin: Optional[IO[str]] = None) -> Iterator[Item]:
    """Yield articles (or problems) from every path in order; ``-`` reads JSONL from stdin."""
    for raw in paths:
        path = str(raw)
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from read_jsonl_stream(stream, where="<stdin>")
            continue
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
            if not files:
                yield InputProblem(where=path, message="directory holds no .txt, .html, .htm or .jsonl files")
            for f in files:
                yield from read_file(f)
        elif p.exists():
            yield from read_file(p)
        else:
            yield InputProblem(where=path, message="no such file or directory")


def read_file(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            with open(path, "r", encoding="utf-8", errors="surrogateescape") as fh:
                yield from read_jsonl_stream(fh, where=str(path))
        except OSError as exc:
            yield InputProblem(where=str(path), message=f"cannot read file: {exc}")
        return
    article_id = path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(where=str(path), id=article_id, message=f"cannot read file: {exc}")
        return
    text, problem = decode_bytes(data, str(path))
    if text is None:
        yield InputProblem(where=str(path), id=article_id, message=problem or "unreadable")
        return
    body = {"html": text} if suffix in HTML_SUFFIXES else {"text": text}
    # decoded with a fallback: still processed, the warning travels to the record as an error item
    yield ArticleInput(id=article_id, warnings=[problem] if problem else [], **body)


def looks_binary(data: bytes) -> bool:
    if not data:
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample) > 0.10


def decode_bytes(data: bytes, where: str) -> tuple[Optional[str], Optional[str]]:
    """Decode file bytes. Returns (text, problem): text None means the item is unusable."""
    if not data.strip():
        return None, "empty file"
    if looks_binary(data):
        return None, "binary file (NUL or control bytes): not a text or HTML article"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        try:
            text = data.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            enc = "latin-1"
        return text, f"invalid UTF-8 (byte 0x{bad} at offset {exc.start}); decoded as {enc}"


def read_jsonl_stream(stream: IO[str], where: str) -> Iterator[Item]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        loc = f"{where}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where=loc, message=f"malformed JSON line: {exc.msg} at column {exc.colno}")
            continue
        except UnicodeDecodeError:
            yield InputProblem(where=loc, message="line is not valid UTF-8")
            continue
        yield from parse_record(obj, loc)


def parse_record(obj: object, where: str) -> Iterator[Item]:
    if not isinstance(obj, dict):
        yield InputProblem(where=where, message=f"expected a JSON object, got {type(obj).__name__}")
        return
    raw_id = obj.get("id")
    article_id = None if raw_id is None or raw_id == "" else str(raw_id)
    if article_id is None:
        yield InputProblem(where=where, message="record has no 'id'")
        return
    text, html = obj.get("text"), obj.get("html")
    if (text is None or text == "") and not html:
        yield InputProblem(where=where, id=article_id, message="record has no 'text' (nor 'html')")
        return
    if text is not None and not isinstance(text, str):
        yield InputProblem(where=where, id=article_id, message=f"'text' must be a string, got {type(text).__name__}")
        return
    fields = {k: obj.get(k) for k in ("title", "date", "source", "url")}
    for k, v in list(fields.items()):
        if v is not None and not isinstance(v, str):
            fields[k] = str(v)
    try:
        yield ArticleInput(id=article_id, text=text, html=html if isinstance(html, str) else None, **fields)
    except Exception as exc:  # pydantic validation
        yield InputProblem(where=where, id=article_id, message=f"invalid record: {exc}")
