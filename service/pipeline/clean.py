"""Clean stage: drop the site boilerplate around a scraped news story and keep its headline once.

The input is plain text, one paragraph per line (an extractor has already turned any HTML into
text). Cleaning runs in five passes:

1. whole-line rules (``LINE_RULES``) drop navigation, dates, bylines, counters, ads, links to
   other stories, tags and captions; Latin-script SEO kickers are cut from the front of lines and
   an English copy of a Hindi title from their end;
2. a breadcrumb trail that ends with the title the next line repeats is dropped;
3. the first headline-like line becomes the headline;
4. trim rules (``TRIM_RULES``) cut datelines, agency credits and photo credits out of paragraphs;
5. repeats of the headline or of an earlier paragraph, cut-off teasers ("… […]") of a longer
   paragraph on the page, and short crossheads with no sentence end (only when text follows: a
   short unfinished last line is a paragraph cut short) are dropped.

The rules are measured line by line on public pages nobody here wrote: ``python -m service
eval-cleaning`` (tests/data/cleaning, docs/quality.md).

Every rule is general (it reads the way any Hindi news site lays out a page), and everything
removed, whole lines and cut pieces alike, is listed in ``CleanArticle.removed``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from service.pipeline import boilerplate
from service.pipeline.boilerplate import clean_title, cut_desk_slugs, sentence_rule
from service.pipeline.segment import LIST_MARKER, is_continuation_word, rejoin_broken_lines, split_paragraph
from service.pipeline.types import CleanArticle


def _nfc(pattern: str) -> str:
    """Patterns are written with composed letters; input is NFC-normalized the same way."""
    return unicodedata.normalize("NFC", pattern)


def _line_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(_nfc(pattern), re.IGNORECASE)


_DIGIT = re.compile(r"\d")  # any script's digits (०-९ too)
_DEVANAGARI_LETTER = re.compile(r"[\u0904-\u0939\u093D\u0950\u0958-\u0961\u0972-\u097F]")
_SENTENCE_END = re.compile(r"(?:[।॥?!]|(?<!\.)\.)(?:\s?[’”\"')\]])*$")
_DELIMITER = r"\s*[:：\-–—|>»]"

# ---- whole-line rules --------------------------------------------------------------------------

# Date and time stamps: every word is a number, month, weekday or clock word, optionally after a
# "Published / Updated" label ("Thursday , January 15 2026 10:56 PM", "अपडेटेड: 15 जनवरी 2026").
_DATE_LABEL = _line_regex(
    r"^(?:(?:last|first)\s+)?(?:publish(?:ed)?|updated?|posted|modified|date|dated)"
    r"(?:\s+(?:date|on|at))?\s*[:\-–—]?\s*"
    r"|^(?:प्रकाशित|पब्लिश(?:्ड)?|अपडेटेड|अपडेट|अंतिम अपडेट|दिनांक|तारीख)(?:\s+(?:तिथि|तारीख|on))?\s*[:\-–—]?\s*"
)
_DATE_WORDS = frozenset(
    _nfc(w).casefold()
    for w in (
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
        "am pm a p m ist gmt utc hrs hours st nd rd th "
        "जनवरी फरवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर सितम्बर अक्टूबर अक्तूबर नवंबर नवम्बर "
        "दिसंबर दिसम्बर सोमवार मंगलवार बुधवार गुरुवार बृहस्पतिवार शुक्रवार शनिवार रविवार "
        "बजे सुबह शाम रात दोपहर पूर्वाह्न अपराह्न"
    ).split()
)
_DATE_SPLIT = re.compile(r"[\s,/|:.\-–—•()]+")


def _is_date_stamp(line: str) -> bool:
    words = [w for w in _DATE_SPLIT.split(_DATE_LABEL.sub("", line, count=1)) if w]
    has_number = any(re.search(r"\d", w) for w in words)
    return bool(words) and has_number and all(
        re.fullmatch(r"\d+(?:st|nd|rd|th)?", w, re.IGNORECASE) or w.casefold() in _DATE_WORDS for w in words
    )


# Bylines and author widgets: "Edited By: …", "लेखक: …", "author-image".
_BYLINE = _line_regex(
    r"^(?:(?:written|edited|reported|posted|curated|produced|compiled|translated)\s+by|by|author|reporter"
    r"|लेखक|लेखिका|द्वारा|रिपोर्ट|रिपोर्टर|संवाददाता|संपादित|संपादक|एडिटेड बाय|लेखक के बारे में)" + _DELIMITER
    + r"|^(?:author|profile|writer)[\s\-_]?(?:image|photo|pic|avatar)$"
    r"|^(?:।।|॥)\s*[^।॥]{2,40}?\s*(?:।।|॥)$"  # a name framed by double dandas: "।। अवधेश कुमार।।"
    r"|^(?:\S+\s+){0,3}(?:ब्यूरो|डेस्क|bureau|desk)(?:\s+(?:रिपोर्ट|report))?\s*(?:।।|॥)?$"  # "समाचार4मीडिया ब्यूरो", "नेशनल डेस्क"
    r"|^(?:\S+\s+){0,3}(?:ब्यूरो|डेस्क|bureau|desk)\s*[,|]\s*[^।.?!]{1,40}$"  # "न्यूज डेस्क, Mp Breaking News"
    r"|^(?:\S+\s+){0,2}(?:संवाददाता|रिपोर्टर|प्रतिनिधि|reporter)\s+[^\s।.:?!]+(?:\s+[^\s।.:?!]+){0,2}$"  # "संवाददाता सोमवीर सैनी"
    r"|^[^\s।.:?!]+(?:\s+[^\s।.:?!]+){0,2}\s+(?:संवाददाता|रिपोर्टर|reporter)$"  # "Toran Kumar reporter"
    r"|^रिपोर्ट\s*[,:]\s*[^।.?!]{1,40}$"  # "रिपोर्ट, विनय शुक्ला बहराइच"
    r"|^[^।?!]{0,80}\sसे\s[^।?!]{0,80}(?:की|का) रिपोर्ट$|^[^\s।.:?!]+(?:\s+[^\s।.:?!]+){1,2} की रिपोर्ट$"  # "... से ... की रिपोर्ट"
)

_BYLINE_NAME = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*){0,4}$")  # "By Deepak Kumar"

# Links to other stories: "पढ़ें- …", "यह भी पढ़ें- …", "READ MORE :", "Also Read".
_READ_MORE = _line_regex(
    r"^(?:(?:यह|ये|इसे|इन्हें) भी (?:पढ़ें|पढ़िए|देखें)|(?:यहां|यहाँ) (?:पढ़ें|पढ़िए)|also read|read more|read also|must read|also see|see also"
    r"|(?:पूरी|आगे की) (?:ख़बर|खबर|स्टोरी) (?:पढ़ें|पढ़िए)|आगे पढ़ें|continue reading)(?=[\s:：\-–—|>»]|$)"
    r"|^(?:पढ़ें|पढ़िए|देखें|और पढ़ें|related(?: news| stories| articles)?|संबंधित (?:खबरें|ख़बरें|खबर))" + _DELIMITER
)

# Ad slots: a line that is only an ad label ("Advertisment", "Advertisement", "विज्ञापन").
_AD_LABEL = _line_regex(
    r"^(?:advertis(?:e)?ments?|advt|ads?|sponsored(?: content)?|विज्ञापन|स्पॉन्सर्ड"
    r"|story continues below(?: this)? advertisement|continue reading below|scroll to continue with content)\W*$"
)

# Widget and section labels: "New Update", "Latest World News", "Follow us on Google News".
_WIDGET_LABEL = _line_regex(
    r"^(?:new update|follow us(?: on)?(?: google news)?|google news|subscribe(?: now)?|trending(?: now| news)?"
    r"|most (?:read|popular)|top stories|live tv|listen to this article|(?:latest|top|more)(?: \w+)? news"
    r"|related (?:articles|posts|stories|videos)|संबंधित (?:वीडियो|खबरें|ख़बरें|लेख)"
    r"|लाइव टीवी|ताज़?ा ख़?बरें|ट्रेंडिंग|सब्सक्राइब करें|फॉलो करें|इस ख़?बर को सुनें"
    r"|लेटेस्ट न्यूज़?|संपादक की पसंद|(?:लोकप्रिय|ट्रेंडिंग)(?: और (?:लोकप्रिय|ट्रेंडिंग))? (?:टॉपिक्स|विषय)"
    r"|no comments|(?:leave a |post a )?comments?|एक टिप्पणी भेजें|कोई टिप्पणी नहीं|टिप्पणियाँ|टिप्पणियां)\W*$"
)

# Share widgets: lines made only of share words and network names ("Share:", "शेयर करें").
_SHARE_WORDS = frozenset(
    _nfc(w)
    for w in "share shares this article story on via facebook twitter x whatsapp telegram linkedin "
    "email e-mail print copy link koo शेयर करें कॉपी लिंक व्हाट्सएप व्हाट्सऐप फेसबुक फ़ेसबुक पर".split()
)


# A media player's fallback message where a video or audio clip was: "प्लेबैक आपके उपकरण पर नहीं हो
# पा रहा", "Media playback is unsupported on your device", "Your browser does not support the video tag".
_PLAYER_MESSAGE = _line_regex(
    r"^(?:(?:मीडिया\s+)?प्लेबैक|वीडियो|ऑडियो|(?:media\s+)?playback|(?:this\s+|the\s+)?(?:video|audio|media)|your\s+browser"
    r"|(?:please\s+)?(?:enable\s+)?javascript)(?=[\s,:]).{0,60}?"
    r"(?:नहीं हो (?:पा )?रहा|समर्थित नहीं|उपलब्ध नहीं|not supported|unsupported|(?:does not|doesn't) support|not available"
    r"|no longer available|is disabled|to play)(?:\s+(?:है|हैं))?\W*$"
)


def _is_share_widget(line: str) -> bool:
    words = re.findall(r"[^\s:|,/]+", line.casefold())
    return bool(words) and bool({"share", "शेयर"} & set(words)) and all(w in _SHARE_WORDS for w in words)


# Share and view counters: lines of bare numbers ("0", "175", "1.2K Views", "245 शेयर").
_COUNTER = _line_regex(
    r"^[\d०-९][\d०-९,.]*\s*[km]?\+?(?:\s*(?:views?|shares?|comments?|likes?|reads?|व्यूज़?|शेयर|कमेंट्?स?|टिप्पणियां|टिप्पणियाँ|टिप्पणी))?$"
)

# Tag lists: "Tags: …", "टैग्स: …", or a bare "टैग्स" heading.
_TAGS = _line_regex(r"^(?:tags?|topics|related topics|keywords|टैग्स|टैग|कीवर्ड्स?|विषय)(?:" + _DELIMITER + r"|$)")

# Image captions and credits: "… Image Source : AP …", "फोटो: …", "प्रधानमंत्री मोदी (फाइल फोटो)".
_CAPTION_ANYWHERE = _line_regex(
    r"\b(?:image|photo|picture|pic)\s+(?:source|credit|courtesy)\s*[:\-–]?|\bgetty images\b"
    r"|\s[-–—]\s*(?:फोटो|फ़ोटो|तस्वीर|photo)\s*:\s*[^\s:।.]+(?:\s+[^\s:।.]+){0,3}$"  # "... - फोटो : पीटीआई"
    r"|(?:फोटो|फ़ोटो|तस्वीर|चित्र)\s+(?:साभार|क्रेडिट|सोर्स)"
)
_CAPTION_START = _line_regex(r"^(?:फोटो|फ़ोटो|तस्वीर|चित्र|photo|image|file photo|फाइल फोटो|फ़ाइल फ़ोटो)" + _DELIMITER)
_PHOTO_PARENTHETICAL = _line_regex(
    r"\s*\((?:(?:फाइल|फ़ाइल|file)\s+(?:फोटो|फ़ोटो|photo|तस्वीर|pic|image)"
    r"|(?:फोटो|फ़ोटो|तस्वीर|चित्र|photo|image|pic)(?:\s+(?:साभार|क्रेडिट|credit|courtesy|source|सोर्स))?\s*[:\-–—])"
    r"[^()]{0,60}\)"
)


_MARKDOWN_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")  # "![alt](https://…/photo.jpg)"
# A photo credit leading a caption that carries story text ("Image Source : PTI शिखर धवन ..."): the
# credit is cut and the text stays.
_LEADING_CREDIT = _line_regex(r"^(?:image|photo|picture|pic)\s+(?:source|credit|courtesy)\s*[:\-–]\s*\S+\s+")
LEADING_CREDIT_MIN_WORDS = 10


def _is_caption(line: str) -> bool:
    if _MARKDOWN_IMAGE.match(line):
        return True
    lead = _LEADING_CREDIT.match(line)
    if lead and len(line[lead.end():].split()) >= LEADING_CREDIT_MIN_WORDS:
        return False  # cut by ``_cut_leading_credit``, the text stays
    if _CAPTION_ANYWHERE.search(line) or _CAPTION_START.search(line):
        return True
    return bool(_PHOTO_PARENTHETICAL.search(line)) and not _SENTENCE_END.search(line)


# Breadcrumbs: "Home / News / <headline>", "होम » राष्ट्रीय » …", "Hindi News विदेश यूरोप <headline>".
_CRUMB_SEPARATOR = re.compile(r"\s+[/>]\s+|\s*[»›→]\s*")
_CRUMB_ROOTS = frozenset(_nfc(w).casefold() for w in ("home", "होम", "मुख्य पृष्ठ", "news", "hindi news", "समाचार"))
_SITE_ROOT = _line_regex(r"^(?:hindi news|हिंदी न्यूज़?|हिन्दी न्यूज़?|हिंदी समाचार)\s+\S")


def _is_breadcrumb(line: str) -> bool:
    parts = [p.strip() for p in _CRUMB_SEPARATOR.split(line)]
    if len(parts) >= 2 and parts[0].casefold() in _CRUMB_ROOTS:
        return True
    if len(parts) >= 3 and all(0 < len(p.split()) <= 3 for p in parts[:-1]):
        return True
    return bool(_SITE_ROOT.match(line)) and not _SENTENCE_END.search(line)


# Agency credits standing alone or closing a paragraph: "(भाषा/पीटीआई)", "इनपुट: एजेंसी".
_AGENCIES = frozenset(
    _nfc(w).casefold()
    for w in "भाषा पीटीआई आईएएनएस एएनआई वार्ता यूनीवार्ता यूएनआई एजेंसी एजेंसियां एजेंसियों एएफपी रॉयटर्स एपी "
    "शिन्हुआ pti ians ani uni reuters ap afp agency agencies xinhua bhasha".split()
)
_TRAILING_PARENTHETICAL = re.compile(r"\s*\(([^()]{1,60})\)\s*$")
_CREDIT_LEAD = _line_regex(r"^(?:इनपुट|with inputs?(?: from)?|inputs?)\s*[:\-–—]?\s*")


def _is_agency_credit(words: str) -> bool:
    """"भाषा/पीटीआई", "Reuters", "इनपुट: एजेंसी", "with inputs from PTI"."""
    rest = _CREDIT_LEAD.sub("", words, count=1)
    if rest != words and len(rest.split()) <= 4 and not re.search(r"[।.?!]", rest):
        return True
    names = [w for w in re.split(r"[\s/,|&\-–]+", rest.casefold()) if w and w not in {"और", "and", "with"}]
    return bool(names) and all(n in _AGENCIES for n in names)


def _is_credit_line(line: str) -> bool:
    whole = _TRAILING_PARENTHETICAL.fullmatch(line)
    return _is_agency_credit(whole.group(1) if whole else line)


# Boilerplate lines are short; a longer line is story text even if it starts like a byline or
# holds a caption (one-line input, paragraphs glued together by an extractor).
BOILERPLATE_MAX_WORDS = 60


@dataclass(frozen=True)
class LineRule:
    name: str
    matches: Callable[[str], bool]
    hindi_only: bool = False
    any_length: bool = False


# Checked in order; the first rule that matches names why a line was dropped.
LINE_RULES: tuple[LineRule, ...] = (
    LineRule("punctuation only", lambda s: not any(c.isalnum() for c in s)),
    LineRule("single letter", lambda s: len(re.sub(r"[\W_]", "", s)) <= 1 and len(s.split()) == 1),
    LineRule("counter", lambda s: bool(_COUNTER.match(s))),
    LineRule("date stamp", _is_date_stamp),
    LineRule("byline", lambda s: bool(_BYLINE.match(s) or _BYLINE_NAME.match(s))),
    LineRule("link to another story", lambda s: bool(_READ_MORE.match(s))),
    LineRule("ad label", lambda s: bool(_AD_LABEL.match(s))),
    LineRule("widget label", lambda s: bool(_WIDGET_LABEL.match(s))),
    LineRule("share widget", _is_share_widget),
    LineRule("media player message", lambda s: bool(_PLAYER_MESSAGE.match(s))),
    LineRule("tag list", lambda s: bool(_TAGS.match(s))),
    LineRule("image caption", _is_caption),
    LineRule("breadcrumb", _is_breadcrumb),
    LineRule("agency credit", _is_credit_line),
    # SEO keyword lines, menu labels, English author names: no Devanagari in a Hindi article.
    LineRule("no Devanagari", lambda s: not _DEVANAGARI_LETTER.search(s), hindi_only=True, any_length=True),
)


def boilerplate_rule(line: str, language: str = "hi") -> str | None:
    """The name of the first whole-line rule that ``line`` matches, or None for a story line."""
    line = _normalize_line(line)
    short = len(line.split()) <= BOILERPLATE_MAX_WORDS
    for rule in LINE_RULES:
        applies = (language == "hi" or not rule.hindi_only) and (short or rule.any_length)
        if applies and rule.matches(line):
            return rule.name
    return None


# ---- trim rules: cut a boilerplate piece out of a line that also holds story text ---------------

# A gallery or video teaser: "PICS:मौनी अमावस्या के दिन ...?", "VIDEO: ...", "तस्वीरें: ...".
_GALLERY_KICKER = _line_regex(r"^(?:pics?|photos?|in pics|videos?|gallery|फोटो गैलरी|तस्वीरें|वीडियो|देखें वीडियो)\s*:")

# An English SEO kicker before the Hindi text: "S Jaishankar Russia Visit: <Hindi>", or three or
# more English words and a comma ("Meeting Between Jaishankar And Lavrov At Kazakhstan, <Hindi>").
_SEO_KICKER = re.compile(
    r"^(?:[A-Za-z0-9][\w'’&.\-]*(?:\s+[\w'’&.\-]+)*\s*:\s*|[A-Za-z][\w'’&.\-]*(?:\s+[\w'’&.\-]+){2,}\s*,\s+"
    r"|[A-Z][\w'’&.\-]*(?:\s+[\w'’&.\-]+){0,3}\s+News\s*[-–—]?\s+)"
    r"(?=[\"'‘“(]?[\u0900-\u097F])",
    re.ASCII,
)


# A live-blog label before the text: "आज की ताजा खबर (Aaj Ki Taaja Khabar), Hindi News (हिंदी न्यूज़) LIVE: ...".
_LIVE_LABEL = re.compile(r"^[^।.?!]{0,120}?\bLIVE(?:\s+UPDATES?)?\s*[:\-–—]\s+(?=\S)")


# A news label before the text: "ब्रेकिंग :- पीएम मोदी ने ...", "बड़ी खबर: ...", "Breaking News | ...".
_NEWS_LABEL = _line_regex(
    r"^(?:ब्रेकिंग(?:\s+न्यूज़?)?|बड़ी\s+ख़?बर|ताजा\s+ख़?बर|ताज़ा\s+ख़?बर|खास\s+ख़?बर|ख़ास\s+ख़?बर|एक्सक्लूसिव|"
    r"breaking(?:\s+news)?|exclusive|big\s+news)\s*(?::\s*-?|[-–—|])\s*(?=\S)"
)
LABEL_MIN_WORDS_AFTER = 5  # a label is cut only before a sentence of its own, not from a short headline


def _cut_seo_kicker(line: str, language: str) -> tuple[str, str | None]:
    if language == "hi" and _GALLERY_KICKER.match(line):
        return line, None  # "PICS: ..." marks a gallery teaser: kept whole for the structure pass
    label = (_LIVE_LABEL.match(line) or _NEWS_LABEL.match(line)) if language == "hi" else None
    if label and len(line[label.end():].split()) >= LABEL_MIN_WORDS_AFTER:
        return line[label.end():], label.group().strip()
    match = _SEO_KICKER.match(line) if language == "hi" else None
    return (line[match.end():], match.group().strip()) if match else (line, None)


# An English copy of a Hindi title after a dash or bar: "<Hindi> – Mp News: Cm Convenes …", "<Hindi> – Uttar Pradesh News".
_LATIN_TAIL = re.compile(r"\s+[–—|-]\s+[A-Za-z][\w'’&.,:\-]*(?:\s+[\w'’&.,:\-]+)+\s*$", re.ASCII)


def _cut_latin_tail(line: str, language: str) -> tuple[str, str | None]:
    match = _LATIN_TAIL.search(line) if language == "hi" else None
    if match and _DEVANAGARI_LETTER.search(line[: match.start()]):
        return line[: match.start()], match.group().strip()
    return line, None


# A dateline opening a paragraph: "मॉस्को। …", "मॉस्को: …", "आज समाज, अस्ताना: …",
# "NEW DELHI: …", "नई दिल्ली, लाइफस्टाइल डेस्क । …", "लखनऊ, 30 अक्टूबर (आईएएनएस)। …",
# "नई दिल्ली, नवम्बर 11 -- …", "जयपुर. …". At most four words before ':' (two before '।', not
# counting desk words and the date), none of them a verb or function word, so "उन्होंने कहा: …"
# and "सवाल: …" stay.
_DATELINE = re.compile(
    r"^(?P<place>[^\s:।|()\"'‘“]+(?:,?\s+[^\s:।|()\"'‘“,]+){0,4})(?:\s*\([^()]{1,30}\))?,?\s*"
    r"(?P<mark>[:।|]|--|–|—|\.(?=\s+[\u0900-\u097F]))\s+"
)
_NOT_A_PLACE = frozenset(
    _nfc(w)
    for w in "ने को से में पर का की के है हैं था थी थे कहा बताया लिखा पूछा बोले बोली कहना और कि यह वह ये वे "
    "उन्होंने मैंने हमने सवाल जवाब प्रश्न उत्तर नोट ध्यान नहीं हां हाँ जी ठीक अच्छा धन्यवाद शुक्रिया".split()
)
_DESK_WORDS = frozenset(
    _nfc(w).casefold() for w in "डेस्क ब्यूरो एजेंसी संवाददाता प्रतिनिधि रिपोर्टर टीम desk bureau reporter".split()
)


def _place_words(place: str) -> list[str]:
    """The words of a dateline's place, without desk words ("लाइफस्टाइल डेस्क") and the date."""
    words = place.replace(",", " ").split()
    desk = next((i for i, w in enumerate(words) if w.casefold() in _DESK_WORDS), None)
    if desk is not None:
        words = words[: max(desk - 1, 0)] or words[:1]
    return [w for w in words if not (re.fullmatch(r"[\d०-९]+", w) or w.casefold() in _DATE_WORDS)]


