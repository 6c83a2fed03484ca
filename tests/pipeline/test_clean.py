"""Clean stage, checked on the real scraped articles of the shared corpus and on an invented site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.corpus import corpus_path

from service.pipeline.clean import boilerplate_rule, clean_article
from service.pipeline.types import CleanArticle

DEVANAGARI = re.compile(r"[\u0904-\u0939\u0958-\u0961]")



def corpus_lines(name: str) -> list[str]:
    path = corpus_path(name)
    return path.read_text(encoding="utf-8").splitlines()


def cleaned(name: str) -> CleanArticle:
    return clean_article("\n".join(corpus_lines(name)))


def norm(line: str) -> str:
    return " ".join(line.split())


# Per article: the headline, the 1-based corpus lines that hold story text (in order), boilerplate
# lines that must be gone, pieces cut from the front or end of a story line, and sample sentences.
ARTICLES = {
    "article-01": dict(
        headline="रूसी सेना में मौजूद भारतीयों की जल्द हो वापसी… जयशंकर-लावरोव की हुई मीटिंग, भारत ने दोस्त रूस से कही खरी-खरी",
        story_lines=[7, 8, 9, 10],
        gone=["Thursday , January 15 2026 10:56 PM", "Home / News /"],
        cut=[],
        kept=[
            "इसके अलावा अन्य देशों के रक्षामंत्रियों से भी वह मिले।",
            "उनकी सुरक्षित और शीघ्र वापसी पर जोर दिया।’",
            "यहां दोनों के बीच मीटिंग हो सकती है।",
        ],
    ),
    "article-02": dict(
        headline="भारत ने रूस के युद्ध ग्रस्त इलाकों में मौजूद भारतीय नागरिकों की सुरक्षा पर की बात",
        story_lines=[8, 12, 16, 20],
        gone=[
            "S Jaishankar Sergey Lavrov Meeting:",
            "0",
            "175",
            "S Jaishankar Sergey Lavrov meeting भारत ने रूस के युद्ध ग्रस्त इलाकों में मौजूद भारतीय नागरिकों की सुरक्षा पर रूस से की बात",
            "वैश्विक रणनीति के क्षेत्र में भी आपसी विचारों का आदान-प्रदान",
            "रूसी सेना में कार्यरत हैं भारतीय नागरिक",
            "अस्ताना में महात्मा गांधी की प्रतिमा पर अर्पित की श्रद्धांजलि",
        ],
        cut=["Meeting Between Jaishankar And Lavrov At Kazakhstan,", "आज समाज, अस्ताना:"],
        kept=[
            "भारत ने रूस के युद्ध ग्रस्त इलाकों में मौजूद भारतीय नागरिकों की सुरक्षा को लेकर रूस से की बात की है।",
            "जयशंकर मंगलवार को एससीओ शिखर सम्मेलन में भाग लेने के लिए अस्ताना पहुंचे थे।",
        ],
    ),
    "article-03": dict(
        headline="जयशंकर ने रूसी विदेश मंत्री लावरोव से मुलाकात की, द्विपक्षीय संबंध और प्रगाढ़ करने पर चर्चा की",
        story_lines=[9, 13, 17, 21, 23, 27],
        gone=[
            "Publish Date - September 9, 2020 / 07:36 PM IST,",
            "Updated On - November 29, 2022 / 08:40 PM IST",
            "पढ़ें- अटल बिहारी वाजपेयी यूनिवर्सिटी ने की परीक्षा की घोषणा, 16 सितंबर से प्रारंभ होंगी परीक्षाएं",
            "पढ़ें- लोकसभा में कांग्रेस के नेता अधीर रंजन चौधरी को मिली…",
            "पढ़ें- छत्तीसगढ़ में आज 2564 नए कोरोना मरीजों की पुष्टि, 1…",
        ],
        cut=["मॉस्को।"],
        kept=[
            "विदेश मंत्री एस जयशंकर ने बुधवार को कहा कि अपने रूसी समकक्ष सर्गेई लावरोव के साथ उनकी बेहतरीन वार्ता हुई है।",
            "जयशंकर मंगलवार को यहां पहुंचे थे।",
            "इस रणनीतिक साझेदारी को काफी महत्व देता हूं। ’’",
        ],
    ),
    "article-04": dict(
        headline="मॉस्को में सर्गेई लावरोव से मिलेंगे जयशंकर, भारत-रूस के संबंधों को मिलेगी और मजबूती",
        story_lines=[6, 10, 14, 18, 22],
        gone=[
            "A",
            "Hindi News विदेश यूरोप",
            "Image Source : AP",
            "17-18 नवंबर को होगी मीटिंग",
            "इन प्रमुख अंतरराष्ट्रीय मुद्दों पर भी चर्चा",
            "दिसंबर में पुतिन आएंगे भारत",
            "Latest World News",
        ],
        cut=["मॉस्को:", "(भाषा/पीटीआई)"],
        kept=[
            "जयशंकर का यह दौरा न केवल एससीओ जैसे क्षेत्रीय मंचों को मजबूत करेगा, बल्कि पुतिन की यात्रा के लिए जमीन तैयार करेगा।",
            "भारत के विदेश मंत्री डॉ. एस. जयशंकर सोमवार को मॉस्को पहुंचकर",
            '"सोमवार, 17 नवंबर को रूसी विदेश मंत्री सर्गेई लावरोव भारतीय विदेश मंत्री के साथ औपचारिक वार्ता करेंगे।"',
            "जिसमें रूस भारत का सबसे बड़ा तेल आपूर्तिकर्ता बन गया।",
        ],
    ),
    "article-05": dict(
        headline="रूस पहुंचे विदेश मंत्री एस जयशंकर, राष्ट्रपति पुतिन से की मुलाकात, जानें किन मुद्दों पर हुई चर्चा?",
        story_lines=[3, 12, 16, 20, 22, 24],
        gone=[
            "S Jaishankar Russia Visit:",
            "author-image",
            "Deepak Kumar",
            "New Update",
            "S Jaishankar",
            "Advertisment",
            "SCO बैठक में आतंकवाद के खिलाफ कड़ा रुख",
            "यह भी पढ़ें- दुनिया के सबसे ज्यादा कनेक्टेड समाजों में से एक के रूप में उभरा भारत: डॉ. चंद्रशेखर पेम्मासानी",
            "यह भी पढ़ें- बांग्लादेश में नहीं थम रहा डेंगू से मौत का सिलसिला, अब तक 343 लोगों ने गंवाई जान",
            "World News International News Foreign Minister S Jaishankar",
        ],
        cut=[],
        kept=[
            "दोनों देशों के बीच कई मुद्दों पर चर्चा हुई.",
            "उनकी यात्रा का सबसे महत्वपूर्ण हिस्सा था रूस के राष्ट्रपति व्लादिमीर पुतिन से मुलाकात.",
            "उन्होंने SCO से संगठन के मूल सिद्धांतों पर बने रहने और आवश्यक सुधार करने की अपील भी की.",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_headline_is_kept_once(name: str) -> None:
    article = cleaned(name)
    expected = ARTICLES[name]["headline"]
    assert article.headline == expected
    assert not any(expected in p for p in article.paragraphs)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_every_story_line_is_kept_in_order(name: str) -> None:
    """Each paragraph is one story line of the page, less at most a short dateline or credit."""
    lines = corpus_lines(name)
    sources = [norm(lines[n - 1]) for n in ARTICLES[name]["story_lines"]]
    paragraphs = cleaned(name).paragraphs
    assert len(paragraphs) == len(sources)
    for paragraph, source in zip(paragraphs, sources):
        assert paragraph in source
        assert len(source) - len(paragraph) <= 80


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_named_boilerplate_is_gone_and_recorded(name: str) -> None:
    article = cleaned(name)
    for line in ARTICLES[name]["gone"]:
        assert not any(line in p for p in article.paragraphs if line != "A" and line != "0"), line
        assert any(line in r for r in article.removed), line
    for piece in ARTICLES[name]["cut"]:
        assert not any(piece in p for p in article.paragraphs), piece
        assert piece in article.removed


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_named_story_sentences_remain(name: str) -> None:
    text = "\n".join(cleaned(name).paragraphs)
    for sentence in ARTICLES[name]["kept"]:
        assert sentence in text


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_no_paragraph_looks_like_boilerplate(name: str) -> None:
    for paragraph in cleaned(name).paragraphs:
        assert boilerplate_rule(paragraph) is None, paragraph
        assert DEVANAGARI.search(paragraph)
        assert re.search(r"[।?!.](?:\s?[’”\"')])*$", paragraph), "a paragraph ends a sentence (no crossheads)"
        for marker in ("पढ़ें-", "Advertisment", "Image Source", "Home /", "author-image", "(भाषा", "New Update"):
            assert marker not in paragraph
        assert not re.match(r"^[^\s।]{2,20}[:।] ", paragraph), "no dateline left at the start"


def test_repeated_standfirst_is_kept_once() -> None:
    standfirst = norm(corpus_lines("article-05")[2])
    article = cleaned("article-05")
    assert article.paragraphs[0] == standfirst
    assert sum(standfirst in p for p in article.paragraphs) == 1
    assert standfirst in article.removed


OTHER_SITE = """होम » राष्ट्रीय » दिल्ली में भारी बारिश से जलभराव, कई इलाकों में ट्रैफिक जाम
दिल्ली में भारी बारिश से जलभराव, कई इलाकों में ट्रैफिक जाम
Edited By: Rahul Sharma | अपडेटेड: 15 जनवरी 2026, 10:30 AM
अपडेटेड: 16 जनवरी 2026
Share:
1.2K Views

