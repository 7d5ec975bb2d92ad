"""Bringing articles into a project: files, folders and pasted text.

Each file is read and normalised first; only a file that passed is written,
so a refused file leaves the project exactly as it was.  The same text is
recognised by its fingerprint and never stored twice; a changed text of a
stored article (same address, or same title and outlet) is a new version of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from workbench.errors import ImportRefused, WorkbenchError
from workbench.importers import DEFAULT_MAX_BYTES, Article, iter_supported_files, read_article
from workbench.importers.failures import refusal
from workbench.library.new_versions import carry_over, earlier_version, likely_version
from workbench.model import Document
from workbench.store import Store
from workbench.store.journal import RecordedWrites


class Outcome(StrEnum):
    """What happened to one file."""

    ADDED = "added"
    NEW_VERSION = "new version"  # of a document in the project; its passages carried over
    DUPLICATE = "duplicate"
    HELD = "held"  # much like a document of the same title: stored once the user says how
    FAILED = "failed"


@dataclass(frozen=True)
class ImportResult:
    """The result of importing one file: the document, or why there is none."""

    path: Path
    outcome: Outcome
    document: Document | None = None
    message: str = ""
    candidate: Document | None = None  # (held) the document it is probably a version of
    edit: RecordedWrites | None = None  # (a new version) undoes the import as one step


@dataclass(frozen=True)
class AsVersion:
    """How to store one file: as a new version of a document (its id), as a document of
    its own even if it looks like a version (``separate``), or as the rules decide."""

    of: str | None = None
    separate: bool = False


def live_titles(store: Store, document_ids: Iterable[str]) -> dict[str, str]:
    """Title by id of those of these documents that are live (cheap: by primary key)."""
    return store.documents.live_titles(list(document_ids))


def store_article(store: Store, article: Article, *, filename: str = "",
                  how: AsVersion = AsVersion(), record: bool = False) -> ImportResult:
    """Add an article unless the same text is already in the project; a new version of
    a document (by its address, title and outlet, or as ``how`` says) carries its
    passages over; one much like a document of the same title is held (not stored) for
    the user to say which it is.  ``record``: a new version can be undone in one step."""
    path = Path(filename)
    existing = store.documents.by_sha(article.sha256)
    if existing is not None:
        return ImportResult(path, Outcome.DUPLICATE, existing,
                            f"already in the project as '{existing.title}'")
    earlier = _earlier(store, article, how)
    if earlier is None and not how.separate and (likely := likely_version(store, article)):
        document, score = likely
        return ImportResult(path, Outcome.HELD, candidate=document, message=(
            f"looks like a new version of '{document.title}' ({score:.0%} the same text)"))
    meta = {**article.meta, "format": article.format, "filename": filename}
    with store.transaction():
        if earlier is None:
            document = store.documents.add(title=article.title, text=article.text,
                                           sha256=article.sha256, blocks=article.blocks,
                                           meta=meta)
            return ImportResult(path, Outcome.ADDED, document)
        with ExitStack() as recorded:
            steps = recorded.enter_context(store.recording()) if record else []
            document = store.documents.add(
                title=article.title, text=article.text, sha256=article.sha256,
                blocks=article.blocks, meta=meta, version_of=earlier.id)
            carried = carry_over(store, earlier, document)
    edit = RecordedWrites(steps, f"Import new version of '{earlier.title}'") if record else None
    return ImportResult(path, Outcome.NEW_VERSION, document,
                        f"a new version of '{earlier.title}': {carried.sentence()}", edit=edit)


def _earlier(store: Store, article: Article, how: AsVersion) -> Document | None:
    """The document this article is a new version of, if any."""
    if how.of is None:
        return None if how.separate else earlier_version(store, article)
    earlier = store.documents.get(how.of)
    if earlier.deleted_at is not None:
        raise WorkbenchError(f"'{earlier.title}' is deleted; restore it first.")
    return earlier


def import_file(store: Store, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                how: AsVersion = AsVersion()) -> ImportResult:
    """Import one file in its own transaction; any refusal becomes a FAILED result."""
    try:
        article = read_article(path, max_bytes=max_bytes)
    except ImportRefused as exc:
        return ImportResult(path, Outcome.FAILED, message=str(exc))
    except Exception as exc:  # one file's failure never ends a folder's import
        return ImportResult(path, Outcome.FAILED, message=str(refusal(path.name, exc)))
    return store_parsed(store, path, article, how=how)


def store_parsed(store: Store, path: Path, article: Article, *, how: AsVersion = AsVersion(),
                 record: bool = False) -> ImportResult:
    """Store one parsed file; a failure to save it (disk full, locked) is its result too."""
    try:
        return replace(store_article(store, article, filename=path.name, how=how,
                                     record=record), path=path)
    except WorkbenchError as exc:
        return ImportResult(path, Outcome.FAILED, message=f"{path.name}: {exc}")
    except (ValueError, sqlite3.Error) as exc:  # text the file cannot hold: this file only
        return ImportResult(path, Outcome.FAILED,
                            message=f"{path.name} could not be stored ({exc}).")


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and every supported file inside folders given."""
    for path in paths:
        if path.is_dir():
            yield from iter_supported_files(path)
        else:
            yield path


def import_paths(
    store: Store, paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
    on_result: Callable[[ImportResult], bool | None] | None = None, how: AsVersion = AsVersion(),
) -> list[ImportResult]:
    """Import files and folders, each file in its own transaction.

    One bad file never costs the others: it is listed with its reason and the
    rest go on.  ``on_result`` sees each result as it comes; returning ``False``
    stops (what was imported so far stays).
    """
    results: list[ImportResult] = []
    for path in expand_paths(paths):
        result = import_file(store, path, max_bytes=max_bytes, how=how)
        results.append(result)
        if on_result is not None and on_result(result) is False:
            break
    return results
