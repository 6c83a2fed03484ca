"""Month and weekday names: Hindi names from CLDR (babel) mapped to their English names."""
from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from service.quality.text import hindi_tokens, normalize_hindi

# Spellings CLDR does not list but Hindi papers print (it has सितंबर, papers also write सितम्बर:
# normalize_hindi folds that one; these differ in vowels).
# Weekdays also have everyday names (वीरवार for गुरुवार, इतवार for रविवार).
_VARIANTS = {"अक्तूबर": "October", "अप्रेल": "April", "फरवरी": "February", "गुरूवार": "Thursday", "वीरवार": "Thursday",
             "इतवार": "Sunday", "बृहस्पतिवार": "Thursday"}


@lru_cache(maxsize=1)
def hindi_date_words() -> dict[str, str]:
    """Normalized Hindi month/weekday name -> English name (``नवंबर`` -> ``November``)."""
    hi, en = Locale("hi"), Locale("en")
    table: dict[str, str] = {}
    for width in ("wide", "abbreviated"):
        for key, name in hi.months["format"][width].items():
            table[normalize_hindi(name)] = en.months["format"]["wide"][key]
    # Weekdays: full names only. The short ones are planets and common words (गुरु, शुक्र, शनि, सोम).
    for key, name in hi.days["format"]["wide"].items():
        table[normalize_hindi(name)] = en.days["format"]["wide"][key]
    table.update({normalize_hindi(k): v for k, v in _VARIANTS.items()})
    return table


@lru_cache(maxsize=1)
def english_date_words() -> dict[str, str]:
    """Lowercase English month/weekday name or abbreviation -> full name."""
    en = Locale("en")
    table: dict[str, str] = {}
    for names in (en.months["format"]["wide"], en.days["format"]["wide"]):
        for name in names.values():
            table[name.lower()] = name
            table[name[:3].lower()] = name
    table["sept"] = "September"
    return table


def hindi_dates(text: str) -> list[str]:
    """English names of the months and weekdays a Hindi text mentions, in order."""
    table = hindi_date_words()
    return [table[t] for t in hindi_tokens(text) if t in table]


def english_dates(text: str) -> list[str]:
    """Months and weekdays in English text, capitalized only ('may' the verb is not May).

    A three-letter abbreviation counts only next to a number or with a full stop ("Nov. 17",
    "17 Nov"): "the Sun", "Mar" and "Wed" alone are words.
    """
    table = english_date_words()
    out = []
    for m in re.finditer(r"[A-Za-z][A-Za-z]*(?=['’]s\b|\b)", text):  # Tuesday's is Tuesday
        word = m.group()
        if not word[0].isupper() or word.lower() not in table:
            continue
        if len(word) == 3 and table[word.lower()].lower() != word.lower():
            near = text[max(0, m.start() - 3): m.start()] + text[m.end(): m.end() + 3]
            if not (re.search(r"\d", near) or text[m.end(): m.end() + 1] == "."):
                continue
        out.append(table[word.lower()])
    return out


def is_date_word(word: str) -> bool:
    return word.lower() in english_date_words()


