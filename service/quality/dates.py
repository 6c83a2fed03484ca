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


# मार्च is also "a march" (रोष मार्च निकाला, चींटियां मार्च करती हैं): a month only with a number, a
# month word or a date postposition beside it.
_AMBIGUOUS_HINDI = {normalize_hindi("मार्च")}
_HINDI_MONTH_AFTER = {normalize_hindi(w) for w in "में से तक महीने महीना माह".split()}
_HINDI_MONTH_BEFORE = {normalize_hindi(w) for w in "इस पिछले पिछली अगले गत मध्य".split()}
# A part of the month after के/की (मार्च के अंत में, मार्च की शुरुआत, मार्च के दूसरे पखवाड़े): a march has
# no such parts.
_HINDI_MONTH_PARTS = {normalize_hindi(w) for w in (
    "अंत आखिर आखिरी अंतिम शुरुआत शुरू शुरुआती आरंभ आरम्भ प्रारंभ प्रारम्भ मध्य पहले पहली दूसरे दूसरी तीसरे चौथे "
    "सप्ताह हफ्ते हफ़्ते पखवाड़े आधे").split()}
_OF = {normalize_hindi(w) for w in "के की".split()}


# Postpositions a careless typist runs into the date after them (सेगुरुवार = से गुरुवार).
_GLUED_BEFORE = tuple(normalize_hindi(w) for w in "से को ने में की के का पर".split())


def _unglued(token: str, table: dict[str, str]) -> str:
    """The date word without a postposition run into its start, or the token."""
    for head in _GLUED_BEFORE:
        if token.startswith(head) and token[len(head):] in table:
            return token[len(head):]
    return token


def hindi_dates(text: str) -> list[str]:
    """English names of the months and weekdays a Hindi text mentions, in order."""
    table = hindi_date_words()
    tokens = [_unglued(t, table) for t in hindi_tokens(text)]
    out = []
    for i, token in enumerate(tokens):
        if token not in table:
            continue
        if token in _AMBIGUOUS_HINDI:
            near = tokens[max(0, i - 2): i] + tokens[i + 1: i + 3]
            context = (
                any(t.isdigit() or (t in table and t != token) for t in near)
                or tokens[i + 1: i + 2] and tokens[i + 1] in _HINDI_MONTH_AFTER
                or i > 0 and tokens[i - 1] in _HINDI_MONTH_BEFORE
                or tokens[i + 1: i + 2] and tokens[i + 1] in _OF and tokens[i + 2: i + 3] and tokens[i + 2] in _HINDI_MONTH_PARTS
            )
            if not context:
                continue
        out.append(table[token])
    return out


# "May" is also a name (Theresa May, Mrs May): a month with a number or after a word of time.
_MAY_AFTER = re.compile(r"\b(?:in|of|since|until|till|by|from|through|early|late|mid|last|next|this|during)[\s-]+$", re.IGNORECASE)
# A weekday opening a title after "the", a possessive or a quote is a name: the Sunday Times,
# Sydney's Sunday Telegraph, "Saturday Night Live".
_TITLE_BEFORE = re.compile(r"(?:\bthe|['’]s|[\"“‘'])\s*$", re.IGNORECASE)
_CAPITALIZED_NEXT = re.compile(r"\s+([A-Z][a-z]+)")


def english_dates(text: str) -> list[str]:
    """Months and weekdays in English text, capitalized only ('may' the verb is not May).

    A three-letter abbreviation counts only next to a number or another date ("Nov. 17", "17 Nov",
    "Nov-Feb"): "the Sun.", "Mar" and "Wed" alone are words. "May" counts next to a number or after
    a word of time ("in May"); a weekday that opens a title ("the Sunday Times") is not a date.
    """
    table = english_date_words()
    out = []
    for m in re.finditer(r"[A-Za-z][A-Za-z]*(?=['’]s\b|\b)", text):  # Tuesday's is Tuesday
        word = m.group()
        if word[:1].isupper() and word.lower() not in table and (misspelt := _misspelt_date(word.lower())):
            out.append(misspelt)
            continue
        if not word[0].isupper() or word.lower() not in table:
            continue
        before, after = text[max(0, m.start() - 4): m.start()], text[m.end(): m.end() + 5]
        if len(word) == 3 and table[word.lower()].lower() != word.lower():
            beside = [b.group(1).lower() for b in (re.match(r"[-–/]([A-Za-z]+)", text[m.end():]),
                                                   re.search(r"([A-Za-z]+)[-–/]$", text[: m.start()])) if b]
            if not (re.search(r"\d", before[-3:] + after) or any(b in table for b in beside)):
                continue
        elif word == "May" and not (re.search(r"\d", before[-3:] + after) or _MAY_AFTER.search(text[: m.start()])):
            continue
        elif table[word.lower()].endswith("day") and _TITLE_BEFORE.search(text[: m.start()]):
            following = _CAPITALIZED_NEXT.match(text, m.end())
            if following and following.group(1).lower() not in table:
                continue
        out.append(table[word.lower()])
    return out


MISSPELT_DATE_MIN_LETTERS = 7


@lru_cache(maxsize=16384)
def _misspelt_date(low: str) -> str | None:
    """``Novemeber``, ``Feburary``, ``Wednsday``: a long month or weekday name with a letter added, dropped
    or two swapped (its full name), else None."""
    if len(low) < MISSPELT_DATE_MIN_LETTERS:
        return None
    for name in english_date_words().values():
        full = name.lower()
        if len(full) >= MISSPELT_DATE_MIN_LETTERS and _one_slip(low, full):
            return name
    return None


def _one_slip(word: str, target: str) -> bool:
    """Is ``word`` ``target`` with one letter added or dropped, or two adjacent letters swapped?"""
    if abs(len(word) - len(target)) > 1 or word == target:
        return False
    if len(word) == len(target):
        diff = [i for i in range(len(word)) if word[i] != target[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]: diff[1] + 1] == target[diff[1]] + target[diff[0]]
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def is_date_word(word: str) -> bool:
    return word.lower() in english_date_words()


