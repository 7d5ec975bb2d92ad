"""Render the demo project's briefing and annotated copy to PDF and PNG pages.

``python -m exports.preview OUTDIR`` (part of ``make screenshots``) writes
``briefing.docx`` and ``annotated.docx``, converts them with LibreOffice
(``soffice --headless --convert-to pdf``) and, when poppler's ``pdftoppm`` is
there, into ``briefing-N.png`` / ``annotated-N.png`` pages to look at (and
``briefing-grey-N.png``, the briefing as a black-and-white printer gives it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from exports.annotated import write_annotated_copy
from exports.briefing import BriefingOptions, write_briefing
from workbench.briefing.selection import select_passages
from workbench.briefing.written import read_draft
from workbench.samples import build_demo, write_demo_brief


def render(outdir: Path) -> list[Path]:
    """Write the two Word files and whatever renderings the tools present allow."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        store = build_demo(Path(scratch) / "demo.wbproj")
        write_demo_brief(store)
        selection = select_passages(store)
        draft = read_draft(store)
        store.close()
        files = [
            write_briefing(selection, outdir / "briefing.docx", BriefingOptions(
                title=draft.title, prepared_by="M. Keller", marking="OFFICIAL-SENSITIVE",
                scope="All documents; all tags; all actors; every status.", paper="a4",
                draft=draft)),
            write_annotated_copy(selection, outdir / "annotated.docx",
                                 marking="OFFICIAL-SENSITIVE", paper="a4"),
        ]
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("LibreOffice is not installed: only the .docx files were written.")
            return files
        profile = (Path(scratch) / "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                       check=True, capture_output=True, timeout=300)
    made = [*files, outdir / "briefing.pdf", outdir / "annotated.pdf"]
    if shutil.which("pdftoppm"):
        for stem in ("briefing", "annotated"):
            subprocess.run(["pdftoppm", "-png", "-r", "70", str(outdir / f"{stem}.pdf"),
                            str(outdir / stem)], check=True, timeout=120)
        # As printed on a black-and-white printer: the tags must still be told apart.
        subprocess.run(["pdftoppm", "-png", "-gray", "-r", "70", str(outdir / "briefing.pdf"),
                        str(outdir / "briefing-grey")], check=True, timeout=120)
        made += sorted(outdir.glob("*-*.png"))
    return made


if __name__ == "__main__":
    for path in render(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")):
        print(path)