def _cut_dateline(line: str, language: str) -> tuple[str, str | None]:
    match = _DATELINE.match(line)
    if not match:
        return line, None
    words = _place_words(match.group("place"))
    rest, mark = line[match.end():], match.group("mark")
    if not words or (mark in {"।", "."} and len(words) > 2) or len(words) > 4:
        return line, None
    if mark == "." and (len(words) > 1 or len(words[0]) < 3):
        return line, None
    if any(w in _NOT_A_PLACE for w in words) or len(rest.split()) < 3 or len(match.group("place")) < 3:
        return line, None
    if language != "hi" and not (match.group("place").isupper() and mark == ":"):
        return line, None  # English datelines are written in capitals: "NEW DELHI:"
    return rest, match.group().strip()


def _cut_agency_credit(line: str, language: str) -> tuple[str, str | None]:
    """A closing agency credit: "… पार कर गया। (भाषा/पीटीआई)"."""
    match = _TRAILING_PARENTHETICAL.search(line)
    if match and _is_agency_credit(match.group(1)):
        return line[: match.start()], match.group().strip()
    return line, None


def _cut_photo_credit(line: str, language: str) -> tuple[str, str | None]:
    """An inline photo note: "… (फाइल फोटो)", "(फोटो: पीटीआई)"."""
    match = _PHOTO_PARENTHETICAL.search(line)
    if match:
        return (line[: match.start()] + line[match.end():]).strip(), match.group().strip()
    return line, None


