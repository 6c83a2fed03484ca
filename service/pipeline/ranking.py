"""How likely each story sentence is to be in an editor's summary: a learned, inspectable scorer.

Each sentence gets a small vector of features (``FEATURES``): its place among the eligible
sentences and the story words before it (lead prior), its overlap with the headline, its TextRank centrality over a TF-IDF
cosine graph, its similarity to the lead (sentences that elaborate on it), its length and form.
A logistic regression fitted on human summaries of Hindi news (``python -m service
eval-selection --fit``; data and figures in docs/quality.md) weighs them; the weights, with the
feature means and scales, live in ``selection_model.json`` beside this module and are read once.

Long articles get their own weights (``LongArticleShift``): from ``min_words`` story words on, a
fitted shift is added to every weight. The base weights learned the editors' habit on articles of
at most ~256 words (summaries drawn from the opening); on long articles the people who wrote
summaries drew from all through the text, so there the position prior is weaker and centrality and
fuller sentences count more. The shift is fitted on long development articles with the base
weights as the starting point and a penalty that keeps it small (``selection_fit.py``).

Sentences that cannot be a bullet (``is_dateline``, ``is_fragment``) are never scored: a dateline
such as "नई दिल्ली." or a crosshead left without a sentence end would waste a bullet.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from service.pipeline.types import Sentence

MODEL_PATH = Path(__file__).with_name("selection_model.json")

# A word: Devanagari letters with their vowel signs and nuktas (not the danda), Latin letters, digits.
_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097F\w]+")
_LATIN = re.compile(r"[A-Za-z]")
_DEVANAGARI = re.compile(r"[\u0900-\u0963\u0966-\u097F]")
_SENTENCE_END = re.compile(r"[।॥?!.:][\s'\"’”)\]]*$")
# Openers that lean on an earlier sentence ("Meanwhile", "Besides", "Actually", "He said").
_DEPENDENT_OPENERS = re.compile(
    r"^(?:वहीं|इसके|इससे|इसी|इस\s|इन\s|हालांकि|हालाँकि|दरअसल|साथ\s+ही|उन्होंने|उनके|उनकी|उसने|उसके|यह\s|ये\s|वह\s|वे\s|"
    r"बता\s+दें|गौरतलब|इसलिए|लेकिन|मगर|और\s|फिर|तब|अब\s)"
)
MIN_WORDS = 4  # shorter "sentences" are datelines, labels and crumbs, never a bullet
FRAGMENT_WORDS = 8  # a piece without a sentence end this short is a crosshead or a cut-off line

FEATURES = (
    "log_rank", "position_relative",
    "paragraph_start", "headline_cosine", "headline_recall", "centrality", "lead_similarity",
    "log_words", "long_sentence", "has_digit", "has_quote", "dependent_opener", "question",
    "latin_share", "log_words_before",
)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def is_dateline(text: str) -> bool:
    """A place (and date) standing alone as a "sentence": "नई दिल्ली.", "लखनऊ।", "पटना, 12 मई :"."""
    tokens = words(text)
    return 0 < len(tokens) <= 3 and not re.search(r"(?:है|हैं|था|थे|थी|गया|गई|गए)\W*$", text)


def is_fragment(text: str) -> bool:
    """Not a sentence a bullet can stand on: too few words, no Devanagari or Latin letter at all,
    or a short piece with no sentence end (a crosshead, a "पढ़ें:" link, a line cut short)."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS or not (_DEVANAGARI.search(text) or _LATIN.search(text)):
        return True
    return len(tokens) < FRAGMENT_WORDS and not _SENTENCE_END.search(text.strip())


def is_eligible(text: str) -> bool:
    return not (is_dateline(text) or is_fragment(text))


def textrank(similarity: np.ndarray, damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    """PageRank over a sentence-similarity graph (TextRank); returns a probability per sentence."""
    graph = similarity.copy()
    np.fill_diagonal(graph, 0.0)
    out_weight = graph.sum(axis=1, keepdims=True)
    n = len(graph)
    transition = np.divide(graph, out_weight, out=np.full_like(graph, 1.0 / n), where=out_weight > 0)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - damping) / n + damping * transition.T @ scores
        if np.abs(updated - scores).sum() < 1e-8:
            return updated
        scores = updated
    return scores


@dataclass(frozen=True)
class SentenceTable:
    """Features of the eligible sentences of one article and their pairwise cosine similarity."""

    sentences: list[Sentence]
    features: np.ndarray  # (n, len(FEATURES))
    similarity: np.ndarray  # (n, n)


