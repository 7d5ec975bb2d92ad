"""A project's history as people read it: when, who (in which role), what happened to
which passage (tag · actor · "quote…"), the verdict and its comment.

The command line's ``history`` and the window's History dialog both speak this way;
``history --json`` keeps the ids.
"""

from __future__ import annotations

import json

from workbench.review.workflow import status_label
from workbench.store.history import HistoryEntry

QUOTE_CHARS = 60
_FIELDS = {"tag_id": "tag", "actor_id": "actor", "note": "note", "start": "span",
           "end": "span", "exact": "span", "prefix": "span", "suffix": "span",
           "document_id": "document", "anchor_status": "anchoring", "doc_sha256": "document",
           "status": "status", "name": "name", "aliases": "aliases", "color": "colour",
           "shortcut": "key", "description": "description", "title": "title",
           "comment": "comment", "verdict": "verdict"}
_VERDICTS = {"accepted": "accepted", "rejected": "rejected", "submitted": "submitted",
             "changes_requested": "asked for changes to", "draft": "returned to draft",
             "comment": "commented on"}
_KINDS = {"annotations": "passage", "reviews": "review", "documents": "document",
          "tags": "tag", "actors": "actor", "brief": "briefing part"}


def when(entry: HistoryEntry) -> str:
    """'2026-12-08 14:03' (the minute is what a reader needs; --json keeps the rest)."""
    return entry.at[:16].replace("T", " ")


def person(entry: HistoryEntry) -> str:
    """'Ana (analyst)'."""
    return f"{entry.who} ({entry.role})" if entry.role else entry.who


def passage_words(entry: HistoryEntry) -> str:
    """'Criticism · Ukraine · “accused Moscow of using food…”'."""
    quote = " ".join(entry.quote.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS - 1].rstrip() + "…"
    parts = [entry.tag, entry.actor, f"“{quote}”" if quote else ""]
    return " · ".join(p for p in parts if p)


def fields_changed(detail: str) -> str:
    """'actor and note' from the JSON list of columns a change wrote."""
    try:
        columns = json.loads(detail) if detail else []
    except ValueError:
        return ""
    names = list(dict.fromkeys(_FIELDS.get(c, c.replace("_", " ")) for c in columns
                               if c not in ("updated_at", "rev")))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}" \
        if names else ""


def what_happened(entry: HistoryEntry) -> str:
    """What the entry did, in words (without when and who)."""
    kind = _KINDS.get(entry.kind, entry.kind)
    if entry.action == "merge":
        return entry.detail
    if entry.action == "import":
        return f"imported {entry.detail}"
    if entry.kind == "reviews":
        return _review(entry)
    target = passage_words(entry) if entry.kind == "annotations" else \
        (f"“{entry.name}”" if entry.name else entry.row_id[:8])
    if entry.action == "add":
        return f"added {kind} {target}" if entry.kind != "documents" else \
            f"imported the document {target}"
    if entry.action in ("delete", "restore"):
        return f"{entry.action}d {kind} {target}"
    changed = fields_changed(entry.detail)
    return f"changed the {changed} of {kind} {target}" if changed else \
        f"changed {kind} {target}"


def _review(entry: HistoryEntry) -> str:
    verb = _VERDICTS.get(entry.verdict, status_label(entry.verdict))
    if entry.action == "delete":
        verb = f"withdrew the verdict '{status_label(entry.verdict)}' on"
    comment = " ".join(entry.comment.split())
    said = f" — “{comment}”" if comment else ""
    return f"{verb} passage {passage_words(entry)}{said}"


def in_words(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """The entries a reader needs: a passage's status following its verdict is said by
    the verdict's own entry, so that change is left out."""
    return [e for e in entries if not (e.kind == "annotations" and e.action == "change"
                                       and e.detail == '["status"]')]


def history_line(entry: HistoryEntry) -> str:
    """One step as a line: '2026-12-08 14:03  Ana (analyst)  changed the actor of …'."""
    return f"{when(entry)}  {person(entry)}  {what_happened(entry)}"


def history_json(entry: HistoryEntry) -> dict[str, object]:
    """One step for ``history --json``: the words and the ids."""
    return {"at": entry.at, "who": entry.who, "role": entry.role, "action": entry.action,
            "kind": entry.kind, "id": entry.row_id, "document_id": entry.document_id,
            "detail": entry.detail, "tag": entry.tag, "actor": entry.actor,
            "quote": entry.quote, "verdict": entry.verdict, "comment": entry.comment,
            "text": what_happened(entry)}
