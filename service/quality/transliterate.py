"""Compare a Devanagari word with a Latin word by sound: ``जयशंकर`` ~ ``Jaishankar``.

The Devanagari side is romanized with indic_transliteration (IAST; anusvara as ``n``); both sides
are then reduced to a consonant skeleton (vowels, ``h`` and ``y`` dropped; c/k/q, z/j, w/v, ph/f,
soft g/j folded; ``mb``/``mp`` as ``nb``/``np``; doubled letters collapsed), because English
spellings of Indian and Russian names differ mostly in vowels (Sergei/Sergey/सर्गेई), aspiration
and the inherent vowel. Skeletons are then fuzzy-matched. A name Hindi writes as two words
(स्नो डेन) is matched by ``sounds_like_any`` against each word and each adjacent pair.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from indic_transliteration import sanscript

from service.quality.text import normalize_hindi, strip_accents

# j and g are one letter here: English writes both for ज and ग (Sergei, George, Hughes).
_FOLDS = [("ph", "f"), ("ck", "k"), ("qu", "kv"), ("x", "ks"), ("q", "k"), ("c", "k"), ("z", "g"), ("j", "g"), ("w", "v"), ("mb", "nb"),
          ("mp", "np")]
_SOFT_G = re.compile(r"g(?=[eiy])")
_SOFT_C = re.compile(r"c(?=[eiy])")


def romanize(word: str) -> str:
    """IAST romanization of a Devanagari word, accents stripped, lowercase, without the final
    inherent vowel Hindi does not say (``राम`` -> ``ram``, ``जयशंकर`` -> ``jayasankar``)."""
    word = normalize_hindi(word)
    iast = sanscript.transliterate(word, sanscript.DEVANAGARI, sanscript.IAST)
    if len(word) > 1 and "\u0915" <= word.rstrip("\u093c")[-1] <= "\u0939" and iast.endswith("a"):
        iast = iast[:-1]
    iast = re.sub(r"c(?!h)", "ch", iast)  # च is "ch" (Sachin, Chen)
    iast = iast.replace("ṃh", "ngh").replace("ṃ", "n").replace("m̐", "n").replace("~", "n")  # सिंह is "Singh"; anusvara, candrabindu: n
    return strip_accents(iast).lower()


@lru_cache(maxsize=65536)
def skeleton(latin: str, english: bool = True) -> str:
    """Consonant skeleton; ``english`` spellings also read a soft c/g (Celsius, George) as s/j."""
    s = strip_accents(latin).lower()
    s = re.sub(r"[^a-z]", "", s)
    if english:
        s = _SOFT_C.sub("s", _SOFT_G.sub("j", s))
    for old, new in _FOLDS:
        s = s.replace(old, new)
    s = re.sub(r"[aeiouyh]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=8192)
def hindi_skeleton(word: str) -> str:
    return skeleton(romanize(word), english=False)


_SRI = normalize_hindi("श्री")


@lru_cache(maxsize=16384)
def romanizations(word: str) -> tuple[str, ...]:
    """``romanize`` and the other ways English writes the same Hindi sounds: ड़/ढ़ as d/dh as well as
    r/rh (खेड़िया Khedia, मढ़ी Madhi), व as b (विपिन Bipin, वीरभूम Birbhum), a first य as j (यमुना
    Jamuna); a name after श्री also alone (श्रीराम Ram)."""
    word = normalize_hindi(word)
    base = romanize(word)
    forms = [base]
    if "\u093c" in word:  # ड़/ढ़ without the nukta: ड/ढ, d/dh
        forms.append(romanize(word.replace("\u093c", "")))
    if "v" in base:
        forms += [f.replace("v", "b") for f in list(forms)]
    if base.startswith("y"):
        forms += ["j" + f[1:] for f in list(forms)]
    if word.startswith(_SRI) and len(word) > len(_SRI) + 1:
        forms += romanizations(word[len(_SRI):])
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=16384)
def hindi_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of ``romanizations``: the first is ``hindi_skeleton``."""
    return tuple(dict.fromkeys(skeleton(r, english=False) for r in romanizations(word)))


@lru_cache(maxsize=65536)
def vowel_shape(latin: str, english: bool = True) -> str:
    """The skeleton's letters with each vowel run kept as ``a`` and no final vowel (Modi -> mad):
    short names have too few consonants to tell apart by the skeleton alone (Yahoo has none)."""
    s = re.sub(r"[^a-z]", "", strip_accents(latin).lower())
    if english:
        s = _SOFT_C.sub("s", _SOFT_G.sub("j", s))
    for old, new in _FOLDS:
        s = s.replace(old, new)
    s = re.sub(r"[aeiouy]+", "a", s.replace("h", ""))
    s = re.sub(r"(.)\1+", r"\1", s)
    return s[:-1] if len(s) > 1 and s.endswith("a") else s


