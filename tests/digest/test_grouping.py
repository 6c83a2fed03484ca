from datetime import date
from pathlib import Path

import numpy as np
import pytest

from service.digest import dates
from service.digest.features import article_features
from service.digest.grouping import (
    SAME_EVENT_THRESHOLD,
    ArticleSignals,
    AttachRule,
    group_articles,
    same_event_score,
    similarity_matrix,
)
from service.digest.grouping_eval import evaluate, load_set, score, signals
from service.digest.places import lead_places
from service.digest.similarity import evidence_from
from service.digest.specificity import TermWeights, background_specificity
from service.pipeline.clean import clean_article
from service.pipeline.ingest import ingest


def _signals(raw: str) -> ArticleSignals:
    document = ingest(raw)
    clean = clean_article(document.text, "hi")
    return ArticleSignals(f"{clean.headline or ''}\n\n{clean.text}", dates.header_date(document.text))


def _corpus(corpus_dir: Path) -> dict[str, str]:
    return {p.stem[-2:]: p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("article-*.txt"))}


def test_shared_corpus_groups_by_event(corpus_dir: Path):
    texts = _corpus(corpus_dir)
    names = list(texts)
    groups = group_articles([_signals(texts[n]) for n in names])
    assert sorted(sorted(names[i] for i in g) for g in groups) == [["01", "02"], ["03"], ["04", "05"]]


def test_grouping_does_not_depend_on_input_order(corpus_dir: Path):
    texts = _corpus(corpus_dir)
    names = list(reversed(texts))
    groups = group_articles([_signals(texts[n]) for n in names])
    assert sorted(sorted(names[i] for i in g) for g in groups) == [["01", "02"], ["03"], ["04", "05"]]


UNRELATED = (
    "मुंबई में भारी बारिश से जनजीवन अस्त-व्यस्त\n\n"
    "मुंबई में लगातार तीसरे दिन भारी बारिश हुई, जिससे कई इलाकों में जलभराव हो गया। लोकल ट्रेन सेवाएं "
    "प्रभावित रहीं और स्कूल बंद रखे गए। मौसम विभाग ने अगले दो दिनों के लिए ऑरेंज अलर्ट जारी किया है। "
    "नगर निगम ने लोगों से घरों में रहने की अपील की है।"
)


def test_same_article_twice_is_one_story_and_an_unrelated_one_stands_alone(corpus_dir: Path):
    one = _corpus(corpus_dir)["01"]
    groups = group_articles([_signals(one), _signals(UNRELATED), _signals(one)])
    assert groups == [[0, 2], [1]]


def test_known_publication_dates_years_apart_keep_identical_text_apart(corpus_dir: Path):
    text = _signals(_corpus(corpus_dir)["02"]).text
    groups = group_articles([ArticleSignals(text, date(2019, 5, 1)), ArticleSignals(text, date(2024, 7, 3))])
    assert groups == [[0], [1]]


def test_date_signals():
    profile = dates.profile("बैठक 17-18 नवंबर को होगी। पिछली यात्रा 2021 में हुई थी। लक्ष्य 2047 तक का है।")
    assert profile.day_months == {(17, 11), (18, 11)}
    assert profile.years == {2021}  # "2047 तक" is a target, not a date of the story
    assert dates.header_date("Home\nPublish Date - September 9, 2020 / 07:36 PM IST\nपाठ") == date(2020, 9, 9)


DATA = Path(__file__).resolve().parents[1] / "data" / "grouping"


def _labelled(*ids: str) -> list[ArticleSignals]:
    """Articles of the public labelled set by id, as the nightly digest would read them."""
    rows = {item.id: item for split in load_set(DATA).values() for item in split}
    return [signals(rows[i].text, rows[i].published) for i in ids]


def test_dev_split_meets_the_f1_target_and_holdout_stays_above_the_previous_method():
    splits = load_set(DATA)
    dev, _ = evaluate(splits["dev"])
    assert dev.pair_f1 >= 0.9 and dev.bcubed_f1 >= 0.9, dev
    holdout, _ = evaluate(splits["holdout"])  # nothing was fitted on it; the old grouping scored 0.730 / 0.905
    assert holdout.pair_f1 >= 0.74 and holdout.bcubed_f1 >= 0.9, holdout


