"""The short sample article the project ships, for a first start with something to tag."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from workbench.importers.plaintext import parse_plain_text
from workbench.library import ImportResult, store_article
from workbench.paths import default_project_path
from workbench.store import Store

SAMPLE_NAME = "grain-corridor-talks.txt"


def sample_text() -> str:
    """The sample article's text as shipped."""
    return resources.files("workbench.sample_articles").joinpath(SAMPLE_NAME).read_text("utf-8")


def seed_sample(store: Store) -> ImportResult:
    """Import the sample article into ``store`` (once: it is recognised afterwards)."""
    article = parse_plain_text(sample_text(), "Sample article")
    return store_article(store, article, filename=SAMPLE_NAME)


def open_project(path: Path | None, *, analyst: str, create: bool = False) -> Store:
    """Open a project; ``None`` means the default one, created and seeded on first use."""
    is_default = path is None
    target = path or default_project_path()
    fresh = not target.exists()
    store = Store.open(target, create=create or is_default, analyst=analyst)
    if is_default and fresh:
        seed_sample(store)
    return store