def _starts_alike(a: str, b: str) -> bool:
    """Both start with a vowel, or both with a consonant (Agra/आगरा; not Hershey/रस)."""
    return bool(a) and bool(b) and (a[0] == "a") == (b[0] == "a")


# English letters Hindi writes by their sound: a French ch as श (Rochelle / रोशेल, Chevrolet / शेवरले),
# an s between a vowel and l, m or r as ज़ (Israel / इज़रायल, Leslie / लेज़ली, Islam / इस्लाम keeps s).
_FRENCH_CH = re.compile(r"(?i)ch(?=e)")
_VOICED_S = re.compile(r"(?i)(?<=[aeiou])s(?=[lmr])")
_SILENT_FIRST = re.compile(r"(?i)(?:ph|[bgkmpt])(?=[wn][aeiouy])|(?i:p)(?=s[aeiouy])")


@lru_cache(maxsize=65536)
def _latin_forms(latin_word: str) -> tuple[str, ...]:
    """The Latin word and the other spellings of its sounds that Hindi may have written."""
    forms = [latin_word] + (["z" + latin_word[1:]] if latin_word[:1] in "Xx" else [])
    forms += [form for form in (_FRENCH_CH.sub("sh", latin_word), _VOICED_S.sub("z", latin_word)) if form != latin_word]
    cluster = _SILENT_FIRST.match(latin_word)
    if cluster:  # Bwelle / वेल, Phnom / नोम: Hindi keeps the second consonant of a rare first cluster
        forms.append(latin_word[cluster.end():])
    return tuple(forms)


@lru_cache(maxsize=262144)
def sounds_alike(hindi_word: str, latin_word: str) -> bool:
    """True when a Devanagari word plausibly is a transliteration of a Latin word (in any of its
    ``romanizations``; an English X- is also z: Xavier, जेवियर)."""
    latin_forms = _latin_forms(latin_word)
    for roman in romanizations(hindi_word):
        a = skeleton(roman, english=False)
        for latin in latin_forms:
            b = skeleton(latin)
            if len(a) <= 2 or len(b) <= 2:
                if a == b and len(latin) > 1 and _starts_alike(vowel_shape(roman, english=False), vowel_shape(latin)):
                    return True
            elif skeletons_alike(a, b):
                return True
    return False


