"""Agreement between analysts: scores per tag and pair, alpha per tag, the disagreements.

Double-click (or Enter on) a disagreement to see its document in the compare
view, one analyst each side.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.team.tables import fill, report_table
from workbench.team.agreement import AgreementReport, Disagreement, score_text

SCORES = ("Tag", "First analyst", "Second analyst", "First's passages", "Second's passages",
          "Paired", "Precision", "Recall", "F1")
DISAGREEMENTS = ("Document", "Tag", "Analyst", "Passage", "No match from")


def _table(parent: QWidget, headers: tuple[str, ...], name: str,
           rows: list[list[str]]) -> QTableWidget:
    table = report_table(parent, headers, name)
    fill(table, rows)
    return table


class AgreementDialog(QDialog):
    """The agreement report of the project (or one document)."""

    compareRequested = Signal(str, str, str)  # document id, first analyst, second analyst

    def __init__(self, report: AgreementReport, titles: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementDialog")
        self.setWindowTitle("Agreement Between Analysts")
        self.report = report
        layout = QVBoxLayout(self)
        alphas = ", ".join(f"{tag} {score_text(a)}"
                           for tag, a in sorted(report.alphas.items()))
        summary = QLabel(
            f"{len(report.documents)} document(s) tagged by two or more analysts. Passages "
            "of the same tag pair up when they overlap by half their union or more. "
            f"Krippendorff's alpha per tag (over characters): {alphas or 'n/a'}.", self)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.scores = _table(self, SCORES, "agreementScores", [
            [p.tag, p.first, p.second, str(p.first_count), str(p.second_count), str(p.matched),
             score_text(p.precision), score_text(p.recall), score_text(p.f1)]
            for p in report.pairs])
        layout.addWidget(self.scores, 1)
        layout.addWidget(QLabel(f"{len(report.disagreements)} passage(s) without a match "
                                "(double-click to compare):", self))
        self.disagreements = _table(self, DISAGREEMENTS, "agreementDisagreements", [
            [titles.get(d.document_id, "?"), d.tag, d.analyst, d.quote[:120],
             ", ".join(d.unmatched_by)] for d in report.disagreements])
        self.disagreements.setColumnWidth(3, 380)  # the quote; "No match from" stays in view
        self.disagreements.activated.connect(lambda index: self._compare(index.row()))
        self.disagreements.cellDoubleClicked.connect(lambda row, _c: self._compare(row))
        layout.addWidget(self.disagreements, 2)
        self.resize(900, 600)

    def _compare(self, row: int) -> None:
        item: Disagreement = self.report.disagreements[row]
        self.compareRequested.emit(item.document_id, item.analyst, item.unmatched_by[0])