# A byline glued to the start of a paragraph: "अंकित सोनी@सूरजपुर। ...", "Team@News Dastak रायपुर। ...",
# or a reporter's name in brackets after the dateline: "धार। (अशोक राठौर) नालछा ...".
_AT_BYLINE = re.compile(r"^(?:[^\s@।:]+\s){0,2}[^\s@।:]+\s?@\s?(?=\S)")
_NAME_IN_BRACKETS = re.compile(r"^\((?:[^()\d।.:,]+)\)\s+")
_SLASHED_TAG = re.compile(r"^[^।.?!/]{2,40}?\s*/{2,}\s*(?=\S)")  # "रायपुर न्यूज़ धमाका /// उरला ..."
NAME_MAX_WORDS = 3


def _cut_leading_byline(line: str, language: str) -> tuple[str, str | None]:
    for pattern in (_AT_BYLINE, _SLASHED_TAG):
        at = pattern.match(line)
        if at and len(line[at.end():].split()) >= 3:
            return line[at.end():], at.group().strip()
    name = _NAME_IN_BRACKETS.match(line)
    inner = name.group().strip()[1:-1] if name else ""
    if name and len(inner.split()) <= NAME_MAX_WORDS and not _is_agency_credit(inner) and len(line[name.end():].split()) >= 3:
        return line[name.end():], name.group().strip()
    return line, None


