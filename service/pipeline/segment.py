"""Segment stage: split cleaned paragraphs into sentences, never across paragraphs.

Ends are the danda ``।``, double danda ``॥``, ``?``, ``!`` and ``.`` where a site uses it as a
full stop. A ``.`` is not an end after an abbreviation or initial (``डॉ.``, ``एस.``, ``Dr.``,
``S.``), inside a number or URL (no space follows it), or before a lower-case English word.
Ellipses never end a sentence: in Hindi news they mostly mark an elided part of a quote.
"""
from __future__ import annotations

import re
import unicodedata

from service.pipeline.types import Sentence

_HARD_ENDS = "।॥?!"
_END_CHARS = _HARD_ENDS + "."
_CLOSERS = "’”\"')]}»"
_SPACED_CLOSERS = "’”"  # unambiguous closing quotes, attached even after a stray space ("है। ’’")
_OPENERS = "([{‘“\"'«"

# Titles and short forms that stand before a name or number and end in a dot.
_DEVANAGARI_TITLES = frozenset(
    unicodedata.normalize("NFC", w)
    for w in "डॉ प्रो श्री श्रीमती सुश्री कु स्व पं मो मु मि ले सं रु रू नं क्र पृ लि प्रा कं".split()
)
# English letter names written in Devanagari, used as initials ("एस. जयशंकर", "के. सिंह").
_DEVANAGARI_LETTERS = frozenset(
    unicodedata.normalize("NFC", w)
    for w in "ए बी सी डी ई एफ एफ़ एच जे के एल एम एन ओ पी क्यू आर एस टी यू वी डब्ल्यू डबल्यू एक्स वाई जेड ज़ेड".split()
)
# Letter names that are also everyday words ("वह आई.", "मोदी जी."): initials only in a chain
# of initials or at the start of a sentence.
_AMBIGUOUS_LETTERS = frozenset({"आई", "जी"})
_LATIN_TITLES = frozenset(
    "dr mr mrs ms mx prof st mt gen col lt capt sgt gov sen rep hon rev messrs smt shri sh".split()
)
# Short forms that are abbreviations only when a number follows ("No. 5", "Jan. 15", "रु. 500").
_BEFORE_NUMBER = frozenset(
    "no nos rs fig vol pp p art sec ch jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_TIGHTEN_CLOSERS = re.compile(r"([।॥?!.])\s+(?=[’”]+$)")  # "है। ’’" -> "है।’’"
_INNER_DOT_ABBREVIATION = re.compile(r"(?:[^\W\d_]|[\u0900-\u0963])+(?:\.(?:[^\W\d_]|[\u0900-\u0963])+)+")


def split_sentences(paragraphs: list[str]) -> list[Sentence]:
    """Sentences of all ``paragraphs``, numbered across the article; ``paragraph`` is the list index."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for text in split_paragraph(paragraph):
            sentences.append(Sentence(index=len(sentences), text=text, paragraph=number))
    return sentences


def split_paragraph(text: str) -> list[str]:
    """The sentences of one paragraph, whitespace collapsed; pieces with no letter or digit are dropped."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    pieces: list[str] = []
    start = i = 0
    while i < len(text):
        if text[i] not in _END_CHARS:
            i += 1
            continue
        run_end = i + 1
        while run_end < len(text) and text[run_end] in _END_CHARS:
            run_end += 1
        end = _sentence_end(text, start, i, run_end)
        if end is None:
            i = run_end
            continue
        pieces.append(_TIGHTEN_CLOSERS.sub(r"\1", text[start:end].strip()))
        start = i = end
    pieces.append(text[start:].strip())
    return [p for p in pieces if any(c.isalnum() for c in p)]


def _sentence_end(text: str, start: int, mark: int, run_end: int) -> int | None:
    """Where the sentence ends if the end-mark run ``text[mark:run_end]`` closes it, else None."""
    run = text[mark:run_end]
    hard = any(c in _HARD_ENDS for c in run)
    if not hard and len(run) > 1:
        return None  # "..." is an ellipsis
    end = _after_closers(text, run_end)
    glued_danda = end < len(text) and not text[end].isspace() and run[-1] in "।॥"
    if end < len(text) and not text[end].isspace() and not glued_danda:
        return None  # "4.5", "15.01.2026", "example.com", "Yahoo!Inc"
    following = text[end:].lstrip()
    if following[:1] in {",", ";", ":"} or following[:1].islower():
        return None  # the sentence goes on: '"कब?", उसने पूछा' / "approx. five"
    if not hard and _is_abbreviation(text[start:mark], following):
        return None
    return end


def _after_closers(text: str, pos: int) -> int:
    """Move ``pos`` past closing quotes and brackets that belong to the sentence just ended."""
    while pos < len(text):
        if text[pos] in _CLOSERS:
            pos += 1
        elif (
            text[pos] == " "
            and pos + 1 < len(text)
            and text[pos + 1] in _SPACED_CLOSERS
            and (pos + 2 == len(text) or text[pos + 2].isspace() or text[pos + 2] in _CLOSERS)
        ):
            pos += 2
        else:
            break
    return pos


def _is_abbreviation(before: str, following: str) -> bool:
    """Whether the word right before a ``.`` makes that dot part of an abbreviation, not a full stop."""
    words = before.split()
    if not words:
        return False
    word = words[-1].lstrip(_OPENERS)
    first_word = len(words) == 1
    previous_is_short_form = len(words) > 1 and words[-2].endswith(".")
    next_is_number = following[:1].isdigit()
    folded = word.casefold()
    if word in _DEVANAGARI_TITLES or word in _DEVANAGARI_LETTERS or folded in _LATIN_TITLES:
        return True
    if word in _AMBIGUOUS_LETTERS:
        return first_word or previous_is_short_form
    if re.fullmatch(r"[A-Z]", word):
        return True  # an initial: "S. Jaishankar"
    if _INNER_DOT_ABBREVIATION.fullmatch(word):
        return True  # "U.S.", "e.g.", "उ.प्र.", "ए.के."
    if folded in _BEFORE_NUMBER and next_is_number:
        return True
    return first_word and word.isdigit() and len(word) <= 2  # a numbered list item: "1. ..."
