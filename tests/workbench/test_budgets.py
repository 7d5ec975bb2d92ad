"""Budgets count work, not seconds; and the crashes of the hostile-input trials.

The same file gets the same answer on a busy machine; a .doc piece table
cannot read more than its stream; text that decodes to half a surrogate pair,
and a folder with a link loop, cost no other file its import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import corpus
from tests.workbench.helpers import run_cli
from workbench.errors import ImportRefused
from workbench.importers import read_article
from workbench.importers.word.docfile import _characters
from workbench.library.bringing_in import Outcome, import_paths
from workbench.store import Store

BORDERLINE = {
    "29k.html": lambda: corpus.html_unclosed_paragraphs(29_000),
    "31k.html": lambda: corpus.html_unclosed_paragraphs(31_000),
    "many.docx": lambda: corpus.docx_many_paragraphs(49_000),
    "flood.eml": lambda: corpus.eml_html_flood(31_000),
    "lying.docx": lambda: corpus.package_lying_sizes(corpus.docx_seed(), 4 * 1024 * 1024),
    "pages.pdf": lambda: corpus.pdf_seed(150),
}


def _answers(folder: Path) -> dict[str, str]:
    answers = {}
    for path in sorted(folder.iterdir()):
        try:
            answers[path.name] = f"read {len(read_article(path).text)}"
        except ImportRefused as exc:
            answers[path.name] = str(exc)
    return answers


def test_the_same_files_get_the_same_answers_with_both_cores_busy(tmp_path: Path) -> None:
    for name, build in BORDERLINE.items():
        corpus.write(tmp_path, name, build())
    idle = _answers(tmp_path)
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
               for _ in range(2)]
    try:
        busy = _answers(tmp_path)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    assert busy == idle
    assert idle["29k.html"].startswith("read")
    assert "31,002 HTML elements" in idle["31k.html"]
    assert "its body was not read" in idle["flood.eml"]


def test_a_piece_table_cannot_read_more_text_than_the_stream_holds() -> None:
    document = bytes(range(256)) * 64  # a 16 KB stream
    one = [(0, 4_000_000_000, 0, True)]  # one piece claiming 4 G characters: the stream
    assert len(_characters(document, one, [])[0]) == len(document)
    with pytest.raises(ImportRefused, match="claims more text than the file holds"):
        _characters(document, one * 1000, [])  # the same bytes a thousand times


def test_half_a_surrogate_pair_costs_no_file_its_import(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    corpus.write(folder, "a-utf7.eml", corpus.eml_utf7_lone_surrogate())
    corpus.write(folder, "b-after.txt", b"After\n\nThe file after the e-mail.\n")
    (folder / "c-loop.txt").symlink_to(folder / "d-loop.txt")
    (folder / "d-loop.txt").symlink_to(folder / "c-loop.txt")
    (folder / "self").symlink_to(folder)
    store = Store.memory()
    results = import_paths(store, [folder])
    assert [(r.path.name, r.outcome) for r in results] == [
        ("a-utf7.eml", Outcome.ADDED), ("b-after.txt", Outcome.ADDED)]
    mail = results[0].document
    assert mail is not None
    assert "\ufffd" in mail.text


@pytest.mark.parametrize("size", ["nan", "inf", "-1", "0"])
def test_import_refuses_a_size_that_is_no_size(tmp_path: Path, size: str) -> None:
    article = corpus.write(tmp_path, "a.txt", corpus.text_seed())
    code, _, err = run_cli("-p", str(tmp_path / "p.wbproj"), "import", "--max-size", size,
                           str(article))
    assert code == 1
    assert err.startswith("Error: Invalid value for '--max-size'")
    assert err.count("\n") == 1
