"""The rich-text field's document as Markdown: paragraphs, **bold**, *italics*, bulleted
and numbered lists, which is all the briefing's editor offers.

Qt's own ``toMarkdown`` puts a space typed after switching italics on inside the
markers (``* on inspections*``), which Markdown then reads as plain asterisks; here
spaces always stay outside, and a literal ``*`` or ``_`` is escaped.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextListFormat

_SPECIAL = re.compile(r"([\\*_`\[\]])")
_NUMBERED = {QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
             QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
             QTextListFormat.Style.ListUpperRoman}


def to_markdown(document: QTextDocument) -> str:
    """The document as Markdown (list items on adjacent lines, paragraphs apart)."""
    out: list[str] = []
    previous_list = False
    block = document.begin()
    while block.isValid():
        text = _inline(block)
        listed = block.textList()
        if listed is not None:
            number = listed.itemNumber(block) + 1
            mark = f"{number}. " if listed.format().style() in _NUMBERED else "- "
            if out and not previous_list:
                out.append("")
            out.append(mark + text)
            previous_list = True
        elif text.strip():
            if out:
                out.append("")
            out.append(text)
            previous_list = False
        block = block.next()
    return "\n".join(out).strip()


def _inline(block: QTextBlock) -> str:
    """One block's text with its bold and italic runs marked."""
    runs: list[tuple[str, bool, bool]] = []
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        style = fragment.charFormat()
        bold = style.fontWeight() > QFont.Weight.Normal
        text = fragment.text().replace("\u2028", " ")
        if runs and runs[-1][1:] == (bold, style.fontItalic()):
            runs[-1] = (runs[-1][0] + text, bold, style.fontItalic())
        else:
            runs.append((text, bold, style.fontItalic()))
        fragments += 1
    return "".join(_marked(text, bold, italic) for text, bold, italic in runs)


def _marked(text: str, bold: bool, italic: bool) -> str:
    marker = ("**" if bold else "") + ("*" if italic else "")
    core = _escaped(text.strip())
    if not marker or not core:
        return _escaped(text)
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{marker}{core}{marker[::-1]}{trail}"


def _escaped(text: str) -> str:
    """Markdown's special characters taken literally."""
    return _SPECIAL.sub(lambda found: "\\" + found.group(1), text)
