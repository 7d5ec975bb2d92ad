"""Anchoring: where a stored quote sits on a document's current text.

An annotation keeps its offsets, the ``exact`` quote and 32 characters of
context either side.  When the text changes, :class:`Reanchorer` maps offsets
through a diff of the old and new text; a quote that was not inside unchanged
text is searched for (exact occurrences, a fuzzy match near the mapped
position, the stretch between its old prefix and suffix, a fuzzy match
anywhere) and the candidates are scored
``0.5·quote + 0.2·prefix + 0.2·suffix + 0.1·closeness``.  The saved quote is
never overwritten and nothing is deleted: a quote that cannot be placed is an
orphan.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.model import AnchorStatus
from workbench.text.diff import TextMapping, fold

CONTEXT_CHARS = 32
SHORT_QUOTE = 10
ACCEPT_SCORE = 0.80
REVIEW_SCORE = 0.60
MIN_LEAD = 0.05
_MAX_OCCURRENCES = 100
NEAR_CHARS = 2_000  # how far around the diff's guess a changed passage is looked for first


@dataclass(frozen=True)
class Selector:
    """A passage as stored: offsets, the exact quote and its context."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class AnchorResult:
    """Where a selector landed on a text, and how sure we are."""

    status: AnchorStatus
    start: int
    end: int
    score: float = 1.0
    runner_up: float = 0.0


