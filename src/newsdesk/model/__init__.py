"""The records every stage of newsdesk shares.

Raw input comes in as a `RawDocument`; an ingest adapter turns it into `Article` records;
later stages (enrichment, deduplication, stories) read articles from the store and add their own
records. Everything here is plain data: no I/O, no database.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum


class RawStatus(str, Enum):  # noqa: UP042
    PENDING = "pending"
    PARSED = "parsed"
    FAILED = "failed"


class Relation(str, Enum):  # noqa: UP042
    MAIN = "main"  # the article a page or record is about
    RELATED = "related"  # a teaser block found on another article's page


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class RawDocument:
    """One input exactly as it arrived; always stored before parsing."""

    content: bytes
    origin: str  # file path, URL or "<stdin>"
    received_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    format_hint: str | None = None  # a format the user forced with --format
    crawled_at: datetime | None = None  # when the page was fetched, if known: anchors "2 days ago"
    size: int | None = None  # set when content was not kept whole (oversized input)
    # For fetched inputs: url, final_url, status and headers of the response, and its source.
    fetch: dict[str, object] | None = None
    source_id: int | None = None
    content_sha256: str = ""
    id: int | None = None
    status: RawStatus = RawStatus.PENDING
    error: str | None = None
    detected_format: str | None = None

    def __post_init__(self) -> None:
        if not self.content_sha256:
            self.content_sha256 = content_hash(self.content)
        if self.size is None:
            self.size = len(self.content)


@dataclass
class Section:
    """A run of paragraphs under one heading; the lead section has no heading."""

    heading: str | None
    paragraphs: list[str]


@dataclass
class Timestamp:
    """A moment in UTC plus what the source said about it.

    `utc_offset_minutes` is the offset the source published in (+540 for KST), None if the source
    gave only UTC or no zone. `precision` is "second", "minute", "hour" or "day" (a bare date, or
    "2 days ago": no finer time is invented).
    """

    utc: datetime
    utc_offset_minutes: int | None = None
    precision: str = "second"

    def __post_init__(self) -> None:
        if self.utc.tzinfo is None:
            raise ValueError("Timestamp.utc must be timezone-aware")
        self.utc = self.utc.astimezone(UTC)


@dataclass
class Article:
    """A clean article as one adapter read it from one raw document."""

    title: str
    sections: list[Section] = field(default_factory=list)
    url: str | None = None
    canonical_url: str | None = None
    guid: str | None = None
    source: str | None = None  # the publisher, e.g. "Korea Herald"
    site: str | None = None  # where it was read, when not the publisher (an aggregator)
    authors: list[str] = field(default_factory=list)
    published: Timestamp | None = None
    updated: Timestamp | None = None
    date_text: str | None = None  # the source's own words for a date we could not resolve
    language: str | None = None
    excerpt: str | None = None
    tags: list[str] = field(default_factory=list)
    is_truncated: bool = False  # the input was cut off: what we have is partial
    is_teaser: bool = False  # only a teaser was given; the full text lives elsewhere
    relation: Relation = Relation.MAIN
    found_on: str | None = None  # id of the article whose page listed this one
    notes: list[str] = field(default_factory=list)  # what the adapter noticed (salvage, fields cut)
    extra: dict[str, object] = field(default_factory=dict)  # source-specific fields worth keeping

    @property
    def paragraphs(self) -> list[str]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)

    @property
    def identity_key(self) -> str:
        """What makes two records the same article (a new version, never a duplicate)."""
        if self.canonical_url:
            return "url:" + self.canonical_url
        if self.guid:
            return "guid:" + self.guid
        # No date in the key: a teaser's date may be resolved on one crawl and not another.
        return f"title:{_fold(self.source or '')}|{_fold(self.title)}"

    @property
    def id(self) -> str:
        return hashlib.sha256(self.identity_key.encode()).hexdigest()[:16]

    @property
    def version_hash(self) -> str:
        """Changes when the article's content changes (a new version)."""
        parts = [self.title, self.body_text, self.updated.utc.isoformat() if self.updated else ""]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


@dataclass
class StoredArticle:
    """An article as the store holds it: its latest version and when it was seen."""

    id: str
    version: int
    article: Article
    raw_document_id: int
    first_seen_at: datetime
    last_seen_at: datetime


@dataclass
class Sighting:
    """One raw document an article was read from: where newsdesk got it, and which version."""

    raw_document_id: int
    origin: str
    sha256: str
    received_at: datetime
    format: str | None
    version: int
    seen_at: datetime


@dataclass
class SaveOutcome:
    """What storing one parsed article did: "new", "updated" (a new version) or "unchanged"."""

    article_id: str
    version: int
    change: str
