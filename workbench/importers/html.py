"""HTML: the article extracted by trafilatura; navigation, scripts and styles dropped.

Before extraction, what a reader never sees is taken out (hidden elements) and so
are page widgets around the article (share buttons, video-player controls,
"more news" lists).  In the extracted text, a line break separates words, source
line wraps inside a paragraph become spaces, text standing right after a heading
is kept, and the title is the article's headline rather than the page's title
with the site's name.

Nothing is ever fetched: the page is parsed from the bytes we were given, and
images, frames and other remote resources are ignored.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article, iso_date
from workbench.text import BlockSpec

_KINDS = {"head": "heading", "p": "paragraph", "item": "list_item", "quote": "quote",
          "row": "table_row", "code": "paragraph"}
_CONTAINERS = {"list", "table", "div", "main", "body", "doc", "quote"}


_WIDGET = re.compile(r"(^|[-_\s])(share|sharing|social|video-?player|player-controls|"
                     r"newsletter|subscribe|related|more-?news|recommended|promo|advert|"
                     r"cookie|paywall)([-_\s]|$)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_UNSEEN_TAGS = ("button", "form", "template", "dialog", "noscript", "select")
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7:-]\s+")


def _element_text(element: Any) -> str:
    """An element's text, a line break between words, whitespace runs as one space."""
    parts: list[str] = [element.text or ""]
    for child in element:
        parts.append(" " if child.tag == "lb" else _element_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _walk(element: Any, specs: list[BlockSpec]) -> None:
    """Blocks in document order from trafilatura's XML body (loose text kept too)."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "row":
            cells = [_element_text(cell).strip() for cell in child.iter("cell")]
            specs.append(BlockSpec("table_row", " | ".join(c for c in cells if c)))
        elif tag == "quote" and len(child):
            _walk(child, specs)
        elif tag in _KINDS:
            specs.append(BlockSpec(_KINDS[tag], _element_text(child)))
        elif tag in _CONTAINERS or len(child):
            _walk(child, specs)
        if child.tail and child.tail.strip():  # text standing after a heading, say
            specs.append(BlockSpec("paragraph", " ".join(child.tail.split())))


def without_unseen(source: str) -> str:
    """The page less what a reader never sees and the widgets around the article."""
    try:
        root = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return source
    doomed = [e for e in root.iter() if isinstance(e.tag, str) and (
        e.tag in _UNSEEN_TAGS or e.get("hidden") is not None
        or e.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(e.get("style") or "")
        or _WIDGET.search(f"{e.get('class') or ''} {e.get('id') or ''}"))]
    for element in doomed:
        if element.getparent() is not None and element.tag not in ("html", "body"):
            element.drop_tree()
    return str(lxml.html.tostring(root, encoding="unicode"))


def headline(title: str, sitename: str, specs: list[BlockSpec]) -> str:
    """The article's headline: its first heading when the page title holds it with the
    site's name, else the page title less a trailing or leading site name."""
    first = next((s.text for s in specs[:3] if s.kind == "heading"), "")
    if first and first.casefold() in title.casefold():
        return first
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and sitename:
        kept = [p for p in parts if p.strip().casefold() != sitename.strip().casefold()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept)
    return title or first


def parse_html(source: str, fallback_title: str) -> Article:
    """Extract the article of an HTML page with its title, author, date and URL."""
    result = trafilatura.bare_extraction(
        without_unseen(source), output_format="python", deduplicate=False,
        with_metadata=True, include_tables=True, include_comments=False, include_images=False,
        favor_recall=True,
    )
    if result is None or isinstance(result, dict) or result.body is None:
        raise ImportRefused("no article text found in this HTML page.")
    specs: list[BlockSpec] = []
    _walk(result.body, specs)
    meta = {
        "title": headline(result.title or "", result.sitename or "", specs),
        "author": result.author or "",
        "published": iso_date(result.date) if result.date else "",
        "url": result.url or "",
        "source": result.sitename or "",
        "language": result.language or "",
    }
    return build_article(specs, "html", meta, fallback_title)
