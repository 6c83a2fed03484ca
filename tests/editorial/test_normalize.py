"""One normalisation for matching sentences: spellings of one sentence meet, different sentences do not."""
import unicodedata

from service.editorial.normalize import normalize_sentence, sentence_hash

SENTENCE = "भारत की राजधानी नई दिल्ली है।"


def test_spellings_of_one_sentence_share_a_key():
    variants = [
        SENTENCE,
        unicodedata.normalize("NFD", SENTENCE),
        "  भारत  की राजधानी\tनई दिल्ली है ।  ",  # spaces, a space before the danda
        "भारत की राजधानी नई दिल्ली है.",  # full stop for a danda
        "भारत की राजधानी नई दिल्ली है|",  # a pipe typed for a danda
        "भारत की राजधानी नई दिल्ली है",  # no full stop at all
        "भारत की\u200c राजधानी नई\u200d दिल्ली है।\ufeff",  # zero-width joiners, BOM
    ]
    assert len({sentence_hash(v) for v in variants}) == 1


def test_nukta_digits_and_quotes_fold():
    assert normalize_sentence("उसने ज़िले में २० “लोग” देखे।") == normalize_sentence('उसने जिले में 20 "लोग" देखे')


def test_different_sentences_stay_apart():
    assert sentence_hash("क्या वह आया?") != sentence_hash("क्या वह आया।"), "a question is not a statement"
    assert sentence_hash("वह आया।") != sentence_hash("वह गया।")
    assert sentence_hash("रैली में 20 लोग थे।") != sentence_hash("रैली में 200 लोग थे।")
