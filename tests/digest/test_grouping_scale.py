"""Grouping that scales (issue 19): the same results as the old loops, candidate pruning, clustering."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from service.digest import grouping
from service.digest.candidates import CandidateLimits, candidate_pairs
from service.digest.features import article_features, character_ngrams
from service.digest.grouping_eval import load_set, score, signals
from service.digest.linkage import cluster
from tests.digest import reference_grouping

DATA = Path(__file__).resolve().parents[1] / "data" / "grouping"


@pytest.fixture(scope="module")
def labelled() -> dict[str, tuple[list[str], list[grouping.ArticleSignals]]]:
    return {name: ([a.event for a in items], [signals(a.text, a.published) for a in items])
            for name, items in load_set(DATA).items()}


def test_fast_grouping_gives_the_old_probabilities_and_groups_on_every_labelled_split(labelled):
    weights = reference_grouping.old_weights()
    for name, (_, articles) in labelled.items():
        old = reference_grouping.similarity_matrix(articles, weights)
        new = grouping.similarity_matrix(articles, weights)
        assert np.abs(old - new).max() < 1e-9, name
        assert cluster(new, weights.threshold) == reference_grouping.cluster(old, weights.threshold), name


def test_pruned_comparisons_score_within_a_hundredth_of_comparing_every_pair(labelled):
    everything = CandidateLimits(all_pairs_up_to=10**9)
    pruned = CandidateLimits(all_pairs_up_to=0)
    for name, (truth, articles) in labelled.items():
        full = score(truth, grouping.group_articles(articles, limits=everything))
        cut = score(truth, grouping.group_articles(articles, limits=pruned))
        assert abs(full.pair_f1 - cut.pair_f1) <= 0.01, (name, full, cut)


def test_candidates_come_from_shared_specific_words_within_compatible_dates():
    texts = [
        "अस्ताना में बैठक\n\nजयशंकर अस्ताना पहुंचे और किलाएवा पर बात हुई।",
        "अस्ताना सम्मेलन\n\nविदेश मंत्री अस्ताना में हैं।",
        "मुंबई में बारिश\n\nलोकल ट्रेनें रुकीं और स्कूल बंद रहे।",
        "अस्ताना में बैठक\n\nजयशंकर अस्ताना पहुंचे।",
    ]
    when = [date(2025, 11, 18), date(2025, 11, 18), date(2025, 11, 18), date(2019, 5, 1)]
    features = article_features(texts, when)
    first, second = candidate_pairs(features, CandidateLimits(per_article=5))
    pairs = set(zip(first.tolist(), second.tolist()))
    assert (0, 1) in pairs  # share "अस्ताना"
    assert not {p for p in pairs if 2 in p}  # the Mumbai report shares no specific word
    assert not {p for p in pairs if 3 in p}  # same words, but written six years earlier
    capped = candidate_pairs(features, CandidateLimits(per_article=1))
    assert len(capped[0]) <= len(texts)


def test_a_word_most_of_a_large_batch_uses_is_not_indexed():
    shared = "किलाएवा"
    texts = [f"खबर {i}\n\n{shared} पर रिपोर्ट संख्या{i} आई।" for i in range(120)]
    features = article_features(texts)
    tight = CandidateLimits(max_share=0.01)  # 120 articles: a word in more than 50 is too common
    assert len(candidate_pairs(features, tight)[0]) == 0
    loose = CandidateLimits(max_share=1.0, per_article=200)
    assert len(candidate_pairs(features, loose)[0]) == 120 * 119 // 2


def test_character_ngrams_are_sklearns_values():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["किलाएवा ज्वालामुखी फटा", "किलायू  ज्वालामुखी\nफटा  फिर", "Hawaii volcano", ""]
    mine = character_ngrams(texts)
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    assert np.allclose((mine @ mine.T).toarray(), (theirs @ theirs.T).toarray())


def test_clustering_matches_the_textbook_loop_on_random_matrices_dense_and_sparse():
    rng = np.random.default_rng(7)
    for trial in range(12):
        n = int(rng.integers(2, 30))
        values = rng.random((n, n)) ** 3
        if trial % 2:
            values[values < 0.5] = 0.0  # many pairs never compared
        sim = np.triu(values, 1)
        sim = sim + sim.T
        np.fill_diagonal(sim, 1.0)
        for threshold in (0.3, 0.6):
            expected = reference_grouping.cluster(sim, threshold)
            assert cluster(sim, threshold) == expected
            assert cluster(sparse.csr_matrix(sim), threshold) == expected


def test_a_night_too_large_to_compare_every_pair_is_grouped_through_candidates(labelled):
    _, articles = labelled["dev"]
    limits = CandidateLimits(all_pairs_up_to=20)
    graph = grouping.similarity_graph(articles, limits=limits)
    assert sparse.issparse(graph) and graph.shape == (len(articles), len(articles))
    n = len(articles)
    assert (graph.nnz - n) / 2 < n * (n - 1) / 2  # not every pair was compared (each pair is stored both ways)
    assert (abs(graph - graph.T) > 1e-12).nnz == 0 and np.allclose(graph.diagonal(), 1.0)
    assert grouping.group_articles(articles, limits=limits) == cluster(graph, grouping.SAME_EVENT_THRESHOLD)


def test_fast_grouping_matches_the_loops_under_the_current_weights_with_short_reports_attached(labelled):
    """Every kind of evidence now weighed (``other_state`` included) and the attach step, against loops."""
    weights = grouping.GroupingWeights()
    attached_somewhere = False
    for name, (_, articles) in labelled.items():
        old = reference_grouping.similarity_matrix(articles, weights)
        new = grouping.similarity_matrix(articles, weights)
        assert np.abs(old - new).max() < 1e-9, name
        clustered = reference_grouping.cluster(old, weights.threshold)
        expected = reference_grouping.attach_short_reports(articles, clustered, old)
        assert grouping.group_articles(articles, weights) == expected, name
        attached_somewhere |= expected != clustered
    assert attached_somewhere  # the attach step changed some split, so the comparison covers it
