"""Plain text: paragraphs, headings by shape, hard-wrapped lines re-joined."""

from __future__ import annotations

import re

from workbench.importers.article import (
    Article,
    build_article,
    is_metadata_line,
    metadata_from_lines,
)
from workbench.text.blocks import BlockSpec, normalize_newlines

_WRAP_WIDTH = 100
_WRAPPED_LINE_MIN = 40
_HEADING_MAX = 120
_BULLET = re.compile(r"^\s*([-*•‣◦]|\d{1,3}[.)])\s+")
_ENDS_SENTENCE = re.compile("[.!?;:,\u2026\"\u201d\u2019)\\]]$")


def looks_like_heading(line: str) -> bool:
    """A short line that starts like a title and does not end like a sentence."""
    line = line.strip()
    return (
        0 < len(line) <= _HEADING_MAX
        and len(line.split()) <= 16
        and (line[0].isupper() or line[0].isdigit())
        and not _ENDS_SENTENCE.search(line)
        and not _BULLET.match(line)
        and "://" not in line
    )


def _groups(text: str) -> list[list[str]]:
    """Runs of non-empty lines, separated by blank lines."""
    groups: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            groups[-1].append(line.rstrip())
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _is_hard_wrapped(groups: list[list[str]]) -> bool:
    """Paragraphs broken into short lines (as e-mail and old text files do)."""
    multi = [g for g in groups if len(g) > 2]
    if not multi:
        return False
    return all(max(len(line) for line in g[:-1]) <= _WRAP_WIDTH for g in multi)


def _is_wrapped_paragraph(group: list[str]) -> bool:
    """Lines that were one paragraph: each but the last nearly fills the width."""
    return len(group) > 1 and all(len(line.strip()) >= _WRAPPED_LINE_MIN for line in group[:-1])


def _kind(line: str) -> str:
    if _BULLET.match(line):
        return "list_item"
    if is_metadata_line(line):
        return "paragraph"
    return "heading" if looks_like_heading(line) else "paragraph"


def split_blocks(text: str) -> list[BlockSpec]:
    """Blocks of a plain text: one per line, or per paragraph when hard-wrapped."""
    groups = _groups(normalize_newlines(text))
    if _is_hard_wrapped(groups):
        specs = []
        for group in groups:
            if _is_wrapped_paragraph(group) and not any(_BULLET.match(s) for s in group):
                specs.append(BlockSpec("paragraph", " ".join(s.strip() for s in group)))
            else:
                specs.extend(BlockSpec(_kind(line), line) for line in group)
        return specs
    return [BlockSpec(_kind(line), line) for group in groups for line in group]


def parse_plain_text(text: str, fallback_title: str, fmt: str = "text") -> Article:
    """A plain-text article: blocks, title from the first heading or line, header fields."""
    specs = split_blocks(text)
    meta = metadata_from_lines([s.text for s in specs])
    return build_article(specs, fmt, meta, fallback_title)
