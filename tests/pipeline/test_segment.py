"""Segment stage: sentence ends, abbreviations, numbers, quotes, and paragraphs kept apart."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import corpus_path

from service.pipeline.clean import clean_article
from service.pipeline.segment import rejoin_broken_lines, split_paragraph, split_sentences



def corpus_paragraphs(name: str) -> list[str]:
    path = corpus_path(name)
    return clean_article(path.read_text(encoding="utf-8")).paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "भारत के विदेश मंत्री डॉ. एस. जयशंकर मॉस्को पहुंचे। वहां उनकी बैठक हुई।",
            ["भारत के विदेश मंत्री डॉ. एस. जयशंकर मॉस्को पहुंचे।", "वहां उनकी बैठक हुई।"],
        ),
        (
            "बी. के. सिंह और एम. नायडू ने भाग लिया. प्रो. शर्मा और श्री. वर्मा भी थे.",
            ["बी. के. सिंह और एम. नायडू ने भाग लिया.", "प्रो. शर्मा और श्री. वर्मा भी थे."],
        ),
        ("ए. आर. रहमान ने संगीत दिया। उ.प्र. में चुनाव हैं।", ["ए. आर. रहमान ने संगीत दिया।", "उ.प्र. में चुनाव हैं।"]),
        ("विकास दर 4.5 प्रतिशत रही। यह कम है।", ["विकास दर 4.5 प्रतिशत रही।", "यह कम है।"]),
        ("बैठक 15.01.2026 को हुई. इसमें कई नेता थे.", ["बैठक 15.01.2026 को हुई.", "इसमें कई नेता थे."]),
        ("कीमत रु. 500 है। 1. पहला बिंदु यह है।", ["कीमत रु. 500 है।", "1. पहला बिंदु यह है।"]),
        ("वेबसाइट www.mea.gov.in पर देखें. ईमेल info@mea.gov.in पर भेजें.", ["वेबसाइट www.mea.gov.in पर देखें.", "ईमेल info@mea.gov.in पर भेजें."]),
        ("मोदी जी. उन्होंने कहा। वह घर आई. फिर गई.", ["मोदी जी.", "उन्होंने कहा।", "वह घर आई.", "फिर गई."]),
    ],
)
def test_abbreviations_numbers_and_urls_are_not_ends(text: str, expected: list[str]) -> None:
    assert split_paragraph(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("उन्होंने लिखा, ‘हम तैयार हैं।’ फिर वह चले गए।", ["उन्होंने लिखा, ‘हम तैयार हैं।’", "फिर वह चले गए।"]),
        ('उन्होंने कहा, "वार्ता होगी।" यह अहम है।', ['उन्होंने कहा, "वार्ता होगी।"', "यह अहम है।"]),
        ("उन्होंने कहा, ‘‘खुशी हुई। ’’ बैठक टली थी।", ["उन्होंने कहा, ‘‘खुशी हुई।’’", "बैठक टली थी।"]),
        ("यह सही है (जैसा उन्होंने कहा।) अगली बात।", ["यह सही है (जैसा उन्होंने कहा।)", "अगली बात।"]),
        ("क्या भारत तैयार है? हां! बिल्कुल॥ सच?! हां।", ["क्या भारत तैयार है?", "हां!", "बिल्कुल॥", "सच?!", "हां।"]),
        ('उसने पूछा, "कब?", और चला गया।', ['उसने पूछा, "कब?", और चला गया।']),
        ("उन्होंने कहा, ‘‘हम सभी क्षेत्रों… सहयोग… की प्रशंसा करते हैं।’’ बात खत्म।", ["उन्होंने कहा, ‘‘हम सभी क्षेत्रों… सहयोग… की प्रशंसा करते हैं।’’", "बात खत्म।"]),
        ("वह बोला... फिर चुप हो गया।", ["वह बोला... फिर चुप हो गया।"]),
    ],
)
def test_closing_quotes_stay_and_ellipses_do_not_end(text: str, expected: list[str]) -> None:
    assert split_paragraph(text) == expected


def test_full_stop_used_as_sentence_end_article_05_style() -> None:
    text = "भारत के विदेश मंत्री एस. जयशंकर मंगलवार (18 नवंबर) को मॉस्को पहुंचे. उनकी यात्रा अहम थी. ANI की रिपोर्ट के मुताबिक, बधाई दी गई."
    assert split_paragraph(text) == [
        "भारत के विदेश मंत्री एस. जयशंकर मंगलवार (18 नवंबर) को मॉस्को पहुंचे.",
        "उनकी यात्रा अहम थी.",
        "ANI की रिपोर्ट के मुताबिक, बधाई दी गई.",
    ]


def test_english_text() -> None:
    text = "Dr. S. Jaishankar met Mr. Lavrov in the U.S. on Jan. 15. Talks lasted 2.5 hours! Was it useful? Yes, e.g. on trade."
    assert split_paragraph(text) == [
        "Dr. S. Jaishankar met Mr. Lavrov in the U.S. on Jan. 15.",
        "Talks lasted 2.5 hours!",
        "Was it useful?",
        "Yes, e.g. on trade.",
    ]


def test_whitespace_is_normalized_and_empty_pieces_dropped() -> None:
    assert split_paragraph("  पहला   वाक्य।\n दूसरा\tवाक्य।  ।  ") == ["पहला वाक्य।", "दूसरा वाक्य।"]
    assert split_paragraph("   ") == []
    assert split_paragraph("बिना विराम का पाठ") == ["बिना विराम का पाठ"]


def test_paragraphs_are_never_merged() -> None:
    sentences = split_sentences(["पहला वाक्य। दूसरा वाक्य", "", "तीसरा वाक्य। चौथा।"])
    assert [(s.index, s.paragraph, s.text) for s in sentences] == [
        (0, 0, "पहला वाक्य।"),
        (1, 0, "दूसरा वाक्य"),
        (2, 2, "तीसरा वाक्य।"),
        (3, 2, "चौथा।"),
    ]


@pytest.mark.parametrize("name", [f"article-0{n}" for n in range(1, 6)])
def test_corpus_paragraphs_split_without_losing_text(name: str) -> None:
    paragraphs = corpus_paragraphs(name)
    sentences = split_sentences(paragraphs)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for number, paragraph in enumerate(paragraphs):
        own = [s.text for s in sentences if s.paragraph == number]
        assert "".join(own).replace(" ", "") == paragraph.replace(" ", "")
        for text in own:
            assert text[-1] in "।॥?!.’”\"'", text


def test_corpus_sentence_counts() -> None:
    """Hand-counted sentences: article-04 (danda, "डॉ. एस.") and article-05 ("." as full stop)."""
    assert [len(split_paragraph(p)) for p in corpus_paragraphs("article-04")] == [2, 3, 5, 5, 6]
    assert [len(split_paragraph(p)) for p in corpus_paragraphs("article-05")] == [2, 4, 4, 3, 2, 2]


@pytest.mark.parametrize(("text", "expected"), [
    # BBC Hindi pages scraped paragraph by paragraph: no space after the full stop or closing quote
    ("वो अक्सर टीवी पर नज़र आते हैं.अमदीनेजाद ने कहा कि वह तैयार हैं.", ["वो अक्सर टीवी पर नज़र आते हैं.", "अमदीनेजाद ने कहा कि वह तैयार हैं."]),
    ("उन्होंने कहा कि यह सही है.”वो चले गए.", ["उन्होंने कहा कि यह सही है.”", "वो चले गए."]),
    ("आइए इसके बारे में जानते हैं।काढ़ा पीना क्यों जरूरी है?न्यूट्रीशनिस्ट लीमा बताती हैं।",
     ["आइए इसके बारे में जानते हैं।", "काढ़ा पीना क्यों जरूरी है?", "न्यूट्रीशनिस्ट लीमा बताती हैं।"]),
    ("योजना है.Frontier एयरलाइन ने कहा.", ["योजना है.", "Frontier एयरलाइन ने कहा."]),
    # ... but never inside numbers, short forms, addresses or times
    ("दर 2.5 फीसदी रही और उ.प्र. में 10.30 बजे डॉ.मनमोहन ने www.mea.gov.in और a.b@mea.gov.in बताए.",
     ["दर 2.5 फीसदी रही और उ.प्र. में 10.30 बजे डॉ.मनमोहन ने www.mea.gov.in और a.b@mea.gov.in बताए."]),
    ("U.S. और ए.के.सिंह की बैठक हुई. वेबसाइट कैपिटलएफएम. की कंपनी भी थी.", ["U.S. और ए.के.सिंह की बैठक हुई.", "वेबसाइट कैपिटलएफएम. की कंपनी भी थी."]),
])
def test_run_together_sentence_ends_are_found(text, expected):
    assert split_paragraph(text) == expected


def test_a_sentence_broken_across_lines_is_joined_but_headlines_and_lists_are_not():
    from service.pipeline.segment import rejoin_broken_lines

    wrapped = ["सामाजिक जीवन का प्रतिबिंब हमें साहित्य में ही दृष्टिगोचर होता है। समाज में निहित विचार और भावनाएँ साहित्य के माध्यम से",
               "प्रतिबिंबित होती हैं। इन विचारों और भावनाओं की अभिव्यक्ति भाषा के द्वारा की", "जाती है।"]
    assert rejoin_broken_lines(wrapped) == [" ".join(wrapped)]
    headline = ["ट्रैक्टर से कुचलने की कोशिश करने वाला आरोपी हिरासत में", "वृन्दावन की कॉलोनी में घटना हुई थी।"]
    assert rejoin_broken_lines(headline) == headline
    items = ["– होटल और रेस्टोरेंट 8 जून से खुलेंगे", "– नाइट कर्फ्यू 30 जून तक जारी रहेगा"]
    assert rejoin_broken_lines(items) == items


# ---- issue 18, continuation: run-together ends before numbers and quotes; lines wrapped after commas ----

def test_a_number_glued_after_a_devanagari_full_stop_starts_a_sentence():
    assert split_paragraph("इस पर कब्ज़ा कर लिया था.1957 में वह संगठन बना.") == [
        "इस पर कब्ज़ा कर लिया था.", "1957 में वह संगठन बना."]
    assert split_paragraph("इसकी कीमत रु.500 है. कीमत 4.5 फीसदी बढ़ी.") == [
        "इसकी कीमत रु.500 है.", "कीमत 4.5 फीसदी बढ़ी."]


def test_a_glued_straight_quote_opens_the_next_sentence_unless_one_is_open():
    assert split_paragraph('उन्होंने वकालत की."मुझे यह आश्चर्यजनक लगता है."') == [
        "उन्होंने वकालत की.", '"मुझे यह आश्चर्यजनक लगता है."']
    assert split_paragraph('उसने कहा "मैं जाऊंगा."वह चला गया.') == ['उसने कहा "मैं जाऊंगा."', "वह चला गया."]


@pytest.mark.parametrize("text, expected", [
    # a quote that ran over several sentences closes before the next one opens its own
    ('"सब ठीक है। हम जीतेंगे।"उन्होंने कहा कि "ऐसे बहुत से सवाल हैं।"',
     ['"सब ठीक है।', 'हम जीतेंगे।"', 'उन्होंने कहा कि "ऐसे बहुत से सवाल हैं।"']),
    # the last quote of the sentence closed one ('," उन्होंने कहा'): the glued one opens the next
    ('"हम तैयार हैं," उन्होंने कहा।"हर मिनट एक एम्बुलेंस आती है," एक डॉक्टर ने कहा।',
     ['"हम तैयार हैं," उन्होंने कहा।', '"हर मिनट एक एम्बुलेंस आती है," एक डॉक्टर ने कहा।']),
    # two quotes between sentences: one closes, one opens; after a curly closer a straight one opens
    ('वे बोले, "बार हुआ करते थे।""आज सब खत्म है।"', ['वे बोले, "बार हुआ करते थे।"', '"आज सब खत्म है।"']),
    ('वे बोले, “समाज बदल रहा है।”"बार अब खाली हैं।"', ['वे बोले, “समाज बदल रहा है।”', '"बार अब खाली हैं।"']),
    # nothing tells in the sentence before: the next sentence's first quote, a closer, says this one opened it
    ('बैठक खत्म हुई।"हम लौटेंगे," मंत्री ने कहा।', ['बैठक खत्म हुई।', '"हम लौटेंगे," मंत्री ने कहा।']),
])
def test_a_straight_quote_between_run_together_sentences_goes_with_the_sentence_it_belongs_to(text, expected):
    assert split_paragraph(text) == expected


def test_a_line_broken_after_a_comma_is_joined_and_a_list_item_is_not():
    lines = ["उसमें 32 अन्य व्यक्ति थे,", "जिन्हें पुलिस ने छोड़ दिया।"]
    assert rejoin_broken_lines(lines) == ["उसमें 32 अन्य व्यक्ति थे, जिन्हें पुलिस ने छोड़ दिया।"]
    assert rejoin_broken_lines(["इन जिलों में अलर्ट है,", "- मेरठ", "- आगरा"]) == ["इन जिलों में अलर्ट है,", "- मेरठ", "- आगरा"]


def test_an_overlong_sentence_is_cut_at_clause_breaks_into_bounded_pieces_with_nothing_lost():
    from service.pipeline.segment import bound_length

    clause = "भारत की राजधानी नई दिल्ली में आज बैठक हुई, "
    sentences = split_sentences(["पहला वाक्य है।", clause * 40 + "अंत।"])
    bounded = bound_length(sentences, 200)
    assert bounded[0].text == "पहला वाक्य है।" and all(len(s.text) <= 200 for s in bounded)
    assert [s.index for s in bounded] == list(range(len(bounded))) and {s.paragraph for s in bounded[1:]} == {1}
    assert " ".join(s.text for s in bounded[1:]).split() == (clause * 40 + "अंत।").split()
    assert all(s.text.endswith(",") for s in bounded[1:-1])  # cut after a comma, not inside a clause
    assert bound_length(sentences[:1], 200) == sentences[:1]
    words = bound_length(split_sentences(["शब्द " * 300]), 100)  # no clause break at all: between words
    assert all(len(s.text) <= 100 for s in words) and sum(len(s.text.split()) for s in words) == 300
