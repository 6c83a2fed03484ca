"""Boilerplate that hides inside story paragraphs, found sentence by sentence, and title clean-up.

The clean stage's line rules (``clean.LINE_RULES``) drop whole lines; this module finds the
classes that real pages and feeds put *inside* a paragraph or on a line of their own in sentence
form, each by what it says, not by one outlet's wording:

* reader calls to action: app, social and subscription plugs and "click here" lines ("बीबीसी
  हिन्दी के एंड्रॉएड ऐप के लिए आप यहां क्लिक कर सकते हैं", "बिना Ads खबरों के लिए इनस्टॉल करें
  ... ऐप", "ताज़ा खबरों के लिए बने रहिए"): a channel or action word, an imperative or "कर सकते
  हैं" form, and an address to the reader; reported speech ("उन्होंने कहा कि लोग ऐप डाउनलोड करें")
  is story;
* the outlet's note to the reader: its own introduction to a roundup, list or gallery ("इस स्टोरी
  में हम आपको ... बताने जा रहे हैं", "आइए जान लेते हैं ...", "जानिए ... 5 बड़ी खबरें -"), alone or
  as a "तो आइए ..." clause glued to a story sentence;
* teasers of other stories inside a paragraph ("यह भी पढ़ें: <headline>", "पढ़िए पूरी खबर.",
  "... उद्देश्य […]Read More");
* agency feed notes ("यह खबर एजेंसी फीड से ऑटो-अपलोड की गई है", "सिंडिकेट फीड से", "... की
  स्वीकृति से एचटीडीएस कॉन्टेंट सर्विसेज़ द्वारा प्रकाशित");
* news-API truncation: "... 33 रनों क... [1364 chars]": the cut sentence is dropped and the
  article is marked truncated (the brief says so in ``warnings``);
* agency desk slugs opening or closing a story ("दि30", "वि1", "अर्थ6": a desk's short form and a
  number).

``clean_title`` strips section and breadcrumb prefixes ("देश / ...", "बॉलीवुड / Coronavirus :",
"1. ") from a headline: the cleaner applies it, and the digest may call it on titles it gets
from elsewhere.
"""
from __future__ import annotations

import re
import unicodedata


def _nfc_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(unicodedata.normalize("NFC", pattern), re.IGNORECASE)


# ---- reader calls to action -----------------------------------------------------------------------

_CHANNEL = (
    r"ऐप|एप|ऐप्स|app|apps|एंड्रॉ[एय]ड|android|आईओएस|ios|फ़ेसबुक|फेसबुक|ट्विटर|यू ?ट्यूब|इंस्टाग्राम|"
    r"व्हाट्स ?[ऐए]प|टेलीग्राम|गूगल न्यूज़?|google news|facebook|twitter|youtube|instagram|whatsapp|telegram|"
    r"न्यूज़?लेटर|newsletter|नोटिफिकेशन|डॉट कॉम|सेक्शन|लाइव पेज|"
    r"क्लिक|click|डाउनलोड|download|इंस्टॉल|इनस्टॉल|install|सब्सक्राइब|subscribe|फ़ॉलो|फॉलो|follow|"
    r"बने रह(?:ें|िए)|जुड़े रह(?:ें|िए)"
)
_IMPERATIVE = (
    r"करें|कीजिए|करिए|कर सकते हैं|कर सकती हैं|कर सकते है|जुड़ें|जुड़िए|रहें|रहिए|पढ़ें|पढ़िए|देखें|देखिए|लें|लीजिए"
)
# The outlet speaking to its reader: "यहां क्लिक", "हमें फ़ॉलो", "खबरों के लिए", "पूरी खबर".
_READER = (
    r"हमें|हमसे|हमारे|हमारी|यहां|यहाँ|नीचे|लिंक|ख़?बरों के लिए|अपडेट्?स? के लिए|ख़?बरें पढ़ने|बिना ads|पूरी ख़?बर"
)
_REPORTED = r"ने कहा|कहा कि|ने बताया|बताया कि|अपील|आग्रह|ने लिखा|निर्देश|आदेश|सलाह दी"

_CHANNEL_RE = _nfc_regex(rf"(?:{_CHANNEL})(?![\u0900-\u097F])")
_IMPERATIVE_RE = _nfc_regex(rf"(?:{_IMPERATIVE})(?![\u0900-\u097F])")
_READER_RE = _nfc_regex(rf"(?:^|[\s(])(?:{_READER})(?![\u0900-\u097F])")
_REPORTED_RE = _nfc_regex(rf"(?:{_REPORTED})")
PROMO_MAX_WORDS = 40


