"""Indian states, union territories and major cities, in Hindi, with the state each belongs to.

Compiled for grouping (issue 18) from the Hindi names of the states and union territories in the
Constitution's First Schedule as amended to 2020 (28 states, 8 union territories) and the
headquarters of their large districts, with the spellings Hindi outlets use side by side
(तमिलनाडु / तमिलनाडू, उड़ीसा / ओडिशा / ओड़िशा, बंगलुरू / बेंगलुरु). Only names that cannot be
ordinary Hindi words or common surnames are listed: "प्रदेश" alone, "गया" (Gaya; also "went"), "कोटा"
(Kota; also "quota"), "पुरी", "मंडी", "दुर्ग", "दमन", "एटा" are left out. A city maps to its state,
so "चेन्नई" and "तमिलनाडु" are the same place for grouping; two cities of one state are too
(Nashik and Mumbai): a district's count and its state's are not told apart by place alone.
"""
from __future__ import annotations

import re
from functools import lru_cache

STATES: dict[str, tuple[str, ...]] = {
    "andhra-pradesh": ("आंध्र प्रदेश", "आंध्रप्रदेश", "आन्ध्र प्रदेश"),
    "arunachal-pradesh": ("अरुणाचल प्रदेश", "अरुणाचल"),
    "assam": ("असम", "आसाम"),
    "bihar": ("बिहार",),
    "chhattisgarh": ("छत्तीसगढ़", "छत्तीसगढ"),
    "goa": ("गोवा",),
    "gujarat": ("गुजरात",),
    "haryana": ("हरियाणा", "हरियाना"),
    "himachal-pradesh": ("हिमाचल प्रदेश", "हिमाचल"),
    "jharkhand": ("झारखंड", "झारखण्ड"),
    "karnataka": ("कर्नाटक",),
    "kerala": ("केरल", "केरला"),
    "madhya-pradesh": ("मध्य प्रदेश", "मध्यप्रदेश", "एमपी"),
    "maharashtra": ("महाराष्ट्र",),
    "manipur": ("मणिपुर",),
    "meghalaya": ("मेघालय",),
    "mizoram": ("मिजोरम", "मिज़ोरम"),
    "nagaland": ("नगालैंड", "नागालैंड"),
    "odisha": ("ओडिशा", "ओड़िशा", "उड़ीसा", "ओडिसा"),
    "punjab": ("पंजाब",),
    "rajasthan": ("राजस्थान",),
    "sikkim": ("सिक्किम",),
    "tamil-nadu": ("तमिलनाडु", "तमिलनाडू", "तमिल नाडु"),
    "telangana": ("तेलंगाना", "तेलांगाना"),
    "tripura": ("त्रिपुरा",),
    "uttar-pradesh": ("उत्तर प्रदेश", "उत्तरप्रदेश", "यूपी"),
    "uttarakhand": ("उत्तराखंड", "उत्तराखण्ड"),
    "west-bengal": ("पश्चिम बंगाल", "प. बंगाल", "बंगाल"),
    "andaman-nicobar": ("अंडमान", "निकोबार"),
    "chandigarh": ("चंडीगढ़",),
    "dadra-nagar-haveli-daman-diu": ("दादरा",),
    "delhi": ("दिल्ली", "दिल्‍ली"),
    "jammu-kashmir": ("जम्मू-कश्मीर", "जम्मू कश्मीर", "जम्मू और कश्मीर", "कश्मीर", "जम्मू"),
    "ladakh": ("लद्दाख",),
    "lakshadweep": ("लक्षद्वीप",),
    "puducherry": ("पुडुचेरी", "पुदुचेरी"),
}

