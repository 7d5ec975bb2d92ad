"""Citations kept honest: which key judgements cite a passage that is gone or rejected.

A judgement cites passages by id.  When a cited passage is deleted, rejected, or
no longer in the project (a merge or restore), the citation is *broken*: the
judgement still stands, but the evidence it names does not.  Deleting or
rejecting such a passage says so; the Word briefing marks the citation; an
export lists the broken ones first (and the command line refuses unless told
to go on).  Undoing the deletion or the verdict mends the citation, since the
judgement itself never changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.errors import NotFound
from workbench.model import Annotation, ReviewStatus
from workbench.store import Store
from workbench.text.printable import one_line


@dataclass(frozen=True)
class BrokenCitation:
    """One judgement's citation of a passage that no longer stands, and why."""

    judgement: int  # its number in the briefing (1, 2, ...)
    passage_id: str
    why: str  # "was deleted", "was rejected", "is no longer in the project"
    quote: str = ""

    def sentence(self) -> str:
        """'Key judgement 2 cites a passage that was deleted (“…”).'"""
        quote = f" (“{one_line(self.quote[:60])}”)" if self.quote else ""
        return f"Key judgement {self.judgement} cites a passage that {self.why}{quote}."


def why_broken(annotation: Annotation | None) -> str | None:
    """Why a citation of this passage is broken, or None when it stands."""
    if annotation is None:
        return "is no longer in the project"
    if annotation.deleted_at is not None:
        return "was deleted"
    if annotation.status == ReviewStatus.REJECTED.value:
        return "was rejected"
    return None


def _passage(store: Store, passage_id: str) -> Annotation | None:
    try:
        return store.annotations.get(passage_id)
    except NotFound:
        return None


def broken_citations(store: Store, among: set[str] | None = None) -> list[BrokenCitation]:
    """Every broken citation of the briefing's key judgements, in their order (only of
    the passages ``among``, when given: nothing else is looked up)."""
    found = []
    for number, judgement in enumerate(store.brief.judgements(), 1):
        for passage_id in judgement.cited:
            if among is not None and passage_id not in among:
                continue
            passage = _passage(store, passage_id)
            why = why_broken(passage)
            if why is not None:
                found.append(BrokenCitation(number, passage_id, why,
                                            passage.exact if passage else ""))
    return found


def citing(store: Store, passage_ids: Iterable[str]) -> list[BrokenCitation]:
    """The broken citations among those of ``passage_ids`` (just deleted or rejected)."""
    return broken_citations(store, set(passage_ids))


def broken_notice(citations: list[BrokenCitation]) -> str:
    """One sentence for the user after an edit broke these citations ('' for none)."""
    numbers = sorted({c.judgement for c in citations})
    if not numbers:
        return ""
    if len(numbers) == 1:
        return (f"Key judgement {numbers[0]} cites it: the citation now shows as broken in "
                "the briefing.")
    listed = ", ".join(str(n) for n in numbers)
    return (f"Key judgements {listed} cite it: their citations now show as broken in the "
            "briefing.")
