"""Corpus metrics: chrF++ and BLEU (sacrebleu) for translations, ROUGE-1/2/L (rouge_score) for briefs."""
from __future__ import annotations

from sacrebleu.metrics import BLEU, CHRF
from rouge_score import rouge_scorer


def translation_scores(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    """Corpus chrF++ (chrF with word bigrams, ``word_order=2``) and BLEU, both 0-100."""
    if not references:
        return {"chrf++": 0.0, "bleu": 0.0}
    chrf = CHRF(word_order=2).corpus_score(hypotheses, [references]).score
    bleu = BLEU().corpus_score(hypotheses, [references]).score
    return {"chrf++": round(chrf, 2), "bleu": round(bleu, 2)}


def rouge_scores(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    """Mean ROUGE-1/2/L F1 (0-100) over hypothesis/reference pairs, Porter-stemmed."""
    if not references:
        return {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for hyp, ref in zip(hypotheses, references):
        for name, score in scorer.score(ref, hyp).items():
            totals[name] += score.fmeasure
    return {name: round(100 * total / len(references), 2) for name, total in totals.items()}
