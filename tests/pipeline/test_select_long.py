"""Length-aware selection: long articles (400+ story words) get shifted weights, short ones do not."""
import json
from dataclasses import replace

import numpy as np
import pytest

from service.pipeline.ranking import FEATURES, MODEL_PATH, SelectionModel, load_model, story_words
from service.pipeline.select import eligible_sentences, select_sentences
from service.quality.selection_data import LONG_SHIPPED, load_jsonl, load_usc_corpus
from service.quality.selection_eval import joined, lead, lead_words, prepare
from service.quality.selection_fit import LabelledArticle, shift_weights
from service.quality.selection_metrics import score_summary

LONG = {e.id: prepare(e) for e in load_jsonl(LONG_SHIPPED)}
SHORT = {e.id: prepare(e) for e in load_jsonl()}


def _rouge2(sentences, summary):
    return score_summary(joined(sentences), summary).rouge2


def test_the_shipped_long_articles_are_long_and_split_by_number():
    assert {a.example.id: a.example.split for a in LONG.values()} == {
        "usc-2": "dev", "usc-8": "dev", "usc-15": "heldout", "usc-19": "heldout"}
    model = load_model()
    assert all(model.is_long(story_words(eligible_sentences(a.sentences))) for a in LONG.values())
    assert not any(model.is_long(story_words(eligible_sentences(a.sentences))) for a in SHORT.values())


def test_the_long_weights_start_at_min_words_and_only_there():
    model = load_model()
    shift = model.long_articles
    assert shift is not None and shift.min_words == 400 and len(shift.weights) == len(FEATURES)
    assert not model.is_long(399) and model.is_long(400)
    features = np.random.default_rng(0).normal(size=(6, len(FEATURES))) * model.scale + model.mean
    assert np.allclose(model.probabilities(features, 399), model.probabilities(features))
    assert not np.allclose(model.probabilities(features, 400), model.probabilities(features, 399))
    # the fitted shift weakens the position prior and favours central sentences (docs/quality.md)
    assert shift.weights[FEATURES.index("log_rank")] > 0 and shift.weights[FEATURES.index("centrality")] > 0


def test_short_articles_are_selected_as_before():
    model = load_model()
    base = replace(model, long_articles=None)
    for article in SHORT.values():
        for k in (1, 3, 5):
            assert select_sentences(article.sentences, k, article.headline, model) == select_sentences(
                article.sentences, k, article.headline, base)


def test_held_out_long_articles_beat_lead_at_the_same_length():
    """usc-15 and usc-19 (held-out; summaries drawn from all through the text): the length-aware picks
    score above lead-5 and above lead cut at the same number of words; the base weights alone take
    the opening sentences, as lead does."""
    model = load_model()
    base = replace(model, long_articles=None)
    gains = []
    for article in (LONG["usc-15"], LONG["usc-19"]):
        summary = article.example.summary
        picked = select_sentences(article.sentences, 5, article.headline, model)
        same_length = lead_words(article, story_words(picked))
        gains.append(_rouge2(picked, summary) - max(_rouge2(lead(article, 5), summary), _rouge2(same_length, summary)))
        assert {0, 1, 2} <= {s.index for s in select_sentences(article.sentences, 5, article.headline, base)}
        assert max(s.index for s in picked) > 10
    assert min(gains) > 2


def test_a_long_news_report_keeps_its_opening_sentence():
    """usc-2 (dev) is a news report: the long weights still take its first sentence, then reach for
    the later ones the summary drew on."""
    article = LONG["usc-2"]
    picked = [s.index for s in select_sentences(article.sentences, 3, article.headline)]
    assert picked[0] == 0 and max(picked) > 5


def test_the_shift_fit_follows_the_evidence_and_the_penalty():
    """Long rows whose label is "central" move the centrality weight up from a base that ignores it;
    a larger penalty keeps the shift smaller."""
    rng = np.random.default_rng(1)
    n = len(FEATURES)
    central = FEATURES.index("centrality")
    rows = []
    for _ in range(12):
        features = rng.normal(size=(30, n))
        labels = (features[:, central] > 0.8).astype(float)
        rows.append(LabelledArticle([], features, np.eye(30), labels, 500, ""))
    base = SelectionModel(np.zeros(n), -1.0, np.zeros(n), np.ones(n), 0.3, 0.6, 150.0)
    loose, _ = shift_weights(rows, base, penalty=1.0)
    tight, _ = shift_weights(rows, base, penalty=300.0)
    assert loose[central] > tight[central] > 0
    assert abs(loose[central]) == pytest.approx(np.abs(loose).max())


def test_the_model_file_refuses_a_shift_of_the_wrong_size():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["long_articles"]["weights"] = data["long_articles"]["weights"][:-1]
    with pytest.raises(ValueError, match="long-article"):
        SelectionModel.from_dict(data)


def test_usc_articles_are_split_by_number(tmp_path):
    for number in (3, 10, 11, 20):
        (tmp_path / "input").mkdir(exist_ok=True)
        (tmp_path / "human_output").mkdir(exist_ok=True)
        (tmp_path / "input" / f"input{number}.txt").write_text(f"लेख {number} का पाठ।", encoding="utf-8")
        (tmp_path / "human_output" / f"output{number}.txt").write_text("सार\nदूसरी पंक्ति", encoding="utf-8")
    examples = load_usc_corpus(tmp_path)
    assert [(e.id, e.split) for e in examples] == [
        ("usc-3", "dev"), ("usc-10", "dev"), ("usc-11", "heldout"), ("usc-20", "heldout")]
    assert examples[0].summary == "सार दूसरी पंक्ति"
