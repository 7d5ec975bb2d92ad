"""How much of two texts is the same: the share of their word sequences they have in
common, for telling "a revised version of that article" from "another article"."""

from __future__ import annotations

from collections import Counter

from workbench.text.diff import fold

SHINGLE = 4  # words per compared run: short enough for small edits, long enough for order


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    words = fold(text).casefold().split()
    if len(words) < SHINGLE:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def similarity(a: str, b: str) -> float:
    """0.0 (nothing in common) to 1.0 (the same words in the same order), in linear time:
    the runs of four words both texts hold, over the runs of the longer one."""
    first, second = _shingles(a), _shingles(b)
    longer = max(sum(first.values()), sum(second.values()))
    if not longer:
        return 1.0 if a.strip() == b.strip() else 0.0
    return sum((first & second).values()) / longer
