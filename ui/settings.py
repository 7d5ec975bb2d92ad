"""Every setting the window keeps, declared once, with typed defaults.

User preferences (the analyst's name) and remembered UI state (geometry,
splitters, recent projects) live in QSettings; project data never does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")
ORGANIZATION = "AnnotationWorkbench"
APPLICATION = "Annotation Workbench"
MAX_RECENT = 8


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting: its key and default (whose type is the setting's)."""

    key: str
    default: T

    def get(self) -> T:
        value = QSettings().value(self.key, self.default)
        if isinstance(self.default, bool):
            return cast(T, value in (True, "true", "1", 1))
        if isinstance(self.default, list):
            return cast(T, [] if value is None else list(value) if isinstance(value, list)
                        else [value])
        return cast(T, value if value is not None else self.default)

    def set(self, value: T) -> None:
        QSettings().setValue(self.key, value)


# Where the name and role were kept before they moved to workbench.identity (shared with the
# command line): read once, on the first start after the move, so nobody is asked again.
LEGACY_ANALYST = Setting("user/analyst", "")
LEGACY_ROLE = Setting("user/role", "analyst")
RECENT_PROJECTS: Setting[list[str]] = Setting("user/recentProjects", [])
LINK_COMPARE_SCROLL = Setting("user/linkCompareScroll", True)
EXPORT_FOLDER = Setting("export/folder", "")
EXPORT_OPEN_WHEN_DONE = Setting("export/openWhenDone", True)
EXPORT_GROUP_BY = Setting("export/groupBy", "tag")
EXPORT_RED_LINES_FIRST = Setting("export/redLinesFirst", True)
EXPORT_TEMPLATE = Setting("export/template", "")
WINDOW_GEOMETRY = Setting("state/windowGeometry", QByteArray())
WINDOW_STATE = Setting("state/windowState", QByteArray())
READER_SPLITTER = Setting("state/readerSplitter", QByteArray())
REVIEW_COLUMNS = Setting("state/reviewColumns", QByteArray())
READING_PLACES = Setting("state/readingPlaces", "")  # JSON: project → document and place


def remember_recent(path: str) -> list[str]:
    """Put a project at the top of the recent list; returns the new list."""
    recent = [p for p in RECENT_PROJECTS.get() if p != path]
    recent.insert(0, path)
    RECENT_PROJECTS.set(recent[:MAX_RECENT])
    return recent[:MAX_RECENT]


def all_settings() -> list[Setting[Any]]:
    """Every declared setting (for tests and a future preferences dialog)."""
    return [RECENT_PROJECTS, LINK_COMPARE_SCROLL, EXPORT_FOLDER,
            EXPORT_OPEN_WHEN_DONE, EXPORT_GROUP_BY, EXPORT_RED_LINES_FIRST, EXPORT_TEMPLATE,
            WINDOW_GEOMETRY, WINDOW_STATE, READER_SPLITTER]
