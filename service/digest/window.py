"""Which feed entries belong to a night's digest: those published in its window.

The window ends at the end of ``--date`` (midnight after it, in ``BRIEFS_TIMEZONE``) and starts at
``--since``: an ISO date or datetime, or a duration before the end (``36h``, ``2d``); by default
it is the day of ``--date``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DURATION = re.compile(r"^(\d+)\s*([hd])$", re.I)


@dataclass(frozen=True)
class Window:
    start: datetime  # aware, inclusive
    end: datetime  # aware, exclusive
    zone: ZoneInfo

    @classmethod
    def for_night(cls, day: str, since: str | None, zone_name: str) -> "Window":
        """``ValueError`` naming what is wrong with ``since`` or the zone."""
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"BRIEFS_TIMEZONE={zone_name!r} is not a time zone name (e.g. Asia/Kolkata, UTC)") from None
        end = datetime.combine(date.fromisoformat(day) + timedelta(days=1), time(), zone)
        start = end - timedelta(days=1) if not since else _since(since, end, zone)
        if start >= end:
            raise ValueError(f"--since {since} is not before the end of {day}")
        return cls(start, end, zone)

    def contains(self, at: datetime | None = None, day: date | None = None) -> bool | None:
        """True/False for a dated entry; None when neither a time nor a day is known."""
        if at is not None:
            return self.start <= at < self.end
        if day is not None:  # a day overlapping the window
            last = self.end - timedelta(microseconds=1)
            return self.local_day(self.start) <= day <= self.local_day(last)
        return None

    def local_day(self, at: datetime) -> date:
        return at.astimezone(self.zone).date()


def _since(value: str, end: datetime, zone: ZoneInfo) -> datetime:
    value = value.strip()
    match = _DURATION.match(value)
    if match:
        amount, unit = int(match.group(1)), match.group(2).lower()
        return end - (timedelta(hours=amount) if unit == "h" else timedelta(days=amount))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--since {value!r}: give YYYY-MM-DD, an ISO datetime, or a duration such as 36h or 2d") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
