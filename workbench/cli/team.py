"""Command-line commands of team work: merge, conflicts, resolve, orphans, agreement.

"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from workbench.cli.base import AppContext, annotation_json, apply_edit, command, emit_json, say
from workbench.errors import WorkbenchError
from workbench.library.new_versions import orphans
from workbench.store import Store
from workbench.team.agreement import agreement, score_text
from workbench.team.conflicts import (
    Conflict,
    Keep,
    ResolveConflict,
    describe_version,
    find_conflict,
    list_conflicts,
)
from workbench.team.merge import merge_project


@command("merge")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="SOURCE.wbproj...")
def merge(app: AppContext, sources: tuple[Path, ...]) -> None:
    """Merge analysts' project files into this project (each in one transaction)."""
    store = app.store()
    failed = 0
    for source in sources:
        try:
            summary = merge_project(store, source)
        except WorkbenchError as exc:
            failed += 1
            say(f"{source}: not merged: {exc}", err=True)
            continue
        say(f"{source}: {'merged' if summary.changed() else 'nothing new'}")
        for line in summary.lines():
            say(f"  {line}")
    open_conflicts = len(list_conflicts(store))
    if open_conflicts:
        say(f"{open_conflicts} conflict(s) to resolve: see 'workbench conflicts'.")
    if failed:
        raise WorkbenchError(f"{failed} project(s) could not be merged (see above).")


def conflict_json(store: Store, conflict: Conflict) -> dict[str, Any]:
    """A conflict as ``conflicts --json`` prints it."""
    key = "annotation_id" if conflict.kind == "annotations" else "row_id"
    return {"id": conflict.id, "kind": conflict.kind, key: conflict.row_id,
            "source": conflict.source,
            "ours": describe_version(store, conflict.kind, conflict.ours),
            "theirs": describe_version(store, conflict.kind, conflict.theirs)}


@command("conflicts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def conflicts(app: AppContext, as_json: bool) -> None:
    """Conflicts left by merges: rows both sides changed."""
    store = app.store()
    found = [conflict_json(store, c) for c in list_conflicts(store)]
    if as_json:
        emit_json(found)
        return
    if not found:
        say("No conflicts.")
    for item in found:
        row = item.get("annotation_id") or item["row_id"]
        say(f"{item['id'][:8]}  {item['kind']} {row[:8]}  from {item['source']}")
        for side in ("ours", "theirs"):
            values = item[side]
            text = " · ".join(f"{k}: {v}" for k, v in values.items() if v not in ("", None))
            say(f"    {side:<7} {text}")


@command("resolve")
@click.argument("ref", metavar="ID")
@click.option("--keep", type=click.Choice([k.value for k in Keep]), required=True,
              help="ours, theirs, or both (a passage only: theirs becomes a passage too).")
def resolve(app: AppContext, ref: str, keep: str) -> None:
    """Resolve a conflict (its id, or its passage's id): one undoable edit."""
    store = app.store()
    conflict = find_conflict(store, ref)
    apply_edit(store, ResolveConflict(conflict.id, Keep(keep)))
    say(f"Resolved {conflict.id[:8]}: kept {keep}.")


@command("orphans")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_orphans(app: AppContext, as_json: bool) -> None:
    """Passages whose text could not be found on their article's current version."""
    store = app.store()
    found = orphans(store)
    if as_json:
        emit_json(annotation_json(store, found))
        return
    if not found:
        say("No orphans.")
    titles = dict(store.documents.titles())
    for passage in found:
        say(f"{passage.id[:8]}  “{passage.exact[:70]}”  in '{titles.get(passage.document_id, '?')}'"
            f"  ({passage.analyst or 'unknown'})")


@command("agreement")
@click.option("--doc", "docs", multiple=True, metavar="DOC", help="Only these documents.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show_agreement(app: AppContext, docs: tuple[str, ...], as_json: bool) -> None:
    """Agreement between analysts on the documents two or more of them tagged."""
    store = app.store()
    ids = [store.documents.resolve(d).id for d in docs] if docs else None
    report = agreement(store, document_ids=ids)
    if as_json:
        emit_json({
            "documents": report.documents,
            "pairs": [{"tag": p.tag, "first": p.first, "second": p.second,
                       "first_count": p.first_count, "second_count": p.second_count,
                       "matched": p.matched, "precision": _rounded(p.precision),
                       "recall": _rounded(p.recall), "f1": _rounded(p.f1)} for p in report.pairs],
            "alpha": {t: None if a is None else round(a, 4) for t, a in report.alphas.items()},
            "disagreements": [asdict(d) for d in report.disagreements]})
        return
    if not report.documents:
        say("No document has passages from two or more analysts.")
        return
    say(f"{len(report.documents)} document(s) tagged by two or more analysts.")
    for p in report.pairs:
        say(f"{p.tag:<12} {p.first} / {p.second}: precision {score_text(p.precision)}, "
            f"recall {score_text(p.recall)}, F1 {score_text(p.f1)} ({p.matched} paired of "
            f"{p.first_count} and {p.second_count})")
    for tag, alpha in sorted(report.alphas.items()):
        say(f"{tag:<12} Krippendorff's alpha {'n/a' if alpha is None else f'{alpha:.3f}'}")
    say(f"{len(report.disagreements)} passage(s) without a match.")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
