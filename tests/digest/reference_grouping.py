"""The grouping as it was before issue 19, kept only as the reference the fast one must match.

Per-pair Python loops for the evidence and the textbook average-linkage loop (every pair of groups
re-scored after each merge, about n^3 work). Same evidence and weights as ``service.digest``; the
tests compare the two on the labelled sets.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from service.digest import dates
from service.digest.grouping import ArticleSignals, GroupingWeights, recency
from service.digest.lead import LEAD_SENTENCES
from service.digest.places import _DATELINE, _LOCATED, _OWNED, is_place_word
from service.digest.specificity import TermWeights
from service.pipeline.segment import split_paragraph
from service.pipeline.select import tokenize

Vector = dict[str, float]
# The weights of the grouping before issues 18 and 19 (evidence added since then weighs 0 beside them).
OLD_WEIGHTS = {"bias": -3.29, "content": 7.11, "spelling": 5.15, "lead": 8.04, "shared_days": 0.12,
               "conflicting_days": -2.02, "conflicting_places": -0.8, "grace_days": 2, "half_life_days": 3.0, "threshold": 0.6}


def old_weights() -> GroupingWeights:
    """``OLD_WEIGHTS``, and 0 for every kind of evidence the old grouping did not have."""
    newer = {f: 0.0 for f in GroupingWeights.__dataclass_fields__ if f not in OLD_WEIGHTS}
    return GroupingWeights(**OLD_WEIGHTS, **newer)
PAIR_EVIDENCE = ("content", "lead", "shared_days", "conflicting_days", "conflicting_places", "gap_days")


def lead_words(text: str) -> set[str]:
    headline, _, body = text.strip().partition("\n")
    paragraphs = [p for p in body.split("\n") if p.strip()]
    first = split_paragraph(paragraphs[0])[0] if paragraphs else ""
    return set(tokenize(f"{headline} {first}"))


def lead_places(text: str) -> set[str]:
    headline, _, body = text.strip().partition("\n")
    paragraphs = [p for p in body.split("\n") if p.strip()]
    lead = " ".join(split_paragraph(paragraphs[0])[:LEAD_SENTENCES]) if paragraphs else ""
    places = set()
    for segment in (headline, lead):
        for match in _LOCATED.finditer(segment):
            if not _OWNED.search(segment[: match.start(1)]) and is_place_word(match.group(1)):
                places.add(match.group(1))
    dateline = _DATELINE.match(paragraphs[0]) if paragraphs else None
    if dateline and is_place_word(dateline.group(1)):
        places.add(dateline.group(1))
    return places


def spelling_similarity(texts: list[str]) -> np.ndarray:
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = chars.fit_transform(texts)
    return (matrix @ matrix.T).toarray()


def unit_vector(tokens: list[str], weight: TermWeights) -> Vector:
    vector = {w: (1.0 + math.log(n)) * weight(w) for w, n in Counter(tokens).items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def coverage(words: set[str], found: set[str], weight: TermWeights) -> float:
    total = sum(weight(w) for w in words)
    return sum(weight(w) for w in words if w in found) / total if total else 0.0


@dataclass(frozen=True)
class _Report:
    words: set[str]
    vector: Vector
    lead: set[str]
    days: dates.DateProfile
    places: set[str]
    published: date | None


def _compare(a: _Report, b: _Report, weight: TermWeights) -> tuple[float, ...]:
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


def evidence(texts: list[str], published: list[date | None]) -> dict[str, np.ndarray]:
    tokens = [tokenize(t) for t in texts]
    weight = TermWeights(tokens)
    reports = [
        _Report(set(words), unit_vector(words, weight), lead_words(text), dates.profile(text), lead_places(text), when)
        for text, words, when in zip(texts, tokens, published)
    ]
    n = len(reports)
    matrices = {name: np.zeros((n, n)) for name in PAIR_EVIDENCE}
    for i in range(n):
        for j in range(i + 1, n):
            for name, value in zip(PAIR_EVIDENCE, _compare(reports[i], reports[j], weight)):
                matrices[name][i, j] = matrices[name][j, i] = value
    matrices["spelling"] = spelling_similarity(texts)
    return matrices


def similarity_matrix(articles: list[ArticleSignals], weights: GroupingWeights | None = None) -> np.ndarray:
    """The old per-pair evidence and date checks; ``weights``: ``old_weights()`` unless given."""
    weights = weights or old_weights()
    found = evidence([a.text for a in articles], [a.published for a in articles])
    logit = weights.bias + sum(
        getattr(weights, name) * found[name]
        for name in ("content", "spelling", "lead", "shared_days", "conflicting_days", "conflicting_places")
    )
    probability = 1.0 / (1.0 + np.exp(-logit)) * recency(found["gap_days"], weights)
    profiles = [dates.profile(a.text, a.published) for a in articles]
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if not dates.compatible(profiles[i], profiles[j]):
                probability[i, j] = probability[j, i] = 0.0
    np.fill_diagonal(probability, 1.0)
    return probability


def cluster(sim: np.ndarray, threshold: float) -> list[list[int]]:
    groups: list[list[int]] = [[i] for i in range(len(sim))]
    while len(groups) > 1:
        best, pair = threshold, None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                score = float(sim[np.ix_(groups[x], groups[y])].mean())
                if score > best + 1e-12:
                    best, pair = score, (x, y)
        if pair is None:
            break
        x, y = pair
        groups[x] = sorted(groups[x] + groups[y])
        del groups[y]
    return sorted(groups)