def capture(text: str, start: int, end: int) -> Selector:
    """The selector for ``text[start:end]`` (offsets clamped to the text)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Selector(
        start=start, end=end, exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS):start],
        suffix=text[end:end + CONTEXT_CHARS],
    )


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return float(fuzz.ratio(a, b)) / 100.0


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    score: float
    quote: float
    prefix: float
    suffix: float


class _Scorer:
    """Scores candidate spans of ``text`` against one selector."""

    def __init__(self, selector: Selector, text: str, hint: int) -> None:
        self.sel = selector
        self.text = text
        self.hint = hint

    def __call__(self, start: int, end: int) -> _Candidate:
        sel, text = self.sel, self.text
        quote = _similarity(sel.exact, text[start:end])
        prefix = _similarity(sel.prefix, text[max(0, start - len(sel.prefix)):start])
        suffix = _similarity(sel.suffix, text[end:end + len(sel.suffix)])
        closeness = 1.0 - min(1.0, abs(start - self.hint) / max(len(text), 1))
        score = 0.5 * quote + 0.2 * prefix + 0.2 * suffix + 0.1 * closeness
        return _Candidate(start, end, score, quote, prefix, suffix)

    def refine(self, cand: _Candidate) -> _Candidate:
        """Move each boundary a little where that scores better (quote or context)."""
        radius = max(4, min(24, len(self.sel.exact) // 4))
        best = cand
        for _ in range(2):
            starts = self._edges(max(0, best.start - radius), min(best.end, best.start + radius),
                                 best.start)
            best = max((self(s, best.end) for s in starts), key=lambda c: c.score)
            ends = self._edges(max(best.start + 1, best.end - radius),
                               min(len(self.text), best.end + radius), best.end)
            best = max((self(best.start, e) for e in ends), key=lambda c: c.score, default=best)
        return best

    def _edges(self, lo: int, hi: int, keep: int) -> list[int]:
        """Offsets in ``[lo, hi]`` that do not cut a word in two (and ``keep``).

        A quote begins and ends where a word does; trying only those places
        scores a fifth of the offsets.
        """
        text = self.text
        return [i for i in range(lo, hi + 1) if i == keep or i <= 0 or i >= len(text)
                or not (text[i - 1].isalnum() and text[i].isalnum())]


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    at = text.find(quote)
    while at != -1 and len(found) < _MAX_OCCURRENCES:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _fuzzy(scorer: _Scorer, lo: int, hi: int) -> _Candidate | None:
    """The best fuzzy placement of the quote inside ``text[lo:hi]``, refined."""
    exact, window = scorer.sel.exact, scorer.text[lo:hi]
    if not window or not exact:
        return None
    found = fuzz.partial_ratio_alignment(exact, window, score_cutoff=50)
    if found is None:
        return None
    return scorer.refine(scorer(lo + found.dest_start, lo + found.dest_end))


def _stretch(scorer: _Scorer) -> list[_Candidate]:
    """Candidates between an occurrence of the old prefix and the old suffix after it."""
    sel, text = scorer.sel, scorer.text
    if len(sel.prefix) < 8 or len(sel.suffix) < 8:
        return []
    reach = 2 * len(sel.exact) + 64
    found: list[_Candidate] = []
    for at in _occurrences(text, sel.prefix)[:20]:
        start = at + len(sel.prefix)
        end = text.find(sel.suffix, start, start + reach + len(sel.suffix))
        if end > start:
            found.append(scorer(start, end))
    return found


def _candidates(scorer: _Scorer) -> list[_Candidate]:
    sel, text = scorer.sel, scorer.text
    found = [scorer(at, at + len(sel.exact)) for at in _occurrences(text, sel.exact)]
    if len(sel.exact) < SHORT_QUOTE:
        return [c for c in found if max(c.prefix, c.suffix) >= 0.9]
    span = max(64, len(sel.exact))
    near = _fuzzy(scorer, max(0, scorer.hint - span), scorer.hint + len(sel.exact) + span)
    found.extend([near] if near else [])
    found.extend(_stretch(scorer))
    if not found or max(c.quote for c in found) < ACCEPT_SCORE:
        anywhere = _fuzzy(scorer, 0, len(text))
        found.extend([anywhere] if anywhere else [])
    return found


def _overlaps(a: _Candidate, b: _Candidate) -> bool:
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared > 0.5 * min(a.end - a.start, b.end - b.start)


def _decide(selector: Selector, text: str, found: list[_Candidate]) -> AnchorResult:
    if not found:
        return AnchorResult(AnchorStatus.ORPHAN, selector.start, selector.end, 0.0)
    ranked = sorted(found, key=lambda c: c.score, reverse=True)
    best = ranked[0]
    others = [c for c in ranked[1:] if not _overlaps(c, best)]
    rival = others[0].score if others else 0.0
    # An edited quote never wins silently over an untouched copy of it elsewhere:
    # which of the two the analyst meant is for the analyst to say.
    lookalike = best.quote < 1.0 and any(
        c.quote == 1.0 and c.score >= REVIEW_SCORE for c in others)
    if best.score >= ACCEPT_SCORE and best.score - rival >= MIN_LEAD and not lookalike:
        same = text[best.start:best.end] == selector.exact
        status = AnchorStatus.MOVED if same else AnchorStatus.CHANGED
        return AnchorResult(status, best.start, best.end, best.score, rival)
    if best.score >= REVIEW_SCORE:
        return AnchorResult(AnchorStatus.NEEDS_REVIEW, best.start, best.end, best.score, rival)
    return AnchorResult(AnchorStatus.ORPHAN, selector.start, selector.end, best.score, rival)


def locate(selector: Selector, text: str, hint: int | None = None) -> AnchorResult:
    """Place a selector on ``text`` by search alone (no knowledge of the old text)."""
    selector = normalize_selector(selector)
    if text[selector.start:selector.end] == selector.exact and selector.exact:
        scorer = _Scorer(selector, text, selector.start)
        here = scorer(selector.start, selector.end)
        if len(selector.exact) >= SHORT_QUOTE or max(here.prefix, here.suffix) >= 0.9:
            return AnchorResult(AnchorStatus.ANCHORED, selector.start, selector.end)
    scorer = _Scorer(selector, text, selector.start if hint is None else hint)
    return _decide(selector, text, _candidates(scorer))


def normalize_selector(selector: Selector) -> Selector:
    """The selector with its quote and context in NFC, as every document text is."""
    nfc = [unicodedata.normalize("NFC", s)
           for s in (selector.exact, selector.prefix, selector.suffix)]
    return Selector(selector.start, selector.end, *nfc)


class Reanchorer:
    """Re-anchors many selectors from one old text onto its new version.

    The diff is computed once; a selector inside unchanged text just moves,
    the others are searched for near where the diff says they went.
    """

    def __init__(self, old_text: str, new_text: str) -> None:
        self.new_text = new_text
        self.mapping = TextMapping(old_text, new_text)

    def reanchor(self, selector: Selector) -> AnchorResult:
        """Where ``selector`` (captured on the old text) sits on the new text."""
        selector = normalize_selector(selector)
        mapped = self.mapping.map_span(selector.start, selector.end)
        if mapped is not None and self._trust(selector, mapped):
            start, end = mapped
            unmoved = (start, end) == (selector.start, selector.end)
            status = AnchorStatus.ANCHORED if unmoved else AnchorStatus.MOVED
            return AnchorResult(status, start, end)
        hint = self.mapping.map_position(selector.start)
        return self._near(selector, hint) or locate(selector, self.new_text, hint=hint)

    def _near(self, selector: Selector, hint: int) -> AnchorResult | None:
        """A placement found around where the diff says the passage went, if any.

        Searching a few kilobytes first costs a fraction of searching the whole text;
        what is not found there, or has an untouched copy elsewhere, is searched for
        everywhere.
        """
        reach = NEAR_CHARS + 4 * len(selector.exact)
        lo, hi = max(0, hint - reach), min(len(self.new_text), hint + reach)
        window = self.new_text[lo:hi]
        local = Selector(selector.start - lo, selector.end - lo, selector.exact,
                         selector.prefix, selector.suffix)
        found = locate(local, window, hint=hint - lo)
        if found.status is AnchorStatus.ORPHAN:
            return None
        if found.status in (AnchorStatus.CHANGED, AnchorStatus.NEEDS_REVIEW) \
                and selector.exact in self.new_text:
            return None  # an untouched copy elsewhere: the whole-text search decides
        status = AnchorStatus.ANCHORED if (found.start + lo, found.end + lo) == (
            selector.start, selector.end) else found.status
        if status is AnchorStatus.ANCHORED and found.status is AnchorStatus.CHANGED:
            status = AnchorStatus.CHANGED
        return AnchorResult(status, found.start + lo, found.end + lo, found.score,
                            found.runner_up)

    def _trust(self, selector: Selector, span: tuple[int, int]) -> bool:
        """The diff's place holds the same words (line breaks and typography aside);
        a short quote must keep some of its context too."""
        found = self.new_text[span[0]:span[1]]
        if found != selector.exact and fold(found) != fold(selector.exact):
            return False
        if len(selector.exact) >= SHORT_QUOTE:
            return True
        here = _Scorer(selector, self.new_text, span[0])(*span)
        return max(here.prefix, here.suffix) >= 0.9


def reanchor(selector: Selector, old_text: str, new_text: str) -> AnchorResult:
    """One-off re-anchoring of a selector from ``old_text`` onto ``new_text``."""
    return Reanchorer(old_text, new_text).reanchor(selector)
