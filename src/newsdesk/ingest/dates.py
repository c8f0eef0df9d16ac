"""Dates as news sources write them, read with the offset they were written in.

ISO 8601 / RFC 3339, RFC 822 (with the zone names this beat's feeds use) and Korean portal
dates are read here; a parser's own UTC reading (feedparser's *_parsed) is the last resort.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from newsdesk.ingest.fragments import squash_space
from newsdesk.model import Timestamp

_HANGUL = re.compile("[\uac00-\ud7a3]")


# Zone names feeds on this beat write that the email module does not know.
_ZONE_MINUTES = {"KST": 540, "JST": 540, "HKT": 480, "SGT": 480, "MSK": 180, "CET": 60, "CEST": 120}
_KST = timezone(timedelta(hours=9))
_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
_NUMERIC_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})$")
# Korean portal dates: "2025년 05월 08일 08:47", "2025-05-08 오후 3:47:12", "2025.05.08 15:47".
_KOREAN_DATE = re.compile(
    r"(\d{4})\s*[년./-]\s*(\d{1,2})\s*[월./-]\s*(\d{1,2})\s*[일.]?\s*(?:\(\w\)\s*)?"
    r"(오전|오후)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$"
)


def parse_timestamp(text: str, parsed_utc: Any = None) -> tuple[Timestamp | None, str | None]:
    """A feed's date with the offset it was written in; a note when no zone was given.

    Reads ISO 8601 / RFC 3339, RFC 822 and Korean portal dates ourselves (feedparser's reading
    drops the offset and misreads Korean dates); other formats fall back to feedparser's UTC.
    """
    text = squash_space(text)
    if not text:
        return None, None
    try:
        moment, precision = _read_date(text)
    except (ValueError, TypeError, IndexError, OverflowError):
        moment, precision = None, "second"
    if moment is None and not _HANGUL.search(text):  # feedparser misreads Korean dates
        moment = _from_struct(parsed_utc, text)
    if moment is None:
        return None, None
    note = None
    if moment.tzinfo is None and _HANGUL.search(text):
        # Written in Korean with no zone: the publisher's clock is Korean time.
        moment = moment.replace(tzinfo=_KST)
        note = f"date {text!r} gives no time zone; read as Korean time (+09:00)"
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
        if precision == "second":
            note = f"date {text!r} gives no time zone; read as UTC"
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else None
    try:
        return Timestamp(utc=moment, utc_offset_minutes=minutes, precision=precision), note
    except (OverflowError, ValueError):
        return None, None


def _read_date(text: str) -> tuple[datetime | None, str]:
    if _BARE_DATE.match(text):
        return datetime.fromisoformat(text), "day"
    if _ISO_START.match(text):
        return datetime.fromisoformat(text), "second"
    korean = _KOREAN_DATE.match(text)
    if korean:
        year, month, day, half, hour, minute, second = korean.groups()
        hour_of_day = (
            int(hour) % 12 + 12 if half == "오후" else int(hour) % 12 if half else int(hour)
        )
        parts = (int(year), int(month), int(day), hour_of_day, int(minute), int(second or 0))
        return datetime(*parts), "second"
    if not re.search(r"\d{1,2}:\d{2}", text):
        for pattern in ("%a, %d %b %Y", "%d %b %Y"):
            try:
                return datetime.strptime(text, pattern), "day"
            except ValueError:
                continue
        return None, "second"
    moment = parsedate_to_datetime(text)
    zone = text.rsplit(" ", 1)[-1].upper()
    if moment.tzinfo is None and zone in _ZONE_MINUTES:
        moment = moment.replace(tzinfo=timezone(timedelta(minutes=_ZONE_MINUTES[zone])))
    return moment, "second"


def _from_struct(parsed_utc: Any, text: str) -> datetime | None:
    if not isinstance(parsed_utc, time.struct_time):
        return None
    try:
        moment = datetime.fromtimestamp(calendar.timegm(parsed_utc), UTC)
    except (OverflowError, OSError, ValueError):
        return None
    match = _NUMERIC_OFFSET.search(text)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        minutes = sign * (int(match.group(2)) * 60 + int(match.group(3)))
        if abs(minutes) < 24 * 60:
            moment = moment.astimezone(timezone(timedelta(minutes=minutes)))
    return moment
