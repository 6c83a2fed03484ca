"""Ordinals in Hindi and English: ``तीसरा``/``तीसरी``, ``5वां``, ``बीसवीं``, ``द्वितीय`` and first/third/5th/20th.

Hindi forms: the irregular पहला, दूसरा, तीसरा, चौथा, छठा (with their -ी/-े forms), the Sanskrit
प्रथम, द्वितीय, तृतीय, चतुर्थ, and a number (digits or a word) followed by वां/वीं/वें, glued or
not (``5वां``, ``190 वें``, ``दसवीं``). Two stems are ambiguous and read only when asked
(``ambiguous=True``): ``पहले`` mostly means "before/earlier", ``दूसरा/दूसरी/दूसरे`` also "other".
"""
from __future__ import annotations

import re
from functools import lru_cache

from service.quality.numbers import HINDI_UNITS
from service.quality.text import hindi_tokens, normalize_hindi

_IRREGULAR = {
    1: "पहला पहली प्रथम", 2: "द्वितीय", 3: "तीसरा तीसरी तीसरे तृतीय",
    4: "चौथा चौथी चौथे चतुर्थ", 6: "छठा छठी छठे छठवां छठवीं छठवें षष्ठ",
}
# Papers also drop the nasal (पांचवी, दसवे); a head that is not a number (टीवी) is not an ordinal.
_SUFFIXES = tuple(normalize_hindi(s) for s in ("वां", "वीं", "वें", "वाँ", "वा", "वी", "वे"))
_EN_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_EN_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
            "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_EN_TENS_PREFIX = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                   "ninety": 90}
EN_ORDINAL_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_EN_WORDS)} | _EN_TENS
_EN_ORDINAL = re.compile(
    r"\b(?:(\d+)(?:st|nd|rd|th)|(?:(" + "|".join(_EN_TENS_PREFIX) + r")[- ])?(" + "|".join(EN_ORDINAL_WORDS) + r"))\b",
    re.IGNORECASE,
)


