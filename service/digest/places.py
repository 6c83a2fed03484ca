"""Where a report says its event happened: the place words of its headline and lead.

Hindi has no capital letters, so a place is found by how news prose locates events: a word before
"में" (in), "की राजधानी" (capital of), "शहर", "जिले", "प्रांत", or the dateline that opens the
body ("मॉस्को:", "पेशावर।"). Such a word counts as a place if it is a country or territory name
(CLDR, via babel) or a word general Hindi rarely uses (``specificity``), so that "इलाकों में" or
"बैठक में" are not places. A word owned by another noun ("की चपेट में", "के दौरान में") and
oblique plurals in -ों are common nouns. When one report's lead places its event somewhere the
other report never mentions, the two are likely different events (two meetings of the same
ministers, one in Astana and one in Moscow).
"""
from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from service.digest.indian_places import first_state
from service.digest.lead import LEAD_SENTENCES, Lead, read_lead
from service.digest.specificity import background_specificity

RARE_ENOUGH = 0.9  # background specificity above which an unlisted word before "में" is taken as a name
_WORD = r"[\u0900-\u097F]+"
_LOCATED = re.compile(rf"(?:^|(?<=\s))({_WORD})\s+(?:में|की\s+राजधानी|शहर|जिले|प्रांत)(?![\u0900-\u097F])")
_DATELINE = re.compile(rf"^\s*({_WORD})(?:\s*[,(][^।:]{{0,40}})?\s*[:।|.]")
_OWNED = re.compile(r"(?:की|के|का)\s+$")


@lru_cache(maxsize=1)
def territory_names() -> frozenset[str]:
    return frozenset(Locale("hi").territories.values())


def is_place_word(word: str) -> bool:
    if len(word) < 3 or word.endswith("ों"):
        return False
    return word in territory_names() or background_specificity(word) >= RARE_ENOUGH


def lead_places(text: str) -> set[str]:
    """Place words of the headline (first line) and the first ``LEAD_SENTENCES`` sentences of the body."""
    return places_in(read_lead(text))


def places_in(lead: Lead) -> set[str]:
    places = set()
    for segment in (lead.headline, " ".join(lead.sentences[:LEAD_SENTENCES])):
        for match in _LOCATED.finditer(segment):
            if not _OWNED.search(segment[: match.start(1)]) and is_place_word(match.group(1)):
                places.add(match.group(1))
    dateline = _DATELINE.match(lead.first_paragraph) if lead.first_paragraph else None
    if dateline and is_place_word(dateline.group(1)):
        places.add(dateline.group(1))
    return places


_SECTION_TAG = re.compile(r"^\s*[^\s/]{1,20}\s+/\s+")  # "पटना / ...", "देश / ...": a site's section or desk tag
_NATIONAL_DATELINE = re.compile(r"^\s*(?:नई|नयी)\s+दिल्[\u094d\u200c\u200d]*ली\s*(?:\[[^\]]*\])?\s*[,:।]")
NATIONAL = "india"  # ``lead_state`` of a report about the whole country
_COUNTRYWIDE = re.compile(r"(?<![\u0900-\u097F])देश\s*(?:भर\s+)?में(?![\u0900-\u097F])")  # "देश में", "देशभर में", "देश भर में"
LEAD_PLACE_CHARS = 100  # the state is looked for at the head of the headline / lead sentence only
_FIGURE = re.compile(r"(?<![\w\-.])(\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?)(?![\w\-])")
_NOT_A_FIGURE = re.compile(r"^\s*(?:घंट|दिन|साल|वर्ष|बजे|फीसदी|प्रतिशत|%|जनवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर)")
MIN_FIGURE = 10  # smaller numbers ("दो", "4 हुई") are too common to tell two reports apart
# Words of a recurring count's update. Deaths (मौत) are left out: a disaster's rising toll is one event.
ROUTINE_COUNT = re.compile(
    r"(?<![\u0900-\u097F])(?:नए|नये|कुल|संक्रमित|संक्रमितों|पॉजिटिव|पाजिटिव|मामले|मामलों|केस|मरीज|मरीजों"
    r"|प्रति\s+लीटर|प्रति\s+किलो|तापमान|डिग्री)(?![\u0900-\u097F])"
)


def lead_state(lead: Lead) -> str | None:
    """The Indian state or union territory the report is about: the first one named (one it locates
    the event in, "पुणे में", first: ``indian_places.first_state``) in the first
    ``LEAD_PLACE_CHARS`` characters of its headline (a section tag such as "पटना / " and a national
    "नई दिल्ली" dateline are skipped; a city counts as its state), else of its lead sentence; else
    ``NATIONAL`` when either says the event is countrywide ("देश में", "देशभर में": India's count is
    not Uttar Pradesh's). ``None`` when none of these. Places further on (the other states a report
    compares with) do not count."""
    headline = _NATIONAL_DATELINE.sub("", _SECTION_TAG.sub("", lead.headline, count=1), count=1)[:LEAD_PLACE_CHARS]
    sentence = _NATIONAL_DATELINE.sub("", lead.sentences[0], count=1)[:LEAD_PLACE_CHARS] if lead.sentences else ""
    found = first_state(headline) or first_state(sentence)
    if found is None and (_COUNTRYWIDE.search(headline) or _COUNTRYWIDE.search(sentence)):
        return NATIONAL
    return found


def lead_figures(lead: Lead) -> set[str]:
    """The figures of the headline and first sentence (counts, totals), digits only: "1,403" -> "1403".
    Years, hours, days, percentages and numbers below ``MIN_FIGURE`` are left out."""
    figures = set()
    for segment in (lead.headline, lead.sentences[0] if lead.sentences else ""):
        for match in _FIGURE.finditer(segment):
            value = match.group(1).replace(",", "")
            number = float(value)
            if number < MIN_FIGURE or 1900 <= number <= 2100 or _NOT_A_FIGURE.match(segment[match.end():]):
                continue
            figures.add(value)
    return figures


def is_routine_update(lead: Lead) -> bool:
    """Whether the headline and first sentence report the latest figure of a recurring count: cases
    ("नए मामले", "कुल संक्रमित", "पॉजिटिव"), a price ("रुपये प्रति लीटर") or a temperature. Such
    reports come every day and from every state; what tells one update from another is its figures,
    not its words (``ROUTINE_COUNT``)."""
    segment = f"{lead.headline} {lead.sentences[0] if lead.sentences else ''}"
    return bool(ROUTINE_COUNT.search(segment))


def text_figures(text: str) -> set[str]:
    """Every figure the text gives (digits only, as ``lead_figures`` writes them), at least ``MIN_FIGURE``:
    where a short report's headline figure is looked for in the reports it might join."""
    values = (match.group(1).replace(",", "") for match in _FIGURE.finditer(text))
    return {v for v in values if float(v) >= MIN_FIGURE}
