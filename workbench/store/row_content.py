"""What a row says, per table: the fields a merge compares, copies and merges one by one.

Kept apart so that every write (:mod:`workbench.store.records`) can remember what a
row said before it changed, and a merge (:mod:`workbench.store.merging`) can compare
three versions field by field.
"""

from __future__ import annotations

# What a row says, per table: the fields a merge compares and copies.  A
# passage's status is left out: it follows the review rows, which merge on
# their own, and is recomputed from them.
CONTENT: dict[str, tuple[str, ...]] = {
    "documents": ("title", "source", "author", "published", "url", "language", "deleted_at"),
    "tags": ("name", "color", "shortcut", "description", "sort_order", "deleted_at"),
    "actors": ("name", "aliases", "color", "deleted_at"),
    "annotations": ("document_id", "start", "end", "exact", "prefix", "suffix", "tag_id",
                    "actor_id", "note", "analyst", "anchor_status", "doc_sha256",
                    "deleted_at"),
    "reviews": ("deleted_at",),
    "brief": ("kind", "text", "section", "cites", "position", "deleted_at"),
}


def content_json_sql(table: str) -> str:
    """An SQL expression giving a row's content as JSON (``json_object``) in one query."""
    return "json_object(" + ", ".join(f"'{n}', \"{n}\"" for n in CONTENT[table]) + ")"
