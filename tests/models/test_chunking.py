"""split_to_fit: pieces that fit, cut at the gentlest boundary, nothing dropped."""
from __future__ import annotations

from models.chunking import split_to_fit


def chars(text: str) -> int:
    return len(text)


def test_short_text_is_one_piece():
    assert split_to_fit("छोटा वाक्य।", chars, 100) == ["छोटा वाक्य।"]


def test_prefers_danda_boundaries():
    text = "पहला वाक्य है। दूसरा वाक्य है। तीसरा वाक्य है।"
    assert split_to_fit(text, chars, 16) == ["पहला वाक्य है।", "दूसरा वाक्य है।", "तीसरा वाक्य है।"]


def test_packs_sentences_greedily():
    text = "एक। दो। तीन। चार।"
    assert split_to_fit(text, chars, 10) == ["एक। दो।", "तीन। चार।"]


def test_falls_back_to_commas_then_whitespace_then_characters():
    assert split_to_fit("aaa, bbb, ccc", chars, 5) == ["aaa,", "bbb,", "ccc"]
    assert split_to_fit("aaaa bbbb cccc", chars, 5) == ["aaaa", "bbbb", "cccc"]
    assert split_to_fit("abcdefghij", chars, 4) == ["abcd", "efgh", "ij"]


def test_every_piece_fits_and_text_is_preserved():
    text = ("सरकार ने कहा, योजना लागू होगी; लोग खुश हैं। " * 40) + "अंत"
    pieces = split_to_fit(text, chars, 50)
    assert all(len(p) <= 50 for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())
