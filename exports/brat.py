"""brat standoff: a folder with ``.txt`` and ``.ann`` per document and an ``annotation.conf``.

Offsets are code points into the ``.txt``, which holds the document's text
unchanged.  A passage that crosses line breaks is written as brat's
discontinuous span (one fragment per line); the actor and the note go into an
``AnnotatorNotes`` line.
"""

from __future__ import annotations

import re
from pathlib import Path

from exports.common import Progress, replacing, report
from workbench.briefing.selection import Passage, Selection
from workbench.errors import WorkbenchError

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
    """The output is a file, or a folder that cannot take the export; nothing is touched."""


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise FolderInUse(f"{folder} is a file; brat export writes a folder.")
    if not folder.parent.is_dir():
        raise FolderInUse(f"Cannot write {folder}: the folder {folder.parent} does not exist.")


def write_brat(selection: Selection, folder: Path, progress: Progress | None = None) -> Path:
    """Write the standoff files into ``folder``: only its own files, each replaced whole.

    Files already in the folder under other names are left alone, never deleted;
    a file of the same name is replaced only once its new version is complete.
    """
    _check_folder(folder)
    folder.mkdir(exist_ok=True)
    types = sorted({entity_type(t.name) for t in selection.tags})
    _write(folder / "annotation.conf", "[entities]\n" + "\n".join(types)
           + "\n\n[relations]\n\n[events]\n\n[attributes]\n")
    for number, document in enumerate(selection.documents, 1):
        report(progress, number, len(selection.documents))
        stem = f"{number:03d}-{_NOT_NAME.sub('-', document.title).strip('-')[:60]}"
        lines = ann_lines(document.text, selection.passages_of(document.id))
        _write(folder / f"{stem}.txt", document.text)
        _write(folder / f"{stem}.ann", "".join(f"{x}\n" for x in lines))
    return folder


def _write(path: Path, text: str) -> None:
    with replacing(path) as temporary:
        temporary.write_text(text, encoding="utf-8", errors="replace", newline="")
