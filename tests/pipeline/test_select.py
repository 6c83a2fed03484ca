from service.pipeline.select import select_sentences, tokenize
from service.pipeline.types import Sentence


def sentences(*texts):
    return [Sentence(index=i, text=t, paragraph=0) for i, t in enumerate(texts)]


ARTICLE = sentences(
    "विदेश मंत्री जयशंकर ने मॉस्को में रूसी विदेश मंत्री लावरोव से मुलाकात की।",
    "दोनों मंत्रियों ने द्विपक्षीय संबंधों और व्यापार पर चर्चा की।",
    "विदेश मंत्री जयशंकर ने मॉस्को में रूसी विदेश मंत्री लावरोव से मुलाकात की।",
    "मौसम आज साफ रहा।",
    "जयशंकर ने लावरोव के साथ ऊर्जा और रक्षा सहयोग पर बात की।",
    "बैठक में संयुक्त राष्ट्र और ब्रिक्स पर भी चर्चा हुई।",
)


def test_tokenize_keeps_devanagari_words_whole():
    assert tokenize("जयशंकर ने कहा। 4.5 प्रतिशत") == ["जयशंकर", "ने", "कहा", "4", "5", "प्रतिशत"]


def test_selects_n_in_article_order_without_duplicates():
    chosen = select_sentences(ARTICLE, 3, headline="जयशंकर ने लावरोव से मुलाकात की")
    indexes = [s.index for s in chosen]
    assert len(chosen) == 3
    assert indexes == sorted(indexes)
    assert not {0, 2} <= set(indexes), "the repeated sentence must not be chosen twice"
    assert 0 in indexes, "the lead sentence, central and on-topic, is chosen"


def test_datelines_and_fragments_are_never_chosen_even_when_all_are_asked_for():
    article = sentences(
        "नई दिल्ली.",
        "विदेश मंत्री जयशंकर ने मॉस्को में रूसी विदेश मंत्री लावरोव से मुलाकात की।",
        "ये भी पढ़ें",
        "दोनों मंत्रियों ने द्विपक्षीय संबंधों और व्यापार पर चर्चा की।",
        "बैठक के बाद क्या बोले जयशंकर",
        "जयशंकर ने लावरोव के साथ ऊर्जा और रक्षा सहयोग पर बात की।",
    )
    assert [s.index for s in select_sentences(article, len(article))] == [1, 3, 5]


def test_fewer_sentences_than_requested():
    assert [s.index for s in select_sentences(ARTICLE[:1], 5)] == [0]
    assert select_sentences([], 5) == []
    assert select_sentences(ARTICLE, 0) == []


def test_all_identical_sentences_collapse_to_one():
    same = sentences(*["भारत और रूस ने व्यापार बढ़ाने पर सहमति जताई।"] * 4)
    assert len(select_sentences(same, 3)) == 1