OPENING_PASSES = 3  # "दुमका, दिसम्बर 19 -- दुमका, प्रतिनिधि। ...": a wire dateline, then the desk's own


def _cut_opening(line: str, language: str) -> tuple[str, str | None]:
    """Datelines and bylines opening a paragraph, however many are stacked."""
    pieces = []
    for _ in range(OPENING_PASSES):
        before = line
        for cut in (_cut_leading_byline, _cut_dateline):
            line, piece = cut(line, language)
            if piece:
                pieces.append(piece)
        if line == before:
            break
    return line, " ".join(pieces) or None


TrimRule = Callable[[str, str], tuple[str, str | None]]
TRIM_RULES: tuple[TrimRule, ...] = (_cut_opening, _cut_agency_credit, _cut_photo_credit)

# ---- structure: headline, repeats, crossheads ---------------------------------------------------

HEADLINE_MAX_WORDS = 30
CROSSHEAD_MAX_WORDS = 15
DUPLICATE_SIMILARITY = 0.8
TEASER_COVERAGE = 0.8  # share of a cut-off teaser's words found, in one run, in a longer paragraph
TRAIL_MAX_EXTRA_WORDS = 6  # words a breadcrumb trail may put before the title it ends with

_FULL_STOP_END = re.compile(r"(?:[।॥]|(?<!\.)\.)[’”\"')]*$")  # a danda or a single '.', not an ellipsis
_CUT_OFF_END = re.compile(r"(?:\.{3}|…|\[\s*(?:…|\.{3})\s*\])\s*$")  # "…", "...", "[…]": a teaser cut short


