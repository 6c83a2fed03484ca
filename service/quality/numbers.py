"""Numbers in Hindi and English text, as values: ``65 अरब`` and ``65 billion`` are both 6.5e10.

Handles Devanagari and Western digits, thousands separators (``4,500``, ``1,00,000``), ranges
(``17-18`` gives 17 and 18), scale words in either language (सौ, हजार, लाख, करोड़, अरब; hundred,
thousand, lakh, crore, million, billion) and number words (चार, दो सौ; four, two hundred).
``एक``/"one" alone is skipped: it is mostly the article "a".
"""
from __future__ import annotations

import re

from service.quality.text import hindi_tokens, normalize_hindi

_HINDI_WORDS = (
    "शून्य एक दो तीन चार पांच छह सात आठ नौ दस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस बीस "
    "इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस तीस इकतीस बत्तीस तैंतीस चौंतीस पैंतीस "
    "छत्तीस सैंतीस अड़तीस उनतालीस चालीस इकतालीस बयालीस तैंतालीस चवालीस पैंतालीस छियालीस सैंतालीस "
    "अड़तालीस उनचास पचास इक्यावन बावन तिरेपन चौवन पचपन छप्पन सत्तावन अट्ठावन उनसठ साठ इकसठ बासठ "
    "तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर सत्तर इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर "
    "छिहत्तर सतहत्तर अठहत्तर उन्यासी अस्सी इक्यासी बयासी तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी "
    "नवासी नब्बे इक्यानवे बानवे तिरानवे चौरानवे पचानवे छियानवे सत्तानवे अट्ठानवे निन्यानवे"
).split()
HINDI_UNITS: dict[str, float] = {normalize_hindi(w): float(i) for i, w in enumerate(_HINDI_WORDS)}
HINDI_UNITS.update({normalize_hindi(w): v for w, v in {"पाँच": 5, "छः": 6, "डेढ़": 1.5, "ढाई": 2.5}.items()})
HINDI_SCALES: dict[str, float] = {
    normalize_hindi(w): v
    for w, v in {"सौ": 1e2, "हजार": 1e3, "हज़ार": 1e3, "लाख": 1e5, "करोड़": 1e7, "करोड": 1e7, "अरब": 1e9, "खरब": 1e11,
                 "मिलियन": 1e6, "बिलियन": 1e9, "ट्रिलियन": 1e12}.items()
}

_EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
EN_UNITS: dict[str, float] = {w: float(i) for i, w in enumerate(_EN_UNITS)} | {k: float(v) for k, v in _EN_TENS.items()}
EN_SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "cr": 1e7, "crs": 1e7,
    "millions": 1e6, "billions": 1e9,
}
SCALE_VALUES = frozenset(HINDI_SCALES.values()) | frozenset(EN_SCALES.values())
_ARTICLE_WORDS = {"one", normalize_hindi("एक")}
_INDEFINITE = {"a", "an"}  # "a thousand", "a million"

# 4,500 and 1,00,000 (Indian grouping); not "40,45" (a list)
_DIGITS = re.compile(r"\d+(?:(?:,\d\d)*,\d{3})*(?:\.\d+)?")
# A code such as HS2, A350, km2 or 35mm is a word, not a number.
_EN_TOKEN = re.compile(r"[A-Za-z]+\d[A-Za-z\d]*|\d+[A-Za-z]+\d[A-Za-z\d]*|\d+(?:(?:,\d\d)*,\d{3})*(?:\.\d+)?(?:st|nd|rd|th)?|[A-Za-z]+|[-–—]")
_CODE = re.compile(r"[A-Za-z\u0900-\u0963\u0971-\u097F]+\d[A-Za-z\d\u0900-\u0963\u0971-\u097F]*|\d+[A-Za-z]+\d[A-Za-z\d]*"
                   r"|[A-Za-z]+\d+(?:\.\d+)+")  # HS2, जी20, एच5एन1; U07.1, a disease code