def is_reader_call(sentence: str) -> bool:
    """An app, social, subscription or "click here" call to the reader: a channel or action word,
    an imperative (or "कर सकते हैं") and the outlet addressing its reader, not in reported speech."""
    if len(sentence.split()) > PROMO_MAX_WORDS or _REPORTED_RE.search(sentence):
        return False
    return bool(_CHANNEL_RE.search(sentence) and _IMPERATIVE_RE.search(sentence) and _READER_RE.search(sentence))


# ---- the outlet asking its reader for support ------------------------------------------------------
# "स्वतंत्र और बेबाक मीडिया का समर्थन करें", "कोहराम न्यूज़ को लगातार चलाने में सहयोगी बनें", "आप सबसे
# अपील है कि खबर 24 एक्सप्रेस को सहयोग दें", "निडर और निष्पक्ष पत्रकारिता को मज़बूती प्रदान करें",
# "support us": a support word, addressed to the reader (an imperative, "you can", "we need"), about
# the outlet or its journalism. News about donations ("भक्त ... यूपीआई से दान कर सकेंगे") has no such
# object; a minister's appeal to citizens ("मोदी ने देशवासियों से सहयोग की अपील की") is reported.
_SUPPORT = (
    r"समर्थन|सहयोग|सहयोगी|सहायता|मदद|योगदान|डोनेट|डोनेशन|दान|आर्थिक|सपोर्ट|मज़बूती|मजबूती|"
    r"सब्सक्राइब|सदस्यता|सदस्य बन\w*|support|donate|donation|contribute|contribution|subscribe|membership"
)
_ASKING = (
    r"करें|कीजिए|करिए|करिये|दें|दीजिए|दीजिये|बनें|बनिए|बनिये|बन सकते हैं|कर सकते हैं|दे सकते हैं|"
    r"(?:की|का) (?:ज़रूरत|जरूरत|जरुरत|आवश्यकता) है|अपील है|निवेदन है|please|us|you can|help us"
)
_OUTLET_OR_JOURNALISM = (
    r"पत्रकारिता|मीडिया|journalism|media|हमें|हमको|हमारी|हमारे|हमारा|न्यूज़|न्यूज|चैनल|पोर्टल|वेबसाइट|"
    r"अख़?बार|चलाने|us|our|we"
)
_REPORTED_APPEAL = r"ने [^।.?!]{0,60}(?:अपील|आग्रह|निवेदन) (?:की|किया)|से [^।.?!]{0,30}(?:अपील|आग्रह) (?:की|किया)|ने कहा|कहा कि|ने बताया|बताया कि|ने लिखा|[\"“”‘’']"

_WORD_CHAR = r"[\w\u0900-\u0963\u0966-\u097F]"  # a letter, mark or digit; not the danda (।, ॥)


def _whole_words_regex(alternatives: str) -> re.Pattern[str]:
    """``alternatives`` matched only as whole words (a danda right after a word still ends it)."""
    return _nfc_regex(rf"(?<!{_WORD_CHAR})(?:{alternatives})(?!{_WORD_CHAR})")


_SUPPORT_RE = _whole_words_regex(_SUPPORT)
_ASKING_RE = _whole_words_regex(_ASKING)
_OUTLET_OR_JOURNALISM_RE = _whole_words_regex(_OUTLET_OR_JOURNALISM)
_REPORTED_APPEAL_RE = _nfc_regex(_REPORTED_APPEAL)
APPEAL_MAX_WORDS = 45


def is_support_appeal(sentence: str) -> bool:
    """The outlet asking its reader to support, fund or subscribe to it or its journalism."""
    text = sentence.strip()
    if len(text.split()) > APPEAL_MAX_WORDS or _REPORTED_APPEAL_RE.search(text):
        return False
    return bool(_SUPPORT_RE.search(text) and _ASKING_RE.search(text) and _OUTLET_OR_JOURNALISM_RE.search(text))


