"""Agreement between analysts: scores per tag and pair (over all documents and per
document), alpha per tag, and the stretches of text they tagged differently, each
analyst's tag and actor side by side.

Double-click (or Enter on) a disagreement to see its document in the compare
view in front, one analyst each side, the passage and its cards in view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.team.tables import fill, report_table
from workbench.team.agreement import AgreementReport, Disagreement, score_text

SCORES = ("Document", "Tag", "First analyst", "Second analyst", "First's passages",
          "Second's passages", "Paired", "Precision", "Recall", "F1")
ALL_DOCUMENTS = "All documents"


def _table(parent: QWidget, headers: tuple[str, ...], name: str,
           rows: list[list[str]]) -> QTableWidget:
    table = report_table(parent, headers, name)
    fill(table, rows)
    return table


class AgreementDialog(QDialog):
    """The agreement report of the project (or one document)."""

    # document id, first analyst, second analyst, their passages there ('' where none)
    compareRequested = Signal(str, str, str, str, str)

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
            [titles.get(p.document_id, "?") if p.document_id else ALL_DOCUMENTS, p.tag,
             p.first, p.second, str(p.first_count), str(p.second_count), str(p.matched),
             score_text(p.precision), score_text(p.recall), score_text(p.f1)]
            for p in [*report.pairs, *report.per_document]])
        self.scores.setColumnWidth(0, 200)  # long titles elide; the scores stay in view
        self.scores.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.scores, 1)
        layout.addWidget(QLabel(
            f"{len(report.disagreements)} stretch(es) of text the analysts tagged differently, "
            "each analyst's tag and actor side by side (double-click or Enter: compare):",
            self))
        self.disagreements = _table(
            self, ("Document", "Words", *report.analysts), "agreementDisagreements",
            [[titles.get(d.document_id, "?"), " ".join(d.quote.split())[:160],
              *(d.cell(a) if a in d.readings else "(not tagged)" for a in report.analysts)]
             for d in report.disagreements])
        self.disagreements.setWordWrap(True)
        self.disagreements.setColumnWidth(0, 160)
        self.disagreements.setColumnWidth(1, 360)
        self.disagreements.resizeRowsToContents()
        self.disagreements.activated.connect(lambda index: self._compare(index.row()))
        self.disagreements.cellDoubleClicked.connect(lambda row, _c: self._compare(row))
        layout.addWidget(self.disagreements, 2)
        self.resize(980, 640)

    def _compare(self, row: int) -> None:
        item: Disagreement = self.report.disagreements[row]
        first, second = item.apart()

        def passage(analyst: str) -> str:
            readings = item.readings.get(analyst, ())
            return readings[0].annotation_id if readings else ""
        self.compareRequested.emit(item.document_id, first, second, passage(first),
                                   passage(second))
