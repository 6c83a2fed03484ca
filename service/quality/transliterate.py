"""Compare a Devanagari word with a Latin word by sound: ``जयशंकर`` ~ ``Jaishankar``.

The Devanagari side is romanized with indic_transliteration (IAST); both sides are then reduced
to a consonant skeleton (vowels, ``h`` and ``y`` dropped; c/k/q, z/j, w/v, ph/f folded; doubled
letters collapsed), because English spellings of Indian and Russian names differ mostly in vowels
(Sergei/Sergey/सर्गेई), aspiration and the inherent vowel. Skeletons are then fuzzy-matched.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from indic_transliteration import sanscript

from service.quality.text import normalize_hindi, strip_accents

_FOLDS = [("ph", "f"), ("ck", "k"), ("x", "ks"), ("q", "k"), ("c", "k"), ("z", "j"), ("w", "v")]


def romanize(word: str) -> str:
    """IAST romanization of a Devanagari word, accents stripped, lowercase (``jayasamkara``)."""
    iast = sanscript.transliterate(normalize_hindi(word), sanscript.DEVANAGARI, sanscript.IAST)
    iast = iast.replace("ṃh", "ngh")  # सिंह is said and written "Singh"
    return strip_accents(iast).lower()


def skeleton(latin: str) -> str:
    s = strip_accents(latin).lower()
    s = re.sub(r"[^a-z]", "", s)
    s = re.sub(r"m(?=[^aeiouy]|$)", "n", s)  # anusvara romanized as m before a consonant
    for old, new in _FOLDS:
        s = s.replace(old, new)
    s = re.sub(r"[aeiouyh]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=8192)
def hindi_skeleton(word: str) -> str:
    return skeleton(romanize(word))


def sounds_alike(hindi_word: str, latin_word: str) -> bool:
    """True when a Devanagari word plausibly is a transliteration of a Latin word."""
    return skeletons_alike(hindi_skeleton(hindi_word), skeleton(latin_word))


def skeletons_alike(a: str, b: str) -> bool:
    """Two consonant skeletons of one name? (Latin spellings too: ``Jaishankar`` ~ ``Jayshanker``.)"""
    if not a or not b:
        return False
    if len(a) <= 2 or len(b) <= 2:
        return a == b
    if a[0] != b[0] and not {a[0], b[0]} <= {"k", "g", "s", "j"}:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.75
