"""A PDF's XMP metadata (the XML packet most tools write beside, or instead of, the
old information dictionary): its title, authors, creation date and publisher.

The packet is parsed with entities and network access off; anything odd in it
leaves the details out, never the text.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from pdfminer.pdftypes import resolve1

MAX_XMP_BYTES = 1_000_000
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NS = {"dc": "http://purl.org/dc/elements/1.1/",
       "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
       "xmp": "http://ns.adobe.com/xap/1.0/"}


def _items(root: Any, path: str) -> list[str]:
    return [" ".join((e.text or "").split()) for e in root.iterfind(path, _NS)
            if (e.text or "").strip()]


def xmp_properties(document: Any) -> dict[str, str]:
    """Title, author (several joined by "; ") and creation date from the XMP packet."""
    try:
        stream = resolve1(resolve1(document.catalog).get("Metadata"))
        data = stream.get_data() if stream is not None else b""
    except (AttributeError, TypeError, ValueError, KeyError):
        return {}
    if not data or len(data) > MAX_XMP_BYTES:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(data.strip(), parser)
    except etree.XMLSyntaxError:
        return {}
    if root is None:
        return {}
    created = f"{{{_NS['xmp']}}}CreateDate"  # an element, or an attribute of a description
    dates = _items(root, ".//xmp:CreateDate") + [
        d.get(created) for d in root.iterfind(".//rdf:Description", _NS) if d.get(created)]
    found = {
        "title": next(iter(_items(root, ".//dc:title//rdf:li")), ""),
        "author": "; ".join(_items(root, ".//dc:creator//rdf:li")),
        "published": next((d[:10] for d in dates if _DAY.match(d)), ""),
        "source": next(iter(_items(root, ".//dc:publisher//rdf:li")), ""),
    }
    return {k: v for k, v in found.items() if v}