@lru_cache(maxsize=262144)
def skeletons_alike(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if len(a) <= 2 or len(b) <= 2:
        return a == b
    if a[0] != b[0] and not {a[0], b[0]} <= {"k", "g", "s", "j"}:
        return False
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < 0.75:  # the ratio cannot reach 0.75
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.75


def sounds_like_joined(latin_words: tuple[str, ...], hindi_words: list[str], short: bool = False) -> bool:
    """Do English words written apart sound like one Hindi word (Om Prakash / ओमप्रकाश)? Strict.
    ``short``: a three-letter skeleton may match too, only an equal one (al Qaeda / अलकायदा)."""
    target = "".join(skeleton(w) for w in latin_words)
    if short and len(target) == 3:
        return any(hindi_skeleton(w) == target for w in hindi_words)
    if len(target) <= 3:
        return False
    if any(SequenceMatcher(None, hindi_skeleton(w), target).ratio() >= 0.85 for w in hindi_words if len(hindi_skeleton(w)) > 3):
        return True
    # as many adjacent Hindi words as the English has, each sounding like its English word (सऊदी अरब / Saudi Arabia)
    n = len(latin_words)
    return n > 1 and any(all(sounds_alike(h, w) for h, w in zip(hindi_words[i: i + n], latin_words))
                         for i in range(len(hindi_words) - n + 1))


def sounds_like_any(latin_word: str, hindi_words: list[str], weak: frozenset[str] = frozenset()) -> bool:
    """Does ``latin_word`` sound like one Hindi word, or two adjacent ones written apart (स्नो डेन)?
    ``weak`` words back it only together with a word that is not weak."""
    if any(sounds_alike(w, latin_word) for w in hindi_words if w not in weak):
        return True
    target = skeleton(latin_word)
    skeletons = [hindi_skeleton(w) for w in hindi_words]
    return len(target) > 2 and any(
        a and b and SequenceMatcher(None, a + b, target).ratio() >= 0.85
        for (a, b), words in zip(zip(skeletons, skeletons[1:]), zip(hindi_words, hindi_words[1:]))
        if not set(words) <= weak
    )


# Looser sound classes for telling a spelling variant from another name: voiced and voiceless
# pairs, sibilants and the nasals are one letter each (Scheindlin/शिंदेलर, Uzumcu/उजुंकु).
_LOOSE_CLASSES = str.maketrans({"q": "k", "c": "k", "g": "k", "j": "s", "z": "s", "x": "s", "d": "t", "b": "p",
                                "f": "v", "w": "v", "m": "n"})
LOOSE_RATIO = 0.67


@lru_cache(maxsize=65536)
def loose_skeleton(latin: str, english: bool = True) -> str:
    """A coarser skeleton: English spellings lose a silent gh and a vowel's w or y (town, day), read
    -tion/-sion as sh, a soft c/g as s/j; then vowels, h and y go and sound classes merge."""
    s = re.sub(r"[^a-z]", "", strip_accents(latin).lower())
    if english:
        s = re.sub(r"(?<=[aeiou])gh", "", s)
        s = re.sub(r"[ts]i(?=on|al|an)", "sh", s)
        s = re.sub(r"(?<=[aeiou])[wy](?![aeiou])", "", s)
        s = _SOFT_C.sub("s", _SOFT_G.sub("j", s))
    s = s.replace("ph", "f").replace("x", "ks")
    s = re.sub(r"[aeiouyh]", "", s).translate(_LOOSE_CLASSES)
    return re.sub(r"(.)\1+", r"\1", s)


def spelling_variant(hindi_word: str, latin_word: str, any_start: bool = False) -> bool:
    """Could the two be spellings of one name, even if they do not sound alike (``ह्यूंज`` / Hugh,
    ``एओट`` / Abbott)? Looser than ``sounds_alike``: a possible problem, not a certain one.
    ``any_start``: the first letters may differ, as in English words written in Hindi (साइकोलॉजिकल /
    Psychological, आइलैंड्स / Islands)."""
    if sounds_alike(hindi_word, latin_word):
        return True
    a, b = loose_skeleton(romanize(hindi_word), english=False), loose_skeleton(latin_word)
    if not a or not b:
        return False
    if min(len(a), len(b)) <= 2 and not any_start:
        return abs(len(a) - len(b)) <= 1 and (a.startswith(b) or b.startswith(a))
    return (any_start or a[0] == b[0]) and SequenceMatcher(None, a, b).ratio() >= LOOSE_RATIO


SAME_SKELETON_MIN = 3  # two-letter skeletons (st, kr) are shared by too many words to tell a name by


def same_skeleton(hindi_word: str, latin_word: str) -> bool:
    """Do the two share their loose skeleton exactly (``डिज्नी`` / Disney, ``इजरायली`` / Israeli)?
    Stricter than ``spelling_variant``: for a name with no slot, matched against every word of the source."""
    a = loose_skeleton(romanize(hindi_word), english=False)
    return len(a) >= SAME_SKELETON_MIN and a == loose_skeleton(latin_word)


# How close, letter for letter with vowels, a frequent Hindi word must be to back an English name: a
# name written from the word (विकास Vikas, गुप्ता Gupta, इंडिया India) is; another name that merely shares
# consonants with it (बाहर "outside" / Bihar, ऐसा "such" / Asia, पर "on" / Peru) is not.
CLOSE_SPELLING_RATIO = 0.85
_SPELLING_FOLDS = (("sh", "s"), ("x", "ks"), ("ck", "k"), ("ph", "f"), ("ee", "i"), ("oo", "u"), ("w", "v"),
                   ("q", "k"), ("y", "i"))


@lru_cache(maxsize=65536)
def _spelling(latin: str) -> str:
    s = re.sub(r"[^a-z]", "", strip_accents(latin).lower())
    for old, new in _SPELLING_FOLDS:
        s = s.replace(old, new)
    s = re.sub(r"c(?=[aou]|$)", "k", s)
    s = re.sub(r"m(?=[bpv])", "n", s)  # the anusvara: संवाद sanvad / Samvaad, ओलंपिक olanpik / Olympic
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=65536)
def close_spelling(hindi_word: str, latin_word: str) -> bool:
    """Is the English word spelt from the Hindi word, vowels and all (महाराष्ट्र / Maharashtra)?"""
    target = _spelling(latin_word)
    return any(SequenceMatcher(None, _spelling(r), target).ratio() >= CLOSE_SPELLING_RATIO for r in romanizations(hindi_word))

