"""What grouping reads of a batch of articles, as sparse matrices (one row per article).

Every kind of pairwise evidence (``similarity``) is a product of two of these matrices, so it is
computed for all pairs at once (a matrix product) or for a list of candidate pairs (row-wise dot
products), never by a Python loop over pairs:

- ``words``: which words each article uses (binary); ``vectors``: sublinear term frequency times
  specificity (``specificity``), rows of length 1 (cosine = dot product);
- ``lead``: the specificity of each headline-and-first-sentence word, rows summing to 1, so that
  ``lead @ words.T`` is the share of one report's lead found anywhere in the other;
- ``content``: the same for all of an article's words (how much of one report is in the other);
- ``places``: where each lead says its event happened (``places``); ``days``: calendar days named;
- ``actors``: the specific words (names, countries: background specificity at least
  ``ACTOR_MIN_BACKGROUND``) of who acted in the headline (``lead.headline_actor_words``);
- ``states``: the Indian state the headline or lead is about (one column per state, ``places.lead_state``);
  ``figures``: the figures of the headline and first sentence (``places.lead_figures``); ``numbers``:
  every figure of the text, in the same columns (``places.text_figures``); ``routine``: whether the
  lead reports the latest figure of a recurring count (``places.is_routine_update``);
- ``chars``: character 3-5-gram TF-IDF rows of length 1 (the same names spelt differently);
- publication dates as day numbers (NaN when unknown) and the date bounds ``dates.compatible`` uses.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

from service.digest import dates
from service.digest.lead import headline_actor_words, lead_words, read_lead
from service.digest.places import is_routine_update, lead_figures, lead_state, places_in, text_figures
from service.digest.specificity import background_specificity
from service.pipeline.select import tokenize

DAY_SLOTS = 12 * 31  # one column per (day, month)
COMPATIBLE_WITHIN_DAYS = 3  # ``dates.compatible``'s tolerance
ACTOR_MIN_BACKGROUND = 0.5  # as ``CandidateLimits.min_background``: a word specific enough to name one actor


@dataclass(frozen=True)
class ArticleFeatures:
    """Sparse rows per article over one shared vocabulary (see the module docstring)."""

    vocabulary: list[str]
    background: np.ndarray  # per vocabulary word: specificity in general Hindi (``specificity``)
    specificity: np.ndarray  # per vocabulary word: background specificity x batch IDF
    words: sparse.csr_matrix
    vectors: sparse.csr_matrix
    lead: sparse.csr_matrix
    content: sparse.csr_matrix
    places: sparse.csr_matrix
    actors: sparse.csr_matrix
    days: sparse.csr_matrix
    states: sparse.csr_matrix
    figures: sparse.csr_matrix
    numbers: sparse.csr_matrix
    chars: sparse.csr_matrix
    published: np.ndarray  # ordinal day, NaN if unknown
    earliest: np.ndarray  # ``DateProfile.earliest_possible`` as an ordinal, NaN if unknown
    mass: np.ndarray  # total specificity of each article's distinct words
    routine: np.ndarray  # per article: its lead reports a recurring count (bool)

    @property
    def size(self) -> int:
        return self.words.shape[0]


def _ordinal(day: date | None) -> float:
    return float(day.toordinal()) if day else math.nan


def _earliest(profile: dates.DateProfile, published: date | None) -> float:
    """``dates.profile(text, published).earliest_possible()`` from the profile without the publication date."""
    return _ordinal(published or dates.DateProfile(None, profile.day_months, profile.years).earliest_possible())


class _Vocabulary(dict[str, int]):
    def ids(self, words: object) -> list[int]:
        return [self.setdefault(w, len(self)) for w in words]  # type: ignore[union-attr]


def _rows(entries: list[tuple[Sequence[int], Sequence[float]]], columns: int) -> sparse.csr_matrix:
    """CSR matrix from (column ids, values) per row; repeated ids are summed."""
    indptr = np.cumsum([0] + [len(ids) for ids, _ in entries])
    ids = np.concatenate([np.asarray(row, dtype=np.int64) for row, _ in entries] or [np.zeros(0, np.int64)])
    values = np.concatenate([np.asarray(row, dtype=np.float64) for _, row in entries] or [np.zeros(0)])
    matrix = sparse.csr_matrix((values, ids, indptr), shape=(len(entries), columns))
    matrix.sum_duplicates()
    return matrix


def _scale_rows(matrix: sparse.csr_matrix, factors: np.ndarray) -> sparse.csr_matrix:
    return sparse.csr_matrix(sparse.diags(factors) @ matrix)


def _normalise(matrix: sparse.csr_matrix, norms: np.ndarray) -> sparse.csr_matrix:
    return _scale_rows(matrix, np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0))


def character_ngrams(texts: list[str]) -> sparse.csr_matrix:
    """Character 3-5-gram TF-IDF (sublinear tf) of each text, rows of length 1 (all zero for no text).

    The values of ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)``
    (its own analyzer cuts the n-grams), counted once per distinct word of the batch rather than once
    per occurrence: a night's articles repeat the same words thousands of times.
    """
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    columns: dict[str, int] = {}
    word_grams: dict[str, np.ndarray] = {}
    entries = []
    for text in texts:
        words = Counter(text.lower().split())
        grams = []
        for word in words:
            known = word_grams.get(word)
            if known is None:
                known = word_grams[word] = np.array([columns.setdefault(g, len(columns)) for g in analyzer(word)], dtype=np.int64)
            grams.append(known)
        lengths = [len(g) for g in grams]
        counts = np.repeat(np.fromiter(words.values(), dtype=np.float64, count=len(words)), lengths)
        entries.append((np.concatenate(grams) if grams else np.zeros(0, np.int64), counts))
    if not columns:  # no text at all
        return sparse.csr_matrix((len(texts), 1))
    tally = _rows(entries, len(columns))
    return sparse.csr_matrix(TfidfTransformer(sublinear_tf=True).fit_transform(tally))


def article_features(texts: list[str], published: list[date | None] | None = None) -> ArticleFeatures:
    """The matrices of ``texts`` (cleaned, headline first); ``published`` dates where known."""
    published = list(published or [None] * len(texts))
    vocabulary = _Vocabulary()
    counts, leads, place_rows, actor_rows, day_rows, earliest = [], [], [], [], [], []
    states, figures = _Vocabulary(), _Vocabulary()
    state_rows, figure_rows, number_rows, routine = [], [], [], []
    for text, when in zip(texts, published):
        tally = Counter(tokenize(text))
        counts.append((vocabulary.ids(tally), [float(c) for c in tally.values()]))
        lead = read_lead(text)
        leads.append(vocabulary.ids(sorted(lead_words(lead))))
        place_rows.append(vocabulary.ids(sorted(places_in(lead))))
        actor_rows.append(vocabulary.ids(sorted(set(headline_actor_words(lead)))))
        state = lead_state(lead)
        state_rows.append(states.ids([state] if state else []))
        figure_rows.append(figures.ids(sorted(lead_figures(lead))))
        number_rows.append(figures.ids(sorted(text_figures(text))))
        routine.append(is_routine_update(lead))
        profile = dates.profile(text)
        day_rows.append(sorted({(month - 1) * 31 + day - 1 for day, month in profile.day_months}))
        earliest.append(_earliest(profile, when))
    width = len(vocabulary)
    words_list = list(vocabulary)
    tf = _rows(counts, width)
    words = tf.copy()
    words.data[:] = 1.0
    df = np.asarray(words.sum(axis=0)).ravel()
    background = np.fromiter((background_specificity(w) for w in words_list), dtype=np.float64, count=width)
    specificity = background * (np.log((1 + len(texts)) / (1 + df)) + 1.0)

    weighted = tf.copy()
    weighted.data = (1.0 + np.log(weighted.data)) * specificity[weighted.indices]
    vectors = _normalise(weighted, np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel()))

    lead = _rows([(ids, list(specificity[ids])) for ids in leads], width)  # each lead word once
    lead = _normalise(lead, np.asarray(lead.sum(axis=1)).ravel())
    content = words.multiply(specificity[None, :]).tocsr()
    mass = np.asarray(content.sum(axis=1)).ravel()
    content = _normalise(content, mass)

    places = _rows([(ids, [1.0] * len(ids)) for ids in place_rows], width)
    places.data[:] = 1.0
    actors = _rows([(ids, background[ids] >= ACTOR_MIN_BACKGROUND) for ids in actor_rows], width)
    actors.eliminate_zeros()
    days = _rows([(ids, [1.0] * len(ids)) for ids in day_rows], DAY_SLOTS)
    state_matrix = _rows([(ids, [1.0] * len(ids)) for ids in state_rows], max(len(states), 1))
    figure_matrix = _rows([(ids, [1.0] * len(ids)) for ids in figure_rows], max(len(figures), 1))
    number_matrix = _rows([(ids, [1.0] * len(ids)) for ids in number_rows], max(len(figures), 1))
    return ArticleFeatures(
        vocabulary=words_list,
        background=background,
        specificity=specificity,
        words=words,
        vectors=vectors,
        lead=lead,
        content=content,
        places=places,
        actors=actors,
        days=days,
        states=state_matrix,
        figures=figure_matrix,
        numbers=number_matrix,
        chars=character_ngrams(texts),
        published=np.array([_ordinal(p) for p in published]),
        earliest=np.array(earliest),
        mass=mass,
        routine=np.array(routine, dtype=bool),
    )
