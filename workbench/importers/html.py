"""HTML: the article extracted by trafilatura; navigation, scripts and styles dropped
(a page without an article it recognises: all its visible paragraphs).

Before extraction, the page is cleaned as :mod:`workbench.importers.webpage` says
(what a reader never sees, and the widgets around the article).  In the
extracted text, a line break separates words, source line wraps inside a
paragraph become spaces, text standing right after a heading is kept, and the
site's menu entries the extractor ran on into are taken off the end.  The title
is the article's headline rather than the page's title with the site's name;
the authors are people (not the publisher, not "Submitted"), and the outlet is
the site's name, else its address's host.

Nothing is ever fetched: the page is parsed from the bytes we were given, and
images, frames and other remote resources are ignored.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article, iso_date
from workbench.importers.limits import check_html_elements
from workbench.importers.webpage import (
    comparable,
    drop_unseen,
    headings,
    headline,
    lead_paragraphs,
    link_texts,
    page_tree,
    with_kicker,
)
from workbench.text.blocks import BlockSpec

_KINDS = {"head": "heading", "p": "paragraph", "item": "list_item", "quote": "quote",
          "row": "table_row", "code": "paragraph"}
_CONTAINERS = {"list", "table", "div", "main", "body", "doc", "quote"}


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


_NOT_NAMES = {"submitted", "posted", "published", "updated", "by", "admin", "administrator",
              "author", "unknown", "anonymous"}


def _authors(found: str, sitename: str, root: Any) -> str:
    """The page's authors, less what is not a person's byline: the site itself named
    among them ("…; CNN"), a byline's word taken for a name ("Submitted"), and the
    publisher that holds the copyright when people are named too ("Condé Nast; Tom
    Bennett": on a blog whose author holds the copyright, the author stays)."""
    site = sitename.strip().casefold()
    names = [n.strip() for n in found.split(";")]
    names = [n for n in names if n and n.casefold() not in _NOT_NAMES and n.casefold() != site]
    rights = " ".join(m.get("content") or "" for m in root.iter("meta")
                      if (m.get("name") or "").casefold() in ("copyright", "dc.rights")) \
        if root is not None else ""
    people = [n for n in names
              if not re.search(rf"(?<!\w){re.escape(n)}(?!\w)", rights, re.I)]
    return "; ".join(people or names)


def _outlet(sitename: str, title: str, url: str) -> str:
    """The site's name, unless what was found is the article's own title; else the
    address's host ("prachatai.com")."""
    if sitename and comparable(sitename) != comparable(title):
        return sitename
    if not url.startswith(("http://", "https://")):
        return ""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _with_lead(specs: list[BlockSpec], root: Any) -> list[BlockSpec]:
    """The extracted blocks with the lead the extractor left out put back before the
    body's first paragraph."""
    first = next((n for n, s in enumerate(specs) if s.kind == "paragraph"), None)
    if first is None:
        return specs
    known = {" ".join(s.text.split()) for s in specs}
    lead = [t for t in lead_paragraphs(root, specs[first].text) if t not in known]
    return specs[:first] + [BlockSpec("paragraph", t) for t in lead] + specs[first:]


def without_link_tail(specs: list[BlockSpec], root: Any) -> list[BlockSpec]:
    """The blocks less those at the end that are, on the page, nothing but links (the
    site's menus after a short or paywalled article)."""
    links = link_texts(root)
    end = len(specs)
    while end > 1 and " ".join(specs[end - 1].text.split()) in links:
        end -= 1
    return specs[:end]


def _extract(page: str, *, recall: bool) -> Any:
    """trafilatura's article of the page (None when it finds none)."""
    result = trafilatura.bare_extraction(
        page, output_format="python", deduplicate=False, favor_recall=recall,
        with_metadata=True, include_tables=True, include_comments=False, include_images=False,
    )
    if result is None or isinstance(result, dict) or result.body is None:
        return None
    return result


def _whole_page(page: str, root: Any, fallback_title: str) -> Article:
    """A page with no article the extractor recognises (a listing, a page of
    preformatted text): its visible paragraphs, all of them, rather than nothing."""
    _, text, _ = trafilatura.baseline(page)
    specs = [BlockSpec("paragraph", line) for line in text.split("\n") if line.strip()]
    if not specs:
        raise ImportRefused("no text found in this HTML page.")
    title = root.findtext(".//title") if root is not None else ""
    return build_article(specs, "html", {"title": headline(
        title or "", "", headings(root) if root is not None else [])}, fallback_title)


def parse_html(source: str, fallback_title: str) -> Article:
    """Extract the article of an HTML page with its title, author, date and URL.

    Every page is counted first, wherever it comes from (a file, an e-mail's body, a
    web archive): more elements or attributes than a page has are refused in words."""
    check_html_elements(source, "the page")
    root = page_tree(source)
    if root is not None:
        drop_unseen(root)
    page = source if root is None else str(lxml.html.tostring(root, encoding="unicode"))
    result = _extract(page, recall=False)  # precise; when that finds no article, wider
    if result is None:
        result = _extract(page, recall=True)
    if result is None:
        return _whole_page(page, root, fallback_title)
    specs: list[BlockSpec] = []
    _walk(result.body, specs)
    if root is not None:
        specs = without_link_tail(_with_lead(specs, root), root)
    meta = {
        "title": with_kicker(
            headline(result.title or "", result.sitename or "",
                     headings(root) if root is not None else
                     [s.text for s in specs[:3] if s.kind == "heading"]),
            (root.findtext(".//title") or "") if root is not None else "",
            result.sitename or ""),
        "author": _authors(result.author or "", result.sitename or "", root),
        "published": iso_date(result.date) if result.date else "",
        "url": result.url or "",
        "source": _outlet(result.sitename or "", result.title or "", result.url or ""),
        "language": result.language or "",
    }
    return build_article(specs, "html", meta, fallback_title)
