"""Bounds on what one file may cost to read: unpacked size, elements, lines, pages, work.

A small hostile file (a zip bomb, a PDF stream that inflates to a gigabyte, a
page of 300,000 unclosed paragraphs) must be refused quickly, not read until
the machine runs out of memory.  Every check here runs *before* the expensive
parser, on cheap facts about the file, and refuses with a sentence.
"""

from __future__ import annotations

import base64
import re
import struct
import time
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from workbench.errors import ImportRefused

# A .docx: how much its parts may unpack to, and how many there may be.
MAX_PACKAGE_UNPACKED = 256 * 1024 * 1024
MAX_PACKAGE_XML = 96 * 1024 * 1024
MAX_PACKAGE_PARTS = 10_000
# E-mail and web archives: the headers' size, and the number of parts.
MAX_MAIL_HEADER = 1024 * 1024
MAX_MIME_PARTS = 5_000  # a saved page with every picture has a few hundred
# A PDF: pages, and how much one stream or all of them may inflate to.
MAX_PDF_PAGES = 2_000
MAX_PDF_STREAM = 64 * 1024 * 1024
MAX_PDF_INFLATED = 512 * 1024 * 1024
MAX_MENDED_STREAM = 64 * 1024
# Text formats: lines (a 4 MB file of one-letter lines is not an article).
MAX_TEXT_LINES = 200_000
MAX_BLOCKS = 50_000  # paragraphs, lines or rows: a 1,000-page book has about 15,000
# HTML: elements (start tags) in the page.
MAX_HTML_ELEMENTS = 30_000  # a long news page has 2,000 to 10,000
MAX_HTML_ATTRIBUTES = 60_000  # and 3,000 to 20,000 attributes (class, href, data-*)
MAX_TAG_ATTRIBUTES = 1_000  # the parser's work grows with the square of one tag's
# Work, counted: the elements a word processor's body may hold, the characters of a PDF.
MAX_DOCUMENT_ELEMENTS = 500_000  # ten for each of the 50,000 blocks an article may have
MAX_PDF_CHARACTERS = 30_000_000  # a 2,000-page book has about 6,000,000
# The far backstop behind the counts, which a file the counts accept never reaches.
BACKSTOP_SECONDS = 60
BACKSTOP_EVERY = 1_000  # units of work between looks at the clock

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc
_START_TAG = re.compile(rb"<[A-Za-z]")
# A name and "=" after white space: an attribute in a tag (or, rarely, "a = b" in text,
# which only makes the count a little high).
_ATTRIBUTE = re.compile(rb"\s[A-Za-z_:][-\w:.]*\s*=")
_MIME_PART = re.compile(rb"(?im)^content-type\s*:")
_LONG_TAG = re.compile(rb"<[A-Za-z][^<>]{4000,}")  # only a long tag can hold many
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n(?=[ \t\r]*\S)")
_PDF_STREAM = re.compile(rb"(?<![A-Za-z])stream\r?\n")
_PDF_DICT_WINDOW = 4096
_PDF_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/<>\[\]]+)")
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]]+)")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


class WorkBudget:
    """The work one file may cost, counted in the parser's own steps (elements,
    characters), so that a busy machine gives the same answer as an idle one.

    A wall-clock backstop of :data:`BACKSTOP_SECONDS` stays, far beyond any file the
    counts let through, and says that it is what stopped the reading."""

    def __init__(self, name: str, limit: int, unit: str) -> None:
        self.name, self.limit, self.unit = name, limit, unit
        self.spent = 0
        self.start = time.monotonic()

    def spend(self, units: int = 1) -> None:
        """Count ``units`` of work; refuse the file past the budget."""
        before, self.spent = self.spent, self.spent + units
        if self.spent > self.limit:
            raise ImportRefused(
                f"{self.name} holds more than {self.limit:,} {self.unit}; Workbench reads "
                "files up to that size. Split it into smaller files.")
        if before // BACKSTOP_EVERY != self.spent // BACKSTOP_EVERY and \
                time.monotonic() - self.start > BACKSTOP_SECONDS:
            raise ImportRefused(
                f"{self.name} was still being read after {BACKSTOP_SECONDS} s, the safeguard "
                "against files built to exhaust the reader; it was not imported.")


