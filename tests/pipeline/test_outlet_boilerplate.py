"""Boilerplate classes real outlets' texts carry, each on public text (tests/data/outlets) and a
counter-example the rule must leave alone."""
from __future__ import annotations

import pytest

from service.pipeline.boilerplate import clean_title, cut_desk_slugs, sentence_rule
from service.pipeline.clean import clean_article
from service.pipeline.outlets_eval import reader


def article(article_id: str):
    return next(a for a in reader().load_articles() if a.id == article_id)


BBC_PLUG = ("(बीबीसी हिन्दी के एंड्रॉएड ऐप के लिए आप यहां क्लिक कर सकते हैं. आप हमें फ़ेसबुक और ट्विटर पर फ़ॉलो भी "
            "कर सकते हैं.)")


def test_app_and_social_plug_inside_a_run_together_bbc_text_is_cut():
    cleaned = clean_article(article("xlsum-bbc-bharat-bandh").text)
    text = " ".join(cleaned.paragraphs)
    assert "क्लिक" not in text and "फ़ॉलो" not in text
    assert "धारा 144 लगा दी गई है." in text and text.rstrip().endswith("कमज़ोर बनाया गया है.")


@pytest.mark.parametrize("sentence", [
    "बिना Ads खबरों के लिए इनस्टॉल करें दैनिक भास्कर ऐप",  # bhaskar.com via GNews
    "कल और आज की बड़ी खबरों के बारे में जानने के लिए क्लिक करें यहां.",  # etvbharat.com
    "लेटेस्ट खबरों के लिए बने रहें हमारे साथ...",  # prabhatkhabar.com
    BBC_PLUG.split(". ")[0] + ".",
])
def test_reader_calls_are_boilerplate(sentence):
    assert sentence_rule(sentence) == "call to the reader"


@pytest.mark.parametrize("sentence", [
    "सरकार ने लोगों से आरोग्य सेतु ऐप डाउनलोड करने की अपील की है।",  # reported: story
    "आप इस ऐप को प्ले स्टोर से डाउनलोड कर सकते हैं।",  # no outlet addressing its reader
    "व्हाट्सएप चैट के अनुसार अर्नब गोस्वामी 23 फ़रवरी 2019 को अपने मित्र को मैसेज करते हैं।",
])
def test_story_sentences_about_apps_stay(sentence):
    assert sentence_rule(sentence) is None


def test_app_promo_line_is_never_the_headline_or_a_bullet():
    cleaned = clean_article(article("api-bhaskar-128132083").text)
    assert cleaned.headline == "IPL 2021 6 oldest players to watch out for Mini Auction Dhoni, Tahir, De Villiers, Gayle"
    assert not any("इनस्टॉल" in p for p in cleaned.paragraphs)


def test_news_api_truncation_drops_the_cut_sentence_and_marks_the_article():
    cleaned = clean_article(article("api-abp-1727958").text)
    assert cleaned.truncated
    text = " ".join(cleaned.paragraphs)
    assert "chars]" not in text and "33 रनों क" not in text
    assert "336 रन बनाए." in text
    assert not clean_article("भारत ने मैच जीता। टीम ने 336 रन बनाए।").truncated


def test_english_title_of_an_api_item_is_the_headline():
    cleaned = clean_article(article("api-zee-829762").text)
    assert cleaned.headline == "India vs Australia Brisbane Test Washington Sundar Shardul Thakur partnership records"
    assert cleaned.paragraphs[0].startswith("शार्दूल ठाकुर")  # the dateline "ब्रिसबेन:" is cut


@pytest.mark.parametrize(("line", "story", "slug"), [
    ("दि30 नयी दिल्ली, पांच मई (भाषा) सरकार ने कहा कि बैठक होगी।", "नयी दिल्ली, पांच मई (भाषा) सरकार ने कहा कि बैठक होगी।", "दि30"),
    ("वि1 बीजिंग चीन ने नई नीति घोषित की।", "बीजिंग चीन ने नई नीति घोषित की।", "वि1"),
    ("बाजार में तेजी रही। भाषा अर्थ6 नरेश रमण", "बाजार में तेजी रही।", "भाषा अर्थ6 नरेश रमण"),
    ("कोविड19 के मामले बढ़े।", "कोविड19 के मामले बढ़े।", None),
])
def test_agency_desk_slugs_are_cut(line, story, slug):
    assert cut_desk_slugs(line) == (story, slug)