def test_same_ministers_at_another_meeting_stay_apart_and_two_outlets_reports_join(corpus_dir: Path):
    """The issue's shape, from public articles: article-01/02 (one Astana meeting) must join each other,
    not article-03 (the same ministers in Moscow years earlier) nor 04/05 (Moscow, another visit);
    two outlets' reports of one announcement (dev-047/048) join; the same Prime Minister and chief
    ministers at other meetings weeks later (dev-049, dev-050) stay apart."""
    shared = [_signals(text) for text in _corpus(corpus_dir).values()]
    ids = ["a01", "a02", "a03", "a04", "a05", "dev-047", "dev-048", "dev-049", "dev-050"]
    articles = shared + _labelled("dev-047", "dev-048", "dev-049", "dev-050")
    for order in (list(range(len(ids))), list(reversed(range(len(ids))))):
        groups = group_articles([articles[i] for i in order])
        found = sorted(sorted(ids[order[i]] for i in g) for g in groups)
        assert found == [["a01", "a02"], ["a03"], ["a04", "a05"], ["dev-047", "dev-048"], ["dev-049"], ["dev-050"]]
    others = articles[2:]
    assert same_event_score(articles[0], articles[1], others) >= SAME_EVENT_THRESHOLD
    assert same_event_score(articles[1], articles[2]) == 0.0  # article-02 names 2023; article-03 is dated 2020


def test_reports_published_days_apart_count_as_less_likely_one_event(corpus_dir: Path):
    text = _signals(_corpus(corpus_dir)["04"]).text
    close = similarity_matrix([ArticleSignals(text, date(2025, 11, 18)), ArticleSignals(text, date(2025, 11, 19))])
    later = similarity_matrix([ArticleSignals(text, date(2025, 11, 18)), ArticleSignals(text, date(2025, 11, 28))])
    assert close[0, 1] > 0.99 and later[0, 1] < SAME_EVENT_THRESHOLD


def test_lead_places_from_real_leads(corpus_dir: Path):
    texts = _corpus(corpus_dir)
    assert lead_places(_signals(texts["01"]).text) == {"कजाकिस्तान"}
    assert lead_places(_signals(texts["02"]).text) == {"अस्ताना", "कजाकिस्तान"}
    assert lead_places(_signals(texts["04"]).text) == {"मॉस्को"}


def test_specificity_discounts_function_words_and_what_every_article_shares():
    assert background_specificity("के") < 0.01 < 0.9 < background_specificity("कजाकिस्तान")
    weight = TermWeights([["जयशंकर", "अस्ताना"], ["जयशंकर", "मॉस्को"], ["जयशंकर", "ताइवान"]])
    assert weight("जयशंकर") < weight("अस्ताना")


def test_scores_count_pairs_and_articles():
    perfect = score(["a", "a", "b"], [[0, 1], [2]])
    assert (perfect.pair_precision, perfect.pair_recall, perfect.bcubed_f1) == (1.0, 1.0, 1.0)
    joined = score(["a", "a", "b"], [[0, 1, 2]])
    assert (joined.pair_precision, joined.pair_recall) == (1 / 3, 1.0)
    assert joined.bcubed_precision == pytest.approx(5 / 9) and joined.bcubed_recall == 1.0
    split = score(["a", "a", "b"], [[0], [1], [2]])
    assert (split.pair_recall, split.pair_f1) == (0.0, 0.0) and split.bcubed_precision == 1.0


def test_same_day_counts_of_different_states_stay_apart():
    """Public live-page items (RYD1E, Navbharat Times 1 April 2020, outlets_holdout oh-007/oh-009/oh-008):
    each names the other states in its body, so only the state its headline is about tells them apart."""
    from service.digest.grouping_eval import load_set, DEFAULT_SET, signals
    from service.digest.grouping import group_articles
    from service.digest.lead import read_lead
    from service.digest.places import lead_state

    items = {a.id: a for a in load_set(DEFAULT_SET)["outlets_holdout"]}
    picked = [items[i] for i in ("oh-007", "oh-009", "oh-008", "oh-011", "oh-012")]
    articles = [signals(a.text, a.published) for a in picked]
    assert [lead_state(read_lead(a.text)) for a in articles] == [
        "tamil-nadu", "telangana", "delhi", "maharashtra", "maharashtra"]
    groups = group_articles(articles)
    assert [3, 4] in groups  # Maharashtra's 335 cases, two outlets: one event
    assert all(len(g) == 1 for g in groups if 3 not in g)


