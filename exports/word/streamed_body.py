"""Saving a Word file whose body is written as text, never held as an XML tree.

A briefing of 100,000 passages is millions of XML elements: parsed, they take
gigabytes.  Here the body's fragments go to a temporary file as they are made
(any relationship they need, a hyperlink's, is made on the document meanwhile),
python-docx saves the rest of the package around a marker paragraph, and the
fragments are copied into ``word/document.xml`` in place of the marker while the
package is rewritten.  Memory stays flat; the result is the same file.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from docx.document import Document as WordDocument

_CHUNK = 1 << 20


def save_with_body(document: WordDocument, fragments: Iterable[str], path: Path) -> None:
    """Save ``document`` to ``path`` with ``fragments`` as its body (before the section)."""
    marker = f"WORKBENCH-BODY-{secrets.token_hex(8)}"
    with tempfile.TemporaryDirectory(prefix="workbench-docx-") as scratch:
        body = Path(scratch) / "body.xml"
        with body.open("w", encoding="utf-8") as out:
            for fragment in fragments:
                out.write(fragment)
        document.add_paragraph(marker)
        package = Path(scratch) / "package.docx"
        document.save(str(package))
        _splice(package, body, marker, path)


def _splice(package: Path, body: Path, marker: str, path: Path) -> None:
    with zipfile.ZipFile(package) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
                continue
            text = source.read(item).decode("utf-8")
            at = text.index(marker)
            start = max(text.rfind("<w:p>", 0, at), text.rfind("<w:p ", 0, at))
            end = text.index("</w:p>", at) + len("</w:p>")
            with target.open(item.filename, "w", force_zip64=True) as out, \
                    body.open("rb") as made:
                out.write(text[:start].encode("utf-8"))
                shutil.copyfileobj(made, out, _CHUNK)
                out.write(text[end:].encode("utf-8"))
