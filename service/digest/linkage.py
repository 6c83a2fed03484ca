"""Average-linkage clustering of a same-event probability matrix, cut where groups stop being alike.

The result is what the textbook loop gives (merge the two groups whose average pairwise probability
is highest, stop when no pair of groups is above ``threshold``), computed by scipy's
``linkage(method="average")`` on each connected component of the graph of pairs above the
threshold. That split is exact, not a shortcut: two groups can only merge if some pair across them
is above the threshold (an average above it needs one value above it), so every group lies inside
one component, and groups of different components never merge.

``sim`` may be a dense array or a sparse matrix (pairs never compared are 0: different events).
Memory: the condensed distances of the largest component, 8 x m (m - 1) / 2 bytes, held twice
while scipy links them (m = 10,000: 0.8 GB); never an n x n dense matrix of a sparse input.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

# The loop merged only groups whose average beat the threshold by more than this (float noise).
MARGIN = 1e-12


def _condensed(sim: np.ndarray | sparse.csr_matrix, ids: np.ndarray) -> np.ndarray:
    """Distances 1 - probability between the articles ``ids``, in scipy's condensed order."""
    if not sparse.issparse(sim):
        sub = np.asarray(sim[np.ix_(ids, ids)], dtype=np.float64)
        sub = np.maximum(sub, sub.T)
        np.fill_diagonal(sub, 1.0)
        return squareform(1.0 - np.clip(sub, 0.0, 1.0), checks=False)
    m = len(ids)
    condensed = np.ones(m * (m - 1) // 2)
    sub = sparse.triu(sparse.csr_matrix(sim)[ids][:, ids], k=1).tocoo()  # one side of a symmetric matrix
    i, j = sub.row.astype(np.int64), sub.col.astype(np.int64)
    condensed[m * i - i * (i + 1) // 2 + (j - i - 1)] = 1.0 - np.clip(sub.data, 0.0, 1.0)
    return condensed


def _component_groups(condensed: np.ndarray, threshold: float) -> list[list[int]]:
    tree = linkage(condensed, method="average")
    cut = np.nextafter(1.0 - threshold - MARGIN, -np.inf)  # strictly above the threshold
    labels = fcluster(tree, t=cut, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())


def cluster(sim: np.ndarray | sparse.spmatrix, threshold: float) -> list[list[int]]:
    """Groups of indexes (each sorted), sorted by first member; singletons included."""
    n = sim.shape[0]
    if n == 0:
        return []
    strong = sparse.csr_matrix(sim > threshold + MARGIN)
    strong.setdiag(False)
    strong.eliminate_zeros()
    _, labels = connected_components(strong, directed=False)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    matrix = sparse.csr_matrix(sim) if sparse.issparse(sim) else sim
    groups: list[list[int]] = []
    for component in members.values():
        if len(component) == 1:
            groups.append(component)
            continue
        found = _component_groups(_condensed(matrix, np.array(component)), threshold)
        groups.extend(sorted(component[i] for i in group) for group in found)
    return sorted(groups)
