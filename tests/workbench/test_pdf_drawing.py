"""PDF drawings are skipped unread: path, line-style, colour and marked-content operations
leave a content stream before pdfminer tokenizes it; text, strings that look like
drawing, fonts, positions, images and forms pass unchanged."""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTCurve
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from workbench.errors import ImportRefused
from workbench.importers import read_article
from workbench.importers.pdf_drawing import FEW_SEGMENTS, without_drawing

MAP = b"0 0 m 1 1 l S " * FEW_SEGMENTS  # enough drawing for a stream to be worth the pass


def test_drawing_operations_leave_and_text_stays() -> None:
    stream = (b"q 1 0 0 1 10 10 cm 0 0 m 10 10 l 1 2 3 4 5 6 c 1 2 3 4 v h S\n"
              b"0 0 10 10 re W n 0.5 w 1 J 0 j 4 M [3 2] 0 d 0 0 0 RG 1 g 0 0 0 1 k\n"
              b"/DeviceRGB cs /P <</MCID 3>> BDC BT /F1 12 Tf 72 700 Td (Hello) Tj ET EMC Q")
    kept, painted = without_drawing(MAP + stream)
    assert kept == b"q 1 0 0 1 10 10 cm BT /F1 12 Tf 72 700 Td (Hello) Tj ET Q"
    assert painted


def test_strings_that_look_like_drawing_keep_their_text() -> None:
    stream = (b"BT (Step 10 20 m then S) Tj (a (nested (deep 1 2 l) S) b) Tj (esc \\( 3 4 m) Tj "
              b"[(kern) -120 (ed 0 0 m)] TJ <48656c6c6f> <0A f 1B> Tj ET % 5 6 m S comment\n"
              b"(open \\) 7 8 l S")  # a string left open keeps the rest of the stream
    kept, painted = without_drawing(MAP + stream)
    assert kept == stream
    assert painted  # the map's


def test_a_stream_with_an_inline_image_is_passed_as_it_is() -> None:
    stream = MAP + b"BI /W 2 /H 2 /BPC 8 /CS /G ID \x01 7 8 l S\x02 EI Q"
    assert without_drawing(stream) == (stream, True)


def test_only_whole_operations_at_a_token_start_go() -> None:
    # One operand too many leaves the extra number; a name or keyword ending in a
    # drawing letter is not an operator; operands without their operator stay.
    kept, _ = without_drawing(MAP + b"7 1 2 m S /F1 12 Tf /Sh0 sh 3 Tz 10 20 ")
    assert kept == b"7 /F1 12 Tf /Sh0 sh 3 Tz 10 20 "
    # A stream that paints nothing, or a few rules, is passed as it is.
    assert without_drawing(b"0 0 m 10 10 l 1 g BT (x) Tj ET") == (
        b"0 0 m 10 10 l 1 g BT (x) Tj ET", False)
    assert without_drawing(b"0 0 m 10 0 l S BT (x) Tj ET") == (
        b"0 0 m 10 0 l S BT (x) Tj ET", True)


def test_a_hostile_stream_costs_one_pass() -> None:
    """Strings that never close, escapes and dictionaries that never end: each is read
    once, not once for every place it might begin (which took minutes before)."""
    for pattern in (b"\\(", b"((", b"<<(", b"/a [1 2 ", b"BI "):
        stream = MAP + pattern * 200_000
        started = time.process_time()
        without_drawing(stream)
        assert time.process_time() - started < 5  # one pass takes a tenth of a second
def _vector_pdf(tmp_path: Path, *, words: bool) -> Path:
    """A page of map-like drawing (a thousand paths), with labels placed between them."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    rng = random.Random(7)
    for n in range(1000):
        page.setStrokeColorRGB(rng.random(), 0, 0)
        page.setLineWidth(rng.random())
        page.line(rng.uniform(0, 500), rng.uniform(0, 800), rng.uniform(0, 500),
                  rng.uniform(0, 800))
        if words and n in (200, 600):
            page.saveState()
            page.translate(72, 700 if n == 200 else 400)  # a cm that places the label
            page.setFont("Helvetica", 12)
            page.drawString(0, 0, "Northern corridor 12 40 m" if n == 200
                            else "Southern depot (closed)")
            page.restoreState()
    page.showPage()
    page.save()
    path = tmp_path / "map.pdf"
    path.write_bytes(out.getvalue())
    return path


def test_labels_among_drawings_are_read_where_they_stand(tmp_path: Path) -> None:
    article = read_article(_vector_pdf(tmp_path, words=True))
    assert [article.text[b.start:b.end] for b in article.blocks] == [
        "Northern corridor 12 40 m", "Southern depot (closed)"]


def test_the_layout_no_longer_holds_the_drawing(tmp_path: Path) -> None:
    """What made a drawing slow: every path became a layout object.  Read through
    the importer's pdfminer, the page holds none of them."""
    read_article(_vector_pdf(tmp_path, words=True))  # installs the pass
    page = next(iter(extract_pages(str(tmp_path / "map.pdf"), laparams=LAParams())))
    assert not [element for element in page if isinstance(element, LTCurve)]


def test_a_drawing_without_words_is_still_called_a_picture(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="no text layer"):
        read_article(_vector_pdf(tmp_path, words=False))


_TOKENS = st.sampled_from([
    b"1", b"2.5", b"-3", b"m", b"l", b"c", b"re", b"S", b"f*", b"W", b"n", b"w", b"RG",
    b"d", b"[]", b"[1 2]", b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"/F1", b"/P", b"<<", b">>",
    b"BDC", b"EMC", b"q", b"Q", b"cm", b"%c", b"\n"])
_STRINGS = st.sampled_from([
    b"(1 2 m)", b"(a (1 2 l) b)", b"(x \\) 0 0 m)", b"<4142>", b"(S)", b"((f))"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TOKENS, _STRINGS), max_size=60))
def test_no_string_is_ever_touched(tokens: list[bytes]) -> None:
    stream = MAP + b" ".join(tokens)
    kept, _ = without_drawing(stream)
    strings = [t for t in tokens if t[:1] in (b"(", b"<") and t not in (b"<<",)]
    position = 0
    for string in strings:  # every string survives, whole and in order
        found = kept.find(string, position)
        assert found >= 0, (stream, kept)
        position = found + len(string)
