"""What one import costs, measured in a fresh process: ``python -m tests.import_cost CASE``.

Each case is an ordinary article or the worst shape the importers' limits still
admit (the most paragraphs, lines or elements).  The libraries are warmed on a
small file of the same kind first, so the figure is what the input costs, not
what loading a library costs.  Prints one JSON object: bytes, seconds (of the
process's CPU time, so that a busy machine does not change it), the growth of
the peak resident memory in MB, and whether it was imported.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

from tests import corpus
from workbench.errors import ImportRefused
from workbench.importers import read_article

PARAGRAPH = ("Moscow views territorial concessions by Ukraine as non-negotiable, officials "
             "said on Friday in a long statement.")


def _text(count: int) -> bytes:
    return "\n\n".join(f"{PARAGRAPH} {n}" for n in range(count)).encode()


def _html(count: int) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} {n}</p>" for n in range(count))
    return f"<html><body><article><h1>Talks</h1>{body}</article></body></html>".encode()


def _word(count: int) -> bytes:
    document = docx.Document()
    for n in range(count):
        document.add_paragraph(f"{PARAGRAPH} {n}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "text-1mb": (".txt", lambda: _text(9000)),
    "markdown-1mb": (".md", lambda: _text(9000)),
    "html-1mb": (".html", lambda: _html(8500)),
    "word-3000-paragraphs": (".docx", lambda: _word(3000)),
    "pdf-200-pages": (".pdf", lambda: corpus.pdf_seed(200)),
    "markdown-199k-lines": (".md", lambda: b"a\n" * 199_000),
    "html-29k-elements": (".html", lambda: corpus.html_unclosed_paragraphs(29_000)),
    "word-49k-short-paragraphs": (".docx", lambda: corpus.docx_many_paragraphs(49_000)),
}
# Refused, but only after counting: what the refusal itself may cost.
REFUSED_CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "docx-lying-zip-1gb": (".docx", lambda: corpus.package_lying_sizes(
        corpus.docx_seed(), 1024 * 1024 * 1024)),
    "odt-lying-zip-1gb": (".odt", lambda: corpus.package_lying_sizes(
        corpus.odt_seed(), 1024 * 1024 * 1024)),
    "eml-300k-paragraphs": (".eml", corpus.eml_html_flood),
    "eml-40mb-header": (".eml", corpus.eml_folded_header),
    "eml-100k-attachments": (".eml", corpus.eml_many_attachments),
}
WARM = {".txt": corpus.text_seed, ".md": corpus.markdown_seed, ".html": corpus.html_seed,
        ".docx": corpus.docx_seed, ".pdf": corpus.pdf_seed, ".odt": corpus.odt_seed,
        ".eml": corpus.eml_seed}


def measure(case: str, folder: Path) -> dict[str, object]:
    suffix, build = {**CASES, **REFUSED_CASES}[case]
    warm = corpus.write(folder, f"warm{suffix}", WARM[suffix]())
    read_article(warm)
    data = build()
    path = corpus.write(folder, f"{case}{suffix}", data)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()  # this process's CPU: another's load is not counted
    try:
        read_article(path)
        imported = True
    except ImportRefused:
        imported = False
    seconds = time.process_time() - started
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return {"case": case, "bytes": len(data), "seconds": round(seconds, 3),
            "grown_mb": round(grown, 1), "imported": imported}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps(measure(sys.argv[1], Path(scratch))))
