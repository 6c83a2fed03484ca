"""An article's publication date: from metadata when there is any, else from what the text marks as
the report's own date, else unknown.

The order, first found wins (``docs/nightly.md`` "Publication dates"):

1. **given** - the ``published`` field of a JSONL line, or the feed entry's date;
2. **html** - the page's markup: ``<meta>`` tags, JSON-LD, ``<time>`` elements (htmldate, preferring
   the original publication date over a modification date); never the page's body text;
3. **url** - a complete date in the article's URL (``/2023/05/31/``, ``-2023-05-31-``);
4. **stamp** - a publication stamp in the page header (the lines before the story): a labelled one
   ("Published: 13 Dec 2025", "प्रकाशित: ...", "Created At: ...", "This Article is From Jun 22,
   2011"), else a date-and-time line ("Saturday, Mar 04, 2023 - 01:28 AM (IST)"); an "Updated"
   stamp only when no other is there. A date line without a time of day is not a stamp: sites
   print today's date in their header, and a table row ``9 मार्च<TAB>1941`` looks the same;
5. **dateline** - a dateline opening one of the first lines: a place, a comma, a day and month
   (year optional), then an agency credit or a stop: ``नयी दिल्ली, 12 मार्च (भाषा)``,
   ``नयी दिल्ली, चार मार्च (भाषा)``, ``लखनऊ, 15 जनवरी 2026 :``. A date inside a sentence ("30 जून 2019 को")
   is never one, nor are weekdays or "आज" (they say when, relative to a date we do not know).

A date from the text (4, 5) must fall within ``TEXT_MAX_AGE_DAYS`` before the run's date, except a
stamp labelled as the publication date (an old article is old); no date may be after the run's
date (plus a day, for time zones). Anything else is **unknown**, and says
why: a wrong date orders the digest and splits or joins stories wrongly; an unknown one does not.
The file's modification time is never used (it says when the file was copied).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from service.digest import dates

TEXT_MAX_AGE_DAYS = 14  # a header or dateline date older than this (before the run's date) is not tonight's report's
FUTURE_SLACK_DAYS = 1  # the run's date in one time zone is the next day in another
EARLIEST = date(1995, 1, 1)  # before news sites (htmldate's own lower bound)
HEADER_LINES = 12  # a page header is within the first lines
DATELINE_LINES = 6  # a dateline opens one of the first story lines

_DAY_WORDS = {
    word: number
    for number, words in enumerate(
        [
            "एक", "दो", "तीन", "चार", "पांच पाँच", "छह छः छै", "सात", "आठ", "नौ", "दस", "ग्यारह", "बारह", "तेरह",
            "चौदह", "पंद्रह पन्द्रह", "सोलह", "सत्रह", "अठारह", "उन्नीस", "बीस", "इक्कीस", "बाईस", "तेईस", "चौबीस",
            "पच्चीस", "छब्बीस", "सत्ताईस", "अट्ठाईस अठाईस", "उनतीस", "तीस", "इकतीस इकत्तीस",
        ],
        start=1,
    )
    for word in words.split()
}
_DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_MONTH = dates.MONTH_PATTERN
_DAY = r"(\d{1,2}|" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + r")"
_AGENCY = r"\((?:[^()\d]{1,30})\)"  # "(भाषा)", "(वार्ता)", "(एजेंसी)", "(आईएएनएस)", "(PTI)"
_PLACE = r"[^\W\d_][^\s,।:()\d]*(?:\s+[^\s,।:()\d]+){0,2}"  # one to three words, no digits
DATELINE = re.compile(  # a byline in brackets may come first: "(अनवारुल हक) नयी दिल्ली, 23 अप्रैल (भाषा)"
    rf"^\s*(?:\([^()\d]{{1,40}}\)\s*)?{_PLACE}(?:\s*\([^()\d]{{1,30}}\))?\s*,\s*{_DAY}\s+{_MONTH}(?![^\W\d_])(?:\s*,?\s*((?:19|20)\d\d))?"
    rf"\s*(?:{_AGENCY}|[।:|\-–—]|$)",
    re.I,
)
_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}[:.]\d\d(?!\d)(?:\s*(?:am|pm|a\.m\.|p\.m\.|बजे))?", re.I)
_PUBLISHED_LABEL = re.compile(
    r"(?:first\s+)?(?:published|publish\s+date|published\s+on|posted(?:\s+on)?|created(?:\s+at)?|this\s+article\s+is\s+from"
    r"|प्रकाशित(?:\s+(?:तिथि|तारीख))?|पब्लिश्ड|पब्लिश|प्रकाशन\s+(?:तिथि|तारीख))\s*(?:on|at)?\s*[:\-–—|]?",
    re.I,
)
_UPDATED_LABEL = re.compile(r"(?:last\s+)?(?:updated|modified|अपडेटेड|अपडेट|अंतिम\s+अपडेट)\s*(?:on|at)?\s*[:\-–—|]?", re.I)
_STAMP_MAX_CHARS = 120  # a stamp is a short line, not a sentence of the story
_STORY_LINE_WORDS = 12  # a line this long is story text: the header is over after two of them


@dataclass(frozen=True)
class PublicationDate:
    value: date | None
    how: str  # given, html, url, stamp, dateline; or unknown
    note: str = ""  # why unknown, or what was set aside

    @property
    def iso(self) -> str | None:
        return self.value.isoformat() if self.value else None


UNKNOWN = PublicationDate(None, "unknown", "no publication date in the metadata, the page header or a dateline")


def choose(
    text: str,
    *,
    given: str | None = None,
    html: str | None = None,
    url: str | None = None,
    reference: date | None = None,
) -> PublicationDate:
    """The publication date of one article. ``text``: its text before cleaning (headers kept);
    ``html``: the page, when the input was HTML; ``reference``: the run's date (``--date``)."""
    latest = (reference or date.today()) + timedelta(days=FUTURE_SLACK_DAYS)
    notes: list[str] = []
    for how, found in (("given", lambda: dates.parse_published(given)), ("html", lambda: _from_html(html, url, latest)),
                       ("url", lambda: _from_url(url))):
        value = found()
        if value is None:
            continue
        if EARLIEST <= value <= latest:
            return PublicationDate(value, how)
        notes.append(f"{how} date {value.isoformat()} set aside (after the run's date or before {EARLIEST.year})")
    recent = reference - timedelta(days=TEXT_MAX_AGE_DAYS) if reference else EARLIEST
    stamp, labelled = header_stamp(text)
    for how, value, earliest in (("stamp", stamp, EARLIEST if labelled else recent),
                                 ("dateline", dateline_date(text, reference), recent)):
        if value is None:
            continue
        if earliest <= value <= latest:
            return PublicationDate(value, how, "; ".join(notes))
        notes.append(f"{how} date {value.isoformat()} set aside (after the run's date, or more than "
                     f"{TEXT_MAX_AGE_DAYS} days before it)")
    return PublicationDate(None, "unknown", "; ".join(notes) or UNKNOWN.note)


