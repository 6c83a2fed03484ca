"""Fitting the selection ranker on development articles only (``eval-selection --fit``).

1. **Base weights**: logistic regression on the sentence features (``ranking.FEATURES``) of the
   development articles under ``LONG_WORDS`` story words, the label being membership in the greedy
   ROUGE oracle of the human summary; the MMR settings and the words per automatic bullet are then
   chosen by mean ROUGE-2 on the same articles.
2. **Long-article shift** (``fit_long_shift``): on the development articles of ``LONG_WORDS`` story
   words and more, the same loss with the base scores as a fixed offset, plus ``penalty / 2 x
   |shift|^2``: the base weights are the prior and the long articles move them only as far as they
   carry evidence. The penalty is chosen from ``PENALTIES`` by leave-one-article-out on those long
   articles (mean ROUGE-2 at k = 3 plus k = default of the article left out), then the shift is
   fitted on all of them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from service.pipeline.ranking import FEATURES, LongArticleShift, SelectionModel, sentence_table, story_words
from service.pipeline.select import eligible_sentences, mmr
from service.pipeline.types import Sentence
from service.quality.selection_data import SummaryExample
from service.quality.selection_eval import LONG_WORDS, PreparedArticle, joined, oracle_indexes, prepare
from service.quality.selection_metrics import score_summary

PENALTIES = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)

Log = Callable[[str], None]


@dataclass
class LabelledArticle:
    """One development article's eligible sentences, their features and similarities, oracle labels."""

    candidates: list[Sentence]
    features: np.ndarray
    similarity: np.ndarray
    labels: np.ndarray
    words: int
    reference: str

    def rouge2(self, picked: Sequence[int]) -> float:
        return score_summary(joined([self.candidates[i] for i in sorted(picked)]), self.reference).rouge2


def labelled(article: PreparedArticle, max_k: int = 5) -> LabelledArticle | None:
    candidates = eligible_sentences(article.sentences)
    if len(candidates) < 2:
        return None
    table = sentence_table(candidates, article.headline)
    picked = set(oracle_indexes(candidates, article.example.summary, max_k))
    return LabelledArticle(candidates, table.features, table.similarity,
                           np.array([float(i in picked) for i in range(len(candidates))]),
                           story_words(candidates), article.example.summary)


def fit_model(examples: list[SummaryExample], default_k: int = 5, log: Log = print) -> SelectionModel:
    """Base weights, MMR and bullet settings on the short development articles, then the long shift."""
    rows = [r for r in (labelled(prepare(e)) for e in examples) if r is not None]
    short = [r for r in rows if r.words < LONG_WORDS]
    long = [r for r in rows if r.words >= LONG_WORDS]
    model = fit_base(short, default_k, log)
    if long:
        model = replace(model, long_articles=fit_long_shift(long, model, default_k, log))
    else:
        log(f"no development article of {LONG_WORDS}+ words: no long-article shift")
    return model


def fit_base(rows: list[LabelledArticle], default_k: int, log: Log) -> SelectionModel:
    from sklearn.linear_model import LogisticRegression

    x, y = np.vstack([r.features for r in rows]), np.concatenate([r.labels for r in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    log(f"base: fitted on {len(x)} sentences of {len(rows)} articles under {LONG_WORDS} words "
        f"({int(y.sum())} in the oracle)")
    for name, weight in sorted(zip(FEATURES, classifier.coef_[0]), key=lambda p: -abs(p[1])):
        log(f"  {name:18s} {weight:+.3f}")
    fitted = SelectionModel(classifier.coef_[0].copy(), float(classifier.intercept_[0]), mean, scale, 0.0, 1.0, 100.0)
    scores = [fitted.probabilities(r.features) for r in rows]

    def mean_rouge2(redundancy: float, duplicate: float, k_for: Callable[[LabelledArticle], int]) -> float:
        return float(np.mean([r.rouge2(mmr(s, r.similarity, k_for(r), redundancy, duplicate))
                              for r, s in zip(rows, scores)]))

    grid = [(r, d) for r in (0.0, 0.1, 0.2, 0.3, 0.5) for d in (0.6, 0.7, 0.8)]
    tuned = {g: mean_rouge2(*g, lambda r: 3) + mean_rouge2(*g, lambda r: default_k) for g in grid}
    redundancy, duplicate = max(tuned, key=tuned.get)
    log(f"MMR redundancy {redundancy}, duplicate threshold {duplicate} (dev mean ROUGE-2 at k=3 + k={default_k})")
    per_bullet = {w: mean_rouge2(redundancy, duplicate, lambda r, w=w: max(1, min(default_k, math.ceil(r.words / w))))
                  for w in (40, 60, 80, 100, 120, 150, 200, 300)}
    for w, value in per_bullet.items():
        log(f"  words per bullet {w:4d}: dev ROUGE-2 {value:.2f}")
    return replace(fitted, redundancy=redundancy, duplicate_threshold=duplicate,
                   words_per_bullet=float(max(per_bullet, key=per_bullet.get)))


def shift_weights(rows: list[LabelledArticle], base: SelectionModel, penalty: float) -> tuple[np.ndarray, float]:
    """The shift (per-feature weights, intercept) that minimizes the logistic loss of ``base``'s
    scores plus the shift on ``rows``, with an L2 ``penalty`` on the weights (not the intercept)."""
    from scipy.optimize import minimize

    z = np.vstack([(r.features - base.mean) / base.scale for r in rows])
    y = np.concatenate([r.labels for r in rows])
    offset = z @ base.weights + base.intercept
    n = z.shape[1]

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        shift, intercept = params[:n], params[n]
        logit = offset + z @ shift + intercept
        residual = 1.0 / (1.0 + np.exp(-logit)) - y
        value = float(np.sum(np.logaddexp(0.0, logit) - y * logit) + 0.5 * penalty * shift @ shift)
        return value, np.concatenate([z.T @ residual + penalty * shift, [residual.sum()]])

    result = minimize(loss, np.zeros(n + 1), jac=True, method="L-BFGS-B")
    return result.x[:n], float(result.x[n])


def fit_long_shift(rows: list[LabelledArticle], base: SelectionModel, default_k: int, log: Log) -> LongArticleShift:
    def held_out_rouge2(penalty: float) -> float:
        total = 0.0
        for i, row in enumerate(rows):
            weights, intercept = shift_weights(rows[:i] + rows[i + 1:], base, penalty)
            model = replace(base, long_articles=LongArticleShift(LONG_WORDS, weights, intercept, penalty))
            score = model.probabilities(row.features, row.words)
            total += sum(row.rouge2(mmr(score, row.similarity, k, base.redundancy, base.duplicate_threshold))
                         for k in (3, default_k))
        return total / len(rows)

    tried = {p: held_out_rouge2(p) for p in PENALTIES}
    log(f"long articles: {len(rows)} development articles of {LONG_WORDS}+ words; penalty chosen by "
        f"leave-one-article-out (mean ROUGE-2 at k=3 + k={default_k} of the article left out):")
    for penalty, value in tried.items():
        log(f"  penalty {penalty:6.1f}: {value:.2f}")
    penalty = max(tried, key=tried.get)
    weights, intercept = shift_weights(rows, base, penalty)
    log(f"long-article shift (penalty {penalty}), added to the base weights from {LONG_WORDS} story words:")
    for name, weight, shifted in sorted(zip(FEATURES, weights, base.weights + weights), key=lambda p: -abs(p[1])):
        log(f"  {name:18s} {weight:+.3f} -> {shifted:+.3f}")
    log(f"  intercept          {intercept:+.3f}")
    return LongArticleShift(LONG_WORDS, weights, intercept, penalty)
