"""Markdown: headings, paragraphs, list items and block quotes, markup stripped."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from workbench.importers.article import Article, build_article, metadata_from_lines
from workbench.text.blocks import BlockSpec


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" " if child.type == "softbreak" else "\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _front_matter(source: str) -> tuple[dict[str, str], str]:
    """Simple 'key: value' front matter between '---' lines, if present."""
    if not source.startswith("---\n"):
        return {}, source
    end = source.find("\n---", 4)
    if end == -1:
        return {}, source
    meta = {}
    for line in source[4:end].splitlines():
        key, _, value = line.partition(":")
        if value.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, source[end + 4:].lstrip("\n")


_CHUNK = 64 * 1024
_MAX_PIECE_LINES = 4096
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")


def _chunks(body: str) -> Iterator[str]:
    """The body in pieces of about 64 KB, cut at blank lines outside fenced code.

    Parsed one piece at a time, markdown-it's tokens never pile up for the whole
    file (1.8 KB a paragraph: 176 MB for 100,000 short ones).  Reference link
    definitions are given to every piece, so links resolve wherever they are.
    A piece with no blank line for 256 KB or 4,096 lines is cut at a line end.
    """
    lines = body.split("\n")
    references = "\n".join(line for line in lines if _REFERENCE.match(line))
    piece: list[str] = []
    size, fence = 0, ""
    too_long = 4 * _CHUNK
    for line in lines:
        found = _FENCE.match(line)
        if found and (not fence or found.group(1)[0] == fence[0]):
            fence = "" if fence else found.group(1)
        piece.append(line)
        size += len(line) + 1
        if not fence and ((size >= _CHUNK and not line.strip()) or size >= too_long
                          or len(piece) >= _MAX_PIECE_LINES):
            yield "\n".join(piece) + "\n\n" + references
            piece, size = [], 0
    if piece:
        yield "\n".join(piece) + "\n\n" + references


def _specs(tokens: list[Token]) -> Iterator[BlockSpec]:
    context: list[str] = []
    row: list[str] = []
    for token in tokens:
        if token.type == "tr_close":
            yield BlockSpec("table_row", " | ".join(row))
            row = []
        if token.type.endswith("_open") and token.type != "paragraph_open":
            context.append(token.type)
        elif token.type.endswith("_close") and token.type != "paragraph_close" and context:
            context.pop()
        elif token.type == "inline" and "tr_open" in context:
            row.append(_inline_text(token))
        elif token.type == "inline":
            yield BlockSpec(_block_kind(context), _inline_text(token))
        elif token.type in ("fence", "code_block"):
            yield BlockSpec("paragraph", token.content)


def parse_markdown(source: str, fallback_title: str) -> Article:
    """A Markdown article; front-matter title/author/date/url become metadata."""
    front, body = _front_matter(source)
    parser = MarkdownIt("commonmark").enable("table")
    specs: list[BlockSpec] = []
    for chunk in _chunks(body):
        specs.extend(_specs(parser.parse(chunk)))
    meta = metadata_from_lines([s.text for s in specs[:8]])
    meta.update({k: front[k] for k in ("title", "author", "source", "url") if k in front})
    if "date" in front:
        meta["published"] = front["date"]
    return build_article(specs, "markdown", meta, fallback_title)


def _block_kind(context: list[str]) -> str:
    if "heading_open" in context:
        return "heading"
    if "list_item_open" in context:
        return "list_item"
    if "blockquote_open" in context:
        return "quote"
    return "paragraph"