CODE = re.compile(r"\b(?:[A-Za-z]+\d[A-Za-z\d]*|\d+[A-Za-z]+\d[A-Za-z\d]*)\b")  # in English text
# "$6m", "£2.5bn", "$5.3tn": a money amount with a glued scale.
_MONEY_SCALE = re.compile(r"(?<=[$£€₹])\s?(\d+(?:\.\d+)?)(m|bn|tn|k)\b", re.IGNORECASE)
_MONEY_WORDS = {"m": "million", "bn": "billion", "tn": "trillion", "k": "thousand"}
_BREAK = "|"  # stands for a dropped word so that numbers it separated do not join into a range


def _digit_value(text: str) -> float:
    return float(text.replace(",", ""))


def _combines(current: float, unit: float) -> bool:
    """'twenty' + 'five' and 'two hundred' + 'ten' combine; 'two' + 'three' do not."""
    return unit < 100 and (current % 100 == 0 or (current % 10 == 0 and current >= 20 and unit < 10))


def _scan(tokens: list[str], units: dict[str, float], scales: dict[str, float], articles: bool = False) -> list[float]:
    """Values of digit runs and number-word phrases in a token list (ranges keep both ends).

    ``articles``: keep a lone एक/"one" (skipped by default: it is mostly the article "a").
    """
    values: list[float] = []
    phrase: list[float] = []  # numbers waiting for a scale word (both ends of a range)
    last_scale = 0.0  # the scale just applied to ``phrase``: "50 हजार करोड़" multiplies again
    previous = ""
    compound = 0.0  # the scale of the number just before these digits: "2 लाख 44 हज़ार" is 244,000
    total = current = 0.0
    in_words = False
    words_seen: list[str] = []

    def flush() -> None:
        nonlocal total, current, in_words, words_seen
        if in_words:
            value = total + current
            if articles or not (len(words_seen) == 1 and words_seen[0] in _ARTICLE_WORDS):
                values.append(value)
        total = current = 0.0
        in_words = False
        words_seen = []

    for token in tokens:
        low = token.lower()
        before, previous = previous, low
        digits = _DIGITS.fullmatch(re.sub(r"(st|nd|rd|th)$", "", low))
        if digits:
            flush()
            compound = last_scale if len(phrase) == 1 and before in scales else 0.0
            if not phrase or values[-1:] != phrase[-1:] or last_scale:
                phrase = []
            last_scale = 0.0
            values.append(_digit_value(digits.group()))
            phrase.append(values[-1])
            continue
        if low in ("-", "–", "—") and phrase and not last_scale:
            continue
        if low in scales and phrase and not in_words and scales[low] > last_scale:
            n = len(phrase)
            if n == 1 and 0 < scales[low] < compound:  # the digits right after a larger scaled number add to it
                values[-2:] = [values[-2] + values[-1] * scales[low]]
                phrase, last_scale, compound = [values[-1]], scales[low], 0.0
                continue
            values[-n:] = [v * scales[low] for v in values[-n:]]
            phrase, last_scale = values[-n:], scales[low]
            continue
        if low in scales and not in_words and before in _INDEFINITE and scales[low] > 100:
            values.append(scales[low])
            phrase, last_scale = [values[-1]], scales[low]
            continue
        if low in scales and not in_words and before in _INDEFINITE:  # "a hundred and two"
            phrase, last_scale = [], 0.0
            in_words, words_seen, current = True, [low], scales[low]
            continue
        if low == "and" and in_words and current and current % 100 == 0:  # "one hundred and five"
            continue
        phrase, last_scale = [], 0.0
        if low in units:
            if in_words and current and not _combines(current, units[low]):
                flush()
            in_words = True
            words_seen.append(low)
            current += units[low]
        elif low in scales and in_words:
            words_seen.append(low)
            scale = scales[low]
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0.0
        else:
            flush()
    flush()
    return values


