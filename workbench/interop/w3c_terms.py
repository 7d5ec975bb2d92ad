"""The W3C Web Annotation terms both directions use: the context and our namespace.

Read by the importer here and by the exporter in ``exports.w3c``, so that a file
we write is read back by the same names.
"""

from __future__ import annotations

from typing import Any

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
WB_NAMESPACE = "https://annotation-workbench.org/ns#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"wb": WB_NAMESPACE}]
