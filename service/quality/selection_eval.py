"""How well extractive selection matches the summaries editors published, against lead-k and others.

Every article goes through the stages a brief uses (``clean_article`` on "headline, blank line,
article", then ``split_sentences``); each system then picks up to k of those sentences, joined in
article order, and is scored against the human summary (``selection_metrics``):

* ``project``: ``select_sentences`` (the learned ranker with MMR, ``service/pipeline/select.py``);
* ``lead``: the first k sentences, the classic strong news baseline;
* ``lead_words``: the first sentences up to as many words as ``project`` picked (lead at the same
  length: ROUGE F1 against a long summary grows with the length of what is picked, so a system
  that picks longer sentences is also compared with lead at its own length);
* ``textrank``: TextRank over a TF-IDF cosine graph, no position prior;
* ``oracle``: greedily the sentences that raise ROUGE-1 + ROUGE-2 F1 most (at most k): the ceiling.

k is 3, the configured default (``BRIEFS_BULLETS``) and ``auto`` (``bullet_count``, the same k for
every system on an article). For each, ``project - lead`` and ``project - lead_words`` are paired
bootstraps over articles (mean, 95% interval, wins/losses), on all articles and on those over
``LONG_WORDS`` words. The
picks of ``project`` are checked for datelines and fragments (``ranking.is_eligible``).

Fitting the ranker on development articles (``--fit``) is in ``selection_fit``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import numpy as np

from service.pipeline.clean import clean_article
from service.pipeline.ranking import SelectionModel, is_eligible, sentence_table, story_words, textrank, words
from service.pipeline.segment import split_sentences
from service.pipeline.select import bullet_count, select_sentences
from service.pipeline.types import Sentence
from service.quality.selection_data import SummaryExample
from service.quality.selection_metrics import (
    METRICS, HindiTokenizer, PairedDifference, Scores, ngram_f1, ngrams, paired_bootstrap, score_summary,
)

LONG_WORDS = 400
SYSTEMS = ("project", "lead", "lead_words", "textrank", "oracle")
BASELINES = {"lead": "lead", "lead_words": "lead, same words"}


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


def lead_words(article: PreparedArticle, words_wanted: int) -> list[Sentence]:
    """The first sentences until they hold at least ``words_wanted`` words."""
    picked: list[Sentence] = []
    for sentence in article.sentences:
        if story_words(picked) >= words_wanted:
            break
        picked.append(sentence)
    return picked


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

    def paired(self, metric: str = "rouge2", only_long: bool = False, baseline: str = "lead") -> PairedDifference | None:
        rows = [(p.get(metric), b.get(metric)) for p, b, long in
                zip(self.scores["project"], self.scores[baseline], self.long_article) if long or not only_long]
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
        project_words = 0
        for name in systems:
            started = time.perf_counter()
            picked = lead_words(article, project_words) if name == "lead_words" else chosen_by[name](article, k)
            if name == "project":
                spent += time.perf_counter() - started
                project_words = story_words(picked)
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
        for baseline, title in BASELINES.items():
            if baseline not in result.scores:
                continue
            lines += ["", f"| project - {title} | ROUGE-2 diff | 95% CI | wins / losses / ties |", "|---|---|---|---|"]
            for label, only_long in (("all articles", False), (f"over {LONG_WORDS} words", True)):
                diff = result.paired("rouge2", only_long, baseline)
                if diff is None:
                    lines.append(f"| {label} | - | - | no articles |")
                else:
                    lines.append(f"| {label} | {diff.mean:+.1f} | {diff.low:+.1f} to {diff.high:+.1f} | "
                                 f"{diff.wins} / {diff.losses} / {diff.ties} |")
        bad = ", ".join(f"{s} {result.bad_picks[s]}/{result.picks[s]}" for s in result.scores)
        lines += ["", f"datelines or fragments picked: {bad}; project selection {result.select_ms:.2f} ms/article", ""]
    return "\n".join(lines)
