"""Named entities a bullet must keep: acronyms, countries, and people/places named in the article.

Hindi has no capital letters, so which words are names is a heuristic (see docs/quality.md):

* acronyms spelled with English letter names (``एससीओ`` = ए-स? no: एस+सी+ओ = SCO);
* countries, regions and their adjectives from CLDR territory names (babel): ``रूस``/``रूसी`` -> Russia;
* words after a title (मंत्री, राष्ट्रपति, प्रवक्ता, डॉ. ...) up to the first common word, learnt once
  per article and then looked for in every sentence of it;
* Latin-script words in the source (``ANI``, ``SCO``).

The other direction is checked too: a capitalized English word that is not an English dictionary
word (english-words' web2 list) must sound like some word of the source (``transliterate``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale
from english_words import get_english_words_set

from service.quality.dates import hindi_date_words, is_date_word
from service.quality.text import hindi_tokens, latin_words, normalize_hindi
from service.quality.transliterate import sounds_alike

_LETTER_NAMES = {
    "ए": "A", "बी": "B", "सी": "C", "डी": "D", "ई": "E", "एफ": "F", "जी": "G", "एच": "H", "आई": "I",
    "जे": "J", "के": "K", "एल": "L", "एम": "M", "एन": "N", "ओ": "O", "पी": "P", "क्यू": "Q", "आर": "R",
    "एस": "S", "टी": "T", "यू": "U", "वी": "V", "डब्ल्यू": "W", "एक्स": "X", "वाई": "Y", "जेड": "Z",
}
_TITLES = {normalize_hindi(w) for w in (
    "मंत्री मंत्रियों राष्ट्रपति प्रधानमंत्री पीएम प्रवक्ता डॉ श्री श्रीमती जनरल राजधानी नेता सांसद विधायक "
    "मुख्यमंत्री राजदूत सचिव अध्यक्ष एस"
).split()}
_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
_HONORIFICS = {"dr", "mr", "mrs", "ms", "st", "jr", "sr"}
_STAN = normalize_hindi("स्तान")  # -stan: a country or region whose CLDR spelling may differ
_DEMONYM_ENDINGS = ("ियाई", "ीयों", "ियों", "ीय", "ी", "ाई")


@dataclass(frozen=True)
class Entity:
    """A name in the source and how to recognise it in English."""

    hindi: str
    kind: str  # acronym | place | name | latin
    english: str = ""  # the expected English form where known (acronym letters, CLDR name)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Lowercase (common-noun) entries of two English dictionaries; proper nouns are capitalized there."""
    return frozenset(w for w in get_english_words_set(["web2", "gcide"], lower=False) if w.islower())