def test_the_state_a_lead_locates_its_event_in_beats_a_place_named_in_passing():
    """outlets_dev od-008 / od-009 (public RYD1E live pages, 1 April 2020): "130 from Pune went to the
    Markaz" and "60 quarantined in Pune". The second names Nizamuddin (Delhi) first, as part of the
    Markaz's name; the event is "पुणे में". Read as Delhi, the two counted as two states and stayed apart."""
    from service.digest.indian_places import first_state

    assert first_state("निजामुद्दीन मरकज से जुड़े पुणे में अब तक 60 लोगों को क्वैरंटीन में रखा गया है") == "maharashtra"
    assert first_state("दिल्ली से लौटे लोगों की तलाश") == "delhi"
    ids, articles = _split_signals("outlets_dev")
    assert _group_of(ids, group_articles(articles), "od-009") == {"od-008", "od-009"}


def test_routine_count_updates_with_other_figures_stay_apart():
    """outlets_dev (public RYD1E live pages, April 2020): od-028 / od-038 "UP: total 410" and od-060 "UP:
    391 so far" (a day apart, same officials and words), od-034 / od-035 Punjab's and West Bengal's new
    cases the same day. Each pair is two updates of a recurring count whose headline figures appear nowhere
    in the other; od-023 / od-024 (Bihar: 56 new, total 481) are one update: the long report gives the 481."""
    from service.digest.lead import read_lead
    from service.digest.places import is_routine_update

    assert is_routine_update(read_lead("यूपी में कोरोना संक्रमितों की कुल संख्या 410\n\nउत्तर प्रदेश में आज 67 नए मामले"))
    assert not is_routine_update(read_lead("फ्लोरिडा में माइकल तूफान से अब तक 27 लोगों की मौत\n\nतूफान से तबाही"))
    ids, articles = _split_signals("outlets_dev")
    features = article_features([a.text for a in articles], [a.published for a in articles])
    found = evidence_from(features)
    at = {name: ids.index(name) for name in ("od-023", "od-024", "od-028", "od-034", "od-035", "od-060")}
    assert found.routine_figures[at["od-028"], at["od-060"]] == found.routine_figures[at["od-034"], at["od-035"]] == 1.0
    assert found.routine_figures[at["od-023"], at["od-024"]] == 0.0
    groups = group_articles(articles)
    assert "od-060" not in _group_of(ids, groups, "od-038") and _group_of(ids, groups, "od-034") == {"od-034"}
    assert _group_of(ids, groups, "od-024") == {"od-023", "od-024"}


def test_routine_updates_published_on_different_days_are_different_updates():
    """dev-042 / dev-043: the health ministry's daily briefings of 17 and 20 April 2020 (public RYD1E
    pages, published two days apart), the same officials and words, no headline figure in common. Two
    routine updates on different days are two events unless their headlines share a figure."""
    from service.digest.similarity import evidence

    briefing = "स्वास्थ्य मंत्रालय: संक्रमित मरीज तेजी से ठीक हो रहे\n\nसंक्रमित मरीजों में से अधिकतर ठीक हो रहे हैं."
    total = "यूपी में कुल 410 मरीज\n\nउत्तर प्रदेश में कुल मरीजों की संख्या 410 हो गई है."
    found = evidence([briefing, briefing, total, total], [date(2020, 4, 18), date(2020, 4, 20), date(2020, 4, 10), date(2020, 4, 11)])
    assert found.routine_figures[0, 1] == 1.0  # different days, no headline figure shared
    assert found.routine_figures[2, 3] == 0.0  # a day apart, the same total: one update told twice
    ids, articles = _split_signals("dev")
    assert "dev-043" not in _group_of(ids, group_articles(articles), "dev-042")


def test_a_countrywide_count_is_not_a_state_count():
    """outlets_dev od-031 ("169 deaths so far in the country") and od-028 ("UP: total 410"): two short
    items of the same day and words; the national lead is read as the country, against Uttar Pradesh."""
    from service.digest.lead import read_lead
    from service.digest.places import NATIONAL, lead_state

    assert lead_state(read_lead("कोरोना से अब तक 169 लोगों की मौत\n\nकोरोना वायरस से अब तक देश में 169 लोगों की मौत हो चुकी है.")) == NATIONAL
    assert lead_state(read_lead("बिहार में कोरोना से दो की मौत\n\nदेश में भी मामले बढ़े.")) == "bihar"
    ids, articles = _split_signals("outlets_dev")
    assert "od-031" not in _group_of(ids, group_articles(articles), "od-028")


