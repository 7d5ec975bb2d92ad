"""The one sanitiser for text written to Word: what XML cannot hold is removed.

XML 1.0 admits tab, line feed, carriage return and the characters from U+0020
up, less the surrogates and U+FFFE/U+FFFF.  Control characters, lone
surrogates (from broken decoding) and those two non-characters are dropped;
everything else (right-to-left scripts, emoji, very long lines) is kept as is.
"""

from __future__ import annotations

import re
import unicodedata

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RTL_CLASSES = frozenset({"R", "AL"})
_LTR_CLASSES = frozenset({"L"})


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (never raises)."""
    return _INVALID.sub("", text)


def is_rtl(text: str) -> bool:
    """Whether the first strongly directional character of ``text`` is right-to-left."""
    for char in text[:400]:
        direction = unicodedata.bidirectional(char)
        if direction in _RTL_CLASSES:
            return True
        if direction in _LTR_CLASSES:
            return False
    return False
