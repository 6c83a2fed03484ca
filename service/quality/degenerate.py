"""Degenerate model output: empty, untranslated, looping, truncated, or the wrong length.

These are the failures users of other MT services report most (design.md, "never do" #7). Each
detector is cheap and model-free, so it runs on every output.
"""
from __future__ import annotations

import re

from service.quality.text import DEVANAGARI_LETTER

# English words per Hindi word in a faithful translation is about 0.7-1.3 on the shared corpus;
# far outside these bounds something was dropped or invented.
MIN_WORD_RATIO = 0.35
MAX_WORD_RATIO = 2.5
MIN_SOURCE_WORDS = 6  # below this, ratios are noise
MAX_DEVANAGARI_LETTERS = 2
LOOP_REPEATS = 3  # a 1-4 word unit repeated this many times in a row is a loop
MIN_DISTINCT_RATIO = 0.3  # distinct words / words, for outputs of 12+ words

_SOURCE_END = re.compile(r"[।॥?!.][\s'\"’”)\]]*$")
_OUTPUT_END = re.compile(r"[.?!…][\s'\"’”)\]]*$|[.?!…]['\"’”]$")
_WORD = re.compile(r"[\w\u0900-\u097F]+(?:['’-][\w]+)*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def detect_degenerate(source: str, output: str, *, complete: bool = True) -> list[str]:
    """Problems with ``output`` as an English rendering of ``source`` (empty list: none found).

    ``complete`` is False for summaries, which may be much shorter than their source.
    """
    text = output.strip()
    if not text:
        return ["empty output"]
    problems = []
    if len(DEVANAGARI_LETTER.findall(text)) > MAX_DEVANAGARI_LETTERS:
        problems.append("untranslated Devanagari text in the output")
    if loop := repetition(text):
        problems.append(f"repetition loop: {loop!r}")
    if _SOURCE_END.search(source.strip()) and not _OUTPUT_END.search(text):
        problems.append("truncated output: no sentence end")
    ratio = length_ratio(source, text)
    if ratio is not None:
        if ratio > MAX_WORD_RATIO:
            problems.append(f"output too long for its source ({ratio:.2f} words per source word)")
        elif complete and ratio < MIN_WORD_RATIO:
            problems.append(f"output too short for its source ({ratio:.2f} words per source word)")
    return problems


def length_ratio(source: str, output: str) -> float | None:
    n_source = len(words(source))
    if n_source < MIN_SOURCE_WORDS:
        return None
    return len(words(output)) / n_source


def repetition(text: str) -> str | None:
    """The repeated unit of a loop ("poor, poor, poor" -> "poor"), or None."""
    tokens = [w.lower() for w in words(text)]
    for size in range(1, 5):
        for start in range(0, len(tokens) - size * LOOP_REPEATS + 1):
            unit = tokens[start : start + size]
            if all(tokens[start + k * size : start + (k + 1) * size] == unit for k in range(1, LOOP_REPEATS)):
                return " ".join(unit)
    if len(tokens) >= 12 and len(set(tokens)) / len(tokens) < MIN_DISTINCT_RATIO:
        return max(set(tokens), key=tokens.count)
    return None