_SADHE, _SAVA, _PAUNE, _BAJE = (normalize_hindi(w) for w in ("साढ़े", "सवा", "पौने", "बजे"))
_HALF = {normalize_hindi(w) for w in ("आधा", "आधी", "आधे")}  # आधा अरब: half a billion
_FRACTION_WORDS = {_SADHE: 0.5, _SAVA: 0.25, _PAUNE: -0.25}
_CLOCK_MINUTES = {_SADHE: (0, 30), _SAVA: (0, 15), _PAUNE: (-1, 45)}
# Idioms with number words that state no number: चार चांद लगाना (to add glamour), दो-चार होना (to
# face), नौ दो ग्यारह (to run off), उन्नीस-बीस (a slight difference), छत्तीस का आंकड़ा (enmity), सात
# समंदर पार (far abroad), आठ-आठ आंसू (bitterly), तीन-पांच (quarrel), दो टूक (bluntly), सोलह आने (wholly).
_HINDI_IDIOMS = [normalize_hindi(p) for p in (
    "चार चांद", "चार चाँद", "चार चाद", "चार-चांद", "चार-चाँद", "दो-चार", "दो चार", "नौ दो ग्यारह", "उन्नीस-बीस",
    "उन्नीस बीस", "छत्तीस का आंकड़ा", "सात समंदर", "सात समुंदर", "आठ-आठ आंसू", "आठ आठ आंसू", "तीन-पांच",
    "तीन पांच", "दो टूक", "दो-टूक", "सोलह आने", "एक-दो", "दो-एक", "चार सौ बीस",
)]


