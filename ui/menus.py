"""The window's menu bar, built from its declared actions (:mod:`ui.actions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar, QToolBar

from ui.actions import ActionId

if TYPE_CHECKING:
    from ui.briefing.actions import BriefingActions


class _RecentFiles(Protocol):
    @property
    def recent_menu(self) -> QMenu: ...


class MenuHost(Protocol):
    """What the menus are made of (read only)."""

    @property
    def actions_by_id(self) -> dict[ActionId, QAction]: ...
    @property
    def project_files(self) -> _RecentFiles: ...
    @property
    def undo_action(self) -> QAction: ...
    @property
    def redo_action(self) -> QAction: ...
    @property
    def library(self) -> QDockWidget: ...
    @property
    def search_dock(self) -> QDockWidget: ...
    @property
    def review_dock(self) -> QDockWidget: ...
    @property
    def briefing(self) -> BriefingActions: ...
    @property
    def tag_bar(self) -> QToolBar: ...

    def menuBar(self) -> QMenuBar: ...


def build_menus(window: MenuHost) -> None:
    """File, Edit, Review, Briefing, View and Help."""
    a = window.actions_by_id
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a[ActionId.NEW_PROJECT], a[ActionId.OPEN_PROJECT]])
    file_menu.addMenu(window.project_files.recent_menu)
    file_menu.addActions([a[ActionId.SAVE_COPY], a[ActionId.RESTORE_BACKUP],
                          a[ActionId.MERGE_PROJECTS]])
    file_menu.addSeparator()
    file_menu.addActions([a[ActionId.IMPORT_FILES], a[ActionId.IMPORT_FOLDER],
                          a[ActionId.IMPORT_VERSION],
                          a[ActionId.PASTE_ARTICLE], a[ActionId.DOCUMENT_DETAILS],
                          a[ActionId.DELETE_DOCUMENT]])
    file_menu.addSeparator()
    file_menu.addActions([a[ActionId.EXPORT_BRIEFING], a[ActionId.EXPORT_ANNOTATED],
                          a[ActionId.EXPORT_DATA], a[ActionId.IMPORT_W3C]])
    file_menu.addSeparator()
    file_menu.addAction(a[ActionId.QUIT])
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([a[ActionId.FIND], a[ActionId.FIND_PROJECT],
                          a[ActionId.DELETE_ANNOTATION]])
    edit_menu.addSeparator()
    edit_menu.addActions([a[ActionId.TAGS_ACTORS], a[ActionId.PREFERENCES]])
    review_menu = bar.addMenu("&Review")
    review_menu.addActions([a[ActionId.REVIEW_QUEUE], a[ActionId.SUBMIT_DOCUMENT],
                            a[ActionId.DOCUMENT_HISTORY], a[ActionId.COMPARE_ANALYSTS]])
    review_menu.addSeparator()
    review_menu.addActions([a[ActionId.CONFLICTS], a[ActionId.AGREEMENT],
                            a[ActionId.ORPHANS]])
    briefing_menu = bar.addMenu("&Briefing")
    briefing_menu.addActions([a[ActionId.BRIEFING_WRITER], a[ActionId.CITE_PASSAGE],
                              a[ActionId.STANCE_MATRIX]])
    briefing_menu.addSeparator()
    briefing_menu.addAction(a[ActionId.EXPORT_BRIEFING])
    view_menu = bar.addMenu("&View")
    view_menu.addActions([a[ActionId.SHOW_READER], a[ActionId.SHOW_COMPARE],
                          a[ActionId.LINK_SCROLL]])
    view_menu.addSeparator()
    view_menu.addActions([window.library.toggleViewAction(),
                          window.search_dock.toggleViewAction(),
                          window.review_dock.toggleViewAction(),
                          window.briefing.dock.toggleViewAction(),
                          window.tag_bar.toggleViewAction()])
    bar.addMenu("&Help").addActions([a[ActionId.SHORTCUTS], a[ActionId.USER_GUIDE],
                                     a[ActionId.SAVE_DIAGNOSTICS], a[ActionId.ABOUT]])
