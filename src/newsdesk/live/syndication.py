"""Feeds out: stored articles as an Atom 1.0 document (written by feedgen) or a JSON Feed 1.1
object, so that any feed reader can follow a search, an entity or a story.

    info = FeedInfo("newsdesk: Kim Jong Un", "urn:newsdesk:feed:entity:person:kim-jong-un",
                    home_url="https://desk.example/entities/person:kim-jong-un",
                    base_url="https://desk.example")
    atom_feed(info, self_url, articles)  ->  bytes (UTF-8)
    json_feed(info, self_url, articles)  ->  dict, ready for json.dumps

Pure: records in, a document out. Dates are the articles' own; an article without a date gets
none (Atom's one required date is the exception, said where it is set). Every link written is
an absolute http(s) address: a source's javascript: or relative link is never passed on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urlsplit

from feedgen.feed import FeedGenerator

from newsdesk.model import StoredArticle, Timestamp

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
SUMMARY_CHARS = 600  # the first paragraph or two, cut at a word past this
GENERATOR = "newsdesk"
# Characters XML 1.0 cannot hold, even escaped (lxml refuses them; a source may still send one).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class FeedInfo:
    """What a feed is about: its title, its stable id, and where a reader finds it on the web."""

    title: str
    feed_id: str  # stable whatever host serves it, e.g. "urn:newsdesk:feed:story:12"
    home_url: str  # the reader's page for the same thing (absolute)
    base_url: str  # the server's root (absolute), for each article's reader page
    description: str | None = None


def article_urn(article_id: str) -> str:
    """An article's id in every feed: newsdesk's own article id, which survives new versions."""
    return f"urn:newsdesk:article:{article_id}"


def feed_urn(kind: str, key: str) -> str:
    return f"urn:newsdesk:feed:{kind}:{quote(key, safe=':')}"


def newest_first(articles: list[StoredArticle]) -> list[StoredArticle]:
    """Latest published first; an undated article by when newsdesk first saw it, the way the
    store lists an entity's articles (it only sorts: no date is given to the article)."""
    return sorted(articles, key=lambda s: (-_sort_time(s).timestamp(), s.id))


def atom_feed(info: FeedInfo, self_url: str, articles: list[StoredArticle]) -> bytes:
    """An Atom 1.0 feed of the articles, in the order given."""
    feed = FeedGenerator()
    feed.id(info.feed_id)
    feed.title(_xml(info.title))
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=info.home_url, rel="alternate", type="text/html")
    feed.generator(GENERATOR)
    if info.description:
        feed.subtitle(_xml(info.description))
    # Atom requires the feed's <updated>: the latest entry's, or (no entries) this moment, which
    # is when this empty document was made and says nothing about an article.
    stamps = [_atom_updated(s) for s in articles]
    feed.updated(max(stamps) if stamps else datetime.now(UTC))
    for stored in articles:
        _atom_entry(feed, info, stored)
    return feed.atom_str(pretty=True, encoding="UTF-8")


def _atom_entry(feed: FeedGenerator, info: FeedInfo, stored: StoredArticle) -> None:
    a = stored.article
    entry = feed.add_entry(order="append")
    entry.id(article_urn(stored.id))
    entry.title(_xml(a.title) or "(untitled)")
    entry.updated(_atom_updated(stored))
    if a.published:
        entry.published(_moment(a.published))
    # Atom requires an author per entry (or one for the whole feed, which would claim every
    # article for one name): the byline when known, else the publisher.
    for name in a.authors or ([a.source] if a.source else []):
        entry.author({"name": _xml(name)})
    if a.source:
        entry.source(url="", title=_xml(a.source))  # feedgen writes no link for an empty one
    # One link, the article (newsdesk's page when it has no web address): feedgen 1.0 writes an
    # entry's links without their rel, so a second link would read as another alternate.
    entry.link(href=_http_url(a.url) or reader_url(info, stored), rel="alternate")
    summary = summary_text(stored)
    if summary:
        entry.summary(_xml(summary))
    for tag in filter(None, map(_xml, a.tags)):
        entry.category(term=tag)


def _atom_updated(stored: StoredArticle) -> datetime:
    """The entry's <updated>, which Atom requires and feedgen would otherwise set to now: the
    article's update or publication time; for an undated article, when newsdesk first stored
    it (a fact about newsdesk, not a publication date; the entry gets no <published>)."""
    a = stored.article
    stamp = a.updated or a.published
    return _moment(stamp) if stamp else stored.first_seen_at


def json_feed(info: FeedInfo, self_url: str, articles: list[StoredArticle]) -> dict[str, Any]:
    """A JSON Feed 1.1 object of the articles, in the order given."""
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": self_url,
    }
    if info.description:
        data["description"] = info.description
    data["items"] = [_json_item(info, stored) for stored in articles]
    return data


def _json_item(info: FeedInfo, stored: StoredArticle) -> dict[str, Any]:
    a = stored.article
    reader = reader_url(info, stored)
    summary = summary_text(stored)
    item: dict[str, Any] = {
        "id": article_urn(stored.id),
        "url": _http_url(a.url) or reader,
        "title": a.title,
        "content_text": a.body_text or summary or a.title,  # JSON Feed requires content
    }
    if summary:
        item["summary"] = summary
    if a.published:
        item["date_published"] = _rfc3339(a.published)
    if a.updated:
        item["date_modified"] = _rfc3339(a.updated)
    if a.authors:
        item["authors"] = [{"name": name} for name in a.authors]
    if a.tags:
        item["tags"] = list(a.tags)
    if a.language:
        item["language"] = a.language
    # JSON Feed has no field for the publisher: an extension (its name starts with "_").
    item["_newsdesk"] = {"source": a.source, "site": a.site, "reader_url": reader}
    return item


def summary_text(stored: StoredArticle) -> str:
    """Plain text: the article's excerpt, else its first two paragraphs, cut at a word."""
    a = stored.article
    text = a.excerpt or "\n\n".join(a.paragraphs[:2])
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text.find(" ", SUMMARY_CHARS)
    return text if cut < 0 else text[:cut].rstrip(" ,;:") + "…"


def reader_url(info: FeedInfo, stored: StoredArticle) -> str:
    return f"{info.base_url.rstrip('/')}/articles/{stored.id}"


def _sort_time(stored: StoredArticle) -> datetime:
    a = stored.article
    stamp = a.published or a.updated
    return stamp.utc if stamp else stored.first_seen_at


def _moment(stamp: Timestamp) -> datetime:
    """The moment in the zone the source published it in (UTC when it gave none)."""
    if stamp.utc_offset_minutes is None:
        return stamp.utc
    return stamp.utc.astimezone(timezone(timedelta(minutes=stamp.utc_offset_minutes)))


def _rfc3339(stamp: Timestamp) -> str:
    return _moment(stamp).isoformat().replace("+00:00", "Z")


def _http_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) address a reader may follow, else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    ok = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    return url.strip() if ok and not any(c.isspace() for c in url.strip()) else None


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text).strip()
