"""A document's details as a user edits them: cleaned, checked, one undoable edit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from workbench.edits import ChangeRecord, change_document
from workbench.errors import WorkbenchError
from workbench.importers.article import iso_date
from workbench.model import Document
from workbench.store.fields import DocumentFields

DETAILS = ("title", "source", "author", "published", "url", "language")


def details_edit(document: Document, given: Mapping[str, str | None],
                 *, label: str = "Change details") -> ChangeRecord | None:
    """The edit that sets the details given (``None`` leaves one as it is).

    Values are stripped and a date put in ISO form when it clearly is one; only
    what differs from the document is changed, and ``None`` comes back when
    nothing does.  An empty title is refused.
    """
    unknown = set(given) - set(DETAILS)
    if unknown:
        raise ValueError(f"Not a document detail: {', '.join(sorted(unknown))}")
    cleaned = {k: v.strip() for k, v in given.items() if v is not None}
    if cleaned.get("published"):
        cleaned["published"] = iso_date(cleaned["published"])
    if cleaned.get("title") == "":
        raise WorkbenchError("A document needs a title.")
    changed = {k: v for k, v in cleaned.items() if v != getattr(document, k)}
    if not changed:
        return None
    return change_document(document.id, label=label, **cast(DocumentFields, changed))
