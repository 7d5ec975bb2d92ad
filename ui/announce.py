"""Telling assistive technology what just happened ("Tagged as Red line", "Accepted (2)",
"3 documents imported"): an accessible announcement, not only paint in the status bar."""

from __future__ import annotations

from collections import deque

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

RECENT: deque[str] = deque(maxlen=50)  # the latest announcements (tests, diagnostics)


def announce(widget: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have screen readers say ``text`` (politely: after what they are saying, unless
    ``urgent``)."""
    if not text.strip():
        return
    RECENT.append(text)
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