def check_text_lines(text: str, name: str) -> None:
    """Refuse a text with more lines, or more paragraphs, than any article has."""
    lines = text.count("\n")
    if lines > MAX_TEXT_LINES:
        raise ImportRefused(
            f"{name} has {lines:,} lines; Workbench reads articles of up to "
            f"{MAX_TEXT_LINES:,} lines. Split it into smaller files.")
    paragraphs = len(_PARAGRAPH_BREAK.findall(text))
    if paragraphs > MAX_BLOCKS:
        raise ImportRefused(
            f"{name} has {paragraphs:,} paragraphs; Workbench reads articles of up to "
            f"{MAX_BLOCKS:,}. Split it into smaller files.")


def check_html_elements(source: str, name: str) -> None:
    """Refuse a page with more elements, or attributes, than the article extractor can
    read in bounded work (counted, not timed: a busy machine gives the same answer)."""
    data = source.encode("utf-8", "surrogatepass")
    crowded = max((len(_ATTRIBUTE.findall(tag)) for tag in _LONG_TAG.findall(data)), default=0)
    if crowded > MAX_TAG_ATTRIBUTES:
        raise ImportRefused(
            f"{name} has a tag with {crowded:,} attributes (pages have a few dozen at most: a "
            "crafted page?); it was not read.")
    for noun, pattern, limit in (("elements", _START_TAG, MAX_HTML_ELEMENTS),
                                 ("attributes", _ATTRIBUTE, MAX_HTML_ATTRIBUTES)):
        count = sum(1 for _ in pattern.finditer(data))
        if count > limit:
            raise ImportRefused(
                f"{name} has {count:,} HTML {noun}; Workbench reads pages of up to "
                f"{limit:,}. Save the article alone (e.g. as text) and import that.")


def check_mime_message(data: bytes, name: str) -> None:
    """Refuse an e-mail or web archive whose headers, or number of parts, are beyond
    any message's (the parser's work grows faster than their size)."""
    ends = [at for at in (data.find(b"\n\n"), data.find(b"\r\n\r\n")) if at >= 0]
    header = min(ends) if ends else len(data)
    if header > MAX_MAIL_HEADER:
        raise ImportRefused(
            f"{name} has {_megabytes(header)} of headers; messages have a few kilobytes "
            "(a crafted file?). It was not read.")
    parts = len(_MIME_PART.findall(data))
    if parts > MAX_MIME_PARTS:
        raise ImportRefused(
            f"{name} has {parts:,} parts (attachments, pictures); Workbench reads messages "
            f"of up to {MAX_MIME_PARTS:,}.")


def check_word_package(path: Path, what: str = "a Word file") -> None:
    """Refuse a .docx (or another office package, ``what``) that is encrypted, not a
    zip, or unpacks to far more than it holds."""
    with path.open("rb") as handle:
        head = handle.read(len(OLE_MAGIC))
    if head == OLE_MAGIC:
        raise ImportRefused(
            f"{path.name} is a password-protected Word file (or another old Office file); "
            "save it without a password as .docx first.")
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportRefused(f"{path.name} is damaged (truncated?) or not {what}.") from exc
    if len(parts) > MAX_PACKAGE_PARTS:
        raise ImportRefused(f"{path.name} holds {len(parts):,} parts; {what} of "
                            f"up to {MAX_PACKAGE_PARTS:,} can be read.")
    if any(part.flag_bits & 0x1 for part in parts):
        raise ImportRefused(f"{path.name} is encrypted; save it without a password first.")
    _refuse_doctype(path, parts)
    unpacked = xml = 0
    with path.open("rb") as handle:
        for part in parts:  # the sizes really inflated, not the ones the zip declares
            size = _inflated_part_size(handle, part, MAX_PACKAGE_UNPACKED - unpacked)
            if size > part.file_size:
                raise ImportRefused(
                    f"{path.name} declares a part of {part.file_size:,} bytes that unpacks "
                    f"to more (a zip bomb?); it was not read.")
            unpacked += size
            xml += size if part.filename.endswith((".xml", ".rels")) else 0
            if unpacked > MAX_PACKAGE_UNPACKED or xml > MAX_PACKAGE_XML:
                raise ImportRefused(
                    f"{path.name} unpacks to more than {_megabytes(min(unpacked, xml))}, far "
                    f"more than {what} holds (a zip bomb?); it was not read.")