CITIES: dict[str, tuple[str, ...]] = {
    "andhra-pradesh": ("विशाखापत्तनम", "विजयवाड़ा", "गुंटूर", "कुरनूल", "तिरुपति", "नेल्लोर"),
    "assam": ("गुवाहाटी", "सिलचर", "डिब्रूगढ़", "बंगाईगांव", "बंगाइगांव", "गोलपारा"),
    "bihar": ("पटना", "भागलपुर", "मुजफ्फरपुर", "दरभंगा", "मुंगेर", "सीवान", "बक्सर", "नालंदा", "पूर्णिया", "नवादा"),
    "chhattisgarh": ("रायपुर", "बिलासपुर", "भिलाई"),
    "gujarat": ("अहमदाबाद", "सूरत", "वडोदरा", "राजकोट", "गांधीनगर"),
    "haryana": ("गुरुग्राम", "गुड़गांव", "फरीदाबाद", "पानीपत", "अंबाला", "करनाल", "रोहतक", "झज्जर", "सोनीपत", "पटौदी"),
    "himachal-pradesh": ("शिमला", "ऊना", "कांगड़ा", "सिरमौर"),
    "jharkhand": ("रांची", "जमशेदपुर", "धनबाद", "बोकारो", "देवघर", "हजारीबाग"),
    "karnataka": ("बेंगलुरु", "बंगलुरू", "बेंगलुरू", "बेंगलूरु", "बंगलौर", "मैसूर", "मंगलुरु", "हुबली"),
    "kerala": ("तिरुवनंतपुरम", "त्रिवेंद्रम", "कोच्चि", "कोझिकोड", "कन्नूर", "कासरगोड", "मलप्पुरम", "कोल्लम", "पठानमथिट्टा"),
    "madhya-pradesh": ("भोपाल", "इंदौर", "उज्जैन", "जबलपुर", "ग्वालियर", "होशंगाबाद", "इटारसी"),
    "maharashtra": ("मुंबई", "पुणे", "नागपुर", "नासिक", "मालेगांव", "ठाणे", "औरंगाबाद", "नांदेड़", "धारावी", "अहमदनगर", "अकोला", "अमरावती"),
    "odisha": ("भुवनेश्वर", "कटक"),
    "punjab": ("अमृतसर", "लुधियाना", "जालंधर", "पटियाला", "मोहाली"),
    "rajasthan": ("जयपुर", "जोधपुर", "उदयपुर", "अजमेर", "भीलवाड़ा", "बीकानेर"),
    "tamil-nadu": ("चेन्नई", "कोयंबटूर", "मदुरै", "त्रिची"),
    "telangana": ("हैदराबाद", "महबूबनगर", "वारंगल"),
    "uttar-pradesh": ("लखनऊ", "कानपुर", "आगरा", "वाराणसी", "प्रयागराज", "इलाहाबाद", "मेरठ", "गाजियाबाद", "नोएडा",
                      "गौतमबुद्ध नगर", "अलीगढ़", "गोरखपुर", "बरेली", "मुरादाबाद", "सहारनपुर", "झांसी", "फिरोजाबाद",
                      "महराजगंज", "महाराजगंज", "देवबंद", "हाथरस", "बहराइच", "अयोध्या", "मथुरा", "गाजीपुर"),
    "uttarakhand": ("देहरादून", "हरिद्वार", "हल्द्वानी", "नैनीताल", "बागेश्वर"),
    "west-bengal": ("कोलकाता", "कलकत्ता", "हावड़ा", "सिलीगुड़ी"),
    "delhi": ("निजामुद्दीन", "ओखला", "बदरपुर", "कापसहेड़ा"),
    "jammu-kashmir": ("श्रीनगर", "उधमपुर"),
}

# National datelines: a report filed from the capital is not thereby about Delhi.
NATIONAL_DATELINES = frozenset({"नई दिल्ली", "नयी दिल्ली", "नई दिल्‍ली"})


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names = {name: state for state, spellings in STATES.items() for name in spellings}
    names.update({name: state for state, spellings in CITIES.items() for name in spellings})
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    alternatives = sorted(_names(), key=len, reverse=True)  # longest first: "उत्तर प्रदेश" before "प्रदेश"-less parts
    body = "|".join(re.escape(name) for name in alternatives)
    return re.compile(rf"(?<![\u0900-\u097F])(?:{body})(?![\u0900-\u097F])")


_LOCATED_AFTER = re.compile(r"\s+में(?![\u0900-\u097F])")  # "पुणे में": where the event is, not what it is named after


def first_state(text: str) -> str | None:
    """The state or union territory of the first Indian place named in ``text`` (a city counts as its state).

    A place the text locates its event in ("पुणे में") comes before places named earlier as part
    of a name or origin ("निजामुद्दीन मरकज से जुड़े पुणे में ..." is about Pune, not Delhi)."""
    matches = list(_pattern().finditer(text))
    if not matches:
        return None
    located = [m for m in matches if _LOCATED_AFTER.match(text, m.end())]
    return _names()[(located or matches)[0].group(0)]
