"""How much a word says about one particular event.

A word shared by two reports is evidence that they tell one story only if it is specific: "रूस",
"मंत्री" or "जयशंकर" recur across many stories, "अस्ताना" or "फ्लोरेंस" name one. Two measures
multiply:

- background specificity: ``a / (a + p(word))`` with ``p`` the word's frequency in general Hindi
  (wordfreq's Hindi list, built from Wikipedia, web text, Twitter and Reddit) - the smooth inverse
  frequency weight of Arora et al. (2017). It does not depend on which articles are compared, so
  a name that is common in the news is discounted even when only two articles are in view;
- batch rarity: the smoothed IDF among the articles being compared, which discounts what tonight's
  articles all share even when general Hindi calls it rare (new words such as "कोरोना").
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from wordfreq import word_frequency

# SIF's constant: words more frequent than about 1 in 10,000 tokens get little weight.
BACKGROUND_SMOOTHING = 1e-4



@lru_cache(maxsize=100_000)
def background_specificity(word: str) -> float:
    """1.0 for a word general Hindi almost never uses, near 0 for function words."""
    return BACKGROUND_SMOOTHING / (BACKGROUND_SMOOTHING + word_frequency(word, "hi"))


class TermWeights:
    """Specificity of each word among ``documents`` (lists of tokens) and in general Hindi."""

    def __init__(self, documents: list[list[str]]):
        self._n = len(documents)
        self._df = Counter(word for doc in documents for word in set(doc))

    def __call__(self, word: str) -> float:
        batch_idf = math.log((1 + self._n) / (1 + self._df[word])) + 1.0
        return background_specificity(word) * batch_idf
