"""Shared text helpers: Devanagari normalization and tokenization for both languages."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_NUKTA = "\u093c"
# Nukta dropped (ज़/ज, फ़/फ are written both ways) except in ड़/ढ़, which are another sound (r: चोपड़ा, Chopra).
_NUKTA_LOST = re.compile("(?<![\u0921\u0922])\u093c")
# A half nasal before a stop is written either way (सम्बन्ध / संबंध); fold it to anusvara. Not
# before य/र/ल/व/श/स/ह: न्याय is not ंयाय.
_HALF_NASAL = re.compile("[ङञणनम]\u094d(?=[कखगघचछजझटठडढतथदधपफबभ])")
_DEVANAGARI_TOKEN = re.compile(r"[\u0900-\u0963\u0966-\u097F\w]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
DEVANAGARI_LETTER = re.compile(r"[\u0904-\u0939\u0958-\u0961\u0972-\u097F]")


# Letters that text converted from old (non-Unicode) Hindi fonts writes wrongly: द्ब for द्व (द्बितीय),
# and Latin-1 debris inside a word (मिट्टïी).
_OLD_FONT = [(re.compile("\u0926\u094d\u092c"), "\u0926\u094d\u0935"),
             (re.compile("(?<=[\u0900-\u097f])[\u00a0-\u00ff](?=[\u0900-\u097f])"), "")]


@lru_cache(maxsize=16384)
def normalize_hindi(text: str) -> str:
    """NFC, no nukta (but ड़ and ढ़), anusvara for half nasals, candra-o as o, Western digits, old-font
    letters repaired (द्ब -> द्व)."""
    text = unicodedata.normalize("NFC", text).replace("\u200c", "").replace("\u200d", "")  # zero-width (non-)joiners
    for pattern, repl in _OLD_FONT:
        text = pattern.sub(repl, text)
    text = _NUKTA_LOST.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u0949", "\u094b").replace("\u0911", "\u0913")
    text = _HALF_NASAL.sub("\u0902", text)
    return text.translate(DEVANAGARI_DIGITS)


def hindi_tokens(text: str) -> list[str]:
    """Word tokens of normalized Hindi text; hyphens, dandas and quotes split words."""
    return _DEVANAGARI_TOKEN.findall(normalize_hindi(text).replace("_", " "))


def latin_words(text: str) -> list[str]:
    """Latin-script words, split at hyphens (``Indo-Pacific`` -> ``Indo``, ``Pacific``)."""
    return [w.strip("'") for w in _LATIN_WORD.findall(text) if w.strip("'")]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
