"""Word files saved as "Strict Open XML" read as ordinary ones.

Strict documents (Word's "Save as Strict Open XML Document") name the same parts
and elements under other namespaces (``http://purl.oclc.org/ooxml/...``), which
python-docx does not know: it finds no main document and the file looked
damaged.  The package is read once in memory with each Strict namespace turned
into its transitional twin (ECMA-376, Part 1, the two conformance classes); what
Strict writes differently inside values (dates, percentages) does not touch text.
"""

from __future__ import annotations

import io
import zipfile

_STRICT = b"http://purl.oclc.org/ooxml/"
_TWINS = [  # Strict prefix -> transitional namespace
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/customProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
     b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
    (b"http://purl.oclc.org/ooxml/officeDocument/math",
     b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
    (b"http://purl.oclc.org/ooxml/drawingml/main",
     b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    (b"http://purl.oclc.org/ooxml/drawingml/picture",
     b"http://schemas.openxmlformats.org/drawingml/2006/picture"),
    (b"http://purl.oclc.org/ooxml/drawingml/chart",
     b"http://schemas.openxmlformats.org/drawingml/2006/chart"),
    (b"http://purl.oclc.org/ooxml/schemaLibrary/main",
     b"http://schemas.openxmlformats.org/schemaLibrary/2006/main"),
]


def is_strict(package: zipfile.ZipFile) -> bool:
    """Whether the package's relationships name its parts the Strict way."""
    try:
        return _STRICT in package.read("_rels/.rels")
    except KeyError:
        return False


def as_transitional(data: bytes) -> bytes:
    """The same package with Strict namespaces in its XML parts turned transitional
    (``data`` unchanged when it is not Strict)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if not is_strict(package):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in package.infolist():
                part = package.read(info)
                if info.filename.endswith((".xml", ".rels")):
                    for strict, transitional in _TWINS:
                        part = part.replace(strict, transitional)
                target.writestr(info, part)
    return out.getvalue()