def _normalize_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u200b", "").replace("\ufeff", "")
    return " ".join(line.split()).lstrip("•·▪►✓ ").strip()


def _is_headline_like(line: str) -> bool:
    """One short sentence that does not end in a full stop (it may end in '?', '!' or an ellipsis)."""
    words = len(line.split())
    one_sentence = len(split_paragraph(line)) == 1
    cut = boilerplate.is_truncated(line)  # "... [5397 chars]": a news API cut it, never a headline
    return 3 <= words <= HEADLINE_MAX_WORDS and one_sentence and not _FULL_STOP_END.search(line) and not cut


def _unfinished(line: str) -> bool:
    """No sentence of the line ends with an end mark (a headline, a crosshead, a point)."""
    return not any(_SENTENCE_END.search(piece) for piece in split_paragraph(line))


def _is_crosshead(line: str) -> bool:
    """A subheading: a short line with no sentence end in it ("17-18 नवंबर को होगी मीटिंग")."""
    return len(line.split()) <= CROSSHEAD_MAX_WORDS and _unfinished(line)


def _comparison_words(line: str, language: str) -> list[str]:
    """Words compared to find repeats; Hindi lines are compared on their Devanagari words and
    numbers only, so an English prefix ("S Jaishankar Sergey Lavrov meeting …") does not hide a repeat."""
    words = [re.sub(r"[^\w\u0900-\u097F]", "", w) for w in line.casefold().split()]
    if language == "hi":
        words = [w for w in words if _DEVANAGARI_LETTER.search(w) or _DIGIT.search(w)]
    return [w for w in words if w]


def _is_teaser(line: str, words: list[str], page: list[list[str]]) -> bool:
    """A cut-off teaser ("… जनाधार नहीं होने के […]") of a longer paragraph on the same page
    (``page``: the other lines)."""
    if not _CUT_OFF_END.search(line) or len(words) < 3:
        return False
    for other in page:
        if len(other) > len(words):
            run = SequenceMatcher(None, words, other, autojunk=False).find_longest_match(0, len(words), 0, len(other))
            if run.size >= TEASER_COVERAGE * len(words):
                return True
    return False


# A headline of another story standing between paragraphs: longer than a crosshead, no sentence
# end, and a headline's marks ("बहराइच : दरोगा के खिलाफ ...", "... नुकसान - देवघर में ...",
# "... ने कहा, मुझे नहीं लगता ..., दाल में कुछ काला है").
_HEADLINE_MARK = re.compile(r"^\S+(?:\s+\S+){0,3}\s*:\s|\s[-–—|]\s|,\s")


def _is_stray_headline(line: str) -> bool:
    words = len(line.split())
    return CROSSHEAD_MAX_WORDS < words <= HEADLINE_MAX_WORDS and bool(_HEADLINE_MARK.search(line)) and _unfinished(line)


def _is_gallery_teaser(line: str) -> bool:
    return bool(_GALLERY_KICKER.match(line)) and len(line.split()) <= HEADLINE_MAX_WORDS and not _FULL_STOP_END.search(line)


HEADLINE_REPEAT_SIMILARITY = 0.95  # a copy, not a lead sentence that says what the headline says


def _cut_headline_copy(line: str, headline: str | None) -> tuple[str, str | None]:
    """A paragraph that opens with the page's own headline ("<headline> मेजा। बिजली विभाग ..."):
    the copy is cut, the rest stays."""
    if not headline:
        return line, None
    title, words = headline.split(), line.split()
    if len(title) < 3 or len(words) <= len(title) + 2:
        return line, None
    if is_continuation_word(words[len(title)]):
        return line, None  # "<headline words> की है और ...": a lead sentence that begins like the headline
    head = " ".join(words[: len(title)]).casefold()
    if SequenceMatcher(None, head, " ".join(title).casefold(), autojunk=False).ratio() >= HEADLINE_REPEAT_SIMILARITY:
        return " ".join(words[len(title):]), " ".join(words[: len(title)])
    return line, None


