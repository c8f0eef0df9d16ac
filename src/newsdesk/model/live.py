"""Sources newsdesk follows by itself: what was subscribed, what it turned out to be, and how
its last polls went."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum


class SourceKind(str, Enum):  # noqa: UP042
    FEED = "feed"  # RSS, Atom or JSON Feed
    WORDPRESS = "wordpress"  # a site's /wp-json/wp/v2/posts
    SITEMAP = "sitemap"  # a (news) sitemap listing article URLs
    SECTION = "section"  # a page whose links lead to articles


@dataclass
class Source:
    """A subscription and its polling state."""

    url: str  # as the user gave it
    name: str | None = None
    every_seconds: int = 15 * 60
    id: int | None = None
    folder: str | None = None  # a reader app's folder for it ("A/B" nested), kept through OPML
    kind: SourceKind | None = None  # None until the first poll found out
    poll_url: str | None = None  # the feed, API or sitemap actually polled
    paused: bool = False
    added_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    etag: str | None = None
    last_modified: str | None = None
    # Where the source was read up to: a WordPress post's latest modified_gmt, for paging.
    cursor: str | None = None
    last_fetch_at: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    next_due_at: datetime | None = None  # None: due now
    failures: int = 0  # consecutive
    items_found: int = 0  # in the last poll that read something
    articles_new: int = 0  # in the last poll
    articles_total: int = 0

    @property
    def state(self) -> str:
        """One word for the reader: paused, new, failing, backing off or ok."""
        if self.paused:
            return "paused"
        if self.last_fetch_at is None:
            return "new"
        if self.failures:
            return "failing" if self.failures < 3 else "backing off"
        return "ok"
