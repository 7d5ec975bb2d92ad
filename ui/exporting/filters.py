"""The "what to include" half of the export dialog: documents, tags, actors, statuses, dates."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.model import NO_ACTOR, PassageFilter, ReviewStatus
from workbench.review.workflow import status_label
from workbench.store import Store


class CheckList(QWidget):
    """A titled list of checkable items with All / None buttons; all checked = no filter."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self.list.setObjectName(f"filter_{title.lower()}")
        self.list.itemChanged.connect(lambda _: self.changed.emit())
        every, none = QPushButton("All", self), QPushButton("None", self)
        every.clicked.connect(lambda: self.check_all(True))
        none.clicked.connect(lambda: self.check_all(False))
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b>{title}</b>", self), 1)
        head.addWidget(every)
        head.addWidget(none)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.list)

    def fill(self, items: list[tuple[str, str]], checked: set[str] | None = None) -> None:
        """(key, label) items, checked when ``checked`` is None or holds the key."""
        self.list.blockSignals(True)
        self.list.clear()
        for key, label in items:
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = checked is None or key in checked
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.changed.emit()

    def check_all(self, on: bool) -> None:
        self.list.blockSignals(True)
        for n in range(self.list.count()):
            self.list.item(n).setCheckState(Qt.CheckState.Checked if on
                                            else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.changed.emit()

    def set_checked(self, keys: set[str]) -> None:
        self.list.blockSignals(True)
        for n in range(self.list.count()):
            item = self.list.item(n)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.changed.emit()

    def chosen(self) -> frozenset[str]:
        """The checked keys; empty when all are checked (no filter)."""
        keys = [self.list.item(n) for n in range(self.list.count())]
        on = [i.data(Qt.ItemDataRole.UserRole) for i in keys
              if i.checkState() == Qt.CheckState.Checked]
        return frozenset() if len(on) == len(keys) else frozenset(on)

    def nothing_checked(self) -> bool:
        return self.list.count() > 0 and not any(
            self.list.item(n).checkState() == Qt.CheckState.Checked
            for n in range(self.list.count()))


class DateBound(QWidget):
    """An optional date: a check box that enables a calendar field."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(label, self)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.date.setEnabled(False)
        self.date.setAccessibleName(label)
        self.enabled.toggled.connect(self.date.setEnabled)
        self.enabled.toggled.connect(lambda _: self.changed.emit())
        self.date.dateChanged.connect(lambda _: self.changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.date, 1)

    def value(self) -> str:
        return self.date.date().toString("yyyy-MM-dd") if self.enabled.isChecked() else ""


class FilterPanel(QGroupBox):
    """Everything that decides which passages an export includes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("What to include", parent)
        self.documents = CheckList("Documents", self)
        self.tags = CheckList("Tags", self)
        self.actors = CheckList("Actors", self)
        self.statuses = CheckList("Status", self)
        self.since = DateBound("Dated from", self)
        self.until = DateBound("Dated until", self)
        grid = QGridLayout(self)
        grid.addWidget(self.documents, 0, 0, 1, 2)
        grid.addWidget(self.tags, 1, 0)
        grid.addWidget(self.actors, 1, 1)
        grid.addWidget(self.statuses, 2, 0)
        dates = QVBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(self.until)
        dates.addWidget(QLabel("<small>A document's date is its publication date, or its "
                               "import date when it has none.</small>", self))
        dates.addStretch(1)
        grid.addLayout(dates, 2, 1)
        for part in (self.documents, self.tags, self.actors, self.statuses, self.since,
                     self.until):
            part.changed.connect(self.changed)

    def load(self, store: Store, documents: set[str] | None = None) -> None:
        """Fill the lists from the project (``documents``: the ones to check, else all)."""
        self.documents.fill(store.documents.titles(), documents)
        self.tags.fill([(t.id, t.name) for t in store.tags.all()])
        self.actors.fill([(a.id, a.name) for a in store.actors.all()]
                         + [(NO_ACTOR, "(no actor named)")])
        self.statuses.fill([(s.value, status_label(s.value)) for s in ReviewStatus])

    def passage_filter(self) -> PassageFilter:
        return PassageFilter(
            documents=self.documents.chosen(), tags=self.tags.chosen(),
            actors=self.actors.chosen(), statuses=self.statuses.chosen(),
            since=self.since.value(), until=self.until.value())

    def excludes_everything(self) -> bool:
        return any(part.nothing_checked() for part in (self.documents, self.tags, self.actors,
                                                       self.statuses))
