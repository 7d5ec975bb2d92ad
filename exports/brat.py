"""brat standoff: a folder with ``.txt`` and ``.ann`` per document and an ``annotation.conf``.

Offsets are code points into the ``.txt``, which holds the document's text
unchanged.  A passage that crosses line breaks is written as brat's
discontinuous span (one fragment per line); the actor and the note go into an
``AnnotatorNotes`` line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from exports.common import Progress, report
from workbench.errors import WorkbenchError
from workbench.selection import Passage, Selection

_NOT_NAME = re.compile(r"[^0-9A-Za-z_]+")


def entity_type(tag_name: str) -> str:
    """A tag name as a brat type (letters, digits and underscores)."""
    return _NOT_NAME.sub("_", tag_name).strip("_") or "Tag"


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks, without empty pieces."""
    pieces, at = [], start
    for match in re.finditer(r"\n+", text[start:end]):
        if start + match.start() > at:
            pieces.append((at, start + match.start()))
        at = start + match.end()
    if end > at:
        pieces.append((at, end))
    return pieces or [(start, end)]


def _one_line(value: str) -> str:
    return " ".join(value.split())


def ann_lines(text: str, passages: list[Passage]) -> list[str]:
    """The ``.ann`` lines of one document's passages."""
    lines = []
    for n, passage in enumerate(passages, 1):
        a = passage.annotation
        spans = fragments(text, a.start, a.end)
        where = ";".join(f"{s} {e}" for s, e in spans)
        quote = " ".join(text[s:e] for s, e in spans)
        lines.append(f"T{n}\t{entity_type(passage.tag.name)} {where}\t{_one_line(quote)}")
        said = " — ".join(x for x in (f"Actor: {passage.actor_name}" if passage.actor_name
                                      else "", a.note) if x)
        if said:
            lines.append(f"#{n}\tAnnotatorNotes T{n}\t{_one_line(said)}")
    return lines


class FolderInUse(WorkbenchError):
    """The output folder holds files that are not a brat export; nothing is touched."""


def _refuse_foreign_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise FolderInUse(f"{folder} is a file; brat export writes a folder.")
    if folder.is_dir():
        foreign = [p.name for p in folder.iterdir()
                   if p.suffix not in (".txt", ".ann") and p.name != "annotation.conf"]
        if foreign:
            raise FolderInUse(f"{folder} holds other files ({', '.join(sorted(foreign)[:3])}); "
                              "choose a new or empty folder for the brat export.")


def write_brat(selection: Selection, folder: Path, progress: Progress | None = None) -> Path:
    """Write the standoff files into ``folder`` (replaced only when all are written)."""
    _refuse_foreign_folder(folder)
    staging = folder.with_name(f".{folder.name}.part")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        types = sorted({entity_type(t.name) for t in selection.tags})
        (staging / "annotation.conf").write_text(
            "[entities]\n" + "\n".join(types) + "\n\n[relations]\n\n[events]\n\n"
            "[attributes]\n", encoding="utf-8")
        for number, document in enumerate(selection.documents, 1):
            report(progress, number, len(selection.documents))
            stem = f"{number:03d}-{_NOT_NAME.sub('-', document.title).strip('-')[:60]}"
            (staging / f"{stem}.txt").write_text(document.text, encoding="utf-8",
                                                 errors="replace", newline="")
            lines = ann_lines(document.text, selection.passages_of(document.id))
            (staging / f"{stem}.ann").write_text("".join(f"{x}\n" for x in lines),
                                                 encoding="utf-8", errors="replace")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder
