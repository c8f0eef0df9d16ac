"""Following and unfollowing sources, and moving subscription lists in and out as OPML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsdesk.errors import NewsdeskError
from newsdesk.live.opml import Outline, parse_opml, write_opml
from newsdesk.model.live import Source, SourceKind
from newsdesk.store import Store

DEFAULT_EVERY = "15m"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
MIN_EVERY_SECONDS = 60  # politeness: no source is polled more than once a minute


class SourceError(NewsdeskError):
    """A source cannot be followed as asked; the message says why."""


def parse_interval(text: str) -> int:
    """Seconds in "90s", "15m", "2h", "1d" (a bare number is minutes)."""
    match = _INTERVAL.match(text)
    if not match:
        raise SourceError(f"interval {text!r} is not like 15m, 2h or 1d")
    seconds = int(float(match[1]) * _UNITS[(match[2] or "m").lower()])
    if seconds < MIN_EVERY_SECONDS:
        raise SourceError(
            f"interval {text!r} is under a minute; sources are polled at most once a minute"
        )
    return seconds


def check_source_url(url: str) -> str:
    """The URL stripped, if it is an absolute http(s) address; SourceError says what is wrong."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(f"{url!r} is not an http(s) address; only web sources can be followed")
    if not parts.hostname:
        raise SourceError(f"{url!r} names no host")
    return url


def follow(
    store: Store, url: str, name: str | None = None, every: str = DEFAULT_EVERY
) -> tuple[Source, bool]:
    """Follow a source: (the source, True when new; False when it was followed already)."""
    source = Source(url=check_source_url(url), name=name, every_seconds=parse_interval(every))
    return store.add_source(source)


@dataclass
class OpmlReport:
    added: list[Source] = field(default_factory=list)
    already: list[Source] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)


def import_opml(store: Store, data: bytes, origin: str, every: str = DEFAULT_EVERY) -> OpmlReport:
    """Follow every feed an OPML file lists; what cannot be followed is reported, not lost."""
    parsed = parse_opml(data, origin)
    report = OpmlReport(skipped=list(parsed.skipped))
    seconds = parse_interval(every)
    with store.transaction():
        for outline in parsed.outlines:
            try:
                url = check_source_url(outline.url)
            except SourceError as error:
                report.skipped.append((outline.url, str(error)))
                continue
            source, created = store.add_source(
                Source(url=url, name=outline.title, every_seconds=seconds, folder=outline.category)
            )
            (report.added if created else report.already).append(source)
    return report


def export_opml(store: Store) -> bytes:
    """Every followed source as OPML 2.0: a feed's own address where one was found (what other
    readers can poll), else the address the user followed."""
    return write_opml([_outline(s) for s in store.list_sources()])


def _outline(source: Source) -> Outline:
    feed = source.poll_url if source.kind == SourceKind.FEED and source.poll_url else source.url
    return Outline(
        url=feed,
        title=source.name,
        site_url=source.url if feed != source.url else None,
        category=source.folder,
    )
