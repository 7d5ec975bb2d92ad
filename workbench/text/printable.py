"""Names and values made safe to print on one line.

A name that holds a newline or another control character (an actor called
"Russia\\nok: all passages accepted") would otherwise print a forged line in a
list or a message; here it is shown escaped, as ``\\n``.
"""

from __future__ import annotations

import re

# C0 and C1 controls, and the two Unicode line and paragraph separators.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same, less the tab and newline that free text (a note, a comment) may hold.
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
SURROGATE = re.compile(r"[\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with every control character escaped (``\\n``, ``\\x1b``), and any
    undecodable byte shown as ``\\udcXX``: safe to print as one line."""
    if not CONTROL.search(text) and not SURROGATE.search(text):
        return text
    return "".join(_escape(c) if CONTROL.match(c) or SURROGATE.match(c) else c for c in text)


def _escape(character: str) -> str:
    return character.encode("unicode_escape").decode("ascii")
