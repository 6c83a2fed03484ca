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
   weights were fitted on the two labelled dev splits of ``tests/data/grouping`` (``python -m service
   eval-grouping --fit dev,outlets_dev`` prints them) and checked on the holdout splits, which
   nothing was fitted on.
3. Time: reports published more than ``grace_days`` apart are less and less likely to be one
   event: the probability halves every ``half_life_days`` beyond that (set from how long news of
   one event keeps coming, not fitted: the labelled set has too few dated pairs). Articles whose dates cannot
   overlap (``dates.compatible``: known publication dates, or a year named after the other's
   publication) are never one event.
4. Average-linkage agglomerative clustering (``linkage``) stops when no two groups are, on
   average, at least ``threshold`` likely to report one event. No number of stories is assumed.
5. A much shorter report left alone joins the group that contains most of its lead and specific
   words, unless its state, lead place, dates or headline figures speak against it (``attach``):
   average linkage alone leaves a two-line item apart from the long reports of its event.

Scale: up to ``CandidateLimits.all_pairs_up_to`` articles every pair is compared (matrix products,
``similarity``); beyond that only the candidate pairs of an inverted index of specific words
(``candidates``), so a night of 10,000 articles costs about n x 50 comparisons, not n^2 / 2.
Pairs never compared count as different events.

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
from scipy import sparse

from service.digest.attach import AttachRule, attach_short_reports
from service.digest.candidates import CandidateLimits, candidate_pairs
from service.digest.features import ArticleFeatures, article_features
from service.digest.linkage import cluster
from service.digest.similarity import Evidence, evidence_from

__all__ = [
    "ArticleSignals", "AttachRule", "CandidateLimits", "GroupingWeights", "SAME_EVENT_THRESHOLD", "cluster", "group_articles", "grouped_with_scores",
    "recency", "same_event_score", "similarity_graph", "similarity_matrix",
]


@dataclass(frozen=True)
class GroupingWeights:
    """Logistic weights of each kind of evidence (fitted on the dev splits), the time decay and the cut."""

    bias: float = -3.25
    content: float = 7.6
    spelling: float = 5.4
    lead: float = 7.75
    shared_days: float = 0.13
    conflicting_days: float = -1.34
    conflicting_places: float = -0.7
    unknown_actor: float = -2.0  # set on the dev splits (docs/nightly.md), not by the logistic fit
    other_state: float = -4.0  # set on the dev splits (see docs/nightly.md), not by the logistic fit
    conflicting_figures: float = 0.0
    routine_figures: float = -2.0  # set on the dev splits (docs/nightly.md), not by the logistic fit
    grace_days: int = 2  # reports of one event usually appear within a day or two of each other
    half_life_days: float = 3.0
    threshold: float = 0.65  # average same-event probability above which two groups are one story


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
        + weights.unknown_actor * found.unknown_actor
        + weights.other_state * found.other_state
        + weights.conflicting_figures * found.conflicting_figures
        + weights.routine_figures * found.routine_figures
    )


def recency(gap_days: np.ndarray, weights: GroupingWeights) -> np.ndarray:
    """1 within the grace period or when a date is unknown (-1), halving every half-life beyond it."""
    late = np.clip(gap_days - weights.grace_days, 0.0, None)
    return np.where(gap_days < 0, 1.0, np.power(0.5, late / weights.half_life_days))


def probability(found: Evidence, weights: GroupingWeights) -> np.ndarray:
    """Same-event probability from the evidence (element-wise; 0 where the dates cannot overlap)."""
    chance = 1.0 / (1.0 + np.exp(-_logit(found, weights))) * recency(found.gap_days, weights)
    return np.where(found.compatible, chance, 0.0)


def _features(articles: Sequence[ArticleSignals]) -> ArticleFeatures:
    return article_features([a.text for a in articles], [a.published for a in articles])


def _matrix_of(features: ArticleFeatures, weights: GroupingWeights) -> np.ndarray:
    chance = probability(evidence_from(features), weights)
    np.fill_diagonal(chance, 1.0)
    return chance


def _graph_of(features: ArticleFeatures, weights: GroupingWeights, limits: CandidateLimits) -> sparse.csr_matrix:
    n = features.size
    first, second = candidate_pairs(features, limits)
    chance = probability(evidence_from(features, (first, second)), weights)
    keep = chance > 0
    first, second, chance = first[keep], second[keep], chance[keep]
    rows = np.concatenate([first, second, np.arange(n)])
    cols = np.concatenate([second, first, np.arange(n)])
    values = np.concatenate([chance, chance, np.ones(n)])
    return sparse.csr_matrix((values, (rows, cols)), shape=(n, n))


def similarity_matrix(articles: Sequence[ArticleSignals], weights: GroupingWeights = GroupingWeights()) -> np.ndarray:
    """Probability that each pair of ``articles`` reports the same event (1 on the diagonal), every pair compared.

    Dense n x n: for batches up to a few thousand articles (``similarity_graph`` scales further).
    """
    if not articles:
        return np.zeros((0, 0))
    return _matrix_of(_features(articles), weights)


def similarity_graph(
    articles: Sequence[ArticleSignals],
    weights: GroupingWeights = GroupingWeights(),
    limits: CandidateLimits = CandidateLimits(),
) -> sparse.csr_matrix:
    """The same probabilities as a sparse symmetric matrix (1 on the diagonal): every pair of a batch
    up to ``limits.all_pairs_up_to`` articles, else only the candidate pairs (``candidates``); pairs
    not compared are absent (0, different events)."""
    if len(articles) <= limits.all_pairs_up_to:
        return sparse.csr_matrix(similarity_matrix(articles, weights))
    return _graph_of(_features(articles), weights, limits)


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


def grouped_with_scores(
    articles: Sequence[ArticleSignals],
    weights: GroupingWeights = GroupingWeights(),
    limits: CandidateLimits = CandidateLimits(),
    attach: AttachRule | None = AttachRule(),
) -> tuple[list[list[int]], np.ndarray | sparse.csr_matrix]:
    """``group_articles``'s groups and the probabilities they came from (dense up to
    ``limits.all_pairs_up_to`` articles, else the sparse graph); ``attach=None`` skips step 5."""
    if not articles:
        return [], np.zeros((0, 0))
    features = _features(articles)
    if len(articles) <= limits.all_pairs_up_to:
        sim: np.ndarray | sparse.csr_matrix = _matrix_of(features, weights)
    else:
        sim = _graph_of(features, weights, limits)
    groups = cluster(sim, weights.threshold)
    if attach is not None:
        groups = attach_short_reports(features, groups, sim, attach)
    return groups, sim


def group_articles(
    articles: Sequence[ArticleSignals],
    weights: GroupingWeights = GroupingWeights(),
    limits: CandidateLimits = CandidateLimits(),
    attach: AttachRule | None = AttachRule(),
) -> list[list[int]]:
    """Indexes of ``articles`` grouped by story (each group sorted; groups sorted by first member)."""
    return grouped_with_scores(articles, weights, limits, attach)[0]
