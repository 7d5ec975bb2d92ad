"""The kinds of export, by name: what each writes and where its writer lives.

Light on purpose (no writer is imported here): the command line lists these
names in its help, and the export dialog its labels, without loading Word or
JSON libraries; :mod:`exports.run` loads the writer of the kind asked for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportKind:
    """One kind of export: its name, its label, what it writes, and its writer's place."""

    name: str
    label: str
    suffix: str  # "" for a folder
    writer: str  # "module:function" in exports


KINDS: dict[str, ExportKind] = {k.name: k for k in (
    ExportKind("briefing", "Word briefing", ".docx", "briefing:write_briefing"),
    ExportKind("annotated", "Annotated copy (Word, with comments)", ".docx",
               "annotated:write_annotated_copy"),
    ExportKind("csv", "CSV, one row per passage", ".csv", "tabular:write_csv"),
    ExportKind("jsonl", "JSON Lines, one object per passage", ".jsonl",
               "tabular:write_jsonl"),
    ExportKind("w3c", "W3C Web Annotation (JSON-LD)", ".jsonld", "w3c:write_w3c"),
    ExportKind("brat", "brat standoff (a folder)", "", "brat:write_brat"),
)}
