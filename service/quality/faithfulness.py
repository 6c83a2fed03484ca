"""Does an English bullet keep the numbers, dates and names of the Hindi sentence(s) it came from?

Two directions:

* recall (translations and extractive bullets only, ``complete=True``): every number, month,
  weekday and name found in the source must appear in the English;
* support (every mode): every number written in digits, month, weekday and non-dictionary
  capitalized name in the English must come from the source. This is what catches a changed
  number or a swapped name in an abstractive summary, which may leave facts out.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from service.quality.dates import english_dates, hindi_dates
from service.quality.name_slots import name_slot, unrendered_names
from service.quality.negation import negation_problems
from service.quality.names import (
    EnglishName, article_names, english_names, entity_found, join_dotted_letters, name_supported, source_entities,
)
from service.quality.numbers import (
    CODE, SCALE_VALUES, english_numbers, english_scales, has_scale_word, hindi_numbers, hindi_scale_words, number_key,
)
from service.quality.ordinals import english_ordinals, hindi_ordinals, roman_numerals
from service.quality.terms import TermIndex, term_checks
from service.quality.text import hindi_tokens, normalize_hindi
from service.quality.transliterate import same_skeleton, spelling_variant


@dataclass
class Check:
    kind: str  # number | ordinal | date | entity | negation
    value: str
    ok: bool
    problem: str = ""  # missing (in the English) | unsupported (not in the source)
    certain: bool = True  # False: a possible problem, reported in the checks but not flagged


@dataclass
class FaithfulnessResult:
    checks: list[Check] = field(default_factory=list)

    @property
    def failures(self) -> list[Check]:
        """The certain problems: they are flagged (warnings, retry, drop)."""
        return [c for c in self.checks if not c.ok and c.certain]

    @property
    def possible(self) -> list[Check]:
        """Problems the checks are not sure of (a name the English adds beside a name of the source)."""
        return [c for c in self.checks if not c.ok and not c.certain]

    @property
    def passed(self) -> bool:
        return not self.failures

    def warnings(self) -> list[str]:
        messages = {"missing": "{kind} {value} in the source is missing", "unsupported": "{kind} {value} is not in the source"}
        return [messages[c.problem].format(kind=c.kind, value=c.value) for c in self.failures]

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "checked": [asdict(c) for c in self.checks if c.ok],
            "failed": [asdict(c) for c in self.failures],
            "possible": [asdict(c) for c in self.possible],
        }


def check_faithfulness(
    source: str, english: str, *, complete: bool = True, known_names: set[str] | None = None,
    glossary: TermIndex | None = None,
) -> FaithfulnessResult:
    """Check ``english`` against its Hindi ``source``.

    ``known_names`` are the article's title-led names (``article_names``); by default they are
    learnt from ``source`` alone. ``glossary`` terms in the source are names too: the English must
    render them, and their renderings are supported names (``terms.term_checks``).
    """
    names = article_names([source]) if known_names is None else known_names
    result = FaithfulnessResult()
    result.checks += _numbers(source, english, complete)
    result.checks += _ordinals(source, english, complete)
    result.checks += _dates(source, english, complete)
    result.checks += _entities(source, english, complete, names, glossary)
    result.checks += _negation(source, english, complete)
    return result


# Web and mail addresses state no number (…/UlBi-HX_rHPXa1qHA2bhdA).
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_DOTTED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,]\d)")
# 6:30 and 6.30 are one time of day; "No. 1" is a rank (often शीर्ष, "top"), not a count.
_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_RANK = re.compile(r"\bNo\.\s?1\b")
# "triple the taxes" renders तीन गुना: a multiple backs the source's number word (number idioms below too).
_MULTIPLES = {"double": 2, "doubled": 2, "twice": 2, "triple": 3, "tripled": 3, "treble": 3, "thrice": 3,
              "quadruple": 4, "quadrupled": 4, "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "tenfold": 10}
# Words that say a number (तीन लक्षण, "a triad of symptoms"; दस साल, "a decade"): they back it too.
_NUMBER_IDIOMS = {"pair": 2, "couple": 2, "duo": 2, "trio": 3, "triad": 3, "triplet": 3, "quartet": 4, "quintet": 5,
                  "dozen": 12, "dozens": 12, "decade": 10, "fortnight": 14, "century": 100}
_NUMBER_SAYING = _MULTIPLES | _NUMBER_IDIOMS
_MULTIPLE = re.compile(r"\b(" + "|".join(_NUMBER_SAYING) + r")\b", re.IGNORECASE)


def _numbers(source: str, english: str, complete: bool) -> list[Check]:
    """Source numbers present in the English, English digits backed by the source.

    A number of the source is present when the English has its value, or (when the English uses a
    scale word) its digits: "two to five lakh" has 2 lakh. Hindi number words below 3 (एक, दो:
    "a", "twice", "both") are not required. An English "1" may stand for the article-like एक.
    """
    source, english = _URL.sub(" ", _TIME.sub(r"\1.\2", source)), _RANK.sub(" ", _TIME.sub(r"\1.\2", _URL.sub(" ", english)))
    digit_values = set(hindi_numbers(source, digits_only=True))
    required = {number_key(v) for v in hindi_numbers(source) if v in digit_values or v >= 3}
    src = {number_key(v) for v in [*hindi_numbers(source, articles=True), *hindi_ordinals(source)]}
    english_values = english_numbers(english)
    out_all = {number_key(v) for v in [*english_values, *english_ordinals(english)]}
    out_all |= {number_key(_NUMBER_SAYING[w.lower()]) for w in _MULTIPLE.findall(english)}
    out_digits = {number_key(v) for v in english_numbers(english, digits_only=True)}
    out_bare = {number_key(v) for v in english_numbers(english, scaled=False)} if has_scale_word(english) else set()
    out_scales = english_scales(english)
    for m in _DOTTED_THOUSANDS.finditer(english):  # 42.000 (a European writer's 42,000) where the source has 42,000
        thousands = number_key(float(m.group().replace(".", "")))
        if thousands in src:
            out_all.add(thousands)
            out_digits.discard(number_key(float(m.group())))
    checks = []
    if complete:
        for k in sorted(required):
            found = k in out_all or any(number_key(float(k) / scale) in out_bare & out_all and scale in out_scales
                                        for scale in SCALE_VALUES)
            checks.append(Check("number", k, found, "" if found else "missing"))
    src_code_digits = set(re.findall(r"\d+", normalize_hindi(source)))
    # digits glued to a word (रेडियो2, ने1992) are read as a code, but back the same English number
    checks += [Check("number", k, False, "unsupported") for k in sorted(out_digits - src - src_code_digits)]
    # a number in words with a scale ("five thousand", "half a billion") must be the source's too
    out_scaled_words = {number_key(v) for v in english_values if v >= 1000} - out_digits - src
    if out_scaled_words:
        out_scaled_words -= {number_key(v) for v in hindi_scale_words(source)}
        checks += [Check("number", k, False, "unsupported") for k in sorted(out_scaled_words)]
    for code in sorted(set(CODE.findall(english))):  # G20, A350: their digits must be in the source
        if not set(re.findall(r"\d+", code)) <= src_code_digits:
            checks.append(Check("number", code, False, "unsupported"))
    if not complete:
        checks += [Check("number", k, True) for k in sorted(out_digits & src)]
    return checks


def _ordinals(source: str, english: str, complete: bool) -> list[Check]:
    """Ordinals of the source present in the English (as an ordinal or the number: ``10वीं`` / Class 10),
    and English ordinals backed by an ordinal or number of the source. "first" is checked only where
    the source states some ordinal: it is too often idiomatic ("at first", "first-ever")."""
    src = set(hindi_ordinals(source))
    backing_list = hindi_ordinals(source, ambiguous=True) + roman_numerals(source)  # चरण III: Latin numerals kept
    backing = set(backing_list)
    source_numbers = hindi_numbers(source, articles=True)
    src_numbers = set(source_numbers)
    english_ordinal_list = english_ordinals(english)
    out = set(english_ordinal_list)
    out_numbers = set(english_numbers(english))
    checks = []
    if complete:
        # प्रथम/पहला is required only where the English states ordinals: else it is as often "inaugural",
        # "earliest", "Phase One" or "prima facie"
        for value in sorted(src if out else src - {1}):
            found = value in out or value in out_numbers
            checks.append(Check("ordinal", number_key(value), found, "" if found else "missing"))
    if not out:
        return checks
    out_counts = _english_value_counts(english, english_ordinal_list)
    source_counts = Counter(backing_list) + Counter(source_numbers)
    for value in sorted(out):
        if value not in backing and value not in src_numbers and (value >= 2 or backing):
            checks.append(Check("ordinal", number_key(value), False, "unsupported"))
        elif value >= 2 and out_counts[value] > source_counts[value]:
            # "fifth and fifth" for पांचवें और सातवें, "the tenth 10 months" for पहले 10 महीनों: the English
            # states the value (as an ordinal or a number) more often than the source does
            checks.append(Check("ordinal", number_key(value), False, "unsupported"))
        elif not complete and value in backing:
            checks.append(Check("ordinal", number_key(value), True))
    return checks


_DIGIT_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)


def _english_value_counts(english: str, ordinals: list[int]) -> Counter[float]:
    """How often the English states each value, as an ordinal (``ordinals``: its ordinals) or a
    number ("5th" once, not twice)."""
    numbers = english_numbers(_DIGIT_ORDINAL.sub(" ordinal ", english))
    return Counter(ordinals) + Counter(numbers)


# Months Hindi shares with a word (मार्च, "a march"): found where the English says that word in lowercase.
_MONTH_WORDS = {"March": re.compile(r"\bmarch(?:es|ed|ing)?\b")}


def _dates(source: str, english: str, complete: bool) -> list[Check]:
    src, out = Counter(hindi_dates(source)), Counter(english_dates(english))
    checks = []
    if complete:
        for d in sorted(src):
            found = d in out or (d in _MONTH_WORDS and bool(_MONTH_WORDS[d].search(english)))
            checks.append(Check("date", d, found, "" if found else "missing"))
    checks += [Check("date", d, False, "unsupported") for d in sorted(set(out) - set(src))]
    if not complete:
        checks += [Check("date", d, True) for d in sorted(set(out) & set(src))]
    return checks


def _negation(source: str, english: str, complete: bool) -> list[Check]:
    """A negation of the source that the English drops, or one the English adds (``negation.py``)."""
    problems = negation_problems(source, english, complete)
    if problems:
        return [Check("negation", "negation", False, p.problem, certain=p.certain) for p in problems]
    return [Check("negation", "polarity", True)]


def _entities(source: str, english: str, complete: bool, names: set[str], glossary: TermIndex | None = None) -> list[Check]:
    checks = []
    terms = term_checks(source, english, glossary)
    if complete:
        checks += [Check("entity", label, found, "" if found else "missing") for label, found in terms.found]
        for entity in source_entities(source, names):
            if entity.hindi in terms.covered_tokens:
                continue
            label = f"{entity.hindi} ({entity.english})" if entity.english and entity.english != entity.hindi else entity.hindi
            found = entity_found(entity, english)
            checks.append(Check("entity", label, found, "" if found else "missing"))
    seen: set[str] = set()
    source_tokens = hindi_tokens(join_dotted_letters(source))
    english_words = re.findall(r"[A-Za-z]+", english)
    for name in english_names(english):
        if name.word in seen:
            continue
        if name.word.lower() in terms.supported_words or _backed(name, source, source_tokens, english_words, names):
            seen.add(name.word)
            if not complete and not name.slot_only:
                checks.append(Check("entity", name.word, True))
            continue
        certain = _name_problem_is_certain(name, source_tokens, english_words)
        if certain is None:
            continue
        seen.add(name.word)
        checks.append(Check("entity", name.word, False, "unsupported", certain=certain))
    return checks


def _backed(name: EnglishName, source: str, source_tokens: list[str], english_words: list[str], names: set[str]) -> bool:
    """Does the source back an English name? A name that only sounds like common Hindi words (बाहर,
    "outside" / Bihar; ऐसा, "so" / Asia) is not backed where the source has a name that the English
    does not render (a title-led one, one HiNER tags, or one wordfreq does not know): it may have
    taken that name's place."""
    if not name_supported(name, source):
        return False
    if name.dictionary or name.slot_only or name_supported(name, source, by_common_words=False):
        return True  # Seat, Class: an English word a Hindi loanword renders
    left = unrendered_names(source_tokens, english_words)
    return not (set(left) & names or unrendered_names(source_tokens, english_words, strict=True))


def _name_problem_is_certain(name: EnglishName, source_tokens: list[str], english_words: list[str]) -> bool | None:
    """How sure is it that an English name the source does not back is wrong? None: not a problem.

    Certain: the name takes the place of an unrendered name of the source and is not a spelling of
    it, or it has no such slot and shares its skeleton with no unrendered name of the source.
    Possible: a spelling variant of the source word in its slot (ह्यूंज / Hugh), or with no slot, a
    name whose skeleton an unrendered source name shares (डिज्नी / Disney). A dictionary word beside a
    name ("Modi Government") is a problem only where it takes an unrendered name's place.
    """
    slot = name_slot(name, source_tokens, english_words)
    if slot:
        if spelling_variant(slot, name.word, any_start=name.slot_only):
            return None if name.slot_only else False
        return True
    if name.slot_only:
        return None
    unrendered = unrendered_names(source_tokens, english_words)
    if name.dictionary and not unrendered:  # Municipal, Tribunal: a common word where no name of the source is left
        return None
    return not any(spelling_variant(t, name.word) for t in unrendered)
