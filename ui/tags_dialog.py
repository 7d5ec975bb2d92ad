"""The tags and actors dialog: add, rename, recolour, reorder, merge, delete.

Every change is an undoable edit; deleting says first what happens to the
annotations concerned.  The dialog is not modal: reading goes on beside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.session import ProjectSession
from workbench.clock import new_id
from workbench.edits import (
    CompositeEdit,
    Edit,
    add_actor,
    add_tag,
    change_actor,
    change_tag,
    delete_actor,
    delete_tag,
    merge_actors,
)
from workbench.model import Actor, Changes, Tag
from workbench.store.usage import UsageCounts

RECOUNT_DELAY_MS = 250  # the counts move this long after the last edit

NEW_TAG_COLORS = ["#10b981", "#8b5cf6", "#ec4899", "#14b8a6", "#84cc16", "#6366f1"]


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class TagsActorsDialog(QDialog):
    """Manage the project's tags and actors."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tags and Actors")
        self.setObjectName("tagsActorsDialog")
        self.session = session
        self.tags = QListWidget(self)
        self.tags.setObjectName("tagList")
        self.tags.setAccessibleName("Tags")
        self.actors = QListWidget(self)
        self.actors.setObjectName("actorList")
        self.actors.setAccessibleName("Actors")
        layout = QVBoxLayout(self)
        layout.addWidget(self._group("Tags", self.tags, [
            ("Add…", self.add_tag), ("Rename…", self.rename_tag), ("Colour…", self.recolour),
            ("Up", lambda: self.move_tag(-1)), ("Down", lambda: self.move_tag(1)),
            ("Delete…", self.delete_tag)]))
        layout.addWidget(self._group("Actors", self.actors, [
            ("Add…", self.add_actor), ("Rename…", self.rename_actor),
            ("Merge into…", self.merge_actor), ("Delete…", self.delete_actor)]))
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(RECOUNT_DELAY_MS)
        self._recount.timeout.connect(self._recounted)
        self.usage = UsageCounts(session.store)
        self._touched: set[str] = set()  # passages edited since the counts were moved
        session.changed.connect(self._on_changes)
        self.refresh()

    def _group(self, title: str, items: QListWidget, buttons: list[tuple[str, object]]
               ) -> QGroupBox:
        box = QGroupBox(title, self)
        grid = QGridLayout(box)
        grid.addWidget(items, 0, 0, len(buttons), 1)
        for row, (label, slot) in enumerate(buttons):
            button = QPushButton(label, box)
            button.setObjectName(f"{title.lower()}_{label.strip('…').lower().replace(' ', '_')}")
            button.clicked.connect(slot)
            grid.addWidget(button, row, 1)
        return box

    def refresh(self) -> None:
        if self.session.closed:
            return
        store = self.session.store
        counts, actor_counts = self.usage.tags, self.usage.actors
        self._fill(self.tags, [(t.id, f"{t.name}   [{t.shortcut or '—'}]  "
                                f"({counts.get(t.id, 0)})", t.color) for t in store.tags.all()])
        self._fill(self.actors, [(a.id, f"{a.name}  ({actor_counts.get(a.id, 0)})", "")
                                 for a in store.actors.all()])

    def _fill(self, widget: QListWidget, rows: list[tuple[str, str, str]]) -> None:
        current = widget.currentItem().data(Qt.ItemDataRole.UserRole) \
            if widget.currentItem() else None
        widget.clear()
        for key, text, color in rows:
            item = QListWidgetItem(_swatch(color), text) if color else QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            widget.addItem(item)
            if key == current:
                widget.setCurrentItem(item)

    def _on_changes(self, changes: Changes) -> None:
        if changes.documents and not changes.annotations:  # one deleted or restored
            self.usage.reload()
            self.refresh()
            return
        self._touched |= changes.annotations
        if changes.tags or changes.actors:
            self._recounted()
        elif changes.annotations:  # the counts move after the tag is painted, once
            self._recount.start()  # for a burst of edits

    def _recounted(self) -> None:
        """Move the counts by the passages edited since, and show them."""
        if self.session.closed:
            return
        self.usage.update(self._touched)
        self._touched.clear()
        self.refresh()

    def _chosen(self, widget: QListWidget) -> str | None:
        item = widget.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _apply(self, edit: Edit) -> None:
        self.session.apply(edit)

    # -- tags ----------------------------------------------------------------------------

    def add_tag(self) -> None:
        name, ok = QInputDialog.getText(self, "New tag", "Name:")
        if ok and name.strip():
            tags = self.session.store.tags.all()
            used = {t.shortcut for t in tags}
            key = next((str(n) for n in range(1, 10) if str(n) not in used), "")
            color = NEW_TAG_COLORS[len(tags) % len(NEW_TAG_COLORS)]
            self._apply(add_tag(Tag(id=new_id(), name=name.strip(), color=color, shortcut=key,
                                    sort_order=max((t.sort_order for t in tags), default=0) + 1)))

    def rename_tag(self) -> None:
        if (tag_id := self._chosen(self.tags)) is None:
            return
        tag = self.session.store.tags.get(tag_id)
        name, ok = QInputDialog.getText(self, "Rename tag", "Name:", text=tag.name)
        if ok and name.strip() and name.strip() != tag.name:
            self._apply(change_tag(tag_id, name=name.strip()))

    def recolour(self) -> None:
        if (tag_id := self._chosen(self.tags)) is None:
            return
        tag = self.session.store.tags.get(tag_id)
        color = QColorDialog.getColor(QColor(tag.color), self, f"Colour of {tag.name}")
        if color.isValid():
            self._apply(change_tag(tag_id, color=color.name()))

    def move_tag(self, step: int) -> None:
        tags = self.session.store.tags.all()
        ids = [t.id for t in tags]
        if (tag_id := self._chosen(self.tags)) is None:
            return
        at = ids.index(tag_id)
        other = at + step
        if not 0 <= other < len(tags):
            return
        ids[at], ids[other] = ids[other], ids[at]
        edits: list[Edit] = [change_tag(key, sort_order=n) for n, key in enumerate(ids)
                             if tags[[t.id for t in tags].index(key)].sort_order != n]
        self._apply(CompositeEdit("Reorder tags", edits))

    def delete_tag(self) -> None:
        if (tag_id := self._chosen(self.tags)) is None:
            return
        store = self.session.store
        tag = store.tags.get(tag_id)
        count = len(store.annotations.where(tag_id=tag_id))
        answer = QMessageBox.question(
            self, "Delete tag",
            f"Delete the tag “{tag.name}”? Its {count} annotation(s) will be deleted with "
            "it. You can undo this.")
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(delete_tag(tag_id))

    # -- actors -------------------------------------------------------------------------

    def add_actor(self) -> None:
        name, ok = QInputDialog.getText(self, "New actor", "Name:")
        if ok and name.strip() and self.session.store.actors.find(name) is None:
            self._apply(add_actor(Actor(id=new_id(), name=name.strip())))

    def rename_actor(self) -> None:
        if (actor_id := self._chosen(self.actors)) is None:
            return
        actor = self.session.store.actors.get(actor_id)
        name, ok = QInputDialog.getText(self, "Rename actor", "Name:", text=actor.name)
        if ok and name.strip() and name.strip() != actor.name:
            self._apply(change_actor(actor_id, name=name.strip()))

    def merge_actor(self) -> None:
        if (actor_id := self._chosen(self.actors)) is None:
            return
        store = self.session.store
        others = [a for a in store.actors.all() if a.id != actor_id]
        if not others:
            return
        names = [a.name for a in others]
        name, ok = QInputDialog.getItem(
            self, "Merge actors", f"Merge “{store.actors.get(actor_id).name}” into:", names,
            0, False)
        if ok:
            keep = others[names.index(name)]
            self._apply(merge_actors(keep.id, actor_id))

    def delete_actor(self) -> None:
        if (actor_id := self._chosen(self.actors)) is None:
            return
        store = self.session.store
        actor = store.actors.get(actor_id)
        count = len(store.annotations.where(actor_id=actor_id))
        answer = QMessageBox.question(
            self, "Delete actor",
            f"Delete “{actor.name}”? Its {count} annotation(s) stay, with no actor. "
            "You can undo this.")
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(delete_actor(actor_id))
