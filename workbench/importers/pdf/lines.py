"""A PDF's lines as text: ligatures as their letters, glyphs a font does not name
left out, spaces collapsed.

PDFium gives a line's words apart (letter-spaced lines included) and Arabic and
Hebrew in reading order; what is left to mend is the glyphs a reader searches
past: "ﬁnal" as "final", so that a typed quote finds it.
"""

from __future__ import annotations

import re
import unicodedata

_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_UNNAMED = re.compile("[\ufffd\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_pdf_text(text: str) -> str:
    """Ligatures as their letters, unnamed glyphs left out, spaces collapsed."""
    text = _LIGATURES.sub(lambda found: unicodedata.normalize("NFKC", found.group()), text)
    return " ".join(_UNNAMED.sub("", _CID.sub("", text)).split())
