"""A 1 MB article with passages captured on it: what the re-anchoring scenarios start from."""

from __future__ import annotations

import random

from benchmarks.generator import article
from workbench.text.anchoring import Selector, capture


def article_with_passages(count: int) -> tuple[str, list[Selector], random.Random]:
    """The article, ``count`` passages of 20 to 160 characters on it, and the generator
    (to revise the text with, so each run revises it the same way)."""
    text = article(21, 1_000_000)
    rng = random.Random(5)
    selectors = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 200)
        selectors.append(capture(text, start, start + rng.randint(20, 160)))
    return text, selectors, rng