def _from_html(html: str | None, url: str | None, latest: date) -> date | None:
    """The page's own date from its markup only (htmldate over the head, JSON-LD and time elements)."""
    if not html:
        return None
    import htmldate

    markup = _markup_only(html)
    if markup is None:
        return None
    found = htmldate.find_date(markup, extensive_search=False, original_date=True, url=url, max_date=latest.isoformat())
    return date.fromisoformat(found) if found else None


def _markup_only(html: str) -> str | None:
    """The page's ``<head>``, JSON-LD blocks and ``<time>``/``datePublished`` elements, without the
    body's text: htmldate's fast mode still searches body text for a bare date as a last resort."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    kept = tree.xpath(
        "//head/meta | //head/link | //head/title | //script[@type='application/ld+json'] | //time"
        " | //*[@itemprop='datePublished' or @itemprop='dateCreated' or @itemprop='dateModified']"
    )
    parts = [etree.tostring(node, encoding="unicode", with_tail=False) for node in kept]
    return "<html><head>" + "".join(parts) + "</head><body></body></html>"


def _from_url(url: str | None) -> date | None:
    if not url:
        return None
    match = re.search(r"\D((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:\D|$)", url)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _header_lines(text: str) -> list[str]:
    """The first lines, up to where the story has clearly begun (its second long line)."""
    lines: list[str] = []
    story_lines = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        lines.append(line.strip())
        if len(line.split()) >= _STORY_LINE_WORDS and (re.search(r"[।.?!]['\"’”]?$", line.strip()) or len(line.split()) >= 30):
            story_lines += 1  # a headline is long too, but has no full stop
        if story_lines == 2 or len(lines) == HEADER_LINES:
            break
    return lines


def _stamp_date(segment: str) -> date | None:
    found = dates.full_dates(segment.translate(_DEVANAGARI_DIGITS))
    return found[0] if found else None


def header_stamp(text: str) -> tuple[date | None, bool]:
    """The date of the page header's publication stamp (see the module docstring), if any, and
    whether it was labelled as the publication date ("Published", "प्रकाशित", "Created At"): such a
    stamp is taken however old (an old article is old); other stamps only when recent."""
    published: date | None = None
    timed: date | None = None
    updated: date | None = None
    for line in _header_lines(text):
        for label in _PUBLISHED_LABEL.finditer(line):
            published = published or _stamp_date(line[label.end(): label.end() + 60])
        for label in _UPDATED_LABEL.finditer(line):
            updated = updated or _stamp_date(line[label.end(): label.end() + 60])
        if len(line) <= _STAMP_MAX_CHARS and _TIME_OF_DAY.search(line) and not _PUBLISHED_LABEL.search(line):
            timed = timed or (_stamp_date(line) if dates.is_date_line(line) else None)
    return (published, True) if published else (timed or updated, False)


def dateline_date(text: str, reference: date | None) -> date | None:
    """The date of a dateline opening one of the first lines (year from the line, else the latest
    such day not after the run's date), if any."""
    lines = [line for line in text.splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        match = DATELINE.match(line.translate(_DEVANAGARI_DIGITS))
        if not match or dates.is_date_word(match.group(0).split(",")[0].strip()):
            continue  # "Thursday, 17 October 2013" is a date line, not a place and a date
        day_text, month_text, year_text = match.group(1), match.group(2), match.group(3)
        day = int(day_text) if day_text.isdigit() else _DAY_WORDS[day_text]
        month = dates.month_number(month_text)
        if year_text:
            return _valid(int(year_text), month, day)
        if reference is None:
            return None  # a day and month alone, and no run date to place them in a year
        latest = reference + timedelta(days=FUTURE_SLACK_DAYS)
        for year in (latest.year, latest.year - 1):
            candidate = _valid(year, month, day)
            if candidate and candidate <= latest:
                return candidate
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
