"""Export test set-up: the demo project (two documents, six passages, two overlapping)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.clock import new_id
from workbench.edits import change_annotation
from workbench.model import Review
from workbench.samples import build_demo
from workbench.store import Store


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Store]:
    """The demo project; the sample gets a web address and one passage is accepted."""
    store = build_demo(tmp_path / "demo.wbproj")
    sample = store.documents.ids()[0]
    store.documents.update(sample, url="https://news.example.org/grain-talks")
    accepted = next(a for a in store.annotations.where()
                    if a.exact.startswith("will not allow any vessel"))
    change_annotation(accepted.id, status="accepted").apply(store)
    store.reviews.insert(Review(id=new_id(), annotation_id=accepted.id, reviewer="J. Supervisor",
                        verdict="accepted", comment="Central to the brief."))
    yield store
    store.close()
