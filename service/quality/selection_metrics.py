"""Scores for extractive selection against a human summary: ROUGE-1/2/L on Devanagari words, chrF.

``rouge_score``'s default tokenizer keeps only ``[a-z0-9]`` and so drops every Devanagari word: a
Hindi summary scored with it is empty and every system ties at 0. ``HindiTokenizer`` keeps whole
Devanagari words, vowel signs (matras), virama, nukta and anusvara included, splits on the danda
and punctuation, and lower-cases Latin text; it is passed to ``rouge_scorer.RougeScorer``. No
stemming (there is no Hindi stemmer in rouge_score). chrF is sacrebleu's (character n-grams, so it
needs no word tokenizer).

``paired_bootstrap`` gives the mean difference of two systems over the same articles with a
percentile confidence interval, and the articles each wins and loses.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from rouge_score import rouge_scorer
from sacrebleu.metrics import CHRF

# A token: letters and digits of any script, plus Devanagari's combining signs (U+0900-U+0903 and
# U+093A-U+094F: candrabindu, anusvara, visarga, nukta, vowel signs, virama), the Devanagari
# letters and digits, combining diacritics of other scripts and the zero-width (non-)joiners that
# sit inside Hindi words. Python's \w alone excludes combining marks, so "हिंदी" would fall apart.
_TOKEN = re.compile(r"(?:[^\W_]|[\u0900-\u0963\u0966-\u097F\u0300-\u036F\u200C\u200D])+")

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


class HindiTokenizer:
    """The ``tokenize`` interface rouge_score expects, for Hindi (and any other) script."""

    def tokenize(self, text: str) -> list[str]:
        normalized = unicodedata.normalize("NFC", text).lower()
        return [token.replace("\u200c", "").replace("\u200d", "") for token in _TOKEN.findall(normalized)]


_SCORER = rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=HindiTokenizer())
_CHRF = CHRF()


@dataclass(frozen=True)
class Scores:
    """One summary against its reference, each figure in 0-100."""

    rouge1: float
    rouge2: float
    rougeL: float
    chrf: float

    def get(self, metric: str) -> float:
        return float(getattr(self, metric))


METRICS = ("rouge1", "rouge2", "rougeL", "chrf")


def score_summary(summary: str, reference: str) -> Scores:
    """ROUGE F1 (Devanagari-aware tokens) and chrF of ``summary`` against ``reference``."""
    rouge = _SCORER.score(reference, summary)
    chrf = _CHRF.sentence_score(summary, [reference]).score if summary.strip() else 0.0
    return Scores(*(rouge[name].fmeasure * 100 for name in ROUGE_TYPES), chrf)


def ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def ngram_f1(candidate: Counter, reference: Counter) -> float:
    """ROUGE-N F1 from n-gram counts (what rouge_score computes, without re-tokenizing): for the oracle."""
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(candidate.values()), overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class PairedDifference:
    mean: float
    low: float
    high: float
    wins: int
    losses: int
    ties: int


def paired_bootstrap(
    system: Sequence[float], baseline: Sequence[float], samples: int = 2000, seed: int = 21, confidence: float = 0.95
) -> PairedDifference:
    """Mean of ``system - baseline`` over articles with a percentile bootstrap interval."""
    a, b = np.asarray(system, dtype=float), np.asarray(baseline, dtype=float)
    if a.shape != b.shape or a.size == 0:
        raise ValueError("paired_bootstrap needs two equally long, non-empty score lists")
    diff = a - b
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, diff.size, size=(samples, diff.size))].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return PairedDifference(
        float(diff.mean()), float(low), float(high),
        int((diff > 1e-9).sum()), int((diff < -1e-9).sum()), int((np.abs(diff) <= 1e-9).sum()),
    )
