"""Filling a filter's combo box again without losing, or announcing, what was chosen."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, everything: str, items: Iterable[tuple[str, object]],
           chosen: object = None) -> None:
    """``everything`` (no filter) first, then ``(text, data)`` items; keeps ``chosen``.

    No change signal is sent: only a person's choice is one.
    """
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
