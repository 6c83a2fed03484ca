"""Short reports joined to their event after clustering.

A two-line live-page item or a news-API snippet tells one fact of an event that long reports tell
with many more words. Against each long report its cosine is low (the long report is mostly about
other things), and average linkage needs the item to be alike to the group *on average*, so the item
stays alone although every word of it is in the group ("singer tests positive" beside three long
follow-ups). Here a report that is still alone after clustering joins a group when:

- it is much shorter: its specificity mass (``features.mass``) is at most ``shorter_than`` times that
  of the group's largest report;
- the group contains it: at least ``contained`` of its lead's specificity and of its whole content's
  specificity are words some report of the group uses (``lead`` / ``content`` rows times the group's
  word presence; the smaller of the two shares counts);
- it is alike to at least one report of the group: same-event probability ``min_probability`` or more
  (pairs never compared, in a night too large to compare every pair, do not count);
- nothing speaks against it: no report of the group is about another Indian state
  (``places.lead_state``); if its lead says where the event happened (``places``), the group mentions
  that place (a plane crash in Manila is not the one in Kathmandu); every report could have been written at the same time and was published
  within ``max_days_apart`` days (when both dates are known); and if its headline and first sentence
  give figures, at least one of them appears somewhere in the group (``places.text_figures``): a
  short "169 deaths" item is not the "410 cases" report of one state.

Among the groups that pass, the one containing most of it wins. Groups are those of the clustering,
not grown by this step, so attachments do not chain from short item to short item; a short report
that others attach to and that itself joins a group brings them along.

All of it is sparse products over the (short report, candidate group) pairs that the probability
graph links, never a loop over pairs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from service.digest.features import ArticleFeatures
from service.digest.similarity import Products, dates_of_pairs


@dataclass(frozen=True)
class AttachRule:
    """When a report left alone joins a group (module docstring); ``contained`` chosen on the dev splits."""

    shorter_than: float = 0.5
    contained: float = 0.35
    min_probability: float = 0.2
    max_days_apart: int = 2


def _membership(groups: list[list[int]], n: int) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Group number of each article, and the groups x articles 0/1 matrix."""
    label = np.empty(n, dtype=np.int64)
    sizes = np.array([len(g) for g in groups])
    label[np.concatenate(groups)] = np.repeat(np.arange(len(groups)), sizes)
    matrix = sparse.csr_matrix((np.ones(n), (label, np.arange(n))), shape=(len(groups), n))
    return label, matrix


def _presence(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    present = sparse.csr_matrix(matrix, copy=True)
    present.data[:] = 1.0
    return present


def _candidates(sim: np.ndarray | sparse.spmatrix, alone: np.ndarray, label: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Unique (article, group) pairs: an article left alone, and a group with a report it is at least ``floor`` alike to."""
    linked = sparse.coo_matrix(sim[alone])
    items, others = alone[linked.row], linked.col
    keep = (linked.data >= floor) & (linked.data > 0) & (label[others] != label[items])
    code = np.unique(items[keep] * (label.max() + 1) + label[others[keep]])
    return code // (label.max() + 1), code % (label.max() + 1)


def _all_members_in_time(features: ArticleFeatures, items: np.ndarray, groups: np.ndarray,
                         membership: sparse.csr_matrix, max_days: int) -> np.ndarray:
    rows = membership[groups]
    counts = np.diff(rows.indptr)
    pair_of_member = np.repeat(np.arange(len(items)), counts)
    gap, compatible = dates_of_pairs(features, Products((items[pair_of_member], rows.indices)))
    bad = ~compatible | (gap > max_days)
    return np.bincount(pair_of_member[bad], minlength=len(items)) == 0


def attach_short_reports(
    features: ArticleFeatures,
    groups: list[list[int]],
    sim: np.ndarray | sparse.spmatrix,
    rule: AttachRule = AttachRule(),
) -> list[list[int]]:
    """``groups`` (from ``linkage.cluster`` on ``sim``) with short reports left alone joined to the
    group that contains them (module docstring); same order conventions as ``cluster``."""
    n = features.size
    if n < 2 or not groups:
        return groups
    label, membership = _membership(groups, n)
    sizes = np.asarray(membership.sum(axis=1)).ravel()
    alone = np.flatnonzero(sizes[label] == 1)
    if not len(alone):
        return groups
    items, targets = _candidates(sim, alone, label, rule.min_probability)
    largest = np.zeros(len(groups))
    np.maximum.at(largest, label, features.mass)
    short = features.mass[items] <= rule.shorter_than * largest[targets]
    items, targets = items[short], targets[short]
    if not len(items):
        return groups

    words = _presence(membership @ features.words)
    pairs = Products((items, targets))
    contained = np.minimum(pairs(features.lead, words), pairs(features.content, words))

    state_counts = membership @ features.states  # reports of each group per state
    with_state = np.asarray(state_counts.sum(axis=1)).ravel()[targets]
    same_state = pairs(features.states, state_counts)
    item_has_state = np.diff(features.states.indptr)[items] > 0
    other_state = item_has_state & (with_state - same_state > 0.5)

    item_has_figures = np.diff(features.figures.indptr)[items] > 0
    figure_found = pairs(features.figures, _presence(membership @ features.numbers)) > 0
    conflicting_figures = item_has_figures & ~figure_found

    item_has_places = np.diff(features.places.indptr)[items] > 0
    elsewhere = item_has_places & ~(pairs(features.places, words) > 0)

    passes = (contained >= rule.contained) & ~other_state & ~elsewhere & ~conflicting_figures
    passes &= _all_members_in_time(features, items, targets, membership, rule.max_days_apart)
    items, targets, contained = items[passes], targets[passes], contained[passes]
    if not len(items):
        return groups
    order = np.lexsort((-contained, items))
    items, targets = items[order], targets[order]
    first = np.unique(items, return_index=True)[1]
    items, targets = items[first], targets[first]

    anchors = np.array([g[0] for g in groups])  # one report of each group
    edges = sparse.coo_matrix(
        (np.ones(n + len(items)), (np.concatenate([np.arange(n), items]), np.concatenate([anchors[label], anchors[targets]]))),
        shape=(n, n),
    )
    _, joined = connected_components(edges, directed=False)
    merged: dict[int, list[int]] = {}
    for index, component in enumerate(joined):
        merged.setdefault(int(component), []).append(index)
    return sorted(merged.values())
