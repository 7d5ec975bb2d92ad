"""Bringing articles into a project: files, folders and pasted text.

Each file is read and normalised first; only a file that passed is written,
so a refused file leaves the project exactly as it was.  The same text is
recognised by its fingerprint and never stored twice; a changed text of a
stored article (same address, or same title and outlet) is a new version of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from workbench.errors import ImportRefused, WorkbenchError
from workbench.importers import DEFAULT_MAX_BYTES, Article, iter_supported_files, read_article
from workbench.importers.failures import refusal
from workbench.library.new_versions import carry_over, earlier_version
from workbench.model import Document
from workbench.store import Store


class Outcome(StrEnum):
    """What happened to one file."""

    ADDED = "added"
    NEW_VERSION = "new version"  # of a document in the project; its passages carried over
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportResult:
    """The result of importing one file: the document, or why there is none."""

    path: Path
    outcome: Outcome
    document: Document | None = None
    message: str = ""


def live_titles(store: Store, document_ids: Iterable[str]) -> dict[str, str]:
    """Title by id of those of these documents that are live (cheap: by primary key)."""
    return store.documents.live_titles(list(document_ids))


def store_article(store: Store, article: Article, *, filename: str = "") -> ImportResult:
    """Add an article unless the same text is already in the project."""
    path = Path(filename)
    existing = store.documents.by_sha(article.sha256)
    if existing is not None:
        return ImportResult(path, Outcome.DUPLICATE, existing,
                            f"already in the project as '{existing.title}'")
    meta = {**article.meta, "format": article.format, "filename": filename}
    with store.transaction():
        earlier = earlier_version(store, article)
        document = store.documents.add(
            title=article.title, text=article.text, sha256=article.sha256,
            blocks=article.blocks, meta=meta, version_of=earlier.id if earlier else None)
        if earlier is None:
            return ImportResult(path, Outcome.ADDED, document)
        carried = carry_over(store, earlier, document)
    return ImportResult(path, Outcome.NEW_VERSION, document,
                        f"a new version of '{earlier.title}': {carried.sentence()}")


def import_file(store: Store, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportResult:
    """Import one file in its own transaction; any refusal becomes a FAILED result."""
    try:
        article = read_article(path, max_bytes=max_bytes)
    except ImportRefused as exc:
        return ImportResult(path, Outcome.FAILED, message=str(exc))
    except Exception as exc:  # one file's failure never ends a folder's import
        return ImportResult(path, Outcome.FAILED, message=str(refusal(path.name, exc)))
    return store_parsed(store, path, article)


def store_parsed(store: Store, path: Path, article: Article) -> ImportResult:
    """Store one parsed file; a failure to save it (disk full, locked) is its result too."""
    try:
        return store_article(store, article, filename=path.name)
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
    on_result: Callable[[ImportResult], bool | None] | None = None,
) -> list[ImportResult]:
    """Import files and folders, each file in its own transaction.

    One bad file never costs the others: it is listed with its reason and the
    rest go on.  ``on_result`` sees each result as it comes; returning ``False``
    stops (what was imported so far stays).
    """
    results: list[ImportResult] = []
    for path in expand_paths(paths):
        result = import_file(store, path, max_bytes=max_bytes)
        results.append(result)
        if on_result is not None and on_result(result) is False:
            break
    return results
