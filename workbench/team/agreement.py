"""How far analysts agree on the documents two or more of them tagged.

Passages of the same tag are paired across two analysts by overlap: each pair
with an intersection over union of at least 0.5, best first, each passage used
once.  Per tag and pair of analysts: precision (of the second against the
first), recall and F1.  Per tag, Krippendorff's alpha (nominal) over the
documents' characters: each analyst who tagged a document says of each of its
characters whether it lies in a passage of that tag; runs of characters coded
alike are counted together, so the cost follows the passages, not the text.
Every score is also given per document.  The analysts are the people who tagged
passages (whoever only imported the articles is not one).  The disagreements are
stretches of text (passages that overlap, of any tag): a stretch where the
analysts of its document did not all tag it alike (the same tag and actor,
overlapping by half their union) is listed with each analyst's tag and actor side
by side, as a curation view shows them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from workbench.errors import Cancelled
from workbench.store import Store

MIN_IOU = 0.5
Span = tuple[int, int, str]  # start, end, passage id


@dataclass(frozen=True)
class PairScore:
    """Two analysts on one tag, over every document both tagged (or over one)."""

    tag: str
    first: str
    second: str
    first_count: int
    second_count: int
    matched: int
    document_id: str = ""  # '' for all documents

    @property
    def precision(self) -> float | None:
        """Of the second analyst's passages, the share the first also has (None: the
        second tagged none, so there is nothing to measure)."""
        return self.matched / self.second_count if self.second_count else None

    @property
    def recall(self) -> float | None:
        """Of the first analyst's passages, the share the second also has (None: the
        first tagged none)."""
        return self.matched / self.first_count if self.first_count else None

    @property
    def f1(self) -> float | None:
        """None when neither tagged a passage with this tag: no agreement to count."""
        total = self.first_count + self.second_count
        return 2 * self.matched / total if total else None


def score_text(value: float | None) -> str:
    """A score as people read it: '0.67', or 'n/a' where there is nothing to measure."""
    return "n/a" if value is None else f"{value:.2f}"


@dataclass(frozen=True)
class Reading:
    """One analyst's passage in a stretch of text."""

    annotation_id: str
    tag: str
    actor: str
    start: int
    end: int

    def words(self) -> str:
        """'Criticism · Ukraine'."""
        return f"{self.tag} · {self.actor}" if self.actor else self.tag


@dataclass(frozen=True)
class Disagreement:
    """A stretch of text the analysts of its document did not tag alike: each analyst's
    passages there (none: an empty tuple), side by side."""

    document_id: str
    start: int
    end: int
    quote: str
    readings: dict[str, tuple[Reading, ...]]

    def cell(self, analyst: str) -> str:
        """What one analyst tagged here, in words ('—': nothing)."""
        readings = self.readings.get(analyst, ())
        return "; ".join(r.words() for r in readings) if readings else "—"

    def apart(self) -> tuple[str, str]:
        """Two analysts who read it differently, for the compare view."""
        names = sorted(self.readings)
        first = names[0]
        second = next((n for n in names[1:] if self.cell(n) != self.cell(first)), names[-1])
        return first, second


@dataclass
class _Alpha:
    """Running sums of Krippendorff's alpha for one tag (binary values)."""

    observed: float = 0.0  # sum over units of 2·n1·n0/(m-1)
    values: int = 0  # pairable values in all
    ones: int = 0

    def add(self, length: int, coders: int, ones: int) -> None:
        if length <= 0 or coders < 2:
            return
        self.observed += length * 2 * ones * (coders - ones) / (coders - 1)
        self.values += length * coders
        self.ones += length * ones

    def alpha(self) -> float | None:
        zeros = self.values - self.ones
        if not self.ones or not zeros:
            return None  # no variation: alpha is undefined
        return 1 - (self.values - 1) * self.observed / (2 * self.ones * zeros)


@dataclass
class AgreementReport:
    """Agreement over the documents two or more analysts tagged."""

    documents: list[str] = field(default_factory=list)
    pairs: list[PairScore] = field(default_factory=list)
    per_document: list[PairScore] = field(default_factory=list)
    alphas: dict[str, float | None] = field(default_factory=dict)  # tag name → alpha
    disagreements: list[Disagreement] = field(default_factory=list)
    analysts: list[str] = field(default_factory=list)  # the people who tagged passages


