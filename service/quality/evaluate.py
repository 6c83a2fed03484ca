"""Run the pipeline over a reference set and score it: ``python -m service eval``.

* ``translate`` mode: each article's translations are aligned to the reference sentences by their
  Hindi text and scored with chrF++ and BLEU; a reference sentence the pipeline did not produce
  (cleaning or segmentation drifted) counts as an empty hypothesis and is reported as unaligned.
* ``extractive`` / ``abstractive``: the bullets, joined, are scored against the reference brief
  with ROUGE-1/2/L.
* every mode: the share of outputs that passed the quality guards, and seconds per article.
"""
from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Sequence

from service.errors import BriefError
from service.pipeline.brief import BriefPipeline, BriefRequest
from service.pipeline.types import Brief
from service.quality.degenerate import detect_degenerate
from service.quality.faithfulness import check_faithfulness
from service.quality.metrics import rouge_scores, translation_scores
from service.quality.names import article_names
from service.quality.references import ReferenceArticle


@dataclass
class ModeResult:
    mode: str
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    guard_checked: int = 0
    guard_passed: int = 0
    seconds: float = 0.0
    unaligned: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "articles": self.articles,
            "errors": self.errors,
            "metrics": self.metrics,
            "guard_pass_rate": round(self.guard_passed / self.guard_checked, 4) if self.guard_checked else None,
            "guard_checked": self.guard_checked,
            "seconds_per_article": round(self.seconds / self.articles, 4) if self.articles else None,
            "unaligned_sentences": self.unaligned,
        }


def evaluate(
    pipeline: BriefPipeline, references: Sequence[ReferenceArticle], modes: Sequence[str], batch: int = 8
) -> list[ModeResult]:
    return [_evaluate_mode(pipeline, references, mode, batch) for mode in modes]


def _evaluate_mode(pipeline: BriefPipeline, refs: Sequence[ReferenceArticle], mode: str, batch: int) -> ModeResult:
    result = ModeResult(mode)
    briefs: list[tuple[ReferenceArticle, Brief]] = []
    for start in range(0, len(refs), batch):
        chunk = refs[start : start + batch]
        began = time.perf_counter()
        outputs = pipeline.brief_many([BriefRequest(data=r.article, format="text", mode=mode) for r in chunk])
        result.seconds += time.perf_counter() - began
        for ref, out in zip(chunk, outputs):
            if isinstance(out, BriefError):
                result.errors.append(f"{ref.id}: {out.detail}")
            else:
                briefs.append((ref, out))
    result.articles = len(briefs)
    for _, brief in briefs:
        quality = brief.checks.get("quality", {})
        result.guard_checked += quality.get("checked", 0)
        result.guard_passed += quality.get("checked", 0) - quality.get("failed", 0)
    if mode == "translate":
        hyps, refs_en = _aligned_translations(briefs, result)
        result.metrics = translation_scores(hyps, refs_en)
    else:
        scored = [(" ".join(b.text for b in brief.bullets), " ".join(ref.brief)) for ref, brief in briefs if ref.brief]
        result.metrics = rouge_scores([h for h, _ in scored], [r for _, r in scored])
    return result


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _aligned_translations(briefs: list[tuple[ReferenceArticle, Brief]], result: ModeResult) -> tuple[list[str], list[str]]:
    hyps: list[str] = []
    refs: list[str] = []
    for ref, brief in briefs:
        if len(ref.sentences) == 1:  # a sentence-level set (FLORES): the whole output is the hypothesis
            hyps.append(" ".join(t.text for t in brief.translations))
            refs.append(ref.sentences[0].english)
            continue
        produced = {_key(t.source_text): t.text for t in brief.translations}
        for pair in ref.sentences:
            hyp = produced.get(_key(pair.hindi))
            if hyp is None:
                result.unaligned += 1
            hyps.append(hyp or "")
            refs.append(pair.english)
    return hyps, refs


def reference_self_check(references: Sequence[ReferenceArticle]) -> dict[str, Any]:
    """Run the guards on the reference translations themselves: every alarm here is a false alarm."""
    checked = passed = 0
    alarms = []
    for ref in references:
        pairs = ([ref.headline] if ref.headline else []) + ref.sentences
        names = article_names([p.hindi for p in pairs])
        for pair in pairs:
            faith = check_faithfulness(pair.hindi, pair.english, known_names=names)
            degenerate = detect_degenerate(pair.hindi, pair.english)
            checked += 1
            if faith.passed and not degenerate:
                passed += 1
            else:
                alarms.append({"id": ref.id, "english": pair.english, "warnings": faith.warnings() + degenerate})
    return {"checked": checked, "pass_rate": round(passed / checked, 4) if checked else None, "alarms": alarms}
