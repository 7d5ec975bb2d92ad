"""Normalisation of text and the code-point / UTF-16 offset helper."""

from __future__ import annotations

import unicodedata

import pytest

from workbench.text.blocks import BlockSpec, assemble, sha256_text
from workbench.text.utf16 import Utf16Map, from_utf16, to_utf16


def test_assemble_joins_blocks_with_one_blank_line_and_records_ranges() -> None:
    text, blocks = assemble([
        BlockSpec("heading", "  Title \t"), BlockSpec("paragraph", ""),
        BlockSpec("paragraph", "One  two\r\nthree   "),
    ])
    assert text == "Title\n\nOne two\nthree"
    assert [(b.kind, text[b.start:b.end]) for b in blocks] == [
        ("heading", "Title"), ("paragraph", "One two\nthree")]
    assert [b.index for b in blocks] == [0, 1]


def test_assemble_normalises_to_nfc_and_drops_control_characters() -> None:
    nfd = unicodedata.normalize("NFD", "Café déjà vu")
    text, _ = assemble([BlockSpec("paragraph", nfd + "\x07")])
    assert text == "Café déjà vu"
    assert unicodedata.is_normalized("NFC", text)


def test_sha256_is_of_the_utf8_bytes() -> None:
    assert sha256_text("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")


TEXT = "a😀b𝔘c\u00e9d🇺🇦e"  # emoji, a mathematical letter, a flag (two astral chars)


def test_utf16_round_trip_at_every_code_point() -> None:
    mapping = Utf16Map(TEXT)
    assert mapping.utf16_length == len(TEXT.encode("utf-16-le")) // 2
    for index in range(len(TEXT) + 1):
        units = len(TEXT[:index].encode("utf-16-le")) // 2
        assert mapping.to_utf16(index) == units
        assert mapping.from_utf16(units) == index


def test_utf16_position_inside_a_surrogate_pair_maps_to_the_character_start() -> None:
    # "a" is unit 0, the emoji occupies units 1-2: unit 2 is its second half.
    assert from_utf16(TEXT, 2) == 1
    assert to_utf16(TEXT, 2) == 3


@pytest.mark.parametrize("position", [-5, 10_000])
def test_utf16_conversion_clamps_out_of_range_positions(position: int) -> None:
    mapping = Utf16Map(TEXT)
    assert 0 <= mapping.from_utf16(position) <= len(TEXT)
    assert 0 <= mapping.to_utf16(position) <= mapping.utf16_length
