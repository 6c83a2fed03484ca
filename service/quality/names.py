"""Named entities a bullet must keep: acronyms, places, languages, and people/places named in the article.

Hindi has no capital letters, so which words are names is a heuristic (see docs/quality.md):

* acronyms spelled with English letter names, 3+ letters (``एससीओ`` = एस+सी+ओ = SCO);
* places and languages from CLDR (babel): territory names (``रूस`` -> Russia), time-zone exemplar
  cities (``मॉस्को`` -> Moscow, ``पेरिस`` -> Paris) and language names (``अंग्रेजी`` -> English);
  adjective/plural forms (``रूसी``, ``भारतीयों``) back an English name but are not required;
* words after a title (मंत्री, राष्ट्रपति, प्रवक्ता, डॉ. ...) up to the first common word, learnt once
  per article and then looked for in every sentence of it;
* Latin-script words in the source (``ANI``, ``A350``).

The other direction is checked too: a capitalized English word that is not an English dictionary
word, or is a rare one (``Mirage``: below ``RARE_WORD_ZIPF`` in wordfreq's English list), must sound
like some word of the source (``transliterate``). Titles and institutions (Ministry, Court) are
frequent words and are not checked; acronyms, currency abbreviations (Rs, INR) and contractions
are not names.
"""
from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale
from english_words import get_english_words_set
from wordfreq import zipf_frequency

from service.digest.indian_places import CITIES, STATES
from service.quality.dates import hindi_date_words, is_date_word
from service.quality.text import hindi_tokens, normalize_hindi
from service.quality.transliterate import (
    close_spelling, hindi_skeleton, hindi_skeletons, romanizations, romanize, skeleton, sounds_alike, sounds_like_any, sounds_like_joined,
)

_LETTER_NAMES = {
    "ए": "A", "बी": "B", "सी": "C", "डी": "D", "ई": "E", "एफ": "F", "जी": "G", "एच": "H", "आई": "I",
    "जे": "J", "के": "K", "एल": "L", "एम": "M", "एन": "N", "ओ": "O", "पी": "P", "क्यू": "Q", "आर": "R",
    "एस": "S", "टी": "T", "यू": "U", "वी": "V", "डब्ल्यू": "W", "डब्लू": "W", "एक्स": "X", "वाई": "Y", "जेड": "Z",
}
_TITLES = {normalize_hindi(w) for w in (
    "मंत्री मंत्रियों राष्ट्रपति प्रधानमंत्री पीएम प्रवक्ता डॉ श्री श्रीमती जनरल राजधानी नेता सांसद विधायक "
    "मुख्यमंत्री राजदूत सचिव अध्यक्ष एस राज्यपाल निदेशक कप्तान कोच अभिनेता अभिनेत्री गायक लेखक प्रोफेसर "
    "जज न्यायाधीश उपायुक्त आयुक्त"
).split()}


@lru_cache(maxsize=1)
def _dotted_letters() -> re.Pattern[str]:
    """Letter names written with full stops (``वाई.एम.सी.ए.``, ``जी.पी.एस.``), two or more."""
    letters = "|".join(sorted((re.escape(normalize_hindi(k)) for k in _LETTER_NAMES), key=len, reverse=True))
    return re.compile(rf"(?<![\u0900-\u097F])(?:(?:{letters})\.){{2,}}")


def join_dotted_letters(text: str) -> str:
    """``वाई.एम.सी.ए. एन.एस.डब्लू.`` -> ``वाईएमसीए एनएसडब्लू``: an acronym is one word, its letters are not names."""
    text = normalize_hindi(text)
    return _dotted_letters().sub(lambda m: m.group(0).replace(".", "") + " ", text)


@lru_cache(maxsize=65536)
def is_title(token: str) -> bool:
    """A title, also inside a compound: महासचिव, उपराष्ट्रपति, पूर्वमंत्री end with one."""
    return token in _TITLES or any(token.endswith(t) and len(token) - len(t) >= 2 for t in _TITLES if len(t) > 3)
_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("men", "man"))
_HONORIFICS = {"dr", "mr", "mrs", "ms", "st", "jr", "sr", "lt", "gen", "col", "capt", "prof", "sgt",
               # abbreviations of common words: HS2 Ltd, Supt Lee, Class 12 Std, Rep. Smith
               "ltd", "supt", "std", "rep", "co", "corp", "inc", "govt", "dept", "bros", "vol", "approx"}
