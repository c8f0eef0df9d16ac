"""Dates as news sources write them, read with the offset they were written in.

ISO 8601 / RFC 3339, RFC 822 (with the zone names this beat's feeds use) and Korean portal
dates are read here; a parser's own UTC reading (feedparser's *_parsed) is the last resort.
"""

from __future__ import annotations

import calendar
import re
import time
import warnings
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil import parser as dateutil_parser

from newsdesk.ingest.fragments import squash_space
from newsdesk.model import Timestamp

_HANGUL = re.compile("[\uac00-\ud7a3]")


# Zone names feeds on this beat write that the email module does not know.
_ZONE_MINUTES = {"KST": 540, "JST": 540, "HKT": 480, "SGT": 480, "MSK": 180, "CET": 60, "CEST": 120}
# For other written dates; CST (China or US Central) and IST (India or Ireland) stay unknown.
_TZINFOS = {
    name: minutes * 60
    for name, minutes in {
        **_ZONE_MINUTES,
        **{"EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360},
        **{"PST": -480, "PDT": -420, "BST": 60, "AEST": 600, "AEDT": 660},
        **{"GMT": 0, "UTC": 0, "UT": 0, "Z": 0},
    }.items()
}
_DEFAULTS = (datetime(2001, 1, 1, 0, 0, 0), datetime(2002, 2, 2, 1, 1, 1))
_KST = timezone(timedelta(hours=9))
_RFC822 = re.compile(r"(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3,9}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2\d{2,4}\b")
_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
_ISO_COMPACT = re.compile(r"\d{4}(?:-?W\d{2}-?\d$|\d{4}T\d)")  # 2024-W25-3, 20240619T131500Z
_REFUSED = "refused"  # a date that was read but is incomplete or ambiguous: no guessing
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
    if moment is None and precision != _REFUSED and not _HANGUL.search(text):
        # Last resort for forms no reader above knows; never for Korean dates (it misreads them)
        # or for dates read and found incomplete or ambiguous (it would guess).
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
    if _ISO_START.match(text) or _ISO_COMPACT.match(text):
        return datetime.fromisoformat(text), "day" if "W" in text else "second"
    korean = _KOREAN_DATE.match(text)
    if korean:
        year, month, day, half, hour, minute, second = korean.groups()
        hour_of_day = (
            int(hour) % 12 + 12 if half == "오후" else int(hour) % 12 if half else int(hour)
        )
        parts = (int(year), int(month), int(day), hour_of_day, int(minute), int(second or 0))
        return datetime(*parts), "second"
    if _RFC822.match(text):
        moment = parsedate_to_datetime(text)
        zone = text.rsplit(" ", 1)[-1].upper()
        if moment.tzinfo is None and zone in _ZONE_MINUTES:
            moment = moment.replace(tzinfo=timezone(timedelta(minutes=_ZONE_MINUTES[zone])))
        return moment, "second"
    return _read_other_date(text)


def _read_other_date(text: str) -> tuple[datetime | None, str]:
    """Other written dates ("June 19, 2024 1:15 PM EDT", "2024/06/19", "19.06.2024 13:15").

    dateutil fills whatever a text leaves out from a default date: reading it with two different
    defaults and keeping only what both agree on means no part of a date is ever invented.
    """
    written = _GMT_OFFSET.sub(_numeric_offset, text)  # dateutil reads "GMT+9" as -09:00 (POSIX)
    day_month = _DAY_MONTH_YEAR.search(written)
    if day_month and day_month[2] == "/" and _ambiguous(day_month[1], day_month[3]):
        return None, _REFUSED  # 06/07/2024: June 7 or 6 July; unknown stays unknown
    dayfirst = bool(day_month) and day_month[2] in ".-"  # 19.06.2024: the European order
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
        first = dateutil_parser.parse(
            written, default=_DEFAULTS[0], dayfirst=dayfirst, tzinfos=_TZINFOS
        )
        second = dateutil_parser.parse(
            written, default=_DEFAULTS[1], dayfirst=dayfirst, tzinfos=_TZINFOS
        )
    if first.date() != second.date():
        return None, _REFUSED  # the year, month or day is not written
    if (first.hour, first.minute) != (second.hour, second.minute):
        return first.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None), "day"
    return first.replace(second=0) if first.second != second.second else first, "second"


def _numeric_offset(match: re.Match[str]) -> str:
    return f"{match[1]}{int(match[2]):02d}:{match[3] or '00'}"


def _ambiguous(first: str, second: str) -> bool:
    return int(first) <= 12 and int(second) <= 12 and int(first) != int(second)


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
    if not _written_in(moment, text):
        return None  # feedparser filled in what it could not read ("2024-június-19" -> Dec 1)
    return moment


def _written_in(moment: datetime, text: str) -> bool:
    """Whether the text itself holds the year and the day of the month of a reading of it."""
    day = re.search(rf"(?<!\d)0?{moment.day}(?!\d)", text)
    return str(moment.year) in text and day is not None