def _iou(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def pair_spans(first: Sequence[Span], second: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Pairs with IoU ≥ 0.5, best first, each span in one pair at most."""
    candidates = sorted(((_iou(a, b), i, j) for i, a in enumerate(first)
                         for j, b in enumerate(second) if a[0] < b[1] and b[0] < a[1]),
                        reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for score, i, j in candidates:
        if score < MIN_IOU:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((first[i], second[j]))
    return pairs


def _covered(spans: Sequence[Span]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end, _ in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _add_alpha(sums: _Alpha, length: int, coverage: list[list[tuple[int, int]]]) -> None:
    """Add one document's characters for one tag, coded by each analyst's coverage."""
    coders = len(coverage)
    events: dict[int, int] = defaultdict(int)
    for covered in coverage:
        for start, end in covered:
            events[start] += 1
            events[end] -= 1
    ones, at = 0, 0
    for position in sorted(events):
        sums.add(position - at, coders, ones)
        ones += events[position]
        at = position
    sums.add(length - at, coders, 0)


def agreement(store: Store, *, document_ids: Sequence[str] | None = None,
              cancelled: Callable[[], bool] = lambda: False) -> AgreementReport:
    """Agreement between analysts, per tag and pair (over all documents and per document),
    over these documents (or all); :class:`Cancelled` between two documents once
    ``cancelled()`` says so."""
    report = AgreementReport()
    tags = {t.id: t.name for t in store.tags.all(include_deleted=True)}
    spans: dict[str, dict[str, dict[str, list[Span]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    quotes, lengths, readings = {}, {}, {}
    for document_id, analyst, tag_id, start, end, passage_id, exact, length, actor in \
            store.annotations.placed_spans(document_ids):
        spans[document_id][analyst][tag_id].append((start, end, passage_id))
        quotes[passage_id] = exact
        lengths[document_id] = length
        readings[passage_id] = (analyst, Reading(passage_id, tags.get(tag_id, "?"), actor,
                                                 start, end))
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    alphas: dict[str, _Alpha] = defaultdict(_Alpha)
    for document_id, by_analyst in spans.items():
        if cancelled():
            raise Cancelled("Agreement was stopped.")
        analysts = sorted(by_analyst)
        if len(analysts) < 2:
            continue
        report.documents.append(document_id)
        paired: set[frozenset[str]] = set()
        here: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        for tag_id in {t for a in analysts for t in by_analyst[a]}:
            _add_alpha(alphas[tag_id], lengths[document_id],
                       [_covered(by_analyst[a].get(tag_id, [])) for a in analysts])
            for first, second in combinations(analysts, 2):
                mine, theirs = by_analyst[first].get(tag_id, []), by_analyst[second].get(tag_id, [])
                pairs = pair_spans(mine, theirs)
                for sums in (counts[(tags.get(tag_id, "?"), first, second)],
                             here[(tags.get(tag_id, "?"), first, second)]):
                    sums[0] += len(mine)
                    sums[1] += len(theirs)
                    sums[2] += len(pairs)
                paired |= {frozenset((a[2], b[2])) for a, b in pairs}
        report.per_document += [PairScore(tag, a, b, n_a, n_b, tp, document_id)
                                for (tag, a, b), (n_a, n_b, tp) in sorted(here.items())]
        report.disagreements += _disagreements(document_id, analysts, by_analyst, paired,
                                               readings, quotes)
    report.pairs = [PairScore(tag, a, b, n_a, n_b, tp)
                    for (tag, a, b), (n_a, n_b, tp) in sorted(counts.items())]
    report.alphas = {tags.get(t, "?"): sums.alpha() for t, sums in alphas.items()}
    report.analysts = sorted({a for d in report.documents for a in spans[d]})
    return report


def _stretches(all_spans: list[Span]) -> list[list[Span]]:
    """Passages grouped into stretches of text: each overlaps another of its stretch."""
    groups: list[list[Span]] = []
    end = -1
    for span in sorted(all_spans):
        if groups and span[0] < end:
            groups[-1].append(span)
            end = max(end, span[1])
        else:
            groups.append([span])
            end = span[1]
    return groups


def _disagreements(document_id: str, analysts: list[str],
                   by_analyst: dict[str, dict[str, list[Span]]], paired: set[frozenset[str]],
                   readings: dict[str, tuple[str, Reading]],
                   quotes: dict[str, str]) -> list[Disagreement]:
    """The stretches of one document its analysts did not all tag alike."""
    found = []
    every = [s for a in analysts for own in by_analyst[a].values() for s in own]
    for stretch in _stretches(every):
        by: dict[str, list[Reading]] = {a: [] for a in analysts}
        for span in stretch:
            analyst, reading = readings[span[2]]
            by[analyst].append(reading)
        if _alike(by, paired):
            continue
        longest = max(stretch, key=lambda s: s[1] - s[0])
        found.append(Disagreement(
            document_id, min(s[0] for s in stretch), max(s[1] for s in stretch),
            quotes[longest[2]], {a: tuple(sorted(r, key=lambda x: x.start))
                                 for a, r in by.items()}))
    return found


def _alike(by: dict[str, list[Reading]], paired: set[frozenset[str]]) -> bool:
    """Every analyst has one passage here, all of one tag and actor, paired with each other."""
    if any(len(r) != 1 for r in by.values()):
        return False
    readings = [r[0] for r in by.values()]
    if len({(r.tag, r.actor) for r in readings}) != 1:
        return False
    return all(frozenset((a.annotation_id, b.annotation_id)) in paired
               for a, b in combinations(readings, 2))
