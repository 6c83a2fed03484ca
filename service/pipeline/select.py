"""Extractive selection: the N most informative, non-redundant sentences, in article order.

Score = TextRank centrality over a TF-IDF cosine graph + a lead (position) prior + similarity to
the headline. Then maximal marginal relevance picks sentences greedily, skipping near-duplicates.
Selecting before translating is the cheapest speed-up there is and cannot invent facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from service.pipeline.types import Sentence

# A word: Devanagari letters with their vowel signs and nuktas (not the danda), Latin letters, digits.
_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097F\w]+")


@dataclass(frozen=True)
class SelectionWeights:
    centrality: float = 0.5
    position: float = 0.3
    headline: float = 0.2
    redundancy: float = 0.3  # MMR trade-off: how much similarity to chosen sentences costs
    duplicate_threshold: float = 0.7  # cosine above this = the same sentence said again
    min_words: int = 4


def tokenize(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _textrank(similarity: np.ndarray, damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    graph = similarity.copy()
    np.fill_diagonal(graph, 0.0)
    out_weight = graph.sum(axis=1, keepdims=True)
    n = len(graph)
    transition = np.divide(graph, out_weight, out=np.full_like(graph, 1.0 / n), where=out_weight > 0)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - damping) / n + damping * transition.T @ scores
        if np.abs(updated - scores).sum() < 1e-8:
            break
        scores = updated
    return scores


def _normalize(values: np.ndarray) -> np.ndarray:
    span = values.max() - values.min()
    return (values - values.min()) / span if span > 0 else np.ones_like(values)


def rank_sentences(
    sentences: list[Sentence], headline: str | None, weights: SelectionWeights = SelectionWeights()
) -> tuple[np.ndarray, np.ndarray]:
    """Importance score per sentence and the sentence-by-sentence cosine similarity matrix."""
    texts = [s.text for s in sentences]
    vectorizer = TfidfVectorizer(analyzer=tokenize, sublinear_tf=True, norm="l2")
    matrix = vectorizer.fit_transform(texts + [headline or ""])
    similarity = (matrix @ matrix.T).toarray()
    sentence_similarity = similarity[:-1, :-1]
    centrality = _normalize(_textrank(sentence_similarity))
    position = 1.0 / (1.0 + np.arange(len(sentences)) / 3.0)
    to_headline = _normalize(similarity[-1, :-1]) if headline else np.zeros(len(sentences))
    score = weights.centrality * centrality + weights.position * position + weights.headline * to_headline
    return score, sentence_similarity


def select_sentences(
    sentences: list[Sentence], n: int, headline: str | None = None, weights: SelectionWeights = SelectionWeights()
) -> list[Sentence]:
    """Pick up to ``n`` sentences (article order) by importance with redundancy removed."""
    if n <= 0 or not sentences:
        return []
    candidates = [s for s in sentences if len(tokenize(s.text)) >= weights.min_words] or list(sentences)
    if len(candidates) <= 1:
        return candidates[:n]
    score, similarity = rank_sentences(candidates, headline, weights)
    chosen: list[int] = []
    remaining = list(range(len(candidates)))
    while remaining and len(chosen) < n:
        def marginal(i: int) -> float:
            overlap = max((similarity[i, j] for j in chosen), default=0.0)
            return score[i] - weights.redundancy * overlap

        best = max(remaining, key=marginal)
        remaining.remove(best)
        if any(similarity[best, j] > weights.duplicate_threshold for j in chosen):
            continue
        chosen.append(best)
    return [candidates[i] for i in sorted(chosen)]
