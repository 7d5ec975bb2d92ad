"""A long document opens with its first screen's passages; the rest follow at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.reader.content import FIRST_SCREEN_CHARS, ReaderContent
from workbench.importers import article_from_text
from workbench.library.bringing_in import store_article
from workbench.model import Annotation, Document
from workbench.store import Store
from workbench.tagging import tag_passage

PARAGRAPH = "The delegation restated its position on the corridor and its inspections. "


def _long_document(store: Store, passages: int = 40) -> tuple[Document, list[Annotation]]:
    """A document three first-screens long, with passages spread over all of it."""
    paragraphs = [PARAGRAPH * 3 for _ in range(3 * FIRST_SCREEN_CHARS // len(PARAGRAPH * 3))]
    text = "\n\n".join(paragraphs)
    document = store_article(store, article_from_text(text, fallback_title="Long")).document
    assert document is not None
    step = len(document.text) // passages
    tag = store.tags.all()[0]
    made = []
    for n in range(passages):
        edit, annotation = tag_passage(store, document=document, start=n * step,
                                       end=n * step + 20, tag=tag)
        edit.apply(store)
        made.append(annotation)
    return document, made


@pytest.fixture
def store() -> Iterator[Store]:
    memory = Store.memory(analyst="Tess Tester")
    yield memory
    memory.close()


def test_progressive_content_loads_the_first_screen_then_the_rest(store: Store) -> None:
    document, made = _long_document(store)
    content = ReaderContent(store, document, progressive=True)
    early = {a.id for a in made if a.start < FIRST_SCREEN_CHARS}
    assert not content.complete
    assert content.overlapping(0, 100)  # the top is answered without loading the rest
    assert set(content._spans) == early
    assert not content.complete
    late = content.overlapping(len(document.text) - 2 * len(document.text) // 40,
                               len(document.text))
    assert late  # a question about the end loads the rest first
    assert content.complete
    assert set(content.spans) == {a.id for a in made}
    assert content.revision == 1


def test_counting_loads_everything(store: Store) -> None:
    document, made = _long_document(store)
    content = ReaderContent(store, document, progressive=True)
    assert sum(content.tag_counts().values()) == len(made)


def test_the_window_marks_the_strip_and_counts_once_the_rest_is_loaded(
        qtbot: QtBot, window: MainWindow) -> None:
    document, made = _long_document(window.session.store)
    window.open_document(document.id)
    content = window.reader.content
    assert content is not None
    qtbot.waitUntil(lambda: content.complete)
    assert f"{len(made)} annotations" in window.counts_label.text()
    assert window.reader.overview.rows(window.reader.overview.height())


def test_tagging_before_the_rest_is_loaded_keeps_every_passage(
        qtbot: QtBot, window: MainWindow) -> None:
    document, made = _long_document(window.session.store)
    window.open_document(document.id)
    pane = window.reader
    assert pane.content is not None
    assert not pane.content.complete
    tag = window.session.store.tags.all()[1]
    pane.tag(tag, 30, 50)
    assert len(pane.content.spans) == len(made) + 1