def _opens_list(lines: list[str], index: int) -> bool:
    """A line ending in ':' followed by a numbered or bulleted line introduces a list: story, not a crosshead."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return lines[index].rstrip().endswith((":", "：")) and bool(LIST_MARKER.match(following)) and bool(
        LIST_MARKER.sub("", following).strip())


def _is_cut_copy(line: str, words: list[str], page: list[list[str]]) -> bool:
    """A line that stops mid-sentence and repeats the opening of a longer paragraph on the page
    (an extractor's teaser of the paragraph below: "बिजली विभाग के ... जिससे उपभोक्ताओं को चौबिस घंटे मे")."""
    if _SENTENCE_END.search(line) or len(words) < 5:
        return False
    for other in page:
        if len(other) > len(words) + 2:
            blocks = SequenceMatcher(None, words, other[: len(words) + 4], autojunk=False).get_matching_blocks()
            from_start = blocks[0].size and blocks[0].a == 0 and blocks[0].b == 0  # it copies the paragraph's opening
            if from_start and sum(block.size for block in blocks) >= CUT_COPY_COVERAGE * len(words):
                return True
    return False


CUT_COPY_COVERAGE = 0.75  # share of a cut copy's words found, in order, at the start of the paragraph it copies


def _ends_with_next(line: str, following: str) -> bool:
    """A breadcrumb trail or section label glued to the title the next line repeats:
    "Hindi News खेल क्रिकेट <title>" or "Homeखेल जगत<title>", then "<title>"."""
    trail, title = " ".join(line.casefold().split()), " ".join(following.casefold().split())
    extra = len(trail.split()) - len(title.split())
    return len(title.split()) >= 3 and trail != title and trail.endswith(title) and extra <= TRAIL_MAX_EXTRA_WORDS


def _is_repeat(words: list[str], earlier: list[list[str]]) -> bool:
    """A line that says what an earlier one said. Two lines of the same form that state different
    numbers ("सेंसेक्स 120 अंक ऊपर ..." / "निफ्टी 35 अंक ऊपर ...") report different facts: not repeats;
    a shorter copy may leave numbers out."""
    if len(words) < 3:
        return False
    numbers = Counter(w for w in words if _DIGIT.search(w))
    for seen in earlier:
        matcher = SequenceMatcher(None, words, seen, autojunk=False)
        if matcher.real_quick_ratio() >= DUPLICATE_SIMILARITY and matcher.ratio() >= DUPLICATE_SIMILARITY:
            seen_numbers = Counter(w for w in seen if _DIGIT.search(w))
            if numbers <= seen_numbers or seen_numbers <= numbers:
                return True
    return False


def clean_article(text: str, language: str = "hi") -> CleanArticle:
    """Headline, story paragraphs and the removed pieces of a scraped article.

    Hindi-only rules (no-Devanagari lines, English SEO kickers) apply when ``language`` is "hi";
    for any other language only the language-independent rules run.
    """
    removed: list[str] = []
    lines, point_lines = _story_lines(text, language, removed)
    english_title = _english_title(text, language)

    trails = {i for i in range(len(lines) - 1) if _ends_with_next(lines[i], lines[i + 1])}
    removed += [lines[i] for i in sorted(trails)]
    lines = [line for i, line in enumerate(lines) if i not in trails]

    at = _headline_index(lines)
    headline = lines.pop(at) if at is not None else english_title
    if headline is not None:
        headline = clean_title(headline)
    page = [_comparison_words(line, language) for line in lines]
    kept: list[str] = []
    seen = [_comparison_words(headline, language)] if headline else []
    lists = _list_items(lines)
    points = _point_runs(lines, point_lines)
    for index, line in enumerate(lines):
        for trim in TRIM_RULES:
            line, piece = trim(line, language)
            if piece:
                removed.append(piece)
        words = _comparison_words(line, language)
        if index in lists and _is_repeat(words, seen[:1]):
            removed.append(line)  # a list item that repeats the headline
            continue
        if index in lists:
            if lists[index] == lists.get(index - 1):
                kept[-1] = _list_sentence(kept[-1], line)
            else:
                kept.append(_list_sentence(None, line))
            continue
        line, copy = _cut_headline_copy(line, headline)
        if copy:
            removed.append(copy)
            line, piece = _cut_opening(line, language)
            removed.append(piece or "")
            words = _comparison_words(line, language)
        # A crosshead heads the text below it; a short unfinished last line is a paragraph cut short.
        deck = index == at and not kept and _is_point(line)  # the line under the headline: its subtitle
        crosshead = (_is_crosshead(line) and index < len(lines) - 1 and not _opens_list(lines, index)
                     and index not in points and not deck)
        between = bool(kept) and index < len(lines) - 1  # stories stand on both sides
        listed = bool(LIST_MARKER.match(lines[index]))  # "1. दिल्ली: ..." is a list item, not a headline
        stray = (between and not listed and index not in points
                 and (_is_stray_headline(line) or _is_stray_headline(lines[index])))
        stray = stray or _is_gallery_teaser(line)
        others = page[:index] + page[index + 1:]
        cut_copy = _is_cut_copy(line, words, page[index + 1:])
        if not line or _is_repeat(words, seen) or _is_teaser(line, words, others) or crosshead or stray or cut_copy:
            removed.append(line)
            continue
        kept.append(line)
        seen.append(words)
    paragraphs, truncated = _drop_boilerplate_sentences(kept, removed)
    return CleanArticle(headline=headline, paragraphs=paragraphs, removed=[r for r in removed if r], truncated=truncated)


def _story_lines(text: str, language: str, removed: list[str]) -> tuple[list[str], set[str]]:
    """Non-blank lines that no whole-line rule drops, with kickers, slugs and English title copies
    cut, and sentences that a page broke across adjacent lines joined again; and the lines that are
    points of a story told one point a line (``_points``)."""
    blocks: list[list[str]] = [[]]
    items = _bulleted_items(text.splitlines())
    raw_lines = [_normalize_line(raw) for raw in text.splitlines()]
    appeal = _appeal_lines(raw_lines) if language == "hi" else set()
    stretches: list[list[str]] = [[]]  # kept lines with no dropped line between them (blank lines allowed)
    for at, line in enumerate(raw_lines):
        if not line:
            blocks.append([])
            continue
        if at in appeal:
            removed.append(line)
            stretches.append([])
            continue
        rule = boilerplate_rule(line, language) or _whole_line_sentence_rule(line)
        if rule:
            removed.append(line)
            stretches.append([])
            continue
        for cut in (_cut_widget_prefix, _cut_seo_kicker, _cut_latin_tail, _cut_slugs):
            line, piece = cut(line, language)
            if piece:
                removed.append(piece)
        if at in items and _is_point(line):
            line += "।"  # a bulleted clause is a statement of its own, never a crosshead or half a sentence
        if line.strip():
            blocks[-1].append(line)
            stretches[-1].append(line)
    lines = [line for block in blocks for line in rejoin_broken_lines(block)]
    return lines, {line for stretch in stretches for line in _points(stretch)}


def _points(stretch: list[str]) -> list[str]:
    """Lines of runs of ``POINT_RUN_MIN_LINES`` or more clause lines in a row (``_is_point``). Only
    lines with nothing dropped between them count: headlines in a related-stories widget stand
    between section labels and dates the line rules drop."""
    return [stretch[at] for run in _point_line_runs([_is_point(line) for line in stretch]) for at in run]


def _point_line_runs(flags: list[bool]) -> list[list[int]]:
    """Indexes of each run of ``POINT_RUN_MIN_LINES`` or more true ``flags`` in a row."""
    runs: list[list[int]] = [[]]
    for at, flag in enumerate(flags):
        if flag:
            runs[-1].append(at)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) >= POINT_RUN_MIN_LINES]


