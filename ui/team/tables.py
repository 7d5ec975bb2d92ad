"""The read-only tables the team dialogs show: one helper to make and fill them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

TABLE_NAMES = {"orphansTable": "Orphaned passages", "conflictsTable": "Open conflicts",
               "agreementScores": "Agreement scores",
               "agreementDisagreements": "Stretches tagged differently"}


def report_table(parent: QWidget, headers: Sequence[str], name: str, *,
                 single: bool = False) -> QTableWidget:
    """A read-only table of whole rows (one row selectable at a time if ``single``); one
    Tab stop (arrows move inside), named for screen readers."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setAccessibleName(TABLE_NAMES.get(name, name))
    table.setTabKeyNavigation(False)  # Tab leaves the table: no keyboard trap
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Put these rows of text in the table, replacing what it showed."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
