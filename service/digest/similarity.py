"""Pairwise evidence that two articles report one event, for all pairs or for candidate pairs.

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
- ``unknown_actor``: one headline says who acted ("ट्रंप ने", "ब्राजील के राष्ट्रपति ने": its
  specific words, ``features.actors``) and the other report never mentions them: two leaders thanking
  India for one shipment are two events, and a report of an event names who acted in it;
- ``other_state``: the headlines (or leads) are about two different Indian states or union
  territories, or one about a state and the other about the whole country (``places.lead_state``): same-day counts of Tamil Nadu and Telangana name each other
  in the body, so "a place the other never mentions" misses them;
- ``conflicting_figures``: both headlines-and-first-sentences give figures and share none (two
  states' counts, two updates of one counter);
- ``routine_figures``: both leads report a recurring count (``places.is_routine_update``: cases,
  prices) and they are two updates of it: neither's headline figures appear anywhere in the other
  (a state's 391 cases one day, 410 the next; two states' counts the same day, whose words are the
  same), or they were published on different days and their headlines share no figure (two days'
  health-ministry briefings). A report of the new cases that gives the total the other leads with
  still matches;
- ``gap_days``: days between the publication dates, when both are known (else -1);
- ``compatible``: whether the two could have been written at the same time (``dates.compatible``).

Each is a product of two matrices of ``features`` (``Products``): a matrix product for every pair
of a small batch, row-wise dot products for a list of candidate pairs of a large one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from service.digest.features import COMPATIBLE_WITHIN_DAYS, ArticleFeatures, article_features

PAIR_CHUNK = 5_000  # candidate pairs multiplied at a time (bounds the memory of row-wise products)
DENSE_COLUMN_SHARE = 1 / 16  # a column used by more than this share of rows (in both matrices) is multiplied densely


def whole_product(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    """``a @ b.T`` as a dense array. A sparse product costs the square of each column's use: the
    columns that most rows use (function words, common character n-grams) are multiplied as dense
    blocks by BLAS instead, the rest as sparse matrices."""
    a_cols, b_cols = sparse.csc_matrix(a), sparse.csc_matrix(b)
    busy = (np.diff(a_cols.indptr) > DENSE_COLUMN_SHARE * a.shape[0]) & (np.diff(b_cols.indptr) > DENSE_COLUMN_SHARE * b.shape[0])
    if not busy.any():
        return np.asarray((a @ b.T).toarray())
    quiet = np.flatnonzero(~busy)
    busy_ids = np.flatnonzero(busy)
    result = np.asarray((a_cols[:, quiet].tocsr() @ b_cols[:, quiet].tocsr().T).toarray())
    result += a_cols[:, busy_ids].toarray() @ b_cols[:, busy_ids].toarray().T
    return result


@dataclass(frozen=True)
class Evidence:
    """One array per kind of evidence: n x n matrices (all pairs; diagonals meaningless) or one value per candidate pair."""

    content: np.ndarray
    spelling: np.ndarray
    lead: np.ndarray
    shared_days: np.ndarray
    conflicting_days: np.ndarray
    conflicting_places: np.ndarray
    unknown_actor: np.ndarray
    other_state: np.ndarray
    conflicting_figures: np.ndarray
    routine_figures: np.ndarray
    gap_days: np.ndarray
    compatible: np.ndarray


class Products:
    """``a @ b.T`` for two feature matrices: the whole matrix, or its entries at pairs ``(first, second)``."""

    def __init__(self, pairs: tuple[np.ndarray, np.ndarray] | None = None, flipped: bool = False):
        self.pairs = pairs
        self.flipped = flipped

    def __call__(self, a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
        if self.pairs is None:
            whole = whole_product(a, b)
            return whole.T if self.flipped else whole
        first, second = self.pairs
        out = np.empty(len(first))
        for start in range(0, len(first), PAIR_CHUNK):
            rows, cols = first[start:start + PAIR_CHUNK], second[start:start + PAIR_CHUNK]
            out[start:start + PAIR_CHUNK] = np.asarray(a[rows].multiply(b[cols]).sum(axis=1)).ravel()
        return out

    def transpose(self) -> "Products":
        """The same pairs seen from the other side: entry (i, j) becomes ``a[j] . b[i]``."""
        if self.pairs is None:
            return Products(None, not self.flipped)
        return Products((self.pairs[1], self.pairs[0]))

    def per_article(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A per-article array as seen from both sides of each pair (rows and columns of a matrix)."""
        if self.pairs is None:
            return values[:, None], values[None, :]
        return values[self.pairs[0]], values[self.pairs[1]]


