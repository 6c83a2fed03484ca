"""Boilerplate classes real outlets' texts carry, each on public text (tests/data/outlets) and a
counter-example the rule must leave alone."""
from __future__ import annotations

import pytest

from service.pipeline.boilerplate import clean_title, cut_desk_slugs, sentence_rule
from service.pipeline.clean import boilerplate_rule, clean_article
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


# ---- issue 18, continuation: boilerplate inside story lines (dev texts of tests/data/outlets) ----------

@pytest.mark.parametrize("sentence", [
    "इस स्टोरी में हम आपको टीम इंडिया के उन तीन कप्तानों के बारे में बताने जा रहे हैं।",  # journalindia.com
    "आइए जान लेते हैं आईपीएल इतिहास में सबसे बड़ा मैच विनर खिलाड़ी कौन रहा है.",  # hindi.opoyi.com
    "आज हम IPL में सबसे ज्यादा मैंन ऑफ़ द मैच अवार्ड जीतने वाले 5 खिलाड़ियों के बारें में जानेंगे।",  # kreedafacts.com
    "जानिए मंगलवार सुबह की 5 बड़ी खबरें -",  # aajtak.in roundup
    "आज की वो खबरें जिन पर आपकी नजर बनी रहेगी और कल की बड़ी खबरें, जिसके बारे में आप जरूर जानना चाहेंगे.",  # etvbharat.com
])
def test_the_outlet_introducing_its_page_is_boilerplate(sentence):
    assert sentence_rule(sentence) == "the outlet's note to the reader"


@pytest.mark.parametrize("sentence", [
    "आपको बता दें कि इस वीडियो को सोशल मीडिया पर 20 लाख से ज्यादा लोगों ने देखा है।",  # story opener
    "हम रूस के इरादों को जोर-शोर से बता रहे हैं इसलिए नहीं कि हम युद्ध चाहते हैं।",  # quoted speech, no "you"
    "हम सब जानते हैं कि भाषा विचारों के आदान-प्रदान का माध्यम है।",
    "उन्होंने कहा कि आइए मिलकर आतंकवाद को खत्म करें।",  # reported speech
])
def test_we_and_you_in_story_sentences_stay(sentence):
    assert sentence_rule(sentence) is None


def test_a_lets_see_clause_glued_to_a_story_sentence_is_cut_alone():
    text = ("सरकारी नौकरी हर कोई करना चाहता है.\nगृह मंत्रालय की ओर से कुछ चुनिंदा पदों के लिए भर्ती की जा रही है "
            "तो आईये जानते हैं इस लेख में भर्ती और आवेदन प्रक्रिया के बारे में.\nकुल 34 पदों पर भर्ती होगी.")
    paragraphs = clean_article(text).paragraphs
    assert "गृह मंत्रालय की ओर से कुछ चुनिंदा पदों के लिए भर्ती की जा रही है।" in paragraphs
    assert not any("आईये" in p for p in paragraphs)


@pytest.mark.parametrize(("line", "story"), [
    ("अंकित सोनी@सूरजपुर। बाइक से जा रहे युवकों को तेज रफ्तार ट्रक ने ठोकर मार दी।", "बाइक से जा रहे"),  # khabar36.com
    ("धार। (अशोक राठौर) नालछा थाना अंतर्गत ग्राम उमरपुरा में एक कच्चे मकान में अचानक आग लग गई।", "नालछा थाना"),
    ("स्टाफ रिपोर्टर, एएनएम न्यूज़ : मौसम विभाग ने देश के करीब 20 राज्यों में अलर्ट जारी किया है।", "मौसम विभाग ने"),
    ("दुमका, दिसम्बर 19 -- दुमका, प्रतिनिधि। दुमका के सरुवा गांव के एक मकान में अचानक आग लग गई।", "दुमका के सरुवा"),
    ("रायपुर न्यूज़ धमाका /// उरला इलाके में सोमवार की दोपहर एक सड़क हादसे में 2 लोगों की जान चली गई।", "उरला इलाके"),
])
def test_bylines_glued_before_the_first_sentence_are_cut(line, story):
    paragraph = clean_article("सड़क हादसे में दो की मौत\n" + line).paragraphs[0]
    assert paragraph.startswith(story)


@pytest.mark.parametrize("line", [
    "उत्तर प्रदेश / बहराइच से बेखौफ खबर के लिए स्वतंत्र पत्रकार शबनम सिद्दीकी की रिपोर्ट",  # bekhaufkhabar.com
    "टीएन शर्मा की रिपोर्ट",  # atsamachar.in
    "रिपोर्ट, विनय शुक्ला बहराइच",  # rnanews.in
    "संवाददाता सोमवीर सैनी",  # hindisamacharplus24x7.com
    "न्यूज डेस्क, Mp Breaking News",  # mpbreakingnews.in
])
def test_report_from_lines_are_bylines(line):
    assert boilerplate_rule(line) == "byline"