def _hindi_value(word: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return HINDI_UNITS.get(word)


def hindi_fractions(text: str) -> str:
    """Rewrite what Hindi says with fractions and idioms: ``साढ़े सात बजे`` -> ``7.30 बजे`` (a time, as
    7:30), ``साढ़े तीन लाख`` -> ``3.5 लाख``, ``सवा`` +0.25, ``पौने`` -0.25, ``आधा अरब`` -> ``0.5 अरब``;
    idioms lose their numbers."""
    text = normalize_hindi(text)
    for idiom in _HINDI_IDIOMS:
        text = text.replace(idiom, " ")
    words = text.split(" ")
    for i, word in enumerate(words[:-1]):
        if word in _HALF and words[i + 1] in HINDI_SCALES:
            words[i] = "0.5"
            continue
        value = _hindi_value(words[i + 1]) if word in _FRACTION_WORDS else None
        if value is None or value != int(value) or value < 1:
            continue
        if i + 2 < len(words) and words[i + 2].startswith(_BAJE):
            hours, minutes = _CLOCK_MINUTES[word]
            words[i], words[i + 1] = "", f"{int(value) + hours}.{minutes}"
        else:
            words[i], words[i + 1] = "", number_key(value + _FRACTION_WORDS[word])
    return " ".join(w for w in words if w)


# Hindi text also writes English scale words in Latin letters ($ 2.3 billion, 50 million)
_HINDI_TEXT_SCALES = HINDI_SCALES | {k: v for k, v in EN_SCALES.items() if v >= 1e5}


def hindi_numbers(text: str, digits_only: bool = False, articles: bool = False, scaled: bool = True) -> list[float]:
    """Values in Hindi text; ``digits_only`` skips number words, ``scaled=False`` ignores scale words."""
    text = hindi_fractions(text)
    text = _MONEY_SCALE.sub(lambda m: f" {m.group(1)} {_MONEY_WORDS[m.group(2).lower()]}", text)  # $ 50bn
    tokens = re.findall(r"\d+(?:(?:,\d\d)*,\d{3})*(?:\.\d+)?|[-–—]|[^\s\d\-–—]+", " ".join(hindi_tokens_keep_dash(text)))
    if digits_only:
        tokens = [t if t[0].isdigit() or t in _HINDI_TEXT_SCALES or t in ("-", "–", "—") else _BREAK for t in tokens]
    return _scan(tokens, HINDI_UNITS, _HINDI_TEXT_SCALES if scaled else {}, articles)



def hindi_tokens_keep_dash(text: str) -> list[str]:
    """Hindi tokens with range dashes kept as their own tokens (``17-18`` -> 17, -, 18)."""
    normalized = normalize_hindi(text)
    normalized = re.sub(r"(?<=\d)\s*([-–—])\s*(?=\d)", r" \1 ", normalized)
    out: list[str] = []
    for piece in re.split(r"[\s()\[\]/]+", normalized):  # ए(एच5एन1), Q1/15: codes inside brackets or slashes
        if not piece:
            continue
        if piece in ("-", "–", "—"):
            out.append(piece)
            continue
        for sub in _CODE_JOINER.split(piece):
            if _CODE.fullmatch(re.sub(r"^\W+|\W+$", "", sub)):  # HS2, "A350", जी20, U07.1: a name, not a number
                out.append(_BREAK)
                continue
            for part in re.findall(r"\d+(?:(?:,\d\d)*,\d{3})*(?:\.\d+)?|\D+", sub):
                out.extend([part] if part[0].isdigit() else hindi_tokens(part))
    return out


# A hyphen or tilde inside a run of Latin letters and digits joins codes (HCoV-OC43, IL6-रोधी, nsp1~16): each
# part is tested as a code on its own, as the English tokenizer reads them.
_CODE_JOINER = re.compile(r"(?<=[A-Za-z\d])[-~](?=[A-Za-z\d\u0900-\u097F])|(?<=[A-Za-z\d\u0900-\u097F])[-~](?=[A-Za-z\d])")


_AND_A_HALF = re.compile(r"\b([a-z]+|\d+)[\s-]+and[\s-]+a[\s-]+half\b", re.IGNORECASE)  # also eight-and-a-half


def _and_a_half(m: re.Match[str]) -> str:
    word = m.group(1)
    value = float(word) if word.isdigit() else EN_UNITS.get(word.lower())
    return m.group(0) if value is None else number_key(value + 0.5)


_HALF_A_SCALE = re.compile(r"\bhalf(?:[\s-]+an?)?[\s-]+(?=(?:thousand|lakh|crore|million|billion|trillion)s?\b)", re.IGNORECASE)


# Decades of age or of a century said as a plural of the tens: "in their twenties" for बीस साल की उम्र.
_DECADE = re.compile(r"(?i)\b(twen|thir|for|fif|six|seven|eigh|nine)ties\b")


def english_numbers(text: str, digits_only: bool = False, scaled: bool = True) -> list[float]:
    """Values in English text; ``digits_only`` skips number words, ``scaled=False`` ignores scale words."""
    text = _AND_A_HALF.sub(_and_a_half, text)  # nine and a half years: 9.5
    text = _HALF_A_SCALE.sub("0.5 ", text)  # half a billion, half-a-million
    text = re.sub(r"(?i)\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?=[a-z])", r"\1 ", text)
    text = _DECADE.sub(r"\1ty", text)  # in their twenties: 20
    text = _MONEY_SCALE.sub(lambda m: f" {m.group(1)} {_MONEY_WORDS[m.group(2).lower()]}", text)
    text = re.sub(r"(?<=\d)\s*([-–—])\s*(?=\d)", r" \1 ", text)
    tokens = [t for t in _EN_TOKEN.findall(text) if not _is_code(t)]
    if digits_only:
        tokens = [t if t[0].isdigit() or t.lower() in EN_SCALES or t in ("-", "–", "—") else _BREAK for t in tokens]
    return _scan(tokens, EN_UNITS, EN_SCALES if scaled else {})


def _is_code(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token) and not re.fullmatch(r"\d+(st|nd|rd|th)", token)


_HINDI_PLURAL_SCALES = {normalize_hindi(w): v for w, v in {
    "सैकड़ों": 1e2, "सैंकड़ों": 1e2, "हजारों": 1e3, "हज़ारों": 1e3, "लाखों": 1e5, "करोड़ों": 1e7, "अरबों": 1e9}.items()}
_HINDI_SCALE_WORDS = HINDI_SCALES | _HINDI_PLURAL_SCALES


def hindi_scale_words(text: str) -> set[float]:
    """The values of the scale words a Hindi text uses, alone or plural (``हजार लोग``, ``हज़ारों शब्द``):
    they back "a thousand people", "a thousand words"."""
    return {_HINDI_SCALE_WORDS[t] for t in hindi_tokens(text) if t in _HINDI_SCALE_WORDS}


def has_scale_word(text: str) -> bool:
    return any(t.lower() in EN_SCALES for t in _EN_TOKEN.findall(text))


def english_scales(text: str) -> set[float]:
    """The values of the scale words an English text uses (``lakh`` -> 1e5)."""
    return {EN_SCALES[t.lower()] for t in _EN_TOKEN.findall(text) if t.lower() in EN_SCALES}


def number_key(value: float) -> str:
    """A stable printable form: 65000000000.0 -> '65000000000', 2.5 -> '2.5'."""
    return f"{value:.6f}".rstrip("0").rstrip(".")
