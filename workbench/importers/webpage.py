"""A web page as its reader sees it: hidden parts and page widgets taken out, the
article's headline, and the lead paragraphs standing above the article's body.

Taken out before extraction: what is never shown (hidden elements, scripts'
templates, forms and buttons), widgets around the article (share buttons, video
controls, comment threads and the notice above them that points to the site's
rules, newsletter boxes, "more news" and other lists or paragraphs that are
nothing but links or addresses, sidebars outside the article).  An element that
holds the article itself (its headline, or most of the page's paragraph text)
is always kept, whatever its class says.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import lxml.html
from lxml import etree

_WIDGET = re.compile(r"(^|[-_\s])(share|sharing|social|video-?player|player-controls|"
                     r"newsletter|subscribe|related|more-?news|recommended|promo|advert|"
                     r"cookie|comments?|comment-?list|disqus|recirc|recirculation|"
                     r"support-?pay|donate|sidebar)([-_\s]|$)", re.I)
LINK_LIST_ITEMS = 3  # a list of at least this many items, all links: "related stories"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_UNSEEN_TAGS = ("button", "form", "template", "dialog", "noscript", "select")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\u2013\u2014\u00b7\u00bb:-]|--)\s+")


def _paragraph_chars(element: Any) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


def _holds_article(element: Any, page_chars: int) -> bool:
    """Whether an element holds the article itself: its headline, or most of the page's
    paragraph text (a page may wrap its whole story in a box named "advert-content")."""
    return next(element.iter("h1"), None) is not None or \
        _paragraph_chars(element) * 2 > page_chars


def _link_list(element: Any) -> bool:
    """A list whose every item is a link (related stories, a site's sections)."""
    if element.tag not in ("ul", "ol"):
        return False
    items = [li for li in element if isinstance(li.tag, str) and li.tag == "li"]
    if len(items) < LINK_LIST_ITEMS:
        return False
    text = "".join(element.text_content().split())
    linked = sum(len("".join(a.text_content().split())) for a in element.iter("a"))
    return bool(text) and linked >= 0.9 * len(text)


_FOLLOW_LINE = re.compile(r"^(?:\S+\s+){0,3}(?:https?://\S+|@\w[\w.]*)$")
_BREAK = re.compile(r"<br\b[^>]*>", re.I)
LABEL_CHARS = 40  # "Related stories", "Follow us at:"
SHORT_LINK_CHARS = 80  # a menu entry or a "read more" link, not a linked sentence
NOTICE_CHARS = 600  # a notice is a few sentences; an article that links to them is longer


def _linked_share(element: Any) -> float:
    text = len("".join(element.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in element.iter("a"))
    return linked / text if text else 0.0


def text_sizes(root: Any) -> dict[Any, int]:
    """Each element's length of text (its descendants' and its own, whitespace
    included), counted in one pass from the leaves up: asking each box for its text
    would read a deeply nested page its depth times over."""
    sizes: dict[Any, int] = {}
    for element in reversed(list(root.iter())):
        own = len(element.text or "") if isinstance(element.tag, str) else 0
        sizes[element] = own + sum(sizes.get(child, 0) + len(child.tail or "")
                                   for child in element)
    return sizes


def _short_text(element: Any, limit: int, sizes: dict[Any, int]) -> str | None:
    """The element's text, whitespace collapsed, if it is at most ``limit`` characters
    (None otherwise, told at once for a large element by its size)."""
    if sizes.get(element, 0) > 4 * limit + 200:  # room for whitespace a collapse removes
        return None
    text = " ".join(element.text_content().split())
    return text if len(text) <= limit else None


def _link_lines(element: Any, sizes: dict[Any, int]) -> bool:
    """A paragraph of lines that are each a link or an address ("Related stories"
    and two headlines, "Follow us": a site's address on each network), under at most
    a short label."""
    if element.tag not in ("p", "div") or element.find("br") is None or \
            _short_text(element, NOTICE_CHARS, sizes) is None:
        return False
    inner = (element.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in element)
    lines = [lxml.html.fragment_fromstring(piece, create_parent="div")
             for piece in _BREAK.split(inner) if piece.strip()]
    texts = [" ".join(line.text_content().split()) for line in lines]
    kept = [(line, text) for line, text in zip(lines, texts, strict=True) if text]
    if kept and len(kept[0][1]) <= LABEL_CHARS and not _listed(*kept[0]):
        kept = kept[1:]  # the label
    return len(kept) >= 2 and all(_listed(line, text) for line, text in kept)


def link_texts(root: Any) -> set[str]:
    """The texts of the page's short elements that are nothing but a link (a menu's
    entries, "Back to the front page"), whitespace collapsed."""
    found = set()
    sizes = text_sizes(root)
    for element in root.iter("p", "li", "div", "span", "a"):
        text = _short_text(element, SHORT_LINK_CHARS, sizes)
        if text and (element.tag == "a" or _linked_share(element) >= 0.9):
            found.add(text)
    return found


def _listed(line: Any, text: str) -> bool:
    return _linked_share(line) >= 0.9 or bool(_FOLLOW_LINE.match(text))


_HOUSE_RULES = re.compile(  # the last step of a path on the site itself: "/privacy.html"
    r"^(?![a-z][a-z0-9+.-]*:)[^?#]*/(privacy|privacy[-_]policy|terms|terms[-_]of[-_](use|service)"
    r"|terms[-_]and[-_]conditions|community[-_]guidelines|guidelines|cookies?|cookie[-_]policy"
    r"|legal|disclaimer)(\.[a-z]+)?/?([?#].*)?$", re.I)


def _house_notice(element: Any, sizes: dict[Any, int]) -> bool:
    """A short paragraph or box that points to the site's own rules (privacy, terms,
    community guidelines): the notice above a comment form, a cookie banner."""
    if element.tag not in ("p", "div") or _short_text(element, NOTICE_CHARS, sizes) is None:
        return False
    return any(_HOUSE_RULES.match(a.get("href") or "") for a in element.iter("a"))


def _sidebar(element: Any) -> bool:
    """An ``aside`` outside the article (a box inside the article is part of it)."""
    return element.tag == "aside" and not any(
        a.tag in ("article", "main") for a in element.iterancestors())


def page_tree(source: str) -> Any | None:
    """The page parsed (None when it cannot be: it is then extracted as it stands)."""
    try:
        return lxml.html.document_fromstring(source)
    except ValueError:  # an XML declaration with an encoding: parse the bytes instead
        parser = lxml.html.HTMLParser(encoding="utf-8")
        try:
            return lxml.html.document_fromstring(source.encode("utf-8"), parser=parser)
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None


def drop_unseen(root: Any) -> None:
    """Take out of the page what a reader never sees and the widgets around the article."""
    page_chars = _paragraph_chars(root)
    sizes = text_sizes(root)
    doomed = [e for e in root.iter() if isinstance(e.tag, str) and (
        e.tag in _UNSEEN_TAGS or e.get("hidden") is not None
        or e.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(e.get("style") or "")
        or ((_WIDGET.search(f"{e.get('class') or ''} {e.get('id') or ''}")
             or _link_list(e) or _link_lines(e, sizes) or _house_notice(e, sizes)
             or _sidebar(e))
            and not _holds_article(e, page_chars)))]
    for element in doomed:
        if element.getparent() is not None and element.tag not in ("html", "body"):
            element.drop_tree()
    for box in list(root.iter("aside")):  # a box inside the article (a fact box) is
        box.tag = "div"  # part of it: the extractor would drop every aside


def headings(root: Any) -> list[str]:
    """The page's top-level headings (``h1``), those inside the article first."""
    found = [e for e in root.iter("h1")]
    inside = [e for e in found if any(a.tag in ("article", "main") for a in e.iterancestors())]
    ordered = inside + [e for e in found if e not in inside]
    return [" ".join(e.text_content().split()) for e in ordered]


def comparable(text: str) -> str:
    """Text for comparing titles: folded case, straight quotes, letters and digits."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return "".join(c for c in text if c.isalnum())


def headline(title: str, sitename: str, candidates: list[str]) -> str:
    """The article's headline: a heading of the page that its title holds (with the
    site's name, say), else the part of the title that a heading holds (a heading with
    a logo's text glued on), else the page title less a trailing or leading site name."""
    wanted = comparable(title)
    for heading in candidates:
        if len(comparable(heading)) >= 6 and comparable(heading) in wanted:
            return heading
    parts = _TITLE_SEPARATORS.split(title)
    for part in sorted(parts, key=len, reverse=True):  # a heading with a logo glued on
        if len(comparable(part)) >= 12 and any(comparable(part) in comparable(h)
                                                for h in candidates):
            return part.strip()
    site = comparable(sitename)
    if len(parts) > 1 and site:
        kept = [p for p in parts if not comparable(p).startswith(site)]
        if kept and len(kept) < len(parts):
            return " - ".join(kept)
    return title or next(iter(candidates), "")


KICKER_WORDS = 6  # "Analysis:", "Alito and Prelogar:", not a sentence


def with_kicker(found: str, page_title: str, sitename: str) -> str:
    """The headline with the kicker the page's own title puts before it ("Analysis:",
    "Alito and Prelogar: The nonstop sparring match…"), when it does; a site's name or
    tagline before a colon is not a kicker."""
    title, found = " ".join(page_title.split()), " ".join(found.split())
    at = title.find(found) if found else -1
    kicker = title[:at].strip() if at > 0 else ""
    if not kicker.endswith(":") or len(kicker.split()) > KICKER_WORDS or \
            _TITLE_SEPARATORS.search(kicker) or comparable(kicker) in comparable(sitename):
        return found
    return f"{kicker} {found}"


LEAD_CHARS = 60  # a lead (standfirst) is a sentence or more, not a byline or a date
LEAD_MOST = 3  # paragraphs between the headline and the body


def lead_paragraphs(root: Any, first_paragraph: str) -> list[str]:
    """The paragraphs standing between the headline and the article's body.

    The extractor takes a box it recognises as the article's body ("article__body")
    and leaves out the lead or standfirst above it, often the article's key sentence:
    the text of such paragraphs (or text-only boxes) after the page's first ``h1`` and
    before ``first_paragraph`` is given back, in order."""
    top = next(root.iter("h1"), None)
    marker = " ".join(first_paragraph.split())[:40]
    if top is None or not marker:
        return []
    found: list[str] = []
    inside_top = set(top.iter())
    for element in _after(root, top):
        if element in inside_top or not isinstance(element.tag, str) or \
                (element.tag != "p" and len(element)):
            continue  # only paragraphs and boxes of bare text are read
        text = " ".join(element.text_content().split())
        if marker in text:
            return found
        if element.tag in ("p", "div") and len(text) >= LEAD_CHARS:
            found.append(text)
            if len(found) > LEAD_MOST:
                return []  # a page of its own, not a lead: the body was not found
    return []  # the body's first paragraph never came: nothing is sure


def _after(root: Any, element: Any) -> Any:
    """Every element after ``element`` in document order (its own content excluded)."""
    passed = False
    for candidate in root.iter():
        if candidate is element:
            passed = True
            continue
        if passed:
            yield candidate
