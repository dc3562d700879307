"""Main-text extraction from HTML with trafilatura (boilerplate, menus and comments removed)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass
class Extracted:
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None


class HtmlError(ValueError):
    pass


def extract_html(html: str, url: Optional[str] = None) -> Extracted:
    """The article's main text and metadata. Raises :class:`HtmlError` when none is found."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise HtmlError(f"HTML input needs trafilatura and lxml_html_clean: {exc}") from exc
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False,
            favor_recall=True, with_metadata=True,
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise HtmlError(f"cannot parse HTML: {exc.__class__.__name__}: {exc}") from exc
    if doc is None:
        raise HtmlError("no main text found in the HTML")
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    text = get("text") or ""
    if not text.strip():
        raise HtmlError("no main text found in the HTML")
    return Extracted(text=text, title=get("title"), date=get("date"), url=get("url") or url,
                     source=get("sitename"))