@pytest.mark.parametrize("line", ["सीबीआई की रिपोर्ट", "संवाददाता सम्मेलन में मुख्यमंत्री ने घोषणा की।"])
def test_lines_that_only_mention_a_report_stay(line):
    assert boilerplate_rule(line) is None


def test_a_related_headline_between_paragraphs_goes_and_a_list_item_stays():
    text = ("मगरमच्छ दिखने से दहशत में ग्रामीण\nगांव के किनारे बने पुल के पास एक विशालकाय मगरमच्छ दिखने से हड़कंप मच गया।\n"
            "बहराइच : दरोगा के खिलाफ कार्रवाई की मांग को लेकर थाने के गेट पर किसान नेताओं का प्रदर्शन\n"
            "सूचना पर ग्राम प्रधान पहुंचे और वन विभाग को जानकारी दी।")
    paragraphs = clean_article(text).paragraphs
    assert not any("दरोगा" in p for p in paragraphs) and len(paragraphs) == 2
    listed = ("तेज बारिश का अलर्ट जारी किया गया है:\n1. दिल्ली: अगले दो दिनों के लिए तेज बारिश का अलर्ट जारी किया गया है, "
              "जिससे उमस भरी गर्मी से राहत मिलने की उम्मीद है\n2. छत्तीसगढ़: कांकेर में ऑरेंज अलर्ट है।")
    kept = " ".join(clean_article("मौसम : तेज बारिश की चेतावनी\n" + listed).paragraphs)
    assert "उमस भरी गर्मी" in kept and "तेज बारिश का अलर्ट जारी किया गया है:" in kept


def test_the_headline_repeated_before_a_paragraph_and_its_cut_copy_go():
    text = ("दिन के समय हो रही बिजली की कटौती से उपभोक्ता परेशान\n"
            "Gangapar News - दिन के समय हो रही बिजली की कटौती से उपभोक्ता परेशान मेजा। बिजली विभाग के इंजिनियर व "
            "कर्मचारी अपनी मनमानी कर रहे हैं, जिससे उपभोक्ताओं को चौबिस घंटे मे\n"
            "बिजली विभाग के इंजीनियर व कर्मचारी अपनी मनमानी कर रहे हैं, जिससे उपभोक्ताओं को 24 घंटे में 18 घंटे के "
            "स्थान पर महज 12 से 13 घंटे बिजली मिल पा रही है।")
    cleaned = clean_article(text)
    assert cleaned.headline == "दिन के समय हो रही बिजली की कटौती से उपभोक्ता परेशान"
    assert cleaned.paragraphs == [text.splitlines()[2]]


def test_a_lead_sentence_that_says_what_the_headline_says_stays():
    text = "भारत ने रूस से की बात\nभारत ने रूस से की बात की है और नागरिकों की सुरक्षा पर जोर दिया है।"
    assert clean_article(text).paragraphs == [text.splitlines()[1]]


@pytest.mark.parametrize("line", [
    "हर साल इस उद्देश्य […]Read More",  # abbiharnews.com
    "हिंदी हिन्दुस्तान की स्वीकृति से एचटीडीएस कॉन्टेंट सर्विसेज़ द्वारा प्रकाशित...",  # htsyndication.com
])
def test_read_more_tails_and_syndication_notes_are_boilerplate(line):
    assert sentence_rule(line) in {"link to another story", "agency feed note"}


def test_gallery_teasers_and_widgets_go():
    text = ("PICS:जानिए मौनी अमावस्या स्नान का महासंयोग\nPICS:मौनी अमावस्या के दिन गंगा स्नान की क्या हैं मान्यताएं?\n"
            "बुधवार को मेला क्षेत्र में वाहनों का आवागमन दिन भर प्रतिबंधित रहा.\n0 टिप्पणियाँ\nव्हाट्सएप पर शेयर करें\nलेटेस्ट न्यूज़")
    cleaned = clean_article(text)
    assert cleaned.paragraphs == ["बुधवार को मेला क्षेत्र में वाहनों का आवागमन दिन भर प्रतिबंधित रहा."]
    assert cleaned.headline == "जानिए मौनी अमावस्या स्नान का महासंयोग"


# ---- appeals for support (dev: khabar24.tv, kohraam.com, deshpatra.com; counter-examples: news about donations)

