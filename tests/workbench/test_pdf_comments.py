"""A PDF's comments and stamps are read: a comment with its author, page and the words
it highlights (its marker right after them), a reply with the comment it answers, a
stamp's words where it stands; a damaged annotation is passed over, the text kept."""

from __future__ import annotations

from pathlib import Path

from tests.corpus import reviewed_pdf_seed
from workbench.importers import read_article


def _reviewed_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "reviewed.pdf"
    path.write_bytes(reviewed_pdf_seed())
    return path


def test_comments_come_with_author_page_marked_words_and_replies(tmp_path: Path) -> None:
    article = read_article(_reviewed_pdf(tmp_path))
    text = article.text
    assert article.title == "The ministers agreed to open the corridor on Monday."  # no marker
    assert text.split("\n\n")[:3] == [
        "The ministers agreed to open[C1] the corridor on Monday.",  # the marker
        "Inspections continue in Turkish waters.", "DRAFT ONLY"]  # the stamp's words
    assert text.split("\n\n")[3:] == [
        "Comments in the file",
        "[C1] Anna Berg, page 1, on \u201cagreed to open\u201d: Which ministers? Check.",
        "[C2] Desk, page 1, replying to C1: The joint statement of 3 May."]


def test_a_damaged_annotation_is_passed_over(tmp_path: Path) -> None:
    path = _reviewed_pdf(tmp_path)
    data = path.read_bytes()
    broken = data.replace(b"/T (Desk)", b"/T Desk B", 1)  # a dictionary that will not parse
    assert broken != data
    path.write_bytes(broken)
    text = read_article(path).text
    assert "The ministers agreed to open[C1] the corridor on Monday." in text
    assert "[C1] Anna Berg, page 1, on \u201cagreed to open\u201d: Which ministers? Check." \
        in text
    assert "joint statement" not in text


def test_a_marker_follows_the_whole_words_it_marks() -> None:
    """A one-letter highlight is not placed inside a longer word; words not found on the
    page (a highlight over a picture) leave the text as it is."""
    from workbench.importers.pdf.comments import with_markers
    assert with_markers(["Agreed a deal", "Talks go on"], {0: "a", 1: "go on", 2: "absent"}) \
        == ["Agreed a[C1] deal", "Talks go on[C2]"]
