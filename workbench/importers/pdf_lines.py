"""A PDF's lines as text: words apart (letter-spaced lines read again from the
glyphs' positions), ligatures as letters, unnamed glyphs left out, and Arabic and
Hebrew in reading order.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from typing import Any

from pdfminer.layout import LTChar, LTTextLineHorizontal

SPACED_LINE_WORDS = 4  # a line of at least this many pieces, most one letter long,
SPACED_SHARE = 0.5  # is letter-spaced (an OCR layer, a spaced-out heading)
WORD_GAP_RATIO = 1.8  # word gaps stand this far above letter gaps, else no split is sure

_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = re.compile("[\ufb00-\ufb06]")


# Right-to-left scripts (Hebrew, Arabic and their presentation forms), and runs of them
# with the spaces and neutral marks between their words.
_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL = re.compile(f"[{_RTL_CHARS}]")
_RTL_RUN = re.compile(f"[{_RTL_CHARS}](?:[{_RTL_CHARS}\\s.,:;!?'\"()\\-]*[{_RTL_CHARS}])?")
# Left-to-right runs inside it: words with the spaces between them, numbers on their own.
_LTR_RUN = re.compile(f"[^{_RTL_CHARS}\\s\\d](?:[^{_RTL_CHARS}\\d]*[^{_RTL_CHARS}\\s\\d])?"
                      "|\\d(?:[\\d.,:/-]*\\d)?")


def logical_order(line: str) -> str:
    """A line of right-to-left text in reading order.

    A PDF draws glyphs left to right as they stand on the page, so Arabic and Hebrew
    come out backwards.  A right-to-left line (its leftmost letter is right-to-left,
    or it ends at the right in such a letter and is mostly in that script) is read
    from the right whole, its numbers and Latin words kept as they read; in a
    left-to-right line, each right-to-left run is turned round."""
    if not _RTL.search(line):
        return line
    letters = [c for c in line if c.isalpha()]
    rtl = sum(1 for c in letters if _RTL.match(c))
    if _RTL.match(letters[0]) or (_RTL.match(letters[-1]) and rtl > 2 * (len(letters) - rtl)):
        return _LTR_RUN.sub(lambda run: run.group()[::-1], line[::-1])
    return _RTL_RUN.sub(lambda run: run.group()[::-1], line)


def clean_pdf_text(text: str) -> str:
    """Ligatures as their letters, unnamed glyphs left out, spaces collapsed, right-to-left
    text in reading order."""
    text = _LIGATURES.sub(lambda found: unicodedata.normalize("NFKC", found.group()), text)
    return logical_order(" ".join(_CID.sub("", text).split()))


def _threshold(gaps: list[float]) -> float | None:
    """The gap that parts letters from words: the split of the sorted gaps that leaves
    the two groups furthest apart (Otsu's), when the word gaps are clearly wider."""
    ordered = sorted(gaps)
    best, cut = 0.0, None
    for k in range(1, len(ordered)):
        low, high = ordered[:k], ordered[k:]
        low_mean, high_mean = sum(low) / len(low), sum(high) / len(high)
        spread = len(low) * len(high) * (high_mean - low_mean) ** 2
        if spread > best:
            best, cut = spread, k
    if cut is None:
        return None
    low_mean = sum(ordered[:cut]) / cut
    high_mean = sum(ordered[cut:]) / (len(ordered) - cut)
    if high_mean < max(low_mean, 0.0) * WORD_GAP_RATIO + 0.5:
        return None
    return (ordered[cut - 1] + ordered[cut]) / 2


def line_text(line: Any) -> str:
    """A text line's words.  pdfminer puts a space wherever two glyphs stand apart by
    a tenth of their size; in a letter-spaced line that is between every letter
    ("C h i na O c e an").  Such a line is read again from its glyphs: a space only
    where the gap is a word's, told apart from the letters' gaps by their sizes."""
    text = str(line.get_text())
    pieces = text.split()
    single = sum(len(piece) == 1 for piece in pieces)
    if not isinstance(line, LTTextLineHorizontal) or len(pieces) < SPACED_LINE_WORDS \
            or single < SPACED_SHARE * len(pieces):
        return text
    glyphs = [g for g in line if isinstance(g, LTChar) and g.get_text().strip()]
    gaps = [b.x0 - a.x1 for a, b in pairwise(glyphs)]
    cut = _threshold(gaps) if len(gaps) >= SPACED_LINE_WORDS else None
    if cut is None:
        return text
    words = [glyphs[0].get_text()]
    for gap, glyph in zip(gaps, glyphs[1:], strict=True):
        words.append((" " if gap > cut else "") + glyph.get_text())
    return "".join(words)