# The rest of an appeal box or page: the outlet on its own journalism and money ("आज जहां मीडिया हाउस
# कॉरपोरेट घराने बनकर स्पोंसर्ड न्यूज़ चला रहे हैं वहीं खबर 24 एक्सप्रेस आज भी निष्पक्ष पत्रकारिता कर
# रहा है", "हमें अपने संसाधनों को घटाना पड़ा है").
_FUNDING = (
    r"धन|फंड|फंडिंग|पैसा|पैसे|खर्च|खर्चा|इनकम|आय|संसाधन\w*|आर्थिक|विज्ञापन|कॉरपोरेट|स्पोंसर्ड|स्पॉन्सर्ड|"
    r"निष्पक्ष|स्वतंत्र|बेबाक|निडर|पाठक\w*|fund\w*|money|independent|readers?"
)
_FIRST_PERSON = r"हम|हमें|हमको|हमारी|हमारे|हमारा|हमने|मेरे|मेरा|मेरी|we|us|our"
_FUNDING_RE = _whole_words_regex(f"{_FUNDING}|{_SUPPORT}")
_FIRST_PERSON_RE = _whole_words_regex(_FIRST_PERSON)
_JOURNALISM_RE = _nfc_regex(rf"(?<!{_WORD_CHAR})(?:पत्रकारिता|मीडिया|journalism|media|न्यूज़|न्यूज|चैनल|पोर्टल|वेबसाइट|अख़?बार)")


def is_appeal_talk(sentence: str) -> bool:
    """An appeal, or the outlet speaking of its journalism and its means (money, independence,
    readers) or in the first person about them: what fills an appeal box or page."""
    if is_support_appeal(sentence):
        return True
    text = sentence.strip()
    if _REPORTED_APPEAL_RE.search(text) or not _JOURNALISM_RE.search(text):
        return False
    return bool(_FUNDING_RE.search(text) or _FIRST_PERSON_RE.search(text))


_SECOND_PERSON = r"आप|आपके|आपको|आपकी|आपका|आपसे|आपने|you|your"
_OUTLET_VOICE_RE = _whole_words_regex(f"{_FIRST_PERSON}|{_SECOND_PERSON}")


def is_outlet_voice(sentence: str) -> bool:
    """A sentence in the first or second person outside reported speech ("हमने हिम्मत नहीं हारी है",
    "अगर आप हमें ..."): how an appeal essay speaks, and a news report (third person, quotes) does not."""
    text = sentence.strip()
    return bool(_OUTLET_VOICE_RE.search(text)) and not _REPORTED_APPEAL_RE.search(text)


# ---- the outlet talking about its own page ----------------------------------------------------------
# "इस स्टोरी में हम आपको ... बताने जा रहे हैं", "आइए जान लेते हैं ...", "जानिए मंगलवार सुबह की 5 बड़ी
# खबरें -", "हम आपको यहां उन सभी खबरों के बारे में बता रहे ...", "आज की वो खबरें जिन पर आपकी नजर बनी
# रहेगी": the page introduces what follows (a roundup, a list, a gallery) instead of telling the news.
_LETS = r"^(?:तो\s+)?(?:आइए|आइये|आईये|आईए|चलिए|चलिये)\s"
_POINTER = (
    r"^(?:जानिए|जानिये|जानें|आगे (?:देखिए|देखें|पढ़िए|पढ़ें))\s"
    r"|के बारे में (?:जानें|जानिए|पढ़ें|पढ़िए)\W*$"
    r"|(?:ख़?बरें|सुर्खियां|सुर्खियाँ|हेडलाइंस)\s*[-–—:]\s*$"
    r"|(?:ख़?बरों|सुर्खियों) के साथ\W*$"  # "तो सुबह की शुरुआत करते है आज की इन खास-खास खबरों के साथ…"
)
_OUTLET_WE = r"(?:^|\s)(?:हम|हमने)\s"
# "We" telling "you" (हम आपको ... बता रहे हैं), or "we" reading along (इस लेख में हम ... जानेंगे).
_TELLING = r"बता(?:ने जा रहे|एंगे|येंगे|ते हैं|ते है| रहे| रहें)|लेकर आए|लेकर आते|पेश कर रहे"
_READING_ALONG = r"जानेंगे|पढ़ेंगे|देखेंगे|नज़?र डालेंगे|चर्चा करेंगे"
_SELF_REFERENCE = r"(?:इस|इन) (?:लेख|आर्टिकल|स्टोरी|पोस्ट|गैलरी|सूची|लिस्ट)(?![\u0900-\u097F])"
_SECOND_PERSON = r"(?:^|\s)(?:आप|आपको|आपके|आपकी|आपका)(?![\u0900-\u097F])"
_ABOUT_NEWS = r"ख़?बर(?:ें|ों)(?![\u0900-\u097F])|अख़?बार|सुर्खियां|सुर्खियों|हेडलाइंस"
_ASIDE = r"बता (?:दें|दे|दूं) कि|बताते चलें"  # "आपको बता दें कि ...": a story sentence's opener