_AMBIGUOUS = {1: "पहले", 2: "दूसरा दूसरी दूसरे दोबारा"}  # दोबारा: "again", also "a second time"
# Ordinals that back an English one but are not required: English ordinals written in Hindi (थर्ड क्लास,
# सेकंड also a unit of time) and the lunar days (त्रयोदशी, "the thirteenth day"; नवमी is also left as
# the festival's name, Ram Navami).
_BACKING_ONLY = {
    1: "फर्स्ट प्रतिपदा", 2: "सेकंड सेकेंड द्वितीया", 3: "थर्ड तृतीया", 4: "फोर्थ चतुर्थी", 5: "फिफ्थ पंचमी",
    6: "सिक्स्थ षष्ठी", 7: "सेवंथ सप्तमी", 8: "एटथ अष्टमी", 9: "नाइंथ नवमी", 10: "टेंथ दशमी", 11: "एकादशी",
    12: "द्वादशी", 13: "त्रयोदशी", 14: "चतुर्दशी",
}
# "a third of", "two fifths of": fractions, not ordinals.
_FRACTION_BEFORE = re.compile(r"\b(?:a|one|two|three|four)[\s-]+$", re.IGNORECASE)
_FRACTION_AFTER = re.compile(r"s?(?:\s+of\b|\s*(?:[,.;:)]|$))", re.IGNORECASE)  # "a third of", "by about a third,"
# "8 miles per second", "in a split second": the unit of time, not an ordinal
_SECOND_UNIT_BEFORE = re.compile(r"\b(?:per|every|each|split|one|\d+(?:\.\d+)?)[\s-]+$", re.IGNORECASE)
# Roman numerals after a name (World War II, Gajsingh II, Elizabeth III); I only after War
_ROMAN_NUMERAL = r"(I{2,3}|IV|VI{1,3}|IX|XI{1,3}|XIV|XVI{0,3}|XIX|XX)"  # II to XX
_ROMAN = re.compile(r"\b(?:[A-Z][a-z]{2,} " + _ROMAN_NUMERAL + r"|War (I))\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


# दूसरा is an ordinal ("second") before a word of order or rank (दूसरे स्थान, दूसरी बार, दूसरा टेस्ट,
# दूसरे चरण), or after सबसे/नंबर; elsewhere it is mostly "other" (दूसरे देशों).
_SECOND = {normalize_hindi(w) for w in "दूसरा दूसरी दूसरे".split()}
_ORDER_AFTER = {normalize_hindi(w) for w in (
    "स्थान नंबर बार दिन चरण दौर टेस्ट मैच वनडे पारी सत्र तिमाही राउंड पायदान श्रेणी कार्यकाल संस्करण सेमीफाइनल "
    "क्वार्टर मंजिल वर्ष साल सप्ताह हफ्ते पीढ़ी विश्वयुद्ध विश्व लहर खेप किस्त सूची"
).split()}
_ORDER_BEFORE = {normalize_hindi(w) for w in "सबसे नंबर".split()}


@lru_cache(maxsize=2)
def _hindi_irregular(ambiguous: bool) -> dict[str, int]:
    tables = [_IRREGULAR, _AMBIGUOUS, _BACKING_ONLY] if ambiguous else [_IRREGULAR]
    return {normalize_hindi(w): n for table in tables for n, words in table.items() for w in words.split()}


@lru_cache(maxsize=1)
def _backing_words() -> frozenset[str]:
    return frozenset(normalize_hindi(w) for words in _BACKING_ONLY.values() for w in words.split())


def _suffixed_value(head: str) -> int | None:
    if head.isdigit():
        return int(head)
    value = HINDI_UNITS.get(head)
    return int(value) if value is not None and value >= 1 and value == int(value) else None


def hindi_ordinals(text: str, ambiguous: bool = False) -> list[int]:
    """Ordinal values of a Hindi text, in order (``तीसरे मैच में 5वां`` -> [3, 5]).

    Without ``ambiguous``, पहले/दूसरे are still read where they are ordinals: दूसरे before a word of
    order (``_ORDER_AFTER``), and either one in a series with an unambiguous ordinal next to its
    value (``पहले, रोहतक दूसरे और भिवानी तीसरे स्थान``)."""
    tokens = hindi_tokens(text)
    found = _unambiguous_ordinals(tokens)
    ambiguous_words = _hindi_irregular(True)
    waiting = {i: ambiguous_words[t] for i, t in enumerate(tokens) if i not in found and t in ambiguous_words
               and (ambiguous or not (_means_before(tokens, i) or t in _backing_words()))}
    while waiting:  # a series grows from its unambiguous members: पहले ... दूसरे ... तीसरे
        joined = {i: v for i, v in waiting.items() if ambiguous or _in_series(i, v, found)}
        if not joined:
            break
        found |= joined
        waiting = {i: v for i, v in waiting.items() if i not in joined}
    return [found[i] for i in sorted(found)]


def _unambiguous_ordinals(tokens: list[str]) -> dict[int, int]:
    """{token index: value} of the ordinals that need no context (and दूसरे before a word of order)."""
    irregular = _hindi_irregular(False)
    found: dict[int, int] = {}
    for i, token in enumerate(tokens):
        if token in irregular:
            found[i] = irregular[token]
        elif token in _SECOND and (tokens[i + 1: i + 2] and tokens[i + 1] in _ORDER_AFTER
                                   or i and tokens[i - 1] in _ORDER_BEFORE):
            found[i] = 2
        elif token in _SUFFIXES and i > 0 and tokens[i - 1].isdigit():
            found[i] = int(tokens[i - 1])
        else:
            for suffix in _SUFFIXES:
                if token.endswith(suffix) and len(token) > len(suffix):
                    value = _suffixed_value(token[: -len(suffix)])
                    if value is not None:
                        found[i] = value
                    break
    return found


_PAHLE = normalize_hindi("पहले")
_BEFORE_PREVIOUS = {normalize_hindi("से")}
_BEFORE_NEXT = {normalize_hindi(w) for w in "से ही भी तक की के जैसा जैसे".split()}


def _means_before(tokens: list[str], index: int) -> bool:
    """पहले as "before/already": ``युद्ध से पहले``, ``पहले से``, ``पहले ही``, ``पहले की तरह``."""
    if tokens[index] != _PAHLE:
        return False
    return bool(index and tokens[index - 1] in _BEFORE_PREVIOUS or tokens[index + 1: index + 2]
                and tokens[index + 1] in _BEFORE_NEXT)


_SERIES_WINDOW = 8  # tokens between two ordinals of one series ("A पहले, B की टीम दूसरे और C तीसरे स्थान")


def _in_series(index: int, value: int, ordinals: dict[int, int]) -> bool:
    return any(abs(j - index) <= _SERIES_WINDOW and abs(v - value) == 1 for j, v in ordinals.items())


def english_ordinals(text: str) -> list[int]:
    """Ordinal values of an English text, in order (``the third match``, ``5th``, ``twenty-first``,
    ``World War II``); not "per second"."""
    found: list[tuple[int, int]] = []
    for m in _EN_ORDINAL.finditer(text):
        if m.group(3) and _FRACTION_BEFORE.search(text[: m.start()]) and _FRACTION_AFTER.match(text, m.end()):
            continue
        if m.group(3) and m.group(3).lower() == "second" and _SECOND_UNIT_BEFORE.search(text[: m.start()]):
            continue
        if m.group(1):
            found.append((m.start(), int(m.group(1))))
        else:
            found.append((m.start(), EN_ORDINAL_WORDS[m.group(3).lower()] + _EN_TENS_PREFIX.get((m.group(2) or "").lower(), 0)))
    found += [(m.start(), _roman_value(m.group(1) or m.group(2))) for m in _ROMAN.finditer(text)]
    return [value for _, value in sorted(found)]


_LATIN_ROMAN = re.compile(r"(?<![A-Za-z])" + _ROMAN_NUMERAL + r"(?![A-Za-z])")


def roman_numerals(text: str) -> list[int]:
    """Values of the Roman numerals (II and up) a text writes in Latin letters: a Hindi text keeps
    them as they are (चरण III, Phase III)."""
    return [_roman_value(m.group(1)) for m in _LATIN_ROMAN.finditer(text)]


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