def _bulleted_items(raw_lines: list[str]) -> set[int]:
    """Indexes of the lines of bulleted lists of statements: two or more lines in a row (blank
    lines between them allowed) that open with the same list marker ("•", "-", "1."), one of them
    at least a finished sentence."""
    markers = {at: _marker_kind(raw) for at, raw in enumerate(raw_lines) if raw.strip()}
    filled = sorted(markers)
    lists: list[list[int]] = []
    for before, after in zip(filled, filled[1:]):
        if markers[before] and markers[before] == markers[after]:
            if lists and lists[-1][-1] == before:
                lists[-1].append(after)
            else:
                lists.append([before, after])
    # A list of statements has a finished sentence among its items; a list of other stories'
    # headlines ("• <headline>" after the story) has none.
    return {at for run in lists if any(_SENTENCE_END.search(raw_lines[at].strip()) for at in run) for at in run}


def _marker_kind(raw: str) -> str | None:
    """The kind of list marker a raw line opens with ("#" for any number), if it is followed by text."""
    line = raw.strip()
    marker = LIST_MARKER.match(line)
    if not marker or not line[marker.end():].strip() or (marker.group().startswith("*") and "*" in line[marker.end():]):
        return None  # no text, or "*बिधूना,औरैया।*": a bold phrase, not a bullet
    return re.sub(r"\d+", "#", marker.group().strip())


APPEAL_PAGE_SHARE = 0.5  # a page whose lines are at least this share of appeal talk is an appeal page
APPEAL_PAGE_MIN_APPEALS = 2
APPEAL_ESSAY_MIN_TALK = 2  # appeal-talk sentences of a page that is an appeal essay from end to end
APPEAL_ESSAY_MIN_LINES = 3  # ... and lines of it in the outlet's voice (half of all its lines at least)


def _appeal_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines of an appeal for support: a page that is one (its first line only asks
    for support: "कोहराम न्यूज़ को लगातार चलाने में सहयोगी बनें"; or half its lines are the outlet on its
    journalism and money, with at least two appeals; or an essay in the outlet's voice: at least two
    sentences of appeal talk, and half of its lines, three at least, mostly in the first or second
    person outside reported speech, "हमें अपने संसाधनों को घटाना पड़ा है"), or an appeal box: a line that asks for
    support and is otherwise the outlet's talk or voice ("आप ... मीडिया के हक़दार हैं। हमें आप जैसे
    पाठक चाहिए। ... मीडिया का समर्थन करें।") and the lines after it while at least half of their
    sentences are the outlet speaking of its journalism and means. News about donations and
    reported appeals are not appeal talk (``boilerplate.is_support_appeal``); a report speaks in the
    third person and quotes its first persons."""
    filled = [at for at, line in enumerate(lines) if line]
    sentences = {at: split_paragraph(lines[at]) for at in filled}
    line_appeals = {at: [boilerplate.is_support_appeal(s) for s in sentences[at]] for at in filled}
    voiced = {at for at in filled if _half_or_more(_appeal_talk_or_voice, sentences[at])}
    only_asks = {at for at in filled if line_appeals[at] and all(line_appeals[at])}
    asks = only_asks | {at for at in voiced if any(line_appeals[at])}
    talk = {at for at in filled if _half_or_more(boilerplate.is_appeal_talk, sentences[at])}
    appeals = sum(sum(flags) for flags in line_appeals.values())
    essay = (sum(boilerplate.is_appeal_talk(s) for at in filled for s in sentences[at]) >= APPEAL_ESSAY_MIN_TALK
             and len(voiced) >= APPEAL_ESSAY_MIN_LINES and len(voiced) >= APPEAL_PAGE_SHARE * len(filled))
    if filled and (filled[0] in only_asks or essay
                   or (appeals >= APPEAL_PAGE_MIN_APPEALS and len(talk) >= APPEAL_PAGE_SHARE * len(filled))):
        return set(filled)
    found: set[int] = set()
    for start in sorted(asks):
        found.add(start)
        for at in (i for i in filled if i > start):
            if at not in talk:
                break
            found.add(at)
    return found


def _appeal_talk_or_voice(sentence: str) -> bool:
    return boilerplate.is_appeal_talk(sentence) or boilerplate.is_outlet_voice(sentence)


def _half_or_more(test: Callable[[str], bool], sentences: list[str]) -> bool:
    return bool(sentences) and sum(map(test, sentences)) >= APPEAL_PAGE_SHARE * len(sentences)


_DATE_WIDGET = re.compile(r"^(?:date\s+)?\d{4}-\d{2}-\d{2}\s+(?=\S)", re.IGNORECASE)  # "date 2025-11-04 गंगा तट ..."


def _cut_widget_prefix(line: str, language: str) -> tuple[str, str | None]:
    """A date widget or a photo credit glued before the text of a line."""
    for pattern in (_DATE_WIDGET, _LEADING_CREDIT):
        match = pattern.match(line)
        if match and len(line[match.end():].split()) >= 3:
            return line[match.end():], match.group().strip()
    return line, None


def _cut_slugs(line: str, language: str) -> tuple[str, str | None]:
    return cut_desk_slugs(line) if language == "hi" else (line, None)


LINE_CALL_SHARE = 0.5  # a line whose sentences are at least this share of reader calls is all boilerplate


def _whole_line_sentence_rule(line: str) -> str | None:
    """A line made of boilerplate sentences ("Ads से है परेशान? बिना Ads खबरों के लिए इनस्टॉल करें
    ... ऐप"), judged on its sentences; a line that is only a truncated API snippet stays (it is cut
    sentence by sentence later, so the article can say it was truncated)."""
    sentences = split_paragraph(line)
    if not sentences or boilerplate.is_truncated(line):
        return None
    calls = sum(
        boilerplate.is_reader_call(s) or boilerplate.is_feed_note(s) or boilerplate.is_support_appeal(s) for s in sentences
    )
    if calls and calls >= LINE_CALL_SHARE * len(sentences):
        return "call to the reader"
    # The outlet's own introduction ("हर कोई सुबह ... हम आपको ... बता रहे ... खबरों के साथ…") goes
    # whole when most of its sentences address the reader; one such sentence in a story line is cut alone.
    notes = calls + sum(boilerplate.is_outlet_address(s) for s in sentences)
    if notes > LINE_CALL_SHARE * len(sentences):
        return "the outlet's note to the reader"
    return None


# Shorter English lines atop a Hindi page are section labels and SEO tags more often than titles.
ENGLISH_TITLE_MIN_WORDS = 6


def _english_title(text: str, language: str) -> str | None:
    """A Hindi article's first line when it is an English title ("India vs Australia Brisbane Test
    ..."): used as the headline only if no Hindi line reads as one."""
    first = next((_normalize_line(line) for line in text.splitlines() if line.strip()), "")
    if language != "hi" or _DEVANAGARI_LETTER.search(first) or not re.search(r"[A-Za-z]", first):
        return None
    words = first.split()
    letters = sum(c.isalpha() for c in first)
    if not ENGLISH_TITLE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS or letters < 0.6 * len(first.replace(" ", "")):
        return None
    if boilerplate_rule(first, "en") or _FULL_STOP_END.search(first) or re.search(r"/|http|\d{4}-\d\d-\d\d", first):
        return None  # a sentence, a path or URL, or a date widget ("date 2025-11-29 ...")
    return first


