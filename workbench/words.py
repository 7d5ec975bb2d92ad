"""Counts and dates as a reader writes them: '3 passages', '14 March 2026'.

Shared by the command line, the exporters and the window.  Standard library only.
"""

from __future__ import annotations

from datetime import date


def long_date(iso: str, *, short: bool = False) -> str:
    """'2026-03-14' → '14 March 2026' ('14 Mar 2026' if ``short``; anything else is
    returned as it is)."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%b %Y}" if short else f"{day.day} {day:%B %Y}"


def plural(count: int, word: str) -> str:
    """'1 passage', '2 passages'."""
    return f"{count} {word}{'' if count == 1 else 's'}"
