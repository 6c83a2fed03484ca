"""Which pairs of a large batch are worth comparing: an inverted index of specific words.

Two reports of one event share something specific to it: a name, a place, an object ("अस्ताना",
"फ्लोरेंस", "किलाएवा"). The index lists, for each specific word, the articles that use it; two
articles are candidates when they share such words, ranked by the specificity they share, and each
article keeps its ``per_article`` best candidates. Words used by more than ``max_share`` of the
batch (and at least ``MIN_POSTINGS`` articles) say nothing about one event and are left out of the
index, which bounds the work per word; articles that cannot have been written at the same time
(``dates.compatible``) are never candidates. Pairs never compared count as different events.

The work is the index's postings, not every pair: about n x ``per_article`` pairs are compared.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from service.digest.features import COMPATIBLE_WITHIN_DAYS, ArticleFeatures

MIN_POSTINGS = 50  # a word is never too common to index while at most this many articles use it


@dataclass(frozen=True)
class CandidateLimits:
    all_pairs_up_to: int = 3000  # batches up to this size compare every pair (exact; dense n x n matrices)
    min_background: float = 0.5  # general-Hindi specificity a word needs to be indexed (``specificity``)
    max_share: float = 0.02  # share of the batch above which a word is too common to index
    per_article: int = 50  # best candidates kept per article


def _index_columns(features: ArticleFeatures, limits: CandidateLimits) -> np.ndarray:
    df = np.diff(features.words.tocsc().indptr)
    cap = max(MIN_POSTINGS, int(limits.max_share * features.size))
    return np.flatnonzero((features.background >= limits.min_background) & (df >= 2) & (df <= cap))


def _best_per_row(shared: sparse.csr_matrix, keep: int) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = [], []
    for row in range(shared.shape[0]):
        start, end = shared.indptr[row], shared.indptr[row + 1]
        ids, scores = shared.indices[start:end], shared.data[start:end]
        if len(ids) > keep:
            best = np.argpartition(-scores, keep - 1)[:keep]
            ids = ids[best]
        rows.append(np.full(len(ids), row))
        cols.append(ids)
    if not rows:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(rows), np.concatenate(cols)


def candidate_pairs(features: ArticleFeatures, limits: CandidateLimits = CandidateLimits()) -> tuple[np.ndarray, np.ndarray]:
    """Index arrays ``(first, second)`` with first < second, sorted, of the pairs to compare."""
    columns = _index_columns(features, limits)
    postings = features.words[:, columns]
    weighted = postings.multiply(features.specificity[columns][None, :]).tocsr()
    shared = sparse.csr_matrix(weighted @ postings.T)
    shared.setdiag(0.0)
    shared.eliminate_zeros()
    rows, cols = _best_per_row(shared, limits.per_article)
    first, second = np.minimum(rows, cols), np.maximum(rows, cols)
    keys = np.unique(first.astype(np.int64) * features.size + second)
    first, second = keys // features.size, keys % features.size
    early_a, early_b = features.earliest[first], features.earliest[second]
    when_a, when_b = features.published[first], features.published[second]
    with np.errstate(invalid="ignore"):
        incompatible = (early_a - when_b > COMPATIBLE_WITHIN_DAYS) | (early_b - when_a > COMPATIBLE_WITHIN_DAYS)
    return first[~incompatible], second[~incompatible]