नई दिल्ली: राजधानी में बुधवार सुबह हुई भारी बारिश से कई इलाकों में पानी भर गया। मौसम विभाग ने येलो अलर्ट जारी किया है।
बारिश के बाद आईटीओ पर जलभराव (फाइल फोटो)
फोटो: पीटीआई
विज्ञापन
ट्रैफिक पुलिस ने लोगों से रूट देखकर निकलने की अपील की है। डॉ. के. सिंह ने कहा कि नालों की सफाई नहीं हुई थी। (इनपुट: एजेंसी)
ये भी पढ़ें: मुंबई में भी बारिश का अलर्ट
READ MORE : Delhi Rain Live Updates
Also Read
दिल्ली सरकार ने आपात बैठक बुलाई
मुख्यमंत्री ने अधिकारियों को पंप लगाने के निर्देश दिए। (आईएएनएस)
टैग्स: दिल्ली बारिश, मौसम, जलभराव
Tags: Delhi Rain, IMD
"""


def test_boilerplate_of_another_site_is_cleaned_too() -> None:
    article = clean_article(OTHER_SITE)
    assert article.headline == "दिल्ली में भारी बारिश से जलभराव, कई इलाकों में ट्रैफिक जाम"
    assert article.paragraphs == [
        "राजधानी में बुधवार सुबह हुई भारी बारिश से कई इलाकों में पानी भर गया। मौसम विभाग ने येलो अलर्ट जारी किया है।",
        "ट्रैफिक पुलिस ने लोगों से रूट देखकर निकलने की अपील की है। डॉ. के. सिंह ने कहा कि नालों की सफाई नहीं हुई थी।",
        "मुख्यमंत्री ने अधिकारियों को पंप लगाने के निर्देश दिए।",
    ]
    for piece in ("नई दिल्ली:", "(इनपुट: एजेंसी)", "(आईएएनएस)", "दिल्ली सरकार ने आपात बैठक बुलाई", "विज्ञापन", "Share:"):
        assert piece in article.removed


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Thursday , January 15 2026 10:56 PM", "date stamp"),
        ("Publish Date - September 9, 2020 / 07:36 PM IST,", "date stamp"),
        ("अपडेटेड: 15 जनवरी 2026", "date stamp"),
        ("मंगलवार, 18 नवंबर 2025, 09:15 बजे", "date stamp"),
        ("175", "counter"),
        ("2.3K Shares", "counter"),
        ("author-image", "byline"),
        ("Edited By: Rahul Sharma", "byline"),
        ("लेखक: राहुल शर्मा", "byline"),
        ("पढ़ें- कांग्रेस नेता के घर पुलिस की दबिश", "link to another story"),
        ("यह भी पढ़ें- बांग्लादेश में डेंगू का कहर", "link to another story"),
        ("यहां पढ़ें 19 मार्च (गुरुवार) के सभी अपडेट", "link to another story"),  # Amar Ujala live blog
        ("READ MORE : Jaishankar in Moscow", "link to another story"),
        ("Also Read", "link to another story"),
        ("Advertisment", "ad label"),
        ("Advertisement", "ad label"),
        ("विज्ञापन", "ad label"),
        ("New Update", "widget label"),
        ("Share:", "share widget"),
        ("शेयर करें", "share widget"),
        ("टैग्स", "tag list"),
        ("Tags: India, Russia", "tag list"),
        ("लावरोव।- India TV Hindi Image Source : AP लावरोव।", "image caption"),
        ("फोटो: सोशल मीडिया", "image caption"),
        ("प्रधानमंत्री नरेंद्र मोदी (फाइल फोटो)", "image caption"),
        ("Home / News / जयशंकर रूस पहुंचे", "breadcrumb"),
        ("होम » राष्ट्रीय » जयशंकर रूस पहुंचे", "breadcrumb"),
        ("Hindi News विदेश यूरोप जयशंकर रूस पहुंचे", "breadcrumb"),
        ("(भाषा/पीटीआई)", "agency credit"),
        ("।। अवधेश कुमार।।", "byline"),
        ("समाचार4मीडिया ब्यूरो", "byline"),
        ("पूरी ख़बर पढ़ें »", "link to another story"),
        ("संबंधित वीडियो", "widget label"),
        ("A", "single letter"),
        ("•", "punctuation only"),
        ("World News International News S Jaishankar", "no Devanagari"),
    ],
)
def test_each_rule_catches_its_kind(line: str, rule: str) -> None:
    assert boilerplate_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "होम लोन की दरें आज से बढ़ गईं।",
        "विकास दर 4.5 प्रतिशत रही, 15 जनवरी 2026 को आंकड़े जारी हुए।",
        "डॉ. एस. जयशंकर ने कहा कि भारत तैयार है।",
        "भाषा के सवाल पर उन्होंने कुछ नहीं कहा।",
        "ANI की रिपोर्ट के मुताबिक, जयशंकर ने पुतिन को बधाई दी.",
        "यहां पढ़ने वाले बच्चों को मुफ्त किताबें मिलेंगी।",
    ],
)
def test_story_lines_match_no_rule(line: str) -> None:
    assert boilerplate_rule(line) is None


@pytest.mark.parametrize(
    ("line", "paragraph"),
    [
        ("मॉस्को। विदेश मंत्री ने बैठक की।", "विदेश मंत्री ने बैठक की।"),
        ("नई दिल्ली: विदेश मंत्री ने बैठक की।", "विदेश मंत्री ने बैठक की।"),
        ("आज समाज, अस्ताना: विदेश मंत्री ने बैठक की।", "विदेश मंत्री ने बैठक की।"),
        ("उन्होंने कहा: हम पूरी तरह तैयार हैं।", "उन्होंने कहा: हम पूरी तरह तैयार हैं।"),
        ("सवाल: क्या बैठक सफल रही?", "सवाल: क्या बैठक सफल रही?"),
        ("जयशंकर मंगलवार को यहां पहुंचे थे।", "जयशंकर मंगलवार को यहां पहुंचे थे।"),
    ],
)
def test_datelines_are_cut_but_not_quotes_or_short_sentences(line: str, paragraph: str) -> None:
    lead = "बैठक आज सुबह दिल्ली में हुई।"
    assert clean_article(f"{lead}\n{line}").paragraphs == [lead, paragraph]


def test_english_kicker_is_cut_from_a_hindi_headline() -> None:
    article = clean_article("Putin India Visit: पुतिन दिसंबर में भारत आएंगे\nपुतिन 5 दिसंबर को दिल्ली पहुंचेंगे।")
    assert article.headline == "पुतिन दिसंबर में भारत आएंगे"
    assert "Putin India Visit:" in article.removed


def test_english_input_gets_only_language_independent_rules() -> None:
    text = """Home / World / Jaishankar meets Lavrov in Moscow