def sentence_table(sentences: list[Sentence], headline: str | None) -> SentenceTable:
    """Features (``FEATURES`` order) of ``sentences``, which must all be eligible, in article order."""
    n = len(sentences)
    texts = [s.text for s in sentences]
    vectorizer = TfidfVectorizer(analyzer=words, sublinear_tf=True, norm="l2")
    matrix = vectorizer.fit_transform(texts + [headline or ""])
    cosine = (matrix @ matrix.T).toarray()
    similarity = cosine[:n, :n]
    centrality = textrank(similarity) if n > 1 else np.ones(1)
    centrality = centrality / centrality.max()
    headline_words = set(words(headline or ""))
    # The lead's own "similarity to the lead": how much the rest of the story elaborates on it.
    lead_support = float(similarity[0, 1:].mean()) if n > 1 else 0.0
    previous_paragraph = -1
    words_before = 0
    rows = []
    for i, sentence in enumerate(sentences):
        tokens = words(sentence.text)
        letters = len(_LATIN.findall(sentence.text)) + len(_DEVANAGARI.findall(sentence.text))
        rows.append([
            math.log1p(i), i / max(n - 1, 1),
            float(i > 0 and sentence.paragraph != previous_paragraph),  # a new paragraph after the lead
            cosine[n, i] if headline else 0.0,
            len(headline_words & set(tokens)) / len(headline_words) if headline_words else 0.0,
            centrality[i], similarity[0, i] if i else lead_support,
            math.log1p(len(tokens)), float(len(tokens) > 40), float(bool(re.search(r"\d", sentence.text))),
            float(bool(re.search(r"[\"“”'‘’]", sentence.text))),
            float(bool(_DEPENDENT_OPENERS.match(sentence.text))), float(sentence.text.rstrip().endswith("?")),
            len(_LATIN.findall(sentence.text)) / letters if letters else 0.0,
            math.log1p(words_before),
        ])
        previous_paragraph = sentence.paragraph
        words_before += len(tokens)
    return SentenceTable(list(sentences), np.asarray(rows, dtype=float).reshape(n, len(FEATURES)), similarity)


def story_words(sentences: list[Sentence]) -> int:
    """Words of these sentences (the article length the model and the bullet count go by)."""
    return sum(len(words(s.text)) for s in sentences)


@dataclass(frozen=True)
class LongArticleShift:
    """What changes in the weights from ``min_words`` story words on (fitted on long articles)."""

    min_words: int
    weights: np.ndarray  # added to the base weights, per standard deviation of each feature
    intercept: float
    penalty: float  # the L2 penalty it was fitted with (chosen on development articles)

    def to_dict(self) -> dict:
        return {"min_words": self.min_words, "weights": [round(float(w), 6) for w in self.weights],
                "intercept": round(self.intercept, 6), "penalty": self.penalty}

    @classmethod
    def from_dict(cls, data: dict) -> "LongArticleShift":
        return cls(int(data["min_words"]), np.asarray(data["weights"], dtype=float), float(data["intercept"]),
                   float(data["penalty"]))


@dataclass(frozen=True)
class SelectionModel:
    """A fitted linear scorer and the selection settings tuned with it (see ``selection_model.json``)."""

    weights: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    redundancy: float  # MMR: how much similarity to an already chosen sentence costs
    duplicate_threshold: float  # cosine above this = the same fact said again, never both
    words_per_bullet: float  # automatic bullet count: one bullet per this many article words
    long_articles: LongArticleShift | None = None

    def is_long(self, article_words: int) -> bool:
        return self.long_articles is not None and article_words >= self.long_articles.min_words

    def probabilities(self, features: np.ndarray, article_words: int = 0) -> np.ndarray:
        """Probability of each sentence (rows of ``features``) being in the summary of an article of
        ``article_words`` story words (long articles use the shifted weights)."""
        weights, intercept = self.weights, self.intercept
        if self.is_long(article_words):
            weights, intercept = weights + self.long_articles.weights, intercept + self.long_articles.intercept
        z = ((features - self.mean) / self.scale) @ weights + intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_dict(self) -> dict:
        data = {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "intercept": round(self.intercept, 6),
            "mean": [round(float(m), 6) for m in self.mean],
            "scale": [round(float(s), 6) for s in self.scale],
            "redundancy": self.redundancy,
            "duplicate_threshold": self.duplicate_threshold,
            "words_per_bullet": self.words_per_bullet,
        }
        if self.long_articles is not None:
            data["long_articles"] = self.long_articles.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "SelectionModel":
        if list(data["features"]) != list(FEATURES):
            raise ValueError(f"selection model features {data['features']} do not match the code's {list(FEATURES)}")
        long_articles = LongArticleShift.from_dict(data["long_articles"]) if data.get("long_articles") else None
        if long_articles is not None and len(long_articles.weights) != len(FEATURES):
            raise ValueError("selection model: the long-article shift has a weight per feature")
        return cls(
            np.asarray(data["weights"], dtype=float), float(data["intercept"]),
            np.asarray(data["mean"], dtype=float), np.asarray(data["scale"], dtype=float),
            float(data["redundancy"]), float(data["duplicate_threshold"]), float(data["words_per_bullet"]),
            long_articles,
        )


@lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_PATH) -> SelectionModel:
    return SelectionModel.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
