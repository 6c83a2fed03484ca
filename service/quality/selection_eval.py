"""How well extractive selection matches the summaries editors published, against lead-k and others.

Every article goes through the stages a brief uses (``clean_article`` on "headline, blank line,
article", then ``split_sentences``); each system then picks up to k of those sentences, joined in
article order, and is scored against the human summary (``selection_metrics``):

* ``project``: ``select_sentences`` (the learned ranker with MMR, ``service/pipeline/select.py``);
* ``lead``: the first k sentences, the classic strong news baseline;
* ``textrank``: TextRank over a TF-IDF cosine graph, no position prior;
* ``oracle``: greedily the sentences that raise ROUGE-1 + ROUGE-2 F1 most (at most k): the ceiling.

k is 3, the configured default (``BRIEFS_BULLETS``) and ``auto`` (``bullet_count``, the same k for
every system on an article). For each, ``project - lead`` is a paired bootstrap over articles
(mean, 95% interval, wins/losses), on all articles and on those over ``LONG_WORDS`` words. The
picks of ``project`` are checked for datelines and fragments (``ranking.is_eligible``).

``fit_model`` fits the ranker on development articles only (``--fit``): logistic regression on
sentence features with oracle membership as the label, then the MMR settings and the words per
automatic bullet are chosen by mean ROUGE-2 on the same development articles.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Sequence

import numpy as np

from service.pipeline.clean import clean_article
from service.pipeline.ranking import FEATURES, SelectionModel, is_eligible, sentence_table, textrank, words
from service.pipeline.segment import split_sentences
from service.pipeline.select import bullet_count, eligible_sentences, mmr, select_sentences
from service.pipeline.types import Sentence
from service.quality.selection_data import SummaryExample
from service.quality.selection_metrics import (
    METRICS, HindiTokenizer, PairedDifference, Scores, ngram_f1, ngrams, paired_bootstrap, score_summary,
)

LONG_WORDS = 400
SYSTEMS = ("project", "lead", "textrank", "oracle")


@dataclass
class PreparedArticle:
    example: SummaryExample
    headline: str | None
    sentences: list[Sentence]

    @property
    def words(self) -> int:
        return sum(len(words(s.text)) for s in self.sentences)


def prepare(example: SummaryExample) -> PreparedArticle:
    """The article as a brief sees it: cleaned, split into sentences, with its headline."""
    page = f"{example.headline}\n\n{example.article}" if example.headline else example.article
    clean = clean_article(page, "hi")
    sentences = split_sentences(clean.paragraphs) or split_sentences([example.article])
    return PreparedArticle(example, example.headline or clean.headline, sentences)


def joined(sentences: Iterable[Sentence]) -> str:
    return " ".join(s.text for s in sentences)


def lead(article: PreparedArticle, k: int) -> list[Sentence]:
    return article.sentences[:k]


def textrank_only(article: PreparedArticle, k: int) -> list[Sentence]:
    """TextRank (TF-IDF cosine graph) top-k in article order: centrality alone, no lead prior."""
    if len(article.sentences) <= k:
        return list(article.sentences)
    table = sentence_table(article.sentences, None)
    order = np.argsort(-textrank(table.similarity), kind="stable")[:k]
    return [article.sentences[i] for i in sorted(order)]


def oracle(article: PreparedArticle, k: int) -> list[Sentence]:
    """Greedy extractive oracle: add the sentence that raises ROUGE-1 + ROUGE-2 F1 most, up to k."""
    return [article.sentences[i] for i in sorted(oracle_indexes(article.sentences, article.example.summary, k))]


def oracle_indexes(sentences: Sequence[Sentence], reference: str, k: int) -> list[int]:
    """Indexes the greedy oracle adds, in the order it adds them (ROUGE-1 + ROUGE-2 F1 from counts)."""
    tokenize = HindiTokenizer().tokenize
    tokens = [tokenize(s.text) for s in sentences]
    reference_tokens = tokenize(reference)
    references = (ngrams(reference_tokens, 1), ngrams(reference_tokens, 2))
    chosen: list[int] = []
    best_score = 0.0
    while len(chosen) < k:
        trials = []
        for i in range(len(sentences)):
            if i not in chosen:
                summary = [t for j in sorted([*chosen, i]) for t in tokens[j]]
                score = ngram_f1(ngrams(summary, 1), references[0]) + ngram_f1(ngrams(summary, 2), references[1])
                trials.append((score, -i))
        if not trials:
            break
        score, negative_index = max(trials)
        if score <= best_score:
            break
        best_score = score
        chosen.append(-negative_index)
    return chosen


def project(article: PreparedArticle, k: int, model: SelectionModel | None = None) -> list[Sentence]:
    return select_sentences(article.sentences, k, article.headline, model)


Picker = Callable[[PreparedArticle, int], list[Sentence]]


def pickers(model: SelectionModel | None = None) -> dict[str, Picker]:
    return {"project": lambda a, k: project(a, k, model), "lead": lead, "textrank": textrank_only, "oracle": oracle}


@dataclass
class SettingResult:
    """All systems at one bullet setting (3, the default, or auto) on one split."""

    setting: str
    scores: dict[str, list[Scores]] = field(default_factory=dict)
    long_article: list[bool] = field(default_factory=list)
    bad_picks: dict[str, int] = field(default_factory=dict)  # datelines / fragments picked, per system
    picks: dict[str, int] = field(default_factory=dict)
    select_ms: float = 0.0  # project's selection time per article

    def mean(self, system: str, metric: str, only_long: bool = False) -> float:
        values = [s.get(metric) for s, long in zip(self.scores[system], self.long_article) if long or not only_long]
        return float(np.mean(values)) if values else float("nan")

    def paired(self, metric: str = "rouge2", only_long: bool = False) -> PairedDifference | None:
        rows = [(p.get(metric), l.get(metric)) for p, l, long in
                zip(self.scores["project"], self.scores["lead"], self.long_article) if long or not only_long]
        return paired_bootstrap([r[0] for r in rows], [r[1] for r in rows]) if rows else None


def run_setting(articles: list[PreparedArticle], setting: str, k_for: Callable[[PreparedArticle], int],
                model: SelectionModel | None = None, systems: Sequence[str] = SYSTEMS) -> SettingResult:
    result = SettingResult(setting, {name: [] for name in systems}, [], {name: 0 for name in systems},
                           {name: 0 for name in systems})
    chosen_by = pickers(model)
    spent = 0.0
    for article in articles:
        k = k_for(article)
        result.long_article.append(len(article.example.article.split()) > LONG_WORDS)
        for name in systems:
            started = time.perf_counter()
            picked = chosen_by[name](article, k)
            if name == "project":
                spent += time.perf_counter() - started
            result.scores[name].append(score_summary(joined(picked), article.example.summary))
            result.picks[name] += len(picked)
            result.bad_picks[name] += sum(not is_eligible(s.text) for s in picked)
    result.select_ms = spent * 1000 / max(len(articles), 1)
    return result


def evaluate(examples: list[SummaryExample], default_k: int, model: SelectionModel | None = None,
             settings: Sequence[str] = ("3", "default", "auto")) -> list[SettingResult]:
    articles = [prepare(e) for e in examples]
    k_of = {
        "3": lambda a: 3,
        "default": lambda a: default_k,
        "auto": lambda a: bullet_count(a.sentences, default_k, model),
    }
    return [run_setting(articles, name if name != "default" else f"default ({default_k})", k_of[name], model)
            for name in settings]


def table(title: str, results: list[SettingResult]) -> str:
    """Markdown tables: each system's means, then project - lead, then the picks' form."""
    lines = [f"### {title}", ""]
    for result in results:
        n, n_long = len(result.long_article), sum(result.long_article)
        lines += [f"k = {result.setting}: {n} articles ({n_long} over {LONG_WORDS} words)", "",
                  "| method | ROUGE-1 | ROUGE-2 | ROUGE-L | chrF |", "|---|---|---|---|---|"]
        for system in result.scores:
            lines.append(f"| {system} | " + " | ".join(f"{result.mean(system, m):.1f}" for m in METRICS) + " |")
        lines += ["", "| project - lead | ROUGE-2 diff | 95% CI | wins / losses / ties |", "|---|---|---|---|"]
        for label, only_long in (("all articles", False), (f"over {LONG_WORDS} words", True)):
            diff = result.paired("rouge2", only_long)
            if diff is None:
                lines.append(f"| {label} | - | - | no articles |")
            else:
                lines.append(f"| {label} | {diff.mean:+.1f} | {diff.low:+.1f} to {diff.high:+.1f} | "
                             f"{diff.wins} / {diff.losses} / {diff.ties} |")
        bad = ", ".join(f"{s} {result.bad_picks[s]}/{result.picks[s]}" for s in result.scores)
        lines += ["", f"datelines or fragments picked: {bad}; project selection {result.select_ms:.2f} ms/article", ""]
    return "\n".join(lines)


# -- fitting ------------------------------------------------------------------------------------

def training_rows(articles: list[PreparedArticle], max_k: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Features of every eligible sentence and whether the greedy oracle picks it."""
    features, labels = [], []
    for article in articles:
        candidates = eligible_sentences(article.sentences)
        if len(candidates) < 2:
            continue
        table_ = sentence_table(candidates, article.headline)
        picked = set(oracle_indexes(candidates, article.example.summary, max_k))
        features.append(table_.features)
        labels.append([float(i in picked) for i in range(len(candidates))])
    return np.vstack(features), np.concatenate(labels)


