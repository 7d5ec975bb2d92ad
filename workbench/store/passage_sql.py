"""The SQL condition of a :class:`~workbench.model.PassageFilter` (used by the Store only)."""

from __future__ import annotations

from typing import Any

from workbench.model import NO_ACTOR, PassageFilter

# A document's date: its publication date, or its import date when it has none.
DOCUMENT_DATE = "substr(coalesce(nullif(d.published, ''), d.imported_at), 1, 10)"


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({','.join('?' * len(values))})"


def filter_condition(passage_filter: PassageFilter) -> tuple[str, list[Any]]:
    """The condition over ``annotations a JOIN documents d``, and its parameters."""
    f = passage_filter
    clauses = ["a.deleted_at IS NULL", "d.deleted_at IS NULL"]
    params: list[Any] = []
    for column, values in (("a.document_id", f.documents), ("a.tag_id", f.tags),
                           ("a.status", f.statuses), ("a.analyst", f.analysts)):
        if values:
            clauses.append(_in(column, sorted(values)))
            params += sorted(values)
    if f.actors:
        named = sorted(v for v in f.actors if v != NO_ACTOR)
        options = [_in("a.actor_id", named)] if named else []
        if NO_ACTOR in f.actors:
            options.append("a.actor_id IS NULL")
        clauses.append(f"({' OR '.join(options)})")
        params += named
    for bound, operator in ((f.since, ">="), (f.until, "<=")):
        if bound:
            clauses.append(f"{DOCUMENT_DATE} {operator} ?")
            params.append(bound[:10])
    if f.text.strip():
        clauses.append("(instr(lower(a.exact), ?) OR instr(lower(a.note), ?) "
                       "OR instr(lower(d.title), ?))")
        params += [f.text.strip().lower()] * 3
    return " AND ".join(clauses), params
