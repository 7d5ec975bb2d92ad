"""What every importer produces, and the title and metadata rules they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateutil import parser as dateparser

from workbench.errors import ImportRefused
from workbench.importers.limits import MAX_BLOCKS
from workbench.text.blocks import BlockRange, BlockSpec, assemble, clean_inline, sha256_text

TITLE_LIMIT = 200
_HEADER_FIELD = re.compile(
    r"^(source|outlet|publisher|author|by|published|updated|posted|date|url|link)\s*:\s*(\S.*)$",
    re.I)
_STAMP = re.compile(r"^(published|updated|posted)\s+(?:on\s+)?(\S.*)$", re.I)
_NAMES = r"[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|and|&))*"
# "By Jane Smith", "By Jane Smith and Ali Demir, Harbour Wire", "By Jane Smith | 14 March 2026"
_BYLINE = re.compile(rf"^[Bb]y\s+({_NAMES})(?:\s*[,|\u00b7\u2013\u2014-]\s*(\S.*))?$")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
TITLE_LINE_MAX = 120  # a longer first line is a paragraph: its first words make the title
_URL = re.compile(r"^https?://\S+$")
_FIELD_KEYS = {"source": "source", "outlet": "source", "publisher": "source",
               "author": "author", "by": "author", "published": "published",
               "updated": "published", "posted": "published",
               "date": "published", "url": "url", "link": "url"}


@dataclass(frozen=True)
class Article:
    """A file turned into normalised text, its block structure and its metadata."""

    title: str
    text: str
    blocks: list[BlockRange]
    format: str
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """The fingerprint that recognises the same text imported twice."""
        return sha256_text(self.text)


def iso_date(value: str) -> str:
    """``value`` as an ISO date when it clearly is one, else as given."""
    value = value.strip()
    try:
        return dateparser.parse(value, fuzzy=False).date().isoformat()
    except (ValueError, OverflowError):
        return value


_NOTE_MARKER = re.compile(r"\[[EC]?\d+\]")


def build_article(specs: list[BlockSpec], fmt: str, meta: dict[str, str],
                  fallback_title: str) -> Article:
    """Assemble blocks into an article, taking the title from metadata or text."""
    if len(specs) > MAX_BLOCKS:  # each costs a few hundred bytes all the way to the file
        raise ImportRefused(f"it has {len(specs):,} paragraphs or lines; Workbench reads "
                            f"articles of up to {MAX_BLOCKS:,}. Split it into smaller files.")
    text, blocks = assemble(specs)
    title = meta.get("title", "").strip()
    if not title and blocks:
        heading = next((b for b in blocks if b.kind == "heading"), blocks[0])
        title = title_from(text[heading.start:heading.end])
    title = clean_inline(title or fallback_title)[:TITLE_LIMIT] or fallback_title
    clean = {k: clean_inline(v) for k, v in meta.items() if v and v.strip() and k != "title"}
    return Article(title=title, text=text, blocks=blocks, format=fmt, meta=clean)


def kind_of_style(name: str) -> str:
    """The block kind a word processor's paragraph style name stands for."""
    lowered = name.casefold()
    if lowered.startswith(("heading", "title", "subtitle")):
        return "heading"
    if lowered.startswith("list"):
        return "list_item"
    if "quote" in lowered:
        return "quote"
    return "paragraph"


def body_title(specs: list[BlockSpec], fallback: str) -> str:
    """A title from a file's own body (not the notes it ends with): its first heading,
    else its first line, else ``fallback``."""
    first = next((s for s in specs if s.kind == "heading" and s.text.strip()),
                 next((s for s in specs if s.text.strip()), None))
    return (title_from(first.text) if first else "") or fallback


def title_from(text: str) -> str:
    """A title from a block: its first line, or the first words of a long paragraph
    (less a list's bullet and the markers of notes, "[1]", "[C0]")."""
    line = _NOTE_MARKER.sub("", text.split("\n")[0]).strip().removeprefix("\u2022").strip()
    if len(line) <= TITLE_LINE_MAX:
        return line
    sentence = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
    if len(sentence) <= TITLE_LINE_MAX:
        return sentence
    return line[:TITLE_LINE_MAX].rsplit(" ", 1)[0] + "…"


def date_line(line: str) -> str:
    """The ISO date a line consists of ("14 March 2026", "Friday, March 14, 2026 10:32
    GMT", "2026-03-14"), or '' when it is anything more than a date."""
    line = line.strip()
    if len(line) > 48 or not _YEAR.search(line) or not (
            _MONTH.search(line) or _ISO_DAY.match(line)):
        return ""
    try:
        found = dateparser.parse(line, fuzzy=False)
    except (ValueError, OverflowError):
        return ""
    return found.date().isoformat()


def is_metadata_line(line: str) -> bool:
    """A 'Source: ...', 'By ...', date or lone-URL line: metadata, never a heading."""
    line = line.strip()
    return bool(_HEADER_FIELD.match(line) or _BYLINE.match(line) or _URL.match(line)
                or _STAMP.match(line) or date_line(line))


def metadata_from_lines(lines: list[str]) -> dict[str, str]:
    """Clear metadata at the top of an article: 'Source:', 'By ...', a lone URL.

    Only the first few lines are read: a URL or a date inside the body is a
    reference, not the article's own.  The lines stay in the text.
    """
    meta: dict[str, str] = {}
    for line in lines[:8]:
        line = line.strip()
        if found := _HEADER_FIELD.match(line):
            key = _FIELD_KEYS[found.group(1).lower()]
            value = found.group(2).strip()
            meta.setdefault(key, iso_date(value) if key == "published" else value)
        elif found := _BYLINE.match(line):
            meta.setdefault("author", found.group(1))
            rest = (found.group(2) or "").strip()
            if rest and date_line(rest):
                meta.setdefault("published", date_line(rest))
            elif rest:
                meta.setdefault("source", rest)
        elif (found := _STAMP.match(line)) and date_line(found.group(2)):
            meta.setdefault("published", date_line(found.group(2)))
        elif date_line(line):
            meta.setdefault("published", date_line(line))
        elif _URL.match(line):
            meta.setdefault("url", line)
    return meta
