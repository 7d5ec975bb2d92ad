"""The passage under the review queue's cursor, in its paragraph, with its thread.

J and K move through the queue and this pane follows, so a reviewer reads each
passage in context without leaving the queue.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from workbench.review.workflow import status_label, thread, thread_entry
from workbench.store import Store
from workbench.store.queue import QueueRow


def paragraph_of(store: Store, row: QueueRow) -> tuple[str, str, str]:
    """The passage's paragraph as (before, the passage, after)."""
    first, text = store.documents.text_around(row.document_id, row.start, row.end)
    start, end = row.start - first, row.end - first
    opening = text.rfind("\n\n", 0, start)
    closing = text.find("\n\n", end)
    opening = 0 if opening < 0 else opening + 2
    closing = len(text) if closing < 0 else closing
    return text[opening:start], text[start:end], text[end:closing]


def _tint(color: str, *, dark: bool) -> str:
    """The tag's colour at a third of its strength on the page (white, or black in a dark
    theme), as the reader's highlight."""
    try:
        red, green, blue = (int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        red, green, blue = 245, 158, 11
    page = 0 if dark else 255
    return "#" + "".join(f"{round(page + (c - page) * 0.3):02x}" for c in (red, green, blue))


class PassagePreview(QTextBrowser):
    """Read-only: the current passage, its paragraph, note and review thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPreview")
        self.setAccessibleName("Passage in context")
        self.setOpenLinks(False)
        self.shown_id = ""

    def _dark(self) -> bool:
        return self.palette().base().color().lightness() < 128

    def show_passage(self, store: Store, row: QueueRow | None) -> None:
        """Show this passage (or say there is none)."""
        if row is None:
            self.shown_id = ""
            self.setHtml("<p style='color:#6b7280'>No passage selected.</p>")
            return
        self.shown_id = row.id
        before, quote, after = paragraph_of(store, row)
        tint = _tint(row.tag_color, dark=self._dark())
        mark = f"<span style='background:{tint}; font-weight:600'>{escape(quote)}</span>"
        actor = f" · {escape(row.actor)}" if row.actor else ""
        parts = [f"<p style='color:#6b7280'>{escape(row.document_title)}</p>",
                 f"<p>{escape(before)}{mark}{escape(after)}</p>",
                 f"<p><b>{escape(row.tag)}</b>{actor} · {escape(row.analyst)} · "
                 f"{escape(status_label(row.status))}</p>"]
        if row.note.strip():
            parts.append(f"<p><i>Note:</i> {escape(row.note)}</p>")
        steps = thread(store, row.id)
        if steps:
            parts.append("<p><i>Thread:</i><br>" + "<br>".join(
                escape(thread_entry(s)) for s in steps) + "</p>")
        self.setHtml("".join(parts))
