"""Re-anchoring a stored quote onto changed text: each status, and the traps."""

from __future__ import annotations

import unicodedata

from workbench.model import AnchorStatus
from workbench.text.anchoring import CONTEXT_CHARS, Reanchorer, capture, locate, reanchor
from workbench.text.diff import TextMapping

ARTICLE = (
    "Peace Talks Resume\n\n"
    "The delegations met in Geneva on Tuesday for the first time since March. "
    "Moscow views territorial concessions by Ukraine as non-negotiable, a spokesman said. "
    "Kyiv rejected the demand within the hour.\n\n"
    "European ministers urged both sides to keep talking and promised more aid to Kyiv. "
    "A further round is planned for May, officials said."
)
QUOTE = "Moscow views territorial concessions by Ukraine as non-negotiable"


def _selector(text: str = ARTICLE, quote: str = QUOTE, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return capture(text, start, start + len(quote))


def test_capture_takes_the_quote_and_32_characters_either_side() -> None:
    sel = _selector()
    assert ARTICLE[sel.start:sel.end] == QUOTE == sel.exact
    assert len(sel.prefix) == len(sel.suffix) == CONTEXT_CHARS
    assert ARTICLE[sel.start - CONTEXT_CHARS:sel.start] == sel.prefix
    start_sel = capture(ARTICLE, 0, 5)
    assert start_sel.prefix == ""
    assert start_sel.exact == "Peace"


def test_unchanged_text_is_anchored_in_place() -> None:
    sel = _selector()
    result = reanchor(sel, ARTICLE, ARTICLE)
    assert (result.status, result.start, result.end) == (AnchorStatus.ANCHORED, sel.start, sel.end)


def test_text_inserted_before_the_quote_moves_it() -> None:
    sel = _selector()
    inserted = "BREAKING: an update was added at the top of the story.\n\n"
    new = inserted + ARTICLE
    result = reanchor(sel, ARTICLE, new)
    assert result.status is AnchorStatus.MOVED
    assert (result.start, result.end) == (sel.start + len(inserted), sel.end + len(inserted))
    assert new[result.start:result.end] == QUOTE


def test_an_edit_just_before_the_quote_in_the_same_paragraph_moves_it() -> None:
    sel = _selector()
    new = ARTICLE.replace("since March.", "since the talks broke down in March.")
    result = reanchor(sel, ARTICLE, new)
    assert result.status is AnchorStatus.MOVED
    assert new[result.start:result.end] == QUOTE


def test_a_small_edit_inside_the_quote_is_changed_and_follows_the_edit() -> None:
    sel = _selector()
    new = ARTICLE.replace("territorial concessions by Ukraine",
                          "territorial concessions from Ukraine")
    result = reanchor(sel, ARTICLE, new)
    assert result.status is AnchorStatus.CHANGED
    assert new[result.start:result.end] == (
        "Moscow views territorial concessions from Ukraine as non-negotiable")
    assert result.score >= 0.8


def test_a_deleted_quote_is_an_orphan_and_keeps_its_saved_quote() -> None:
    sel = _selector()
    new = ARTICLE.replace(QUOTE + ", a spokesman said. ", "")
    result = reanchor(sel, ARTICLE, new)
    assert result.status is AnchorStatus.ORPHAN
    assert sel.exact == QUOTE  # nothing is overwritten


def test_an_edited_original_with_an_untouched_lookalike_needs_review() -> None:
    para = ("Moscow views territorial concessions by Ukraine as non-negotiable, "
            "the spokesman said again on Tuesday.")
    text = f"Talks\n\n{para}\n\nIn other news, the weather was fine.\n\n{para}"
    sel = _selector(text, "Moscow views territorial concessions by Ukraine as non-negotiable",
                    occurrence=1)
    edited = para.replace("concessions by Ukraine", "concessions by Kyiv")
    new = f"Talks\n\n{para}\n\nIn other news, the weather was fine.\n\n{edited}"
    result = reanchor(sel, text, new)
    assert result.status is AnchorStatus.NEEDS_REVIEW  # never a silent move to the lookalike
    # The suggestion offered for review is the edited original, not the lookalike.
    assert new[result.start:result.end] == (
        "Moscow views territorial concessions by Kyiv as non-negotiable")


def test_two_identical_passages_with_identical_context_need_review() -> None:
    para = "Moscow views territorial concessions by Ukraine as non-negotiable, he said."
    text = f"{para}\n\n{para}"
    sel = _selector(text, "concessions by Ukraine as non-negotiable", occurrence=1)
    new = text.replace("\n\n", "\n\nAn added paragraph in between.\n\n")
    new = new[:len(para)] + new[len(para):].replace("by Ukraine", "by  Ukraine's")
    result = reanchor(sel, text, new)
    assert result.status is AnchorStatus.NEEDS_REVIEW


def test_a_short_quote_needs_its_context_too() -> None:
    text = "NATO said no. Later, NATO said yes to the plan, and NATO said maybe."
    start = text.index("NATO said yes")
    sel = capture(text, start, start + 4)  # "NATO", under 10 characters
    # Context kept: found again even though the text before it changed.
    new = text.replace("Later,", "Much later that day,")
    moved = reanchor(sel, text, new)
    assert moved.status is AnchorStatus.MOVED
    assert new[moved.start:moved.end + 9] == "NATO said yes"
    # Context gone: an exact "NATO" elsewhere is not enough.
    gone = "NATO said no. Completely different sentence here. NATO said maybe."
    assert reanchor(sel, text, gone).status is AnchorStatus.ORPHAN


def test_emoji_and_astral_characters_before_the_quote() -> None:
    prefix = "🇺🇦 𝔘𝔨𝔯𝔞𝔦𝔫𝔢 🙂🙂 update: "
    text = prefix + ARTICLE
    sel = _selector(text)
    assert text[sel.start:sel.end] == QUOTE
    new = "🔥 " + text  # more astral characters inserted at the very start
    result = reanchor(sel, text, new)
    assert result.status is AnchorStatus.MOVED
    assert new[result.start:result.end] == QUOTE
    assert result.start == sel.start + 2  # code points: one emoji and one space


def test_nfd_input_is_matched_as_nfc() -> None:
    text = "Le ministre a déclaré que la frontière est non négociable, dit-il."
    quote = "la frontière est non négociable"
    sel = capture(text, text.index(quote), text.index(quote) + len(quote))
    nfd_sel = type(sel)(sel.start, sel.end, unicodedata.normalize("NFD", sel.exact),
                        unicodedata.normalize("NFD", sel.prefix),
                        unicodedata.normalize("NFD", sel.suffix))
    result = locate(nfd_sel, text)
    assert result.status is AnchorStatus.ANCHORED
    assert text[result.start:result.end] == quote


def test_a_rewritten_paragraph_elsewhere_can_still_be_found() -> None:
    sel = _selector()
    # The quote's paragraph moved to the end, and one word inside it changed.
    first, second, third = ARTICLE.split("\n\n")
    new = "\n\n".join([first, third, second.replace("spokesman", "spokeswoman")])
    result = reanchor(sel, ARTICLE, new)
    assert result.status in (AnchorStatus.MOVED, AnchorStatus.CHANGED)
    assert new[result.start:result.end] == QUOTE


def test_many_selectors_share_one_diff() -> None:
    quotes = ["delegations met in Geneva", "Kyiv rejected the demand",
              "promised more aid to Kyiv", "further round is planned"]
    sels = [_selector(ARTICLE, q) for q in quotes]
    new = ARTICLE.replace("Tuesday", "Wednesday").replace("May", "June")
    reanchorer = Reanchorer(ARTICLE, new)
    for sel, quote in zip(sels, quotes, strict=True):
        result = reanchorer.reanchor(sel)
        assert new[result.start:result.end] == quote
        assert result.status in (AnchorStatus.ANCHORED, AnchorStatus.MOVED)


def test_text_mapping_is_exact_in_unchanged_stretches() -> None:
    old = "alpha beta gamma delta"
    new = "alpha BETA gamma delta epsilon"
    mapping = TextMapping(old, new)
    assert mapping.map_span(11, 16) == (11, 16)  # "gamma"
    assert mapping.map_span(6, 10) is None  # "beta" changed
    assert mapping.map_position(0) == 0