# ---- lists: short lines after a question or a colon are story ----------------------------------------

_LIST_INTRO_END = re.compile(r"(?:[?:：\-–—]|(?:निम्न|निम्नलिखित|इस प्रकार|ये|यह) (?:हैं|है))[’”\"')*_]*$")
LIST_MIN_ITEMS = 2


def _list_items(lines: list[str]) -> dict[int, int]:
    """Index of each line that is a list item -> index of its list's intro line.

    A list is a run of at least ``LIST_MIN_ITEMS`` short lines without a sentence end (the shape of
    a crosshead) right after a line that introduces it (ends with '?', ':' or a dash, or "ये हैं").
    The cleaner keeps it as story text instead of dropping every item as a crosshead."""
    items: dict[int, int] = {}
    index = 0
    while index < len(lines):
        if _LIST_INTRO_END.search(lines[index]):
            run = index + 1
            while run < len(lines) and _is_crosshead_shape(lines[run]):
                run += 1
            if run - index - 1 >= LIST_MIN_ITEMS:
                items.update({i: index for i in range(index + 1, run)})
                index = run
                continue
        index += 1
    return items


POINT_MIN_WORDS = 5  # a point of a one-point-a-line story is a clause, longer than a label
POINT_RUN_MIN_LINES = 3  # fewer are a previous/next-story pair or a crosshead and a deck


def _is_point(line: str) -> bool:
    """A clause on a line of its own: five words or more, mostly Hindi, no sentence end (its list
    marker, if any, not counted)."""
    line = LIST_MARKER.sub("", line)
    words = line.split()
    hindi = sum(bool(_DEVANAGARI_LETTER.search(w)) for w in words)
    return len(words) >= POINT_MIN_WORDS and hindi >= 0.5 * len(words) and _unfinished(line)


def _point_runs(lines: list[str], point_lines: set[str]) -> set[int]:
    """Indexes of the lines of a story told one point a line ("नाले के ऊपर कब्ज़ा जमाये लोगो की दुकान
    हटाई गई" / "अतिक्रमण के चलते सफाई में बाधा उत्पन्न होती थी"; ``point_lines``, found by
    ``_story_lines``). A crosshead heads a paragraph, so three in a row are points, not crossheads or
    other stories' headlines; but a run after the story's last finished sentence is a list of other
    stories' headlines at the foot of the page."""
    last_finished = max((at for at, line in enumerate(lines) if _SENTENCE_END.search(line)), default=None)
    runs = _point_line_runs([line in point_lines for line in lines])  # the headline taken out, three are left
    return {at for run in runs if last_finished is None or run[0] < last_finished for at in run}


def _is_crosshead_shape(line: str) -> bool:
    return bool(line.strip()) and _is_crosshead(LIST_MARKER.sub("", line))


def _list_sentence(paragraph: str | None, item: str) -> str:
    """"X, Y, Z।": a list's items as one sentence that names them (``paragraph`` holds the items
    so far; the items have no sentence end, so the segmenter keeps them together)."""
    item = LIST_MARKER.sub("", item).strip().rstrip(",;")
    return f"{item}।" if paragraph is None else f"{paragraph.removesuffix('।')}, {item}।"


def _drop_boilerplate_sentences(paragraphs: list[str], removed: list[str]) -> tuple[list[str], bool]:
    """Paragraphs without the boilerplate sentences inside them (``boilerplate.sentence_rule``), and
    whether a news API cut the story short ("... [1364 chars]")."""
    kept: list[str] = []
    truncated = False
    for paragraph in paragraphs:
        sentences = split_paragraph(paragraph)
        story = []
        for sentence in sentences:
            sentence, address = boilerplate.cut_trailing_address(sentence)
            if address:
                removed.append(address)
            rule = sentence_rule(sentence)
            if rule is None:
                story.append(sentence)
                continue
            truncated = truncated or rule == "cut off by a news API"
            removed.append(sentence)
        if story == sentences:
            kept.append(paragraph)
        elif story:
            kept.append(" ".join(story))
    return kept, truncated


def _headline_index(lines: list[str]) -> int | None:
    """The first line unless it reads like story text; one- and two-word labels before it are skipped."""
    for at, line in enumerate(lines):
        if len(line.split()) < 3 and not _SENTENCE_END.search(line):
            continue
        return at if _is_headline_like(line) else None
    return None
