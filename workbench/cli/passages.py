"""Commands on passages: annotate, annotations, search, edit, delete, submit, review,
history, and a document's details (meta).

Each change is one undoable edit in one transaction, with the same one-line errors
as every command.
"""

from __future__ import annotations

from dataclasses import asdict

import click

from workbench.briefing.citations import broken_notice, citing
from workbench.cli.base import (
    AppContext,
    apply_edit,
    command,
    emit_json,
    emit_json_items,
    iter_annotation_json,
    say,
)
from workbench.edits import CompositeEdit, Edit, delete_annotation
from workbench.errors import WorkbenchError
from workbench.identity import read_identity
from workbench.library.details import DETAILS, details_edit
from workbench.model import ReviewStatus, Role
from workbench.review.history_words import history_json, history_line, in_words
from workbench.review.workflow import Step, apply_step, find_passage, may_move, submit
from workbench.store import Store
from workbench.store.search import search
from workbench.tagging import describe_passage, locate_quote, retag_passage, tag_passage


@command("edit")
@click.argument("ref", metavar="ID")
@click.option("--tag", "tag_name", default=None, help="Give the passage this tag.")
@click.option("--actor", default=None, help="Whose passage it is ('' for nobody).")
@click.option("--note", default=None, help="Replace the note.")
@click.option("--analyst", default="", help="Who makes the change (default: you).")
def edit_passage(app: AppContext, ref: str, tag_name: str | None, actor: str | None,
                 note: str | None, analyst: str) -> None:
    """Change a passage's tag, actor or note (an accepted one goes back to review)."""
    store = app.store(analyst=analyst)
    passage = find_passage(store, ref)
    edits: list[Edit] = []
    if tag_name is not None:
        retag = retag_passage(store, passage.id, store.tags.find(tag_name))
        edits += [retag] if retag else []
    if actor is not None or note is not None:
        current_actor = store.actors.get(passage.actor_id).name if passage.actor_id else ""
        described = describe_passage(
            store, passage.id, actor_name=current_actor if actor is None else actor,
            note=passage.note if note is None else note)
        edits += [described] if described else []
    if not edits:
        raise WorkbenchError("Nothing to change: give --tag, --actor or --note with new values.")
    apply_edit(store, CompositeEdit("Edit passage", edits))
    say(f"Changed {passage.id[:8]}.")


@command("delete")
@click.argument("ref", metavar="ID")
def delete_passage(app: AppContext, ref: str) -> None:
    """Delete a passage (kept as a tombstone, so merges and undo see it)."""
    store = app.store()
    passage = find_passage(store, ref)
    apply_edit(store, delete_annotation(passage.id))
    say(f"Deleted {passage.id[:8]} “{passage.exact[:60]}”.")
    _warn_of_broken_citations(store, passage.id)


@command("submit")
@click.argument("doc")
@click.option("--annotation", "refs", multiple=True, metavar="ID",
              help="Only this passage (repeatable); default: all of DOC's that can be.")
@click.option("--comment", default="", help="A word for the reviewer.")
@click.option("--analyst", default="", help="Who submits (default: you).")
def submit_passages(app: AppContext, doc: str, refs: tuple[str, ...], comment: str,
                    analyst: str) -> None:
    """Submit a document's passages (or the ones named) for review."""
    store = app.store(analyst=analyst)
    document = store.documents.resolve(doc)
    passages = [find_passage(store, ref) for ref in refs] or \
        store.annotations.where(document_id=document.id)
    foreign = [p.id[:8] for p in passages if p.document_id != document.id]
    if foreign:
        raise WorkbenchError(f"Passage(s) {', '.join(foreign)} are not in '{document.title}'.")
    movable = [p for p in passages if p.status != ReviewStatus.SUBMITTED.value
               and may_move(p, ReviewStatus.SUBMITTED, Role.ANALYST)]
    apply_edit(store, submit(store, [p.id for p in passages], person=store.analyst,
                             comment=comment))
    say(f"Submitted {len(movable)} passage(s) of '{document.title}' for review.")


@command("review")
@click.argument("ref", metavar="ID")
@click.option("--accept", "verdict", flag_value=ReviewStatus.ACCEPTED.value,
              help="Accept the passage.")
@click.option("--reject", "verdict", flag_value=ReviewStatus.REJECTED.value,
              help="Reject the passage.")
@click.option("--request-changes", "verdict", flag_value=ReviewStatus.CHANGES_REQUESTED.value,
              help="Send it back to its analyst (say what, with --comment).")
@click.option("--comment", default="", help="Why, for the analyst.")
@click.option("--reviewer", default="", help="Who reviews (default: you).")
def review_passage(app: AppContext, ref: str, verdict: str | None, comment: str,
                   reviewer: str) -> None:
    """Give a submitted passage a verdict, as a supervisor."""
    if verdict is None:
        raise click.UsageError("Choose --accept, --reject or --request-changes.")
    status = ReviewStatus(verdict)
    if status is ReviewStatus.CHANGES_REQUESTED and not comment.strip():
        raise click.UsageError("Say what to change with --comment.")
    if read_identity().role is not Role.SUPERVISOR:
        raise WorkbenchError("You work as an analyst: verdicts are a supervisor's. Change "
                             "role with 'workbench whoami --role supervisor'.")
    store = app.store(analyst=reviewer)
    passage = find_passage(store, ref)
    apply_edit(store, apply_step(store, [passage.id],
                                 Step(status, store.analyst, Role.SUPERVISOR, comment)))
    say(f"{passage.id[:8]} {status.label} by {store.analyst}.")
    _warn_of_broken_citations(store, passage.id)


