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
from workbench.team.agreement import PairScore, agreement, score_text
from workbench.team.conflicts import (
    Conflict,
    Keep,
    ResolveConflict,
    describe_version,
    find_conflict,
    group_name,
    list_conflicts,
    side_in_words,
)
from workbench.team.merge import merge_project


@command("merge")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path),
                metavar="SOURCE.wbproj...")
@click.option("--dry-run", is_flag=True,
              help="Say what merging would change, and change nothing.")
def merge(app: AppContext, sources: tuple[Path, ...], dry_run: bool) -> None:
    """Merge analysts' project files into this project (each in one transaction)."""
    store = app.store()
    failed = 0
    for source in sources:
        try:
            summary = merge_project(store, source, dry_run=dry_run)
        except WorkbenchError as exc:
            failed += 1
            say(f"{source}: not merged: {exc}", err=True)
            continue
        if dry_run:
            say(f"{source}: {'would merge' if summary.changed() else 'nothing new'} "
                "(a dry run: nothing was changed)")
        else:
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
            "source": conflict.source, "fields": [group_name(g) for g in conflict.groups()],
            "ours_by": conflict.ours_who, "theirs_by": conflict.theirs_who,
            "ours": describe_version(store, conflict.kind, conflict.ours),
            "theirs": describe_version(store, conflict.kind, conflict.theirs),
            "base": None if conflict.base is None else
            describe_version(store, conflict.kind, conflict.base),
            "ours_text": side_in_words(store, conflict, theirs=False),
            "theirs_text": side_in_words(store, conflict, theirs=True)}


@command("conflicts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def conflicts(app: AppContext, as_json: bool) -> None:
    """Conflicts left by merges: fields both sides changed, and who changed them."""
    store = app.store()
    found = [conflict_json(store, c) for c in list_conflicts(store)]
    if as_json:
        emit_json(found)
        return
    if not found:
        say("No conflicts.")
    for item in found:
        row = item.get("annotation_id") or item["row_id"]
        what = item["ours"].get("quote") or item["ours"].get("name") or \
            item["ours"].get("title") or ""
        say(f"{item['id'][:8]}  {item['kind'][:-1]} {row[:8]}  “{' '.join(what.split())[:50]}”"
            f"  from {item['source']}")
        say(f"    ours    {item['ours_text']}")
        say(f"    theirs  {item['theirs_text']}")


def _choices(given: tuple[str, ...]) -> dict[str, Keep]:
    """``note=theirs`` → {"note": Keep.THEIRS}."""
    choices: dict[str, Keep] = {}
    for item in given:
        name, _, side = item.partition("=")
        if side not in (Keep.OURS.value, Keep.THEIRS.value):
            raise click.UsageError(f"--field takes FIELD=ours or FIELD=theirs, not '{item}'.")
        choices[name.strip()] = Keep(side)
    return choices


@command("resolve")
@click.argument("ref", metavar="ID")
@click.option("--keep", type=click.Choice([k.value for k in Keep]), default=None,
              help="ours, theirs, or both (a passage only: theirs becomes a passage too).")
@click.option("--field", "fields", multiple=True, metavar="FIELD=SIDE",
              help="Choose one field's side (note=theirs, actor=ours); repeat for more. "
                   "Fields not named keep --keep (default: ours).")
def resolve(app: AppContext, ref: str, keep: str | None, fields: tuple[str, ...]) -> None:
    """Resolve a conflict (its id, or its passage's id): one undoable edit."""
    if keep is None and not fields:
        raise click.UsageError("Say what stays: --keep ours|theirs|both, or --field.")
    store = app.store()
    conflict = find_conflict(store, ref)
    choices = _choices(fields)
    known = {group_name(g) for g in conflict.groups()}
    if set(choices) - known:
        raise click.UsageError(f"That conflict is about {', '.join(sorted(known))}; "
                               f"not {', '.join(sorted(set(choices) - known))}.")
    apply_edit(store, ResolveConflict(conflict.id, Keep(keep or "ours"), choices=choices))
    kept = ", ".join(f"{n}: {k.value}" for n, k in choices.items()) or keep
    say(f"Resolved {conflict.id[:8]}: kept {kept}.")


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
            "documents": report.documents, "analysts": report.analysts,
            "pairs": [_pair_json(p) for p in report.pairs],
            "per_document": [_pair_json(p) for p in report.per_document],
            "alpha": {t: None if a is None else round(a, 4) for t, a in report.alphas.items()},
            "disagreements": [{"document_id": d.document_id, "start": d.start, "end": d.end,
                               "quote": d.quote,
                               "readings": {a: [asdict(r) for r in rs]
                                            for a, rs in d.readings.items()}}
                              for d in report.disagreements]})
        return
    if not report.documents:
        say("No document has passages from two or more analysts.")
        return
    titles = store.documents.live_titles(report.documents)
    say(f"{len(report.documents)} document(s) tagged by two or more analysts: "
        f"{', '.join(report.analysts)}.")
    for p in [*report.pairs, *report.per_document]:
        where = f"[{titles.get(p.document_id, '?')[:30]}] " if p.document_id else ""
        say(f"{where}{p.tag:<12} {p.first} / {p.second}: precision {score_text(p.precision)}, "
            f"recall {score_text(p.recall)}, F1 {score_text(p.f1)} ({p.matched} paired of "
            f"{p.first_count} and {p.second_count})")
    for tag, alpha in sorted(report.alphas.items()):
        say(f"{tag:<12} Krippendorff's alpha {'n/a' if alpha is None else f'{alpha:.3f}'}")
    say(f"{len(report.disagreements)} stretch(es) of text tagged differently:")
    for d in report.disagreements:
        say(f"  “{' '.join(d.quote.split())[:60]}”  "
            + "  |  ".join(f"{a}: {d.cell(a)}" for a in sorted(d.readings)))


def _pair_json(p: PairScore) -> dict[str, Any]:
    return {"tag": p.tag, "first": p.first, "second": p.second, "document_id": p.document_id,
            "first_count": p.first_count, "second_count": p.second_count,
            "matched": p.matched, "precision": _rounded(p.precision),
            "recall": _rounded(p.recall), "f1": _rounded(p.f1)}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