@lru_cache(maxsize=16384)
def is_common_english(word: str) -> bool:
    """A dictionary word, allowing plain inflections (nations, talks, tweeted) and co- (cooperation)."""
    words = _dictionary()
    low = word.lower().removesuffix("'s").replace("isation", "ization").replace("-", "")
    candidates = {low}
    for suffix, replacement in _INFLECTIONS:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            candidates.add(low[: -len(suffix)] + replacement)
    candidates |= {c[2:] for c in candidates if c.startswith("co") and len(c) > 6}
    return any(len(c) > 1 and c in words for c in candidates)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = (Path(__file__).with_name("hindi_words.txt")).read_text(encoding="utf-8")
    words = " ".join(line for line in text.splitlines() if not line.startswith("#")).split()
    return frozenset(normalize_hindi(w) for w in words)


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Normalized Hindi CLDR territory name (one word) -> English name."""
    hi, en = Locale("hi"), Locale("en")
    table = {}
    for code, name in hi.territories.items():
        english = en.territories.get(code)
        if english and " " not in name.strip():
            table[normalize_hindi(name)] = english
    return table


@lru_cache(maxsize=4096)
def acronym(token: str) -> str | None:
    """``एससीओ`` -> ``SCO``: the token read as English letter names, if it is one (2+ letters)."""
    names = {normalize_hindi(k): v for k, v in _LETTER_NAMES.items()}

    def read(rest: str) -> str | None:
        if not rest:
            return ""
        for name in sorted(names, key=len, reverse=True):
            if rest.startswith(name):
                tail = read(rest[len(name):])
                if tail is not None:
                    return names[name] + tail
        return None

    letters = read(token)
    return letters if letters and len(letters) >= 2 else None


def place(token: str) -> str | None:
    """``रूस``/``रूसी`` -> ``Russia``; ``एशियाई`` -> ``Asia``."""
    places = _places()
    if token in places:
        return places[token]
    for ending in _DEMONYM_ENDINGS:
        if token.endswith(ending):
            stem = token[: -len(ending)]
            for candidate in (stem, stem + "ा", stem + "िया"):
                if candidate in places:
                    return places[candidate]
    return None


def article_names(sentences: list[str]) -> set[str]:
    """Words that follow a title anywhere in the article (``मंत्री एस जयशंकर`` -> जयशंकर)."""
    stop = _stopwords()
    names: set[str] = set()
    for sentence in sentences:
        tokens = hindi_tokens(sentence)
        for i, token in enumerate(tokens):
            if token not in _TITLES:
                continue
            for follower in tokens[i + 1 : i + 4]:
                if follower in stop or follower in _TITLES or follower.isdigit() or follower in hindi_date_words():
                    break
                if len(follower) > 1 and not acronym(follower) and not place(follower):
                    names.add(follower)
    return names


def source_entities(source: str, known_names: set[str]) -> list[Entity]:
    """The names a faithful English rendering of ``source`` must contain."""
    found: dict[str, Entity] = {}
    for token in hindi_tokens(source):
        if token.isascii():
            if len(token) > 1 and not token.isdigit() and not is_common_english(token):
                found.setdefault(token, Entity(token, "latin", token))
        elif letters := acronym(token):
            found.setdefault(token, Entity(token, "acronym", letters))
        elif country := place(token):
            found.setdefault(token, Entity(token, "place", country))
        elif token in known_names or token.endswith(_STAN):
            found.setdefault(token, Entity(token, "name"))
    return list(found.values())


def english_names(text: str) -> list[str]:
    """Capitalized English words that are not dictionary words, months, weekdays or titles."""
    out = []
    for word in latin_words(text):
        if len(word) < 2 or not word[0].isupper():
            continue
        low = word.lower()
        if word.isupper():
            out.append(word)
        elif not is_common_english(low) and low not in _HONORIFICS and not is_date_word(low):
            out.append(word)
    return out


def _initials(words: list[str]) -> set[str]:
    """Initials of every run of capitalized words: 'Prime Minister' -> PM, 'Shanghai ... Org' -> SCO."""
    runs: set[str] = set()
    for i in range(len(words)):
        letters = ""
        for w in words[i : i + 6]:
            if not w[0].isupper():
                if w.lower() in ("of", "and", "the", "for"):
                    continue
                break
            letters += w[0]
            runs.add(letters)
    return runs


def entity_found(entity: Entity, english: str) -> bool:
    """Is ``entity`` present in the English text?"""
    words = latin_words(english)
    lowered = {w.lower() for w in words}
    if entity.kind in ("latin", "acronym"):
        return entity.english.lower() in lowered or entity.english.upper() in _initials(words)
    if entity.kind == "place":
        stems = [p.lower()[: max(4, len(p) - 1)] for p in entity.english.split()]
        return all(any(w.startswith(stem) for w in lowered) for stem in stems) or any(
            sounds_alike(entity.hindi, w) for w in words
        )
    return any(sounds_alike(entity.hindi, w) for w in words)


def name_supported(name: str, source: str) -> bool:
    """Is an English name (``Putin``, ``SCO``) backed by some word of the Hindi source?"""
    low = name.lower()
    for token in hindi_tokens(source):
        if token.isascii():
            if token.lower() == low:
                return True
            continue
        if (letters := acronym(token)) and letters.lower() == low:
            return True
        country = place(token)
        if country and any(low.startswith(p.lower()[: max(4, len(p) - 1)]) for p in country.split()):
            return True
        if sounds_alike(token, name):
            return True
    return False
