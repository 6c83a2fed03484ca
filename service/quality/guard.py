"""Run the faithfulness and degenerate-output checks on every generated output, retry failures once.

``apply_guards`` runs after the pipeline's batched generation and before a brief is assembled:

1. check every output (title, bullets or translations) against its Hindi source;
2. regenerate all failing outputs in one batched call per (model, task) with safer decoding
   (``SAFE_DECODING``: beam search, no repeated trigrams, a repetition penalty) and keep the retry
   when it has fewer problems;
3. report what was checked and what still fails; ``attach_report`` turns that into warnings,
   ``Brief.checks`` and, with policy ``drop`` in extractive mode, removes failing bullets.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Protocol, Sequence

from models import deadline
from models.base import DecodeOptions
from service.config import Settings
from service.pipeline.types import Brief
from service.quality.degenerate import detect_degenerate
from service.quality.faithfulness import FaithfulnessResult, check_faithfulness
from service.quality.names import article_names

log = logging.getLogger(__name__)

SAFE_DECODING = DecodeOptions(num_beams=4, no_repeat_ngram_size=3, repetition_penalty=1.2)
POLICIES = ("flag", "drop")

# regenerate(model_name, task, texts, options) -> one output per text
Regenerate = Callable[[str, str, list[str], DecodeOptions], list[str]]


class _Job(Protocol):
    task: str
    text: str
    output: str


@dataclass
class OutputCheck:
    """The checks on one output: the title (``index`` None) or bullet/translation ``index``."""

    index: int | None
    source: str
    complete: bool
    degenerate: list[str] = field(default_factory=list)
    faithfulness: FaithfulnessResult = field(default_factory=FaithfulnessResult)
    retried: bool = False
    fixed_by_retry: bool = False

    @property
    def passed(self) -> bool:
        return not self.degenerate and self.faithfulness.passed

    @property
    def problems(self) -> int:
        return len(self.degenerate) + len(self.faithfulness.failures)

    def warnings(self) -> list[str]:
        return [*self.degenerate, *self.faithfulness.warnings()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "passed": self.passed,
            "degenerate": self.degenerate,
            "faithfulness": self.faithfulness.to_dict(),
            "retried": self.retried,
            "fixed_by_retry": self.fixed_by_retry,
        }


@dataclass
class GuardReport:
    title: OutputCheck | None
    outputs: list[OutputCheck]


def check_output(source: str, output: str, complete: bool, names: set[str]) -> tuple[list[str], FaithfulnessResult]:
    return (
        detect_degenerate(source, output, complete=complete),
        check_faithfulness(source, output, complete=complete, known_names=names),
    )


def apply_guards(prepared_items: Sequence[Any], regenerate: Regenerate, settings: Settings) -> dict[int, GuardReport]:
    """Check every job of every prepared article; retry failures once. Reports keyed by ``id(item)``.

    Items are the pipeline's prepared articles (``jobs``, ``groups``, ``headline``, ``sentences``,
    ``mode``, ``model_name``, ``timings_ms``); jobs' ``output`` is replaced by a better retry.
    """
    if not settings.guards:
        return {}
    started = time.perf_counter()
    reports: dict[int, GuardReport] = {}
    pending: list[tuple[Any, _Job, OutputCheck, set[str]]] = []
    for item in prepared_items:
        if item.model_name is None or not item.jobs:
            continue
        names = article_names([s.text for s in item.sentences] + ([item.headline] if item.headline else []))
        report = GuardReport(title=None, outputs=[])
        for job, (index, source, complete) in zip(item.jobs, _sources(item)):
            deadline.check()  # a time bound around the checks (serve): a request that gave up stops here
            check = OutputCheck(index, source, complete)
            check.degenerate, check.faithfulness = check_output(source, job.output, complete, names)
            if index is None:
                report.title = check
            else:
                report.outputs.append(check)
            if not check.passed and not getattr(job, "remembered", False):  # memory: retried when first made
                pending.append((item, job, check, names))
        reports[id(item)] = report
    if pending and settings.guard_retry:
        _retry(pending, regenerate, settings)
    spent = (time.perf_counter() - started) * 1000
    for item in prepared_items:
        if id(item) in reports:
            item.timings_ms["guard"] = round(spent / len(reports), 3)
    return reports


def _sources(item: Any) -> list[tuple[int | None, str, bool]]:
    """(bullet index or None for the title, Hindi source, is it a complete translation) per job."""
    out: list[tuple[int | None, str, bool]] = []
    if item.headline:
        out.append((None, item.headline, item.jobs[0].task == "translate"))
    complete = item.mode != "abstractive"
    out += [(i, " ".join(s.text for s in group), complete) for i, group in enumerate(item.groups)]
    return out


def _retry(pending: list[tuple[Any, _Job, OutputCheck, set[str]]], regenerate: Regenerate, settings: Settings) -> None:
    options = replace(SAFE_DECODING, max_new_tokens=settings.max_new_tokens)
    by_key: dict[tuple[str, str], list[tuple[Any, _Job, OutputCheck, set[str]]]] = {}
    for entry in pending:
        by_key.setdefault((entry[0].model_name, entry[1].task), []).append(entry)
    for (model_name, task), entries in by_key.items():
        try:
            outputs = regenerate(model_name, task, [job.text for _, job, _, _ in entries], options)
        except Exception:
            log.exception("guard retry failed; keeping the first outputs")
            continue
        for (_, job, check, names), output in zip(entries, outputs):
            check.retried = True
            degenerate, faithfulness = check_output(check.source, output.strip(), check.complete, names)
            if len(degenerate) + len(faithfulness.failures) < check.problems:
                job.output = output.strip()
                check.degenerate, check.faithfulness = degenerate, faithfulness
                check.fixed_by_retry = check.passed


def attach_report(brief: Brief, report: GuardReport | None, settings: Settings) -> Brief:
    """Put a guard report on its brief: per-bullet warnings, a summary, ``checks``; drop if asked."""
    if report is None:
        return brief
    items = brief.translations if brief.mode == "translate" else brief.bullets
    for bullet, check in zip(items, report.outputs):
        bullet.warnings.extend(check.warnings())
    failing = [c for c in report.outputs if not c.passed]
    dropped: list[int] = []
    if failing and settings.faithfulness_policy == "drop" and brief.mode == "extractive" and len(failing) < len(items):
        dropped = [c.index for c in failing if c.index is not None]
        brief.bullets = [b for i, b in enumerate(brief.bullets) if i not in set(dropped)]
    if report.title and not report.title.passed:
        brief.warnings.append("title: " + "; ".join(report.title.warnings()))
    if failing:
        brief.warnings.append(failure_summary(len(failing), len(items), brief.mode, len(dropped)))
    brief.checks["quality"] = {
        "policy": settings.faithfulness_policy,
        "checked": len(report.outputs) + (1 if report.title else 0),
        "failed": len(failing) + (1 if report.title and not report.title.passed else 0),
        "retried": sum(c.retried for c in [*report.outputs, *([report.title] if report.title else [])]),
        "dropped": dropped,
        "title": report.title.to_dict() if report.title else None,
        "outputs": [c.to_dict() for c in report.outputs],
    }
    return brief


def failure_summary(failed: int, total: int, mode: str, dropped: int = 0) -> str:
    """The brief-level warning when some outputs failed (also rewritten by the editorial overlay)."""
    noun = "translations" if mode == "translate" else "bullets"
    action = f"dropped {dropped}" if dropped else "see each one's warnings"
    return f"{failed} of {total} {noun} failed the quality checks ({action})."


__all__ = ["POLICIES", "SAFE_DECODING", "GuardReport", "OutputCheck", "apply_guards", "attach_report", "failure_summary"]
