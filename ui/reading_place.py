"""Where the reader was in each project: its document, the first line in view and the
selection, kept on closing and given back on the next opening.

Kept per project file (by path), as code points of the document's text, so a
different window size or font still opens on the same words.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QTextCursor

from ui import settings
from ui.reader.pane import ReaderPane

PLACES_KEPT = 20  # projects remembered


@dataclass(frozen=True)
class Place:
    """A document and a place in it."""

    document: str
    top: int  # the code point at the top of the view
    start: int = 0  # the selection
    end: int = 0
    compare: tuple[str, str] = ("", "")  # the documents side by side in Compare


def _places() -> dict[str, dict[str, object]]:
    try:
        found = json.loads(settings.READING_PLACES.get() or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def remember_place(project: Path | None, reader: ReaderPane,
                   compare: tuple[str, str] = ("", "")) -> None:
    """Keep where the reader is in this project, and the compare pair (nothing for a
    project in memory)."""
    if project is None or reader.content is None:
        return
    view = reader.view
    cursor = view.textCursor()
    utf16 = reader.content.utf16
    place = Place(reader.content.document.id, view.position_at(QPoint(0, 0)),
                  utf16.from_utf16(cursor.selectionStart()),
                  utf16.from_utf16(cursor.selectionEnd()), compare)
    places = _places()
    places.pop(str(project), None)
    places[str(project)] = asdict(place)
    settings.READING_PLACES.set(json.dumps(dict(list(places.items())[-PLACES_KEPT:])))


def place_of(project: Path | None) -> Place | None:
    """Where the reader was in this project, if anywhere."""
    found = _places().get(str(project)) if project is not None else None
    if not isinstance(found, dict):
        return None
    try:
        pair = found.get("compare") or ["", ""]
        return Place(str(found["document"]), int(str(found["top"])),
                     int(str(found.get("start", 0))), int(str(found.get("end", 0))),
                     (str(pair[0]), str(pair[1])))  # type: ignore[index]
    except (KeyError, ValueError, IndexError, TypeError):
        return None


def restore_place(reader: ReaderPane, place: Place) -> None:
    """Scroll the open document to the place and select what was selected (once it is
    laid out)."""
    def restore() -> None:
        content = reader.content
        if content is None or content.document.id != place.document:
            return
        view, length = reader.view, len(content.text)
        if place.end > place.start:
            view.select_span(min(place.start, length), min(place.end, length), center=False)
        cursor = QTextCursor(view.document())
        cursor.setPosition(content.utf16.to_utf16(min(place.top, length)))
        view.verticalScrollBar().setValue(cursor.block().firstLineNumber()
                                          + cursor.block().layout().lineForTextPosition(
                                              cursor.positionInBlock()).lineNumber())
    QTimer.singleShot(0, restore)
