"""Named-entity-like tokens of a Hindi news article, without a trained NER model.

Hindi has no capital letters, so names are found by where they stand: after a title or role
("विदेश मंत्री एस जयशंकर", "राष्ट्रपति पुतिन", "समकक्ष सर्गेई लावरोव"), as a dateline
("मॉस्को:") or before "की राजधानी"; plus Latin-script proper nouns and acronyms
(outlets often put "S Jaishankar", "SCO" in headlines) and quantities (numbers that are not years).
Grouping compares these sets: the same people, places and figures suggest the same story.
"""
from __future__ import annotations

import re

_DEV_WORD = r"[\u0900-\u0963\u0966-\u097F]+"
# Words after which a name follows in news prose (titles, roles, honorifics).
_TITLES = (
    "मंत्री प्रधानमंत्री पीएम राष्ट्रपति उपराष्ट्रपति राज्यपाल मुख्यमंत्री सीएम सांसद विधायक नेता अध्यक्ष "
    "प्रवक्ता समकक्ष राजदूत सचिव जनरल न्यायाधीश जज डॉ डॉ. श्री श्रीमती सुश्री कुमारी महात्मा एस. एस "
    "राजधानी शहर प्रांत राज्य जिले"
).split()
_TITLE = "(?:" + "|".join(sorted(map(re.escape, _TITLES), key=len, reverse=True)) + ")"
# Up to three name words after a title; function words end the name.
_AFTER_TITLE = re.compile(rf"(?<![\u0900-\u097F]){_TITLE}\s+((?:{_DEV_WORD}\.?\s+){{0,2}}{_DEV_WORD})")
_DATELINE = re.compile(rf"(?m)^\s*({_DEV_WORD})\s*[:।]")
_LATIN_NAME = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})\b")
_QUANTITY = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{2,3})+(?![\d,])|(?<![\d,.])\d+(?![\d,])")

HINDI_FUNCTION_WORDS = frozenset(
    "के की का में से ने को पर और है हैं था थे थी हुई हुआ हुए भी यह वह इस उस एक लिए साथ बीच बाद "
    "कहा किया करने कर रहे रही रहा गया गई गए ही तो जो कि इन उन अपने अपनी अपना उनकी उनके उनका तक या "
    "एवं तथा ओर होने हो नहीं न ने सकती सकता जैसे अनुसार मुताबिक आज कई सभी ये वे जब तब यहां वहां".split()
)
LATIN_STOPWORDS = frozenset(
    "the a an and or of in on at to for by with from between is are was were news home latest world "
    "international national india hindi image source update new read more photo video live today".split()
)


def _name_words(chain: str) -> list[str]:
    words: list[str] = []
    for word in chain.replace(".", " ").split():
        if word in _TITLES and not words:
            continue  # "विदेश मंत्री डॉ. एस जयशंकर": titles stack before the name
        if word in HINDI_FUNCTION_WORDS or word in _TITLES:
            break
        words.append(word)
    return words


def extract_entities(text: str) -> set[str]:
    """A set of normalized entity tokens (lowercased Latin, Devanagari as written, ``#`` quantities)."""
    entities: set[str] = set()
    for m in _AFTER_TITLE.finditer(text):
        entities.update(w for w in _name_words(m.group(1)) if len(w) > 1)
    for m in _DATELINE.finditer(text):
        if m.group(1) not in HINDI_FUNCTION_WORDS:
            entities.add(m.group(1))
    for word in _LATIN_NAME.findall(text):
        if word.lower() not in LATIN_STOPWORDS and len(word) > 1:
            entities.add(word.lower())
    for number in _QUANTITY.findall(text):
        value = int(number.replace(",", ""))
        if not 1900 <= value <= 2100 and value > 31:  # years and day numbers are date signals
            entities.add(f"#{value}")
    return entities


def entity_overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient: shared entities over the smaller set (a short article is not penalized)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