def _inflated_part_size(handle: BinaryIO, part: zipfile.ZipInfo, limit: int) -> int:
    """How many bytes one part of a zip really inflates to (counting stops past
    ``limit``), read from its compressed bytes in bounded steps."""
    handle.seek(part.header_offset)
    local = handle.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise ImportRefused(f"its part {part.filename} is missing (the file is damaged or "
                            "truncated).")
    name_length, extra_length = struct.unpack("<HH", local[26:30])
    handle.seek(part.header_offset + 30 + name_length + extra_length)
    if part.compress_type != zipfile.ZIP_DEFLATED:
        return min(part.compress_size, part.file_size) \
            if part.compress_type == zipfile.ZIP_STORED else part.file_size
    inflater, size, left = zlib.decompressobj(-15), 0, part.compress_size
    try:
        while left > 0 and not inflater.eof and size <= limit:
            pending = handle.read(min(left, 256 * 1024))
            if not pending:
                break
            left -= len(pending)
            while pending and size <= limit and not inflater.eof:
                out = inflater.decompress(pending, 1024 * 1024)
                if not out and inflater.unconsumed_tail == pending:
                    break  # no step forward: the part is broken (the parser will say so)
                size += len(out)
                pending = inflater.unconsumed_tail
    except zlib.error:
        return min(size, part.file_size)  # a broken part is reported by the parser, in words
    return size


def _refuse_doctype(path: Path, parts: list[zipfile.ZipInfo]) -> None:
    """Word never writes a DTD: entity declarations in a package are an attack."""
    with zipfile.ZipFile(path) as package:
        for part in parts:
            if not part.filename.endswith((".xml", ".rels")):
                continue
            try:
                with package.open(part) as stream:
                    head = stream.read(4096)
            except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, EOFError):
                continue  # a broken part is reported by the parser, in words
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ImportRefused(
                    f"{path.name} declares XML entities, which office programs never write (a "
                    "crafted file?); it was not read.")


def check_pdf_streams(data: bytes, name: str) -> int:
    """Refuse a PDF whose compressed streams inflate beyond the limits; count broken ones.

    Each Flate stream that the text reader would decode (images are skipped: it
    never decodes them) is inflated here in bounded steps, so a bomb is caught
    after at most :data:`MAX_PDF_STREAM` bytes, not after the memory is gone.
    """
    total = broken = 0
    for match in _PDF_STREAM.finditer(data):
        start = match.end()
        header = data[max(0, match.start() - _PDF_DICT_WINDOW):match.start()]
        header = header[header.rfind(b"obj") + 1:] if b"obj" in header else header
        filters = _filters(header)
        if "FlateDecode" not in filters or b"/Image" in header:
            continue
        end = data.find(b"endstream", start)
        raw = _ascii_decoded(data[start:end if end != -1 else len(data)],
                             filters[:filters.index("FlateDecode")])
        size = _inflated_size(raw, name) if raw is not None else -1
        broken += size < 0
        total += abs(size)
        if total > MAX_PDF_INFLATED:
            raise ImportRefused(
                f"{name} inflates to more than {_megabytes(MAX_PDF_INFLATED)} (a PDF bomb?); "
                "it was not read.")
    return broken


def _filters(header: bytes) -> list[str]:
    """The stream's filter names, in the order they are undone."""
    found = _PDF_FILTER.search(header)
    return [name.decode("latin-1") for name in _PDF_NAME.findall(found.group(1))] \
        if found else []


def _ascii_decoded(raw: bytes, filters: list[str]) -> bytes | None:
    """Undo the text encodings in front of the compression; None if they are broken."""
    try:
        for name in filters:
            if name in ("ASCII85Decode", "A85"):
                body = raw.strip()
                body = body[2:] if body.startswith(b"<~") else body
                raw = base64.a85decode(body.split(b"~>")[0], adobe=False,
                                       ignorechars=b" \t\n\r\x0b\x0c")
            elif name in ("ASCIIHexDecode", "AHx"):
                raw = bytes.fromhex(raw.split(b">")[0].decode("latin-1"))
            else:
                return None  # a filter the reader would refuse anyway
    except ValueError:
        return None
    return raw


def _inflated_size(raw: bytes, name: str) -> int:
    """How much one stream inflates to; negative (what it gave) when it is broken."""
    inflater = zlib.decompressobj()
    size, pending = 0, raw
    try:
        while pending and not inflater.eof:  # (past its end a stream gives nothing more)
            size += len(inflater.decompress(pending, 1024 * 1024))
            pending = inflater.unconsumed_tail
            if size > MAX_PDF_STREAM:
                raise ImportRefused(
                    f"{name} holds a stream that inflates to more than "
                    f"{_megabytes(MAX_PDF_STREAM)} (a PDF bomb?); it was not read.")
    except zlib.error:
        # The reader mends a broken stream one byte at a time, in time that grows with
        # the square of its size: fine for a small one, hours for a large one.
        if size <= MAX_MENDED_STREAM:
            return -size or -1
        raise ImportRefused(f"{name} is damaged: one of its compressed parts is broken.") \
            from None
    return size
