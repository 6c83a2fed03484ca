"""Pairwise evidence that two articles report one event, as matrices over a batch of articles.

- ``content``: cosine of word vectors weighted by specificity (``specificity``): what the two
  reports share, counted by how much it says about one event rather than about the people and
  places that recur across stories;
- ``spelling``: cosine of character n-gram TF-IDF vectors, which credits the same names spelt
  differently by different outlets (किलाएवा / किलायू, सितंबर / सितम्बर);
- ``lead``: for each report, the share of its headline's and first sentence's specificity that the
  other report mentions anywhere; the smaller of the two. A lead says what happened where; a report
  of another event of the same kind lacks the other lead's place, name or object;
- ``shared_days`` / ``conflicting_days``: both name calendar days (``18 नवंबर``) and share one, or
  both name days and share none;
- ``conflicting_places``: one report's lead names where the event happened (``places``) and the
  other report never mentions that place (an SCO summit in Astana against a visit to Moscow);
- ``gap_days``: days between the publication dates, when both are known (else -1).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from service.digest import dates
from service.digest.places import lead_places
from service.digest.specificity import TermWeights, Vector, cosine, coverage, unit_vector
from service.pipeline.segment import split_paragraph
from service.pipeline.select import tokenize


@dataclass(frozen=True)
class Evidence:
    """Symmetric n x n matrices, one per kind of evidence (diagonals are meaningless)."""

    content: np.ndarray
    spelling: np.ndarray
    lead: np.ndarray
    shared_days: np.ndarray
    conflicting_days: np.ndarray
    conflicting_places: np.ndarray
    gap_days: np.ndarray


PAIR_EVIDENCE = ("content", "lead", "shared_days", "conflicting_days", "conflicting_places", "gap_days")


@dataclass(frozen=True)
class _Report:
    """What the pairwise comparisons read of one article."""

    words: set[str]
    vector: Vector
    lead: set[str]
    days: dates.DateProfile
    places: set[str]
    published: date | None


def lead_words(text: str) -> set[str]:
    """Words of the headline (first line) and the first sentence of the body."""
    headline, _, body = text.strip().partition("\n")
    paragraphs = [p for p in body.split("\n") if p.strip()]
    first = split_paragraph(paragraphs[0])[0] if paragraphs else ""
    return set(tokenize(f"{headline} {first}"))


def spelling_similarity(texts: list[str]) -> np.ndarray:
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    try:
        matrix = chars.fit_transform(texts)
    except ValueError:  # no text at all to compare
        return np.zeros((len(texts), len(texts)))
    return (matrix @ matrix.T).toarray()


def _compare(a: _Report, b: _Report, weight: TermWeights) -> tuple[float, ...]:
    """The ``PAIR_EVIDENCE`` values of one pair, in that order."""
    shared = conflicting = 0.0
    if a.days.day_months and b.days.day_months:
        overlap = dates.shared_days(a.days, b.days)
        shared, conflicting = float(overlap > 0), float(overlap == 0)
    elsewhere = (a.places and not a.places & b.words) or (b.places and not b.places & a.words)
    return (
        cosine(a.vector, b.vector),
        min(coverage(a.lead, b.words, weight), coverage(b.lead, a.words, weight)),
        shared,
        conflicting,
        float(bool(elsewhere)),
        float(abs((a.published - b.published).days)) if a.published and b.published else -1.0,
    )


def evidence(texts: list[str], published: list[date | None] | None = None) -> Evidence:
    tokens = [tokenize(t) for t in texts]
    weight = TermWeights(tokens)
    reports = [
        _Report(set(words), unit_vector(words, weight), lead_words(text), dates.profile(text), lead_places(text), when)
        for text, words, when in zip(texts, tokens, published or [None] * len(texts))
    ]
    n = len(reports)
    matrices = {name: np.zeros((n, n)) for name in PAIR_EVIDENCE}
    for i in range(n):
        for j in range(i + 1, n):
            for name, value in zip(PAIR_EVIDENCE, _compare(reports[i], reports[j], weight)):
                matrices[name][i, j] = matrices[name][j, i] = value
    return Evidence(spelling=spelling_similarity(texts), **matrices)
