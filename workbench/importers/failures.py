"""Any failure of a parser on a user's file, told as a sentence that names the file.

The parsers (python-docx, lxml, PDFium, pdfminer, trafilatura, markdown-it) raise
dozens of exception types on damaged input.  None of them is the user's concern: each
becomes an :class:`~workbench.errors.ImportRefused` saying in words what is
wrong with the file, so that no import ever ends in "unexpected failure".
"""

from __future__ import annotations

import zipfile
import zlib

from workbench.errors import ImportRefused

_DAMAGED = "is damaged (truncated or corrupted) and cannot be read"


def _by_module(exc: BaseException) -> str | None:
    """Failures named by the library that raised them."""
    module = type(exc).__module__
    name = type(exc).__name__
    if module.startswith("lxml"):
        if "depth" in str(exc).lower():
            return "is nested too deeply to read (damaged, or built to exhaust the reader)"
        return "is damaged: its XML is broken" if "Syntax" in name else _DAMAGED
    if module.startswith("pdfminer"):
        if name in ("PDFEncryptionError", "PDFPasswordIncorrect"):
            return "is an encrypted PDF; remove its password first"
        if name == "PSEOF":
            return "is damaged: it ends too early (truncated?)"
        if name == "PDFNotImplementedError":
            return f"uses a PDF feature Workbench cannot read ({_printable(str(exc))})"
        return "is damaged: its PDF structure is broken"
    if module.startswith("pypdfium2"):
        if "password" in str(exc).lower():
            return "is an encrypted PDF; remove its password first"
        return "is damaged: its PDF structure is broken"
    if module.startswith("docx"):
        if name == "PackageNotFoundError":
            return "is not a Word (.docx) file"
        return _DAMAGED
    return None


_BY_FORMAT = {
    ".docx": "is damaged: parts of the Word file are broken or missing",
    ".doc": "is damaged: parts of the Word 97-2003 file are broken or missing",
    ".odt": "is damaged: parts of the OpenDocument file are broken or missing",
    ".pdf": "is damaged: its PDF structure is broken",
}


def _printable(text: str, limit: int = 60) -> str:
    """A library's detail, safe to show: printable ASCII, short."""
    clean = "".join(ch if " " <= ch <= "~" else "?" for ch in text)
    return clean if len(clean) <= limit else clean[:limit - 1] + "…"


def describe_failure(exc: BaseException, suffix: str = "") -> str:
    """What went wrong with the file, as the end of a sentence that starts with its name."""
    known = _by_module(exc)
    if known:
        return known
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return _DAMAGED
    if isinstance(exc, NotImplementedError):
        return "uses a compression method Workbench cannot read"
    if isinstance(exc, RecursionError):
        return "is nested too deeply to read (damaged, or built to exhaust the reader)"
    if isinstance(exc, MemoryError):
        return "is too large to read in the memory available"
    if isinstance(exc, UnicodeError):
        return "holds text in a broken encoding"
    if suffix in _BY_FORMAT:  # a parser tripping over a damaged package or structure
        return _BY_FORMAT[suffix]
    return f"could not be read; it looks damaged ({type(exc).__name__})"


def refusal(name: str, exc: BaseException) -> ImportRefused:
    """The refusal for ``exc`` raised while parsing the file called ``name``."""
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    return ImportRefused(f"{name} {describe_failure(exc, suffix)}.")
