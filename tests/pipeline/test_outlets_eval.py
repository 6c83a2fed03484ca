"""The outlet set loads with consistent labels, and the eval commands' scoring runs on it."""
from __future__ import annotations

from service.pipeline.outlets_eval import reader, score
from service.pipeline.segmentation_eval import BoundaryCounts, documents, score_outlets


def test_outlet_set_labels_match_lines_and_both_parts_have_many_outlets():
    articles = reader().load_articles()
    assert len(articles) >= 60
    for part in ("dev", "heldout"):
        outlets = {a.outlet.split(" ")[0] for a in articles if a.split == part}
        assert len(outlets) >= 8, part
    marked = [a for a in articles if a.sentence_ends]
    assert marked and all(0 < end <= len(a.text) for a in marked for end in a.sentence_ends)
    assert all(0 <= start < end <= len(a.text) for a in articles for start, end in a.boilerplate_spans)


def test_scoring_counts_lines_and_picks():
    counts = score(reader().load_articles(split="heldout"))
    assert counts.story_lines > 40 and counts.boilerplate_lines > 20 and counts.picks > 40
    assert 0 <= counts.story_lost <= counts.story_lines and 0 <= counts.boilerplate_picks <= counts.picks


def test_boundary_counts_and_sources():
    counts = BoundaryCounts()
    counts.add({1, 5, 9}, {1, 5, 7})
    assert (counts.precision, counts.recall) == (2 / 3, 2 / 3)
    assert len(documents("heldout")) > 100
    outlets = score_outlets("heldout")
    assert outlets.texts > 5 and outlets.gold > 50


def test_a_parallel_row_whose_hindi_holds_two_sentences_is_not_gold():
    from service.pipeline.segmentation_eval import _HINDI_VERB_FULL_STOP

    assert _HINDI_VERB_FULL_STOP.search("प्रदर्शनकारी व्हाइटहॉल की ओर बढ़ गए. इसके बाद वे चलते रहे.")
    assert _HINDI_VERB_FULL_STOP.search('उन्होंने कहा कि यह सही है." अब सब ठीक है.')
    assert not _HINDI_VERB_FULL_STOP.search("डॉ. एस. जयशंकर ने रु. 500 दिए.")  # short forms, and the row's own end
    rows = [s for doc in documents("dev") for s in doc]
    assert rows and not any(_HINDI_VERB_FULL_STOP.search(s) for s in rows)