def fit_model(examples: list[SummaryExample], default_k: int = 5, log: Callable[[str], None] = print) -> SelectionModel:
    """Fit the ranker and tune MMR and the automatic bullet count on development examples."""
    from sklearn.linear_model import LogisticRegression

    articles = [prepare(e) for e in examples]
    x, y = training_rows(articles)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    log(f"fitted on {len(x)} sentences of {len(articles)} articles ({int(y.sum())} in the oracle)")
    for name, weight in sorted(zip(FEATURES, classifier.coef_[0]), key=lambda p: -abs(p[1])):
        log(f"  {name:18s} {weight:+.3f}")

    fitted = SelectionModel(classifier.coef_[0].copy(), float(classifier.intercept_[0]), mean, scale, 0.0, 1.0, 100.0)
    scored = [_scored(a, fitted) for a in articles]  # features and scores once; MMR settings vary below

    def mean_rouge2(redundancy: float, duplicate: float, k_for: Callable[[_Scored], int]) -> float:
        return float(np.mean([
            s.rouge2([s.candidates[i] for i in mmr(s.score, s.similarity, k_for(s), redundancy, duplicate)])
            for s in scored
        ]))

    grid = [(r, d) for r in (0.0, 0.1, 0.2, 0.3, 0.5) for d in (0.6, 0.7, 0.8)]
    tuned = {g: mean_rouge2(*g, lambda s: 3) + mean_rouge2(*g, lambda s: default_k) for g in grid}
    redundancy, duplicate = max(tuned, key=tuned.get)
    log(f"MMR redundancy {redundancy}, duplicate threshold {duplicate} (dev mean ROUGE-2 at k=3 + k={default_k})")
    per_bullet = {w: mean_rouge2(redundancy, duplicate, lambda s, w=w: max(1, min(default_k, math.ceil(s.words / w))))
                  for w in (40, 60, 80, 100, 120, 150, 200, 300)}
    for w, value in per_bullet.items():
        log(f"  words per bullet {w:4d}: dev ROUGE-2 {value:.2f}")
    words_per_bullet = float(max(per_bullet, key=per_bullet.get))
    return replace(fitted, redundancy=redundancy, duplicate_threshold=duplicate, words_per_bullet=words_per_bullet)


@dataclass
class _Scored:
    """One development article's eligible sentences, their scores and similarities (for tuning)."""

    candidates: list[Sentence]
    score: np.ndarray
    similarity: np.ndarray
    words: int
    reference: str

    def rouge2(self, picked: list[Sentence]) -> float:
        return score_summary(joined(picked), self.reference).rouge2


def _scored(article: PreparedArticle, model: SelectionModel) -> _Scored:
    candidates = eligible_sentences(article.sentences)
    if len(candidates) < 2:
        return _Scored(candidates, np.ones(len(candidates)), np.ones((len(candidates), len(candidates))),
                       sum(len(words(s.text)) for s in candidates), article.example.summary)
    table_ = sentence_table(candidates, article.headline)
    return _Scored(candidates, model.probabilities(table_.features), table_.similarity,
                   sum(len(words(s.text)) for s in candidates), article.example.summary)
