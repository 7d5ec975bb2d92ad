"""Importing into a project: folders, duplicates, and bad files that change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workbench.helpers import snapshot
from workbench.library.bringing_in import Outcome, import_file, import_paths
from workbench.samples import seed_sample
from workbench.store import Store


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    store = Store.open(path, create=True)
    seed_sample(store)
    store.close()
    return path


def _bad_files(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    files = {
        "binary.txt": bytes(range(256)) * 50,
        "empty.txt": b"",
        "blank.md": b"\n\n   \n",
        "huge.txt": b"x" * 2_000_001,
        "fake.pdf": b"%PDF-1.4 this is not really a pdf",
        "fake.docx": b"not a zip at all",
        "hostile.html": b"<html><script>while(1){}</script></html>",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


def test_bad_inputs_each_get_one_message_and_leave_the_project_unchanged(
    project: Path, tmp_path: Path
) -> None:
    before = snapshot(project)
    store = Store.open(project)
    for path in _bad_files(tmp_path / "bad"):
        result = import_file(store, path, max_bytes=2_000_000)
        assert result.outcome is Outcome.FAILED
        assert result.message
        assert "\n" not in result.message
        assert path.name in result.message
    store.close()
    assert snapshot(project) == before


def test_a_folder_imports_every_supported_file_and_lists_the_failures(
    project: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("First Article\n\nThe first one says yes.\n")
    (folder / "sub" / "two.md").write_text("# Second Article\n\nThe second one says no.\n")
    (folder / "three.html").write_text(
        "<html><body><article><h1>Third Article</h1><p>The third one says maybe, "
        "after a long and careful consideration of every option.</p></article></body></html>")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "notes.xyz").write_text("ignored: not an article type")
    (folder / ".hidden.txt").write_text("Hidden\n\nignored: hidden file\n")
    store = Store.open(project)
    results = import_paths(store, [folder])
    outcomes = {r.path.name: r.outcome for r in results}
    assert outcomes == {"one.txt": Outcome.ADDED, "two.md": Outcome.ADDED,
                        "three.html": Outcome.ADDED, "broken.txt": Outcome.FAILED}
    titles = {d.title for d in store.documents.summaries()}
    assert {"First Article", "Second Article", "Third Article"} <= titles
    store.close()


def test_the_same_text_is_recognised_and_not_duplicated(project: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text("Same Story\n\nIdentical text.\n")
    again = tmp_path / "copy.txt"
    again.write_bytes(b"\xef\xbb\xbfSame Story\r\n\r\nIdentical text.   \r\n")  # BOM, CRLF
    store = Store.open(project)
    added = import_file(store, first)
    duplicate = import_file(store, again)
    assert added.outcome is Outcome.ADDED
    assert duplicate.outcome is Outcome.DUPLICATE
    assert duplicate.document is not None
    assert added.document is not None
    assert duplicate.document.id == added.document.id
    assert sum(d.title == "Same Story" for d in store.documents.summaries()) == 1
    store.close()


def test_stopping_an_import_keeps_what_was_imported(project: Path, tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"doc{n}.txt").write_text(f"Article {n}\n\nBody number {n}.\n")
    store = Store.open(project)
    seen: list[str] = []
    results = import_paths(store, sorted(tmp_path.glob("doc*.txt")),
                           on_result=lambda r: seen.append(r.path.name) or len(seen) < 2)
    assert len(results) == 2
    assert sum(d.title.startswith("Article") for d in store.documents.summaries()) == 2
    store.close()
