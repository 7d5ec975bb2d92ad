"""A correction to pdfminer's layout, applied when PDFs are read: the same file, the same text.

pdfminer orders text boxes by merging the closest pairs first, keeping the
pairs in a heap of ``(skip, distance, id(box1), id(box2), ...)``.  When two
distances are equal (a table of contents: "2.1" and "3.1" the same distance
from their neighbours) the tie falls to ``id()``, a memory address, so one
file read twice could give its boxes in two orders, and then two texts: the
store would not know it for the same document, and a re-import would look
like an edit.  Here the layout module's ``id`` numbers each object the first
time it is seen, so ties fall to the order in which the boxes were found on
the page.
"""

from __future__ import annotations

import itertools

from pdfminer import layout

_numbers = itertools.count()


def _first_seen(element: object) -> int:
    """A number for the element, the same each time it is asked, rising in the order
    elements are first asked about."""
    number: int | None = getattr(element, "_found_as", None)
    if number is None:
        number = next(_numbers)
        element._found_as = number  # type: ignore[attr-defined]
    return number


def order_ties_by_position() -> None:
    """Install the correction (once; installing it again changes nothing)."""
    layout.id = _first_seen  # type: ignore[attr-defined]
