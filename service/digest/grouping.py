"""Story grouping: which articles report the same event.

Same people and places do not make one event (two meetings of the same ministers a year apart, two
derailments near the same city); the same occurrence told in different words by different outlets
does. Grouping therefore weighs what two reports share by how specific it is to one event, and
uses time:

1. Evidence for each pair (``similarity``): specificity-weighted content, spelling variants of the
   same names, whether each report's lead (what happened where) is found in the other, the
   calendar days both name, and whether a report's lead places the event somewhere the other
   report never mentions.
2. A logistic model turns the evidence into the probability that the two report one event. Its
   weights were fitted on the labelled dev split of ``tests/data/grouping`` (``python -m service
   eval-grouping --fit dev`` prints them) and checked on the holdout split, which nothing was
   fitted on.
3. Time: reports published more than ``grace_days`` apart are less and less likely to be one
   event: the probability halves every ``half_life_days`` beyond that (set from how long news of
   one event keeps coming, not fitted: the labelled set has too few dated pairs). Articles whose dates cannot
   overlap (``dates.compatible``: known publication dates, or a year named after the other's
   publication) are never one event.
4. Average-linkage agglomerative clustering stops when no two groups are, on average, at least
   ``threshold`` likely to report one event. No number of stories is assumed.

``same_event_score(a, b, context)`` is the probability for a single pair (for deciding whether
tonight's story continues an earlier one); ``SAME_EVENT_THRESHOLD`` is where grouping draws the
line. A pair's score depends on the other articles it is compared among: words they all share
count for less (``specificity``), so pass the articles at hand as ``context``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from service.digest import dates
from service.digest.similarity import Evidence, evidence


@dataclass(frozen=True)
class GroupingWeights:
    """Logistic weights of each kind of evidence (fitted on the dev split), the time decay and the cut."""

    bias: float = -3.29
    content: float = 7.11
    spelling: float = 5.15
    lead: float = 8.04
    shared_days: float = 0.12
    conflicting_days: float = -2.02
    conflicting_places: float = -0.8
    grace_days: int = 2  # reports of one event usually appear within a day or two of each other
    half_life_days: float = 3.0
    threshold: float = 0.6  # average same-event probability above which two groups are one story


@dataclass(frozen=True)
class ArticleSignals:
    """What grouping reads of one article: its cleaned text (headline first) and its publication date if known."""

    text: str
    published: date | None = None


def _logit(found: Evidence, weights: GroupingWeights) -> np.ndarray:
    return (
        weights.bias
        + weights.content * found.content
        + weights.spelling * found.spelling
        + weights.lead * found.lead
        + weights.shared_days * found.shared_days
        + weights.conflicting_days * found.conflicting_days
        + weights.conflicting_places * found.conflicting_places
    )


def recency(gap_days: np.ndarray, weights: GroupingWeights) -> np.ndarray:
    """1 within the grace period or when a date is unknown (-1), halving every half-life beyond it."""
    late = np.clip(gap_days - weights.grace_days, 0.0, None)
    return np.where(gap_days < 0, 1.0, np.power(0.5, late / weights.half_life_days))


def similarity_matrix(articles: list[ArticleSignals], weights: GroupingWeights = GroupingWeights()) -> np.ndarray:
    """Probability that each pair of ``articles`` reports the same event (1 on the diagonal)."""
    n = len(articles)
    if n == 0:
        return np.zeros((0, 0))
    found = evidence([a.text for a in articles], [a.published for a in articles])
    probability = 1.0 / (1.0 + np.exp(-_logit(found, weights))) * recency(found.gap_days, weights)
    profiles = [dates.profile(a.text, a.published) for a in articles]
    for i in range(n):
        for j in range(i + 1, n):
            if not dates.compatible(profiles[i], profiles[j]):
                probability[i, j] = probability[j, i] = 0.0
    np.fill_diagonal(probability, 1.0)
    return probability


def same_event_score(
    a: ArticleSignals,
    b: ArticleSignals,
    context: Sequence[ArticleSignals] = (),
    weights: GroupingWeights = GroupingWeights(),
) -> float:
    """Probability that ``a`` and ``b`` report the same event; compare with ``SAME_EVENT_THRESHOLD``.

    ``context``: other articles at hand (tonight's, the earlier digest's). Words they share with
    ``a`` and ``b`` count for less, which is what keeps two reports about the same people apart;
    without context only general-Hindi rarity does that, and scores run higher (docs/nightly.md).
    """
    return float(similarity_matrix([a, b, *context], weights)[0, 1])


SAME_EVENT_THRESHOLD = GroupingWeights().threshold


def cluster(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage agglomerative clustering; merging stops when no pair of groups is similar enough.

    Deterministic: ties are broken by the lowest indexes. Groups come back sorted, by first member.
    """
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


def group_articles(articles: list[ArticleSignals], weights: GroupingWeights = GroupingWeights()) -> list[list[int]]:
    """Indexes of ``articles`` grouped by story."""
    return cluster(similarity_matrix(articles, weights), weights.threshold)