@pytest.mark.parametrize("sentence", [
    "आप सबसे अपील है कि खबर 24 एक्सप्रेस को सहयोग दें… आप चैनल के साथ जुड़ सकते हैं।",  # khabar24.tv
    "चैनल के सहयोगी बन सकते हैं।",  # khabar24.tv
    "कोहराम न्यूज़ को लगातार चलाने में सहयोगी बनें",  # kohraam.com
    "निडर और निष्पक्ष पत्रकारिता को मज़बूती प्रदान करें:",  # deshpatra.com
])
def test_appeals_for_support_are_boilerplate(sentence):
    assert sentence_rule(sentence) == "appeal for support"


@pytest.mark.parametrize("sentence", [
    "प्रधानमंत्री नरेंद्र मोदी ने देशवासियों से सहयोग की अपील की है |",  # newsonenation.com: a reported appeal
    "भक्त क्यूआर कोड स्कैन कर ऑनलाइन दान कर सकेंगे.",  # bharat.one: news about donations
    "लोग सुविधाजनक तरीके से सहायता राशि उपलब्ध करवा सकेंगे।",  # newsdeshadesh.com
    "उद्धव ठाकरे ने लोगों से की मदद की अपील",  # mandalnews.com (a deck)
    "जिसे दान ही करना है घर-घर जाकर दान करें",  # an opinion piece's advice, not about the outlet
    "न्यूज़ वन नेशन इसके लिए सरकार, प्रशासन और सहयोगियों को एक नेक सलाह देना चाहता है |",
])
def test_news_about_donations_and_reported_appeals_stay(sentence):
    assert sentence_rule(sentence) is None


def test_an_appeal_page_gives_no_story_and_donation_news_keeps_its_story():
    appeal = clean_article(article("page-kohraam.com-75e61050").text)
    assert appeal.headline is None and appeal.paragraphs == []
    news = clean_article(article("page-newsdeshadesh.com-eedc8ff8").text)
    assert news.headline == "दानी लोग डेबिट, क्रेडिट कार्ड, नेटबैंकिंग, क्यूआर कोड, यूपीआई से कर सकेंगे दान"
    assert any("अंशदान कर सकेंगे।" in p for p in news.paragraphs)


def test_an_appeal_box_after_a_story_goes_with_the_outlets_talk_below_it():
    text = ("गोपाल सेवा संस्थान ने डीएम के आपदा कोष में 5001 रूपये की चैक दी है। यह जानकारी संस्था के अध्यक्ष ने दी।\n"
            "निडर और निष्पक्ष पत्रकारिता को मज़बूती प्रदान करें:\n"
            "कोई भी मीडिया हाउस अकेले दम पर नहीं चलता है। निष्पक्ष पत्रकारिता के लिए धन की आवश्यकत होती है।\n"
            "अधिकारियों ने कहा कि चैक राहत कार्यों में लगेगा।")  # jalauntimes.com, deshpatra.com, khabar24.tv lines
    cleaned = clean_article(text)
    body = " ".join(cleaned.paragraphs)
    assert "5001 रूपये" in body and "राहत कार्यों" in body
    assert "पत्रकारिता" not in body


def test_an_appeal_essay_in_the_outlets_voice_gives_no_story():
    """dev: khabar24.tv, a page that is an appeal essay from its first line (no line only asks)."""
    cleaned = clean_article(article("page-khabar24.tv-93acef05").text)
    assert cleaned.paragraphs == []


def test_an_appeal_box_line_that_also_speaks_to_the_reader_goes_and_the_story_stays():
    text = ("आप एक स्वतंत्र और सवाल पूछने वाले मीडिया के हक़दार हैं। हमें आप जैसे पाठक चाहिए। स्वतंत्र और बेबाक मीडिया का समर्थन करें।\n"
            "नगर निगम ने शहर की 40 सड़कों की मरम्मत के लिए 12 करोड़ रुपये मंजूर किए। काम अगले महीने शुरू होगा।")
    body = " ".join(clean_article(text).paragraphs)
    assert "12 करोड़" in body and "पाठक" not in body and "समर्थन" not in body


def test_a_report_that_quotes_first_persons_about_the_media_keeps_its_story():
    text = ("पत्रकार संघ की बैठक में अध्यक्ष ने कहा, \"हमें स्वतंत्र मीडिया की जरूरत है।\" उन्होंने कहा कि हम पत्रकारिता के लिए संसाधन जुटाएंगे।\n"
            "संघ ने सरकार से पत्रकारों के लिए बीमा योजना की मांग की। बैठक में 60 सदस्य शामिल हुए।")
    body = " ".join(clean_article(text).paragraphs)
    assert "बीमा योजना" in body and "60 सदस्य" in body


