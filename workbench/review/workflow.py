"""The review workflow: submitting passages, verdicts, replies, and their audit trail.

``draft → submitted → accepted | rejected | changes_requested → submitted …``.
Every step is a row of ``reviews`` (who, in which role, the verdict, a comment,
when) together with the passage's new status, applied as one undoable edit.
Undoing a step tombstones its row (it stays in the file) and puts the previous
status back.  Changing what an accepted passage says (its span, tag or actor)
sends it back to ``submitted``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.clock import new_id
from workbench.edits import AddRecord, CompositeEdit, Edit, change_annotation
from workbench.errors import AmbiguousReference, NotFound, WorkbenchError
from workbench.model import Annotation, Review, ReviewStatus, Role
from workbench.store import Store

S = ReviewStatus
COMMENT = "comment"  # a reply in the thread that leaves the status as it is

# For each status a passage can be moved to: the statuses it may come from, and who may.
TRANSITIONS: dict[ReviewStatus, tuple[frozenset[ReviewStatus], frozenset[Role]]] = {
    S.SUBMITTED: (frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.REJECTED, S.ACCEPTED}),
                  frozenset({Role.ANALYST, Role.SUPERVISOR})),
    S.ACCEPTED: (frozenset({S.SUBMITTED, S.REJECTED, S.CHANGES_REQUESTED}),
                 frozenset({Role.SUPERVISOR})),
    S.REJECTED: (frozenset({S.SUBMITTED, S.ACCEPTED, S.CHANGES_REQUESTED}),
                 frozenset({Role.SUPERVISOR})),
    S.CHANGES_REQUESTED: (frozenset({S.SUBMITTED, S.ACCEPTED, S.REJECTED}),
                          frozenset({Role.SUPERVISOR})),
}
VERDICTS = (S.ACCEPTED, S.REJECTED, S.CHANGES_REQUESTED)
REOPENING_FIELDS = frozenset({"start", "end", "tag_id", "actor_id"})


class ReviewRefused(WorkbenchError):
    """A step the workflow does not allow (wrong status or role); nothing was changed."""


@dataclass(frozen=True)
class Step:
    """One move of the workflow: to which status (or a comment), by whom, in which role."""

    to: ReviewStatus | None  # None: a comment only
    person: str
    role: Role
    comment: str = ""


def may_move(annotation: Annotation, to: ReviewStatus, role: Role) -> bool:
    """Whether ``role`` may move this passage to ``to`` now."""
    sources, roles = TRANSITIONS[to]
    return role in roles and ReviewStatus(annotation.status) in sources


def _refusal(annotation: Annotation, step: Step) -> str:
    assert step.to is not None
    status = ReviewStatus(annotation.status)
    if step.role not in TRANSITIONS[step.to][1]:
        return f"Only a supervisor can mark a passage {step.to.label}."
    return (f"A passage that is {status.label} cannot be marked {step.to.label} "
            f"(“{annotation.exact[:60]}”).")


def _review_edits(annotation: Annotation, step: Step) -> list[Edit]:
    review = Review(id=new_id(), annotation_id=annotation.id, reviewer=step.person,
                    verdict=step.to.value if step.to else COMMENT, comment=step.comment,
                    role=step.role.value, analyst=step.person)
    edits: list[Edit] = [AddRecord(review, label="Review")]
    if step.to is not None and step.to.value != annotation.status:
        edits.append(change_annotation(annotation.id, status=step.to.value,
                                       label="Change status"))
    return edits


def apply_step(store: Store, annotation_ids: Sequence[str], step: Step, *,
               label: str = "") -> Edit:
    """One undoable edit moving every one of these passages by ``step``.

    Refuses (changing nothing) when any of them may not move so.
    """
    annotations = store.annotations.by_ids(list(annotation_ids))
    if len(annotations) != len(set(annotation_ids)):
        raise NotFound("Some of those passages do not exist.")
    edits: list[Edit] = []
    for annotation in annotations:
        if annotation.deleted_at is not None:
            raise ReviewRefused(f"Passage {annotation.id[:8]} was deleted.")
        if step.to is not None and not may_move(annotation, step.to, step.role):
            raise ReviewRefused(_refusal(annotation, step))
        edits += _review_edits(annotation, step)
    if not edits:
        raise ReviewRefused("There is nothing to review.")
    what = step.to.label if step.to else "comment"
    return CompositeEdit(label or f"{what.capitalize()} ({len(annotations)})", edits)


def submit(store: Store, annotation_ids: Sequence[str], *, person: str,
           role: Role = Role.ANALYST, comment: str = "") -> Edit:
    """Submit passages for review (drafts, or ones sent back); one undoable step."""
    movable = [a.id for a in store.annotations.by_ids(list(annotation_ids))
               if a.deleted_at is None and may_move(a, S.SUBMITTED, role)
               and a.status != S.SUBMITTED.value]
    if not movable:
        raise ReviewRefused("None of those passages can be submitted: they are submitted "
                            "or accepted already.")
    return apply_step(store, movable, Step(S.SUBMITTED, person, role, comment),
                      label=f"Submit {len(movable)} passage(s)")


def reopen_if_accepted(store: Store, annotation_id: str, values: Mapping[str, object],
                       *, person: str) -> list[Edit]:
    """The extra step that sends an accepted passage back when what it says changes."""
    annotation = store.annotations.get(annotation_id)
    changed = {k for k, v in values.items() if getattr(annotation, k) != v}
    if annotation.status != S.ACCEPTED.value or not changed & REOPENING_FIELDS:
        return []
    step = Step(S.SUBMITTED, person, Role.ANALYST,
                "Changed after it was accepted: " + ", ".join(sorted(changed & REOPENING_FIELDS)))
    return _review_edits(annotation, step)


def thread(store: Store, annotation_id: str) -> list[Review]:
    """The passage's review thread, oldest first (undone steps left out)."""
    return store.reviews.of([annotation_id])


def thread_heading(review: Review) -> str:
    """Who took a step, and which: 'J. Boss (changes requested)'."""
    verdict = COMMENT if review.verdict == COMMENT else status_label(review.verdict)
    return f"{review.reviewer} ({verdict})"


def thread_entry(review: Review) -> str:
    """One step of a thread as people read it: 'J. Boss (changes requested): Name the actor'."""
    said = f": {review.comment}" if review.comment else ""
    return f"{thread_heading(review)}{said}"


def find_passage(store: Store, ref: str) -> Annotation:
    """A passage by its id or an unambiguous id prefix (at least 4 characters)."""
    ref = ref.strip().lower()
    rows = store.annotations.ids_starting(ref)
    if not rows:
        raise NotFound(f"No passage has the id '{ref}'.")
    if len(rows) > 1:
        raise AmbiguousReference(f"'{ref}' starts {len(rows)} passage ids; give more of it.")
    return store.annotations.get(rows[0])


def status_label(status: str) -> str:
    """A review status as people write it ("changes requested")."""
    try:
        return ReviewStatus(status).label
    except ValueError:
        return status