_LETS_RE = _nfc_regex(_LETS)
_POINTER_RE = _nfc_regex(_POINTER)
_OUTLET_WE_RE = _nfc_regex(_OUTLET_WE)
_TELLING_RE = _nfc_regex(_TELLING)
_READING_ALONG_RE = _nfc_regex(_READING_ALONG)
_SELF_REFERENCE_RE = _nfc_regex(_SELF_REFERENCE)
_SECOND_PERSON_RE = _nfc_regex(_SECOND_PERSON)
_ABOUT_NEWS_RE = _nfc_regex(_ABOUT_NEWS)
_ASIDE_RE = _nfc_regex(_ASIDE)
ADDRESS_MAX_WORDS = 45


def is_outlet_address(sentence: str) -> bool:
    """The outlet introducing its own page to the reader: "let us see" (आइए ...), a pointer to what
    follows (जानिए ..., "... 5 बड़ी खबरें -"), "we" telling "you" (हम आपको ... बता रहे), the page
    naming itself (इस लेख/स्टोरी में), or "you" addressed about the news itself (आपके लिए ...
    खबरें). Reported speech and the story opener "आपको बता दें कि" are story."""
    text = sentence.strip()
    if len(text.split()) > ADDRESS_MAX_WORDS or _REPORTED_RE.search(text):
        return False
    if _LETS_RE.search(text) or _POINTER_RE.search(text):
        return True
    we, you = _OUTLET_WE_RE.search(text), _SECOND_PERSON_RE.search(text)
    if we and (_READING_ALONG_RE.search(text) or (you and _TELLING_RE.search(text))):
        return True
    if _SELF_REFERENCE_RE.search(text) and (we or _TELLING_RE.search(text) or _READING_ALONG_RE.search(text)):
        return True
    return bool(you and _ABOUT_NEWS_RE.search(text) and not _ASIDE_RE.search(text))


# "... भर्ती की जा रही है तो आईये जानते हैं इस लेख में ...": the outlet's "let us see" glued to a story sentence.
_TRAILING_LETS = _nfc_regex(r"(?:,\s*|\s+)(?:तो\s+)?(?:आइए|आइये|आईये|आईए|चलिए|चलिये)\s[^।?!]*[।.?!]?\s*$")
TRAILING_ADDRESS_MIN_WORDS = 5  # story words that must come before it


def cut_trailing_address(sentence: str) -> tuple[str, str | None]:
    """``sentence`` without a glued "तो आइए जानते हैं ..." clause, and the clause."""
    match = _TRAILING_LETS.search(sentence)
    if not match or len(sentence[: match.start()].split()) < TRAILING_ADDRESS_MIN_WORDS or _REPORTED_RE.search(match.group()):
        return sentence, None
    return sentence[: match.start()].rstrip(" ,") + "।", match.group().strip(" ,")


# ---- teasers, feed notes, truncation, desk slugs --------------------------------------------------

_TEASER = _nfc_regex(
    r"^\(?\s*(?:(?:यह|ये|इसे) भी (?:पढ़ें|पढ़िए|देखें)|और पढ़ें|पढ़ें|पढ़िए|देखें|also read|read more)\s*[:：\-–—|>»]"
    r"|^(?:पढ़िए|पढ़ें|देखें|देखिए) (?:पूरी|पूरा) (?:ख़?बर|रिपोर्ट|वीडियो|स्टोरी)"
    r"|^(?:पूरी|आगे की) (?:ख़?बर|स्टोरी) (?:पढ़ें|पढ़िए|यहां)"
    r"|^(?:देखें|देखिए) [^\s।.]+\.?$"
    r"|(?:\[\s*(?:…|\.{3})\s*\]|…|\.{3})\s*(?:read more|और पढ़ें|आगे पढ़ें)\W*$"  # "... उद्देश्य […]Read More"
)
_FEED_NOTE = _nfc_regex(
    r"(?:एजेंसी|सिंडिकेट|ऑटो|agency|syndicat\w*|auto)[\s\-]*(?:फ़ीड|फीड|feed)"
    r"|(?:फ़ीड|फीड|feed) से (?:ऑटो|सीधे|स्वतः)|ऑटो-?अपलोड|auto-?(?:generated|published|uploaded)"
    r"|^\(?\s*(?:डिस्क्लेमर|अस्वीकरण|disclaimer)\s*[:：\-]"
    r"|(?:स्वीकृति|अनुमति) से .{0,60}(?:प्रकाशित|published)|content services"  # a syndicator's note
)
FEED_NOTE_MAX_WORDS = 40
TRUNCATION = re.compile(r"\s*(?:\.{2,}|…)?\s*\[\+?\s*\d[\d,]*\s*(?:chars?|characters?|अक्षर)\]\s*$", re.IGNORECASE)
# A desk slug: a short form of a desk (दि = दिल्ली, वि = विदेश, अर्थ, खेल) glued to a story number.
DESK_SLUG = re.compile(r"(?<![\w\u0900-\u097F])[\u0900-\u0963\u0970-\u097F]{1,4}[0-9]{1,3}(?![\w\u0900-\u097F])")
_LEADING_SLUG = re.compile(rf"^(?:{DESK_SLUG.pattern})\s+")
# Its closing form: "भाषा अर्थ6 नरेश रमण" (agency, slug, editors' names).
_TRAILING_SLUG = re.compile(rf"\s*(?:\(?(?:भाषा|वार्ता|यूनीवार्ता|एजेंसी)\)?\s+)?(?:{DESK_SLUG.pattern})(?:\s+[\u0900-\u097F]+){{0,3}}\s*$")


