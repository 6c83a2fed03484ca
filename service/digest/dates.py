"""Dates in Hindi news text: the publication date in an article's header, and dates it mentions.

Dates are what keep apart two stories about the same people in different years: articles whose
possible publication times cannot overlap are never the same event, and two articles naming the
same calendar day (``18 नवंबर``) are likely reporting the same one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "जनवरी january jan",
        "फरवरी फ़रवरी february feb",
        "मार्च march mar",
        "अप्रैल april apr",
        "मई may",
        "जून june jun",
        "जुलाई july jul",
        "अगस्त august aug",
        "सितंबर सितम्बर september sep sept",
        "अक्टूबर अक्तूबर october oct",
        "नवंबर नवम्बर november nov",
        "दिसंबर दिसम्बर december dec",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
MONTH_PATTERN = _MONTH  # one capturing group: the month's name
_YEAR = r"((?:19|20)\d\d)"
# "17-18 नवंबर 2025", "9 September, 2020", "18 नवंबर"
# "14-Oct-2025" (day, month and year joined by hyphens) too
_DAY_MONTH = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:\s*[-–]\s*(\d{{1,2}}))?(?:\s+|-){_MONTH}(?![^\W\d_])(?:(?:,?\s+|-){_YEAR}(?!\d))?", re.I
)
# "September 9, 2020", "January 15 2026"
_MONTH_DAY = re.compile(rf"(?<![^\W\d_]){_MONTH}\s+(\d{{1,2}})(?!\d)(?:,?\s+{_YEAR}(?!\d))?", re.I)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d\d)(?!\d)")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{2})-(\d{2})(?!\d)")
# A year followed by "तक" ("2030 तक", by 2030) is a target, not a date the story happened near.
_YEAR_ALONE = re.compile(rf"(?<!\d){_YEAR}(?!\d)(?!\s*तक)")

# The header (breadcrumbs, byline, "Publish Date - ...") is within the first lines of a page.
HEADER_LINES = 12


@dataclass(frozen=True)
class DateProfile:
    """What an article says about when it happened."""

    published: date | None = None
    day_months: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)

    def earliest_possible(self) -> date | None:
        """A lower bound on the publication date: known, or the year before the latest year named
        (an article may announce next year's plans, but does not name years after it was written)."""
        if self.published:
            return self.published
        if self.years:
            return date(max(self.years) - 1, 1, 1)
        return None

    def latest_possible(self) -> date | None:
        return self.published


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_dates(text: str) -> list[date]:
    """Every complete date (day, month and year) in ``text``, in order of appearance."""
    found: list[tuple[int, date]] = []
    for m in _DAY_MONTH.finditer(text):
        if m.group(4):
            d = _safe_date(int(m.group(4)), _MONTHS[m.group(3).lower()], int(m.group(2) or m.group(1)))
            if d:
                found.append((m.start(), d))
    for m in _MONTH_DAY.finditer(text):
        if m.group(3):
            d = _safe_date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
            if d:
                found.append((m.start(), d))
    for m in _ISO.finditer(text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for m in _NUMERIC.finditer(text):
        d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            found.append((m.start(), d))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]


def month_number(name: str) -> int:
    """1-12 for a month name as ``MONTH_PATTERN`` matched it (Hindi or English, full or short)."""
    return _MONTHS[name.lower().rstrip(".")]


_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "सोमवार मंगलवार बुधवार गुरुवार बृहस्पतिवार शुक्रवार शनिवार रविवार".split()
)
_CLOCK_WORDS = frozenset("am pm a.m. p.m. ist gmt utc hrs बजे".split())


def is_date_word(word: str) -> bool:
    """A weekday or month name ("Thursday", "बुधवार", "Oct")."""
    word = word.lower().rstrip(".")
    return word in _WEEKDAYS or word in _MONTHS


def is_date_line(line: str) -> bool:
    """Whether a line is only a date and time ("Saturday, Mar 04, 2023 - 01:28 AM (IST)"): every
    word a number, a month, a weekday or a clock word, and at least one complete date."""
    words = [w for w in re.split(r"[\s,|/()\-–—•]+", line.lower()) if w]
    allowed = all(
        re.fullmatch(r"\d{1,4}(?:st|nd|rd|th)?|\d{1,2}[:.]\d\d(?:[:.]\d\d)?", w) or w.rstrip(".") in _MONTHS
        or w in _WEEKDAYS or w in _CLOCK_WORDS
        for w in words
    )
    return bool(words) and allowed and bool(full_dates(line))


def day_months(text: str) -> set[tuple[int, int]]:
    """(day, month) of every calendar day named, with or without a year; ranges give both ends."""
    result: set[tuple[int, int]] = set()
    for m in _DAY_MONTH.finditer(text):
        month = _MONTHS[m.group(3).lower()]
        for day in (m.group(1), m.group(2)):
            if day and 1 <= int(day) <= 31:
                result.add((int(day), month))
    for m in _MONTH_DAY.finditer(text):
        if 1 <= int(m.group(2)) <= 31:
            result.add((int(m.group(2)), _MONTHS[m.group(1).lower()]))
    return result


def header_date(raw_text: str) -> date | None:
    """The first complete date in the page header (dateline, "Publish Date - ..."), if any."""
    lines = [line for line in raw_text.splitlines() if line.strip()][:HEADER_LINES]
    dates = full_dates("\n".join(lines))
    return dates[0] if dates else None


def parse_published(value: object) -> date | None:
    """A JSONL ``published`` field: ISO date or datetime, or any date format ``full_dates`` reads."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        dates = full_dates(value)
        return dates[0] if dates else None


def profile(text: str, published: date | None = None) -> DateProfile:
    years = {int(y) for y in _YEAR_ALONE.findall(text)}
    if published:
        years.add(published.year)
    marks = day_months(text)
    if published:
        marks.add((published.day, published.month))
    return DateProfile(published, frozenset(marks), frozenset(years))


def compatible(a: DateProfile, b: DateProfile, tolerance_days: int = 3) -> bool:
    """False when the two articles cannot have been written at the same time."""
    for early, late in ((a, b), (b, a)):
        lower, upper = early.earliest_possible(), late.latest_possible()
        if lower and upper and (lower - upper).days > tolerance_days:
            return False
    return True


def shared_days(a: DateProfile, b: DateProfile) -> float:
    """Overlap (Jaccard) of the calendar days two articles name."""
    if not a.day_months or not b.day_months:
        return 0.0
    return len(a.day_months & b.day_months) / len(a.day_months | b.day_months)
