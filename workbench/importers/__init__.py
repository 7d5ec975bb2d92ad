"""Importers: each turns one file into an :class:`Article` (text, blocks, metadata).

:func:`read_article` picks the importer by the file's extension, after the
checks every file gets: it exists, it is not empty, it is not over the size
limit.  Every refusal is an :class:`~workbench.errors.ImportRefused` with one
sentence for the user.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

from workbench.errors import ImportRefused
from workbench.file.held_files import is_held
from workbench.importers.article import Article
from workbench.importers.decoding import decode_bytes
from workbench.importers.failures import refusal
from workbench.importers.limits import check_text_lines
from workbench.importers.plaintext import parse_plain_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Parsers by extension, as (module, function): the heavy libraries behind them
# (trafilatura, pdfminer, python-docx) load on first use, not at start-up.
_TEXT_PARSERS = {
    ".txt": ("plaintext", "parse_plain_text"), ".text": ("plaintext", "parse_plain_text"),
    ".md": ("markdown", "parse_markdown"), ".markdown": ("markdown", "parse_markdown"),
    ".html": ("html", "parse_html"), ".htm": ("html", "parse_html"),
    ".xhtml": ("html", "parse_html"),
}
_FILE_PARSERS = {".docx": ("word.wordfile", "parse_docx"), ".pdf": ("pdf.pdffile", "parse_pdf"),
                 ".eml": ("mailfile", "parse_eml"), ".odt": ("odtfile", "parse_odt"),
                 ".mht": ("mailfile", "parse_mhtml"), ".mhtml": ("mailfile", "parse_mhtml"),
                 ".doc": ("word.docfile", "parse_doc")}
SUPPORTED_SUFFIXES = frozenset(_TEXT_PARSERS) | frozenset(_FILE_PARSERS)


def _parser(spec: tuple[str, str]) -> Callable[..., Any]:
    module, function = spec
    parser: Callable[..., Any] = getattr(import_module(f"workbench.importers.{module}"),
                                         function)
    return parser


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def read_article(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read and normalise one article file, or refuse it with a clear message."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportRefused(
            f"{path.name}: unsupported file type (Workbench reads "
            f"{', '.join(sorted(SUPPORTED_SUFFIXES))}).")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"Cannot read {path}: {exc.strerror}.") from exc
    if is_held(path):  # reading it here would cost the open project its locks
        raise ImportRefused(f"{path.name} is an open Workbench project, not an article.")
    if size == 0:
        raise ImportRefused(f"{path.name} is empty.")
    if size > max_bytes:
        raise ImportRefused(
            f"{path.name} is too large ({_size_text(size)}; the limit is "
            f"{_size_text(max_bytes)}).")
    try:
        article = _parse(path, suffix)
    except ImportRefused as exc:
        if path.name in str(exc):
            raise
        raise ImportRefused(f"{path.name}: {exc}") from exc
    except Exception as exc:  # any parser failure on the user's file becomes a sentence
        raise refusal(path.name, exc) from exc
    if not article.text.strip():
        raise ImportRefused(f"{path.name} has no text to import.")
    return article


def _parse(path: Path, suffix: str) -> Article:
    if suffix in _FILE_PARSERS:
        article: Article = _parser(_FILE_PARSERS[suffix])(path, path.stem)
        return article
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"Cannot read {path}: {exc.strerror}.") from exc
    text = decode_bytes(data, path.name)
    if _TEXT_PARSERS[suffix][0] != "html":  # a page is counted by parse_html itself
        check_text_lines(text, path.name)
    parsed: Article = _parser(_TEXT_PARSERS[suffix])(text, path.stem)
    return parsed


def article_from_text(text: str, *, fallback_title: str = "Pasted article") -> Article:
    """An article from text pasted by the user (treated as plain text)."""
    check_text_lines(text, "The pasted text")
    article = parse_plain_text(text, fallback_title, fmt="pasted")
    if not article.text.strip():
        raise ImportRefused("There is no text to import.")
    return article


def iter_supported_files(folder: Path) -> Iterator[Path]:
    """Every supported file inside ``folder``, sorted; hidden ones skipped.

    Links are never followed out of the folder: a link to a file elsewhere
    (``passwd.txt -> /etc/passwd``) is skipped, and linked folders are not entered.
    """
    root = folder.resolve()
    found = []
    for directory, subdirectories, files in os.walk(folder, followlinks=False):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        for name in files:
            path = Path(directory, name)
            if name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            try:
                real = path.resolve()
                inside = real.is_relative_to(root) and real.is_file()
            except (OSError, RuntimeError):  # a link that leads round in a loop
                continue
            if inside:
                found.append(path)
    yield from sorted(found)


__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "Article", "ImportRefused",
           "article_from_text", "iter_supported_files", "read_article"]