def is_teaser(sentence: str) -> bool:
    return bool(_TEASER.search(sentence.strip()))


def is_feed_note(sentence: str) -> bool:
    return len(sentence.split()) <= FEED_NOTE_MAX_WORDS and bool(_FEED_NOTE.search(sentence))


def is_truncated(sentence: str) -> bool:
    """The cut sentence of a news-API snippet: "... 33 रनों क... [1364 chars]"."""
    return bool(TRUNCATION.search(sentence))


def sentence_rule(sentence: str) -> str | None:
    """Why a sentence inside a story paragraph is boilerplate, or None."""
    if is_truncated(sentence):
        return "cut off by a news API"
    if is_reader_call(sentence):
        return "call to the reader"
    if is_support_appeal(sentence):
        return "appeal for support"
    if is_teaser(sentence):
        return "link to another story"
    if is_feed_note(sentence):
        return "agency feed note"
    if is_outlet_address(sentence):
        return "the outlet's note to the reader"
    return None


def cut_desk_slugs(line: str) -> tuple[str, str | None]:
    """``line`` without a leading desk slug ("दि30 नयी दिल्ली ...") or a closing "भाषा अर्थ6 नरेश"."""
    removed = []
    lead = _LEADING_SLUG.match(line)
    if lead and len(line[lead.end():].split()) >= 2:
        removed.append(lead.group().strip())
        line = line[lead.end():]
    tail = _TRAILING_SLUG.search(line)
    if tail and tail.start() > 0 and re.search(r"[।.?!]\s*$", line[: tail.start()]):
        removed.append(tail.group().strip())
        line = line[: tail.start()]
    return line, " ".join(removed) or None


# ---- titles ------------------------------------------------------------------------------------------

# "देश / <title>", "बॉलीवुड / Coronavirus : <title>", "होम » राज्य » <title>": one to three short
# section words before a separator.
_SECTION_PREFIX = re.compile(r"^(?:[^\s/|»›>:]+(?:\s+[^\s/|»›>:]+){0,2}\s*[/|»›>]\s*)+")
_KICKER = re.compile(r"^[A-Za-z0-9][\w'’&.\-]*(?:\s+[\w'’&.\-]+){0,5}\s*:\s*(?=[\"'‘“(]?[\u0900-\u097F])")
_NUMBERING = re.compile(r"^\(?\d{1,2}[.)]\s+|^\d{1,2}\s+[-–]\s+")


def clean_title(title: str) -> str:
    """A headline without section/breadcrumb prefixes, an English kicker before a Hindi title
    ("Coronavirus : ...") or a list number ("1. "). An English title stays as it is."""
    text = " ".join(unicodedata.normalize("NFC", title).split())
    for _ in range(3):
        before = text
        prefix = _SECTION_PREFIX.match(text)
        if prefix and len(text[prefix.end():].split()) >= 2:
            text = text[prefix.end():]
        kicker = _KICKER.match(text)
        if kicker and len(text[kicker.end():].split()) >= 3:
            text = text[kicker.end():]
        text = _NUMBERING.sub("", text, count=1)
        if text == before:
            break
    return text.strip() or title
