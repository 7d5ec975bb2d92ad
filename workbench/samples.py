"""The short sample article the project ships, for a first start with something to tag."""

from __future__ import annotations

from importlib import resources

from workbench.importers.plaintext import parse_plain_text
from workbench.library import ImportResult, store_article
from workbench.store import Store

SAMPLE_NAME = "grain-corridor-talks.txt"


def sample_text() -> str:
    """The sample article's text as shipped."""
    return resources.files("workbench.sample_articles").joinpath(SAMPLE_NAME).read_text("utf-8")


def seed_sample(store: Store) -> ImportResult:
    """Import the sample article into ``store`` (once: it is recognised afterwards)."""
    article = parse_plain_text(sample_text(), "Sample article")
    return store_article(store, article, filename=SAMPLE_NAME)
