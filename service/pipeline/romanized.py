"""Is a Latin-script text Hindi written in Latin letters ("Videsh mantri ne Moscow mein mulakat ki")?

Lexicon statistics, no model download: each word is compared by its frequency in romanized Hindi
(``romanized_hindi.tsv``: word counts of the Dakshina dataset's romanized Hindi dev sentences,
CC BY-SA 4.0) and in English (wordfreq's English list). Words much more likely in romanized
Hindi (ke, hai, ki, mein, nahi, mulakat) lean Hindi; words much more likely in English lean
English; words neither list knows well do not count, nor do capitalized words inside a sentence
(names: Kapoor, Singh, Moscow are in both lists and tell nothing about the language). A text is romanized Hindi when
at least ``MIN_HINDI_WORDS`` words lean Hindi and they are at least ``MIN_HINDI_SHARE`` of the
leaning words, so code-mixed Hinglish ("mere liye reminder set karo") is caught too. Measured
with ``python -m service eval-language`` (see docs/quality.md).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wordfreq import word_frequency

LEXICON = Path(__file__).with_name("romanized_hindi.tsv")
# log-likelihood ratio (natural log) a word needs to lean one way: e^1.5 = 4.5 times likelier
LEAN = 1.5
MIN_HINDI_WORDS = 1
MIN_HINDI_SHARE = 0.5
_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“‘(\n]\s*)$")
_EN_FLOOR = 1e-8  # below wordfreq's smallest listed frequency


@dataclass(frozen=True)
class RomanizedScore:
    hindi_words: int
    english_words: int

    @property
    def hindi_share(self) -> float:
        leaning = self.hindi_words + self.english_words
        return self.hindi_words / leaning if leaning else 0.0

    @property
    def is_romanized_hindi(self) -> bool:
        return self.hindi_words >= MIN_HINDI_WORDS and self.hindi_share >= MIN_HINDI_SHARE


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, int], int]:
    counts: dict[str, int] = {}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, count = line.split("\t")
            counts[word] = int(count)
    return counts, sum(counts.values())


@lru_cache(maxsize=65536)
def word_lean(word: str) -> float:
    """log(P(word | romanized Hindi) / P(word | English)); 0 for a word neither list knows."""
    counts, total = _lexicon()
    count = counts.get(word, 0)
    english = word_frequency(word, "en")
    if not count and not english:
        return 0.0
    hindi = (count + 0.1) / (total + 0.1 * len(counts))
    return math.log(hindi / max(english, _EN_FLOOR))


def score(text: str) -> RomanizedScore:
    leans = [word_lean(m.group().lower()) for m in _WORD.finditer(text)
             if m.group().islower() or _SENTENCE_START.search(text[: m.start()])]
    return RomanizedScore(sum(v > LEAN for v in leans), sum(v < -LEAN for v in leans))


def is_romanized_hindi(text: str) -> bool:
    return score(text).is_romanized_hindi