def _warn_of_broken_citations(store: Store, passage_id: str) -> None:
    """Say (on stderr, the command having done its work) which judgements this broke."""
    notice = broken_notice(citing(store, [passage_id]))
    if notice:
        say(f"Note: {notice}", err=True)


@command("history")
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show_history(app: AppContext, doc: str, as_json: bool) -> None:
    """Every edit and verdict on a document and its passages: by whom, in which role, when."""
    store = app.store()
    document = store.documents.resolve(doc)
    entries = store.document_history(document.id)
    if as_json:
        emit_json([history_json(e) for e in entries])
        return
    if not entries:
        say(f"No history recorded for '{document.title}'.")
    for entry in in_words(entries):
        say(history_line(entry))


@command("meta")
@click.argument("doc")
@click.option("--title", default=None)
@click.option("--source", default=None, help="The outlet.")
@click.option("--author", default=None)
@click.option("--published", default=None, help="The publication date (YYYY-MM-DD).")
@click.option("--url", default=None, help="The article's web address.")
@click.option("--language", default=None, help="e.g. en, ru, uk.")
def edit_details(app: AppContext, doc: str, **given: str | None) -> None:
    """Show a document's details, or change them (one undoable edit)."""
    store = app.store()
    document = store.documents.resolve(doc)
    edit = details_edit(document, given, label="Change document details")
    if edit is not None:
        apply_edit(store, edit)
        document = store.documents.get(document.id)
    for name in DETAILS:
        say(f"{name:<10} {getattr(document, name)}")


@command()
@click.argument("doc")
@click.option("--quote", required=True, help="The exact passage to tag.")
@click.option("--tag", "tag_name", required=True, help="Tag name (or its shortcut key).")
@click.option("--actor", default="", help="Whose passage it is (created if new).")
@click.option("--note", default="", help="A note on the passage.")
@click.option("--analyst", default="", help="Who tagged it (default: $WORKBENCH_ANALYST).")
@click.option("--occurrence", type=int, default=None,
              help="Which occurrence (1-based) when the quote occurs more than once.")
def annotate(app: AppContext, doc: str, quote: str, tag_name: str, actor: str, note: str,
             analyst: str, occurrence: int | None) -> None:
    """Tag a passage of DOC (id, id prefix or title) given by its exact quote."""
    store = app.store(analyst=analyst)
    document = store.documents.resolve(doc)
    tag = store.tags.find(tag_name)
    start, end = locate_quote(document, quote, occurrence)
    edit, annotation = tag_passage(store, document=document, start=start, end=end, tag=tag,
                                   actor_name=actor, note=note, analyst=analyst)
    apply_edit(store, edit)
    say(f"{annotation.id}  {tag.name}  {start}-{end}  in '{document.title}'")


@command("annotations")
@click.option("--doc", default=None, help="Only this document (id, prefix or title).")
@click.option("--tag", "tag_name", default=None, help="Only this tag.")
@click.option("--actor", "actor_name", default=None, help="Only this actor.")
@click.option("--status", default=None, help="Only this review status.")
@click.option("--analyst", default=None, help="Only this analyst's annotations.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_annotations(app: AppContext, doc: str | None, tag_name: str | None,
                actor_name: str | None, status: str | None, analyst: str | None,
                as_json: bool) -> None:
    """List annotations, filtered."""
    store = app.store()
    document_id = store.documents.resolve(doc).id if doc else None
    tag_id = store.tags.find(tag_name).id if tag_name else None
    actor_id = None
    if actor_name:
        actor = store.actors.find(actor_name)
        if actor is None:
            raise WorkbenchError(f"No actor named '{actor_name}'.")
        actor_id = actor.id
    rows = iter_annotation_json(store, store.annotations.iter_where(
        document_id=document_id, tag_id=tag_id, actor_id=actor_id, status=status,
        analyst=analyst))
    if as_json:
        emit_json_items(rows)  # streamed: any number of passages in bounded memory
        return
    for row in rows:
        actor_text = f" ({row['actor']})" if row["actor"] else ""
        status = ReviewStatus(row["status"]).label
        say(f"{row['id'][:8]}  {row['tag']}{actor_text}  \"{row['quote']}\"  [{status}]")


@command("search")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def search_command(app: AppContext, text: str, as_json: bool) -> None:
    """Search document text and annotation quotes and notes."""
    hits = search(app.store(), text)
    if as_json:
        emit_json([asdict(h) for h in hits])
        return
    if not hits:
        say(f"No matches for '{text}'.")
    shown: set[str] = set()
    for hit in hits:
        if hit.kind == "annotation":
            say(f"passage   {(hit.annotation_id or '')[:8]}  {hit.document_title}: "
                f"{hit.snippet}")
            continue
        if hit.document_id not in shown:
            shown.add(hit.document_id)
            count = f"{hit.count} hit(s)" if hit.count else "in its title"
            say(f"document  {hit.document_id[:8]}  {hit.document_title} — {count}")
        if hit.start >= 0:
            say(f"            {hit.start:>7}  {hit.snippet}")
