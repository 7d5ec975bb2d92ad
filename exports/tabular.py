"""One row per annotation: CSV (for spreadsheets) and JSON Lines (for scripts)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from exports.common import Progress, replacing, report
from workbench.briefing.selection import Passage, Selection

COLUMNS = ("id", "document_id", "document_title", "document_sha256", "start", "end", "quote",
           "prefix", "suffix", "tag", "actor", "note", "analyst", "status", "anchor_status",
           "created_at", "updated_at")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def passage_row(passage: Passage) -> dict[str, Any]:
    """The flat record of one passage (the keys of :data:`COLUMNS`)."""
    a, d = passage.annotation, passage.document
    return {"id": a.id, "document_id": d.id, "document_title": d.title,
            "document_sha256": d.sha256, "start": a.start, "end": a.end, "quote": a.exact,
            "prefix": a.prefix, "suffix": a.suffix, "tag": passage.tag.name,
            "actor": passage.actor_name, "note": a.note, "analyst": a.analyst,
            "status": a.status, "anchor_status": a.anchor_status,
            "created_at": a.created_at, "updated_at": a.updated_at}


def _rows(selection: Selection, progress: Progress | None) -> Iterator[dict[str, Any]]:
    total = len(selection.passages)
    for n, passage in enumerate(selection.passages, 1):
        if n % 5000 == 0:
            report(progress, n, total)
        yield passage_row(passage)


def _spreadsheet_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(selection: Selection, path: Path, progress: Progress | None = None) -> Path:
    """UTF-8 CSV with a header row (and a BOM, so that Excel reads it as UTF-8)."""
    with replacing(path) as temporary, temporary.open("w", encoding="utf-8-sig", errors="replace",
                                                      newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in _rows(selection, progress):
            writer.writerow({k: _spreadsheet_safe(v) for k, v in row.items()})
    return path


def write_jsonl(selection: Selection, path: Path, progress: Progress | None = None) -> Path:
    """One JSON object per line, UTF-8, nothing escaped that need not be."""
    with replacing(path) as temporary, temporary.open("w", encoding="utf-8", errors="replace",
                                                      newline="\n") as out:
        for row in _rows(selection, progress):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
