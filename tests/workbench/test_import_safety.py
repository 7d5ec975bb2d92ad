"""One bad file never stops an import, and hostile files are refused quickly, in words."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import corpus
from tests.workbench.helpers import run_cli as run
from workbench.errors import ImportRefused
from workbench.importers import iter_supported_files, read_article
from workbench.library.bringing_in import AsVersion, Outcome, import_paths
from workbench.store import Store


def test_a_damaged_file_in_a_folder_costs_only_itself(tmp_path: Path) -> None:
    folder = tmp_path / "sent"
    folder.mkdir()
    corpus.write(folder, "a-statement.txt", corpus.text_seed())
    broken = corpus.rewrite_zip(corpus.docx_seed(), {
        "word/document.xml": corpus.document_xml(corpus.docx_seed())[:-40]})
    corpus.write(folder, "b-broken.docx", broken)
    corpus.write(folder, "c-page.html", corpus.html_seed())
    project = tmp_path / "p.wbproj"
    code, out, err = run("-p", str(project), "import", str(folder))
    assert code == 1
    assert out.count("added") == 2
    assert "b-broken.docx is damaged" in err
    assert "unexpected" not in err
    store = Store.open(project)
    assert len(store.documents.ids()) == 2


def test_each_file_is_stored_on_its_own(tmp_path: Path) -> None:
    folder = tmp_path / "sent"
    folder.mkdir()
    corpus.write(folder, "a.txt", corpus.text_seed())
    corpus.write(folder, "b.pdf", corpus.pdf_seed()[:300])
    corpus.write(folder, "c.md", corpus.markdown_seed())
    store = Store.memory()
    # (a.txt and c.md hold the same article: without --separate, c.md would be asked about)
    results = import_paths(store, [folder], how=AsVersion(separate=True))
    assert [r.outcome for r in results] == [Outcome.ADDED, Outcome.FAILED, Outcome.ADDED]
    assert "b.pdf" in results[1].message
    assert "scanned" not in results[1].message


def test_links_out_of_the_folder_are_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = corpus.write(outside, "secret.txt", b"root:x:0:0:root:/root:/bin/bash\n")
    folder = tmp_path / "chosen"
    folder.mkdir()
    corpus.write(folder, "article.txt", corpus.text_seed())
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "article.txt")
    assert [p.name for p in iter_supported_files(folder)] == ["article.txt", "inside.txt"]
    store = Store.memory()
    import_paths(store, [folder])
    assert all("root:x" not in store.documents.resolve(i).text for i in store.documents.ids())


@pytest.mark.parametrize(("name", "build", "words"), [
    ("grid.docx", lambda: corpus.docx_with_grid_span("99999999999999999999"), None),
    ("grid-abc.docx", lambda: corpus.docx_with_grid_span("abc"), None),
    ("empty-date.docx", lambda: corpus.docx_with_created(""), None),
    ("bad-date.docx", lambda: corpus.docx_with_created("yesterday"), None),
    ("bomb.docx", lambda: corpus.docx_zip_bomb(320 * 1024 * 1024), "zip bomb"),
    ("entities.docx", corpus.docx_with_entities, "declares XML entities"),
    ("nested.docx", corpus.docx_deeply_nested, "nested too deeply"),
    ("locked.docx", lambda: corpus.OLE_HEADER + bytes(4000), "password-protected Word"),
    ("truncated.docx", lambda: corpus.docx_seed()[:5000], "damaged"),
    ("bomb.pdf", lambda: corpus.pdf_stream_bomb(128 * 1024 * 1024), "PDF bomb"),
    ("truncated.pdf", lambda: corpus.pdf_seed()[:900], "damaged"),
    ("pages.pdf", lambda: corpus.raw_pdf(corpus.pdf_text_content(), pages=2500),
     "more than 2,000 pages"),
    ("unclosed.html", corpus.html_unclosed_paragraphs, "HTML elements"),
    ("lines.md", corpus.markdown_one_letter_lines, "lines"),
    ("flood.eml", corpus.eml_html_flood, "its body was not read: the page has 300,002 HTML"),
    ("flood.mhtml", corpus.mhtml_html_flood, "the page has 300,002 HTML elements"),
    ("folded.eml", corpus.eml_folded_header, "MB of headers"),
    ("attached.eml", corpus.eml_many_attachments, "100,002 parts"),
    ("lying.docx", lambda: corpus.package_lying_sizes(corpus.docx_seed()), "unpacks to more"),
    ("lying.odt", lambda: corpus.package_lying_sizes(corpus.odt_seed()), "unpacks to more"),
    ("attributes.html", corpus.html_attribute_flood, "a tag with 50,000 attributes"),
    ("brackets.md", corpus.markdown_bracket_flood, None),
    ("locked.odt", corpus.odt_encrypted, "password-protected"),
])
def test_hostile_files_are_read_or_refused_within_limits(
        tmp_path: Path, name: str, build: object, words: str | None) -> None:
    path = corpus.write(tmp_path, name, build())  # type: ignore[operator]
    started = time.process_time()  # CPU time, not the clock's (memory: test_import_cost)
    if words is None:
        article = read_article(path)
        assert "Moscow views territorial concessions" in article.text or \
            article.text.startswith("Brackets")
    else:
        with pytest.raises(ImportRefused, match=words) as refused:
            read_article(path)
        assert str(refused.value).startswith(name)
        assert "\n" not in str(refused.value)
    assert time.process_time() - started < 5 * max(1.0, os.path.getsize(path) / 1e6)


def test_many_short_word_paragraphs_are_read_in_time(tmp_path: Path) -> None:
    path = corpus.write(tmp_path, "long.docx", corpus.docx_many_paragraphs(40_000))
    started = time.process_time()
    article = read_article(path)
    assert len(article.blocks) > 40_000
    assert article.text.endswith("Paragraph 39999.")
    assert time.process_time() - started < 5.0


@pytest.mark.parametrize(("name", "build"), [
    ("100k.docx", lambda: corpus.docx_many_paragraphs(100_000)),
    ("lines.txt", lambda: b"a\n" * 199_000),
    ("paragraphs.md", lambda: b"a\n\n" * 99_000),
])
def test_more_paragraphs_than_an_article_has_are_refused_quickly(
        tmp_path: Path, name: str, build: Callable[[], bytes]) -> None:
    path = corpus.write(tmp_path, name, build())
    started = time.process_time()
    with pytest.raises(ImportRefused, match="up to 50,000"):
        read_article(path)
    assert time.process_time() - started < 5.0


def test_no_entity_reaches_the_text(tmp_path: Path) -> None:
    path = corpus.write(tmp_path, "e.docx", corpus.docx_with_entities())
    with pytest.raises(ImportRefused):
        read_article(path)
