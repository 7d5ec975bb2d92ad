"""Typography of the exports: quotation marks that nest, never doubled."""

from __future__ import annotations

from exports.common import quoted


def test_a_quote_ending_on_a_quote_never_doubles_the_mark() -> None:
    assert quoted('the sides were "closer than at any time since the summer"') == \
        "\u201cthe sides were \u2018closer than at any time since the summer\u2019\u201d"
    assert quoted("inspections \u201cthe minimum condition\u201d") == \
        "\u201cinspections \u2018the minimum condition\u2019\u201d"
    assert "\u201d\u201d" not in quoted("circumstances\u201d")
    assert quoted("  a   plain\nquote ") == "\u201ca plain quote\u201d"
    # An odd straight quote (cut by the selection) is left as it is.
    assert quoted('he said "no') == "\u201che said \"no\u201d"