def test_a_headline_actor_the_other_report_never_names_keeps_two_events_apart():
    """outlets_dev od-042 "Trump thanks India" and od-046 "now Brazil's president thanks Modi" (public
    RYD1E live pages, 8-9 April 2020): same drug, same words of thanks, a day apart. The second names
    Trump; the first never names Brazil, whose president acted in the second's headline."""
    from service.digest.lead import headline_actor_words, read_lead

    assert headline_actor_words(read_lead("अब ब्राजील के राष्ट्रपति ने कहा- थैंक्यू मोदी\n\nपाठ")) == ["अब", "ब्राजील", "के", "राष्ट्रपति"]
    assert headline_actor_words(read_lead("देशभर में 166 लोगों की मौत\n\nपाठ")) == []
    ids, articles = _split_signals("outlets_dev")
    found = evidence_from(article_features([a.text for a in articles], [a.published for a in articles]))
    assert found.unknown_actor[ids.index("od-042"), ids.index("od-046")] == 1.0
    assert _group_of(ids, group_articles(articles), "od-042") == {"od-042"}


def _split_signals(name: str) -> tuple[list[str], list[ArticleSignals]]:
    items = load_set(DATA)[name]
    return [a.id for a in items], [signals(a.text, a.published) for a in items]


def _group_of(ids: list[str], groups: list[list[int]], member: str) -> set[str]:
    return next({ids[i] for i in g} for g in groups if ids.index(member) in g)


def _contained(ids: list[str], articles: list[ArticleSignals], item: str, group: set[str]) -> float:
    """Share of ``item``'s lead and content specificity that ``group``'s reports use (the smaller)."""
    features = article_features([a.text for a in articles], [a.published for a in articles])
    present = np.asarray(features.words[[ids.index(g) for g in sorted(group)]].sum(axis=0)).ravel() > 0
    row = ids.index(item)
    return min(float(features.lead[row].toarray().ravel() @ present), float(features.content[row].toarray().ravel() @ present))


def test_a_short_report_joins_the_event_its_long_reports_tell():
    """outlets_dev (public RYD1E live pages): od-002, a two-line "singer Kanika Kapoor tests positive"
    item, beside three long follow-ups; od-024, a one-line "Bihar: 2 deaths, total 481", beside the
    long Bihar report that gives the 481. Average linkage leaves both alone; the attach step joins them."""
    ids, articles = _split_signals("outlets_dev")
    alone = group_articles(articles, attach=None)
    assert _group_of(ids, alone, "od-002") == {"od-002"} and _group_of(ids, alone, "od-024") == {"od-024"}
    groups = group_articles(articles)
    assert _group_of(ids, groups, "od-002") == {"od-001", "od-002", "od-003", "od-004"}
    assert _group_of(ids, groups, "od-024") == {"od-023", "od-024"}


@pytest.mark.parametrize(("split", "item", "look_alike", "own"), [
    ("outlets_dev", "od-031", "od-038", {"od-031"}),  # India: 169 deaths (figure not in the UP group) vs UP's 410 cases
    ("outlets_dev", "od-009", "od-005", {"od-008", "od-009"}),  # Pune: 60 quarantined vs the Markaz emptied of 2361
    ("holdout", "holdout-036", "holdout-029", {"holdout-036"}),  # a plane crash in Manila vs the one in Kathmandu
])
def test_a_short_look_alike_contained_in_a_group_does_not_attach(split: str, item: str, look_alike: str, own: set[str]):
    """The group contains most of the short item's words (so containment alone would attach it), but
    its headline figure is nowhere in the group, or its lead places the event where the group never does.
    ``own``: the group the item ends in (its own event's reports)."""
    ids, articles = _split_signals(split)
    groups = group_articles(articles)
    group = _group_of(ids, groups, look_alike)
    assert item not in group and _group_of(ids, groups, item) == own
    assert _contained(ids, articles, item, group) >= AttachRule().contained
