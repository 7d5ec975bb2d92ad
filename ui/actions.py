"""Every action of the window, declared once: text, shortcut, tip, when it is enabled,
and (with :func:`does`, on the method that carries it out) its slot.

As in Picard's declared actions, the window does not wire actions by hand: it
creates one ``QAction`` per :class:`ActionId` and connects it to the method
marked ``@does(ActionId.X)`` in whichever part of the window owns that work;
an action with no such method, or with two, is an error at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtGui import QKeySequence

Key = QKeySequence.StandardKey
F = TypeVar("F", bound=Callable[..., Any])


class When(Enum):
    """When an action can be used."""

    ALWAYS = "always"
    WRITABLE = "the project can be changed"
    DOCUMENT = "a document is open"
    WRITABLE_DOCUMENT = "a document is open and the project can be changed"

    def allows(self, *, writable: bool, document_open: bool) -> bool:
        return {When.ALWAYS: True, When.WRITABLE: writable, When.DOCUMENT: document_open,
                When.WRITABLE_DOCUMENT: writable and document_open}[self]


@dataclass(frozen=True)
class ActionSpec:
    """How an action looks and when it works: menu text, shortcut (standard where one
    exists), tooltip, when it is enabled, and whether it is an on/off setting."""

    text: str
    shortcut: QKeySequence.StandardKey | str = ""
    tip: str = ""
    when: When = When.ALWAYS
    checkable: bool = False
    more_shortcuts: tuple[str, ...] = ()  # further keys doing the same


class ActionId(Enum):
    """The window's actions; ``action_<name>`` is each QAction's object name."""

    NEW_PROJECT = ActionSpec("&New Project…", Key.New, "Create an empty project file")
    OPEN_PROJECT = ActionSpec("&Open Project…", Key.Open, "Open a project file")
    IMPORT_FILES = ActionSpec("&Import Files…", "Ctrl+I", "Import articles (text, Markdown, "
                              "HTML, Word, PDF)", When.WRITABLE)
    IMPORT_FOLDER = ActionSpec("Import &Folder…", "Ctrl+Shift+I", "Import every article in "
                               "a folder", When.WRITABLE)
    IMPORT_VERSION = ActionSpec("Import as New &Version Of…", "", "Import a revised text of "
                                "the open document: its passages are carried over onto it",
                                When.WRITABLE_DOCUMENT)
    PASTE_ARTICLE = ActionSpec("&Paste Article", "Ctrl+Shift+V", "New document from the "
                               "clipboard's text", When.WRITABLE)
    SAVE_COPY = ActionSpec("Save a &Copy…", "Ctrl+Shift+S", "Write one complete copy of the "
                           "project (to mail, share or archive)")
    RESTORE_BACKUP = ActionSpec("Restore from &Backup…", "", "Put one of the project's "
                                "backups in its place")
    EXPORT_BRIEFING = ActionSpec("Export &Briefing…", "Ctrl+E", "A Word briefing of the "
                                 "passages you choose")
    EXPORT_ANNOTATED = ActionSpec("Export A&nnotated Copy…", "Ctrl+Shift+E", "The article in "
                                  "Word with its passages highlighted and commented")
    EXPORT_DATA = ActionSpec("Export &Data…", "", "CSV, JSON Lines, W3C Web Annotation "
                             "or brat")
    IMPORT_W3C = ActionSpec("Import &W3C Annotations…", "", "Annotations from a W3C Web "
                            "Annotation file (ours or another tool's)", When.WRITABLE)
    DELETE_DOCUMENT = ActionSpec("Delete &Document…", "", "Delete the selected document",
                                 When.WRITABLE)
    DOCUMENT_DETAILS = ActionSpec("Document &Details…", "Ctrl+D", "Title, outlet, author, "
                                  "date, web address and language of the open document")
    QUIT = ActionSpec("&Quit", Key.Quit)
    FIND = ActionSpec("&Find in Document…", Key.Find)
    FIND_PROJECT = ActionSpec("Find in &Project…", "Ctrl+Shift+F")
    DELETE_ANNOTATION = ActionSpec("Delete &Annotation", "", "Delete the current annotation "
                                   "(Delete key in the text)")
    TAGS_ACTORS = ActionSpec("&Tags and Actors…", "Ctrl+T")
    PREFERENCES = ActionSpec("Pre&ferences…", "Ctrl+,", "Your name and role")
    REVIEW_QUEUE = ActionSpec("Review &Queue", "Ctrl+3", "Every passage, to review or submit")
    DOCUMENT_HISTORY = ActionSpec("Document &History…", "Ctrl+Shift+H",
                                  "Every edit and verdict on the open document, by whom, when",
                                  When.DOCUMENT)
    COMPARE_ANALYSTS = ActionSpec("Compare &Analysts", "Ctrl+Shift+A", "The open document "
                                  "twice, side by side: one analyst's passages on each side")
    SUBMIT_DOCUMENT = ActionSpec("&Submit Passages for Review", "Ctrl+Shift+Return",
                                 "Submit the open document's passages (drafts and sent back)",
                                 When.WRITABLE_DOCUMENT)
    MERGE_PROJECTS = ActionSpec("&Merge Projects…", "Ctrl+Shift+M", "Merge analysts' "
                                "project files into this one", When.WRITABLE)
    CONFLICTS = ActionSpec("Merge &Conflicts…", "Ctrl+Shift+K", "Rows both this project and "
                           "a merged one changed: choose what stays")
    AGREEMENT = ActionSpec("A&greement Between Analysts…", "Ctrl+Shift+G", "How far analysts "
                           "agree on the documents two or more of them tagged")
    ORPHANS = ActionSpec("&Orphans…", "Ctrl+Shift+O", "Passages whose words are not in "
                         "their article's current version")
    BRIEFING_WRITER = ActionSpec("&Briefing Writer", "Ctrl+4", "Write the briefing: title, "
                                 "bottom line, key judgements, section comments")
    CITE_PASSAGE = ActionSpec("&Cite Passage in Judgement", "Ctrl+Shift+J", "Cite the current "
                              "passage in the selected key judgement")
    STANCE_MATRIX = ActionSpec("Actor-Stance &Matrix…", "Ctrl+Shift+X", "Actors by tags across "
                               "the project, and red lines over time")
    SHOW_READER = ActionSpec("&Reader", "Ctrl+1")
    SHOW_COMPARE = ActionSpec("&Compare", "Ctrl+2")
    LINK_SCROLL = ActionSpec("&Link Compare Scrolling", "", "Scroll both compare panes "
                             "together", checkable=True)
    SHORTCUTS = ActionSpec("&Keyboard Shortcuts", "F1", "Every key of the window, "
                           "searchable", more_shortcuts=("Ctrl+/",))
    USER_GUIDE = ActionSpec("&User Guide", "", "How to work in the window: reading, tagging, "
                            "review, team work, exports")
    SAVE_DIAGNOSTICS = ActionSpec("Save &Diagnostics…", "", "A zip to send with a problem "
                                  "report: version, platform, settings, the last errors")
    ABOUT = ActionSpec("&About Annotation Workbench", "", "The version, and the licences of "
                       "the libraries it is built on")

    @property
    def object_name(self) -> str:
        return f"action_{self.name.lower()}"

    @property
    def spec(self) -> ActionSpec:
        spec: ActionSpec = self.value
        return spec


def does(action_id: ActionId) -> Callable[[F], F]:
    """Mark a method as what ``action_id`` does (called with no arguments, or with the
    new state for an on/off action)."""
    def mark(method: F) -> F:
        method.__dict__.setdefault("action_ids", []).append(action_id)
        return method
    return mark


def declared_slots(*parts: object) -> Iterator[tuple[ActionId, Callable[..., Any]]]:
    """The (action, bound method) pairs marked with :func:`does` in these objects."""
    for part in parts:
        for name in dir(type(part)):
            member = getattr(type(part), name, None)
            for action_id in getattr(member, "action_ids", ()):
                yield action_id, getattr(part, name)


def slots_of(*parts: object) -> dict[ActionId, Callable[..., Any]]:
    """Every action's slot, exactly one each (else a ``LookupError`` naming the gap)."""
    slots: dict[ActionId, Callable[..., Any]] = {}
    for action_id, slot in declared_slots(*parts):
        if action_id in slots:
            raise LookupError(f"{action_id.name} is done by two methods")
        slots[action_id] = slot
    missing = [a.name for a in ActionId if a not in slots]
    if missing:
        raise LookupError(f"no method does {', '.join(missing)}")
    return slots
