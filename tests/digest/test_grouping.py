from datetime import date
from pathlib import Path

from service.digest import dates
from service.digest.grouping import ArticleSignals, group_articles
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