@pytest.mark.parametrize("label", ["ब्रेकिंग :-", "ब्रेकिंग न्यूज़ |", "बड़ी खबर:", "Breaking News -", "एक्सक्लूसिव :"])
def test_a_news_label_before_a_sentence_is_cut_and_the_sentence_stays(label):
    sentence = "पीएम मोदी ने शक्ति को लेकर विपक्षी वार को भी हथियार बना लिया है।"
    cleaned = clean_article(f"चुनावी सभा में आरोप-प्रत्यारोप तेज हुए हैं। दोनों दलों ने रैलियां कीं।\n{label} {sentence}")
    body = " ".join(cleaned.paragraphs)
    assert sentence in body and label.split()[0] not in body


def test_a_label_word_inside_a_sentence_is_text():
    text = "बड़ी खबर यह है कि नगर निगम ने 40 सड़कों की मरम्मत के लिए 12 करोड़ रुपये मंजूर किए हैं।"
    assert "बड़ी खबर यह है" in " ".join(clean_article(text).paragraphs)


# ---- story told in lines: points, bulleted statements, the subtitle under the headline --------------

POINTS = ["नगर निगम ज़ोन 6 में चला अतिक्रमण विरोधी अभियान",
          "चौक कोनेश्वर चौराहे से लेकर ठाकुरगंज चौराहे तक चला अभियान",
          "नाले के ऊपर कब्ज़ा जमाये लोगो की दुकान हटाई गई",
          "अतिक्रमण के चलते सफाई में बाधा उत्पन्न होती थी",
          "साथ ही लोगो को नगर निगम द्वारा दी गयी चेतावनी",
          "नाले के ऊपर व रोड पर किया कब्ज़ा तो फिर होगी कार्रवाई"]


def test_a_story_told_one_point_a_line_keeps_every_point_on_its_own():
    """therevolutionnews.com (tests/data/outlets): no line ends a sentence, so the points are
    neither crossheads nor one paragraph wrapped at a width."""
    cleaned = clean_article("लखनऊ\n" + "\n".join(POINTS))
    assert cleaned.headline == POINTS[0]
    assert cleaned.paragraphs == POINTS[1:]


def test_headlines_after_the_story_are_not_points():
    story = "पुलिस ने सोमवार को तीन आरोपियों को गिरफ्तार किया। उनके पास से हथियार भी बरामद हुए।"
    related = ["बारिश से कहीं राहत तो कहीं आफत", "भाजपा नेता तरसेम ने की मंत्री से अधिकारियों की शिकायत",
               "कांग्रेस प्रदेश सचिव से किसानों की समस्याओं को जाना", "फिल्म की रिलीज को सुप्रीम कोर्ट की हरी झंडी"]
    cleaned = clean_article("\n".join([story, *related]))
    assert cleaned.paragraphs[0] == story
    assert not any(line in cleaned.paragraphs for line in related[:-1])


def test_bulleted_statements_stay_when_some_lack_a_full_stop():
    """socialoptical.in: "• आग लगते ही पूरे वार्ड में धुआँ फैल गया" among bullets that end with a danda."""
    text = article("page-socialoptical.in-036e2d6b").text
    sentences = " ".join(clean_article(text).paragraphs)
    assert "आग लगते ही पूरे वार्ड में धुआँ फैल गया।" in sentences
    assert "आग और धुएँ के कारण पास के अन्य वार्डों में भगदड़ मच गई।" in sentences
    assert "•" not in sentences


def test_bulleted_headlines_without_a_sentence_among_them_are_not_made_statements():
    story = "पुलिस ने सोमवार को तीन आरोपियों को गिरफ्तार किया। उनके पास से हथियार भी बरामद हुए।"
    related = ["• बारिश से कहीं राहत तो कहीं आफत", "• भाजपा नेता तरसेम ने की मंत्री से अधिकारियों की शिकायत",
               "• फिल्म की रिलीज को सुप्रीम कोर्ट की हरी झंडी"]
    paragraphs = clean_article("\n".join([story, *related, story.replace("तीन", "चार")])).paragraphs
    assert not any(p.endswith("आफत।") or p.endswith("शिकायत।") for p in paragraphs)


def test_a_bold_phrase_is_not_a_bullet():
    text = "*बिधूना,औरैया।* विद्युत उपकेंद्र के अधिकारियों के मनमाने रवैए से बिजली कटौती हो रही है।\n*कई गांवों में रात भर बिजली नहीं रही और लोग परेशान रहे*"
    cleaned = clean_article(text)
    assert not any(p.endswith("रहे*।") for p in cleaned.paragraphs)


