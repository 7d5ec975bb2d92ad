"""HTML: the article extracted by trafilatura; navigation, scripts and styles dropped.

Nothing is ever fetched: the page is parsed from the bytes we were given, and
images, frames and other remote resources are ignored.
"""

from __future__ import annotations

from typing import Any

import trafilatura

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article, iso_date
from workbench.text import BlockSpec

_KINDS = {"head": "heading", "p": "paragraph", "item": "list_item", "quote": "quote",
          "row": "table_row", "code": "paragraph"}
_CONTAINERS = {"list", "table", "div", "main", "body", "doc", "quote"}


def _element_text(element: Any) -> str:
    return "".join(element.itertext())


def _walk(element: Any, specs: list[BlockSpec]) -> None:
    """Blocks in document order from trafilatura's XML body."""
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


def parse_html(source: str, fallback_title: str) -> Article:
    """Extract the article of an HTML page with its title, author, date and URL."""
    result = trafilatura.bare_extraction(
        source, output_format="python", with_metadata=True, include_tables=True,
        include_comments=False, include_images=False, favor_recall=True,
    )
    if result is None or isinstance(result, dict) or result.body is None:
        raise ImportRefused("no article text found in this HTML page.")
    specs: list[BlockSpec] = []
    _walk(result.body, specs)
    meta = {
        "title": result.title or "",
        "author": result.author or "",
        "published": iso_date(result.date) if result.date else "",
        "url": result.url or "",
        "source": result.sitename or "",
        "language": result.language or "",
    }
    return build_article(specs, "html", meta, fallback_title)
