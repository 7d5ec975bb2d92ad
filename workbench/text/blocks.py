"""Plain-text normalisation shared by every importer, and the text's fingerprint.

The normal form is: NFC, ``\\n`` line ends, no trailing spaces, one blank line
(``\\n\\n``) between blocks.  All offsets are Python string indices (code points).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

BLOCK_SEPARATOR = "\n\n"
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Control characters, and the byte-order mark (U+FEFF) that pages carry mid-text, where
# it is an invisible character that would split a word for search and quotes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
# Half a surrogate pair (a decoder such as UTF-7's can leave one) is no character at all:
# it cannot be stored or written as UTF-8, so it is shown as the replacement character.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class BlockSpec:
    """One structural block of an article before it gets offsets: kind and text."""

    kind: str
    text: str


@dataclass(frozen=True)
class BlockRange:
    """One block as a range over the document text."""

    index: int
    kind: str
    start: int
    end: int


def normalize_newlines(text: str) -> str:
    """Turn CRLF and CR line ends into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_inline(text: str) -> str:
    """NFC, control characters and byte-order marks dropped, runs of spaces folded, ends
    stripped."""
    text = unicodedata.normalize("NFC", _LONE_SURROGATE.sub("\ufffd", text))
    text = _CONTROL.sub("", text.replace("\t", " "))
    return _SPACES.sub(" ", text).strip()


def assemble(blocks: Iterable[BlockSpec]) -> tuple[str, list[BlockRange]]:
    """Join block texts with one blank line between them and record their ranges.

    Empty blocks are skipped; a block's own line breaks are kept (with trailing
    spaces removed), so a poem or an address survives.
    """
    parts: list[str] = []
    ranges: list[BlockRange] = []
    offset = 0
    for spec in blocks:
        lines = [clean_inline(line) for line in normalize_newlines(spec.text).split("\n")]
        body = "\n".join(line for line in lines if line)
        if not body:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        ranges.append(BlockRange(len(ranges), spec.kind, offset, offset + len(body)))
        parts.append(body)
        offset += len(body)
    return BLOCK_SEPARATOR.join(parts), ranges


def sha256_text(text: str) -> str:
    """The fingerprint of a normalised text (hex SHA-256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
