"""A correction to pdfminer's reading of literal strings, applied when PDFs are read.

PDF 32000-1, 7.3.4.2: when a backslash in a literal string is followed by a
character that is not an escape, "the backslash is ignored" and the character
kept.  pdfminer drops the character as well, so a drawing program that writes
its spaces as ``\\ `` (``(1.\\ Strip\\ the\\ cable) Tj``) gives
"1.Stripthecable", and no search or quote finds its words.  Poppler keeps them.
"""

from __future__ import annotations

from pdfminer.psparser import ESC_STRING, OCT_STRING, PSBaseParser

_read_escape = PSBaseParser._parse_string_1


def _parse_string_1(self: PSBaseParser, s: bytes, i: int) -> int:
    """The character after a backslash: an unknown escape keeps it, as the standard says."""
    c = s[i:i + 1]
    if c and not self.oct and not OCT_STRING.match(c) and c not in ESC_STRING \
            and c not in (b"\r", b"\n"):
        self._curtoken += c
        self._parse1 = self._parse_string
        return i + 1
    return _read_escape(self, s, i)


def keep_unknown_escapes() -> None:
    """Install the correction (once; installing it again changes nothing)."""
    PSBaseParser._parse_string_1 = _parse_string_1  # type: ignore[method-assign]
