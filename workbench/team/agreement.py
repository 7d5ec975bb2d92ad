"""How far analysts agree on the documents two or more of them tagged.

Passages of the same tag are paired across two analysts by overlap: each pair
with an intersection over union of at least 0.5, best first, each passage used
once.  Per tag and pair of analysts: precision (of the second against the
first), recall and F1.  Per tag, Krippendorff's alpha (nominal) over the
documents' characters: each analyst who tagged a document says of each of its
characters whether it lies in a passage of that tag; runs of characters coded
alike are counted together, so the cost follows the passages, not the text.
Unpaired passages are the disagreements, listed for the compare view.
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
    """Two analysts on one tag, over every document both tagged."""

    tag: str
    first: str
    second: str
    first_count: int
    second_count: int
    matched: int

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
class Disagreement:
    """A passage another analyst of the same document has no match for."""

    document_id: str
    tag: str
    analyst: str
    annotation_id: str
    quote: str
    unmatched_by: tuple[str, ...]


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
    alphas: dict[str, float | None] = field(default_factory=dict)  # tag name → alpha
    disagreements: list[Disagreement] = field(default_factory=list)


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
    """Agreement between analysts, per tag and pair, over these documents (or all);
    :class:`Cancelled` between two documents once ``cancelled()`` says so."""
    report = AgreementReport()
    tags = {t.id: t.name for t in store.tags.all(include_deleted=True)}
    rows = store.annotations.placed_spans(document_ids)
    spans: dict[str, dict[str, dict[str, list[Span]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    quotes, lengths = {}, {}
    for document_id, analyst, tag_id, start, end, passage_id, exact, length in rows:
        spans[document_id][analyst][tag_id].append((start, end, passage_id))
        quotes[passage_id] = exact
        lengths[document_id] = length
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    alphas: dict[str, _Alpha] = defaultdict(_Alpha)
    for document_id, by_analyst in spans.items():
        if cancelled():
            raise Cancelled("Agreement was stopped.")
        analysts = sorted(by_analyst)
        if len(analysts) < 2:
            continue
        report.documents.append(document_id)
        unmatched: dict[str, set[str]] = defaultdict(set)
        for tag_id in {t for a in analysts for t in by_analyst[a]}:
            _add_alpha(alphas[tag_id], lengths[document_id],
                       [_covered(by_analyst[a].get(tag_id, [])) for a in analysts])
            for first, second in combinations(analysts, 2):
                mine, theirs = by_analyst[first].get(tag_id, []), by_analyst[second].get(tag_id, [])
                pairs = pair_spans(mine, theirs)
                sums = counts[(tags.get(tag_id, "?"), first, second)]
                sums[0] += len(mine)
                sums[1] += len(theirs)
                sums[2] += len(pairs)
                paired = {s[2] for p in pairs for s in p}
                for span in mine:
                    if span[2] not in paired:
                        unmatched[span[2]].add(second)
                for span in theirs:
                    if span[2] not in paired:
                        unmatched[span[2]].add(first)
        for analyst in analysts:
            for tag_id, own in by_analyst[analyst].items():
                report.disagreements += [
                    Disagreement(document_id, tags.get(tag_id, "?"), analyst, s[2],
                                 quotes[s[2]], tuple(sorted(unmatched[s[2]])))
                    for s in sorted(own) if s[2] in unmatched]
    report.pairs = [PairScore(tag, a, b, n_a, n_b, tp)
                    for (tag, a, b), (n_a, n_b, tp) in sorted(counts.items())]
    report.alphas = {tags.get(t, "?"): sums.alpha() for t, sums in alphas.items()}
    return report
