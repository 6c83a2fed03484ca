"""Metric code against hand-computed values on tiny inputs."""
import pytest

from service.quality.metrics import rouge_scores, translation_scores


def test_identical_text_scores_100():
    assert translation_scores(["the cat sat on the mat"], ["the cat sat on the mat"]) == {"chrf++": 100.0, "bleu": 100.0}


def test_rouge_by_hand():
    # hypothesis: 3 unigrams, 2 bigrams, all in the 6-word reference (5 bigrams):
    # R1 = 2*1*(3/6)/(1+3/6) = 0.6667; R2 = 2*1*(2/5)/(1+2/5) = 0.5714; RL = LCS 3 -> as R1.
    scores = rouge_scores(["the cat sat"], ["the cat sat on the mat"])
    assert scores == {"rouge1": pytest.approx(66.67), "rouge2": pytest.approx(57.14), "rougeL": pytest.approx(66.67)}


def test_bleu_by_hand():
    # "a b c d" vs "a b c e": 1-4gram precisions 3/4, 2/3, 1/2, 0/1 -> sacrebleu's exp smoothing
    # gives the 4-gram 1/(2*1) ... its documented default; we pin the value it computes: 59.46.
    assert translation_scores(["a b c d"], ["a b c e"])["bleu"] == pytest.approx(59.46)


def test_empty_inputs():
    assert translation_scores([], []) == {"chrf++": 0.0, "bleu": 0.0}
    assert rouge_scores([], []) == {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