def test_the_subtitle_under_the_headline_is_story_not_a_crosshead():
    """knewsgroup.in: a deck between the headline and the first paragraph."""
    cleaned = clean_article(article("page-knewsgroup.in-10680086").text)
    assert cleaned.paragraphs[0].startswith("00 रात 1 बजे से सुबह 6 बजे तक बिजली बंद")
    assert cleaned.headline.startswith("भीषण गर्मी में बिजली विभाग")


def test_a_short_label_under_the_headline_is_still_dropped():
    text = "भीषण गर्मी में बिजली विभाग ने उपभोक्ताओं को परेशान किया\nटॉप न्यूज\nबिलासपुर में रात भर बिजली बंद रही। लोग परेशान रहे।"
    assert clean_article(text).paragraphs == ["बिलासपुर में रात भर बिजली बंद रही। लोग परेशान रहे।"]


@pytest.mark.parametrize("line", [
    "प्लेबैक आपके उपकरण पर नहीं हो पा रहा",
    "ऑडियो उपलब्ध नहीं है",
    "Media playback is unsupported on your device",
    "Your browser does not support the video tag.",
])
def test_media_player_messages_are_boilerplate(line):
    assert boilerplate_rule(line) is not None


@pytest.mark.parametrize("line", ["वीडियो में देखिए कैसे पुलिस ने आरोपी को पकड़ा", "वीडियोकॉन उपलब्ध नहीं"])
def test_story_lines_about_video_are_not_player_messages(line):
    assert boilerplate_rule(line) is None


def test_headlines_of_a_related_stories_widget_are_not_points():
    """Amar Ujala (RYD1E corpus): each headline stands between a section label and a date, which the
    line rules drop; lines with dropped lines between them are not a story told in points."""
    story = "चार मई से शुरू हो रहे लॉकडाउन के तीसरे चरण में कई छूट दी गई हैं। गृह मंत्रालय ने आदेश जारी किया।"
    widget = []
    for headline in ("डीजीसीए ने जारी किया सर्कुलर, 17 मई तक बंद रहेंगी घरेलू उड़ानें",
                     "इस तस्वीर के सस्पेंस ने लोगों को किया हैरान, पहली बार में आप भी नहीं पकड़ पाएंगे",
                     "लॉकडाउन 5.0 पर मंथन, पीएम मोदी और अमित शाह के बीच हुई बैठक"):
        widget += ["India News", headline, "2 मई 2020"]
    paragraphs = clean_article("\n".join([widget[1], story, *widget, story.replace("चार", "पांच")])).paragraphs
    assert not any("सर्कुलर" in p or "सस्पेंस" in p or "मंथन" in p for p in paragraphs)


def test_a_photo_credit_at_the_end_of_a_line_makes_it_a_caption():
    assert boilerplate_rule("प्रयागराज में नवजात को भी मास्क लगाया गया - फोटो : पीटीआई") == "image caption"
    assert boilerplate_rule("पुलिस ने कहा - फोटो खींचने वालों पर कार्रवाई होगी") is None


def test_lines_of_one_form_with_different_numbers_are_not_repeats():
    """A daily count timeline (Dainik Jagran, RYD1E corpus): same words, different facts."""
    days = ["19 अप्रैल- रविवार को 14 नए केस, कुल केस 255 दर्ज किए गए।", "20 अप्रैल- सोमवार को 12 नए केस, कुल केस 267 दर्ज किए गए।",
            "21 अप्रैल- मंगलवार को 19 नए केस, कुल केस 286 दर्ज किए गए।"]
    lead = "जिले में कोरोना संक्रमण के मामले लगातार बढ़ रहे हैं। स्वास्थ्य विभाग ने नई सूची जारी की है।"
    assert clean_article("\n".join([lead, *days])).paragraphs == [lead, *days]


def test_a_repeat_with_the_same_numbers_or_fewer_is_still_a_repeat():
    line = "जिले में रविवार को कोरोना के 14 नए केस मिले और कुल केस 255 हो गए हैं।"
    shorter = "जिले में रविवार को कोरोना के नए केस मिले और कुल केस हो गए हैं।"
    other = "पुलिस ने बाजार में बिना मास्क घूम रहे लोगों का चालान काटा।"
    assert clean_article("\n".join([line, other, line])).paragraphs == [line, other]
    assert clean_article("\n".join([line, other, shorter])).paragraphs == [line, other]
