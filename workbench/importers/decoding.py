"""Bytes to text for plain-text-like files: BOMs, UTF-8, then charset detection.

A file that does not decode as text in any plausible encoding is refused as
binary; nothing is guessed into mojibake silently.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from workbench.errors import ImportRefused

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_WIDE = ("utf_16", "utf_32")


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(2, len(text) // 100)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a text file's bytes; refuse binary content with a clear message."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ImportRefused(f"{name}: broken {encoding} text ({exc.reason}).") from exc
    if b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if _looks_binary(text):
                raise ImportRefused(f"{name} is a binary file, not text.")
            return text
    best = from_bytes(data).best()
    if best is None or (b"\x00" in data and not best.encoding.startswith(_WIDE)):
        raise ImportRefused(f"{name} is a binary file, not text.")
    text = str(best)
    if _looks_binary(text):
        raise ImportRefused(f"{name} is a binary file, not text.")
    return text
