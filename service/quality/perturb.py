"""Plant one factual error in a correct translation, deterministically: the recall half of ``eval-guard``.

Each planted pair changes one fact of a human English translation that its Hindi source states,
the way a model gets a fact wrong:

* ``number``: a number written in digits becomes another value (a digit changed, dropped or added);
* ``scale``: the scale word of a number becomes another (``million`` -> ``billion``, ``lakh`` -> ``crore``);
* ``date``: a month or weekday the source names becomes another month or weekday;
* ``ordinal``: an ordinal the source has (``तीसरा``, ``5वां``) becomes another (``third`` -> ``second``);
* ``name``: a name that sounds like a word of the source becomes another name from the same pair
  set that sounds like nothing in this source;
* ``name-word``: the same, with a replacement that is also an English dictionary word (``Rafale``
  -> ``Mirage``), which a check of non-dictionary words alone cannot see;
* ``name-hindi-word``: the same, with a replacement that sounds like a common Hindi word of this
  source (a function word or a frequent word that is no name: ``Karan`` for कारण, "reason"), which a
  check that any word of the source backs a name cannot see;
* ``scale-word``: the scale word after a spelled-out number becomes another (``ten lakh`` -> ``ten crore``);
* ``scale-word-hi``: the same on the source side (``दस लाख`` -> ``दस करोड़``), the English left as it
  was: the English now states a scale the source does not, as when a model misreads a Hindi scale word;
* ``ordinal-elsewhere``: an ordinal the source has becomes another ordinal or number that the same
  English sentence states elsewhere (``third and fifth`` -> ``fifth and fifth``), which a check of
  which values occur, rather than how often, cannot see;
* ``negation-drop``: a negation of the English (not, n't, never, no, cannot) is dropped where the
  source states one (``had not married`` -> ``had married``);
* ``negation-add``: a ``not`` is put after an auxiliary verb that has none (``had married`` ->
  ``had not married``).

The choice of fact and replacement comes from ``random.Random(f"{seed}:{index}")`` per pair, so
a pair's planted errors do not change when other pairs are added or removed.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Iterable

from service.quality.dates import english_date_words, hindi_dates
from service.quality.names import common_word, is_common_english
from service.quality.numbers import EN_SCALES, HINDI_SCALES, HINDI_UNITS, hindi_numbers, number_key
from service.quality.text import hindi_tokens, normalize_hindi
from service.quality.transliterate import hindi_skeletons, skeleton, sounds_alike

KINDS = ("number", "scale", "scale-word", "scale-word-hi", "date", "ordinal", "ordinal-elsewhere", "name", "name-word",
         "name-hindi-word", "negation-drop", "negation-add")

_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
# Hindi ordinals as the planting program recognises them (independent of the guard's own reader).
_HINDI_ORDINAL_STEMS = {
    1: ("पहला", "पहली", "पहले", "प्रथम"), 2: ("दूसरा", "दूसरी", "दूसरे", "द्वितीय"),
    3: ("तीसरा", "तीसरी", "तीसरे", "तृतीय"), 4: ("चौथा", "चौथी", "चौथे"), 6: ("छठा", "छठी", "छठे"),
}
_HINDI_ORDINAL_SUFFIX = re.compile(r"^(\d+|[^\d]+?)(वां|वीं|वें|वाँ|वा)$")
_SCALE_GROUPS = [("thousand", "million", "billion", "trillion", "lakh", "crore"), ("mn", "bn")]
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:,\d{2,3})*(?:\.\d+)?(?![\w]|,\d|\.\d)")
_EN_ORDINAL = re.compile(r"\b(?:(\d+)(st|nd|rd|th)|(" + "|".join(_ORDINAL_WORDS) + r"))\b", re.IGNORECASE)
_CAPITALIZED = re.compile(r"(?<![A-Za-z'])[A-Z][a-z]{2,}(?![A-Za-z])")


@dataclass(frozen=True)
class PlantedError:
    kind: str
    hindi: str
    english: str  # the changed English
    original: str  # the correct English
    change: str  # "old -> new"
    index: int  # of the pair it came from


def hindi_ordinals(hindi: str) -> set[int]:
    """Ordinal values a Hindi text states (``तीसरा`` -> 3, ``5वां`` -> 5)."""
    values: set[int] = set()
    stems = {normalize_hindi(w): n for n, words in _HINDI_ORDINAL_STEMS.items() for w in words}
    for token in hindi_tokens(hindi):
        if token in stems:
            values.add(stems[token])
        elif m := _HINDI_ORDINAL_SUFFIX.match(token):
            head = m.group(1)
            if head.isdigit():
                values.add(int(head))
            elif head in HINDI_UNITS:
                values.add(int(HINDI_UNITS[head]))
    return values


def _english_ordinal_value(match: re.Match[str]) -> int:
    if match.group(1):
        return int(match.group(1))
    return _ORDINAL_WORDS.index(match.group(3).lower()) + 1


def _ordinal_text(value: int, like: re.Match[str]) -> str:
    if like.group(1):
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    word = _ORDINAL_WORDS[value - 1]
    return word.capitalize() if like.group(3)[0].isupper() else word


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _plant_number(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    spans = [m for m in _NUMBER.finditer(english)]
    if not spans:
        return None
    m = rng.choice(spans)
    old = m.group()
    digits = old.replace(",", "")
    source = {number_key(v) for v in hindi_numbers(hindi)}
    for _ in range(20):
        how = rng.choice(("change", "drop", "add"))
        pos = rng.randrange(len(digits))
        if how == "change" and digits[pos].isdigit():
            new = digits[:pos] + rng.choice([d for d in "0123456789" if d != digits[pos]]) + digits[pos + 1:]
        elif how == "drop" and len(digits.replace(".", "")) > 1 and digits[pos].isdigit():
            new = digits[:pos] + digits[pos + 1:]
        else:
            new = digits[:pos] + rng.choice("123456789") + digits[pos:]
        if new.startswith("0") and len(new) > 1 or new.startswith(".") or new.endswith(".") or not new:
            continue
        if new != digits and number_key(float(new)) not in source:
            return _replace(english, m.start(), m.end(), new), f"{old} -> {new}"
    return None


def _plant_scale(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    pattern = re.compile(r"(?<=\d)(\s*)(" + "|".join(sorted(EN_SCALES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
    spans = [m for m in pattern.finditer(english) if m.group(2).lower() != "hundred"]
    if not spans:
        return None
    m = rng.choice(spans)
    old = m.group(2)
    group = next((g for g in _SCALE_GROUPS if old.lower().rstrip("s") in g), _SCALE_GROUPS[0])
    others = [s for s in group if EN_SCALES.get(s) != EN_SCALES.get(old.lower())]
    new = rng.choice(others)
    return _replace(english, m.start(2), m.end(2), new), f"{old} -> {new}"


def _plant_date(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    table = english_date_words()
    stated = set(hindi_dates(hindi))
    spans = [m for m in re.finditer(r"\b[A-Z][a-z]+\b", english) if table.get(m.group().lower()) in stated
             and len(m.group()) > 3]
    if not spans:
        return None
    m = rng.choice(spans)
    old = table[m.group().lower()]
    weekdays = {n for n in table.values() if n.endswith("day")}
    pool = sorted(weekdays) if old in weekdays else sorted(set(table.values()) - weekdays)
    new = rng.choice([n for n in pool if n != old and n not in stated])
    return _replace(english, m.start(), m.end(), new), f"{m.group()} -> {new}"


def _stated_ordinal(hindi: str, english: str, rng: random.Random) -> tuple[re.Match[str], int, set[int]] | None:
    """An English ordinal whose value the Hindi states too, chosen at random: (its match, its value,
    the Hindi's ordinal values); None when the pair has none."""
    stated = hindi_ordinals(hindi)
    spans = [m for m in _EN_ORDINAL.finditer(english) if _english_ordinal_value(m) in stated]
    if not spans:
        return None
    m = rng.choice(spans)
    return m, _english_ordinal_value(m), stated


def _plant_ordinal(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    if (picked := _stated_ordinal(hindi, english, rng)) is None:
        return None
    m, value, stated = picked
    choices = [v for v in range(1, 21) if v != value and v not in stated and abs(v - value) <= 3]
    if not choices:
        return None
    new = _ordinal_text(rng.choice(choices), m)
    return _replace(english, m.start(), m.end(), new), f"{m.group()} -> {new}"


def _plant_scale_word(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    """``ten lakh`` -> ``ten crore``: a scale word after a number written in words."""
    numbers = "|".join(["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                        "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                        "ninety", "hundred", "half"])
    pattern = re.compile(r"\b(?:" + numbers + r")[\s-]+(thousand|lakh|lakhs|crore|crores|million|billion|trillion)\b",
                         re.IGNORECASE)
    spans = list(pattern.finditer(english))
    if not spans:
        return None
    m = rng.choice(spans)
    old = m.group(1)
    others = [s for s in _SCALE_GROUPS[0] if EN_SCALES[s] != EN_SCALES[old.lower()]]
    new = rng.choice(others)
    return _replace(english, m.start(1), m.end(1), new), f"{old} -> {new}"


_HINDI_SCALE_SWAPS = ("हज़ार", "लाख", "करोड़", "अरब")  # written in; their values are ``HINDI_SCALES``'
_HINDI_SPELLED_SCALE = re.compile(r"(?<!\S)(\S+)\s+(हज़ार|हजार|लाख|करोड़|करोड|अरब)(?!\S)")


def _plant_scale_word_source(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    """``दस लाख`` -> ``दस करोड़`` in the source: a Hindi scale word after a number written in words."""
    spans = [m for m in _HINDI_SPELLED_SCALE.finditer(hindi) if normalize_hindi(m.group(1)) in HINDI_UNITS]
    if not spans:
        return None
    m = rng.choice(spans)
    old = m.group(2)
    value = HINDI_SCALES[normalize_hindi(old)]
    new = rng.choice([w for w in _HINDI_SCALE_SWAPS if HINDI_SCALES[normalize_hindi(w)] != value])
    return _replace(hindi, m.start(2), m.end(2), new), f"{old} -> {new}"


_SOURCE_SIDE_KINDS = frozenset({"scale-word-hi"})  # kinds planted in the Hindi, not the English


def _plant_ordinal_elsewhere(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    """An ordinal of the source becomes another value the English states elsewhere (as an ordinal or a number)."""
    if (picked := _stated_ordinal(hindi, english, rng)) is None:
        return None
    m, value, _ = picked
    elsewhere = {_english_ordinal_value(o) for o in _EN_ORDINAL.finditer(english) if o.start() != m.start()}
    elsewhere |= {int(n.group()) for n in re.finditer(r"(?<![\d.,])\d{1,2}(?![\d.,])", english)
                  if not (n.start() <= m.start() < n.end())}
    choices = sorted(v for v in elsewhere if v != value and 1 <= v <= len(_ORDINAL_WORDS))
    if not choices:
        return None
    new = _ordinal_text(rng.choice(choices), m)
    return _replace(english, m.start(), m.end(), new), f"{m.group()} -> {new}"


# Negations as the planting program finds them (independent of the guard's reader).
_HINDI_NEGATIONS = {normalize_hindi(w) for w in ("नहीं", "नही", "न", "ना")}
_EN_NEGATION = re.compile(r"\b(?:(not|never)\s+|(cannot)\b|(\w+)(n['’]t)\b|(no)\s+(?!one\b|longer\b|doubt\b|matter\b|\d))",
                          re.IGNORECASE)
_EN_NOT_ONLY = re.compile(r"\s*(?:only|just|merely|simply|least|long\s+ago)\b", re.IGNORECASE)
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
_AUXILIARY = re.compile(r"\b(is|are|was|were|will|would|can|could|should|has|have|had|does|did|must|may|might)\s+"
                        r"(?!not\b|never\b|no\b|n['’]t)(?=[a-z])", re.IGNORECASE)


def _plant_negation_drop(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    """Drop a negation of the English where the Hindi states one: ``did not go`` -> ``did go``, ``isn't`` -> ``is``."""
    if not any(t in _HINDI_NEGATIONS for t in hindi_tokens(hindi)):
        return None
    spans = [m for m in _EN_NEGATION.finditer(english)
             if not (m.group(1) and _EN_NOT_ONLY.match(english, m.end(1))) and not re.search(r"\bor\s+$", english[: m.start()])]
    if not spans:
        return None
    m = rng.choice(spans)
    if m.group(3):  # didn't -> did, won't -> will
        stem = m.group(3)
        base = _CONTRACTED.get(stem.lower(), stem)
        new = base[0].upper() + base[1:] if stem[0].isupper() else base
        return _replace(english, m.start(), m.end(), new), f"{m.group()} -> {new}"
    if m.group(2):  # cannot -> can
        new = m.group(2)[:3]
        return _replace(english, m.start(), m.end(), new), f"{m.group(2)} -> {new}"
    rest = english[m.end():]
    if m.start() == 0 or english[max(0, m.start() - 2): m.start()].strip() in (".", '"', "“"):
        rest = rest[:1].upper() + rest[1:]
    following = re.match(r"\S+", rest)
    if not following:
        return None
    return english[: m.start()] + rest, f"{m.group()}{following.group()} -> {following.group()}"


def _plant_negation_add(hindi: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    """Put ``not`` after an auxiliary verb that has no negation: ``had married`` -> ``had not married``."""
    spans = list(_AUXILIARY.finditer(english))
    if not spans:
        return None
    m = rng.choice(spans)
    new = f"{m.group(1)} not"
    return _replace(english, m.start(1), m.end(1), new), f"{m.group(1)} -> {new}"


def aligned_names(hindi: str, english: str) -> list[re.Match[str]]:
    """Capitalized English words (not the first word) that sound like a word of the Hindi source."""
    tokens = [t for t in hindi_tokens(hindi) if not t.isascii()]
    found = []
    for m in _CAPITALIZED.finditer(english):
        word = m.group()
        if m.start() == 0 or word.lower() in english_date_words():
            continue
        if any(sounds_alike(t, word) for t in tokens):
            found.append(m)
    return found


def _plant_name(hindi: str, english: str, rng: random.Random, pool: list[str], proper: set[str]) -> tuple[str, str] | None:
    spans = [m for m in aligned_names(hindi, english) if m.group() in proper]
    if not spans or not pool:
        return None
    m = rng.choice(spans)
    tokens = [t for t in hindi_tokens(hindi) if not t.isascii()]
    for _ in range(30):
        new = rng.choice(pool)
        if new.lower() not in english.lower() and not any(sounds_alike(t, new) for t in tokens):
            return _replace(english, m.start(), m.end(), new), f"{m.group()} -> {new}"
    return None


def _plant_name_like_hindi_word(hindi: str, english: str, rng: random.Random, by_skeleton: dict[str, list[str]],
                                proper: set[str]) -> tuple[str, str] | None:
    """A name becomes a name of the set that sounds like a common Hindi word of this source (कारण / Karan)."""
    spans = [m for m in aligned_names(hindi, english) if m.group() in proper]
    if not spans:
        return None
    m = rng.choice(spans)
    tokens = [t for t in hindi_tokens(hindi) if not t.isascii()]
    replaced = [t for t in tokens if sounds_alike(t, m.group())]
    candidates = sorted({
        name for t in tokens if common_word(t) for sk in hindi_skeletons(t) for name in by_skeleton.get(sk, ())
        if sounds_alike(t, name) and name.lower() not in english.lower() and not any(sounds_alike(r, name) for r in replaced)
    })
    if not candidates:
        return None
    new = rng.choice(candidates)
    return _replace(english, m.start(), m.end(), new), f"{m.group()} -> {new}"


def proper_nouns(englishes: Iterable[str]) -> set[str]:
    """Words the English side only ever writes capitalized (Mirage, Congress), never lowercase (team, court)."""
    capitalized: set[str] = set()
    lowercase: set[str] = set()
    for english in englishes:
        for word in re.findall(r"[A-Za-z]+", english):
            (capitalized if word[0].isupper() else lowercase).add(word if word[0].isupper() else word.capitalize())
    return capitalized - lowercase


def name_pools(pairs: list[tuple[str, str]]) -> tuple[list[str], list[str], set[str]]:
    """Names of the pair set that sound like a word of their source and are never written lowercase:
    (non-dictionary names, names that are also English words, all of them)."""
    proper = proper_nouns(english for _, english in pairs)
    names: set[str] = set()
    for hindi, english in pairs:
        names.update(m.group() for m in aligned_names(hindi, english) if m.group() in proper)
    words = sorted(n for n in names if is_common_english(n))
    return sorted(names - set(words)), words, names


def plant_errors(pairs: list[tuple[str, str]], seed: int = 12, kinds: Iterable[str] = KINDS) -> list[PlantedError]:
    """At most one planted error of each kind per pair, where the pair states such a fact."""
    plain_names, word_names, proper = name_pools(pairs)
    by_skeleton: dict[str, list[str]] = {}
    for name in plain_names:
        by_skeleton.setdefault(skeleton(name), []).append(name)
    planters = {
        "number": _plant_number, "scale": _plant_scale, "date": _plant_date, "ordinal": _plant_ordinal,
        "name": lambda h, e, r: _plant_name(h, e, r, plain_names, proper),
        "name-word": lambda h, e, r: _plant_name(h, e, r, word_names, proper),
        "name-hindi-word": lambda h, e, r: _plant_name_like_hindi_word(h, e, r, by_skeleton, proper),
        "scale-word": _plant_scale_word, "scale-word-hi": _plant_scale_word_source,
        "ordinal-elsewhere": _plant_ordinal_elsewhere,
        "negation-drop": _plant_negation_drop, "negation-add": _plant_negation_add,
    }
    out: list[PlantedError] = []
    for index, (hindi, english) in enumerate(pairs):
        for kind in kinds:
            rng = random.Random(f"{seed}:{index}:{kind}")
            planted = planters[kind](hindi, english, rng)
            if planted and kind in _SOURCE_SIDE_KINDS:
                out.append(PlantedError(kind, planted[0], english, english, planted[1], index))
            elif planted:
                out.append(PlantedError(kind, hindi, planted[0], english, planted[1], index))
    return out
