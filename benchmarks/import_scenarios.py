"""Importers at reading speed: article-sized files of each kind, each ≤ 1 s.

The files are made in the run: 5 MB of plain text and of Markdown, a 1 MB web
page, a Word file with 3,000 styles (each paragraph in its own), and a 30-page
PDF.  The floor is the least work that gets at the words: decoding a text file,
unzipping a Word file's body, PDFium's text of each page, without its lines.

A drawing-heavy PDF (a map: about 1 MB, 60,000 stroked paths with a few
labels) is measured in seconds per megabyte against the issue's 1 s/MB; its
floor is inflating the page's content stream, which any reader must do.
"""

from __future__ import annotations

import random
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pypdfium2 as pdfium
from docx.enum.style import WD_STYLE_TYPE

from benchmarks.generator import article, paragraph
from benchmarks.harness import Figure, median_of, stopwatch
from workbench.importers import read_article

RUNS = 5


def _raw_pdf(content: bytes, pages: int) -> bytes:
    """A PDF whose pages share one text stream (the test corpus's builder)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.corpus import raw_pdf

    return raw_pdf(content, pages=pages)


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    text = article(5, 5_000_000)
    paragraphs = text.split("\n\n")
    made = {"text, 5 MB": folder / "long.txt", "Markdown, 5 MB": folder / "long.md",
            "web page, 1 MB": folder / "page.html", "Word, 3,000 styles": folder / "styles.docx",
            "PDF, 30 pages": folder / "report.pdf"}
    if all(p.exists() for p in made.values()):
        return made
    made["text, 5 MB"].write_text(text, encoding="utf-8")
    made["Markdown, 5 MB"].write_text("# Long read\n\n" + text, encoding="utf-8")
    made["web page, 1 MB"].write_text(
        "<html><head><title>Long read</title></head><body><nav>Home · World</nav><article>"
        "<h1>Long read</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs[:2500])
        + "</article><footer>Share this</footer></body></html>", encoding="utf-8")
    word = docx.Document()
    for n in range(3000):
        word.styles.add_style(f"Custom {n}", WD_STYLE_TYPE.PARAGRAPH)
    for n, text_of in enumerate(paragraphs[:3000]):
        word.add_paragraph(text_of, style=f"Custom {n}")
    word.save(str(made["Word, 3,000 styles"]))
    rng = random.Random(1)
    lines = [f"BT /F1 10 Tf 50 {720 - i * 12} Td ({paragraph(rng)[:90]}) Tj ET"
             for i in range(50)]
    made["PDF, 30 pages"].write_bytes(_raw_pdf("\n".join(lines).encode("latin-1"), 30))
    return made


FLOORS = {".txt": "decoding the bytes", ".md": "decoding the bytes",
          ".html": "decoding the bytes", ".docx": "unzipping the body's XML",
          ".pdf": "PDFium's text of each page"}


def _floor(path: Path) -> None:
    """The least work that gets at the file's words."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            package.read("word/document.xml")
    elif path.suffix == ".pdf":
        document = pdfium.PdfDocument(str(path))
        for page in document:
            page.get_textpage().get_text_range()
        document.close()
    else:
        path.read_bytes().decode("utf-8")


def importers_at_reading_speed(workdir: Path) -> list[Figure]:
    """Read and normalise each file as an import does (storing is measured elsewhere)."""
    figures = []
    for name, path in _files(workdir / "import-files").items():
        def read(path: Path = path) -> float:
            with stopwatch() as took:
                read_article(path)
            return took[0]

        def raw(path: Path = path) -> float:
            with stopwatch() as took:
                _floor(path)
            return took[0]

        value, runs = median_of(RUNS, read)
        floor, _ = median_of(RUNS, raw)
        figures.append(Figure(f"import {name}", value, "s", 1.0, floor,
                              FLOORS[path.suffix], runs))
    return figures


def _drawing(folder: Path) -> tuple[Path, bytes]:
    """A one-page map: 60,000 stroked lines in changing colours and widths, four labels."""
    rng = random.Random(3)
    ops = []
    for n in range(60_000):
        ops.append(f"{rng.random():.3f} 0 0 RG {rng.random():.2f} w {rng.uniform(0, 612):.2f} "
                   f"{rng.uniform(0, 792):.2f} m {rng.uniform(0, 612):.2f} "
                   f"{rng.uniform(0, 792):.2f} l S")
        if n % 15_000 == 0:
            ops.append(f"BT /F1 9 Tf 72 {700 - n // 150} Td (District {n // 15_000 + 1}) Tj ET")
    content = "\n".join(ops).encode("latin-1")
    path = folder / "map.pdf"
    if not path.exists():
        path.write_bytes(_raw_pdf(content, 1))
    return path, content


def drawing_per_megabyte(workdir: Path) -> Figure:
    """Seconds per megabyte to import a drawing-heavy PDF (target 1 s/MB)."""
    folder = workdir / "import-files"
    folder.mkdir(exist_ok=True)
    path, content = _drawing(folder)
    megabytes = path.stat().st_size / 1e6
    packed = zlib.compress(content, 9)

    def read() -> float:
        with stopwatch() as took:
            read_article(path)
        return took[0] / megabytes

    def inflate() -> float:
        with stopwatch() as took:
            zlib.decompress(packed)
        return took[0] / megabytes

    value, runs = median_of(RUNS, read)
    floor, _ = median_of(RUNS, inflate)
    return Figure(f"import PDF drawing, {megabytes:.1f} MB (s/MB)", value, "s", 1.0, floor,
                  "inflating its content stream", runs)


SCENARIOS = [importers_at_reading_speed, drawing_per_megabyte]
