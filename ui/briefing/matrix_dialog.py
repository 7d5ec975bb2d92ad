"""The actor-stance matrix: actors by tags across the project, and red lines over time.

A cell shows how many passages an actor has of a tag and the newest date among
them, shaded in the tag's colour.  Clicking a cell lists exactly its passages:
double-click one to read it, or put two side by side in the compare view.  Both
the matrix and the timeline save as PNG or SVG.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from exports.charts import Format, matrix_chart, timeline_chart
from exports.common import replacing
from ui.jobs import Job, JobContext, Jobs
from ui.session import ProjectSession
from workbench.briefing.matrix import (
    Cell,
    MatrixRow,
    StanceMatrix,
    matrix_of,
    reordered,
    rows_in_store,
)
from workbench.errors import WorkbenchError
from workbench.model import NO_ACTOR, Changes
from workbench.words import long_date

REFRESH_MS = 300


class MatrixDialog(QDialog):
    """The matrix and the timeline of the project's passages (not modal)."""

    passageActivated = Signal(str)
    compareRequested = Signal(str, str)  # two passage ids: left and right
    def __init__(self, session: ProjectSession, jobs: Jobs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrixDialog")
        self.setWindowTitle("Actor-Stance Matrix")
        self.session, self.jobs = session, jobs
        self.reading: Job | None = None
        self.matrix = StanceMatrix([], [])
        self.rows: dict[str, MatrixRow] = {}
        self.loading = False  # True while the passages are read by a job
        self._generation = 0
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._matrix_tab(), "&Matrix")
        self.timeline = QLabel(self)
        self.timeline.setObjectName("redLineTimeline")
        self.timeline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(self)
        scroll.setAccessibleName("Red lines over time (chart)")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.timeline)
        self.tabs.addTab(scroll, "&Red Lines over Time")
        row = QHBoxLayout()
        self.save_button = QPushButton("&Save Chart…", self)
        self.save_button.setObjectName("saveChart")
        self.save_button.setToolTip("The shown tab as a PNG picture or an SVG drawing")
        self.save_button.clicked.connect(lambda: self.save_chart())
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        row.addWidget(self.save_button)
        for text, name, steps, tip in (
                ("Actor &Up", "actorUp", -1, "Earlier in the matrix and the briefing"),
                ("Actor &Down", "actorDown", 1, "Later in the matrix and the briefing"),
                ("Default &Order", "actorOrderDefault", 0, "Most red lines first, then most "
                                                         "passages")):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, n=steps: self.move_actor(n))
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.reload)
        session.changed.connect(self._on_changes)
        self.resize(860, 600)
        self.reload()

    def _matrix_tab(self) -> QWidget:
        box = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableWidget(box)
        self.table.setTabKeyNavigation(False)  # Tab reaches Close and Save Chart
        self.table.setObjectName("stanceMatrix")
        self.table.setAccessibleName("Actors by tags: passages and newest date")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, column, *_: self.show_cell(row, column))
        lower = QWidget(box)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.cell_label = QLabel("Click a cell to list its passages.", lower)
        lower_layout.addWidget(self.cell_label)
        self.list = QListWidget(lower)
        self.list.setObjectName("cellPassages")
        self.list.setAccessibleName("The cell's passages")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemActivated.connect(
            lambda item: self.passageActivated.emit(item.data(Qt.ItemDataRole.UserRole)))
        lower_layout.addWidget(self.list)
        box.setStretchFactor(0, 3)
        box.setStretchFactor(1, 2)
        self.compare_button = QPushButton("Compare Two Side by Side (Ctrl+Shift+2)", lower)
        self.compare_button.setObjectName("compareTwo")
        self.compare_button.clicked.connect(self.compare_two)
        QShortcut(QKeySequence("Ctrl+Shift+2"), self, self.compare_two)
        lower_layout.addWidget(self.compare_button)
        return box

    # -- showing -----------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if self.isVisible() and (changes.annotations or changes.tags or changes.actors
                                 or changes.documents):
            self._refresh.start()

    def reload(self) -> None:
        """Read the project's passages again, on another thread for a project file (the
        window goes on: 100,000 passages take 0.4 s), and show the matrix and timeline."""
        store = self.session.store
        self._generation += 1
        generation, tags = self._generation, store.tags.all()
        order = store.settings().get("actor_order") or []
        if store.path is None:  # a project in memory: small, read at once
            rows = rows_in_store(store)
            self._take((generation, rows, matrix_of(rows, tags, order)))
            return
        self.loading = True
        self.cell_label.setText("Reading the passages…")
        if self.reading is not None:
            self.reading.cancel()  # a newer reading is coming

        def read(job: JobContext) -> tuple[int, list[MatrixRow], StanceMatrix]:
            rows = rows_in_store(job.store)
            job.check()
            return generation, rows, matrix_of(rows, tags, order)
        self.reading = self.jobs.read("Actor-stance matrix", read, project=store.path,
                                      done=self._take, failed=self._failed)

    def _failed(self, message: str) -> None:
        self.loading = False
        self.cell_label.setText(message)

    def _take(self, result: tuple[int, list[MatrixRow], StanceMatrix]) -> None:
        generation, rows, matrix = result
        if generation != self._generation:
            return  # read again since: a newer reading comes
        self.loading = False
        self.rows = {row.passage_id: row for row in rows}
        self.matrix = matrix
        self.show_matrix()
        self.cell_label.setText("Click a cell to list its passages.")
        self.show_cell(self.table.currentRow(), self.table.currentColumn())

    def show_matrix(self) -> None:
        """The matrix and the timeline as they stand, in the table and the chart."""
        m = self.matrix
        chosen = (self.table.currentRow(), self.table.currentColumn())
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setRowCount(len(m.actors))
        self.table.setColumnCount(len(m.tags))
        self.table.setHorizontalHeaderLabels([t.name for t in m.tags])
        self.table.setVerticalHeaderLabels([name for _, name in m.actors])
        most = max((c.count for c in m.cells.values()), default=1)
        for r, (actor_id, _) in enumerate(m.actors):
            for c, tag in enumerate(m.tags):
                self.table.setItem(r, c, self._cell_item(m.cell(actor_id, tag.id), most))
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)
        if 0 <= chosen[0] < len(m.actors) and 0 <= chosen[1] < len(m.tags):
            self.table.setCurrentCell(*chosen)
        self.timeline.setPixmap(self._pixmap(timeline_chart(m)) if m.timeline else QPixmap())
        if not m.timeline:
            self.timeline.setText("No red lines from dated articles yet.")

    @staticmethod
    def _cell_item(cell: Cell | None, most: int) -> QTableWidgetItem:
        if cell is None:
            item = QTableWidgetItem("")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            return item
        item = QTableWidgetItem(f"{cell.count}\nnewest {long_date(cell.newest, short=True)}")
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        color = QColor(cell.color)
        color.setAlpha(40 + int(140 * cell.count / most))
        item.setBackground(QBrush(color))
        item.setToolTip(f"{cell.actor}: {cell.count} {cell.tag} passage(s), newest "
                        f"{long_date(cell.newest)}")
        return item

    def _pixmap(self, png: bytes) -> QPixmap:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        return pixmap.scaledToWidth(min(pixmap.width(), 820),
                                    Qt.TransformationMode.SmoothTransformation)

    def show_cell(self, row: int, column: int) -> list[str]:
        """List exactly the passages behind a cell; returns their ids."""
        self.list.clear()
        if not (0 <= row < len(self.matrix.actors) and 0 <= column < len(self.matrix.tags)):
            return []
        cell = self.matrix.cell(self.matrix.actors[row][0], self.matrix.tags[column].id)
        if cell is None:
            self.cell_label.setText("No passages here.")
            return []
        self.cell_label.setText(f"{cell.actor} — {cell.tag}: {cell.count} passage(s), "
                                "newest first (double-click to read):")
        for passage_id in cell.passages:
            found = self.rows[passage_id]
            when = long_date(found.date) if found.published else "undated"
            item = QListWidgetItem(f"“{found.quote[:140]}” — {found.title}, {when}")
            item.setData(Qt.ItemDataRole.UserRole, passage_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        return list(cell.passages)

    # -- acting ------------------------------------------------------------------------

    def compare_two(self) -> bool:
        """The two selected passages (else the cell's first two) side by side."""
        chosen = [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]
        if len(chosen) != 2:
            chosen = [self.list.item(n).data(Qt.ItemDataRole.UserRole)
                      for n in range(min(2, self.list.count()))]
        if len(chosen) != 2:
            self.cell_label.setText("Choose a cell with two or more passages to compare.")
            return False
        self.compareRequested.emit(chosen[0], chosen[1])
        return True

    def move_actor(self, steps: int) -> bool:
        """Move the current row's actor up or down (0: back to the default order); the
        briefing orders its actors the same way."""
        actors = [a for a, _ in self.matrix.actors if a != NO_ACTOR]
        row = self.table.currentRow()
        if steps == 0:
            order: list[str] = []
        elif 0 <= row < len(actors) and 0 <= row + steps < len(actors):
            order = list(actors)
            order.insert(row + steps, order.pop(row))
        else:
            return False
        try:
            self.session.store.update_settings(actor_order=order)
        except WorkbenchError as exc:
            self.cell_label.setText(f"The order was not saved: {exc}")
            return False
        column = self.table.currentColumn()
        self.matrix = reordered(self.matrix, order)  # nothing to read or count again
        self.show_matrix()
        if steps:
            self.table.setCurrentCell(row + steps, max(column, 0))
        return True

    def save_chart(self, path: str | None = None) -> str | None:
        """The shown tab's chart as PNG or SVG (by the name's ending); the path written."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Save Chart", "stance-matrix.png" if self.tabs.currentIndex() == 0
                else "red-lines.png", "PNG picture (*.png);;SVG drawing (*.svg)")
        if not path:
            return None
        fmt: Format = "svg" if path.lower().endswith(".svg") else "png"
        target = Path(path if path.lower().endswith(f".{fmt}") else f"{path}.{fmt}")
        draw = matrix_chart if self.tabs.currentIndex() == 0 else timeline_chart
        picture = draw(self.matrix, fmt)
        try:
            with replacing(target, protected=[p for p in [self.session.store.path] if p]) \
                    as temporary:
                temporary.write_bytes(picture)
        except (WorkbenchError, OSError) as exc:
            self.session.failed.emit(f"The chart was not saved: {exc}")
            return None
        return str(target)