Jaishankar meets Lavrov in Moscow
By Deepak Kumar
Updated: January 15, 2026 10:56 PM IST
Advertisement
MOSCOW: External Affairs Minister S. Jaishankar met Sergey Lavrov on Monday. They discussed trade.
Also Read: Putin to visit India in December
Talks focus on trade
He said India would protect its citizens. (Reuters)"""
    article = clean_article(text, language="en")
    assert article.headline == "Jaishankar meets Lavrov in Moscow"
    assert article.paragraphs == [
        "External Affairs Minister S. Jaishankar met Sergey Lavrov on Monday. They discussed trade.",
        "He said India would protect its citizens.",
    ]
    assert "Talks focus on trade" in article.removed


def test_plain_story_text_has_no_headline_and_loses_nothing() -> None:
    text = "जयशंकर ने लावरोव से मुलाकात की। दोनों ने व्यापार पर चर्चा की।\n\nबैठक दो घंटे चली।"
    article = clean_article(text)
    assert article.headline is None
    assert article.paragraphs == ["जयशंकर ने लावरोव से मुलाकात की। दोनों ने व्यापार पर चर्चा की।", "बैठक दो घंटे चली।"]
    assert article.removed == []


def test_empty_text() -> None:
    assert clean_article("  \n\n ") == CleanArticle(headline=None, paragraphs=[], removed=[])


def test_a_long_line_is_never_dropped_whole() -> None:
    """An article glued into one line still has a caption and a "पढ़ें-" link in it: keep the story."""
    one_line = " ".join(corpus_lines("article-04") + corpus_lines("article-03"))
    article = clean_article(one_line)
    assert len(article.paragraphs) == 1
    assert "डॉ. एस. जयशंकर सोमवार को मॉस्को पहुंचकर" in article.paragraphs[0]


# Page structure found on public pages (tests/data/cleaning); each is a layout, not one site's text.
def test_breadcrumb_trail_ending_in_the_title_is_dropped_and_the_title_kept() -> None:
    article = clean_article("Hindi News खेल क्रिकेट भारत ने सीरीज जीती, कप्तान ने कहा शुक्रिया?\n"
                            "भारत ने सीरीज जीती, कप्तान ने कहा शुक्रिया?\nभारत ने आखिरी मैच में पांच विकेट से जीत दर्ज की।")
    assert article.headline == "भारत ने सीरीज जीती, कप्तान ने कहा शुक्रिया?"
    assert article.paragraphs == ["भारत ने आखिरी मैच में पांच विकेट से जीत दर्ज की।"]


def test_cut_off_teaser_of_a_later_paragraph_is_dropped() -> None:
    full = "देश में पंजीकृत दलों की संख्या बढ़ती जा रही है और ज्यादातर दलों का कोई जनाधार नहीं है।"
    article = clean_article(f"दलों की बाढ़ पर सवाल\nदेश में पंजीकृत दलों की संख्या बढ़ती जा रही है और ज्यादातर […]\n{full}")
    assert article.paragraphs == [full]


def test_headline_may_end_in_an_ellipsis() -> None:
    article = clean_article("सरकार ने विज्ञापनों पर खर्चे 58 करोड़...\nसरकार ने तीन साल में विज्ञापनों पर 58 करोड़ रुपये खर्च किए।")
    assert article.headline == "सरकार ने विज्ञापनों पर खर्चे 58 करोड़..."


def test_a_short_unfinished_last_line_is_a_paragraph_cut_short_not_a_crosshead() -> None:
    article = clean_article("पुलिस ने आरोपी को गिरफ्तार किया है। उससे पूछताछ जारी है।\nअहम खुलासे\n"
                            "आरोपी ने बताया कि वह दो साल से फरार था।\nपुलिस अधीक्षक ने बताया कि आरोपी को")
    assert "अहम खुलासे" in article.removed
    assert article.paragraphs[-1] == "पुलिस अधीक्षक ने बताया कि आरोपी को"


def test_english_copy_of_a_hindi_title_is_cut() -> None:
    article = clean_article("Mp News:नए साल में सीएम ने बुलाई बड़ी बैठक – Mp News: Cm Convenes Big Meeting In New Year\n"
                            "मुख्यमंत्री ने दो जनवरी को बैठक बुलाई है।")
    assert article.headline == "नए साल में सीएम ने बुलाई बड़ी बैठक"
    assert "– Mp News: Cm Convenes Big Meeting In New Year" in article.removed