@pytest.mark.parametrize("note", [
    "(यह खबर एजेंसी फीड से ऑटो-अपलोड की गई है।)",
    "यह ख़बर सिंडिकेट फ़ीड से सीधे पब्लिश की गई है।",
    "डिस्क्लेमर: यह खबर एजेंसी की है।",
])
def test_agency_feed_notes_are_boilerplate(note):
    assert sentence_rule(note) == "agency feed note"


@pytest.mark.parametrize(("text", "first"), [
    ("नई दिल्ली, लाइफस्टाइल डेस्क । सर्दियों में अदरक खाना सेहत के लिए फायदेमंद है।", "सर्दियों में"),
    ("लखनऊ, 30 अक्टूबर (आईएएनएस)। उत्तर प्रदेश में राज्यसभा चुनाव को लेकर विवाद है।", "उत्तर प्रदेश"),
    (article("pg-htsyndication-hindustan-si-stabbed").text.splitlines()[0], "दिल्ली में बदमाशों"),
    ("लखनऊ. कोरोनावायरस के संक्रमण को रोकने के लिए लॉकडाउन का तीसरा दिन है।", "कोरोनावायरस"),
])
def test_datelines_and_desk_lines_are_stripped(text, first):
    assert clean_article(text).paragraphs[0].startswith(first)


def test_a_colon_after_a_speaker_is_not_a_dateline():
    assert clean_article("उन्होंने कहा: यह सही नहीं है कि हम हारे।").paragraphs[0].startswith("उन्होंने कहा:")


@pytest.mark.parametrize(("title", "clean"), [
    ("देश / मोदी ने की मंत्रियों के साथ बैठक", "मोदी ने की मंत्रियों के साथ बैठक"),
    ("बॉलीवुड / Coronavirus : सलमान ने मजदूरों को भेजे पैसे", "सलमान ने मजदूरों को भेजे पैसे"),
    ("1. कोरोना: दिल्ली से मुंबई पहुंचे शख़्स में मिला ओमिक्रॉन", "कोरोना: दिल्ली से मुंबई पहुंचे शख़्स में मिला ओमिक्रॉन"),
    ("India vs Australia Brisbane Test", "India vs Australia Brisbane Test"),
    ("UP के Agra में रखे हजारों सरकारी गमले चुरा ले गए लोग", "UP के Agra में रखे हजारों सरकारी गमले चुरा ले गए लोग"),
])
def test_section_prefixes_leave_the_title(title, clean):
    assert clean_title(title) == clean


@pytest.mark.parametrize("sentence", ["यह भी पढ़ें: कोरोना के नए मामले 80 हजार के पार", "पढ़िए पूरी खबर."])
def test_teasers_inside_a_paragraph_are_boilerplate(sentence):
    assert sentence_rule(sentence) == "link to another story"


def test_a_list_after_a_question_is_kept_as_one_sentence_naming_its_items():
    cleaned = clean_article(article("pg-khabhar24live-unlock").text)
    listed = [p for p in cleaned.paragraphs if "होटल और रेस्टोरेंट 8 जून से खुलेंगे" in p]
    assert listed == ["होटल और रेस्टोरेंट 8 जून से खुलेंगे, नाइट कर्फ्यू 30 जून तक जारी रहेगा, "
                      "8 जून से शर्तों के साथ धार्मिक स्थल खोलने की इजाजत, शादी और अंतिम संस्कार में पुराने नियम लागू रहेंगे, "
                      "मॉल भी चरणबद्ध तरीके से खुलेंगे, स्कूल-कॉलेज जुलाई से खोले जा सकते हैं।"]
    assert "तो क्या बंद रहेगा और क्या खुला?" in cleaned.paragraphs


def test_short_lines_without_an_introduction_are_still_crossheads():
    text = "मुख्य खबर का पहला वाक्य यहां है।\nबैठक में क्या हुआ\nबैठक में कई फैसले लिए गए।\nसरकार का फैसला\nफैसला कल लागू होगा।"
    assert clean_article(text).paragraphs == ["मुख्य खबर का पहला वाक्य यहां है।", "बैठक में कई फैसले लिए गए।", "फैसला कल लागू होगा।"]
