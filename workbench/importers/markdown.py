"""Markdown: headings, paragraphs, list items and block quotes, markup stripped."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from workbench.importers.article import Article, build_article, metadata_from_lines
from workbench.text import BlockSpec


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


def parse_markdown(source: str, fallback_title: str) -> Article:
    """A Markdown article; front-matter title/author/date/url become metadata."""
    front, body = _front_matter(source)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    specs: list[BlockSpec] = []
    context: list[str] = []
    row: list[str] = []
    for token in tokens:
        if token.type == "tr_close":
            specs.append(BlockSpec("table_row", " | ".join(row)))
            row = []
        if token.type.endswith("_open") and token.type != "paragraph_open":
            context.append(token.type)
        elif token.type.endswith("_close") and token.type != "paragraph_close" and context:
            context.pop()
        elif token.type == "inline" and "tr_open" in context:
            row.append(_inline_text(token))
        elif token.type == "inline":
            specs.append(BlockSpec(_block_kind(context), _inline_text(token)))
        elif token.type in ("fence", "code_block"):
            specs.append(BlockSpec("paragraph", token.content))
    meta = metadata_from_lines([s.text for s in specs])
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