# English names for which Hindi uses its own words (exonyms): planets, rivers, festivals, the British
_EXONYMS = {
    "venus": "शुक्र", "saturn": "शनि", "mars": "मंगल", "jupiter": "बृहस्पति गुरु", "mercury": "बुध",
    "moon": "चंद्रमा चन्द्रमा चांद चाँद चंद्र", "sun": "सूर्य सूरज", "earth": "पृथ्वी धरती",
    "indus": "सिंधु सिन्धु", "ganges": "गंगा", "himalaya": "हिमालय", "himalayas": "हिमालय",
    "diwali": "दीवाली दिवाली दीपावली दीपोत्सव", "holi": "होली",
    "british": "ब्रिटेन ब्रिटिश अंग्रेज अंग्रेजों अंग्रेजी इंग्लैंड", "britain": "ब्रिटेन इंग्लैंड",
    # peoples and creeds Hindi names with words of its own (ईसाई, not क्रिश्चियन)
    "english": "अंग्रेज अंग्रेजों अंग्रेजी इंग्लिश", "christian": "ईसाई ईसाइयों क्रिश्चियन",
    "christianity": "ईसाई ईसाइयत", "jewish": "यहूदी यहूदियों", "jew": "यहूदी यहूदियों", "judaism": "यहूदी",
    "muslim": "मुस्लिम मुसलमान मुसलमानों मुस्लिमों", "islamic": "इस्लाम इस्लामी इस्लामिक",
    "arab": "अरब अरबी", "arabian": "अरब अरबी", "arabic": "अरबी", "buddhist": "बौद्ध", "buddhism": "बौद्ध",
}
# Money and scale abbreviations are units, not names: "Rs 50,000 crore", "INR 5 bn".
_UNITS = {"rs", "inr", "usd", "eur", "gbp", "rupee", "rupees", "crore", "crores", "lakh", "lakhs", "cr", "bn", "mn", "km", "kg"}
_STAN = normalize_hindi("स्तान")
_NUMBER_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth one two three four five six "
    "seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million billion".split()
)  # -stan: a country or region whose CLDR spelling may differ
# The common nouns that head names (Bay, Square, Fleet, Act, Minister): translators translate them
# (खाड़ी, चौक, बेड़ा, अधिनियम, मंत्री), so they neither take a name's place nor need the source's backing.
_NAME_HEADS = frozenset(
    "bay gulf sea ocean lake river island islands peninsula pole coast valley mountain mountains hill hills desert "
    "forest square chowk circle avenue street road lane highway bridge gate tower hall palace fort temple church "
    "mosque cathedral museum library stadium park garden market station airport port harbour dam canal colony "
    "village town city district province state region zone area fleet army navy corps brigade regiment force "
    "police party council board committee commission court bank company corporation group club team cup league "
    "prize award festival act bill law treaty accord programme program scheme mission project centre center "
    "institute institution foundation trust society association union federation agency authority department "
    "ministry minister office bureau service university college school hospital brewery factory".split()
)
_DEMONYM_ENDINGS = ("ियाई", "ीयों", "ियों", "ीय", "ी", "ाई")
# Capitalized dictionary words rarer than this in English (wordfreq Zipf scale) are checked as names
# (Mirage, Bombardier); titles and institutions (Ministry 4.6, Court 5.4) are more frequent.
RARE_WORD_ZIPF = 4.4
FUNCTION_WORD_ZIPF = 6.5  # the, and, for, this (6.9-7.7) are not names; New (6.0), Court (5.2) can be
# A word after a title is a name unless it is this frequent in Hindi (wordfreq): मोदी (6.0) is missed,
# जयशंकर (3.6) and लावरोव (absent) are names; पद, सुरक्षा, चुनाव (4.7-5.3) are not.
COMMON_HINDI_ZIPF = 4.5
# A word is English text (not a name) only if it is a dictionary word: \w+ with inner apostrophes.
# Latin letters with diacritics are letters of the word (Grün, Müller, Pérez), not word breaks.
_ENGLISH_WORD = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F][A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]*(?:['’][A-Za-z]+)*")
# A name written with a hyphen and a lowercase part (Ki-moon, Jae-in) is one name, not "Ki" + "moon";
# a name with a dictionary-word modifier (Hague-based, British-era, Qaeda-linked) is the name alone.
_HYPHENATED_NAME = re.compile(r"\b([A-Z][a-z]+)-([a-z]+)\b")
_MODIFIER_MIN_LETTERS = 3
_NAME_BEFORE_MODIFIER_MIN_LETTERS = 4
_OF_NAME_AFTER = re.compile(r"\s+(?:of|for|on)\s+(?:the\s+)?[A-Z]")
_OF_NAME_BEFORE = re.compile(r"[A-Z][a-z]+\s+(?:of|for|on)\s+(?:the\s+)?$")
_PLURAL_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9]*[A-Z0-9]s")  # SHOs, BMWs, CoVs: the acronym SHO, BMW, CoV
_AND_WORD_AFTER = re.compile(r"\s+(?:and|&|&amp;)\s+([A-Z][a-z]+)\b")
_AND_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(?:and|&|&amp;)\s+$")
_SENTENCE_END = re.compile(r"[.!?:;\"“”‘(\[\]–—]\s*$")  # also after a dash or a bracket: a glossary line, a subject line


@dataclass(frozen=True)
class Entity:
    """A name in the source and how to recognise it in English."""

    hindi: str
    kind: str  # acronym | place | name | latin
    english: str = ""  # the expected English form where known (acronym letters, CLDR name)
    joined: tuple[str, ...] = ()  # the name written together with a neighbour (स्नो + डेन)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Lowercase (common-noun) entries of two English dictionaries; proper nouns are capitalized there."""
    return frozenset(w for w in get_english_words_set(["web2", "gcide"], lower=False) if w.islower())


@lru_cache(maxsize=16384)
def is_common_english(word: str) -> bool:
    """A dictionary word, allowing plain inflections (nations, talks, tweeted) and co- (cooperation)."""
    words = _dictionary()
    low = _bare(word).lower().replace("-", "")
    candidates = {low, *_american_spellings(low)}
    for form in list(candidates):
        for suffix, replacement in _INFLECTIONS:
            if form.endswith(suffix) and len(form) >= len(suffix) + 2:
                stem = form[: -len(suffix)]
                candidates.add(stem + replacement)
                if len(stem) > 2 and stem[-1] == stem[-2]:  # planned -> plan
                    candidates.add(stem[:-1])
    candidates |= {c[2:] for c in candidates if c.startswith("co") and len(c) > 6}
    return any(len(c) > 1 and c in words for c in candidates)


# British spellings the two (American) dictionaries lack: organiser, memorising, rumours, councillor,
# centre, defence, analyse, travelled, catalogue
_BRITISH = [(re.compile(p), r) for p, r in (
    (r"is(e|es|ed|ing|er|ers|ation|ations)$", r"iz\1"), (r"our(s|ed|ing|ite|ites|able)?$", r"or\1"),
    (r"yse(s|d)?$", r"yze\1"), (r"tre(s)?$", r"ter\1"), (r"ence$", "ense"), (r"ogue(s)?$", r"og\1"),
    (r"ll(or|ors|ed|ing|er|ers)$", r"l\1"), (r"ae", "e"), (r"oe", "e"),
)]


def _american_spellings(low: str) -> set[str]:
    return {pattern.sub(repl, low) for pattern, repl in _BRITISH if pattern.search(low)}


def _bare(word: str) -> str:
    """``Obama's`` -> ``Obama``, ``Reuters’`` -> ``Reuters``."""
    return re.sub(r"['’]s?$", "", word)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = (Path(__file__).with_name("hindi_words.txt")).read_text(encoding="utf-8")
    words = " ".join(line for line in text.splitlines() if not line.startswith("#")).split()
    return frozenset(normalize_hindi(w) for w in words)


# A word HiNER does not know is taken for a possible name below this frequency in Hindi (wordfreq).
UNKNOWN_NAME_ZIPF = 4.5
UNKNOWN_WORD_ZIPF = 0.5  # wordfreq gives 0 to words it has not seen


@lru_cache(maxsize=1)
def _ner_words() -> dict[str, str]:
    """Hindi word -> ``name`` | ``part`` | ``word``, as the HiNER corpus tags it (``hindi_ner_words.tsv``)."""
    text = (Path(__file__).with_name("hindi_ner_words.tsv")).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {normalize_hindi(word): tag for word, tag in rows}


@lru_cache(maxsize=16384)
def name_like(token: str, strict: bool = False) -> bool:
    """Could this Hindi word be a name? Yes for words HiNER tags as names (मोदी, सिंह, जॉनसन), no
    for words it sees untagged (जनगणना); a word of place names (उत्तर प्रदेश) only when not
    ``strict``; otherwise, unless it is frequent in Hindi (``strict``: unless wordfreq knows it at
    all, as it knows rare common nouns: अखरोट, प्रशासक)."""
    tag = _ner_words().get(token)
    if tag:
        return tag == "name" or (tag == "part" and not strict)
    return zipf_frequency(token, "hi") < (UNKNOWN_WORD_ZIPF if strict else UNKNOWN_NAME_ZIPF)


def is_stopword(token: str) -> bool:
    """A Hindi function word or very common word (``service/quality/hindi_words.txt``)."""
    return token in _stopwords()


@lru_cache(maxsize=16384)
def common_word(token: str) -> bool:
    """A Hindi function word, or a frequent word that is no name (कारण, "reason"; not मोदी, राम)."""
    return is_stopword(token) or (common_hindi(token) and _ner_words().get(token) != "name" and not place(token))


@lru_cache(maxsize=16384)
def common_hindi(token: str) -> bool:
    """A frequent Hindi word (पद, सुरक्षा, चुनाव): after a title it is not a name."""
    return zipf_frequency(token, "hi") >= COMMON_HINDI_ZIPF


# CLDR names that Hindi uses as common words: विश्व (001, World) is "global", "worldwide" as often as
# "world"; यहूदी (yi, Yiddish) is "Jewish", "Jews", "Judaism".
_COMMON_WORD_CODES = frozenset({"001", "yi"})


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Normalized one-word Hindi CLDR territory, city or language name -> English name."""
    hi, en = Locale("hi"), Locale("en")
    table: dict[str, str] = {}
    for code, name in hi.languages.items():
        english = en.languages.get(code)
        if english and " " not in name.strip() and " " not in english and len(code) == 2 and code not in _COMMON_WORD_CODES:
            table[normalize_hindi(name)] = english
    for zone, names in hi.time_zones.items():
        city = names.get("city")
        if city and " " not in city.strip():
            table[normalize_hindi(city)] = zone.rsplit("/", 1)[-1].replace("_", " ")
    for code, name in hi.territories.items():
        english = en.territories.get(code)
        if english and " " not in name.strip() and code not in _COMMON_WORD_CODES:
            table[normalize_hindi(name)] = english
    return table


@lru_cache(maxsize=1)
def _letter_names() -> dict[str, str]:
    return {normalize_hindi(k): v for k, v in _LETTER_NAMES.items()}


@lru_cache(maxsize=65536)
def acronym(token: str) -> str | None:
    """``एससीओ`` -> ``SCO``: the token read as English letter names, if it is one (2+ letters)."""
    names = _letter_names()

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


# Places CLDR names otherwise (यूनाइटेड किंगडम) or not at all, and short forms used in compounds (भारत-पाक):
# they back an English name but are not required (UK, US and Britain all render ब्रिटेन, अमेरिका)
_PLACE_ALIASES = {"ब्रिटेन": "Britain", "इंग्लैंड": "England", "स्कॉटलैंड": "Scotland", "वेल्स": "Wales",
                  "पाक": "Pakistan", "अमेरिका": "America", "अमरीका": "America", "नॉर्वे": "Norway"}
DEMONYM_PREFIX_LETTERS = 4


@lru_cache(maxsize=1)
def _place_aliases() -> dict[str, str]:
    """``_PLACE_ALIASES`` normalized, and the words of CLDR's two-word territory names that are no
    common English word nor a word by HiNER's tags (कोरिया of दक्षिण कोरिया, South Korea): they back it."""
    hi, en = Locale("hi"), Locale("en")
    table: dict[str, str] = {}
    for code, name in hi.territories.items():
        hindi_words, english_words = name.split(), en.territories.get(code, "").split()
        if len(hindi_words) == len(english_words) > 1 and code not in _COMMON_WORD_CODES:
            for hindi_word, english_word in zip(hindi_words, english_words):
                hindi_word = normalize_hindi(hindi_word)
                if english_word.isalpha() and not is_common_english(english_word) and _ner_words().get(hindi_word) != "word":
                    table.setdefault(hindi_word, english_word)
    return table | {normalize_hindi(k): v for k, v in _PLACE_ALIASES.items()}


def place(token: str, derived: bool = True) -> str | None:
    """``रूस`` -> ``Russia``; with ``derived``, also adjective/plural forms: ``रूसी``, ``एशियाई`` -> ``Asia``."""
    places = _places()
    if token in places:
        return places[token]
    if not derived:
        return None
    alias = _place_aliases().get(token)
    if alias:
        return alias
    for ending in _DEMONYM_ENDINGS:
        if token.endswith(ending):
            stem = token[: -len(ending)]
            for candidate in (stem, stem + "ा", stem + "िया"):
                if candidate in places:
                    return places[candidate]
                if candidate in _place_aliases():  # अमेरिकी: अमेरिका
                    return _place_aliases()[candidate]
    return None


def article_names(sentences: list[str]) -> set[str]:
    """Words that follow a title anywhere in the article (``मंत्री एस जयशंकर`` -> जयशंकर)."""
    stop = _stopwords()
    names: set[str] = set()
    for sentence in sentences:
        tokens = hindi_tokens(join_dotted_letters(sentence))
        for i, token in enumerate(tokens):
            if not is_title(token):
                continue
            for follower in tokens[i + 1 : i + 4]:
                if follower in stop or is_title(follower) or follower.isdigit() or follower in hindi_date_words():
                    break
                if len(follower) > 1 and not acronym(follower) and not place(follower) and not common_hindi(follower) \
                        and _ner_words().get(follower) not in ("word", "part") and not _glued(follower) \
                        and not inflected(follower):
                    names.add(follower)
    return names


# A name HiNER tags PERSON or LOCATION (बेगूसराय, मुजफ्फरपुर, गहलोत) is required without a title when
# it is this rare in Hindi: frequent ones are also words (राम, चौक, खाड़ी, सिंधु) or short forms.
UNTITLED_NAME_ZIPF = 3.0
UNTITLED_NAME_MIN_LETTERS = 3


@lru_cache(maxsize=16384)
def untitled_name(token: str) -> bool:
    """A person or place name by HiNER's tags, rare enough in Hindi not to be a word as well."""
    return (
        len(token) >= UNTITLED_NAME_MIN_LETTERS and _ner_words().get(token) == "name" and not is_stopword(token)
        and not is_title(token) and zipf_frequency(token, "hi") < UNTITLED_NAME_ZIPF and not inflected(token)
    )


# Endings of Hindi grammar that names do not take: the oblique plural (शक्तियों, प्रत्यक्षदर्शियों) and
# the future tense (सुनेंगे, जाएगा).
_INFLECTED_ENDINGS = tuple(normalize_hindi(e) for e in ("ों", "ेंगे", "ेंगी", "ेगा", "ेगी", "ूंगा", "ूंगी", "ोगे", "एंगे", "एगा", "एगी"))
INFLECTED_STEM_MIN_LETTERS = 2


def inflected(token: str) -> bool:
    """A word with an ending of Hindi grammar (plural, future tense): not a name."""
    return any(token.endswith(e) and len(token) - len(e) >= INFLECTED_STEM_MIN_LETTERS for e in _INFLECTED_ENDINGS)


@lru_cache(maxsize=65536)
def _unglued(token: str) -> str:
    """The place without a function word run into its start (नेजर्मनी -> जर्मनी), or the word."""
    stop = _stopwords()
    for cut in range(2, len(token) - 2):
        if token[:cut] in stop and place(token[cut:]):
            return token[cut:]
    return token


@lru_cache(maxsize=65536)
def _glued(token: str) -> bool:
    """Two words run together by a careless typist (कोसुनने = को सुनने, लेखनऔर = लेखन और): a function
    word at one end, a frequent word in the rest."""
    stop = _stopwords()
    for cut in range(2, len(token) - 1):
        head, rest = token[:cut], token[cut:]
        if head in stop and (common_hindi(rest) or rest in hindi_date_words()):  # सेगुरुवार
            return True
        if rest in stop and len(head) >= 2 and common_hindi(head):
            return True
    return False


@lru_cache(maxsize=1)
def _indian_places() -> frozenset[str]:
    """One-word Hindi names of Indian states, union territories and large cities (the grouping
    gazetteer, which leaves out names that are also Hindi words or surnames: गया, कोटा), normalized."""
    names = {name for table in (STATES, CITIES) for spellings in table.values() for name in spellings}
    return frozenset(normalize_hindi(name) for name in names if " " not in name and "-" not in name)


def source_entities(source: str, known_names: set[str]) -> list[Entity]:
    """The names a faithful English rendering of ``source`` must contain."""
    found: dict[str, Entity] = {}
    tokens = hindi_tokens(join_dotted_letters(source))
    for i, token in enumerate(tokens):
        if token.isascii():
            if _looks_like_name(token) and not is_common_english(token):
                found.setdefault(token, Entity(token, "latin", token))
        elif (letters := acronym(token)) and len(letters) >= 3:
            found.setdefault(token, Entity(token, "acronym", letters))
        elif country := place(token, derived=False):
            found.setdefault(token, Entity(token, "place", country))
        elif (token in known_names or (token.endswith(_STAN) and zipf_frequency(token, "hi") < 4) or untitled_name(token)
              or (token in _indian_places() and not acronym(token))):  # एमपी: MP is also a member of parliament
            neighbours = tuple(a + b for a, b in zip(tokens[max(0, i - 1): i + 1], tokens[i: i + 2]) if a != b)
            found.setdefault(token, Entity(token, "name", joined=neighbours))
    return list(found.values())


@dataclass(frozen=True)
class EnglishName:
    """A name of the English text and the forms it may take joined to a capitalized neighbour
    (Madhya + Pradesh for मध्यप्रदेश)."""

    word: str
    joined: tuple[tuple[str, ...], ...] = ()
    before: str = ""  # the capitalized word right before it in a run of names ("Narendra" for Modi)
    after: str = ""  # the capitalized word right after it ("Modi" for Narendra)
    slot_only: bool = False  # a frequent dictionary word in such a run: a problem only where it takes a name's place
    dictionary: bool = False  # a rare dictionary word standing alone (Mirage, Municipal): a name only where the source makes it one


def _looks_like_name(latin: str) -> bool:
    """A Latin word in Hindi text that names something (ANI, Sainsbury, A350), not romanized Hindi (apne)."""
    return len(latin) > 1 and not latin.isdigit() and (latin[0].isupper() or any(c.isdigit() for c in latin))


def english_names(text: str) -> list[EnglishName]:
    """Capitalized words of ``text`` that are names: not dictionary words (Putin), or rare ones (Mirage).

    A rare dictionary word counts only standing alone inside a sentence: "36 Mirage jets", not a
    sentence's first word nor part of a capitalized run ("Indian Embassy", "Municipal Corporation").
    Not names: acronyms (checked the other way, from the source), units (Rs, INR), contractions
    (I've), titles and honorifics, months and weekdays.
    """
    out = []
    text = _HYPHENATED_NAME.sub(_hyphenated, text)
    matches = list(_ENGLISH_WORD.finditer(text))
    lowercase = {m.group() for m in matches if m.group().islower()}
    for i, m in enumerate(matches):
        raw = m.group()
        word = _bare(raw)
        if len(word) < 2 or not word[0].isupper() or not word.isalpha():
            continue
        if sum(c.isupper() for c in word) > 1 or word.lower() in _UNITS or word.lower() in _HONORIFICS or is_date_word(word):
            continue
        if word.lower() in _NUMBER_WORDS:  # Second World War, Fifth Avenue: checked as ordinals and numbers
            continue
        if re.search(r"['’](?!s?$)", raw):  # a contraction: I've, Don't
            continue
        if text[m.start() - 1: m.start()] == "&":  # B&Bs, AT&T: letters of an abbreviation
            continue
        before, after = _run_neighbours(text, matches, i)
        titled = _after_honorific(text, matches, i) or _speaker(text, matches, i)
        if word.lower() in _NAME_HEADS and is_common_english(word) and not titled:  # San Francisco Bay, Seventh Fleet
            continue
        if not is_common_english(word) and (misspelt_word(word) or word.lower() in lowercase):
            continue  # a typo (Distrct, Transportaion) or a word the text also writes lowercase ("graffiti artists")
        if not is_common_english(word) or word in _english_places() or titled:
            out.append(EnglishName(word, _neighbours(text, matches, i), before, after))
        elif _stands_alone(text, matches, i) and zipf_frequency(word, "en") < RARE_WORD_ZIPF:
            out.append(EnglishName(word, dictionary=True))
        elif (before or after) and zipf_frequency(word, "en") < FUNCTION_WORD_ZIPF and not _sentence_start(text, m):
            out.append(EnglishName(word, (), before, after, slot_only=True))
    return out


# A long word one slip (a letter dropped or two swapped) from a frequent dictionary word is a typo. A letter
# added is not counted: names are often a word and a letter (Hungary, Bridget, Pinterest).
TYPO_MIN_LETTERS = 7
TYPO_WORD_ZIPF = 4.0


@lru_cache(maxsize=16384)
def misspelt_word(word: str) -> bool:
    """``Distrct``, ``Transportaion``: a frequent English word with one slip of the keyboard, not a name."""
    low = word.lower()
    if len(low) < TYPO_MIN_LETTERS or not low.isascii():
        return False
    splits = [(low[:i], low[i:]) for i in range(len(low) + 1)]
    candidates = {a + letter + b for a, b in splits for letter in string.ascii_lowercase}
    candidates |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    words = _dictionary()
    return any(c in words and zipf_frequency(c, "en") >= TYPO_WORD_ZIPF for c in candidates - {low})


@lru_cache(maxsize=1)
def _english_places() -> frozenset[str]:
    """One-word English CLDR territory, city and language names that are also dictionary words
    (China, Turkey, Chile, Nice): in a text they are names all the same."""
    en = Locale("en")
    names = [*en.territories.values(), *en.languages.values()]
    names += [zone.get("city", "") for zone in en.time_zones.values()]
    return frozenset(n for n in names if n and n.isalpha() and n[0].isupper() and " " not in n)


def _run_neighbours(text: str, matches: list[re.Match[str]], i: int) -> tuple[str, str]:
    """The capitalized words right before and after word ``i`` in a run of capitalized words ("" if none)."""
    out = []
    for j in (i - 1, i + 1):
        if 0 <= j < len(matches):
            a, b = sorted((i, j))
            word = _bare(matches[j].group())
            if word[:1].isupper() and word.isalpha() and not text[matches[a].end(): matches[b].start()].strip(" -"):
                out.append(word)
                continue
        out.append("")
    return out[0], out[1]


def _hyphenated(m: re.Match[str]) -> str:
    """``Ki-moon`` -> ``Kimoon`` (one name); ``Hague-based`` -> ``Hague based``; ``Co-operation`` kept."""
    name, tail = m.group(1), m.group(2)
    if is_common_english(name) and is_common_english(tail):
        return m.group(0)
    if len(tail) >= _MODIFIER_MIN_LETTERS and len(name) >= _NAME_BEFORE_MODIFIER_MIN_LETTERS and is_common_english(tail):
        return f"{name} {tail}"
    return name + tail


# Lowercase particles that belong to the name after them (al-Qaeda / अलकायदा, de Gaulle / डि गॉल, bin Laden)
_NAME_PARTICLES = frozenset("al el ul bin ibn de di da du del della van von der den le la".split())


def _neighbours(text: str, matches: list[re.Match[str]], i: int) -> tuple[tuple[str, ...], ...]:
    """The word joined with a capitalized word, or a name particle, right before or after it: (Om,
    Prakash), (Madhya, Pradesh), (al, Qaeda)."""
    forms = []
    for j, k in ((i - 1, i), (i, i + 1)):
        if not (0 <= j and k < len(matches)) or text[matches[j].end(): matches[k].start()].strip(" -"):
            continue
        other = matches[j if j != i else k].group()
        if other[0].isupper() or (j == i - 1 and other in _NAME_PARTICLES):
            forms.append((_bare(matches[j].group()), _bare(matches[k].group())))
    return tuple(forms)


# Honorifics and titles that make the next word a name, dictionary word or not (Mr Seth, King Sejong)
_NAME_MAKERS = frozenset({"mr", "mrs", "ms", "dr", "prof", "king", "queen", "prince", "princess", "sir", "lord", "lady"})
# ... but not an office addressed by it ("Mr. President", "Madam Speaker")
_OFFICES = frozenset("president speaker chairman chairperson chair secretary minister mayor justice deputy governor "
                     "ambassador commissioner prime vice".split())


def _after_honorific(text: str, matches: list[re.Match[str]], i: int) -> bool:
    """Does an honorific or a royal title come right before the word ("Mr Seth", "Mrs. Bell", "King Sejong")?"""
    if i == 0:
        return False
    previous = matches[i - 1]
    return (previous.group().lower().rstrip(".") in _NAME_MAKERS and not text[previous.end(): matches[i].start()].strip(" .")
            and matches[i].group().lower() not in _OFFICES)


_SAID = frozenset("said says told added asked replied stated".split())
_DETERMINERS = frozenset("the a an this that these those its their his her our your my".split())


def _speaker(text: str, matches: list[re.Match[str]], i: int) -> bool:
    """A word that says something with no article before it ("Bell said", "said Bell"): a person's name."""
    if i == 0 or matches[i].group().lower() in _OFFICES:  # says Prime Minister Tony Abbott
        return False
    previous = matches[i - 1].group()
    if previous.lower() in _DETERMINERS or (not text[matches[i - 1].end(): matches[i].start()].strip() and (
            previous[0].isupper() or previous.lower() in ("of", "for", "and"))):
        return False  # the Energy Department said, Court of Appeals said: the end of an institution's name
    following = matches[i + 1].group().lower() if i + 1 < len(matches) else ""
    adjacent = not text[matches[i].end(): matches[i + 1].start()].strip() if following else False
    said_before = matches[i - 1].group().lower() in _SAID and not text[matches[i - 1].end(): matches[i].start()].strip(" ,")
    return (following in _SAID and adjacent) or said_before


def _sentence_start(text: str, match: re.Match[str]) -> bool:
    """Is the word the first of a sentence (capitalized whatever it is)?"""
    return not text[: match.start()].strip() or bool(_SENTENCE_END.search(text[: match.start()]))


def _stands_alone(text: str, matches: list[re.Match[str]], i: int) -> bool:
    """Not a sentence's first word, and no capitalized word right before or after it."""
    start = matches[i].start()
    if i == 0 or _SENTENCE_END.search(text[:start]):
        return False
    before = matches[i - 1]
    if before.group()[0].isupper() and not text[before.end():start].strip(" -"):
        return False
    if i + 1 < len(matches):
        after = matches[i + 1]
        if after.group()[0].isupper() and not text[matches[i].end():after.start()].strip(" -"):
            return False
    # "Embassy of India", "Ministry of External Affairs": part of an institution's name
    if _OF_NAME_AFTER.match(text, matches[i].end()) or _OF_NAME_BEFORE.search(text[:start]):
        return False
    # "Disease Control and Prevention", "Diagnosis and Treatment Guidelines": linked by "and" to a
    # capitalized word that is a dictionary word too, part of a name made of words ("Apple and Mirage" is not)
    linked = [m.group(1) for m in (_AND_WORD_AFTER.match(text, matches[i].end()), _AND_WORD_BEFORE.search(text[:start])) if m]
    return not any(is_common_english(word) for word in linked)


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _alnum_words(text: str) -> list[str]:
    return [_bare(w) for w in _ENGLISH_WORD.findall(text)]


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


EXPANSION_MAX_WORDS = 5


def expands(letters: str, words: list[str]) -> bool:
    """Do adjacent words spell out an acronym, each giving it letters in order, every word but the first
    from its first letter, the first from one of its first two (XEN: eXecutive ENgineer; SHO: Station
    House Officer)?"""
    letters = letters.lower()
    low = [w.lower() for w in words]
    return len(letters) >= 3 and any(
        _spells(letters, low[i: i + n], first=True)
        for n in range(2, min(EXPANSION_MAX_WORDS, len(letters)) + 1) for i in range(len(low) - n + 1)
    )


def _spells(letters: str, words: list[str], first: bool) -> bool:
    if not words:
        return not letters
    word = words[0]
    for cut in range(1, len(letters) - len(words) + 2):
        chunk = letters[:cut]
        if first:  # its first letter begins the word or is its second letter (eXecutive), not Mo-SCO-w
            fits = chunk[0] in word[:2] and _subsequence(chunk, word[word.index(chunk[0]):])
        else:
            fits = chunk[0] == word[0] and _subsequence(chunk[1:], word[1:])
        if fits and _spells(letters[cut:], words[1:], first=False):
            return True
    return False


def _subsequence(chunk: str, word: str) -> bool:
    it = iter(word)
    return all(c in it for c in chunk)


# Dollars of a place written with its initials: S$ (Singapore), A$, HK$, NZ$
_CURRENCY = re.compile(r"\b([A-Z]{1,2})\$")


def _currency_of(place_name: str, english: str) -> bool:
    """Does the English write the place's currency with its initials (S$3,000 for 3,000 सिंगापुर डॉलर)?"""
    parts = place_name.split()
    initials = "".join(p[0] for p in parts).upper()
    return any(letters == initials or (len(parts) == 1 and letters == place_name[: len(letters)].upper())
               for letters in _CURRENCY.findall(english))


SHORT_FORM_MIN_LETTERS = 3
SHORT_FORM_MIN_CONSONANTS = 2


def _short_form(hindi: str, word: str) -> bool:
    """Is the English word a short form of the Hindi name, saying its first syllables (Pam, Pammy for
    पामेला): its skeleton begins the name's, with at least two consonants?"""
    short = skeleton(word)
    if len(word) < SHORT_FORM_MIN_LETTERS or len(short) < SHORT_FORM_MIN_CONSONANTS:
        return False
    if not any(full.startswith(short) and len(full) > len(short) for full in hindi_skeletons(hindi)):
        return False
    return (romanizations(hindi)[0][:1] in "aeiou") == (word[:1].lower() in "aeiou")


def entity_found(entity: Entity, english: str) -> bool:
    """Is ``entity`` present in the English text?"""
    words = _alnum_words(english)
    lowered = {w.lower() for w in words} | {w[:-1].lower() for w in words if _PLURAL_ACRONYM.fullmatch(w)}
    if entity.kind in ("latin", "acronym"):
        if entity.english.lower() in lowered or entity.english.upper() in _initials(words):
            return True
        if any(c.isdigit() for c in entity.english):  # 50bn, 39C, 76s, 300mph: letters and digits, spaced or not
            return _compact(entity.english) in _compact(english)
        return entity.kind == "acronym" and expands(entity.english, words)
    if entity.kind == "place":
        if _currency_of(entity.english, english):
            return True
        stems = [p.lower()[: max(4, len(p) - 1)] for p in entity.english.split()]
        return all(any(w.startswith(stem) for w in lowered) for stem in stems) or any(
            sounds_alike(entity.hindi, w) or _names_place(w, entity.english) for w in words
        )
    if any(sounds_alike(entity.hindi, w) for w in words):
        return True
    alias = place(entity.hindi)  # स्कॉटलैंड, a place CLDR lacks: Scottish
    if alias and any(_names_place(w, alias) for w in words):
        return True
    if any(_short_form(entity.hindi, w) for w in words if w[:1].isupper()):
        return True
    # A name Hindi splits (स्नो डेन) is found as one English word; a whole name is not found through
    # its neighbour (पुतिन is not found in "Vladimir" through व्लादिमीरपुतिन).
    return len(hindi_skeleton(entity.hindi)) <= 2 and any(sounds_alike(form, w) for form in entity.joined for w in words)


def name_supported(name: str | EnglishName, source: str, *, by_common_words: bool = True) -> bool:
    """Is an English name (``Putin``, ``SCO``) backed by some word, or two adjacent words, of the Hindi source?
    Without ``by_common_words``, a common Hindi word that sounds like it backs it only when the name is
    spelt from it (विकास / Vikas), not when they merely share consonants (बाहर / Bihar), nor when the
    source writes it as a loan (गॉल / Gaulle is not गोल, "round")."""
    loans = _loan_spellings(source)
    source = join_dotted_letters(source)
    if isinstance(name, EnglishName):
        if _supported(name.word, source, by_common_words, loans):
            return True
        devanagari = [t for t in hindi_tokens(source) if not t.isascii()]
        return any(sounds_like_joined(words, devanagari, short=words[0] in _NAME_PARTICLES) or _abbreviated(words, devanagari)
                   for words in name.joined)
    return _supported(name, source, by_common_words, loans)


_DEMONYM = re.compile(r"(?<=[a-z]{2})(?:ian|ean|an|ese|ish|i|se|ss)$", re.IGNORECASE)  # Korean, Polish, Norse, Swiss
# English combining forms of places: Indo-Pakistani (भारत-पाक), Sino-Indian, Anglo-French
_COMBINING_FORMS = {"indo": "India", "sino": "China", "anglo": "England", "franco": "France", "russo": "Russia",
                    "afro": "Africa", "euro": "Europe", "afghan": "Afghanistan", "pak": "Pakistan"}
# Words a religion or creed is named after: Sikhism (सिख), Hinduism, Buddhist (बौद्ध)
_CREED = re.compile(r"(?<=[a-z]{3})(?:ism|ist|ists)$", re.IGNORECASE)


def _supported(name: str, source: str, by_common_words: bool = True, loans: frozenset[str] = frozenset()) -> bool:
    """The name itself, its singular (Jaguars, Sikhs), the place of a demonym (Korean: Korea, Irish:
    Ireland) or of a combining form (Indo-: भारत), the name a creed is named after (Sikhism: सिख)."""
    forms = dict.fromkeys([name, re.sub(r"(?<=[a-z]{3})e?s$", "", name), _CREED.sub("", name)])
    if _COMBINING_FORMS.get(name.lower()):
        forms[_COMBINING_FORMS[name.lower()]] = None
    if any(_supported_form(form, source, by_common_words, loans) for form in forms):
        return True
    stems = {_DEMONYM.sub("", form) for form in forms} - set(forms)
    return any(_demonym_of_source_place(stem, source) for stem in stems)


# A Hindi syllable: a consonant (cluster) with its vowel sign and nasal, or a vowel letter.
_SYLLABLE = re.compile(r"(?:[\u0915-\u0939]\u094d)*[\u0915-\u0939][\u093e-\u094c]?[\u0901-\u0903]?|[\u0905-\u0914][\u0901-\u0903]?")


def _abbreviated(words: tuple[str, ...], devanagari: list[str]) -> bool:
    """Do two capitalized words stand for a Hindi abbreviation made of their first syllables (मप्र = म +
    प्र, Madhya Pradesh; उप्र, Uttar Pradesh)? The Hindi word must be no common word and have a
    consonant cluster (प्र, the short form of Pradesh): a plain two-syllable word is too often a word."""
    if len(words) != 2:
        return False
    for token in devanagari:
        syllables = _abbreviation_syllables(token)
        if syllables and all(_begins_with(word, syllable) for word, syllable in zip(words, syllables)):
            return True
    return False


@lru_cache(maxsize=65536)
def _abbreviation_syllables(token: str) -> tuple[str, ...]:
    """The two syllables of a word that may be an abbreviation (two syllables, one with a consonant
    cluster, no common word), else ()."""
    syllables = tuple(_SYLLABLE.findall(token))
    if len(syllables) == 2 and "".join(syllables) == token and "\u094d" in token and not common_word(token):
        return syllables
    return ()


@lru_cache(maxsize=65536)
def _begins_with(word: str, syllable: str) -> bool:
    """Does the English word begin with the Hindi syllable's consonants (or its vowel, for a vowel letter)?"""
    roman = romanize(syllable)
    consonants = skeleton(roman, english=False)
    return skeleton(word).startswith(consonants) if consonants else word[:1].lower() == roman[:1]


def _names_place(word: str, place_name: str) -> bool:
    """Irish, Scottish, Indo- for Ireland, Scotland, India: a demonym or combining form of the place."""
    if _COMBINING_FORMS.get(word.lower()) == place_name:
        return True
    for form in dict.fromkeys([word, re.sub(r"(?<=[a-z]{3})s$", "", word)]):  # Swiss, Belgians
        stem = _DEMONYM.sub("", form)
        low = stem.lower()
        if stem != form and len(os.path.commonprefix([low, place_name.lower()])) >= min(len(low), DEMONYM_PREFIX_LETTERS):
            return True
    return False


def _demonym_of_source_place(stem: str, source: str) -> bool:
    """Irish (Ir-) for आयरलैंड, Scottish (Scott-) for स्कॉटलैंड: the stem begins the English name of a
    place of the source."""
    low = stem.lower()
    for token in hindi_tokens(source):
        country = place(token)
        if country and len(os.path.commonprefix([low, country.lower()])) >= min(len(low), DEMONYM_PREFIX_LETTERS):
            return True
    return False


@lru_cache(maxsize=1)
def _exonyms() -> dict[str, frozenset[str]]:
    return {k: frozenset(normalize_hindi(w) for w in v.split()) for k, v in _EXONYMS.items()}


def _supported_form(name: str, source: str, by_common_words: bool = True, loans: frozenset[str] = frozenset()) -> bool:
    low = name.lower()
    devanagari = []
    tokens = hindi_tokens(source)
    if _exonyms().get(low, frozenset()) & set(tokens):  # Venus: शुक्र
        return True
    for token in tokens:
        if token.isascii():
            if token.lower() == low:
                return True
            continue
        devanagari.append(token)
        if (bare := _unglued(token)) != token:  # नेजर्मनी: ने जर्मनी run together
            devanagari.append(bare)
        if (letters := acronym(token)) and letters.lower() == low:
            return True
        country = place(token)
        if country and any(low.startswith(p.lower()[: max(4, len(p) - 1)]) for p in country.split()):
            return True
    weak = frozenset() if by_common_words else frozenset(
        t for t in devanagari if common_word(t) and not close_spelling(t, name)) - loans
    return sounds_like_any(name, devanagari, weak)


_CANDRA_O = re.compile("[\u0911\u0949]")  # ऑ, ॉ: the English "o" of law, college, Gaulle


@lru_cache(maxsize=4096)
def _loan_spellings(source: str) -> frozenset[str]:
    """Words written with candra-o (लॉ, गॉल), which Hindi uses only for English sounds: a foreign name
    or loanword, never the common Hindi word (लो, "take"; गोल, "round") that normalizing makes of it."""
    return frozenset(normalize_hindi(t) for t in re.findall(r"[\u0900-\u097F]+", source) if _CANDRA_O.search(t))
