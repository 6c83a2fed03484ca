"""Story grouping: which articles report the same event.

Pairwise similarity of three signals, then average-linkage agglomerative clustering cut at a
threshold (no number of stories is assumed):

- content: cosine of TF-IDF vectors of the cleaned Hindi text (word unigrams and bigrams plus
  character n-grams, which tolerate spelling variants such as सितंबर/सितम्बर);
- entities: overlap of the names, places and quantities each article mentions (``entities``);
- dates: articles that cannot have been written at the same time are never grouped; naming the
  same calendar day is evidence for one event, naming only different days is evidence against.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from service.digest import dates as dates_mod
from service.digest.entities import entity_overlap, extract_entities
from service.pipeline.select import tokenize


@dataclass(frozen=True)
class GroupingWeights:
    content: float = 0.6
    entities: float = 0.25
    dates: float = 0.15
    threshold: float = 0.25  # average similarity above which two groups are one story


@dataclass(frozen=True)
class ArticleSignals:
    """What grouping reads of one article: its cleaned text and its publication date if known."""

    text: str
    published: date | None = None


def words_and_bigrams(text: str) -> list[str]:
    words = tokenize(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def content_similarity(texts: list[str]) -> np.ndarray:
    words = TfidfVectorizer(analyzer=words_and_bigrams, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    word_matrix = words.fit_transform(texts)
    char_matrix = chars.fit_transform(texts)
    combined = normalize(hstack([word_matrix, char_matrix]).tocsr())
    return (combined @ combined.T).toarray()


def _date_evidence(a: dates_mod.DateProfile, b: dates_mod.DateProfile) -> float:
    if not a.day_months or not b.day_months:
        return 0.0
    shared = dates_mod.shared_days(a, b)
    return shared if shared > 0 else -1.0


def similarity_matrix(articles: list[ArticleSignals], weights: GroupingWeights = GroupingWeights()) -> np.ndarray:
    n = len(articles)
    if n == 0:
        return np.zeros((0, 0))
    content = content_similarity([a.text for a in articles])
    entities = [extract_entities(a.text) for a in articles]
    profiles = [dates_mod.profile(a.text, a.published) for a in articles]
    sim = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            if dates_mod.compatible(profiles[i], profiles[j]):
                value = (
                    weights.content * content[i, j]
                    + weights.entities * entity_overlap(entities[i], entities[j])
                    + weights.dates * _date_evidence(profiles[i], profiles[j])
                )
            else:
                value = 0.0
            sim[i, j] = sim[j, i] = max(0.0, value)
    return sim


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
