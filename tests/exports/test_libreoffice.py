"""The briefing and the annotated copy open in LibreOffice and turn into the expected PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages, extract_text

from exports.annotated import write_annotated_copy
from exports.briefing import BriefingOptions, write_briefing
from workbench.briefing.selection import select_passages
from workbench.store import Store

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed: .ci/system-deps installs "
    "libreoffice-writer-nogui when run as root on Debian (make test does this)")


def _to_pdf(path: Path, workdir: Path) -> Path:
    assert SOFFICE is not None
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = workdir / f"{path.stem}.pdf"
    assert pdf.exists(), f"LibreOffice wrote no PDF for {path.name}"
    return pdf


def test_briefing_and_annotated_copy_convert_to_pdf(demo: Store, tmp_path: Path) -> None:
    selection = select_passages(demo)
    briefing = write_briefing(selection, tmp_path / "briefing.docx", BriefingOptions(
        title="Black Sea grain talks", prepared_by="M. Keller"))
    annotated = write_annotated_copy(selection, tmp_path / "annotated.docx")

    pdf = _to_pdf(briefing, tmp_path)
    pages = len(list(extract_pages(pdf)))
    text = " ".join(extract_text(pdf).split())
    assert pages == 4  # title page, summary, the passages, the sources
    assert "Black Sea grain talks" in text
    assert "Key red lines" in text
    assert "Page 1 of 4" in text
    assert "will not allow any vessel to pass without a Russian inspector on board" in text

    pdf = _to_pdf(annotated, tmp_path)
    text = " ".join(extract_text(pdf).split())
    assert len(list(extract_pages(pdf))) == 2  # one page per document
    assert "Turkey will not accept armed escorts" in text
    assert "mixed teams would inspect cargo in Turkish waters" in text
