"""Score story grouping on a labelled set: pairwise and B-cubed precision, recall and F1.

A labelled set is a folder of JSONL files (one split per file, e.g. ``dev.jsonl``, ``holdout.jsonl``);
each line is an article as ``nightly`` reads it (``id``, ``text``, optional ``published``) plus the
``event`` it reports, assigned by a person who read it. Articles go through the same ingest and
clean steps as the nightly digest before they are grouped, so the figures are those of the real path.

Pairwise: over all pairs of articles, precision = pairs grouped together that report one event /
pairs grouped together; recall = pairs reporting one event that were grouped together / such pairs.
B-cubed (Bagga and Baldwin): per article, precision = share of its group that reports its event,
recall = share of its event's articles that are in its group; averaged over articles. B-cubed also
credits articles that are correctly left alone, which pairwise figures ignore.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics.cluster import pair_confusion_matrix

from service.digest import dates
from service.digest.grouping import ArticleSignals, GroupingWeights, cluster, group_articles, similarity_matrix
from service.digest.similarity import evidence
from service.pipeline.clean import clean_article
from service.pipeline.ingest import ingest

DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "grouping"
EVIDENCE = (
    "content", "spelling", "lead", "shared_days", "conflicting_days", "conflicting_places", "unknown_actor", "other_state",
    "conflicting_figures", "routine_figures",
)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(4, 20))


@dataclass(frozen=True)
class LabelledArticle:
    id: str
    event: str
    text: str
    published: str | None = None


@dataclass(frozen=True)
class Scores:
    articles: int
    events: int
    pair_precision: float
    pair_recall: float
    pair_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float

    def to_dict(self) -> dict[str, float | int]:
        return self.__dict__.copy()


def load_split(path: Path) -> list[LabelledArticle]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not record.get("event") or not record.get("text"):
            raise ValueError(f"{path}:{number}: each line needs an \"event\" label and a \"text\"")
        items.append(LabelledArticle(str(record["id"]), record["event"], record["text"], record.get("published")))
    return items


def load_set(folder: Path) -> dict[str, list[LabelledArticle]]:
    """Every ``*.jsonl`` split of a labelled set, by file stem, in name order."""
    splits = {p.stem: load_split(p) for p in sorted(folder.glob("*.jsonl"))}
    if not splits:
        raise FileNotFoundError(f"no .jsonl files in {folder}")
    return splits


def signals(text: str, published: str | None = None) -> ArticleSignals:
    """What the nightly digest gives grouping for one article: cleaned headline and body, publication date."""
    document = ingest(text)
    clean = clean_article(document.text, "hi")
    when = dates.parse_published(published) or dates.header_date(document.text)
    return ArticleSignals(f"{clean.headline or ''}\n\n{clean.text}".strip(), when)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(truth: list[str], groups: list[list[int]]) -> Scores:
    predicted = [0] * len(truth)
    for number, group in enumerate(groups):
        for i in group:
            predicted[i] = number
    (_, fp), (fn, tp) = pair_confusion_matrix(truth, predicted)
    pair_p = tp / (tp + fp) if tp + fp else 1.0
    pair_r = tp / (tp + fn) if tp + fn else 1.0
    b_p = b_r = 0.0
    for i in range(len(truth)):
        mine = [j for j in range(len(truth)) if predicted[j] == predicted[i]]
        same = [j for j in range(len(truth)) if truth[j] == truth[i]]
        both = sum(1 for j in mine if truth[j] == truth[i])
        b_p += both / len(mine)
        b_r += both / len(same)
    n = len(truth) or 1
    b_p, b_r = b_p / n, b_r / n
    return Scores(len(truth), len(set(truth)), pair_p, pair_r, _f1(pair_p, pair_r), b_p, b_r, _f1(b_p, b_r))


def evaluate(
    items: list[LabelledArticle], weights: GroupingWeights = GroupingWeights()
) -> tuple[Scores, list[list[int]]]:
    groups = group_articles([signals(a.text, a.published) for a in items], weights)
    return score([a.event for a in items], groups), groups


def mistakes(items: list[LabelledArticle], groups: list[list[int]]) -> list[str]:
    """Human-readable lines for each wrongly joined group and each event split across groups."""
    lines = []
    for group in groups:
        events = sorted({items[i].event for i in group})
        if len(events) > 1:
            lines.append("joined: " + ", ".join(f"{items[i].id} ({items[i].event})" for i in group))
    for event in sorted({a.event for a in items}):
        parts = [g for g in groups if any(items[i].event == event for i in g)]
        if len(parts) > 1:
            members = (" ".join(items[i].id for i in g if items[i].event == event) for g in parts)
            lines.append(f"split {event}: " + " | ".join(members))
    return lines


def fit_weights(splits: Sequence[list[LabelledArticle]], base: GroupingWeights = GroupingWeights()) -> GroupingWeights:
    """Fit the logistic weights on labelled splits (each split one batch; pairs within a split), then
    pick the threshold with the best pairwise F1, averaged over the splits (the higher one on a tie:
    wrongly joined stories mislead more than a story shown twice). Time decay and date compatibility
    are kept from ``base``.

    Logistic regression with balanced class weights (same-event pairs are rare) and the default L2
    penalty; weights are rounded to two decimals.
    """
    batches = [[signals(a.text, a.published) for a in items] for items in splits]
    rows, labels = [], []
    for items, articles in zip(splits, batches):
        found = evidence([a.text for a in articles])
        first, second = np.triu_indices(len(items), k=1)
        rows.append(np.column_stack([getattr(found, name)[first, second] for name in EVIDENCE]))
        events = np.array([a.event for a in items])
        labels.append(events[first] == events[second])
    model = LogisticRegression(class_weight="balanced", max_iter=5000).fit(np.vstack(rows), np.concatenate(labels))
    fitted = replace(base, bias=round(float(model.intercept_[0]), 2),
                     **{name: round(float(w), 2) for name, w in zip(EVIDENCE, model.coef_[0])})
    sims = [similarity_matrix(articles, fitted) for articles in batches]
    truths = [[a.event for a in items] for items in splits]

    def mean_f1(threshold: float) -> float:
        return sum(score(truth, cluster(sim, threshold)).pair_f1 for truth, sim in zip(truths, sims)) / len(sims)

    best = max(THRESHOLDS, key=lambda t: (mean_f1(t), t))
    return replace(fitted, threshold=best)