def _nonzero_rows(matrix: sparse.csr_matrix) -> np.ndarray:
    return np.diff(matrix.indptr) > 0


def dates_of_pairs(features: ArticleFeatures, product: Products) -> tuple[np.ndarray, np.ndarray]:
    """Days between the publication dates of each pair (-1 if one is unknown), and whether the two
    could have been written at the same time (``dates.compatible``)."""
    when_a, when_b = product.per_article(features.published)
    gap = np.abs(when_a - when_b)
    early_a, early_b = product.per_article(features.earliest)
    with np.errstate(invalid="ignore"):
        incompatible = (early_a - when_b > COMPATIBLE_WITHIN_DAYS) | (early_b - when_a > COMPATIBLE_WITHIN_DAYS)
    return np.where(np.isnan(gap), -1.0, gap), ~incompatible


def evidence_from(features: ArticleFeatures, pairs: tuple[np.ndarray, np.ndarray] | None = None) -> Evidence:
    """Evidence for every pair of ``features`` (n x n), or for ``pairs`` (two index arrays)."""
    product = Products(pairs)
    backward = product.transpose()
    lead = np.minimum(product(features.lead, features.words), backward(features.lead, features.words))

    day_a, day_b = product.per_article(_nonzero_rows(features.days))
    both_name_days = day_a & day_b
    overlap = product(features.days, features.days) > 0

    place_a, place_b = product.per_article(_nonzero_rows(features.places))
    found_a = product(features.places, features.words) > 0  # a's lead places mentioned by b
    found_b = backward(features.places, features.words) > 0
    elsewhere = (place_a & ~found_a) | (place_b & ~found_b)

    actor_a, actor_b = product.per_article(_nonzero_rows(features.actors))
    actor_found_a = product(features.actors, features.words) > 0  # a's actor mentioned by b
    actor_found_b = backward(features.actors, features.words) > 0
    unknown_actor = (actor_a & ~actor_found_a) | (actor_b & ~actor_found_b)

    state_a, state_b = product.per_article(_nonzero_rows(features.states))
    same_state = product(features.states, features.states) > 0
    figures_a, figures_b = product.per_article(_nonzero_rows(features.figures))
    shared_figure = product(features.figures, features.figures) > 0
    routine_a, routine_b = product.per_article(features.routine)
    figure_found = (product(features.figures, features.numbers) > 0) | (backward(features.figures, features.numbers) > 0)

    gap, compatible = dates_of_pairs(features, product)
    other_update = ((figures_a & figures_b & ~figure_found) | ((gap >= 1) & ~shared_figure)) & routine_a & routine_b
    return Evidence(
        content=product(features.vectors, features.vectors),
        spelling=product(features.chars, features.chars),
        lead=lead,
        shared_days=(both_name_days & overlap).astype(float),
        conflicting_days=(both_name_days & ~overlap).astype(float),
        conflicting_places=elsewhere.astype(float),
        unknown_actor=unknown_actor.astype(float),
        other_state=(state_a & state_b & ~same_state).astype(float),
        conflicting_figures=(figures_a & figures_b & ~shared_figure).astype(float),
        routine_figures=other_update.astype(float),
        gap_days=gap,
        compatible=compatible,
    )


def evidence(texts: list[str], published: list[date | None] | None = None) -> Evidence:
    """n x n evidence for every pair of ``texts``."""
    return evidence_from(article_features(texts, published))
