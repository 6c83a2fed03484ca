"""The grouping as it was before issue 19, kept only as the reference the fast one must match.

Per-pair Python loops for the evidence and the textbook average-linkage loop (every pair of groups
re-scored after each merge, about n^3 work). Same evidence and weights as ``service.digest``; the
tests compare the two on the labelled sets. Since issue 18 item 7 it also has, written as loops,
the evidence added since (``unknown_actor``, ``other_state``, ``conflicting_figures``,
``routine_figures``) and the step that attaches short
reports left alone (``attach_short_reports``), so the two are compared under the current weights too.
Per-article readings (the lead's state, figures) are the service's own functions: what is checked
here is how the fast code combines them over pairs and groups.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from service.digest import dates
from service.digest.grouping import ArticleSignals, AttachRule, GroupingWeights, recency
from service.digest.features import ACTOR_MIN_BACKGROUND
from service.digest.lead import LEAD_SENTENCES, headline_actor_words, read_lead
from service.digest.places import (
    _DATELINE, _LOCATED, _OWNED, is_place_word, is_routine_update, lead_figures, lead_state, text_figures,
)
from service.digest.specificity import TermWeights, background_specificity
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
PAIR_EVIDENCE = (
    "content", "lead", "shared_days", "conflicting_days", "conflicting_places", "unknown_actor", "other_state",
    "conflicting_figures", "routine_figures", "gap_days",
)
WEIGHTED = ("content", "spelling", "lead", "shared_days", "conflicting_days", "conflicting_places", "unknown_actor", "other_state",
            "conflicting_figures", "routine_figures")


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
    state: str | None
    figures: set[str]
    numbers: set[str]
    routine: bool
    actors: set[str]


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
        float(bool((a.actors and not a.actors & b.words) or (b.actors and not b.actors & a.words))),
        float(a.state is not None and b.state is not None and a.state != b.state),
        float(bool(a.figures and b.figures and not a.figures & b.figures)),
        float(a.routine and b.routine and (
            bool(a.figures and b.figures) and not a.figures & b.numbers and not b.figures & a.numbers
            or bool(a.published and b.published and a.published != b.published) and not a.figures & b.figures)),
        float(abs((a.published - b.published).days)) if a.published and b.published else -1.0,
    )


def _actors(text: str) -> set[str]:
    return {w for w in headline_actor_words(read_lead(text)) if background_specificity(w) >= ACTOR_MIN_BACKGROUND}


def evidence(texts: list[str], published: list[date | None]) -> dict[str, np.ndarray]:
    tokens = [tokenize(t) for t in texts]
    weight = TermWeights(tokens)
    reports = [
        _Report(set(words), unit_vector(words, weight), lead_words(text), dates.profile(text), lead_places(text), when,
                lead_state(read_lead(text)), lead_figures(read_lead(text)), text_figures(text),
                is_routine_update(read_lead(text)), _actors(text))
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


@lru_cache(maxsize=8)
def _evidence_of(articles: tuple[ArticleSignals, ...]) -> dict[str, np.ndarray]:
    """The loops are slow: the tests score the same split under two sets of weights."""
    return evidence([a.text for a in articles], [a.published for a in articles])


def similarity_matrix(articles: list[ArticleSignals], weights: GroupingWeights | None = None) -> np.ndarray:
    """The old per-pair evidence and date checks; ``weights``: ``old_weights()`` unless given."""
    weights = weights or old_weights()
    found = _evidence_of(tuple(articles))
    logit = weights.bias + sum(getattr(weights, name) * found[name] for name in WEIGHTED)
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


def attach_short_reports(
    articles: list[ArticleSignals], groups: list[list[int]], sim: np.ndarray, rule: AttachRule = AttachRule()
) -> list[list[int]]:
    """``service.digest.attach`` as loops: each report left alone against each group of the clustering."""
    texts = [a.text for a in articles]
    tokens = [tokenize(t) for t in texts]
    weight = TermWeights(tokens)
    mass = [sum(weight(w) for w in set(words)) for words in tokens]
    leads = [read_lead(t) for t in texts]
    profiles = [dates.profile(a.text, a.published) for a in articles]
    target: dict[int, int] = {}
    for i in (g[0] for g in groups if len(g) == 1):
        best, chosen = -1.0, None
        for number, group in enumerate(groups):
            if i in group or mass[i] > rule.shorter_than * max(mass[j] for j in group):
                continue
            if max(sim[i, j] for j in group) < max(rule.min_probability, 1e-300):
                continue
            union = set().union(*(tokens[j] for j in group))
            contained = min(coverage(lead_words(texts[i]), union, weight), coverage(set(tokens[i]), union, weight))
            state = lead_state(leads[i])
            other_state = state is not None and any(lead_state(leads[j]) not in (None, state) for j in group)
            places = lead_places(texts[i])
            figures = lead_figures(leads[i])
            numbers = set().union(*(text_figures(texts[j]) for j in group))
            in_time = all(
                dates.compatible(profiles[i], profiles[j])
                and not (articles[i].published and articles[j].published
                         and abs((articles[i].published - articles[j].published).days) > rule.max_days_apart)
                for j in group
            )
            if (contained >= rule.contained and not other_state and not (places and not places & union)
                    and not (figures and not figures & numbers) and in_time and contained > best):
                best, chosen = contained, number
        if chosen is not None:
            target[i] = chosen
    merged = [set(g) for g in groups] + [{i} | set(groups[number]) for i, number in target.items()]
    while True:  # merge overlapping sets until none overlap (chains: a short report others attached to)
        for x in range(len(merged)):
            for y in range(x + 1, len(merged)):
                if merged[x] & merged[y]:
                    merged[x] |= merged.pop(y)
                    break
            else:
                continue
            break
        else:
            return sorted(sorted(g) for g in merged)

