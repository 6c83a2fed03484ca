"""Extractive selection: the sentences an editor would keep, without repeats, in article order.

1. Datelines and fragments are set aside (``ranking.is_eligible``); they are never a bullet.
2. Every other sentence is scored by the learned ranker (``ranking.py``: lead prior, headline
   overlap, centrality, similarity to the lead, length and form; long articles, 400 story words
   and more, with their own weights).
3. Maximal marginal relevance picks greedily: score minus ``redundancy`` x the highest cosine
   similarity to a sentence already picked; a near-duplicate (cosine above
   ``duplicate_threshold``) is never picked.
4. The picks are returned in article order, so the bullets read as a story.

``bullet_count`` decides how many bullets an article gets when the request does not say: one per
``words_per_bullet`` words of story, at least one, at most the cap (``BRIEFS_BULLETS``); the
figure was chosen on human summaries (docs/quality.md). Selecting before translating is the
cheapest speed-up there is and cannot invent facts.
"""
from __future__ import annotations

import math

import numpy as np

from service.pipeline.ranking import SelectionModel, is_eligible, load_model, sentence_table, story_words, words
from service.pipeline.types import Sentence

AUTO = "auto"


def tokenize(text: str) -> list[str]:
    """Lower-cased words (Devanagari with its signs, Latin, digits); shared with story grouping."""
    return words(text)


def eligible_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences that may become a bullet (no datelines, no fragments); all of them if none is."""
    return [s for s in sentences if is_eligible(s.text)] or list(sentences)


def bullet_count(sentences: list[Sentence], cap: int, model: SelectionModel | None = None) -> int:
    """Bullets for an article of these sentences: one per ``words_per_bullet`` story words, 1..cap."""
    model = model or load_model()
    return max(1, min(cap, math.ceil(story_words(eligible_sentences(sentences)) / model.words_per_bullet)))


def select_sentences(
    sentences: list[Sentence], n: int, headline: str | None = None, model: SelectionModel | None = None
) -> list[Sentence]:
    """Pick up to ``n`` sentences (article order) by learned importance with redundancy removed."""
    if n <= 0 or not sentences:
        return []
    model = model or load_model()
    candidates = eligible_sentences(sentences)
    if len(candidates) <= 1:
        return candidates[:n]
    table = sentence_table(candidates, headline)
    score = model.probabilities(table.features, story_words(candidates))
    chosen = mmr(score, table.similarity, n, model.redundancy, model.duplicate_threshold)
    return [candidates[i] for i in chosen]


def mmr(score: np.ndarray, similarity: np.ndarray, n: int, redundancy: float, duplicate_threshold: float) -> list[int]:
    """Indexes (sorted) picked greedily by score minus ``redundancy`` x similarity to the picks so far."""
    chosen: list[int] = []
    remaining = list(range(len(score)))
    while remaining and len(chosen) < n:
        def marginal(i: int) -> float:
            overlap = max((similarity[i, j] for j in chosen), default=0.0)
            return score[i] - redundancy * overlap

        best = max(remaining, key=marginal)
        remaining.remove(best)
        if any(similarity[best, j] > duplicate_threshold for j in chosen):
            continue
        chosen.append(best)
    return sorted(chosen)
